/**
 * 数据备份与恢复 over one database file: backups taken automatically (the first start of each day, before each
 * import, restore and migration) into backups/ beside the data and kept by rotation; a backup on demand, there
 * or in a folder the clerk picks; the list with each backup's date and counts; a full check of a backup file;
 * and the first half of a restore (check, back up what is there now, unpack beside, commit), which
 * restore.ts's applyRestore finishes once the database is closed.
 *
 * Synchronous throughout: the app runs it in a worker thread (backup/worker.ts), the command line and the
 * import's own worker call it directly.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Sqlite } from '../db/connection';
import { LATEST_VERSION } from '../db/migrations';
import { ServiceError } from '../errors';
import { BACKUP_REASON_LABELS, type BackupReason } from '../../shared/domain/labels';
import type { BackupOverview, BackupRow, BackupVerifyResult } from '../../shared/backup';
import {
  archiveDirOf,
  BACKUP_EXT,
  BackupFileError,
  checkEntries,
  countRows,
  infoOf,
  listArchive,
  openBackup,
  PARTIAL_SUFFIX,
  removeStaleScratch,
  writeBackupFile,
  type StepHook,
} from './format';
import { commitRestore, journalPath, removeRestoreLeftovers, restoreNames, type RestoreJournal } from './restore';
import { checkDatabaseCopy, copyForRestore, copyLabel, inspectDatabaseCopy, isDatabaseCopy } from './databaseCopy';
import { isImportSnapshotName, KEEP_IMPORT_SNAPSHOTS } from './importSnapshot';

/**
 * Automatic backups kept: all from the last two days, then the newest of each of 7 days, 4 weeks, 12 months. The
 * import snapshots (导入前-*.db, database only) have their own rule: the newest KEEP_IMPORT_SNAPSHOTS (importSnapshot.ts).
 */
export const ROTATION = { recentHours: 48, days: 7, weeks: 4, months: 12 } as const;
export const ROTATION_WORDS = `自动备份保留：最近两天的全部，以及最近 7 天每天、4 周每周、12 个月每月各最新一份；导入前的数据库副本（不含附件，每份和数据库一样大）只保留最近 ${KEEP_IMPORT_SNAPSHOTS} 份；手动备份不会自动删除。`;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const localStamp = (d: Date) => `${localDay(d)}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
/** The Monday of the date's week: one key per week. */
const weekKey = (d: Date) => localDay(new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7)));
const monthKey = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;

export interface PreparedRestore {
  journal: RestoreJournal;
  restored: BackupRow;
  safetyBackup: string | null;
  damagedCopy: string | null;
}

export class BackupService {
  readonly folder: string;
  readonly archiveDir: string;

  constructor(
    /** The open database; null when it is damaged and cannot be opened (recovery). */
    private readonly db: Sqlite | null,
    readonly dbPath: string,
    private readonly now: () => Date = () => new Date(),
    /** Where automatic backups go; default backups/ beside the database. */
    folder?: string,
    /** The attachments archive; default archive/ beside the database. */
    archiveDir?: string,
  ) {
    this.folder = path.resolve(folder ?? path.join(path.dirname(dbPath), 'backups'));
    this.archiveDir = path.resolve(archiveDir ?? archiveDirOf(dbPath));
  }

  private fileName(reason: BackupReason, at: Date, dir: string): string {
    const base = `社区党建备份-${localStamp(at)}-${BACKUP_REASON_LABELS[reason]}`;
    for (let i = 1; ; i++) {
      const name = `${base}${i > 1 ? `-${i}` : ''}${BACKUP_EXT}`;
      if (!fs.existsSync(path.join(dir, name)) && !fs.existsSync(path.join(dir, name + PARTIAL_SUFFIX))) return name;
    }
  }

  /**
   * Writes a backup (all-or-nothing) into `folder` (default: backups/ beside the data) and returns its row.
   * Automatic reasons are followed by the rotation of backups/.
   */
  create(reason: BackupReason, options: { folder?: string; file?: string; label?: string | null; onStep?: StepHook } = {}): BackupRow {
    if (!this.db) throw new ServiceError('conflict', '数据文件已损坏，不能备份。请用最近的备份恢复。');
    if (options.file) {
      const file = path.resolve(options.file);
      if (!file.endsWith(BACKUP_EXT)) throw new ServiceError('validation', `备份文件名应以 ${BACKUP_EXT} 结尾。`);
      if (fs.existsSync(file)) throw new ServiceError('validation', `“${file}”已经存在，请换一个文件名。`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      writeBackupFile(this.db, file, { reason, label: options.label ?? null, archiveDir: this.archiveDir, now: this.now(), onStep: options.onStep });
      return this.inspect(file);
    }
    const dir = path.resolve(options.folder ?? this.folder);
    if (options.folder) {
      let st: fs.Stats;
      try {
        st = fs.statSync(dir);
      } catch {
        throw new ServiceError('validation', `找不到文件夹“${dir}”（U盘可能已拔出）。请重新选择。`);
      }
      if (!st.isDirectory()) throw new ServiceError('validation', `“${dir}”不是文件夹，请选择一个文件夹。`);
    }
    else fs.mkdirSync(dir, { recursive: true });
    this.removeStalePartials(dir);
    const at = this.now();
    const file = path.join(dir, this.fileName(reason, at, dir));
    writeBackupFile(this.db, file, { reason, label: options.label ?? null, archiveDir: this.archiveDir, now: at, onStep: options.onStep });
    if (reason !== 'manual' && dir === path.resolve(this.folder)) this.rotate([file]);
    return this.inspect(file);
  }

  /**
   * The automatic backup taken before an import, a restore or a migration (or the day's first): written to
   * backups/ and rotated. Returns the file's path. For the import: `services.backup.takeAutomatic('import', fileName)`.
   */
  takeAutomatic(reason: Exclude<BackupReason, 'manual'>, label: string | null = null, onStep?: StepHook): string {
    return this.create(reason, { label, onStep }).file;
  }

  /** No daily backup yet today, and there is something to back up. */
  dailyDue(): boolean {
    if (!this.db) return false;
    const hasData = this.db.prepare('SELECT EXISTS (SELECT 1 FROM organisations) OR EXISTS (SELECT 1 FROM members)').pluck().get() === 1;
    if (!hasData) return false;
    const today = localDay(this.now());
    return !this.list().some((r) => r.info?.reason === 'daily' && localDay(new Date(r.info.createdAt)) === today);
  }

  /**
   * A backup file's row: what its manifest says, or why it cannot be used. Reads only the manifest. A database
   * copy (an import's 导入前-*.db, or any .db handed in) is read itself: ours or not, its data version and rows.
   */
  inspect(file: string): BackupRow {
    const abs = path.resolve(file);
    let st: fs.Stats | null = null;
    try {
      st = fs.statSync(abs);
    } catch {
      /* reported below */
    }
    const row: BackupRow = { file: abs, fileName: path.basename(abs), size: st?.size ?? 0, modifiedAt: (st?.mtime ?? new Date(0)).toISOString(), info: null, problem: null };
    if (isDatabaseCopy(abs)) {
      if (!st) row.problem = '找不到这个文件（可能已被删除，或U盘已拔出）。';
      else if (!st.isFile()) row.problem = '选择的是文件夹，请选择备份文件（.djbak）或数据库副本（.db）。';
      else if (abs === path.resolve(this.dbPath)) row.problem = '这是软件正在使用的数据文件本身，不能用它恢复。请选择备份文件夹中的备份。';
      else {
        const c = inspectDatabaseCopy(abs, st);
        row.info = c.info && { ...c.info, label: copyLabel(c.batchId, this.db) };
        row.problem = c.problem;
      }
      return row;
    }
    try {
      const b = openBackup(abs, { index: false });
      b.zip.close();
      row.info = infoOf(b.manifest);
      if (b.manifest.schemaVersion > LATEST_VERSION)
        row.problem = `这个备份由更新版本的软件（${b.manifest.app?.version ?? '未知版本'}）制作，请先安装最新版本再恢复。`;
    } catch (e) {
      if (!(e instanceof ServiceError)) throw e;
      row.problem = e.message;
    }
    return row;
  }

  /**
   * Every backup in backups/, newest first (unreadable ones by their file time, with the problem): the .djbak files
   * and the imports' database-only snapshots (导入前-*.db).
   */
  list(): BackupRow[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.folder);
    } catch {
      return [];
    }
    const rows = names.filter((n) => n.endsWith(BACKUP_EXT) || isImportSnapshotName(n)).map((n) => this.inspect(path.join(this.folder, n)));
    const at = (r: BackupRow) => r.info?.createdAt ?? r.modifiedAt;
    return rows.sort((a, b) => (at(a) < at(b) ? 1 : at(a) > at(b) ? -1 : a.fileName < b.fileName ? 1 : -1));
  }

  overview(pickers: boolean): BackupOverview {
    let current: BackupOverview['current'] = null;
    if (this.db) {
      const { summary } = countRows(this.db);
      current = { ...summary, archiveFiles: listArchive(this.archiveDir).length };
    }
    return { folder: this.folder, dbPath: this.dbPath, backups: this.list(), current, pickers, keeps: ROTATION_WORDS };
  }

  /**
   * Deletes automatic backups (.djbak) in backups/ the rotation no longer keeps. Manual backups, files that cannot
   * be read, and `keep` are never deleted; nor are the import snapshots (.db), which keep their own newest five
   * (pruneImportSnapshots, when an import takes one). Returns the files removed.
   */
  rotate(keep: string[] = []): string[] {
    const auto = this.list().filter((r) => r.info && r.info.kind === 'full' && r.info.reason !== 'manual');
    const kept = keptByRotation(
      auto.map((r) => ({ file: r.file, createdAt: r.info!.createdAt })),
      this.now(),
    );
    for (const f of keep) kept.add(path.resolve(f));
    const removed: string[] = [];
    for (const r of auto) {
      if (kept.has(r.file)) continue;
      try {
        fs.rmSync(r.file);
        removed.push(r.file);
      } catch {
        /* in use (being read for a restore on Windows): next time */
      }
    }
    return removed;
  }

  /** `.partial` files an interrupted backup left in this folder (more than ten minutes old: not one being written now). */
  private removeStalePartials(dir: string): void {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names) {
      if (!n.endsWith(BACKUP_EXT + PARTIAL_SUFFIX)) continue;
      const p = path.join(dir, n);
      try {
        if (Date.now() - fs.statSync(p).mtimeMs > 10 * 60_000) fs.rmSync(p, { force: true });
      } catch {
        /* gone meanwhile */
      }
    }
  }

  /**
   * Reads the whole backup back: the snapshot's SHA-256, quick_check and rows per table on an unpacked copy,
   * every archive file's SHA-256.
   */
  verify(file: string): BackupVerifyResult {
    const t0 = performance.now();
    const row = this.inspect(file);
    const problems: string[] = [];
    if (row.problem) problems.push(row.problem);
    // A database copy: opened read-only, integrity_check, ours, a data version this app knows.
    else if (row.info?.kind === 'databaseOnly') problems.push(...checkDatabaseCopy(row.file));
    else {
      removeStaleScratch();
      const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-verify-'));
      try {
        const b = openBackup(row.file);
        try {
          problems.push(...checkEntries(b, { db: path.join(scratch, 'check.db'), archiveDir: null }));
        } finally {
          b.zip.close();
        }
      } catch (e) {
        if (!(e instanceof ServiceError)) throw e;
        problems.push(e.message);
      } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
      }
    }
    return { file: row.file, ok: problems.length === 0, problems, backup: row, ms: Math.round(performance.now() - t0) };
  }

  /**
   * The first half of a restore, while the database is still open: checks the backup, backs up the data as it
   * is now (or, when it is damaged, puts the damaged file aside), unpacks the backup beside the data under
   * temporary names, and commits (restore.ts). The caller then closes the database and calls applyRestore.
   */
  prepareRestore(file: string, onStep: StepHook = () => {}): PreparedRestore {
    if (fs.existsSync(journalPath(this.dbPath))) throw new ServiceError('conflict', '上一次恢复还没有完成，请重新打开软件后再试。');
    const row = this.inspect(file);
    if (row.problem) throw new BackupFileError(`不能用这个文件恢复：${row.problem}`);
    if (row.info?.kind === 'databaseOnly') return this.prepareDatabaseRestore(row, onStep);
    const opened = openBackup(row.file);
    try {
      const { safetyBackup, damagedCopy, id, names, dbTmp } = this.beginRestore(row, onStep);
      const archiveTmp = names.archiveTmp;
      let problems: string[];
      try {
        problems = checkEntries(opened, { db: dbTmp, archiveDir: archiveTmp, durable: true, onStep });
      } catch (e) {
        fs.rmSync(dbTmp, { force: true });
        fs.rmSync(archiveTmp, { recursive: true, force: true });
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOSPC') throw new ServiceError('conflict', '数据文件所在的磁盘空间不足，没有恢复。请腾出空间后重试。');
        throw e;
      }
      if (problems.length) {
        fs.rmSync(dbTmp, { force: true });
        fs.rmSync(archiveTmp, { recursive: true, force: true });
        throw new BackupFileError(`这个备份文件已损坏，没有恢复，现有数据没有改动：${problems.slice(0, 3).join(' ')}`);
      }
      const journal: RestoreJournal = { id, backup: row.file, at: this.now().toISOString(), ...names };
      commitRestore(this.dbPath, journal);
      onStep('journal');
      return { journal, restored: row, safetyBackup, damagedCopy };
    } finally {
      opened.zip.close();
    }
  }

  /**
   * prepareRestore for a database-only backup (a .db copy): the same sequence — the present data backed up first
   * (or, damaged, put aside), the copy written beside the data under a temporary name, flushed and checked
   * (integrity_check, ours, data version), then the journal — with no archive unpacked: the journal says
   * keepArchive, so applyRestore replaces the database and leaves archive/ as it is. An older data version is
   * migrated when the app opens the restored file, as after a .djbak.
   */
  private prepareDatabaseRestore(row: BackupRow, onStep: StepHook): PreparedRestore {
    const { safetyBackup, damagedCopy, id, names, dbTmp } = this.beginRestore(row, onStep);
    let problems: string[];
    try {
      problems = copyForRestore(row.file, dbTmp, onStep);
    } catch (e) {
      fs.rmSync(dbTmp, { force: true });
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC') throw new ServiceError('conflict', '数据文件所在的磁盘空间不足，没有恢复。请腾出空间后重试。');
      if (code === 'ENOENT') throw new BackupFileError('找不到这个文件（可能已被删除，或U盘已拔出），没有恢复，现有数据没有改动。');
      throw e;
    }
    if (problems.length) {
      fs.rmSync(dbTmp, { force: true });
      throw new BackupFileError(`这个数据库副本已损坏，没有恢复，现有数据没有改动：${problems.slice(0, 3).join(' ')}`);
    }
    const journal: RestoreJournal = { id, backup: row.file, at: this.now().toISOString(), ...names, keepArchive: true };
    commitRestore(this.dbPath, journal);
    onStep('journal');
    return { journal, restored: row, safetyBackup, damagedCopy };
  }

  /**
   * What both kinds of restore do first: back up the data as it is now (or, when it is damaged, put it aside),
   * clear what an earlier restore left, and name this restore's temporary files.
   */
  private beginRestore(row: BackupRow, onStep: StepHook) {
    let safetyBackup: string | null = null;
    let damagedCopy: string | null = null;
    if (this.db) safetyBackup = this.takeAutomatic('restore', `恢复“${row.fileName}”之前`);
    else damagedCopy = this.setDamagedAside();
    onStep('safety-backup');
    removeRestoreLeftovers(this.dbPath, 0);
    const id = `${Date.now().toString(36)}-${crypto.randomBytes(3).toString('hex')}`;
    const names = restoreNames(this.dbPath, this.archiveDir, id);
    return { safetyBackup, damagedCopy, id, names, dbTmp: path.join(path.dirname(this.dbPath), names.dbTmp) };
  }

  /** In recovery: the damaged file (and its log) copied into backups/, for support to look at. */
  private setDamagedAside(): string | null {
    if (!fs.existsSync(this.dbPath)) return null;
    const dir = path.join(this.folder, `损坏的数据文件-${localStamp(this.now())}`);
    fs.mkdirSync(dir, { recursive: true });
    for (const suffix of ['', '-wal']) {
      const f = this.dbPath + suffix;
      if (fs.existsSync(f)) fs.copyFileSync(f, path.join(dir, path.basename(f)));
    }
    return dir;
  }
}

/**
 * The automatic backups rotation keeps: every one from the last two days, and the newest of each of the last
 * 7 days, 4 weeks and 12 months that have one (local time). `backups` newest first.
 */
export function keptByRotation(backups: { file: string; createdAt: string }[], now: Date): Set<string> {
  const kept = new Set<string>();
  const newestPer = (key: (d: Date) => string, n: number) => {
    const seen = new Set<string>();
    for (const b of backups) {
      const k = key(new Date(b.createdAt));
      if (seen.has(k)) continue;
      if (seen.size >= n) break;
      seen.add(k);
      kept.add(b.file);
    }
  };
  for (const b of backups) if (now.getTime() - Date.parse(b.createdAt) < ROTATION.recentHours * 3600_000) kept.add(b.file);
  newestPer(localDay, ROTATION.days);
  newestPer(weekKey, ROTATION.weeks);
  newestPer(monthKey, ROTATION.months);
  return kept;
}

/**
 * The start-up check: opens the file as it is and runs quick_check. Returns null when fine, or the problem in
 * words. (A file that is not there is fine: it will be created.)
 */
export function checkDatabaseFile(dbPath: string): string | null {
  if (!fs.existsSync(dbPath)) return null;
  let db: Sqlite | undefined;
  try {
    db = new Database(dbPath, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const r = db.pragma('quick_check', { simple: true });
    return r === 'ok' ? null : `数据文件的内容已损坏（技术信息：${String(r).split('\n')[0]}）。`;
  } catch (e) {
    const code = String((e as { code?: string }).code ?? '');
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY') throw e;
    const tech = `（技术信息：${(e as Error).message}）`;
    if (code === 'SQLITE_NOTADB') return `数据文件已不是有效的数据库文件，可能被其他程序改写，或复制不完整${tech}。`;
    if (code.startsWith('SQLITE_CORRUPT')) return `数据文件的内容已损坏${tech}。`;
    return `数据文件打不开${tech}。`;
  } finally {
    db?.close();
  }
}
