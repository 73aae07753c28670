/**
 * The layout our template and export share: sheet names, the header and instructions rows, per-column
 * formats and the drop-down lists. One place, so a file we export is a file our template describes and
 * re-imports with no mapping.
 */
import type ExcelJS from 'exceljs';
import { COLUMNS, COLUMN_HINTS, type ColumnSpec, type ImportField } from '../../../shared/import/columns';
import {
  EDUCATION_LABELS,
  ETHNICITIES,
  FLOATING_DIRECTION_LABELS,
  MANUAL_TAGS,
  MEMBERSHIP_KIND_LABELS,
  SEX_LABELS,
  STANDING_LABELS,
  TAG_LABELS,
} from '../../../shared/domain/labels';
import { columnLetter } from '../types';

export const MEMBERS_SHEET = '党员信息';
export const OPTIONS_SHEET = '选项';
export const GUIDE_SHEET = '填写说明';
export const HEADER_ROW = 1;
export const HINT_ROW = 2;
export const FIRST_DATA_ROW = 3;
/** Rows of the template pre-formatted (ID as text, dates) and covered by the drop-downs. */
export const TEMPLATE_ROWS = 2000;
export const DATE_FORMAT = 'yyyy-mm-dd';
export const TEXT_FORMAT = '@';
export const YES = '是';
export const NO = '否';
/** Joins several 分类 in one cell (the importer splits on it, and on the other usual separators). */
export const TAG_SEPARATOR = '、';

/** The 分类 a clerk may write (流动党员 is derived from 是否为流动党员). */
export const MANUAL_TAG_LABELS: readonly string[] = MANUAL_TAGS.map((t) => TAG_LABELS[t]);

/** What each cell of a column holds: dates as date cells, everything else as text (so numbers stay as typed). */
export function columnFormat(c: ColumnSpec): string {
  return c.kind === 'date' ? DATE_FORMAT : TEXT_FORMAT;
}

/** Shared style objects, one per column (exceljs caches a style by object identity). */
export function dataStyles(): Partial<ExcelJS.Style>[] {
  return COLUMNS.map((c) => ({ numFmt: columnFormat(c) }));
}

export const HEADER_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 11, bold: true };
export const REQUIRED_HEADER_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 11, bold: true, color: { argb: 'FFC00000' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const HINT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFAFAFA' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

export const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: HEADER_FONT,
  fill: HEADER_FILL,
  border: THIN,
  alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
  numFmt: TEXT_FORMAT,
};
export const REQUIRED_HEADER_STYLE: Partial<ExcelJS.Style> = { ...HEADER_STYLE, font: REQUIRED_HEADER_FONT };
export const HINT_STYLE: Partial<ExcelJS.Style> = {
  font: { name: '宋体', size: 9, italic: true, color: { argb: 'FF7F7F7F' } },
  fill: HINT_FILL,
  border: THIN,
  alignment: { vertical: 'top', horizontal: 'left', wrapText: true },
  numFmt: TEXT_FORMAT,
};

/** Row 2: the instructions row, one cell per column ('' where there is nothing to say). */
export function hintRow(): string[] {
  return COLUMNS.map((c) => COLUMN_HINTS[c.field] ?? '');
}

/** Writes rows 1 and 2 (headers, instructions) with their styles; the caller commits them when streaming. */
export function writeHeadRows(ws: ExcelJS.Worksheet): void {
  const head = ws.getRow(HEADER_ROW);
  const hint = ws.getRow(HINT_ROW);
  const hints = hintRow();
  COLUMNS.forEach((c, i) => {
    const h = head.getCell(i + 1);
    h.value = c.header;
    h.style = c.required ? REQUIRED_HEADER_STYLE : HEADER_STYLE;
    if (c.field === 'tags') h.note = tagsNote();
    const t = hint.getCell(i + 1);
    const text = hints[i];
    if (text) t.value = text;
    t.style = HINT_STYLE;
  });
  head.height = 30;
  hint.height = 42;
}

export function tagsNote(): string {
  return `可填写多个分类，用顿号（${TAG_SEPARATOR}）分隔。可选：${MANUAL_TAG_LABELS.join(TAG_SEPARATOR)}。“流动党员”按“是否为流动党员”自动标记，不必填写。`;
}

/** Column widths (characters) and the column's own format, for cells the clerk adds later. */
export function columnDefs(styled = true): Partial<ExcelJS.Column>[] {
  return COLUMNS.map((c) => (styled ? { width: c.width, style: { numFmt: columnFormat(c) } } : { width: c.width }));
}

/** Frozen header (and the name column), as exceljs wants it. */
export function frozenView(rows: number, cols = 1): Partial<ExcelJS.WorksheetView>[] {
  return [{ state: 'frozen', xSplit: cols, ySplit: rows, topLeftCell: `${columnLetter(cols)}${rows + 1}`, activeCell: `${columnLetter(cols)}${rows + 1}` }];
}

/** A4 landscape, one page wide, the header and instructions rows repeated on each page. */
export function printSetup(): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${HEADER_ROW}:${HINT_ROW}`,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

/** The values a coded column accepts, as the clerk writes them. */
export function choicesFor(field: ImportField, branchNames: readonly string[]): readonly string[] | null {
  switch (field) {
    case 'sex':
      return Object.values(SEX_LABELS);
    case 'ethnicity':
      return ETHNICITIES;
    case 'education':
      return Object.values(EDUCATION_LABELS);
    case 'membershipKind':
      return Object.values(MEMBERSHIP_KIND_LABELS);
    case 'branch':
      return branchNames;
    case 'standing':
      return Object.values(STANDING_LABELS);
    case 'lostContact':
    case 'floating':
      return [YES, NO];
    case 'floatingDirection':
      return Object.values(FLOATING_DIRECTION_LABELS);
    default:
      return null;
  }
}

/** A list short enough, and free of commas and quotes, can sit in the validation itself; others go to the hidden sheet. */
function inlineList(values: readonly string[]): string | null {
  if (values.some((v) => /[,"，]/.test(v))) return null;
  const s = values.join(',');
  return s.length <= 200 ? `"${s}"` : null;
}

export interface OptionList {
  field: ImportField;
  title: string;
  values: readonly string[];
}

/** Every coded column's list (the branch list only when there are branches). */
export function optionLists(branchNames: readonly string[]): OptionList[] {
  const out: OptionList[] = [];
  for (const c of COLUMNS) {
    const values = choicesFor(c.field, branchNames);
    if (values && values.length) out.push({ field: c.field, title: `${c.header}可选值`, values });
  }
  return out;
}

/** Fills the hidden 选项 sheet: one column per list, a title in row 1, values from row 2. Returns each list's range. */
export function writeOptionsSheet(ws: ExcelJS.Worksheet, lists: readonly OptionList[], commit = false): Map<ImportField, string> {
  const ranges = new Map<ImportField, string>();
  const longest = Math.max(0, ...lists.map((l) => l.values.length));
  // Before any row is committed: a streaming sheet writes its columns with the first row.
  ws.columns = lists.map((l) => ({ width: Math.min(40, Math.max(12, ...l.values.map((v) => v.length * 2 + 2))) }));
  const title = ws.getRow(1);
  lists.forEach((l, j) => {
    title.getCell(j + 1).value = l.title;
    const L = columnLetter(j);
    ranges.set(l.field, `'${OPTIONS_SHEET}'!$${L}$2:$${L}$${l.values.length + 1}`);
  });
  if (commit) title.commit();
  for (let r = 0; r < longest; r++) {
    const row = ws.getRow(r + 2);
    lists.forEach((l, j) => {
      const v = l.values[r];
      if (v !== undefined) row.getCell(j + 1).value = v;
    });
    if (commit) row.commit();
  }
  return ranges;
}

interface ValidationTarget {
  dataValidations: { add(range: string, v: ExcelJS.DataValidation): void };
}

/** The drop-downs (and the 分类 prompt) on rows first..last of the member sheet. */
export function addValidations(ws: ExcelJS.Worksheet, lists: readonly OptionList[], ranges: ReadonlyMap<ImportField, string>, first: number, last: number): void {
  if (last < first) return;
  const dv = (ws as unknown as ValidationTarget).dataValidations;
  COLUMNS.forEach((c, i) => {
    const L = columnLetter(i);
    const sqref = `${L}${first}:${L}${last}`;
    if (c.field === 'tags') {
      // Several values per cell: no strict list, only a prompt when the cell is selected.
      dv.add(sqref, {
        type: 'any',
        formulae: [],
        allowBlank: true,
        showInputMessage: true,
        promptTitle: '分类',
        prompt: `可填多个，用顿号分隔：${MANUAL_TAG_LABELS.join(TAG_SEPARATOR)}`,
      } as unknown as ExcelJS.DataValidation);
      return;
    }
    const list = lists.find((l) => l.field === c.field);
    if (!list) return;
    const formula = inlineList(list.values) ?? ranges.get(c.field);
    if (!formula) return;
    const isBranch = c.field === 'branch';
    dv.add(sqref, {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      // A branch not yet in the database may still be named: the import offers to create it.
      errorStyle: isBranch ? 'warning' : 'stop',
      errorTitle: `${c.header}填写有误`,
      error: isBranch
        ? '这个党支部不在下拉列表中。如确为新的党支部，可点“是”继续，导入时会提示创建。'
        : `请从下拉列表中选择${c.header}，不要自行输入其他内容。`,
    });
  });
}
