/**
 * 统计报表: the workbook higher levels ask for, one sheet per return, from the figures model (shared/returns.ts).
 *
 * Each sheet prints as a form: the title, 填报单位 and the period above the table; two header rows (a group header
 * over its columns); the rows, a 合计 row of SUM formulas (with their values cached, so any reader sees the numbers);
 * 单位负责人, 填表人 and 填报日期 under it, then the notes. A4 landscape, one page wide, the header rows repeated on
 * every page, page numbers in the footer, frozen panes at the first data cell, thin borders round every cell.
 *
 * The file is reproducible: the same figures and print details give the same bytes (the workbook's dates are the
 * 填报日期, and the zip is rewritten with one fixed time on every entry), so a return produced again from the same
 * data has the same SHA-256.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { chineseDate, type ReturnColumn, type ReturnSheet, type ReturnsFigures } from '../../../shared/returns';
import { columnLetter } from '../types';

export interface ReturnsPrint {
  /** 填报单位. */
  unitName: string;
  /** 单位负责人, 填表人: blank leaves a line to sign on. */
  leader: string | null;
  preparer: string | null;
  /** 填报日期 (YYYY-MM-DD). */
  filledOn: string;
}

/** Where each sheet's parts are (1-based rows): the tests and the read-back check use them. */
export const TITLE_ROW = 1;
export const INFO_ROW = 2;
export const GROUP_ROW = 3;
export const LABEL_ROW = 4;
export const FIRST_DATA_ROW = 5;

const FONT = '宋体';
/** A rate with nothing to divide by. */
const NO_RATE = '—';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const HEAD: Partial<ExcelJS.Style> = {
  font: { name: FONT, size: 10, bold: true },
  border: THIN,
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
};
const LABEL: Partial<ExcelJS.Style> = { font: { name: FONT, size: 10 }, border: THIN, alignment: { vertical: 'middle', wrapText: true } };
const GROUP_LABEL: Partial<ExcelJS.Style> = { font: { name: FONT, size: 10, bold: true }, border: THIN, alignment: { vertical: 'middle' } };
const COUNT: Partial<ExcelJS.Style> = { font: { name: FONT, size: 10 }, border: THIN, alignment: { horizontal: 'center', vertical: 'middle' }, numFmt: '0' };
const RATE: Partial<ExcelJS.Style> = { ...COUNT, numFmt: '0.0%' };
const TOTAL_LABEL: Partial<ExcelJS.Style> = { ...LABEL, font: { name: FONT, size: 10, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } };
const TOTAL_COUNT: Partial<ExcelJS.Style> = { ...COUNT, font: { name: FONT, size: 10, bold: true } };
const TOTAL_RATE: Partial<ExcelJS.Style> = { ...TOTAL_COUNT, numFmt: '0.0%' };

/** Display width in Excel's character units: a Chinese character is about two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w;
}

/** A calendar day at UTC midnight (exceljs writes the workbook's dates from it). */
function dayDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export async function writeReturnsWorkbook(figures: ReturnsFigures, print: ReturnsPrint): Promise<Uint8Array> {
  const excel = await loadExcelJS();
  const wb = new excel.Workbook();
  wb.creator = '社区党建工作台';
  wb.lastModifiedBy = '社区党建工作台';
  wb.title = `统计报表 ${figures.scopeName} ${figures.periodLabel}`;
  wb.created = dayDate(print.filledOn);
  wb.modified = dayDate(print.filledOn);
  for (const sheet of figures.sheets) writeSheet(wb, sheet, figures, print);
  const raw = new Uint8Array(await wb.xlsx.writeBuffer());
  return normaliseZip(raw, dayDate(print.filledOn));
}

/** Rewrites the zip with one fixed time on every entry (JSZip stamps each with the current time). */
function normaliseZip(bytes: Uint8Array, mtime: Date): Uint8Array {
  const files = unzipSync(bytes);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(files)) out[name] = [data, { mtime }];
  return zipSync(out, { level: 6, mtime });
}

function writeSheet(wb: ExcelJS.Workbook, sheet: ReturnSheet, figures: ReturnsFigures, print: ReturnsPrint): void {
  const columns = sheet.columns;
  const last = columns.length + 1; // column A holds the row labels
  const L = (i: number) => columnLetter(i); // 0-based → letter
  const colOf = new Map(columns.map((c, i) => [c.label, L(i + 1)]));

  const ws = wb.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: LABEL_ROW, topLeftCell: `B${FIRST_DATA_ROW}`, activeCell: `B${FIRST_DATA_ROW}` }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${GROUP_ROW}:${LABEL_ROW}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  const labelWidth = Math.min(40, Math.max(14, ...sheet.rows.map((r) => displayWidth(r.label) + 2), displayWidth(sheet.rowHeader) + 2));
  ws.columns = [{ width: labelWidth }, ...columns.map((c) => ({ width: Math.max(6.5, Math.min(11, displayWidth(c.label) / 2 + 2)) }))];

  // Title and the line under it.
  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, last);
  const title = ws.getCell(TITLE_ROW, 1);
  title.value = sheet.title;
  title.style = { font: { name: FONT, size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } };
  ws.getRow(TITLE_ROW).height = 32;
  const split = Math.max(2, Math.ceil(last / 2));
  ws.mergeCells(INFO_ROW, 1, INFO_ROW, split);
  ws.mergeCells(INFO_ROW, split + 1, INFO_ROW, Math.max(split + 1, last));
  const unit = ws.getCell(INFO_ROW, 1);
  unit.value = `填报单位（盖章）：${print.unitName}`;
  unit.style = { font: { name: FONT, size: 10 }, alignment: { horizontal: 'left', vertical: 'middle' } };
  const period = ws.getCell(INFO_ROW, split + 1);
  period.value = `统计期间：${figures.periodLabel}　　统计时点：${chineseDate(figures.asOf)}`;
  period.style = { font: { name: FONT, size: 10 }, alignment: { horizontal: 'right', vertical: 'middle' } };
  ws.getRow(INFO_ROW).height = 20;

  // Two header rows: a group's header spans its columns; a column without a group spans both rows.
  ws.mergeCells(GROUP_ROW, 1, LABEL_ROW, 1);
  ws.getCell(GROUP_ROW, 1).value = sheet.rowHeader;
  for (let i = 0; i < columns.length; ) {
    const c = columns[i]!;
    let j = i;
    while (c.group && j + 1 < columns.length && columns[j + 1]!.group === c.group) j++;
    if (c.group) {
      if (j > i) ws.mergeCells(GROUP_ROW, i + 2, GROUP_ROW, j + 2);
      ws.getCell(GROUP_ROW, i + 2).value = c.group;
      for (let k = i; k <= j; k++) ws.getCell(LABEL_ROW, k + 2).value = columns[k]!.label;
    } else {
      ws.mergeCells(GROUP_ROW, i + 2, LABEL_ROW, i + 2);
      ws.getCell(GROUP_ROW, i + 2).value = c.label;
    }
    i = j + 1;
  }
  for (const r of [GROUP_ROW, LABEL_ROW]) for (let col = 1; col <= last; col++) ws.getCell(r, col).style = HEAD;
  ws.getRow(GROUP_ROW).height = 22;
  ws.getRow(LABEL_ROW).height = Math.min(64, 14 * Math.max(2, ...columns.map((c) => Math.ceil(displayWidth(c.label) / 12))) + 6);

  // Data rows, a heading line before each group, then 合计.
  let r = FIRST_DATA_ROW;
  let group: string | undefined;
  const dataRows = sheet.rows.filter((x) => !x.total);
  for (const row of dataRows) {
    if (row.group && row.group !== group) {
      group = row.group;
      for (let col = 1; col <= last; col++) ws.getCell(r, col).style = GROUP_LABEL;
      ws.mergeCells(r, 1, r, last);
      ws.getCell(r, 1).value = row.group;
      r++;
    }
    writeRow(ws, r, row.label, row.values, columns, colOf, false, null);
    r++;
  }
  const totalRow = sheet.rows.find((x) => x.total);
  if (totalRow) {
    const range = dataRows.length ? { from: FIRST_DATA_ROW, to: r - 1 } : null;
    writeRow(ws, r, totalRow.label, totalRow.values, columns, colOf, true, range);
    r++;
  }
  const tableEnd = r - 1;
  for (let row = FIRST_DATA_ROW; row <= tableEnd; row++) ws.getRow(row).height = 18;

  // Signature line and notes.
  r++;
  const third = Math.max(1, Math.floor(last / 3));
  const segments: [number, number, string][] = [
    [1, third, `单位负责人：${print.leader ?? '__________'}`],
    [third + 1, Math.max(third + 1, 2 * third), `填表人：${print.preparer ?? '__________'}`],
    [Math.max(third + 1, 2 * third) + 1, last, `填报日期：${chineseDate(print.filledOn)}`],
  ];
  for (const [from, to, text] of segments) {
    if (from > last) continue;
    if (to > from) ws.mergeCells(r, from, r, Math.min(to, last));
    const c = ws.getCell(r, from);
    c.value = text;
    c.style = { font: { name: FONT, size: 10 }, alignment: { horizontal: from === 1 ? 'left' : 'center', vertical: 'middle' } };
  }
  ws.getRow(r).height = 22;
  r += 2;
  if (sheet.notes.length) {
    sheet.notes.forEach((note, i) => {
      ws.mergeCells(r, 1, r, last);
      const c = ws.getCell(r, 1);
      c.value = `${i === 0 ? '说明：' : '　　　'}${i + 1}. ${note}`;
      c.style = { font: { name: FONT, size: 9 }, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } };
      const widthChars = ws.columns.reduce((a, col) => a + (col.width ?? 8), 0);
      ws.getRow(r).height = 13 * Math.max(1, Math.ceil((displayWidth(note) + 10) / Math.max(40, widthChars))) + 3;
      r++;
    });
  }
  ws.pageSetup.printArea = `A${TITLE_ROW}:${L(last - 1)}${r - 1}`;
}

/**
 * One row of the table. Count columns hold their numbers (in 合计: SUM of the rows above, value cached); a column that
 * sums others and a rate hold formulas over the same row, with the value the figures model gives.
 */
function writeRow(
  ws: ExcelJS.Worksheet,
  r: number,
  label: string,
  values: Record<string, number | null>,
  columns: readonly ReturnColumn[],
  colOf: ReadonlyMap<string, string>,
  total: boolean,
  range: { from: number; to: number } | null,
): void {
  const row = ws.getRow(r);
  const head = row.getCell(1);
  head.value = label;
  head.style = total ? TOTAL_LABEL : LABEL;
  columns.forEach((c, i) => {
    const cell = row.getCell(i + 2);
    const value = values[c.label] ?? 0;
    const me = colOf.get(c.label)!;
    if (c.sumOf) cell.value = { formula: c.sumOf.map((l) => `${colOf.get(l)}${r}`).join('+'), result: value };
    else if (c.rateOf) {
      const num = c.rateOf.numerator.map((l) => `${colOf.get(l)}${r}`).join('+');
      const den = `${colOf.get(c.rateOf.denominator)}${r}`;
      // No denominator, no rate: "—", as the figures model says (null), never 0 %.
      cell.value = { formula: `IF(${den}=0,"${NO_RATE}",(${num})/${den})`, result: values[c.label] ?? NO_RATE };
    } else if (total) cell.value = range ? { formula: `SUM(${me}${range.from}:${me}${range.to})`, result: value } : value;
    else cell.value = value;
    cell.style = c.rateOf ? (total ? TOTAL_RATE : RATE) : total ? TOTAL_COUNT : COUNT;
    if (c.decimals) cell.style = { ...cell.style, numFmt: `0.${'0'.repeat(c.decimals)}` };
  });
}
