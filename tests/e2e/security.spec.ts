/**
 * 个人信息保护 through the real UI (browser mode): 导出名册 hides ID numbers and phones unless the clerk chooses
 * full data (then the settings page lists it); 设置 → 开机密码 and 立即锁定 show the lock screen over the app while
 * the server refuses everything else; a wrong password is refused; 自动锁定 after the idle time (the page's
 * clock is driven by the test); a reload while locked shows only the lock screen.
 *
 * The browser-mode server is shared by every spec of this worker: each test leaves it without a password.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Download, Page } from '@playwright/test';
import { test, expect, type WebApp } from './fixtures';
import { idCheckChar } from '../../shared/rules/idNumber';
import { blankMemberInput } from '../../shared/rules/member';

const PASSWORD = 'hongqi-2026';
const SHOTS = process.env['SHOTS_DIR'];

function idNumber(birth: string, seq: number): string {
  const first17 = `110105${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  await page.waitForTimeout(500); // let the dialog's opening animation finish
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** Whatever a test did: unlocked and without a password again, for the next spec. */
async function clearPassword(webApp: WebApp) {
  const s = await webApp.must<{ passwordSet: boolean; locked: boolean }>('security.status', {});
  if (!s.passwordSet) return;
  if (s.locked) await webApp.must('security.unlock', { password: PASSWORD });
  await webApp.must('security.removePassword', { current: PASSWORD });
}
test.afterEach(async ({ webApp }) => clearPassword(webApp));

async function readDownload(d: Download) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync((await d.path())!) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string>[] = [];
  ws.eachRow((row, n) => {
    if (n < 3) return;
    const v = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(headers.map((h, i) => [h, v[i] == null ? '' : String(v[i])])));
  });
  return rows;
}

test('导出名册 hides ID numbers and phones unless full data is chosen, and the full export is on record', async ({ page, webApp }) => {
  const street = await webApp.must<{ id: number }>('orgs.create', { org: { name: '保密街道党工委', kind: 'streetCommittee', parentId: null } });
  const branch = await webApp.must<{ id: number }>('orgs.create', { org: { name: '保密社区第一党支部', kind: 'branch', parentId: street.id } });
  const id = idNumber('1979-05-06', 611);
  await webApp.must('members.create', {
    member: { ...blankMemberInput(), name: '保密甲', idNumber: id, branchId: branch.id, mobile: '13912345678', joinedOn: '2005-07-01', confirmedOn: '2006-07-01' },
  });

  await page.goto(webApp.url);
  await page.getByPlaceholder(/拼音首字母/).fill('保密');
  await expect(page.getByText('共 1 人')).toBeVisible();
  // The list itself shows the number masked.
  await expect(page.getByTestId('member-table')).toContainText('110105********');
  await expect(page.getByTestId('member-table')).not.toContainText(id);

  await page.getByRole('button', { name: '导出名册' }).click();
  const dialog = page.getByRole('dialog', { name: '导出名册' });
  await expect(dialog.getByRole('radio', { name: /隐藏身份证号和电话/ })).toBeChecked();
  await shot(page, 'export-dialog');
  const [masked] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: '开始导出' }).click()]);
  expect(masked.suggestedFilename()).toContain('隐藏身份证号和电话');
  const [m] = await readDownload(masked);
  expect(m!['姓名']).toBe('保密甲');
  expect(m!['公民身份号码']).toBe(`110105********${id.slice(14)}`);
  expect(JSON.stringify(m)).not.toContain('13912345678');
  expect(JSON.stringify(m)).toContain('139****5678');

  await page.getByRole('button', { name: '导出名册' }).click();
  await dialog.getByRole('radio', { name: /完整数据/ }).check();
  const [full] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: '开始导出' }).click()]);
  expect(full.suggestedFilename()).not.toContain('隐藏');
  const [f] = await readDownload(full);
  expect(f!['公民身份号码']).toBe(id);

  await page.getByRole('menuitem', { name: '设置' }).click();
  const record = page.getByRole('region', { name: '个人信息保护记录' });
  await expect(record.getByRole('row').filter({ hasText: '导出完整数据' })).toContainText('共 1 人');
  await expect(record.getByRole('row').filter({ hasText: '导出完整数据' })).toContainText('搜索“保密”');
  // Read only: no button or link in the record changes it.
  await expect(record.getByRole('button', { name: /删除|修改|编辑/ })).toHaveCount(0);
});

test('开机密码: set it, lock now — the server refuses everything but the lock screen — a wrong password, then unlock to where the clerk was', async ({ page, webApp }) => {
  await page.goto(`${webApp.url}#/settings`);
  await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '自动锁定时间' })).toBeDisabled();
  await shot(page, 'settings-no-password');

  await page.getByRole('button', { name: '设置开机密码' }).click();
  const dialog = page.getByRole('dialog', { name: '设置开机密码' });
  await dialog.getByLabel('新密码', { exact: true }).fill('12345');
  await dialog.getByLabel('再输入一次新密码').fill('12345');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('密码至少 6 位')).toBeVisible();
  await dialog.getByLabel('新密码', { exact: true }).fill(PASSWORD);
  await dialog.getByLabel('再输入一次新密码').fill(`${PASSWORD}x`);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('两次输入的密码不一样')).toBeVisible();
  await dialog.getByLabel('再输入一次新密码').fill(PASSWORD);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('已设置', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: '个人信息保护记录' })).toContainText('设置开机密码');
  await shot(page, 'settings');

  // Something on screen the clerk was doing: a search on the register.
  await page.getByRole('menuitem', { name: '党员名册' }).click();
  await page.getByPlaceholder(/拼音首字母/).fill('正在查找的人');
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('button', { name: '立即锁定' }).click();

  const lock = page.getByRole('dialog', { name: '社区党建工作台已锁定' });
  await expect(lock).toBeVisible();
  await expect(lock.getByLabel('开机密码')).toBeFocused();
  // The lock is the server's: the API refuses everything but the lock screen's two channels.
  expect(await webApp.call('members.list', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
  expect(await webApp.call('security.log', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
  expect(await webApp.call('security.status', {})).toMatchObject({ ok: true, value: { locked: true } });

  await lock.getByLabel('开机密码').fill('not-the-password');
  await lock.getByRole('button', { name: '解锁' }).click();
  await expect(lock.getByRole('alert')).toContainText('密码不对');
  await expect(lock.getByRole('alert')).toContainText('再输错 4 次');
  await shot(page, 'lock-wrong');
  await lock.getByLabel('开机密码').fill(PASSWORD);
  await lock.getByLabel('开机密码').press('Enter');
  await expect(lock).toBeHidden();
  // Back where the clerk was, with nothing lost.
  await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
  await page.getByRole('menuitem', { name: '党员名册' }).click();
  await expect(page.getByRole('heading', { name: '党员名册' })).toBeVisible();

  // A reload (or the next start) while locked shows only the lock screen: nothing of the app behind it.
  await webApp.must('security.lock', {});
  await page.reload();
  await expect(lock).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '党员名册' })).toHaveCount(0);
  await shot(page, 'lock-start');
  await lock.getByLabel('开机密码').fill(PASSWORD);
  await lock.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByRole('menuitem', { name: '党员名册' })).toBeVisible();

  // 取消开机密码 needs the current one.
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('button', { name: '取消开机密码' }).click();
  const remove = page.getByRole('dialog', { name: '取消开机密码' });
  await remove.getByLabel('当前密码').fill('wrong-one');
  await remove.getByRole('button', { name: '取消密码' }).click();
  await expect(remove.getByText(/密码不对/)).toBeVisible();
  await remove.getByLabel('当前密码').fill(PASSWORD);
  await remove.getByRole('button', { name: '取消密码' }).click();
  await expect(remove).toBeHidden();
  await expect(page.getByText('未设置', { exact: true })).toBeVisible();
});

test('自动锁定: after the chosen idle time without a key or the mouse, the app locks itself', async ({ page, webApp }) => {
  await webApp.must('security.setPassword', { password: PASSWORD });
  await page.clock.install();
  await page.goto(`${webApp.url}#/settings`);
  await page.getByRole('combobox', { name: '自动锁定时间' }).click();
  await page.locator('.ant-select-item-option').filter({ hasText: '1 分钟不操作后' }).click();
  await expect(page.getByText('已设为1 分钟不操作后自动锁定')).toBeVisible();

  const lock = page.getByRole('dialog', { name: '社区党建工作台已锁定' });
  // Activity keeps it open: 40 s, a key, 40 s more — still open.
  await page.clock.runFor(40_000);
  await page.keyboard.press('Shift');
  await page.clock.runFor(40_000);
  await expect(lock).toHaveCount(0);
  // A full minute with nothing: locked.
  await page.clock.runFor(61_000);
  await expect(lock).toBeVisible();
  expect(await webApp.call('members.list', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
  await lock.getByLabel('开机密码').fill(PASSWORD);
  await lock.getByRole('button', { name: '解锁' }).click();
  await expect(lock).toBeHidden();
  await webApp.must('security.setAutoLock', { minutes: 10 });
});
