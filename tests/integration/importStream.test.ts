/**
 * The member import reads a large .xlsx row by row as it inflates (one pass, the sheet never held whole) and goes
 * back to reading it whole when that pass meets what it cannot settle alone. Both ways must give the same preview,
 * the same result and the same database, row for row and audit entry for audit entry: every file here is imported
 * both ways (the stream forced on by lowering its size threshold to 0, off by raising it) and the two compared.
 */
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemberImportService } from '../../electron/members/import/service';
import type { Services } from '../../electron/services';
import type { ImportField } from '../../shared/import/columns';
import { idFor, memberFixture, tempDir, tempServices } from './helpers';

const FIXTURES = path.resolve(__dirname, '../fixtures/excel');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const defaultThreshold = MemberImportService.streamFromBytes;
afterEach(() => {
  MemberImportService.streamFromBytes = defaultThreshold;
});

function tree(s: Services) {
  const street = s.orgs.create({ name: '和平街道党工委', kind: 'streetCommittee', parentId: null });
  const community = s.orgs.create({ name: '幸福社区党委', kind: 'communityCommittee', parentId: street.id });
  for (const n of ['幸福社区第一党支部', '幸福社区第二党支部', '幸福社区第三党支部']) s.orgs.create({ name: n, kind: 'branch', parentId: community.id });
  return { community };
}

/** The database as an import leaves it, with the random batch ids and backup names taken out. */
function state(s: Services) {
  const rows = (sql: string) => s.db.prepare(sql).all() as Record<string, unknown>[];
  const batchIds = new Map<unknown, string>();
  const batch = (id: unknown) => (id == null ? id : (batchIds.get(id) ?? (batchIds.set(id, `batch${batchIds.size}`), `batch${batchIds.size - 1}`)));
  return {
    members: rows('SELECT * FROM members ORDER BY id'),
    organisations: rows('SELECT * FROM organisations ORDER BY id'),
    audit: rows('SELECT * FROM audit_log ORDER BY id').map((r) => ({ ...r, batch_id: batch(r.batch_id) })),
    history: rows('SELECT * FROM member_branch_history ORDER BY id').map((r) => ({ ...r, batch_id: batch(r.batch_id) })),
    batches: rows('SELECT * FROM import_batches ORDER BY at, rowid').map((r) => ({ ...r, id: batch(r.id), backup_file: r.backup_file ? 'a backup' : null })),
    mappings: rows('SELECT signature, mapping FROM import_mappings ORDER BY signature'),
    indexes: rows("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name"),
  };
}

type Step = { file: Buffer; name: string; createBranches?: 'auto' | []; options?: { sheetIndex?: number; mapping?: Record<string, ImportField | null> } };

/**
 * Runs the same imports (previews, then commits) on two fresh registers, one each way; returns both ways'
 * outcomes and which way each step actually took.
 */
function bothWays(steps: Step[], prepare: (s: Services) => void = tree) {
  const run = (threshold: number) => {
    MemberImportService.streamFromBytes = threshold;
    const s = tempServices();
    prepare(s);
    const out: unknown[] = [];
    const ways: string[] = [];
    for (const step of steps) {
      try {
        ways.push(s.imports.scan(step.file, step.name, step.options ?? {}, () => {}, 'preview', {}).way);
        out.push(s.imports.preview(step.file, step.name, step.options));
      } catch (e) {
        ways.push('refused');
        out.push({ error: (e as Error).message });
      }
      try {
        const r = s.imports.commit(step.file, step.name, { ...step.options, mode: 'valid', createBranches: step.createBranches ?? 'auto' });
        out.push({ ...r, batchId: 'batch', backupFile: r.backupFile ? 'a backup' : null });
      } catch (e) {
        out.push({ error: (e as Error).message });
      }
    }
    return { out, state: state(s), ways };
  };
  const streamed = run(0);
  const whole = run(Number.POSITIVE_INFINITY);
  expect(whole.ways.every((w) => w !== 'streamed')).toBe(true);
  expect(streamed.out).toEqual(whole.out);
  expect(streamed.state).toEqual(whole.state);
  return { ways: streamed.ways, out: whole.out, state: whole.state };
}

const HEADER = ['姓名', '性别', '公民身份号码', '人员类别', '所在党支部', '加入党组织日期', '转为正式党员日期', '手机号码', '家庭住址'];

/** A register of n members as a clerk's file: a merged title row above the header, then one member a row. */
async function register(
  n: number,
  edit: (rows: (string | number | null)[][], ws: ExcelJS.Worksheet) => void = () => {},
  title = true,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员名册');
  if (title) {
    ws.addRow(['幸福社区党员名册']);
    ws.mergeCells('A1:I1');
  }
  ws.addRow(HEADER);
  const rows: (string | number | null)[][] = Array.from({ length: n }, (_, i) => [
    `党员${i}`,
    i % 2 ? '男' : '女',
    idFor(`19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`, i % 1000, String(110101 + Math.floor(i / 1000))),
    i % 13 === 0 ? '预备党员' : '正式党员',
    `幸福社区第${['一', '二', '三'][i % 3]}党支部`,
    `20${10 + (i % 10)}-07-01`,
    i % 13 === 0 ? null : `20${11 + (i % 10)}-07-01`,
    `138${String(10000000 + i)}`,
    i % 5 === 0 ? `幸福路 ${i} 号院 ${i % 9} 号楼` : null,
  ]);
  edit(rows, ws);
  for (const r of rows) ws.addRow(r);
  const other = wb.addWorksheet('说明');
  other.addRow(['填表说明']);
  other.addRow(['公民身份号码请保持文本格式']);
  const file = path.join(tempDir(), 'register.xlsx');
  await wb.xlsx.writeFile(file);
  return fs.readFileSync(file);
}

describe('importing a large .xlsx row by row gives exactly what reading it whole gives', () => {
  it('the LibreOffice fixtures: title and notes above the header, a mangled ID, a hidden row, three sheets', () => {
    const ways = ['official.xlsx', 'sheets.xlsx', 'wps-like-register.xlsx', 'wps-like-zip-names.xlsx'].map((name) => bothWays([{ file: fixture(name), name }]).ways[0]);
    // The official layouts merge one 所在党支部 cell over two members: that goes back to reading whole.
    expect(ways).toEqual(['whole', 'streamed', 'whole', 'whole']);
    // Without the branches the official fixture names, both ways list them for creation and create them alike.
    expect(bothWays([{ file: fixture('official.xlsx'), name: 'official.xlsx' }], (s) => s.orgs.create({ name: '和平街道党工委', kind: 'streetCommittee', parentId: null })).ways).toEqual(['whole']);
  });

  it('the sheet the clerk picks, and columns the clerk maps by hand (remembered for next time)', async () => {
    const sheets = fixture('sheets.xlsx');
    const r = bothWays([0, 1, 2].map((sheetIndex) => ({ file: sheets, name: 'sheets.xlsx', options: { sheetIndex } })));
    expect(r.ways).toEqual(['refused', 'streamed', 'whole']);
    const file = await register(1200);
    const mapped = bothWays([
      { file, name: 'mapped.xlsx', options: { mapping: { '8': null, '7': 'phone' } } },
      { file, name: 'mapped.xlsx' },
    ]);
    expect(mapped.ways).toEqual(['streamed', 'streamed']);
    expect(mapped.state.mappings).toHaveLength(1);
    expect((mapped.out[0] as { columns: { field: string | null }[] }).columns.map((c) => c.field).slice(7)).toEqual(['phone', null]);
  });

  it('3,000 members imported, then again unchanged, then again with changes and errors, then a file that is not one', async () => {
    const first = await register(3000);
    const changed = await register(3000, (rows) => {
      rows[10]![8] = '新地址 1 号';
      rows[2999]![4] = '幸福社区第一党支部';
      rows[500]![5] = '2030-01-01'; // in the future: an error
      rows[501]![2] = 110105195001011234; // a number Excel mangled
      rows.splice(20, 0, [null, null, null, null, null, null, null, null, null]);
    });
    const r = bothWays([
      { file: first, name: 'a.xlsx' },
      { file: first, name: 'a.xlsx' },
      { file: changed, name: 'b.xlsx' },
      { file: fixture('truncated.xlsx'), name: 'truncated.xlsx' },
    ]);
    expect(r.ways).toEqual(['streamed', 'streamed', 'streamed', 'refused']);
    expect(r.out[1]).toMatchObject({ inserted: 3000, errors: [] });
    expect(r.out[3]).toMatchObject({ inserted: 0, unchanged: 3000 });
    expect(r.out[5]).toMatchObject({ updated: 2 });
    expect(new Set((r.out[5] as { errors: { row: number }[] }).errors.map((e) => e.row))).toEqual(new Set([504, 505]));
    expect(r.out[7]).toMatchObject({ error: expect.stringContaining('已损坏') });
    // The list's sort indexes were dropped for the 3,000 inserts and built again, as they were.
    expect(r.state.indexes.map((i) => i.name)).toEqual(expect.arrayContaining(['members_sort_name', 'members_sort_joined', 'members_sort_birth', 'members_sort_updated']));
  });

  it('takes its backup just before its first write: none when nothing changes, the register as it was when a late row does', async () => {
    const first = await register(3000);
    const late = await register(3000, (rows) => {
      rows[2999]![8] = '最后一行改了地址';
    });
    for (const threshold of [0, Number.POSITIVE_INFINITY]) {
      MemberImportService.streamFromBytes = threshold;
      const s = tempServices();
      tree(s);
      const backups = path.join(path.dirname(s.path), 'backups');
      const made = s.imports.commit(first, 'a.xlsx', { mode: 'valid', createBranches: [] });
      expect(made.inserted).toBe(3000);
      expect(made.backupFile).toMatch(/导入前-.*\.db$/);
      const again = s.imports.commit(first, 'a.xlsx', { mode: 'valid', createBranches: [] });
      expect({ unchanged: again.unchanged, backupFile: again.backupFile }).toEqual({ unchanged: 3000, backupFile: null });
      expect(fs.readdirSync(backups)).toEqual([path.basename(made.backupFile!)]);
      // 2,999 rows are found unchanged before the one that changes: the backup is taken then, and holds the
      // register as it was (taken through a second connection while the import holds the write lock).
      const before = s.db.prepare('SELECT count(*) AS n, max(address) AS a FROM members').get();
      const changed = s.imports.commit(late, 'b.xlsx', { mode: 'valid', createBranches: [] });
      expect(changed.updated).toBe(1);
      const copy = new Database(changed.backupFile!, { readonly: true });
      expect(copy.prepare('SELECT count(*) AS n, max(address) AS a FROM members').get()).toEqual(before);
      expect(copy.prepare("SELECT count(*) AS n FROM members WHERE address = '最后一行改了地址'").get()).toEqual({ n: 0 });
      copy.close();
      expect(s.db.prepare("SELECT count(*) AS n FROM members WHERE address = '最后一行改了地址'").get()).toEqual({ n: 1 });
      expect(s.db.prepare('SELECT backup_file FROM import_batches WHERE id = ?').pluck().get(again.batchId)).toBeNull();
    }
  });

  it('goes back to reading whole for an ID twice (both rows errors), a branch to create, merged cells among the data, a title merged wider than the rows read ahead', async () => {
    const twice = await register(2000, (rows) => {
      rows[1990]![2] = rows[3]![2]!;
    });
    const newBranch = await register(2000, (rows) => {
      rows[1500]![4] = '幸福社区第九党支部';
    });
    const merged = await register(2000, (_rows, ws) => {
      // The branch written once for three members, merged down (as printed registers do).
      ws.mergeCells('E700:E702');
    });
    const wide = await register(2000, (rows, ws) => {
      // The title merged across 12 columns; only row 1,800 (far below the rows read ahead) reaches that far.
      ws.unMergeCells('A1:I1');
      ws.mergeCells('A1:L1');
      rows[1797]!.push(null, null, '备注写在表外');
    });
    const r = bothWays([
      { file: twice, name: 'twice.xlsx' },
      { file: newBranch, name: 'new.xlsx', createBranches: 'auto' },
      { file: merged, name: 'merged.xlsx' },
      { file: wide, name: 'wide.xlsx' },
    ]);
    expect(r.ways).toEqual(['whole', 'whole', 'whole', 'whole']);
    expect(r.out[1]).toMatchObject({ inserted: 1998 });
    expect((r.out[1] as { errors: { row: number }[] }).errors.map((e) => e.row)).toEqual([6, 1993]);
    expect(r.out[3]).toMatchObject({ createdBranches: ['幸福社区第九党支部'] });
  });

  it('merged cells found among the data only after 6,000 rows were written: all of it undone, then read whole', async () => {
    // The header is the sheet's first row, without blanks: merged ranges are not looked for first.
    const file = await register(6000, (_rows, ws) => ws.mergeCells('E5990:E5992'), false);
    const r = bothWays([{ file, name: 'late.xlsx' }]);
    expect(r.ways).toEqual(['whole']);
    expect(r.out[1]).toMatchObject({ inserted: 6000, errors: [] });
    expect(r.state.indexes.map((i) => i.name)).toEqual(expect.arrayContaining(['members_sort_name', 'members_sort_joined', 'members_sort_birth', 'members_sort_updated']));
    // It did go row by row first: 5,000 rows checked (and written, the sort indexes dropped), then from the start.
    MemberImportService.streamFromBytes = 0;
    const s = tempServices();
    tree(s);
    const steps: string[] = [];
    s.imports.commit(file, 'late.xlsx', { mode: 'valid', createBranches: 'auto' }, (stage, done) => steps.push(`${stage} ${done}`));
    expect(steps.filter((x) => x === '读取文件 1')).toHaveLength(2);
    expect(steps.indexOf('检查数据 5000')).toBeLessThan(steps.lastIndexOf('读取文件 1'));
  });

  it('a failure after the sort indexes were dropped for a large import leaves them, and the register, as they were', async () => {
    const file = await register(6000);
    for (const threshold of [0, Number.POSITIVE_INFINITY]) {
      MemberImportService.streamFromBytes = threshold;
      const s = tempServices();
      tree(s);
      const before = state(s);
      expect(() =>
        s.imports.commit(file, 'big.xlsx', { mode: 'valid', createBranches: 'auto' }, (stage, done) => {
          if (stage === '检查数据' && done >= 5500) {
            // 5,000 rows in (more than the register held), the import had dropped them.
            expect(s.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'members_sort_%'").pluck().get()).toBe(0);
            throw new Error('power cut');
          }
        }),
      ).toThrow('power cut');
      expect(state(s)).toEqual(before);
      expect(s.imports.commit(file, 'big.xlsx', { mode: 'valid', createBranches: 'auto' }).inserted).toBe(6000);
      expect(state(s).indexes).toEqual(before.indexes);
    }
  });

  it('a two-row header with merged group cells, hidden rows and a second sheet still streams', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('党员名册');
    ws.addRow(['幸福社区党员名册']);
    ws.mergeCells('A1:H1');
    ws.addRow(['姓名', '公民身份号码', '人员类别', '所在党支部', '入党', '', '联系电话', '']);
    ws.addRow(['', '', '', '', '日期', '转正日期', '手机', '固定']);
    for (const c of ['A', 'B', 'C', 'D']) ws.mergeCells(`${c}2:${c}3`);
    ws.mergeCells('E2:F2');
    ws.mergeCells('G2:H2');
    for (let i = 0; i < 1500; i++) {
      const row = ws.addRow([`党员${i}`, idFor('1980-05-05', i % 1000, String(110101 + Math.floor(i / 1000))), '正式党员', '幸福社区第二党支部', '2005-07-01', '2006-07-01', `139${String(10000000 + i)}`, i % 4 ? null : '010-6123456']);
      if (i === 37 || i === 900) row.hidden = true;
    }
    wb.addWorksheet('说明').addRow(['填表说明']);
    const file = path.join(tempDir(), 'two-row.xlsx');
    await wb.xlsx.writeFile(file);
    const r = bothWays([{ file: fs.readFileSync(file), name: 'two-row.xlsx' }]);
    expect(r.ways).toEqual(['streamed']);
    const preview = r.out[0] as { headerRow: number; counts: { new: number }; columns: { header: string; field: string | null }[]; rows: { warnings: string[] }[] };
    expect(preview.headerRow).toBe(3);
    expect(preview.counts.new).toBe(1500);
    expect(preview.columns.map((c) => c.field)).toEqual(['name', 'idNumber', 'membershipKind', 'branch', 'joinedOn', 'confirmedOn', 'mobile', 'phone']);
    expect(preview.rows.filter((x) => x.warnings.join().includes('隐藏'))).toHaveLength(1); // the second is past the 200 shown
  });
});

describe('a re-import compares each row with the member as stored', () => {
  it('every field read back as it was saved: a file naming only some columns changes nothing else', async () => {
    const s = tempServices();
    tree(s);
    const branch = s.orgs.rows().find((o) => o.name === '幸福社区第二党支部')!;
    const id = idFor('1975-03-04', 21);
    const m = s.members.create(
      memberFixture({
        name: '周全',
        idNumber: id,
        sex: 'male',
        ethnicity: '回族',
        education: 'master',
        branchId: branch.id,
        joinedOn: '2001-07-01',
        confirmedOn: '2002-07-01',
        occupation: '教师',
        mobile: '13911112222',
        phone: '010-12345678',
        address: '幸福路 9 号',
        lostContact: true,
        lostContactSince: '2024-01-01',
        floating: true,
        floatingDirection: 'outflow',
        floatingDestination: '广州市天河区',
        tags: ['resident', 'retiredWorker'],
        specialties: '书法',
        note: '备注一行',
      }),
    );
    const file = async (rows: (string | null)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('名册');
      for (const r of rows) ws.addRow(r);
      const out = path.join(tempDir(), 'few.xlsx');
      await wb.xlsx.writeFile(out);
      return fs.readFileSync(out);
    };
    for (const threshold of [0, Number.POSITIVE_INFINITY]) {
      MemberImportService.streamFromBytes = threshold;
      const same = s.imports.commit(await file([['姓名', '公民身份号码', '人员类别'], ['周全', id, '正式党员']]), 'few.xlsx', { mode: 'valid', createBranches: [] });
      expect(same).toMatchObject({ unchanged: 1, updated: 0, errors: [] });
      const mobile = threshold ? '13900001111' : '13900003333';
      const changed = await file([['姓名', '公民身份号码', '人员类别', '手机号码'], ['周全', id, '正式党员', mobile]]);
      expect(s.imports.preview(changed, 'few.xlsx').rows.map((r) => [r.status, r.changedFields])).toEqual([['changed', ['mobile']]]);
      const before = s.members.get(m.id);
      expect(s.imports.commit(changed, 'few.xlsx', { mode: 'valid', createBranches: [] })).toMatchObject({ updated: 1, errors: [] });
      // Written back: the mobile changed, every other field exactly as it was.
      const after = s.members.get(m.id);
      expect({ ...after, updatedAt: null, version: null }).toEqual({ ...before, mobile, updatedAt: null, version: null });
      expect(s.audit.forEntity('member', m.id)[0]!.changes).toEqual([{ field: 'mobile', old: before.mobile, new: mobile }]);
    }
    expect(s.members.get(m.id)).toMatchObject({ ...m, mobile: '13900001111', updatedAt: expect.any(String), version: expect.any(Number) });
  });
});
