/**
 * The member register through the real UI, against browser mode (real handlers, a fresh SQLite file):
 * add a member through the form, validation of the ID number beside the field, the recorded override,
 * duplicates, search by pinyin initials, edit, transfer out, and the audit log.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, type WebApp } from './fixtures';
import { idCheckChar } from '../../shared/rules/idNumber';

/** A valid 18-character number: region + birth date + 3-digit sequence (odd last digit = male) + check char. */
function validId(birth: string, seq: string, region = '110105'): string {
  const first17 = region + birth + seq;
  return first17 + idCheckChar(first17);
}
/** The same number with a wrong check character. */
function wrongCheck(id: string): string {
  const right = id[17]!;
  return id.slice(0, 17) + (right === '1' ? '2' : '1');
}

interface Org {
  id: number;
  name: string;
}
let branch1: Org;
let branch2: Org;

test.beforeAll(async ({ webApp }) => {
  const street = await webApp.must<Org>('orgs.create', { org: { name: '名册测试街道党工委', kind: 'streetCommittee', parentId: null } });
  const community = await webApp.must<Org>('orgs.create', { org: { name: '阳光社区党委', kind: 'communityCommittee', parentId: street.id } });
  branch1 = await webApp.must<Org>('orgs.create', { org: { name: '阳光社区第一党支部', kind: 'branch', parentId: community.id } });
  branch2 = await webApp.must<Org>('orgs.create', { org: { name: '阳光社区第二党支部', kind: 'branch', parentId: community.id } });
});

/** A member straight through the contract, for setup. */
async function createMember(webApp: WebApp, name: string, idNumber: string, branchId: number | null): Promise<{ id: number }> {
  return webApp.must('members.create', {
    member: {
      name,
      sex: null,
      ethnicity: '汉族',
      idNumber,
      idOverrideReason: null,
      birthDate: null,
      education: null,
      membershipKind: 'full',
      branchId,
      joinedOn: null,
      confirmedOn: null,
      occupation: null,
      mobile: null,
      phone: null,
      address: null,
      standing: 'normal',
      lostContact: false,
      lostContactSince: null,
      floating: false,
      floatingDirection: null,
      floatingDestination: null,
      tags: ['resident'],
      specialties: null,
      note: null,
    },
  });
}

async function listTotal(webApp: WebApp, q: string, status: 'active' | 'left' | 'all' = 'all'): Promise<number> {
  const r = await webApp.must<{ total: number }>('members.list', { q, status });
  return r.total;
}

const rows = (page: Page): Locator => page.getByTestId('member-table').locator('tr[data-row-key]');
const saveButton = (page: Page): Locator => page.getByRole('button', { name: '保存', exact: true });

async function typeDate(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label, { exact: false });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect(input).toHaveValue(value);
}

async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label).click();
  // The branch picker is a searchable tree: filter it, or a long tree (earlier tests' organisations) keeps the
  // option outside the drop-down's rendered window.
  if (label === '所在党支部') await page.getByLabel(label).fill(option);
  await page.getByTitle(option, { exact: true }).click();
}

async function openNewMemberForm(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: '新增党员' }).click();
  await expect(page.getByRole('heading', { name: '新增党员' })).toBeVisible();
}

test('a wrong check digit is explained beside the field and nothing is saved', async ({ page, webApp }) => {
  const good = validId('19750315', '241');
  const bad = wrongCheck(good);
  await openNewMemberForm(page, webApp.url);
  await page.getByLabel('姓名').fill('钱校验');
  const id = page.getByLabel('公民身份号码');
  await id.fill(bad);
  await id.press('Tab');
  // The message is tied to the field (aria-describedby), and says what the last character should be.
  await expect(id).toHaveAccessibleDescription(new RegExp(`校验位不正确.*最后一位应为 ${good[17]}`));

  await saveButton(page).click();
  await expect(page.getByText('请先改正标红的内容再保存：公民身份号码')).toBeVisible();
  await expect(page.getByRole('heading', { name: '新增党员' })).toBeVisible();
  expect(await listTotal(webApp, '钱校验')).toBe(0);

  // Too short: a different message, still beside the field.
  await id.fill('1101051975');
  await expect(id).toHaveAccessibleDescription(/应为 18 位（旧号码为 15 位），现在是 10 位/);

  // Correcting it clears the message and fills 性别 and 出生日期 from the number.
  await id.fill(good);
  await id.press('Tab');
  await expect(id).not.toHaveAccessibleDescription(/校验位|应为 18 位/);
  await expect(page.getByText('号码校验通过（男，1975-03-15 出生）')).toBeVisible();
  await expect(page.getByLabel('出生日期')).toHaveValue('1975-03-15');
});

test('a number that fails the check is saved only with a recorded reason, and is marked', async ({ page, webApp }) => {
  const bad = wrongCheck(validId('19620708', '113'));
  await openNewMemberForm(page, webApp.url);
  await page.getByLabel('姓名').fill('孙例外');
  await page.getByLabel('公民身份号码').fill(bad);
  await page.getByLabel('公民身份号码').press('Tab');
  await pick(page, '所在党支部', branch1.name);

  await page.getByLabel('仍按此号码保存（已核对证件原件）').check();
  const reason = page.getByLabel('号码校验例外说明');
  await expect(reason).toBeVisible();
  await saveButton(page).click();
  await expect(reason).toHaveAccessibleDescription(/请写明仍按此号码保存的原因/);
  expect(await listTotal(webApp, '孙例外')).toBe(0);

  await reason.fill('已核对身份证原件，号码与证件一致');
  await saveButton(page).click();
  await expect(page.getByText('已保存', { exact: true })).toBeVisible();

  const detail = page.getByRole('dialog').filter({ hasText: '党员信息：孙例外' });
  await expect(detail.getByTestId('detail-id-number')).toHaveText(bad);
  await expect(detail).toContainText('校验未通过（已确认保存）');
  await expect(detail).toContainText('已核对身份证原件，号码与证件一致');

  const saved = await webApp.must<{ rows: { idStatus: string }[] }>('members.list', { q: '孙例外' });
  expect(saved.rows.map((r) => r.idStatus)).toEqual(['override']);
});

test('a duplicate ID number names the member who already holds it', async ({ page, webApp }) => {
  const id = validId('19581120', '375');
  await createMember(webApp, '王五', id, branch1.id);
  await openNewMemberForm(page, webApp.url);
  await page.getByLabel('姓名').fill('王五二');
  await page.getByLabel('公民身份号码').fill(id);
  await page.getByLabel('公民身份号码').press('Tab');
  await expect(page.getByLabel('公民身份号码')).toHaveAccessibleDescription(`该号码已登记为 王五（${branch1.name}），不能重复登记`);
  await saveButton(page).click();
  await expect(page.getByRole('heading', { name: '新增党员' })).toBeVisible();
  expect(await listTotal(webApp, id)).toBe(1);
});

test('a clerk adds, finds, edits and transfers out a member, and the audit log shows each step', async ({ page, webApp }) => {
  // Someone who must not match "zs".
  await createMember(webApp, '李四', validId('19700101', '455'), branch2.id);
  const id = validId('19800101', '123');

  // 1. Add through the form, filled by label.
  await openNewMemberForm(page, webApp.url);
  await page.getByLabel('姓名').fill('张三');
  await page.getByLabel('公民身份号码').fill(id);
  await page.getByLabel('公民身份号码').press('Tab');
  await expect(page.getByLabel('出生日期')).toHaveValue('1980-01-01'); // filled from the number
  await pick(page, '民族', '汉族');
  await pick(page, '学历', '大学本科');
  await pick(page, '所在党支部', branch1.name);
  await typeDate(page, '加入党组织日期', '2005-07-01');
  await typeDate(page, '转为正式党员日期', '2006-07-01');
  await page.getByLabel('工作岗位').fill('离退休人员');
  await page.getByLabel('工作岗位').press('Escape');
  await page.getByLabel('家庭住址').fill('阳光小区3号楼2单元501室');
  // The occupation suggests a classification; one click applies it.
  await expect(page.getByTestId('tag-suggestion')).toContainText('建议分类：退休职工党员');
  await page.getByRole('button', { name: '采用建议' }).click();
  await expect(page.getByRole('checkbox', { name: '退休职工党员' })).toBeChecked();
  await page.getByRole('checkbox', { name: '居民党员' }).check();
  await saveButton(page).click();
  await expect(page.getByText('已保存', { exact: true })).toBeVisible();

  // The detail opens after saving: the whole ID number, the sex read from it, the tags.
  let detail = page.getByRole('dialog').filter({ hasText: '党员信息：张三' });
  await expect(detail.getByTestId('detail-id-number')).toHaveText(id);
  await expect(detail).toContainText('已校验');
  await expect(detail).toContainText('男');
  await expect(detail).toContainText('退休职工党员');
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();

  // 2. Find by pinyin initials; the list masks the number.
  await page.getByPlaceholder(/拼音首字母/).fill('zs');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('张三');
  await expect(rows(page).first()).toContainText('110105********123');
  await expect(rows(page).first()).not.toContainText(id);
  await expect(page.getByTestId('member-table')).not.toContainText('李四');

  // 3. Edit: change the phone and move to the second branch.
  await rows(page).filter({ hasText: '张三' }).click();
  detail = page.getByRole('dialog').filter({ hasText: '党员信息：张三' });
  await detail.getByRole('button', { name: '编辑' }).click();
  await expect(page.getByRole('heading', { name: '编辑党员：张三' })).toBeVisible();
  await expect(page.getByLabel('姓名')).toHaveValue('张三');
  await page.getByLabel('手机号码').fill('13800138000');
  await pick(page, '所在党支部', branch2.name);
  await saveButton(page).click();
  await expect(page.getByRole('heading', { name: '编辑党员：张三' })).toBeHidden();
  await expect(page.getByText('已保存', { exact: true }).last()).toBeVisible();
  await expect(detail).toContainText('13800138000');
  await expect(detail).toContainText(branch2.name);

  // 4. Transfer out.
  await detail.getByRole('button', { name: '办理离开' }).click();
  const exit = page.getByRole('dialog').filter({ hasText: '办理离开：张三' });
  await exit.getByLabel('离开原因').click();
  await page.getByTitle('组织关系转出', { exact: true }).click();
  const date = exit.getByLabel('离开日期');
  await date.fill('2024-06-01');
  await date.press('Enter');
  await exit.getByLabel('说明').fill('转往长青街道党工委');
  await exit.getByRole('button', { name: '确认办理' }).click();
  await expect(exit).toBeHidden();
  await expect(detail).toContainText('已于 2024-06-01 离开：组织关系转出');

  // 5. The audit log: 离开, 修改 (old → new), 新增 — newest first.
  const log = detail.getByTestId('audit-log');
  await expect(log).toContainText('离开');
  await expect(log).toContainText('离开原因：（空） → 组织关系转出');
  await expect(log).toContainText('修改');
  await expect(log).toContainText('手机号码：（空） → 13800138000');
  await expect(log).toContainText(`所在党支部：${branch1.name} → ${branch2.name}`);
  await expect(log).toContainText('新增');
  await expect(log).toContainText('姓名：张三');
  const heads = await log.locator('strong').allTextContents();
  expect(heads).toEqual(['离开', '修改', '新增']);

  // 6. Gone from the default (在册) list, present under 已离开.
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await expect(page.getByTestId('member-table')).toContainText('没有符合条件的党员');
  await page.getByText('已离开', { exact: true }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('张三');
  await expect(rows(page).first()).toContainText('已离开组织关系转出');
  expect(await listTotal(webApp, 'zs', 'active')).toBe(0);
  expect(await listTotal(webApp, 'zs', 'left')).toBe(1);

  // 7. An exit entered by mistake is undone only with a reason, which the log keeps.
  await rows(page).first().click();
  await detail.getByRole('button', { name: '恢复在册' }).click();
  const back = page.getByRole('dialog').filter({ hasText: '恢复在册：张三' });
  await back.getByRole('button', { name: '确认恢复' }).click();
  await expect(back.getByLabel('恢复原因')).toHaveAccessibleDescription('请写明恢复原因');
  expect(await listTotal(webApp, 'zs', 'active')).toBe(0);
  await back.getByLabel('恢复原因').fill('转出登记有误');
  await back.getByRole('button', { name: '确认恢复' }).click();
  await expect(back).toBeHidden();
  await expect(log.locator('strong').first()).toHaveText('恢复');
  await expect(log).toContainText('说明：转出登记有误');
  expect(await listTotal(webApp, 'zs', 'active')).toBe(1);
});

test('counts per classification filter the list when clicked', async ({ page, webApp }) => {
  const m = await createMember(webApp, '周分类', validId('19650505', '517'), branch2.id);
  await webApp.must('members.update', {
    id: m.id,
    expectedVersion: 1,
    member: {
      name: '周分类', sex: null, ethnicity: null, idNumber: validId('19650505', '517'), idOverrideReason: null, birthDate: null,
      education: null, membershipKind: 'full', branchId: branch2.id, joinedOn: null, confirmedOn: null, occupation: null,
      mobile: null, phone: null, address: null, standing: 'normal', lostContact: false, lostContactSince: null, floating: false,
      floatingDirection: null, floatingDestination: null, tags: ['laidOff'], specialties: null, note: null,
    },
  });
  await page.goto(webApp.url);
  const counts = page.getByRole('region', { name: '分类统计' });
  const laidOff = counts.getByRole('button', { name: /下岗失业党员/ });
  const expected = await webApp.must<{ tagCounts: Record<string, number> }>('members.list', {});
  await expect(laidOff).toContainText(String(expected.tagCounts['laidOff']));
  await laidOff.click();
  await expect(laidOff).toHaveAttribute('aria-pressed', 'true');
  await expect(rows(page)).toHaveCount(expected.tagCounts['laidOff']!);
  await expect(rows(page).filter({ hasText: '周分类' })).toHaveCount(1);
  for (const text of await rows(page).allTextContents()) expect(text).toContain('下岗失业');
});

test("the member's drawer lists their 组织关系介绍信 and 流动党员活动证, each leading to its own page", async ({ page, webApp }) => {
  const m = await createMember(webApp, '卢介信', validId('19600606', '613'), branch1.id);
  const none = await createMember(webApp, '卢无证', validId('19600607', '615'), branch1.id);
  // A letter dated last year keeps this year's numbering (2026-001 …) to the transfers spec.
  const letter = await webApp.must<{ id: number; letterNo: string }>('transfers.issueOut', {
    memberId: m.id, to: '海淀区某街道党工委', duesPaidUntil: '2025-05', validDays: 30, date: '2025-06-10',
  });
  const old = await webApp.must<{ id: number }>('floating.issue', {
    memberId: m.id, direction: 'outflow', certificateNo: 'LD-REG-001', issueDate: '2025-01-02', reason: '外出务工', destination: '浙江省杭州市', dateOut: '2025-01-03',
  });
  await webApp.must('floating.return', { id: old.id, dateBack: '2025-05-01' });
  const open = await webApp.must<{ id: number }>('floating.issue', {
    memberId: m.id, direction: 'outflow', certificateNo: 'LD-REG-002', issueDate: '2025-07-01', reason: '随子女居住', destination: '广东省深圳市', dateOut: '2025-07-02',
  });

  await page.goto(`${webApp.url}#/members/${m.id}`);
  const detail = page.getByRole('dialog').filter({ hasText: '党员信息：卢介信' });
  const letters = detail.getByRole('region', { name: '组织关系介绍信' });
  const letterRow = letters.getByRole('row').filter({ hasText: letter.letterNo });
  await expect(letterRow).toContainText('转出');
  await expect(letterRow).toContainText('海淀区某街道党工委');
  await expect(letterRow).toContainText('开具 2025-06-10');
  await expect(letterRow).toContainText('已开具');
  const certificates = detail.getByRole('region', { name: '流动党员活动证' });
  await expect(certificates.getByRole('row')).toHaveCount(3); // the header and two certificates, newest first
  await expect(certificates.getByRole('row').nth(1)).toContainText('LD-REG-002');
  await expect(certificates.getByRole('row').nth(1)).toContainText('在外');
  await expect(certificates.getByRole('row').nth(2)).toContainText('LD-REG-001');
  await expect(certificates.getByRole('row').nth(2)).toContainText('返回 2025-05-01');
  await expect(certificates.getByRole('row').nth(2)).toContainText('已返回');

  await letters.getByRole('link', { name: letter.letterNo }).click();
  await expect(page).toHaveURL(new RegExp(`#/transfers/${letter.id}$`));
  await expect(page.getByRole('heading', { name: `转出介绍信 ${letter.letterNo} · 卢介信` })).toBeVisible();
  await page.goBack();
  await detail.getByRole('region', { name: '流动党员活动证' }).getByRole('link', { name: 'LD-REG-002' }).click();
  await expect(page).toHaveURL(new RegExp(`#/floating/${open.id}$`));
  await expect(page.getByTestId('floating-details')).toContainText('广东省深圳市');

  // A member without any says so plainly.
  await page.goto(`${webApp.url}#/members/${none.id}`);
  const other = page.getByRole('dialog').filter({ hasText: '党员信息：卢无证' });
  await expect(other.getByRole('region', { name: '组织关系介绍信' })).toHaveText('没有组织关系介绍信');
  await expect(other.getByRole('region', { name: '流动党员活动证' })).toHaveText('没有流动党员活动证');
});
