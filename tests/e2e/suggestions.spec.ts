/**
 * 分类建支部 and moves between branches through the real UI (browser mode): form a 离退休党支部 from a suggestion,
 * then a bulk 转移党支部 from the register, each seen in the tree, the register and the member's branch history.
 */
import { test, expect, type WebApp } from './fixtures';
import { idCheckChar } from '../../shared/rules/idNumber';
import { blankMemberInput } from '../../shared/rules/member';

interface Org {
  id: number;
  name: string;
}

let seq = 500;
async function member(webApp: WebApp, name: string, branchId: number, over: Record<string, unknown> = {}): Promise<{ id: number }> {
  seq += 2;
  const first17 = `11010519500101${String(seq).padStart(3, '0')}`;
  return webApp.must('members.create', {
    member: { ...blankMemberInput(), name, ethnicity: '汉族', idNumber: first17 + idCheckChar(first17), branchId, joinedOn: '1970-07-01', confirmedOn: '1971-07-01', ...over },
  });
}

async function tree(webApp: WebApp, prefix: string) {
  const street = await webApp.must<Org>('orgs.create', { org: { name: `${prefix}街道党工委`, kind: 'streetCommittee', parentId: null } });
  const community = await webApp.must<Org>('orgs.create', { org: { name: `${prefix}社区党委`, kind: 'communityCommittee', parentId: street.id } });
  const b1 = await webApp.must<Org>('orgs.create', { org: { name: `${prefix}社区第一党支部`, kind: 'branch', parentId: community.id } });
  const b2 = await webApp.must<Org>('orgs.create', { org: { name: `${prefix}社区第二党支部`, kind: 'branch', parentId: community.id } });
  return { street, community, b1, b2 };
}

test('a clerk forms a retired-cadre branch from a suggestion; the branch is in the tree and the members show it', async ({ page, webApp }) => {
  const t = await tree(webApp, '幸福');
  await member(webApp, '离休甲', t.b1.id, { tags: ['retiredCadre'] });
  await member(webApp, '离休乙', t.b1.id, { tags: ['retiredCadre'] });
  await member(webApp, '退休丙', t.b2.id, { tags: ['retiredWorker'] });
  await member(webApp, '退休丁', t.b2.id, { tags: ['retiredWorker'], membershipKind: 'probationary', joinedOn: '2026-01-10', confirmedOn: null });
  await member(webApp, '居民戊', t.b1.id, { tags: ['resident'] });

  await page.goto(webApp.url);
  await page.getByRole('menuitem', { name: '分类建支部' }).click();
  await expect(page.getByRole('heading', { name: '分类建支部' })).toBeVisible();
  const card = page.getByTestId(`suggestion-retired-${t.community.id}`);
  await expect(card).toContainText('幸福社区党委');
  await expect(card.getByTestId('suggestion-rule')).toHaveText(
    '社区内有 3 名离退休正式党员未编入离退休党支部（另有 1 名预备党员，不计入人数），满 3 名可成立离退休党支部',
  );
  for (const name of ['离休甲', '离休乙', '退休丙', '退休丁']) await expect(card.getByRole('checkbox', { name: new RegExp(name) })).toBeChecked();
  await expect(card).not.toContainText('居民戊');
  await expect(card.getByLabel('支部名称')).toHaveValue('幸福社区离退休党支部');

  // (A date before today: the browser runs in Asia/Shanghai, the server in this machine's zone.)
  const date = card.getByLabel('成立日期');
  await date.fill('2026-11-01');
  await date.press('Enter');
  await card.getByRole('button', { name: '成立支部并转入' }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: '成立“幸福社区离退休党支部”' });
  await confirm.getByRole('button', { name: '成立并转入' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '已成立“幸福社区离退休党支部”，转入 4 名党员' })).toBeVisible();
  await expect(card).toBeHidden();

  // The new branch in 组织管理, with its counts.
  await page.getByRole('menuitem', { name: '组织管理' }).click();
  // The tree is virtual and the shared database holds many organisations: find it as a clerk would.
  await page.getByLabel('查找组织名称').fill('幸福社区离退休党支部');
  const orgTree = page.getByRole('tree', { name: '党组织' });
  const node = orgTree.getByRole('treeitem').filter({ hasText: '幸福社区离退休党支部' });
  await expect(node).toBeVisible();
  await expect(node).toContainText('正式 3');

  // The members show it, and their history says when and why.
  await page.getByRole('menuitem', { name: '党员名册' }).click();
  await page.getByLabel('搜索党员').fill('离休甲');
  const row = page.getByTestId('member-table').locator('tbody tr').filter({ hasText: '离休甲' });
  await expect(row).toContainText('幸福社区离退休党支部');
  await row.getByText('离休甲').click();
  const history = page.getByTestId('branch-history');
  await expect(history).toContainText('幸福社区第一党支部');
  await expect(history).toContainText('幸福社区离退休党支部');
  await expect(history).toContainText('成立幸福社区离退休党支部，转入本支部');
  await expect(page.getByTestId('audit-log')).toContainText('转移党支部');
});

test('a clerk moves several members at once from the register, with date and reason', async ({ page, webApp }) => {
  const t = await tree(webApp, '转移');
  for (const name of ['转移张一', '转移王二', '转移李三']) await member(webApp, name, t.b1.id);

  await page.goto(webApp.url);
  await page.getByRole('menuitem', { name: '党员名册' }).click();
  await page.getByLabel('搜索党员').fill('转移');
  const table = page.getByTestId('member-table');
  await expect(table.locator('tbody tr').filter({ hasText: '转移社区第一党支部' })).toHaveCount(3);
  const bar = page.getByRole('toolbar', { name: '批量操作' });
  await expect(bar.getByRole('button', { name: '转移党支部' })).toBeDisabled();
  for (const name of ['转移张一', '转移王二', '转移李三']) await page.getByRole('checkbox', { name: `选择 ${name}` }).check();
  await expect(bar).toContainText('已选择 3 名党员');
  await bar.getByRole('button', { name: '转移党支部' }).click();

  const modal = page.getByRole('dialog').filter({ hasText: '转移党支部：' });
  await modal.getByRole('button', { name: '确认转移' }).click();
  await expect(modal.getByLabel('转入党支部')).toHaveAccessibleDescription('请选择转入的党支部');
  await expect(modal.getByLabel('转移原因')).toHaveAccessibleDescription('请写明转移原因');
  await modal.getByLabel('转入党支部').click();
  await modal.getByLabel('转入党支部').fill('转移社区第二');
  await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '转移社区第二党支部' }).click();
  await modal.getByLabel('转移原因').fill('网格调整，整体转入第二党支部');
  const date = modal.getByLabel('转移日期');
  await date.fill('2026-10-08');
  await date.press('Enter');
  await modal.getByRole('button', { name: '确认转移' }).click();
  await expect(modal).toBeHidden();
  await expect(page.getByText('已将 3 名党员转入转移社区第二党支部')).toBeVisible();
  await expect(table.locator('tbody tr').filter({ hasText: '转移社区第二党支部' })).toHaveCount(3);
  await expect(bar).toContainText('勾选党员后可批量转移党支部');

  await table.locator('tbody tr').filter({ hasText: '转移王二' }).getByText('转移王二').click();
  const history = page.getByTestId('branch-history');
  await expect(history.locator('tbody tr')).toHaveCount(2);
  await expect(history.locator('tbody tr').first()).toContainText('转移社区第二党支部');
  await expect(history.locator('tbody tr').first()).toContainText('网格调整，整体转入第二党支部');
  await expect(history.locator('tbody tr').first()).toContainText('2026-10-08');
  await expect(history.locator('tbody tr').first()).toContainText('至今');
  await expect(history.locator('tbody tr').last()).toContainText('转移社区第一党支部');
  await expect(history.locator('tbody tr').last()).toContainText('1970-07-01');
});
