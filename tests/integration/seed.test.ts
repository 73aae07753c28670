import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Sqlite } from '../../electron/db/connection';
import { toColumns } from '../../electron/members/service';
import { createServices } from '../../electron/services';
import { BRANCH_KINDS, TAGS, tagBit, type Tag } from '../../shared/domain/labels';
import { todayIso } from '../../shared/rules/idNumber';
import { checkMember, memberInput, toMemberInput } from '../../shared/rules/member';
import type { Member } from '../../shared/contract';
import { generate } from '../../scripts/lib/generate';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-seed-'));
const opened: Sqlite[] = [];
afterAll(() => {
  for (const db of opened) if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function fresh(name: string): { db: Sqlite; file: string } {
  const file = path.join(dir, name);
  const db = openDatabase(file);
  opened.push(db);
  return { db, file };
}

/** The record as the form would send it back: the member's input fields, manual tags only. */
function asInput(m: Member) {
  return memberInput.parse(toMemberInput(m));
}

describe('the seed generator', () => {
  const today = todayIso();
  const { db, file } = fresh('seed.db');
  const summary = generate(db, { members: 500, seed: 7, today });
  const s = createServices(db, file);

  it('writes members that the app itself accepts, with the derived columns the app writes', () => {
    const ids = db.prepare('SELECT id FROM members ORDER BY id').pluck().all() as number[];
    expect(ids).toHaveLength(500);
    for (const id of ids) {
      const m = s.members.get(id);
      const { value, errors } = checkMember(asInput(m), today);
      expect(errors, `${m.name} ${m.idNumber}`).toEqual({});
      const row = db.prepare('SELECT * FROM members WHERE id = ?').get(id) as Record<string, unknown>;
      const expected = toColumns(value);
      for (const [k, v] of Object.entries(expected)) {
        // standing is the one column an exit changes (停止党籍).
        if (k === 'standing' && m.leftReason === 'suspended') continue;
        expect(row[k], `${m.name}.${k}`).toBe(v);
      }
      if (m.membershipKind === 'probationary') expect(m.confirmedOn).toBeNull();
      if (m.leftOn) {
        expect(m.leftReason).not.toBeNull();
        expect(m.leftOn >= (m.joinedOn ?? '')).toBe(true);
        expect(m.leftOn <= today).toBe(true);
      }
    }
  });

  it('covers the main classifications, keeps ID numbers unique, and puts members only in branches', () => {
    const count = (t: Tag) => (db.prepare('SELECT count(*) FROM members WHERE tag_mask & ? <> 0').pluck().get(tagBit(t)) as number);
    for (const t of ['resident', 'retiredWorker', 'laidOff', 'floating', 'inService'] as const) expect(count(t), t).toBeGreaterThan(0);
    for (const t of TAGS) expect(summary.byTag[t]).toBe(count(t));
    expect(db.prepare('SELECT count(*) - count(DISTINCT id_number) FROM members').pluck().get()).toBe(0);
    const kinds = db
      .prepare('SELECT DISTINCT o.kind FROM members m JOIN organisations o ON o.id = m.branch_id')
      .pluck()
      .all() as string[];
    expect(kinds.length).toBeGreaterThan(1);
    for (const k of kinds) expect(BRANCH_KINDS).toContain(k);
    expect(db.prepare('SELECT count(*) FROM members WHERE branch_id IS NULL').pluck().get()).toBe(0);
    const stats = s.members.stats();
    expect(stats.total).toBe(500 - summary.left);
  });

  it('records a create (and, for those who left, an exit) in the audit log under one batch', () => {
    const rows = db
      .prepare(`SELECT action, count(*) AS n FROM audit_log WHERE entity = 'member' AND batch_id = ? GROUP BY action`)
      .all(summary.batchId) as { action: string; n: number }[];
    expect(Object.fromEntries(rows.map((r) => [r.action, r.n]))).toEqual(
      summary.left ? { create: 500, exit: summary.left } : { create: 500 },
    );
    const first = s.members.auditOf(1);
    expect(first.at(-1)?.action).toBe('create');
    expect(first.at(-1)?.changes.some((c) => c.field === 'idNumber')).toBe(true);
  });

  it('is deterministic for a seed, and adds to an existing register without colliding', () => {
    const again = fresh('again.db').db;
    generate(again, { members: 500, seed: 7, today });
    const content = (d: Sqlite) =>
      JSON.stringify(d.prepare('SELECT name, id_number, branch_id, joined_on, tag_mask, address, left_on FROM members ORDER BY id').all());
    expect(content(again)).toBe(content(db));

    const orgsBefore = db.prepare('SELECT count(*) FROM organisations').pluck().get();
    const more = generate(db, { members: 200, seed: 7, today });
    expect(more.createdOrganisations).toBe(0);
    expect(db.prepare('SELECT count(*) FROM organisations').pluck().get()).toBe(orgsBefore);
    expect(db.prepare('SELECT count(DISTINCT id_number) FROM members').pluck().get()).toBe(700);
  });
});
