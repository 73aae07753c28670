/**
 * 数据备份 through the real UI (browser mode): 立即备份, the list with its counts, 恢复… with its preview and
 * confirmation (the page comes back on the restored data), 备份到U盘… (a typed path: browser mode has no system
 * dialog), 核对; an import's snapshot (导入前, 不含附件) checked and restored, the attachments left as they are; and the recovery screen a damaged data file opens on, restoring the newest good backup.
 * The shared database is left as this spec found it (restored to the backup taken at its start).
 */
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';

const shots = process.env['SHOTS_DIR'];
const shot = async (page: import('@playwright/test').Page, name: string) => {
  if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`) });
};

interface Row {
  file: string;
  info: { reason: string; organisations: number | null } | null;
}

test('a clerk backs up, restores with a preview, and backs up to a USB stick', async ({ page, webApp }) => {
  const start = await webApp.must<Row>('backup.create', {});
  const street = await webApp.must<{ id: number }>('orgs.create', { org: { name: '备份街道党工委', kind: 'streetCommittee', parentId: null } });
  const orgsBefore = (await webApp.must<unknown[]>('orgs.list', {})).length;
  // Whatever earlier specs left in backups/ (their imports' snapshots among them) is listed too.
  const listed = (await webApp.must<{ backups: unknown[] }>('backup.list', {})).backups.length;

  await page.goto(webApp.url);
  await page.getByRole('menuitem', { name: '数据备份' }).click();
  await expect(page.getByRole('heading', { name: '数据备份' })).toBeVisible();
  await expect(page.getByTestId('backup-summary')).toContainText(`党组织 ${orgsBefore} 个`);
  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByText('已备份，并已核对完好。')).toBeVisible();
  const table = page.getByTestId('backup-table');
  await expect(table.locator('tr[data-row-key]')).toHaveCount(Math.min(listed + 1, 10));
  await shot(page, 'backup-page');

  // Work continues after the backup: a community is added.
  await webApp.must('orgs.create', { org: { name: '备份后新建的社区党委', kind: 'communityCommittee', parentId: street.id } });
  await page.reload();
  await expect(page.getByTestId('backup-summary')).toContainText(`党组织 ${orgsBefore + 1} 个`);

  // 恢复… on the newest backup: what it holds beside what there is now, then a confirmation.
  await table.locator('tr[data-row-key]').first().getByRole('button', { name: '恢复…' }).click();
  const dialog = page.getByRole('dialog', { name: '用备份恢复数据' });
  await expect(dialog).toContainText('备份中');
  await expect(dialog.getByRole('row', { name: /党组织/ })).toContainText(`${orgsBefore}${orgsBefore + 1}`);
  const go = dialog.getByRole('button', { name: '开始恢复' });
  await expect(go).toBeDisabled();
  await dialog.getByText('我已确认').click();
  await shot(page, 'backup-restore-preview');
  await go.click();
  await expect(page.getByText(/已恢复为 .* 备份中的数据/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('backup-summary')).toContainText(`党组织 ${orgsBefore} 个`);
  await expect(table.getByText('恢复前')).toBeVisible();
  expect((await webApp.must<unknown[]>('orgs.list', {})).length).toBe(orgsBefore);
  await expect(table.locator('tr[data-row-key]')).toHaveCount(Math.min(listed + 2, 10));
  await shot(page, 'backup-restored');

  // 备份到U盘…: in browser mode the folder is typed.
  const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-usb-'));
  await page.getByRole('button', { name: '备份到U盘…' }).click();
  await page.getByLabel('文件夹路径').fill(usb);
  await page.getByRole('button', { name: '确定' }).click();
  await expect(page.getByText(`已备份到 ${usb}`)).toBeVisible();
  expect(fs.readdirSync(usb).filter((n) => n.endsWith('.djbak'))).toHaveLength(1);

  // 核对 reads a backup back.
  await table.locator('tr[data-row-key]').first().getByRole('button', { name: '核对' }).click();
  await expect(page.getByText(/备份完好/)).toBeVisible();

  // As this spec found it.
  await webApp.must('backup.restore', { file: start.file });
  fs.rmSync(usb, { recursive: true, force: true });
});

test('an import’s snapshot is listed as 导入前 · 不含附件, checks, and restores the database alone (attachments as they are)', async ({ page, webApp }) => {
  const start = await webApp.must<Row>('backup.create', {});
  const street = await webApp.must<{ id: number; name: string }>('orgs.create', { org: { name: '快照街道党工委', kind: 'streetCommittee', parentId: null } });
  const orgsBefore = (await webApp.must<unknown[]>('orgs.list', {})).length;
  // A real organisation import: it saves backups/导入前-<batch>.db before it writes.
  const csv = `组织名称,组织类别,上级组织\r\n快照后新建党支部,党支部,${street.name}\r\n`;
  const { jobId } = await webApp.must<{ jobId: string }>('orgs.importCommit', { fileName: '组织名单.csv', dataBase64: Buffer.from(csv).toString('base64'), mode: 'valid' });
  await expect
    .poll(async () => (await webApp.must<{ state: string }>('jobs.status', { id: jobId })).state, { timeout: 30_000 })
    .toBe('done');
  expect((await webApp.must<unknown[]>('orgs.list', {})).length).toBe(orgsBefore + 1);
  // An attachment that arrives after the import: restoring the database alone leaves it where it is.
  const archive = path.join(path.dirname(webApp.dbPath), 'archive');
  const later = path.join(archive, 'e2', 'e2e-snapshot-later');
  fs.mkdirSync(path.dirname(later), { recursive: true });
  fs.writeFileSync(later, '导入之后的附件');

  await page.goto(webApp.url);
  await page.getByRole('menuitem', { name: '数据备份' }).click();
  const row = page.getByTestId('backup-table').locator('tr[data-row-key]', { hasText: '导入组织“组织名单.csv”之前' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('导入前');
  await expect(row.getByText('不含附件', { exact: true }).first()).toBeVisible();
  await expect(page.getByText(/导入前的数据库副本（不含附件，每份和数据库一样大）只保留最近 5 份/)).toBeVisible();

  await row.getByRole('button', { name: '核对' }).click();
  await expect(page.getByText(/备份完好：数据库完整性检查通过.*不含附件/)).toBeVisible();

  await row.getByRole('button', { name: '恢复…' }).click();
  const dialog = page.getByRole('dialog', { name: '用备份恢复数据' });
  await expect(dialog).toContainText('仅数据库（不含附件）');
  await expect(dialog.getByTestId('database-only-note')).toContainText('附件保持现在的样子');
  await expect(dialog.getByRole('row', { name: /党组织/ })).toContainText(`${orgsBefore}${orgsBefore + 1}`);
  await expect(dialog.getByRole('row', { name: /附件（个）/ })).toContainText('不含附件1（保持不变）');
  await dialog.getByText('我已确认').click();
  await shot(page, 'backup-restore-snapshot');
  await dialog.getByRole('button', { name: '开始恢复' }).click();
  await expect(page.getByText(/已恢复为 .* 备份中的数据/)).toBeVisible({ timeout: 30_000 });
  expect((await webApp.must<unknown[]>('orgs.list', {})).length).toBe(orgsBefore);
  expect(fs.readFileSync(later, 'utf8')).toBe('导入之后的附件');

  // As this spec found it (the full backup brings the archive back too).
  await webApp.must('backup.restore', { file: start.file });
});

test('a damaged data file opens the recovery screen, which restores the newest good backup', async ({ browser }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-e2e-recovery-'));
  const dbPath = path.join(dir, 'dangjian.db');
  // Generated data (a street with its communities and branches), and a backup beside it, by the command line.
  const tsx = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return r;
  };
  tsx(['scripts/seed.ts', '--db', dbPath, '--members', '40']);
  tsx(['electron/cli.ts', '--db', dbPath, 'backup', 'create', path.join(dir, 'backups')]);
  const communities = tsx(['electron/cli.ts', '--db', dbPath, 'orgs', 'list', '--json']).stdout;
  const aCommunity = (JSON.parse(communities) as { children: { name: string }[] }[])[0]!.children[0]!.name;
  // Noise over the pages after the first: the file no longer passes the start-up check.
  const fd = fs.openSync(dbPath, 'r+');
  fs.writeSync(fd, crypto.randomBytes(fs.fstatSync(fd).size - 4096), 0, undefined, 4096);
  fs.closeSync(fd);

  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web.ts', '--port', '0', '--db', dbPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stderr!.on('data', (d) => (err += d));
      child.stdout!.on('data', (d) => {
        out += d;
        const m = /ready: (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`browser mode exited (${code}): ${err}`)));
    });
    // A browser-mode server of its own (on the damaged file): the page may request nothing but it.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const outside: string[] = [];
    context.on('request', (r) => {
      if (!r.url().startsWith(new URL(url).origin + '/') && !/^(data|blob):/.test(r.url())) outside.push(r.url());
    });
    const page = await context.newPage();
    await page.goto(url);
    const screen = page.getByTestId('recovery-page');
    await expect(screen).toContainText('数据文件损坏');
    await expect(screen.getByText('完好', { exact: true })).toBeVisible();
    await shot(page, 'recovery-page');
    await screen.getByRole('button', { name: '用这份备份恢复' }).click();
    const dialog = page.getByRole('dialog', { name: '用备份恢复数据' });
    await dialog.getByText('我已确认').click();
    await dialog.getByRole('button', { name: '开始恢复' }).click();
    // The page reloads on the restored data: the app itself, not the recovery screen.
    await expect(page.getByRole('menuitem', { name: '党员名册' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('recovery-page')).toHaveCount(0);
    await page.getByRole('menuitem', { name: '组织管理' }).click();
    await expect(page.getByText(aCommunity).first()).toBeVisible();
    expect(fs.readdirSync(path.join(dir, 'backups')).some((n) => n.startsWith('损坏的数据文件-'))).toBe(true);
    expect(outside).toEqual([]);
    await context.close();
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
