import { describe, expect, it } from 'vitest';
import type { CellValue, Sheet, Workbook } from '../../electron/excel/types';
import { detectTable, headerSignature, isIgnoredHeader, matchHeader } from '../../electron/members/import/header';
import { COLUMNS, type ImportField } from '../../shared/import/columns';
import { ServiceError } from '../../electron/errors';

/** A sheet from rows of cells; row numbers start at `first` (1 by default) and blank rows are left out, as the reader does. */
function sheet(name: string, rows: CellValue[][], opts: { first?: number; hidden?: boolean } = {}): Sheet {
  const first = opts.first ?? 1;
  return {
    name,
    hidden: opts.hidden ?? false,
    merges: [],
    rows: rows
      .map((cells, i) => ({ row: first + i, hidden: false, cells }))
      .filter((r) => r.cells.some((c) => c !== null && c !== '')),
  };
}
const book = (...sheets: Sheet[]): Workbook => ({ format: 'xlsx', sheets });
const fields = (t: { columns: { field: ImportField | null }[] }) => t.columns.map((c) => c.field);

const OFFICIAL = COLUMNS.map((c) => c.header);
const PERSON: CellValue[] = ['张三', '男', '汉族', '11010519491231002X'];

describe('detectTable: the header row and each column’s field', () => {
  it('maps the official layout (our template and export) column for column, header on row 1', () => {
    const t = detectTable(book(sheet('党员名册', [OFFICIAL, PERSON])));
    expect(t.sheetIndex).toBe(0);
    expect(t.sheetName).toBe('党员名册');
    expect(t.headerRow).toBe(1);
    expect(fields(t)).toEqual(COLUMNS.map((c) => c.field));
    expect(t.missing).toEqual([]);
    expect(t.signature).toBe(OFFICIAL.join('|'));
  });

  it('finds the header of the district summary sheet under a merged title and a note (two-row header, data on row 5)', () => {
    const title = '幸福街道党员基本信息汇总表';
    const note = '填报单位：幸福社区党委（盖章）      填报日期：2024年6月30日';
    // Merged cells arrive filled: the title across every column, vertical merges in both header rows.
    const upper = ['序号', '姓名', '性别', '民族', '公民身份号码', '出生日期', '学历', '人员类别', '所在党支部', '加入党组织日期',
      '转为正式党员日期', '工作岗位', '联系电话', '联系电话', '家庭住址', '党籍状态', '失联党员情况', '失联党员情况', '流动党员情况', '流动党员情况'];
    const lower = ['序号', '姓名', '性别', '民族', '公民身份号码', '出生日期', '学历', '人员类别', '所在党支部', '加入党组织日期',
      '转为正式党员日期', '工作岗位', '手机', '固定电话', '家庭住址', '党籍状态', '是否为失联党员', '失去联系日期', '是否为流动党员', '外出流向'];
    const wb = book(
      sheet('汇总表', [
        upper.map(() => title),
        [note, ...upper.slice(1).map(() => note)],
        upper,
        lower,
        [1, '张三', '男', '汉族', '11010519491231002X'],
      ]),
    );
    const t = detectTable(wb);
    expect(t.headerRow).toBe(4);
    expect(fields(t)).toEqual([
      null, 'name', 'sex', 'ethnicity', 'idNumber', 'birthDate', 'education', 'membershipKind', 'branch', 'joinedOn',
      'confirmedOn', 'occupation', 'mobile', 'phone', 'address', 'standing', 'lostContact', 'lostContactSince', 'floating',
      'floatingDestination',
    ]);
    expect(t.columns[12]).toEqual({ index: 12, header: '手机', field: 'mobile' });
    expect(t.missing).toEqual([]);
  });

  it('reads a two-row header whose vertical merges were not filled (blank under 姓名 …) from the upper row', () => {
    const wb = book(
      sheet('Sheet1', [
        ['姓名', '公民身份号码', '联系电话', null, '流动党员', null],
        [null, null, '手机', '座机', '是否', '流向'],
        ['张三', '11010519491231002X', '13800138000', '010-12345678', '是', '广东省深圳市'],
      ]),
    );
    const t = detectTable(wb);
    expect(t.headerRow).toBe(2);
    expect(fields(t)).toEqual(['name', 'idNumber', 'mobile', 'phone', 'floating', 'floatingDestination']);
    expect(t.columns.map((c) => c.header)).toEqual(['姓名', '公民身份号码', '手机', '座机', '是否', '流向']);
  });

  it('does not let the first data row borrow the header above it', () => {
    const t = detectTable(book(sheet('S', [['姓名', '身份证号', '入党时间'], ['张三', null, '2003-07-01']])));
    expect(t.headerRow).toBe(1);
  });

  it('knows the clerks’ variants, bracketed remarks, and ignores 序号/编号', () => {
    const headers = ['序号', '党员姓名', '身份证号', '入党时间', '转正时间', '党员类别', '所属党支部', '联系电话（手机）', '座机',
      '现居住地', '是否流动党员', '出生年月', '文化程度', '公民身份号码备用', '性 别', '民族*', '编号'];
    const t = detectTable(book(sheet('S', [headers])));
    expect(fields(t)).toEqual([null, 'name', 'idNumber', 'joinedOn', 'confirmedOn', 'membershipKind', 'branch', 'mobile', 'phone',
      'address', 'floating', 'birthDate', 'education', null, 'sex', 'ethnicity', null]);
    expect(isIgnoredHeader('序号')).toBe(true);
    expect(isIgnoredHeader('编号')).toBe(true);
    expect(isIgnoredHeader('姓名')).toBe(false);
    expect(matchHeader('公民身份号码（18位）')).toEqual({ field: 'idNumber', quality: 2 });
    expect(matchHeader('党员身份证号')).toEqual({ field: 'idNumber', quality: 1 });
    expect(matchHeader('流动党员活动证编号')).toBeNull();
  });

  it('knows the synonyms added for real registers (政治面貌, 移动电话, 办公电话, 身份号码)', () => {
    const t = detectTable(book(sheet('S', [['姓名', '身份号码', '政治面貌', '移动电话', '办公电话']])));
    expect(fields(t)).toEqual(['name', 'idNumber', 'membershipKind', 'mobile', 'phone']);
  });

  it('never maps two columns to one field: the better match keeps it, a second phone column becomes 固定电话', () => {
    const t = detectTable(book(sheet('S', [['身份证', '姓名', '公民身份号码', '党支部', '所在党支部', '手机', '联系电话', '姓名']])));
    expect(fields(t)).toEqual([null, 'name', 'idNumber', null, 'branch', 'mobile', 'phone', null]);
  });

  it('prefers a visible sheet, and among them the one whose header scores highest', () => {
    const wb = book(
      sheet('填表说明', [['填表说明'], ['1. 公民身份号码请设置为文本格式'], ['2. 日期写成 2003-07-01']]),
      sheet('旧名册', [OFFICIAL, PERSON], { hidden: true }),
      sheet('简表', [['姓名', '身份证号'], ['张三', '11010519491231002X']]),
      sheet('名册', [['姓名', '身份证号', '性别', '民族'], PERSON]),
    );
    const t = detectTable(wb);
    expect(t.sheetIndex).toBe(3);
    expect(t.sheetName).toBe('名册');
  });

  it('uses a hidden sheet when no visible sheet has a header', () => {
    const wb = book(sheet('封面', [['党员名册'], ['2024年']]), sheet('数据', [OFFICIAL, PERSON], { hidden: true }));
    expect(detectTable(wb).sheetName).toBe('数据');
  });

  it('looks only at the sheet the clerk picked, when given', () => {
    const wb = book(sheet('A', [OFFICIAL]), sheet('B', [['姓名', '身份证号']]));
    expect(detectTable(wb, undefined, 1).sheetName).toBe('B');
  });

  it('reports required columns no header fills', () => {
    const t = detectTable(book(sheet('S', [['姓名', '性别', '民族', '出生日期', '人员类别']])));
    expect(t.missing).toEqual(['idNumber']);
  });
});

describe('detectTable: remembered manual mappings', () => {
  it('applies the clerk’s mapping for a file whose headers it cannot read itself', () => {
    const calls: string[] = [];
    const remembered = (sig: string) => {
      calls.push(sig);
      return sig === 'XM|SFZH|RDSJ' ? { 0: 'name', 1: 'idNumber', 2: 'joinedOn' } satisfies Record<number, ImportField | null> : undefined;
    };
    const wb = book(sheet('Sheet1', [['名册'], ['XM', 'SFZH', 'RDSJ'], ['张三', '11010519491231002X', '2003-07-01']]));
    const t = detectTable(wb, remembered);
    expect(t.headerRow).toBe(2);
    expect(fields(t)).toEqual(['name', 'idNumber', 'joinedOn']);
    expect(t.signature).toBe('XM|SFZH|RDSJ');
    expect(t.missing).toEqual([]);
    expect(calls).toContain('XM|SFZH|RDSJ');
  });

  it('lets the remembered mapping override the automatic one for the same headers', () => {
    const headers = ['姓名', '身份证号', '电话', '备用'];
    const sig = headerSignature(headers);
    const t = detectTable(book(sheet('S', [headers])), (s) => (s === sig ? { 2: 'phone', 3: 'mobile' } : undefined));
    expect(fields(t)).toEqual(['name', 'idNumber', 'phone', 'mobile']);
  });

  it('a remembered mapping that skips a column (null) leaves it unmapped', () => {
    const headers = ['姓名', '身份证号', '备注'];
    const t = detectTable(book(sheet('S', [headers])), () => ({ 2: null }));
    expect(fields(t)).toEqual(['name', 'idNumber', null]);
  });

  it('headerSignature normalises each header and drops trailing blanks', () => {
    expect(headerSignature(['姓 名', '公民身份号码*', '出生日期（必填）', '', ''])).toBe('姓名|公民身份号码|出生日期');
    expect(headerSignature(['', '姓名'])).toBe('|姓名');
  });
});

describe('detectTable: nothing fits', () => {
  const message = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(ServiceError);
      expect((e as ServiceError).code).toBe('validation');
      return (e as Error).message;
    }
    throw new Error('expected a ServiceError');
  };

  it('names the sheet and both missing columns', () => {
    const msg = message(() => detectTable(book(sheet('Sheet1', [['a', 'b', 'c'], [1, 2, 3]]))));
    expect(msg).toBe(
      '在工作表“Sheet1”中没有找到表头：缺少“姓名”“公民身份号码”两列。请确认表格第一行或标题下方有列名（如“姓名”“公民身份号码”），或下载导入模板，把数据复制进去再导入。',
    );
  });

  it('names the closest sheet and only the column it lacks', () => {
    const wb = book(sheet('封面', [['2024年党员统计']]), sheet('名单', [['姓名', '电话号'], ['张三', '13800138000']]));
    expect(message(() => detectTable(wb))).toMatch(/^在工作表“名单”中没有找到表头：缺少“公民身份号码”一列。/);
  });

  it('says so when the workbook has no data at all', () => {
    expect(message(() => detectTable(book(sheet('Sheet1', []))))).toBe('表格是空的：没有任何工作表含有数据。');
    expect(message(() => detectTable(book()))).toBe('表格是空的：没有任何工作表含有数据。');
  });
});
