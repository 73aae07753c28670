/**
 * 下载导入模板: the .xlsx a clerk fills in. Row 1 the official headers, row 2 the instructions, data from
 * row 3 — exactly the layout the export writes and the importer reads with no mapping.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs';
import { COLUMNS, COLUMN_HINTS } from '../../../shared/import/columns';
import { columnLetter } from '../types';
import {
  FIRST_DATA_ROW,
  GUIDE_SHEET,
  MEMBERS_SHEET,
  OPTIONS_SHEET,
  TAG_SEPARATOR,
  TEMPLATE_ROWS,
  MANUAL_TAG_LABELS,
  HEADER_STYLE,
  addValidations,
  choicesFor,
  columnDefs,
  columnFormat,
  frozenView,
  optionLists,
  printSetup,
  writeHeadRows,
  writeOptionsSheet,
} from './layout';

export async function writeTemplate(out: string, opts: { branchNames: string[] }): Promise<void> {
  const branchNames = [...new Set(opts.branchNames.map((n) => n.trim()).filter(Boolean))];
  const excel = await loadExcelJS();
  const wb = new excel.Workbook();
  wb.creator = '社区党建工作台';
  wb.title = '党员信息导入模板';
  wb.created = new Date();

  const ws = wb.addWorksheet(MEMBERS_SHEET, { views: frozenView(2), pageSetup: printSetup() });
  const guide = wb.addWorksheet(GUIDE_SHEET, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const options = wb.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });

  ws.columns = columnDefs();
  writeHeadRows(ws);

  // Pre-format the rows a clerk fills: the ID (and every text column) as text, so Excel keeps 18 digits and a
  // trailing X; date columns as yyyy-mm-dd. The columns carry the same format for rows beyond these.
  const styles = COLUMNS.map((c) => ({ numFmt: columnFormat(c) }));
  const last = FIRST_DATA_ROW + TEMPLATE_ROWS - 1;
  for (let r = FIRST_DATA_ROW; r <= last; r++) {
    const row = ws.getRow(r);
    for (let i = 0; i < styles.length; i++) row.getCell(i + 1).style = styles[i]!;
  }

  const lists = optionLists(branchNames);
  const ranges = writeOptionsSheet(options, lists);
  addValidations(ws, lists, ranges, FIRST_DATA_ROW, last);

  writeGuide(guide, branchNames);
  await wb.xlsx.writeFile(out);
}

function writeGuide(ws: ExcelJS.Worksheet, branchNames: readonly string[]): void {
  ws.columns = [{ width: 6 }, { width: 18 }, { width: 8 }, { width: 70 }];
  const title = ws.getRow(1);
  title.getCell(1).value = '党员信息导入模板填写说明';
  title.getCell(1).font = { name: '宋体', size: 14, bold: true };
  title.height = 24;
  ws.mergeCells('A1:D1');
  const general = [
    `1. 请在“党员信息”工作表中填写，第 1 行是栏目名称，第 2 行是填写提示，从第 3 行起每行填写一名党员。请不要修改、删除或调换第 1、2 行和各列的顺序。`,
    `2. 姓名、公民身份号码、人员类别为必填项（栏目名称为红色）。其余栏目可暂不填写。`,
    `3. 公民身份号码一栏已设为“文本”格式，请直接输入 18 位号码（最后一位可以是 X）。如从其他表格粘贴，请使用“选择性粘贴—数值”，以免号码变成 1.1E+17 这样的形式、丢失末位。`,
    `4. 日期请写成 1980-01-01 的形式（年-月-日）。`,
    `5. 有下拉箭头的栏目请从列表中选择。“所在党支部”的列表为本软件中已建立的党支部${branchNames.length ? `（共 ${branchNames.length} 个）` : '（目前尚未建立党支部，可直接填写党支部全称）'}；填写列表外的党支部时，导入会提示创建。`,
    `6. 同一公民身份号码已在名册中的，导入时按表格内容更新该党员的信息；新的号码则新增党员。导入前可预览新增、修改和有错误的行。`,
  ];
  let r = 2;
  for (const line of general) {
    const row = ws.getRow(r++);
    row.getCell(1).value = line;
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    ws.mergeCells(`A${row.number}:D${row.number}`);
    row.height = 32;
  }
  r++;
  const head = ws.getRow(r++);
  ['列', '栏目', '必填', '填写要求'].forEach((h, i) => {
    const c = head.getCell(i + 1);
    c.value = h;
    c.style = HEADER_STYLE;
  });
  COLUMNS.forEach((c, i) => {
    const row = ws.getRow(r++);
    row.getCell(1).value = columnLetter(i);
    row.getCell(2).value = c.header;
    row.getCell(3).value = c.required ? '是' : '';
    row.getCell(4).value = describe(c.field, c.kind, COLUMN_HINTS[c.field]);
    row.getCell(4).alignment = { wrapText: true, vertical: 'top' };
    for (let j = 1; j <= 3; j++) row.getCell(j).alignment = { vertical: 'top' };
  });
}

function describe(field: (typeof COLUMNS)[number]['field'], kind: (typeof COLUMNS)[number]['kind'], hint: string | undefined): string {
  const parts: string[] = [];
  if (hint) parts.push(hint);
  if (field === 'tags') parts.push(`可选：${MANUAL_TAG_LABELS.join(TAG_SEPARATOR)}；“流动党员”按“是否为流动党员”自动标记`);
  else if (field === 'ethnicity') parts.push('从下拉列表选择，如：汉族、回族、满族');
  else if (field !== 'branch') {
    const choices = choicesFor(field, []);
    if (choices) parts.push(`从下拉列表选择：${choices.join(' / ')}`);
  }
  if (kind === 'date' && !hint?.includes('如')) parts.push('日期，如 2003-07-01');
  if (field === 'lostContactSince') parts.push('失联党员填写');
  if (field === 'floatingDestination') parts.push('流动党员填写外出所到地点');
  return [...new Set(parts)].join('；');
}
