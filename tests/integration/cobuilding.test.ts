import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../electron/errors';
import { createDispatch, createHandlers } from '../../electron/handlers';
import { JobRunner } from '../../electron/jobs/runner';
import type { Services } from '../../electron/services';
import {
  activitySaveInput,
  agreementReviewInput,
  agreementSaveInput,
  jointBodySaveInput,
  jointMeetingInput,
  membershipInput,
  unitListQuery,
  unitSaveInput,
  visitInput,
  EXPIRY_NOTICE_DAYS,
} from '../../shared/cobuilding';
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
  return { s, t, setNow: (iso: string) => (clock = new Date(iso)) };
}

const unit = (s: Services, communityId: number | null, over: Record<string, unknown> = {}) =>
  s.cobuilding.saveUnit(
    unitSaveInput.parse({
      unit: { name: '区第一中学', kind: 'institution', address: '和平路 8 号', partyOrgName: '中共区第一中学委员会', liaisonName: '王老师', liaisonPhone: '010-66668888', communityId, ...over },
    }),
  );

const agreement = (s: Services, communityId: number, unitIds: number[], over: Record<string, unknown> = {}) =>
  s.agreements.save(
    agreementSaveInput.parse({
      agreement: {
        title: '阳光社区与区第一中学共驻共建协议',
        kind: 'coBuilding',
        communityId,
        unitIds,
        signedOn: '2024-03-01',
        startOn: '2024-03-01',
        termYears: 3,
        endOn: '2027-02-28',
        commitments: [
          { side: 'community', unitId: null, text: '为学校学生提供社会实践岗位' },
          { side: 'unit', unitId: unitIds[0], text: '节假日向居民开放操场', dueOn: '2024-06-01' },
        ],
        resources: [{ unitId: unitIds[0], text: '学校操场（周末 8:00—18:00）' }],
        plannedActivities: '每季度一次党员奉献日',
        ...over,
      },
    }),
  );

describe('驻区单位', () => {
  it('registers a unit in a community, audited; refuses a duplicate name, a branch as the community, a future 迁出日期', () => {
    const { s, t } = setup();
    const u = unit(s, t.community.id);
    expect(u).toMatchObject({ name: '区第一中学', kind: 'institution', communityName: '阳光社区党委', liaisonName: '王老师', leftOn: null, bodies: [], agreementsInForce: 0, version: 1 });
    expect(s.cobuilding.auditOf('residentUnit', u.id)[0]).toMatchObject({ action: 'create', entity: 'residentUnit', note: '登记驻区单位 区第一中学' });
    expect(refused(() => unit(s, t.community.id)).fieldErrors).toEqual({ name: '驻区单位“区第一中学”已经登记过，请在列表中找到它修改' });
    expect(refused(() => unit(s, t.b1.id, { name: '区医院' })).fieldErrors?.['communityId']).toMatch(/第一党支部”是党支部，请选择社区党委/);
    expect(refused(() => unit(s, t.community.id, { name: '区医院', leftOn: '2026-11-27' })).fieldErrors).toEqual({ leftOn: '迁出日期不能晚于今天' });
    expect(unitSaveInput.safeParse({ unit: { name: ' ', kind: 'organ', communityId: null } }).error?.issues[0]?.message).toBe('请填写单位名称');

    const changed = s.cobuilding.saveUnit(unitSaveInput.parse({ id: u.id, expectedVersion: 1, unit: { name: '区第一中学', kind: 'institution', communityId: t.community.id, liaisonName: '李老师' } }));
    expect(changed).toMatchObject({ liaisonName: '李老师', address: null, version: 2 });
    expect(s.cobuilding.auditOf('residentUnit', u.id)[0]!.changes).toEqual(
      expect.arrayContaining([{ field: 'liaisonName', old: '王老师', new: '李老师' }, { field: 'address', old: '和平路 8 号', new: null }]),
    );
    // A form opened on the old version is refused.
    expect(refused(() => s.cobuilding.saveUnit(unitSaveInput.parse({ id: u.id, expectedVersion: 1, unit: { name: '区第一中学', kind: 'institution', communityId: null } }))).code).toBe('conflict');

    // Search, kind and status filters.
    unit(s, t.other.id, { name: '市第三医院', kind: 'institution', liaisonName: '赵医生' });
    unit(s, null, { name: '和平物业公司', kind: 'enterprise', liaisonName: null });
    const names = (q: Record<string, unknown>) => s.cobuilding.listUnits(unitListQuery.parse(q)).map((x) => x.name);
    expect(names({})).toEqual(['和平物业公司', '区第一中学', '市第三医院']);
    expect(names({ q: '赵医生' })).toEqual(['市第三医院']);
    expect(names({ kind: 'enterprise' })).toEqual(['和平物业公司']);
    expect(names({ communityId: t.community.id })).toEqual(['区第一中学']);
  });

  it('a unit that leaves the area leaves its bodies the same day and drops out of the active list', () => {
    const { s, t } = setup();
    const u = unit(s, t.community.id);
    const body = s.cobuilding.saveBody(jointBodySaveInput.parse({ body: { kind: 'jointMeeting', name: '阳光社区党建工作联席会', communityId: t.community.id, cadence: 'quarter' } }));
    s.cobuilding.saveMembership(membershipInput.parse({ bodyId: body.id, unitId: u.id, since: '2025-01-01', representative: '张校长', position: '成员单位' }));
    s.cobuilding.saveUnit(unitSaveInput.parse({ id: u.id, unit: { name: u.name, kind: u.kind, communityId: t.community.id, leftOn: '2026-10-31' } }));
    expect(s.cobuilding.getBody(body.id).members[0]).toMatchObject({ until: '2026-10-31', current: false });
    expect(s.cobuilding.listUnits(unitListQuery.parse({})).map((x) => x.name)).toEqual([]);
    expect(s.cobuilding.listUnits(unitListQuery.parse({ status: 'left' })).map((x) => x.name)).toEqual(['区第一中学']);
    expect(refused(() => s.cobuilding.saveMembership(membershipInput.parse({ bodyId: body.id, unitId: u.id, since: '2026-11-01' }))).message).toMatch(/已于 2026-10-31 迁出辖区/);
  });
});

describe('联席会 / 协调委员会', () => {
  it('members join from a date (once while a member), meetings record attendees by unit and link to their minutes; all audited', () => {
    const { s, t } = setup();
    const school = unit(s, t.community.id);
    const hospital = unit(s, t.community.id, { name: '市第三医院' });
    let body = s.cobuilding.saveBody(jointBodySaveInput.parse({ body: { kind: 'jointMeeting', name: '阳光社区党建工作联席会', communityId: t.community.id, foundedOn: '2025-01-10', cadence: 'quarter' } }));
    expect(body).toMatchObject({ kind: 'jointMeeting', communityName: '阳光社区党委', members: [], meetings: [], meetingDue: true });
    body = s.cobuilding.saveMembership(membershipInput.parse({ bodyId: body.id, unitId: school.id, since: '2025-01-10', representative: '张校长', position: '副主任单位' }));
    body = s.cobuilding.saveMembership(membershipInput.parse({ bodyId: body.id, unitId: hospital.id, since: '2025-03-01', representative: '刘院长' }));
    expect(body.members.map((m) => [m.unitName, m.representative, m.current])).toEqual([
      ['区第一中学', '张校长', true],
      ['市第三医院', '刘院长', true],
    ]);
    expect(s.cobuilding.getUnit(school.id).bodies).toEqual([{ bodyId: body.id, bodyName: '阳光社区党建工作联席会', kind: 'jointMeeting' }]);
    expect(refused(() => s.cobuilding.saveMembership(membershipInput.parse({ bodyId: body.id, unitId: school.id, since: '2025-06-01' }))).fieldErrors).toEqual({
      unitId: '区第一中学已经是阳光社区党建工作联席会的成员单位',
    });
    expect(refused(() => s.cobuilding.saveMembership(membershipInput.parse({ bodyId: body.id, unitId: hospital.id, since: '2025-03-01', until: '2025-02-01', id: body.members[1]!.id }))).fieldErrors).toHaveProperty('until');
    // Leaving the body.
    body = s.cobuilding.saveMembership(membershipInput.parse({ id: body.members[1]!.id, bodyId: body.id, unitId: hospital.id, since: '2025-03-01', until: '2026-06-30', representative: '刘院长' }));
    expect(body.members.find((m) => m.unitId === hospital.id)).toMatchObject({ until: '2026-06-30', current: false });

    // A meeting linked to its minutes in 会议纪要.
    const minutes = s.minutes.create({ type: 'jointMeeting', title: '2026 年第三季度联席会议', heldOn: '2026-09-20', attendees: [], followUps: [] } as never);
    body = s.cobuilding.saveMeeting(
      jointMeetingInput.parse({
        bodyId: body.id,
        heldOn: '2026-09-20',
        place: '社区党群服务中心',
        topics: '老旧小区停车难；学校操场周末开放',
        decisions: '医院、学校分别开放停车位和操场',
        attendees: [
          { unitId: school.id, name: '张校长' },
          { unitId: school.id, name: '王老师' },
          { unitId: null, name: '社区书记李红' },
        ],
        minutesId: minutes.id,
      }),
    );
    expect(body.meetings[0]).toMatchObject({ heldOn: '2026-09-20', unitsPresent: 1, minutesId: minutes.id, minutesTitle: '2026-09-20 2026 年第三季度联席会议' });
    expect(body.meetings[0]!.attendees).toEqual([
      { unitId: school.id, unitName: '区第一中学', name: '张校长' },
      { unitId: school.id, unitName: '区第一中学', name: '王老师' },
      { unitId: null, unitName: null, name: '社区书记李红' },
    ]);
    expect(body).toMatchObject({ lastMeetingOn: '2026-09-20', meetingDue: false });
    expect(refused(() => s.cobuilding.saveMeeting(jointMeetingInput.parse({ bodyId: body.id, heldOn: '2026-10-01', topics: 'x', attendees: [], minutesId: 9999 }))).fieldErrors).toEqual({
      minutesId: '所选会议纪要不存在，请重新选择',
    });
    const audit = s.cobuilding.auditOf('jointBody', body.id).map((e) => e.note);
    expect(audit).toEqual(expect.arrayContaining(['成立联席会 阳光社区党建工作联席会', '区第一中学加入阳光社区党建工作联席会', '市第三医院退出阳光社区党建工作联席会']));

    // A meeting entered by mistake is deleted, with its content in the audit log.
    const meetingId = body.meetings[0]!.id;
    body = s.cobuilding.removeMeeting(meetingId);
    expect(body.meetings).toEqual([]);
    expect(s.audit.forEntity('jointMeeting', meetingId)[0]).toMatchObject({ action: 'delete', changes: expect.arrayContaining([{ field: 'topics', old: '老旧小区停车难；学校操场周末开放', new: null }]) });
  });

  it('a meeting is due when the cadence has passed since the last one', () => {
    const { s, t, setNow } = setup('2026-03-01T10:00:00+08:00');
    let body = s.cobuilding.saveBody(jointBodySaveInput.parse({ body: { kind: 'coordinationCommittee', name: '街道党建协调委员会', communityId: null, cadence: 'halfYear' } }));
    body = s.cobuilding.saveMeeting(jointMeetingInput.parse({ bodyId: body.id, heldOn: '2026-01-15', topics: '年度共建项目', attendees: [] }));
    expect(body.meetingDue).toBe(false);
    setNow('2026-07-15T10:00:00+08:00');
    expect(s.cobuilding.getBody(body.id).meetingDue).toBe(false);
    setNow('2026-07-16T10:00:00+08:00');
    expect(s.cobuilding.getBody(body.id).meetingDue).toBe(true);
    void t;
  });
});

describe('走访征询', () => {
  it('records views and problems, counts the unsolved on the unit, and the solved date follows the visit', () => {
    const { s, t } = setup();
    const u = unit(s, t.community.id);
    const v = s.cobuilding.saveVisit(visitInput.parse({ unitId: u.id, visitedOn: '2026-10-08', visitors: '李红、王芳', views: '希望社区协助疏导放学高峰交通', problems: '校门口道路拥堵', solved: false }));
    expect(s.cobuilding.getUnit(u.id)).toMatchObject({ lastVisitOn: '2026-10-08', openProblems: 1 });
    expect(s.cobuilding.listVisits({ unsolved: true }).map((x) => x.id)).toEqual([v.id]);
    expect(refused(() => s.cobuilding.saveVisit(visitInput.parse({ id: v.id, unitId: u.id, visitedOn: '2026-10-08', visitors: '李红', solved: true, solvedOn: '2026-10-01' }))).fieldErrors).toEqual({
      solvedOn: '解决日期不能早于走访日期（2026-10-08）',
    });
    s.cobuilding.saveVisit(visitInput.parse({ id: v.id, unitId: u.id, visitedOn: '2026-10-08', visitors: '李红、王芳', problems: '校门口道路拥堵', followUp: '协调交警设置护学岗', solved: true, solvedOn: '2026-11-02' }));
    expect(s.cobuilding.getUnit(u.id).openProblems).toBe(0);
    expect(s.audit.forEntity('unitVisit', v.id)[0]!.changes).toEqual(expect.arrayContaining([{ field: 'solved', old: false, new: true }]));
    expect(refused(() => s.cobuilding.saveVisit(visitInput.parse({ unitId: u.id, visitedOn: '2026-11-27', visitors: '李红', solved: false }))).fieldErrors).toEqual({ visitedOn: '走访日期不能晚于今天' });
    s.cobuilding.removeVisit(v.id);
    expect(s.cobuilding.listVisits({})).toEqual([]);
  });
});

describe('共驻共建协议', () => {
  it('signs an agreement with commitments, resources and a term; ticks commitments off; one review per year', () => {
    const { s, t } = setup();
    const u = unit(s, t.community.id);
    const a = agreement(s, t.community.id, [u.id]);
    expect(a).toMatchObject({
      kind: 'coBuilding',
      communityName: '阳光社区党委',
      units: [{ id: u.id, name: '区第一中学' }],
      endOn: '2027-02-28',
      status: 'inForce',
      commitmentsDone: 0,
      commitmentsTotal: 2,
      reviewedThisYear: false,
    });
    expect(a.commitments.map((c) => [c.partyName, c.text, c.doneOn])).toEqual([
      ['阳光社区党委', '为学校学生提供社会实践岗位', null],
      ['区第一中学', '节假日向居民开放操场', null],
    ]);
    expect(a.resources).toEqual([{ position: 0, unitId: u.id, providerName: '区第一中学', text: '学校操场（周末 8:00—18:00）' }]);
    expect(s.cobuilding.getUnit(u.id).agreementsInForce).toBe(1);

    const ticked = s.agreements.tick({ id: a.id, position: 1, done: true, doneOn: '2024-05-01' });
    expect(ticked).toMatchObject({ commitmentsDone: 1 });
    expect(ticked.commitments[1]!.doneOn).toBe('2024-05-01');
    expect(s.agreements.auditOf(a.id)[0]).toMatchObject({ changes: [{ field: 'commitment2', old: null, new: '2024-05-01' }], note: '承诺事项已完成（区第一中学）：节假日向居民开放操场' });
    expect(refused(() => s.agreements.tick({ id: a.id, position: 0, done: true, doneOn: '2026-12-01' })).fieldErrors).toEqual({ doneOn: '完成日期不能晚于今天' });
    expect(refused(() => s.agreements.tick({ id: a.id, position: 0, done: true, doneOn: '2024-02-29' })).fieldErrors).toEqual({ doneOn: '完成日期不能早于协议的签订日期（2024-03-01）' });
    expect(s.agreements.tick({ id: a.id, position: 0, done: true }).commitments[0]!.doneOn).toBe('2026-11-26');
    expect(s.agreements.tick({ id: a.id, position: 0, done: false }).commitments[0]!.doneOn).toBeNull();

    const reviewed = s.agreements.review(agreementReviewInput.parse({ id: a.id, year: 2026, reviewedOn: '2026-11-20', grade: 'good', assessment: '操场按约定开放，学生实践活动开展 6 次' }));
    expect(reviewed).toMatchObject({ reviewedThisYear: true, lastReviewYear: 2026 });
    expect(reviewed.reviews).toEqual([{ id: expect.any(Number), year: 2026, reviewedOn: '2026-11-20', grade: 'good', assessment: '操场按约定开放，学生实践活动开展 6 次' }]);
    expect(refused(() => s.agreements.review(agreementReviewInput.parse({ id: a.id, year: 2026, reviewedOn: '2026-11-21', grade: 'good', assessment: 'x' }))).fieldErrors).toEqual({
      year: '2026 年度的评估已于 2026-11-20 登记过',
    });
    expect(refused(() => s.agreements.review(agreementReviewInput.parse({ id: a.id, year: 2023, reviewedOn: '2026-11-21', grade: 'good', assessment: 'x' }))).fieldErrors).toEqual({
      year: '评估年度应在 2024 至 2026 年之间',
    });
    // A year is reviewed once it has begun for the agreement.
    expect(refused(() => s.agreements.review(agreementReviewInput.parse({ id: a.id, year: 2025, reviewedOn: '2024-12-31', grade: 'good', assessment: 'x' }))).fieldErrors).toEqual({
      reviewedOn: '2025 年度的评估日期不能早于 2025-01-01',
    });
    expect(refused(() => s.agreements.review(agreementReviewInput.parse({ id: a.id, year: 2024, reviewedOn: '2024-02-20', grade: 'good', assessment: 'x' }))).fieldErrors).toEqual({
      reviewedOn: '2024 年度的评估日期不能早于 2024-03-01',
    });
    expect(s.agreements.review(agreementReviewInput.parse({ id: a.id, year: 2024, reviewedOn: '2025-01-10', grade: 'good', assessment: 'x' })).reviews).toHaveLength(2);
  });

  it('refuses a commitment by a unit outside the agreement, an end before the start, a unit picked twice', () => {
    const { s, t } = setup();
    const u = unit(s, t.community.id);
    const v = unit(s, t.community.id, { name: '市第三医院' });
    expect(refused(() => agreement(s, t.community.id, [u.id], { commitments: [{ side: 'unit', unitId: v.id, text: '义诊' }] })).fieldErrors).toEqual({
      commitments: '第 1 项承诺：请选择作出承诺的是协议中的哪个单位',
    });
    expect(refused(() => agreement(s, t.community.id, [u.id], { endOn: '2024-02-01' })).fieldErrors).toEqual({ endOn: '到期日期不能早于生效日期（2024-03-01）' });
    expect(refused(() => agreement(s, t.community.id, [u.id, u.id])).fieldErrors).toEqual({ unitIds: '同一个单位选了两次' });
    // The street committee may sign too.
    expect(agreement(s, t.street.id, [u.id, v.id], { title: '街道与驻区单位共建协议' }).units).toHaveLength(2);
  });

  it('expiry: 履行中 until 60 days before the end date, 即将到期 up to and on it, 已到期 the day after; 未生效 before the start', () => {
    expect(EXPIRY_NOTICE_DAYS).toBe(60);
    const { s, t, setNow } = setup('2026-11-26T10:00:00+08:00');
    const u = unit(s, t.community.id);
    const a = agreement(s, t.community.id, [u.id], { signedOn: '2025-12-01', startOn: '2026-01-01', termYears: 1, endOn: '2026-12-31' });
    const state = (iso: string) => {
      setNow(`${iso}T10:00:00+08:00`);
      const g = s.agreements.get(a.id);
      return [g.status, g.daysLeft];
    };
    expect(state('2025-12-31')).toEqual(['notStarted', 365]);
    expect(state('2026-01-01')).toEqual(['inForce', 364]);
    expect(state('2026-10-31')).toEqual(['inForce', 61]);
    expect(state('2026-11-01')).toEqual(['expiring', 60]);
    expect(s.agreements.expiring().map((x) => x.id)).toEqual([a.id]);
    expect(s.agreements.list({ status: 'expiring' }).map((x) => x.id)).toEqual([a.id]);
    expect(state('2026-12-31')).toEqual(['expiring', 0]);
    expect(state('2027-01-01')).toEqual(['expired', -1]);
    expect(s.agreements.expiring()).toEqual([]);
    expect(s.cobuilding.getUnit(u.id).agreementsInForce).toBe(0);
  });
});

describe('主题活动', () => {
  it('records an activity with register members and others, partner units and hours; totals per year and per unit', () => {
    const { s, t } = setup();
    const u = unit(s, t.community.id);
    const v = unit(s, t.community.id, { name: '市第三医院' });
    const a = agreement(s, t.community.id, [u.id]);
    const m1 = s.members.create(memberFixture({ name: '王秀英', idNumber: idFor('1976-12-01', 124), branchId: t.b1.id }));
    const m2 = s.members.create(memberFixture({ name: '李四', idNumber: idFor('1980-03-01', 135), branchId: t.b2.id }));
    const act = s.activities.save(
      activitySaveInput.parse({
        activity: {
          title: '党员奉献日：清理楼道小广告',
          kind: 'dedicationDay',
          heldOn: '2026-09-15',
          organiser: '阳光社区党委',
          communityId: t.community.id,
          agreementId: a.id,
          unitIds: [u.id, v.id],
          participants: [
            { memberId: m1.id, name: '（页面上的名字）' },
            { memberId: m2.id, name: '李四' },
            { memberId: null, name: '赵居民', affiliation: '3 号楼居民' },
          ],
          hours: 2.5,
          content: '清理 12 个楼道的小广告',
        },
      }),
    );
    expect(act).toMatchObject({ participants: 3, members: 2, hours: 2.5, personHours: 7.5, agreementTitle: '阳光社区与区第一中学共驻共建协议', photos: 0 });
    expect(act.participantList).toEqual([
      { memberId: m1.id, name: '王秀英', affiliation: null, branchName: '第一党支部' },
      { memberId: m2.id, name: '李四', affiliation: null, branchName: '第二党支部' },
      { memberId: null, name: '赵居民', affiliation: '3 号楼居民', branchName: null },
    ]);
    expect(s.activities.auditOf(act.id)[0]).toMatchObject({ action: 'create', note: '党员奉献日：党员奉献日：清理楼道小广告（2026-09-15）' });
    expect(s.agreements.get(a.id).activities.map((x) => x.id)).toEqual([act.id]);

    s.activities.save(activitySaveInput.parse({ activity: { title: '义诊进社区', kind: 'onSite', heldOn: '2025-05-10', organiser: '市第三医院', communityId: t.community.id, unitIds: [v.id], participants: [{ memberId: m1.id, name: '王秀英' }], hours: 3, content: '为 60 名老人量血压' } }));
    const totals = s.activities.totals();
    expect(totals.byYear).toEqual([
      { year: 2026, activities: 1, participants: 3, personHours: 7.5 },
      { year: 2025, activities: 1, participants: 1, personHours: 3 },
    ]);
    expect(totals.byUnit).toEqual([
      { unitId: u.id, unitName: '区第一中学', year: 2026, activities: 1, participants: 3, personHours: 7.5 },
      { unitId: v.id, unitName: '市第三医院', year: 2026, activities: 1, participants: 3, personHours: 7.5 },
      { unitId: v.id, unitName: '市第三医院', year: 2025, activities: 1, participants: 1, personHours: 3 },
    ]);
    expect(s.activities.totals(2025).byYear).toEqual([{ year: 2025, activities: 1, participants: 1, personHours: 3 }]);
    expect(s.cobuilding.getUnit(v.id).activityYears).toEqual([
      { year: 2026, activities: 1, participants: 3, personHours: 7.5 },
      { year: 2025, activities: 1, participants: 1, personHours: 3 },
    ]);
    expect(s.activities.list({ year: 2025 }).map((x) => x.title)).toEqual(['义诊进社区']);
    expect(s.activities.list({ unitId: u.id }).map((x) => x.title)).toEqual(['党员奉献日：清理楼道小广告']);

    // The same member twice, a future date, half-hours only.
    const base = { title: 'x', kind: 'other', heldOn: '2026-09-15', organiser: '社区', communityId: null, unitIds: [], content: 'x' };
    expect(refused(() => s.activities.save(activitySaveInput.parse({ activity: { ...base, hours: 1, participants: [{ memberId: m1.id, name: 'a' }, { memberId: m1.id, name: 'b' }] } }))).fieldErrors).toEqual({
      participants: '王秀英 重复登记了，请删去一行',
    });
    expect(refused(() => s.activities.save(activitySaveInput.parse({ activity: { ...base, heldOn: '2026-11-27', hours: 1, participants: [] } }))).fieldErrors).toEqual({ heldOn: '活动日期不能晚于今天' });
    // A member who had left by the day takes part only as a person named by hand; one who left later stays on.
    s.members.exit({ id: m2.id, reason: 'deceased', date: '2026-10-01', note: null });
    expect(refused(() => s.activities.save(activitySaveInput.parse({ activity: { ...base, heldOn: '2026-10-02', hours: 1, participants: [{ memberId: m2.id, name: '李四' }] } }))).fieldErrors).toEqual({
      participants: '李四 已于 2026-10-01 离开，不能作为党员参加 2026-10-02 的活动；如确实参加，请删去这一行后按姓名手工填写',
    });
    expect(s.activities.save(activitySaveInput.parse({ activity: { ...base, heldOn: '2026-09-20', hours: 1, participants: [{ memberId: m2.id, name: '李四' }] } })).participants).toBe(1);
    expect(activitySaveInput.safeParse({ activity: { ...base, hours: 1.2, participants: [] } }).error?.issues[0]?.message).toBe('时长按半小时计，例如 2 或 2.5');
  });

  it('keeps photos in the archive by SHA-256 (once per content), refuses what is not a picture, deletes with an audit entry', () => {
    const { s, t } = setup();
    const act = s.activities.save(activitySaveInput.parse({ activity: { title: '主题党日', kind: 'other', heldOn: '2026-09-15', organiser: '社区', communityId: t.community.id, unitIds: [], participants: [], hours: 1, content: '学习' } }));
    const png = fs.readFileSync(path.resolve(__dirname, '../fixtures/minutes/照片.png'));
    let a = s.activities.addPhoto({ activityId: act.id, fileName: 'C:\\照片\\活动现场.png', dataBase64: png.toString('base64') });
    a = s.activities.addPhoto({ activityId: act.id, fileName: '活动现场（副本）.png', dataBase64: png.toString('base64') });
    expect(a.photoList.map((p) => [p.fileName, p.mime, p.size])).toEqual([
      ['活动现场.png', 'image/png', png.length],
      ['活动现场（副本）.png', 'image/png', png.length],
    ]);
    const sha = a.photoList[0]!.sha256;
    const stored = path.join(path.dirname(s.path), 'archive', sha.slice(0, 2), sha);
    expect(fs.readFileSync(stored).equals(png)).toBe(true);
    expect(a.photos).toBe(2);
    expect(s.activities.photo(act.id, a.photoList[0]!.id)).toEqual({ fileName: '活动现场.png', mime: 'image/png', dataBase64: png.toString('base64') });
    expect(refused(() => s.activities.addPhoto({ activityId: act.id, fileName: '说明.txt', dataBase64: Buffer.from('不是图片').toString('base64') })).message).toBe(
      '“说明.txt”不是照片（支持 JPG、PNG、GIF、WebP、BMP），请重新选择',
    );
    a = s.activities.removePhoto(act.id, a.photoList[1]!.id);
    expect(a.photoList).toHaveLength(1);
    expect(fs.existsSync(stored)).toBe(true);
    expect(s.activities.auditOf(act.id).map((e) => e.action)).toEqual(['detach', 'attach', 'attach', 'create']);

    s.activities.remove(act.id);
    expect(refused(() => s.activities.get(act.id)).code).toBe('not_found');
    expect(s.activities.auditOf(act.id)[0]).toMatchObject({ action: 'delete', changes: expect.arrayContaining([{ field: 'photos', old: ['活动现场.png'], new: null }]) });
  });
});

describe('the channels', () => {
  it('name a refused field by its own label in the sentence, and put the message under the field', async () => {
    const { s, t } = setup();
    const dispatch = createDispatch(createHandlers(s, new JobRunner(s, null)), () => {});
    const unitBad = await dispatch('units.save', { unit: { name: '区医院', kind: 'institution', communityId: t.community.id, liaisonPhone: '010-6666x' } });
    expect(unitBad).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: '提交的内容有误，请检查：联络员电话', fieldErrors: { liaisonPhone: '联络员电话只能填写数字、“-”和“转”，例如 010-12345678' } },
    });
    const orgBad = await dispatch('neworgs.save', {
      org: { name: '甲公司', kind: 'enterprise', creditCode: '91350100M000100Y44', communityId: null, memberIds: [], otherFull: 0, otherProbationary: 0, legalRepIsMember: null, partyWork: 'none', hasUnion: false, hasYouthLeague: false, hasWomensFederation: false },
    });
    expect(orgBad.ok).toBe(false);
    if (!orgBad.ok) expect(orgBad.error.message).toBe('提交的内容有误，请检查：统一社会信用代码');
    const ok = await dispatch('units.save', { unit: { name: '区医院', kind: 'institution', communityId: t.community.id } });
    expect(ok).toMatchObject({ ok: true, value: { name: '区医院' } });
  });
});
