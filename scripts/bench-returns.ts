/**
 * 统计报表 at scale: the whole workbook for the whole register (and for its largest community), as the app produces
 * it — figures as of the period's end, the .xlsx written, the history entry with the file's SHA-256 — on a copy of
 * the seeded file (producing adds to the history).
 *   npx tsx scripts/bench-returns.ts --db <seeded file> [--runs 5] [--period 2025]
 * Prints the first call and the median / max of the runs, split into figures and workbook, against the 3 s target.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../electron/db/connection';
import { writeReturnsWorkbook } from '../electron/excel/write/returns';
import { createServices } from '../electron/services';

const { values } = parseArgs({
  options: { db: { type: 'string' }, runs: { type: 'string', default: '5' }, period: { type: 'string' } },
  strict: true,
});
if (!values.db) {
  console.error('用法：npx tsx scripts/bench-returns.ts --db <数据文件> [--runs 5] [--period 2025]');
  process.exit(2);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-bench-returns-'));
const file = path.join(tmp, 'returns.db');
const source = openDatabase(path.resolve(values.db));
await source.backup(file);
source.close();
const db = openDatabase(file);
const s = createServices(db, file, { actor: 'bench', backupDir: null });
const period = values.period ?? String(new Date().getFullYear() - 1);
const runs = Math.max(1, Number(values.runs));
const members = (db.prepare('SELECT count(*) FROM members WHERE left_on IS NULL').pluck().get() as number) ?? 0;
const largest = db
  .prepare(
    `SELECT o.id, o.name FROM organisations o WHERE o.kind = 'communityCommittee'
      ORDER BY (SELECT count(*) FROM members m JOIN organisations b ON b.id = m.branch_id WHERE b.parent_id = o.id) DESC LIMIT 1`,
  )
  .get() as { id: number; name: string } | undefined;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const round = (x: number) => +x.toFixed(0);

async function measure(scopeId: number | null) {
  const whole: number[] = [];
  const figures: number[] = [];
  const workbook: number[] = [];
  let bytes = 0;
  let rows = 0;
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const f = s.returns.figures(period, scopeId);
    const t1 = performance.now();
    const b = await writeReturnsWorkbook(f, { unitName: f.scopeName, leader: null, preparer: null, filledOn: new Date().toISOString().slice(0, 10) });
    const t2 = performance.now();
    const produced = await s.returns.produce({ period, scopeId });
    const t3 = performance.now();
    bytes = b.length;
    rows = f.sheets.reduce((a, x) => a + x.rows.length, 0);
    if (i === 0) {
      console.log(`${produced.entry.scopeName}: first produce ${round(t3 - t2)} ms (figures + workbook + history)`);
      continue;
    }
    figures.push(t1 - t0);
    workbook.push(t2 - t1);
    whole.push(t3 - t2);
  }
  return { produceMs: { median: round(median(whole)), max: round(Math.max(...whole)) }, figuresMs: round(median(figures)), workbookMs: round(median(workbook)), rows, bytes };
}

const street = await measure(null);
const community = largest ? await measure(largest.id) : null;
console.log(
  JSON.stringify(
    {
      members,
      period,
      sheets: s.returns.figures(period, null).sheets.length,
      wholeRegister: street,
      ...(community && largest ? { largestCommunity: { name: largest.name, ...community } } : {}),
      targetMs: 3000,
    },
    null,
    2,
  ),
);
db.close();
fs.rmSync(tmp, { recursive: true, force: true });
