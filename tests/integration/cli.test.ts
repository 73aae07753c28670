import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { idFor, memberFixture, smallTree, tempServices } from './helpers';

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], { encoding: 'utf8', cwd: path.resolve(__dirname, '../..') });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the admin command line', () => {
  it('stats prints active members by classification and branch as JSON', () => {
    const s = tempServices();
    const { b1, b2 } = smallTree(s);
    s.members.create(memberFixture({ branchId: b1.id, tags: ['resident'] }));
    s.members.create(memberFixture({ name: '李四', idNumber: idFor('1950-01-01', 11), branchId: b2.id, tags: ['retiredWorker', 'resident'] }));
    const gone = s.members.create(memberFixture({ name: '王五', idNumber: idFor('1951-01-01', 13), branchId: b2.id }));
    s.members.exit({ id: gone.id, reason: 'transferOut', date: '2026-02-01', note: null });
    s.db.close();
    const r = cli(['--db', s.path, 'stats']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.total).toBe(2);
    expect(out.byTag['居民党员']).toBe(2);
    expect(out.byTag['退休职工党员']).toBe(1);
    expect(out.byBranch).toEqual({ 第一党支部: 1, 第二党支部: 1 });
  });

  it('explains wrong usage in Chinese on stderr, with nothing on stdout', () => {
    const noDb = cli(['stats']);
    expect(noDb.code).toBe(2);
    expect(noDb.stdout).toBe('');
    expect(noDb.stderr).toContain('--db');
    const unknown = cli(['--db', '/tmp/x.db', 'frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('不认识的命令');
  });

  it('members import --json: the summary with row numbers as the clerk sees them; --strict writes nothing and exits non-zero', () => {
    const s = tempServices();
    const street = s.orgs.create({ name: '和平街道党工委', kind: 'streetCommittee', parentId: null });
    s.orgs.create({ name: '幸福社区党委', kind: 'communityCommittee', parentId: street.id });
    s.db.close();
    const file = path.resolve(__dirname, '../fixtures/excel/official.xlsx');
    const strict = cli(['--db', s.path, 'members', 'import', file, '--strict', '--json']);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout)).toMatchObject({ rows: 6, inserted: 0, updated: 0, written: false });
    expect(strict.stderr).toContain('什么也没有写入');
    const dry = cli(['--db', s.path, 'members', 'import', file, '--dry-run', '--json']);
    expect(JSON.parse(dry.stdout)).toMatchObject({ rows: 6, inserted: 5, written: false });
    const r = cli(['--db', s.path, 'members', 'import', file, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ rows: 6, inserted: 5, updated: 0, unchanged: 0, written: true, createdBranches: ['幸福社区第一党支部', '幸福社区第二党支部'] });
    expect(out.errors).toEqual([expect.objectContaining({ row: 5, column: 'D 列（公民身份号码）', message: expect.stringContaining('文本') })]);
    expect(JSON.parse(cli(['--db', s.path, 'stats']).stdout).total).toBe(5);
    const again = JSON.parse(cli(['--db', s.path, 'members', 'import', file, '--json']).stdout);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 });
  });

  it('members import of a file it cannot read exits non-zero with the reason on stderr', () => {
    const s = tempServices();
    s.db.close();
    const r = cli(['--db', s.path, 'members', 'import', path.resolve(__dirname, '../fixtures/excel/pdf-renamed.xlsx'), '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('PDF');
    const missing = cli(['--db', s.path, 'members', 'import', '/nonexistent/名册.xlsx']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/找不到|不存在/);
  });

  it('members template and members export write .xlsx files', () => {
    const s = tempServices();
    s.db.close();
    const dir = path.dirname(s.path);
    expect(cli(['--db', s.path, 'members', 'template', path.join(dir, 't.xlsx')]).code).toBe(0);
    expect(cli(['--db', s.path, 'members', 'export', path.join(dir, 'e.xlsx')]).code).toBe(0);
    for (const f of ['t.xlsx', 'e.xlsx']) expect(fs.readFileSync(path.join(dir, f)).subarray(0, 2).toString()).toBe('PK');
  });
});
