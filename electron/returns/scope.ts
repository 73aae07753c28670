/**
 * A return's scope and its rows. The scope is an organisation (a community, a general branch, a branch …) or the whole
 * register (null). Its rows are the organisations directly below it (the communities of a street, the branches of a
 * community), each counting everyone in its subtree; members directly in the scope organisation get a row of their
 * own (…直属), and, for the whole register, members in no branch get 未编入党支部. The rows add up to the scope.
 * A scope with nothing below it (a branch) is one row. Organisations dissolved on or before the day are left out
 * unless someone still counts in them on the day; 党小组 never make a row (members belong to branches).
 */
import { ORG_KIND_LABELS, type OrgKind } from '../../shared/domain/labels';
import type { Sqlite } from '../db/connection';
import { ServiceError } from '../errors';

export interface ScopeOrg {
  id: number;
  name: string;
  kind: OrgKind;
  parentId: number | null;
  dissolvedOn: string | null;
}

export interface ScopeRow {
  label: string;
  /** The organisation the row stands for (null: 未编入党支部). */
  orgId: number | null;
  /** What rowOf() gives for the members of this row. */
  index: number;
}

export interface Scope {
  /** The organisation chosen, or null for the whole register. */
  scopeId: number | null;
  /** Its name, or the street's for the whole register. */
  name: string;
  /** Every organisation (dissolved ones too), by id. */
  orgs: ReadonlyMap<number, ScopeOrg>;
  /** The row a branch's members count in, or -1 when the branch is outside the scope. */
  rowOf(branchId: number | null): number;
  /** Whether the organisation is in the scope (the scope itself or below it). */
  contains(orgId: number): boolean;
  /** The rows to print, after counting: candidates with members, or standing on the day. */
  rows(counts: (row: number) => number): ScopeRow[];
  /** The parent's name, to tell apart branches with the same name. */
  parentName(orgId: number): string | null;
}

const UNASSIGNED = '未编入党支部';

export function loadOrgs(db: Sqlite): Map<number, ScopeOrg> {
  const rows = db
    .prepare('SELECT id, name, kind, parent_id, dissolved_on FROM organisations ORDER BY sort_order, id')
    .raw()
    .all() as [number, string, OrgKind, number | null, string | null][];
  return new Map(rows.map(([id, name, kind, parentId, dissolvedOn]) => [id, { id, name, kind, parentId, dissolvedOn }]));
}

/** Builds the scope of a return as of `day`. Refuses an unknown organisation. */
export function buildScope(db: Sqlite, scopeId: number | null, day: string): Scope {
  const orgs = loadOrgs(db);
  const standing = (o: ScopeOrg) => o.dissolvedOn == null || o.dissolvedOn > day;
  if (scopeId != null && !orgs.has(scopeId)) throw new ServiceError('not_found', `找不到编号为 ${scopeId} 的党组织，请刷新后重新选择统计范围。`);

  const roots = [...orgs.values()].filter((o) => o.parentId == null || !orgs.has(o.parentId));
  const standingRoots = roots.filter(standing);
  // The whole register with one street committee on top reads as that committee's scope, with 未编入党支部 besides.
  const top: ScopeOrg | null = scopeId != null ? orgs.get(scopeId)! : standingRoots.length === 1 ? standingRoots[0]! : null;
  const whole = scopeId == null;

  // Candidate rows: the organisations just below the top (the roots, without one), not 党小组.
  const below = [...orgs.values()].filter((o) => o.kind !== 'group' && (top ? o.parentId === top.id : roots.includes(o)));
  const candidates: { label: string; orgId: number | null; mustShow: boolean }[] = [];
  const rowIndex = new Map<number, number>();
  if (top && below.length === 0) {
    // A branch (or an organisation with nothing below it): one row.
    rowIndex.set(top.id, 0);
    candidates.push({ label: top.name, orgId: top.id, mustShow: true });
  } else {
    for (const o of below) {
      rowIndex.set(o.id, candidates.length);
      candidates.push({ label: o.name, orgId: o.id, mustShow: standing(o) });
    }
    if (top) {
      rowIndex.set(top.id, candidates.length);
      candidates.push({ label: `${top.name}直属`, orgId: top.id, mustShow: false });
    }
  }
  const unassignedRow = whole ? candidates.length : -1;
  if (whole) candidates.push({ label: UNASSIGNED, orgId: null, mustShow: false });

  const memo = new Map<number, number>();
  const rowOf = (branchId: number | null): number => {
    if (branchId == null) return unassignedRow;
    const hit = memo.get(branchId);
    if (hit !== undefined) return hit;
    let row = -1;
    let at: ScopeOrg | undefined = orgs.get(branchId);
    for (let depth = 0; at && depth < 64; depth++) {
      const r = rowIndex.get(at.id);
      if (r !== undefined) {
        row = r;
        break;
      }
      at = at.parentId != null ? orgs.get(at.parentId) : undefined;
    }
    // A branch whose organisation is unknown (never, with foreign keys) counts as unassigned in the whole register.
    if (row === -1 && whole && !orgs.has(branchId)) row = unassignedRow;
    memo.set(branchId, row);
    return row;
  };
  const contains = (orgId: number): boolean => {
    if (!top) return orgs.has(orgId);
    let at = orgs.get(orgId);
    for (let depth = 0; at && depth < 64; depth++) {
      if (at.id === top.id) return true;
      at = at.parentId != null ? orgs.get(at.parentId) : undefined;
    }
    return false;
  };

  // Labels must be unique (the rows are keyed by them): add the kind, then the id, to a repeated name.
  const labels = new Map<string, number>();
  for (const c of candidates) labels.set(c.label, (labels.get(c.label) ?? 0) + 1);
  for (const c of candidates) if ((labels.get(c.label) ?? 0) > 1 && c.orgId != null) c.label = `${c.label}（${ORG_KIND_LABELS[orgs.get(c.orgId)!.kind]}，${c.orgId}）`;

  return {
    scopeId,
    name: top?.name ?? (standingRoots[0]?.name ?? '全部党组织'),
    orgs,
    rowOf,
    contains,
    rows: (counts) => candidates.flatMap((c, index) => (c.mustShow || counts(index) > 0 ? [{ label: c.label, orgId: c.orgId, index }] : [])),
    parentName: (orgId) => {
      const p = orgs.get(orgId)?.parentId;
      return p != null ? (orgs.get(p)?.name ?? null) : null;
    },
  };
}
