/**
 * 个人信息保护 on real database files: the 开机密码 (scrypt, never in clear), the lock the dispatcher enforces
 * in both transports, the slow-down after five wrong passwords (surviving a restart), the settings and export
 * entries of the audit log, and 导出名册's choice between full and masked data.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createAppCore } from '../../electron/app';
import { openDatabase } from '../../electron/db/connection';
import { createDispatch, createHandlers } from '../../electron/handlers';
import { JobRunner } from '../../electron/jobs/runner';
import { createServices } from '../../electron/services';
import { OPEN_WHILE_LOCKED, retryDelaySeconds } from '../../electron/security/service';
import { startWebServer } from '../../electron/web/server';
import { CHANNELS, memberListQuery, type Envelope } from '../../shared/contract';
import { COLUMNS } from '../../shared/import/columns';
import { idFor, memberFixture, smallTree, tempDir, tempServices } from './helpers';

const CHINESE = /[\u4e00-\u9fff]/;

/** A clock the test moves by hand. */
function clock(start = '2026-11-26T10:00:00+08:00') {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (seconds: number) => (t += seconds * 1000) };
}

function setup() {
  const c = clock();
  const s = tempServices({ now: c.now });
  const dispatch = createDispatch(createHandlers(s, new JobRunner(s, null)), () => {}, (ch) => s.security.refusal(ch));
  /** The same data file opened again, as after a restart. */
  const restart = () => createServices(s.db, s.path, { actor: 'test', now: c.now });
  return { s, c, dispatch, restart };
}

function settingsRows(s: { db: import('better-sqlite3').Database }) {
  return s.db.prepare('SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[];
}

describe('开机密码 and the lock', () => {
  it('without a password the app is open, and cannot be locked', async () => {
    const { s, dispatch } = setup();
    expect(s.security.status()).toMatchObject({ passwordSet: false, locked: false, autoLockMinutes: 10, failedAttempts: 0, retryAfterSeconds: 0 });
    const r = await dispatch('security.lock', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
    if (!r.ok) expect(r.error.message).toContain('设置开机密码');
    expect((await dispatch('members.list', {})).ok).toBe(true);
  });

  it('keeps a salted scrypt hash with its parameters, never the password', async () => {
    const { s } = setup();
    await s.security.setPassword({ password: 'hongqi-2026' });
    const rows = settingsRows(s);
    const stored = JSON.parse(rows.find((r) => r.key === 'password')!.value);
    expect(stored).toMatchObject({ algorithm: 'scrypt', N: 32768, r: 8, p: 1, keyLength: 32 });
    expect(Buffer.from(stored.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(stored.hash, 'base64')).toHaveLength(32);
    // Nowhere in the file: not in settings, not in the audit log, not in the pages on disk.
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = fs.readFileSync(s.path);
    expect(bytes.includes(Buffer.from('hongqi-2026'))).toBe(false);
    expect(JSON.stringify(s.db.prepare('SELECT * FROM audit_log').all())).not.toContain('hongqi');

    // The same password again gets another salt and so another hash.
    await s.security.setPassword({ current: 'hongqi-2026', password: 'hongqi-2026' });
    const again = JSON.parse(settingsRows(s).find((r) => r.key === 'password')!.value);
    expect(again.salt).not.toBe(stored.salt);
    expect(again.hash).not.toBe(stored.hash);
  });

  it('starts locked when a password is set; the dispatcher then answers only the lock screen', async () => {
    const { s, restart } = setup();
    await s.security.setPassword({ password: 'hongqi-2026' });
    expect(s.security.status().locked).toBe(false); // setting it does not lock the clerk out
    const again = restart();
    expect(again.security.status()).toMatchObject({ passwordSet: true, locked: true });
    const dispatch = createDispatch(createHandlers(again, new JobRunner(again, null)), () => {}, (c) => again.security.refusal(c));
    for (const channel of CHANNELS) {
      const r = await dispatch(channel, {});
      if (OPEN_WHILE_LOCKED.has(channel)) {
        expect(r.ok || r.error.code !== 'locked').toBe(true);
        continue;
      }
      expect(r, channel).toMatchObject({ ok: false, error: { code: 'locked' } });
      if (!r.ok) expect(r.error.message).toMatch(CHINESE);
    }
    expect([...OPEN_WHILE_LOCKED].sort()).toEqual(['security.status', 'security.unlock']);
    expect(await dispatch('security.unlock', { password: 'hongqi-2026' })).toMatchObject({ ok: true, value: { locked: false } });
    expect((await dispatch('members.list', {})).ok).toBe(true);
    // Locking again (the page does it after the idle time): refused again.
    expect(await dispatch('security.lock', {})).toMatchObject({ ok: true, value: { locked: true } });
    expect(await dispatch('members.get', { id: 1 })).toMatchObject({ ok: false, error: { code: 'locked' } });
  });

  it('five wrong passwords slow further tries down, twice as long each time, and a restart does not reset it', async () => {
    const { s, c, dispatch, restart } = setup();
    await s.security.setPassword({ password: 'hongqi-2026' });
    s.security.lock();
    for (let i = 1; i <= 4; i++) {
      const r = await dispatch('security.unlock', { password: `wrong-${i}` });
      expect(r).toMatchObject({ ok: false, error: { code: 'validation', fieldErrors: { password: expect.stringContaining('密码不对') } } });
      if (!r.ok) expect(r.error.message).toContain(`再输错 ${5 - i} 次`);
    }
    const fifth = await dispatch('security.unlock', { password: 'wrong-5' });
    expect(fifth.ok).toBe(false);
    if (!fifth.ok) expect(fifth.error.message).toContain('30 秒后再试');
    expect(s.security.status()).toMatchObject({ failedAttempts: 5, retryAfterSeconds: 30, locked: true });

    // While the wait runs even the right password is refused, and nothing is counted.
    const early = await dispatch('security.unlock', { password: 'hongqi-2026' });
    expect(early).toMatchObject({ ok: false, error: { code: 'validation' } });
    if (!early.ok) expect(early.error.message).toMatch(/输错次数太多.*秒后再试/);
    expect(s.security.status().failedAttempts).toBe(5);

    // A restart keeps the count and the wait.
    c.advance(10);
    const after = restart();
    expect(after.security.status()).toMatchObject({ locked: true, failedAttempts: 5, retryAfterSeconds: 20 });

    // The sixth wrong one doubles the wait; the wait is at most 15 minutes.
    c.advance(20);
    await expect(after.security.unlock('wrong-6')).rejects.toThrow('1 分钟后再试');
    expect(after.security.status().retryAfterSeconds).toBe(60);
    expect([5, 6, 7, 8, 9, 10, 20].map(retryDelaySeconds)).toEqual([30, 60, 120, 240, 480, 900, 900]);
    expect([0, 1, 4].map(retryDelaySeconds)).toEqual([0, 0, 0]);

    // The right password after the wait opens the app and clears the count.
    c.advance(60);
    expect(await after.security.unlock('hongqi-2026')).toMatchObject({ locked: false, failedAttempts: 0, retryAfterSeconds: 0 });

    // The fifth wrong try in a row is in the audit log.
    expect(after.security.log().map((e) => e.action)).toEqual(['lockout', 'setPassword']);
  });

  it('guesses sent in parallel are checked one at a time, so they cannot get around the wait', async () => {
    const { s } = setup();
    await s.security.setPassword({ password: 'hongqi-2026' });
    s.security.lock();
    const tries = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => s.security.unlock(`guess-${i}`)));
    expect(tries.every((t) => t.status === 'rejected')).toBe(true);
    expect(s.security.status().failedAttempts).toBe(5);
    const messages = tries.map((t) => ((t as PromiseRejectedResult).reason as Error).message);
    expect(messages.filter((m) => m.includes('输错次数太多'))).toHaveLength(7);
  });

  it('changing or removing the password needs the current one; each change is in the audit log, which cannot be edited', async () => {
    const { s, dispatch } = setup();
    expect(await dispatch('security.setPassword', { password: '12345' })).toMatchObject({ ok: false, error: { code: 'invalid_input', fieldErrors: { password: '密码至少 6 位' } } });
    expect((await dispatch('security.setPassword', { password: 'hongqi-2026' })).ok).toBe(true);
    const noCurrent = await dispatch('security.setPassword', { password: 'another-one' });
    expect(noCurrent).toMatchObject({ ok: false, error: { code: 'validation', fieldErrors: { current: '请输入当前的开机密码' } } });
    const wrong = await dispatch('security.setPassword', { current: 'nope-nope', password: 'another-one' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'validation', fieldErrors: { current: expect.stringContaining('密码不对') } } });
    expect((await dispatch('security.setPassword', { current: 'hongqi-2026', password: 'another-one' })).ok).toBe(true);
    expect(await dispatch('security.removePassword', { current: 'hongqi-2026' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await dispatch('security.removePassword', { current: 'another-one' })).toMatchObject({ ok: true, value: { passwordSet: false, locked: false } });
    expect(await dispatch('security.setAutoLock', { minutes: 7 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch('security.setAutoLock', { minutes: 30 })).toMatchObject({ ok: true, value: { autoLockMinutes: 30 } });

    const log = await dispatch('security.log', {});
    expect(log.ok).toBe(true);
    if (!log.ok) return;
    const entries = log.value as { action: string; entity: string; changes: { field: string; old: unknown; new: unknown }[] }[];
    expect(entries.map((e) => e.action)).toEqual(['autoLock', 'removePassword', 'changePassword', 'setPassword']);
    expect(entries[0]!.changes).toEqual([{ field: 'autoLockMinutes', old: 10, new: 30 }]);
    expect(entries.every((e) => e.entity === 'settings')).toBe(true);
    expect(() => s.db.prepare('UPDATE audit_log SET note = NULL').run()).toThrow('操作日志不可修改');
    expect(() => s.db.prepare("DELETE FROM audit_log WHERE entity = 'settings'").run()).toThrow('操作日志不可删除');
    // No channel of the contract writes to or removes from the audit log by name.
    expect(CHANNELS.filter((c) => /audit|log/i.test(c))).toEqual(CHANNELS.filter((c) => /\.(audit|log)$/.test(c)));
  });

  it('the command line removes a forgotten password, recorded in the audit log', async () => {
    const { s } = setup();
    await s.security.setPassword({ password: 'hongqi-2026' });
    s.db.close();
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', '--db', s.path, 'security', 'clear-password'], { encoding: 'utf8', cwd: path.resolve(__dirname, '../..') });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('已取消开机密码');
    const db = openDatabase(s.path);
    const reopened = createServices(db, s.path, { actor: 'test' });
    expect(reopened.security.status()).toMatchObject({ passwordSet: false, locked: false });
    expect(reopened.security.log()[0]).toMatchObject({ action: 'removePassword', actor: 'cli', note: expect.stringContaining('命令行') });
    db.close();
  });

  it('browser mode enforces the lock too: over HTTP every channel but the lock screen\'s is refused', async () => {
    const s = tempServices();
    await s.security.setPassword({ password: 'hongqi-2026' });
    s.security.lock();
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    const core = createAppCore(s.db, s.path);
    // The core's own SecurityService reads the same file: a password is set, so it starts locked.
    const server = await startWebServer({ dispatch: core.dispatch, rendererDir: dir, port: 0 });
    try {
      const call = async (channel: string, body: unknown) =>
        (await (await fetch(new URL(`api/${channel}`, server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json()) as Envelope<unknown>;
      expect(await call('members.list', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
      expect(await call('members.export', { query: {}, data: 'full' })).toMatchObject({ ok: false, error: { code: 'locked' } });
      expect(await call('security.status', {})).toMatchObject({ ok: true, value: { locked: true } });
      expect(await call('security.unlock', { password: 'hongqi-2026' })).toMatchObject({ ok: true, value: { locked: false } });
      expect(await call('members.list', {})).toMatchObject({ ok: true });
    } finally {
      await server.close();
    }
  });
});

async function cellsOf(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string>[] = [];
  ws.eachRow((row, n) => {
    if (n < 3) return;
    const v = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(headers.map((h, i) => [h, v[i] == null ? '' : String(v[i])])));
  });
  return { headers, rows, title: wb.title };
}

describe('导出名册: ID numbers and phones hidden unless the clerk chooses full data, which is recorded', () => {
  function withMembers() {
    const s = tempServices();
    const { b1, b2 } = smallTree(s);
    s.members.create(memberFixture({ branchId: b1.id, mobile: '13812345678', phone: '010-66551234' }));
    s.members.create(memberFixture({ name: '李四', idNumber: idFor('1950-01-01', 11), branchId: b2.id, mobile: null, phone: null }));
    s.members.create(memberFixture({ name: '王五', idNumber: idFor('1961-03-04', 13), branchId: b2.id, mobile: '13900001111' }));
    return { s, b1, b2 };
  }

  it('masked: the lists\' masking in the file, not audited, and re-importing it changes nothing', async () => {
    const { s } = withMembers();
    const out = path.join(tempDir(), 'masked.xlsx');
    expect(await s.exports.exportMembers(out, memberListQuery.parse({}), undefined, 'masked')).toBe(3);
    const { headers, rows, title } = await cellsOf(out);
    expect(headers).toEqual(COLUMNS.map((c) => c.header));
    expect(title).toBe('党员名册（隐藏身份证号和电话）');
    const zhang = rows.find((r) => r['姓名'] === '张三')!;
    expect(zhang['公民身份号码']).toBe(`110105********${idFor('1980-01-01', 123).slice(14)}`);
    expect(Object.values(zhang).join('|')).not.toContain('13812345678');
    expect(Object.values(zhang).join('|')).toContain('138****5678');
    expect(Object.values(zhang).join('|')).toContain('****1234');
    expect(Object.values(zhang).join('|')).not.toContain('66551234');
    // No full ID number anywhere in the file's text.
    const all = JSON.stringify(rows);
    for (const id of s.db.prepare('SELECT id_number FROM members').pluck().all() as string[]) expect(all).not.toContain(id);
    expect(s.security.log()).toEqual([]);

    const before = JSON.stringify(s.db.prepare('SELECT * FROM members ORDER BY id').all());
    const again = s.imports.commit(fs.readFileSync(out), 'masked.xlsx', { mode: 'valid', createBranches: [] });
    expect(again.inserted + again.updated).toBe(0);
    expect(JSON.stringify(s.db.prepare('SELECT * FROM members ORDER BY id').all())).toBe(before);
  });

  it('full: as stored, re-imports unchanged, and the choice is in the audit log with the filter and the count', async () => {
    const { s, b2 } = withMembers();
    const out = path.join(tempDir(), 'full.xlsx');
    const query = memberListQuery.parse({ orgId: b2.id, q: '' });
    expect(await s.exports.exportMembers(out, query, undefined, 'full')).toBe(2);
    const { rows } = await cellsOf(out);
    expect(rows.map((r) => r['公民身份号码']).sort()).toEqual([idFor('1950-01-01', 11), idFor('1961-03-04', 13)].sort());
    const [entry, ...rest] = s.security.log();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ action: 'export', entity: 'register', actor: 'test' });
    expect(entry!.changes).toEqual([
      { field: 'data', old: null, new: 'full' },
      { field: 'filter', old: null, new: { orgId: b2.id, q: '', status: 'active' } },
      { field: 'count', old: null, new: 2 },
    ]);
    expect(entry!.note).toBe('导出名册：完整数据（含身份证号和电话），共 2 人；在册党员，筛选：组织：第二党支部');
    const again = s.imports.commit(fs.readFileSync(out), 'full.xlsx', { mode: 'valid', createBranches: [] });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, errors: [] });
  });

  it('the channel hides by default; full data through the channel (the job) is audited', async () => {
    const { s } = withMembers();
    const jobs = new JobRunner(s, null);
    const dispatch = createDispatch(createHandlers(s, jobs));
    const run = async (input: unknown) => {
      const r = await dispatch('members.export', input);
      if (!r.ok) throw new Error(r.error.message);
      const { jobId } = r.value as { jobId: string };
      for (;;) {
        const st = jobs.status(jobId);
        if (st.state !== 'running') return st;
        await new Promise((res) => setTimeout(res, 20));
      }
    };
    const masked = await run({ query: {} });
    expect(masked.result).toMatchObject({ fileName: expect.stringMatching(/^党员名册-\d{4}-\d{2}-\d{2}（隐藏身份证号和电话）\.xlsx$/) });
    expect(s.security.log()).toEqual([]);
    const full = await run({ query: { tags: ['resident'] }, data: 'full' });
    expect(full.result).toMatchObject({ fileName: expect.stringMatching(/^党员名册-\d{4}-\d{2}-\d{2}\.xlsx$/) });
    expect(s.security.log()).toHaveLength(1);
    expect(s.security.log()[0]!.note).toContain('分类：居民党员');
    expect(await dispatch('members.export', { query: {}, data: 'everything' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('the command line exports hidden data by default, and full data with --full (recorded)', () => {
    const { s } = withMembers();
    s.db.close();
    const dir = tempDir();
    const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', '--db', s.path, ...args], { encoding: 'utf8', cwd: path.resolve(__dirname, '../..') });
    const masked = cli(['members', 'export', path.join(dir, 'm.xlsx')]);
    expect(masked.status).toBe(0);
    expect(masked.stderr).toContain('隐藏身份证号和电话');
    const full = cli(['members', 'export', path.join(dir, 'f.xlsx'), '--full']);
    expect(full.status).toBe(0);
    expect(full.stderr).toContain('已记入操作日志');
    const db = openDatabase(s.path);
    const log = createServices(db, s.path).security.log();
    db.close();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'export', actor: 'cli' });
  });
});
