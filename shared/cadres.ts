/**
 * 社区党务干部队伍: each cadre (a register member, or a person named here), post, community, formal cadre or not,
 * birth date, education, start date; training and rotation records (培训、轮训); and the structure of the team
 * (shared/rules/cadreStructure.ts) — the inputs the main process parses and the records it returns.
 */
import { z } from 'zod';
import { EDUCATIONS, SEXES, TRAINING_KINDS, type Education, type TrainingKind } from './domain/labels';
import { isoDate } from './rules/member';
import type { CadreStructure } from './rules/cadreStructure';

const id = z.number().int().positive();

const text = (max: number, label: string) =>
  z
    .string()
    .max(max, `${label}不能超过 ${max} 个字`)
    .transform((s) => s.trim())
    .transform((s) => (s === '' ? null : s))
    .nullable();

const required = (max: number, label: string) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字`);

/** 职务 offered on the form (free text is allowed). */
export const CADRE_POSTS = ['社区党委书记', '社区党委副书记', '社区党委委员', '党总支书记', '党支部书记', '专职党务工作者', '党建指导员', '社区工作者'] as const;

/**
 * A cadre. With memberId, name, sex, birth date and education are the register's (what is sent for them is
 * ignored); without, they are recorded here.
 */
export const cadreInput = z
  .object({
    memberId: id.nullable(),
    name: text(40, '姓名').optional(),
    sex: z.enum(SEXES).nullable().optional(),
    birthDate: isoDate.nullable().optional(),
    education: z.enum(EDUCATIONS).nullable().optional(),
    post: required(40, '职务'),
    communityId: id,
    /** 是否正式干部 (在编 / 专职). */
    formal: z.boolean('请选择是否为正式干部'),
    startedOn: isoDate,
    /** 离任日期. */
    leftOn: isoDate.nullable().optional(),
    phone: text(30, '联系电话')
      .refine((s) => s == null || /^[0-9+\-()（） 转]+$/.test(s), '联系电话只能填写数字、“-”和“转”')
      .optional(),
    note: text(500, '备注').optional(),
  })
  .strict();
export type CadreInput = z.output<typeof cadreInput>;
export const cadreSaveInput = z.object({ id: id.optional(), cadre: cadreInput, expectedVersion: z.number().int().nonnegative().optional() }).strict();

export const CADRE_STATUSES = ['current', 'left', 'all'] as const;
export const cadreListQuery = z
  .object({
    q: z.string().max(40, '搜索内容太长').optional(),
    communityId: id.optional(),
    formal: z.boolean().optional(),
    status: z.enum(CADRE_STATUSES).default('current'),
  })
  .strict();
export type CadreListQuery = z.output<typeof cadreListQuery>;

export interface CadreRow {
  id: number;
  memberId: number | null;
  name: string;
  sex: 'male' | 'female' | null;
  birthDate: string | null;
  /** Age today. */
  age: number | null;
  education: Education | null;
  post: string;
  communityId: number;
  communityName: string;
  formal: boolean;
  startedOn: string;
  leftOn: string | null;
  trainingHoursThisYear: number;
  phoneMasked: string | null;
}

export interface Training {
  id: number;
  kind: TrainingKind;
  course: string;
  organiser: string | null;
  startOn: string;
  endOn: string;
  hours: number;
  certificate: string | null;
  note: string | null;
}

export interface Cadre extends CadreRow {
  phone: string | null;
  note: string | null;
  trainings: Training[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const trainingInput = z
  .object({
    cadreId: id,
    kind: z.enum(TRAINING_KINDS, '请选择培训或轮训'),
    course: required(100, '培训内容（课程）'),
    organiser: text(60, '主办单位').optional(),
    startOn: isoDate,
    endOn: isoDate,
    hours: z
      .number('请填写学时')
      .min(0.5, '学时至少 0.5')
      .max(2000, '学时太多，请核对')
      .refine((h) => Math.abs(Math.round(h * 10) - h * 10) < 1e-9, '学时最多保留一位小数'),
    /** 证书 (name or number), if one was given. */
    certificate: text(100, '证书').optional(),
    note: text(500, '备注').optional(),
  })
  .strict();
export type TrainingInput = z.output<typeof trainingInput>;
export const trainingSaveInput = z.object({ id: id.optional(), training: trainingInput }).strict();

export const structureQuery = z
  .object({ year: z.number().int('年度应为整数').min(2000, '年度应为 2000 年以后').max(2100, '年度不正确').optional() })
  .strict();

export type CadreStructureReport = CadreStructure;
