/**
 * 会议纪要 through the real UI (browser mode): record a meeting with attendees from the register (one absent, with
 * the reason), attach a Word file written by LibreOffice, find the meeting by a phrase that is only in the
 * attachment (and by two characters), print it on A4; import old minutes files with the preview.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures';
import { idCheckChar, todayIso } from '../../shared/rules/idNumber';
import { blankMemberInput } from '../../shared/rules/member';

const FIX = fileURLToPath(new URL('../fixtures/minutes/', import.meta.url));

interface Org {
  id: number;
  name: string;
}

function idNumber(birth: string, seq: number): string {
  const first17 = `110105${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

test('a clerk records a meeting with attendees from the register, attaches a file, finds it by a phrase in the file, prints it', async ({ page, webApp }) => {
  const street = await webApp.must<Org>('orgs.create', { org: { name: '纪要街道党工委', kind: 'streetCommittee', parentId: null } });
  const branch = await webApp.must<Org>('orgs.create', { org: { name: '纪要社区第一党支部', kind: 'branch', parentId: street.id } });
  for (const [name, seq] of [['纪要甲', 611], ['纪要乙', 613], ['纪要丙', 615]] as const)
    await webApp.must('members.create', {
      member: { ...blankMemberInput(), name, idNumber: idNumber('1970-05-06', seq), branchId: branch.id, joinedOn: '2000-07-01', confirmedOn: '2001-07-01' },
    });

  await page.goto(webApp.url);
  await page.getByRole('menuitem', { name: '会议纪要' }).click();
  await expect(page.getByRole('heading', { name: '会议纪要' })).toBeVisible();
  await page.getByRole('button', { name: '新建会议记录' }).click();
  await expect(page.getByRole('heading', { name: '新建会议记录' })).toBeVisible();
  await page.getByLabel('会议名称').fill('纪要社区第一党支部十一月支委会');
  // The date as the server counts it (the browser runs in Asia/Shanghai and may already be a day ahead).
  const heldOn = page.getByLabel('会议日期');
  await heldOn.fill(todayIso());
  await heldOn.press('Enter');
  await page.getByLabel('会议地点').fill('党群服务中心');
  await page.getByLabel('所属组织').click();
  await page.getByLabel('所属组织').fill('纪要社区第一');
  await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '纪要社区第一党支部' }).click();
  await page.getByLabel('主持人').fill('纪要甲');
  await page.getByLabel('记录人').fill('纪要乙');
  for (const name of ['纪要甲', '纪要乙', '纪要丙']) {
    await page.getByLabel('从名册添加').fill(name);
    await page.locator('.ant-select-item-option').filter({ hasText: name }).click();
    await expect(page.getByTestId('attendee-list').getByLabel('参会人员姓名').last()).toHaveValue(name);
  }
  // An outside guest by name; 纪要丙 was away.
  await page.getByRole('button', { name: '添加其他人员' }).click();
  await page.getByTestId('attendee-list').getByLabel('参会人员姓名').last().fill('区人民医院 周医生');
  const rows = page.getByTestId('attendee-list').locator('.attendee-row');
  await rows.nth(2).getByText('缺席', { exact: true }).click();
  await page.getByLabel('纪要丙的缺席原因').fill('外出务工');
  await page.getByLabel('会议内容').fill('会议研究了社区议事协商工作。');
  await page.getByRole('button', { name: '保存' }).click();

  const details = page.getByTestId('meeting-details');
  await expect(details).toContainText('纪要社区第一党支部');
  await expect(details).toContainText('纪要甲、纪要乙、区人民医院 周医生');
  await expect(details).toContainText('纪要丙（外出务工）');

  // The attachment: a Word 97 file whose text is searchable.
  await page.getByLabel('选择附件文件').setInputFiles(path.join(FIX, '党课记录.doc'));
  const attachments = page.getByTestId('meeting-attachments');
  await expect(attachments).toContainText('党课记录.doc');
  await expect(attachments).toContainText('可查找');
  await expect(attachments).toContainText('完好');

  // 操作日志 (folded until opened): the record and the file added, each with who and when.
  const log = page.getByRole('region', { name: '操作日志' });
  await log.getByRole('link', { name: '展开' }).click();
  await expect(log).toContainText('新建支委会记录：纪要社区第一党支部十一月支委会');
  await expect(log).toContainText('添加附件 ·');
  await expect(log).toContainText('添加附件：党课记录.doc');

  await page.getByRole('button', { name: '返回列表' }).click();
  // 检查附件 (a job in the worker): every archived file read back and hashed.
  await page.getByRole('button', { name: '检查附件' }).click();
  const checked = page.getByRole('dialog').filter({ hasText: '附件检查完成' });
  await expect(checked).toContainText(/共检查 \d+ 个文件.*文件都在，内容与存档时一致/);
  await checked.getByRole('button').last().click();
  await expect(checked).toBeHidden();
  await page.getByLabel('查找会议记录').fill('协调邻里关系');
  const results = page.getByTestId('minutes-results');
  await expect(results.locator('li')).toHaveCount(1);
  await expect(results).toContainText('纪要社区第一党支部十一月支委会');
  await expect(results.locator('mark')).toHaveText(['协调邻里关系']);
  await page.getByLabel('查找会议记录').fill('电梯');
  await expect(results.locator('mark').first()).toHaveText('电梯');
  await page.getByLabel('查找会议记录').fill('潜艇');
  await expect(page.getByText('没有找到包含“潜艇”的会议记录')).toBeVisible();

  // A4: the record prints on its own pages with their margins.
  await page.getByLabel('查找会议记录').fill('电梯');
  await results.getByRole('link', { name: '纪要社区第一党支部十一月支委会' }).click();
  await page.getByRole('button', { name: '打印' }).click();
  const sheet = page.getByTestId('minutes-sheet');
  await expect(sheet).toContainText('主持人（签字）');
  await expect(sheet).toContainText('纪要丙（外出务工）');
  await page.emulateMedia({ media: 'print' });
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const boxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
  expect(boxes).toEqual([[595, 842]]);
  await page.emulateMedia({ media: 'screen' });
});

test('a clerk imports old minutes files: guessed type and date confirmed in the preview, unreadable files listed with the reason', async ({ page, webApp }) => {
  await page.goto(webApp.url + '#/minutes/import');
  await expect(page.getByRole('heading', { name: '导入旧会议记录' })).toBeVisible();
  await page
    .getByLabel('选择会议记录文件', { exact: true })
    .setInputFiles(['2024-03-15 第一党支部支委会会议记录.docx', '联席会议纪要 2023.6.20.pdf', '主题党日活动记录.txt', '损坏的文件.docx'].map((f) => path.join(FIX, f)));
  const preview = page.getByTestId('minutes-import-preview');
  await expect(preview).toContainText('联席会议纪要 2023.6.20.pdf');
  await expect(page.getByLabel('联席会议纪要 2023.6.20.pdf的会议日期')).toHaveValue('2023-06-20');
  await expect(page.getByLabel('主题党日活动记录.txt的会议名称')).toHaveValue('主题党日活动记录');
  await expect(preview.locator('tr').filter({ hasText: '损坏的文件.docx' })).toContainText('文件已损坏');
  // The clerk corrects a guess before importing.
  await page.getByLabel('主题党日活动记录.txt的会议名称').fill('幸福社区一月主题党日');
  await page.getByRole('button', { name: '导入 3 个文件' }).click();
  await expect(page.getByText('已导入 3 份会议记录')).toBeVisible();
  await expect(page.getByRole('cell', { name: '损坏的文件.docx' })).toBeVisible();
  await page.getByRole('button', { name: '查看会议记录' }).click();
  await page.getByLabel('查找会议记录').fill('冬季供暖');
  const results = page.getByTestId('minutes-results');
  await expect(results.locator('li')).toHaveCount(1);
  await expect(results).toContainText('幸福社区一月主题党日');
  await expect(results).toContainText('2024-01-10');
  await page.getByLabel('查找会议记录').fill('ABC123');
  await expect(results).toContainText('共驻共建联席会议纪要');
});
