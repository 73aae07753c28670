/**
 * 社区党务干部队伍结构: what the seed worries about (age too high, education too low, too few formal cadres, too
 * little training), per community and in total, from the cadres in post on a day.
 *
 *  - Age on the day, in four bands: 35岁及以下, 36—45岁, 46—55岁, 56岁及以上 (and 年龄不详 without a birth date).
 *  - Education in the groups the returns use (研究生, 大学本科, 大学专科, 中专, 高中及以下, 学历不详);
 *    大专及以上 = 研究生 + 大学本科 + 大学专科.
 *  - 正式干部: the cadre holds a formal post (在编 / 专职), as recorded.
 *  - Training: hours of the trainings whose first day falls in the year; 参训人数 = cadres with any.
 *  - Shares and averages have no value (null) with no cadre, never 0 %.
 */
import type { Education } from '../domain/labels';
import { ageOn } from './member';
import { sumHours } from './volunteerHours';

export const CADRE_AGE_BANDS: readonly { label: string; max: number }[] = [
  { label: '35岁及以下', max: 35 },
  { label: '36—45岁', max: 45 },
  { label: '46—55岁', max: 55 },
  { label: '56岁及以上', max: Infinity },
];
export const CADRE_AGE_UNKNOWN = '年龄不详';

export const CADRE_EDUCATION_GROUPS = ['研究生', '大学本科', '大学专科', '中专', '高中及以下'] as const;
export const CADRE_EDUCATION_UNKNOWN = '学历不详';
export const CADRE_COLLEGE_OR_ABOVE = '大专及以上';
export const CADRE_COLLEGE_OR_ABOVE_OF: readonly string[] = ['研究生', '大学本科', '大学专科'];

const EDUCATION_GROUP: Record<Education, (typeof CADRE_EDUCATION_GROUPS)[number]> = {
  doctorate: '研究生',
  master: '研究生',
  bachelor: '大学本科',
  college: '大学专科',
  secondaryVocational: '中专',
  highSchool: '高中及以下',
  juniorHigh: '高中及以下',
  primary: '高中及以下',
};

export function cadreAgeBand(age: number | null): string {
  if (age == null || age < 0) return CADRE_AGE_UNKNOWN;
  return CADRE_AGE_BANDS.find((b) => age <= b.max)!.label;
}

export function cadreEducationGroup(e: Education | null): string {
  return e ? EDUCATION_GROUP[e] : CADRE_EDUCATION_UNKNOWN;
}

export interface CadreFact {
  communityId: number;
  communityName: string;
  birthDate: string | null;
  education: Education | null;
  formal: boolean;
  female: boolean;
  /** Training hours in the year (any number of trainings, summed). */
  trainingHours: number;
}

export interface StructureFigures {
  cadres: number;
  female: number;
  formal: number;
  /** formal ÷ cadres, 0…1; null with no cadre. */
  formalShare: number | null;
  /** Cadres per age band label (every band present, 年龄不详 last). */
  byAge: Record<string, number>;
  /** Mean age of those with a birth date, to a tenth; null with none. */
  averageAge: number | null;
  byEducation: Record<string, number>;
  collegeOrAbove: number;
  collegeShare: number | null;
  /** Cadres with any training hours in the year. */
  trained: number;
  trainingHours: number;
  /** trainingHours ÷ cadres, to a tenth; null with no cadre. */
  averageTrainingHours: number | null;
}

export interface CommunityStructure extends StructureFigures {
  communityId: number;
  communityName: string;
}

export interface CadreStructure {
  asOf: string;
  year: number;
  total: StructureFigures;
  /** One line per community with cadres, by name. */
  byCommunity: CommunityStructure[];
}

export const AGE_LABELS: readonly string[] = [...CADRE_AGE_BANDS.map((b) => b.label), CADRE_AGE_UNKNOWN];
export const EDUCATION_LABELS_CADRE: readonly string[] = [...CADRE_EDUCATION_GROUPS, CADRE_EDUCATION_UNKNOWN];

class Acc {
  cadres = 0;
  female = 0;
  formal = 0;
  ages: number[] = [];
  byAge = Object.fromEntries(AGE_LABELS.map((l) => [l, 0])) as Record<string, number>;
  byEducation = Object.fromEntries(EDUCATION_LABELS_CADRE.map((l) => [l, 0])) as Record<string, number>;
  trained = 0;
  hours: number[] = [];
  add(c: CadreFact, asOf: string): void {
    this.cadres++;
    if (c.female) this.female++;
    if (c.formal) this.formal++;
    const age = c.birthDate && c.birthDate <= asOf ? ageOn(c.birthDate, asOf) : null;
    if (age != null) this.ages.push(age);
    this.byAge[cadreAgeBand(age)]!++;
    this.byEducation[cadreEducationGroup(c.education)]!++;
    if (c.trainingHours > 0) this.trained++;
    this.hours.push(c.trainingHours);
  }
  figures(): StructureFigures {
    const n = this.cadres;
    const college = CADRE_COLLEGE_OR_ABOVE_OF.reduce((a, l) => a + (this.byEducation[l] ?? 0), 0);
    const hours = sumHours(this.hours);
    return {
      cadres: n,
      female: this.female,
      formal: this.formal,
      formalShare: n ? this.formal / n : null,
      byAge: this.byAge,
      averageAge: this.ages.length ? Math.round((this.ages.reduce((a, x) => a + x, 0) / this.ages.length) * 10) / 10 : null,
      byEducation: this.byEducation,
      collegeOrAbove: college,
      collegeShare: n ? college / n : null,
      trained: this.trained,
      trainingHours: hours,
      averageTrainingHours: n ? Math.round((hours / n) * 10) / 10 : null,
    };
  }
}

const collator = new Intl.Collator('zh-CN');

/** The structure of the cadres in post on `asOf`, with training hours of `year`. */
export function cadreStructure(cadres: readonly CadreFact[], asOf: string, year: number): CadreStructure {
  const total = new Acc();
  const by = new Map<number, { name: string; acc: Acc }>();
  for (const c of cadres) {
    total.add(c, asOf);
    let e = by.get(c.communityId);
    if (!e) by.set(c.communityId, (e = { name: c.communityName, acc: new Acc() }));
    e.acc.add(c, asOf);
  }
  const byCommunity = [...by]
    .map(([communityId, e]) => ({ communityId, communityName: e.name, ...e.acc.figures() }))
    .sort((a, b) => collator.compare(a.communityName, b.communityName));
  return { asOf, year, total: total.figures(), byCommunity };
}
