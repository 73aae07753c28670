import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ServiceError } from '../../electron/errors';
import { newOrgAsInput } from '../../electron/twonew/service';
import type { Services } from '../../electron/services';
import { creditCheckChar } from '../../shared/rules/creditCode';
import { newOrgListQuery, newOrgSaveInput } from '../../shared/twonew';
import { idFor, memberFixture, smallTree, tempDir, tempServices } from './helpers';

const root = path.resolve(__dirname, '../..');
const fixture = (name: string) => fs.readFileSync(path.join(root, 'tests/fixtures/neworgs', name));
const code = (first17: string) => first17 + creditCheckChar(first17);

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function refused(fn: () => unknown): ServiceError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ServiceError);
    return e as ServiceError;
  }
  throw new Error('expected a refusal');
}

function setup(now = '2026-11-26T10:00:00+08:00') {
  let clock = new Date(now);
  const s = tempServices({ now: () => clock });
  const t = smallTree(s);
  return { s, t, setNow: (iso: string) => (clock = new Date(iso)) };
}

const save = (s: Services, org: Record<string, unknown>, id?: number) =>
  s.neworgs.save(
    newOrgSaveInput.parse({
      id,
      org: {
        name: '阳光科技有限公司',
        kind: 'enterprise',
        creditCode: null,
        communityId: null,
        memberIds: [],
        otherFull: 0,
        otherProbationary: 0,
        legalRepIsMember: null,
        partyWork: 'none',
        hasUnion: false,
        hasYouthLeague: false,
        hasWomensFederation: false,
        ...org,
      },
    }),
  );

describe('两新组织 register', () => {
  it('keeps an organisation with a checked credit code, its members (linked and counted) and its Party work; audited', () => {
    const { s, t } = setup();
    const m1 = s.members.create(memberFixture({ name: '王秀英', idNumber: idFor('1976-12-01', 124), branchId: t.b1.id }));
    const m2 = s.members.create(memberFixture({ name: '李四', idNumber: idFor('1980-03-01', 135), branchId: t.b2.id, membershipKind: 'probationary', confirmedOn: null }));
    const o = save(s, { creditCode: '91350100m000100y43', communityId: t.community.id, employees: 120, memberIds: [m1.id, m2.id], otherFull: 2, otherProbationary: 0, partyWork: 'none', hasUnion: true });
    expect(o).toMatchObject({
      creditCode: '91350100M000100Y43',
      communityName: '阳光社区党委',
      fullMembers: 3,
      probationaryMembers: 1,
      linkedMembers: 2,
      operating: true,
      qualifiedUncovered: true,
      version: 1,
    });
    expect(o.members.map((m) => [m.name, m.membershipKind])).toEqual([
      ['李四', 'probationary'],
      ['王秀英', 'full'],
    ]);
    expect(s.neworgs.auditOf(o.id)[0]).toMatchObject({ action: 'create', entity: 'newOrganisation', note: '登记两新组织 阳光科技有限公司（企业）' });

    // The credit code is checked by GB 32100 in the input schema, in Chinese.
    const bad = newOrgSaveInput.safeParse({ org: { ...newOrgSaveInput.parse({ org: { name: 'x', kind: 'enterprise', creditCode: null, communityId: null, memberIds: [], otherFull: 0, otherProbationary: 0, legalRepIsMember: null, partyWork: 'none', hasUnion: false, hasYouthLeague: false, hasWomensFederation: false } }).org, creditCode: '91350100M000100Y44' } });
    expect(bad.error?.issues[0]?.message).toMatch(/校验位不符（最后一位按前 17 位应为“3”）/);
    // Duplicates by code and by name; a joint organisation must say with whom; a branch is no community.
    expect(refused(() => save(s, { name: '别的公司', creditCode: '91350100M000100Y43' })).fieldErrors).toEqual({ creditCode: '统一社会信用代码 91350100M000100Y43 已登记为“阳光科技有限公司”' });
    expect(refused(() => save(s, { creditCode: null })).fieldErrors).toEqual({ name: '“阳光科技有限公司”已经登记过，请在列表中找到它修改' });
    expect(refused(() => save(s, { name: '乙公司', partyWork: 'joint' })).fieldErrors).toHaveProperty('jointWith');
    expect(refused(() => save(s, { name: '乙公司', communityId: t.b1.id })).fieldErrors?.['communityId']).toMatch(/是党支部/);

    // Covered: own organisation. The change is audited old → new.
    const covered = save(s, { ...newOrgAsInput(o), partyWork: 'own', partyOrgId: t.b1.id }, o.id);
    expect(covered).toMatchObject({ partyWork: 'own', partyOrgName: '第一党支部', qualifiedUncovered: false, version: 2 });
    expect(s.neworgs.auditOf(o.id)[0]!.changes).toEqual(expect.arrayContaining([{ field: 'partyWork', old: 'none', new: 'own' }]));
    // A linked member who leaves the register no longer counts.
    s.members.exit({ id: m1.id, reason: 'deceased', date: '2026-11-01', note: null });
    expect(s.neworgs.get(o.id)).toMatchObject({ fullMembers: 2, linkedMembers: 2 });
  });

  it('coverage by the official definition, by community and in total, with the qualified-uncovered list and the history of the figures', () => {
    const { s, t, setNow } = setup('2026-01-10T10:00:00+08:00');
    expect(s.neworgs.coverage().total).toMatchObject({ organisations: 0, organisationCoverage: null, workCoverage: null });
    const a = save(s, { name: '甲公司', communityId: t.community.id, otherFull: 4, partyWork: 'none' });
    save(s, { name: '乙公司', communityId: t.community.id, otherFull: 1, partyWork: 'joint', jointWith: '阳光社区联合党支部' });
    save(s, { name: '丙协会', kind: 'socialGroup', communityId: t.other.id, partyWork: 'liaisonOnly', liaisonName: '李红' });
    save(s, { name: '丁公司', communityId: t.other.id, partyWork: 'unionOnly', hasUnion: true });
    save(s, { name: '戊公司', communityId: null, partyWork: 'own', otherFull: 3 });
    save(s, { name: '已注销公司', communityId: t.community.id, partyWork: 'none', otherFull: 9, closedOn: '2025-12-31' });
    let c = s.neworgs.coverage();
    expect(c.total).toMatchObject({ organisations: 5, own: 1, joint: 1, liaisonOnly: 1, unionOnly: 1, none: 1, qualified: 2, qualifiedOwn: 1 });
    expect(c.total.organisationCoverage).toBeCloseTo(2 / 5);
    expect(c.total.workCoverage).toBeCloseTo(4 / 5);
    expect(c.byCommunity.map((x) => [x.communityName, x.organisations, x.organisationCoverage, x.workCoverage])).toEqual([
      ['和平里社区党委', 2, 0, 1],
      ['阳光社区党委', 2, 0.5, 0.5],
      [null, 1, 1, 1],
    ]);
    expect(c.qualifiedUncovered.map((x) => x.name)).toEqual(['甲公司']);
    expect(s.neworgs.list(newOrgListQuery.parse({ qualifiedUncovered: true })).map((x) => x.name)).toEqual(['甲公司']);
    expect(s.neworgs.list(newOrgListQuery.parse({ status: 'closed' })).map((x) => x.name)).toEqual(['已注销公司']);
    expect(c.history.map((h) => [h.date, h.organisations, h.qualified, h.qualifiedOwn])).toEqual([['2026-01-10', 5, 2, 1]]);

    // Months later 甲公司 forms its own branch: today's snapshot shows the progress, January's stays.
    setNow('2026-06-30T10:00:00+08:00');
    const full = s.neworgs.get(a.id);
    save(s, { name: '甲公司', communityId: t.community.id, otherFull: full.otherFull, partyWork: 'own' }, a.id);
    c = s.neworgs.coverage();
    expect(c.qualifiedUncovered).toEqual([]);
    expect(c.total.organisationCoverage).toBeCloseTo(3 / 5);
    expect(c.history.map((h) => [h.date, h.qualified, h.qualifiedOwn, h.organisationCoverage])).toEqual([
      ['2026-01-10', 2, 1, 2 / 5],
      ['2026-06-30', 2, 2, 3 / 5],
    ]);
  });
});

describe('两新组织 import', () => {
  for (const file of ['neworgs.xlsx', 'neworgs.xls']) {
    it(`${file} (LibreOffice): header under a title, clerks' column names, row errors by column; the valid rows in one transaction`, () => {
      const { s } = setup();
      const p = s.neworgImports.preview(fixture(file), file);
      expect(p).toMatchObject({ headerRow: 3, counts: { rows: 7, new: 4, changed: 0, unchanged: 0, errors: 3 } });
      expect(p.columns.filter((c) => c.field).map((c) => `${c.header}→${c.label}`)).toEqual(
        expect.arrayContaining(['单位名称→组织名称', '企业类型→组织类型', '所属社区→所在社区', '党组织组建情况→党建工作情况', '职工人数→从业人员数']),
      );
      const errors = p.rows.filter((r) => r.status === 'error').map((r) => [r.row, r.issues[0]!.column, r.issues[0]!.message]);
      expect(errors).toEqual([
        [8, 'C 列（统一社会信用代码）', expect.stringMatching(/校验位不符/)],
        [9, 'C 列（统一社会信用代码）', expect.stringMatching(/被 Excel 当作数字保存/)],
        [10, 'F 列（所属社区）', '找不到社区“幸福社区”：请写成组织管理中社区党委的名称，或先在组织管理中建立这个社区'],
      ]);
      expect(p.rows.find((r) => r.name === '阳光律师事务所')!.warnings).toEqual(['组织类型没有填写，按名称登记为“社会中介组织”']);
      expect(s.neworgs.list(newOrgListQuery.parse({}))).toEqual([]);

      // strict: any error → nothing written.
      const strict = s.neworgImports.commit(fixture(file), file, { mode: 'strict' });
      expect(strict).toMatchObject({ written: false, inserted: 0, batchId: null });
      expect(s.neworgs.list(newOrgListQuery.parse({}))).toEqual([]);

      const r = s.neworgImports.commit(fixture(file), file, { mode: 'valid' });
      expect(r).toMatchObject({ written: true, rows: 7, inserted: 4, updated: 0, unchanged: 0 });
      expect(r.errors).toHaveLength(3);
      const rows = s.neworgs.list(newOrgListQuery.parse({}));
      expect(rows.map((x) => [x.name, x.kind, x.communityName, x.fullMembers, x.probationaryMembers, x.partyWork, x.hasUnion])).toEqual([
        ['和平物业管理有限公司', 'enterprise', '和平里社区党委', 3, 0, 'none', true],
        ['阳光科技有限公司', 'enterprise', '阳光社区党委', 5, 1, 'own', true],
        ['阳光律师事务所', 'intermediary', '阳光社区党委', 2, 0, 'joint', false],
        ['阳光社区养老服务协会', 'socialGroup', '阳光社区党委', 1, 0, 'liaisonOnly', false],
      ]);
      expect(s.audit.forEntity('newOrganisation', rows[0]!.id)[0]).toMatchObject({ action: 'import', batchId: r.batchId });
      const c = s.neworgs.coverage();
      expect(c.total).toMatchObject({ organisations: 4, own: 1, joint: 1, liaisonOnly: 1, unionOnly: 0, none: 1, organisationCoverage: 0.5, workCoverage: 0.75 });
      expect(c.qualifiedUncovered.map((x) => x.name)).toEqual(['和平物业管理有限公司']);

      // The same file again changes nothing.
      expect(s.neworgImports.preview(fixture(file), file).counts).toMatchObject({ new: 0, changed: 0, unchanged: 4, errors: 3 });
    });
  }

  it('matches by credit code (a renamed organisation is a change, old → new), keeps what a blank cell leaves out, and refuses the same organisation twice', async () => {
    const { s, t } = setup();
    const c1 = code('91110105MA01XYW01');
    save(s, { name: '阳光科技公司', creditCode: c1, communityId: t.community.id, employees: 100, partyWork: 'none', note: '老记录' });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['组织名称', '统一社会信用代码', '从业人员数', '党建工作情况', '备注']);
    ws.addRow(['阳光科技有限公司', c1, 120, '单独组建', '']);
    ws.addRow(['新公司', code('91110105MA01XYW02'), '', '', '']);
    ws.addRow(['新公司', '', '', '', '']);
    ws.getColumn(2).numFmt = '@';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const p = s.neworgImports.preview(bytes, '名单.xlsx');
    expect(p.counts).toMatchObject({ new: 1, changed: 1, errors: 1 });
    const changed = p.rows.find((r) => r.status === 'changed')!;
    expect(changed.changes).toEqual([
      { label: '组织名称', old: '阳光科技公司', new: '阳光科技有限公司' },
      { label: '从业人员数', old: '100', new: '120' },
      { label: '党建工作情况', old: '未覆盖', new: '单独组建' },
    ]);
    expect(p.rows.find((r) => r.status === 'error')!.issues[0]).toMatchObject({ row: 4, message: '与第 3 行的组织名称相同，同一组织只能占一行' });
    expect(p.rows.find((r) => r.status === 'new')!.warnings).toEqual(['组织类型没有填写，按名称登记为“企业”', '党建工作情况没有填写，按“未覆盖”登记']);
    s.neworgImports.commit(bytes, '名单.xlsx', { mode: 'valid' });
    const o = s.neworgs.list(newOrgListQuery.parse({ q: '阳光' }))[0]!;
    expect(o).toMatchObject({ name: '阳光科技有限公司', employees: 120, note: '老记录', communityName: '阳光社区党委', partyWork: 'own' });
  });

  it('a file with no organisation table says what is missing, naming the sheet', () => {
    const { s } = setup();
    const e = refused(() => s.neworgImports.preview(fs.readFileSync(path.join(root, 'tests/fixtures/excel/noheader.xlsx')), 'noheader.xlsx'));
    expect(e.message).toMatch(/没有找到表头：缺少“组织名称”一列/);
  });

  it('the template has the headers, an instructions row and re-imports with no problem', async () => {
    const { s } = setup();
    const t = await s.neworgImports.template();
    const bytes = Buffer.from(t.dataBase64, 'base64');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('组织名称');
    expect(ws.getRow(1).getCell(3).value).toBe('统一社会信用代码');
    ws.getRow(3).getCell(1).value = '模板公司';
    ws.getRow(3).getCell(2).value = '企业';
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    expect(s.neworgImports.preview(filled, t.fileName)).toMatchObject({ headerRow: 1, counts: { rows: 1, new: 1, errors: 0 } });
  });
});

describe('CLI', () => {
  it('neworgs import <file> --json, then coverage --json with the totals and the qualified-uncovered names', () => {
    const { s } = setup();
    s.db.close();
    const dbPath = s.path;
    const dir = tempDir();
    fs.copyFileSync(path.join(root, 'tests/fixtures/neworgs/neworgs.xlsx'), path.join(dir, '名单.xlsx'));
    const imp = cli(['--db', dbPath, 'neworgs', 'import', path.join(dir, '名单.xlsx'), '--json']);
    expect(imp.code, imp.stderr).toBe(0);
    const r = JSON.parse(imp.stdout);
    expect(r).toMatchObject({ rows: 7, inserted: 4, updated: 0, unchanged: 0, written: true, dryRun: false });
    expect(r.errors.map((e: { row: number }) => e.row)).toEqual([8, 9, 10]);

    const cov = cli(['--db', dbPath, 'coverage', '--json']);
    expect(cov.code, cov.stderr).toBe(0);
    const c = JSON.parse(cov.stdout);
    expect(c.totals).toEqual({ organisations: 4, own: 1, joint: 1, liaisonOnly: 1, unionOnly: 0, none: 1, organisationCoverage: 0.5, workCoverage: 0.75 });
    expect(c.qualifiedUncovered).toEqual(['和平物业管理有限公司']);
    expect(c.byCommunity.map((x: { community: string }) => x.community)).toEqual(['和平里社区党委', '阳光社区党委']);

    const strict = cli(['--db', dbPath, 'neworgs', 'import', path.join(dir, '名单.xlsx'), '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/第 8 行 C 列（统一社会信用代码）/);
    expect(strict.stderr).toMatch(/什么也没有写入/);
  });

  it('coverage --json with no organisation: zero counts and null rates', () => {
    const { s } = setup();
    s.db.close();
    const cov = cli(['--db', s.path, 'coverage', '--json']);
    expect(cov.code, cov.stderr).toBe(0);
    expect(JSON.parse(cov.stdout)).toMatchObject({
      totals: { organisations: 0, own: 0, joint: 0, liaisonOnly: 0, unionOnly: 0, none: 0, organisationCoverage: null, workCoverage: null },
      byCommunity: [],
      qualifiedUncovered: [],
    });
  });
});
