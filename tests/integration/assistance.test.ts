/**
 * 帮扶 on a real database: households with their kinds, pairings over time, visits and help given (an amount for
 * money and goods), overdue visits by the frequency the clerk set, and personal data masked in lists.
 */
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../electron/errors';
import { householdInput, householdListQuery, visitInput } from '../../shared/assistance';
import { idFor, memberFixture, smallTree, tempServices } from './helpers';

function refused(fn: () => unknown): ServiceError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ServiceError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

function setup() {
  const s = tempServices(); // today: 2026-11-26
  const t = smallTree(s);
  const a = s.members.create(memberFixture({ name: '结对甲', branchId: t.b1.id }));
  const b = s.members.create(memberFixture({ name: '结对乙', idNumber: idFor('1975-02-02', 51), branchId: t.b2.id }));
  const household = (over: Record<string, unknown> = {}, id?: number) =>
    s.assistance.save({
      id,
      household: householdInput.parse({
        name: '赵奶奶',
        kinds: ['elderly'],
        idNumber: idFor('1938-04-09', 82),
        phone: '13912345678',
        address: '和平路12号3号楼2单元501室',
        communityId: t.community.id,
        needs: '独居，行动不便，需要定期上门探望、代购药品',
        startedOn: '2026-09-01',
        frequency: 'month',
        pairedMemberIds: [a.id],
        ...over,
      }),
    });
  const list = (q: Record<string, unknown> = {}) => s.assistance.list(householdListQuery.parse(q));
  return { s, t, a, b, household, list };
}

describe('帮扶对象', () => {
  it('lists mask the ID number, phone and address; the record holds them whole', () => {
    const { s, household, list, a } = setup();
    const h = household();
    const row = list()[0]!;
    expect(row).toMatchObject({ name: '赵奶奶', idNumberMasked: '110105********082X', phoneMasked: '139****5678', addressMasked: '和平路12号****', pairedMembers: [{ memberId: a.id, name: '结对甲' }] });
    expect(JSON.stringify(list())).not.toContain('19380409');
    expect(JSON.stringify(list())).not.toContain('501室');
    expect(s.assistance.get(h.id)).toMatchObject({ idNumber: idFor('1938-04-09', 82), phone: '13912345678', address: '和平路12号3号楼2单元501室' });
    expect(s.assistance.auditOf(h.id)[0]).toMatchObject({ action: 'create', note: '登记帮扶对象：赵奶奶（老年人）' });
  });

  it('visits are overdue by the frequency set, from the start before any visit; ended help never is', () => {
    const { s, household, list, a } = setup();
    const h = household();
    // Monthly from 2026-09-01, no visit: due 2026-10-01, 56 days late on 2026-11-26.
    expect(list({ status: 'overdue' }).map((r) => [r.name, r.dueOn, r.daysOverdue])).toEqual([['赵奶奶', '2026-10-01', 56]]);
    s.assistance.saveVisit({ visit: visitInput.parse({ householdId: h.id, visitedOn: '2026-11-20', visitors: [{ memberId: a.id, name: '结对甲' }], helpKind: 'visit', content: '上门探望，代购降压药' }) });
    expect(list({ status: 'overdue' })).toEqual([]);
    expect(list()[0]).toMatchObject({ lastVisitOn: '2026-11-20', dueOn: '2026-12-20', overdue: false, visits: 1 });
    // Weekly: due a week after that visit, tomorrow.
    household({ frequency: 'week' }, h.id);
    expect(list()[0]).toMatchObject({ dueOn: '2026-11-27', overdue: false });
    const other = household({ name: '钱爷爷', frequency: 'quarter', startedOn: '2026-05-01', pairedMemberIds: [] });
    expect(list({ status: 'overdue' }).map((r) => [r.name, r.dueOn, r.daysOverdue])).toEqual([['钱爷爷', '2026-08-01', 117]]);
    // Help ends no earlier than it began, and not after today.
    const ending = (endedOn: string) => refused(() => household({ name: '钱爷爷', frequency: 'quarter', startedOn: '2026-05-01', pairedMemberIds: [], endedOn, endReason: '随子女迁居外地' }, other.id)).fieldErrors;
    expect(ending('2026-04-30')).toEqual({ endedOn: '结束日期不能早于开始帮扶日期（2026-05-01）' });
    expect(ending('2026-11-27')).toEqual({ endedOn: '结束日期不能晚于今天' });
    expect(list({ status: 'overdue' }).map((r) => r.name)).toEqual(['钱爷爷']);
    // Help ended: out of the overdue list and of 帮扶中.
    household({ name: '钱爷爷', frequency: 'quarter', startedOn: '2026-05-01', pairedMemberIds: [], endedOn: '2026-11-01', endReason: '随子女迁居外地' }, other.id);
    expect(list({ status: 'overdue' })).toEqual([]);
    expect(list({ status: 'ended' }).map((r) => r.name)).toEqual(['钱爷爷']);
    expect(list().map((r) => r.name)).toEqual(['赵奶奶']);
    // No frequency: never overdue.
    household({ frequency: null }, h.id);
    expect(list()[0]).toMatchObject({ dueOn: null, overdue: false });
  });

  it('money and goods carry an amount; help given adds up', () => {
    const { s, household, a } = setup();
    const h = household({ kinds: ['poor', 'disabled'] });
    const visit = (over: Record<string, unknown>) =>
      s.assistance.saveVisit({ visit: visitInput.parse({ householdId: h.id, visitedOn: '2026-10-10', visitors: [{ memberId: a.id, name: 'x' }, { memberId: null, name: '民政专干 孙明' }], helpKind: 'visit', content: '走访', ...over }) });
    expect(refused(() => visit({ helpKind: 'money', content: '送慰问金' })).fieldErrors).toEqual({ amount: '资金帮扶请填写金额（元）' });
    expect(refused(() => visit({ visitedOn: '2026-08-01' })).fieldErrors).toEqual({ visitedOn: '走访日期不能早于开始帮扶日期（2026-09-01）' });
    visit({ helpKind: 'money', content: '送中秋慰问金', amount: 500 });
    const after = visit({ helpKind: 'goods', content: '米、油各一袋', amount: 120.5, visitedOn: '2026-11-02', followUp: '联系残联办理轮椅' });
    expect(after.amountTotal).toBe(620.5);
    expect(after.visitList.map((v) => [v.visitedOn, v.helpKind, v.amount, v.visitors.map((x) => x.name).join('、')])).toEqual([
      ['2026-11-02', 'goods', 120.5, '结对甲、民政专干 孙明'],
      ['2026-10-10', 'money', 500, '结对甲、民政专干 孙明'],
    ]);
    const removed = s.assistance.removeVisit(after.visitList[0]!.id);
    expect(removed.amountTotal).toBe(500);
    expect(s.assistance.auditOf(h.id).map((e) => e.note)).toEqual([
      '删除走访记录：2026-11-02 物资帮扶',
      '登记走访记录：2026-11-02 物资帮扶 120.5 元',
      '登记走访记录：2026-10-10 资金帮扶 500 元',
      '登记帮扶对象：赵奶奶（贫困户、残疾人）',
    ]);
  });

  it('pairings are kept over time: one taken off ends today, one added starts today', () => {
    const { s, household, a, b, list } = setup();
    const h = household();
    const after = household({ pairedMemberIds: [b.id] }, h.id);
    expect(after.pairedMembers.map((p) => p.name)).toEqual(['结对乙']);
    expect(after.pairings.map((p) => [p.name, p.since, p.until])).toEqual([
      ['结对乙', '2026-11-26', null],
      ['结对甲', '2026-09-01', '2026-11-26'],
    ]);
    expect(list({ memberId: a.id })).toEqual([]);
    expect(list({ memberId: b.id }).map((r) => r.name)).toEqual(['赵奶奶']);
    expect(s.assistance.auditOf(h.id)[0]!.changes).toContainEqual({ field: 'pairedMembers', old: ['结对甲'], new: ['结对乙'] });
  });

  it('refuses a 困难党员 not picked from the register, and a stale form', () => {
    const { s, household } = setup();
    expect(refused(() => household({ kinds: ['needyMember'] })).fieldErrors).toEqual({ memberId: '困难党员请从名册中选择这名党员' });
    const h = household();
    household({ needs: '新的需求：冬季取暖' }, h.id);
    const stale = refused(() => s.assistance.save({ id: h.id, household: householdInput.parse({ name: h.name, kinds: h.kinds, communityId: h.communityId, needs: '旧表单', startedOn: h.startedOn, frequency: h.frequency, pairedMemberIds: [] }), expectedVersion: h.version }));
    expect(stale.code).toBe('conflict');
    expect(s.assistance.get(h.id).needs).toBe('新的需求：冬季取暖');
    expect(householdInput.safeParse({ name: 'x', kinds: [], communityId: 1, needs: 'x', startedOn: '2026-01-01', frequency: null, pairedMemberIds: [] }).error?.issues[0]?.message).toBe('请至少选择一个类别');
  });
});
