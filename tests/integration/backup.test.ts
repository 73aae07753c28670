/**
 * 数据备份与恢复: the backup file (one zip, readable by another zip implementation, its manifest readable without
 * restoring), checks that find damage, rotation, the backup before a migration, restore through the app core
 * (the services come back on the restored data), recovery from a damaged data file, and the command line.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { unzipSync, zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createAppCore, openAppCore } from '../../electron/app';
import { BackupService, checkDatabaseFile, keptByRotation, ROTATION, ROTATION_WORDS } from '../../electron/backup/service';
import { ZipReader, ZipWriter } from '../../electron/backup/zip';
import { KEEP_IMPORT_SNAPSHOTS, pruneImportSnapshots, takeImportSnapshot } from '../../electron/backup/importSnapshot';
import { LATEST_VERSION, migrate, openDatabase } from '../../electron/db/connection';
import { MIGRATIONS } from '../../electron/db/migrations';
import type { BackupOverview, BackupRow, BackupVerifyResult, RestoreResult } from '../../shared/contract';
import { idFor, memberFixture, smallTree, tempDir, tempServices } from './helpers';

const root = path.resolve(__dirname, '../..');

function putInArchive(archive: string, content: string | Buffer): string {
  const bytes = Buffer.from(content);
  const h = crypto.createHash('sha256').update(bytes).digest('hex');
  fs.mkdirSync(path.join(archive, h.slice(0, 2)), { recursive: true });
  fs.writeFileSync(path.join(archive, h.slice(0, 2), h), bytes, { mode: 0o444 });
  return `${h.slice(0, 2)}/${h}`;
}

/** Services over a temp database with a small tree, `n` members and two attachments in its archive. */
function withData(n = 3) {
  const s = tempServices();
  const { b1 } = smallTree(s);
  for (let i = 0; i < n; i++) s.members.create(memberFixture({ name: `党员${i}`, idNumber: idFor('1970-01-01', 101 + i), branchId: b1.id }));
  const archive = path.join(path.dirname(s.path), 'archive');
  const files = [putInArchive(archive, '会议纪要扫描件一'), putInArchive(archive, crypto.randomBytes(200_000))];
  return { s, b1, archive, files };
}

async function call<T>(core: { dispatch: (c: unknown, i: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> }, channel: string, input: unknown = {}): Promise<T> {
  const r = await core.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error!.message}`);
  return r.value as T;
}

/** Overwrites the middle of the file (its b-tree pages) with noise. */
function damage(file: string): void {
  const fd = fs.openSync(file, 'r+');
  const size = fs.fstatSync(fd).size;
  fs.writeSync(fd, crypto.randomBytes(Math.min(64 * 1024, size - 8192)), 0, undefined, 4096);
  fs.closeSync(fd);
}

/** A member list of `n` rows in 第一党支部 (smallTree's), as a clerk's .csv. */
function memberCsv(n: number, seq = 601): Buffer {
  const lines = ['姓名,性别,民族,公民身份号码,人员类别,所在党支部,加入党组织日期,转为正式党员日期'];
  for (let i = 0; i < n; i++) lines.push(`导入党员${i},${(seq + i) % 2 ? '男' : '女'},汉族,${idFor('1975-03-03', seq + i)},正式党员,第一党支部,2001-07-01,2002-07-01`);
  return Buffer.from(lines.join('\r\n'));
}

/** Each file of the archive with its SHA-256 and inode: changed, replaced or moved, it differs. */
function archiveState(dir: string): string[] {
  const out: string[] = [`. ${fs.statSync(dir).ino}`];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p, `${rel}${e.name}/`);
      else out.push(`${rel}${e.name} ${crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex')} ${fs.statSync(p).ino}`);
    }
  };
  walk(dir, '');
  return out;
}

/** What a restore leaves beside the data only while it runs. */
const restoreLeftovers = (dir: string) => fs.readdirSync(dir).filter((n) => n.includes('.restore') || n.includes('before-restore'));

describe('the backup file', () => {
  it('holds the database and the archive, with a manifest of dates and counts readable without restoring', () => {
    const { s, archive, files } = withData(3);
    const row = s.backup.create('manual');
    expect(path.dirname(row.file)).toBe(path.join(path.dirname(s.path), 'backups'));
    expect(row.fileName).toMatch(/^社区党建备份-\d{4}-\d{2}-\d{2}-\d{6}-手动\.djbak$/);
    expect(row.problem).toBeNull();
    expect(row.info).toMatchObject({ reason: 'manual', schemaVersion: LATEST_VERSION, activeMembers: 3, organisations: 6, archiveFiles: 2, archiveBytes: 200_000 + Buffer.byteLength('会议纪要扫描件一') });
    expect(row.info!.counts['members']).toBe(3);
    expect(row.info!.counts['audit_log']).toBeGreaterThan(0);
    // Another zip implementation (fflate) reads it: the database opens, the attachments are byte for byte.
    const entries = unzipSync(fs.readFileSync(row.file));
    expect(Object.keys(entries).sort()).toEqual(['archive-index.json', ...files.map((f) => `archive/${f}`), 'dangjian.db', 'manifest.json'].sort());
    for (const f of files) expect(Buffer.from(entries[`archive/${f}`]!).equals(fs.readFileSync(path.join(archive, f)))).toBe(true);
    const copy = path.join(tempDir(), 'copy.db');
    fs.writeFileSync(copy, entries['dangjian.db']!);
    const db = new Database(copy, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM members').pluck().get()).toBe(3);
    db.close();
    expect(JSON.parse(Buffer.from(entries['manifest.json']!).toString('utf8'))).toMatchObject({ format: 'dangjian-backup', app: { name: '社区党建工作台' } });
    expect(s.backup.verify(row.file)).toMatchObject({ ok: true, problems: [] });
  });

  it('the reader reads zips written by another implementation (UTF-8 names, stored and deflated)', () => {
    const file = path.join(tempDir(), 'other.zip');
    fs.writeFileSync(file, zipSync({ '说明.txt': strToU8('备份说明'.repeat(100)), 'a/b.bin': [crypto.randomBytes(5000), { level: 0 }] }));
    const z = ZipReader.open(file);
    expect(z.entries.map((e) => e.name).sort()).toEqual(['a/b.bin', '说明.txt']);
    expect(z.readSmall(z.byName.get('说明.txt')!).toString('utf8')).toBe('备份说明'.repeat(100));
    z.close();
  });

  it('past 65,535 entries the writer uses Zip64 records, and both readers follow them', () => {
    const file = path.join(tempDir(), 'many.zip');
    const fd = fs.openSync(file, 'w');
    const w = new ZipWriter(fd, new Date());
    for (let i = 0; i < 70_000; i++) w.addBuffer(`archive/${i}`, Buffer.from([i & 0xff]), 0);
    w.finish();
    fs.closeSync(fd);
    const z = ZipReader.open(file);
    expect(z.entries).toHaveLength(70_000);
    expect([...z.readSmall(z.byName.get('archive/69999')!)]).toEqual([69_999 & 0xff]);
    z.close();
    expect(Object.keys(unzipSync(fs.readFileSync(file)))).toHaveLength(70_000);
  });

  it('a check finds a changed byte, a cut-off file and a file that is no backup, each in words', () => {
    const { s } = withData(2);
    const row = s.backup.create('manual');
    const bytes = fs.readFileSync(row.file);
    const dir = tempDir();
    // One byte of the compressed database changed.
    const flipped = Buffer.from(bytes);
    flipped[200] = flipped[200]! ^ 0xff;
    fs.writeFileSync(path.join(dir, 'flipped.djbak'), flipped);
    const v1 = s.backup.verify(path.join(dir, 'flipped.djbak'));
    expect(v1.ok).toBe(false);
    expect(v1.problems.join(' ')).toMatch(/数据库/);
    // Copied halfway (a USB stick pulled out).
    fs.writeFileSync(path.join(dir, 'cut.djbak'), bytes.subarray(0, bytes.length >> 1));
    const cut = s.backup.inspect(path.join(dir, 'cut.djbak'));
    expect(cut.info).toBeNull();
    expect(cut.problem).toMatch(/不是有效的备份文件|不完整/);
    fs.writeFileSync(path.join(dir, 'notes.djbak'), '这不是备份');
    expect(s.backup.inspect(path.join(dir, 'notes.djbak')).problem).toMatch(/不是有效的备份文件/);
    // A zip, but not ours.
    fs.writeFileSync(path.join(dir, 'other.djbak'), zipSync({ 'a.txt': strToU8('x') }));
    expect(s.backup.inspect(path.join(dir, 'other.djbak')).problem).toMatch(/不是本软件的备份文件/);
  });

  it('refuses a folder that is not there, and never overwrites a file; a stale .partial is cleared by the next backup', () => {
    const { s } = withData(1);
    expect(() => s.backup.create('manual', { folder: path.join(tempDir(), '拔出的U盘') })).toThrow(/找不到文件夹/);
    const usb = tempDir();
    const first = s.backup.create('manual', { folder: usb });
    expect(() => s.backup.create('manual', { file: first.file })).toThrow(/已经存在/);
    const stale = path.join(usb, '社区党建备份-2026-01-01-000000-手动.djbak.partial');
    fs.writeFileSync(stale, 'half');
    const old = new Date(Date.now() - 3600_000);
    fs.utimesSync(stale, old, old);
    s.backup.create('manual', { folder: usb });
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.readdirSync(usb).filter((n) => n.endsWith('.djbak'))).toHaveLength(2);
  });
});

describe('automatic backups', () => {
  it('rotation keeps the last two days, then the newest of each of 7 days, 4 weeks and 12 months that have one', () => {
    // Two automatic backups a day for 400 days (as a clerk who opens the app and imports every day).
    const start = Date.parse('2025-01-01T00:00:00+08:00');
    const all: { file: string; createdAt: string }[] = [];
    for (let day = 0; day < 400; day++)
      for (const hour of [9, 15]) all.push({ file: `${day}-${hour}`, createdAt: new Date(start + day * 86400_000 + hour * 3600_000).toISOString() });
    all.reverse();
    const now = new Date(start + 399 * 86400_000 + 16 * 3600_000);
    const kept = [...keptByRotation(all, now)];
    const days = (f: string) => 399 - Number(f.split('-')[0]);
    // The last 48 hours: both of today and of yesterday; before that the newest of each day, 7 days in all.
    expect(kept.filter((f) => days(f) <= 1).sort()).toEqual(['398-15', '398-9', '399-15', '399-9']);
    expect(kept.filter((f) => days(f) >= 2 && days(f) < 7).sort()).toEqual(['393-15', '394-15', '395-15', '396-15', '397-15']);
    // Then one a week, then one a month, reaching back about a year and no further.
    const older = kept.filter((f) => days(f) >= 7).map(days);
    expect(older.length).toBeGreaterThanOrEqual(ROTATION.months - 1);
    expect(Math.max(...older)).toBeLessThan(366);
    expect(Math.max(...older)).toBeGreaterThan(300);
    expect(kept.length).toBeLessThanOrEqual(4 + ROTATION.days + ROTATION.weeks + ROTATION.months);
  });

  it('rotate() deletes the automatic backups it no longer keeps; manual backups stay', () => {
    const s = tempServices();
    smallTree(s);
    let now = new Date('2026-11-16T09:00:00+08:00');
    const b = new BackupService(s.db, s.path, () => now);
    const at = (iso: string) => (now = new Date(iso));
    at('2026-11-16T09:00:00+08:00');
    const morning = b.takeAutomatic('import', '早上的导入');
    at('2026-11-16T11:00:00+08:00');
    const manual = b.create('manual').file;
    at('2026-11-16T15:00:00+08:00');
    const afternoon = b.takeAutomatic('import', '下午的导入');
    // Ten days later: of that day only the newest automatic backup is kept.
    at('2026-11-26T09:00:00+08:00');
    const today = b.takeAutomatic('daily');
    expect(b.list().map((r) => r.file).sort()).toEqual([afternoon, manual, today].sort());
    expect(fs.existsSync(morning)).toBe(false);
  });

  it('the day’s first start takes a daily backup when there is data, once', async () => {
    // One clock for the services and the app core: the backup's day and "today" must be the same day's.
    const now = () => new Date('2026-11-26T10:00:00+08:00');
    const s = tempServices({ now });
    expect(s.backup.dailyDue()).toBe(false); // nothing to back up yet
    smallTree(s);
    expect(s.backup.dailyDue()).toBe(true);
    const core = createAppCore(s.db, s.path, { now });
    core.startup();
    for (let i = 0; i < 100 && core.busy() === null && !s.backup.list().length; i++) await new Promise((r) => setTimeout(r, 20));
    await core.idle();
    expect(s.backup.list().map((r) => r.info!.reason)).toEqual(['daily']);
    expect(s.backup.dailyDue()).toBe(false);
  });

  it('a migration of a database that holds data is preceded by a backup at the old version; an empty one is not', () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.db');
    const db = new Database(file);
    migrate(db, MIGRATIONS.slice(0, 3));
    db.prepare("INSERT INTO organisations (name, kind, parent_id, created_at, updated_at) VALUES ('和平街道党工委', 'streetCommittee', NULL, 'x', 'x')").run();
    db.close();
    openDatabase(file).close();
    const rows = new BackupService(null, file).list();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.info).toMatchObject({ reason: 'migration', schemaVersion: 3 });
    expect(rows[0]!.info!.counts['organisations']).toBe(1);
    const emptyDir = tempDir();
    const empty = new Database(path.join(emptyDir, 'e.db'));
    migrate(empty, MIGRATIONS.slice(0, 3));
    empty.close();
    openDatabase(path.join(emptyDir, 'e.db')).close();
    expect(fs.existsSync(path.join(emptyDir, 'backups'))).toBe(false);
  });
});

describe('the snapshot an import takes before it writes', () => {
  it('is checked before it gets its name, and only the newest five are kept (each is as large as the database)', () => {
    const s = tempServices();
    smallTree(s);
    const dir = path.join(tempDir(), 'backups');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, '手动备份-别动.djbak'), 'not an import snapshot');
    const made: string[] = [];
    for (let i = 1; i <= KEEP_IMPORT_SNAPSHOTS + 2; i++) made.push(takeImportSnapshot(s.db, dir, `import-2026010${i}120000-abc${i}`));
    const left = fs.readdirSync(dir).sort();
    expect(left).toEqual([...made.slice(2).map((f) => path.basename(f)), '手动备份-别动.djbak'].sort());
    expect(left.some((f) => f.endsWith('.partial'))).toBe(false);
    for (const f of made.slice(2)) {
      const copy = new Database(f, { readonly: true });
      expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
      expect(copy.prepare('SELECT count(*) FROM organisations').pluck().get()).toBe(s.db.prepare('SELECT count(*) FROM organisations').pluck().get());
      copy.close();
    }
  });

  it('the newest five are the five newest by the batch’s time, member and organisation imports alike', () => {
    const dir = tempDir();
    const names: string[] = [];
    // Alternating member and organisation imports, one a day: the names alone would sort every import-orgs-… last.
    for (let day = 1; day <= 8; day++) {
      const batch = `${day % 2 ? 'import' : 'import-orgs'}-202601${String(day).padStart(2, '0')}120000-abc00${day}`;
      names.push(`导入前-${batch}.db`);
      fs.writeFileSync(path.join(dir, names.at(-1)!), 'x');
    }
    const newest = path.join(dir, names.at(-1)!);
    pruneImportSnapshots(dir, newest);
    expect(fs.readdirSync(dir).sort()).toEqual(names.slice(-KEEP_IMPORT_SNAPSHOTS).sort());
  });

  it('a snapshot that cannot be written stops the import before anything is written', () => {
    const s = tempServices();
    smallTree(s);
    const dir = path.join(tempDir(), 'backups');
    // Where the snapshot would go, a folder stands: VACUUM INTO fails, and no file by the snapshot's name appears.
    fs.mkdirSync(path.join(dir, '导入前-import-20260101120000-abc1.db.partial'), { recursive: true });
    expect(() => takeImportSnapshot(s.db, dir, 'import-20260101120000-abc1')).toThrow();
    expect(fs.existsSync(path.join(dir, '导入前-import-20260101120000-abc1.db'))).toBe(false);
  });
});

describe('an import’s snapshot (导入前-*.db) is a database-only backup', () => {
  it('is listed with the others: the batch’s time, 导入前 with the import’s file, counts read from it, no attachments; verify reads it whole', () => {
    let now = Date.parse('2026-11-26T10:00:00+08:00');
    const s = tempServices({ now: () => new Date(now) });
    smallTree(s);
    const manual = s.backup.create('manual');
    now += 60_000;
    const members = s.imports.commit(memberCsv(4), '新名册.csv', { mode: 'valid', createBranches: 'auto' });
    expect(members.inserted).toBe(4);
    now += 60_000;
    const orgs = s.orgImports.commit(Buffer.from('组织名称,组织类别,上级组织\r\n第三党支部,党支部,阳光社区党委\r\n'), '组织名单.csv', { mode: 'valid' });
    expect(orgs.inserted).toBe(1);
    expect(path.basename(members.backupFile!)).toMatch(/^导入前-import-\d{14}-[0-9a-f]{6}\.db$/);

    const rows = s.backup.list();
    expect(rows.map((r) => r.file)).toEqual([orgs.backupFile, members.backupFile, manual.file]);
    const [orgSnap, memberSnap] = rows as [BackupRow, BackupRow];
    expect(memberSnap.problem).toBeNull();
    expect(memberSnap.info).toMatchObject({
      kind: 'databaseOnly',
      reason: 'import',
      label: '导入党员“新名册.csv”之前',
      createdAt: '2026-11-26T02:01:00.000Z',
      schemaVersion: LATEST_VERSION,
      activeMembers: 0,
      organisations: 6,
      archiveFiles: null,
      archiveBytes: null,
    });
    expect(memberSnap.info!.counts).toMatchObject({ members: 0, organisations: 6 });
    expect(orgSnap.info).toMatchObject({ kind: 'databaseOnly', reason: 'import', label: '导入组织“组织名单.csv”之前', activeMembers: 4, organisations: 6 });
    expect(manual.info).toMatchObject({ kind: 'full' });
    // Without the open database (the command line, recovery) the label comes from the batch id alone.
    expect(new BackupService(null, s.path).list().map((r) => r.info?.label)).toEqual(['导入组织之前', '导入党员之前', null]);
    // The same result type as a .djbak's check.
    const v = s.backup.verify(memberSnap.file);
    expect(v).toMatchObject({ file: memberSnap.file, ok: true, problems: [] });
    expect(v.backup.info?.kind).toBe('databaseOnly');
    expect(fs.readdirSync(path.dirname(memberSnap.file)).filter((n) => /-(wal|shm|journal)$/.test(n))).toEqual([]);
    // The rotation words say what is kept, and rotation of the .djbak files never takes a snapshot.
    expect(s.backup.overview(false).keeps).toBe(ROTATION_WORDS);
    expect(ROTATION_WORDS).toContain(`导入前的数据库副本（不含附件，每份和数据库一样大）只保留最近 ${KEEP_IMPORT_SNAPSHOTS} 份`);
    expect(new BackupService(s.db, s.path, () => new Date('2028-01-01T00:00:00+08:00')).rotate()).toEqual([]);
    expect(fs.existsSync(memberSnap.file)).toBe(true);
  });

  it('restores the database alone: the present data backed up first, archive/ left exactly as it is, the app on the restored data', async () => {
    const { s, archive } = withData(3);
    const core = createAppCore(s.db, s.path);
    const imported = core.services.imports.commit(memberCsv(4), '新名册.csv', { mode: 'valid', createBranches: 'auto' });
    const snapshot = imported.backupFile!;
    // An attachment added after the import: a restore of the database alone must not take it away.
    putInArchive(archive, '导入之后加的附件');
    expect((await call<{ total: number }>(core, 'members.list')).total).toBe(7);
    const archiveBefore = archiveState(archive);

    const preview = await call<BackupRow>(core, 'backup.inspect', { file: snapshot });
    expect(preview.info).toMatchObject({ kind: 'databaseOnly', activeMembers: 3, archiveFiles: null });
    const r = await call<RestoreResult>(core, 'backup.restore', { file: snapshot });
    expect(r.restored.file).toBe(snapshot);
    expect(r.safetyBackup).toMatch(/恢复前\.djbak$/);
    expect((await call<{ total: number }>(core, 'members.list')).total).toBe(3);
    expect(archiveState(archive)).toEqual(archiveBefore);
    expect(restoreLeftovers(path.dirname(s.path))).toEqual([]);
    // The snapshot is still there to use again; the present data before the restore is a full backup.
    expect(fs.existsSync(snapshot)).toBe(true);
    const safety = await call<BackupRow>(core, 'backup.inspect', { file: r.safetyBackup });
    expect(safety.info).toMatchObject({ kind: 'full', reason: 'restore', activeMembers: 7, archiveFiles: 3 });
    await call(core, 'backup.restore', { file: r.safetyBackup });
    expect((await call<{ total: number }>(core, 'members.list')).total).toBe(7);
    core.close();
  });

  it('a snapshot from an older data version comes back migrated', async () => {
    const { s } = withData(1);
    const old = path.join(path.dirname(s.path), 'backups', '导入前-import-20250301090000-abc123.db');
    fs.mkdirSync(path.dirname(old), { recursive: true });
    const db = new Database(old);
    migrate(db, MIGRATIONS.slice(0, 3));
    db.prepare("INSERT INTO organisations (name, kind, parent_id, created_at, updated_at) VALUES ('旧版本街道党工委', 'streetCommittee', NULL, 'x', 'x')").run();
    db.close();
    const core = createAppCore(s.db, s.path);
    const row = (await call<BackupOverview>(core, 'backup.list')).backups.find((b) => b.file === old)!;
    expect(row.info).toMatchObject({ kind: 'databaseOnly', schemaVersion: 3, createdAt: '2025-03-01T09:00:00.000Z', label: '导入党员之前' });
    await call(core, 'backup.restore', { file: old });
    expect(core.services.schemaVersion()).toBe(LATEST_VERSION);
    expect(core.services.orgs.rows().map((o) => o.name)).toEqual(['旧版本街道党工委']);
    core.close();
  });

  it('a .db that is not ours, from a newer version, or the data file itself is refused in words, and nothing changes', async () => {
    const { s, archive } = withData(2);
    const core = createAppCore(s.db, s.path);
    const dir = tempDir();
    const other = path.join(dir, '别的软件.db');
    const o = new Database(other);
    o.exec("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('别的软件的数据')");
    o.close();
    const text = path.join(dir, '文本.db');
    fs.writeFileSync(text, '这不是数据库');
    const newer = path.join(dir, '新版本.db');
    s.db.prepare('VACUUM INTO ?').run(newer);
    const n = new Database(newer);
    n.pragma(`user_version = ${LATEST_VERSION + 1}`);
    n.close();
    const archiveBefore = archiveState(archive);
    const cases: [string, RegExp][] = [
      [other, /不是本软件的数据文件/],
      [text, /不是有效的数据库文件/],
      [newer, /更新版本的软件/],
      [s.path, /正在使用的数据文件/],
    ];
    for (const [file, words] of cases) {
      expect((await call<BackupRow>(core, 'backup.inspect', { file })).problem).toMatch(words);
      const v = await call<BackupVerifyResult>(core, 'backup.verify', { file });
      expect(v.ok).toBe(false);
      expect(v.problems.join(' ')).toMatch(words);
      const r = await core.dispatch('backup.restore', { file });
      expect(!r.ok && r.error.message).toMatch(/不能用这个文件恢复/);
      expect(!r.ok && r.error.message).toMatch(words);
    }
    expect((await call<{ total: number }>(core, 'members.list')).total).toBe(2);
    expect(archiveState(archive)).toEqual(archiveBefore);
    expect(restoreLeftovers(path.dirname(s.path))).toEqual([]);
    expect(s.backup.list()).toEqual([]);
    core.close();
  });

  it('a copy of a data file in write-ahead-log mode is read without leaving -wal or -shm beside it, and restores', async () => {
    const source = withData(2);
    source.s.db.close();
    const usb = tempDir();
    const copy = path.join(usb, '办公室电脑的数据.db');
    fs.copyFileSync(source.s.path, copy);
    expect(fs.readFileSync(copy)[18]).toBe(2);
    const { s, archive } = withData(5);
    const archiveBefore = archiveState(archive);
    const row = s.backup.inspect(copy);
    expect(row.info).toMatchObject({ kind: 'databaseOnly', reason: 'manual', label: null, activeMembers: 2 });
    expect(s.backup.verify(copy).ok).toBe(true);
    expect(fs.readdirSync(usb)).toEqual(['办公室电脑的数据.db']);
    const core = createAppCore(s.db, s.path);
    await call(core, 'backup.restore', { file: copy });
    expect((await call<{ total: number }>(core, 'members.list')).total).toBe(2);
    expect(archiveState(archive)).toEqual(archiveBefore);
    expect(fs.readdirSync(usb)).toEqual(['办公室电脑的数据.db']);
    core.close();
  });

  it('a damaged or cut-off snapshot is reported by the check and refused by a restore before anything changes', async () => {
    const { s, archive } = withData(3);
    const core = createAppCore(s.db, s.path);
    const snapshot = core.services.imports.commit(memberCsv(40), '新名册.csv', { mode: 'valid', createBranches: 'auto' }).backupFile!;
    const good = fs.readFileSync(snapshot);
    const archiveBefore = archiveState(archive);
    const cut = path.join(path.dirname(snapshot), '导入前-import-20261126020000-cut001.db');
    fs.writeFileSync(cut, good.subarray(0, good.length >> 1));
    damage(snapshot);
    for (const file of [snapshot, cut]) {
      const v = await call<BackupVerifyResult>(core, 'backup.verify', { file });
      expect(v.ok, file).toBe(false);
      expect(v.problems.join(' ')).toMatch(/损坏|不完整/);
      const r = await core.dispatch('backup.restore', { file });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.message).toMatch(/没有恢复，现有数据没有改动|不能用这个文件恢复/);
      expect((await call<{ total: number }>(core, 'members.list')).total).toBe(43);
      expect(restoreLeftovers(path.dirname(s.path))).toEqual([]);
    }
    expect(archiveState(archive)).toEqual(archiveBefore);
    // The list still shows both, each either with its problem or for the check to find out.
    const listed = s.backup.list().filter((r) => r.info?.kind !== 'full');
    expect(listed.map((r) => r.file).sort()).toEqual([snapshot, cut].sort());
    core.close();
  });
});

describe('restore through the app', () => {
  it('previews, backs up the present data, restores data and archive, and the app answers from the restored data', async () => {
    const { s, b1, archive, files } = withData(3);
    const core = createAppCore(s.db, s.path);
    const backup = await call<BackupRow>(core, 'backup.create');
    // Work continues: two more members, an attachment added, one removed by hand.
    for (let i = 0; i < 2; i++) await call(core, 'members.create', { member: { ...memberFixture({ name: `新党员${i}`, idNumber: idFor('1980-05-05', 301 + i), branchId: b1.id }) } });
    const added = putInArchive(archive, '后来的附件');
    fs.rmSync(path.join(archive, files[0]!), { force: true });
    expect((await call<{ total: number }>(core, 'members.list')).total).toBe(5);

    const preview = await call<BackupRow>(core, 'backup.inspect', { file: backup.file });
    expect(preview.info).toMatchObject({ activeMembers: 3, archiveFiles: 2 });
    const overview = await call<BackupOverview>(core, 'backup.list');
    expect(overview.current).toMatchObject({ activeMembers: 5, archiveFiles: 2 });
    expect(overview.pickers).toBe(false);

    const r = await call<RestoreResult>(core, 'backup.restore', { file: backup.file });
    expect(r.restored.file).toBe(backup.file);
    expect(r.safetyBackup).toMatch(/恢复前\.djbak$/);
    expect(core.services.db).not.toBe(s.db);
    expect(s.db.open).toBe(false);
    expect((await call<{ total: number }>(core, 'members.list')).total).toBe(3);
    expect(fs.existsSync(path.join(archive, files[0]!))).toBe(true);
    expect(fs.existsSync(path.join(archive, added))).toBe(false);
    // The data as it was before the restore is in its own backup, and can be brought back the same way.
    const safety = await call<BackupRow>(core, 'backup.inspect', { file: r.safetyBackup });
    expect(safety.info).toMatchObject({ reason: 'restore', activeMembers: 5 });
    await call(core, 'backup.restore', { file: r.safetyBackup });
    expect((await call<{ total: number }>(core, 'members.list')).total).toBe(5);
    core.close();
  });

  it('a damaged backup is refused before anything changes', async () => {
    const { s } = withData(2);
    const core = createAppCore(s.db, s.path);
    const backup = await call<BackupRow>(core, 'backup.create');
    const bytes = fs.readFileSync(backup.file);
    bytes[300] = bytes[300]! ^ 0xff;
    const bad = path.join(tempDir(), 'bad.djbak');
    fs.writeFileSync(bad, bytes);
    const v = await call<BackupVerifyResult>(core, 'backup.verify', { file: bad });
    expect(v.ok).toBe(false);
    s.members.create(memberFixture({ name: '还在', idNumber: idFor('1970-02-02', 501) }));
    const r = await core.dispatch('backup.restore', { file: bad });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/已损坏，没有恢复，现有数据没有改动/);
    expect((await call<{ total: number }>(core, 'members.list')).total).toBe(3);
    expect(fs.readdirSync(path.dirname(s.path)).filter((n) => n.includes('.restore'))).toEqual([]);
    core.close();
  });
});

describe('a damaged data file', () => {
  it('opens in recovery: the app says what is wrong, offers the backups, and comes back after a restore', async () => {
    const { s } = withData(4);
    const backup = s.backup.create('daily');
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    s.db.close();
    damage(s.path);
    expect(checkDatabaseFile(s.path)).toMatch(/数据文件/);
    const core = openAppCore(s.path);
    expect(core.recovery?.problem).toBeTruthy();
    const info = await call<{ recovery?: { problem: string } }>(core, 'app.info');
    expect(info.recovery?.problem).toBe(core.recovery!.problem);
    const refused = await core.dispatch('members.list', {});
    expect(!refused.ok && refused.error.message).toMatch(/恢复模式/);
    const list = await call<BackupOverview>(core, 'backup.list');
    expect(list.backups.map((b) => b.file)).toEqual([backup.file]);
    expect(list.current).toBeNull();
    expect((await call<BackupVerifyResult>(core, 'backup.verify', { file: backup.file })).ok).toBe(true);
    const r = await call<RestoreResult>(core, 'backup.restore', { file: backup.file });
    expect(r.safetyBackup).toBeNull();
    expect(r.damagedCopy).toMatch(/损坏的数据文件/);
    expect(fs.existsSync(path.join(r.damagedCopy!, path.basename(s.path)))).toBe(true);
    expect(core.recovery).toBeNull();
    expect((await call<{ total: number }>(core, 'members.list')).total).toBe(4);
    core.close();
  });

  it('a file that is not a database at all also opens in recovery', () => {
    const dir = tempDir();
    const file = path.join(dir, 'dangjian.db');
    fs.writeFileSync(file, crypto.randomBytes(50_000));
    const core = openAppCore(file);
    expect(core.recovery?.problem).toMatch(/不是有效的数据库文件/);
  });
});

describe('the command line', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], { encoding: 'utf8', cwd: root });

  it('backup list shows the import snapshots, and verify / restore take one (the database only; archive/ as it was)', () => {
    const { s, archive } = withData(2);
    const snapshot = s.imports.commit(memberCsv(3), '新名册.csv', { mode: 'valid', createBranches: 'auto' }).backupFile!;
    putInArchive(archive, '导入之后加的附件');
    s.db.close();
    const archiveBefore = archiveState(archive);
    const list = cli(['--db', s.path, 'backup', 'list']);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/导入前 {2}在册党员 2 人 {2}仅数据库（不含附件）.*导入前-import-/);
    const json = JSON.parse(cli(['--db', s.path, 'backup', 'list', '--json']).stdout) as { backups: BackupRow[] };
    expect(json.backups.map((b) => [b.file, b.info?.kind])).toEqual([[snapshot, 'databaseOnly']]);
    const verify = cli(['--db', s.path, 'backup', 'verify', snapshot]);
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stderr).toMatch(/备份完好.*仅数据库（不含附件）/);
    const restore = cli(['--db', s.path, 'backup', 'restore', snapshot]);
    expect(restore.status, restore.stderr).toBe(0);
    expect(restore.stderr).toMatch(/只替换了数据库，附件文件夹保持原样/);
    expect(restore.stderr).toMatch(/恢复前的数据已备份到：.*恢复前\.djbak/);
    expect(archiveState(archive)).toEqual(archiveBefore);
    const check = cli(['--db', s.path, 'db', 'check', '--json']);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, counts: { members: 2 } });
    fs.writeFileSync(snapshot, fs.readFileSync(snapshot).subarray(0, 3000));
    const bad = cli(['--db', s.path, 'backup', 'verify', snapshot]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/备份有问题/);
  }, 120_000);

  it('backup create / list / verify / restore, and db check that fails on a damaged file', () => {
    const { s } = withData(2);
    s.db.close();
    const usb = tempDir();
    const created = cli(['--db', s.path, 'backup', 'create', usb, '--json']);
    expect(created.status, created.stderr).toBe(0);
    const row = JSON.parse(created.stdout) as BackupRow;
    expect(row.info).toMatchObject({ activeMembers: 2, archiveFiles: 2 });
    const verify = cli(['--db', s.path, 'backup', 'verify', row.file, '--json']);
    expect(verify.status).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, problems: [] });
    const check = cli(['--db', s.path, 'db', 'check', '--json']);
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, counts: { members: 2 } });

    damage(s.path);
    const bad = cli(['--db', s.path, 'db', 'check']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/数据文件有问题/);
    expect(bad.stderr).toMatch(/backup restore/);
    const restored = cli(['--db', s.path, 'backup', 'restore', row.file]);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stderr).toMatch(/已恢复为/);
    expect(restored.stderr).toMatch(/损坏的数据文件已复制到/);
    expect(cli(['--db', s.path, 'db', 'check']).status).toBe(0);
    const list = cli(['--db', s.path, 'backup', 'list', '--json']);
    expect(JSON.parse(list.stdout).backups).toEqual([]);

    const broken = path.join(usb, 'broken.djbak');
    fs.writeFileSync(broken, fs.readFileSync(row.file).subarray(0, 1000));
    const v2 = cli(['--db', s.path, 'backup', 'verify', broken]);
    expect(v2.status).toBe(1);
    expect(v2.stderr).toMatch(/备份有问题/);
  }, 120_000);
});
