/**
 * The backup channels as the app answers them: backups queued one at a time and run off the main thread,
 * restores refused while other long work runs, and the system's folder and file pickers (the desktop app) —
 * paths the page sends must be ones a picker returned, or files in the backups folder. Browser mode has no
 * pickers; there the page asks for a path (tests and demonstrations on this computer only).
 */
import path from 'node:path';
import type { BackupOverview, BackupRow, BackupVerifyResult, RestoreResult } from '../../shared/backup';
import { ServiceError } from '../errors';
import type { BackupService, PreparedRestore } from './service';
import type { Services } from '../services';
import { startBackupTask, type BackupTask, type TaskPlace } from './tasks';

/** The seven backup channels, as handlers.ts calls them. */
export interface BackupChannels {
  list(): BackupOverview;
  create(folder: string | undefined): Promise<BackupRow>;
  inspect(file: string): BackupRow;
  verify(file: string): Promise<BackupVerifyResult>;
  restore(file: string): Promise<RestoreResult>;
  pickFolder(): Promise<{ path: string | null }>;
  pickFile(): Promise<{ path: string | null }>;
}

export interface Pickers {
  folder(): Promise<string | null>;
  file(): Promise<string | null>;
}

export interface BackupHost {
  place: TaskPlace;
  /** The compiled backup worker; null: run in this thread (tests). */
  workerUrl: URL | null;
  /** The services' clock, for tasks run in this thread (a backup's time, the day's backup). */
  now?: () => Date;
  pickers: Pickers | null;
  /** The backup service over the open database (over none in recovery). */
  service(): BackupService;
  recovery(): boolean;
  /** Long jobs under way (imports, exports), in words, or null. */
  jobsRunning(): string | null;
  /** Closes the database, finishes the committed restore and opens the data again (or enters recovery). Null: restoring is not possible here. */
  swap: (() => void) | null;
  log(e: unknown): void;
}

export class BackupController implements BackupChannels {
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private restoring = false;
  private readonly picked = new Set<string>();

  constructor(private readonly host: BackupHost) {}

  /** What backup work is under way, in words, or null. */
  busy(): string | null {
    if (this.restoring) return '恢复数据';
    if (this.pending > 0) return '备份数据';
    return null;
  }

  isRestoring(): boolean {
    return this.restoring;
  }

  private run<T>(task: BackupTask): Promise<T> {
    return startBackupTask(this.host.workerUrl, this.host.place, task, this.host.now) as Promise<T>;
  }

  /** One backup at a time (the day's first at start, 立即备份, 备份到…): each waits for the one before. */
  private queued<T>(work: () => Promise<T>): Promise<T> {
    this.pending++;
    const p = this.queue.then(work, work);
    this.queue = p.then(
      () => undefined,
      () => undefined,
    );
    return p.finally(() => this.pending--);
  }

  private allowedPath(p: string, kind: 'folder' | 'file'): string {
    const abs = path.resolve(p);
    if (!this.host.pickers) return abs;
    if (this.picked.has(abs)) return abs;
    if (kind === 'file' && path.dirname(abs) === this.host.service().folder) return abs;
    throw new ServiceError('forbidden', kind === 'folder' ? '请用“备份到…”按钮选择文件夹。' : '请用“从文件恢复…”按钮选择备份文件。');
  }

  list(): BackupOverview {
    return this.host.service().overview(!!this.host.pickers);
  }

  create(folder: string | undefined): Promise<BackupRow> {
    if (this.host.recovery()) return Promise.reject(new ServiceError('conflict', '数据文件已损坏，不能备份。请用最近的备份恢复。'));
    if (this.restoring) return Promise.reject(new ServiceError('conflict', '正在恢复数据，请等恢复完成后再备份。'));
    const dir = folder === undefined ? undefined : this.allowedPath(folder, 'folder');
    return this.queued(() => this.run<BackupRow>({ kind: 'create', reason: 'manual', folder: dir }));
  }

  /** The day's first backup, when due (called once the window is up). Failures are logged, not shown. */
  daily(): void {
    if (this.host.recovery()) return;
    let due: boolean;
    try {
      due = this.host.service().dailyDue();
    } catch (e) {
      this.host.log(e);
      return;
    }
    if (!due) return;
    void this.queued(() => this.run<BackupRow>({ kind: 'create', reason: 'daily' })).catch((e) => this.host.log(e));
  }

  inspect(file: string): BackupRow {
    return this.host.service().inspect(this.allowedPath(file, 'file'));
  }

  verify(file: string): Promise<BackupVerifyResult> {
    return this.run<BackupVerifyResult>({ kind: 'verify', file: this.allowedPath(file, 'file') });
  }

  async restore(file: string): Promise<RestoreResult> {
    const abs = this.allowedPath(file, 'file');
    const swap = this.host.swap;
    if (!swap) throw new ServiceError('conflict', '这里不能恢复数据，请在软件的“数据备份”页恢复。');
    if (this.restoring) throw new ServiceError('conflict', '正在恢复数据，请稍候。');
    const jobs = this.host.jobsRunning();
    if (jobs) throw new ServiceError('conflict', `正在${jobs}，请等它完成后再恢复。`);
    this.restoring = true;
    try {
      // Backups already queued finish first: the restore's own backup of the present data follows them.
      await this.queue;
      const prepared = await this.run<PreparedRestore>({ kind: 'prepareRestore', file: abs, damaged: this.host.recovery() });
      swap();
      return { restored: prepared.restored, safetyBackup: prepared.safetyBackup, damagedCopy: prepared.damagedCopy };
    } finally {
      this.restoring = false;
    }
  }

  async pickFolder(): Promise<{ path: string | null }> {
    if (!this.host.pickers) return { path: null };
    const p = await this.host.pickers.folder();
    if (p) this.picked.add(path.resolve(p));
    return { path: p ? path.resolve(p) : null };
  }

  async pickFile(): Promise<{ path: string | null }> {
    if (!this.host.pickers) return { path: null };
    const p = await this.host.pickers.file();
    if (p) this.picked.add(path.resolve(p));
    return { path: p ? path.resolve(p) : null };
  }
}

/** The backup channels over services alone (tests of the handlers): backups in this thread, no restore. */
export function standaloneBackups(s: Services): BackupChannels {
  return new BackupController({
    place: { dbPath: s.dbPath, folder: s.backup.folder, archiveDir: s.backup.archiveDir },
    workerUrl: null,
    pickers: null,
    service: () => s.backup,
    recovery: () => false,
    jobsRunning: () => null,
    swap: null,
    log: console.error,
  });
}
