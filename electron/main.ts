/**
 * The desktop shell: one instance, one window, the database opened at start, every contract channel bound.
 * Security: context isolation, sandbox, no Node in the page, a strict CSP, no navigation, no new windows,
 * no permissions, no remote content.
 */
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openDatabase, type Sqlite } from './db/connection';
import { createAppCore } from './app';
import { registerIpc } from './ipc';
import { APP_NAME } from './version';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '../renderer/index.html');
const devUrl = process.env['ELECTRON_RENDERER_URL'];

/**
 * `data/` beside the executable means portable use (a USB stick); otherwise the user-data folder.
 * DANGJIAN_DATA_DIR overrides both (tests, and administrators who keep data elsewhere).
 */
export function dataDir(): string {
  const override = process.env['DANGJIAN_DATA_DIR'];
  if (override) return override;
  const portable = path.join(path.dirname(app.getPath('exe')), 'data');
  if (fs.existsSync(portable) && fs.statSync(portable).isDirectory()) return portable;
  return app.getPath('userData');
}

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function isTrustedUrl(url: string): boolean {
  if (devUrl && url.startsWith(devUrl)) return true;
  return url.startsWith(pathToFileURL(rendererIndex).href);
}

let db: Sqlite | undefined;
let win: BrowserWindow | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      // Links to the outside world open in the system browser, never inside the app.
      if (/^https?:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.whenReady().then(() => {
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    ses.webRequest.onBeforeRequest((details, callback) => {
      const u = details.url;
      const local = u.startsWith('file:') || u.startsWith('devtools:') || u.startsWith('data:') || u.startsWith('blob:') || (devUrl && u.startsWith(devUrl));
      callback({ cancel: !local });
    });
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
    });

    const dbPath = path.join(dataDir(), 'dangjian.db');
    try {
      db = openDatabase(dbPath);
    } catch (e) {
      dialog.showErrorBox(APP_NAME, `无法打开数据文件：\n${dbPath}\n\n${(e as Error).message}\n\n请联系技术支持，不要删除这个文件。`);
      app.quit();
      return;
    }
    const { services, dispatch } = createAppCore(db, dbPath, {
      workerUrl: new URL('./jobWorker.js', import.meta.url),
      // 会议纪要's attachments open with the system's program (a read-only copy; see MinutesService.open).
      openFile: (file) => shell.openPath(file),
    });
    registerIpc(dispatch, isTrustedUrl);

    win = new BrowserWindow({
      width: 1366,
      height: 768,
      minWidth: 1024,
      minHeight: 640,
      title: APP_NAME,
      show: false,
      autoHideMenuBar: true,
      webPreferences: {
        preload: path.join(here, '../preload/preload.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
      },
    });
    win.once('ready-to-show', () => win?.show());
    if (devUrl) void win.loadURL(devUrl);
    else void win.loadFile(rendererIndex);
    // Build the register's list index while the window loads its scripts, not on the first list query.
    setImmediate(() => services.members.listIndex.warm());
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    if (db?.open) {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    }
  });
}
