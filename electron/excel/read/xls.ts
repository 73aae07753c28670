/** .xls (BIFF8 from Excel 97–2003 and WPS; also the HTML and XML "xls" old systems export) through SheetJS. */
import * as XLSX from '@e965/xlsx';
import type { CellRange, CellValue, ExcelDate, ReadLimits, Sheet, SheetRow, Workbook } from '../types';
import { FORMULA_WITHOUT_RESULT } from '../types';
import { DateCache } from './dates';
import { msg, readError } from './messages';
import { fillMerges, hasValue } from './rows';

/**
 * `html`: a web page holding a table (old systems' “xls” exports, and WPS's 网页 files). Its cells are text as the
 * page showed them, like a CSV's: read as text (raw), or SheetJS would turn a 18-digit ID number into a float and
 * lose its last digits, and guess dates.
 */
export function readWithSheetJs(bytes: Uint8Array, fileName: string, limits: ReadLimits, html = false): Workbook {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, {
      type: 'array',
      raw: html,
      cellDates: false,
      cellNF: true,
      cellStyles: false,
      sheetStubs: false,
      dense: true,
      cellHTML: false,
      // Formulas are read only to tell a text formula whose result the file did not keep (see convert).
      cellFormula: true,
    });
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    if (/password|encrypt/i.test(text)) throw readError(msg.encrypted(fileName));
    throw readError(msg.xlsUnreadable(fileName));
  }
  const dates = new DateCache(Boolean(wb.Workbook?.WBProps?.date1904));
  const isoDates = new Map<string, ExcelDate>();
  const sheets: Sheet[] = [];
  wb.SheetNames.forEach((name, index) => {
    const ws = wb.Sheets[name];
    const hidden = (wb.Workbook?.Sheets?.[index]?.Hidden ?? 0) !== 0;
    if (!ws) return;
    const dense = (ws as unknown as { '!data'?: (XLSX.CellObject | undefined)[][] })['!data'] ?? [];
    const rowInfo = ws['!rows'] ?? [];
    const hiddenRows = new Set<number>();
    rowInfo.forEach((ri, i) => {
      if (ri?.hidden) hiddenRows.add(i + 1);
    });
    const rows: SheetRow[] = [];
    for (let r = 0; r < dense.length; r++) {
      const src = dense[r];
      if (!src) continue;
      const cells: CellValue[] = [];
      for (let c = 0; c < src.length; c++) {
        const cell = src[c];
        const v = cell ? convert(cell, dates, isoDates) : null;
        if (v !== null) {
          while (cells.length < c) cells.push(null);
          cells[c] = v;
        }
      }
      if (hasValue(cells)) {
        if (rows.length >= limits.maxRows) throw readError(msg.tooManyRows(fileName, name, limits.maxRows));
        rows.push({ row: r + 1, hidden: hiddenRows.has(r + 1), cells });
      }
    }
    const merges: CellRange[] = (ws['!merges'] ?? []).map((m) => ({
      top: m.s.r + 1,
      bottom: m.e.r + 1,
      left: m.s.c,
      right: m.e.c,
    }));
    sheets.push({ name, hidden, rows: fillMerges(rows, merges, hiddenRows), merges });
  });
  return { format: 'xls', sheets };
}

function convert(cell: XLSX.CellObject, dates: DateCache, isoDates: Map<string, ExcelDate>): CellValue {
  switch (cell.t) {
    case 'n': {
      const n = cell.v as number;
      if (typeof n !== 'number') return null;
      // A text formula (it joins strings with &) whose kept result is a number: the writer kept no result.
      if (typeof cell.f === 'string' && cell.f.includes('&')) return FORMULA_WITHOUT_RESULT;
      const fmt = typeof cell.z === 'string' ? cell.z : typeof cell.z === 'number' ? XLSX.SSF.get_table()[cell.z] : undefined;
      if (fmt && XLSX.SSF.is_date(fmt)) return dates.get(n) ?? n;
      return n;
    }
    case 's': {
      const s = String(cell.v ?? '');
      return s.length === 0 ? null : s;
    }
    case 'b':
      return Boolean(cell.v);
    case 'e':
      return cell.w ?? (typeof cell.v === 'number' ? (XLSX.SSF.format('General', cell.v) as string) : '#ERROR');
    case 'd': {
      const d = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      if (Number.isNaN(d.getTime())) return null;
      const iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      let x = isoDates.get(iso);
      if (!x) isoDates.set(iso, (x = Object.freeze({ date: iso })));
      return x;
    }
    default:
      return null;
  }
}
