/**
 * The organisation rules (组织设置规则), pure: one organisation's facts and today's date in, its warnings out.
 * Used by the tree, the organisation's record and the street-wide overview, and by the CLI.
 * The numbers come from 《中国共产党支部工作条例（试行）》 (3 正式党员 to form a branch, about 50 members,
 * a committee from 7 正式党员, of 3 to 5 members and never more than 7) and the joint-branch practice of at most
 * 5 units.
 *
 * There is no separate "支委会少于3人" rule: where a committee is required (7+ 正式党员), fewer than 3 officers is
 * already needsCommittee; below 7 正式党员 a secretary (and a deputy) without a committee is what the rules
 * provide for, so 1 or 2 officers there is not a fault.
 */
import { BRANCH_KINDS, type OrgKind } from '../domain/labels';

export const ORG_RULES = ['tooFewFull', 'tooLarge', 'needsCommittee', 'committeeTooLarge', 'termDue', 'termExpired', 'tooManyUnits'] as const;
export type OrgRule = (typeof ORG_RULES)[number];

/** Each rule's name (what the clerk sees as the warning's title) and what to do about it. */
export const ORG_RULE_INFO: Record<OrgRule, { title: string; advice: string }> = {
  tooFewFull: { title: '少于3名正式党员', advice: '正式党员不足3名不宜单独成立党支部，建议与邻近支部组建联合党支部' },
  tooLarge: { title: '党员超过50名', advice: '党支部党员一般不超过50名，建议拆分党支部，或改设党总支' },
  needsCommittee: { title: '应设支部委员会', advice: '正式党员7名以上的党支部应设立支部委员会（一般3至5人）' },
  committeeTooLarge: { title: '支委会超过7人', advice: '支部委员会一般由3至5人组成，最多不超过7人，请核对书记和委员名单，换届时调整委员人数' },
  termDue: { title: '换届提醒', advice: '任期将在90天内届满，请提前做好换届准备' },
  termExpired: { title: '已届满，应及时换届', advice: '任期已经届满，应及时召开党员大会进行换届选举' },
  tooManyUnits: { title: '联合党支部单位超过5个', advice: '联合党支部所含单位一般不超过5个，建议调整组建' },
};

export const MIN_FULL_FOR_BRANCH = 3;
export const MAX_BRANCH_MEMBERS = 50;
export const MIN_FULL_FOR_COMMITTEE = 7;
/** A committee (支委会) has 3 or more members; a secretary (and deputy) alone is not one. */
export const MIN_COMMITTEE_SIZE = 3;
/** 支委会 "一般由3至5人组成，最多不超过7人". */
export const MAX_COMMITTEE_SIZE = 7;
export const TERM_REMINDER_DAYS = 90;
export const MAX_JOINT_UNITS = 5;

export interface OrgWarning {
  rule: OrgRule;
  /** The rule's name, e.g. 少于3名正式党员. */
  title: string;
  /** The facts alone, e.g. 现有正式党员 2 名，少于 3 名. */
  facts: string;
  /** The facts and what to do, one sentence. */
  message: string;
}

export interface OrgRuleInput {
  kind: OrgKind;
  /** Active members directly in the organisation. */
  fullCount: number;
  probationaryCount: number;
  /** Current officers (书记、副书记、委员…). */
  officerCount: number;
  unitCount: number;
  electedOn: string | null;
  /** The term in force (stored, or the default for the kind). */
  termYears: number | null;
  /** YYYY-MM-DD. */
  today: string;
}

/** Kinds that are elected for a term; a 党小组 has a leader, not a term. */
export function hasTerm(kind: OrgKind): boolean {
  return kind !== 'group';
}

/**
 * The default term: 5 years for a 社区党委 and the committees under a community (社区党组织), 3 otherwise.
 * `inCommunity`: the organisation sits below a 社区党委.
 */
export function defaultTermYears(kind: OrgKind, inCommunity: boolean): number | null {
  if (!hasTerm(kind)) return null;
  if (kind === 'communityCommittee' || kind === 'streetCommittee' || inCommunity) return 5;
  return 3;
}

/** 届满: the elected date plus the term in whole years (29 February → 28 February in a common year). */
export function termEnd(electedOn: string | null, termYears: number | null): string | null {
  if (!electedOn || !termYears) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(electedOn);
  if (!m) return null;
  const y = Number(m[1]) + termYears;
  const month = Number(m[2]);
  let day = Number(m[3]);
  const last = new Date(Date.UTC(y, month, 0)).getUTCDate();
  if (day > last) day = last;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const t = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((t(to) - t(from)) / 86_400_000);
}

function warn(rule: OrgRule, facts: string): OrgWarning {
  const info = ORG_RULE_INFO[rule];
  return { rule, title: info.title, facts, message: `${facts}；${info.advice}。` };
}

/** The warnings for one organisation, in the order of ORG_RULES. */
export function orgWarnings(o: OrgRuleInput): OrgWarning[] {
  const out: OrgWarning[] = [];
  const isBranch = BRANCH_KINDS.includes(o.kind);
  if (isBranch) {
    const total = o.fullCount + o.probationaryCount;
    if (o.fullCount < MIN_FULL_FOR_BRANCH) out.push(warn('tooFewFull', `现有正式党员 ${o.fullCount} 名，少于 ${MIN_FULL_FOR_BRANCH} 名`));
    if (total > MAX_BRANCH_MEMBERS) out.push(warn('tooLarge', `现有党员 ${total} 名（正式 ${o.fullCount}、预备 ${o.probationaryCount}），超过 ${MAX_BRANCH_MEMBERS} 名`));
    if (o.fullCount >= MIN_FULL_FOR_COMMITTEE && o.officerCount < MIN_COMMITTEE_SIZE)
      out.push(warn('needsCommittee', `现有正式党员 ${o.fullCount} 名，${o.officerCount ? `只登记了 ${o.officerCount} 名书记和委员` : '尚未登记书记和委员'}，未设立支部委员会`));
    if (o.officerCount > MAX_COMMITTEE_SIZE)
      out.push(warn('committeeTooLarge', `登记了 ${o.officerCount} 名书记和委员，超过 ${MAX_COMMITTEE_SIZE} 人`));
  }
  if (hasTerm(o.kind)) {
    const end = termEnd(o.electedOn, o.termYears);
    if (end) {
      const days = daysBetween(o.today, end);
      if (days < 0) out.push(warn('termExpired', `${o.electedOn} 选举产生，任期 ${o.termYears} 年，已于 ${end} 届满`));
      else if (days <= TERM_REMINDER_DAYS)
        out.push(warn('termDue', `任期将于 ${end} 届满（${days === 0 ? '今天届满' : `还有 ${days} 天`}）`));
    }
  }
  if (o.kind === 'jointBranch' && o.unitCount > MAX_JOINT_UNITS)
    out.push(warn('tooManyUnits', `登记了 ${o.unitCount} 个所在单位，超过 ${MAX_JOINT_UNITS} 个`));
  return out;
}

/**
 * Why an organisation of `kind` may not sit under one of `parentKind`, or null when it may: nothing under a
 * 党小组, and a 党小组 only under a branch. The same rule OrgService.checkParent applies to the form; the
 * organisation import checks every row of a file with it.
 */
export function parentKindProblem(kind: OrgKind, parentKind: OrgKind): string | null {
  if (parentKind === 'group') return '党小组下面不能再设组织';
  if (kind === 'group' && !BRANCH_KINDS.includes(parentKind)) return '党小组应设在党支部下面';
  return null;
}
