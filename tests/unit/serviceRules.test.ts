/**
 * The pure rules of issue 9: volunteer hour totals, overdue visits by frequency, the cadre structure bands, weighted
 * target scores (weights that do not add up to 100 are refused with a sentence).
 */
import { describe, expect, it } from 'vitest';
import { hourTotals, joinSpecialties, parseSpecialties, sumHours, type Participation } from '../../shared/rules/volunteerHours';
import { addMonths, nextVisitDue, visitStatus } from '../../shared/rules/visits';
import { cadreAgeBand, cadreEducationGroup, cadreStructure, type CadreFact } from '../../shared/rules/cadreStructure';
import { assess, computedScore, weightedTotal, weightsProblem } from '../../shared/rules/targetScores';
import { maskAddress } from '../../shared/rules/privacy';

function p(over: Partial<Participation>): Participation {
  return { serviceId: 1, heldOn: '2026-03-01', memberId: 1, memberName: '张三', teamId: 1, teamName: '义诊队', communityId: 10, communityName: '阳光社区党委', hours: 1, ...over };
}

describe('志愿服务时长', () => {
  it('sums to the tenth without floating-point noise', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumHours([0.1, 0.2])).toBe(0.3);
    expect(sumHours([])).toBe(0);
  });

  it('totals per member, team, community and year; 人次, 人数 and 次数 kept apart', () => {
    const t = hourTotals([
      p({ serviceId: 1, memberId: 1, hours: 2.5 }),
      p({ serviceId: 1, memberId: 2, memberName: '李四', hours: 2.5 }),
      p({ serviceId: 2, memberId: 1, hours: 1.2, teamId: 2, teamName: '维修队', heldOn: '2025-12-31' }),
      p({ serviceId: 3, memberId: 2, memberName: '李四', hours: 0.1, teamId: null, teamName: null, communityId: null, communityName: null }),
    ]);
    expect(t.total).toEqual({ hours: 6.3, services: 3, personTimes: 4, people: 2 });
    expect(t.byMember).toEqual([
      { memberId: 1, memberName: '张三', hours: 3.7, services: 2, personTimes: 2, people: 1 },
      { memberId: 2, memberName: '李四', hours: 2.6, services: 2, personTimes: 2, people: 1 },
    ]);
    expect(t.byTeam.map((x) => [x.teamName, x.hours, x.people])).toEqual([
      ['义诊队', 5, 2],
      ['维修队', 1.2, 1],
    ]);
    // The service with no community is in no community's line, but in the member's and the total.
    expect(t.byCommunity).toEqual([{ communityId: 10, communityName: '阳光社区党委', hours: 6.2, services: 2, personTimes: 3, people: 2 }]);
    expect(t.byYear.map((y) => [y.year, y.hours])).toEqual([
      [2026, 5.1],
      [2025, 1.2],
    ]);
  });

  it('reads 特长 from the member record as a list and writes it back as one text', () => {
    expect(parseSpecialties('义诊、维修，法律咨询; 义诊  书法')).toEqual(['义诊', '维修', '法律咨询', '书法']);
    expect(parseSpecialties(null)).toEqual([]);
    expect(joinSpecialties([' 义诊', '维修', '义诊', ''])).toBe('义诊、维修');
    expect(joinSpecialties([])).toBeNull();
  });
});

describe('帮扶走访逾期', () => {
  it('due one period after the last visit (months clamped to the month end)', () => {
    expect(nextVisitDue('2026-01-31', 'month')).toBe('2026-02-28');
    expect(nextVisitDue('2024-01-31', 'month')).toBe('2024-02-29');
    expect(nextVisitDue('2026-11-20', 'quarter')).toBe('2027-02-20');
    expect(nextVisitDue('2026-12-30', 'week')).toBe('2027-01-06');
    expect(nextVisitDue('2026-06-01', 'twoWeeks')).toBe('2026-06-15');
    expect(nextVisitDue('2026-08-31', 'halfYear')).toBe('2027-02-28');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
  });

  it('overdue after the due day, not on it; counted from the start before any visit', () => {
    const h = { startedOn: '2026-09-01', lastVisitOn: null, frequency: 'month' as const, endedOn: null };
    expect(visitStatus(h, '2026-10-01')).toEqual({ dueOn: '2026-10-01', overdue: false, daysOverdue: 0 });
    expect(visitStatus(h, '2026-10-02')).toEqual({ dueOn: '2026-10-01', overdue: true, daysOverdue: 1 });
    expect(visitStatus({ ...h, lastVisitOn: '2026-11-20' }, '2026-11-26')).toEqual({ dueOn: '2026-12-20', overdue: false, daysOverdue: 0 });
    expect(visitStatus({ ...h, frequency: 'week', lastVisitOn: '2026-11-10' }, '2026-11-26')).toEqual({ dueOn: '2026-11-17', overdue: true, daysOverdue: 9 });
  });

  it('never overdue with no frequency set, or once help has ended', () => {
    expect(visitStatus({ startedOn: '2020-01-01', lastVisitOn: null, frequency: null, endedOn: null }, '2026-11-26')).toEqual({ dueOn: null, overdue: false, daysOverdue: 0 });
    expect(visitStatus({ startedOn: '2020-01-01', lastVisitOn: null, frequency: 'month', endedOn: '2021-01-01' }, '2026-11-26').overdue).toBe(false);
  });

  it('masks an address to its road and number', () => {
    expect(maskAddress('和平路12号3号楼2单元501室')).toBe('和平路12号****');
    expect(maskAddress('阳光小区东区十栋二单元')).toBe('阳光小区东区****');
    expect(maskAddress('和平里')).toBe('和****');
  });
});

describe('社区党务干部队伍结构', () => {
  it('bands age at the boundaries and groups education as the returns do', () => {
    expect([35, 36, 45, 46, 55, 56, null].map(cadreAgeBand)).toEqual(['35岁及以下', '36—45岁', '36—45岁', '46—55岁', '46—55岁', '56岁及以上', '年龄不详']);
    expect([cadreEducationGroup('master'), cadreEducationGroup('college'), cadreEducationGroup('secondaryVocational'), cadreEducationGroup('juniorHigh'), cadreEducationGroup(null)]).toEqual([
      '研究生',
      '大学专科',
      '中专',
      '高中及以下',
      '学历不详',
    ]);
  });

  it('per community and in total: formal share, 大专及以上, training hours; no share without cadres', () => {
    const f = (over: Partial<CadreFact>): CadreFact => ({ communityId: 1, communityName: '阳光社区党委', birthDate: '1980-01-01', education: 'bachelor', formal: true, female: false, trainingHours: 0, ...over });
    const s = cadreStructure(
      [
        f({ birthDate: '1990-12-01', trainingHours: 16 }),
        f({ birthDate: '1966-01-01', education: 'highSchool', formal: false, female: true }),
        f({ communityId: 2, communityName: '和平里社区党委', birthDate: null, education: null, trainingHours: 8.5 }),
      ],
      '2026-11-26',
      2026,
    );
    expect(s.total).toMatchObject({ cadres: 3, female: 1, formal: 2, collegeOrAbove: 1, trained: 2, trainingHours: 24.5, averageTrainingHours: 8.2 });
    expect(s.total.formalShare).toBeCloseTo(2 / 3);
    expect(s.total.byAge).toEqual({ '35岁及以下': 1, '36—45岁': 0, '46—55岁': 0, '56岁及以上': 1, 年龄不详: 1 });
    expect(s.total.averageAge).toBe((35 + 60) / 2);
    expect(s.byCommunity.map((c) => [c.communityName, c.cadres, c.collegeShare])).toEqual([
      ['和平里社区党委', 1, 0],
      ['阳光社区党委', 2, 0.5],
    ]);
    expect(cadreStructure([], '2026-11-26', 2026).total).toMatchObject({ cadres: 0, formalShare: null, collegeShare: null, averageAge: null, averageTrainingHours: null });
  });
});

describe('年度目标加权评分', () => {
  it('refuses weights that do not add up to exactly 100, saying by how much', () => {
    expect(weightsProblem([40, 30, 30])).toBeNull();
    expect(weightsProblem([33.33, 33.33, 33.34])).toBeNull();
    expect(weightsProblem([40, 30, 25])).toBe('各项权重合计应为 100，现在是 95（还差 5）。请调整权重后再保存。');
    expect(weightsProblem([60, 50])).toBe('各项权重合计应为 100，现在是 110（多了 10）。请调整权重后再保存。');
    expect(weightsProblem([])).toMatch('请至少添加一项');
  });

  it('computed scores are value ÷ goal × 100, at most 100', () => {
    expect(computedScore(80, 100)).toBe(80);
    expect(computedScore(250, 200)).toBe(100);
    expect(computedScore(1, 3)).toBe(33.3);
    expect(computedScore(null, 100)).toBeNull();
    expect(computedScore(0, 0)).toBe(100);
  });

  it('weighted total = Σ score × weight ÷ 100; missing scores count 0 and are counted', () => {
    const items = [
      { itemId: 1, weight: 50 },
      { itemId: 2, weight: 30 },
      { itemId: 3, weight: 20 },
    ];
    expect(weightedTotal(items, { 1: 100, 2: 100, 3: 100 })).toEqual({ total: 100, missing: 0 });
    expect(weightedTotal(items, { 1: 90, 2: 80, 3: null })).toEqual({ total: 69, missing: 1 });
    expect(weightedTotal(items, { 1: 87.5, 2: 66.67, 3: 70 })).toEqual({ total: 77.75, missing: 0 });
  });

  it('ranks highest first; equal totals share a rank and the next is skipped', () => {
    const items = [{ itemId: 1, weight: 100 }];
    const scores: Record<number, number> = { 1: 80, 2: 95, 3: 80, 4: 70 };
    const r = assess(
      items,
      [1, 2, 3, 4].map((id) => ({ communityId: id, communityName: ['甲社区', '乙社区', '丙社区', '丁社区'][id - 1]! })),
      (_i, c) => scores[c]!,
    );
    expect(r.map((x) => [x.communityName, x.total, x.rank])).toEqual([
      ['乙社区', 95, 1],
      ['丙社区', 80, 2],
      ['甲社区', 80, 2],
      ['丁社区', 70, 4],
    ]);
  });
});
