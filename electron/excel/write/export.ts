/**
 * 导出名册: members in the template's layout (headers row 1, instructions row 2, data from row 3), so the file
 * re-imports with no mapping and changes nothing. Streams with exceljs's WorkbookWriter, one row committed at
 * a time; per-row work is a lookup per column and one shared style object per column (exceljs caches styles by
 * object identity), so it stays close to an unstyled streaming write.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs';
import type { Member } from '../../../shared/contract';
import { COLUMNS, type ImportField } from '../../../shared/import/columns';
import {
  EDUCATION_LABELS,
  FLOATING_DIRECTION_LABELS,
  MEMBERSHIP_KIND_LABELS,
  SEX_LABELS,
  STANDING_LABELS,
  TAG_LABELS,
  type Tag,
} from '../../../shared/domain/labels';
import {
  FIRST_DATA_ROW,
  MEMBERS_SHEET,
  NO,
  OPTIONS_SHEET,
  TAG_SEPARATOR,
  YES,
  addValidations,
  columnDefs,
  columnFormat,
  frozenView,
  optionLists,
  printSetup,
  writeHeadRows,
  writeOptionsSheet,
} from './layout';

export type ExportCell = string | Date | undefined;

/** A calendar date 'YYYY-MM-DD' as a date cell (UTC midnight: exceljs writes it as a whole serial day). */
export function dateCell(iso: string | null): Date | undefined {
  if (!iso) return undefined;
  const y = +iso.slice(0, 4);
  const m = +iso.slice(5, 7);
  const d = +iso.slice(8, 10);
  if (!y || !m || !d) return undefined;
  return new Date(Date.UTC(y, m - 1, d));
}

function text(v: string | null): string | undefined {
  return v === null || v === '' ? undefined : v;
}

/** The 分类 cell: labels joined with 、, without the derived 流动党员 (是否为流动党员 carries it). */
export function tagsCell(tags: readonly Tag[]): string | undefined {
  let s = '';
  for (const t of tags) {
    if (t === 'floating') continue;
    s = s ? s + TAG_SEPARATOR + TAG_LABELS[t] : TAG_LABELS[t];
  }
  return s || undefined;
}

/**
 * Date cells by their ISO text: a register repeats the same dates often (入党 on 07-01, whole cohorts), and
 * exceljs only reads a Date, so one object serves every cell with that date. Cleared per export.
 */
const dates = new Map<string, Date | undefined>();
function cachedDate(iso: string | null): Date | undefined {
  if (!iso) return undefined;
  let d = dates.get(iso);
  if (d === undefined && !dates.has(iso)) {
    d = dateCell(iso);
    if (dates.size > 200_000) dates.clear();
    dates.set(iso, d);
  }
  return d;
}

const CELL: Record<ImportField, (m: Member) => ExportCell> = {
  name: (m) => m.name,
  sex: (m) => (m.sex ? SEX_LABELS[m.sex] : undefined),
  ethnicity: (m) => text(m.ethnicity),
  idNumber: (m) => String(m.idNumber),
  birthDate: (m) => cachedDate(m.birthDate),
  education: (m) => (m.education ? EDUCATION_LABELS[m.education] : undefined),
  membershipKind: (m) => MEMBERSHIP_KIND_LABELS[m.membershipKind],
  branch: (m) => text(m.branchName),
  joinedOn: (m) => cachedDate(m.joinedOn),
  confirmedOn: (m) => cachedDate(m.confirmedOn),
  occupation: (m) => text(m.occupation),
  mobile: (m) => text(m.mobile),
  phone: (m) => text(m.phone),
  address: (m) => text(m.address),
  standing: (m) => STANDING_LABELS[m.standing],
  lostContact: (m) => (m.lostContact ? YES : NO),
  lostContactSince: (m) => cachedDate(m.lostContactSince),
  floating: (m) => (m.floating ? YES : NO),
  floatingDirection: (m) => (m.floatingDirection ? FLOATING_DIRECTION_LABELS[m.floatingDirection] : undefined),
  floatingDestination: (m) => text(m.floatingDestination),
  tags: (m) => tagsCell(m.tags),
  specialties: (m) => text(m.specialties),
  note: (m) => text(m.note),
  idOverrideReason: (m) => text(m.idOverrideReason),
};

const CELLS = COLUMNS.map((c) => CELL[c.field]);
/** Columns whose cells carry the text format themselves, not only the column: Excel would make numbers of them. */
const CELL_TEXT_FIELDS: ReadonlySet<ImportField> = new Set(['idNumber', 'mobile', 'phone']);
/** exceljs gives an empty style object the workbook's default style (no s attribute); shared so it is looked up once. */
const DEFAULT_STYLE: Partial<ExcelJS.Style> = {};

/** One member as the export's cells, in COLUMNS order (undefined = blank). Also used by the benchmark. */
export function memberCells(m: Member): ExportCell[] {
  const out = new Array<ExportCell>(CELLS.length);
  for (let i = 0; i < CELLS.length; i++) out[i] = CELLS[i]!(m);
  return out;
}

export async function exportMembers(
  out: string,
  members: Iterable<Member> | AsyncIterable<Member>,
  opts: { title?: string; branchNames?: string[] },
): Promise<{ rows: number }> {
  const excel = await loadExcelJS();
  const wb = new excel.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  wb.creator = '社区党建工作台';
  wb.title = opts.title ?? '党员名册';
  wb.created = new Date();
  const title = opts.title ?? '党员名册';
  const ws = wb.addWorksheet(MEMBERS_SHEET, {
    views: frozenView(2),
    pageSetup: printSetup(),
    headerFooter: { oddHeader: `&C&"宋体,Bold"&12${title.replace(/&/g, '&&')}`, oddFooter: '&C第 &P 页，共 &N 页' },
  });
  // Column formats only where the cells carry them anyway (ID, phones, dates), so rows the clerk adds in Excel
  // keep them; a style on any other column would cost exceljs a style merge in every cell it creates.
  const defs = columnDefs();
  ws.columns = COLUMNS.map((c, i) => (c.kind === 'date' || CELL_TEXT_FIELDS.has(c.field) ? defs[i]! : { width: c.width }));
  writeHeadRows(ws);
  ws.getRow(1).commit();
  ws.getRow(2).commit();

  // Cell styles, one shared object per column: text format on the cells whose content Excel would turn into a
  // number if the clerk retyped it (ID, phone numbers), the date format on dates; other cells keep the default
  // style.
  const styles = COLUMNS.map((c) => (c.kind === 'date' || CELL_TEXT_FIELDS.has(c.field) ? { numFmt: columnFormat(c) } : DEFAULT_STYLE));
  const n = CELLS.length;
  const branches = new Set(opts.branchNames ?? []);
  let r = FIRST_DATA_ROW;
  const write = (m: Member) => {
    const row = ws.getRow(r++);
    for (let i = 0; i < n; i++) {
      const v = CELLS[i]!(m);
      if (v === undefined) continue;
      const cell = row.getCell(i + 1);
      cell.value = v;
      // One shared object per column, so exceljs finds the style by identity (a fresh {} per cell is slower).
      cell.style = styles[i]!;
    }
    row.commit();
    if (m.branchName) branches.add(m.branchName);
  };
  dates.clear();
  if (Symbol.asyncIterator in members) for await (const m of members) write(m);
  else for (const m of members) write(m);
  dates.clear();
  const rows = r - FIRST_DATA_ROW;

  // The same drop-downs as the template over the exported rows (and as many again, for rows the clerk adds).
  const lists = optionLists([...branches]);
  const options = wb.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });
  const ranges = writeOptionsSheet(options, lists, true);
  addValidations(ws, lists, ranges, FIRST_DATA_ROW, Math.max(FIRST_DATA_ROW + rows * 2, FIRST_DATA_ROW + 999));
  ws.commit();
  options.commit();
  await wb.commit();
  return { rows };
}
