import { z } from 'zod';
import {
  EDUCATIONS,
  ETHNICITIES,
  EXIT_REASONS,
  FLOATING_DIRECTIONS,
  MANUAL_TAGS,
  MEMBERSHIP_KINDS,
  SEXES,
  STANDINGS,
  type Tag,
} from '../domain/labels';
import { isRealDate, parseIdNumber, todayIso } from './idNumber';

/** An ISO calendar date, YYYY-MM-DD, that exists. */
export const isoDate = z
  .string()
  .max(10)
  .refine((s) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
  }, '日期格式应为 年-月-日，例如 2003-07-01');

const optText = (max: number) =>
  z
    .string()
    .max(max, `不能超过 ${max} 个字`)
    .transform((s) => s.trim())
    .transform((s) => (s === '' ? null : s))
    .nullable();

/** The member record as the form and the services exchange it: the official 16 items, tags, specialties, notes. */
export const memberInput = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(40, '姓名不能超过 40 个字'),
  sex: z.enum(SEXES).nullable(),
  ethnicity: z.enum(ETHNICITIES).nullable(),
  idNumber: z.string().max(40, '公民身份号码太长'),
  /** Present only when the clerk explicitly saves a number that fails the check. */
  idOverrideReason: optText(200),
  birthDate: isoDate.nullable(),
  education: z.enum(EDUCATIONS).nullable(),
  membershipKind: z.enum(MEMBERSHIP_KINDS),
  branchId: z.number().int().positive().nullable(),
  joinedOn: isoDate.nullable(),
  confirmedOn: isoDate.nullable(),
  occupation: optText(60),
  mobile: optText(30),
  phone: optText(30),
  address: optText(200),
  standing: z.enum(STANDINGS),
  lostContact: z.boolean(),
  lostContactSince: isoDate.nullable(),
  floating: z.boolean(),
  floatingDirection: z.enum(FLOATING_DIRECTIONS).nullable(),
  floatingDestination: optText(200),
  tags: z.array(z.enum(MANUAL_TAGS as [Tag, ...Tag[]])).max(10),
  specialties: optText(200),
  note: optText(2000),
});
export type MemberInput = z.infer<typeof memberInput>;
/** What the form holds before parsing (strings may be empty). */
export type MemberInputRaw = z.input<typeof memberInput>;

export const exitInput = z.object({
  id: z.number().int().positive(),
  reason: z.enum(EXIT_REASONS),
  date: isoDate,
  note: optText(500),
});
export type ExitInput = z.infer<typeof exitInput>;

export type FieldErrors = Partial<Record<keyof MemberInput, string>>;

/** No probation in this period: equal 加入 and 转正 dates are legitimate (1969-04-01 … 1977-08-11). */
export const NO_PROBATION_FROM = '1969-04-01';
export const NO_PROBATION_TO = '1977-08-11';

/**
 * The rules of the record that need no database: the ID's check digit and what it says of sex and birth,
 * date order, dependent fields. Returns the record with sex / birth date filled from the ID where blank,
 * and the errors by field (Chinese, saying what to fix). The services add what needs the database
 * (duplicate ID, branch exists).
 */
export function checkMember(input: MemberInput, today: string = todayIso()): {
  value: MemberInput & { idStatus: 'valid' | 'legacy15' | 'override' };
  errors: FieldErrors;
} {
  const errors: FieldErrors = {};
  const v = { ...input, idStatus: 'valid' as 'valid' | 'legacy15' | 'override' };
  const id = parseIdNumber(input.idNumber, today);
  v.idNumber = id.normalised;
  let idSex = id.sex;
  let idBirth = id.birthDate;
  if (id.ok) {
    v.idStatus = id.form === 'legacy15' ? 'legacy15' : 'valid';
    v.idOverrideReason = null;
  } else if ((id.problem === 'checksum' || id.problem === 'birthDate') && input.idOverrideReason) {
    v.idStatus = 'override';
  } else {
    errors.idNumber =
      id.problem === 'checksum' || id.problem === 'birthDate'
        ? `${id.message}；如已核对证件原件确认无误，可勾选“仍按此号码保存”并写明原因`
        : id.message;
    idSex = undefined;
    idBirth = undefined;
  }
  if (idSex) {
    if (v.sex == null) v.sex = idSex;
    else if (v.sex !== idSex) errors.sex = `与公民身份号码不符：号码显示为${idSex === 'male' ? '男' : '女'}`;
  }
  if (idBirth) {
    if (v.birthDate == null) v.birthDate = idBirth;
    else if (v.birthDate !== idBirth) errors.birthDate = `与公民身份号码不符：号码中的出生日期是 ${idBirth}`;
  }
  if (v.sex == null && !errors.sex) errors.sex = '请选择性别';
  if (v.birthDate && v.birthDate > today) errors.birthDate = '出生日期不能晚于今天';

  if (v.joinedOn) {
    if (v.joinedOn > today) errors.joinedOn = '加入党组织日期不能晚于今天';
    else if (v.birthDate && v.joinedOn < addYears(v.birthDate, 18))
      errors.joinedOn = '加入党组织时应年满 18 周岁，请核对加入党组织日期和出生日期';
  }
  if (v.membershipKind === 'probationary' && v.confirmedOn) {
    errors.confirmedOn = '预备党员还没有转为正式党员日期；如已转正，请把人员类别改为正式党员';
  }
  if (v.confirmedOn) {
    if (v.confirmedOn > today) errors.confirmedOn = '转为正式党员日期不能晚于今天';
    else if (!v.joinedOn) errors.joinedOn = '填写了转为正式党员日期时，也要填写加入党组织日期';
    else if (v.confirmedOn < v.joinedOn) errors.confirmedOn = '转为正式党员日期应晚于加入党组织日期';
    else if (v.confirmedOn === v.joinedOn && !(v.joinedOn >= NO_PROBATION_FROM && v.joinedOn <= NO_PROBATION_TO))
      errors.confirmedOn = '转为正式党员日期应晚于加入党组织日期（两者相同只适用于 1969年4月1日至1977年8月11日入党的党员）';
  }
  if (v.lostContact) {
    if (!v.lostContactSince) errors.lostContactSince = '请填写失去联系日期';
    else if (v.lostContactSince > today) errors.lostContactSince = '失去联系日期不能晚于今天';
  } else v.lostContactSince = null;
  if (v.floating) {
    if (!v.floatingDirection) v.floatingDirection = 'outflow';
    if (v.floatingDirection === 'outflow' && !v.floatingDestination)
      errors.floatingDestination = '流出党员请填写外出流向';
  } else {
    v.floatingDirection = null;
    v.floatingDestination = null;
  }
  return { value: v, errors };
}

/** 'floating' follows 是否为流动党员; the other tags are the clerk's choice. */
export function effectiveTags(input: Pick<MemberInput, 'tags' | 'floating'>): Tag[] {
  const set = new Set<Tag>(input.tags.filter((t) => t !== 'floating'));
  if (input.floating) set.add('floating');
  return [...set];
}

export function addYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  const md = iso.slice(5);
  return md === '02-29' ? `${y}-02-28` : `${y}-${md}`;
}

export function ageOn(birthDate: string, on: string): number {
  let age = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (on.slice(5) < birthDate.slice(5)) age -= 1;
  return age;
}

/** A new member's record before anything is filled in: the defaults the form and the importer start from. */
export function blankMemberInput(): MemberInput {
  return {
    name: '',
    sex: null,
    ethnicity: null,
    idNumber: '',
    idOverrideReason: null,
    birthDate: null,
    education: null,
    membershipKind: 'full',
    branchId: null,
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
  };
}

const INPUT_KEYS = Object.keys(memberInput.shape) as (keyof MemberInput)[];

/** A stored member as the form (or an import) sends it back: the record's fields, the derived tag dropped. */
export function toMemberInput(m: { [K in keyof MemberInput]: unknown } & { tags: readonly Tag[] }): MemberInput {
  const out = Object.fromEntries(INPUT_KEYS.map((k) => [k, m[k]])) as MemberInput;
  out.tags = m.tags.filter((t) => t !== 'floating');
  return out;
}
