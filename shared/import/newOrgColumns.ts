/**
 * The 两新组织 register's columns in spreadsheets (lists of enterprises arrive from the market regulator, the civil
 * affairs office, the district): the fields an import fills, the names clerks give each column, and the words they
 * use for 组织类型 and 党建工作情况. Pure data and pure functions, shared by the importer and the page.
 */
import { NEW_ORG_KIND_LABELS, PARTY_WORK_LABELS, type NewOrgKind, type PartyWorkKind } from '../domain/labels';

export const NEW_ORG_IMPORT_FIELDS = [
  'name',
  'kind',
  'creditCode',
  'address',
  'community',
  'employees',
  'fullMembers',
  'probationaryMembers',
  'legalRepIsMember',
  'partyWork',
  'jointWith',
  'liaisonName',
  'hasUnion',
  'hasYouthLeague',
  'hasWomensFederation',
  'note',
] as const;
export type NewOrgImportField = (typeof NEW_ORG_IMPORT_FIELDS)[number];

export interface NewOrgColumnSpec {
  field: NewOrgImportField;
  /** The header our template writes. */
  header: string;
  synonyms: readonly string[];
  required?: boolean;
  /** The template's instructions row. */
  hint?: string;
}

export const NEW_ORG_COLUMNS: readonly NewOrgColumnSpec[] = [
  {
    field: 'name',
    header: '组织名称',
    synonyms: ['单位名称', '企业名称', '名称', '组织全称', '单位全称', '企业全称', '市场主体名称', '社会组织名称', '两新组织名称', '非公企业名称'],
    required: true,
    hint: '必填，与营业执照或登记证书一致',
  },
  {
    field: 'kind',
    header: '组织类型',
    synonyms: ['类型', '类别', '组织类别', '单位类型', '单位类别', '企业类型', '两新组织类型', '主体类型', '市场主体类型', '社会组织类型'],
    hint: '企业、社会团体、民办非企业单位、社会中介组织；空着时按名称判断',
  },
  {
    field: 'creditCode',
    header: '统一社会信用代码',
    synonyms: ['信用代码', '社会信用代码', '统一代码', '统一信用代码', '社会统一信用代码', '组织机构代码', '注册号'],
    hint: '18 位；请把这一列设为文本',
  },
  { field: 'address', header: '地址', synonyms: ['住所', '注册地址', '经营地址', '单位地址', '办公地址', '经营场所', '详细地址', '所在地址'] },
  { field: 'community', header: '所在社区', synonyms: ['社区', '所属社区', '社区名称', '属地社区', '所在社区党组织'], hint: '与组织管理中的社区党委名称一致' },
  { field: 'employees', header: '从业人员数', synonyms: ['从业人员', '职工人数', '员工人数', '从业人数', '职工数', '员工数', '人数', '在职人数'] },
  { field: 'fullMembers', header: '正式党员数', synonyms: ['正式党员', '正式党员人数', '党员数', '党员人数', '党员'] },
  { field: 'probationaryMembers', header: '预备党员数', synonyms: ['预备党员', '预备党员人数'] },
  {
    field: 'legalRepIsMember',
    header: '出资人（法定代表人）是否党员',
    synonyms: ['法定代表人是否党员', '出资人是否党员', '法人是否党员', '负责人是否党员', '法定代表人党员', '出资人党员'],
    hint: '是 / 否',
  },
  {
    field: 'partyWork',
    header: '党建工作情况',
    synonyms: ['党组织组建情况', '党组织建立情况', '组建方式', '组建情况', '党的组织覆盖', '党组织覆盖情况', '覆盖方式', '建立党组织情况', '是否建立党组织', '党组织情况'],
    hint: '单独组建、联合组建、仅建工会、党建联络员、未覆盖',
  },
  { field: 'jointWith', header: '联合组建单位', synonyms: ['联合单位', '联建单位', '联合组建的单位', '所在联合党支部'] },
  { field: 'liaisonName', header: '党建联络员', synonyms: ['联络员', '党建指导员', '党建工作指导员', '联络员姓名'] },
  { field: 'hasUnion', header: '是否建立工会', synonyms: ['工会', '建立工会', '是否建工会', '工会组织'], hint: '是 / 否' },
  { field: 'hasYouthLeague', header: '是否建立共青团', synonyms: ['共青团', '团组织', '建立团组织', '是否建立团组织', '是否建团'], hint: '是 / 否' },
  { field: 'hasWomensFederation', header: '是否建立妇联', synonyms: ['妇联', '妇女组织', '建立妇联', '是否建立妇女组织'], hint: '是 / 否' },
  { field: 'note', header: '备注', synonyms: ['说明'] },
];

export const NEW_ORG_IMPORT_LABELS: Record<NewOrgImportField, string> = Object.fromEntries(NEW_ORG_COLUMNS.map((c) => [c.field, c.header])) as Record<
  NewOrgImportField,
  string
>;

const fold = (s: string) =>
  s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .replace(/[(（\[【][^)）\]】]*[)）\]】]/g, '');

/**
 * 组织类型 as written → the kind: the labels, the usual words, the forms of enterprise the regulator lists
 * (有限责任公司、个人独资企业 …), the forms of social organisation (协会、商会、民办学校 …). Null when nothing fits.
 */
export function newOrgKindOf(text: string): NewOrgKind | null {
  const s = fold(text);
  if (!s) return null;
  for (const k of Object.keys(NEW_ORG_KIND_LABELS) as NewOrgKind[]) if (s === NEW_ORG_KIND_LABELS[k]) return k;
  if (/民办非企业|民非|社会服务机构|民办(学校|医院|幼儿园|养老)/.test(s)) return 'privateNonEnterprise';
  if (/社会中介|中介|事务所|律师|会计|审计|评估|代理|经纪|咨询|公证|鉴定/.test(s)) return 'intermediary';
  if (/社会团体|社团|协会|学会|商会|研究会|促进会|联合会|联谊会|基金会/.test(s)) return 'socialGroup';
  if (/企业|公司|有限|股份|合伙|个体|工商户|独资|厂|店|非公/.test(s)) return 'enterprise';
  return null;
}

/** The kind an organisation's name suggests (…有限公司 → 企业), when the kind column is blank. */
export function newOrgKindFromName(name: string): NewOrgKind | null {
  const s = fold(name);
  if (/(事务所|评估|代理|经纪|咨询|公证处|鉴定)/.test(s) && /(所|公司|处|中心)$/.test(s)) return 'intermediary';
  if (/(协会|学会|商会|研究会|促进会|联合会|联谊会|基金会)$/.test(s)) return 'socialGroup';
  if (/(民办|社会服务).*(学校|幼儿园|医院|养老院|中心)$|(培训学校|幼儿园|养老院|服务中心)$/.test(s)) return 'privateNonEnterprise';
  if (/(公司|企业|厂|店|合作社|商行|经营部|门市部)$|(有限|合伙)/.test(s)) return 'enterprise';
  return null;
}

const WORK_WORDS: Record<PartyWorkKind, readonly string[]> = {
  own: ['单独组建', '单建', '独立组建', '单独建立', '已单独组建', '单独建立党组织', '建立党组织', '已建立党组织', '已建', '单独'],
  joint: ['联合组建', '联建', '联合建立', '已联合组建', '联合', '联合党支部'],
  unionOnly: ['仅建工会', '工会', '只建工会', '通过工会', '依托工会'],
  liaisonOnly: ['党建联络员', '联络员', '选派党建联络员', '派驻党建联络员', '党建指导员', '党建工作指导员', '选派党建指导员'],
  none: ['未覆盖', '无', '未建', '未建立', '没有', '未组建', '否', '空白'],
};
const WORK_LOOKUP: ReadonlyMap<string, PartyWorkKind> = new Map(
  (Object.keys(WORK_WORDS) as PartyWorkKind[]).flatMap((k) => [PARTY_WORK_LABELS[k], ...WORK_WORDS[k]].map((w) => [w, k] as const)),
);

/** 党建工作情况 as written → the kind of Party work; null when nothing fits. */
export function partyWorkOf(text: string): PartyWorkKind | null {
  const s = fold(text);
  if (!s) return null;
  const direct = WORK_LOOKUP.get(s);
  if (direct) return direct;
  if (/未|无|没有/.test(s)) return 'none';
  if (/联合/.test(s)) return 'joint';
  if (/单独|独立/.test(s)) return 'own';
  if (/联络员|指导员/.test(s)) return 'liaisonOnly';
  if (/工会/.test(s)) return 'unionOnly';
  return null;
}

export const NEW_ORG_KIND_CHOICES = Object.values(NEW_ORG_KIND_LABELS).join('、');
export const PARTY_WORK_CHOICES = Object.values(PARTY_WORK_LABELS).join('、');
