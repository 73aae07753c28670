/**
 * Import stage 3: one spreadsheet row → the member form's input shape, cell by cell. Only cell-level
 * parsing happens here (an ID Excel mangled, a date in one of the clerks' many spellings, "223_正式党员");
 * the record's rules (check digit, date order, sex from the ID…) run later, in the service, on the result.
 * Pure and cheap: it runs 100,000 times per large file.
 */
import type { CellValue, SheetRow } from '../../excel/types';
import { columnLetter, FORMULA_WITHOUT_RESULT, isExcelDate } from '../../excel/types';
import { COLUMN_HINTS, type ImportField } from '../../../shared/import/columns';
import {
  EDUCATION_LABELS,
  ETHNICITIES,
  FLOATING_DIRECTION_LABELS,
  MEMBERSHIP_KIND_LABELS,
  STANDING_LABELS,
  TAG_LABELS,
  TAG_SHORT,
  MANUAL_TAGS,
  type Education,
  type FloatingDirection,
  type MembershipKind,
  type Standing,
  type Tag,
} from '../../../shared/domain/labels';
import { normaliseIdNumber } from '../../../shared/rules/idNumber';
import { suggestTagsFromOccupation } from '../../../shared/rules/classification';
import type { MemberInputRaw } from '../../../shared/rules/member';
import { HEADER_OF } from './header';
import type { CellIssue, DetectedTable, NormalisedRow } from './types';

export interface NormaliseOptions {
  /** YYYY-MM-DD; accepted for symmetry with the rules. Cell parsing does not depend on the date today. */
  today?: string;
}

// ───────────────────────────── small text helpers ─────────────────────────────

/** Full-width ASCII (Ａ-Ｚ ０-９ ．－／ …) to half-width, the ideographic space to a space. */
export function foldWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

const HAS_SPACE = /[\s\u3000]/;
const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff·';
const SPACE_BETWEEN_CJK = new RegExp(`([${CJK}])[\\s\\u3000]+(?=[${CJK}])`, 'g');

/** Trim, drop the spaces clerks put between Chinese characters ("张　三" → "张三"), collapse the rest. */
function compactCjk(s: string): string {
  if (!HAS_SPACE.test(s)) return s;
  return s.replace(SPACE_BETWEEN_CJK, '$1').replace(/[\s\u3000]+/g, ' ').trim();
}

/** Trim and collapse runs of whitespace (line breaks included) to one space. */
function collapse(s: string): string {
  if (!HAS_SPACE.test(s)) return s;
  return s.replace(/[\s\u3000]+/g, ' ').trim();
}

/** A number as the clerk would write it: integers without exponent or decimals. */
function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

/** What Excel shows for a number it only kept 15 significant digits of: 110105194912310000. */
function excel15(n: number): string {
  if (!Number.isFinite(n) || Math.abs(n) < 1e15) return numberText(n);
  const [mant = '', exp = '0'] = Math.abs(n).toPrecision(15).split('e+');
  const digits = mant.replace('.', '');
  const e = Number(exp);
  const whole = digits.length - 1 <= e ? digits + '0'.repeat(e - (digits.length - 1)) : digits;
  return (n < 0 ? '-' : '') + whole;
}

/** A cell shown as text, for messages: dates as YYYY-MM-DD, large numbers as Excel shows them. */
export function cellText(v: CellValue | undefined): string {
  if (v == null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return excel15(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isExcelDate(v)) return v.date;
  return String(v);
}

function isBlank(v: CellValue | undefined): boolean {
  return v == null || (typeof v === 'string' && v.trim() === '');
}

export type Parsed<T> = { ok: true; value: T; warning?: string } | { ok: false; message: string };
const ok = <T>(value: T, warning?: string): Parsed<T> => (warning ? { ok: true, value, warning } : { ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

// ───────────────────────────── 公民身份号码 ─────────────────────────────

const ID18 = /^\d{17}[\dX]$/;

export const EXCEL_MANGLED_ID =
  '这个号码已被 Excel 改动：Excel 把它当成了数字，只保留前 15 位（显示为 1.10105E+17 这样的科学计数法，或末尾变成 000），后几位已经丢失。请把“公民身份号码”这一列设置为“文本”格式，重新输入完整的号码后再导入';

/** The ID cell as text, or an error when Excel turned it into a number and lost digits. Blank → ''. */
const MASKED_ID =
  '号码中间被隐藏了（导出名册时选择了“隐藏身份证号和电话”），这样的表格不能用来导入；请重新导出并选择“完整数据（用于重新导入）”，或填写完整的 18 位号码';

export function parseIdCell(v: CellValue | undefined): Parsed<string> {
  if (v == null) return ok('');
  if (typeof v === 'number') {
    // Excel keeps 15 significant digits: a 15-digit legacy number survives, anything longer has lost digits.
    if (!Number.isFinite(v) || !Number.isInteger(v) || Math.abs(v) >= 1e15) return fail(EXCEL_MANGLED_ID);
    return ok(numberText(v));
  }
  if (typeof v === 'boolean' || isExcelDate(v)) return fail('这一格不是公民身份号码，请填写 18 位号码');
  if (ID18.test(v)) return ok(v); // the common case, already right
  let s = foldWidth(v).trim();
  const formula = /^="(.*)"$/.exec(s); // ="110105…" — the CSV trick to keep a number as text
  if (formula) s = formula[1]!;
  s = s.replace(/^['‘’"“”]+|['‘’"“”]+$/g, '');
  if (/^\d+(\.\d+)?e\+?\d+$/i.test(s.replace(/\s/g, ''))) return fail(EXCEL_MANGLED_ID);
  // 330106********111X: a register exported with ID numbers hidden (导出名册's default) cannot be imported.
  if (/^\d{2,6}\*{4,}\d{0,4}[\dXx]?$/.test(s.replace(/\s/g, ''))) return fail(MASKED_ID);
  return ok(normaliseIdNumber(s));
}

// ───────────────────────────── dates ─────────────────────────────

const BAD_DATE = (shown: string) => `无法识别的日期“${shown}”，请写成 2003-07-01 这样的格式`;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function realDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
  return d <= MONTH_DAYS[m - 1]! + (leap ? 1 : 0);
}

function ymd(y: number, m: number, d: number, shown: string): Parsed<string> {
  if (y < 1900 || y > 2100) return fail(`日期“${shown}”的年份不对，请写成 2003-07-01 这样的格式`);
  if (!realDate(y, m, d)) return fail(`“${shown}”不是存在的日期，请核对年、月、日`);
  return ok(`${y}-${pad2(m)}-${pad2(d)}`);
}

function ym(y: number, m: number, shown: string): Parsed<string> {
  const r = ymd(y, m, 1, shown);
  if (!r.ok) return r;
  return ok(r.value, `只写了年月“${shown}”，没有写日，已按 ${r.value} 记录，请核对`);
}

/** Serial day numbers of Excel's 1900 date system: 1 = 1900-01-01; 60 is the 1900-02-29 that never was. */
export function excelSerialToIso(serial: number): string | null {
  const s = Math.floor(serial);
  if (s < 1 || s > 2958465 || s === 60) return null;
  // Up to 59 Excel agrees with the calendar; from 61 on it counts the phantom 29 February, hence the day's shift.
  const base = s < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(base + s * 86_400_000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function dateFromNumber(n: number, shown: string): Parsed<string> {
  if (!Number.isFinite(n) || n <= 0) return fail(BAD_DATE(shown));
  if (Number.isInteger(n)) {
    if (n >= 19000101 && n <= 21001231) return ymd(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100, shown);
    if (n >= 190001 && n <= 210012 && n % 100 >= 1 && n % 100 <= 12) return ym(Math.floor(n / 100), n % 100, shown);
    if (n >= 1900 && n <= 2100) return fail(`日期“${shown}”只有年份，请写出完整日期，如 ${n}-07-01`);
  } else if (n >= 1900 && n < 2101) {
    // 2003.07 typed into a cell that is not text: Excel made it the number 2003.07 (and 2003.10 became 2003.1).
    const [y = '', frac = ''] = String(n).split('.');
    if (frac.length === 2) return ym(Number(y), Number(frac), shown);
    if (frac.length === 1 && frac !== '1') return ym(Number(y), Number(frac), shown);
    if (frac === '1')
      return fail(`日期“${shown}”说不清是 ${y} 年 1 月还是 10 月（Excel 会把 ${y}.10 变成 ${y}.1），请写成 ${y}-10-01 这样的格式`);
    return fail(BAD_DATE(shown));
  }
  const iso = excelSerialToIso(n);
  if (!iso) return fail(n === 60 ? '1900 年没有 2 月 29 日，请核对日期' : BAD_DATE(shown));
  return ymd(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)), shown);
}

/** A date cell → YYYY-MM-DD (blank → null); year-month only → the 1st, with a warning. */
export function parseDateCell(v: CellValue | undefined): Parsed<string | null> {
  if (isBlank(v)) return ok(null);
  const shown = cellText(v);
  if (typeof v === 'number') return dateFromNumber(v, shown);
  if (typeof v === 'boolean') return fail(BAD_DATE(shown));
  if (isExcelDate(v!)) {
    const d = (v as { date: string }).date;
    const m = ISO.exec(d);
    return m ? ymd(Number(m[1]), Number(m[2]), Number(m[3]), d) : fail(BAD_DATE(d));
  }
  const iso = ISO.exec(v as string); // the common case, already right
  if (iso) return ymd(Number(iso[1]), Number(iso[2]), Number(iso[3]), v as string);
  let s = foldWidth(v as string).trim();
  s = s.replace(/[\sT]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, ''); // a time of day after the date
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), shown.trim());
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), shown.trim());
  m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(月份?)?$/.exec(s);
  if (m) return ym(Number(m[1]), Number(m[2]), shown.trim());
  m = /^(\d{4})(\d{2})$/.exec(s);
  if (m) return ym(Number(m[1]), Number(m[2]), shown.trim());
  if (/^\d{4}\s*年?$/.test(s)) return fail(`日期“${shown.trim()}”只有年份，请写出完整日期，如 ${s.slice(0, 4)}-07-01`);
  if (/^\d{5}(\.\d+)?$/.test(s)) return dateFromNumber(Number(s), shown.trim()); // a serial number written out as text
  return fail(BAD_DATE(shown.trim()));
}

// ───────────────────────────── coded values ─────────────────────────────

/** The spellings to try for a coded cell: as written, without a code prefix ("223_正式党员", "1-男", "01 汉族"), without a bracketed remark. */
function codeCandidates(raw: string): string[] {
  const s = foldWidth(raw).trim();
  const out = [s.replace(/\s+/g, '')];
  const noPrefix = s.replace(/^[0-9A-Za-z]{1,8}\s*[_\-－—.、:：|]\s*/, '').replace(/^[0-9A-Za-z]{1,8}\s+/, '').replace(/^\d{1,8}(?=[\u3400-\u9fff])/, '');
  const np = noPrefix.replace(/\s+/g, '');
  if (np && np !== out[0]) out.push(np);
  for (const c of [...out]) {
    const noParen = c.replace(/[(（][^)）]*[)）]/g, '');
    if (noParen && !out.includes(noParen)) out.push(noParen);
  }
  return out;
}

function lookupCode<T>(v: CellValue, table: ReadonlyMap<string, T>): T | undefined {
  if (typeof v === 'string') {
    const direct = table.get(v);
    if (direct !== undefined) return direct;
  }
  const raw = typeof v === 'number' ? numberText(v) : typeof v === 'string' ? v : cellText(v);
  for (const c of codeCandidates(raw)) {
    const hit = table.get(c) ?? table.get(c.toLowerCase());
    if (hit !== undefined) return hit;
  }
  return undefined;
}

const SEX_CODES: ReadonlyMap<string, 'male' | 'female'> = new Map([
  ['男', 'male'], ['男性', 'male'], ['m', 'male'], ['male', 'male'], ['1', 'male'], // GB/T 2261.1: 1 男, 2 女
  ['女', 'female'], ['女性', 'female'], ['f', 'female'], ['female', 'female'], ['2', 'female'],
] as const);

const ETHNICITY_CODES: ReadonlyMap<string, (typeof ETHNICITIES)[number]> = (() => {
  const m = new Map<string, (typeof ETHNICITIES)[number]>();
  ETHNICITIES.forEach((e, i) => {
    m.set(e, e);
    m.set(e.replace(/族$/, ''), e); // 汉 → 汉族, 蒙古 → 蒙古族
    // GB 3304 numbers the groups in this order: 01 汉族 … 56 基诺族 (Excel may drop the leading zero).
    m.set(pad2(i + 1), e);
    m.set(String(i + 1), e);
  });
  m.set('蒙族', '蒙古族');
  m.set('维族', '维吾尔族');
  m.set('汉民', '汉族');
  return m;
})();

const EDUCATION_CODES: ReadonlyMap<string, Education> = (() => {
  const m = new Map<string, Education>();
  for (const [k, label] of Object.entries(EDUCATION_LABELS) as [Education, string][]) m.set(label, k);
  const variants: [string[], Education][] = [
    [['博士', '博士研究生', '研究生(博士)', '博士后'], 'doctorate'],
    [['硕士', '研究生', '硕士研究生', '研究生(硕士)'], 'master'],
    [['本科', '大学', '大学本科', '大本'], 'bachelor'],
    [['大专', '专科', '大学专科', '高职', '高等职业教育'], 'college'],
    [['中专', '中技', '技校', '中等专科', '中等专业', '中等专业学校', '中师', '中等师范', '技工学校', '中等职业教育'], 'secondaryVocational'],
    [['高中', '职高', '普通高中', '职业高中'], 'highSchool'],
    [['初中'], 'juniorHigh'],
    [['小学', '文盲', '半文盲', '小学及以下', '小学以下', '扫盲班'], 'primary'],
  ];
  for (const [names, k] of variants) for (const n of names) m.set(n, k);
  return m;
})();

const MEMBERSHIP_CODES: ReadonlyMap<string, MembershipKind> = new Map([
  ['正式', 'full'], ['正式党员', 'full'], ['中共正式党员', 'full'], ['中共党员(正式)', 'full'],
  ['预备', 'probationary'], ['预备党员', 'probationary'], ['中共预备党员', 'probationary'],
  // 政治面貌 (GB/T 4762): 01 中国共产党党员, 02 中国共产党预备党员 — in a register of members, full vs probationary.
  ['中共党员', 'full'], ['中国共产党党员', 'full'], ['中国共产党预备党员', 'probationary'],
] as const);
const STANDING_CODES: ReadonlyMap<string, Standing> = new Map([
  ['正常', 'normal'], ['正常党籍', 'normal'], ['党籍正常', 'normal'],
  ['停止党籍', 'suspended'], ['停籍', 'suspended'], ['党籍停止', 'suspended'],
] as const);
const DIRECTION_CODES: ReadonlyMap<string, FloatingDirection> = new Map([
  ['流出', 'outflow'], ['流出党员', 'outflow'], ['外出', 'outflow'],
  ['流入', 'inflow'], ['流入党员', 'inflow'],
] as const);

/** Education: also "党校大专", "函授本科", "在职研究生", "本科毕业" — the level is what counts. */
function lookupEducation(v: CellValue): Education | undefined {
  const direct = lookupCode(v, EDUCATION_CODES);
  if (direct) return direct;
  if (typeof v !== 'string') return undefined;
  const stripped = foldWidth(v)
    .replace(/\s+/g, '')
    .replace(/^(中央|省委|市委|区委|县委)?党校|^(在职|函授|自考|自学考试|成人|成教|电大|夜大|网络|业余)/, '')
    .replace(/(毕业|学历)$/, '');
  return stripped !== v ? lookupCode(stripped, EDUCATION_CODES) : undefined;
}

const list = (labels: Record<string, string>) => Object.values(labels).join('、');

// ───────────────────────────── yes / no ─────────────────────────────

const YES = new Set(['是', 'y', 'yes', '√', '✓', '✔', '1', 'true', '对', '有']);
const NO = new Set(['否', 'n', 'no', '×', '✗', '✘', 'x', '0', 'false', '无', '不是', '/', '-', '—', '－', '非']);

export function parseYesNo(v: CellValue | undefined): Parsed<boolean> {
  if (isBlank(v)) return ok(false);
  if (typeof v === 'boolean') return ok(v);
  if (typeof v === 'string') {
    if (v === '否') return ok(false);
    if (v === '是') return ok(true);
  }
  if (typeof v === 'number') return v === 1 ? ok(true) : v === 0 ? ok(false) : fail(`无法识别“${numberText(v)}”，请填写“是”或“否”`);
  const s = foldWidth(cellText(v)).replace(/\s+/g, '').toLowerCase();
  if (YES.has(s)) return ok(true);
  if (NO.has(s)) return ok(false);
  return fail(`无法识别“${cellText(v).trim()}”，请填写“是”或“否”`);
}

// ───────────────────────────── 分类 ─────────────────────────────

const TAG_NAMES: ReadonlyMap<string, Tag> = (() => {
  const m = new Map<string, Tag>();
  for (const t of Object.keys(TAG_LABELS) as Tag[]) {
    m.set(TAG_LABELS[t], t);
    m.set(TAG_SHORT[t], t);
    m.set(TAG_LABELS[t].replace(/[(（][^)）]*[)）]/g, ''), t);
  }
  return m;
})();

/** One 分类 word → a tag; keywords cover the glossary's long forms (下岗（失业）职工党员, 与企业解除劳动合同的党员 …). */
export function tagOf(word: string): Tag | null {
  const direct = TAG_NAMES.get(word);
  if (direct) return direct;
  const w = foldWidth(word).replace(/\s+/g, '');
  const exact = TAG_NAMES.get(w);
  if (exact) return exact;
  if (/离休/.test(w) && !/离退休/.test(w)) return 'retiredCadre';
  if (/退休/.test(w)) return 'retiredWorker';
  if (/下岗|失业/.test(w)) return 'laidOff';
  if (/解除劳动|解除合同/.test(w)) return 'contractEnded';
  if (/在职|双报到|报到/.test(w)) return 'inService';
  if (/居民/.test(w)) return 'resident';
  if (/流动|流出|流入/.test(w)) return 'floating';
  return null;
}

export function parseTags(v: CellValue | undefined): Parsed<{ tags: Tag[]; hadFloating: boolean }> {
  if (isBlank(v)) return ok({ tags: [], hadFloating: false });
  const text = cellText(v);
  const words = text.split(/[、，,;；/／|｜\s\u3000]+/).filter((w) => w.length > 0);
  const tags: Tag[] = [];
  let hadFloating = false;
  const unknown: string[] = [];
  for (const w of words) {
    const t = tagOf(w);
    if (t === null) unknown.push(w);
    else if (t === 'floating') hadFloating = true;
    else if (!tags.includes(t)) tags.push(t);
  }
  if (unknown.length > 0)
    return fail(
      `无法识别的分类${unknown.map((u) => `“${u}”`).join('')}，可填：${MANUAL_TAGS.map((t) => TAG_LABELS[t]).join('、')}；多个分类用顿号分隔`,
    );
  return ok({ tags, hadFloating });
}

// ───────────────────────────── phones ─────────────────────────────

const MOBILE = /^1\d{10}$/;
const PLAIN_NUMBER = /^(1\d{10}|0\d{2,3}-\d{7,8})$/;

/** The numbers in a phone cell: "13800138000/010-12345678", "138 0013 8000", "+86 138…". Blank-like words → none. */
export function splitPhones(v: CellValue | undefined): string[] {
  if (isBlank(v)) return [];
  if (typeof v === 'number') return [numberText(v)];
  if (typeof v === 'string' && PLAIN_NUMBER.test(v)) return [v]; // 13800138000, 010-12345678
  const s = foldWidth(cellText(v)).trim();
  if (/^(无|暂无|没有|\/|-|—)$/.test(s)) return [];
  let parts = s.split(/[\/、,，;；|]+|\s{2,}|\n/).map((p) => p.trim()).filter(Boolean);
  // "13800138000 010-12345678": a single space between two complete numbers.
  parts = parts.flatMap((p) => {
    const pieces = p.split(/\s+/);
    return pieces.length > 1 && pieces.every((x) => x.replace(/\D/g, '').length >= 7) ? pieces : [p];
  });
  return parts.map((p) => {
    const digits = p.replace(/[\s-]/g, '').replace(/^(\+?86|0086)(?=1\d{10}$)/, '');
    return /^1\d{10}$/.test(digits) ? digits : collapse(p);
  });
}

const isMobile = (p: string) => MOBILE.test(p);

// ───────────────────────────── the row ─────────────────────────────

/** A text cell's content; numbers as integers where they are. */
const text = (v: CellValue | undefined): string => (v == null ? '' : typeof v === 'number' ? numberText(v) : cellText(v));

interface PlanColumn {
  index: number;
  header: string;
  field: ImportField;
  label: string;
}
interface Plan {
  cols: PlanColumn[];
  byField: Map<ImportField, PlanColumn>;
}
const plans = new WeakMap<DetectedTable, Plan>();

function planOf(table: DetectedTable): Plan {
  let p = plans.get(table);
  if (!p) {
    const cols: PlanColumn[] = [];
    for (const c of table.columns) {
      if (!c.field) continue;
      const header = c.header || HEADER_OF[c.field];
      cols.push({ index: c.index, header, field: c.field, label: `${columnLetter(c.index)} 列（${header}）` });
    }
    p = { cols, byField: new Map(cols.map((c) => [c.field, c])) };
    plans.set(table, p);
  }
  return p;
}

/**
 * One data row → the member form's input (only the fields the file has; blank → null), the branch by name,
 * suggested classifications, and every cell problem with the row number and column as the clerk sees them.
 * A field whose cell has an issue is left out of `member`: a row with issues is in error as a whole.
 */
/** Excel's error values, as the readers give them (text), and the readers' mark for a formula with no kept result. */
const EXCEL_ERROR = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|GETTING_DATA|SPILL!|CALC!|公式无结果)$/;

/** 所在党支部 as the importer reads it (the first look at every row uses this too). */
export function branchNameOf(v: CellValue | undefined): string | null {
  const b = compactCjk(foldWidth(text(v)));
  return b === '' ? null : b;
}

export function normaliseRow(row: SheetRow, table: DetectedTable, options: NormaliseOptions = {}): NormalisedRow {
  void options.today;
  const plan = planOf(table);
  const m: Partial<MemberInputRaw> = {};
  const issues: CellIssue[] = [];
  const warnings: string[] = [];
  let branchName: string | null = null;
  let floatingHint: FloatingDirection | null = null;
  let tagsHadFloating = false;
  const phones: string[] = [];
  if (row.hidden) warnings.push(`第 ${row.row} 行在表格中是隐藏的，已一并读入`);

  const issue = (c: PlanColumn, v: CellValue | undefined, message: string) =>
    issues.push({ row: row.row, columnIndex: c.index, column: c.label, value: cellText(v), message });
  const warn = (c: PlanColumn, message: string) => warnings.push(`第 ${row.row} 行 ${c.label}：${message}`);

  for (const c of plan.cols) {
    const v = row.cells[c.index];
    // A formula's error value (#N/A …), or a formula whose result the file did not keep, is never data.
    if (typeof v === 'string' && EXCEL_ERROR.test(v)) {
      issue(
        c,
        v,
        v === FORMULA_WITHOUT_RESULT
          ? '这一格是公式，文件里没有保存它的计算结果（LibreOffice 另存的 .xls 常这样）。请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入，或把公式改成数值'
          : `这一格是公式的错误值 ${v}，请在表格中改正这个公式或直接填写数值后再导入`,
      );
      continue;
    }
    switch (c.field) {
      case 'name':
        m.name = compactCjk(text(v));
        break;
      case 'idNumber': {
        const r = parseIdCell(v);
        if (r.ok) m.idNumber = r.value;
        else issue(c, v, r.message);
        break;
      }
      case 'birthDate':
      case 'joinedOn':
      case 'confirmedOn':
      case 'lostContactSince': {
        const r = parseDateCell(v);
        if (r.ok) {
          m[c.field] = r.value;
          if (r.warning) warn(c, r.warning);
        } else issue(c, v, r.message);
        break;
      }
      case 'sex': {
        if (isBlank(v)) m.sex = null; // filled from the ID by the rules
        else {
          const s = lookupCode(v!, SEX_CODES);
          if (s) m.sex = s;
          else issue(c, v, `无法识别“${cellText(v).trim()}”，性别只能填：男、女（可不填，按公民身份号码自动填写）`);
        }
        break;
      }
      case 'ethnicity': {
        if (isBlank(v)) m.ethnicity = null;
        else {
          const e = lookupCode(v!, ETHNICITY_CODES);
          if (e) m.ethnicity = e;
          else issue(c, v, `无法识别的民族“${cellText(v).trim()}”，请填写民族全称，如：汉族、回族、满族、蒙古族`);
        }
        break;
      }
      case 'education': {
        if (isBlank(v)) m.education = null;
        else {
          const e = lookupEducation(v!);
          if (e) m.education = e;
          else issue(c, v, `无法识别的学历“${cellText(v).trim()}”，可填：${list(EDUCATION_LABELS)}`);
        }
        break;
      }
      case 'membershipKind': {
        if (isBlank(v)) issue(c, v, `请填写人员类别：${list(MEMBERSHIP_KIND_LABELS)}`);
        else {
          const k = lookupCode(v!, MEMBERSHIP_CODES);
          if (k) m.membershipKind = k;
          else issue(c, v, `无法识别“${cellText(v).trim()}”，人员类别只能填：${list(MEMBERSHIP_KIND_LABELS)}`);
        }
        break;
      }
      case 'standing': {
        if (isBlank(v)) m.standing = 'normal';
        else {
          const s = lookupCode(v!, STANDING_CODES);
          if (s) m.standing = s;
          else issue(c, v, `无法识别“${cellText(v).trim()}”，党籍状态只能填：${list(STANDING_LABELS)}（不填即为正常）`);
        }
        break;
      }
      case 'floatingDirection': {
        if (isBlank(v)) m.floatingDirection = null;
        else {
          const d = lookupCode(v!, DIRECTION_CODES);
          if (d) m.floatingDirection = d;
          else issue(c, v, `无法识别“${cellText(v).trim()}”，流动方向只能填：${list(FLOATING_DIRECTION_LABELS)}`);
        }
        break;
      }
      case 'lostContact':
      case 'floating': {
        const r = parseYesNo(v);
        if (r.ok) m[c.field] = r.value;
        else if (c.field === 'floating' && typeof v === 'string' && lookupCode(v, DIRECTION_CODES)) {
          // "流出" written in 是否为流动党员: yes, and the direction with it.
          m.floating = true;
          floatingHint = lookupCode(v, DIRECTION_CODES) ?? null;
        } else issue(c, v, r.message);
        break;
      }
      case 'tags': {
        const r = parseTags(v);
        if (r.ok) {
          m.tags = r.value.tags;
          tagsHadFloating = r.value.hadFloating;
        } else issue(c, v, r.message);
        break;
      }
      case 'mobile':
      case 'phone':
        break; // both columns together, below
      case 'branch':
        branchName = branchNameOf(v);
        break;
      case 'note': {
        const t = text(v).replace(/\r\n?/g, '\n').trim();
        m.note = t === '' ? null : t;
        break;
      }
      case 'occupation':
      case 'address':
      case 'floatingDestination':
      case 'specialties':
      case 'idOverrideReason': {
        const t = collapse(text(v));
        m[c.field] = t === '' ? null : t;
        break;
      }
    }
  }

  // Phones: the mobile column (often headed 联系电话) may hold a landline, or two numbers; pool both columns.
  const mobileCol = plan.byField.get('mobile');
  const phoneCol = plan.byField.get('phone');
  if (mobileCol || phoneCol) {
    if (mobileCol) phones.push(...splitPhones(row.cells[mobileCol.index]));
    if (phoneCol) phones.push(...splitPhones(row.cells[phoneCol.index]));
    const mobiles = phones.filter(isMobile);
    const mobile = mobiles[0] ?? null;
    const rest = phones.filter((p) => p !== mobile);
    const others = rest.length > 1 ? [...new Set(rest)] : rest;
    if (mobileCol || mobile) m.mobile = mobile;
    if (phoneCol || others.length > 0) m.phone = others.length > 0 ? others.join('、') : null;
  }

  if (floatingHint && !m.floatingDirection) m.floatingDirection = floatingHint;

  if (tagsHadFloating && !plan.byField.has('floating')) {
    const c = plan.byField.get('tags')!;
    warn(c, '“流动党员”由“是否为流动党员”一列决定，本表没有这一列，分类中的“流动党员”未导入，请在名册中核对');
  }

  let suggestedTags: string[] = [];
  if (!plan.byField.has('tags')) {
    // Only tags a clerk may set: 'floating' follows 是否为流动党员 by itself (effectiveTags), and the service may
    // put these straight into `tags`, which does not accept it.
    suggestedTags = suggestTagsFromOccupation(m.occupation ?? null).filter((t) => t !== 'floating');
  }

  return { row: row.row, hidden: row.hidden, member: m, branchName, suggestedTags, issues, warnings };
}

// ───────────────────────────── which rows are data ─────────────────────────────

/** Lines below (or among) the data that are not members: totals, signatures, notes. */
const FOOTER = /^(合计|总计|小计|共计|累计|填表人|填报人|制表人|审核人|审核|负责人|单位负责人|联系人|填报日期|填表日期|制表日期|填报单位|说明|注|备注|附注|签字|盖章)\s*[:：]?|^(合计|总计|共计)|^注\s*\d|^\d+\s*[.、]\s*(本表|请|身份证|填写)/;

/**
 * False for a row that is no member: blank in every mapped column, a 合计 / 填表人 / 说明 line, a repeated header,
 * the template's instructions row. A row with an ID or a name is data (its problems are reported, not skipped),
 * unless that name cell is itself such a line.
 */
export function isDataRow(row: SheetRow, table: DetectedTable): boolean {
  const plan = planOf(table);
  const name = plan.byField.get('name');
  const id = plan.byField.get('idNumber');
  const nameText = name ? collapse(cellText(row.cells[name.index])) : '';
  const idText = id ? collapse(cellText(row.cells[id.index])) : '';
  const idLike = /\d{6,}/.test(idText.replace(/\s/g, '')) || typeof (id && row.cells[id.index]) === 'number';
  if (idLike && nameText !== '') return true; // a member (perhaps in error); footers and headers have no number there

  // A footer line: a totals or signature word in the name column, or in the first filled cell of the row
  // ("合计 | 35人" puts the count where the names are).
  if (!idLike) {
    const first = row.cells.find((v) => !isBlank(v));
    const firstText = first == null ? '' : collapse(cellText(first));
    if (FOOTER.test(nameText) || FOOTER.test(firstText)) return false;
  }

  // A repeated header (printed registers repeat it on every page) or the template's instructions row.
  let filled = 0;
  let headerLike = 0;
  let hintLike = 0;
  let meaningful = 0;
  for (const c of plan.cols) {
    const v = row.cells[c.index];
    if (isBlank(v)) continue;
    filled++;
    const t = collapse(cellText(v));
    if (t === c.header.trim() || t === HEADER_OF[c.field]) headerLike++;
    if (COLUMN_HINTS[c.field] && t === COLUMN_HINTS[c.field]) hintLike++;
    // A template's defaults (否, 正常) alone do not make a member.
    const isDefault =
      ((c.field === 'lostContact' || c.field === 'floating') && NO.has(foldWidth(t).toLowerCase())) ||
      (c.field === 'standing' && t === '正常');
    if (!isDefault) meaningful++;
  }
  if (filled > 0 && (headerLike * 2 >= filled || hintLike >= 2)) return false;
  if (nameText !== '' || idText !== '') return true;
  return meaningful > 0;
}
