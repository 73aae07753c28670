/**
 * 年度目标考核 through the real UI (browser mode): set a year's targets (weights that do not add up to 100 are
 * refused with the sum), fetch the computed item from the app's own data, enter the other scores, see the ranking,
 * mark a 示范点 and download the print-ready assessment (read back with exceljs).
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { test, expect } from './fixtures';
import { idCheckChar } from '../../shared/rules/idNumber';
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

test('a clerk fills a year’s targets and produces the assessment', async ({ page, webApp }) => {
  const year = new Date().getFullYear();
  const street = await webApp.must<Org>('orgs.create', { org: { name: '考核街道党工委', kind: 'streetCommittee', parentId: null } });
  const east = await webApp.must<Org>('orgs.create', { org: { name: '考核东社区党委', kind: 'communityCommittee', parentId: street.id } });
  const west = await webApp.must<Org>('orgs.create', { org: { name: '考核西社区党委', kind: 'communityCommittee', parentId: street.id } });
  const branch = await webApp.must<Org>('orgs.create', { org: { name: '考核东社区党支部', kind: 'branch', parentId: east.id } });
  const m = await webApp.must<{ id: number }>('members.create', { member: { ...blankMemberInput(), name: '考核志愿者', idNumber: idNumber('1980-08-08', 811), branchId: branch.id, joinedOn: '2005-07-01', confirmedOn: '2006-07-01' } });
  // 8 hours of volunteer service in the east this year (goal 10 → 80 points); none in the west.
  await webApp.must('volunteers.save', { memberId: m.id, specialties: ['维修'], availability: [], since: `${year}-01-01` });
  await webApp.must('volunteerServices.save', { service: { heldOn: `${year}-01-15`, teamId: null, communityId: east.id, content: '上门维修', participants: [{ memberId: m.id, hours: 8 }] } });

  await page.goto(webApp.url);
  await page.getByRole('menuitem', { name: '目标考核' }).click();
  await expect(page.getByRole('heading', { name: '年度目标考核' })).toBeVisible();
  await page.getByRole('button', { name: `制定 ${year} 年目标` }).click();
  const dialog = page.getByRole('dialog', { name: `制定 ${year} 年目标` });

  // The communities assessed: only ours (others in this shared database are taken off).
  const communities = dialog.getByLabel('考核的社区');
  const tags = dialog.locator('.ant-select-selection-item');
  await communities.click();
  for (let n = await tags.count(); n > 0; n--) await communities.press('Backspace');
  for (const name of ['考核东社区党委', '考核西社区党委']) {
    await communities.fill(name);
    await page.locator('.ant-select-item-option').filter({ hasText: name }).click();
  }
  await communities.press('Escape');

  await dialog.getByLabel('第1项 考核项目').fill('群众满意度测评');
  await dialog.getByLabel('第1项 权重').fill('60');
  await dialog.getByLabel('第1项 评分标准').fill('按入户测评满意率打分');
  await dialog.getByRole('button', { name: '添加考核项目' }).click();
  await dialog.getByLabel('第2项 考核项目').fill('党员志愿服务');
  await dialog.getByLabel('第2项 权重').fill('30');
  await dialog.getByLabel('第2项 评分方式').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '志愿服务时长' }).click();
  await dialog.getByLabel('第2项 目标值').fill('10');
  await expect(dialog.getByTestId('weight-sum')).toHaveText('90');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByTestId('sheet-error')).toHaveText('各项权重合计应为 100，现在是 90（还差 10）。请调整权重后再保存。');
  await dialog.getByLabel('第2项 权重').fill('40');
  await expect(dialog.getByTestId('weight-sum')).toHaveText('100');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('items-table')).toContainText('自动取数：志愿服务时长');
  if (shots) await page.screenshot({ path: `${shots}/targets-items.png` });

  // 年底考核: fetch the computed item, then the entered scores for each community.
  await page.getByRole('tab', { name: '年底考核' }).click();
  await page.getByRole('button', { name: '从系统取数' }).click();
  const final = page.getByTestId('final-table');
  await expect(final.locator('tbody tr').filter({ hasText: '党员志愿服务' })).toContainText('8小时 / 10小时');
  const score = async (community: string, value: string, note: string) => {
    await page.getByLabel('社区', { exact: true }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: community }).click();
    await page.getByLabel('群众满意度测评 得分（0–100）').fill(value);
    await page.getByLabel('群众满意度测评 评分说明').fill(note);
    await page.getByRole('button', { name: '保存评分' }).click();
    await expect(page.getByText(`${community}的评分已保存`)).toBeVisible();
  };
  await score('考核东社区党委', '90', '满意率 90%');
  if (shots) await page.screenshot({ path: `${shots}/targets-final.png` });
  await score('考核西社区党委', '95', '满意率 95%');

  // 考核结果: east (90×60 + 80×40) ÷ 100 = 86, first; west (95×60 + 0×40) ÷ 100 = 57, second.
  await page.getByRole('tab', { name: '考核结果' }).click();
  const rows = page.getByTestId('results-table').locator('tbody tr.ant-table-row');
  await expect(rows.nth(0)).toContainText('考核东社区党委');
  await expect(rows.nth(0)).toContainText('86');
  await expect(rows.nth(1)).toContainText('考核西社区党委');
  await expect(rows.nth(1)).toContainText('57');
  await rows.nth(0).getByRole('button', { name: '列为示范点' }).click();
  const demo = page.getByRole('dialog', { name: '示范点：考核东社区党委' });
  await demo.getByLabel('经验做法').fill('组建“红色管家”志愿服务队，党员包楼栋、解难题。');
  await demo.getByRole('button', { name: '列为示范点' }).click();
  await expect(demo).toBeHidden();
  await expect(rows.nth(0)).toContainText('示范点');
  await expect(page.locator('p').filter({ hasText: '红色管家' })).toBeVisible();
  if (shots) await page.screenshot({ path: `${shots}/targets-results.png` });

  await page.getByRole('button', { name: '导出考核表' }).click();
  const exp = page.getByRole('dialog', { name: `导出 ${year} 年度目标考核表` });
  await exp.getByLabel('填报单位').fill('考核街道党工委');
  await exp.getByLabel('单位负责人').fill('王书记');
  const [download] = await Promise.all([page.waitForEvent('download'), exp.getByRole('button', { name: '导出' }).click()]);
  expect(download.suggestedFilename()).toBe(`${year}年度目标考核_考核街道党工委.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await download.path()) as never);
  const ws = wb.getWorksheet('考核结果')!;
  expect(ws.getCell(1, 1).value).toBe(`${year}年度社区党建工作目标考核结果`);
  expect(ws.getCell(5, 1).value).toBe('考核东社区党委（示范点）');
  expect(ws.getCell(6, 1).value).toBe('考核西社区党委');
  const texts: string[] = [];
  ws.eachRow((r) => r.eachCell((c) => texts.push(String(c.value))));
  expect(texts.join('\n')).toContain('红色管家');
  expect(texts.join('\n')).toContain('单位负责人：王书记');
});
