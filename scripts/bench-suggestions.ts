/**
 * 分类建支部 suggestions at scale: every suggestion computed from the register (one SQL read + the rules module).
 *   npx tsx scripts/bench-suggestions.ts --db <seeded file> [--runs 20]
 * Prints the first (cold statement) call and the median / p95 / max of the rest, and what was found.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../electron/db/connection';
import { createServices } from '../electron/services';

const { values } = parseArgs({ options: { db: { type: 'string' }, runs: { type: 'string', default: '20' } }, strict: true });
if (!values.db) {
  console.error('用法：npx tsx scripts/bench-suggestions.ts --db <数据文件> [--runs 20]');
  process.exit(2);
}
const file = path.resolve(values.db);
const db = openDatabase(file);
const s = createServices(db, file, { actor: 'bench', backupDir: null });
const active = (db.prepare('SELECT count(*) AS n FROM members WHERE left_on IS NULL').get() as { n: number }).n;
const orgs = (db.prepare('SELECT count(*) AS n FROM organisations').get() as { n: number }).n;
const times: number[] = [];
let result = s.branches.suggestions();
for (let i = 0; i < Number(values.runs); i++) {
  const t = performance.now();
  result = s.branches.suggestions();
  times.push(performance.now() - t);
}
const t0 = performance.now();
s.branches.suggestions();
const sorted = [...times].sort((a, b) => a - b);
const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
const eligible = result.filter((x) => x.eligible);
console.log(
  JSON.stringify(
    {
      members: active,
      organisations: orgs,
      groups: result.length,
      eligible: eligible.length,
      membersInGroups: result.reduce((n, x) => n + x.members.length, 0),
      ms: { median: +q(0.5).toFixed(1), p95: +q(0.95).toFixed(1), max: +sorted[sorted.length - 1]!.toFixed(1), last: +(performance.now() - t0).toFixed(1) },
      target: 300,
    },
    null,
    2,
  ),
);
db.close();
