/**
 * 帮扶 (help for difficult groups): households or people helped (帮扶对象) — kind, address, community, needs, the
 * members paired with them (结对帮扶), how often they are to be visited — and the visits and help given (走访帮扶记录)
 * — the inputs the main process parses and the records it returns (listed in contract.ts).
 *
 * These are personal data: lists carry the ID number, phone and address masked (as the register does); the full
 * values are on the record's own page only.
 */
import { z } from 'zod';
import { HELP_KINDS, HOUSEHOLD_KINDS, VISIT_FREQUENCIES, type HelpKind, type HouseholdKind, type VisitFrequency } from './domain/labels';
import { isoDate } from './rules/member';

const id = z.number().int().positive();

const text = (max: number, label: string) =>
  z
    .string()
    .max(max, `${label}不能超过 ${max} 个字`)
    .transform((s) => s.trim())
    .transform((s) => (s === '' ? null : s))
    .nullable();

const required = (max: number, label: string) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字`);

export const householdInput = z
  .object({
    /** 姓名 (户主姓名 for a household). */
    name: required(40, '姓名'),
    kinds: z.array(z.enum(HOUSEHOLD_KINDS, '请选择帮扶对象类别')).min(1, '请至少选择一个类别').max(HOUSEHOLD_KINDS.length),
    /** 公民身份号码: optional; checked only for its form (a clerk may not have it). */
    idNumber: text(18, '公民身份号码')
      .refine((s) => s == null || /^(\d{17}[\dXx]|\d{15})$/.test(s), '公民身份号码应为 18 位（最后一位可以是 X）或 15 位数字')
      .optional(),
    phone: text(30, '联系电话')
      .refine((s) => s == null || /^[0-9+\-()（） 转]+$/.test(s), '联系电话只能填写数字、“-”和“转”')
      .optional(),
    address: text(200, '家庭住址').optional(),
    communityId: id,
    /** 困难党员: the member in the register. */
    memberId: id.nullable().optional(),
    /** 家庭人口. */
    householdSize: z.number().int('家庭人口应为整数').min(1, '家庭人口至少 1 人').max(30, '家庭人口不能超过 30 人').nullable().optional(),
    needs: required(1000, '主要困难和需求'),
    startedOn: isoDate,
    /** 走访频次; null: no regular visits (never overdue). */
    frequency: z.enum(VISIT_FREQUENCIES, '请选择走访频次').nullable(),
    /** 帮扶结束: help no longer needed (moved away, circumstances improved …). */
    endedOn: isoDate.nullable().optional(),
    endReason: text(200, '结束原因').optional(),
    /** 结对帮扶党员: register members; one taken off the list ends the pairing today. */
    pairedMemberIds: z.array(id).max(20, '结对党员最多 20 名'),
    note: text(1000, '备注').optional(),
  })
  .strict();
export type HouseholdInput = z.output<typeof householdInput>;
export const householdSaveInput = z
  .object({ id: id.optional(), household: householdInput, expectedVersion: z.number().int().nonnegative().optional() })
  .strict();

export const HOUSEHOLD_STATUSES = ['active', 'overdue', 'ended', 'all'] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];
export const HOUSEHOLD_STATUS_LABELS: Record<HouseholdStatus, string> = { active: '帮扶中', overdue: '走访逾期', ended: '已结束', all: '全部' };

export const householdListQuery = z
  .object({
    q: z.string().max(40, '搜索内容太长').optional(),
    kind: z.enum(HOUSEHOLD_KINDS).optional(),
    communityId: id.optional(),
    /** The households a member is paired with. */
    memberId: id.optional(),
    status: z.enum(HOUSEHOLD_STATUSES).default('active'),
  })
  .strict();
export type HouseholdListQuery = z.output<typeof householdListQuery>;

export interface HouseholdRow {
  id: number;
  name: string;
  kinds: HouseholdKind[];
  idNumberMasked: string | null;
  phoneMasked: string | null;
  addressMasked: string | null;
  communityId: number;
  communityName: string;
  pairedMembers: { memberId: number; name: string }[];
  frequency: VisitFrequency | null;
  startedOn: string;
  endedOn: string | null;
  lastVisitOn: string | null;
  visits: number;
  /** The next visit is due by this day (null: none due). */
  dueOn: string | null;
  overdue: boolean;
  daysOverdue: number;
  /** Money and goods given in all (元). */
  amountTotal: number;
}

export interface Pairing {
  id: number;
  memberId: number;
  name: string;
  branchName: string | null;
  since: string;
  until: string | null;
}

export interface HouseholdVisit {
  id: number;
  visitedOn: string;
  visitors: { memberId: number | null; name: string }[];
  helpKind: HelpKind;
  content: string;
  /** 金额 (元): money given, or the value of goods. */
  amount: number | null;
  followUp: string | null;
  note: string | null;
}

export interface Household extends Omit<HouseholdRow, 'idNumberMasked' | 'phoneMasked' | 'addressMasked'> {
  idNumber: string | null;
  idNumberMasked: string | null;
  phone: string | null;
  address: string | null;
  memberId: number | null;
  memberName: string | null;
  householdSize: number | null;
  needs: string;
  endReason: string | null;
  note: string | null;
  /** Every pairing, current first. */
  pairings: Pairing[];
  visitList: HouseholdVisit[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const visitInput = z
  .object({
    householdId: id,
    visitedOn: isoDate,
    /** Who went: register members and others by name. */
    visitors: z
      .array(z.object({ memberId: id.nullable(), name: required(40, '走访人姓名') }).strict())
      .min(1, '请填写走访人')
      .max(20, '走访人最多 20 名'),
    helpKind: z.enum(HELP_KINDS, '请选择帮扶方式'),
    content: required(1000, '帮扶内容'),
    /** Required for money and goods. */
    amount: z.number('金额应为数字').min(0, '金额不能为负数').max(10_000_000, '金额太大，请核对').nullable().optional(),
    followUp: text(500, '后续跟进').optional(),
    note: text(500, '备注').optional(),
  })
  .strict();
export type VisitInput = z.output<typeof visitInput>;
export const visitSaveInput = z.object({ id: id.optional(), visit: visitInput }).strict();
