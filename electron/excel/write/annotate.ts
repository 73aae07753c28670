/**
 * The annotated copy of the rows in error (导入预览 → 下载错误说明): the clerk's own columns, in their order and
 * under their headers, each bad cell filled light red with its message as a note, then a 错误说明 column listing
 * every problem of the row ("D 列：…；I 列：…") and 原行号, the row's number in their file. Fixed and saved, the
 * file re-imports like the original (the two extra columns are not member fields).
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs';
import { COLUMNS, HEADER_TO_FIELD, normaliseHeader } from '../../../shared/import/columns';
import { columnLetter } from '../types';
import { DATE_FORMAT, HEADER_STYLE, TEXT_FORMAT, frozenView } from './layout';
import { dateCell } from './export';

export type AnnotatedCell = string | number | boolean | null | { date: string };

export interface AnnotatedInput {
  headers: string[];
  rows: { row: number; cells: AnnotatedCell[]; issues: { columnIndex: number; message: string }[] }[];
}

export const ERRORS_HEADER = '错误说明';
export const SOURCE_ROW_HEADER = '原行号';
export const ANNOTATED_SHEET = '错误行';

const BAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const BAD_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF9C0006' } };
const ERRORS_HEADER_STYLE: Partial<ExcelJS.Style> = { ...HEADER_STYLE, font: { ...HEADER_STYLE.font, color: { argb: 'FFC00000' } } };
const ERRORS_STYLE: Partial<ExcelJS.Style> = { font: { color: { argb: 'FFC00000' } }, alignment: { wrapText: true, vertical: 'top' }, numFmt: TEXT_FORMAT };
const TEXT_STYLE: Partial<ExcelJS.Style> = { numFmt: TEXT_FORMAT };
const DATE_STYLE: Partial<ExcelJS.Style> = { numFmt: DATE_FORMAT };
const PLAIN_STYLE: Partial<ExcelJS.Style> = {};

export async function writeAnnotatedErrors(out: string, input: AnnotatedInput): Promise<void> {
  const width = Math.max(
    input.headers.length,
    ...input.rows.map((r) => Math.max(r.cells.length, ...r.issues.map((i) => i.columnIndex + 1))),
  );
  const headers = Array.from({ length: width }, (_, i) => input.headers[i] ?? '');
  const fields = headers.map((h) => HEADER_TO_FIELD.get(normaliseHeader(h)) ?? null);
  const idCols = new Set(fields.flatMap((f, i) => (f === 'idNumber' ? [i] : [])));

  const excel = await loadExcelJS();

  const wb = new excel.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  wb.creator = '社区党建工作台';
  wb.title = '导入错误说明';
  const ws = wb.addWorksheet(ANNOTATED_SHEET, { views: frozenView(1, 0) });
  ws.columns = [
    ...headers.map((h, i) => {
      const spec = COLUMNS.find((c) => c.field === fields[i]);
      return {
        width: spec?.width ?? Math.min(30, Math.max(10, h.length * 2 + 2)),
        style: idCols.has(i) ? TEXT_STYLE : PLAIN_STYLE,
      };
    }),
    { width: 60, style: TEXT_STYLE },
    { width: 8 },
  ];

  const head = ws.getRow(1);
  headers.forEach((h, i) => {
    const c = head.getCell(i + 1);
    c.value = h;
    c.style = HEADER_STYLE;
  });
  const eh = head.getCell(width + 1);
  eh.value = ERRORS_HEADER;
  eh.style = ERRORS_HEADER_STYLE;
  const rh = head.getCell(width + 2);
  rh.value = SOURCE_ROW_HEADER;
  rh.style = HEADER_STYLE;
  head.commit();

  let r = 2;
  for (const src of input.rows) {
    const row = ws.getRow(r++);
    const byCol = new Map<number, string[]>();
    for (const issue of src.issues) {
      const list = byCol.get(issue.columnIndex);
      if (list) list.push(issue.message);
      else byCol.set(issue.columnIndex, [issue.message]);
    }
    for (let i = 0; i < width; i++) {
      const v = src.cells[i] ?? null;
      const isId = idCols.has(i);
      const value = cellValue(v, isId);
      const base = value instanceof Date ? DATE_STYLE : isId || typeof value === 'string' ? TEXT_STYLE : PLAIN_STYLE;
      const messages = byCol.get(i);
      if (value === null && !messages) continue;
      const cell = row.getCell(i + 1);
      if (value !== null) cell.value = value;
      if (messages) {
        cell.style = { ...base, fill: BAD_FILL, font: BAD_FONT };
        cell.note = messages.join('\n');
      } else {
        cell.style = base;
      }
    }
    const e = row.getCell(width + 1);
    e.value = describeIssues(src.issues, headers);
    e.style = ERRORS_STYLE;
    row.getCell(width + 2).value = src.row;
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

/** "D 列（公民身份号码）：…；I 列（加入党组织日期）：…", issues of the row as a whole first. */
export function describeIssues(issues: readonly { columnIndex: number; message: string }[], headers: readonly string[]): string {
  const sorted = [...issues].sort((a, b) => a.columnIndex - b.columnIndex);
  return sorted
    .map((i) => {
      if (i.columnIndex < 0) return i.message;
      const h = headers[i.columnIndex]?.trim();
      return `${columnLetter(i.columnIndex)} 列${h ? `（${h}）` : ''}：${i.message}`;
    })
    .join('；');
}

function cellValue(v: AnnotatedCell, isId: boolean): string | number | boolean | Date | null {
  if (v === null) return null;
  if (typeof v === 'object') {
    if (isId) return v.date;
    return dateCell(v.date) ?? v.date;
  }
  if (isId) return typeof v === 'number' ? idNumberText(v) : String(v);
  return v;
}

/**
 * An ID number Excel stored as a number, written out in digits as Excel keeps them (15 significant digits, the
 * rest zeros — never 1.1E+17), so the clerk sees what was lost.
 */
export function idNumberText(n: number): string {
  if (!Number.isFinite(n) || !Number.isInteger(n) || Math.abs(n) < 1e15) return String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e\+(\d+)$/.exec(n.toPrecision(15));
  if (!m) return String(n);
  const digits = (m[2] ?? '') + (m[3] ?? '');
  const exp = Number(m[4]);
  return (m[1] ?? '') + digits.padEnd(exp + 1, '0');
}
