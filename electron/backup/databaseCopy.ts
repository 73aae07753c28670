/**
 * A database-only backup: a plain SQLite copy of the data file — above all the snapshot an import takes before it
 * writes (backups/导入前-<batch>.db, importSnapshot.ts), or a copy of dangjian.db the clerk hands in. It holds no
 * attachments, so restoring it replaces the database and leaves archive/ as it is.
 *
 * It has no manifest: what the list shows (date, counts, data version) is read from the file itself, opened
 * read-only, and a file counts as ours only when it is a SQLite database with the register's tables and a data
 * version this app knows. Reading it never writes beside it (a copy in rollback-journal mode opens read-only
 * without -wal/-shm files; one with a -wal beside it is refused as possibly in use).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Sqlite } from '../db/connection';
import { LATEST_VERSION } from '../db/migrations';
import { ServiceError } from '../errors';
import type { BackupInfo } from '../../shared/backup';
import type { BackupReason } from '../../shared/domain/labels';
import { countRows, removeStaleScratch } from './format';
import { batchKind, batchTime, snapshotBatchId } from './importSnapshot';
import { fsyncDir } from './restore';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** Tables every version of the data has had since the first (migration 001). */
const OUR_TABLES = ['organisations', 'members', 'audit_log'];

/** The file's first 16 bytes are SQLite's. */
export function hasSqliteHeader(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const b = Buffer.alloc(16);
    return fs.readSync(fd, b, 0, 16, 0) === 16 && b.equals(SQLITE_HEADER);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Handled as a database copy, not a .djbak: a SQLite file, or a file named *.db (to say what is wrong with it). */
export function isDatabaseCopy(file: string): boolean {
  return /\.db$/i.test(file) || hasSqliteHeader(file);
}

/** A SQLite error on opening or reading a copy, as a sentence. */
function dbProblem(e: unknown): string {
  const code = String((e as { code?: string }).code ?? '');
  const tech = `（技术信息：${(e as Error).message}）`;
  if (code === 'SQLITE_NOTADB') return `这个文件不是有效的数据库文件，可能已损坏或复制不完整${tech}。`;
  if (code.startsWith('SQLITE_CORRUPT')) return `这个数据库副本已损坏${tech}。`;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return `这个数据库文件正被其他程序使用，请关闭那个程序后再试${tech}。`;
  return `这个数据库文件打不开${tech}。`;
}

/** What the file itself says: ours or not, its data version and rows. Throws ServiceError with the reason. */
function readFacts(db: Sqlite): { schemaVersion: number; counts: ReturnType<typeof countRows> } {
  const tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  if (schemaVersion < 1 || !OUR_TABLES.every((t) => tables.has(t)))
    throw new ServiceError('validation', '这不是本软件的数据文件（其中没有党员名册和党组织的表），不能用它恢复。请选择 .djbak 备份文件，或备份文件夹中“导入前-…”开头的 .db 文件。');
  return { schemaVersion, counts: countRows(db) };
}

/** The header says write-ahead-log mode (bytes 18 and 19 are 2): a read-only open would make -wal and -shm files. */
function inWalMode(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const b = Buffer.alloc(2);
    return fs.readSync(fd, b, 0, 2, 18) === 2 && (b[0] === 2 || b[1] === 2);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Marks a copy as a rollback-journal database (bytes 18 and 19 = 1): what SQLite does itself once its log is empty. */
function leaveWalMode(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.from([1, 1]), 0, 2, 18);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Runs `fn` on the copy opened read-only, never creating a file beside it: an import snapshot (VACUUM INTO writes
 * rollback-journal files) is opened where it is; a copy of a data file in write-ahead-log mode (a read-only open
 * would leave -wal and -shm beside it, on a USB stick perhaps) is read through a scratch copy taken out of that mode.
 */
function withCopyOpen<T>(file: string, fn: (db: Sqlite) => T): T {
  let scratch: string | null = null;
  let target = file;
  if (inWalMode(file)) {
    removeStaleScratch();
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-verify-'));
    target = path.join(scratch, 'check.db');
    fs.copyFileSync(file, target);
    fs.chmodSync(target, 0o600);
    leaveWalMode(target);
  }
  try {
    const db = new Database(target, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 2000');
      return fn(db);
    } finally {
      db.close();
    }
  } finally {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  }
}

const newerVersion = (v: number) => `这个数据库副本由更新版本的软件制作（数据版本 ${v}，本软件认识到 ${LATEST_VERSION}），请先安装最新版本再恢复。`;

/** A -wal file with content beside the copy: the file may be in use, and alone it is not the whole data. */
function walProblem(file: string): string | null {
  try {
    if (fs.statSync(`${file}-wal`).size > 0)
      return `这个数据库文件旁边还有未合并的日志文件（${path.basename(file)}-wal），它可能正被软件使用。请先关闭使用它的软件，再选择它。`;
  } catch {
    /* none: fine */
  }
  return null;
}

export interface CopyInspection {
  /** Null when the file cannot be read as ours. */
  info: Omit<BackupInfo, 'label'> | null;
  problem: string | null;
  /** The import batch it was taken for (导入前-<batch>.db), or null. */
  batchId: string | null;
}

const cache = new Map<string, { size: number; mtimeMs: number; value: CopyInspection }>();

/**
 * A database copy's row: date (the batch's time for an import snapshot, else the file's), reason (导入前 for an
 * import snapshot; 手动 for a copy handed in), data version and rows per table read from the file. Remembered per
 * file while its size and time stay the same (the list reads every snapshot on each showing).
 */
export function inspectDatabaseCopy(file: string, st: fs.Stats): CopyInspection {
  const hit = cache.get(file);
  if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit.value;
  const value = inspectUncached(file, st);
  if (cache.size > 100) cache.clear();
  cache.set(file, { size: st.size, mtimeMs: st.mtimeMs, value });
  return value;
}

function inspectUncached(file: string, st: fs.Stats): CopyInspection {
  const batchId = snapshotBatchId(path.basename(file));
  const none = (problem: string): CopyInspection => ({ info: null, problem, batchId });
  if (!hasSqliteHeader(file)) return none('这个文件不是有效的数据库文件，可能已损坏或复制不完整。');
  const wal = walProblem(file);
  if (wal) return none(wal);
  let facts: ReturnType<typeof readFacts>;
  try {
    facts = withCopyOpen(file, readFacts);
  } catch (e) {
    if (e instanceof ServiceError) return none(e.message);
    return none(dbProblem(e));
  }
  const reason: BackupReason = batchId !== null ? 'import' : 'manual';
  const at = (batchId !== null ? batchTime(batchId) : null) ?? st.mtime;
  const info: CopyInspection['info'] = {
    kind: 'databaseOnly',
    createdAt: at.toISOString(),
    reason,
    appVersion: '',
    schemaVersion: facts.schemaVersion,
    counts: facts.counts.counts,
    activeMembers: facts.counts.summary.activeMembers,
    organisations: facts.counts.summary.organisations,
    archiveFiles: null,
    archiveBytes: null,
  };
  const problem = facts.schemaVersion > LATEST_VERSION ? newerVersion(facts.schemaVersion) : null;
  return { info, problem, batchId };
}

/**
 * What the copy was taken for, in words: the import's file (from the open database's import history, when it
 * still has the batch), else the kind of import from the batch id; null for a copy handed in.
 */
export function copyLabel(batchId: string | null, db: Sqlite | null): string | null {
  if (batchId === null) return null;
  const kind = batchKind(batchId);
  const what = kind === 'organisations' ? '导入组织' : '导入党员';
  if (db?.open) {
    try {
      const r = db.prepare('SELECT kind, file_name AS fileName FROM import_batches WHERE id = ?').get(batchId) as { kind: string; fileName: string } | undefined;
      if (r) return `${r.kind === 'organisations' ? '导入组织' : '导入党员'}“${r.fileName}”之前`;
    } catch {
      /* an older database without the table's columns: the words below */
    }
  }
  return `${what}之前`;
}

/**
 * Checks a copy completely: opens it read-only, integrity_check (every page, every index against its table — a
 * copy has no hash to compare with), ours, a data version this app knows, rows per table. Returns the problems.
 */
export function checkDatabaseCopy(file: string): string[] {
  if (!hasSqliteHeader(file)) return ['这个文件不是有效的数据库文件，可能已损坏或复制不完整。'];
  const wal = walProblem(file);
  if (wal) return [wal];
  try {
    return withCopyOpen(file, (db) => {
      const rows = db.pragma('integrity_check(20)') as { integrity_check: string }[];
      if (!(rows.length === 1 && rows[0]!.integrity_check === 'ok'))
        return [`数据库副本检查未通过，文件已损坏：${rows.slice(0, 3).map((r) => r.integrity_check).join('；')}`];
      const facts = readFacts(db);
      if (facts.schemaVersion > LATEST_VERSION) return [newerVersion(facts.schemaVersion)];
      return [];
    });
  } catch (e) {
    if (e instanceof ServiceError) return [e.message];
    return [dbProblem(e)];
  }
}

/**
 * Copies the database copy to `out` (a new file beside the data, created here with ordinary permissions even when
 * the source is read-only) and flushes it to the disk, then checks what was written (checkDatabaseCopy).
 * Returns the problems found.
 */
export function copyForRestore(file: string, out: string, onStep: (step: string) => void): string[] {
  const src = fs.openSync(file, 'r');
  try {
    const dst = fs.openSync(out, 'wx+');
    try {
      const buf = Buffer.allocUnsafe(4 * 1024 * 1024);
      let pos = 0;
      for (;;) {
        const n = fs.readSync(src, buf, 0, buf.length, pos);
        if (n === 0) break;
        let off = 0;
        while (off < n) off += fs.writeSync(dst, buf, off, n - off, pos + off);
        pos += n;
      }
      // Out of write-ahead-log mode (the copy has no log), so checking it makes no -wal or -shm beside it; the
      // app puts the restored file back in that mode when it opens it.
      const mode = Buffer.alloc(2);
      if (fs.readSync(dst, mode, 0, 2, 18) === 2 && (mode[0] === 2 || mode[1] === 2)) fs.writeSync(dst, Buffer.from([1, 1]), 0, 2, 18);
      fs.fsyncSync(dst);
    } finally {
      fs.closeSync(dst);
    }
  } finally {
    fs.closeSync(src);
  }
  fsyncDir(path.dirname(out));
  onStep('database-read');
  return checkDatabaseCopy(out);
}
