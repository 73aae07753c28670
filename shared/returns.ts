/**
 * 统计报表 (returns) and 概览 (overview): the inputs the main process parses and the figures it returns.
 *
 * One figures model serves the workbook, the `--json` output of `returns export` and the page: a sheet is a name and
 * rows, each row a label and its values by column label (the labels printed in the workbook). Columns carry what the
 * writer needs beyond that (their group header, whether a column is the sum of others, a rate).
 */
import { z } from 'zod';
import type { OrgKind } from './domain/labels';
import { isoDate } from './rules/member';

const id = z.number().int().positive();

/** A year (2025) or a month (2025-03). */
export const returnsPeriod = z
  .string()
  .trim()
  .regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, '报表期间应为年份（如 2025）或年月（如 2025-06）');

const optionalText = (max: number, label: string) =>
  z
    .string()
    .max(max, `${label}不能超过 ${max} 个字`)
    .transform((s) => s.trim())
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

/** 生成报表: the period, the organisation whose figures (null: the whole register), and what the sheets print. */
export const returnsProduceInput = z
  .object({
    period: returnsPeriod,
    scopeId: id.nullable(),
    /** 填报单位; default: the scope's name (or the street's). */
    unitName: optionalText(60, '填报单位'),
    /** 单位负责人 and 填表人, printed on the signature line; blank leaves the line to sign by hand. */
    leader: optionalText(20, '单位负责人'),
    preparer: optionalText(20, '填表人'),
    /** 填报日期; default: today. */
    filledOn: isoDate.optional(),
  })
  .strict();
export type ReturnsProduceInput = z.output<typeof returnsProduceInput>;

/** A column of a sheet. `label` is the key of every row's values and the words printed in the header. */
export interface ReturnColumn {
  label: string;
  /** The header printed above a run of columns (年龄, 学历 …); absent: the column's label spans both header rows. */
  group?: string;
  /** This column is the sum of these columns of the same row (大专及以上): written as a formula. */
  sumOf?: string[];
  /** A rate (0…1) of two count columns of the same row; its 合计 is the rate of the totals, not a sum. */
  rateOf?: { numerator: string[]; denominator: string };
  /** Decimal places a count column prints (scores 87.5, hours 12.5); absent: whole numbers. */
  decimals?: number;
}

export interface ReturnRow {
  label: string;
  /** By column label. A rate is null where its denominator is 0: no rate, printed "—" (never 0 %). */
  values: Record<string, number | null>;
  /** The 合计 row: every count column is the sum of the rows above it. */
  total?: boolean;
  /** Rows are printed under a heading line per group (离退休党支部 / 流动党员党支部). */
  group?: string;
}

export interface ReturnSheet {
  /** The sheet's tab name (≤ 31 characters, unique in the workbook). */
  name: string;
  /** The title printed at the top. */
  title: string;
  /** The header of the first column (单位 / 党支部). */
  rowHeader: string;
  columns: ReturnColumn[];
  rows: ReturnRow[];
  /** 说明: printed under the table. */
  notes: string[];
}

export interface ReturnsFigures {
  period: string;
  /** 2025年度 / 2025年6月. */
  periodLabel: string;
  /** The period's last day: every count is as of this date. */
  asOf: string;
  scopeId: number | null;
  scopeName: string;
  sheets: ReturnSheet[];
}

/** One produced return in the history. */
export interface ReturnEntry {
  id: number;
  period: string;
  periodLabel: string;
  asOf: string;
  scopeId: number | null;
  scopeName: string;
  unitName: string;
  leader: string | null;
  preparer: string | null;
  filledOn: string;
  sheetNames: string[];
  fileName: string;
  sha256: string;
  /** SHA-256 of the figures alone (every sheet's rows), to tell whether a re-production gave the same numbers. */
  figuresSha256: string;
  producedAt: string;
  actor: string | null;
  /** Produced again from this entry's parameters. */
  reproducedFrom: number | null;
}

/** A figure that came out differently when a return was produced again. */
export interface ReturnDifference {
  sheet: string;
  row: string;
  column: string;
  before: number | null;
  after: number | null;
}

export interface ReturnProduced {
  entry: ReturnEntry;
  figures: ReturnsFigures;
  /** For a re-production: whether the figures and the file are the same as the original's, and what changed. */
  comparison?: { sameFigures: boolean; sameFile: boolean; differences: ReturnDifference[]; moreDifferences: number };
}

export const returnsReproduceInput = z.object({ id }).strict();
export const returnsFileInput = z.object({ id }).strict();

/** A count with its label, for a chart or a short table. */
export interface LabelledCount {
  label: string;
  count: number;
}

/** 概览: the figures a secretary asks for first, today. Parts whose data does not exist yet are absent. */
export interface Overview {
  today: string;
  members: { total: number; full: number; probationary: number; female: number; minorities: number; lostContact: number; floatingOut: number; floatingIn: number };
  byClassification: LabelledCount[];
  /** Members with no classification. */
  unclassified: number;
  byAge: LabelledCount[];
  byEducation: LabelledCount[];
  /** 大专及以上. */
  collegeOrAbove: number;
  orgs: {
    organisations: number;
    branches: number;
    warnings: number;
    /** The organisations with rule warnings, most warnings first (at most 8). */
    top: { orgId: number; orgName: string; kind: OrgKind; titles: string[] }[];
  };
  transfers: {
    overdue: number;
    /** The overdue receipts, oldest first (at most 8). */
    items: { id: number; letterNo: string; name: string; to: string; receiptDue: string | null }[];
  };
  floating: { reviewsDue: number };
  /** 两新组织 coverage today (shared/rules/coverage.ts; a rate is null with no organisation operating) and 应单独组建而未组建. */
  coverage: { organisations: number; organisationCoverage: number | null; workCoverage: number | null; qualifiedUncovered: number };
  /** 共建协议 about to expire (即将到期), soonest first (at most 6). */
  agreements: { expiring: number; items: { id: number; title: string; communityName: string; endOn: string; daysLeft: number }[] };
  /** 三会一课 this year: the months or quarters that ended without a required meeting, and the branches that owe most. */
  threeMeetings: { year: number; gaps: number; branchesWithGaps: number; top: { orgId: number; orgName: string; parentName: string | null; gaps: number }[] };
}

/** A period's first and last day and its words: 2025 → 2025-01-01…2025-12-31, 2025年度; 2025-02 → …2025-02-28, 2025年2月. */
export function periodInfo(period: string): { start: string; end: string; label: string } {
  const y = Number(period.slice(0, 4));
  if (period.length === 4) return { start: `${y}-01-01`, end: `${y}-12-31`, label: `${y}年度` };
  const m = Number(period.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { start: `${y}-${mm}-01`, end: `${y}-${mm}-${String(last).padStart(2, '0')}`, label: `${y}年${m}月` };
}

/** 2025-12-31 → 2025年12月31日. */
export function chineseDate(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}
