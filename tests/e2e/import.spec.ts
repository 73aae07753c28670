/**
 * 导入党员 through the real UI, against browser mode: a spreadsheet with a title above the header, clerk-style
 * column names, valid rows and rows in error; the preview's counts and messages (row number and column as the
 * clerk sees them), the annotated download, creating a branch the file names, importing the valid rows, the
 * register, and re-importing the same file (all unchanged). Also the template and the export.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Download, Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { idCheckChar } from '../../shared/rules/idNumber';
import { COLUMNS } from '../../shared/import/columns';
import { toMemberInput } from '../../shared/rules/member';

function validId(birth: string, seq: string, region = '330106'): string {
  const first17 = region + birth + seq;
  return first17 + idCheckChar(first17);
}
function wrongCheck(id: string): string {
  return id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
}

interface Org {
  id: number;
  name: string;
}
let community: Org;
let branch: Org;
let dir: string;

const NEW_BRANCH = '和平社区第二党支部';
const ID_A = validId('19800101', '123');
const ID_B = validId('19850202', '224');
const ID_BAD = wrongCheck(validId('19700303', '335'));
const ID_D = validId('19750404', '446');
const ID_F = validId('19900606', '668');

/**
 * Written the way clerks' files look: a merged title, a 填报单位 line, then the header (row 3) with a 序号
 * column nobody maps and synonyms (身份证号, 入党时间, 联系电话); the ID column stored as text.
 * Row 5 valid; 6 a wrong check digit; 7 an impossible date; 8 repeats row 4's number (both in error); 9 valid
 * but names a branch that does not exist yet.
 */
async function writeClerkFile(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员花名册');
  ws.addRow(['和平社区党员信息汇总表']);
  ws.mergeCells('A1:H1');
  ws.addRow(['填报单位：和平社区党委']);
  ws.addRow(['序号', '姓名', '性别', '身份证号', '人员类别', '所在党支部', '入党时间', '联系电话']);
  ws.addRow([1, '导入甲', '男', ID_A, '正式党员', branch.name, '2003-07-01', '13800000001']);
  ws.addRow([2, '导入乙', '女', ID_B, '正式党员', branch.name, '2005.7.1', '13800000002']);
  ws.addRow([3, '导入丙', '男', ID_BAD, '正式党员', branch.name, '1999-07-01', '']);
  ws.addRow([4, '导入丁', '女', ID_D, '正式党员', branch.name, '2003-13-45', '']);
  ws.addRow([5, '导入戊', '男', ID_A, '正式党员', branch.name, '2010-07-01', '']);
  ws.addRow([6, '导入己', '女', ID_F, '预备党员', NEW_BRANCH, '2024-07-01', '']);
  ws.getColumn(4).numFmt = '@';
  await wb.xlsx.writeFile(file);
}

test.beforeAll(async ({ webApp }) => {
  const street = await webApp.must<Org>('orgs.create', { org: { name: '导入测试街道党工委', kind: 'streetCommittee', parentId: null } });
  community = await webApp.must<Org>('orgs.create', { org: { name: '和平社区党委', kind: 'communityCommittee', parentId: street.id } });
  branch = await webApp.must<Org>('orgs.create', { org: { name: '和平社区第一党支部', kind: 'branch', parentId: community.id } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-import-e2e-'));
});
test.afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const count = (page: Page, kind: string): Locator => page.getByTestId('import-counts').getByTestId(`count-${kind}`).locator('.num');

async function chooseFile(page: Page, file: string): Promise<void> {
  await page.getByLabel('选择要导入的表格文件').setInputFiles(file);
}

async function readDownload(download: Download): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await download.path())!);
  return wb;
}

/** The cells of a row as text (rich text joined, dates as yyyy-mm-dd). */
function rowTexts(ws: ExcelJS.Worksheet, n: number): string[] {
  const out: string[] = [];
  ws.getRow(n).eachCell({ includeEmpty: true }, (c, col) => {
    out[col - 1] = c.text ?? '';
  });
  return out;
}

test('a clerk previews a file with errors, downloads the annotated rows, creates the branch and imports the valid rows', async ({ page, webApp }) => {
  const file = path.join(dir, '和平社区党员名册.xlsx');
  await writeClerkFile(file);

  await page.goto(webApp.url);
  await page.getByRole('button', { name: /导入$/ }).click();
  await expect(page.getByRole('heading', { name: '导入党员' })).toBeVisible();
  await chooseFile(page, file);

  // ② The preview: sheet and header row found, counts, mapping.
  await expect(page.getByTestId('import-counts')).toBeVisible();
  await expect(page.getByTestId('detected-sheet')).toHaveText('工作表“党员花名册”，第 3 行为表头');
  await expect(count(page, 'total')).toHaveText('6');
  await expect(count(page, 'new')).toHaveText('2');
  await expect(count(page, 'changed')).toHaveText('0');
  await expect(count(page, 'unchanged')).toHaveText('0');
  await expect(count(page, 'error')).toHaveText('4');
  // 序号 is no member field: offered for mapping, left out, not marked yellow. 身份证号 is recognised as 公民身份号码.
  await expect(page.getByTestId('mapping-0')).toHaveClass(/skipped/); // not marked as a column it could not place
  await expect(page.getByLabel('D 列“身份证号”导入为')).toBeVisible();
  await expect(page.getByTestId('mapping-3')).toContainText('公民身份号码');

  // Each error with its row number and column as the clerk sees them in the file.
  const rows = page.getByTestId('preview-rows');
  await expect(rows).toContainText(`第 6 行 D 列（身份证号）“${ID_BAD}”：`);
  await expect(rows.locator('tr[data-row-key="6"]')).toContainText(/校验/);
  // The value once: the message quotes it already.
  await expect(rows.locator('tr[data-row-key="7"]')).toContainText('第 7 行 G 列（入党时间）：“2003-13-45”不是存在的日期');
  await expect(rows.locator('tr[data-row-key="8"]')).toContainText('第 8 行 D 列（身份证号）');
  await expect(rows.locator('tr[data-row-key="8"]')).toContainText('与第 4 行的公民身份号码重复');
  await expect(rows.locator('tr[data-row-key="4"]')).toContainText('与第 8 行的公民身份号码重复');
  const idMessage = (await rows.locator('tr[data-row-key="6"] .issue').first().textContent())!;
  const message6 = idMessage.replace(/^.*?：/, '');

  // The annotated copy: the rows in error, with a 错误说明 column holding the message.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载错误说明' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const annotated = await readDownload(download);
  const ws = annotated.worksheets[0]!;
  let header = 0;
  let noteCol = -1;
  ws.eachRow((r, n) => {
    const texts = rowTexts(ws, n);
    const i = texts.indexOf('错误说明');
    if (!header && i >= 0) {
      header = n;
      noteCol = i;
    }
    void r;
  });
  expect(header).toBeGreaterThan(0);
  const notes: string[] = [];
  const ids: string[] = [];
  for (let n = header + 1; n <= ws.rowCount; n++) {
    const t = rowTexts(ws, n);
    notes.push(t[noteCol] ?? '');
    ids.push(t[3] ?? '');
  }
  const badRow = ids.indexOf(ID_BAD);
  expect(badRow).toBeGreaterThanOrEqual(0);
  expect(notes[badRow]).toContain(message6);
  expect(ids).not.toContain(ID_B); // valid rows are not in it

  // The branch the file names: listed with its suggested parent (the committee whose name it starts with).
  const branches = page.getByTestId('unknown-branches');
  await expect(branches).toContainText(NEW_BRANCH);
  await expect(branches.getByTestId('unknown-branch')).toContainText('1 行');
  await expect(branches).toContainText(community.name);
  // Ticked by default (the preview counts its rows as new); unticking leaves its row out, ticking again puts it back.
  const one = branches.getByRole('checkbox', { name: `创建党支部“${NEW_BRANCH}”` });
  await expect(one).toBeChecked();
  await one.uncheck();
  await expect(page.getByRole('button', { name: /导入正确的行（1 行）/ })).toBeVisible();
  await expect(page.getByText('有 1 行所在的党支部不创建，这些行不会导入。')).toBeVisible();
  await branches.getByRole('checkbox', { name: '创建这些党支部' }).check();
  await expect(one).toBeChecked();

  // Strict mode is not offered while rows are in error; the valid rows (2) can go in.
  await expect(page.getByRole('button', { name: '全部正确才导入' })).toBeDisabled();
  await page.getByRole('button', { name: /导入正确的行（2 行）/ }).click();

  // ④ Done.
  const done = page.getByTestId('import-done');
  await expect(done).toBeVisible();
  await expect(done.getByTestId('done-inserted').locator('.num')).toHaveText('2');
  await expect(done.getByTestId('done-updated').locator('.num')).toHaveText('0');
  await expect(done).toContainText('导入前已自动备份');
  await expect(done).toContainText(`新建了党支部：${NEW_BRANCH}`);
  const batchId = (await done.getByTestId('batch-id').textContent())!.trim();
  expect(batchId.length).toBeGreaterThan(0);

  // The history lists it.
  const history = page.getByTestId('import-history');
  await expect(history).toContainText('和平社区党员名册.xlsx');
  await expect(history.locator('tr', { hasText: batchId.slice(0, 8) }).first()).toBeVisible();

  const orgs = await webApp.must<{ id: number; name: string; parentId: number | null }[]>('orgs.list', {});
  expect(orgs.find((o) => o.name === NEW_BRANCH)?.parentId).toBe(community.id);

  // The register shows the imported members.
  await done.getByRole('button', { name: '查看名册' }).click();
  await expect(page.getByRole('heading', { name: '党员名册' })).toBeVisible();
  await page.getByPlaceholder(/拼音首字母/).fill('导入己');
  const table = page.getByTestId('member-table');
  await expect(table.locator('tr[data-row-key]')).toHaveCount(1);
  await expect(table).toContainText(NEW_BRANCH);
  await page.getByPlaceholder(/拼音首字母/).fill('导入乙');
  await expect(table.locator('tr[data-row-key]')).toHaveCount(1);
  await expect(table).toContainText(branch.name);
  for (const notImported of ['导入甲', '导入丙', '导入丁', '导入戊']) {
    await page.getByPlaceholder(/拼音首字母/).fill(notImported);
    await expect(table).toContainText('没有符合条件的党员');
  }

  // The same file again: nothing new, nothing changed; the same rows still in error.
  await page.getByRole('button', { name: /导入$/ }).click();
  await chooseFile(page, file);
  await expect(page.getByTestId('import-counts')).toBeVisible();
  await expect(count(page, 'new')).toHaveText('0');
  await expect(count(page, 'changed')).toHaveText('0');
  await expect(count(page, 'unchanged')).toHaveText('2');
  await expect(count(page, 'error')).toHaveText('4');
  await expect(page.getByTestId('unknown-branches')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /导入正确的行/ })).toBeDisabled();
  await page.getByRole('button', { name: '取消', exact: true }).click();
  await expect(page.getByLabel('选择要导入的表格文件')).toBeAttached();
});

test('a column the importer cannot place is mapped by hand, and a missing required column is named', async ({ page, webApp }) => {
  const file = path.join(dir, '手工对应.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['姓名', '证件', '人员类别']);
  ws.addRow(['对应甲', validId('19660101', '111'), '正式党员']);
  ws.getColumn(2).numFmt = '@';
  await wb.xlsx.writeFile(file);

  await page.goto(webApp.url + '#/members/import');
  await chooseFile(page, file);
  await expect(page.getByText('缺少：公民身份号码')).toBeVisible();
  await expect(page.getByRole('button', { name: /导入正确的行/ })).toBeDisabled();
  await expect(page.getByTestId('mapping-1')).toHaveClass(/unmapped/);

  await page.getByLabel('B 列“证件”导入为').click();
  await page.getByTitle('公民身份号码（必填）', { exact: true }).click();
  await expect(page.getByText('缺少：公民身份号码')).toBeHidden();
  await expect(count(page, 'new')).toHaveText('1');
  await expect(page.getByTestId('mapping-1')).not.toHaveClass(/unmapped/);
  await page.getByRole('button', { name: '全部正确才导入' }).click();
  await expect(page.getByTestId('import-done').getByTestId('done-inserted').locator('.num')).toHaveText('1');
  expect((await webApp.must<{ total: number }>('members.list', { q: '对应甲' })).total).toBe(1);
});

test('the template has the official headers, and the export holds what the register shows', async ({ page, webApp }) => {
  for (const [name, id] of [
    ['导出甲', validId('19720101', '517')],
    ['导出乙', validId('19730202', '628')],
    ['导出丙', validId('19740303', '739')],
  ] as const) {
    await webApp.must('members.create', {
      member: {
        name, sex: null, ethnicity: '汉族', idNumber: id, idOverrideReason: null, birthDate: null, education: null,
        membershipKind: 'full', branchId: branch.id, joinedOn: null, confirmedOn: null, occupation: null, mobile: null,
        phone: null, address: null, standing: 'normal', lostContact: false, lostContactSince: null, floating: false,
        floatingDirection: null, floatingDestination: null, tags: ['resident'], specialties: null, note: null,
      },
    });
  }
  await page.goto(webApp.url);
  await expect(page.getByRole('heading', { name: '党员名册' })).toBeVisible();

  const [tpl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载导入模板' }).click()]);
  expect(tpl.suggestedFilename()).toMatch(/\.xlsx$/);
  const template = await readDownload(tpl);
  const tws = template.worksheets[0]!;
  expect(rowTexts(tws, 1)).toEqual(COLUMNS.map((c) => c.header));

  // Export with a search in place: exactly the members the register lists (all pages, its sort order).
  await page.getByPlaceholder(/拼音首字母/).fill('导出');
  const table = page.getByTestId('member-table');
  await expect(table.locator('tr[data-row-key]').first()).toBeVisible();
  await expect(page.getByText('共 3 人')).toBeVisible();
  // Sorted by name, descending (one click on the header that is sorted ascending).
  await table.getByRole('columnheader', { name: /姓名/ }).click();
  await expect(table.locator('tr[data-row-key]').first()).toContainText('导出乙');
  // The export asks first: hidden ID numbers and phones (the default) or full data for re-import.
  await page.getByRole('button', { name: '导出名册' }).click();
  const [exp] = await Promise.all([page.waitForEvent('download'), page.getByRole('dialog', { name: '导出名册' }).getByRole('button', { name: '开始导出' }).click()]);
  expect(exp.suggestedFilename()).toMatch(/\.xlsx$/);
  const exported = await readDownload(exp);
  const ews = exported.worksheets[0]!;
  const headers = rowTexts(ews, 1);
  expect(headers.slice(0, 4)).toEqual(COLUMNS.slice(0, 4).map((c) => c.header));
  const nameCol = headers.indexOf('姓名');
  const names: string[] = [];
  for (let n = 2; n <= ews.rowCount; n++) {
    const v = rowTexts(ews, n)[nameCol];
    if (v && !COLUMN_HINT_ROW.test(v)) names.push(v);
  }
  expect(names).toEqual(['导出乙', '导出甲', '导出丙']); // the register's order: by name (pinyin), descending
});

test('a workbook of several sheets: the clerk sees which sheet was taken, picks another, and later sees what would change', async ({ page, webApp }) => {
  // LibreOffice-written (scripts/fixtures/sheets-fods.ts): 填表说明 (no table), 在册党员 (the register, header on
  // row 2), 发展党员 (two probationary members, header on row 1).
  const file = fileURLToPath(new URL('../fixtures/excel/sheets.xlsx', import.meta.url));
  await page.goto(webApp.url + '#/members/import');
  await chooseFile(page, file);

  // The importer took the register by itself and says so; every sheet is offered with its row count.
  const picker = page.getByLabel('导入哪个工作表');
  await expect(page.getByTestId('sheet-picker')).toContainText('在册党员（5 行）');
  await expect(page.getByTestId('detected-sheet')).toContainText('第 2 行为表头');
  await expect(count(page, 'new')).toHaveText('3');
  await picker.click();
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await expect(options).toHaveText(['填表说明（3 行）', '在册党员（5 行）', '发展党员（3 行）']);

  // The clerk picks 发展党员: the preview is run again on that sheet.
  await options.filter({ hasText: '发展党员' }).click();
  await expect(page.getByTestId('sheet-picker')).toContainText('发展党员（3 行）');
  await expect(page.getByTestId('detected-sheet')).toContainText('第 1 行为表头');
  await expect(count(page, 'total')).toHaveText('2');
  await expect(count(page, 'new')).toHaveText('2');

  // A sheet without a table: said plainly, and the last preview (发展党员) stays.
  await picker.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '填表说明' }).click();
  await expect(page.getByTestId('import-error')).toContainText('在工作表“填表说明”中没有找到表头');
  await expect(page.getByTestId('import-error')).toContainText('下面仍是上一次的检查结果');
  await expect(page.getByTestId('sheet-picker')).toContainText('发展党员（3 行）');
  await expect(count(page, 'new')).toHaveText('2');

  // Importing writes that sheet's rows (the branches it names are created).
  await page.getByRole('button', { name: '全部正确才导入' }).click();
  await expect(page.getByTestId('import-done').getByTestId('done-inserted').locator('.num')).toHaveText('2');

  // The register changes afterwards (冯四's date entered wrongly, 陈五 moved): importing the sheet again would
  // change them back, and the preview says exactly what, old → new.
  const orgs = await webApp.must<{ id: number; name: string }[]>('orgs.list', {});
  const first = orgs.find((o) => o.name === '幸福社区第一党支部')!;
  for (const [name, patch] of [
    ['冯四', { joinedOn: '2024-06-30' }],
    ['陈五', { branchId: first.id }],
  ] as const) {
    const { rows } = await webApp.must<{ rows: { id: number }[] }>('members.list', { q: name });
    const m = await webApp.must<Record<string, unknown> & { version: number; tags: string[] }>('members.get', { id: rows[0]!.id });
    await webApp.must('members.update', { id: m.id, expectedVersion: m.version, member: { ...toMemberInput(m as never), ...patch } });
  }
  await page.getByRole('button', { name: '继续导入' }).click();
  await chooseFile(page, file);
  await expect(page.getByTestId('sheet-picker')).toContainText('在册党员');
  await page.getByLabel('导入哪个工作表').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '发展党员' }).click();
  await expect(count(page, 'changed')).toHaveText('2');
  await page.getByRole('tab', { name: /更新/ }).click();
  const changed = page.getByTestId('preview-rows');
  await expect(changed.locator('tr', { hasText: '冯四' }).locator('.row-change')).toHaveText(['加入党组织日期：2024-06-30 → 2024-07-01']);
  await expect(changed.locator('tr', { hasText: '陈五' }).locator('.row-change')).toHaveText(['所在党支部：幸福社区第一党支部 → 幸福社区第二党支部']);
});

/** The template's instructions row under the header (必填 …), not a member. */
const COLUMN_HINT_ROW = /^必填/;
