/** 组织管理 (simple tree) through the real UI: add a top-level organisation, a child, rename; counts show. */
import { test, expect } from './fixtures';

test('a clerk builds the organisation tree and edits a node', async ({ page, webApp }) => {
  await page.goto(webApp.url);
  await page.getByRole('menuitem', { name: '组织管理' }).click();
  await expect(page.getByRole('heading', { name: '组织管理' })).toBeVisible();

  // A top-level organisation.
  await page.getByRole('button', { name: '添加顶级组织' }).click();
  let modal = page.getByRole('dialog').filter({ hasText: '添加党组织' });
  await modal.getByRole('button', { name: '保存', exact: true }).click();
  await expect(modal.getByLabel('组织名称')).toHaveAccessibleDescription('请填写组织名称');
  await modal.getByLabel('组织名称').fill('青松街道党工委');
  await expect(modal.getByLabel('组织类别')).toBeVisible();
  await expect(modal).toContainText('街道党工委'); // the default kind for a top-level organisation
  await modal.getByRole('button', { name: '保存', exact: true }).click();
  await expect(modal).toBeHidden();
  const tree = page.getByRole('tree', { name: '党组织' });
  await expect(tree).toContainText('青松街道党工委');

  // A child, from the node's own 添加下级.
  const streetNode = tree.getByRole('treeitem').filter({ hasText: '青松街道党工委' });
  await streetNode.hover();
  await streetNode.getByRole('button', { name: '添加下级' }).click();
  modal = page.getByRole('dialog').filter({ hasText: '添加党组织' });
  await expect(modal).toContainText('青松街道党工委'); // 上级组织 preset to the node
  await modal.getByLabel('组织名称').fill('青松社区第一支部');
  await modal.getByLabel('组织类别').click();
  await page.getByTitle('党支部', { exact: true }).click();
  await modal.getByRole('button', { name: '保存', exact: true }).click();
  await expect(modal).toBeHidden();
  await expect(tree).toContainText('青松社区第一支部');

  const orgs = await webApp.must<{ id: number; name: string; parentId: number | null; kind: string }[]>('orgs.list', {});
  const street = orgs.find((o) => o.name === '青松街道党工委')!;
  const branch = orgs.find((o) => o.name === '青松社区第一支部')!;
  expect(branch.parentId).toBe(street.id);
  expect(branch.kind).toBe('branch');

  // Rename it.
  const branchNode = tree.getByRole('treeitem').filter({ hasText: '青松社区第一支部' });
  await branchNode.hover();
  await branchNode.getByRole('button', { name: '编辑' }).click();
  modal = page.getByRole('dialog').filter({ hasText: '编辑组织' });
  await expect(modal.getByLabel('组织名称')).toHaveValue('青松社区第一支部');
  await modal.getByLabel('组织名称').fill('青松社区第一党支部');
  await modal.getByRole('button', { name: '保存', exact: true }).click();
  await expect(modal).toBeHidden();
  await expect(tree).toContainText('青松社区第一党支部');
  await expect(tree.getByRole('treeitem').filter({ hasText: '青松社区第一党支部' })).toContainText('正式 0 人');
});

test('unbuilt areas say so in Chinese', async ({ page, webApp }) => {
  await page.goto(webApp.url);
  await page.getByRole('menuitem', { name: '会议纪要' }).click();
  await expect(page.getByText('会议纪要：建设中')).toBeVisible();
  await page.getByRole('button', { name: '返回党员名册' }).click();
  await expect(page.getByRole('heading', { name: '党员名册' })).toBeVisible();
});
