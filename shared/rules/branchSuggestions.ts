/**
 * 分类建支部: where members of one situation are scattered through ordinary branches, suggest a branch of
 * their own (the seed: retired cadres whose relationship moved to their residence; floating members).
 * Pure: takes compact facts about members and organisations, no database. The service feeds it one SQL
 * read; the page and the command line show what it returns.
 *
 * Size rule (中国共产党支部工作条例（试行）第五条): 3 or more 正式党员 may form a branch. Probationary members are
 * listed with their group but do not count toward the three.
 */
import { tagBit, type MembershipKind, type OrgKind } from '../domain/labels';

export const SUGGESTION_KINDS = ['retired', 'outflow', 'inflow'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

/** What each suggestion is about, and the kind of branch it proposes. */
export const SUGGESTION_KIND_INFO: Record<SuggestionKind, { label: string; branchKind: 'retiredBranch' | 'floatingBranch'; branchLabel: string; who: string; nameSuffix: string }> = {
  retired: { label: '离退休党员', branchKind: 'retiredBranch', branchLabel: '离退休党支部', who: '离退休正式党员', nameSuffix: '离退休党支部' },
  outflow: { label: '流出党员', branchKind: 'floatingBranch', branchLabel: '流动党员党支部', who: '流出的正式党员', nameSuffix: '流动党员党支部' },
  inflow: { label: '流入党员', branchKind: 'floatingBranch', branchLabel: '流动党员党支部', who: '流入的正式党员', nameSuffix: '流入党员党支部' },
};

/** 3 正式党员 may form a branch. */
export const MIN_FULL_MEMBERS = 3;

export interface SuggestionOrgFact {
  id: number;
  name: string;
  kind: OrgKind;
  parentId: number | null;
}

export interface SuggestionMemberFact {
  id: number;
  name: string;
  membershipKind: MembershipKind;
  branchId: number;
  /** members.tag_mask (bit i = TAGS[i]). */
  tagMask: number;
  floatingDirection: 'outflow' | 'inflow' | null;
}

export interface SuggestionMember {
  id: number;
  name: string;
  membershipKind: MembershipKind;
  /** The branch they are in now. */
  branchId: number;
  branchName: string;
}

export interface BranchSuggestion {
  kind: SuggestionKind;
  /** The branch it proposes: 离退休党支部 or 流动党员党支部. */
  branchKind: 'retiredBranch' | 'floatingBranch';
  /** The community (社区党委) whose members these are; the new branch goes under it. */
  organisation: { id: number; name: string };
  members: SuggestionMember[];
  fullCount: number;
  probationaryCount: number;
  /** 3+ 正式党员: a branch may be formed. Groups below that are listed, not proposed. */
  eligible: boolean;
  /** The rule, as a sentence for the clerk. */
  rule: string;
  /** A name for the new branch, e.g. 幸福社区离退休党支部. */
  suggestedName: string;
  /** Branches of the proposed kind already under this community (the members could join one instead). */
  existingBranches: { id: number; name: string }[];
}

const RETIRED_MASK = tagBit('retiredCadre') | tagBit('retiredWorker');
const FLOATING_MASK = tagBit('floating');
/** Branch kinds that already are a branch "of their own situation": members in them are not suggested again. */
const SITUATION_KINDS: readonly OrgKind[] = ['retiredBranch', 'floatingBranch'];

/** Which suggestion a member belongs to, if any. Retired first: a retiree who also flows out is listed once. */
export function suggestionKindOf(tagMask: number, floatingDirection: 'outflow' | 'inflow' | null): SuggestionKind | null {
  if (tagMask & RETIRED_MASK) return 'retired';
  if (tagMask & FLOATING_MASK) return floatingDirection === 'inflow' ? 'inflow' : 'outflow';
  return null;
}

/** The organisation a new branch would sit under: the nearest 社区党委 above the branch, else the nearest committee. */
function communityResolver(orgs: readonly SuggestionOrgFact[]): (branchId: number) => SuggestionOrgFact | null {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const memo = new Map<number, SuggestionOrgFact | null>();
  const find = (branchId: number): SuggestionOrgFact | null => {
    if (memo.has(branchId)) return memo.get(branchId)!;
    let fallback: SuggestionOrgFact | null = null;
    let result: SuggestionOrgFact | null = null;
    const seen = new Set<number>();
    for (let o = byId.get(branchId); o && !seen.has(o.id); o = o.parentId != null ? byId.get(o.parentId) : undefined) {
      seen.add(o.id);
      if (o.kind === 'communityCommittee') {
        result = o;
        break;
      }
      if (!fallback && (o.kind === 'streetCommittee' || o.kind === 'generalBranch')) fallback = o;
    }
    result ??= fallback;
    memo.set(branchId, result);
    return result;
  };
  return find;
}

export function ruleSentence(kind: SuggestionKind, fullCount: number, probationaryCount: number, existing: readonly { name: string }[]): string {
  const info = SUGGESTION_KIND_INFO[kind];
  const prob = probationaryCount ? `（另有 ${probationaryCount} 名预备党员，不计入人数）` : '';
  const head = `社区内有 ${fullCount} 名${info.who}未编入${info.branchLabel}${prob}`;
  if (fullCount >= MIN_FULL_MEMBERS) {
    const also = existing.length ? `；也可转入已有的“${existing[0]!.name}”` : '';
    return `${head}，满 ${MIN_FULL_MEMBERS} 名可成立${info.branchLabel}${also}`;
  }
  return existing.length
    ? `${head}，不足 ${MIN_FULL_MEMBERS} 名正式党员，可转入已有的“${existing[0]!.name}”`
    : `${head}，不足 ${MIN_FULL_MEMBERS} 名正式党员，暂不能单独成立${info.branchLabel}，可与相邻社区联合成立或编入就近的党支部`;
}

/**
 * Every group of members not yet in a branch of their situation, by community and kind: eligible ones first,
 * then by size. Only active members in a branch should be passed in (the service's query does that).
 */
export function computeBranchSuggestions(orgs: readonly SuggestionOrgFact[], members: readonly SuggestionMemberFact[]): BranchSuggestion[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const communityOf = communityResolver(orgs);
  const groups = new Map<string, { kind: SuggestionKind; community: SuggestionOrgFact; members: SuggestionMember[]; full: number; prob: number }>();
  for (const m of members) {
    const kind = suggestionKindOf(m.tagMask, m.floatingDirection);
    if (!kind) continue;
    const branch = byId.get(m.branchId);
    if (!branch || SITUATION_KINDS.includes(branch.kind)) continue;
    const community = communityOf(m.branchId);
    if (!community) continue;
    const key = `${kind}:${community.id}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { kind, community, members: [], full: 0, prob: 0 }));
    g.members.push({ id: m.id, name: m.name, membershipKind: m.membershipKind, branchId: branch.id, branchName: branch.name });
    if (m.membershipKind === 'full') g.full++;
    else g.prob++;
  }
  const childrenOf = new Map<number, SuggestionOrgFact[]>();
  for (const o of orgs) if (o.parentId != null) childrenOf.set(o.parentId, [...(childrenOf.get(o.parentId) ?? []), o]);
  const existingUnder = (communityId: number, kind: OrgKind) => {
    const out: { id: number; name: string }[] = [];
    const stack = [...(childrenOf.get(communityId) ?? [])];
    while (stack.length) {
      const o = stack.pop()!;
      if (o.kind === kind) out.push({ id: o.id, name: o.name });
      stack.push(...(childrenOf.get(o.id) ?? []));
    }
    return out.sort((a, b) => a.id - b.id);
  };
  const out: BranchSuggestion[] = [];
  for (const g of groups.values()) {
    const info = SUGGESTION_KIND_INFO[g.kind];
    const existing = existingUnder(g.community.id, info.branchKind);
    g.members.sort((a, b) => (a.membershipKind === b.membershipKind ? a.id - b.id : a.membershipKind === 'full' ? -1 : 1));
    out.push({
      kind: g.kind,
      branchKind: info.branchKind,
      organisation: { id: g.community.id, name: g.community.name },
      members: g.members,
      fullCount: g.full,
      probationaryCount: g.prob,
      eligible: g.full >= MIN_FULL_MEMBERS,
      rule: ruleSentence(g.kind, g.full, g.prob, existing),
      suggestedName: freeName(suggestedBranchName(g.community.name, g.kind), new Set((childrenOf.get(g.community.id) ?? []).map((o) => o.name))),
      existingBranches: existing,
    });
  }
  const kindOrder = (k: SuggestionKind) => SUGGESTION_KINDS.indexOf(k);
  return out.sort(
    (a, b) =>
      Number(b.eligible) - Number(a.eligible) ||
      kindOrder(a.kind) - kindOrder(b.kind) ||
      b.fullCount - a.fullCount ||
      a.organisation.id - b.organisation.id,
  );
}

const ORDINALS = ['第二', '第三', '第四', '第五', '第六', '第七', '第八', '第九'];
/** The name, or 幸福社区第二离退休党支部 … when an organisation under the community already has it. */
function freeName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  const at = name.search(/(离退休|流动党员|流入党员)党支部$/);
  for (const o of ORDINALS) {
    const n = at > 0 ? `${name.slice(0, at)}${o}${name.slice(at)}` : `${name}（${o}）`;
    if (!taken.has(n)) return n.slice(0, 60);
  }
  return name;
}

/** 幸福社区党委 → 幸福社区离退休党支部 (a committee's own suffix is dropped). At most 60 characters. */
export function suggestedBranchName(communityName: string, kind: SuggestionKind): string {
  const base = communityName.replace(/(党委|党工委|党总支|委员会)$/, '');
  return `${base}${SUGGESTION_KIND_INFO[kind].nameSuffix}`.slice(0, 60);
}
