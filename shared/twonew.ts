/**
 * 两新组织党建覆盖: the register of new economic and social organisations in the area, their Party work, the
 * coverage figures (shared/rules/coverage.ts) with their history, and the register's import from Excel — the
 * inputs the main process parses and the records it returns (listed in contract.ts).
 */
import { z } from 'zod';
import { NEW_ORG_KINDS, PARTY_WORK_KINDS, type MembershipKind, type NewOrgKind, type PartyWorkKind } from './domain/labels';
import { checkCreditCode } from './rules/creditCode';
import type { Coverage, CoverageFigures } from './rules/coverage';
import { isoDate } from './rules/member';

const id = z.number().int().positive();

const text = (max: number, label: string) =>
  z
    .string()
    .max(max, `${label}不能超过 ${max} 个字`)
    .transform((s) => s.trim())
    .transform((s) => (s === '' ? null : s))
    .nullable();

const count = (label: string) =>
  z.number().int(`${label}应为整数`).min(0, `${label}不能为负数`).max(1_000_000, `${label}太大，请核对`);

export const newOrgInput = z
  .object({
    name: z.string().trim().min(1, '请填写组织名称').max(100, '组织名称不能超过 100 个字'),
    kind: z.enum(NEW_ORG_KINDS, '请选择组织类型'),
    /** 统一社会信用代码 (GB 32100); null when not known yet. */
    creditCode: z
      .string()
      .max(40, '统一社会信用代码太长')
      .nullable()
      .transform((s, ctx) => {
        if (s == null || s.trim() === '') return null;
        const c = checkCreditCode(s);
        if (!c.ok) {
          ctx.addIssue({ code: 'custom', message: c.message });
          return z.NEVER;
        }
        return c.normalised;
      }),
    address: text(200, '地址').optional(),
    communityId: id.nullable(),
    employees: count('从业人员数').nullable().optional(),
    /** Register members who work there (关系在本街道): their 正式 / 预备 standing comes from the register. */
    memberIds: z.array(id).max(500, '关联的党员最多 500 名'),
    /** Party members who work there but are not in this register (关系在外), as counted. */
    otherFull: count('其他正式党员数'),
    otherProbationary: count('其他预备党员数'),
    /** 出资人（法定代表人）是否党员; null: not known. */
    legalRepIsMember: z.boolean().nullable(),
    partyWork: z.enum(PARTY_WORK_KINDS, '请选择党建工作情况'),
    /** 联合组建: with which organisations (as written). */
    jointWith: text(200, '联合组建的单位').optional(),
    /** The Party organisation of the tree that covers it (its own branch, or the joint branch), if recorded. */
    partyOrgId: id.nullable().optional(),
    /** 党建联络员 / 党建指导员. */
    liaisonName: text(40, '党建联络员').optional(),
    hasUnion: z.boolean(),
    hasYouthLeague: z.boolean(),
    hasWomensFederation: z.boolean(),
    /** 注销、停业或迁出: from this day it no longer counts. */
    closedOn: isoDate.nullable().optional(),
    note: text(1000, '备注').optional(),
  })
  .strict();
export type NewOrgInput = z.output<typeof newOrgInput>;
export const newOrgSaveInput = z.object({ id: id.optional(), org: newOrgInput, expectedVersion: z.number().int().nonnegative().optional() }).strict();

export const NEW_ORG_STATUSES = ['operating', 'closed', 'all'] as const;
export const newOrgListQuery = z
  .object({
    q: z.string().max(40, '搜索内容太长').optional(),
    kind: z.enum(NEW_ORG_KINDS).optional(),
    communityId: id.optional(),
    /** Organisations not placed in a community. */
    noCommunity: z.boolean().optional(),
    partyWork: z.enum(PARTY_WORK_KINDS).optional(),
    status: z.enum(NEW_ORG_STATUSES).default('operating'),
    /** Only 应单独组建而未组建 (3+ 正式党员, no organisation of its own). */
    qualifiedUncovered: z.boolean().optional(),
  })
  .strict();
export type NewOrgListQuery = z.output<typeof newOrgListQuery>;

export interface NewOrgRow {
  id: number;
  name: string;
  kind: NewOrgKind;
  creditCode: string | null;
  address: string | null;
  communityId: number | null;
  communityName: string | null;
  employees: number | null;
  /** Linked register members (active, by their kind) + the counted others. */
  fullMembers: number;
  probationaryMembers: number;
  linkedMembers: number;
  legalRepIsMember: boolean | null;
  partyWork: PartyWorkKind;
  jointWith: string | null;
  partyOrgId: number | null;
  partyOrgName: string | null;
  liaisonName: string | null;
  hasUnion: boolean;
  hasYouthLeague: boolean;
  hasWomensFederation: boolean;
  operating: boolean;
  closedOn: string | null;
  /** 3+ 正式党员 and no organisation of its own. */
  qualifiedUncovered: boolean;
  note: string | null;
  updatedAt: string;
  version: number;
}

export interface NewOrg extends NewOrgRow {
  members: { id: number; name: string; membershipKind: MembershipKind; branchName: string | null; left: boolean }[];
  otherFull: number;
  otherProbationary: number;
  createdAt: string;
}

/** The figures as they stood at the end of a day (the last change that day). */
export interface CoverageSnapshot extends CoverageFigures {
  date: string;
}

export interface CoverageReport extends Coverage {
  today: string;
  /** One snapshot per day something changed, oldest first. */
  history: CoverageSnapshot[];
}

// ─── import ───────────────────────────────────────────────────────────────────────────────────────────

const fileUpload = {
  fileName: z.string().trim().min(1).max(260),
  dataBase64: z.string().max(90 * 1024 * 1024, '文件太大（超过 64 MB），请分成几个文件导入'),
  sheetIndex: z.number().int().min(0).max(255).optional(),
};
export const newOrgImportPreviewInput = z.object(fileUpload).strict();
export const newOrgImportCommitInput = z
  .object({
    ...fileUpload,
    /** 'valid': write the valid rows, list the rest; 'strict': write nothing when any row is in error. */
    mode: z.enum(['valid', 'strict']),
  })
  .strict();

export interface NewOrgImportIssue {
  row: number;
  /** "C 列（统一社会信用代码）", or '' for the row as a whole. */
  column: string;
  value: string;
  message: string;
}

export interface NewOrgImportRow {
  row: number;
  status: 'new' | 'changed' | 'unchanged' | 'error';
  name: string | null;
  creditCode: string | null;
  /** For 'changed': each difference as the clerk reads it. */
  changes: { label: string; old: string | null; new: string | null }[];
  issues: NewOrgImportIssue[];
  warnings: string[];
}

export interface NewOrgImportPreview {
  fileName: string;
  format: 'xlsx' | 'xls' | 'csv';
  sheetIndex: number;
  sheetName: string;
  sheets: { index: number; name: string; hidden: boolean; rows: number }[];
  headerRow: number;
  columns: { index: number; header: string; field: string | null; label: string | null }[];
  counts: { rows: number; new: number; changed: number; unchanged: number; errors: number };
  /** Every row in error, and the first rows of each other kind. */
  rows: NewOrgImportRow[];
}

export interface NewOrgImportResult {
  batchId: string | null;
  fileName: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: NewOrgImportIssue[];
  /** Nothing was written (strict mode with errors, or a dry run). */
  written: boolean;
}

/** Labels of the organisation record's fields, for the audit view, the import's changes and input errors. */
export const NEW_ORG_FIELD_LABELS: Record<string, string> = {
  name: '组织名称',
  kind: '组织类型',
  creditCode: '统一社会信用代码',
  address: '地址',
  communityId: '所在社区',
  employees: '从业人员数',
  memberIds: '本街道党员',
  otherFull: '其他正式党员数',
  otherProbationary: '其他预备党员数',
  legalRepIsMember: '出资人（法定代表人）是否党员',
  partyWork: '党建工作情况',
  jointWith: '联合组建单位',
  partyOrgId: '所属党组织',
  liaisonName: '党建联络员',
  hasUnion: '是否建立工会',
  hasYouthLeague: '是否建立共青团',
  hasWomensFederation: '是否建立妇联',
  closedOn: '注销（停业）日期',
  note: '备注',
};
