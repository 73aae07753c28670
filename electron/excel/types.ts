/**
 * What reading any spreadsheet gives: the same shape for .xlsx, .xls and .csv, so everything after the
 * reader (header detection, mapping, normalising, validating) is written once.
 */

/** A date cell (or a number formatted as a date), as a calendar date; any time of day is dropped. */
export interface ExcelDate {
  date: string; // YYYY-MM-DD
}

/**
 * A cell's value as stored: text as text, numbers as numbers (an ID number Excel turned into a number stays a
 * number here, so the normaliser can tell), dates as ExcelDate, formulas as their cached value, blank as null.
 */
export type CellValue = string | number | boolean | ExcelDate | null;

/**
 * What a reader gives for a formula cell whose file kept no result for it (LibreOffice's .xls does this for
 * text formulas): never data; the importer reports the cell.
 */
export const FORMULA_WITHOUT_RESULT = '#公式无结果';

export function isExcelDate(v: CellValue): v is ExcelDate {
  return typeof v === 'object' && v !== null && 'date' in v;
}

export interface SheetRow {
  /** The row number the clerk sees in their program (1-based; for CSV, the line's record number). */
  row: number;
  hidden: boolean;
  /** By 0-based column index (A = 0). Trailing blanks may be absent. */
  cells: CellValue[];
}

/** A merged range, 1-based rows, 0-based columns, inclusive. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Sheet {
  name: string;
  /** Hidden or very hidden in the workbook. */
  hidden: boolean;
  /** Only rows that hold at least one value, in order. Values of merged ranges are copied into every cell of the range. */
  rows: SheetRow[];
  merges: CellRange[];
}

export interface Workbook {
  format: 'xlsx' | 'xls' | 'csv';
  /** For CSV: the encoding it was read in. */
  encoding?: 'utf-8' | 'gbk';
  sheets: Sheet[];
}

export interface ReadLimits {
  /** The file itself. */
  maxFileBytes: number;
  /** Everything inflated out of an .xlsx (zip bombs). */
  maxUnzippedBytes: number;
  /** Rows per sheet. */
  maxRows: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxUnzippedBytes: 512 * 1024 * 1024,
  maxRows: 300_000,
};

/** Column A, B, … Z, AA … as the clerk sees it. */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
