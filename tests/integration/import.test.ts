import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../electron/errors';
import type { Services } from '../../electron/services';
import { COLUMNS } from '../../shared/import/columns';
import { memberListQuery } from '../../shared/contract';
import { toMemberInput } from '../../shared/rules/member';
import { idFor, tempDir, tempServices } from './helpers';

const FIXTURES = path.resolve(__dirname, '../fixtures/excel');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

/** The official fixtures' tree: the file names 幸福社区第一/第二党支部, which do not exist yet. */
function tree(s: Services) {
  const street = s.orgs.create({ name: '和平街道党工委', kind: 'streetCommittee', parentId: null });
  const community = s.orgs.create({ name: '幸福社区党委', kind: 'communityCommittee', parentId: street.id });
  return { street, community };
}

/** Everything a failed import must leave exactly as it was. */
function snapshot(s: Services) {
  return JSON.stringify([
    s.db.prepare('SELECT * FROM members ORDER BY id').all(),
    s.db.prepare('SELECT * FROM organisations ORDER BY id').all(),
    s.db.prepare('SELECT count(*) AS n FROM audit_log').get(),
    s.db.prepare('SELECT count(*) AS n FROM import_batches').get(),
  ]);
}

async function xlsx(rows: (string | number | null)[][], name = 'test.xlsx'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  const file = path.join(tempDir(), name);
  await wb.xlsx.writeFile(file);
  return fs.readFileSync(file);
}

const HEADER = ['姓名', '性别', '公民身份号码', '人员类别', '所在党支部', '入党时间', '转正时间', '联系电话'];

describe('importing members from spreadsheets written by LibreOffice', () => {
  it('previews the official layout: title and notes above the header, a mangled ID, hidden row, new branches', () => {
    const s = tempServices();
    const { community } = tree(s);
    const before = snapshot(s);
    const p = s.imports.preview(fixture('official.xlsx'), 'official.xlsx');
    expect(snapshot(s)).toBe(before);
    expect(p).toMatchObject({ format: 'xlsx', sheetName: '党员名册', headerRow: 3, missing: [] });
    expect(p.counts).toEqual({ rows: 6, new: 5, changed: 0, unchanged: 0, errors: 1 });
    const bad = p.rows.find((r) => r.status === 'error')!;
    expect(bad.row).toBe(5);
    expect(bad.issues[0]).toMatchObject({ row: 5, column: 'D 列（公民身份号码）' });
    expect(bad.issues[0]!.message).toContain('文本');
    expect(bad.issues).toHaveLength(1);
    expect(p.rows.find((r) => r.row === 6)!.warnings.join()).toContain('隐藏');
    expect(p.unknownBranches.map((b) => [b.name, b.suggestedParentId])).toEqual([
      ['幸福社区第一党支部', community.id],
      ['幸福社区第二党支部', community.id],
    ]);
  });

  it('imports the valid rows in one go: branches created, audit under the import id, history, a backup first', () => {
    const s = tempServices();
    const { community } = tree(s);
    expect(s.members.list(memberListQuery.parse({})).total).toBe(0);
    const r = s.imports.commit(fixture('official.xlsx'), 'official.xlsx', { mode: 'valid', createBranches: [{ name: '幸福社区第一党支部', parentId: community.id }, { name: '幸福社区第二党支部', parentId: null }] });
    expect(r).toMatchObject({ rows: 6, inserted: 5, updated: 0, unchanged: 0, createdBranches: ['幸福社区第一党支部', '幸福社区第二党支部'] });
    expect(r.errors).toHaveLength(1);
    expect(s.members.list(memberListQuery.parse({})).total).toBe(5);
    // The list index had been built before the import (by the count above in other tests): it must follow.
    const first = s.orgs.rows().find((o) => o.name === '幸福社区第一党支部')!;
    expect(first).toMatchObject({ kind: 'branch', parentId: community.id });
    const audit = s.db.prepare('SELECT action, entity, count(*) AS n FROM audit_log WHERE batch_id = ? GROUP BY action, entity ORDER BY entity').all(r.batchId);
    expect(audit).toEqual([
      { action: 'import', entity: 'member', n: 5 },
      { action: 'import', entity: 'organisation', n: 2 },
    ]);
    const history = s.imports.history();
    expect(history[0]).toMatchObject({ id: r.batchId, fileName: 'official.xlsx', rows: 6, inserted: 5, errors: 1 });
    expect(history[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The backup holds the database as it was just before: the tree, no members.
    const backup = new Database(r.backupFile!, { readonly: true });
    expect(backup.prepare('SELECT count(*) AS n FROM members').get()).toEqual({ n: 0 });
    expect(backup.prepare('SELECT count(*) AS n FROM organisations').get()).toEqual({ n: 2 });
    backup.close();
  });

  it('the same file again changes nothing; the same data from .xls and GBK/UTF-8 CSV is unchanged too', () => {
    const s = tempServices();
    tree(s);
    s.imports.commit(fixture('official.xlsx'), 'official.xlsx', { mode: 'valid', createBranches: 'auto' });
    const auditBefore = s.db.prepare('SELECT count(*) AS n FROM audit_log').get();
    for (const f of ['official.xlsx', 'official-gbk.csv', 'official-utf8.csv']) {
      const again = s.imports.commit(fixture(f), f, { mode: 'valid', createBranches: [] });
      expect({ f, inserted: again.inserted, updated: again.updated, unchanged: again.unchanged }).toEqual({ f, inserted: 0, updated: 0, unchanged: 5 });
    }
    // LibreOffice's .xls kept no result for the text formula in 赵六's 工作岗位: that cell is reported, not imported as 0.
    const xls = s.imports.commit(fixture('official.xls'), 'official.xls', { mode: 'valid', createBranches: [] });
    expect({ inserted: xls.inserted, updated: xls.updated, unchanged: xls.unchanged }).toEqual({ inserted: 0, updated: 0, unchanged: 4 });
    expect(xls.errors).toEqual(expect.arrayContaining([expect.objectContaining({ row: 7, column: 'K 列（工作岗位）', message: expect.stringContaining('没有保存它的计算结果') })]));
    expect(s.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(auditBefore);
  });

  it('strict mode writes nothing when any row is in error', () => {
    const s = tempServices();
    tree(s);
    const before = snapshot(s);
    expect(() => s.imports.commit(fixture('official.xlsx'), 'official.xlsx', { mode: 'strict', createBranches: 'auto' })).toThrow(/什么也没有写入/);
    expect(snapshot(s)).toBe(before);
  });

  it('a failure halfway through writing leaves the database exactly as it was', async () => {
    const s = tempServices();
    tree(s);
    const rows = [HEADER, ...Array.from({ length: 4500 }, (_, i) => [`测试${i}`, null, idFor('1970-01-01', i % 1000, String(110101 + Math.floor(i / 1000))), '正式党员', '幸福社区新支部', '1995-07-01', '1996-07-01', null])];
    const bytes = await xlsx(rows);
    const before = snapshot(s);
    expect(() =>
      s.imports.commit(bytes, 'big.xlsx', { mode: 'valid', createBranches: 'auto' }, (stage, done) => {
        // Rows are written as they are checked: 2,000 rows in, the process "loses power".
        if (stage === '检查数据' && done >= 2000) throw new Error('power cut');
      }),
    ).toThrow('power cut');
    expect(snapshot(s)).toBe(before);
    // And the same file imports whole afterwards.
    expect(s.imports.commit(bytes, 'big.xlsx', { mode: 'valid', createBranches: 'auto' }).inserted).toBe(4500);
  });

  it('updates changed rows (only the columns the file has), reporting the changed fields', async () => {
    const s = tempServices();
    tree(s);
    const id = idFor('1970-01-01', 11);
    await s.imports.commit(await xlsx([HEADER, ['张三', '男', id, '正式党员', '幸福社区第一党支部', '1995-07-01', '1996-07-01', '13800138000']]), 'a.xlsx', { mode: 'valid', createBranches: 'auto' });
    const m = s.members.list(memberListQuery.parse({ q: 'zs' })).rows[0]!;
    s.members.update(m.id, { ...(await import('./helpers')).memberFixture({ name: '张三', idNumber: id, branchId: m.branchId, joinedOn: '1995-07-01', confirmedOn: '1996-07-01', mobile: '13800138000', address: '幸福路 1 号' }) }, s.members.get(m.id).version);
    const p = s.imports.preview(await xlsx([HEADER, ['张三', '男', id, '正式党员', '幸福社区第一党支部', '1995-07-01', '1996-07-01', '13900139000']]), 'b.xlsx');
    expect(p.counts).toMatchObject({ changed: 1, errors: 0 });
    expect(p.rows[0]!.changedFields).toEqual(['mobile']);
    // 家庭住址 is not in the file: kept.
    const r = s.imports.commit(await xlsx([HEADER, ['张三', '男', id, '正式党员', '幸福社区第一党支部', '1995-07-01', '1996-07-01', '13900139000']]), 'b.xlsx', { mode: 'valid', createBranches: [] });
    expect(r.updated).toBe(1);
    expect(s.members.get(m.id)).toMatchObject({ mobile: '13900139000', address: '幸福路 1 号' });
    const entry = s.members.auditOf(m.id)[0]!;
    expect(entry).toMatchObject({ action: 'import', batchId: r.batchId, changes: [{ field: 'mobile', old: '13800138000', new: '13900139000' }] });
  });

  it('duplicate ID numbers inside the file are errors on both rows; record rules are checked as in the form', async () => {
    const s = tempServices();
    tree(s);
    const id = idFor('1970-01-01', 11);
    const p = s.imports.preview(
      await xlsx([
        ['幸福社区党员名册'],
        HEADER,
        ['张三', '男', id, '正式党员', null, '1995-07-01', '1996-07-01', null],
        ['李四', '女', idFor('1980-02-02', 21), '正式党员', null, '2010-07-01', '2009-07-01', null],
        ['张三', '男', id, '正式党员', null, '1995-07-01', '1996-07-01', null],
        ['王五', '男', idFor('1980-02-02', 33), '正式党员', null, '2010-07-01', '2011-07-01', null],
      ]),
      'dup.xlsx',
    );
    expect(p.headerRow).toBe(2);
    expect(p.counts).toEqual({ rows: 4, new: 1, changed: 0, unchanged: 0, errors: 3 });
    const issues = p.rows.flatMap((r) => r.issues);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: 'C 列（公民身份号码）', message: expect.stringContaining('第 5 行') }),
        expect.objectContaining({ row: 5, message: expect.stringContaining('第 3 行') }),
        expect.objectContaining({ row: 4, column: 'G 列（转正时间）', message: expect.stringContaining('应晚于加入党组织日期') }),
        expect.objectContaining({ row: 4, column: 'B 列（性别）', message: expect.stringContaining('号码显示为男') }),
      ]),
    );
  });

  it('takes a manual mapping for a column it cannot place, and remembers it for files with the same headers', async () => {
    const s = tempServices();
    tree(s);
    const bytes = await xlsx([
      ['姓名', '公民身份号码', '党员属性'],
      ['张三', idFor('1970-01-01', 11), '正式党员'],
    ]);
    const auto = s.imports.preview(bytes, 'odd.xlsx');
    expect(auto.columns.map((c) => c.field)).toEqual(['name', 'idNumber', null]);
    const mapped = s.imports.preview(bytes, 'odd.xlsx', { mapping: { '2': 'membershipKind' } });
    expect(mapped.columns.map((c) => c.field)).toEqual(['name', 'idNumber', 'membershipKind']);
    expect(mapped.counts).toMatchObject({ new: 1, errors: 0 });
    const again = s.imports.preview(bytes, 'odd-again.xlsx');
    expect(again.columns.map((c) => c.field)).toEqual(['name', 'idNumber', 'membershipKind']);
    expect(() => s.imports.preview(bytes, 'odd.xlsx', { mapping: { '2': 'name' } })).toThrow(/两列/);
  });

  it('refuses every unreadable file in Chinese, naming it, and changes nothing', () => {
    const s = tempServices();
    tree(s);
    const before = snapshot(s);
    const expected: Record<string, RegExp> = {
      'empty.xlsx': /空的/,
      'encrypted.xls': /密码/,
      'encrypted.xlsx': /密码/,
      'image-renamed.xlsx': /图片/,
      'noheader.xlsx': /没有找到表头.*缺少“姓名”“公民身份号码”/,
      'pdf-renamed.xlsx': /PDF/,
      'truncated.xlsx': /损坏|不完整/,
      'zipbomb.xlsx': /庞大|异常/,
    };
    for (const [f, re] of Object.entries(expected)) {
      let err: unknown;
      try {
        s.imports.commit(fixture(f), f, { mode: 'valid', createBranches: 'auto' });
      } catch (e) {
        err = e;
      }
      expect(err, f).toBeInstanceOf(ServiceError);
      expect((err as Error).message, f).toMatch(re);
    }
    expect(snapshot(s)).toBe(before);
  });

  it('writes an annotated copy of the rows in error: their columns, a 错误说明 column, the bad cells marked', async () => {
    const s = tempServices();
    tree(s);
    const a = await s.imports.annotated(fixture('official.xlsx'), 'official.xlsx');
    expect(a.fileName).toBe('official-错误说明.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(a.data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['姓名', '性别', '民族', '公民身份号码']);
    expect(header).toContain('错误说明');
    const errorCol = header.indexOf('错误说明') + 1;
    expect(String(ws.getRow(2).getCell(errorCol).value)).toContain('文本');
  });

  it('exports the register in the template layout, and re-importing the export changes nothing', async () => {
    const s = tempServices();
    tree(s);
    s.imports.commit(fixture('official.xlsx'), 'official.xlsx', { mode: 'valid', createBranches: 'auto' });
    const out = path.join(tempDir(), 'export.xlsx');
    expect(await s.exports.exportMembers(out, memberListQuery.parse({}))).toBe(5);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(COLUMNS.map((c) => c.header));
    const again = s.imports.commit(fs.readFileSync(out), 'export.xlsx', { mode: 'valid', createBranches: [] });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 5, errors: [] });
  });

  it('an export with ID numbers hidden cannot be imported, and says why: each row names the hidden number, nothing changes', async () => {
    const s = tempServices();
    tree(s);
    s.imports.commit(fixture('official.xlsx'), 'official.xlsx', { mode: 'valid', createBranches: 'auto' });
    const out = path.join(tempDir(), 'masked.xlsx');
    expect(await s.exports.exportMembers(out, memberListQuery.parse({}), () => {}, 'masked')).toBe(5);
    const before = s.db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const r = s.imports.commit(fs.readFileSync(out), 'masked.xlsx', { mode: 'valid', createBranches: [] });
    expect(r).toMatchObject({ inserted: 0, updated: 0, unchanged: 0 });
    expect(r.errors).toHaveLength(5);
    for (const e of r.errors) {
      expect(e.value).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      expect(e.message).toContain('导出名册时选择了“隐藏身份证号和电话”');
    }
    expect(s.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(before);
  });
});

describe('the preview of changed rows, the sheet picker, files shaped like WPS writes them', () => {
  it('shows each change of a changed row as old → new, in the words and formats of the register', () => {
    const s = tempServices();
    tree(s);
    s.imports.commit(fixture('official.xlsx'), 'official.xlsx', { mode: 'valid', createBranches: 'auto' });
    const byId = (id: string) => s.members.get(s.db.prepare('SELECT id FROM members WHERE id_number = ?').pluck().get(id) as number);
    const second = s.orgs.rows().find((o) => o.name === '幸福社区第二党支部')!;
    // The register now differs from the file (LibreOffice's official.xlsx), which is what importing it would undo.
    const zhang = byId('110101198503070013');
    s.members.update(zhang.id, { ...toMemberInput(zhang), education: 'college', joinedOn: '2008-06-30', mobile: '13811138000', address: null }, zhang.version);
    const qian = byId('110101198808080052');
    s.members.update(qian.id, { ...toMemberInput(qian), branchId: second.id, lostContact: true, lostContactSince: '2023-01-05' }, qian.version);

    const p = s.imports.preview(fixture('official.xlsx'), 'official.xlsx');
    expect(p.counts).toMatchObject({ changed: 2, unchanged: 3, errors: 1 });
    const changesOf = (name: string) => p.rows.find((r) => r.name === name)!.changes;
    expect(changesOf('张三')).toEqual([
      { field: 'education', label: '学历', old: '大学专科', new: '大学本科' },
      { field: 'joinedOn', label: '加入党组织日期', old: '2008-06-30', new: '2008-07-01' },
      // Masked as in the list; the digits that differ are hidden, so it says so.
      { field: 'mobile', label: '手机号码', old: '138****8000', new: '138****8000（中间的数字不同）' },
      { field: 'address', label: '家庭住址', old: null, new: '幸福小区1号楼101室' },
    ]);
    expect(changesOf('钱七')).toEqual([
      { field: 'branchId', label: '所在党支部', old: '幸福社区第二党支部', new: '幸福社区第一党支部' },
      { field: 'lostContact', label: '是否为失联党员', old: '是', new: '否' },
      { field: 'lostContactSince', label: '失去联系日期', old: '2023-01-05', new: null },
    ]);
    expect(p.rows.find((r) => r.name === '张三')!.changedFields).toEqual(['education', 'joinedOn', 'mobile', 'address']);
    // New and unchanged rows carry no changes.
    expect(p.rows.filter((r) => r.status !== 'changed').every((r) => r.changes.length === 0)).toBe(true);
  });

  it('lists the sheets with their rows, takes the register by itself, and imports the sheet the clerk picks instead', () => {
    const s = tempServices();
    tree(s);
    const file = fixture('sheets.xlsx'); // LibreOffice: 填表说明, 在册党员, 发展党员
    const auto = s.imports.preview(file, 'sheets.xlsx');
    expect(auto.sheets).toEqual([
      { index: 0, name: '填表说明', hidden: false, rows: 3 },
      { index: 1, name: '在册党员', hidden: false, rows: 5 },
      { index: 2, name: '发展党员', hidden: false, rows: 3 },
    ]);
    expect(auto).toMatchObject({ sheetIndex: 1, sheetName: '在册党员', headerRow: 2, counts: { rows: 3, new: 3, errors: 0 } });

    const picked = s.imports.preview(file, 'sheets.xlsx', { sheetIndex: 2 });
    expect(picked).toMatchObject({ sheetIndex: 2, sheetName: '发展党员', headerRow: 1, counts: { rows: 2, new: 2, errors: 0 } });
    expect(picked.rows.map((r) => r.name)).toEqual(['冯四', '陈五']);

    const before = snapshot(s);
    expect(() => s.imports.preview(file, 'sheets.xlsx', { sheetIndex: 0 })).toThrow(/工作表“填表说明”中没有找到表头/);
    expect(() => s.imports.preview(file, 'sheets.xlsx', { sheetIndex: 5 })).toThrow(/没有第 6 个工作表/);
    expect(snapshot(s)).toBe(before);

    const r = s.imports.commit(file, 'sheets.xlsx', { sheetIndex: 2, mode: 'strict', createBranches: 'auto' });
    expect(r).toMatchObject({ inserted: 2, updated: 0 });
    expect(s.members.list(memberListQuery.parse({})).rows.map((m) => m.name).sort()).toEqual(['冯四', '陈五'].sort());
    expect(s.imports.history()[0]).toMatchObject({ id: r.batchId });
    expect(s.db.prepare('SELECT sheet_name FROM import_batches WHERE id = ?').pluck().get(r.batchId)).toBe('发展党员');

    // A hidden sheet is listed as hidden (official.xlsx's 代码表).
    expect(s.imports.preview(fixture('official.xlsx'), 'official.xlsx').sheets).toEqual([
      { index: 0, name: '党员名册', hidden: false, rows: 9 },
      { index: 1, name: '代码表', hidden: true, rows: 3 },
    ]);
  });

  it('files shaped like WPS writes them import exactly as the LibreOffice files they were made from', () => {
    const s = tempServices();
    tree(s);
    s.imports.commit(fixture('official.xlsx'), 'official.xlsx', { mode: 'valid', createBranches: 'auto' });
    const auditBefore = s.db.prepare('SELECT count(*) AS n FROM audit_log').get();
    for (const f of ['wps-like-register.xlsx', 'wps-like-zip-names.xlsx']) {
      const p = s.imports.preview(fixture(f), f);
      // The 照片 column (pictures in cells) is offered for mapping and left out; nothing else differs.
      expect(p.columns.find((c) => c.header === '照片')).toMatchObject({ index: 17, field: null });
      expect({ f, counts: p.counts }).toEqual({ f, counts: { rows: 6, new: 0, changed: 0, unchanged: 5, errors: 1 } });
      expect(p.rows.find((r) => r.status === 'error')!.issues[0]).toMatchObject({ row: 5, column: 'D 列（公民身份号码）' });
    }
    // The .xls as LibreOffice's .xls (its text formula kept no result: that row is reported).
    const xls = s.imports.preview(fixture('wps-like-register.xls'), 'wps-like-register.xls');
    expect(xls.counts).toEqual({ rows: 6, new: 0, changed: 0, unchanged: 4, errors: 2 });
    // The web page: every ID number whole (李四's was typed as a number and shows as 1.1010119900101E+017: reported).
    const page = s.imports.preview(fixture('wps-like-webpage.xls'), 'wps-like-webpage.xls');
    expect(page.counts).toEqual({ rows: 5, new: 0, changed: 0, unchanged: 4, errors: 1 });
    expect(page.rows.find((r) => r.status === 'error')!.issues[0]!.column).toBe('D 列（公民身份号码）');
    // The same page as a web archive (Chromium's MHTML, named .xls as web systems' exports are): the same rows.
    const archive = s.imports.preview(fixture('web-archive.xls'), 'web-archive.xls');
    expect({ counts: archive.counts, rows: archive.rows }).toEqual({ counts: page.counts, rows: page.rows });
    expect(s.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(auditBefore);
  });
});
