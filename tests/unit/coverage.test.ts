import { describe, expect, it } from 'vitest';
import { coverageOf, formatRate, QUALIFY_FULL_MEMBERS, type CoverageOrgFact } from '../../shared/rules/coverage';
import type { PartyWorkKind } from '../../shared/domain/labels';

let next = 1;
function org(partyWork: PartyWorkKind, over: Partial<CoverageOrgFact> = {}): CoverageOrgFact {
  const id = next++;
  return { id, name: `组织${id}`, communityId: 1, communityName: '阳光社区党委', operating: true, partyWork, fullMembers: 0, probationaryMembers: 0, ...over };
}

describe('两新组织党建覆盖 (the official definition)', () => {
  it('with no organisation: all counts 0 and no rate (null, never 0 % or NaN)', () => {
    const c = coverageOf([]);
    expect(c.total).toEqual({ organisations: 0, own: 0, joint: 0, liaisonOnly: 0, unionOnly: 0, none: 0, organisationCoverage: null, workCoverage: null, qualified: 0, qualifiedOwn: 0 });
    expect(c.byCommunity).toEqual([]);
    expect(c.qualifiedUncovered).toEqual([]);
    expect(formatRate(c.total.organisationCoverage)).toBe('—');
    // Only closed organisations: the same.
    expect(coverageOf([org('own', { operating: false })]).total.organisationCoverage).toBeNull();
  });

  it('organisation coverage = (own + joint) ÷ operating; work coverage also counts liaisons and unions', () => {
    const orgs = [org('own'), org('own'), org('joint'), org('liaisonOnly'), org('unionOnly'), org('none'), org('none'), org('none')];
    const c = coverageOf(orgs);
    expect(c.total).toMatchObject({ organisations: 8, own: 2, joint: 1, liaisonOnly: 1, unionOnly: 1, none: 3 });
    expect(c.total.organisationCoverage).toBe(3 / 8);
    expect(c.total.workCoverage).toBe(5 / 8);
    expect(formatRate(c.total.organisationCoverage)).toBe('37.5%');
    expect(formatRate(2 / 3)).toBe('66.7%');
    expect(formatRate(1)).toBe('100.0%');
  });

  it('leaves closed organisations out of every figure and list', () => {
    const c = coverageOf([org('own'), org('none', { operating: false, fullMembers: 9 })]);
    expect(c.total).toMatchObject({ organisations: 1, own: 1, none: 0, organisationCoverage: 1, workCoverage: 1 });
    expect(c.qualifiedUncovered).toEqual([]);
  });

  it('by community (names in order, organisations without a community last), adding up to the total', () => {
    const c = coverageOf([
      org('own', { communityId: 2, communityName: '和平里社区党委' }),
      org('none', { communityId: null, communityName: null }),
      org('joint', { communityId: 1, communityName: '阳光社区党委' }),
      org('none', { communityId: 1, communityName: '阳光社区党委' }),
    ]);
    expect(c.byCommunity.map((x) => [x.communityName, x.organisations, x.organisationCoverage])).toEqual([
      ['和平里社区党委', 1, 1],
      ['阳光社区党委', 2, 0.5],
      [null, 1, 0],
    ]);
    expect(c.byCommunity.reduce((s, x) => s + x.organisations, 0)).toBe(c.total.organisations);
  });

  it('lists organisations with 3+ 正式党员 and no organisation of their own (2 is not enough; joint is not own)', () => {
    expect(QUALIFY_FULL_MEMBERS).toBe(3);
    const c = coverageOf([
      org('none', { name: '乙公司', fullMembers: 3 }),
      org('joint', { name: '甲公司', fullMembers: 4 }),
      org('liaisonOnly', { name: '丙公司', fullMembers: 2, probationaryMembers: 5 }),
      org('own', { name: '丁公司', fullMembers: 7 }),
    ]);
    expect(c.qualifiedUncovered.map((x) => x.name)).toEqual(['甲公司', '乙公司']);
    expect(c.total).toMatchObject({ qualified: 3, qualifiedOwn: 1 });
  });
});
