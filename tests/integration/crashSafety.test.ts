/**
 * Nothing half-done: real work (an import, an export, a backup, a restore) runs in a child process that is
 * killed with SIGKILL at named points of it; the database is reopened as the app opens it, and must pass
 * integrity_check with its counts either all before or all after the work — the archive too (and a restore
 * from an import's database-only snapshot leaves the archive exactly as it was).
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/connection';
import { BackupService } from '../../electron/backup/service';
import { journalPath } from '../../electron/backup/restore';
import { takeImportSnapshot } from '../../electron/backup/importSnapshot';
import { generate } from '../../scripts/lib/generate';
import { idFor, tempDir } from './helpers';

const root = path.resolve(__dirname, '../..');

/** Folders that outlive one test (the data the cases start from); removed at the end. */
const kept: string[] = [];
afterAll(() => {
  for (const d of kept) fs.rmSync(d, { recursive: true, force: true });
});
function keptDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-crash-'));
  kept.push(d);
  return d;
}
const child = path.join(__dirname, 'crashChild.ts');

/** Runs the child until it reports `stopAt`, then kills it with SIGKILL. Fails if it never got there. */
async function killAt(work: string, db: string, stopAt: string, file: string): Promise<string[]> {
  // The child's scratch copies (a killed backup leaves its snapshot behind) go to a folder removed after the tests.
  const env = { ...process.env, TMPDIR: keptDir(), TEMP: undefined, TMP: undefined };
  const p = spawn(process.execPath, ['--import', 'tsx', child, work, db, stopAt, file], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const steps: string[] = [];
  let stderr = '';
  let buf = '';
  let stopped = false;
  p.stderr!.on('data', (d) => (stderr += d));
  p.stdout!.on('data', (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (line.startsWith('@step ')) steps.push(line.slice(6));
      if (line.startsWith('@stop ')) {
        stopped = true;
        p.kill('SIGKILL');
      }
    }
  });
  const [code, signal] = await new Promise<[number | null, string | null]>((r) => p.on('exit', (c, s) => r([c, s])));
  expect(stopped, `the child never reached “${stopAt}” (exit ${code}): ${stderr.slice(-2000)} steps: ${steps.join(', ')}`).toBe(true);
  expect(signal).toBe('SIGKILL');
  return steps;
}

/** Opens the file as the app does next time (finishing a committed restore), checks it, and counts. */
function reopen(file: string): { members: number; batches: number } {
  const db = openDatabase(file, { backupBeforeMigrating: false });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    return {
      members: db.prepare('SELECT count(*) FROM members').pluck().get() as number,
      batches: db.prepare('SELECT count(*) FROM import_batches').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

function sha(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function archiveSet(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name), `${rel}${e.name}/`);
      else out.push(`${rel}${e.name}:${sha(path.join(d, e.name)).slice(0, 12)}`);
    }
  };
  walk(dir, '');
  return out.sort();
}

function putInArchive(archive: string, content: string): void {
  const bytes = Buffer.from(content);
  const h = crypto.createHash('sha256').update(bytes).digest('hex');
  fs.mkdirSync(path.join(archive, h.slice(0, 2)), { recursive: true });
  fs.writeFileSync(path.join(archive, h.slice(0, 2), h), bytes, { mode: 0o444 });
}

/** A folder with a database of `members` generated members (and an archive), closed and checkpointed. */
function makeData(dir: string, members: number): string {
  const file = path.join(dir, 'dangjian.db');
  const db = openDatabase(file);
  generate(db, { members, seed: 11, today: '2026-11-26' });
  db.close();
  return file;
}

function copyData(from: string, to: string): string {
  fs.cpSync(from, to, { recursive: true });
  return path.join(to, 'dangjian.db');
}

describe('killed at any moment, the data is all before or all after', () => {
  let template: string;
  let before: number;
  beforeAll(() => {
    template = keptDir();
    const file = makeData(template, 1000);
    before = reopen(file).members;
  });

  it('an import killed halfway through its transaction leaves none of its 2,000 rows; killed after the commit, all of them', async () => {
    const csv = path.join(tempDir(), '名册.csv');
    const lines = ['姓名,性别,民族,公民身份号码,人员类别,所在党支部,加入党组织日期,转为正式党员日期'];
    for (let i = 0; i < 2000; i++) {
      const birth = `19${40 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`;
      lines.push(`测试${i},${i % 2 ? '男' : '女'},汉族,${idFor(birth, 100 + (i % 800), String(469001 + Math.floor(i / 800)))},正式党员,崩溃测试党支部,2001-07-01,2002-07-01`);
    }
    fs.writeFileSync(csv, lines.join('\r\n'));

    const a = copyData(template, tempDir());
    const steps = await killAt('import', a, 'half-written', csv);
    expect(steps).toContain('half-written');
    expect(reopen(a)).toEqual({ members: before, batches: 0 });

    const b = copyData(template, tempDir());
    await killAt('import', b, 'committed', csv);
    expect(reopen(b)).toEqual({ members: before + 2000, batches: 1 });
  });

  it('an export killed while writing leaves no half a file under the name asked for', async () => {
    const file = copyData(template, tempDir());
    const out = path.join(path.dirname(file), '名册.xlsx');
    const p = spawn(process.execPath, ['--import', 'tsx', 'electron/cli.ts', '--db', file, 'members', 'export', out, '--full'], { cwd: root, stdio: 'ignore' });
    let killed = false;
    const exited = new Promise<void>((r) => p.on('exit', () => r()));
    while (p.exitCode === null && !killed) {
      if (fs.existsSync(`${out}.partial`)) {
        p.kill('SIGKILL');
        killed = true;
      } else await new Promise((r) => setTimeout(r, 2));
    }
    await exited;
    expect(killed, 'the export finished before it could be killed mid-way').toBe(true);
    expect(fs.existsSync(out)).toBe(false);
    expect(reopen(file).members).toBe(before);
  });

  describe('a backup', () => {
    const points = ['snapshot', 'database-written', 'written', 'verified', 'published'];
    for (const stopAt of points)
      it(`killed at “${stopAt}” never replaces or damages a good backup, and leaves the data as it was`, async () => {
        const file = copyData(template, tempDir());
        const usb = tempDir();
        const db = new Database(file);
        const goodFile = new BackupService(db, file).create('manual', { folder: usb }).file;
        db.close();
        const goodSha = sha(goodFile);
        await killAt('backup', file, stopAt, usb);
        expect(reopen(file).members).toBe(before);
        expect(sha(goodFile)).toBe(goodSha);
        const s = new BackupService(null, file, undefined, usb);
        const rows = s.list();
        expect(rows.every((r) => r.problem === null)).toBe(true);
        expect(rows).toHaveLength(stopAt === 'published' ? 2 : 1);
        for (const r of rows) expect(s.verify(r.file).ok).toBe(true);
      });
  });

  describe('a restore', () => {
    let stateB: string;
    let backupOfA: string;
    let snapshotOfA: string;
    let archiveA: string[];
    let archiveB: string[];
    let membersB: number;
    beforeAll(() => {
      // State A: the template and two attachments; its backup on a "USB stick". State B: more members, and
      // the archive with one attachment gone (as if deleted by hand) and two more.
      const a = keptDir();
      const fileA = copyData(template, a);
      putInArchive(path.join(a, 'archive'), 'a1');
      putInArchive(path.join(a, 'archive'), 'a2');
      archiveA = archiveSet(path.join(a, 'archive'));
      const db = new Database(fileA);
      backupOfA = new BackupService(db, fileA).create('manual', { folder: keptDir() }).file;
      // The same state as an import's snapshot (database only, 导入前-*.db), elsewhere.
      snapshotOfA = takeImportSnapshot(db, keptDir(), 'import-20261126020000-c0ffee');
      db.close();
      stateB = keptDir();
      const fileB = copyData(a, stateB);
      fs.rmSync(path.join(stateB, 'backups'), { recursive: true, force: true });
      const dbB = openDatabase(fileB);
      generate(dbB, { members: 300, seed: 12, today: '2026-11-26' });
      dbB.close();
      membersB = before + 300;
      const arch = path.join(stateB, 'archive');
      const gone = fs.readdirSync(arch)[0]!;
      fs.rmSync(path.join(arch, gone), { recursive: true, force: true });
      putInArchive(arch, 'b1');
      putInArchive(arch, 'b2');
      archiveB = archiveSet(arch);
      expect(archiveB).not.toEqual(archiveA);
    });

    const points: [string, 'before' | 'after'][] = [
      ['safety-backup', 'before'],
      ['archive-read', 'before'],
      ['journal', 'after'],
      ['database-replaced', 'after'],
      ['archive-moved-aside', 'after'],
    ];
    for (const [stopAt, outcome] of points)
      it(`killed at “${stopAt}” leaves the data and the archive ${outcome === 'before' ? 'as they were' : 'as in the backup'}`, async () => {
        const dir = tempDir();
        const file = copyData(stateB, dir);
        await killAt('restore', file, stopAt, backupOfA);
        expect(reopen(file).members).toBe(outcome === 'before' ? membersB : before);
        expect(archiveSet(path.join(dir, 'archive'))).toEqual(outcome === 'before' ? archiveB : archiveA);
        expect(fs.existsSync(journalPath(file))).toBe(false);
        expect(fs.readdirSync(dir).filter((n) => n.startsWith('archive.before-restore-'))).toEqual([]);
        // The data as it was before the restore is in backups/ from the moment the restore could change anything.
        if (outcome === 'after') {
          const safety = new BackupService(null, file).list().filter((r) => r.info?.reason === 'restore');
          expect(safety).toHaveLength(1);
          expect(safety[0]!.info!.counts['members']).toBe(membersB);
        }
      });

    // From an import's snapshot: the database is all before or all after, and archive/ is never touched.
    const snapshotPoints: [string, 'before' | 'after'][] = [
      ['safety-backup', 'before'],
      ['database-read', 'before'],
      ['journal', 'after'],
      ['database-replaced', 'after'],
      ['archive-replaced', 'after'],
    ];
    for (const [stopAt, outcome] of snapshotPoints)
      it(`from an import snapshot, killed at “${stopAt}” leaves the data ${outcome === 'before' ? 'as it was' : 'as in the snapshot'} and the archive untouched`, async () => {
        const dir = tempDir();
        const file = copyData(stateB, dir);
        const steps = await killAt('restore', file, stopAt, snapshotOfA);
        expect(steps).not.toContain('archive-moved-aside');
        expect(reopen(file).members).toBe(outcome === 'before' ? membersB : before);
        expect(archiveSet(path.join(dir, 'archive'))).toEqual(archiveB);
        expect(fs.existsSync(journalPath(file))).toBe(false);
        expect(fs.readdirSync(dir).filter((n) => n.startsWith('archive.'))).toEqual([]);
        if (outcome === 'after') {
          const safety = new BackupService(null, file).list().filter((r) => r.info?.reason === 'restore');
          expect(safety).toHaveLength(1);
          expect(safety[0]!.info!.counts['members']).toBe(membersB);
        }
      });
  });
});
