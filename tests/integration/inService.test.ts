import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ServiceError } from '../../electron/errors';
import type { Services } from '../../electron/services';
import { feedbackInput, inServiceListQuery, periodLabel, periodRange, registrationInput, registrationUpdateInput, serviceRecordInput } from '../../shared/inService';
import { idFor, memberFixture, smallTree, tempServices } from './helpers';

function refused(fn: () => unknown): ServiceError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ServiceError);
    return e as ServiceError;
  }
  throw new Error('expected a refusal');
}

function setup(now = '2026-11-26T10:00:00+08:00') {
  let clock = new Date(now);
  const s = tempServices({ now: () => clock });
  const t = smallTree(s);
  const m = s.members.create(memberFixture({ name: '王秀英', idNumber: idFor('1976-12-01', 124), branchId: t.b1.id, tags: ['resident'] }));
  return { s, t, m, setNow: (iso: string) => (clock = new Date(iso)) };
}

const register = (s: Services, over: Record<string, unknown>) =>
  s.inService.register(
    registrationInput.parse({
      memberId: null,
      communityId: 0,
      registeredOn: '2026-03-05',
      employer: '区教育局',
      employerPartyOrg: '中共区教育局机关委员会',
      post: '政策宣传',
      specialty: '法律咨询',
      ...over,
    }),
  );

describe('在职党员双报到', () => {
  it('registers a register member with a community once; the member gets the 在职党员 classification; audited', () => {
    const { s, t, m } = setup();
    const r = register(s, { memberId: m.id, communityId: t.community.id });
    expect(r).toMatchObject({ name: '王秀英', communityName: '阳光社区党委', employer: '区教育局', employerPartyOrg: '中共区教育局机关委员会', post: '政策宣传', endedOn: null, yearHours: 0, records: [] });
    expect(s.members.get(m.id).tags).toEqual(expect.arrayContaining(['resident', 'inService']));
    expect(s.inService.auditOf(r.id)[0]).toMatchObject({ action: 'register', entity: 'inServiceRegistration', note: '王秀英 向阳光社区党委报到' });

    // 报到 is a Party member's: not before they joined (the fixture joined on 2003-07-01).
    expect(refused(() => register(s, { memberId: m.id, communityId: t.other.id, registeredOn: '2003-06-30' })).fieldErrors).toEqual({ registeredOn: '报到日期不能早于加入党组织日期（2003-07-01）' });
    expect(refused(() => s.inService.update(registrationUpdateInput.parse({ id: r.id, registeredOn: '2003-06-30', employer: '区教育局', employerPartyOrg: '中共区教育局机关委员会' }))).fieldErrors).toEqual({
      registeredOn: '报到日期不能早于加入党组织日期（2003-07-01）',
    });

    // One registration per member per community — even after it ended.
    const again = refused(() => register(s, { memberId: m.id, communityId: t.community.id, registeredOn: '2026-06-01' }));
    expect(again.fieldErrors).toEqual({ memberId: '王秀英 已于 2026-03-05 向阳光社区党委报到，一名党员在同一社区只登记一次；如需修改，请打开原来的报到记录' });
    s.inService.update(registrationUpdateInput.parse({ id: r.id, registeredOn: '2026-03-05', employer: '区教育局', employerPartyOrg: '中共区教育局机关委员会', endedOn: '2026-10-31' }));
    expect(refused(() => register(s, { memberId: m.id, communityId: t.community.id })).fieldErrors).toHaveProperty('memberId');
    // Another community is another registration.
    expect(register(s, { memberId: m.id, communityId: t.other.id }).communityName).toBe('和平里社区党委');
    // The database holds the rule too.
    expect(() => s.db.prepare("INSERT INTO in_service_registrations (member_id, community_id, registered_on, employer, employer_party_org, created_at, updated_at) VALUES (?, ?, '2026-01-01', 'x', 'y', 'x', 'x')").run(m.id, t.community.id)).toThrow(/UNIQUE/);

    expect(refused(() => register(s, { memberId: m.id, communityId: t.b1.id })).fieldErrors?.['communityId']).toMatch(/是党支部/);
    expect(registrationInput.safeParse({ memberId: m.id, communityId: t.community.id, registeredOn: '2026-03-05', employer: '', employerPartyOrg: 'x' }).error?.issues[0]?.message).toBe('请填写工作单位');
    s.members.exit({ id: m.id, reason: 'transferOut', date: '2026-11-01', note: null });
    const third = s.orgs.create({ name: '幸福社区党委', kind: 'communityCommittee', parentId: t.street.id });
    expect(refused(() => register(s, { memberId: m.id, communityId: third.id })).fieldErrors).toEqual({ memberId: '王秀英 已于 2026-11-01 离开，不能登记报到' });
  });

  it('a new in-service member is added to the register (分类: 在职党员, no branch here) with the registration; a known ID number is sent back to the register', () => {
    const { s, t, m } = setup();
    const r = register(s, {
      communityId: t.community.id,
      newMember: { name: '陈在职', idNumber: idFor('1988-05-06', 231), membershipKind: 'full', mobile: '13900001111' },
      employer: '市第三医院',
      employerPartyOrg: '中共市第三医院委员会',
    });
    const added = s.members.get(r.memberId);
    expect(added).toMatchObject({ name: '陈在职', sex: 'male', birthDate: '1988-05-06', branchId: null, tags: ['inService'], mobile: '13900001111' });
    expect(r).toMatchObject({ name: '陈在职', employerPartyOrg: '中共市第三医院委员会' });
    const dup = refused(() => register(s, { communityId: t.other.id, newMember: { name: '王秀英', idNumber: m.idNumber, membershipKind: 'full' } }));
    expect(dup.fieldErrors).toEqual({ idNumber: '名册中已有这个公民身份号码（王秀英），请改为从名册中选择' });
    // A refused registration adds nobody to the register.
    const before = s.members.stats().total;
    expect(() => register(s, { communityId: t.b1.id, newMember: { name: '刘某', idNumber: idFor('1990-01-01', 111), membershipKind: 'full' } })).toThrow(ServiceError);
    expect(s.members.stats().total).toBe(before);
  });

  it('service records add up to a yearly total; dates stay within the registration', () => {
    const { s, t, m } = setup();
    const r = register(s, { memberId: m.id, communityId: t.community.id, registeredOn: '2025-09-01' });
    const rec = (date: string, hours: number, post = '治安巡逻') => s.inService.saveRecord(serviceRecordInput.parse({ registrationId: r.id, date, post, hours, content: '夜间巡逻两小时' }));
    rec('2025-10-01', 2);
    rec('2026-03-08', 3, '关爱帮扶');
    let g = rec('2026-09-15', 1.5);
    expect(g).toMatchObject({ year: 2026, yearRecords: 2, yearHours: 4.5, lastServiceOn: '2026-09-15' });
    expect(g.yearly).toEqual([
      { year: 2026, records: 2, hours: 4.5 },
      { year: 2025, records: 1, hours: 2 },
    ]);
    expect(s.inService.list(inServiceListQuery.parse({ year: 2025 }))[0]).toMatchObject({ yearRecords: 1, yearHours: 2 });
    expect(refused(() => rec('2025-08-31', 1)).fieldErrors).toEqual({ date: '服务日期不能早于报到日期（2025-09-01）' });
    expect(refused(() => rec('2026-11-27', 1)).fieldErrors).toEqual({ date: '服务日期不能晚于今天' });
    expect(serviceRecordInput.safeParse({ registrationId: r.id, date: '2026-01-01', post: 'x', hours: 0, content: 'x' }).error?.issues[0]?.message).toBe('服务时长至少半小时');
    // Edit and delete, audited on the registration.
    const first = g.records.find((x) => x.date === '2026-03-08')!;
    g = s.inService.saveRecord(serviceRecordInput.parse({ id: first.id, registrationId: r.id, date: '2026-03-08', post: '关爱帮扶', hours: 4, content: '看望独居老人' }));
    expect(g.yearHours).toBe(5.5);
    g = s.inService.removeRecord(first.id);
    expect(g.yearHours).toBe(1.5);
    expect(s.inService.auditOf(r.id).map((e) => e.action).slice(0, 2)).toEqual(['delete', 'update']);
    // Ending the registration before a recorded service is refused.
    expect(refused(() => s.inService.update(registrationUpdateInput.parse({ id: r.id, registeredOn: '2025-09-01', employer: 'x', employerPartyOrg: 'y', endedOn: '2026-09-01' }))).fieldErrors).toEqual({
      endedOn: '已有 2026-09-15 的服务记录，结束日期不能早于它',
    });
  });

  it('the feedback sheet for a period is filled from its records with the community’s assessment; the period’s list goes out as Excel', async () => {
    const { s, t, m } = setup();
    const r = register(s, { memberId: m.id, communityId: t.community.id, registeredOn: '2026-01-05' });
    const other = register(s, { communityId: t.other.id, newMember: { name: '陈在职', idNumber: idFor('1988-05-06', 231), membershipKind: 'full' }, employer: '市第三医院', employerPartyOrg: '中共市第三医院委员会' });
    for (const [date, hours] of [['2026-02-01', 2], ['2026-05-01', 3], ['2026-08-01', 4]] as const)
      s.inService.saveRecord(serviceRecordInput.parse({ registrationId: r.id, date, post: '环境整治', hours, content: '清理楼道' }));

    expect(periodRange('2026-H1')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(periodLabel('2026-H2')).toBe('2026年下半年');
    let sheet = s.inService.feedbackSheet(r.id, '2026-H1');
    expect(sheet).toMatchObject({ periodLabel: '2026年上半年', recordCount: 2, hours: 5, feedback: null, sex: 'female', issuer: '阳光社区党委' });
    expect(sheet.records.map((x) => x.date)).toEqual(['2026-02-01', '2026-05-01']);
    expect(s.inService.feedbackSheet(r.id, '2026')).toMatchObject({ periodLabel: '2026年度', recordCount: 3, hours: 9 });

    sheet = s.inService.saveFeedback(feedbackInput.parse({ registrationId: r.id, period: '2026', grade: 'excellent', comment: '积极参加社区环境整治，服务群众热情', assessedOn: '2026-11-20', assessor: '李红' }));
    expect(sheet.feedback).toEqual({ period: '2026', periodLabel: '2026年度', grade: 'excellent', comment: '积极参加社区环境整治，服务群众热情', assessedOn: '2026-11-20', assessor: '李红' });
    // Saving again changes it (one per member per period), audited old → new.
    sheet = s.inService.saveFeedback(feedbackInput.parse({ registrationId: r.id, period: '2026', grade: 'good', comment: '积极参加社区环境整治', assessedOn: '2026-11-21' }));
    expect(sheet.feedback).toMatchObject({ grade: 'good', assessor: null });
    expect(s.inService.get(r.id).feedback).toHaveLength(1);
    expect(s.inService.auditOf(r.id)[0]!.changes).toEqual(expect.arrayContaining([{ field: 'feedback2026.grade', old: 'excellent', new: 'good' }]));
    expect(refused(() => s.inService.saveFeedback(feedbackInput.parse({ registrationId: r.id, period: '2026', grade: 'good', comment: 'x', assessedOn: '2026-11-27' }))).fieldErrors).toEqual({ assessedOn: '填表日期不能晚于今天' });
    expect(feedbackInput.safeParse({ registrationId: r.id, period: '2026-Q1', grade: 'good', comment: 'x', assessedOn: '2026-11-20' }).error?.issues[0]?.message).toMatch(/反馈期间应为年度/);

    const list = s.inService.feedbackList('2026');
    expect(list.map((x) => [x.name, x.communityName, x.recordCount, x.hours, x.grade])).toEqual([
      ['陈在职', '和平里社区党委', 0, 0, null],
      ['王秀英', '阳光社区党委', 3, 9, 'good'],
    ]);
    void other;
    const file = await s.inService.exportFeedback('2026');
    expect(file.fileName).toBe('在职党员居住地表现反馈汇总表（2026年度）.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('在职党员2026年度居住地表现反馈汇总表');
    expect((ws.getRow(3).values as unknown[]).slice(1, 4)).toEqual(['序号', '姓名', '工作单位']);
    expect((ws.getRow(5).values as unknown[]).slice(1)).toEqual([2, '王秀英', '区教育局', '中共区教育局机关委员会', '阳光社区党委', '政策宣传', 3, 9, '良好', '积极参加社区环境整治', '2026-11-21']);
    expect(ws.getRow(4).getCell(9).value).toBe('未评价');
    expect(ws.pageSetup.paperSize).toBe(9);
  });
});
