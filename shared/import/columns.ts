/**
 * The member register's columns in spreadsheets: the official 16-item order (党员基本信息采集表 and the
 * district's summary sheet), the names clerks give each column, and the layout of our template and export.
 * Pure data, shared by the importer (mapping), the writer (template, export) and the page (manual mapping).
 */

/** The fields a spreadsheet column can fill. 'branch' is the branch's name (resolved to an organisation). */
export const IMPORT_FIELDS = [
  'name',
  'sex',
  'ethnicity',
  'idNumber',
  'birthDate',
  'education',
  'membershipKind',
  'branch',
  'joinedOn',
  'confirmedOn',
  'occupation',
  'mobile',
  'phone',
  'address',
  'standing',
  'lostContact',
  'lostContactSince',
  'floating',
  'floatingDirection',
  'floatingDestination',
  'tags',
  'specialties',
  'note',
  'idOverrideReason',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export interface ColumnSpec {
  field: ImportField;
  /** The header our template and export write: the official wording. */
  header: string;
  /** Other headers clerks and older systems use for the same column (compared after normaliseHeader). */
  synonyms: readonly string[];
  /** A column the template marks as required. */
  required?: boolean;
  kind: 'text' | 'date' | 'code' | 'yesNo' | 'idNumber' | 'list';
  /** Width in the template, in characters. */
  width: number;
}

/** In the official order; the template and the export write exactly these columns, in this order. */
export const COLUMNS: readonly ColumnSpec[] = [
  { field: 'name', header: '姓名', synonyms: ['党员姓名', '名字', '姓名（必填）'], required: true, kind: 'text', width: 10 },
  { field: 'sex', header: '性别', synonyms: [], kind: 'code', width: 6 },
  { field: 'ethnicity', header: '民族', synonyms: [], kind: 'code', width: 8 },
  {
    field: 'idNumber',
    header: '公民身份号码',
    synonyms: ['身份证', '身份证号', '身份证号码', '公民身份证号', '公民身份证号码', '身份证件号码', '证件号码', '身份号码', '公民身份号', '居民身份证号码'],
    required: true,
    kind: 'idNumber',
    width: 22,
  },
  { field: 'birthDate', header: '出生日期', synonyms: ['出生年月', '出生时间', '出生年月日'], kind: 'date', width: 12 },
  { field: 'education', header: '学历', synonyms: ['文化程度', '最高学历', '学历学位'], kind: 'code', width: 10 },
  { field: 'membershipKind', header: '人员类别', synonyms: ['党员类别', '党员类型', '党员身份', '政治面貌'], required: true, kind: 'code', width: 10 },
  { field: 'branch', header: '所在党支部', synonyms: ['党支部', '所在支部', '支部', '支部名称', '所在党组织', '党组织名称', '所属党支部', '所属支部'], kind: 'code', width: 24 },
  { field: 'joinedOn', header: '加入党组织日期', synonyms: ['入党时间', '入党日期', '入党年月', '加入党组织时间'], kind: 'date', width: 14 },
  { field: 'confirmedOn', header: '转为正式党员日期', synonyms: ['转正时间', '转正日期', '转正年月', '转为正式党员时间'], kind: 'date', width: 16 },
  { field: 'occupation', header: '工作岗位', synonyms: ['岗位', '职业', '工作单位及职务', '现工作岗位'], kind: 'text', width: 18 },
  { field: 'mobile', header: '手机号码', synonyms: ['手机', '联系电话', '电话', '联系方式', '手机号', '移动电话', '联系手机'], kind: 'text', width: 14 },
  { field: 'phone', header: '固定电话', synonyms: ['座机', '家庭电话', '固话', '办公电话', '住宅电话'], kind: 'text', width: 14 },
  { field: 'address', header: '家庭住址', synonyms: ['住址', '家庭地址', '现居住地', '现居住地址', '居住地址', '现住址'], kind: 'text', width: 28 },
  { field: 'standing', header: '党籍状态', synonyms: [], kind: 'code', width: 10 },
  { field: 'lostContact', header: '是否为失联党员', synonyms: ['是否失联', '失联党员', '是否失联党员', '失联'], kind: 'yesNo', width: 10 },
  { field: 'lostContactSince', header: '失去联系日期', synonyms: ['失联日期', '失联时间', '失去联系时间'], kind: 'date', width: 12 },
  { field: 'floating', header: '是否为流动党员', synonyms: ['是否流动', '流动党员', '是否流动党员'], kind: 'yesNo', width: 10 },
  { field: 'floatingDirection', header: '流动方向', synonyms: ['流出流入'], kind: 'code', width: 8 },
  { field: 'floatingDestination', header: '外出流向', synonyms: ['流向', '流出地', '外出地点', '流动去向'], kind: 'text', width: 20 },
  { field: 'tags', header: '分类', synonyms: ['党员分类', '分类管理', '分类类别'], kind: 'list', width: 20 },
  { field: 'specialties', header: '特长', synonyms: ['专长', '特长爱好'], kind: 'text', width: 14 },
  { field: 'note', header: '备注', synonyms: ['说明'], kind: 'text', width: 20 },
  { field: 'idOverrideReason', header: '号码校验例外说明', synonyms: [], kind: 'text', width: 20 },
];

/** Headers as clerks type them: no spaces or line breaks, no asterisks or "（必填）", full-width brackets folded. */
export function normaliseHeader(h: string): string {
  return h
    .replace(/[\s\u3000]+/g, '')
    .replace(/[*＊]/g, '')
    .replace(/[（(]\s*(必填|选填|可选|必填项)\s*[)）]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .trim();
}

/** Header text (normalised) → field, for every official header and synonym. */
export const HEADER_TO_FIELD: ReadonlyMap<string, ImportField> = new Map(
  COLUMNS.flatMap((c) => [c.header, ...c.synonyms].map((h) => [normaliseHeader(h), c.field] as const)),
);

/** The template's instructions row (under the header), one line per column where it helps. */
export const COLUMN_HINTS: Partial<Record<ImportField, string>> = {
  name: '必填',
  sex: '男/女；可不填，按身份证号码自动填写',
  idNumber: '必填；18 位，最后一位可为 X；请保持文本格式',
  birthDate: '如 1980-01-01；可不填，按身份证号码自动填写',
  membershipKind: '必填：正式党员 / 预备党员',
  branch: '从下拉列表选择，或填写党支部全称',
  joinedOn: '如 2003-07-01',
  confirmedOn: '预备党员不填',
  lostContact: '是/否',
  floating: '是/否',
  floatingDirection: '流出/流入',
  tags: '可填多个，用顿号分隔，如：居民党员、退休职工党员',
  idOverrideReason: '号码校验不通过但已核对证件时填写原因',
};
