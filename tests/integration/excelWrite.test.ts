import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { COLUMNS, COLUMN_HINTS } from '../../shared/import/columns';
import { BRANCH_KINDS, ETHNICITIES } from '../../shared/domain/labels';
import type { Member } from '../../shared/contract';
import { writeTemplate } from '../../electron/excel/write/template';
import { exportMembers } from '../../electron/excel/write/export';
import { writeAnnotatedErrors } from '../../electron/excel/write/annotate';
import { columnLetter } from '../../electron/excel/types';
import { idCheckChar } from '../../shared/rules/idNumber';

// Only the database test needs the services (helpers.ts); the writers are tested on their own.
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-xlsx-'));
  dirs.push(dir);
  return dir;
}
function idFor(birth: string, seq: number, region = '110105'): string {
  const first17 = `${region}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

const col = (field: (typeof COLUMNS)[number]['field']) => {
  const i = COLUMNS.findIndex((c) => c.field === field);
  if (i < 0) throw new Error(field);
  return { index: i, letter: columnLetter(i), number: i + 1 };
};

async function read(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function rowValues(ws: ExcelJS.Worksheet, r: number, width = COLUMNS.length): unknown[] {
  const row = ws.getRow(r);
  return Array.from({ length: width }, (_, i) => row.getCell(i + 1).value);
}

/** Resolves a validation's formula to its values: an inline "a,b" list or a range on the hidden sheet. */
function listValues(wb: ExcelJS.Workbook, formula: string): string[] {
  if (formula.startsWith('"')) return formula.slice(1, -1).split(',');
  const m = /^'?([^'!]+)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(formula);
  if (!m) throw new Error(`unexpected formula ${formula}`);
  const ws = wb.getWorksheet(m[1]!)!;
  const out: string[] = [];
  for (let r = Number(m[3]); r <= Number(m[5]); r++) out.push(String(ws.getCell(`${m[2]}${r}`).value));
  return out;
}

function checkLayout(wb: ExcelJS.Workbook) {
  const ws = wb.getWorksheet('党员信息')!;
  expect(ws).toBeDefined();
  expect(rowValues(ws, 1)).toEqual(COLUMNS.map((c) => c.header));
  expect(rowValues(ws, 2)).toEqual(COLUMNS.map((c) => COLUMN_HINTS[c.field] ?? null));
  expect(ws.getCell('A1').font?.bold).toBe(true);
  expect(ws.getCell(`${col('idNumber').letter}1`).font?.color?.argb).toBe('FFC00000');
  expect(ws.getCell(`${col('sex').letter}1`).font?.color).toBeUndefined();
  expect(ws.getCell('A2').font?.italic).toBe(true);
  const view = ws.views[0];
  expect(view?.state).toBe('frozen');
  expect((view as ExcelJS.WorksheetViewFrozen).ySplit).toBe(2);
  COLUMNS.forEach((c, i) => expect(ws.getColumn(i + 1).width).toBe(c.width));
  expect(ws.pageSetup.orientation).toBe('landscape');
  expect(ws.pageSetup.paperSize).toBe(9);
  expect(ws.pageSetup.fitToWidth).toBe(1);
  expect(ws.pageSetup.printTitlesRow).toBe('1:2');
  return ws;
}

describe('import template', () => {
  it('has the official headers, the instructions row, text ID column, date formats and drop-downs', async () => {
    const out = path.join(tempDir(), 'template.xlsx');
    const branchNames = Array.from({ length: 40 }, (_, i) => `幸福社区第${i + 1}党支部`).concat(['和平里社区党委离退休党支部，老干部']);
    await writeTemplate(out, { branchNames });
    const wb = await read(out);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['党员信息', 'visible'],
      ['填写说明', 'visible'],
      ['选项', 'hidden'],
    ]);
    const ws = checkLayout(wb);
    expect((ws.views[0] as ExcelJS.WorksheetViewFrozen).xSplit).toBe(1);

    const id = col('idNumber');
    expect(ws.getColumn(id.number).numFmt).toBe('@');
    for (const r of [3, 100, 2002]) expect(ws.getCell(`${id.letter}${r}`).numFmt).toBe('@');
    for (const f of ['birthDate', 'joinedOn', 'confirmedOn', 'lostContactSince'] as const) {
      expect(ws.getCell(`${col(f).letter}3`).numFmt).toBe('yyyy-mm-dd');
      expect(ws.getColumn(col(f).number).numFmt).toBe('yyyy-mm-dd');
    }
    // No data in the pre-formatted rows.
    expect(ws.getCell(`A3`).value).toBeNull();

    const expectList = (field: Parameters<typeof col>[0], values: readonly string[], style = 'stop') => {
      for (const r of [3, 2002]) {
        const dv = ws.getCell(`${col(field).letter}${r}`).dataValidation;
        expect(dv?.type, field).toBe('list');
        expect(listValues(wb, String(dv.formulae[0])), field).toEqual(values);
        expect(dv.showErrorMessage).toBe(true);
        expect(dv.error).toMatch(/[\u4e00-\u9fa5]/);
        expect(dv.errorStyle ?? 'stop').toBe(style);
      }
    };
    expectList('sex', ['男', '女']);
    expectList('ethnicity', [...ETHNICITIES]);
    expectList('education', ['博士研究生', '硕士研究生', '大学本科', '大学专科', '中等专科', '高中', '初中', '小学及以下']);
    expectList('membershipKind', ['正式党员', '预备党员']);
    expectList('branch', branchNames, 'warning');
    expectList('standing', ['正常', '停止党籍']);
    expectList('lostContact', ['是', '否']);
    expectList('floating', ['是', '否']);
    expectList('floatingDirection', ['流出', '流入']);
    // The branch list is long: it sits on the hidden sheet.
    expect(String(ws.getCell(`${col('branch').letter}3`).dataValidation.formulae[0])).toMatch(/^'选项'!\$[A-Z]+\$2:\$[A-Z]+\$42$/);
    // 分类 takes several values: a prompt and a note, no strict list.
    const tags = ws.getCell(`${col('tags').letter}3`).dataValidation;
    expect(tags?.type).toBe('any');
    expect(tags?.prompt).toContain('退休职工党员');
    const note = ws.getCell(`${col('tags').letter}1`).note;
    expect(typeof note === 'string' ? note : JSON.stringify(note)).toContain('居民党员');
    expect(ws.getCell(`${col('name').letter}3`).dataValidation).toBeUndefined();
    expect(ws.getCell(`${col('sex').letter}2003`).dataValidation).toBeUndefined();

    const guide = wb.getWorksheet('填写说明')!;
    const guideText: string[] = [];
    guide.eachRow((row) => row.eachCell((c) => guideText.push(String(c.value))));
    for (const c of COLUMNS) expect(guideText).toContain(c.header);
    expect(guideText.join('\n')).toContain('文本');
  });

  it('works with no branches yet (no branch drop-down)', async () => {
    const out = path.join(tempDir(), 'template.xlsx');
    await writeTemplate(out, { branchNames: [] });
    const wb = await read(out);
    const ws = checkLayout(wb);
    expect(ws.getCell(`${col('branch').letter}3`).dataValidation).toBeUndefined();
    expect(ws.getCell(`${col('sex').letter}3`).dataValidation?.type).toBe('list');
  });
});

function member(over: Partial<Member>): Member {
  return {
    id: 1, name: '张三', sex: 'male', ethnicity: '汉族', idNumber: idFor('1980-01-01', 123), idStatus: 'valid',
    idOverrideReason: null, birthDate: '1980-01-01', education: 'bachelor', membershipKind: 'full', branchId: 3,
    branchName: '第一党支部', joinedOn: '2003-07-01', confirmedOn: '2004-07-01', occupation: '事业单位管理人员',
    mobile: '13812345678', phone: null, address: '和平路1号', standing: 'normal', lostContact: false, lostContactSince: null,
    floating: false, floatingDirection: null, floatingDestination: null, tags: ['resident'], specialties: null, note: null,
    leftOn: null, leftReason: null, leftNote: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', version: 1,
    ...over,
  };
}

describe('export', () => {
  it('writes the template layout with labels, text ID numbers and date cells', async () => {
    const out = path.join(tempDir(), 'export.xlsx');
    const members = [
      member({}),
      member({
        id: 2, name: '李四', sex: 'female', ethnicity: '回族', idNumber: '11010519900202002X', birthDate: '1990-02-02',
        education: null, membershipKind: 'probationary', branchName: '离退休党支部', confirmedOn: null, mobile: null,
        phone: '010-88886666', standing: 'suspended', lostContact: true, lostContactSince: '2024-03-05', floating: true,
        floatingDirection: 'outflow', floatingDestination: '广东省深圳市', tags: ['retiredWorker', 'floating', 'inService'],
        specialties: '书法', note: '备注 1', idStatus: 'override', idOverrideReason: '证件核对无误',
      }),
      member({ id: 3, name: '王五', sex: null, idNumber: '110105********123X', birthDate: null, joinedOn: null, tags: [], branchName: null }),
    ];
    async function* gen() {
      for (const m of members) yield m;
    }
    const { rows } = await exportMembers(out, gen(), { title: '阳光社区党员名册' });
    expect(rows).toBe(3);
    const wb = await read(out);
    const ws = checkLayout(wb);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['党员信息', 'visible'],
      ['选项', 'hidden'],
    ]);
    const d = (s: string) => new Date(`${s}T00:00:00Z`);
    const byField = (r: number) => Object.fromEntries(COLUMNS.map((c, i) => [c.field, ws.getRow(r).getCell(i + 1).value ?? null]));
    expect(byField(3)).toEqual({
      name: '张三', sex: '男', ethnicity: '汉族', idNumber: idFor('1980-01-01', 123), birthDate: d('1980-01-01'),
      education: '大学本科', membershipKind: '正式党员', branch: '第一党支部', joinedOn: d('2003-07-01'),
      confirmedOn: d('2004-07-01'), occupation: '事业单位管理人员', mobile: '13812345678', phone: null, address: '和平路1号',
      standing: '正常', lostContact: '否', lostContactSince: null, floating: '否', floatingDirection: null,
      floatingDestination: null, tags: '居民党员', specialties: null, note: null, idOverrideReason: null,
    });
    expect(byField(4)).toMatchObject({
      name: '李四', sex: '女', ethnicity: '回族', idNumber: '11010519900202002X', education: null, membershipKind: '预备党员',
      branch: '离退休党支部', confirmedOn: null, mobile: null, phone: '010-88886666', standing: '停止党籍', lostContact: '是',
      lostContactSince: d('2024-03-05'), floating: '是', floatingDirection: '流出', floatingDestination: '广东省深圳市',
      tags: '退休职工党员、在职党员（双报到）', specialties: '书法', note: '备注 1', idOverrideReason: '证件核对无误',
    });
    // Masked or not, the ID number is written as given, as text.
    expect(byField(5)).toMatchObject({ idNumber: '110105********123X', sex: null, birthDate: null, tags: null, branch: null });
    const id = col('idNumber');
    for (const r of [3, 4, 5]) {
      expect(typeof ws.getCell(`${id.letter}${r}`).value).toBe('string');
      expect(ws.getCell(`${id.letter}${r}`).numFmt).toBe('@');
    }
    expect(ws.getColumn(id.number).numFmt).toBe('@');
    expect(ws.getCell(`${col('birthDate').letter}3`).numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell(`${col('membershipKind').letter}3`).dataValidation?.type).toBe('list');
    const branchDv = ws.getCell(`${col('branch').letter}3`).dataValidation;
    expect(listValues(wb, String(branchDv.formulae[0]))).toEqual(['第一党支部', '离退休党支部']);
    expect(ws.headerFooter.oddHeader).toContain('阳光社区党员名册');
  });

  it('exports members read from the database (a sync iterable), full fields', async () => {
    const { tempServices, smallTree, memberFixture } = await import('./helpers');
    const s = tempServices();
    const { b1, b2 } = smallTree(s);
    const a = s.members.create(memberFixture({ branchId: b1.id }));
    const b = s.members.create(
      memberFixture({ name: '赵六', idNumber: idFor('1975-05-05', 22), branchId: b2.id, tags: ['laidOff'], floating: true, floatingDirection: 'inflow', floatingDestination: '本市' }),
    );
    const branchNames = s.orgs.rows().filter((o) => BRANCH_KINDS.includes(o.kind)).map((o) => o.name);
    const out = path.join(tempDir(), 'db.xlsx');
    const { rows } = await exportMembers(out, [s.members.get(a.id), s.members.get(b.id)], { branchNames });
    expect(rows).toBe(2);
    const ws = (await read(out)).getWorksheet('党员信息')!;
    expect(ws.getCell(`A3`).value).toBe('张三');
    expect(ws.getCell(`${col('sex').letter}3`).value).toBe('男'); // derived from the ID by the service
    expect(ws.getCell(`${col('birthDate').letter}3`).value).toEqual(new Date('1980-01-01T00:00:00Z'));
    expect(ws.getCell(`${col('branch').letter}4`).value).toBe('第二党支部');
    expect(ws.getCell(`${col('tags').letter}4`).value).toBe('下岗失业党员');
    expect(ws.getCell(`${col('floatingDirection').letter}4`).value).toBe('流入');
    expect(ws.getCell(`${col('idNumber').letter}4`).value).toBe(idFor('1975-05-05', 22));
    expect(ws.getCell('A5').value).toBeNull();
  });

  it('writes an empty register as headers and instructions only', async () => {
    const out = path.join(tempDir(), 'empty.xlsx');
    expect(await exportMembers(out, [], {})).toEqual({ rows: 0 });
    const ws = checkLayout(await read(out));
    expect(ws.getCell('A3').value).toBeNull();
  });
});

describe('annotated errors', () => {
  it('keeps the clerk\'s columns, marks the bad cells and explains each row', async () => {
    const out = path.join(tempDir(), 'errors.xlsx');
    const headers = ['序号', '姓名', '身份证号', '入党时间', '所在支部'];
    await writeAnnotatedErrors(out, {
      headers,
      rows: [
        {
          row: 7,
          cells: [5, '张三', 110105198001011230, { date: '2003-07-01' }, '第一党支部'],
          issues: [{ columnIndex: 2, message: '公民身份号码被存成了数字，末位已丢失，请把该列设为文本后重新填写' }],
        },
        {
          row: 12,
          cells: [9, '李四', '11010519900202002X', '2003.13.01', null],
          issues: [
            { columnIndex: 4, message: '请填写所在党支部' },
            { columnIndex: 3, message: '日期不正确' },
            { columnIndex: -1, message: '与第 7 行的公民身份号码重复' },
          ],
        },
      ],
    });
    const wb = await read(out);
    const ws = wb.worksheets[0]!;
    expect(rowValues(ws, 1, 7)).toEqual([...headers, '错误说明', '原行号']);
    expect((ws.views[0] as ExcelJS.WorksheetViewFrozen).ySplit).toBe(1);
    expect(ws.getCell('B2').value).toBe('张三');
    expect(ws.getCell('A2').value).toBe(5);
    // As Excel shows a number: 15 significant digits, the lost ones as zeros.
    expect(ws.getCell('C2').value).toBe('110105198001011000');
    expect(ws.getCell('C2').numFmt).toBe('@');
    expect(ws.getCell('C3').value).toBe('11010519900202002X');
    expect(ws.getColumn(3).numFmt).toBe('@');
    expect(ws.getCell('D2').value).toEqual(new Date('2003-07-01T00:00:00Z'));
    expect(ws.getCell('D2').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('F2').value).toBe('C 列（身份证号）：公民身份号码被存成了数字，末位已丢失，请把该列设为文本后重新填写');
    expect(ws.getCell('F3').value).toBe('与第 7 行的公民身份号码重复；D 列（入党时间）：日期不正确；E 列（所在支部）：请填写所在党支部');
    expect(ws.getCell('G2').value).toBe(7);
    expect(ws.getCell('G3').value).toBe(12);

    const red = (addr: string) => (ws.getCell(addr).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    const noteOf = (addr: string) => {
      const n = ws.getCell(addr).note;
      return typeof n === 'string' ? n : n?.texts?.map((t) => t.text).join('');
    };
    expect(red('C2')).toBe('FFFFC7CE');
    expect(noteOf('C2')).toContain('末位已丢失');
    expect(red('D3')).toBe('FFFFC7CE');
    expect(noteOf('D3')).toBe('日期不正确');
    expect(red('E3')).toBe('FFFFC7CE'); // blank but marked
    expect(noteOf('E3')).toBe('请填写所在党支部');
    expect(red('B2')).toBeUndefined();
    expect(noteOf('B2')).toBeUndefined();
    expect(ws.getCell('D3').value).toBe('2003.13.01');
  });
});
