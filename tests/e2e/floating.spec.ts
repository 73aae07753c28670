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
  await reviewDate.fill(today);
  await reviewDate.press('Enter');
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
