/**
 * The backup file (.djbak): one zip holding
 *   dangjian.db          a consistent snapshot of the database (VACUUM INTO), deflated
 *   archive/<path>       every file of the attachments archive beside the database, stored as is
 *   archive-index.json   each archive file's path, size and SHA-256
 *   manifest.json        app and schema version, when and why, rows per table, SHA-256 of the snapshot
 * The manifest is readable without restoring (the zip's directory, then one small entry), so the list and the
 * restore preview show a backup's date and counts at once. Any zip tool opens the file, for whoever supports
 * the office without the app.
 *
 * Writing is all-or-nothing: the file is written under a temporary name in the destination folder, flushed to
 * the disk, read back and checked entry by entry against the manifest, and only then renamed to its name. An
 * interrupted backup leaves at most a `.partial` file, never a damaged `.djbak`, and never replaces one.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Sqlite } from '../db/connection';
import { BACKUP_REASONS, type BackupReason } from '../../shared/domain/labels';
import type { BackupInfo } from '../../shared/backup';
import { ServiceError } from '../errors';
import { APP_NAME, APP_VERSION } from '../version';
import { fsyncDir } from './restore';
import { ZipFormatError, ZipReader, ZipWriter, type ZipEntry } from './zip';

export const BACKUP_EXT = '.djbak';
export const PARTIAL_SUFFIX = '.partial';
export const DB_ENTRY = 'dangjian.db';
export const MANIFEST_ENTRY = 'manifest.json';
export const ARCHIVE_INDEX_ENTRY = 'archive-index.json';
export const ARCHIVE_PREFIX = 'archive/';
const FORMAT = 'dangjian-backup';
const FORMAT_VERSION = 1;

export interface Manifest {
  format: typeof FORMAT;
  formatVersion: number;
  app: { name: string; version: string };
  schemaVersion: number;
  createdAt: string;
  reason: BackupReason;
  label: string | null;
  /** pieces: the compressed length of each 4 MB piece (see ZipWriter.addFile). */
  database: { entry: string; size: number; sha256: string; check: 'quick_check' | 'integrity_check'; result: 'ok'; pieces?: number[] };
  counts: Record<string, number>;
  summary: { activeMembers: number | null; organisations: number | null };
  archive: { files: number; bytes: number; indexSha256: string };
}

export interface ArchiveIndexEntry {
  path: string;
  size: number;
  sha256: string;
}

/** The steps of writing and restoring, named for progress and for the crash tests' markers. */
export type StepHook = (step: string) => void;

/** The archive folder beside a database file. */
export function archiveDirOf(dbPath: string): string {
  return path.join(path.dirname(dbPath), 'archive');
}

/** Every file the archive folder holds (relative paths with '/'), skipping files still being written (*.tmp). */
export function listArchive(dir: string): { rel: string; abs: string; size: number }[] {
  const out: { rel: string; abs: string; size: number }[] = [];
  const walk = (abs: string, rel: string) => {
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for (const d of names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const a = path.join(abs, d.name);
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) walk(a, r);
      else if (d.isFile() && !d.name.endsWith('.tmp')) out.push({ rel: r, abs: a, size: fs.statSync(a).size });
    }
  };
  walk(dir, '');
  return out;
}

/** Rows per table (ordinary tables only: no FTS shadow tables, no SQLite internals), and the two headline counts. */
export function countRows(db: Sqlite): { counts: Record<string, number>; summary: Manifest['summary'] } {
  const tables = (db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]);
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = db.prepare(`SELECT count(*) FROM "${t.replaceAll('"', '""')}"`).pluck().get() as number;
  const one = (sql: string): number | null => {
    try {
      return db.prepare(sql).pluck().get() as number;
    } catch {
      return null;
    }
  };
  return {
    counts,
    summary: {
      activeMembers: 'members' in counts ? one('SELECT count(*) FROM members WHERE left_on IS NULL') : null,
      organisations: 'organisations' in counts ? one('SELECT count(*) FROM organisations WHERE dissolved_on IS NULL') : null,
    },
  };
}

export { fsyncDir };

/** A file system error, as a sentence for the clerk. */
export function writeProblem(e: unknown, where: string): ServiceError {
  if (e instanceof ServiceError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const msg =
    code === 'ENOSPC'
      ? `“${where}”所在的磁盘空间不足，备份没有完成。请腾出空间（或换一个U盘）后重试。`
      : code === 'EFBIG'
        ? `“${where}”不能存放这么大的文件（U盘可能是 FAT32 格式，单个文件不能超过 4 GB）。请换一个 NTFS 或 exFAT 格式的U盘。`
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? `不能写入“${where}”（没有权限，或U盘设置了写保护）。请换一个文件夹后重试。`
          : code === 'ENOENT'
            ? `找不到文件夹“${where}”（U盘可能已拔出）。请重新选择后重试。`
            : e instanceof ZipFormatError
              ? `备份写入后核对不符：${e.message} 备份没有完成，请重试；如仍不行，请换一个U盘或文件夹。`
              : null;
  if (msg) return new ServiceError('conflict', msg);
  throw e;
}

/**
 * Scratch folders (a snapshot, a checked copy: as large as the database) that a backup or a check killed
 * half-way left in the temp folder, more than an hour old.
 */
export function removeStaleScratch(): void {
  let names: string[];
  try {
    names = fs.readdirSync(os.tmpdir());
  } catch {
    return;
  }
  for (const n of names) {
    if (!n.startsWith('dj-backup-') && !n.startsWith('dj-verify-')) continue;
    const p = path.join(os.tmpdir(), n);
    try {
      if (Date.now() - fs.statSync(p).mtimeMs > 3600_000) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* gone meanwhile, or in use */
    }
  }
}

export interface WriteOptions {
  reason: BackupReason;
  label?: string | null;
  archiveDir: string | null;
  now: Date;
  onStep?: StepHook;
}

/**
 * Writes a backup of the open database (and the archive folder) to `out`, all-or-nothing: a snapshot, checked
 * (quick_check, rows counted), packed under `out.partial`, flushed, read back and checked, then renamed.
 */
export function writeBackupFile(db: Sqlite, out: string, o: WriteOptions): { manifest: Manifest; size: number } {
  const step = o.onStep ?? (() => {});
  const partial = out + PARTIAL_SUFFIX;
  removeStaleScratch();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-backup-'));
  try {
    // 1. The snapshot: VACUUM INTO reads one consistent state (a read transaction), whatever other connections
    //    write meanwhile, and writes a compact copy. (The online backup API was ~20% faster at 100,000 members
    //    but restarts whenever another connection writes, and runs in steps the caller must drive.)
    const snap = path.join(scratch, DB_ENTRY);
    db.prepare('VACUUM INTO ?').run(snap);
    step('snapshot');
    const s = new Database(snap, { readonly: true });
    let counts: ReturnType<typeof countRows>;
    let schemaVersion: number;
    try {
      // quick_check: every page and b-tree, the constraints. (integrity_check would also compare each index with
      // its table, but VACUUM INTO has just built every index from its table; at 100,000 members it costs 0.5 s
      // more of the 5 s a backup may take. `db check` runs the full integrity_check on the data file itself.)
      const check = s.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new ServiceError('conflict', `数据文件检查未通过（${String(check)}），没有备份。请在“数据备份”页用最近的备份恢复，或联系技术支持。`);
      counts = countRows(s);
      schemaVersion = s.pragma('user_version', { simple: true }) as number;
    } finally {
      s.close();
    }
    step('checked');
    // 2. The archive as it is now. Taken after the snapshot: every attachment the snapshot names is already
    //    there (files are added before the rows that name them, and never removed).
    const archive = o.archiveDir ? listArchive(o.archiveDir) : [];
    // 3. Pack.
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const fd = fs.openSync(partial, 'w');
    let size: number;
    let manifest: Manifest;
    try {
      let written = 0;
      const zip = new ZipWriter(fd, o.now, (b) => (written = b));
      const dbHash = crypto.createHash('sha256');
      const { size: dbSize, pieces } = zip.addFile(DB_ENTRY, snap, 8, (c) => dbHash.update(c));
      step('database-written');
      const index: ArchiveIndexEntry[] = [];
      let bytes = 0;
      for (const f of archive) {
        const h = crypto.createHash('sha256');
        const { size } = zip.addFile(ARCHIVE_PREFIX + f.rel, f.abs, 0, (c) => h.update(c));
        index.push({ path: f.rel, size, sha256: h.digest('hex') });
        bytes += size;
        if (index.length === 1 || index.length === archive.length) step(`archive-${index.length}`);
      }
      const indexJson = Buffer.from(JSON.stringify(index));
      zip.addBuffer(ARCHIVE_INDEX_ENTRY, indexJson);
      manifest = {
        format: FORMAT,
        formatVersion: FORMAT_VERSION,
        app: { name: APP_NAME, version: APP_VERSION },
        schemaVersion,
        createdAt: o.now.toISOString(),
        reason: o.reason,
        label: o.label ?? null,
        database: { entry: DB_ENTRY, size: dbSize, sha256: dbHash.digest('hex'), check: 'quick_check', result: 'ok', pieces },
        counts: counts.counts,
        summary: counts.summary,
        archive: { files: index.length, bytes, indexSha256: crypto.createHash('sha256').update(indexJson).digest('hex') },
      };
      zip.addBuffer(MANIFEST_ENTRY, Buffer.from(JSON.stringify(manifest, null, 2)));
      size = zip.finish();
      void written;
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    step('written');
    // 4. Read back what is on the disk now, entry by entry, against the manifest.
    const back = openBackup(partial);
    try {
      const problems = checkEntries(back, null);
      if (problems.length) throw new ZipFormatError(problems[0]!);
    } finally {
      back.zip.close();
    }
    step('verified');
    // 5. Publish under the real name.
    fs.renameSync(partial, out);
    fsyncDir(path.dirname(out));
    step('published');
    return { manifest, size };
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw writeProblem(e, path.dirname(out));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

// ─── reading ────────────────────────────────────────────────────────────────────────────────────────────────

export class BackupFileError extends ServiceError {
  constructor(message: string) {
    super('validation', message);
  }
}

export interface OpenedBackup {
  zip: ZipReader;
  manifest: Manifest;
  index: ArchiveIndexEntry[] | null;
}

const isReason = (r: unknown): r is BackupReason => typeof r === 'string' && (BACKUP_REASONS as readonly string[]).includes(r);
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

function parseManifest(raw: Buffer): Manifest {
  let m: Manifest;
  try {
    m = JSON.parse(raw.toString('utf8')) as Manifest;
  } catch {
    throw new BackupFileError('备份说明（manifest.json）已损坏。');
  }
  const ok =
    m &&
    m.format === FORMAT &&
    isCount(m.formatVersion) &&
    isCount(m.schemaVersion) &&
    typeof m.createdAt === 'string' &&
    !Number.isNaN(Date.parse(m.createdAt)) &&
    isReason(m.reason) &&
    m.database?.entry === DB_ENTRY &&
    isCount(m.database.size) &&
    /^[0-9a-f]{64}$/.test(m.database.sha256 ?? '') &&
    m.counts &&
    typeof m.counts === 'object' &&
    Object.values(m.counts).every(isCount) &&
    isCount(m.archive?.files) &&
    isCount(m.archive?.bytes) &&
    /^[0-9a-f]{64}$/.test(m.archive?.indexSha256 ?? '');
  if (!ok) throw new BackupFileError('备份说明（manifest.json）内容不完整，不能用这个文件恢复。');
  if (m.formatVersion > FORMAT_VERSION) throw new BackupFileError('这个备份由更新版本的软件制作，请先安装最新版本再恢复。');
  return m;
}

/** A path inside the archive: relative, '/'-separated, no '..', nothing a file system could read another way. */
function safeArchivePath(p: unknown): p is string {
  return (
    typeof p === 'string' &&
    p.length > 0 &&
    p.length < 500 &&
    !p.startsWith('/') &&
    !p.includes('\\') &&
    !p.includes('\0') &&
    !/^[a-zA-Z]:/.test(p) &&
    p.split('/').every((s) => s !== '' && s !== '.' && s !== '..' && !/[<>:"|?*]/.test(s))
  );
}

/** Opens a backup file and reads its manifest (and archive index): cheap, nothing else is read. */
export function openBackup(file: string, options: { index?: boolean } = {}): OpenedBackup {
  let zip: ZipReader;
  try {
    zip = ZipReader.open(file);
  } catch (e) {
    if (e instanceof ZipFormatError) throw new BackupFileError(`不是有效的备份文件：${e.message}`);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BackupFileError('找不到这个备份文件（可能已被删除，或U盘已拔出）。');
    if (code === 'EISDIR') throw new BackupFileError('选择的是文件夹，请选择备份文件（.djbak）。');
    if (code === 'EACCES' || code === 'EPERM') throw new BackupFileError('没有权限读取这个备份文件。');
    throw e;
  }
  try {
    const me = zip.byName.get(MANIFEST_ENTRY);
    if (!me) throw new BackupFileError('不是本软件的备份文件（缺少备份说明）。');
    const manifest = parseManifest(zip.readSmall(me, 4 * 1024 * 1024));
    const ie = zip.byName.get(ARCHIVE_INDEX_ENTRY);
    let index: ArchiveIndexEntry[] | null = null;
    if (ie && options.index !== false) {
      const raw = zip.readSmall(ie, 256 * 1024 * 1024);
      if (crypto.createHash('sha256').update(raw).digest('hex') !== manifest.archive.indexSha256)
        throw new BackupFileError('附件清单与备份说明不符，文件已损坏。');
      index = JSON.parse(raw.toString('utf8')) as ArchiveIndexEntry[];
      if (!Array.isArray(index) || !index.every((x) => safeArchivePath(x?.path) && isCount(x.size) && /^[0-9a-f]{64}$/.test(x.sha256 ?? '')))
        throw new BackupFileError('附件清单已损坏。');
    }
    return { zip, manifest, index };
  } catch (e) {
    zip.close();
    if (e instanceof ZipFormatError) throw new BackupFileError(`备份文件已损坏：${e.message}`);
    throw e;
  }
}

export function infoOf(m: Manifest): BackupInfo {
  return {
    kind: 'full',
    createdAt: m.createdAt,
    reason: m.reason,
    label: m.label ?? null,
    appVersion: m.app?.version ?? '',
    schemaVersion: m.schemaVersion,
    counts: m.counts,
    activeMembers: m.summary?.activeMembers ?? null,
    organisations: m.summary?.organisations ?? null,
    archiveFiles: m.archive.files,
    archiveBytes: m.archive.bytes,
  };
}

export interface ExtractTargets {
  /** Where the database snapshot goes (a file that must not exist yet). */
  db: string;
  /** Where the archive's files go (a folder that must not exist yet). */
  archiveDir: string | null;
  /** Flush each file to the disk (a restore; not a check's scratch copy). */
  durable?: boolean;
  onStep?: StepHook;
}

/**
 * Reads every entry back and checks it against the manifest: the snapshot's SHA-256 and size, each archive file's
 * SHA-256, nothing missing and nothing extra. With targets, writes the contents out as it reads (flushed to the
 * disk), and opens the extracted database: quick_check, and the rows per table against the manifest.
 * Returns the problems found, as sentences (empty: all good).
 */
export function checkEntries(b: OpenedBackup, targets: ExtractTargets | null): string[] {
  const problems: string[] = [];
  const m = b.manifest;
  const step = targets?.onStep ?? (() => {});
  const dbEntry = b.zip.byName.get(DB_ENTRY);
  if (!dbEntry) return ['备份里缺少数据库。'];
  const readTo = (e: ZipEntry, out: string | null, hash: crypto.Hash, pieces?: number[]) => {
    const fd = out ? fs.openSync(out, 'wx') : null;
    try {
      let pos = 0;
      b.zip.readEntry(e, (c) => {
        hash.update(c);
        if (fd !== null) {
          let off = 0;
          while (off < c.length) off += fs.writeSync(fd, c, off, c.length - off, pos + off);
          pos += c.length;
        }
      }, pieces);
      if (fd !== null && targets?.durable) fs.fsyncSync(fd);
    } finally {
      if (fd !== null) fs.closeSync(fd);
    }
  };
  try {
    const h = crypto.createHash('sha256');
    readTo(dbEntry, targets?.db ?? null, h, Array.isArray(m.database.pieces) ? m.database.pieces : undefined);
    if (dbEntry.size !== m.database.size || h.digest('hex') !== m.database.sha256) problems.push('数据库的内容与备份说明不符，文件已损坏。');
  } catch (e) {
    if (!(e instanceof ZipFormatError)) throw e;
    problems.push(`数据库：${e.message}`);
  }
  step('database-read');
  if (!problems.length && targets) {
    try {
      const s = new Database(targets.db, { readonly: true, fileMustExist: true });
      try {
        const qc = s.pragma('quick_check', { simple: true });
        if (qc !== 'ok') problems.push(`备份中的数据库检查未通过：${String(qc)}`);
        else {
          const { counts } = countRows(s);
          for (const [t, n] of Object.entries(m.counts))
            if (counts[t] !== n) problems.push(`备份中“${t}”表的行数是 ${counts[t] ?? 0}，与备份说明记录的 ${n} 不符。`);
        }
      } finally {
        s.close();
      }
    } catch (e) {
      problems.push(`备份中的数据库打不开：${(e as Error).message}`);
    }
  }
  const index = b.index ?? [];
  if (index.length !== m.archive.files) problems.push('附件清单与备份说明记录的附件数不符。');
  const listed = new Set(index.map((x) => ARCHIVE_PREFIX + x.path));
  for (const e of b.zip.entries)
    if (e.name.startsWith(ARCHIVE_PREFIX) && !listed.has(e.name)) problems.push(`备份里有附件清单之外的文件：${e.name}`);
  if (targets?.archiveDir) fs.mkdirSync(targets.archiveDir);
  for (const x of index) {
    const e = b.zip.byName.get(ARCHIVE_PREFIX + x.path);
    if (!e) {
      problems.push(`备份里缺少附件 ${x.path}。`);
      continue;
    }
    let out: string | null = null;
    if (targets?.archiveDir) {
      out = path.join(targets.archiveDir, ...x.path.split('/'));
      fs.mkdirSync(path.dirname(out), { recursive: true });
    }
    try {
      const h = crypto.createHash('sha256');
      readTo(e, out, h);
      if (e.size !== x.size || h.digest('hex') !== x.sha256) problems.push(`附件 ${x.path} 的内容与清单不符。`);
      // As the archive keeps its files: read-only, never modified.
      if (out) fs.chmodSync(out, 0o444);
    } catch (err) {
      if (!(err instanceof ZipFormatError)) throw err;
      problems.push(`附件 ${x.path}：${err.message}`);
    }
    if (problems.length > 20) break;
  }
  if (targets?.archiveDir && targets.durable) fsyncTree(targets.archiveDir);
  step('archive-read');
  return problems;
}

/** Flushes a folder tree's directory entries (the files were flushed as they were written). */
function fsyncTree(dir: string): void {
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) if (d.isDirectory()) fsyncTree(path.join(dir, d.name));
  fsyncDir(dir);
}

