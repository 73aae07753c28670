/**
 * 概览 and 统计报表 through the real UI (browser mode): the overview shows the register's figures (the same as the
 * service's), its charts carry their figures, a rule warning leads to its organisation; a clerk produces last year's
 * returns for one community, sees the figures, downloads the workbook (read back with our reader), and produces it
 * again to find it identical.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type WebApp } from './fixtures';
import { readSpreadsheet } from '../../electron/excel/read';
import { idCheckChar } from '../../shared/rules/idNumber';
import { blankMemberInput } from '../../shared/rules/member';
import type { Overview } from '../../shared/returns';

interface Org {
  id: number;
  name: string;
}

function idNumber(birth: string, seq: number): string {
  const first17 = `110105${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

const shots = process.env['SHOTS_DIR'];
const lastYear = new Date().getFullYear() - 1;

/** The community these tests count: made once per worker's database (both tests use it). */
async function community(webApp: WebApp) {
  const existing = (await webApp.must<(Org & { parentId: number | null })[]>('orgs.list', {})).filter((o) => o.name.startsWith('报表'));
  if (existing.length) {
    const by = (n: string) => existing.find((o) => o.name === n)!;
    return { street: by('报表街道党工委'), c: by('报表社区党委'), b1: by('报表社区第一党支部'), retired: by('报表社区离退休党支部') };
  }
  const street = await webApp.must<Org>('orgs.create', { org: { name: '报表街道党工委', kind: 'streetCommittee', parentId: null } });
  const c = await webApp.must<Org>('orgs.create', { org: { name: '报表社区党委', kind: 'communityCommittee', parentId: street.id } });
  const b1 = await webApp.must<Org>('orgs.create', { org: { name: '报表社区第一党支部', kind: 'branch', parentId: c.id } });
  const retired = await webApp.must<Org>('orgs.create', { org: { name: '报表社区离退休党支部', kind: 'retiredBranch', parentId: c.id } });
  const people: [string, number, Org, string[], string][] = [
    ['报表甲', 611, b1, ['resident'], '1950-03-01'],
    ['报表乙', 622, b1, ['resident', 'inService'], '1990-06-01'],
    ['报表丙', 633, retired, ['retiredWorker'], '1948-09-09'],
    ['报表丁', 644, retired, ['retiredCadre'], '1935-01-01'],
  ];
  for (const [name, seq, branch, tags, birth] of people) {
    await webApp.must('members.create', {
      member: { ...blankMemberInput(), name, idNumber: idNumber(birth, seq), branchId: branch.id, joinedOn: '2010-07-01', confirmedOn: '2011-07-01', tags },
    });
  }
  return { street, c, b1, retired };
}

test('概览: the register’s figures, charts that carry them, and a rule warning that leads to its organisation', async ({ page, webApp }) => {
  const { b1 } = await community(webApp);
  const expected = await webApp.must<Overview>('overview.get', {});
  await page.goto(webApp.url);
  await page.getByRole('menuitem', { name: '概览' }).click();
  await expect(page.getByRole('heading', { name: '概览', level: 1 })).toBeVisible();
  const figures = page.getByRole('region', { name: '党员概况' });
  await expect(figures.getByRole('button', { name: `党员总数 ${expected.members.total} 名` })).toBeVisible();
  await expect(figures).toContainText(`正式党员${expected.members.full}`);
  const resident = expected.byClassification.find((x) => x.label === '居民党员')!;
  await expect(page.getByRole('img', { name: /^党员分类：/ })).toHaveAttribute('aria-label', new RegExp(`居民党员 ${resident.count} 名`));
  await expect(page.getByRole('img', { name: /^年龄结构：/ })).toHaveAttribute('aria-label', /61岁及以上 \d+ 名/);
  // The charts are drawn (a canvas of the box's size).
  await expect(page.getByRole('region', { name: '党员分类' }).locator('canvas')).toHaveCount(1);
  if (shots) await page.screenshot({ path: path.join(shots, 'overview.png') });

  // 报表社区第一党支部 has two 正式党员: below 3, a warning on the overview; its name opens the organisation.
  const warnings = page.getByRole('region', { name: '规则提醒' });
  await expect(warnings).toContainText('少于3名正式党员');
  await warnings.getByRole('button', { name: b1.name }).first().click();
  await expect(page.getByRole('region', { name: '组织信息' }).getByRole('heading', { name: b1.name })).toBeVisible();
  // And the organisation page's 规则提醒 leads back to the overview's list.
  await page.getByRole('button', { name: /^规则提醒/ }).click();
  await expect(page.getByRole('heading', { name: '概览', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: '规则提醒' })).toBeInViewport();
});

test('概览: the two-new coverage rates and an agreement about to expire, each leading to its page; one screen at 1366×768', async ({ page, webApp }) => {
  const { c } = await community(webApp);
  const today = new Date();
  const inDays = (n: number) => new Date(today.getFullYear(), today.getMonth(), today.getDate() + n).toLocaleDateString('sv-SE');
  const org = (name: string, partyWork: string) =>
    webApp.must('neworgs.save', {
      org: { name, kind: 'enterprise', creditCode: null, communityId: c.id, memberIds: [], otherFull: 0, otherProbationary: 0, legalRepIsMember: null, partyWork, hasUnion: false, hasYouthLeague: false, hasWomensFederation: false },
    });
  const have = await webApp.must<{ name: string }[]>('neworgs.list', {});
  if (!have.some((o) => o.name === '概览甲公司')) {
    await org('概览甲公司', 'own');
    await org('概览乙公司', 'liaisonOnly');
    await org('概览丙公司', 'none');
    await org('概览丁公司', 'none');
    const unit = await webApp.must<{ id: number }>('units.save', { unit: { name: '概览区第一中学', kind: 'institution', communityId: c.id } });
    await webApp.must('agreements.save', {
      agreement: { title: '概览共建协议', kind: 'coBuilding', communityId: c.id, unitIds: [unit.id], signedOn: inDays(-300), startOn: inDays(-300), endOn: inDays(20), commitments: [], resources: [] },
    });
  }
  const expected = await webApp.must<Overview>('overview.get', {});
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(webApp.url);
  await page.getByRole('menuitem', { name: '概览' }).click();
  const coverage = page.getByRole('region', { name: '两新组织党建覆盖' });
  const rate = (r: number | null) => (r == null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);
  await expect(coverage).toContainText(`党的组织覆盖率 ${rate(expected.coverage.organisationCoverage)}`);
  await expect(coverage).toContainText(`党的工作覆盖率 ${rate(expected.coverage.workCoverage)}`);
  const expiring = page.getByRole('region', { name: '共建协议即将到期' });
  await expect(expiring).toContainText('20 天后到期');
  if (shots) await page.screenshot({ path: path.join(shots, 'overview-cards.png') });
  // Every card of the overview is on the first screen.
  for (const name of ['需要调整的党组织', '介绍信回执逾期', '三会一课未按期开展', '两新组织党建覆盖', '共建协议即将到期', '流动党员活动证年审'])
    await expect(page.getByRole('region', { name }), name).toBeInViewport({ ratio: 1 });
  await expiring.getByRole('link', { name: '概览共建协议' }).click();
  await expect(page).toHaveURL(/#\/cobuilding\/agreements\/\d+$/);
  await expect(page.getByText('概览共建协议').first()).toBeVisible();
  await page.getByRole('menuitem', { name: '概览' }).click();
  await page.getByRole('region', { name: '两新组织党建覆盖' }).getByRole('button', { name: /去两新组织/ }).click();
  await expect(page).toHaveURL(/#\/two-new$/);
});

test('统计报表: produce last year’s returns for a community, see and download them, produce them again', async ({ page, webApp }, testInfo) => {
  await community(webApp);
  await page.goto(webApp.url);
  await page.getByRole('menuitem', { name: '统计报表' }).click();
  await expect(page.getByRole('heading', { name: '统计报表', level: 1 })).toBeVisible();
  const form = page.getByRole('region', { name: '生成报表' });
  await expect(form.getByLabel('年份')).toBeVisible();
  await form.getByLabel('统计范围').click();
  await form.getByLabel('统计范围').fill('报表社区党委');
  await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: /^报表社区党委$/ }).click();
  await form.getByLabel('单位负责人').fill('王书记');
  await form.getByLabel('填表人').fill('李干事');
  await form.getByRole('button', { name: '生成报表' }).click();

  const result = page.getByRole('region', { name: '报表内容' });
  await expect(result).toContainText(`统计报表_报表社区党委_${lastYear}年度.xlsx`);
  await expect(result).toContainText(`截至 ${lastYear}-12-31`);
  await expect(result.getByRole('tab', { name: '党员分类统计表' })).toBeVisible();
  await expect(result.getByRole('tab', { name: '离退休和流动党员党支部情况' })).toBeVisible();
  const total = result.getByRole('row').filter({ hasText: /^合计/ }).first();
  await expect(total).toContainText('4');
  await expect(result.getByRole('row').filter({ hasText: '报表社区第一党支部' }).first()).toContainText('2');
  if (shots) await page.screenshot({ path: path.join(shots, 'returns.png') });

  // The file as produced: every sheet, the figures in it.
  const [download] = await Promise.all([page.waitForEvent('download'), result.getByRole('button', { name: '下载报表' }).click()]);
  expect(download.suggestedFilename()).toBe(`统计报表_报表社区党委_${lastYear}年度.xlsx`);
  const file = testInfo.outputPath('returns.xlsx');
  await download.saveAs(file);
  const wb = readSpreadsheet(fs.readFileSync(file), 'returns.xlsx');
  expect(wb.sheets.map((s) => s.name)).toContain('党员分类统计表');
  const sheet = wb.sheets.find((s) => s.name === '党员分类统计表')!;
  const totalRow = sheet.rows.find((r) => r.cells[0] === '合计')!;
  expect(totalRow.cells[1]).toBe(4);
  expect(sheet.rows.some((r) => r.cells.some((c) => c === '单位负责人：王书记'))).toBe(true);

  // The history keeps it; producing it again gives the same file.
  const history = page.getByRole('region', { name: '报表历史' });
  const entry = history.getByRole('row').filter({ hasText: '报表社区党委' });
  await expect(entry).toHaveCount(1);
  await entry.getByRole('button', { name: '重新生成' }).click();
  const dialog = page.getByRole('dialog', { name: '重新生成的结果' });
  await expect(dialog).toContainText('与原报表完全相同');
  if (shots) await page.screenshot({ path: path.join(shots, 'returns-reproduced.png') });
  await dialog.getByRole('button', { name: '知道了' }).click();
  await expect(history.getByRole('row').filter({ hasText: '报表社区党委' })).toHaveCount(2);
  await expect(history.getByRole('row').filter({ hasText: '再次生成' }).filter({ hasText: '报表社区党委' })).toHaveCount(1);
});
