/**
 * The desktop shell's security settings as plain data and pure decisions, so tests can read them where Electron
 * cannot run: the Content-Security-Policy, the window's webPreferences, which URLs are the app's own page,
 * which requests may leave the page (none but the app's own files), navigation and new windows (refused).
 * main.ts applies them; browser mode (web/server.ts) sends the same CSP.
 */

/**
 * Only the app's own files: no remote script, style, font, image or connection; no plugins, no <base>, no
 * form posts, not framed. 'unsafe-inline' for styles only: Ant Design writes its CSS-in-JS into <style> tags.
 * The same text is in renderer/index.html's <meta> (a test keeps them equal).
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The one window's webPreferences (the preload path is added by main.ts). */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const;

export interface PageOrigin {
  /** file:// URL of the renderer folder (out/renderer), without a trailing slash. */
  rendererDirUrl: string;
  /** The dev server's URL under `npm run dev`; undefined in the built app. */
  devUrl?: string | undefined;
}

/** The app's own page: index.html in the renderer folder (any hash route), or the dev server. */
export function isTrustedUrl(url: string, o: PageOrigin): boolean {
  if (o.devUrl && url.startsWith(o.devUrl)) return true;
  const index = `${o.rendererDirUrl}/index.html`;
  return url === index || url.startsWith(`${index}#`) || url.startsWith(`${index}?`);
}

/**
 * What the session lets the page load: files inside the renderer folder, data: and blob: (made in the page),
 * the dev server in development. Everything else — any http(s), ws, ftp, other files on disk — is cancelled.
 */
export function isAppRequest(url: string, o: PageOrigin): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('devtools:')) return true;
  if (o.devUrl && (url.startsWith(o.devUrl) || url.startsWith(o.devUrl.replace(/^http/, 'ws')))) return true;
  if (!url.startsWith('file:')) return false;
  let p: string;
  try {
    p = new URL(url).href;
  } catch {
    return false;
  }
  // The URL parser folds ../ segments, so a path that climbs out of the folder no longer starts with it.
  return p.startsWith(`${o.rendererDirUrl}/`) && !/%2e|%2f|%5c/i.test(p.slice(o.rendererDirUrl.length));
}

/** Navigation away from the page is refused (links, drags, location changes); only the page itself may load. */
export function allowNavigation(url: string, o: PageOrigin): boolean {
  return isTrustedUrl(url, o);
}

/** New windows are never opened, whatever the URL (window.open, target=_blank, middle click). */
export function windowOpenAction(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

/** No permission is granted: camera, microphone, notifications, geolocation, clipboard reads … */
export function allowPermission(_permission: string): false {
  return false;
}
