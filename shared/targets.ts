/**
 * 年度目标考核 (年初有目标，年中有检查，年底有考核): a target sheet per year — items with weights (summing to 100)
 * and scoring methods, the communities it is assigned to — the mid-year check (progress per item and community with
 * notes), the year-end scores, the weighted totals and ranking (shared/rules/targetScores.ts), and the
 * demonstration points (示范点) with their experience notes — the inputs the main process parses and the records
 * it returns (listed in contract.ts).
 */
import { z } from 'zod';
import { SCORING_METHODS, type ScoringMethod } from './domain/labels';
import { isoDate } from './rules/member';
import type { CommunityResult } from './rules/targetScores';

const id = z.number().int().positive();

const text = (max: number, label: string) =>
  z
    .string()
    .max(max, `${label}不能超过 ${max} 个字`)
    .transform((s) => s.trim())
    .transform((s) => (s === '' ? null : s))
    .nullable();

const required = (max: number, label: string) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字`);

export const targetYear = z.number('请选择年度').int('年度应为整数').min(2000, '年度应为 2000 年以后').max(2100, '年度不正确');

/** At most two decimals. */
const hundredths = (x: number) => Math.abs(Math.round(x * 100) - x * 100) < 1e-9;

/** What a computed method's value is and its unit (the goal is in the same unit). */
export const METHOD_UNITS: Record<ScoringMethod, { unit: string; value: string; defaultGoal: number | null }> = {
  entered: { unit: '', value: '', defaultGoal: null },
  orgCoverage: { unit: '%', value: '两新组织党的组织覆盖率', defaultGoal: 100 },
  workCoverage: { unit: '%', value: '两新组织党的工作覆盖率', defaultGoal: 100 },
  meetings: { unit: '%', value: '三会一课按期召开的比例（已过去的月份和季度）', defaultGoal: 100 },
  volunteerHours: { unit: '小时', value: '本社区志愿服务活动的总时长', defaultGoal: 500 },
};

export const targetItemInput = z
  .object({
    /** Present for an item already on the sheet (its scores stay with it). */
    id: id.optional(),
    name: required(60, '考核项目'),
    weight: z
      .number('请填写权重')
      .gt(0, '权重应大于 0')
      .max(100, '权重不能超过 100')
      .refine(hundredths, '权重最多保留两位小数'),
    method: z.enum(SCORING_METHODS, '请选择评分方式'),
    /** 目标值 of a computed item, in its unit (%, 小时). */
    goal: z.number('目标值应为数字').min(0, '目标值不能为负数').max(1_000_000, '目标值太大').nullable().optional(),
    /** 考核内容和评分标准. */
    standard: text(1000, '评分标准').optional(),
  })
  .strict();
export type TargetItemInput = z.output<typeof targetItemInput>;

export const targetSheetInput = z
  .object({
    year: targetYear,
    title: required(80, '目标表名称'),
    /** The communities assessed under it. */
    communityIds: z.array(id).min(1, '请至少选择一个考核的社区').max(200),
    items: z.array(targetItemInput).min(1, '请至少添加一个考核项目').max(40, '考核项目最多 40 项'),
    note: text(2000, '说明').optional(),
  })
  .strict();
export type TargetSheetInput = z.output<typeof targetSheetInput>;

export const STAGES = ['midyear', 'final'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = { midyear: '年中检查', final: '年底考核' };

/** 年中检查: one community's progress on each item, with notes. */
export const progressInput = z
  .object({
    year: targetYear,
    communityId: id,
    /** 检查日期; default: today. */
    checkedOn: isoDate.optional(),
    entries: z
      .array(
        z
          .object({
            itemId: id,
            /** 完成进度 (% of the year's goal), or null when not judged yet. */
            progress: z.number('完成进度应为数字').min(0, '完成进度不能为负数').max(100, '完成进度最多 100%').nullable(),
            note: text(500, '检查情况').optional(),
          })
          .strict(),
      )
      .max(40),
  })
  .strict();
export type ProgressInput = z.output<typeof progressInput>;

/** 年底考核: one community's score (0–100) on each entered item, with notes. */
export const scoresInput = z
  .object({
    year: targetYear,
    communityId: id,
    entries: z
      .array(
        z
          .object({
            itemId: id,
            score: z
              .number('得分应为数字')
              .min(0, '得分应在 0 至 100 之间')
              .max(100, '得分应在 0 至 100 之间')
              .refine(hundredths, '得分最多保留两位小数')
              .nullable(),
            note: text(500, '评分说明').optional(),
          })
          .strict(),
      )
      .max(40),
  })
  .strict();
export type ScoresInput = z.output<typeof scoresInput>;

/** 从系统取数: the computed items' values for every community, as of today, into the mid-year check or the scores. */
export const fetchComputedInput = z.object({ year: targetYear, stage: z.enum(STAGES, '请选择年中检查或年底考核') }).strict();

/** 示范点: marked (with the experience kept), or unmarked. */
export const demonstrationInput = z
  .object({
    year: targetYear,
    communityId: id,
    demonstration: z.boolean(),
    experience: text(5000, '经验做法').optional(),
  })
  .strict();
export type DemonstrationInput = z.output<typeof demonstrationInput>;

export const assessmentExportInput = z
  .object({
    year: targetYear,
    unitName: text(60, '填报单位').optional(),
    leader: text(20, '单位负责人').optional(),
    preparer: text(20, '填表人').optional(),
    filledOn: isoDate.optional(),
  })
  .strict();
export type AssessmentExportInput = z.output<typeof assessmentExportInput>;

export interface TargetItem {
  id: number;
  position: number;
  name: string;
  weight: number;
  method: ScoringMethod;
  goal: number | null;
  standard: string | null;
}

export interface ProgressEntry {
  itemId: number;
  communityId: number;
  checkedOn: string;
  progress: number | null;
  /** For a computed item: the figure it was worked out from (in the item's unit). */
  value: number | null;
  note: string | null;
}

export interface ScoreEntry {
  itemId: number;
  communityId: number;
  score: number | null;
  /** For a computed item: the figure the score was worked out from, and when it was taken. */
  value: number | null;
  fetchedAt: string | null;
  note: string | null;
}

export interface Demonstration {
  communityId: number;
  communityName: string;
  markedOn: string;
  experience: string | null;
}

export interface TargetSheetRow {
  id: number;
  year: number;
  title: string;
  items: number;
  communities: number;
  /** Scores recorded of all there are to record (items × communities). */
  scored: number;
  toScore: number;
  demonstrations: number;
}

export interface TargetSheet {
  id: number;
  year: number;
  title: string;
  note: string | null;
  items: TargetItem[];
  communities: { id: number; name: string }[];
  progress: ProgressEntry[];
  scores: ScoreEntry[];
  demonstrations: Demonstration[];
  /** Weighted totals and ranks from the recorded scores, highest first. */
  results: CommunityResult[];
  /** Computed methods this build can fill (a domain not yet in the app is not offered). */
  methods: ScoringMethod[];
  createdAt: string;
  updatedAt: string;
  version: number;
}
