import { CHANNELS, type Channel } from '../shared/channels';
import { createDispatch, createHandlers, type Dispatch, type Handlers } from './handlers';
import { JobRunner } from './jobs/runner';
import { createServices, type ServiceOptions, type Services } from './services';
import { openDatabase, type Sqlite } from './db/connection';
import { ServiceError } from './errors';
import { APP_NAME, APP_VERSION } from './version';
import { BackupController, type Pickers } from './backup/controller';
import { BackupService, checkDatabaseFile } from './backup/service';
import { applyRestore } from './backup/restore';

export interface AppOptions extends ServiceOptions {
  /** The compiled job worker (the app, browser mode); without it, long jobs run in this thread (tests). */
  workerUrl?: URL;
  /** The compiled backup worker; without it, backups run in this thread (tests). */
  backupWorkerUrl?: URL;
  /** The system's folder and file dialogs (the desktop app); browser mode has none. */
  pickers?: Pickers;
  log?: (e: unknown) => void;
}

export interface AppCore {
  /** The services over the open database (they are made anew after a restore). Throws in recovery. */
  readonly services: Services;
  readonly jobs: JobRunner;
  /** The one entry point both transports call; the same function across restores. */
  readonly dispatch: Dispatch;
  readonly backups: BackupController;
  /** Set while the data file is damaged: only the recovery screen's channels answer. */
  readonly recovery: { problem: string } | null;
  /** The long work under way, in words ('导入', '备份数据' …), or null: the window waits for it before closing. */
  busy(): string | null;
  /** Resolves once nothing is under way. */
  idle(): Promise<void>;
  /** Once the window is up: the register's list index is built, and the day's first backup taken when due. */
  startup(): void;
  /** Checkpoints the log into the data file and closes it. */
  close(): void;
}

const JOB_WORDS: Record<string, string> = {
  'import.commit': '导入党员',
  'orgs.importCommit': '导入组织',
  'minutes.importCommit': '导入会议纪要',
  'members.export': '导出名册',
};

interface Live {
  db: Sqlite;
  services: Services;
  jobs: JobRunner;
  dispatch: Dispatch;
}

/** Channels that answer while the data file is damaged (the recovery screen's). */
const RECOVERY_CHANNELS = new Set<Channel>(['app.info', 'backup.list', 'backup.inspect', 'backup.verify', 'backup.restore', 'backup.pickFile']);

class Core implements AppCore {
  private live: Live | null = null;
  private recoveryState: { problem: string; dispatch: Dispatch } | null = null;
  readonly backups: BackupController;
  private readonly log: (e: unknown) => void;

  constructor(
    private readonly dbPath: string,
    private readonly options: AppOptions,
  ) {
    this.log = options.log ?? console.error;
    this.backups = new BackupController({
      place: { dbPath, folder: options.backupDir ?? undefined, archiveDir: options.archiveDir },
      workerUrl: options.backupWorkerUrl ?? null,
      now: options.now,
      pickers: options.pickers ?? null,
      service: () => this.live?.services.backup ?? new BackupService(null, dbPath, options.now, options.backupDir ?? undefined, options.archiveDir),
      recovery: () => this.recoveryState !== null,
      jobsRunning: () => {
        const kinds = this.live?.jobs.running() ?? [];
        return kinds.length ? [...new Set(kinds.map((k) => JOB_WORDS[k] ?? '后台处理'))].join('、') : null;
      },
      swap: () => this.swap(),
      log: this.log,
    });
  }

  readonly dispatch: Dispatch = (channel, input) => {
    // While a restore replaces the data, nothing else may read or write it.
    if (this.backups.isRestoring() && channel !== 'app.info' && channel !== 'backup.restore')
      return Promise.resolve({ ok: false, error: { code: 'conflict', message: '正在恢复数据，请等恢复完成后再操作。' } });
    return (this.live?.dispatch ?? this.recoveryState!.dispatch)(channel, input);
  };

  get services(): Services {
    if (!this.live) throw new ServiceError('conflict', this.recoveryState?.problem ?? '数据文件没有打开。');
    return this.live.services;
  }

  get jobs(): JobRunner {
    return this.services && this.live!.jobs;
  }

  get recovery(): { problem: string } | null {
    return this.recoveryState ? { problem: this.recoveryState.problem } : null;
  }

  /** Everything behind the contract over one open database. */
  attach(db: Sqlite): void {
    const services = createServices(db, this.dbPath, this.options);
    const jobs = new JobRunner(
      services,
      this.options.workerUrl ? { url: this.options.workerUrl, backupDir: services.imports.backupDirectory, actor: services.actor } : null,
      // A worker wrote through its own connection: the list index notices by data_version; org names may be new.
      () => services.orgs.changed(),
    );
    // While the app is locked (开机密码), every channel but the unlock screen's is refused, whatever the transport.
    const dispatch = createDispatch(createHandlers(services, jobs, this.backups), this.log, (c) => services.security.refusal(c));
    this.live = { db, services, jobs, dispatch };
    this.recoveryState = null;
  }

  /** The damaged-data mode: app.info says so, the backup channels answer, everything else is refused. */
  enterRecovery(problem: string): void {
    this.live = null;
    const refuse = () => {
      throw new ServiceError('conflict', '数据文件已损坏，软件处于恢复模式。请在恢复页面用备份恢复数据。');
    };
    const full = createHandlers(undefined as unknown as Services, undefined as unknown as JobRunner, this.backups);
    const handlers = Object.fromEntries(CHANNELS.map((c) => [c, RECOVERY_CHANNELS.has(c) ? full[c] : refuse])) as unknown as Handlers;
    handlers['app.info'] = () => ({ name: APP_NAME, version: APP_VERSION, dbPath: this.dbPath, schemaVersion: 0, recovery: { problem } });
    this.recoveryState = { problem, dispatch: createDispatch(handlers, this.log) };
  }

  /**
   * Opens the data file for the app: a committed restore is finished, a quick integrity check runs before any
   * migration, and a damaged file leads to recovery instead of a crash.
   */
  open(): void {
    applyRestore(this.dbPath);
    const problem = checkDatabaseFile(this.dbPath);
    if (problem) return this.enterRecovery(problem);
    let db: Sqlite;
    try {
      db = openDatabase(this.dbPath);
    } catch (e) {
      const code = String((e as { code?: unknown }).code ?? '');
      if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return this.enterRecovery(`数据文件已损坏：${(e as Error).message}`);
      throw e;
    }
    this.attach(db);
  }

  /** After a restore was committed: close, finish it, open the restored data. */
  private swap(): void {
    this.closeDb();
    try {
      this.open();
    } catch (e) {
      this.log(e);
      this.enterRecovery(`恢复后打开数据时出错：${e instanceof Error ? e.message : String(e)}`);
      throw new ServiceError('internal', '恢复没有完成：打开恢复后的数据时出错。请关闭软件后重新打开；软件会自动完成恢复。');
    }
  }

  private closeDb(): void {
    const db = this.live?.db;
    this.live = null;
    if (db?.open) {
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
    }
  }

  busy(): string | null {
    const jobs = this.live?.jobs.running().map((k) => JOB_WORDS[k]).filter(Boolean) ?? [];
    const words = [...new Set(jobs), this.backups.busy()].filter(Boolean);
    return words.length ? words.join('、') : null;
  }

  async idle(): Promise<void> {
    while (this.busy()) await new Promise((r) => setTimeout(r, 200));
  }

  startup(): void {
    if (!this.live) return;
    const services = this.live.services;
    // Build the register's list index while the window loads its scripts, not on the first list query.
    setImmediate(() => {
      if (this.live?.services === services) services.members.listIndex.warm();
      this.backups.daily();
    });
  }

  close(): void {
    this.closeDb();
  }
}

/**
 * Everything behind the contract over one open database: the services, the long-job runner, the backups and
 * the dispatcher both transports call.
 */
export function createAppCore(db: Sqlite, dbPath: string, options: AppOptions = {}): AppCore {
  const core = new Core(dbPath, options);
  core.attach(db);
  return core;
}

/**
 * The desktop app and browser mode: opens the data file itself (finishing a committed restore, checking the
 * file) and answers in recovery mode when it is damaged. Throws only for what recovery cannot help with
 * (a file from a newer version, a file another program holds).
 */
export function openAppCore(dbPath: string, options: AppOptions = {}): AppCore {
  const core = new Core(dbPath, options);
  core.open();
  return core;
}
