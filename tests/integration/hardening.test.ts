/**
 * Electron hardening, checked where Electron cannot run (its binary cannot be downloaded here):
 * - the CSP and webPreferences as data (electron/security/policy.ts), the renderer's <meta> CSP equal to it,
 *   browser mode sending it as a header;
 * - main.ts run against a stand-in for the 'electron' module that records what it registers: then the recorded
 *   handlers are called as Electron would — navigation away, new windows, remote requests, permissions — and
 *   the window's options are read back;
 * - ipc.ts: a call from another page or from a frame inside ours is refused before the dispatcher;
 * - preload.ts: exactly the contract's functions on window, each one invoke on its prefixed channel.
 * The built bundle (out/main, out/preload) is read by tests/e2e/hardening.spec.ts after `npm run build`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppCore } from '../../electron/app';
import { allowNavigation, allowPermission, CSP, isAppRequest, isTrustedUrl, WEB_PREFERENCES, windowOpenAction } from '../../electron/security/policy';
import { startWebServer } from '../../electron/web/server';
import { IPC_PREFIX } from '../../shared/channels';
import { BRIDGE_GLOBAL, CHANNELS, contract } from '../../shared/contract';
import { tempServices } from './helpers';

// ─── a stand-in for the 'electron' module: records what main.ts, ipc.ts and preload.ts register ────────────

type Handler = (...args: any[]) => any;
const rec = vi.hoisted(() => ({
  appEvents: new Map<string, Handler>(),
  ipcHandlers: new Map<string, Handler>(),
  windows: [] as { options: any; loaded: string[]; events: Map<string, Handler> }[],
  session: { onBeforeRequest: undefined as Handler | undefined, onHeadersReceived: undefined as Handler | undefined, permissionRequest: undefined as Handler | undefined, permissionCheck: undefined as Handler | undefined },
  exposed: new Map<string, unknown>(),
  invoked: [] as [string, unknown][],
  ready: { resolve: undefined as (() => void) | undefined },
}));

vi.mock('electron', () => {
  class BrowserWindow {
    private w: { options: unknown; loaded: string[]; events: Map<string, Handler> };
    constructor(options: unknown) {
      this.w = { options, loaded: [], events: new Map() };
      rec.windows.push(this.w);
    }
    once(e: string, f: Handler) {
      this.w.events.set(e, f);
    }
    on(e: string, f: Handler) {
      this.w.events.set(e, f);
    }
    loadFile(f: string) {
      this.w.loaded.push(f);
      return Promise.resolve();
    }
    loadURL(u: string) {
      this.w.loaded.push(u);
      return Promise.resolve();
    }
    show() {}
    focus() {}
    restore() {}
    isMinimized() {
      return false;
    }
    close() {}
  }
  const noop = () => {};
  return {
    app: {
      requestSingleInstanceLock: () => true,
      on: (e: string, f: Handler) => rec.appEvents.set(e, f),
      whenReady: () => new Promise<void>((resolve) => (rec.ready.resolve = resolve)),
      quit: noop,
      getPath: (name: string) => path.join(os.tmpdir(), `dj-fake-electron-${name}`),
      isPackaged: false,
    },
    BrowserWindow,
    ipcMain: { handle: (c: string, f: Handler) => rec.ipcHandlers.set(c, f) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (f: Handler) => (rec.session.permissionRequest = f),
        setPermissionCheckHandler: (f: Handler) => (rec.session.permissionCheck = f),
        webRequest: {
          onBeforeRequest: (f: Handler) => (rec.session.onBeforeRequest = f),
          onHeadersReceived: (f: Handler) => (rec.session.onHeadersReceived = f),
        },
      },
    },
    dialog: { showErrorBox: (t: string, m: string) => console.error(t, m), showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showMessageBox: async () => ({ response: 0 }) },
    shell: { openPath: async () => '', openExternal: async () => {} },
    contextBridge: { exposeInMainWorld: (k: string, v: unknown) => rec.exposed.set(k, v) },
    ipcRenderer: { invoke: (c: string, input: unknown) => (rec.invoked.push([c, input]), Promise.resolve({ ok: true, value: c })) },
  };
});

const rendererDirUrl = pathToFileURL(path.resolve('renderer')).href;
const origin = { rendererDirUrl };

describe('the policy: CSP, webPreferences, and what the page may load', () => {
  it('the CSP allows only the app itself: no remote origins, no eval, no plugins, no framing', () => {
    const d = Object.fromEntries(CSP.split(';').map((p) => p.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
    expect(d['default-src']).toEqual(["'self'"]);
    expect(d['script-src']).toEqual(["'self'"]);
    expect(d['connect-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'none'"]);
    expect(d['form-action']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(CSP).not.toMatch(/unsafe-eval|wasm-unsafe|https?:|wss?:|\*/);
    // Inline styles only (Ant Design's CSS-in-JS); never inline scripts.
    expect(d['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('renderer/index.html carries the same CSP in its <meta>', () => {
    const html = fs.readFileSync('renderer/index.html', 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CSP);
  });

  it('webPreferences: isolated, sandboxed, no Node anywhere, web security on, no webviews', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('requests: only files in the renderer folder (and data:/blob:); anything online or elsewhere on disk is cancelled', () => {
    for (const ok of [`${rendererDirUrl}/index.html`, `${rendererDirUrl}/assets/index-abc.js`, 'data:image/png;base64,AAAA', 'blob:file:///1234']) expect(isAppRequest(ok, origin), ok).toBe(true);
    for (const no of [
      'https://example.com/',
      'http://127.0.0.1:5180/',
      'ws://127.0.0.1:1/',
      'ftp://x/',
      'file:///etc/passwd',
      `${rendererDirUrl}/../electron/main.ts`,
      `${rendererDirUrl}/%2e%2e/electron/main.ts`,
      `${rendererDirUrl}-evil/index.html`,
      'chrome://settings',
      'javascript:alert(1)',
    ])
      expect(isAppRequest(no, origin), no).toBe(false);
    // In development, the dev server (and its hot-reload socket) too.
    expect(isAppRequest('http://localhost:5173/src/main.tsx', { ...origin, devUrl: 'http://localhost:5173' })).toBe(true);
    expect(isAppRequest('https://localhost:5173.evil/', { ...origin, devUrl: 'http://localhost:5173' })).toBe(false);
  });

  it('navigation: only to the app\'s own page; new windows and permissions: never', () => {
    expect(isTrustedUrl(`${rendererDirUrl}/index.html#/members`, origin)).toBe(true);
    expect(allowNavigation(`${rendererDirUrl}/index.html`, origin)).toBe(true);
    for (const u of ['https://example.com/', `${rendererDirUrl}/other.html`, 'file:///etc/passwd', `${rendererDirUrl}/index.html.evil`]) expect(allowNavigation(u, origin), u).toBe(false);
    for (const u of ['https://example.com/', `${rendererDirUrl}/index.html`, 'about:blank']) expect(windowOpenAction(u)).toEqual({ action: 'deny' });
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) expect(allowPermission(p)).toBe(false);
  });

  it('browser mode sends the same CSP with every page and file', async () => {
    const s = tempServices();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-csp-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    fs.writeFileSync(path.join(dir, 'app.js'), '1');
    const server = await startWebServer({ dispatch: createAppCore(s.db, s.path).dispatch, rendererDir: dir, port: 0 });
    try {
      for (const p of ['', 'app.js', 'bridge.js']) {
        const r = await fetch(new URL(p, server.url));
        expect(r.headers.get('content-security-policy'), p).toBe(CSP);
        expect(r.headers.get('x-frame-options')).toBe('DENY');
      }
      const api = await fetch(new URL('api/app.info', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(api.headers.get('content-security-policy')).toBe(CSP);
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('main.ts, ipc.ts and preload.ts against a stand-in for Electron', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-main-'));
  const savedEnv = process.env['DANGJIAN_DATA_DIR'];
  beforeAll(async () => {
    process.env['DANGJIAN_DATA_DIR'] = dataDir;
    await import('../../electron/main');
    rec.ready.resolve!();
    await new Promise((r) => setTimeout(r, 50));
  }, 60_000);
  afterAll(() => {
    rec.appEvents.get('will-quit')?.();
    if (savedEnv === undefined) delete process.env['DANGJIAN_DATA_DIR'];
    else process.env['DANGJIAN_DATA_DIR'] = savedEnv;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens one window with the hardened webPreferences and the sandboxed preload, loading the built page from disk', () => {
    expect(rec.windows).toHaveLength(1);
    const w = rec.windows[0]!;
    expect(w.options.webPreferences).toMatchObject({ ...WEB_PREFERENCES, preload: expect.stringMatching(/preload[\\/]preload\.cjs$/) });
    expect(w.loaded).toHaveLength(1);
    expect(w.loaded[0]).toMatch(/renderer[\\/]index\.html$/);
    expect(fs.existsSync(path.join(dataDir, 'dangjian.db'))).toBe(true);
  });

  it('every web contents refuses navigation away, redirects, webviews and new windows', () => {
    const events = new Map<string, Handler>();
    let openHandler: Handler | undefined;
    rec.appEvents.get('web-contents-created')!({}, { setWindowOpenHandler: (f: Handler) => (openHandler = f), on: (e: string, f: Handler) => events.set(e, f) });
    const prevented = (event: string, url: string) => {
      let p = false;
      events.get(event)!({ preventDefault: () => (p = true) }, url);
      return p;
    };
    const page = pathToFileURL(path.resolve('electron/../renderer/index.html')).href;
    expect(prevented('will-navigate', 'https://example.com/')).toBe(true);
    expect(prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(prevented('will-navigate', `${page}#/members`)).toBe(false);
    expect(prevented('will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
    expect(prevented('will-attach-webview', 'about:blank')).toBe(true);
    for (const url of ['https://example.com/', page, 'about:blank']) expect(openHandler!({ url })).toEqual({ action: 'deny' });
  });

  it('the session cancels every request but the app\'s own files, grants no permission, and adds the CSP header', () => {
    const decide = (url: string) => {
      let r: { cancel: boolean } | undefined;
      rec.session.onBeforeRequest!({ url }, (x: { cancel: boolean }) => (r = x));
      return r!.cancel;
    };
    const page = pathToFileURL(path.resolve('renderer/index.html')).href;
    expect(decide(page)).toBe(false);
    expect(decide(pathToFileURL(path.resolve('renderer/assets/x.js')).href)).toBe(false);
    for (const u of ['https://fonts.googleapis.com/css', 'http://127.0.0.1/', 'file:///C:/Windows/win.ini', 'wss://example.com/']) expect(decide(u), u).toBe(true);
    let granted: boolean | undefined;
    rec.session.permissionRequest!({}, 'media', (g: boolean) => (granted = g));
    expect(granted).toBe(false);
    expect(rec.session.permissionCheck!({}, 'clipboard-read')).toBe(false);
    let headers: Record<string, string[]> | undefined;
    rec.session.onHeadersReceived!({ responseHeaders: {} }, (x: { responseHeaders: Record<string, string[]> }) => (headers = x.responseHeaders));
    expect(headers!['Content-Security-Policy']).toEqual([CSP]);
  });

  it('binds exactly the contract\'s channels, and answers only the main frame of the app\'s own page', async () => {
    expect([...rec.ipcHandlers.keys()].sort()).toEqual(CHANNELS.map((c) => IPC_PREFIX + c).sort());
    const page = pathToFileURL(path.resolve('renderer/index.html')).href;
    const call = (url: string, parent: unknown = null) => rec.ipcHandlers.get(`${IPC_PREFIX}app.info`)!({ senderFrame: { url, parent } }, {});
    expect(await call(`${page}#/settings`)).toMatchObject({ ok: true, value: { name: '社区党建工作台' } });
    for (const url of ['https://example.com/', 'file:///tmp/evil.html', `${page}.evil`]) expect(await call(url)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A frame inside our own page (an iframe) is not the app either.
    expect(await call(page, { url: page })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await rec.ipcHandlers.get(`${IPC_PREFIX}app.info`)!({ senderFrame: null }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('the preload exposes exactly the contract\'s functions — nothing else — each invoking its prefixed channel', async () => {
    await import('../../electron/preload');
    expect([...rec.exposed.keys()]).toEqual([BRIDGE_GLOBAL]);
    const bridge = rec.exposed.get(BRIDGE_GLOBAL) as Record<string, (input: unknown) => Promise<unknown>>;
    expect(Object.keys(bridge).sort()).toEqual(Object.keys(contract).sort());
    expect(Object.getPrototypeOf(bridge)).toBe(Object.prototype);
    for (const [k, v] of Object.entries(bridge)) expect(typeof v, k).toBe('function');
    for (const c of CHANNELS) await bridge[c]!({ probe: c });
    expect(rec.invoked).toEqual(CHANNELS.map((c) => [IPC_PREFIX + c, { probe: c }]));
  });
});
