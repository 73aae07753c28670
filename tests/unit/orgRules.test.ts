import { describe, expect, it } from 'vitest';
import { daysBetween, defaultTermYears, orgWarnings, termEnd, type OrgRuleInput } from '../../shared/rules/orgRules';

const base: OrgRuleInput = {
  kind: 'branch',
  fullCount: 5,
  probationaryCount: 0,
  officerCount: 1,
  unitCount: 1,
  electedOn: null,
  termYears: null,
  today: '2026-11-26',
};
const rules = (over: Partial<OrgRuleInput>) => orgWarnings({ ...base, ...over }).map((w) => w.rule);

describe('organisation rules', () => {
  it('fewer than 3 正式党员: 2 warns, 3 does not; 预备党员 do not count', () => {
    expect(rules({ fullCount: 2, probationaryCount: 4 })).toEqual(['tooFewFull']);
    expect(rules({ fullCount: 3 })).toEqual([]);
    const w = orgWarnings({ ...base, fullCount: 2 })[0]!;
    expect(w.title).toBe('少于3名正式党员');
    expect(w.message).toContain('联合党支部');
  });

  it('more than 50 members: 50 is fine, 51 warns (正式 + 预备)', () => {
    expect(rules({ fullCount: 45, probationaryCount: 5, officerCount: 5 })).toEqual([]);
    expect(rules({ fullCount: 45, probationaryCount: 6, officerCount: 5 })).toEqual(['tooLarge']);
    expect(orgWarnings({ ...base, fullCount: 51, officerCount: 5 })[0]!.message).toMatch(/党总支/);
  });

  it('a committee from 7 正式党员: 6 without one is fine, 7 warns; 3 officers make a committee', () => {
    expect(rules({ fullCount: 6, officerCount: 0 })).toEqual([]);
    expect(rules({ fullCount: 7, officerCount: 2 })).toEqual(['needsCommittee']);
    expect(rules({ fullCount: 7, officerCount: 3 })).toEqual([]);
    expect(orgWarnings({ ...base, fullCount: 7 })[0]!.title).toBe('应设支部委员会');
  });

  it('支委会超过7人: 7 officers are allowed, 8 warn; only branch kinds; alongside a committee that is needed', () => {
    expect(rules({ fullCount: 20, officerCount: 7 })).toEqual([]);
    expect(rules({ fullCount: 20, officerCount: 8 })).toEqual(['committeeTooLarge']);
    const w = orgWarnings({ ...base, fullCount: 20, officerCount: 8 })[0]!;
    expect(w.title).toBe('支委会超过7人');
    expect(w.facts).toBe('登记了 8 名书记和委员，超过 7 人');
    expect(w.message).toContain('3至5人');
    // The count is of officers, whatever the branch's size; a small branch with 8 officers is still told.
    expect(rules({ fullCount: 4, officerCount: 8 })).toEqual(['committeeTooLarge']);
    for (const kind of ['jointBranch', 'retiredBranch', 'floatingBranch', 'compositeBranch'] as const) expect(rules({ kind, officerCount: 8 })).toEqual(['committeeTooLarge']);
    // A 党总支 or 党委 committee is not a 支委会.
    expect(rules({ kind: 'generalBranch', officerCount: 9 })).toEqual([]);
    expect(rules({ kind: 'communityCommittee', officerCount: 9 })).toEqual([]);
    // Below 7 正式党员 a secretary (and a deputy) alone is no fault; no "fewer than 3" rule of its own.
    expect(rules({ fullCount: 6, officerCount: 2 })).toEqual([]);
  });

  it('size rules apply to branch kinds only', () => {
    expect(rules({ kind: 'communityCommittee', fullCount: 0 })).toEqual([]);
    expect(rules({ kind: 'generalBranch', fullCount: 80 })).toEqual([]);
    expect(rules({ kind: 'group', fullCount: 1 })).toEqual([]);
    for (const kind of ['jointBranch', 'retiredBranch', 'floatingBranch', 'compositeBranch'] as const) expect(rules({ kind, fullCount: 2 })).toEqual(['tooFewFull']);
  });

  it('换届提醒: exactly 90 days away reminds, 91 does not; past the end it is 已届满', () => {
    // Elected 2024-02-24 for 3 years → 届满 2027-02-24, which is 90 days after 2026-11-26.
    expect(termEnd('2024-02-24', 3)).toBe('2027-02-24');
    expect(daysBetween('2026-11-26', '2027-02-24')).toBe(90);
    expect(rules({ electedOn: '2024-02-24', termYears: 3 })).toEqual(['termDue']);
    expect(rules({ electedOn: '2024-02-25', termYears: 3 })).toEqual([]);
    expect(rules({ electedOn: '2021-11-26', termYears: 5 })).toEqual(['termDue']); // ends today
    expect(orgWarnings({ ...base, electedOn: '2021-11-26', termYears: 5 })[0]!.message).toContain('今天届满');
    expect(rules({ electedOn: '2021-11-25', termYears: 5 })).toEqual(['termExpired']);
    expect(orgWarnings({ ...base, electedOn: '2021-11-25', termYears: 5 })[0]!.title).toBe('已届满，应及时换届');
    expect(rules({ electedOn: null, termYears: 3 })).toEqual([]);
    expect(rules({ kind: 'group', electedOn: '2000-01-01', termYears: 3 })).toEqual([]);
  });

  it('a joint branch of 5 units is fine, 6 warns; other kinds are not counted', () => {
    expect(rules({ kind: 'jointBranch', unitCount: 5 })).toEqual([]);
    expect(rules({ kind: 'jointBranch', unitCount: 6 })).toEqual(['tooManyUnits']);
    expect(rules({ kind: 'branch', unitCount: 6 })).toEqual([]);
  });

  it('term: 5 years for community organisations, 3 otherwise; 29 February ends on 28 February', () => {
    expect(defaultTermYears('communityCommittee', false)).toBe(5);
    expect(defaultTermYears('branch', true)).toBe(5);
    expect(defaultTermYears('branch', false)).toBe(3);
    expect(defaultTermYears('jointBranch', false)).toBe(3);
    expect(defaultTermYears('group', true)).toBeNull();
    expect(termEnd('2024-02-29', 3)).toBe('2027-02-28');
    expect(termEnd('2024-02-29', 4)).toBe('2028-02-29');
    expect(termEnd(null, 3)).toBeNull();
  });
});
