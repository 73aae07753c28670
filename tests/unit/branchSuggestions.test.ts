import { describe, expect, it } from 'vitest';
import { tagsToMask, type Tag } from '../../shared/domain/labels';
import {
  computeBranchSuggestions,
  suggestedBranchName,
  type SuggestionMemberFact,
  type SuggestionOrgFact,
} from '../../shared/rules/branchSuggestions';

const orgs: SuggestionOrgFact[] = [
  { id: 1, name: '和平街道党工委', kind: 'streetCommittee', parentId: null },
  { id: 2, name: '幸福社区党委', kind: 'communityCommittee', parentId: 1 },
  { id: 3, name: '幸福社区第一党支部', kind: 'branch', parentId: 2 },
  { id: 4, name: '幸福社区党总支', kind: 'generalBranch', parentId: 2 },
  { id: 5, name: '总支第二党支部', kind: 'branch', parentId: 4 },
  { id: 6, name: '阳光社区党委', kind: 'communityCommittee', parentId: 1 },
  { id: 7, name: '阳光社区第一党支部', kind: 'branch', parentId: 6 },
  { id: 8, name: '阳光社区离退休党支部', kind: 'retiredBranch', parentId: 6 },
  { id: 9, name: '阳光社区流动党员党支部', kind: 'floatingBranch', parentId: 6 },
  { id: 10, name: '街道机关党支部', kind: 'branch', parentId: 1 },
];

let nextId = 1;
function m(branchId: number, tags: Tag[], over: Partial<SuggestionMemberFact> = {}): SuggestionMemberFact {
  const id = nextId++;
  return { id, name: `党员${id}`, membershipKind: 'full', branchId, tagMask: tagsToMask(tags), floatingDirection: null, ...over };
}

describe('branch suggestions (分类建支部)', () => {
  it('two 正式党员 are listed but not proposed; three are (the 3-member rule), with the rule named', () => {
    const two = computeBranchSuggestions(orgs, [m(3, ['retiredCadre']), m(5, ['retiredWorker'])]);
    expect(two).toHaveLength(1);
    expect(two[0]).toMatchObject({ kind: 'retired', eligible: false, fullCount: 2, organisation: { id: 2, name: '幸福社区党委' } });
    expect(two[0]!.rule).toContain('不足 3 名正式党员');

    const three = computeBranchSuggestions(orgs, [m(3, ['retiredCadre']), m(5, ['retiredWorker']), m(3, ['retiredWorker', 'resident'])]);
    expect(three[0]).toMatchObject({ kind: 'retired', branchKind: 'retiredBranch', eligible: true, fullCount: 3, suggestedName: '幸福社区离退休党支部' });
    expect(three[0]!.rule).toBe('社区内有 3 名离退休正式党员未编入离退休党支部，满 3 名可成立离退休党支部');
    expect(three[0]!.members.map((x) => x.branchName)).toEqual(['幸福社区第一党支部', '总支第二党支部', '幸福社区第一党支部']);
  });

  it('probationary members are listed but do not count toward the three', () => {
    const r = computeBranchSuggestions(orgs, [
      m(3, ['retiredWorker'], { membershipKind: 'probationary' }),
      m(3, ['retiredWorker']),
      m(3, ['retiredWorker']),
    ]);
    expect(r[0]).toMatchObject({ eligible: false, fullCount: 2, probationaryCount: 1 });
    expect(r[0]!.members).toHaveLength(3);
    expect(r[0]!.members.at(-1)!.membershipKind).toBe('probationary');
    expect(r[0]!.rule).toContain('另有 1 名预备党员，不计入人数');
  });

  it('members already in a branch of their situation are left out; others of their community are grouped there', () => {
    const r = computeBranchSuggestions(orgs, [
      m(8, ['retiredCadre']),
      m(8, ['retiredWorker']),
      m(9, ['floating'], { floatingDirection: 'outflow' }),
      m(7, ['retiredWorker']),
      m(7, ['resident']),
      m(7, ['inService']),
    ]);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ kind: 'retired', organisation: { id: 6 }, fullCount: 1, existingBranches: [{ id: 8, name: '阳光社区离退休党支部' }] });
    expect(r[0]!.rule).toContain('可转入已有的“阳光社区离退休党支部”');
    // The proposed name does not repeat the existing branch's.
    expect(r[0]!.suggestedName).toBe('阳光社区第二离退休党支部');
  });

  it('floating members: out-flowing and in-flowing are separate suggestions by community; a retiree who flows out is listed once, as retired', () => {
    const r = computeBranchSuggestions(orgs, [
      m(3, ['floating'], { floatingDirection: 'outflow' }),
      m(3, ['floating'], { floatingDirection: 'outflow' }),
      m(5, ['floating'], { floatingDirection: 'outflow' }),
      m(3, ['floating'], { floatingDirection: 'inflow' }),
      m(5, ['floating', 'retiredWorker'], { floatingDirection: 'outflow' }),
    ]);
    const byKind = Object.fromEntries(r.map((x) => [x.kind, x]));
    expect(byKind['outflow']).toMatchObject({ branchKind: 'floatingBranch', eligible: true, fullCount: 3, suggestedName: '幸福社区流动党员党支部' });
    expect(byKind['outflow']!.rule).toBe('社区内有 3 名流出的正式党员未编入流动党员党支部，满 3 名可成立流动党员党支部');
    expect(byKind['inflow']).toMatchObject({ eligible: false, fullCount: 1, suggestedName: '幸福社区流入党员党支部' });
    expect(byKind['retired']).toMatchObject({ fullCount: 1 });
    expect(r.reduce((n, x) => n + x.members.length, 0)).toBe(5);
    // Eligible suggestions first.
    expect(r[0]!.eligible).toBe(true);
  });

  it('a branch with no community above is grouped under the nearest committee (the street)', () => {
    const r = computeBranchSuggestions(orgs, [m(10, ['retiredCadre']), m(10, ['retiredCadre']), m(10, ['retiredCadre'])]);
    expect(r[0]).toMatchObject({ organisation: { id: 1, name: '和平街道党工委' }, eligible: true, suggestedName: '和平街道离退休党支部' });
  });

  it('members of unknown organisations are skipped; names drop the committee suffix', () => {
    expect(computeBranchSuggestions(orgs, [m(999, ['retiredCadre'])])).toEqual([]);
    expect(suggestedBranchName('幸福社区党委', 'retired')).toBe('幸福社区离退休党支部');
    expect(suggestedBranchName('幸福社区', 'outflow')).toBe('幸福社区流动党员党支部');
  });
});
