/**
 * What a sheet module is, and the one way every sheet turns its counts into the figures model: rows in order, every
 * column present in every row, derived columns (sums, rates) worked out, and the 合计 row.
 *
 * A sheet for another domain (两新组织覆盖, 共驻共建, 在职党员报到, 三会一课) is one more module: it reads that domain's
 * service through ctx.services and returns a ReturnSheet; list it in ./index.ts.
 */
import type { ReturnSheetId } from '../../../shared/domain/labels';
import type { ReturnColumn, ReturnRow, ReturnSheet } from '../../../shared/returns';
import type { Services } from '../../services';
import type { MemberAsOf } from '../population';
import type { Scope, ScopeRow } from '../scope';

export const TOTAL_LABEL = '合计';

export interface SheetContext {
  period: string;
  /** 2025年度 / 2025年6月. */
  periodLabel: string;
  /** The period's first day. */
  start: string;
  /** The period's last day: counts are as of it. */
  asOf: string;
  scope: Scope;
  /** Everyone in the register on the day (any branch; place them with scope.rowOf). Worked out once per return. */
  members(): readonly MemberAsOf[];
  services: Services;
}

export interface SheetModule {
  /** A stable code (tests, logs); its tab name is RETURN_SHEET_LABELS[id]. */
  id: ReturnSheetId;
  build(ctx: SheetContext): ReturnSheet;
}

/** Counts per row index and column label. */
export class Counts {
  private readonly rows = new Map<number, Map<string, number>>();

  add(row: number, label: string, n = 1): void {
    let r = this.rows.get(row);
    if (!r) this.rows.set(row, (r = new Map()));
    r.set(label, (r.get(label) ?? 0) + n);
  }

  get(row: number, label: string): number {
    return this.rows.get(row)?.get(label) ?? 0;
  }
}

export interface SheetSpec {
  name: string;
  title: string;
  rowHeader: string;
  columns: ReturnColumn[];
  notes: string[];
}

/** A row to print: its label, the index its counts are kept under, and the heading it is printed under. */
export type TableRow = Pick<ScopeRow, 'label' | 'index'> & { group?: string };

/** The sheet's rows in order with every column, then the 合计 row (each count column summed, derived ones derived). */
export function tableOf(spec: SheetSpec, rows: readonly TableRow[], counts: Counts): ReturnSheet {
  const labels = spec.columns.map((c) => c.label);
  if (new Set(labels).size !== labels.length) throw new Error(`${spec.name}: column labels repeat`);
  const countColumns = spec.columns.filter((c) => !c.sumOf && !c.rateOf);
  const out: ReturnRow[] = rows.map((r) => {
    const values: Record<string, number | null> = {};
    for (const c of countColumns) values[c.label] = counts.get(r.index, c.label);
    derive(spec.columns, values);
    const row: ReturnRow = { label: r.label, values };
    if (r.group) row.group = r.group;
    return row;
  });
  const total: Record<string, number | null> = {};
  for (const c of countColumns) total[c.label] = out.reduce((a, r) => a + r.values[c.label]!, 0);
  derive(spec.columns, total);
  out.push({ label: TOTAL_LABEL, values: total, total: true });
  return { ...spec, rows: out };
}

/** Fills the derived columns of one row from its count columns. */
function derive(columns: readonly ReturnColumn[], values: Record<string, number | null>): void {
  for (const c of columns) {
    if (c.sumOf) values[c.label] = c.sumOf.reduce((a, l) => a + (values[l] ?? 0), 0);
  }
  for (const c of columns) {
    if (c.rateOf) {
      const num = c.rateOf.numerator.reduce((a, l) => a + (values[l] ?? 0), 0);
      const den = values[c.rateOf.denominator] ?? 0;
      // Nothing to divide by (no organisation operates, no cadre): no rate, not 0 % (DOMAIN.md).
      values[c.label] = den > 0 ? Math.round((num / den) * 10000) / 10000 : null;
    }
  }
}

/** The usual first note: what "as of" means for these counts. */
export function asOfNote(asOfWords: string): string {
  return `人数按 ${asOfWords} 当日在册党员统计：加入党组织日期在此之后的、在此之前（含当日）已离开的不计入；所在党支部、正式或预备、流动、失联均按当日情况。`;
}
