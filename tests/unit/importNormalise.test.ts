import { describe, expect, it } from 'vitest';
import type { CellValue, SheetRow } from '../../electron/excel/types';
import type { Workbook } from '../../electron/excel/types';
import type { DetectedTable, NormalisedRow } from '../../electron/members/import/types';
import { detectTable } from '../../electron/members/import/header';
import {
  EXCEL_MANGLED_ID,
  excelSerialToIso,
  isDataRow,
  normaliseRow,
  parseDateCell,
  parseIdCell,
} from '../../electron/members/import/normalise';
import { COLUMNS, type ImportField } from '../../shared/import/columns';

/** A table with the given headers on row 1, fields as given (null = unmapped). */
function table(cols: [string, ImportField | null][]): DetectedTable {
  return {
    sheetIndex: 0,
    sheetName: 'S',
    headerRow: 1,
    columns: cols.map(([header, field], index) => ({ index, header, field })),
    signature: cols.map(([h]) => h).join('|'),
    missing: [],
  };
}
const OFFICIAL = table(COLUMNS.map((c) => [c.header, c.field]));
const col = (f: ImportField) => COLUMNS.findIndex((c) => c.field === f);

/** A row of the official layout with the given fields filled. */
function row(values: Partial<Record<ImportField, CellValue>>, n = 5, hidden = false): SheetRow {
  const cells: CellValue[] = COLUMNS.map(() => null);
  for (const [f, v] of Object.entries(values)) cells[col(f as ImportField)] = v as CellValue;
  return { row: n, hidden, cells };
}
const BASE = { name: '张三', idNumber: '11010519491231002X', membershipKind: '正式党员' } as const;
const norm = (values: Partial<Record<ImportField, CellValue>>) => normaliseRow(row({ ...BASE, ...values }), OFFICIAL);
/** One field through the official layout: its value, or the issue's message. */
function one(field: ImportField, v: CellValue): unknown {
  const r = norm({ [field]: v });
  const issue = r.issues.find((i) => i.columnIndex === col(field));
  return issue ? { issue: issue.message } : (r.member as Record<string, unknown>)[field];
}

describe('normaliseRow: the whole row', () => {
  it('outputs the form’s input shape for every column of the official layout (blank → null, defaults for yes/no, 正常)', () => {
    const r = norm({});
    expect(r.member).toEqual({
      name: '张三',
      sex: null,
      ethnicity: null,
      idNumber: '11010519491231002X',
      birthDate: null,
      education: null,
      membershipKind: 'full',
      joinedOn: null,
      confirmedOn: null,
      occupation: null,
      mobile: null,
      phone: null,
      address: null,
      standing: 'normal',
      lostContact: false,
      lostContactSince: null,
      floating: false,
      floatingDirection: null,
      floatingDestination: null,
      tags: [],
      specialties: null,
      note: null,
      idOverrideReason: null,
    });
    expect(r.branchName).toBeNull();
    expect(r.issues).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.suggestedTags).toEqual([]);
    expect(r.row).toBe(5);
  });

  it('leaves out the fields the file has no column for', () => {
    const t = table([['序号', null], ['姓名', 'name'], ['身份证号', 'idNumber'], ['支部', 'branch']]);
    const r = normaliseRow({ row: 7, hidden: false, cells: [1, ' 李 四 ', '11010519491231002X', ' 幸福社区 第１党支部 '] }, t);
    expect(r.member).toEqual({ name: '李四', idNumber: '11010519491231002X' });
    expect(r.branchName).toBe('幸福社区第1党支部');
  });

  it('tidies text: spaces between Chinese characters of a name, collapsed whitespace elsewhere, numbers as integers', () => {
    const r = norm({ name: '王　 五', address: '  幸福路   12号\n3单元  ', occupation: '离退休人员', specialties: 2024, note: ' 第一行\r\n第二行 ' });
    expect(r.member.name).toBe('王五');
    expect(r.member.address).toBe('幸福路 12号 3单元');
    expect(r.member.specialties).toBe('2024');
    expect(r.member.note).toBe('第一行\n第二行');
  });

  it('warns about a hidden row and still reads it', () => {
    const r = normaliseRow(row(BASE, 9, true), OFFICIAL);
    expect(r.hidden).toBe(true);
    expect(r.warnings).toEqual(['第 9 行在表格中是隐藏的，已一并读入']);
    expect(r.member.name).toBe('张三');
  });

  it('describes each problem as the clerk will find it: row, column letter and header, the value, a Chinese message', () => {
    const r = norm({ joinedOn: '去年七月', sex: '未知' });
    expect(r.issues).toEqual([
      { row: 5, columnIndex: 1, column: 'B 列（性别）', value: '未知', message: '无法识别“未知”，性别只能填：男、女（可不填，按公民身份号码自动填写）' },
      { row: 5, columnIndex: 8, column: 'I 列（加入党组织日期）', value: '去年七月', message: '无法识别的日期“去年七月”，请写成 2003-07-01 这样的格式' },
    ]);
    expect('joinedOn' in r.member).toBe(false);
    expect('sex' in r.member).toBe(false);
  });
});

describe('公民身份号码 cells', () => {
  it('fixes lower-case x, full-width digits and spaces silently', () => {
    expect(one('idNumber', '11010519491231002x')).toBe('11010519491231002X');
    expect(one('idNumber', '１１０１０５１９４９１２３１００２Ｘ')).toBe('11010519491231002X');
    expect(one('idNumber', ' 110105 19491231 002X ')).toBe('11010519491231002X');
    expect(one('idNumber', "'11010519491231002X")).toBe('11010519491231002X');
    expect(one('idNumber', '="11010519491231002X"')).toBe('11010519491231002X');
  });

  it('keeps a legacy 15-digit number Excel stored as a number, as text', () => {
    expect(one('idNumber', 110105491231002)).toBe('110105491231002');
  });

  it('an 18-digit number Excel stored as a number has lost its last digits: an error telling the clerk to use 文本', () => {
    const r = norm({ idNumber: 110105194912310020 });
    expect(r.issues).toEqual([
      { row: 5, columnIndex: 3, column: 'D 列（公民身份号码）', value: '110105194912310000', message: EXCEL_MANGLED_ID },
    ]);
    expect('idNumber' in r.member).toBe(false);
    expect(EXCEL_MANGLED_ID).toContain('“文本”格式');
    expect(EXCEL_MANGLED_ID).toContain('Excel');
  });

  it('the same for scientific notation, as a number or as text', () => {
    const n = norm({ idNumber: 1.10105e17 });
    expect(n.issues[0]).toMatchObject({ value: '110105000000000000', message: EXCEL_MANGLED_ID });
    for (const s of ['1.10105E+17', '1.10105e17', '1.10105E17', '１.１０１０５Ｅ＋１７']) {
      expect(one('idNumber', s), s).toEqual({ issue: EXCEL_MANGLED_ID });
    }
    expect(parseIdCell(1.5e16)).toEqual({ ok: false, message: EXCEL_MANGLED_ID });
  });

  it('a blank ID stays an empty string (the rules say 请填写公民身份号码)', () => {
    expect(one('idNumber', null)).toBe('');
  });
});

describe('date cells', () => {
  it('takes date cells as they are', () => {
    expect(one('joinedOn', { date: '2003-07-01' })).toBe('2003-07-01');
  });

  it('reads Excel serial numbers of the 1900 system, around the phantom 1900-02-29', () => {
    expect(one('joinedOn', 37803)).toBe('2003-07-01');
    expect(one('birthDate', 36526)).toBe('2000-01-01');
    expect(one('birthDate', 45658)).toBe('2025-01-01');
    expect(one('birthDate', 37803.75)).toBe('2003-07-01'); // a time of day is dropped
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(60)).toBeNull();
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(2958465)).toBe('9999-12-31');
    expect(excelSerialToIso(2958466)).toBeNull();
    expect(one('birthDate', 60)).toEqual({ issue: '1900 年没有 2 月 29 日，请核对日期' });
  });

  it('reads yyyymmdd and yyyymm numbers as dates, not serials', () => {
    expect(one('joinedOn', 20030701)).toBe('2003-07-01');
    expect(one('joinedOn', 200307)).toBe('2003-07-01');
    expect(one('joinedOn', 20030231)).toEqual({ issue: '“20030231”不是存在的日期，请核对年、月、日' });
  });

  it('reads the clerks’ text spellings', () => {
    const cases: [string, string][] = [
      ['2003-07-01', '2003-07-01'],
      ['2003/7/1', '2003-07-01'],
      ['2003.07.01', '2003-07-01'],
      ['2003.7.1', '2003-07-01'],
      ['2003年7月1日', '2003-07-01'],
      ['2003年07月01日', '2003-07-01'],
      ['20030701', '2003-07-01'],
      ['２００３年７月１日', '2003-07-01'],
      ['２００３．０７．０１', '2003-07-01'],
      ['2003/7/1 0:00:00', '2003-07-01'],
      ['2003-07-01 00:00', '2003-07-01'],
      [' 1949-10-1 ', '1949-10-01'],
    ];
    for (const [text, iso] of cases) expect(one('joinedOn', text), text).toBe(iso);
  });

  it('year and month only: the 1st, with a warning that the day was not given', () => {
    for (const text of ['2003年07月', '2003-7', '200307', '2003.07', '2003年7月', '２００３．０７']) {
      const r = norm({ joinedOn: text });
      expect(r.member.joinedOn, text).toBe('2003-07-01');
      expect(r.warnings, text).toEqual([`第 5 行 I 列（加入党组织日期）：只写了年月“${text}”，没有写日，已按 2003-07-01 记录，请核对`]);
    }
    const n = norm({ confirmedOn: 2004.07 }); // "2004.07" typed into a General cell becomes a number
    expect(n.member.confirmedOn).toBe('2004-07-01');
    expect(n.warnings).toHaveLength(1);
  });

  it('refuses what it cannot read, with the format to use', () => {
    expect(one('joinedOn', '七月一日')).toEqual({ issue: '无法识别的日期“七月一日”，请写成 2003-07-01 这样的格式' });
    expect(one('joinedOn', '2003-02-30')).toEqual({ issue: '“2003-02-30”不是存在的日期，请核对年、月、日' });
    expect(one('joinedOn', '2003-13-01')).toEqual({ issue: '“2003-13-01”不是存在的日期，请核对年、月、日' });
    expect(one('joinedOn', '03-07-01')).toEqual({ issue: '无法识别的日期“03-07-01”，请写成 2003-07-01 这样的格式' });
    expect(one('joinedOn', 2003)).toEqual({ issue: '日期“2003”只有年份，请写出完整日期，如 2003-07-01' });
    expect(one('joinedOn', 2003.1)).toEqual({
      issue: '日期“2003.1”说不清是 2003 年 1 月还是 10 月（Excel 会把 2003.10 变成 2003.1），请写成 2003-10-01 这样的格式',
    });
    expect(one('joinedOn', true)).toEqual({ issue: '无法识别的日期“TRUE”，请写成 2003-07-01 这样的格式' });
    expect(parseDateCell('1850-01-01')).toEqual({ ok: false, message: '日期“1850-01-01”的年份不对，请写成 2003-07-01 这样的格式' });
  });

  it('accepts a real 29 February and blank', () => {
    expect(one('birthDate', '2000-02-29')).toBe('2000-02-29');
    expect(one('birthDate', '1900-02-29')).toEqual({ issue: '“1900-02-29”不是存在的日期，请核对年、月、日' });
    expect(one('birthDate', '  ')).toBeNull();
  });
});

describe('coded cells', () => {
  it('人员类别: labels, short forms, codes with prefixes; blank is an error', () => {
    expect(one('membershipKind', '223_正式党员')).toBe('full');
    expect(one('membershipKind', '正式')).toBe('full');
    expect(one('membershipKind', '预备')).toBe('probationary');
    expect(one('membershipKind', '预备党员')).toBe('probationary');
    expect(one('membershipKind', '2-预备党员')).toBe('probationary');
    expect(one('membershipKind', '01 中共党员')).toBe('full'); // a 政治面貌 column, GB/T 4762 codes
    expect(one('membershipKind', '中共预备党员')).toBe('probationary');
    expect(one('membershipKind', null)).toEqual({ issue: '请填写人员类别：正式党员、预备党员' });
    expect(one('membershipKind', '党员')).toEqual({ issue: '无法识别“党员”，人员类别只能填：正式党员、预备党员' });
  });

  it('性别: 男/女, 男性, codes 1/2 (GB/T 2261.1), "1-男", M/F; blank stays null for the rules to fill from the ID', () => {
    expect(one('sex', '男')).toBe('male');
    expect(one('sex', '女性')).toBe('female');
    expect(one('sex', '1-男')).toBe('male');
    expect(one('sex', '2_女')).toBe('female');
    expect(one('sex', 1)).toBe('male');
    expect(one('sex', 'M')).toBe('male');
    expect(one('sex', 'f')).toBe('female');
    expect(one('sex', '')).toBeNull();
  });

  it('民族: with or without 族, codes of GB 3304 with or without the leading zero', () => {
    expect(one('ethnicity', '汉族')).toBe('汉族');
    expect(one('ethnicity', '汉')).toBe('汉族');
    expect(one('ethnicity', '01 汉族')).toBe('汉族');
    expect(one('ethnicity', '01')).toBe('汉族');
    expect(one('ethnicity', 1)).toBe('汉族');
    expect(one('ethnicity', 3)).toBe('回族');
    expect(one('ethnicity', '蒙古')).toBe('蒙古族');
    expect(one('ethnicity', '维族')).toBe('维吾尔族');
    expect(one('ethnicity', '火星族')).toEqual({ issue: '无法识别的民族“火星族”，请填写民族全称，如：汉族、回族、满族、蒙古族' });
  });

  it('学历: the labels and the common variants', () => {
    const cases: [string, string][] = [
      ['博士研究生', 'doctorate'], ['博士', 'doctorate'], ['研究生', 'master'], ['硕士', 'master'], ['硕士研究生', 'master'],
      ['本科', 'bachelor'], ['大学', 'bachelor'], ['大学本科', 'bachelor'], ['大专', 'college'], ['专科', 'college'],
      ['大学专科', 'college'], ['中专', 'secondaryVocational'], ['中技', 'secondaryVocational'], ['技校', 'secondaryVocational'],
      ['中等专科', 'secondaryVocational'], ['高中', 'highSchool'], ['职高', 'highSchool'], ['初中', 'juniorHigh'],
      ['小学', 'primary'], ['文盲', 'primary'], ['小学及以下', 'primary'], ['党校大专', 'college'], ['函授本科', 'bachelor'],
      ['在职研究生', 'master'], ['本科毕业', 'bachelor'], ['21_大学本科', 'bachelor'],
    ];
    for (const [text, code] of cases) expect(one('education', text), text).toBe(code);
    expect(one('education', '幼儿园')).toEqual({
      issue: '无法识别的学历“幼儿园”，可填：博士研究生、硕士研究生、大学本科、大学专科、中等专科、高中、初中、小学及以下',
    });
  });

  it('党籍状态: blank is 正常', () => {
    expect(one('standing', null)).toBe('normal');
    expect(one('standing', '正常')).toBe('normal');
    expect(one('standing', '停止党籍')).toBe('suspended');
    expect(one('standing', '开除')).toEqual({ issue: '无法识别“开除”，党籍状态只能填：正常、停止党籍（不填即为正常）' });
  });

  it('流动方向: 流出/流入', () => {
    expect(one('floatingDirection', '流出')).toBe('outflow');
    expect(one('floatingDirection', '流入党员')).toBe('inflow');
    expect(one('floatingDirection', '北上')).toEqual({ issue: '无法识别“北上”，流动方向只能填：流出、流入' });
  });
});

describe('yes/no cells', () => {
  it('reads 是/否 and their stand-ins; blank is 否', () => {
    for (const v of ['是', 'Y', 'yes', '√', '1', 'TRUE', true, 1] as CellValue[]) expect(one('lostContact', v), String(v)).toBe(true);
    for (const v of ['否', 'N', 'no', '×', '0', 'false', false, 0, null, ''] as CellValue[]) expect(one('lostContact', v), String(v)).toBe(false);
    expect(one('floating', '也许')).toEqual({ issue: '无法识别“也许”，请填写“是”或“否”' });
  });

  it('“流出” written in 是否为流动党员 means yes, and gives the direction', () => {
    const r = norm({ floating: '流出', floatingDestination: '广东省深圳市' });
    expect(r.member.floating).toBe(true);
    expect(r.member.floatingDirection).toBe('outflow');
    expect(r.issues).toEqual([]);
  });
});

describe('分类 cells', () => {
  it('splits on 、，,;；/ and spaces and accepts labels, short forms and variants', () => {
    expect(one('tags', '居民党员、退休职工党员')).toEqual(['resident', 'retiredWorker']);
    expect(one('tags', '居民，退休')).toEqual(['resident', 'retiredWorker']);
    expect(one('tags', '离休; 在职')).toEqual(['retiredCadre', 'inService']);
    expect(one('tags', '下岗（失业）职工党员')).toEqual(['laidOff']);
    expect(one('tags', '下岗/失业')).toEqual(['laidOff']);
    expect(one('tags', '与企业解除劳动合同的党员 双报到')).toEqual(['contractEnded', 'inService']);
    expect(one('tags', '在职党员（双报到）')).toEqual(['inService']);
  });

  it('drops 流动党员 without an error: it follows 是否为流动党员', () => {
    const r = norm({ tags: '流动党员、居民', floating: '是' });
    expect(r.member.tags).toEqual(['resident']);
    expect(r.issues).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('an unknown classification is an error listing the allowed ones', () => {
    expect(one('tags', '居民、困难党员')).toEqual({
      issue: '无法识别的分类“困难党员”，可填：居民党员、退休职工党员、解除劳动合同党员、下岗失业党员、离休干部党员、在职党员（双报到）；多个分类用顿号分隔',
    });
  });

  it('suggests classifications from 工作岗位 when the file has no 分类 column', () => {
    const t = table([['姓名', 'name'], ['身份证号', 'idNumber'], ['工作岗位', 'occupation'], ['是否流动党员', 'floating']]);
    const r = normaliseRow({ row: 3, hidden: false, cells: ['张三', '11010519491231002X', '离退休人员', '是'] }, t);
    expect(r.suggestedTags).toEqual(['retiredWorker']);
    expect(r.member.floating).toBe(true);
    const cadre = normaliseRow({ row: 4, hidden: false, cells: ['李四', '11010519491231002X', '离休干部', '否'] }, t);
    expect(cadre.suggestedTags).toEqual(['retiredCadre']);
    // With a 分类 column the file's classification stands.
    expect(norm({ occupation: '离退休人员' }).suggestedTags).toEqual([]);
  });

  it('warns when a 流动党员 classification cannot be kept because the file has no 是否为流动党员 column', () => {
    const t = table([['姓名', 'name'], ['身份证号', 'idNumber'], ['分类', 'tags']]);
    const r = normaliseRow({ row: 3, hidden: false, cells: ['张三', '11010519491231002X', '流动党员'] }, t);
    expect(r.member.tags).toEqual([]);
    expect(r.warnings).toEqual([
      '第 3 行 C 列（分类）：“流动党员”由“是否为流动党员”一列决定，本表没有这一列，分类中的“流动党员”未导入，请在名册中核对',
    ]);
  });
});

describe('phone cells', () => {
  const contact = table([['姓名', 'name'], ['身份证号', 'idNumber'], ['联系电话', 'mobile']]);
  const phones = (v: CellValue) => normaliseRow({ row: 2, hidden: false, cells: ['张三', '11010519491231002X', v] }, contact).member;

  it('a 联系电话 column mapped to 手机号码: a landline goes to 固定电话', () => {
    expect(phones('13800138000')).toEqual({ name: '张三', idNumber: '11010519491231002X', mobile: '13800138000' });
    expect(phones(13800138000)).toMatchObject({ mobile: '13800138000' });
    expect(phones('010-12345678')).toMatchObject({ mobile: null, phone: '010-12345678' });
    expect(phones('138 0013 8000')).toMatchObject({ mobile: '13800138000' });
    expect(phones('+86 138 0013 8000')).toMatchObject({ mobile: '13800138000' });
    expect(phones(null)).toMatchObject({ mobile: null });
    expect('phone' in phones(null)).toBe(false);
  });

  it('two numbers in one cell are split into 手机号码 and 固定电话', () => {
    for (const v of ['13800138000/010-12345678', '010-12345678、13800138000', '13800138000 010-12345678', '13800138000，010-12345678']) {
      expect(phones(v), v).toMatchObject({ mobile: '13800138000', phone: '010-12345678' });
    }
    expect(phones('13800138000/13900139000')).toMatchObject({ mobile: '13800138000', phone: '13900139000' });
  });

  it('with both columns, a landline from the mobile column joins the 固定电话 column', () => {
    const r = norm({ mobile: '13800138000', phone: '010-12345678' });
    expect(r.member).toMatchObject({ mobile: '13800138000', phone: '010-12345678' });
    const swapped = norm({ mobile: '010-12345678', phone: '13800138000' });
    expect(swapped.member).toMatchObject({ mobile: '13800138000', phone: '010-12345678' });
    expect(norm({ mobile: '无' }).member).toMatchObject({ mobile: null, phone: null });
  });
});

describe('from detection to rows: the district summary sheet', () => {
  it('title and note above a two-row header, data from row 5, a 合计 and a 填表人 line below', () => {
    const upper = ['序号', '姓名', '性别', '公民身份号码', '人员类别', '所在党支部', '入党时间', '联系电话', '联系电话', '流动党员情况', '流动党员情况'];
    const lower = ['序号', '姓名', '性别', '公民身份号码', '人员类别', '所在党支部', '入党时间', '手机', '固定电话', '是否为流动党员', '外出流向'];
    const title = '幸福街道党员信息汇总表';
    const rows: SheetRow[] = [
      { row: 1, hidden: false, cells: upper.map(() => title) },
      { row: 2, hidden: false, cells: ['填报单位：幸福社区党委', null, null, null, null, null, null, '填报日期：2024年6月30日'] },
      { row: 3, hidden: false, cells: upper },
      { row: 4, hidden: false, cells: lower },
      { row: 5, hidden: false, cells: [1, '张　三', '1-男', 110105194912310020, '223_正式党员', '幸福社区第一党支部', 37803, '13800138000/010-12345678', null, '是', '广东省深圳市'] },
      { row: 6, hidden: true, cells: [2, '李四', '女', '11010519491231002x', '预备', '幸福社区第一党支部', '2023年7月1日', '010-87654321', null, '否', null] },
      { row: 8, hidden: false, cells: ['合计', '2人'] },
      { row: 9, hidden: false, cells: ['填表人：王五', null, null, null, '审核人：赵六'] },
    ];
    const wb: Workbook = { format: 'xls', sheets: [{ name: '汇总表', hidden: false, merges: [], rows }] };
    const t = detectTable(wb);
    expect(t.headerRow).toBe(4);
    const data = rows.filter((r) => r.row > t.headerRow && isDataRow(r, t)).map((r) => normaliseRow(r, t));
    expect(data.map((d) => d.row)).toEqual([5, 6]);
    const [a, b] = data as [NormalisedRow, NormalisedRow];
    expect(a.member).toEqual({
      name: '张三', sex: 'male', membershipKind: 'full', joinedOn: '2003-07-01', mobile: '13800138000', phone: '010-12345678',
      floating: true, floatingDestination: '广东省深圳市',
    });
    expect(a.branchName).toBe('幸福社区第一党支部');
    expect(a.issues).toEqual([{ row: 5, columnIndex: 3, column: 'D 列（公民身份号码）', value: '110105194912310000', message: EXCEL_MANGLED_ID }]);
    expect(b.member).toEqual({
      name: '李四', sex: 'female', idNumber: '11010519491231002X', membershipKind: 'probationary', joinedOn: '2023-07-01',
      mobile: null, phone: '010-87654321', floating: false, floatingDestination: null,
    });
    expect(b.issues).toEqual([]);
    expect(b.warnings).toEqual(['第 6 行在表格中是隐藏的，已一并读入']);
  });
});

describe('isDataRow', () => {
  const t = table([['序号', null], ['姓名', 'name'], ['公民身份号码', 'idNumber'], ['人员类别', 'membershipKind'],
    ['是否为流动党员', 'floating'], ['党籍状态', 'standing'], ['备注', 'note']]);
  const r = (cells: CellValue[], n = 10): SheetRow => ({ row: n, hidden: false, cells });

  it('keeps members, including rows in error', () => {
    expect(isDataRow(r([1, '张三', '11010519491231002X', '正式党员']), t)).toBe(true);
    expect(isDataRow(r([2, '李四']), t)).toBe(true);
    expect(isDataRow(r([3, null, '11010519491231002X']), t)).toBe(true);
    expect(isDataRow(r([4, null, null, '预备党员']), t)).toBe(true); // no name, no ID, but a member's data: reported
    expect(isDataRow(r([5, '注意', '11010519491231002X']), t)).toBe(true);
  });

  it('skips totals, signature and note lines, blank template rows and repeated headers', () => {
    expect(isDataRow(r(['合计', null, null, '35人']), t)).toBe(false);
    expect(isDataRow(r([null, '合计：35 人']), t)).toBe(false);
    expect(isDataRow(r(['填表人：王五', null, null, '审核人：赵六']), t)).toBe(false);
    expect(isDataRow(r(['说明：1. 公民身份号码请用文本格式']), t)).toBe(false);
    expect(isDataRow(r(['注：本表由社区党委填报']), t)).toBe(false);
    expect(isDataRow(r([17]), t)).toBe(false);
    expect(isDataRow(r([18, null, null, null, '否', '正常']), t)).toBe(false);
    expect(isDataRow(r(['序号', '姓名', '公民身份号码', '人员类别', '是否为流动党员', '党籍状态', '备注']), t)).toBe(false);
    expect(isDataRow(r([null, '必填', '必填；18 位，最后一位可为 X；请保持文本格式', '必填：正式党员 / 预备党员', '是/否']), t)).toBe(false);
  });
});
