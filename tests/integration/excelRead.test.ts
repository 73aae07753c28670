/**
 * The spreadsheet reader on files written by other programs (LibreOffice, officecrypto-tool; see
 * scripts/make-fixtures.sh) and on every kind of bad input the issue lists.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import * as XLSX from '@e965/xlsx';
import * as cpexcel from '@e965/xlsx/dist/cpexcel.full';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../electron/errors';
import { readFileForImport, readSpreadsheet } from '../../electron/excel/read/index';
import { isDateFormatCode, serialToIso } from '../../electron/excel/read/dates';
import { DEFAULT_LIMITS, FORMULA_WITHOUT_RESULT, isExcelDate, type CellValue, type Sheet, type Workbook } from '../../electron/excel/types';

const dir = path.resolve(__dirname, '../fixtures/excel');
const read = (name: string, limits = DEFAULT_LIMITS): Workbook => readSpreadsheet(fs.readFileSync(path.join(dir, name)), name, limits);

function failure(fn: () => unknown): ServiceError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ServiceError);
    expect((err as ServiceError).code).toBe('validation');
    return err as ServiceError;
  }
  throw new Error('expected a ServiceError');
}
const readFails = (name: string, limits = DEFAULT_LIMITS) => failure(() => read(name, limits));

const HEADER = [
  '姓名', '性别', '民族', '公民身份号码', '出生日期', '学历', '人员类别', '所在党支部', '加入党组织日期',
  '转为正式党员日期', '工作岗位', '联系电话', '家庭住址', '党籍状态', '是否为失联党员', '是否为流动党员', '外出流向',
];
const row = (s: Sheet, n: number) => s.rows.find((r) => r.row === n);
const cell = (s: Sheet, n: number, col: number): CellValue => row(s, n)?.cells[col] ?? null;
/** A cell as text for comparing formats: dates as their ISO day. */
const text = (v: CellValue): string => (v === null ? '' : isExcelDate(v) ? v.date : String(v));

describe.each(['official.xlsx', 'official.xls'])('%s (LibreOffice)', (file) => {
  const wb = read(file);
  const sheet = wb.sheets[0] as Sheet;

  it('has both sheets, the second hidden', () => {
    expect(wb.format).toBe(file.endsWith('.xls') ? 'xls' : 'xlsx');
    expect(wb.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['党员名册', false],
      ['代码表', true],
    ]);
    expect(wb.sheets[1]?.rows.map((r) => r.cells)).toEqual([['代码', '名称'], ['1', '正式党员'], ['2', '预备党员']]);
  });

  it('keeps the row numbers the clerk sees: title, note, header on 3, data from 4, blank row 9 skipped', () => {
    expect(sheet.rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 10]);
    expect(row(sheet, 3)?.cells).toEqual(HEADER);
    expect(cell(sheet, 2, 0)).toBe('填报单位：幸福社区党委（盖章）      填报日期：2024年3月1日');
    expect(cell(sheet, 10, 0)).toBe('孙八');
    expect(cell(sheet, 10, 12)).toBe('幸福小区6号楼606室\n"东单元"');
  });

  it('fills merged cells and lists the merges', () => {
    expect(sheet.merges).toEqual(
      expect.arrayContaining([
        { top: 1, bottom: 1, left: 0, right: 16 },
        { top: 4, bottom: 5, left: 7, right: 7 },
      ]),
    );
    expect(sheet.merges).toHaveLength(2);
    expect(cell(sheet, 4, 7)).toBe('幸福社区第一党支部');
    expect(cell(sheet, 5, 7)).toBe('幸福社区第一党支部');
    expect(row(sheet, 1)?.cells.slice(0, 17)).toEqual(Array(17).fill('幸福社区党委党员信息汇总表'));
  });

  it('flags the hidden row and only it', () => {
    expect(sheet.rows.filter((r) => r.hidden).map((r) => r.row)).toEqual([6]);
    expect(cell(sheet, 6, 0)).toBe('王五');
  });

  it('gives date cells as dates, text dates as text, text ID numbers as text', () => {
    expect(cell(sheet, 4, 4)).toEqual({ date: '1985-03-07' });
    expect(cell(sheet, 4, 8)).toEqual({ date: '2008-07-01' });
    expect(cell(sheet, 7, 9)).toBe('2003.07.01');
    expect(cell(sheet, 5, 9)).toBeNull();
    expect(cell(sheet, 4, 3)).toBe('110101198503070013');
    expect(cell(sheet, 7, 3)).toBe('11010119721111004X');
    expect(cell(sheet, 4, 11)).toBe('13800138000');
  });

  it('gives the ID number typed as a number as a JS number (its last digits already lost)', () => {
    const id = cell(sheet, 5, 3);
    expect(typeof id).toBe('number');
    expect(Math.abs((id as number) - 110101199001010023)).toBeLessThan(1000);
  });

  it('gives formulas as their cached values', () => {
    expect(cell(sheet, 7, 4)).toEqual({ date: '1972-11-11' }); // =DATE(1972;11;11)
    // ="退休"&"人员": LibreOffice's .xls export stores 0 as a text formula's cached result (no result kept), its
    // .xlsx stores the text. The .xls reader marks such a cell rather than pass 0 off as data.
    expect(cell(sheet, 7, 10)).toBe(file.endsWith('.xls') ? FORMULA_WITHOUT_RESULT : '退休人员');
  });
});

describe.each([
  ['official-utf8.csv', 'utf-8'],
  ['official-gbk.csv', 'gbk'],
] as const)('%s (LibreOffice)', (file, encoding) => {
  const wb = read(file);
  const sheet = wb.sheets[0] as Sheet;

  it('is decoded in the right encoding', () => {
    expect(wb.format).toBe('csv');
    expect(wb.encoding).toBe(encoding);
    expect(wb.sheets).toHaveLength(1);
    expect(row(sheet, 3)?.cells).toEqual(HEADER);
    expect(cell(sheet, 1, 0)).toBe('幸福社区党委党员信息汇总表');
  });

  it('keeps every cell as text, the number-typed ID as Excel showed it, quotes and line breaks inside quotes', () => {
    expect(cell(sheet, 5, 3)).toBe('1.1010119900101E+017');
    expect(cell(sheet, 4, 4)).toBe('1985-03-07');
    expect(cell(sheet, 10, 12)).toBe('幸福小区6号楼606室\n"东单元"');
    expect(sheet.rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 10]);
    expect(sheet.rows.every((r) => !r.hidden)).toBe(true);
  });
});

describe('the same register in every format', () => {
  const sheets = ['official.xlsx', 'official.xls', 'official-utf8.csv', 'official-gbk.csv'].map((f) => read(f).sheets[0] as Sheet);
  it('reads the same text in every member row (apart from what each format cannot keep)', () => {
    const [xlsx, ...others] = sheets.map((s) =>
      s.rows
        .filter((r) => r.row >= 3)
        .map((r) =>
          HEADER.map((_h, c) => {
            if (r.row === 5 && (c === 3 || c === 7)) return '*'; // number-typed ID; the merged branch (empty in CSV)
            if (r.row === 7 && c === 10) return '*'; // the text formula (see above)
            return text(r.cells[c] ?? null);
          }),
        ),
    );
    for (const o of others) expect(o).toEqual(xlsx);
  });
});

/**
 * Files written the way WPS Office writes them. WPS does not run here: scripts/make-wps-fixtures.ts rewrites the
 * LibreOffice fixtures so their packages carry what WPS's do, each trait from a public source named there. These
 * are not WPS output; a real WPS file that fails should become a fixture of its own.
 */
describe('files shaped like WPS Office writes them (wps-like-*, scripts/make-wps-fixtures.ts)', () => {
  const official = read('official.xlsx');

  // wps-like-register.xlsx: docProps/custom.xml with KSOProductBuildVer and ICV, WPS's workbook.xml (fileVersion
  // appName="xl", calcPr calcId="144525"), styles.xml with WPS's ￥ formats overriding built-in ids 41–44 and dates
  // as yyyy"年"m"月"d"日" (custom id 176) — from the WPS parts a Go helper embeds and SheetJS #1455; worksheets
  // declaring xmlns:etc (WPS's etCustomData); a 照片 column of pictures embedded in cells: t="str" cells holding
  // _xlfn.DISPIMG("ID_…",1) with the cached text =DISPIMG(…), the pictures in xl/cellimages.xml (pandas #61888,
  // exceljs #2786, eec #363, ragflow #17912).
  // wps-like-zip-names.xlsx: the same parts under zip entry names with backslashes (xl\worksheets\sheet1.xml: a
  // Node xlnt binding's changelog, “WPS workbooks with … backslash ZIP entry separators”) and a leading slash
  // (/xl/styles.xml: WPS cell-image readers look both up, exceljs #2786), with absolute relationship targets
  // (Target="/xl/worksheets/sheet1.xml": readxl #294, PhpSpreadsheet #907).
  describe.each(['wps-like-register.xlsx', 'wps-like-zip-names.xlsx'])('%s', (file) => {
    const wb = read(file);

    it('has the same sheets, rows, merges and hidden row as the LibreOffice original', () => {
      expect(wb.format).toBe('xlsx');
      expect(wb.sheets.map((s) => [s.name, s.hidden])).toEqual([
        ['党员名册', false],
        ['代码表', true],
      ]);
      expect(wb.sheets[1]!.rows).toEqual(official.sheets[1]!.rows);
      const sheet = wb.sheets[0]!;
      expect(sheet.merges).toEqual(official.sheets[0]!.merges);
      expect(sheet.rows.filter((r) => r.hidden).map((r) => r.row)).toEqual([6]);
      // Every cell as in the original, dates as dates under the Chinese date format; row 3 also has 照片.
      expect(sheet.rows.map((r) => (r.row === 3 ? { ...r, cells: r.cells.slice(0, 17) } : r))).toEqual(official.sheets[0]!.rows);
      expect(cell(sheet, 3, 17)).toBe('照片');
      expect(cell(sheet, 4, 8)).toEqual({ date: '2008-07-01' });
    });

    it('reads a picture embedded in a cell (DISPIMG) as a blank, not as the text =DISPIMG(…)', () => {
      const sheet = wb.sheets[0]!;
      expect(cell(sheet, 4, 17)).toBeNull();
      expect(cell(sheet, 5, 17)).toBeNull();
      expect(row(sheet, 4)!.cells).toHaveLength(16); // nothing after 是否为流动党员 (外出流向 is blank)
    });
  });

  // The .xls: the compound file header's CLSID is Excel.Sheet.8's instead of zeros, as on .xls files saved with
  // WPS (SheetJS #1419: “CLSID: Expected 000… saw 2008020000000000c000000000000046”).
  it('wps-like-register.xls reads as the LibreOffice .xls it was made from', () => {
    expect(readSpreadsheet(fs.readFileSync(path.join(dir, 'wps-like-register.xls')), 'x.xls')).toEqual(read('official.xls'));
  });

  // A sheet WPS saved as a web page (meta Generator “WPS Office ET”, KSOProductBuildVer in its head), renamed .xls.
  // A page holds text as shown: an 18-digit ID number must stay that text, not become a float missing its last digits.
  it.each(['official.html', 'wps-like-webpage.xls', 'web-archive.xls'])('%s: a web page is read as text, ID numbers whole', (file) => {
    const wb = read(file);
    expect(wb.format).toBe('xls');
    const sheet = wb.sheets[0]!;
    expect(row(sheet, 3)?.cells).toEqual(HEADER);
    expect(cell(sheet, 4, 3)).toBe('110101198503070013');
    expect(cell(sheet, 4, 4)).toBe('1985-03-07');
    expect(cell(sheet, 4, 11)).toBe('13800138000');
    expect(cell(sheet, 5, 3)).toBe('1.1010119900101E+017'); // typed as a number in the original: as the page shows it
  });
});

describe('web archives (MHTML: 单个文件网页, and web systems’ “xls” exports)', () => {
  // Chromium saved official.html as one file (quoted-printable UTF-8), named .xls: the same table as the page.
  it('an archive written by Chromium reads as the page it holds', () => {
    expect(read('web-archive.xls').sheets.map((s) => s.rows)).toEqual(read('official.html').sheets.map((s) => s.rows));
  });

  // The way Excel and WPS write a workbook as one web page: a tab strip naming the sheets, each sheet a part of its
  // own; here in GB2312, one part base64 and one quoted-printable. Written by hand, to the MIME rules.
  it('sheets as parts, named as the archive lists them; base64 and quoted-printable; GB2312', () => {
    // SheetJS's code pages (the module's types say default export; the ES module exports utils).
    const { encode } = (cpexcel as unknown as { utils: { encode(cp: number, s: string): Uint8Array | number[] } }).utils;
    const gbk = (t: string) => Buffer.from(encode(936, t));
    const qp = (b: Buffer) => [...b].map((x) => (x >= 33 && x <= 126 && x !== 61 ? String.fromCharCode(x) : `=${x.toString(16).toUpperCase().padStart(2, '0')}`)).join('').replace(/(.{70})/g, '$1=\r\n');
    const sheet = (rows: string[][]) => `<html><body><table>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table></body></html>`;
    const b = '----=_NextPart_01DA0000.00000000';
    const msg = [
      'MIME-Version: 1.0',
      'X-Document-Type: Workbook',
      `Content-Type: multipart/related; boundary="${b}"`,
      '',
      `--${b}`,
      'Content-Location: file:///C:/党员/名册.htm',
      'Content-Transfer-Encoding: quoted-printable',
      'Content-Type: text/html; charset="gb2312"',
      '',
      qp(gbk('<html><head><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>在册党员</x:Name></x:ExcelWorksheet><x:ExcelWorksheet><x:Name>说明</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml></head><frameset rows="*,39"><frame src="名册.files/sheet001.htm"></frameset></html>')),
      `--${b}`,
      'Content-Location: file:///C:/党员/名册.files/sheet001.htm',
      'Content-Transfer-Encoding: base64',
      'Content-Type: text/html; charset="gb2312"',
      '',
      gbk(sheet([['姓名', '公民身份号码'], ['张三', '110101198503070013']])).toString('base64').replace(/(.{76})/g, '$1\r\n'),
      `--${b}`,
      'Content-Location: file:///C:/党员/名册.files/sheet002.htm',
      'Content-Transfer-Encoding: quoted-printable',
      'Content-Type: text/html; charset="gb2312"',
      '',
      qp(gbk(sheet([['身份证号码请保持文本格式']]))),
      `--${b}--`,
      '',
    ].join('\r\n');
    const wb = readSpreadsheet(Buffer.from(msg, 'latin1'), '名册.xls');
    expect(wb.sheets.map((s) => s.name)).toEqual(['在册党员', '说明']);
    expect(wb.sheets[0]!.rows.map((r) => r.cells)).toEqual([
      ['姓名', '公民身份号码'],
      ['张三', '110101198503070013'],
    ]);
    expect(wb.sheets[1]!.rows[0]!.cells).toEqual(['身份证号码请保持文本格式']);
  });

  it('an archive with no table says so, and what to do', () => {
    const msg = ['MIME-Version: 1.0', 'Content-Type: multipart/related; boundary="x"', '', '--x', 'Content-Type: text/html; charset=utf-8', '', '<html><body><p>通知</p></body></html>', '--x--', ''].join('\r\n');
    expect(() => readSpreadsheet(Buffer.from(msg, 'utf8'), '通知.mht')).toThrow(/「通知\.mht」是网页存档文件（\.mht），里面没有表格/);
  });
});

describe('bad input', () => {
  it('a truncated .xlsx', () => {
    const e = readFails('truncated.xlsx');
    expect(e.message).toContain('truncated.xlsx');
    expect(e.message).toContain('损坏或不完整');
    expect(e.message).toContain('重新保存');
  });

  it('a PDF renamed .xlsx', () => {
    const e = readFails('pdf-renamed.xlsx');
    expect(e.message).toContain('pdf-renamed.xlsx');
    expect(e.message).toContain('这是 PDF 文件，不是表格');
  });

  it('a picture renamed .xlsx', () => {
    const e = readFails('image-renamed.xlsx');
    expect(e.message).toContain('图片');
    expect(e.message).toContain('不是表格');
  });

  it.each(['encrypted.xlsx', 'encrypted.xls'])('a workbook with an opening password: %s', (f) => {
    const e = readFails(f);
    expect(e.message).toContain(f);
    expect(e.message).toContain('设置了打开密码');
    expect(e.message).toContain('取消密码');
    expect(e.message).toContain('另存');
  });

  it('an empty workbook', () => {
    const e = readFails('empty.xlsx');
    expect(e.message).toContain('表格是空的');
  });

  it('an empty file and a CSV of blank lines', () => {
    expect(failure(() => readSpreadsheet(new Uint8Array(0), 'a.csv')).message).toContain('表格是空的');
    expect(failure(() => readSpreadsheet(strToU8(',,\r\n ,\r\n'), 'a.csv')).message).toContain('表格是空的');
  });

  it('a sheet of unrelated data is still read (the header finder judges it)', () => {
    const wb = read('noheader.xlsx');
    expect(wb.sheets[0]?.rows[0]?.cells).toEqual(['物品名称', '规格', '数量', '单价', '存放位置']);
    expect(wb.sheets[0]?.rows[1]?.cells[2]).toBe(200);
  });

  it('a zip bomb is refused before it is inflated', () => {
    const e = readFails('zipbomb.xlsx');
    expect(e.message).toContain('zipbomb.xlsx');
    expect(e.message).toContain('异常庞大');
  });

  it('inflating past the limit stops the read, whatever the directory claims', () => {
    const e = readFails('official.xlsx', { ...DEFAULT_LIMITS, maxUnzippedBytes: 4000 });
    expect(e.message).toContain('异常庞大');
  });

  it('a file over the size limit', () => {
    const e = readFails('official.xlsx', { ...DEFAULT_LIMITS, maxFileBytes: 1000 });
    expect(e.message).toContain('MB');
    expect(e.message).toContain('分成几个文件');
  });

  it.each(['official.xlsx', 'official.xls', 'official-gbk.csv'])('too many rows: %s', (f) => {
    const e = readFails(f, { ...DEFAULT_LIMITS, maxRows: 5 });
    expect(e.message).toContain('表格超过 5 行');
    expect(e.message).toContain('请分成几个文件导入');
  });

  it('an ODS, a Word document and a plain zip renamed .xlsx', () => {
    const ods = zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>') });
    expect(failure(() => readSpreadsheet(ods, 'a.xlsx')).message).toContain('ODS');
    const docx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w/>') });
    expect(failure(() => readSpreadsheet(docx, 'b.xlsx')).message).toContain('Word');
    const other = zipSync({ 'photo.txt': strToU8('hello') });
    expect(failure(() => readSpreadsheet(other, 'c.xlsx')).message).toContain('压缩包');
  });

  it('other binary data', () => {
    const bytes = new Uint8Array(2000).map((_v, i) => (i * 7919) % 256);
    expect(failure(() => readSpreadsheet(bytes, 'x.xlsx')).message).toContain('不是表格文件');
  });

  it('files that cannot be opened: missing, a folder', () => {
    expect(failure(() => readFileForImport(path.join(os.tmpdir(), 'no-such-dir-dj', 'a.xlsx'))).message).toContain('找不到文件');
    expect(failure(() => readFileForImport(dir)).message).toContain('文件夹');
    expect(readFileForImport(path.join(dir, 'official.xlsx')).length).toBeGreaterThan(1000);
  });
});

describe('xlsx details', () => {
  function xlsx(sheetXml: string, extra: Record<string, string> = {}): Uint8Array {
    return zipSync({
      'xl/workbook.xml': strToU8(
        `<workbook xmlns:r="r"><workbookPr date1904="${extra.date1904 ?? '0'}"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId1" Type="http://x/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(
        extra.prefixed ? `<x:worksheet><x:sheetData>${sheetXml}</x:sheetData></x:worksheet>` : `<worksheet><sheetData>${sheetXml}</sheetData></worksheet>`,
      ),
      ...(extra.sst ? { 'xl/sharedStrings.xml': strToU8(extra.sst) } : {}),
      ...(extra.styles ? { 'xl/styles.xml': strToU8(extra.styles) } : {}),
    });
  }

  it('rich text runs without phonetic guides, entities and _xHHHH_ escapes, inline strings, booleans, errors', () => {
    const sst =
      '<sst><si><r><t>幸福</t></r><r><rPr><b/></rPr><t xml:space="preserve">社区 </t></r><rPh sb="0" eb="1"><t>コウフク</t></rPh></si>' +
      '<si><t>A&amp;B &lt;1&gt; &#x4E2D;&#25991; line_x000D_</t></si></sst>';
    const wb = readSpreadsheet(
      xlsx(
        '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="inlineStr"><is><t>内联</t></is></c>' +
          '<c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="G2" t="str"><f>A2</f><v>x</v></c></row>',
        { sst },
      ),
      't.xlsx',
    );
    expect(wb.sheets[0]?.rows[0]).toEqual({
      row: 2,
      hidden: false,
      cells: ['幸福社区 ', 'A&B <1> 中文 line\r', '内联', true, '#DIV/0!', null, 'x'],
    });
  });

  it('dates by built-in and custom formats, not by text formats; the 1904 system', () => {
    const styles =
      '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="@"/>' +
      '<numFmt numFmtId="166" formatCode="0.00&quot;d&quot;"/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs></styleSheet>';
    const sheet = '<row r="1"><c r="A1"><v>37803</v></c><c r="B1" s="1"><v>37803</v></c><c r="C1" s="2"><v>37803.5</v></c><c r="D1" s="3"><v>37803</v></c><c r="E1" s="4"><v>3</v></c></row>';
    expect(readSpreadsheet(xlsx(sheet, { styles }), 'd.xlsx').sheets[0]?.rows[0]?.cells).toEqual([
      37803,
      { date: '2003-07-01' },
      { date: '2003-07-01' },
      37803,
      3,
    ]);
    expect(readSpreadsheet(xlsx(sheet, { styles, date1904: '1' }), 'd.xlsx').sheets[0]?.rows[0]?.cells[1]).toEqual({ date: '2007-07-02' });
  });

  it('pictures in cells (WPS DISPIMG) are blanks in every form their cached value takes; other formulas are kept', () => {
    const wb = readSpreadsheet(
      xlsx(
        '<row r="1"><c r="A1" t="str"><f>_xlfn.DISPIMG(&quot;ID_A&quot;,1)</f><v>=DISPIMG(&quot;ID_A&quot;,1)</v></c>' +
          '<c r="B1" t="e"><f>_xlfn.DISPIMG("ID_B",1)</f><v>#NAME?</v></c><c r="C1"><f>_xlfn.DISPIMG("ID_C",1)</f><v>0</v></c>' +
          '<c r="D1" t="str">\n  <f>_xlfn.DISPIMG(&quot;ID_D&quot;,1)</f>\n  <v>=DISPIMG(&quot;ID_D&quot;,1)</v>\n</c>' +
          '<c r="E1" t="str"><f>A1&amp;"x"</f><v>DISPIMG(</v></c><c r="F1" t="str"><v>=DISPIMG(1)</v></c><c r="G1"><f>1+1</f><v>2</v></c></row>',
      ),
      'p.xlsx',
    );
    expect(wb.sheets[0]?.rows[0]?.cells).toEqual([null, null, null, null, 'DISPIMG(', '=DISPIMG(1)', 2]);
  });

  it('rows and cells without r, prefixed tags, a cell type d', () => {
    const wb = readSpreadsheet(
      xlsx(
        '<x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row>' +
          '<x:row r="3" hidden="true"><x:c r="C3" t="d"><x:v>2003-07-01T00:00:00</x:v></x:c></x:row>',
        { prefixed: '1' },
      ),
      'p.xlsx',
    );
    expect(wb.sheets[0]?.rows).toEqual([
      { row: 1, hidden: false, cells: ['a', 2] },
      { row: 3, hidden: true, cells: [null, null, { date: '2003-07-01' }] },
    ]);
  });
});

describe('dates and CSV details', () => {
  it('serials in the 1900 system, around its phantom 29 February', () => {
    expect(serialToIso(1, false)).toBe('1900-01-01');
    expect(serialToIso(59, false)).toBe('1900-02-28');
    expect(serialToIso(61, false)).toBe('1900-03-01');
    expect(serialToIso(37803.99, false)).toBe('2003-07-01');
    expect(serialToIso(0, false)).toBeNull();
    for (const serial of [1, 59, 61, 25569, 37803, 45000]) {
      const d = XLSX.SSF.parse_date_code(serial);
      expect(serialToIso(serial, false)).toBe(`${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`);
    }
  });

  it('which format codes are dates', () => {
    for (const c of ['yyyy-mm-dd', 'yyyy"年"m"月"d"日"', '[$-804]yyyy/m/d', 'h:mm', '[DBNum1][$-804]yyyy"年"m"月"', 'mmm-yy']) {
      expect(isDateFormatCode(c), c).toBe(true);
    }
    for (const c of ['@', 'General', '0.00', '#,##0"天"', '0_);[Red](0)', '"yyyy"0', '\\d0']) expect(isDateFormatCode(c), c).toBe(false);
  });

  it('CRLF, CR, quotes, semicolons and tabs, Excel\'s sep= line, a UTF-8 BOM', () => {
    const wb = readSpreadsheet(strToU8('\uFEFFa,"b ""q""",c\r\n"x\r\ny",,\r\rz,1\n'), 'c.csv');
    expect(wb.encoding).toBe('utf-8');
    expect(wb.sheets[0]?.rows).toEqual([
      { row: 1, hidden: false, cells: ['a', 'b "q"', 'c'] },
      { row: 2, hidden: false, cells: ['x\r\ny'] },
      { row: 4, hidden: false, cells: ['z', '1'] },
    ]);
    expect(readSpreadsheet(strToU8('姓名;性别\n张三;男\n'), 's.csv').sheets[0]?.rows[1]?.cells).toEqual(['张三', '男']);
    expect(readSpreadsheet(strToU8('姓名\t性别\n张三\t男\n'), 't.txt').sheets[0]?.rows[1]?.cells).toEqual(['张三', '男']);
    expect(readSpreadsheet(strToU8('sep=;\n姓名;性别,x\n'), 's.csv').sheets[0]?.rows[0]).toEqual({ row: 1, hidden: false, cells: ['姓名', '性别,x'] });
  });
});
