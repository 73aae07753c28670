/**
 * 数据备份 at scale: a backup of the seeded database with 1,000 attachments in its archive (target ≤ 5 s), a
 * full check of that backup (target ≤ 2 s), and the two ways of taking the snapshot, side by side.
 *   npx tsx scripts/bench-backup.ts --db <seeded file> [--attachments 1000] [--runs 3]
 * Works on a copy in a temp folder; the attachments are random bytes (as incompressible as scans and photos),
 * 8–200 KB each. Prints figures; never asserts.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { BackupService } from '../electron/backup/service';

const { values } = parseArgs({
  options: { db: { type: 'string' }, attachments: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' } },
  strict: true,
});
if (!values.db) {
  console.error('用法：npx tsx scripts/bench-backup.ts --db <数据文件> [--attachments 1000] [--runs 3]');
  process.exit(2);
}
const RUNS = Number(values.runs);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-bench-backup-'));
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
try {
  const dbPath = path.join(dir, 'dangjian.db');
  fs.copyFileSync(path.resolve(values.db), dbPath);
  const archive = path.join(dir, 'archive');
  let bytes = 0;
  for (let i = 0; i < Number(values.attachments); i++) {
    const b = crypto.randomBytes(8 * 1024 + Math.floor(Math.random() * 192 * 1024));
    const h = crypto.createHash('sha256').update(b).digest('hex');
    fs.mkdirSync(path.join(archive, h.slice(0, 2)), { recursive: true });
    fs.writeFileSync(path.join(archive, h.slice(0, 2), h), b);
    bytes += b.length;
  }
  const db = new Database(dbPath);
  const members = db.prepare('SELECT count(*) FROM members').pluck().get() as number;
  const s = new BackupService(db, dbPath);
  const create: number[] = [];
  const verify: number[] = [];
  const steps: string[] = [];
  let size = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    let last = t;
    const marks: string[] = [];
    const row = s.create('manual', {
      onStep: (step) => {
        const now = performance.now();
        if (!step.startsWith('archive-') || step === `archive-${values.attachments}`) marks.push(`${step.replace(/-\d+$/, '')} ${(now - last).toFixed(0)}`);
        if (!step.startsWith('archive-') || step === `archive-${values.attachments}`) last = now;
      },
    });
    create.push(performance.now() - t);
    steps.push(marks.join(', '));
    size = row.size;
    const v = s.verify(row.file);
    if (!v.ok) throw new Error(`verify failed: ${v.problems.join(' ')}`);
    verify.push(v.ms);
    fs.rmSync(row.file);
  }
  // The snapshot alone, both ways (the backup uses VACUUM INTO: one read transaction, unaffected by writers).
  const snap = path.join(dir, 'snap.db');
  let t = performance.now();
  db.prepare('VACUUM INTO ?').run(snap);
  const vacuum = performance.now() - t;
  fs.rmSync(snap);
  t = performance.now();
  await db.backup(snap);
  const api = performance.now() - t;
  db.close();

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const max = (xs: number[]) => Math.max(...xs);
  const dbSize = fs.statSync(dbPath).size;
  console.log(`data: ${members} members (${mb(dbSize)} file), ${values.attachments} attachments (${mb(bytes)}); backup file ${mb(size)}`);
  console.log(`backup create: median ${fmt(median(create))}  max ${fmt(max(create))}  (${RUNS} runs)  target 5 s  ratio(max) ${(max(create) / 5000).toFixed(2)}`);
  console.log(`  steps (ms) of the last run: ${steps.at(-1)}`);
  console.log(`backup verify: median ${fmt(median(verify))}  max ${fmt(max(verify))}  (${RUNS} runs)  target 2 s  ratio(max) ${(max(verify) / 2000).toFixed(2)}`);
  console.log(`snapshot alone: VACUUM INTO ${fmt(vacuum)}, online backup API ${fmt(api)}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
