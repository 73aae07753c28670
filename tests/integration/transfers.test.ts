import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../electron/errors';
import type { Services } from '../../electron/services';
import { memberListQuery } from '../../shared/contract';
import { addMonth, transferListQuery } from '../../shared/transfers';
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

function snapshot(s: Services) {
  return {
    members: s.db.prepare('SELECT * FROM members ORDER BY id').all(),
    history: s.db.prepare('SELECT * FROM member_branch_history ORDER BY id').all(),
    transfers: s.db.prepare('SELECT * FROM transfers ORDER BY id').all(),
    audit: s.db.prepare('SELECT count(*) AS n FROM audit_log').get(),
  };
}

const list = (s: Services, q: Record<string, unknown> = {}) => s.transfers.list(transferListQuery.parse(q));
const activeIds = (s: Services) => s.members.list(memberListQuery.parse({ pageSize: 200 })).rows.map((r) => r.id);
const leftIds = (s: Services) => s.members.list(memberListQuery.parse({ pageSize: 200, status: 'left' })).rows.map((r) => r.id);

function setup(now = '2026-11-26T10:00:00+08:00') {
  let clock = new Date(now);
  const s = tempServices({ now: () => clock });
  const t = smallTree(s);
  s.orgs.update(t.street.id, { name: '和平街道党工委', kind: 'streetCommittee', parentId: null, contactPhone: '010-64001234' });
  const m = s.members.create(
    memberFixture({ name: '王秀英', sex: 'female', idNumber: idFor('1956-12-01', 124), ethnicity: '回族', branchId: t.b1.id, joinedOn: '1985-07-01', confirmedOn: '1986-07-01', mobile: '13900001111' }),
  );
  return { s, t, m, setNow: (iso: string) => (clock = new Date(iso)) };
}

const issue = { to: '朝阳区和平里街道党工委', duesPaidUntil: '2026-10', validDays: 30 };

describe('transfers out (转出)', () => {
  it('issues letters numbered per year, with the member details from the register and the age on the issue date', () => {
    const { s, t, m } = setup();
    const a = s.transfers.issueOut({ memberId: m.id, ...issue, date: '2026-11-20', note: null });
    expect(a).toMatchObject({
      direction: 'out',
      letterNo: '2026-001',
      year: 2026,
      memberId: m.id,
      name: '王秀英',
      sex: 'female',
      age: 69, // born 1956-12-01: not yet 70 on 2026-11-20
      ethnicity: '回族',
      membershipKind: 'full',
      idNumber: m.idNumber,
      from: '第一党支部',
      to: '朝阳区和平里街道党工委',
      duesPaidUntil: '2026-10',
      validDays: 30,
      date: '2026-11-20',
      phone: '13900001111',
      status: 'issued',
      senderName: '和平街道党工委',
      senderPhone: '010-64001234',
      receiptDue: '2026-12-20',
      overdue: false,
    });
    expect(s.transfers.auditOf(a.id)[0]).toMatchObject({ action: 'issue', entity: 'transfer', note: '开具介绍信 2026-001' });

    // A second member, the same year: 002; a letter dated last year: 2025-001; cancelled numbers are not reused.
    const b = s.members.create(memberFixture({ name: '李四', idNumber: idFor('1950-03-01', 135), branchId: t.b2.id }));
    s.transfers.cancel(a.id, '开错了');
    expect(s.transfers.issueOut({ memberId: b.id, ...issue, date: '2026-11-21' }).letterNo).toBe('2026-002');
    const c = s.members.create(memberFixture({ name: '赵五', idNumber: idFor('1950-04-01', 137), branchId: t.b2.id }));
    expect(s.transfers.issueOut({ memberId: c.id, ...issue, date: '2025-12-30' }).letterNo).toBe('2025-001');
    expect(s.transfers.issueOut({ memberId: m.id, ...issue, date: '2026-11-22' })).toMatchObject({ letterNo: '2026-003', age: 69 });
    // The numbers are unique in the database itself.
    expect(() => s.db.prepare(`UPDATE transfers SET letter_no = '2026-002' WHERE letter_no = '2026-003'`).run()).toThrow(/UNIQUE/);
  });

  it('confirming ends the membership as 已转出 (the left list, the audit) with the letter; the receipt closes it', () => {
    const { s, m } = setup();
    const a = s.transfers.issueOut({ memberId: m.id, ...issue, date: '2026-11-20' });
    expect(activeIds(s)).toContain(m.id);
    const c = s.transfers.confirmOut(a.id, '2026-11-21');
    expect(c).toMatchObject({ status: 'confirmed', confirmedOn: '2026-11-21' });
    expect(s.members.get(m.id)).toMatchObject({ leftOn: '2026-11-21', leftReason: 'transferOut', leftNote: '组织关系转至朝阳区和平里街道党工委（介绍信 2026-001）' });
    expect(activeIds(s)).not.toContain(m.id);
    expect(leftIds(s)).toContain(m.id);
    expect(s.members.auditOf(m.id)[0]).toMatchObject({ action: 'exit' });
    expect(s.transfers.auditOf(a.id)[0]).toMatchObject({ action: 'confirm', changes: expect.arrayContaining([{ field: 'status', old: 'issued', new: 'confirmed' }]) });

    // No second letter for a member who left; no second confirmation; a confirmed letter cannot be cancelled.
    expect(refused(() => s.transfers.issueOut({ memberId: m.id, ...issue, date: '2026-11-22' })).message).toMatch(/已于 2026-11-21 离开/);
    expect(refused(() => s.transfers.confirmOut(a.id, '2026-11-22')).message).toMatch(/已确认转出/);
    expect(refused(() => s.transfers.cancel(a.id, '不转了')).message).toMatch(/不能作废/);

    const r = s.transfers.receiptReturned(a.id, '2026-11-25');
    expect(r).toMatchObject({ status: 'returned', receiptOn: '2026-11-25', overdue: false });
    expect(refused(() => s.transfers.receiptReturned(a.id, '2026-11-26')).message).toMatch(/不能重复登记/);
  });

  it('cancel only before confirmation; a cancelled letter cannot be confirmed; the member stays in the register', () => {
    const { s, m } = setup();
    const a = s.transfers.issueOut({ memberId: m.id, ...issue, date: '2026-11-20' });
    expect(refused(() => s.transfers.issueOut({ memberId: m.id, ...issue, date: '2026-11-20' })).message).toMatch(/尚未确认转出的介绍信（2026-001）/);
    expect(refused(() => s.transfers.receiptReturned(a.id, '2026-11-21')).message).toMatch(/还没有确认转出/);
    const c = s.transfers.cancel(a.id, '党员决定暂不转出');
    expect(c).toMatchObject({ status: 'cancelled', cancelledOn: '2026-11-26', cancelReason: '党员决定暂不转出' });
    // A letter from the paper records is cancelled on its own day: after it was issued, not after today.
    const b = s.transfers.issueOut({ memberId: m.id, ...issue, date: '2025-05-10' });
    expect(refused(() => s.transfers.cancel(b.id, '开错了', '2025-05-09')).fieldErrors).toEqual({ date: '作废日期不能早于开具日期（2025-05-10）' });
    expect(refused(() => s.transfers.cancel(b.id, '开错了', '2026-11-27')).fieldErrors).toEqual({ date: '作废日期不能晚于今天' });
    expect(s.transfers.cancel(b.id, '开错了', '2025-05-12')).toMatchObject({ status: 'cancelled', cancelledOn: '2025-05-12' });
    expect(refused(() => s.transfers.confirmOut(a.id, '2026-11-21')).message).toMatch(/已作废/);
    expect(refused(() => s.transfers.cancel(a.id, '再作废')).message).toMatch(/已作废/);
    expect(s.members.get(m.id).leftOn).toBeNull();
  });

  it('flags 回执逾期 only more than one month after issue, for a confirmed letter without a receipt', () => {
    const { s, m, setNow } = setup('2026-11-26T10:00:00+08:00');
    const a = s.transfers.issueOut({ memberId: m.id, ...issue, date: '2026-10-26' });
    expect(list(s)[0]!.overdue).toBe(false); // issued, not yet confirmed
    s.transfers.confirmOut(a.id, '2026-10-27');
    expect(s.transfers.get(a.id)).toMatchObject({ receiptDue: '2026-11-26', overdue: false }); // exactly one month: not yet
    expect(list(s, { status: 'overdue' })).toEqual([]);
    setNow('2026-11-27T09:00:00+08:00');
    expect(s.transfers.get(a.id).overdue).toBe(true);
    expect(list(s, { status: 'overdue' }).map((r) => r.id)).toEqual([a.id]);
    s.transfers.receiptReturned(a.id, '2026-11-27');
    expect(s.transfers.get(a.id).overdue).toBe(false);
    expect(addMonth('2026-01-31')).toBe('2026-02-28');
    expect(addMonth('2026-12-15')).toBe('2027-01-15');
  });

  it('every refusal changes nothing', () => {
    const { s, m } = setup();
    const a = s.transfers.issueOut({ memberId: m.id, ...issue, date: '2026-11-20' });
    const before = snapshot(s);
    refused(() => s.transfers.issueOut({ memberId: m.id, ...issue, date: '2026-11-20' }));
    refused(() => s.transfers.issueOut({ memberId: 9999, ...issue, date: '2026-11-20' }));
    // A letter dated before the member joined could never be confirmed (the exit may not come before joining).
    expect(refused(() => s.transfers.issueOut({ memberId: m.id, ...issue, date: '1985-06-30' })).fieldErrors).toEqual({ date: '开具日期不能早于王秀英加入党组织的日期（1985-07-01）' });
    expect(refused(() => s.transfers.confirmOut(a.id, '2026-11-19')).fieldErrors).toEqual({ date: '转出日期不能早于开具日期（2026-11-20）' });
    refused(() => s.transfers.confirmOut(a.id, '2026-12-01'));
    refused(() => s.transfers.receiptReturned(a.id, '2026-11-21'));
    refused(() => s.transfers.placeIn(a.id, { branchId: 1, date: '2026-11-21' }));
    refused(() => s.transfers.get(9999));
    expect(snapshot(s)).toEqual(before);
  });
});

describe('transfers in (转入)', () => {
  const letter = (over: Record<string, unknown> = {}) => ({
    letterNo: '京朝组转字〔2026〕88号',
    from: '朝阳区某公司党委',
    date: '2026-11-10',
    name: '陈建国',
    membershipKind: 'full' as const,
    idNumber: idFor('1962-05-08', 151),
    ethnicity: '汉族' as const,
    phone: '13600002222',
    ...over,
  });

  it('registers a letter and places a new member in a branch: in the register, with branch history and audit', () => {
    const { s, t } = setup();
    const r = s.transfers.registerIn(letter());
    expect(r).toMatchObject({ direction: 'in', status: 'registered', memberId: null, sex: 'male', age: 64, to: '和平街道党工委', match: null });
    expect(refused(() => s.transfers.registerIn(letter())).fieldErrors).toEqual({ letterNo: '朝阳区某公司党委 的介绍信 京朝组转字〔2026〕88号 已经登记过' });

    // The letter has no 入党日期: the clerk may give it from the 档案; a date that breaks the record's rules is theirs to fix.
    const before = snapshot(s);
    expect(refused(() => s.transfers.placeIn(r.id, { branchId: t.b2.id, date: '2026-11-12', joinedOn: '1975-07-01' })).fieldErrors).toEqual({
      joinedOn: '加入党组织时应年满 18 周岁，请核对加入党组织日期和出生日期',
    });
    expect(refused(() => s.transfers.placeIn(r.id, { branchId: t.b2.id, date: '2026-11-12', joinedOn: '1990-07-01', confirmedOn: '1990-06-01' })).fieldErrors).toEqual({
      confirmedOn: '转为正式党员日期应晚于加入党组织日期',
    });
    expect(snapshot(s)).toEqual(before);
    const p = s.transfers.placeIn(r.id, { branchId: t.b2.id, date: '2026-11-12', joinedOn: '1990-07-01', confirmedOn: '1991-07-01' });
    expect(p).toMatchObject({ status: 'placed', placedOn: '2026-11-12', placedBranchId: t.b2.id, placedBranchName: '第二党支部', memberId: expect.any(Number) });
    const m = s.members.get(p.memberId!);
    expect(m).toMatchObject({ name: '陈建国', sex: 'male', birthDate: '1962-05-08', ethnicity: '汉族', mobile: '13600002222', branchId: t.b2.id, leftOn: null, joinedOn: '1990-07-01', confirmedOn: '1991-07-01' });
    expect(activeIds(s)).toContain(m.id);
    expect(s.members.history(m.id)).toEqual([
      expect.objectContaining({ orgId: t.b2.id, from: '2026-11-12', to: null, reason: '组织关系转入（朝阳区某公司党委，介绍信 京朝组转字〔2026〕88号）' }),
    ]);
    expect(s.members.auditOf(m.id).map((e) => e.action)).toEqual(['move', 'create']);
    expect(s.transfers.auditOf(r.id).map((e) => e.action)).toEqual(['place', 'register']);
    expect(refused(() => s.transfers.placeIn(r.id, { branchId: t.b1.id, date: '2026-11-12' })).message).toMatch(/不能重复办理/);
  });

  it('re-activates a former member matched by ID number and moves them, recording the branch history', () => {
    const { s, t, m } = setup();
    const out = s.transfers.issueOut({ memberId: m.id, ...issue, date: '2025-03-01' });
    s.transfers.confirmOut(out.id, '2025-03-02');
    expect(leftIds(s)).toContain(m.id);

    const r = s.transfers.registerIn(letter({ name: '王秀英', idNumber: m.idNumber, ethnicity: '回族', sex: 'female' }));
    expect(r.match).toEqual({ id: m.id, name: '王秀英', active: false, branchName: '第一党支部' });
    const p = s.transfers.placeIn(r.id, { branchId: t.b2.id, date: '2026-11-20' });
    expect(p.memberId).toBe(m.id);
    expect(s.members.get(m.id)).toMatchObject({ leftOn: null, leftReason: null, branchId: t.b2.id });
    expect(activeIds(s)).toContain(m.id);
    expect(leftIds(s)).not.toContain(m.id);
    expect(s.members.history(m.id)).toEqual([
      expect.objectContaining({ orgId: t.b1.id, from: '1985-07-01', to: '2026-11-20' }),
      expect.objectContaining({ orgId: t.b2.id, from: '2026-11-20', to: null, reason: expect.stringMatching(/^组织关系转入/) }),
    ]);
    expect(s.members.auditOf(m.id).map((e) => e.action).slice(0, 3)).toEqual(['move', 'reinstate', 'exit']);
    expect(s.db.prepare('SELECT count(*) AS n FROM members').get()).toEqual({ n: 1 });
  });

  it('refuses an ID number an active member holds, a bad ID number, a non-branch; nothing changes', () => {
    const { s, t, m } = setup();
    const before = snapshot(s);
    expect(refused(() => s.transfers.registerIn(letter({ idNumber: m.idNumber }))).fieldErrors?.['idNumber']).toMatch(/已是在册党员 王秀英（第一党支部）/);
    expect(refused(() => s.transfers.registerIn(letter({ idNumber: '11010519620508151X' }))).fieldErrors?.['idNumber']).toBeTruthy();
    expect(refused(() => s.transfers.registerIn(letter({ sex: 'female' }))).fieldErrors).toEqual({ sex: '与公民身份号码不符：号码显示为男' });
    expect(snapshot(s)).toEqual(before);

    const r = s.transfers.registerIn(letter());
    // The same person was meanwhile registered by hand: placing them would duplicate the ID number.
    s.members.create(memberFixture({ name: '陈建国', idNumber: r.idNumber, branchId: t.b1.id }));
    const mid = snapshot(s);
    expect(refused(() => s.transfers.placeIn(r.id, { branchId: t.b2.id, date: '2026-11-12' })).message).toMatch(/已是在册党员 陈建国/);
    expect(refused(() => s.transfers.placeIn(r.id, { branchId: t.community.id, date: '2026-11-12' })).fieldErrors?.['branchId']).toBeTruthy();
    expect(refused(() => s.transfers.placeIn(r.id, { branchId: t.b2.id, date: '2026-11-01' })).fieldErrors).toEqual({ date: '安排日期不能早于收到介绍信的日期（2026-11-10）' });
    expect(snapshot(s)).toEqual(mid);
  });

  it('a letter whose details break the record rules is refused at placement, with nothing written', () => {
    const { s, t } = setup();
    const r = s.transfers.registerIn(letter({ membershipKind: 'probationary' }));
    // Make the stored details invalid as the form would see them (e.g. an ethnicity outside the list is dropped, a name too long refuses).
    s.db.prepare(`UPDATE transfers SET name = ? WHERE id = ?`).run('名'.repeat(41), r.id);
    const before = snapshot(s);
    refused(() => s.transfers.placeIn(r.id, { branchId: t.b2.id, date: '2026-11-12' }));
    expect(snapshot(s)).toEqual(before);
    expect(s.members.list(memberListQuery.parse({ q: '名名' })).total).toBe(0);
  });
});

describe('transfers list and the command line', () => {
  it("lists one member's letters (the member's drawer): out letters, and an in letter once placed", () => {
    const { s, t, m } = setup();
    const other = s.members.create(memberFixture({ name: '李四', idNumber: idFor('1950-03-01', 135), branchId: t.b2.id }));
    const a = s.transfers.issueOut({ memberId: m.id, ...issue, date: '2026-03-01' });
    s.transfers.cancel(a.id, '开错了');
    const b = s.transfers.issueOut({ memberId: m.id, ...issue, date: '2026-03-02' });
    s.transfers.issueOut({ memberId: other.id, ...issue, date: '2026-03-03' });
    const inLetter = s.transfers.registerIn({ letterNo: 'X-9', from: '外区党委', date: '2026-04-01', name: '周六', membershipKind: 'full', idNumber: idFor('1970-01-01', 171) });
    expect(list(s, { memberId: m.id }).map((r) => [r.letterNo, r.status])).toEqual([
      ['2026-002', 'issued'],
      ['2026-001', 'cancelled'],
    ]);
    expect(list(s, { memberId: m.id, status: 'issued' }).map((r) => r.id)).toEqual([b.id]);
    const placed = s.transfers.placeIn(inLetter.id, { branchId: t.b1.id, date: '2026-04-02' });
    expect(list(s, { memberId: placed.memberId! }).map((r) => [r.direction, r.letterNo, r.status])).toEqual([['in', 'X-9', 'placed']]);
    expect(list(s, { memberId: 999 })).toEqual([]);
  });

  it("prints the street committee's 办公地址 as the sender's address unless the clerk wrote another", () => {
    const { s, t, m } = setup();
    s.orgs.update(t.street.id, { name: '和平街道党工委', kind: 'streetCommittee', parentId: null, address: '和平路8号党群服务中心' });
    expect(s.transfers.issueOut({ memberId: m.id, ...issue, date: '2026-11-20' })).toMatchObject({ senderAddress: '和平路8号党群服务中心', senderPhone: '010-64001234' });
    const n = s.members.create(memberFixture({ name: '李四', idNumber: idFor('1950-03-01', 135), branchId: t.b2.id }));
    expect(s.transfers.issueOut({ memberId: n.id, ...issue, date: '2026-11-20', senderAddress: '临时办公点' }).senderAddress).toBe('临时办公点');
  });


  it('lists both directions with search and filters; `transfers list --json` prints them', () => {
    const { s, m } = setup();
    const a = s.transfers.issueOut({ memberId: m.id, ...issue, date: '2026-11-20' });
    s.transfers.registerIn({ letterNo: 'X-1', from: '外区党委', date: '2026-11-21', name: '周六', membershipKind: 'probationary', idNumber: idFor('1990-01-01', 171) });
    expect(list(s).map((r) => r.name)).toEqual(['周六', '王秀英']);
    expect(list(s, { direction: 'out' }).map((r) => r.letterNo)).toEqual(['2026-001']);
    expect(list(s, { q: '和平里' }).map((r) => r.id)).toEqual([a.id]);
    expect(list(s, { q: '周' }).map((r) => r.name)).toEqual(['周六']);
    expect(list(s, { status: 'registered' }).map((r) => r.name)).toEqual(['周六']);
    expect(list(s)[0]).not.toHaveProperty('idNumber');
    s.db.close();

    const r = cli(['--db', s.path, 'transfers', 'list', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { letterNo: string; direction: string; status: string; overdue: boolean }[];
    expect(rows.map((x) => [x.direction, x.letterNo, x.status])).toEqual([
      ['in', 'X-1', 'registered'],
      ['out', '2026-001', 'issued'],
    ]);
    const text = cli(['--db', s.path, 'transfers', 'list']);
    expect(text.stdout).toContain('转出 2026-001 王秀英 第一党支部 → 朝阳区和平里街道党工委 已开具');
  });
});
