/**
 * 导入组织: the organisation tree from spreadsheets, on real SQLite files. The fixtures orgs.xlsx / orgs.xls
 * are written by LibreOffice (scripts/make-org-fixtures.sh): a title above the header, children before their
 * parents, one row whose parent exists nowhere.
 */
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/connection';
import { MIGRATIONS } from '../../electron/db/migrations';
import { ServiceError } from '../../electron/errors';
import { matchOrgHeader } from '../../electron/orgs/import/header';
import type { Services } from '../../electron/services';
import type { OrgImportPreview } from '../../shared/contract';
import { orgKindOf } from '../../shared/import/orgColumns';
import { idFor, memberFixture, tempDir, tempServices } from './helpers';

const FIXTURES = path.resolve(__dirname, '../fixtures/excel');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

/** Everything a failed import must leave exactly as it was. */
function snapshot(s: Services) {
  return JSON.stringify([
    s.db.prepare('SELECT * FROM organisations ORDER BY id').all(),
    s.db.prepare('SELECT * FROM organisation_units ORDER BY org_id, position').all(),
    s.db.prepare('SELECT * FROM organisation_officers ORDER BY id').all(),
    s.db.prepare('SELECT count(*) AS n FROM audit_log').get(),
    s.db.prepare('SELECT count(*) AS n FROM import_batches').get(),
  ]);
}

async function xlsx(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('组织');
  for (const r of rows) ws.addRow(r);
  const file = path.join(tempDir(), 'orgs.xlsx');
  await wb.xlsx.writeFile(file);
  return fs.readFileSync(file);
}

const HEADER = ['组织名称', '组织类别', '上级组织'];
const street = (s: Services) => s.orgs.create({ name: '和平街道党工委', kind: 'streetCommittee', parentId: null });
const byName = (s: Services, name: string) => s.orgs.rows().find((o) => o.name === name);
const issuesOf = (p: OrgImportPreview, row: number) => p.rows.find((r) => r.row === row)!.issues;

describe('importing the organisation tree from spreadsheets written by LibreOffice', () => {
  it('previews the district list: header under a title, children before parents, the bad row named', () => {
    const s = tempServices();
    street(s);
    const before = snapshot(s);
    const p = s.orgImports.preview(fixture('orgs.xlsx'), 'orgs.xlsx');
    expect(snapshot(s)).toBe(before);
    expect(p).toMatchObject({ format: 'xlsx', sheetName: '党组织名单', headerRow: 3 });
    expect(p.columns.map((c) => c.field)).toEqual([null, 'name', 'kind', 'parent', 'secretary', 'contactPhone', 'foundedOn', 'foundingDocNo', 'units']);
    expect(p.counts).toEqual({ rows: 8, new: 7, changed: 0, unchanged: 0, errors: 1 });
    expect(p.rows.map((r) => [r.row, r.status, r.kind, r.parentName])).toEqual([
      [4, 'new', 'branch', '阳光社区党委'],
      [5, 'new', 'branch', '阳光社区党委'],
      [6, 'new', 'jointBranch', '阳光社区党委'],
      [7, 'new', 'communityCommittee', '和平街道党工委'],
      [8, 'new', 'group', '阳光社区第一党支部'],
      [9, 'new', 'communityCommittee', '和平街道党工委'],
      [10, 'new', 'retiredBranch', '和平里社区党委'],
      [11, 'error', 'branch', '幸福社区党委'],
    ]);
    expect(issuesOf(p, 11)).toEqual([
      { row: 11, column: 'D 列（上级党组织）', value: '幸福社区党委', message: expect.stringContaining('在表格和系统中都找不到') },
    ]);
    // A new organisation's other values, as the preview shows them (dates from text, units split).
    expect(p.rows.find((r) => r.row === 6)!.changes).toEqual([
      { field: 'foundedOn', label: '建立日期', old: null, new: '2015-06-01' },
      { field: 'units', label: '所在单位', old: null, new: '阳光超市、阳光物业公司、阳光幼儿园' },
      { field: 'officers', label: '书记', old: null, new: '赵强' },
    ]);
  });

  it('imports the valid rows in one go, parents first: audit under the batch id, history, a backup first', () => {
    const s = tempServices();
    const top = street(s);
    const r = s.orgImports.commit(fixture('orgs.xlsx'), 'orgs.xlsx', { mode: 'valid' });
    expect(r).toMatchObject({ rows: 8, inserted: 7, updated: 0, unchanged: 0 });
    expect(r.errors).toEqual([expect.objectContaining({ row: 11, column: 'D 列（上级党组织）' })]);
    const sunshine = byName(s, '阳光社区党委')!;
    expect(sunshine).toMatchObject({ kind: 'communityCommittee', parentId: top.id });
    const first = byName(s, '阳光社区第一党支部')!;
    expect(first.parentId).toBe(sunshine.id);
    expect(byName(s, '阳光社区第一党支部第一党小组')).toMatchObject({ kind: 'group', parentId: first.id });
    expect(byName(s, '新建小区党支部')).toBeUndefined();
    expect(s.orgs.get(first.id)).toMatchObject({
      foundedOn: '2010-05-01',
      foundingDocNo: '和组〔2010〕12号',
      contactPhone: '010-61234567',
      officers: [expect.objectContaining({ name: '王芳', role: 'secretary', memberId: null })],
    });
    expect(s.orgs.get(byName(s, '阳光社区第二党支部')!.id)).toMatchObject({ foundedOn: '2012-07-01', contactPhone: '13800138001' });
    expect(s.orgs.get(byName(s, '阳光社区联合党支部')!.id).units).toEqual(['阳光超市', '阳光物业公司', '阳光幼儿园']);

    const audit = s.db.prepare('SELECT action, entity, count(*) AS n FROM audit_log WHERE batch_id = ? GROUP BY action, entity').all(r.batchId);
    expect(audit).toEqual([{ action: 'import', entity: 'organisation', n: 7 }]);
    expect(s.orgs.auditOf(first.id)[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', old: null, new: '阳光社区第一党支部' },
        { field: 'parentId', old: null, new: sunshine.id },
      ]),
    );
    const batch = s.db.prepare('SELECT kind, file_name, sheet_name, header_row, rows, inserted, updated, unchanged, errors, backup_file FROM import_batches WHERE id = ?').get(r.batchId);
    expect(batch).toMatchObject({ kind: 'organisations', file_name: 'orgs.xlsx', sheet_name: '党组织名单', header_row: 3, rows: 8, inserted: 7, updated: 0, errors: 1 });
    // The 导入党员 page's history lists member imports only.
    expect(s.imports.history().map((h) => h.id)).not.toContain(r.batchId);
    // The backup is the database as it was just before: the street alone.
    const backup = new Database(r.backupFile!, { readonly: true });
    expect(backup.prepare('SELECT count(*) AS n FROM organisations').get()).toEqual({ n: 1 });
    backup.close();
    // The tree's counts see the new organisations.
    expect(s.orgs.list().find((o) => o.id === first.id)).toMatchObject({ fullTotal: 0, warnings: [expect.objectContaining({ rule: 'tooFewFull' })] });
  });

  it('the same list again, as .xlsx or as LibreOffice .xls, changes nothing and keeps no backup', () => {
    const s = tempServices();
    street(s);
    s.orgImports.commit(fixture('orgs.xlsx'), 'orgs.xlsx', { mode: 'valid' });
    const before = s.db.prepare('SELECT count(*) AS n FROM audit_log').get();
    const orgs = JSON.stringify(s.db.prepare('SELECT * FROM organisations ORDER BY id').all());
    for (const f of ['orgs.xlsx', 'orgs.xls']) {
      const again = s.orgImports.commit(fixture(f), f, { mode: 'valid' });
      expect({ f, inserted: again.inserted, updated: again.updated, unchanged: again.unchanged, backup: again.backupFile }).toEqual({
        f,
        inserted: 0,
        updated: 0,
        unchanged: 7,
        backup: null,
      });
    }
    expect(s.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(before);
    expect(JSON.stringify(s.db.prepare('SELECT * FROM organisations ORDER BY id').all())).toBe(orgs);
    expect(fs.readdirSync(path.join(path.dirname(s.path), 'backups'))).toHaveLength(1);
  });

  it('an empty database takes the file’s top level as its own; parents may come rows after their children', async () => {
    const s = tempServices();
    const bytes = await xlsx([
      HEADER,
      ['第一党小组', '党小组', '第一党支部'],
      ['第一党支部', '党支部', '阳光社区党委'],
      ['阳光社区党委', '社区党委', '和平街道党工委'],
      ['和平街道党工委', '街道党工委', null],
    ]);
    const r = s.orgImports.commit(bytes, 'reverse.xlsx', { mode: 'strict' });
    expect(r).toMatchObject({ inserted: 4, errors: [] });
    const rows = s.orgs.rows();
    const id = (n: string) => rows.find((o) => o.name === n)!.id;
    expect(rows.map((o) => [o.name, o.parentId])).toEqual(
      expect.arrayContaining([
        ['和平街道党工委', null],
        ['阳光社区党委', id('和平街道党工委')],
        ['第一党支部', id('阳光社区党委')],
        ['第一党小组', id('第一党支部')],
      ]),
    );
  });

  it('updates recorded organisations only in the fields the file gives (a blank cell keeps the value), old → new', async () => {
    const s = tempServices();
    const top = street(s);
    const community = s.orgs.create({ name: '阳光社区党委', kind: 'communityCommittee', parentId: top.id });
    const other = s.orgs.create({ name: '和平里社区党委', kind: 'communityCommittee', parentId: top.id });
    const branch = s.orgs.create({
      name: '第一党支部',
      kind: 'branch',
      parentId: community.id,
      foundedOn: '2010-05-01',
      contactPhone: '010-1111111',
      note: '老支部',
      units: ['阳光超市'],
      officers: [
        { memberId: null, name: '王芳', role: 'secretary' },
        { memberId: null, name: '李明', role: 'deputySecretary' },
      ],
    });
    const file = async (phone: string | null, secretary: string | null, parent = '阳光社区党委') =>
      xlsx([
        ['组织名称', '组织类别', '上级组织', '联系电话', '书记', '建立日期'],
        ['第一党支部', '党支部', parent, phone, secretary, null],
      ]);
    const same = s.orgImports.preview(await file('010-1111111', '王芳'), 'a.xlsx');
    expect(same.counts).toMatchObject({ unchanged: 1, changed: 0 });

    const p = s.orgImports.preview(await file('010-2222222', '李明', '和平里社区党委'), 'b.xlsx');
    expect(p.counts).toMatchObject({ changed: 1, errors: 0 });
    expect(p.rows[0]!.changes).toEqual([
      { field: 'parentId', label: '上级组织', old: '阳光社区党委', new: '和平里社区党委' },
      { field: 'contactPhone', label: '联系电话', old: '010-1111111', new: '010-2222222' },
      { field: 'officers', label: '书记', old: '王芳', new: '李明' },
    ]);
    const r = s.orgImports.commit(await file('010-2222222', '李明', '和平里社区党委'), 'b.xlsx', { mode: 'valid' });
    expect(r).toMatchObject({ inserted: 0, updated: 1 });
    const after = s.orgs.get(branch.id);
    // 李明 (副书记) became 书记, 王芳 stepped down; the blank 建立日期 and the columns the file lacks are kept.
    expect(after).toMatchObject({ parentId: other.id, contactPhone: '010-2222222', foundedOn: '2010-05-01', note: '老支部', units: ['阳光超市'] });
    expect(after.officers.map((o) => [o.name, o.role])).toEqual([['李明', 'secretary']]);
    const entry = s.orgs.auditOf(branch.id)[0]!;
    expect(entry).toMatchObject({ action: 'import', batchId: r.batchId });
    expect(entry.changes.map((c) => c.field)).toEqual(['parentId', 'contactPhone', 'officers']);
    expect(entry.changes[0]).toEqual({ field: 'parentId', old: community.id, new: other.id });

    // A new 书记 not yet among the officers is added first, as a member of the register when one active member in
    // the branch has that name.
    const m = s.members.create(memberFixture({ name: '赵强', idNumber: idFor('1980-01-01', 11), branchId: branch.id }));
    s.orgImports.commit(await file(null, '赵强', '和平里社区党委'), 'c.xlsx', { mode: 'valid' });
    expect(s.orgs.get(branch.id).officers.map((o) => [o.name, o.role, o.memberId])).toEqual([['赵强', 'secretary', m.id]]);
  });

  it('a name found once is the same organisation: a different 上级组织 moves it, and the preview warns', async () => {
    const s = tempServices();
    const top = street(s);
    const a = s.orgs.create({ name: '阳光社区党委', kind: 'communityCommittee', parentId: top.id });
    s.orgs.create({ name: '和平里社区党委', kind: 'communityCommittee', parentId: top.id });
    s.orgs.create({ name: '第一党支部', kind: 'branch', parentId: a.id });
    const p = s.orgImports.preview(await xlsx([HEADER, ['第一党支部', '党支部', '和平里社区党委']]), 'move.xlsx');
    expect(p.rows[0]).toMatchObject({ status: 'changed', changes: [{ field: 'parentId', old: '阳光社区党委', new: '和平里社区党委' }] });
    expect(p.rows[0]!.warnings.join()).toContain('将从“阳光社区党委”调整到“和平里社区党委”下面');
  });

  it('names repeat under different parents: each row is matched by name and 上级组织', async () => {
    const s = tempServices();
    const top = street(s);
    const a = s.orgs.create({ name: '阳光社区党委', kind: 'communityCommittee', parentId: top.id });
    const b = s.orgs.create({ name: '和平里社区党委', kind: 'communityCommittee', parentId: top.id });
    const first = s.orgs.create({ name: '第一党支部', kind: 'branch', parentId: a.id });
    const p = s.orgImports.preview(
      await xlsx([
        [...HEADER, '联系电话'],
        ['第一党支部', '党支部', '阳光社区党委', '010-1234567'],
        ['第一党支部', '党支部', '和平里社区党委', null],
        ['第一党小组', '党小组', '第一党支部', null],
      ]),
      'repeat.xlsx',
    );
    expect(p.rows.map((r) => [r.row, r.status])).toEqual([
      [2, 'changed'],
      [3, 'new'],
      [4, 'error'],
    ]);
    expect(issuesOf(p, 4)[0]).toMatchObject({ column: 'C 列（上级组织）', message: expect.stringMatching(/有 2 个组织都叫“第一党支部”.*第 2 行.*第 3 行/) });
    const r = s.orgImports.commit(await xlsx([[...HEADER], ['第一党支部', '党支部', '阳光社区党委'], ['第一党支部', '党支部', '和平里社区党委']]), 'repeat2.xlsx', { mode: 'valid' });
    expect(r).toMatchObject({ inserted: 1, unchanged: 1 });
    expect(s.orgs.rows().filter((o) => o.name === '第一党支部').map((o) => o.parentId)).toEqual([a.id, b.id]);
    expect(s.orgs.get(first.id).parentId).toBe(a.id);
    // Now the name repeats in the database: a row without 上级组织 cannot say which one it is.
    const q = s.orgImports.preview(await xlsx([HEADER, ['第一党支部', '党支部', null]]), 'which.xlsx');
    expect(issuesOf(q, 2)[0]!.message).toMatch(/系统中有 2 个组织都叫“第一党支部”.*请在“上级组织”一列写明它的上级/);
  });
});

describe('rows in error: row number and column as the clerk sees them, the value, and what to fix', () => {
  it('reports each kind of problem, and a child of a row in error cannot be imported either', async () => {
    const s = tempServices();
    const top = street(s);
    const community = s.orgs.create({ name: '阳光社区党委', kind: 'communityCommittee', parentId: top.id });
    const branch = s.orgs.create({ name: '第一党支部', kind: 'branch', parentId: community.id });
    s.members.create(memberFixture({ branchId: branch.id }));
    const p = s.orgImports.preview(
      await xlsx([
        ['组织名单'],
        ['组织名称', '组织类别', '上级组织', '建立日期', '所在单位'],
        ['甲支部', '党支部', '乙支部', null, null], // 3: cycle with 4
        ['乙支部', '党支部', '甲支部', null, null], // 4
        ['错层小组', '党小组', '阳光社区党委', null, null], // 5: a group under a committee
        ['重名支部', '党支部', '阳光社区党委', null, null], // 6: duplicate of 7
        ['重名支部', '党支部', '阳光社区党委', null, null], // 7
        ['日期支部', '党支部', '阳光社区党委', '2003-13-45', null], // 8: bad date
        ['未来支部', '党支部', '阳光社区党委', '2099-01-01', null], // 9: future date
        ['联合支部', '联合党支部', '阳光社区党委', null, '一、二、三、四、五、六'], // 10: six units
        ['奇怪组织', '协会', '阳光社区党委', null, null], // 11: unknown kind
        [null, '党支部', '阳光社区党委', null, null], // 12: no name
        ['无类别支部', null, '阳光社区党委', null, null], // 13: new without a kind
        ['顶级组织', '街道党工委', null, null, null], // 14: a second top level
        ['第一党支部', '党总支', '阳光社区党委', null, null], // 15: members in it, cannot stop being a branch
        ['孙小组', '党小组', '日期支部', null, null], // 16: its new parent (row 8) is in error
        ['自己支部', '党支部', '自己支部', null, null], // 17: its own parent
        ['合计：16 个'], // not an organisation
      ]),
      'bad.xlsx',
    );
    expect(p.headerRow).toBe(2);
    expect(p.counts).toMatchObject({ rows: 15, new: 0, errors: 15 });
    const first = (row: number) => issuesOf(p, row)[0]!;
    expect(first(3)).toMatchObject({ column: 'C 列（上级组织）', value: '乙支部', message: expect.stringContaining('形成了循环') });
    expect(first(4).message).toContain('形成了循环');
    expect(first(5)).toMatchObject({ column: 'B 列（组织类别）', value: '党小组', message: '党小组应设在党支部下面：上级组织“阳光社区党委”是社区党委' });
    expect(first(6)).toMatchObject({ column: 'A 列（组织名称）', value: '重名支部', message: expect.stringContaining('与第 7 行重复') });
    expect(first(7).message).toContain('与第 6 行重复');
    expect(first(8)).toMatchObject({ column: 'D 列（建立日期）', value: '2003-13-45', message: '“2003-13-45”不是存在的日期，请核对年、月、日' });
    expect(first(9)).toMatchObject({ column: 'D 列（建立日期）', value: '2099-01-01', message: '建立日期不能晚于今天' });
    expect(first(10)).toMatchObject({ column: 'E 列（所在单位）', value: '一、二、三、四、五、六', message: expect.stringContaining('最多 5 个') });
    expect(first(11)).toMatchObject({ column: 'B 列（组织类别）', value: '协会', message: expect.stringContaining('无法识别的组织类别“协会”') });
    expect(first(12)).toMatchObject({ column: 'A 列（组织名称）', message: '请填写组织名称' });
    expect(first(13)).toMatchObject({ column: 'B 列（组织类别）', message: expect.stringContaining('请填写组织类别') });
    expect(first(14)).toMatchObject({ column: 'C 列（上级组织）', message: expect.stringContaining('请填写上级组织：系统中已有“和平街道党工委”') });
    expect(first(15)).toMatchObject({ column: 'B 列（组织类别）', value: '党总支', message: expect.stringContaining('还有 1 名党员') });
    expect(first(16)).toMatchObject({ column: 'C 列（上级组织）', message: expect.stringContaining('第 8 行') });
    expect(first(17).message).toBe('上级组织不能是它自己');
  });

  it('moving an organisation under its own branch is a cycle; nothing may sit under a 党小组', async () => {
    const s = tempServices();
    const top = street(s);
    const community = s.orgs.create({ name: '阳光社区党委', kind: 'communityCommittee', parentId: top.id });
    const branch = s.orgs.create({ name: '第一党支部', kind: 'branch', parentId: community.id });
    s.orgs.create({ name: '第一党小组', kind: 'group', parentId: branch.id });
    const p = s.orgImports.preview(await xlsx([HEADER, ['阳光社区党委', '社区党委', '第一党支部'], ['小组下的支部', '党支部', '第一党小组']]), 'tree.xlsx');
    expect(issuesOf(p, 2)[0]).toMatchObject({
      column: 'C 列（上级组织）',
      value: '第一党支部',
      message: '上级组织形成了循环（“阳光社区党委” → “第一党支部” → “阳光社区党委”），请核对这几行的上级组织',
    });
    expect(issuesOf(p, 3)[0]).toMatchObject({ column: 'C 列（上级组织）', message: '党小组下面不能再设组织：上级组织“第一党小组”是党小组' });
    // A branch with a 党小组 under it cannot become a 社区党委.
    const q = s.orgImports.preview(await xlsx([HEADER, ['第一党支部', '社区党委', '阳光社区党委']]), 'kind.xlsx');
    expect(issuesOf(q, 2)[0]).toMatchObject({ column: 'B 列（组织类别）', value: '社区党委', message: '“第一党小组”（党小组）在它下面，党小组应设在党支部下面，不能改为社区党委' });
  });

  it('a file without 组织名称 / 组织类别 / 上级组织 columns is refused as a whole, naming what is missing', async () => {
    const s = tempServices();
    const msg = (bytes: Buffer) => {
      try {
        s.orgImports.preview(bytes, 'x.xlsx');
      } catch (e) {
        expect(e).toBeInstanceOf(ServiceError);
        return (e as Error).message;
      }
      throw new Error('expected a ServiceError');
    };
    expect(msg(fixture('noheader.xlsx'))).toMatch(/没有找到表头：缺少“组织名称”“组织类别”“上级组织”三列。请确认表格第一行或标题下方有列名（如“组织名称”“组织类别”“上级组织”）/);
    expect(msg(fixture('official.xlsx'))).toMatch(/没有找到表头：缺少.*“上级组织”/);
    expect(msg(await xlsx([['组织名称', '组织类别', '书记'], ['第一党支部', '党支部', '王芳']]))).toBe(
      '工作表“组织”缺少“上级组织”一列。组织名单至少要有“组织名称”“组织类别”“上级组织”三列，请在表格中补上后再导入。',
    );
  });
});

describe('nothing half-written', () => {
  it('strict mode writes nothing when any row is in error', () => {
    const s = tempServices();
    street(s);
    const before = snapshot(s);
    expect(() => s.orgImports.commit(fixture('orgs.xlsx'), 'orgs.xlsx', { mode: 'strict' })).toThrow(/什么也没有写入/);
    expect(snapshot(s)).toBe(before);
    expect(fs.existsSync(path.join(path.dirname(s.path), 'backups')) ? fs.readdirSync(path.join(path.dirname(s.path), 'backups')) : []).toEqual([]);
  });

  it('a failure halfway through writing leaves the database exactly as it was, and removes the backup', () => {
    const s = tempServices();
    street(s);
    const before = snapshot(s);
    const write = s.audit.write.bind(s.audit);
    let n = 0;
    s.audit.write = (e) => {
      if (++n === 4) throw new Error('power cut');
      write(e);
    };
    expect(() => s.orgImports.commit(fixture('orgs.xlsx'), 'orgs.xlsx', { mode: 'valid' })).toThrow('power cut');
    s.audit.write = write;
    expect(snapshot(s)).toBe(before);
    expect(fs.readdirSync(path.join(path.dirname(s.path), 'backups'))).toEqual([]);
    expect(s.orgImports.commit(fixture('orgs.xlsx'), 'orgs.xlsx', { mode: 'valid' }).inserted).toBe(7);
  });
});

describe('reading organisation headers and kinds as clerks write them', () => {
  it('maps the usual column names, the longer header winning (上级党组织名称 is the parent’s)', () => {
    const f = (h: string) => matchOrgHeader(h)?.field ?? null;
    expect(['组织名称', '党组织名称', '名称', '组织类别', '党组织类别', '类别', '组织类型', '上级组织', '上级党组织', '隶属组织', '上级党组织名称'].map(f)).toEqual([
      'name', 'name', 'name', 'kind', 'kind', 'kind', 'kind', 'parent', 'parent', 'parent', 'parent',
    ]);
    expect(['书记', '党组织书记', '联系电话', '电话', '建立日期', '成立日期', '成立时间', '建立文号', '批准文号', '所在单位', '单位名称'].map(f)).toEqual([
      'secretary', 'secretary', 'contactPhone', 'contactPhone', 'foundedOn', 'foundedOn', 'foundedOn', 'foundingDocNo', 'foundingDocNo', 'units', 'units',
    ]);
    expect(f('序号')).toBeNull();
  });

  it('matches 组织类别 leniently', () => {
    const cases: [string, string | null][] = [
      ['党支部', 'branch'], ['支部', 'branch'], ['联合党支部', 'jointBranch'], ['党总支', 'generalBranch'], ['总支部', 'generalBranch'],
      ['社区党委', 'communityCommittee'], ['党委', 'communityCommittee'], ['街道党工委', 'streetCommittee'], ['党工委', 'streetCommittee'],
      ['离退休党支部', 'retiredBranch'], ['离退休支部', 'retiredBranch'], ['离休干部党支部', 'retiredBranch'], ['流动党员党支部', 'floatingBranch'],
      ['综合党支部', 'compositeBranch'], ['党小组', 'group'], ['3-党支部', 'branch'], ['中共党总支', 'generalBranch'], ['党 支 部', 'branch'],
      ['非公企业联合党支部', 'jointBranch'], ['党支部（单独组建）', 'branch'], ['协会', null], ['', null],
    ];
    expect(cases.map(([t]) => [t, orgKindOf(t)])).toEqual(cases);
  });
});

describe('command line and migration', () => {
  function cli(args: string[]) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], { encoding: 'utf8', cwd: path.resolve(__dirname, '../..') });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('orgs import --json: the summary with row numbers as the clerk sees them; --strict writes nothing; orgs list --json shows the tree', () => {
    const s = tempServices();
    street(s);
    s.db.close();
    const file = path.join(FIXTURES, 'orgs.xls');
    const strict = cli(['--db', s.path, 'orgs', 'import', file, '--strict', '--json']);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout)).toMatchObject({ rows: 8, inserted: 0, updated: 0, written: false });
    expect(strict.stderr).toContain('什么也没有写入');
    const dry = cli(['--db', s.path, 'orgs', 'import', file, '--dry-run', '--json']);
    expect(JSON.parse(dry.stdout)).toMatchObject({ rows: 8, inserted: 7, written: false, batchId: null });
    const r = cli(['--db', s.path, 'orgs', 'import', file, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ rows: 8, inserted: 7, updated: 0, unchanged: 0, written: true });
    expect(out.errors).toEqual([{ row: 11, column: 'D 列（上级党组织）', value: '幸福社区党委', message: expect.stringContaining('都找不到') }]);
    const tree = JSON.parse(cli(['--db', s.path, 'orgs', 'list', '--json']).stdout);
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ name: '和平街道党工委', fullTotal: 0 });
    expect(tree[0].children.map((c: { name: string }) => c.name)).toEqual(['阳光社区党委', '和平里社区党委']);
    expect(tree[0].children[0].children.map((c: { name: string }) => c.name)).toEqual(['阳光社区第一党支部', '阳光社区第二党支部', '阳光社区联合党支部']);
    const again = JSON.parse(cli(['--db', s.path, 'orgs', 'import', file, '--json']).stdout);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 7 });
    const text = cli(['--db', s.path, 'orgs', 'import', file]);
    expect(text.stderr).toContain('第 11 行 D 列（上级党组织）');
    expect(cli(['--db', s.path, 'orgs', 'import']).code).toBe(2);
  });

  it('010 lets the import history record organisation imports, keeping the rows it had', () => {
    const file = path.join(tempDir(), 'm.db');
    const before = MIGRATIONS.filter((m) => m.version < 10);
    const db = openDatabase(file, { migrations: before });
    db.prepare(
      `INSERT INTO import_batches (id, kind, file_name, file_sha256, at, rows, inserted, updated, unchanged, errors) VALUES ('b1', 'members', 'a.xlsx', 'x', 't', 1, 1, 0, 0, 0)`,
    ).run();
    expect(() => db.prepare(`UPDATE import_batches SET kind = 'organisations'`).run()).toThrow(/CHECK/);
    db.close();
    const after = openDatabase(file);
    expect(after.prepare('SELECT id, kind, file_name FROM import_batches').all()).toEqual([{ id: 'b1', kind: 'members', file_name: 'a.xlsx' }]);
    after.prepare(`UPDATE import_batches SET kind = 'organisations'`).run();
    expect(() => after.prepare(`UPDATE import_batches SET kind = 'other'`).run()).toThrow(/CHECK/);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'import_batches' AND name = 'import_batches_at'").get()).toBeTruthy();
    after.close();
  });
});
