/**
 * Replacing the data with a backup's, so that a restore killed at any moment leaves either the old data or
 * the new, never a mixture.
 *
 * The new database and archive are first written beside the old ones under temporary names and flushed (see
 * BackupService.prepareRestore). Then a journal file (<db>.restore.json) is written under a temporary name and
 * renamed into place: that rename is the commit point. From then on the restore is finished by `applyRestore`
 * — by the process doing it, or, if that one dies, by whichever opens the database next (openDatabase calls
 * it first) — in steps that can each be repeated: drop the old -wal/-shm, rename the new database over the
 * old, move the old archive aside, rename the new one in, remove the old, remove the journal. Before the
 * commit point nothing of the data has changed, and the temporary files are removed later.
 *
 * A database-only backup (a plain .db copy, databaseCopy.ts) restores the same way with the archive steps left out:
 * its journal says keepArchive, no new archive is unpacked, and archive/ stays as it is.
 *
 * Only fs and path here: the connection module imports this.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface RestoreJournal {
  id: string;
  /** The backup file restored (for the record). */
  backup: string;
  at: string;
  /** The new database, beside the old (a name in the database's folder). */
  dbTmp: string;
  /** The archive folder, the new one beside it, and where the old one goes (absolute paths). */
  archive: string;
  archiveTmp: string;
  archiveOld: string;
  /**
   * A database-only restore (an import's 导入前-*.db): archive/ is left exactly as it is — no new archive was
   * unpacked (archiveTmp is never created) and the steps below touch none of the three archive paths.
   */
  keepArchive?: boolean;
}

export const journalPath = (dbPath: string) => `${dbPath}.restore.json`;

export function restoreNames(dbPath: string, archiveDir: string, id: string): Pick<RestoreJournal, 'dbTmp' | 'archive' | 'archiveTmp' | 'archiveOld'> {
  const archive = path.resolve(archiveDir);
  return {
    dbTmp: `${path.basename(dbPath)}.restore-${id}.tmp`,
    archive,
    archiveTmp: `${archive}.restore-${id}`,
    archiveOld: `${archive}.before-restore-${id}`,
  };
}

export function fsyncDir(dir: string): void {
  // Windows cannot open a folder to flush it; there a rename is durable once it returns.
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    /* not supported here */
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The commit point: from here the restore will be finished, by this process or the next to open the data. */
export function commitRestore(dbPath: string, j: RestoreJournal): void {
  const file = journalPath(dbPath);
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, JSON.stringify(j, null, 2));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(dbPath));
}

/**
 * Finishes a committed restore (no-op without a journal). Every step can be repeated after a crash. The database
 * must not be open anywhere. Returns the journal it finished, or null.
 */
export function applyRestore(dbPath: string, onStep: (step: string) => void = () => {}): RestoreJournal | null {
  const jp = journalPath(dbPath);
  if (!fs.existsSync(jp)) return null;
  const j = JSON.parse(fs.readFileSync(jp, 'utf8')) as RestoreJournal;
  const dir = path.dirname(dbPath);
  const dbTmp = path.join(dir, path.basename(j.dbTmp));
  const { archive, archiveTmp, archiveOld } = j;
  if (fs.existsSync(dbTmp)) {
    // The old write-ahead log must go first: left beside the new file, SQLite would replay it into it.
    fs.rmSync(`${dbPath}-wal`, { force: true });
    fs.rmSync(`${dbPath}-shm`, { force: true });
    fs.renameSync(dbTmp, dbPath);
    fsyncDir(dir);
  }
  onStep('database-replaced');
  if (!j.keepArchive && fs.existsSync(archiveTmp)) {
    if (fs.existsSync(archive)) {
      fs.renameSync(archive, archiveOld);
      onStep('archive-moved-aside');
    }
    fs.renameSync(archiveTmp, archive);
    fsyncDir(path.dirname(archive));
  }
  onStep('archive-replaced');
  if (!j.keepArchive) fs.rmSync(archiveOld, { recursive: true, force: true });
  fs.rmSync(jp, { force: true });
  fsyncDir(dir);
  onStep('restore-finished');
  return j;
}

/**
 * Removes what a restore that never reached its commit point left behind (temporary database and archive
 * copies), when no journal is waiting and the leftovers are older than `olderThanMs` (a restore being prepared
 * right now keeps writing to its files).
 */
export function removeRestoreLeftovers(dbPath: string, olderThanMs: number): void {
  if (fs.existsSync(journalPath(dbPath))) return;
  const dir = path.dirname(dbPath);
  const base = path.basename(dbPath);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const n of names) {
    const ours =
      (n.startsWith(`${base}.restore-`) && n.endsWith('.tmp')) || n.startsWith('archive.restore-') || n.startsWith('archive.before-restore-') || n === `${base}.restore.json.tmp`;
    if (!ours) continue;
    const p = path.join(dir, n);
    try {
      if (now - fs.statSync(p).mtimeMs >= olderThanMs) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* gone meanwhile, or in use: next time */
    }
  }
}
