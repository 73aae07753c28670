/**
 * 导入组织 through the real UI, against browser mode: the district's organisation list written by LibreOffice
 * (tests/fixtures/excel/orgs.xlsx: a title above the header, children before their parents, one row whose parent
 * exists nowhere) → the preview's counts, rows and the error with its row and column → import the valid rows →
 * the tree shows them under the street; the same file again changes nothing. The imported organisations are
 * dissolved afterwards: the browser-mode database is shared with the other specs, which create organisations of
 * the same names (register.spec's 阳光社区党委).
 */
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const FILE = fileURLToPath(new URL('../fixtures/excel/orgs.xlsx', import.meta.url));
const IMPORTED = [
  '阳光社区第一党支部第一党小组',
  '阳光社区第一党支部',
  '阳光社区第二党支部',
  '阳光社区联合党支部',
  '和平里社区离退休党支部',
  '阳光社区党委',
  '和平里社区党委',
];

interface Org {
  id: number;
  name: string;
  parentId: number | null;
  kind: string;
}
let street: Org;

test.beforeAll(async ({ webApp }) => {
  street = await webApp.must<Org>('orgs.create', { org: { name: '和平街道党工委', kind: 'streetCommittee', parentId: null } });
});

test.afterAll(async ({ webApp }) => {
  const today = new Date().toISOString().slice(0, 10);
  const orgs = await webApp.must<Org[]>('orgs.list', {});
  for (const name of [...IMPORTED, '和平街道党工委']) {
    const o = orgs.find((x) => x.name === name && (name !== '和平街道党工委' || x.id === street.id));
    if (o) await webApp.must('orgs.dissolve', { id: o.id, date: today, note: '测试结束' });
  }
});

const count = (page: Page, kind: string) => page.getByTestId('org-import-counts').getByTestId(`count-${kind}`).locator('.num');

test('a clerk imports the district’s organisation list and sees the tree', async ({ page, webApp }) => {
  await page.goto(webApp.url + '#/orgs');
  await expect(page.getByRole('heading', { name: '组织管理' })).toBeVisible();
  await page.getByRole('button', { name: '导入组织' }).click();
  const modal = page.getByRole('dialog').filter({ hasText: '导入组织' });
  await expect(modal).toContainText('组织名称');
  await modal.getByLabel('选择要导入的组织名单').setInputFiles(FILE);

  // The preview: the header under the title, the counts, the row in error with its row and column.
  await expect(modal.getByTestId('org-import-preview')).toBeVisible();
  await expect(modal.getByTestId('detected-sheet')).toHaveText('工作表“党组织名单”，第 3 行为表头');
  await expect(count(page, 'total')).toHaveText('8');
  await expect(count(page, 'new')).toHaveText('7');
  await expect(count(page, 'error')).toHaveText('1');
  const table = modal.getByRole('table');
  const bad = table.locator('tr[data-row-key="11"]');
  await expect(bad).toContainText('新建小区党支部');
  await expect(bad).toContainText('D 列（上级党组织）“幸福社区党委”：上级组织“幸福社区党委”在表格和系统中都找不到');
  await expect(modal.getByRole('button', { name: '全部正确才导入' })).toBeDisabled();

  // Every row: the committee on row 7 comes after its branches, which still find it.
  await modal.getByText('全部 8').click();
  await expect(table.locator('tr[data-row-key="4"]')).toContainText('阳光社区党委');
  await expect(table.locator('tr[data-row-key="6"]')).toContainText('所在单位：阳光超市、阳光物业公司、阳光幼儿园');
  await expect(table.locator('tr[data-row-key="7"]')).toContainText('和平街道党工委');

  await modal.getByRole('button', { name: '导入正确的行（7 行）' }).click();
  await expect(modal.getByTestId('org-done-counts')).toBeVisible();
  await expect(modal.getByTestId('org-done-counts').getByTestId('count-new').locator('.num')).toHaveText('7');
  await expect(modal).toContainText('导入完成，有误的 1 行没有导入');
  await expect(modal).toContainText('导入前已自动备份');
  await modal.getByRole('button', { name: '完成' }).click();
  await expect(modal).toBeHidden();

  // The tree, refreshed: the list's organisations under the street, the 党小组 under its branch.
  const tree = page.getByRole('tree', { name: '党组织' });
  await page.getByLabel('查找组织名称').fill('阳光社区');
  await expect(tree).toContainText('和平街道党工委');
  await expect(tree).toContainText('阳光社区第一党支部第一党小组');
  await expect(tree.getByRole('treeitem').filter({ hasText: '阳光社区联合党支部' })).toContainText('联合党支部');
  const orgs = await webApp.must<Org[]>('orgs.list', {});
  const sunshine = orgs.find((o) => o.name === '阳光社区党委' && o.parentId === street.id)!;
  expect(sunshine.kind).toBe('communityCommittee');
  const first = orgs.find((o) => o.name === '阳光社区第一党支部' && o.parentId === sunshine.id)!;
  expect(first).toBeTruthy();
  expect(orgs.find((o) => o.name === '阳光社区第一党支部第一党小组')!.parentId).toBe(first.id);
  expect(orgs.some((o) => o.name === '新建小区党支部')).toBe(false);

  // The record on the right shows what the file gave.
  await tree.getByTitle('阳光社区第一党支部', { exact: true }).click();
  const detail = page.getByRole('region', { name: '组织信息' });
  await expect(detail).toContainText('和组〔2010〕12号');
  await expect(detail).toContainText('王芳');

  // The same file again: nothing new, nothing to import.
  await page.getByRole('button', { name: '导入组织' }).click();
  await modal.getByLabel('选择要导入的组织名单').setInputFiles(FILE);
  await expect(count(page, 'unchanged')).toHaveText('7');
  await expect(count(page, 'new')).toHaveText('0');
  await expect(modal.getByRole('button', { name: '导入正确的行' })).toBeDisabled();
  await modal.getByRole('button', { name: '取消' }).click();
  await expect(modal).toBeHidden();
});
