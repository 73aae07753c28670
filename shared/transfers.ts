/**
 * 组织关系转接: letters of introduction out of the street (转出) and into it (转入) — the inputs the main
 * process parses and the records it returns (listed in contract.ts with the other channels).
 */
import { z } from 'zod';
import { ETHNICITIES, MEMBERSHIP_KINDS, SEXES, type MembershipKind } from './domain/labels';
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

/** 党费交至: a year and month, YYYY-MM. */
export const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '党费交至应为 年-月，例如 2026-10');

export const TRANSFER_DIRECTIONS = ['out', 'in'] as const;
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];
export const TRANSFER_DIRECTION_LABELS: Record<TransferDirection, string> = { out: '转出', in: '转入' };

/** out: issued → confirmed → returned (or cancelled before confirmation); in: registered → placed. */
export const TRANSFER_STATUSES = ['issued', 'confirmed', 'returned', 'cancelled', 'registered', 'placed'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export const TRANSFER_STATUS_LABELS: Record<TransferStatus, string> = {
  issued: '已开具',
  confirmed: '已转出',
  returned: '回执已退回',
  cancelled: '已作废',
  registered: '已登记',
  placed: '已安排支部',
};

/** 开具介绍信: the member's details come from the register. */
export const transferIssueInput = z
  .object({
    memberId: id,
    to: required(100, '转往的党组织'),
    duesPaidUntil: yearMonth,
    validDays: z.number().int('有效期应为整数天').min(1, '有效期应为 1 至 365 天').max(365, '有效期应为 1 至 365 天'),
    date: isoDate,
    /** The member's phone as written on the letter; default: the register's mobile or phone. */
    phone: text(30, '联系电话').optional(),
    /** 党委地址 / 电话 on the letter; they default to the street committee's 办公地址 and contact phone. */
    senderAddress: text(100, '党委地址').optional(),
    senderPhone: text(30, '党委电话').optional(),
    note: text(500, '备注').optional(),
  })
  .strict();
export type TransferIssueInput = z.output<typeof transferIssueInput>;

/** 登记转入: an incoming letter and the member's details as written on it. */
export const transferRegisterInput = z
  .object({
    letterNo: required(40, '介绍信编号'),
    from: required(100, '转出的党组织'),
    to: text(100, '转往的党组织').optional(),
    date: isoDate,
    name: required(40, '姓名'),
    sex: z.enum(SEXES).nullable().optional(),
    age: z.number().int().min(16, '年龄应为 16 至 120 岁').max(120, '年龄应为 16 至 120 岁').nullable().optional(),
    ethnicity: z.enum(ETHNICITIES, '请从列表中选择民族').nullable().optional(),
    membershipKind: z.enum(MEMBERSHIP_KINDS, '请选择正式党员或预备党员'),
    idNumber: z.string().trim().min(1, '请填写公民身份号码').max(40, '公民身份号码太长'),
    duesPaidUntil: yearMonth.nullable().optional(),
    validDays: z.number().int().min(1).max(365).nullable().optional(),
    phone: text(30, '联系电话').optional(),
    note: text(500, '备注').optional(),
  })
  .strict();
export type TransferRegisterInput = z.output<typeof transferRegisterInput>;

/**
 * 安排到党支部. A letter carries no 入党日期 or 转正日期: for a new member the clerk may give them from the 党员档案
 * that comes with the transfer (a former member coming back keeps the dates of their record).
 */
export const transferPlaceInput = z
  .object({ id, branchId: id, date: isoDate, joinedOn: isoDate.nullable().optional(), confirmedOn: isoDate.nullable().optional() })
  .strict();
export const transferDateInput = z.object({ id, date: isoDate }).strict();
export const transferCancelInput = z
  .object({
    id,
    reason: z.string().trim().min(1, '请写明作废原因').max(200, '作废原因不能超过 200 个字'),
    /** 作废日期: today when not given (a letter from the paper records keeps its own). */
    date: isoDate.optional(),
  })
  .strict();

export const transferListQuery = z
  .object({
    direction: z.enum(TRANSFER_DIRECTIONS).optional(),
    /** A status, or 'overdue' (回执逾期). */
    status: z.enum([...TRANSFER_STATUSES, 'overdue']).optional(),
    /** Matches the letter number, name, ID number, from and to. */
    q: z.string().max(40, '搜索内容太长').optional(),
    /** The letters of one member of the register (转出, and 转入 once placed) — the member's drawer lists them. */
    memberId: id.optional(),
  })
  .strict();
export type TransferListQuery = z.output<typeof transferListQuery>;

/** One letter, as the list shows it (the ID number masked). */
export interface TransferRow {
  id: number;
  direction: TransferDirection;
  letterNo: string;
  year: number;
  memberId: number | null;
  name: string;
  sex: 'male' | 'female' | null;
  age: number | null;
  ethnicity: string | null;
  membershipKind: MembershipKind;
  idNumberMasked: string;
  from: string;
  to: string;
  duesPaidUntil: string | null;
  validDays: number | null;
  /** Issued (转出) or received (转入). */
  date: string;
  phone: string | null;
  note: string | null;
  status: TransferStatus;
  confirmedOn: string | null;
  receiptOn: string | null;
  /** 回执 expected by (issue date + 1 month), for outgoing letters. */
  receiptDue: string | null;
  /** 回执逾期: confirmed, no receipt, more than a month after issue. */
  overdue: boolean;
  cancelledOn: string | null;
  cancelReason: string | null;
  placedOn: string | null;
  placedBranchId: number | null;
  placedBranchName: string | null;
  senderName: string | null;
  senderAddress: string | null;
  senderPhone: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The full letter (for the print preview and the detail). */
export interface Transfer extends TransferRow {
  idNumber: string;
  /** For an incoming letter not yet placed: the register's member with the same ID number. */
  match: { id: number; name: string; active: boolean; branchName: string | null } | null;
}

/** One month after a date (the receipt's deadline); the 31st of a short month falls on its last day. */
export function addMonth(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
