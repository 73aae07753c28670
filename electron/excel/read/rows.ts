/** What every format's reader shares: blank tests, merged-range filling, the row limit. */
import type { CellRange, CellValue, SheetRow } from '../types';

/** A value the clerk would call blank: null, or text of only spaces. */
export function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

export function hasValue(cells: readonly CellValue[]): boolean {
  for (const v of cells) if (!isBlank(v)) return true;
  return false;
}

/** "B3" → {row: 3, col: 1}; null when it is not a cell reference. */
export function parseRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of (m[1] as string).toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col: col - 1 };
}

/** "A1:Q1" → a CellRange (1-based rows, 0-based columns); a single cell is a range of one. */
export function parseRange(ref: string): CellRange | null {
  const [a, b = a] = ref.split(':');
  const p = a === undefined ? null : parseRef(a);
  const q = parseRef(b ?? '');
  if (!p || !q) return null;
  return {
    top: Math.min(p.row, q.row),
    bottom: Math.max(p.row, q.row),
    left: Math.min(p.col, q.col),
    right: Math.max(p.col, q.col),
  };
}

/**
 * Copies each merged range's top-left value into every cell of the range, creating rows the range covers that
 * held nothing, and returns the rows in order. Ranges are clipped to the rows and columns that hold data, so a
 * merge drawn over a whole column or row costs nothing.
 */
export function fillMerges(
  rows: SheetRow[],
  merges: readonly CellRange[],
  hiddenRows: ReadonlySet<number>,
  /** The widest row of the sheet, when `rows` are only some of them (a streamed sheet's first rows). */
  width = 0,
): SheetRow[] {
  if (merges.length === 0 || rows.length === 0) return rows;
  const byRow = new Map<number, SheetRow>();
  let maxCol = width;
  for (const r of rows) {
    byRow.set(r.row, r);
    if (r.cells.length > maxCol) maxCol = r.cells.length;
  }
  const lastRow = (rows[rows.length - 1] as SheetRow).row;
  let added = false;
  for (const m of merges) {
    const value = byRow.get(m.top)?.cells[m.left] ?? null;
    if (value === null) continue;
    const bottom = Math.min(m.bottom, lastRow);
    const right = Math.min(m.right, Math.max(maxCol - 1, m.left));
    for (let r = m.top; r <= bottom; r++) {
      let row = byRow.get(r);
      if (!row) {
        row = { row: r, hidden: hiddenRows.has(r), cells: [] };
        byRow.set(r, row);
        added = true;
      }
      const cells = row.cells;
      while (cells.length <= right) cells.push(null);
      for (let c = m.left; c <= right; c++) cells[c] = value;
    }
  }
  if (!added) return rows;
  return [...byRow.values()].sort((a, b) => a.row - b.row);
}
