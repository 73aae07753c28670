/**
 * 流动党员活动证 through the real UI (browser mode): issue a certificate to a member of the register, see it in
 * the list as 在外 and not yet reviewed this year, record this year's 年审 and see the list say so.
 */
import { test, expect } from './fixtures';
import { idCheckChar, todayIso } from '../../shared/rules/idNumber';
import { blankMemberInput } from '../../shared/rules/member';

interface Org {
  id: number;
  name: string;
}

function idNumber(birth: string, seq: number): string {
  const first17 = `110105${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

test('a clerk issues a 流动党员活动证 and records the yearly review', async ({ page, webApp }) => {
  const street = await webApp.must<Org>('orgs.create', { org: { name: '流动街道党工委', kind: 'streetCommittee', parentId: null } });
  const community = await webApp.must<Org>('orgs.create', { org: { name: '流动社区党委', kind: 'communityCommittee', parentId: street.id } });
  const branch = await webApp.must<Org>('orgs.create', { org: { name: '流动社区第一党支部', kind: 'branch', parentId: community.id } });
  await webApp.must('members.create', {
    member: { ...blankMemberInput(), name: '流动丙', idNumber: idNumber('1985-04-02', 517), branchId: branch.id, joinedOn: '2010-07-01', confirmedOn: '2011-07-01' },
  });
  // Dates as the server counts them (the browser runs in Asia/Shanghai and may already be a day ahead).
  const today = todayIso();
  const year = Number(today.slice(0, 4));

  await page.goto(webApp.url);
  await page.getByRole('menuitem', { name: '流动党员活动证' }).click();
  await expect(page.getByRole('heading', { name: '流动党员活动证' })).toBeVisible();
  await page.getByRole('button', { name: '发证' }).click();
  const dialog = page.getByRole('dialog', { name: '发放流动党员活动证' });
  await dialog.getByLabel('党员', { exact: true }).fill('流动丙');
  await page.locator('.ant-select-item-option').filter({ hasText: '流动丙' }).click();
  await dialog.getByLabel('活动证编号').fill('LD-E2E-001');
  await dialog.getByLabel('外出原因').fill('外出务工');
  await dialog.getByLabel('外出流向').fill('广东省深圳市');
  for (const label of ['发证日期', '外出日期']) {
    const field = dialog.getByLabel(label);
    await field.fill(today);
    await field.press('Enter');
  }
  await dialog.getByRole('button', { name: '发证' }).click();
  // The register now counts the member as floating, as the certificate says.
  await expect(page.getByText('名册中 流动丙 已记为流出党员')).toBeVisible();

  const details = page.getByTestId('floating-details');
  await expect(details).toContainText('LD-E2E-001');
  await expect(details).toContainText('流动社区第一党支部');
  await expect(details).toContainText('广东省深圳市');
  await expect(details).toContainText('尚未返回');
  await expect(page.getByText(`${year}年未年审`)).toBeVisible();

  await page.getByRole('button', { name: '登记年审' }).click();
  const review = page.getByRole('dialog', { name: /登记年审/ });
  await expect(review.getByLabel('年度')).toHaveValue(String(year));
  const reviewDate = review.getByLabel('年审日期');
  await reviewDate.fill(today);
  await reviewDate.press('Enter');
  await review.getByLabel('年审结果').fill('合格，按时参加流入地党组织活动');
  await review.getByLabel('审核人').fill('张书记');
  await review.getByRole('button', { name: '登记' }).click();
  const reviews = page.getByTestId('floating-reviews');
  await expect(reviews).toContainText(`${year}年`);
  await expect(reviews).toContainText('合格，按时参加流入地党组织活动');
  await expect(page.getByText(`${year}年已年审`)).toBeVisible();

  // A second review for the same year is refused beside the year field.
  await page.getByRole('button', { name: '登记年审' }).click();
  await expect(review.getByLabel('年度')).toHaveValue(String(year));
  await reviewDate.fill(today);
  await reviewDate.press('Enter');
  // The date typed is the one already there, and the picker (seen in some runs) then stays open over the buttons on
  // Enter: a click on the dialog's title closes it, as a clerk's would.
  await review.locator('.ant-modal-title').click();
  await expect(page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')).toHaveCount(0);
  await review.getByRole('button', { name: '登记' }).click();
  await expect(review.getByText(`${year} 年的年审已于`)).toBeVisible();
  await review.getByRole('button', { name: '取消' }).click();

  await page.getByRole('button', { name: '返回列表' }).click();
  const row = page.getByTestId('floating-table').locator('tbody tr').filter({ hasText: '流动丙' });
  await expect(row).toContainText('LD-E2E-001');
  await expect(row).toContainText('在外');
  await expect(row).toContainText(`${year}年已年审`);
  await page.getByLabel('搜索活动证').fill('不存在的人');
  await expect(row).toBeHidden();
});

test('a clerk corrects an issued certificate (修改, in the 操作日志), and the list reads whole at 1366 px', async ({ page, webApp }) => {
  const street = await webApp.must<Org>('orgs.create', { org: { name: '修改街道党工委', kind: 'streetCommittee', parentId: null } });
  const branch = await webApp.must<Org>('orgs.create', { org: { name: '修改街道某某大型国有企业离退休职工第一联合党支部', kind: 'jointBranch', parentId: street.id } });
  const member = await webApp.must<{ id: number }>('members.create', {
    member: { ...blankMemberInput(), name: '流动丁', idNumber: idNumber('1979-08-08', 719), branchId: branch.id, joinedOn: '2005-07-01', confirmedOn: '2006-07-01' },
  });
  const c = await webApp.must<{ id: number }>('floating.issue', {
    memberId: member.id, direction: 'outflow', certificateNo: 'LD-E2E-101', issueDate: '2025-03-01', reason: '外出务工', destination: '广东省深圳市', dateOut: '2025-03-05',
  });

  await page.goto(`${webApp.url}#/floating/${c.id}`);
  await page.getByRole('button', { name: '修改' }).click();
  const dialog = page.getByRole('dialog', { name: /修改流动党员活动证/ });
  await expect(dialog.getByLabel('外出流向')).toHaveValue('广东省深圳市');
  await dialog.getByLabel('外出流向').fill('广东省深圳市南山区粤海街道科技园社区（随子女经营建材生意）');
  await dialog.getByLabel('外出原因').fill('');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('请填写原因')).toBeVisible(); // beside the field, nothing sent
  await dialog.getByLabel('外出原因').fill('外出经商（随子女在外地经营建材生意，预计两年）');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  const details = page.getByTestId('floating-details');
  await expect(details).toContainText('广东省深圳市南山区粤海街道科技园社区');
  const log = page.getByRole('region', { name: '操作日志' });
  await expect(log).toContainText('外出流向：广东省深圳市 → 广东省深圳市南山区粤海街道科技园社区（随子女经营建材生意）');
  await expect(log).toContainText('外出原因：外出务工 → 外出经商（随子女在外地经营建材生意，预计两年）');
  await expect(log).toContainText('发证');

  // A number another certificate holds is refused beside the number.
  await page.getByRole('button', { name: '修改' }).click();
  await dialog.getByLabel('活动证编号').fill('LD-E2E-001');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('活动证编号 LD-E2E-001 已用于')).toBeVisible();
  await dialog.getByRole('button', { name: '取消' }).click();

  // The list: seven columns; long texts end in "…" inside their cell and show whole on hover.
  await page.getByRole('button', { name: '返回列表' }).click();
  const table = page.getByTestId('floating-table');
  await expect(table.locator('thead th')).toHaveText(['活动证编号', '姓名', '类型', '所在党支部', '流向／原所在地 · 原因', '外出 → 返回', '状态']);
  const row = table.locator('tbody tr').filter({ hasText: 'LD-E2E-101' });
  await expect(row).toContainText('2025-03-05 → 未返回');
  const box = await table.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(1366);
  const where = row.getByText('广东省深圳市南山区粤海街道科技园社区（随子女经营建材生意）');
  const fits = await where.evaluate((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).textOverflow === 'ellipsis');
  expect(fits).toBe(true); // cut with "…", not wrapped or spilling into the next column
  await where.hover();
  await expect(page.getByRole('tooltip')).toHaveText('广东省深圳市南山区粤海街道科技园社区（随子女经营建材生意）');
});
