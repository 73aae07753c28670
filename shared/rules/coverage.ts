/**
 * 两新组织党建覆盖: the official figures, in one pure module used by the page, the command line and the returns.
 *
 *  - Only organisations operating (在营 / 正常运营) count; closed ones (注销、停业、迁出) are left out.
 *  - 党的组织覆盖率 = (单独组建 + 联合组建) ÷ organisations operating.
 *  - 党的工作覆盖率 = (单独组建 + 联合组建 + 党建联络员 + 仅建工会) ÷ organisations operating: the work reaches an
 *    organisation without a Party organisation through a liaison or through its union.
 *  - With no organisation operating a rate has no value (null), never 0 % or 100 %.
 *  - 应单独组建而未组建: an organisation operating with 3 or more 正式党员 (支部工作条例: three full members may form
 *    a branch) whose Party work is anything but its own organisation — the seed's one-year target.
 */
import { PARTY_WORK_KINDS, type PartyWorkKind } from '../domain/labels';

/** 正式党员 needed to form an organisation of one's own. */
export const QUALIFY_FULL_MEMBERS = 3;

export interface CoverageOrgFact {
  id: number;
  name: string;
  communityId: number | null;
  communityName: string | null;
  operating: boolean;
  partyWork: PartyWorkKind;
  fullMembers: number;
  probationaryMembers: number;
}

export interface CoverageFigures {
  /** Organisations operating. */
  organisations: number;
  own: number;
  joint: number;
  liaisonOnly: number;
  unionOnly: number;
  none: number;
  /** (own + joint) ÷ organisations, 0…1; null with no organisation. */
  organisationCoverage: number | null;
  /** (own + joint + liaisonOnly + unionOnly) ÷ organisations, 0…1; null with no organisation. */
  workCoverage: number | null;
  /** Organisations operating with 3+ 正式党员. */
  qualified: number;
  /** Of those, the ones with their own organisation. */
  qualifiedOwn: number;
}

export interface CommunityCoverage extends CoverageFigures {
  /** null: organisations not placed in a community. */
  communityId: number | null;
  communityName: string | null;
}

export interface QualifiedUncovered {
  id: number;
  name: string;
  communityName: string | null;
  fullMembers: number;
  partyWork: PartyWorkKind;
}

export interface Coverage {
  total: CoverageFigures;
  /** One line per community with organisations, by name; organisations without a community last. */
  byCommunity: CommunityCoverage[];
  /** 应单独组建而未组建, by community then name. */
  qualifiedUncovered: QualifiedUncovered[];
}

export function emptyFigures(): CoverageFigures {
  return { organisations: 0, own: 0, joint: 0, liaisonOnly: 0, unionOnly: 0, none: 0, organisationCoverage: null, workCoverage: null, qualified: 0, qualifiedOwn: 0 };
}

export function qualifies(o: Pick<CoverageOrgFact, 'operating' | 'fullMembers'>): boolean {
  return o.operating && o.fullMembers >= QUALIFY_FULL_MEMBERS;
}

function add(f: CoverageFigures, o: CoverageOrgFact): void {
  f.organisations++;
  f[o.partyWork]++;
  if (qualifies(o)) {
    f.qualified++;
    if (o.partyWork === 'own') f.qualifiedOwn++;
  }
}

function finish<F extends CoverageFigures>(f: F): F {
  const n = f.organisations;
  f.organisationCoverage = n === 0 ? null : (f.own + f.joint) / n;
  f.workCoverage = n === 0 ? null : (f.own + f.joint + f.liaisonOnly + f.unionOnly) / n;
  return f;
}

const collator = new Intl.Collator('zh-CN');

export function coverageOf(orgs: readonly CoverageOrgFact[]): Coverage {
  const total = emptyFigures();
  const byCommunity = new Map<number | null, CommunityCoverage>();
  const uncovered: QualifiedUncovered[] = [];
  for (const o of orgs) {
    if (!o.operating) continue;
    if (!PARTY_WORK_KINDS.includes(o.partyWork)) throw new Error(`unknown party work: ${String(o.partyWork)}`);
    add(total, o);
    let c = byCommunity.get(o.communityId);
    if (!c) byCommunity.set(o.communityId, (c = { ...emptyFigures(), communityId: o.communityId, communityName: o.communityName }));
    add(c, o);
    if (qualifies(o) && o.partyWork !== 'own')
      uncovered.push({ id: o.id, name: o.name, communityName: o.communityName, fullMembers: o.fullMembers, partyWork: o.partyWork });
  }
  const lines = [...byCommunity.values()].map(finish);
  lines.sort((a, b) => (a.communityId == null ? 1 : 0) - (b.communityId == null ? 1 : 0) || collator.compare(a.communityName ?? '', b.communityName ?? ''));
  uncovered.sort((a, b) => collator.compare(a.communityName ?? '\uffff', b.communityName ?? '\uffff') || collator.compare(a.name, b.name));
  return { total: finish(total), byCommunity: lines, qualifiedUncovered: uncovered };
}

/** 66.7% — a rate as the page and the returns print it; '—' without a value. */
export function formatRate(rate: number | null): string {
  if (rate == null) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
