/**
 * Rows for the sheets whose records belong to a community rather than a branch (两新组织, 共驻共建, 在职党员报到):
 * for the whole register or the street, a row per community (as the member sheets' rows), the street's own records
 * (an agreement the street committee signed) as …（本级）, and, for the whole register, records placed in no
 * community as 未指定社区; for a community (or anything below the street's communities), one row, the scope itself.
 */
import { COMMUNITY_KINDS } from '../../cobuilding/common';
import type { SheetContext, TableRow } from './sheet';

export const NO_COMMUNITY = '未指定社区';

export interface CommunityRows {
  /** The row a record of this community counts in, or -1 when it is outside the scope. */
  rowOf(communityId: number | null): number;
  /** The rows to print, after counting (standing communities always; the others when something counts there). */
  rows(counts: (row: number) => number): TableRow[];
}

export function communityRows(ctx: SheetContext): CommunityRows {
  const { scope } = ctx;
  const top = scope.scopeId != null ? scope.orgs.get(scope.scopeId) : undefined;
  // One row: a community, a branch, anything that is not above communities.
  const single = top != null && (COMMUNITY_KINDS.includes(top.kind) || ![...scope.orgs.values()].some((o) => o.parentId === top.id && COMMUNITY_KINDS.includes(o.kind)));
  if (single)
    return {
      rowOf: (id) => (id != null && scope.contains(id) ? 0 : -1),
      rows: () => [{ label: scope.name, index: 0 }],
    };
  return {
    rowOf: (id) => scope.rowOf(id),
    rows: (counts) =>
      scope.rows(counts).map((r) => {
        if (r.orgId == null) return { label: NO_COMMUNITY, index: r.index };
        if (r.label === `${scope.orgs.get(r.orgId)?.name}直属`)
          return { label: `${r.label.slice(0, -2)}（本级）`, index: r.index };
        return { label: r.label, index: r.index };
      }),
  };
}
