/**
 * The organisation list's columns in spreadsheets (districts send their 党组织 lists as Excel): the fields an
 * organisation import fills, the names clerks give each column, and the words they use for 组织类别.
 * Pure data and one pure function, shared by the importer (mapping, normalising) and the page (what is accepted).
 */
import { ORG_KIND_LABELS, type OrgKind } from '../domain/labels';

export const ORG_IMPORT_FIELDS = [
  'name',
  'kind',
  'parent',
  'secretary',
  'contactPhone',
  'foundedOn',
  'foundingDocNo',
  'units',
  'electedOn',
  'termYears',
  'note',
] as const;
export type OrgImportField = (typeof ORG_IMPORT_FIELDS)[number];

export interface OrgColumnSpec {
  field: OrgImportField;
  /** The header as the organisation record names it. */
  header: string;
  /** Other headers clerks and district systems use (compared after normaliseHeader). */
  synonyms: readonly string[];
  required?: boolean;
}

/**
 * In the order of the organisation record. A name is given to one column only: "党组织名称" is the
 * organisation's own name, "上级党组织名称" its parent's (the longer header wins when one contains another).
 */
export const ORG_COLUMNS: readonly OrgColumnSpec[] = [
  {
    field: 'name',
    header: '组织名称',
    synonyms: ['党组织名称', '名称', '党组织全称', '组织全称', '党组织', '基层党组织名称', '支部名称', '党支部名称', '单位党组织名称'],
    required: true,
  },
  {
    field: 'kind',
    header: '组织类别',
    synonyms: ['党组织类别', '类别', '组织类型', '党组织类型', '类型', '组织形式', '党组织形式', '组织性质', '党组织性质', '组织级别'],
    required: true,
  },
  {
    field: 'parent',
    header: '上级组织',
    synonyms: [
      '上级党组织', '隶属组织', '隶属党组织', '上级组织名称', '上级党组织名称', '所属上级组织', '所属上级党组织', '所属党组织',
      '所属组织', '上级党委', '隶属关系', '上级', '所属上级', '上级单位', '上级党组织全称',
    ],
    required: true,
  },
  { field: 'secretary', header: '书记', synonyms: ['党组织书记', '书记姓名', '党组织书记姓名', '支部书记', '党支部书记', '负责人', '党组织负责人'] },
  { field: 'contactPhone', header: '联系电话', synonyms: ['电话', '联系方式', '办公电话', '书记电话', '书记联系电话', '党组织联系电话'] },
  { field: 'foundedOn', header: '建立日期', synonyms: ['成立日期', '成立时间', '建立时间', '组建日期', '组建时间', '党组织成立时间', '党组织建立日期', '批准日期'] },
  { field: 'foundingDocNo', header: '建立文号', synonyms: ['批准文号', '成立文号', '组建文号', '批复文号', '文号', '建立批准文号'] },
  { field: 'units', header: '所在单位', synonyms: ['单位名称', '所在单位名称', '单位', '依托单位', '所属单位', '组建单位', '覆盖单位', '联合单位'] },
  { field: 'electedOn', header: '选举日期', synonyms: ['换届日期', '换届时间', '选举时间', '本届选举日期', '当选日期', '届次开始日期'] },
  { field: 'termYears', header: '任期（年）', synonyms: ['任期', '任期年限', '每届任期'] },
  { field: 'note', header: '备注', synonyms: ['说明'] },
];

/** At most this many units in 所在单位 (联合党支部: "at most 5 units", the practice the rules follow). */
export const MAX_IMPORT_UNITS = 5;

/** The words clerks write in 组织类别, beside the labels themselves. */
const KIND_WORDS: Record<OrgKind, readonly string[]> = {
  streetCommittee: ['街道党工委', '党工委', '街道党委', '街道工委', '党工作委员会', '街道党工作委员会'],
  communityCommittee: ['社区党委', '党委', '社区党委会', '基层党委', '社区党组织委员会'],
  generalBranch: ['党总支', '总支', '总支部', '党总支部', '党总支部委员会', '总支部委员会', '社区党总支'],
  branch: ['党支部', '支部', '党支部委员会', '支部委员会', '基层党支部', '社区党支部', '独立党支部', '单独组建'],
  jointBranch: ['联合党支部', '联合支部', '联合组建', '联合党支部委员会'],
  retiredBranch: ['离退休党支部', '离退休支部', '离退休党员党支部', '离休干部党支部', '离休党支部', '退休党支部', '退休党员党支部', '老干部党支部'],
  floatingBranch: ['流动党员党支部', '流动党支部', '流动支部', '流动党员支部'],
  compositeBranch: ['综合党支部', '综合支部'],
  group: ['党小组', '小组'],
};

const KIND_LOOKUP: ReadonlyMap<string, OrgKind> = new Map(
  (Object.keys(KIND_WORDS) as OrgKind[]).flatMap((k) => [ORG_KIND_LABELS[k], ...KIND_WORDS[k]].map((w) => [w, k] as const)),
);

/**
 * 组织类别 as written → the kind, leniently: the label or a common word ("支部", "总支部", "党工委"), with a code
 * prefix ("3-党支部"), "中共" or a bracketed remark around it; failing that, the kind a longer phrase ends in
 * ("非公企业联合党支部" → 联合党支部). Null when nothing fits.
 */
export function orgKindOf(text: string): OrgKind | null {
  let s = text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '');
  if (!s) return null;
  s = s
    .replace(/^[0-9A-Za-z]{1,8}[_\-—.、:：|]/, '')
    .replace(/^\d{1,8}(?=[\u3400-\u9fff])/, '')
    .replace(/[(（\[【][^)）\]】]*[)）\]】]/g, '')
    .replace(/^(中国共产党|中共)/, '');
  const direct = KIND_LOOKUP.get(s);
  if (direct) return direct;
  if (/小组$/.test(s)) return 'group';
  if (/支部(委员会)?$/.test(s) && !/总支部(委员会)?$/.test(s)) {
    if (/联合/.test(s)) return 'jointBranch';
    if (/离退休|离休|退休|老干部/.test(s)) return 'retiredBranch';
    if (/流动/.test(s)) return 'floatingBranch';
    if (/综合/.test(s)) return 'compositeBranch';
    return 'branch';
  }
  if (/总支(部)?(委员会)?$/.test(s)) return 'generalBranch';
  if (/(党工委|工作委员会)$/.test(s)) return 'streetCommittee';
  if (/党委(员会)?$/.test(s)) return 'communityCommittee';
  return null;
}

/** What 组织类别 accepts, for messages: the labels. */
export const ORG_KIND_CHOICES = Object.values(ORG_KIND_LABELS).join('、');
