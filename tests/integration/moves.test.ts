import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import path from 'node:path';
import { migrate } from '../../electron/db/connection';
import { MIGRATIONS } from '../../electron/db/migrations';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../electron/errors';
import type { Services } from '../../electron/services';
import type { MemberInput } from '../../shared/rules/member';
import { memberListQuery } from '../../shared/contract';
import { idFor, memberFixture, smallTree, tempDir, tempServices } from './helpers';

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], { encoding: 'utf8', cwd: path.resolve(__dirname, '../..') });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let seq = 100;
function add(s: Services, over: Partial<MemberInput>) {
  seq++;
  const birth = `${1930 + Math.floor(seq / 800)}-03-01`;
  return s.members.create(memberFixture({ name: `党员${seq}`, idNumber: idFor(birth, 100 + (seq % 800)), joinedOn: '1975-07-01', confirmedOn: '1976-07-01', ...over }));
}

function refused(fn: () => unknown): ServiceError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ServiceError);
    return e as ServiceError;
  }
  throw new Error('expected a refusal');
}

function snapshot(s: Services) {
  return {
    members: s.db.prepare('SELECT id, branch_id, version, updated_at FROM members ORDER BY id').all(),
    history: s.db.prepare('SELECT * FROM member_branch_history ORDER BY id').all(),
    audit: s.db.prepare('SELECT count(*) AS n FROM audit_log').get(),
    orgs: s.db.prepare('SELECT count(*) AS n FROM organisations').get(),
  };
}

describe('migration 004 (member_branch_history)', () => {
  it('gives every existing member with a branch one open stay, from 加入党组织日期 or the day of the record', () => {
    const db = new Database(path.join(tempDir(), 'm.db'));
    migrate(db, MIGRATIONS.filter((m) => m.version < 4));
    db.exec(`INSERT INTO organisations (id, name, kind, created_at, updated_at) VALUES (1, '支部', 'branch', 'x', 'x');
      INSERT INTO members (name, name_initials, name_pinyin, search_text, id_number, id_status, membership_kind, branch_id, joined_on, created_at, updated_at)
      VALUES ('甲', 'j', 'jia', 'x', '1', 'valid', 'full', 1, '1980-07-01', '2020-01-02T03:04:05Z', 'x'),
             ('乙', 'y', 'yi', 'x', '2', 'valid', 'full', 1, NULL, '2021-05-06T00:00:00Z', 'x'),
             ('丙', 'b', 'bing', 'x', '3', 'valid', 'full', NULL, '1990-01-01', 'x', 'x');`);
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 4))).toEqual([4]);
    expect(db.prepare('SELECT member_id, org_id, from_date, to_date, reason FROM member_branch_history ORDER BY member_id').all()).toEqual([
      { member_id: 1, org_id: 1, from_date: '1980-07-01', to_date: null, reason: null },
      { member_id: 2, org_id: 1, from_date: '2021-05-06', to_date: null, reason: null },
    ]);
    // One open stay per member.
    expect(() => db.prepare("INSERT INTO member_branch_history (member_id, org_id, from_date) VALUES (1, 1, '2000-01-01')").run()).toThrow(/UNIQUE/);
    db.close();
  });
});

describe('moving members between branches', () => {
  it('a single move: the member, their branch history (dates, reason) and the audit log (branchId old → new, note = reason)', () => {
    const s = tempServices();
    const { b1, b2 } = smallTree(s);
    const m = add(s, { branchId: b1.id });
    expect(s.members.history(m.id)).toEqual([expect.objectContaining({ orgId: b1.id, orgName: '第一党支部', from: '1975-07-01', to: null, reason: null })]);

    const r = s.members.move({ ids: [m.id], toBranchId: b2.id, date: '2026-03-01', reason: '搬家到第二网格' });
    expect(r).toMatchObject({ moved: 1, unchanged: 0, batchId: expect.stringMatching(/^move-/) });
    const after = s.members.get(m.id);
    expect(after).toMatchObject({ branchId: b2.id, branchName: '第二党支部', version: m.version + 1 });
    expect(s.members.history(m.id)).toEqual([
      { orgId: b1.id, orgName: '第一党支部', orgKind: 'branch', dissolved: false, from: '1975-07-01', to: '2026-03-01', reason: null, batchId: null },
      { orgId: b2.id, orgName: '第二党支部', orgKind: 'branch', dissolved: false, from: '2026-03-01', to: null, reason: '搬家到第二网格', batchId: r.batchId },
    ]);
    const log = s.members.auditOf(m.id)[0]!;
    expect(log).toMatchObject({ action: 'move', note: '搬家到第二网格', batchId: r.batchId, changes: [{ field: 'branchId', old: b1.id, new: b2.id }] });
    // The register sees the move.
    expect(s.members.list(memberListQuery.parse({ orgId: b2.id })).rows.map((x) => x.id)).toEqual([m.id]);
  });

  it('a bulk move of 2,000 members is one batch; members already in the target are left as they were', () => {
    const s = tempServices();
    const { b1, b2, retired } = smallTree(s);
    const ids: number[] = [];
    s.db.transaction(() => {
      for (let i = 0; i < 2000; i++) ids.push(add(s, { branchId: i % 2 ? b1.id : b2.id, tags: ['retiredWorker'] }).id);
    })();
    const already = add(s, { branchId: retired.id });
    const t = performance.now();
    const r = s.members.move({ ids: [...ids, already.id, ids[0]!], toBranchId: retired.id, date: '2026-05-01', reason: '成立离退休党支部后集中编入' });
    const took = performance.now() - t;
    expect(r).toMatchObject({ moved: 2000, unchanged: 1 });
    expect(took).toBeLessThan(5000);
    expect(s.db.prepare('SELECT count(*) AS n FROM members WHERE branch_id = ?').get(retired.id)).toEqual({ n: 2001 });
    expect(s.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'move' AND batch_id = ?").get(r.batchId)).toEqual({ n: 2000 });
    expect(s.db.prepare('SELECT count(*) AS n FROM member_branch_history WHERE batch_id = ? AND to_date IS NULL').get(r.batchId)).toEqual({ n: 2000 });
    expect(s.db.prepare('SELECT count(*) AS n FROM member_branch_history WHERE to_date IS NULL').get()).toEqual({ n: 2001 });
    expect(s.members.list(memberListQuery.parse({ orgId: retired.id })).total).toBe(2001);
    expect(s.members.history(already.id)).toHaveLength(1);
  });

  it('refuses members who left, a target that is not a branch, a date before the current branch entry or after today — writing nothing', () => {
    const s = tempServices();
    const { b1, b2, community } = smallTree(s);
    const a = add(s, { branchId: b1.id });
    const gone = add(s, { branchId: b1.id, name: '王离开' });
    s.members.exit({ id: gone.id, reason: 'transferOut', date: '2026-02-01', note: null });
    const before = snapshot(s);

    const left = refused(() => s.members.move({ ids: [a.id, gone.id], toBranchId: b2.id, date: '2026-03-01', reason: 'x' }));
    expect(left.code).toBe('conflict');
    expect(left.message).toContain('王离开已离开');

    const notBranch = refused(() => s.members.move({ ids: [a.id], toBranchId: community.id, date: '2026-03-01', reason: 'x' }));
    expect(notBranch.fieldErrors).toHaveProperty('toBranchId');
    expect(notBranch.message).toContain('社区党委');

    s.members.move({ ids: [a.id], toBranchId: b2.id, date: '2026-03-01', reason: '第一次' });
    const mid = snapshot(s);
    const early = refused(() => s.members.move({ ids: [a.id], toBranchId: b1.id, date: '2026-02-28', reason: '倒签' }));
    expect(early.fieldErrors).toEqual({ date: '转移日期不能早于 2026-03-01' });
    const future = refused(() => s.members.move({ ids: [a.id], toBranchId: b1.id, date: '2027-01-01', reason: 'x' }));
    expect(future.fieldErrors).toEqual({ date: '转移日期不能晚于今天' });
    const missing = refused(() => s.members.move({ ids: [a.id, 99999], toBranchId: b1.id, date: '2026-04-01', reason: 'x' }));
    expect(missing.code).toBe('not_found');
    expect(snapshot(s)).toEqual(mid);
    expect(mid.history).not.toEqual(before.history);
  });

  it('a failure in the middle of a bulk move changes nothing', () => {
    const s = tempServices();
    const { b1, b2 } = smallTree(s);
    const ids = Array.from({ length: 10 }, () => add(s, { branchId: b1.id }).id);
    // The 6th member's audit entry fails (as a full disk or a crash would): the whole move must roll back.
    s.db.exec(`CREATE TEMP TRIGGER fail_sixth BEFORE INSERT ON audit_log WHEN NEW.entity_id = ${ids[5]} AND NEW.action = 'move'
               BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const before = snapshot(s);
    expect(() => s.members.move({ ids, toBranchId: b2.id, date: '2026-06-01', reason: '调整' })).toThrow('disk full');
    expect(snapshot(s)).toEqual(before);
    expect(s.members.list(memberListQuery.parse({ orgId: b2.id })).total).toBe(0);
    expect(s.members.list(memberListQuery.parse({ orgId: b1.id })).total).toBe(10);
  });

  it('a form edit that changes 所在党支部 goes into the same history', () => {
    const s = tempServices();
    const { b1, b2 } = smallTree(s);
    const m = add(s, { branchId: b1.id });
    const input = memberFixture({ name: m.name, idNumber: m.idNumber, joinedOn: m.joinedOn, confirmedOn: m.confirmedOn, branchId: b2.id });
    s.members.update(m.id, input, m.version);
    expect(s.members.history(m.id)).toEqual([
      expect.objectContaining({ orgId: b1.id, from: '1975-07-01', to: '2026-11-26' }),
      expect.objectContaining({ orgId: b2.id, from: '2026-11-26', to: null, reason: '修改党员信息时更改所在党支部' }),
    ]);
    // An edit that leaves the branch alone adds nothing.
    s.members.update(m.id, { ...input, address: '新地址' }, m.version + 1);
    expect(s.members.history(m.id)).toHaveLength(2);
  });

  it('members written without history (e.g. by the seed) still show their branch and move cleanly', () => {
    const s = tempServices();
    const { b1, b2 } = smallTree(s);
    const m = add(s, { branchId: b1.id });
    s.db.prepare('DELETE FROM member_branch_history WHERE member_id = ?').run(m.id);
    expect(s.members.history(m.id)).toEqual([expect.objectContaining({ orgId: b1.id, from: '1975-07-01', to: null })]);
    s.members.move({ ids: [m.id], toBranchId: b2.id, date: '2026-01-01', reason: '调整' });
    expect(s.members.history(m.id).map((h) => [h.orgId, h.from, h.to])).toEqual([
      [b1.id, '1975-07-01', '2026-01-01'],
      [b2.id, '2026-01-01', null],
    ]);
  });
});

describe('forming a branch from a suggestion (分类建支部)', () => {
  function retiredCommunity(s: Services) {
    const tree = smallTree(s);
    const full = [0, 1, 2].map(() => add(s, { branchId: tree.b1.id, tags: ['retiredCadre'] }));
    const prob = add(s, { branchId: tree.b2.id, tags: ['retiredWorker'], membershipKind: 'probationary', joinedOn: '2026-01-01', confirmedOn: null });
    const other = add(s, { branchId: tree.b1.id, tags: ['resident'] });
    return { ...tree, full, prob, other };
  }

  it('suggests a 离退休党支部 where 3 正式党员 are not in one; forming it creates the branch and moves the chosen members, all recorded', () => {
    const s = tempServices();
    const t = retiredCommunity(s);
    const list = s.branches.suggestions();
    const sug = list.find((x) => x.kind === 'retired' && x.organisation.id === t.community.id)!;
    expect(sug).toMatchObject({
      eligible: true,
      branchKind: 'retiredBranch',
      fullCount: 3,
      probationaryCount: 1,
      suggestedName: '阳光社区离退休党支部',
      rule: '社区内有 3 名离退休正式党员未编入离退休党支部（另有 1 名预备党员，不计入人数），满 3 名可成立离退休党支部',
    });
    expect(sug.members.map((m) => m.id)).toEqual([...t.full.map((m) => m.id), t.prob.id]);

    const r = s.branches.formBranch({ communityId: t.community.id, kind: 'retiredBranch', name: sug.suggestedName, memberIds: sug.members.map((m) => m.id), date: '2026-11-20' });
    expect(r).toMatchObject({ moved: 4, org: { name: '阳光社区离退休党支部', kind: 'retiredBranch', parentId: t.community.id } });
    expect(s.orgs.list().find((o) => o.id === r.org.id)).toMatchObject({ fullCount: 3, probationaryCount: 1 });
    expect(s.db.prepare('SELECT founded_on FROM organisations WHERE id = ?').get(r.org.id)).toEqual({ founded_on: '2026-11-20' });
    expect(s.members.get(t.full[0]!.id).branchName).toBe('阳光社区离退休党支部');
    expect(s.members.history(t.full[0]!.id).at(-1)).toMatchObject({ orgId: r.org.id, from: '2026-11-20', reason: '成立阳光社区离退休党支部，转入本支部', batchId: r.batchId });
    expect(s.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'move' AND batch_id = ?").get(r.batchId)).toEqual({ n: 4 });
    expect(s.db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'organisation' AND entity_id = ? AND action = 'create'").get(r.org.id)).toEqual({ n: 1 });
    // Nothing left to suggest in that community.
    expect(s.branches.suggestions().filter((x) => x.organisation.id === t.community.id)).toEqual([]);
  });

  it('forming a branch is all or nothing: one refused member leaves no branch behind; a duplicate name is refused', () => {
    const s = tempServices();
    const t = retiredCommunity(s);
    s.members.exit({ id: t.full[2]!.id, reason: 'deceased', date: '2026-10-01', note: null });
    const before = snapshot(s);
    const e = refused(() =>
      s.branches.formBranch({ communityId: t.community.id, kind: 'retiredBranch', name: '阳光社区离退休党支部', memberIds: t.full.map((m) => m.id), date: '2026-11-20' }),
    );
    expect(e.code).toBe('conflict');
    expect(snapshot(s)).toEqual(before);
    expect(s.orgs.list().some((o) => o.name === '阳光社区离退休党支部')).toBe(false);

    const dup = refused(() => s.branches.formBranch({ communityId: t.community.id, kind: 'retiredBranch', name: '第一党支部', memberIds: [t.full[0]!.id], date: '2026-11-20' }));
    expect(dup.fieldErrors).toHaveProperty('name');
    const underBranch = refused(() => s.branches.formBranch({ communityId: t.b1.id, kind: 'retiredBranch', name: '新支部', memberIds: [t.full[0]!.id], date: '2026-11-20' }));
    expect(underBranch.fieldErrors).toHaveProperty('communityId');
  });

  it('orgs suggestions --json prints the eligible suggestions as {kind, organisation, members, rule} on stdout', () => {
    const s = tempServices();
    const t = retiredCommunity(s);
    for (const dir of ['outflow', 'outflow', 'inflow'] as const)
      add(s, { branchId: t.b2.id, floating: true, floatingDirection: dir, floatingDestination: dir === 'outflow' ? '广东省深圳市' : null, tags: [] });
    s.db.close();
    const r = cli(['--db', s.path, 'orgs', 'suggestions', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      kind: 'retired',
      organisation: { id: t.community.id, name: '阳光社区党委' },
      rule: expect.stringContaining('满 3 名可成立离退休党支部'),
      members: expect.arrayContaining([{ id: t.full[0]!.id, name: t.full[0]!.name, membershipKind: 'full', branchName: '第一党支部' }]),
    });
    expect(out[0].members).toHaveLength(4);
    const text = cli(['--db', s.path, 'orgs', 'suggestions']);
    expect(text.stdout).toContain('阳光社区党委：社区内有 3 名离退休正式党员');
  });
});
