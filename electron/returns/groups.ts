/**
 * The breakdowns of the 党内统计 tables, as column labels and the rule that puts a member in one: age bands, education
 * groups, occupation groups from 工作岗位, and join eras. Each breakdown covers everyone (a 不详 column for blanks), so
 * its columns add up to the total.
 */
import type { Education } from '../../shared/domain/labels';

export const AGE_BANDS: readonly { label: string; max: number }[] = [
  { label: '30岁及以下', max: 30 },
  { label: '31—35岁', max: 35 },
  { label: '36—40岁', max: 40 },
  { label: '41—45岁', max: 45 },
  { label: '46—50岁', max: 50 },
  { label: '51—55岁', max: 55 },
  { label: '56—60岁', max: 60 },
  { label: '61岁及以上', max: Infinity },
];
export const AGE_UNKNOWN = '年龄不详';

export function ageBand(age: number | null): string {
  if (age == null || age < 0) return AGE_UNKNOWN;
  for (const b of AGE_BANDS) if (age <= b.max) return b.label;
  return AGE_UNKNOWN;
}

export const EDUCATION_GROUPS = ['研究生', '大学本科', '大学专科', '中专', '高中及以下'] as const;
export const EDUCATION_UNKNOWN = '学历不详';
/** 大专及以上: a subtotal of the first three. */
export const COLLEGE_OR_ABOVE = '大专及以上';
export const COLLEGE_OR_ABOVE_OF: string[] = ['研究生', '大学本科', '大学专科'];

const EDUCATION_GROUP: Record<Education, (typeof EDUCATION_GROUPS)[number]> = {
  doctorate: '研究生',
  master: '研究生',
  bachelor: '大学本科',
  college: '大学专科',
  secondaryVocational: '中专',
  highSchool: '高中及以下',
  juniorHigh: '高中及以下',
  primary: '高中及以下',
};

export function educationGroup(e: Education | null): string {
  return e ? EDUCATION_GROUP[e] : EDUCATION_UNKNOWN;
}

/**
 * 工作岗位 grouped as the 党内统计 communiqué groups members: 工人, 农牧渔民, 专业技术人员, 管理人员, 党政机关工作人员,
 * 学生, 离退休人员, 其他职业人员. The field is free text (the official list offered as suggestions), so the group is
 * read from its words; blank: 岗位不详.
 */
export const OCCUPATION_GROUPS = ['工人', '农牧渔民', '专业技术人员', '管理人员', '党政机关工作人员', '学生', '离退休人员', '其他职业人员'] as const;
export const OCCUPATION_UNKNOWN = '岗位不详';

const OCCUPATION_RULES: readonly [RegExp, (typeof OCCUPATION_GROUPS)[number]][] = [
  [/离退休|退休|离休/, '离退休人员'],
  [/学生/, '学生'],
  [/党政机关|机关工作人员|公务员/, '党政机关工作人员'],
  [/专业技术|技术人员|教师|医生|医务|工程师/, '专业技术人员'],
  [/管理人员|经理|负责人|管理/, '管理人员'],
  [/工人|工勤|技能/, '工人'],
  [/农|牧|渔/, '农牧渔民'],
];

const occupationMemo = new Map<string, string>();
export function occupationGroup(occupation: string | null): string {
  const s = occupation?.trim();
  if (!s) return OCCUPATION_UNKNOWN;
  let g = occupationMemo.get(s);
  if (g === undefined) {
    g = OCCUPATION_RULES.find(([re]) => re.test(s))?.[1] ?? '其他职业人员';
    if (occupationMemo.size > 10_000) occupationMemo.clear();
    occupationMemo.set(s, g);
  }
  return g;
}

/** 入党时间 by the eras the 党内统计 tables use (新中国成立, 文革, 十一届三中全会, 十六大, 十八大, 二十大). */
export const JOIN_ERAS: readonly { label: string; before: string }[] = [
  { label: '1949年9月及以前', before: '1949-10-01' },
  { label: '1949.10—1966.4', before: '1966-05-01' },
  { label: '1966.5—1976.10', before: '1976-11-01' },
  { label: '1976.11—1978.12', before: '1979-01-01' },
  { label: '1979.1—2002.10', before: '2002-11-01' },
  { label: '2002.11—2012.10', before: '2012-11-01' },
  { label: '2012.11—2022.10', before: '2022-11-01' },
  { label: '2022.11以后', before: '9999-12-31' },
];
export const JOIN_UNKNOWN = '入党时间不详';

export function joinEra(joinedOn: string | null): string {
  if (!joinedOn) return JOIN_UNKNOWN;
  for (const e of JOIN_ERAS) if (joinedOn < e.before) return e.label;
  return JOIN_UNKNOWN;
}
