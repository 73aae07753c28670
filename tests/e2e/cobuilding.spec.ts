/**
 * 共驻共建 and 两新组织 through the real UI (browser mode): register a unit in the area, sign an agreement with it
 * and tick a commitment off, record an activity with members of the register (and a resident), then see the
 * coverage page change after marking an organisation as covered (单独组建).
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

test('a clerk registers a unit, signs an agreement, records an activity with members, and covers an organisation', async ({ page, webApp }) => {
  const street = await webApp.must<Org>('orgs.create', { org: { name: '共建街道党工委', kind: 'streetCommittee', parentId: null } });
  const community = await webApp.must<Org>('orgs.create', { org: { name: '共建阳光社区党委', kind: 'communityCommittee', parentId: street.id } });
  const branch = await webApp.must<Org>('orgs.create', { org: { name: '共建阳光社区第一党支部', kind: 'branch', parentId: community.id } });
  for (const [name, seq] of [['共建甲', 311], ['共建乙', 313]] as const)
    await webApp.must('members.create', { member: { ...blankMemberInput(), name, idNumber: idNumber('1982-06-15', seq), branchId: branch.id, joinedOn: '2008-07-01', confirmedOn: '2009-07-01' } });
  await webApp.must('neworgs.save', {
    org: {
      name: '共建科技有限公司', kind: 'enterprise', creditCode: null, communityId: community.id, employees: 80, memberIds: [], otherFull: 4, otherProbationary: 1,
      legalRepIsMember: false, partyWork: 'none', hasUnion: true, hasYouthLeague: false, hasWomensFederation: false,
    },
  });
  // Dates as the server counts them (the browser runs in Asia/Shanghai and may already be a day ahead).
  const today = todayIso();
  const pickDate = async (field: ReturnType<typeof page.getByLabel>, value: string) => {
    await field.fill(value);
    await field.press('Enter');
  };
  const choose = async (field: ReturnType<typeof page.locator>, option: string) => {
    await field.click();
    // The list just opened (a closing one may still be fading out).
    const list = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
    await list.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  };

  // 1. Register a unit in the area.
  await page.goto(webApp.url);
  await page.getByRole('menuitem', { name: '共驻共建' }).click();
  await expect(page.getByRole('heading', { name: '共驻共建' })).toBeVisible();
  await page.getByRole('button', { name: '登记驻区单位' }).click();
  const unitDialog = page.getByRole('dialog', { name: '登记驻区单位' });
  await unitDialog.getByLabel('单位名称').fill('共建区第一中学');
  await choose(unitDialog.getByLabel('单位类别'), '事业单位');
  await choose(unitDialog.getByLabel('所在社区'), '共建阳光社区党委');
  await unitDialog.getByLabel('单位党组织').fill('中共共建区第一中学委员会');
  await unitDialog.getByLabel('联络员', { exact: true }).fill('王老师');
  await unitDialog.getByLabel('联络员电话').fill('010-6666x');
  await unitDialog.getByRole('button', { name: '保存' }).click();
  await expect(unitDialog.getByText('联络员电话只能填写数字')).toBeVisible(); // the server's answer, beside the field
  await unitDialog.getByLabel('联络员电话').fill('010-66668888');
  await unitDialog.getByRole('button', { name: '保存' }).click();
  await expect(unitDialog).toBeHidden();
  const unitDetails = page.getByTestId('unit-details');
  await expect(unitDetails).toContainText('共建阳光社区党委');
  await expect(unitDetails).toContainText('王老师 010-66668888');

  // 2. Sign an agreement with it, with a commitment on each side.
  await page.getByRole('tab', { name: '共建协议' }).click();
  await page.getByRole('button', { name: '签订协议' }).click();
  const agDialog = page.getByRole('dialog', { name: '签订共建协议' });
  await agDialog.getByLabel('协议名称').fill('共建阳光社区与区第一中学共驻共建协议');
  await choose(agDialog.getByLabel('社区（本方）'), '共建阳光社区党委');
  await choose(agDialog.getByLabel('驻区单位（对方）'), '共建区第一中学');
  await page.keyboard.press('Escape'); // close the multiple select's list
  await pickDate(agDialog.getByLabel('签订日期'), today);
  await pickDate(agDialog.getByLabel('生效日期'), today);
  await agDialog.getByRole('button', { name: '添加承诺事项' }).click();
  await agDialog.getByPlaceholder('承诺内容').nth(0).fill('为学生提供社会实践岗位');
  await agDialog.getByRole('button', { name: '添加承诺事项' }).click();
  await choose(agDialog.locator('#agreementForm_commitments_1_side'), '单位承诺');
  await choose(agDialog.locator('#agreementForm_commitments_1_unitId'), '共建区第一中学');
  await agDialog.getByPlaceholder('承诺内容').nth(1).fill('节假日向居民开放操场');
  await agDialog.getByRole('button', { name: '添加共享资源' }).click();
  await choose(agDialog.locator('#agreementForm_resources_0_unitId'), '共建区第一中学');
  await agDialog.getByPlaceholder('例如：学校操场').fill('学校操场周末向居民开放');
  await agDialog.getByRole('button', { name: '保存' }).click();
  await expect(agDialog).toBeHidden();
  const agDetails = page.getByTestId('agreement-details');
  await expect(agDetails).toContainText('共建阳光社区党委、共建区第一中学');
  await expect(agDetails).toContainText('共建区第一中学：学校操场周末向居民开放');
  await expect(page.getByText('履行中')).toBeVisible();
  await expect(page.getByText('承诺事项（已完成 0 / 2）')).toBeVisible();
  await page.getByRole('checkbox', { name: '完成：节假日向居民开放操场' }).click();
  await expect(page.getByText('承诺事项（已完成 1 / 2）')).toBeVisible();
  await expect(page.getByTestId('commitments')).toContainText(today);

  // 3. Record an activity with two members of the register and a resident.
  await page.getByRole('tab', { name: '主题活动' }).click();
  await page.getByRole('button', { name: '记录活动' }).click();
  const actDialog = page.getByRole('dialog', { name: '记录主题活动' });
  await actDialog.getByLabel('活动名称').fill('党员奉献日：清理楼道小广告');
  await pickDate(actDialog.getByLabel('活动日期'), today);
  await actDialog.getByLabel('组织单位').fill('共建阳光社区党委');
  await choose(actDialog.getByLabel('共建协议'), '共建阳光社区与区第一中学共驻共建协议');
  await choose(actDialog.getByLabel('共建单位'), '共建区第一中学');
  await page.keyboard.press('Escape');
  await actDialog.getByLabel('每人时长（小时）').fill('2.5');
  await actDialog.getByLabel('活动内容').fill('清理 12 个楼道的小广告');
  for (const name of ['共建甲', '共建乙']) {
    await actDialog.getByLabel(/参加人员/).fill(name);
    await page.locator('.ant-select-item-option').filter({ hasText: name }).click();
    await expect(actDialog.getByTestId('participants')).toContainText(name);
  }
  await actDialog.getByLabel('其他人员姓名').fill('赵居民');
  await actDialog.getByLabel('单位或身份').fill('3 号楼居民');
  await actDialog.getByRole('button', { name: '添加', exact: true }).click();
  await expect(actDialog.getByText('参加人员（3 人）')).toBeVisible();
  await actDialog.getByRole('button', { name: '保存' }).click();
  await expect(actDialog).toBeHidden();
  const actDetails = page.getByTestId('activity-details');
  await expect(actDetails).toContainText('3 人（党员 2 人）');
  await expect(actDetails).toContainText('7.5 小时');
  await expect(page.getByTestId('activity-participants')).toContainText('共建甲（共建阳光社区第一党支部）');
  await expect(page.getByTestId('activity-participants')).toContainText('赵居民（3 号楼居民）');
  await page.getByRole('button', { name: '返回列表' }).click();
  await expect(page.getByTestId('unit-totals')).toContainText('共建区第一中学');

  // 4. Coverage: the organisation with 4 正式党员 and no Party organisation, then marked as covered.
  await page.getByRole('menuitem', { name: '两新组织' }).click();
  const figures = page.getByTestId('coverage-figures');
  const uncovered = page.getByTestId('qualified-uncovered');
  const row = uncovered.locator('tbody tr').filter({ hasText: '共建科技有限公司' });
  await expect(row).toContainText('未覆盖');
  const before = await page.getByTestId('organisation-coverage').innerText();
  await row.getByRole('button', { name: '登记组建情况' }).click();
  const orgDialog = page.getByRole('dialog', { name: '两新组织：共建科技有限公司' });
  await orgDialog.getByText('单独组建', { exact: true }).click();
  await orgDialog.getByRole('button', { name: '保存' }).click();
  await expect(orgDialog).toBeHidden();
  await expect(row).toBeHidden();
  await expect(page.getByTestId('organisation-coverage')).not.toHaveText(before);
  const byCommunity = page.getByTestId('coverage-by-community').locator('tbody tr').filter({ hasText: '共建阳光社区党委' });
  await expect(byCommunity).toContainText('100.0%');
  await expect(figures).toBeVisible();
  await expect(page.getByTestId('coverage-history')).toContainText(today);
});
