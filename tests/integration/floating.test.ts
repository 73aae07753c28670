import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../electron/errors';
import type { Services } from '../../electron/services';
import { memberListQuery } from '../../shared/contract';
import { floatingIssueInput, floatingListQuery } from '../../shared/floating';
import { toMemberInput } from '../../shared/rules/member';
import { idFor, memberFixture, smallTree, tempServices } from './helpers';

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], { encoding: 'utf8', cwd: path.resolve(__dirname, '../..') });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
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

const list = (s: Services, q: Record<string, unknown> = {}) => s.floating.list(floatingListQuery.parse(q));

function setup(now = '2026-11-26T10:00:00+08:00') {
  let clock = new Date(now);
  const s = tempServices({ now: () => clock });
  const t = smallTree(s);
  const m = s.members.create(memberFixture({ name: '王秀英', idNumber: idFor('1976-12-01', 124), branchId: t.b1.id }));
  const n = s.members.create(memberFixture({ name: '李四', idNumber: idFor('1980-03-01', 135), branchId: t.b2.id }));
  return { s, t, m, n, setNow: (iso: string) => (clock = new Date(iso)) };
}

const cert = (memberId: number, over: Record<string, unknown> = {}) =>
  floatingIssueInput.parse({
    memberId,
    direction: 'outflow',
    certificateNo: 'LD-2026-001',
    issueDate: '2025-03-01',
    reason: '外出务工',
    destination: '广东省深圳市',
    dateOut: '2025-03-05',
    ...over,
  });

describe('流动党员活动证', () => {
  it('keeps the register in step: an open certificate makes the member a 流动党员 in its direction, its return ends that', () => {
    const { s, t, m, n } = setup();
    const floatingIds = () => s.members.list(memberListQuery.parse({ floating: true, pageSize: 100 })).rows.map((r) => r.id);
    expect(floatingIds()).toEqual([]);
    const c = s.floating.issue(cert(m.id));
    expect(s.members.get(m.id)).toMatchObject({ floating: true, floatingDirection: 'outflow', floatingDestination: '广东省深圳市' });
    expect(floatingIds()).toEqual([m.id]);
    expect(s.members.auditOf(m.id)[0]).toMatchObject({
      action: 'update',
      note: '按流动党员活动证 LD-2026-001 标记为流出党员',
      changes: [
        { field: 'floating', old: false, new: true },
        { field: 'floatingDirection', old: null, new: 'outflow' },
        { field: 'floatingDestination', old: null, new: '广东省深圳市' },
      ],
    });
    // A corrected 流向 follows; the return clears the flag.
    s.floating.update({ id: c.id, certificateNo: 'LD-2026-001', issueDate: '2025-03-01', reason: '外出务工', destination: '广东省东莞市', dateOut: '2025-03-05', note: null });
    expect(s.members.get(m.id).floatingDestination).toBe('广东省东莞市');
    s.floating.recordReturn(c.id, '2026-10-01');
    expect(s.members.get(m.id)).toMatchObject({ floating: false, floatingDirection: null, floatingDestination: null });
    expect(floatingIds()).toEqual([]);
    expect(s.members.auditOf(m.id)[0]).toMatchObject({ note: '流动党员活动证 LD-2026-001 已登记返回，不再是流动党员' });

    // A flag the clerk set the other way is not this certificate's to clear.
    const c2 = s.floating.issue(cert(n.id, { certificateNo: 'LD-2026-002' }));
    const nn = s.members.get(n.id);
    s.members.update(n.id, { ...toMemberInput(nn), floating: true, floatingDirection: 'inflow', floatingDestination: '河北省保定市' }, nn.version);
    s.floating.recordReturn(c2.id, '2026-10-01');
    expect(s.members.get(n.id)).toMatchObject({ floating: true, floatingDirection: 'inflow' });
    // Nothing changes for a member already recorded as the certificate says.
    const before = s.members.auditOf(n.id).length;
    s.floating.issue(cert(n.id, { certificateNo: 'LD-2026-003', direction: 'inflow', destination: '河北省保定市' }));
    expect(s.members.auditOf(n.id)).toHaveLength(before);
  });

  it('names the branch the member was in on the day of issue, for a certificate entered after a move', () => {
    const { s, t, m, n } = setup();
    s.members.move({ ids: [m.id, n.id], toBranchId: t.b2.id, date: '2026-03-01', reason: '网格调整' });
    // Issued before the move, entered now: the branch that issued it.
    const before = s.floating.issue(cert(m.id, { issueDate: '2025-03-01' }));
    expect(before.branchName).toBe('第一党支部');
    // Issued after the move: the branch they are in.
    const c = s.floating.issue(cert(n.id, { certificateNo: 'LD-2026-002', issueDate: '2026-03-01', dateOut: '2026-03-02' }));
    expect(c.branchName).toBe('第二党支部');
    // An issue date corrected to after the move names the branch of that day; a correction of other fields keeps it.
    const update = (issueDate: string, reason: string) =>
      s.floating.update({ id: before.id, certificateNo: 'LD-2026-001', issueDate, reason, destination: '广东省深圳市', dateOut: '2025-03-05', note: null });
    expect(update('2026-04-01', '外出务工').branchName).toBe('第二党支部');
    expect(update('2026-04-01', '外出经商').branchName).toBe('第二党支部');
    expect(update('2025-03-01', '外出经商').branchName).toBe('第一党支部');
  });

  it('issues a certificate with the member’s branch, audited; refuses a second open one, a used number, a member who left', () => {
    const { s, t, m, n } = setup();
    const c = s.floating.issue(cert(m.id));
    expect(c).toMatchObject({
      certificateNo: 'LD-2026-001',
      memberId: m.id,
      memberName: '王秀英',
      direction: 'outflow',
      branchId: t.b1.id,
      branchName: '第一党支部',
      reason: '外出务工',
      destination: '广东省深圳市',
      dateOut: '2025-03-05',
      dateBack: null,
      reviewedThisYear: false,
      reviews: [],
    });
    expect(s.floating.auditOf(c.id)[0]).toMatchObject({ action: 'issue', entity: 'floatingCertificate', note: expect.stringContaining('LD-2026-001') });

    expect(refused(() => s.floating.issue(cert(m.id, { certificateNo: 'LD-2026-002' }))).message).toMatch(/尚未登记返回的流动党员活动证（LD-2026-001）/);
    const dupNo = refused(() => s.floating.issue(cert(n.id)));
    expect(dupNo.fieldErrors).toEqual({ certificateNo: '活动证编号 LD-2026-001 已用于 王秀英' });
    expect(refused(() => s.floating.issue(cert(n.id, { certificateNo: 'X', issueDate: '2026-11-27' }))).fieldErrors).toHaveProperty('issueDate');
    expect(refused(() => s.floating.issue(cert(n.id, { certificateNo: 'X', dateOut: '2026-11-27' }))).fieldErrors).toEqual({ dateOut: '外出日期不能晚于今天' });
    expect(refused(() => s.floating.issue(cert(n.id, { certificateNo: 'X', direction: 'inflow', dateOut: '2026-11-27' }))).fieldErrors).toEqual({ dateOut: '流入日期不能晚于今天' });
    s.members.exit({ id: n.id, reason: 'deceased', date: '2026-11-01', note: null });
    expect(refused(() => s.floating.issue(cert(n.id, { certificateNo: 'LD-2026-003' }))).message).toMatch(/已于 2026-11-01 离开/);
    expect(refused(() => s.floating.get(999)).code).toBe('not_found');
    // Chinese messages from the input schema.
    expect(floatingIssueInput.safeParse({ ...cert(m.id), reason: ' ' }).error?.issues[0]?.message).toBe('请填写原因');
  });

  it('records the return (date back ≥ date out, once); then a new certificate may be issued; update is audited', () => {
    const { s, m } = setup();
    const c = s.floating.issue(cert(m.id));
    expect(refused(() => s.floating.recordReturn(c.id, '2025-03-04')).fieldErrors).toEqual({ dateBack: '返回日期不能早于外出日期（2025-03-05）' });
    expect(refused(() => s.floating.recordReturn(c.id, '2026-11-27')).fieldErrors).toHaveProperty('dateBack');
    const r = s.floating.recordReturn(c.id, '2025-03-05');
    expect(r).toMatchObject({ dateBack: '2025-03-05' });
    expect(refused(() => s.floating.recordReturn(c.id, '2026-01-01')).message).toMatch(/已于 2025-03-05 登记返回/);
    expect(s.floating.auditOf(c.id)[0]).toMatchObject({ action: 'return', changes: [{ field: 'dateBack', old: null, new: '2025-03-05' }] });

    const again = s.floating.issue(cert(m.id, { certificateNo: 'LD-2026-009', direction: 'inflow', destination: '河北省保定市', issueDate: '2026-02-01', dateOut: '2026-02-01' }));
    expect(again.direction).toBe('inflow');
    const u = s.floating.update({ id: again.id, certificateNo: 'LD-2026-010', issueDate: '2026-02-01', reason: '随子女居住', destination: '河北省保定市', dateOut: '2026-02-02', note: null });
    expect(u).toMatchObject({ certificateNo: 'LD-2026-010', reason: '随子女居住', dateOut: '2026-02-02' });
    expect(s.floating.auditOf(again.id)[0]).toMatchObject({ action: 'update', changes: expect.arrayContaining([{ field: 'certificateNo', old: 'LD-2026-009', new: 'LD-2026-010' }]) });
    expect(refused(() => s.floating.update({ ...u, id: again.id, certificateNo: 'LD-2026-001', note: null })).fieldErrors).toHaveProperty('certificateNo');
    expect(refused(() => s.floating.update({ id: c.id, certificateNo: 'LD-2026-001', issueDate: '2025-03-01', reason: 'x', destination: 'y', dateOut: '2025-04-01', note: null })).fieldErrors).toHaveProperty('dateOut');
  });

  it('one 年审 per certificate per year, within the years it covers; reviews due are open certificates without this year’s', () => {
    const { s, m, n } = setup();
    const a = s.floating.issue(cert(m.id));
    const b = s.floating.issue(cert(n.id, { certificateNo: 'LD-2026-002', direction: 'inflow' }));
    expect(s.floating.reviewsDue().map((r) => r.certificateNo).sort()).toEqual(['LD-2026-001', 'LD-2026-002']);

    const r = s.floating.review({ id: a.id, year: 2026, date: '2026-11-20', result: '合格', reviewer: '张书记' });
    expect(r.reviews).toEqual([expect.objectContaining({ year: 2026, date: '2026-11-20', result: '合格', reviewer: '张书记' })]);
    expect(r.reviewedThisYear).toBe(true);
    expect(refused(() => s.floating.review({ id: a.id, year: 2026, date: '2026-11-21', result: '合格' })).fieldErrors).toEqual({ year: '2026 年的年审已于 2026-11-20 登记过' });
    expect(refused(() => s.floating.review({ id: a.id, year: 2024, date: '2026-11-21', result: '合格' })).fieldErrors).toHaveProperty('year');
    expect(refused(() => s.floating.review({ id: a.id, year: 2027, date: '2026-11-21', result: '合格' })).fieldErrors).toHaveProperty('year');
    expect(refused(() => s.floating.review({ id: a.id, year: 2025, date: '2026-11-27', result: '合格' })).fieldErrors).toHaveProperty('date');
    expect(s.floating.review({ id: a.id, year: 2025, date: '2025-12-01', result: '基本合格' }).reviews.map((x) => x.year)).toEqual([2026, 2025]);
    expect(s.floating.get(a.id).lastReviewYear).toBe(2026);
    expect(s.floating.auditOf(a.id)[0]).toMatchObject({ action: 'review', note: '2025 年年审：基本合格' });
    // The database refuses a duplicate too.
    expect(() => s.db.prepare(`INSERT INTO floating_certificate_reviews (certificate_id, year, date, result, created_at) VALUES (?, 2026, '2026-01-01', 'x', 'x')`).run(a.id)).toThrow(/UNIQUE/);

    expect(s.floating.reviewsDue().map((x) => x.id)).toEqual([b.id]);
    s.floating.recordReturn(b.id, '2026-11-01');
    expect(s.floating.reviewsDue()).toEqual([]);
  });

  it("lists one member's certificates (the member's drawer), with the other filters", () => {
    const { s, m, n } = setup();
    const a = s.floating.issue(cert(m.id));
    s.floating.recordReturn(a.id, '2026-06-01');
    const again = s.floating.issue(cert(m.id, { certificateNo: 'LD-2026-002', issueDate: '2026-07-01', dateOut: '2026-07-02' }));
    const b = s.floating.issue(cert(n.id, { certificateNo: 'LR-2026-001', direction: 'inflow', issueDate: '2026-05-01', dateOut: '2026-05-01' }));
    expect(list(s, { memberId: m.id }).map((r) => r.id)).toEqual([again.id, a.id]);
    expect(list(s, { memberId: m.id, status: 'away' }).map((r) => r.id)).toEqual([again.id]);
    expect(list(s, { memberId: n.id }).map((r) => r.id)).toEqual([b.id]);
    expect(list(s, { memberId: 999 })).toEqual([]);
  });

  it('今年未年审 with one member: only that member’s open certificates without this year’s review (the filter is not dropped)', () => {
    const { s, m, n } = setup();
    const a = s.floating.issue(cert(m.id));
    const b = s.floating.issue(cert(n.id, { certificateNo: 'LR-2026-001', direction: 'inflow' }));
    expect(list(s, { memberId: m.id, status: 'reviewDue' }).map((r) => r.id)).toEqual([a.id]);
    s.floating.review({ id: a.id, year: 2026, date: '2026-11-20', result: '合格' });
    // Reviewed this year: nothing due for 王秀英, though the certificate is still open; 李四's is still due.
    expect(list(s, { memberId: m.id, status: 'reviewDue' })).toEqual([]);
    expect(list(s, { memberId: m.id }).map((r) => r.id)).toEqual([a.id]);
    expect(list(s, { memberId: n.id, status: 'reviewDue' }).map((r) => r.id)).toEqual([b.id]);
    // Returned: no longer due either.
    s.floating.recordReturn(b.id, '2026-11-01');
    expect(list(s, { memberId: n.id, status: 'reviewDue' })).toEqual([]);
  });

  it('lists by direction, status and name or number; the CLI prints the list as JSON', () => {
    const { s, m, n } = setup();
    const a = s.floating.issue(cert(m.id));
    const b = s.floating.issue(cert(n.id, { certificateNo: 'LR-2026-001', direction: 'inflow', issueDate: '2026-05-01', dateOut: '2026-05-01' }));
    s.floating.recordReturn(a.id, '2026-06-01');
    expect(list(s).map((r) => r.id)).toEqual([b.id, a.id]);
    expect(list(s, { direction: 'outflow' }).map((r) => r.id)).toEqual([a.id]);
    expect(list(s, { status: 'away' }).map((r) => r.id)).toEqual([b.id]);
    expect(list(s, { status: 'returned' }).map((r) => r.id)).toEqual([a.id]);
    expect(list(s, { status: 'reviewDue' }).map((r) => r.id)).toEqual([b.id]);
    expect(list(s, { q: '李' }).map((r) => r.id)).toEqual([b.id]);
    expect(list(s, { q: 'LD-2026' }).map((r) => r.id)).toEqual([a.id]);
    expect(list(s, { q: '%' })).toEqual([]);
    s.db.close();

    const r = cli(['--db', s.path, 'floating', 'list', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { certificateNo: string; direction: string; dateBack: string | null; reviewedThisYear: boolean }[];
    expect(rows.map((x) => [x.certificateNo, x.direction, x.dateBack, x.reviewedThisYear])).toEqual([
      ['LR-2026-001', 'inflow', null, false],
      ['LD-2026-001', 'outflow', '2026-06-01', false],
    ]);
    const text = cli(['--db', s.path, 'floating', 'list']);
    expect(text.stdout).toContain('流入 LR-2026-001 李四 广东省深圳市 在外 今年未年审');
  });
});
