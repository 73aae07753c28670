/**
 * The copy of the database an import takes just before it writes (backups/导入前-<batch>.db): a plain SQLite file,
 * so taking it costs one VACUUM INTO (~0.35 s at 100,000 members) inside the import's worker. It is written under a
 * temporary name, checked (quick_check), flushed to disk and only then given its name, so a snapshot that exists is one that opens;
 * the newest KEEP_IMPORT_SNAPSHOTS are kept (each is as large as the database).
 *
 * 数据备份 treats each as a database-only backup (databaseCopy.ts): listed with the others (类型 导入前, 不含附件),
 * checked by 核对 / `backup verify`, restorable by 恢复… / `backup restore` (the database only; archive/ stays).
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Sqlite } from '../db/connection';
import { ServiceError } from '../errors';
import { fsyncDir } from './restore';

export const KEEP_IMPORT_SNAPSHOTS = 5;
const PREFIX = '导入前-';
const SUFFIX = '.db';

/** A name takeImportSnapshot gives: 导入前-<batch id>.db. */
export function isImportSnapshotName(name: string): boolean {
  return name.startsWith(PREFIX) && name.endsWith(SUFFIX) && name.length > PREFIX.length + SUFFIX.length;
}

/** The import batch a snapshot was taken for (import_batches.id), from its name; null for any other name. */
export function snapshotBatchId(name: string): string | null {
  return isImportSnapshotName(name) ? name.slice(PREFIX.length, -SUFFIX.length) : null;
}

/**
 * When the batch was made, from its id: the imports name a batch import-<UTC yyyyMMddHHmmss>-<random> (members) or
 * import-orgs-<…>-<random> (organisations). Null when the id has no such time.
 */
export function batchTime(batchId: string): Date | null {
  const m = /^import-(?:[a-z]+-)?(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:-|$)/.exec(batchId);
  if (!m) return null;
  const [, y, mo, d, h, mi, se] = m.map(Number) as [number, number, number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h, mi, se);
  const at = new Date(t);
  return Number.isNaN(t) || at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d ? null : at;
}

/** What the batch imported, from its id: members or organisations. */
export function batchKind(batchId: string): 'members' | 'organisations' | null {
  if (batchId.startsWith('import-orgs-')) return 'organisations';
  if (/^import-\d/.test(batchId)) return 'members';
  return null;
}

export function takeImportSnapshot(db: Sqlite, backupDir: string, batchId: string): string {
  fs.mkdirSync(backupDir, { recursive: true });
  const file = path.join(backupDir, `${PREFIX}${batchId}${SUFFIX}`);
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  // Read through a small page cache: every page passes through it once, and a full cache stays resident after
  // (malloc does not hand it back), ~30 MB at 100,000 members that the import itself then lacks.
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -2048');
  try {
    db.prepare('VACUUM INTO ?').run(partial);
  } finally {
    db.pragma(`cache_size = ${cache}`);
  }
  let check: unknown;
  try {
    const copy = new Database(partial, { readonly: true, fileMustExist: true });
    try {
      check = copy.pragma('quick_check', { simple: true });
    } finally {
      copy.close();
    }
  } catch (e) {
    check = e instanceof Error ? e.message : String(e);
  }
  if (check !== 'ok') {
    fs.rmSync(partial, { force: true });
    throw new ServiceError('internal', `导入前的数据备份没有通过检查（${String(check)}），这次导入什么也没有写入。请检查磁盘空间后重试。`);
  }
  // On disk before it is given its name, and the name on disk before the import writes: a power cut during the
  // import leaves a snapshot that opens (VACUUM INTO does not flush the copy it writes).
  const fd = fs.openSync(partial, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(partial, file);
  fsyncDir(backupDir);
  pruneImportSnapshots(backupDir, file);
  return file;
}

/**
 * Removes all but the newest KEEP_IMPORT_SNAPSHOTS import snapshots, never `keep`. Newest by the batch's time in
 * the name (the file's time for a name without one): the names alone do not sort by time, as a member import's
 * (import-2026…) sorts before an organisation import's (import-orgs-2026…) whatever their times.
 */
export function pruneImportSnapshots(backupDir: string, keep: string): string[] {
  const timeOf = (f: string): number => {
    const at = batchTime(snapshotBatchId(f)!);
    if (at) return at.getTime();
    try {
      return fs.statSync(path.join(backupDir, f)).mtimeMs;
    } catch {
      return 0;
    }
  };
  const snapshots = fs
    .readdirSync(backupDir)
    .filter(isImportSnapshotName)
    .map((f) => ({ f, t: timeOf(f) }))
    .sort((a, b) => b.t - a.t || (a.f < b.f ? 1 : a.f > b.f ? -1 : 0))
    .map((x) => x.f);
  const removed: string[] = [];
  for (const f of snapshots.slice(KEEP_IMPORT_SNAPSHOTS)) {
    const full = path.join(backupDir, f);
    if (full === keep) continue;
    fs.rmSync(full, { force: true });
    removed.push(full);
  }
  return removed;
}
