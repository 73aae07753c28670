/**
 * 党员志愿者 through the real UI (browser mode): register a volunteer from the register (their 特长 come from the
 * member record), create a team with a leader, record a service activity with the team's volunteers, and see the
 * member's hours in the list and in their file; find volunteers by specialty and community in one search.
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

const shots = process.env['SHOTS_DIR'];

test('a clerk creates a team, records an activity, and sees the member’s hours', async ({ page, webApp }) => {
  const street = await webApp.must<Org>('orgs.create', { org: { name: '志愿街道党工委', kind: 'streetCommittee', parentId: null } });
  const community = await webApp.must<Org>('orgs.create', { org: { name: '志愿社区党委', kind: 'communityCommittee', parentId: street.id } });
  const other = await webApp.must<Org>('orgs.create', { org: { name: '志愿西社区党委', kind: 'communityCommittee', parentId: street.id } });
  const branch = await webApp.must<Org>('orgs.create', { org: { name: '志愿社区第一党支部', kind: 'branch', parentId: community.id } });
  const westBranch = await webApp.must<Org>('orgs.create', { org: { name: '志愿西社区党支部', kind: 'branch', parentId: other.id } });
  const member = (name: string, seq: number, branchId: number, specialties: string | null) =>
    webApp.must<{ id: number }>('members.create', { member: { ...blankMemberInput(), name, idNumber: idNumber('1978-03-03', seq), branchId, joinedOn: '2005-07-01', confirmedOn: '2006-07-01', specialties } });
  await member('志愿张医生', 701, branch.id, '义诊');
  const li = await member('志愿李师傅', 703, branch.id, '维修');
  const wang = await member('志愿王大夫', 705, westBranch.id, '义诊');
  const today = todayIso();
  for (const [m, sp] of [[li, '维修'], [wang, '义诊']] as const) await webApp.must('volunteers.save', { memberId: m.id, specialties: [sp], availability: ['weekend'], since: '2026-01-01' });

  await page.goto(webApp.url);
  await page.getByRole('menuitem', { name: '党员志愿者' }).click();
  await expect(page.getByRole('heading', { name: '党员志愿者' })).toBeVisible();

  // 登记志愿者: the member's 特长 are brought from the register.
  await page.getByRole('button', { name: '登记志愿者' }).click();
  const file = page.getByRole('dialog', { name: '登记志愿者' });
  await file.getByLabel('党员', { exact: true }).fill('志愿张医生');
  await page.locator('.ant-select-item-option').filter({ hasText: '志愿张医生' }).click();
  await expect(file.locator('.ant-select-selection-item').filter({ hasText: '义诊' })).toBeVisible();
  await file.getByLabel('特长').fill('心理疏导');
  await file.getByLabel('特长').press('Enter');
  await file.getByLabel('特长').press('Escape');
  await file.getByLabel('周末').check();
  // Dates as the server counts them (the browser runs in Asia/Shanghai and may already be a day ahead).
  await file.getByLabel('登记日期').fill(today);
  await file.getByLabel('登记日期').press('Enter');
  await file.getByRole('button', { name: '保存' }).click();
  const drawer = page.getByRole('dialog', { name: '志愿者：志愿张医生' });
  await expect(drawer.getByTestId('volunteer-details')).toContainText('心理疏导');
  await expect(drawer.getByTestId('volunteer-hours-year')).toHaveText('0 小时');
  await drawer.getByRole('button', { name: '关闭' }).click();

  // 成立服务队 with three volunteers and a leader.
  await page.getByRole('tab', { name: '志愿服务队' }).click();
  await page.getByRole('button', { name: '成立服务队' }).click();
  const team = page.getByRole('dialog', { name: '成立志愿服务队' });
  await team.getByLabel('服务队名称').fill('志愿社区义诊服务队');
  await team.getByLabel('服务特长').fill('义诊');
  await team.getByLabel('所属社区').fill('志愿社区党委');
  await page.locator('.ant-select-item-option').filter({ hasText: /^志愿社区党委$/ }).click();
  const members = team.getByLabel(/^队员/);
  for (const name of ['志愿张医生', '志愿李师傅', '志愿王大夫']) {
    await members.fill(name);
    await page.locator('.ant-select-item-option').filter({ hasText: name }).click();
  }
  await members.press('Escape');
  await team.getByLabel('队长').click();
  await page.locator('.ant-select-item-option[title="志愿张医生"]').click();
  await team.getByRole('button', { name: '保存' }).click();
  const teamRow = page.getByTestId('teams-table').locator('tbody tr').filter({ hasText: '志愿社区义诊服务队' });
  await expect(teamRow).toContainText('志愿张医生');
  await expect(teamRow).toContainText('3');

  // 记录服务: the team fills its volunteers; one served less than the rest.
  await page.getByRole('tab', { name: '服务记录' }).click();
  await page.getByRole('button', { name: '记录服务' }).click();
  const service = page.getByRole('dialog', { name: '记录志愿服务' });
  const heldOn = service.getByLabel('服务日期');
  await heldOn.fill(today);
  await heldOn.press('Enter');
  await service.getByLabel('服务队').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '志愿社区义诊服务队' }).click();
  await expect(service.getByTestId('participant-hours')).toContainText('志愿王大夫');
  await service.getByLabel('服务内容').fill('为社区老人义诊、测血压');
  await service.getByLabel('每人时长（小时）').fill('2.5');
  await service.getByLabel('志愿王大夫的时长').fill('1');
  await service.getByRole('button', { name: '保存' }).click();
  const serviceRow = page.getByTestId('services-table').locator('tbody tr').filter({ hasText: '为社区老人义诊' });
  await expect(serviceRow).toContainText('3 人');
  await expect(serviceRow).toContainText('6 小时');
  if (shots) await page.screenshot({ path: `${shots}/volunteers-services.png` });

  // The member's hours: in the list and in their file.
  await page.getByRole('tab', { name: '志愿者' }).click();
  const row = page.getByTestId('volunteers-table').locator('tbody tr').filter({ hasText: '志愿张医生' });
  await expect(row).toContainText('2.5 小时');
  await expect(row).toContainText('志愿社区义诊服务队（队长）');
  await expect(page.getByTestId('volunteers-table').locator('tbody tr').filter({ hasText: '志愿王大夫' })).toContainText('1 小时');
  await row.getByRole('link', { name: '志愿张医生' }).click();
  await expect(drawer.getByTestId('volunteer-hours-year')).toHaveText('2.5 小时');
  await expect(drawer).toContainText('为社区老人义诊、测血压');
  await drawer.getByRole('button', { name: '关闭' }).click();

  // 特长 X in 社区 Y, one search: 义诊 in 志愿社区党委 is 张医生 only (王大夫 serves in the team but lives in the west).
  await page.getByLabel('特长', { exact: true }).fill('义诊');
  await page.getByLabel('特长', { exact: true }).press('Escape');
  await page.getByTestId('community-filter').getByRole('combobox').fill('志愿社区党委');
  await page.locator('.ant-select-item-option').filter({ hasText: /^志愿社区党委$/ }).click();
  const table = page.getByTestId('volunteers-table').locator('tbody tr');
  await expect(table).toHaveCount(1);
  await expect(table.first()).toContainText('志愿张医生');
  if (shots) await page.screenshot({ path: `${shots}/volunteers-search.png` });

  // 时长统计.
  await page.getByRole('tab', { name: '时长统计' }).click();
  await expect(page.getByTestId('hours-by-team')).toContainText('志愿社区义诊服务队');
  await expect(page.getByTestId('hours-by-community')).toContainText('志愿社区党委');
  if (shots) await page.screenshot({ path: `${shots}/volunteers-hours.png` });
});
