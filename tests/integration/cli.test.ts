import { spawnSync } from 'node:child_process';
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
});
