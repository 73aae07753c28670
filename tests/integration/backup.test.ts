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
import { BackupService, checkDatabaseFile, keptByRotation, ROTATION } from '../../electron/backup/service';
import { ZipReader, ZipWriter } from '../../electron/backup/zip';
import { KEEP_IMPORT_SNAPSHOTS, takeImportSnapshot } from '../../electron/backup/importSnapshot';
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
    const s = tempServices();
    expect(s.backup.dailyDue()).toBe(false); // nothing to back up yet
    smallTree(s);
    expect(s.backup.dailyDue()).toBe(true);
    const core = createAppCore(s.db, s.path);
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
