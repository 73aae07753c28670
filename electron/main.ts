/**
 * The desktop shell: one instance, one window, the database opened at start, every contract channel bound.
 * Security: context isolation, sandbox, no Node in the page, a strict CSP, no navigation, no new windows,
 * no permissions, no remote content.
 */
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openAppCore, type AppCore } from './app';
import { registerIpc } from './ipc';
import { APP_NAME } from './version';
import { chooseDataDir } from './dataDir';
import { allowNavigation, allowPermission, CSP, isAppRequest, isTrustedUrl as isOwnPage, WEB_PREFERENCES, windowOpenAction, type PageOrigin } from './security/policy';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '../renderer/index.html');
const devUrl = process.env['ELECTRON_RENDERER_URL'];

/** Where the data lives: DANGJIAN_DATA_DIR, `data/` beside the program (portable, the zip), or the user-data folder. */
export function dataDir(): string {
  return chooseDataDir({
    override: process.env['DANGJIAN_DATA_DIR'],
    exePath: app.getPath('exe'),
    userData: app.getPath('userData'),
    isPackaged: app.isPackaged,
    productName: APP_NAME,
    exists: (p) => fs.existsSync(p),
  }).dir;
}

/** The page's own origin: the renderer folder's files (or the dev server). Decisions in security/policy.ts. */
const origin: PageOrigin = { rendererDirUrl: pathToFileURL(path.dirname(rendererIndex)).href, devUrl };
const isTrustedUrl = (url: string) => isOwnPage(url, origin);

let core: AppCore | undefined;
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
    // No new windows, no navigation away, no redirects: the app shows its own page and nothing else.
    contents.setWindowOpenHandler(({ url }) => windowOpenAction(url));
    contents.on('will-navigate', (event, url) => {
      if (!allowNavigation(url, origin)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!allowNavigation(url, origin)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.whenReady().then(() => {
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_wc, perm, callback) => callback(allowPermission(perm)));
    ses.setPermissionCheckHandler((_wc, perm) => allowPermission(perm));
    // The app never goes online: every request but the app's own files is cancelled.
    ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAppRequest(details.url, origin) }));
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
    });

    const dbPath = path.join(dataDir(), 'dangjian.db');
    // A committed restore is finished, the file checked (quick_check); a damaged file opens the recovery screen.
    try {
      core = openAppCore(dbPath, {
        workerUrl: new URL('./jobWorker.js', import.meta.url),
        backupWorkerUrl: new URL('./backupWorker.js', import.meta.url),
        // 会议纪要's attachments open with the system's program (a read-only copy; see MinutesService.open).
        openFile: (file) => shell.openPath(file),
        // 数据备份: 备份到… and 从文件恢复… use the system's dialogs.
        pickers: {
          folder: async () => {
            const options: Electron.OpenDialogOptions = { title: '选择备份保存到的文件夹（例如U盘）', properties: ['openDirectory', 'createDirectory'] };
            const r = await (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options));
            return r.canceled ? null : (r.filePaths[0] ?? null);
          },
          file: async () => {
            const options: Electron.OpenDialogOptions = { title: '选择要恢复的备份文件', filters: [{ name: '社区党建备份（.djbak，或导入前的数据库副本 .db）', extensions: ['djbak', 'db'] }], properties: ['openFile'] };
            const r = await (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options));
            return r.canceled ? null : (r.filePaths[0] ?? null);
          },
        },
      });
    } catch (e) {
      dialog.showErrorBox(APP_NAME, `无法打开数据文件：\n${dbPath}\n\n${(e as Error).message}\n\n请联系技术支持，不要删除这个文件。`);
      app.quit();
      return;
    }
    registerIpc(core.dispatch, isTrustedUrl);

    win = new BrowserWindow({
      width: 1366,
      height: 768,
      minWidth: 1024,
      minHeight: 640,
      title: APP_NAME,
      show: false,
      autoHideMenuBar: true,
      webPreferences: { ...WEB_PREFERENCES, preload: path.join(here, '../preload/preload.cjs') },
    });
    win.once('ready-to-show', () => win?.show());
    // An import, an export, a backup or a restore under way finishes before the window closes.
    let closeWhenIdle = false;
    win.on('close', (event) => {
      const busy = core?.busy();
      if (!busy) return;
      event.preventDefault();
      if (closeWhenIdle) return;
      closeWhenIdle = true;
      void dialog.showMessageBox(win!, { type: 'info', title: APP_NAME, message: `正在${busy}，完成后窗口会自动关闭。`, detail: '请不要关闭电脑，也不要拔出U盘。', buttons: ['知道了'] });
      void core!.idle().then(() => win?.close());
    });
    if (devUrl) void win.loadURL(devUrl);
    else void win.loadFile(rendererIndex);
    // The register's list index is built while the window loads; the day's first backup is taken when due.
    core.startup();
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    // The write-ahead log is checkpointed into the data file, and the file closed.
    core?.close();
  });
}
