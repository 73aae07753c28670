/**
 * The organisation tree at the size: 100,000 members in 2,000 organisations.
 *   npx tsx scripts/bench-orgs.ts [--db <file>]
 * Builds the file once (street → 40 communities → branches, members spread over the branches, some left, some
 * 预备), then times orgs.list (the tree with counts and warnings) and orgs.overview. Prints figures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../electron/db/connection';
import { createServices } from '../electron/services';

const { values } = parseArgs({ options: { db: { type: 'string' } } });
const file = values.db ?? path.join(os.tmpdir(), 'dj-bench-orgs.db');
const ORGS = 2000;
const MEMBERS = 100_000;

if (!fs.existsSync(file)) {
  const db = openDatabase(file);
  const at = new Date().toISOString();
  const org = db.prepare('INSERT INTO organisations (name, kind, parent_id, sort_order, elected_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const member = db.prepare(
    `INSERT INTO members (name, name_initials, name_pinyin, search_text, id_number, id_status, membership_kind, branch_id, left_on, left_reason, created_at, updated_at)
     VALUES (?, 'x', 'x', 'x', ?, 'valid', ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    const street = Number(org.run('和平街道党工委', 'streetCommittee', null, 0, '2022-06-01', at, at).lastInsertRowid);
    const branches: number[] = [];
    let n = 1;
    const communities: number[] = [];
    for (let c = 0; c < 40; c++) communities.push(Number(org.run(`第${c + 1}社区党委`, 'communityCommittee', street, n++, '2021-11-26', at, at).lastInsertRowid));
    while (n < ORGS) {
      const parent = communities[n % communities.length]!;
      const kind = n % 17 === 0 ? 'jointBranch' : n % 11 === 0 ? 'retiredBranch' : 'branch';
      const elected = `20${String(19 + (n % 7)).padStart(2, '0')}-0${1 + (n % 9)}-15`;
      branches.push(Number(org.run(`第${n}党支部`, kind, parent, n, elected, at, at).lastInsertRowid));
      n++;
    }
    for (let i = 0; i < MEMBERS; i++) {
      const left = i % 40 === 0;
      member.run(`党员${i}`, `ID${String(i).padStart(16, '0')}`, i % 25 === 0 ? 'probationary' : 'full', branches[(i * 7919) % branches.length]!, left ? '2025-01-01' : null, left ? 'transferOut' : null, at, at);
    }
  })();
  db.close();
}

const db = openDatabase(file);
const s = createServices(db, file, { actor: 'bench' });
const time = (fn: () => unknown, runs = 20) => {
  fn(); // warm
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)]!.toFixed(1), max: ms[ms.length - 1]!.toFixed(1) };
};
const nodes = s.orgs.list();
const plan = db
  .prepare(`EXPLAIN QUERY PLAN SELECT branch_id, membership_kind, count(*) FROM members INDEXED BY members_active_branch WHERE left_on IS NULL GROUP BY branch_id, membership_kind`)
  .all() as { detail: string }[];
console.log(`organisations ${nodes.length}, active members ${nodes.filter((o) => o.parentId == null).reduce((a, o) => a + o.fullTotal + o.probationaryTotal, 0)}, warnings ${nodes.reduce((a, o) => a + o.warnings.length, 0)}`);
console.log(`count query plan: ${plan.map((p) => p.detail).join(' | ')}`);
const list = time(() => s.orgs.list());
console.log(`orgs.list (tree + counts + warnings): median ${list.median} ms, max ${list.max} ms`);
const json = JSON.stringify(nodes).length;
console.log(`orgs.list payload: ${(json / 1024).toFixed(0)} KB`);
const overview = time(() => s.orgs.overview());
console.log(`orgs.overview: median ${overview.median} ms, max ${overview.max} ms`);
const get = time(() => s.orgs.get(nodes[500]!.id));
console.log(`orgs.get (one record): median ${get.median} ms, max ${get.max} ms`);
db.close();
