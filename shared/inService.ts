/**
 * 在职党员到社区报到（双报到）: members employed elsewhere who live here register with their community (报到), serve
 * on a post (服务岗位) and in activities (服务记录), and the community reports back to their employer's Party
 * organisation on a feedback sheet (居住地表现反馈表) per period — the inputs the main process parses and the
 * records it returns (listed in contract.ts).
 */
import { z } from 'zod';
import { ASSESSMENT_GRADES, MEMBERSHIP_KINDS, SEXES, type AssessmentGrade, type MembershipKind } from './domain/labels';
import { isoDate } from './rules/member';

const id = z.number().int().positive();

const text = (max: number, label: string) =>
  z
    .string()
    .max(max, `${label}不能超过 ${max} 个字`)
    .transform((s) => s.trim())
    .transform((s) => (s === '' ? null : s))
    .nullable();

const required = (max: number, label: string) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字`);

/** A new in-service member, not in the register yet: added to it (分类: 在职党员) with the registration. */
export const newInServiceMemberInput = z
  .object({
    name: required(40, '姓名'),
    idNumber: z.string().trim().min(1, '请填写公民身份号码').max(40, '公民身份号码太长'),
    sex: z.enum(SEXES).nullable().optional(),
    membershipKind: z.enum(MEMBERSHIP_KINDS, '请选择正式党员或预备党员'),
    mobile: text(30, '手机号码').optional(),
    address: text(200, '家庭住址').optional(),
  })
  .strict();

const registrationFields = {
  registeredOn: isoDate,
  /** 工作单位. */
  employer: required(100, '工作单位'),
  /** 单位党组织: where the member's relation is (the feedback sheet goes there). */
  employerPartyOrg: required(100, '单位党组织'),
  /** 服务岗位 the member chose (政策宣传、治安巡逻、环境整治、关爱帮扶 …). */
  post: text(100, '服务岗位').optional(),
  specialty: text(100, '特长').optional(),
  note: text(1000, '备注').optional(),
};

export const registrationInput = z
  .object({
    /** A member of the register; or null with newMember. */
    memberId: id.nullable(),
    newMember: newInServiceMemberInput.optional(),
    /** The community (社区党委) reported to. */
    communityId: id,
    ...registrationFields,
  })
  .strict();
export type RegistrationInput = z.output<typeof registrationInput>;

export const registrationUpdateInput = z
  .object({
    id,
    ...registrationFields,
    /** 报到结束 (moved away, left the post); null while registered. */
    endedOn: isoDate.nullable().optional(),
  })
  .strict();
export type RegistrationUpdateInput = z.output<typeof registrationUpdateInput>;

export const inServiceListQuery = z
  .object({
    q: z.string().max(40, '搜索内容太长').optional(),
    communityId: id.optional(),
    status: z.enum(['active', 'ended', 'all']).default('active'),
    /** The year the service totals are counted for (default: this year). */
    year: z.number().int().min(2000).max(2100).optional(),
  })
  .strict();
export type InServiceListQuery = z.output<typeof inServiceListQuery>;

export const serviceRecordInput = z
  .object({
    id: id.optional(),
    registrationId: id,
    date: isoDate,
    /** The post or the activity served in. */
    post: required(100, '服务岗位或活动'),
    hours: z
      .number()
      .min(0.5, '服务时长至少半小时')
      .max(24, '一次服务不能超过 24 小时')
      .refine((h) => Number.isInteger(h * 2), '时长按半小时计，例如 2 或 2.5'),
    content: required(1000, '服务内容'),
  })
  .strict();
export type ServiceRecordInput = z.output<typeof serviceRecordInput>;

/** A feedback period: a year (2026), or its first or second half (2026-H1, 2026-H2). */
export const feedbackPeriod = z.string().regex(/^(20\d\d|2100)(-H[12])?$/, '反馈期间应为年度（如 2026）或半年（如 2026-H1）');

export function periodRange(period: string): { from: string; to: string } {
  const y = period.slice(0, 4);
  if (period.endsWith('-H1')) return { from: `${y}-01-01`, to: `${y}-06-30` };
  if (period.endsWith('-H2')) return { from: `${y}-07-01`, to: `${y}-12-31` };
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

export function periodLabel(period: string): string {
  const y = period.slice(0, 4);
  if (period.endsWith('-H1')) return `${y}年上半年`;
  if (period.endsWith('-H2')) return `${y}年下半年`;
  return `${y}年度`;
}

export const feedbackInput = z
  .object({
    registrationId: id,
    period: feedbackPeriod,
    grade: z.enum(ASSESSMENT_GRADES, '请选择评价等次'),
    /** 社区党组织意见. */
    comment: required(1000, '社区评价意见'),
    assessedOn: isoDate,
    assessor: text(40, '填表人').optional(),
  })
  .strict();
export type FeedbackInput = z.output<typeof feedbackInput>;

export interface InServiceRow {
  id: number;
  memberId: number;
  name: string;
  idNumberMasked: string;
  mobile: string | null;
  membershipKind: MembershipKind;
  /** The member has left the register (转出、去世 …). */
  memberLeft: boolean;
  communityId: number;
  communityName: string;
  registeredOn: string;
  employer: string;
  employerPartyOrg: string;
  post: string | null;
  specialty: string | null;
  endedOn: string | null;
  note: string | null;
  /** Service records and hours in the year asked for. */
  year: number;
  yearRecords: number;
  yearHours: number;
  lastServiceOn: string | null;
}

export interface ServiceRecord {
  id: number;
  registrationId: number;
  date: string;
  post: string;
  hours: number;
  content: string;
}

export interface FeedbackEntry {
  period: string;
  periodLabel: string;
  grade: AssessmentGrade;
  comment: string;
  assessedOn: string;
  assessor: string | null;
}

export interface InServiceRegistration extends InServiceRow {
  records: ServiceRecord[];
  /** Per year, newest first. */
  yearly: { year: number; records: number; hours: number }[];
  feedback: FeedbackEntry[];
}

/** 居住地表现反馈表: one member, one period — what the print preview, the PDF and the list show. */
export interface FeedbackSheet {
  registration: InServiceRow;
  sex: 'male' | 'female' | null;
  birthDate: string | null;
  period: string;
  periodLabel: string;
  from: string;
  to: string;
  records: ServiceRecord[];
  recordCount: number;
  hours: number;
  feedback: FeedbackEntry | null;
  /** The street committee that signs (the root of the tree), when recorded. */
  issuer: string | null;
}

/** One line of the period's list (and of its Excel file). */
export interface FeedbackListRow {
  registrationId: number;
  name: string;
  employer: string;
  employerPartyOrg: string;
  communityName: string;
  post: string | null;
  recordCount: number;
  hours: number;
  grade: AssessmentGrade | null;
  comment: string | null;
  assessedOn: string | null;
}

export const IN_SERVICE_FIELD_LABELS: Record<string, string> = {
  memberId: '党员',
  communityId: '报到社区',
  registeredOn: '报到日期',
  employer: '工作单位',
  employerPartyOrg: '单位党组织',
  post: '服务岗位',
  specialty: '特长',
  endedOn: '结束日期',
  note: '备注',
  date: '服务日期',
  hours: '服务时长',
  content: '服务内容',
  period: '反馈期间',
  grade: '评价等次',
  comment: '社区评价意见',
  assessedOn: '填表日期',
  assessor: '填表人',
};
