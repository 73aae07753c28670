/**
 * 在职党员双报到 through the real UI: a member of the register reports to a community (once), a service is recorded,
 * the community's assessment is filled on the 居住地表现反馈表, which prints on one A4 page.
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

test('an in-service member reports to a community, serves, and the feedback sheet is filled and printed', async ({ page, webApp }) => {
  const street = await webApp.must<Org>('orgs.create', { org: { name: '报到街道党工委', kind: 'streetCommittee', parentId: null } });
  await webApp.must<Org>('orgs.create', { org: { name: '报到幸福社区党委', kind: 'communityCommittee', parentId: street.id } });
  await webApp.must('members.create', { member: { ...blankMemberInput(), name: '报到丙', idNumber: idNumber('1986-03-09', 417), joinedOn: '2010-07-01', confirmedOn: '2011-07-01' } });
  const today = todayIso();
  const year = today.slice(0, 4);
  const choose = async (field: ReturnType<typeof page.locator>, option: string) => {
    await field.click();
    // The list just opened (a closing one may still be fading out).
    const list = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
    await list.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  };

  await page.goto(webApp.url);
  await page.getByRole('menuitem', { name: '在职党员报到' }).click();
  const register = async () => {
    await page.getByRole('button', { name: '登记报到' }).click();
    const dialog = page.getByRole('dialog', { name: '在职党员到社区报到' });
    await dialog.getByLabel('名册中的党员').fill('报到丙');
    await page.locator('.ant-select-item-option').filter({ hasText: '报到丙' }).click();
    await choose(dialog.getByLabel('报到社区'), '报到幸福社区党委');
    const date = dialog.getByLabel('报到日期');
    await date.fill(today);
    await date.press('Enter');
    await dialog.getByLabel('工作单位', { exact: true }).fill('区教育局');
    await dialog.getByLabel('单位党组织').fill('中共区教育局机关委员会');
    await dialog.getByRole('button', { name: '登记' }).click();
    return dialog;
  };
  let dialog = await register();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('registration-details')).toContainText('报到幸福社区党委');

  // One registration per member per community: a second one is refused beside the member.
  await page.getByRole('button', { name: '返回名单' }).click();
  dialog = await register();
  await expect(dialog.getByText(/报到丙 已于 .* 向报到幸福社区党委报到，一名党员在同一社区只登记一次/)).toBeVisible();
  await dialog.getByRole('button', { name: '取消' }).click();
  await page.getByTestId('in-service-table').getByText('报到丙').click();

  // A service record.
  await page.getByRole('button', { name: '登记服务' }).click();
  const rec = page.getByRole('dialog', { name: /登记服务/ });
  const recDate = rec.getByLabel('服务日期');
  await recDate.fill(today);
  await recDate.press('Enter');
  await rec.getByLabel('服务岗位或活动').fill('治安巡逻');
  await rec.getByLabel('时长（小时）').fill('3');
  await rec.getByLabel('服务内容').fill('夜间巡逻，劝导电动车不进楼道');
  await rec.getByRole('button', { name: '保存' }).click();
  await expect(rec).toBeHidden();
  await expect(page.getByTestId('service-records')).toContainText('夜间巡逻，劝导电动车不进楼道');
  await expect(page.getByTestId('registration-details')).toContainText(`${year}年 1 次、3 小时`);

  // The feedback sheet: filled from the records, then the community's assessment.
  await page.getByRole('button', { name: '反馈表' }).click();
  const sheet = page.getByTestId('feedback-sheet');
  await expect(sheet).toContainText('在职党员居住地表现反馈表');
  await expect(sheet).toContainText('1 次，3 小时');
  await expect(sheet).toContainText('治安巡逻（3 小时）：夜间巡逻，劝导电动车不进楼道');
  await page.getByRole('button', { name: '填写社区评价' }).click();
  const fb = page.getByRole('dialog', { name: /社区评价/ });
  await fb.getByText('优秀').click();
  await fb.getByLabel('社区评价意见').fill('积极参加社区治安巡逻，服务群众热情。');
  const fbDate = fb.getByLabel('填表日期');
  await fbDate.fill(today);
  await fbDate.press('Enter');
  await fb.getByLabel('填表人').fill('李红');
  await fb.getByRole('button', { name: '保存' }).click();
  await expect(fb).toBeHidden();
  await expect(sheet).toContainText('☑ 优秀');
  await expect(sheet).toContainText('积极参加社区治安巡逻，服务群众热情。');
  await expect(sheet).toContainText('填表人：李红');

  // On paper: the sheet alone, one A4 page.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: '打印 / 另存为 PDF' })).toBeHidden();
  const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
  const boxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
  expect(boxes).toEqual([[595, 842]]);
  await page.emulateMedia({ media: 'screen' });

  // The period's list says who was assessed.
  await page.goto(`${webApp.url}#/in-service/feedback`);
  const list = page.getByTestId('feedback-list').locator('tbody tr').filter({ hasText: '报到丙' });
  await expect(list).toContainText('优秀');
  await expect(list).toContainText('1 次，3 小时');
});
