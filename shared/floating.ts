/**
 * 流动党员活动证: the certificates issued to floating members, out of the street (流出) and into it (流入),
 * with the dates away and back and one yearly review (年审) per certificate per year — the inputs the main
 * process parses and the records it returns (listed in contract.ts with the other channels).
 */
import { z } from 'zod';
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

export const FLOATING_DIRECTIONS = ['outflow', 'inflow'] as const;
export type FloatingDirection = (typeof FLOATING_DIRECTIONS)[number];
export const FLOATING_DIRECTION_LABELS: Record<FloatingDirection, string> = { outflow: '流出', inflow: '流入' };

/** away: 在外 (no date back yet); returned: 已返回; reviewDue: away and no 年审 for the current year. */
export const FLOATING_STATUSES = ['away', 'returned', 'reviewDue'] as const;
export type FloatingStatus = (typeof FLOATING_STATUSES)[number];
export const FLOATING_STATUS_LABELS: Record<FloatingStatus, string> = { away: '在外', returned: '已返回', reviewDue: '今年未年审' };

const certificateFields = {
  certificateNo: required(40, '活动证编号'),
  issueDate: isoDate,
  /** 外出原因 (流出) / 流入原因 (流入). */
  reason: required(200, '原因'),
  /** 外出流向 (流出) / 流入前所在地 (流入). */
  destination: required(100, '流向'),
  dateOut: isoDate,
  note: text(500, '备注').optional(),
};

/** 发证: the branch is the member's branch on the day of issue. */
export const floatingIssueInput = z
  .object({ memberId: id, direction: z.enum(FLOATING_DIRECTIONS, '请选择流出或流入'), ...certificateFields })
  .strict();
export type FloatingIssueInput = z.output<typeof floatingIssueInput>;

export const floatingUpdateInput = z.object({ id, ...certificateFields }).strict();
export type FloatingUpdateInput = z.output<typeof floatingUpdateInput>;

/** 登记返回. */
export const floatingReturnInput = z.object({ id, dateBack: isoDate }).strict();

/** 年审: one per certificate per year. */
export const floatingReviewInput = z
  .object({
    id,
    year: z.number().int('年度应为整数').min(2000, '年度应为 2000 年以后').max(2100, '年度不正确'),
    date: isoDate,
    result: required(200, '年审结果'),
    reviewer: text(40, '审核人').optional(),
  })
  .strict();
export type FloatingReviewInput = z.output<typeof floatingReviewInput>;

export const floatingListQuery = z
  .object({
    direction: z.enum(FLOATING_DIRECTIONS).optional(),
    status: z.enum(FLOATING_STATUSES).optional(),
    /** Matches the certificate number and the member's name. */
    q: z.string().max(40, '搜索内容太长').optional(),
    /** The certificates of one member (the member's drawer lists them). */
    memberId: id.optional(),
  })
  .strict();
export type FloatingListQuery = z.output<typeof floatingListQuery>;

export interface FloatingReview {
  id: number;
  year: number;
  date: string;
  result: string;
  reviewer: string | null;
  createdAt: string;
}

export interface FloatingCertificateRow {
  id: number;
  certificateNo: string;
  memberId: number;
  memberName: string;
  direction: FloatingDirection;
  /** The member's branch on the day of issue. */
  branchId: number | null;
  branchName: string | null;
  issueDate: string;
  reason: string;
  destination: string;
  dateOut: string;
  /** null while away (在外). */
  dateBack: string | null;
  note: string | null;
  /** A 年审 entry exists for the current year. */
  reviewedThisYear: boolean;
  lastReviewYear: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface FloatingCertificate extends FloatingCertificateRow {
  reviews: FloatingReview[];
}
