/**
 * 组织关系转接 through the real UI (browser mode): issue a letter for a member of the register and see its
 * three-part print preview; confirm the transfer out; register an incoming letter, place the member in a
 * branch and find them in the register.
 */
import { test, expect, type WebApp } from './fixtures';
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

async function tree(webApp: WebApp, p: string) {
  const street = await webApp.must<Org>('orgs.create', { org: { name: `${p}街道党工委`, kind: 'streetCommittee', parentId: null, contactPhone: '010-62001234' } });
  const community = await webApp.must<Org>('orgs.create', { org: { name: `${p}社区党委`, kind: 'communityCommittee', parentId: street.id } });
  const branch = await webApp.must<Org>('orgs.create', { org: { name: `${p}社区第一党支部`, kind: 'branch', parentId: community.id } });
  return { street, community, branch };
}

test('a clerk issues a transfer letter, sees its print preview, and confirms the transfer out', async ({ page, webApp }) => {
  const t = await tree(webApp, '转接');
  await webApp.must('members.create', {
    member: { ...blankMemberInput(), name: '转出甲', ethnicity: '满族', idNumber: idNumber('1958-06-01', 301), branchId: t.branch.id, joinedOn: '1980-07-01', confirmedOn: '1981-07-01', mobile: '13700003333' },
  });

  await page.goto(webApp.url);
  await page.getByRole('menuitem', { name: '组织关系转接' }).click();
  await expect(page.getByRole('heading', { name: '组织关系转接' })).toBeVisible();
  await page.getByRole('button', { name: '开具介绍信' }).click();
  const dialog = page.getByRole('dialog', { name: '开具组织关系介绍信' });
  await dialog.getByLabel('党员', { exact: true }).fill('转出甲');
  await page.locator('.ant-select-item-option').filter({ hasText: '转出甲' }).click();
  await dialog.getByLabel('转往的党组织').fill('海淀区某街道党工委');
  const dues = dialog.getByLabel('党费交至');
  await dues.fill('2026-10');
  await dues.press('Enter');
  const date = dialog.getByLabel('开具日期');
  await date.fill('2026-11-20');
  await date.press('Enter');
  await dialog.getByRole('button', { name: '开具并预览' }).click();

  const letter = page.getByTestId('transfer-letter');
  await expect(letter).toBeVisible();
  for (const part of ['存根', '介绍信', '回执']) await expect(letter.getByRole('region', { name: part })).toBeVisible();
  await expect(letter.getByRole('region', { name: '介绍信' })).toContainText('转出甲');
  await expect(letter.getByRole('region', { name: '介绍信' })).toContainText('海淀区某街道党工委');
  await expect(letter.getByRole('region', { name: '介绍信' })).toContainText('2026年10月');
  await expect(letter.getByRole('region', { name: '介绍信' })).toContainText('转接街道党工委');
  const letterNo = '2026-001';
  await expect(letter.getByRole('region', { name: '存根' })).toContainText(letterNo);
  await expect(page.getByRole('button', { name: '打印' })).toBeEnabled();

  // Print media: the navigation and the buttons are gone, the letter stays.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: '功能导航' })).toBeHidden();
  await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
  await expect(letter).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  await page.getByRole('button', { name: '确认转出' }).click();
  const confirm = page.getByRole('dialog', { name: /确认转出/ });
  const out = confirm.getByLabel('转出日期');
  await out.fill('2026-11-21');
  await out.press('Enter');
  await confirm.getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '转出甲 已转出' })).toBeVisible();
  await expect(page.getByRole('button', { name: '回执已退回' })).toBeVisible();

  await page.getByRole('button', { name: '返回列表' }).click();
  const row = page.getByTestId('transfer-table').locator('tbody tr').filter({ hasText: '转出甲' });
  await expect(row).toContainText(letterNo);
  await expect(row).toContainText('已转出');
  await page.getByLabel('搜索介绍信').fill('不存在的人');
  await expect(row).toBeHidden();
});

test('a clerk registers an incoming transfer, places the member in a branch and finds them in the register', async ({ page, webApp }) => {
  await tree(webApp, '接收');
  await page.goto(webApp.url);
  await page.getByRole('menuitem', { name: '组织关系转接' }).click();
  await page.getByRole('tab', { name: '转入' }).click();
  await page.getByRole('button', { name: '登记转入' }).click();
  const dialog = page.getByRole('dialog', { name: '登记转入的组织关系介绍信' });
  await dialog.getByLabel('介绍信编号').fill('京海组转〔2026〕17号');
  await dialog.getByLabel('转出的党组织').fill('海淀区某国有企业党委');
  const date = dialog.getByLabel('收到日期');
  await date.fill('2026-11-18');
  await date.press('Enter');
  await dialog.getByLabel('姓名').fill('转入乙');
  await dialog.getByLabel('公民身份号码').fill(idNumber('1960-02-03', 412));
  await dialog.getByRole('button', { name: '登记' }).click();

  const details = page.getByTestId('transfer-in-details');
  await expect(details).toContainText('转入乙');
  await expect(details).toContainText('海淀区某国有企业党委');
  const place = page.getByRole('region', { name: '安排到党支部' });
  await place.getByLabel('党支部').click();
  await place.getByLabel('党支部').fill('接收社区第一');
  await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '接收社区第一党支部' }).click();
  const placed = place.getByLabel('转入日期');
  await placed.fill('2026-11-19');
  await placed.press('Enter');
  // The letter has no 入党日期: given here from the 档案, it goes into the new record.
  const joined = place.getByLabel('加入党组织日期');
  await joined.fill('1985-07-01');
  await joined.press('Enter');
  await place.getByRole('button', { name: '安排到党支部' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '已于 2026-11-19 安排到接收社区第一党支部' })).toBeVisible();

  await page.getByRole('menuitem', { name: '党员名册' }).click();
  await page.getByLabel('搜索党员').fill('转入乙');
  const row = page.getByTestId('member-table').locator('tbody tr').filter({ hasText: '转入乙' });
  await expect(row).toContainText('接收社区第一党支部');
  await row.getByText('转入乙').click();
  await expect(page.getByTestId('branch-history')).toContainText('组织关系转入（海淀区某国有企业党委');
  await expect(page.getByText('1985-07-01').first()).toBeVisible();
});

test('a letter with long names, phones and address still prints on one A4 page, each contact label beside its blank', async ({ page, webApp }) => {
  const street = await webApp.must<Org>('orgs.create', {
    org: { name: '长信街道党工委', kind: 'streetCommittee', parentId: null, contactPhone: '010-62001234 010-62005678转801', address: '北京市朝阳区某某街道某某路某某号院某某大厦东侧配楼三层街道党群服务中心党工委办公室（邮编100000，周一至周五上午8:30至下午5:30办公）' },
  });
  const branch = await webApp.must<Org>('orgs.create', { org: { name: '长信社区某某大型国有企业离退休职工第一联合党支部（含三家物业服务企业和两家社会组织）', kind: 'jointBranch', parentId: street.id } });
  const m = await webApp.must<{ id: number }>('members.create', {
    member: { ...blankMemberInput(), name: '欧阳长信', ethnicity: '维吾尔族', idNumber: idNumber('1950-01-01', 503), branchId: branch.id, joinedOn: '1975-07-01', confirmedOn: '1976-07-01' },
  });
  // Dated last year: this year's numbers stay as the first test expects.
  const t = await webApp.must<{ id: number; senderAddress: string | null }>('transfers.issueOut', {
    memberId: m.id,
    to: '新疆维吾尔自治区乌鲁木齐市天山区某某街道党工委下属某某社区党委第三党支部（原某某国有企业离退休人员管理服务中心党委退休职工第二党支部）',
    duesPaidUntil: '2025-10', validDays: 90, date: '2025-11-20', phone: '13800001111，010-62998877转8021',
  });
  expect(t.senderAddress).toContain('街道党群服务中心'); // the street committee's 办公地址, by default

  await page.goto(`${webApp.url}#/transfers/${t.id}`);
  const part = page.getByTestId('transfer-letter').getByRole('region', { name: '介绍信' });
  await expect(part).toContainText('13800001111，010-62998877转8021');
  await page.emulateMedia({ media: 'print' });
  // Each label starts on the line of its blank's first line (the blank may wrap; the label never ends a line alone).
  for (const label of ['党员联系电话：', '党委联系电话：', '党员原所在基层党委通讯地址：']) {
    const l = part.locator('.letter-contacts .label', { hasText: label });
    const lb = (await l.boundingBox())!;
    const vb = (await l.locator('xpath=following-sibling::*[1]').boundingBox())!;
    const middle = lb.y + lb.height / 2;
    expect(middle, `${label} on the first line of its blank`).toBeGreaterThan(vb.y - 2);
    expect(middle, `${label} on the first line of its blank`).toBeLessThan(vb.y + 22);
    expect(vb.x, `${label}'s blank to its right`).toBeGreaterThanOrEqual(lb.x + lb.width - 1);
  }
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
  expect(pages).toHaveLength(1);
  await page.emulateMedia({ media: 'screen' });
});
