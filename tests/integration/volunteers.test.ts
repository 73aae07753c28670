/**
 * 党员志愿者 on a real database: the volunteer file builds on the member record's 特长 (written back there, audited
 * on the member), the one-call search by specialty and community, teams with a leader, service activities, and the
 * hour totals per member, team, community and year.
 */
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../electron/errors';
import type { Services } from '../../electron/services';
import { serviceInput, teamInput, volunteerInput, volunteerListQuery } from '../../shared/volunteers';
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
  const s = tempServices();
  const t = smallTree(s);
  const zhang = s.members.create(memberFixture({ name: '张医生', branchId: t.b1.id, specialties: '义诊' }));
  const li = s.members.create(memberFixture({ name: '李师傅', idNumber: idFor('1970-05-05', 31), branchId: t.b2.id }));
  const wang = s.members.create(memberFixture({ name: '王大夫', idNumber: idFor('1962-03-03', 41), branchId: t.retired.id }));
  const file = (memberId: number, specialties: string[], since = '2026-01-01') =>
    s.volunteers.save(volunteerInput.parse({ memberId, specialties, availability: ['weekend'], since }));
  return { s, t, zhang, li, wang, file };
}

const list = (s: Services, q: Record<string, unknown>) => s.volunteers.list(volunteerListQuery.parse(q)).map((v) => v.name);

describe('志愿者档案', () => {
  it('keeps 特长 on the member record: the file reads them from there and writes them back, audited on the member', () => {
    const { s, zhang, file } = setup();
    const v = file(zhang.id, ['义诊', '心理疏导', '义诊']);
    expect(v.specialties).toEqual(['义诊', '心理疏导']);
    const m = s.members.get(zhang.id);
    expect(m.specialties).toBe('义诊、心理疏导');
    expect(m.version).toBe(zhang.version + 1);
    expect(s.members.auditOf(zhang.id)[0]).toMatchObject({ action: 'update', changes: [{ field: 'specialties', old: '义诊', new: '义诊、心理疏导' }], note: '在志愿者档案中修改特长' });
    expect(s.volunteers.auditOf(zhang.id)[0]).toMatchObject({ action: 'create', note: '登记志愿者：张医生' });
    // A change of 特长 made in the register shows in the volunteer file (one place, no copy).
    s.members.update(zhang.id, { ...memberFixture({ name: '张医生', branchId: m.branchId, specialties: '义诊、书法' }) }, m.version);
    expect(s.volunteers.get(zhang.id).specialties).toEqual(['义诊', '书法']);
  });

  it('finds volunteers with specialty X in community Y in one search', () => {
    const { s, t, zhang, li, wang, file } = setup();
    file(zhang.id, ['义诊', '维修']);
    file(li.id, ['维修']);
    file(wang.id, ['义诊']);
    expect(list(s, { specialty: '义诊', communityId: t.community.id })).toEqual(['张医生']);
    expect(list(s, { specialty: '义诊' })).toEqual(['王大夫', '张医生']); // by pinyin: wang before zhang
    expect(list(s, { specialty: '维修', communityId: t.community.id })).toEqual(['李师傅', '张医生']);
    expect(list(s, { communityId: t.other.id })).toEqual(['王大夫']);
    const row = s.volunteers.list(volunteerListQuery.parse({ specialty: '义诊', communityId: t.community.id }))[0]!;
    expect(row).toMatchObject({ communityName: '阳光社区党委', branchName: '第一党支部', mobileMasked: '138****5678' });
    // A closed file is out of the active list.
    s.volunteers.close({ memberId: li.id, until: '2026-06-01', reason: '搬离本社区' });
    expect(list(s, { specialty: '维修' })).toEqual(['张医生']);
    expect(list(s, { specialty: '维修', status: 'all' })).toEqual(['李师傅', '张医生']);
  });

  it('refuses a member who has left, and a date in the future', () => {
    const { s, li, zhang, file } = setup();
    s.members.exit({ id: li.id, reason: 'transferOut', date: '2026-10-01', note: null });
    expect(refused(() => file(li.id, ['维修'])).fieldErrors).toEqual({ memberId: expect.stringContaining('已于 2026-10-01 离开') });
    expect(refused(() => file(zhang.id, [], '2026-12-01')).fieldErrors).toEqual({ since: '登记日期不能晚于今天' });
    expect(refused(() => file(zhang.id, [], '2003-06-30')).fieldErrors).toEqual({ since: '党员志愿者的登记日期不能早于加入党组织日期（2003-07-01）' });
    // Nothing was written by either refusal.
    expect(s.volunteers.list(volunteerListQuery.parse({ status: 'all' }))).toEqual([]);
    expect(s.members.get(zhang.id).specialties).toBe('义诊');
  });
});

describe('志愿服务队和服务活动', () => {
  it('a team has a leader among its volunteers; only volunteers serve; hours add up per member, team, community and year', () => {
    const { s, t, zhang, li, wang, file } = setup();
    file(zhang.id, ['义诊'], '2025-01-01');
    file(li.id, ['维修']);
    expect(refused(() => s.volunteers.saveTeam({ team: teamInput.parse({ name: '阳光义诊队', specialty: '义诊', communityId: t.community.id, leaderMemberId: zhang.id, memberIds: [zhang.id, wang.id] }) })).fieldErrors).toEqual({
      memberIds: '王大夫 还没有志愿者档案，请先在“志愿者”中登记',
    });
    expect(refused(() => s.volunteers.saveTeam({ team: teamInput.parse({ name: '阳光义诊队', specialty: '义诊', communityId: t.community.id, leaderMemberId: li.id, memberIds: [zhang.id] }) })).fieldErrors).toHaveProperty('leaderMemberId');
    const team = s.volunteers.saveTeam({ team: teamInput.parse({ name: '阳光义诊队', specialty: '义诊', communityId: t.community.id, leaderMemberId: zhang.id, memberIds: [zhang.id, li.id], foundedOn: '2025-01-01' }) });
    expect(team).toMatchObject({ leaderName: '张医生', communityName: '阳光社区党委', members: 2 });
    expect(s.volunteers.get(zhang.id).teams).toEqual([{ id: team.id, name: '阳光义诊队', leader: true }]);

    const service = (over: Record<string, unknown>) => s.volunteers.saveService({ service: serviceInput.parse({ heldOn: '2026-03-05', teamId: team.id, communityId: null, content: '社区义诊', participants: [], ...over }) });
    const a = service({ participants: [{ memberId: zhang.id, hours: 2.5 }, { memberId: li.id, hours: 2.5 }] });
    expect(a).toMatchObject({ communityName: '阳光社区党委', participants: 2, hours: 5 });
    service({ heldOn: '2025-12-20', participants: [{ memberId: zhang.id, hours: 3 }] });
    service({ heldOn: '2026-06-01', teamId: null, communityId: t.other.id, content: '帮和平里修水管', participants: [{ memberId: li.id, hours: 0.1 }, { memberId: zhang.id, hours: 0.2 }] });

    // Not a volunteer, or before the file began: refused with the name.
    expect(refused(() => service({ participants: [{ memberId: wang.id, hours: 1 }] })).fieldErrors).toEqual({ participants: '王大夫 还没有志愿者档案，请先在“志愿者”中登记' });
    expect(refused(() => service({ heldOn: '2025-06-01', participants: [{ memberId: li.id, hours: 1 }] })).fieldErrors).toEqual({ participants: '李师傅 的志愿者登记日期是 2026-01-01，服务日期不能早于这一天' });
    expect(refused(() => service({ heldOn: '2026-11-27', participants: [{ memberId: li.id, hours: 1 }] })).fieldErrors).toEqual({ heldOn: '服务日期不能晚于今天' });
    expect(serviceInput.safeParse({ heldOn: '2026-03-05', teamId: null, communityId: null, content: 'x', participants: [{ memberId: 1, hours: 1.25 }] }).error?.issues[0]?.message).toBe('服务时长最多保留一位小数');

    const y2026 = s.volunteers.hours(2026);
    expect(y2026.total).toEqual({ hours: 5.3, services: 2, personTimes: 4, people: 2 });
    expect(y2026.byMember.map((m) => [m.memberName, m.hours])).toEqual([
      ['张医生', 2.7],
      ['李师傅', 2.6],
    ]);
    expect(y2026.byTeam.map((x) => [x.teamName, x.hours])).toEqual([['阳光义诊队', 5]]);
    expect(y2026.byCommunity.map((x) => [x.communityName, x.hours])).toEqual([
      ['阳光社区党委', 5],
      ['和平里社区党委', 0.3],
    ]);
    const all = s.volunteers.hours();
    expect(all.byYear.map((x) => [x.year, x.hours])).toEqual([
      [2026, 5.3],
      [2025, 3],
    ]);
    expect(s.volunteers.get(zhang.id)).toMatchObject({ hoursThisYear: 2.7, hoursTotal: 5.7, byYear: [{ year: 2026, hours: 2.7, services: 2 }, { year: 2025, hours: 3, services: 1 }] });
    expect(s.volunteers.getTeam(team.id)).toMatchObject({ servicesThisYear: 1, hoursThisYear: 5 });

    // Deleting a service entered by mistake: audited, and the totals drop.
    s.volunteers.removeService(a.id);
    expect(s.volunteers.hours(2026).total.hours).toBe(0.3);
    expect(s.volunteers.auditOfService(a.id)[0]).toMatchObject({ action: 'delete', note: '删除志愿服务记录（2026-03-05）' });
    // A member cannot leave the volunteers before their last service.
    expect(refused(() => s.volunteers.close({ memberId: zhang.id, until: '2026-05-01' })).fieldErrors).toEqual({ until: '张医生 在 2026-06-01 还参加过志愿服务，退出日期不能早于这一天' });
  });
});
