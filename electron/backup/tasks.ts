/**
 * The backup work that takes seconds at 100,000 members — writing a backup, checking one, preparing a restore —
 * as tasks the app runs in a worker thread (worker.ts) and tests run in the calling thread.
 */
import Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import type { BackupReason } from '../../shared/domain/labels';
import type { ApiError } from '../../shared/contract';
import type { BackupRow, BackupVerifyResult } from '../../shared/backup';
import { ServiceError } from '../errors';
import { BackupService, type PreparedRestore } from './service';

export type BackupTask =
  | { kind: 'create'; reason: BackupReason; folder?: string; label?: string | null }
  | { kind: 'verify'; file: string }
  /** damaged: the database cannot be opened (recovery); the damaged file is put aside instead of backed up. */
  | { kind: 'prepareRestore'; file: string; damaged: boolean };

export type BackupTaskResult = BackupRow | BackupVerifyResult | PreparedRestore;

/** Runs a task on its own connection to the database (none for a damaged one). */
/** Where a task finds the data: the database file, and the backups and archive folders when not the default. */
export interface TaskPlace {
  dbPath: string;
  folder?: string;
  archiveDir?: string;
}

export function runBackupTask(place: TaskPlace, task: BackupTask, now: () => Date = () => new Date()): BackupTaskResult {
  const { dbPath } = place;
  const needsDb = task.kind === 'create' || (task.kind === 'prepareRestore' && !task.damaged);
  const db = needsDb ? new Database(dbPath, { fileMustExist: true }) : null;
  try {
    db?.pragma('busy_timeout = 5000');
    const s = new BackupService(db, dbPath, now, place.folder, place.archiveDir);
    switch (task.kind) {
      case 'create':
        return s.create(task.reason, { folder: task.folder, label: task.label });
      case 'verify':
        return s.verify(task.file);
      case 'prepareRestore':
        return s.prepareRestore(task.file);
      default:
        throw new Error(`unknown backup task ${(task as { kind: string }).kind}`);
    }
  } finally {
    db?.close();
  }
}

export function taskError(e: unknown): ApiError {
  if (e instanceof ServiceError) return e.toApiError();
  return { code: 'internal', message: '备份时程序出了意外，这次操作没有完成，现有数据没有改动。请重试；如仍不行，请联系技术支持。' };
}

/**
 * Runs a task in a worker thread (workerUrl) or, without one, in this thread after the call returns, on `now`'s
 * clock (a worker keeps the system's: only tests run without one, and they give the services' clock).
 */
export function startBackupTask(workerUrl: URL | null, place: TaskPlace, task: BackupTask, now?: () => Date): Promise<BackupTaskResult> {
  if (!workerUrl)
    return new Promise((resolve, reject) =>
      setImmediate(() => {
        try {
          resolve(runBackupTask(place, task, now));
        } catch (e) {
          reject(e);
        }
      }),
    );
  return new Promise((resolve, reject) => {
    const w = new Worker(workerUrl, { workerData: { place, task } });
    let settled = false;
    w.on('message', (m: { ok: true; value: BackupTaskResult } | { ok: false; error: ApiError }) => {
      settled = true;
      if (m.ok) resolve(m.value);
      else reject(new ServiceError(m.error.code, m.error.message));
    });
    w.on('error', (e) => {
      console.error(e);
      if (!settled) reject(new ServiceError('internal', taskError(e).message));
      settled = true;
    });
    w.on('exit', () => {
      if (!settled) reject(new ServiceError('internal', '备份的后台处理意外中止，现有数据没有改动。请重试。'));
      settled = true;
    });
  });
}
