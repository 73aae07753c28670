/**
 * The one contract between the page and the main process: channel → input schema → output type.
 * The main process parses every input with these schemas (from `unknown`); the preload and the
 * browser-mode bridge expose exactly these channels; the renderer's client is typed from them.
 */
import { z } from 'zod';
import {
  EXIT_REASONS,
  MEMBERSHIP_KINDS,
  ORG_KINDS,
  STANDINGS,
  TAGS,
  type Education,
  type ExitReason,
  type FloatingDirection,
  type IdStatus,
  type MembershipKind,
  OFFICER_ROLES,
  type OfficerRole,
  type OrgKind,
  type Standing,
  type Tag,
} from './domain/labels';
import { exitInput, isoDate, memberInput } from './rules/member';
import type { BranchSuggestion } from './rules/branchSuggestions';
import { formBranchInput, memberMoveInput, type BranchStay, type FormBranchResult, type MoveResult } from './moves';
import {
  transferCancelInput,
  transferDateInput,
  transferIssueInput,
  transferListQuery,
  transferPlaceInput,
  transferRegisterInput,
  type Transfer,
  type TransferRow,
} from './transfers';
import {
  floatingIssueInput,
  floatingListQuery,
  floatingReturnInput,
  floatingReviewInput,
  floatingUpdateInput,
  type FloatingCertificate,
  type FloatingCertificateRow,
} from './floating';
import { backupCreateInput, backupFileInput, type BackupOverview, type BackupRow, type BackupVerifyResult, type RestoreResult } from './backup';
import {
  attachInput,
  meetingInput,
  minutesImportCommitInput,
  minutesImportPreviewInput,
  minutesListQuery,
  minutesStageInput,
  overviewQuery,
  type ArchiveCheck,
  type Meeting,
  type MinutesImportPreview,
  type MinutesImportResult,
  type MinutesListResult,
  type MinutesOverview,
  type StagedFile,
} from './minutes';
import type { OrgRule, OrgWarning } from './rules/orgRules';
import { IMPORT_FIELDS, type ImportField } from './import/columns';
import {
  activityListQuery,
  activitySaveInput,
  agreementListQuery,
  agreementReviewInput,
  agreementSaveInput,
  commitmentTickInput,
  jointBodySaveInput,
  jointMeetingInput,
  membershipInput,
  photoUploadInput,
  unitListQuery,
  unitSaveInput,
  visitInput,
  visitListQuery,
  type Activity,
  type ActivityRow,
  type ActivityTotalsReport,
  type Agreement,
  type AgreementRow,
  type JointBody,
  type PhotoFile,
  type ResidentUnit,
  type ResidentUnitRow,
  type UnitVisit,
} from './cobuilding';
import {
  newOrgImportCommitInput,
  newOrgImportPreviewInput,
  newOrgListQuery,
  newOrgSaveInput,
  type CoverageReport,
  type NewOrg,
  type NewOrgImportPreview,
  type NewOrgImportResult,
  type NewOrgRow,
} from './twonew';
import {
  feedbackInput,
  feedbackPeriod,
  inServiceListQuery,
  registrationInput,
  registrationUpdateInput,
  serviceRecordInput,
  type FeedbackListRow,
  type FeedbackSheet,
  type InServiceRegistration,
  type InServiceRow,
} from './inService';
import {
  hoursQuery,
  serviceListQuery,
  serviceSaveInput,
  teamSaveInput,
  volunteerCloseInput,
  volunteerInput,
  volunteerListQuery,
  type Service,
  type ServiceRow,
  type Team,
  type TeamRow,
  type VolunteerFile,
  type VolunteerHoursReport,
  type VolunteerRow,
} from './volunteers';
import { householdListQuery, householdSaveInput, visitSaveInput, type Household, type HouseholdRow } from './assistance';
import { cadreListQuery, cadreSaveInput, structureQuery, trainingSaveInput, type Cadre, type CadreRow, type CadreStructureReport } from './cadres';
import {
  assessmentExportInput,
  demonstrationInput,
  fetchComputedInput,
  progressInput,
  scoresInput,
  targetSheetInput,
  targetYear,
  type TargetSheet,
  type TargetSheetRow,
} from './targets';
import type { OrgImportField } from './import/orgColumns';
import { autoLockInput, removePasswordInput, setPasswordInput, unlockInput, type SecurityStatus } from './security';
import { EXPORT_DATA } from './domain/labels';
import { returnsFileInput, returnsProduceInput, returnsReproduceInput, type Overview, type ReturnEntry, type ReturnProduced } from './returns';
import { BRIDGE_GLOBAL, CHANNELS, type Channel } from './channels';

const id = z.number().int().positive();
const empty = z.object({}).strict();

export const MEMBER_SORT_FIELDS = ['name', 'idNumber', 'birthDate', 'joinedOn', 'branch', 'updatedAt'] as const;
export type MemberSortField = (typeof MEMBER_SORT_FIELDS)[number];

export const memberListQuery = z
  .object({
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(200).default(20),
    sortField: z.enum(MEMBER_SORT_FIELDS).default('name'),
    sortOrder: z.enum(['asc', 'desc']).default('asc'),
    /** Matches name, ID number and pinyin initials ("zs" → 张三). */
    q: z.string().max(40, '搜索内容太长').optional(),
    /** Any of these classifications. */
    tags: z.array(z.enum(TAGS)).max(TAGS.length).optional(),
    /** The organisation and everything below it. */
    orgId: id.optional(),
    membershipKind: z.enum(MEMBERSHIP_KINDS).optional(),
    standing: z.enum(STANDINGS).optional(),
    lostContact: z.boolean().optional(),
    floating: z.boolean().optional(),
    status: z.enum(['active', 'left', 'all']).default('active'),
  })
  .strict();
export type MemberListQuery = z.input<typeof memberListQuery>;

export interface MemberListRow {
  id: number;
  name: string;
  sex: 'male' | 'female' | null;
  idNumberMasked: string;
  idStatus: IdStatus;
  birthDate: string | null;
  membershipKind: MembershipKind;
  branchId: number | null;
  branchName: string | null;
  joinedOn: string | null;
  occupation: string | null;
  mobileMasked: string | null;
  standing: Standing;
  lostContact: boolean;
  floating: boolean;
  tags: Tag[];
  leftOn: string | null;
  leftReason: ExitReason | null;
}

export interface MemberListResult {
  rows: MemberListRow[];
  total: number;
  /** Members matching every filter but the classification one, per classification. */
  tagCounts: Record<Tag, number>;
  /** Members matching every filter but the classification one. */
  totalIgnoringTags: number;
}

export interface AuditChange {
  field: string;
  old: unknown;
  new: unknown;
}
export interface AuditEntry {
  id: number;
  at: string;
  /** Who made the change: the operating-system user of the desktop app, or 'cli' / an import's name. */
  actor: string | null;
  action: 'create' | 'update' | 'exit' | 'reinstate' | 'import' | 'move' | 'dissolve' | 'issue' | 'confirm' | 'receipt' | 'cancel' | 'register' | 'place' | 'return' | 'review' | 'delete' | 'attach' | 'detach' | 'export' | 'setPassword' | 'changePassword' | 'removePassword' | 'autoLock' | 'lockout';
  entity: 'member' | 'organisation' | 'transfer' | 'floatingCertificate' | 'meeting' | 'register' | 'settings' | 'residentUnit' | 'jointBody' | 'jointMeeting' | 'unitVisit' | 'agreement' | 'activity' | 'newOrganisation' | 'inServiceRegistration' | 'volunteer' | 'volunteerTeam' | 'volunteerService' | 'assistanceHousehold' | 'cadre' | 'targetSheet';
  entityId: number;
  changes: AuditChange[];
  note: string | null;
  batchId: string | null;
}

export interface Member {
  id: number;
  name: string;
  sex: 'male' | 'female' | null;
  ethnicity: string | null;
  idNumber: string;
  idStatus: IdStatus;
  idOverrideReason: string | null;
  birthDate: string | null;
  education: Education | null;
  membershipKind: MembershipKind;
  branchId: number | null;
  branchName: string | null;
  joinedOn: string | null;
  confirmedOn: string | null;
  occupation: string | null;
  mobile: string | null;
  phone: string | null;
  address: string | null;
  standing: Standing;
  lostContact: boolean;
  lostContactSince: string | null;
  floating: boolean;
  floatingDirection: FloatingDirection | null;
  floatingDestination: string | null;
  tags: Tag[];
  specialties: string | null;
  note: string | null;
  leftOn: string | null;
  leftReason: ExitReason | null;
  leftNote: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface IdCheckResult {
  normalised: string;
  ok: boolean;
  form?: 'standard18' | 'legacy15';
  problem?: 'empty' | 'format' | 'checksum' | 'birthDate';
  message?: string;
  sex?: 'male' | 'female';
  birthDate?: string;
  /** Another member already holds this number. */
  duplicate?: { id: number; name: string; branchName: string | null; active: boolean };
}

export interface OrgNode {
  id: number;
  name: string;
  kind: OrgKind;
  parentId: number | null;
  /** 办公地址 (地址 / 办公地点). */
  address: string | null;
  /** Active members directly in this organisation. */
  fullCount: number;
  probationaryCount: number;
  /** Active members in this organisation and every organisation below it. */
  fullTotal: number;
  probationaryTotal: number;
  /** 届满 (elected + term), when an elected date is recorded. */
  termEnd: string | null;
  /** The rules this organisation breaks today (shared/rules/orgRules.ts). */
  warnings: OrgWarning[];
}

export interface OrgOfficer {
  id: number;
  /** The member in the register, or null for a person named by hand. */
  memberId: number | null;
  name: string;
  role: OfficerRole;
  /** A register member who has since left (转出、去世…). */
  memberLeft: boolean;
}

/** The full organisation record (组织信息). */
export interface OrgRecord extends OrgNode {
  parentName: string | null;
  foundedOn: string | null;
  foundingDocNo: string | null;
  contactPhone: string | null;
  electedOn: string | null;
  /** As recorded; null means the default for the kind. */
  termYears: number | null;
  /** The term in force: recorded, or the default (5 years in a community, 3 otherwise). */
  effectiveTermYears: number | null;
  defaultTermYears: number | null;
  note: string | null;
  units: string[];
  officers: OrgOfficer[];
  dissolvedOn: string | null;
  createdAt: string;
  updatedAt: string;
  /** Raised by every change; orgs.update sends the one the form was opened with (expectedVersion). */
  version: number;
}

/** Every warning in the street, grouped by rule (组织概况 / 规则提醒). */
export interface OrgOverview {
  today: string;
  organisations: number;
  branches: number;
  fullTotal: number;
  probationaryTotal: number;
  groups: { rule: OrgRule; title: string; advice: string; items: { orgId: number; orgName: string; kind: OrgKind; parentName: string | null; facts: string; message: string }[] }[];
}

const orgText = (max: number, label: string) =>
  z
    .string()
    .max(max, `${label}不能超过 ${max} 个字`)
    .transform((s) => s.trim())
    .transform((s) => (s === '' ? null : s))
    .nullable();

export const officerInput = z.object({
  memberId: id.nullable(),
  name: z.string().trim().min(1, '请填写组织成员的姓名').max(40, '姓名不能超过 40 个字'),
  role: z.enum(OFFICER_ROLES, '请选择职务'),
});

/**
 * An organisation as the form sends it. name, kind and parent are always given; the rest of the record
 * (founding, units, officers, election …) may be left out, which keeps what is stored.
 */
export const orgInput = z.object({
  name: z.string().trim().min(1, '请填写组织名称').max(60, '组织名称不能超过 60 个字'),
  kind: z.enum(ORG_KINDS, '请选择组织类别'),
  parentId: id.nullable(),
  foundedOn: isoDate.nullable().optional(),
  foundingDocNo: orgText(60, '建立文号').optional(),
  contactPhone: orgText(30, '联系电话')
    .refine((s) => s == null || /^[0-9+\-()（） 转]+$/.test(s), '联系电话只能填写数字、“-”和“转”，例如 010-12345678')
    .optional(),
  address: orgText(100, '办公地址').optional(),
  electedOn: isoDate.nullable().optional(),
  termYears: z.number().int('任期应为整数年').min(1, '任期应为 1 至 10 年').max(10, '任期应为 1 至 10 年').nullable().optional(),
  note: orgText(2000, '备注').optional(),
  units: z
    .array(z.string().trim().min(1, '单位名称不能为空').max(100, '单位名称不能超过 100 个字'))
    .max(20, '所在单位最多登记 20 个')
    .optional(),
  officers: z.array(officerInput).max(15, '组织成员最多登记 15 人').optional(),
});
export type OrgInput = z.output<typeof orgInput>;

export const orgDissolveInput = z.object({
  id,
  date: isoDate,
  note: orgText(500, '撤销说明'),
});

// ─── import, export, long jobs ─────────────────────────────────────────────────────────────────────────

/** A spreadsheet as the page sends it: its name and its bytes (base64). At most 64 MB. */
const fileUpload = z.object({
  fileName: z.string().trim().min(1).max(260),
  dataBase64: z.string().max(90 * 1024 * 1024, '文件太大（超过 64 MB），请分成几个文件导入'),
});

const importOptions = {
  /** Column index → field (or null: ignore the column), when the clerk mapped columns by hand. */
  mapping: z.record(z.string().regex(/^\d{1,4}$/), z.enum(IMPORT_FIELDS).nullable()).optional(),
  sheetIndex: z.number().int().min(0).max(255).optional(),
};

export const importPreviewInput = fileUpload.extend(importOptions).strict();
export const importCommitInput = fileUpload
  .extend({
    ...importOptions,
    /** 'valid': write the valid rows, list the rest; 'strict': write nothing when any row is in error. */
    mode: z.enum(['valid', 'strict']),
    /** Branches named in the file that do not exist yet: create each under the given parent (null: the suggested one). */
    createBranches: z.array(z.object({ name: z.string().trim().min(1).max(60), parentId: id.nullable() }).strict()).max(2000),
  })
  .strict();

export interface ImportIssue {
  row: number;
  column: string;
  value: string;
  message: string;
}

export interface ImportRowReport {
  row: number;
  status: 'new' | 'changed' | 'unchanged' | 'error';
  name: string | null;
  idNumberMasked: string | null;
  /** For 'changed': the fields that differ (member field names). */
  changedFields: string[];
  /**
   * For 'changed': each difference as the clerk reads it — the field's label, the stored value and the file's
   * (dates YYYY-MM-DD, codes by their Chinese labels, the branch by name, ID and mobile numbers masked); null: empty.
   */
  changes: ImportFieldChange[];
  issues: ImportIssue[];
  warnings: string[];
}

export interface ImportFieldChange {
  field: string;
  label: string;
  old: string | null;
  new: string | null;
}

/** One sheet of the file, for choosing which one to import. */
export interface ImportSheetInfo {
  index: number;
  name: string;
  hidden: boolean;
  /** Rows holding any value (titles and the header included). */
  rows: number;
}

export interface ImportCounts {
  rows: number;
  new: number;
  changed: number;
  unchanged: number;
  errors: number;
}

export interface ImportPreview {
  fileName: string;
  sha256: string;
  format: 'xlsx' | 'xls' | 'csv';
  /** The sheet the table was taken from (chosen by the clerk, or the best match). */
  sheetIndex: number;
  sheetName: string;
  /** Every sheet of the file, to choose another. */
  sheets: ImportSheetInfo[];
  headerRow: number;
  columns: { index: number; header: string; field: ImportField | null }[];
  /** Required fields no column fills; the import cannot run until they are mapped. */
  missing: ImportField[];
  counts: ImportCounts;
  /** Every row in error, and the first rows of each other kind (the counts are complete). */
  rows: ImportRowReport[];
  unknownBranches: { name: string; rows: number; suggestedParentId: number | null; suggestedParentName: string | null }[];
}

export interface ImportResult {
  batchId: string;
  fileName: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: ImportIssue[];
  createdBranches: string[];
  backupFile: string | null;
}

export interface ImportBatch {
  id: string;
  fileName: string;
  sha256: string;
  at: string;
  actor: string | null;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: number;
}

/** 导入组织: a spreadsheet of organisations (组织名称, 组织类别, 上级组织 …), checked then written. */
export const orgImportPreviewInput = fileUpload.strict();
export const orgImportCommitInput = fileUpload
  .extend({
    /** 'valid': write the rows without errors; 'strict': write nothing when any row is in error. */
    mode: z.enum(['valid', 'strict']),
  })
  .strict();

/** One field an organisation import sets, as the preview shows it (kinds as labels, the parent by name). */
export interface OrgImportChange {
  field: string;
  label: string;
  old: string | null;
  new: string | null;
}

export interface OrgImportRowReport {
  row: number;
  status: 'new' | 'changed' | 'unchanged' | 'error';
  name: string | null;
  kind: OrgKind | null;
  parentName: string | null;
  /** For 'changed': old → new; for 'new': the values the file gives. */
  changes: OrgImportChange[];
  issues: ImportIssue[];
  warnings: string[];
}

export interface OrgImportPreview {
  fileName: string;
  sha256: string;
  format: 'xlsx' | 'xls' | 'csv';
  sheetName: string;
  headerRow: number;
  columns: { index: number; header: string; field: OrgImportField | null }[];
  counts: ImportCounts;
  /** Every row of the list, in file order. */
  rows: OrgImportRowReport[];
}

export interface OrgImportResult {
  batchId: string;
  fileName: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: ImportIssue[];
  backupFile: string | null;
}

/** A file made for the clerk to save (template, export, annotated errors). */
export interface FileDownload {
  fileName: string;
  dataBase64: string;
}

export type JobKind =
  | 'import.preview'
  | 'import.commit'
  | 'members.export'
  | 'orgs.importPreview'
  | 'orgs.importCommit'
  | 'minutes.importPreview'
  | 'minutes.importCommit'
  | 'minutes.checkArchive';
export interface JobStatus {
  id: string;
  kind: JobKind;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** What it is doing, in Chinese (读取文件 / 检查数据 / 写入数据库 …). */
  stage: string;
  done: number;
  total: number;
  result?: ImportPreview | ImportResult | FileDownload | OrgImportPreview | OrgImportResult | MinutesImportPreview | MinutesImportResult | ArchiveCheck;
  error?: ApiError;
}

export interface AppInfo {
  name: string;
  version: string;
  dbPath: string;
  schemaVersion: number;
  /** Set when the data file is damaged: only the recovery screen's channels answer (backup.*). */
  recovery?: { problem: string };
}

/** Declares a channel: its input schema and (as a type only) its output. */
function channel<O>() {
  return <I extends z.ZodType>(input: I) => ({ input, output: undefined as unknown as O });
}

export const contract = {
  'app.info': channel<AppInfo>()(empty),
  'members.list': channel<MemberListResult>()(memberListQuery),
  'members.get': channel<Member>()(z.object({ id }).strict()),
  'members.audit': channel<AuditEntry[]>()(z.object({ id }).strict()),
  'members.checkId': channel<IdCheckResult>()(
    z.object({ idNumber: z.string().max(40), excludeId: id.optional() }).strict(),
  ),
  'members.create': channel<Member>()(z.object({ member: memberInput }).strict()),
  'members.update': channel<Member>()(
    z.object({ id, member: memberInput, expectedVersion: z.number().int().nonnegative() }).strict(),
  ),
  'members.exit': channel<Member>()(exitInput.strict()),
  'members.reinstate': channel<Member>()(z.object({ id, note: z.string().trim().min(1, '请写明恢复原因').max(500) }).strict()),
  'orgs.list': channel<OrgNode[]>()(empty),
  'orgs.create': channel<OrgNode>()(z.object({ org: orgInput }).strict()),
  'orgs.update': channel<OrgRecord>()(
    z.object({ id, org: orgInput, expectedVersion: z.number().int().nonnegative() }).strict(),
  ),
  'orgs.get': channel<OrgRecord>()(z.object({ id }).strict()),
  'orgs.dissolve': channel<OrgRecord>()(orgDissolveInput.strict()),
  'orgs.overview': channel<OrgOverview>()(empty),
  'orgs.audit': channel<AuditEntry[]>()(z.object({ id }).strict()),
  'members.move': channel<MoveResult>()(memberMoveInput),
  'members.history': channel<BranchStay[]>()(z.object({ id }).strict()),
  'orgs.suggestions': channel<BranchSuggestion[]>()(empty),
  'orgs.formBranch': channel<FormBranchResult>()(formBranchInput),
  'orgs.importPreview': channel<{ jobId: string }>()(orgImportPreviewInput),
  'orgs.importCommit': channel<{ jobId: string }>()(orgImportCommitInput),
  'transfers.list': channel<TransferRow[]>()(transferListQuery),
  'transfers.get': channel<Transfer>()(z.object({ id }).strict()),
  'transfers.issueOut': channel<Transfer>()(transferIssueInput),
  'transfers.confirmOut': channel<Transfer>()(transferDateInput),
  'transfers.receipt': channel<Transfer>()(transferDateInput),
  'transfers.cancel': channel<Transfer>()(transferCancelInput),
  'transfers.registerIn': channel<Transfer>()(transferRegisterInput),
  'transfers.placeIn': channel<Transfer>()(transferPlaceInput),
  'floating.list': channel<FloatingCertificateRow[]>()(floatingListQuery),
  'floating.get': channel<FloatingCertificate>()(z.object({ id }).strict()),
  'floating.issue': channel<FloatingCertificate>()(floatingIssueInput),
  'floating.update': channel<FloatingCertificate>()(floatingUpdateInput),
  'floating.return': channel<FloatingCertificate>()(floatingReturnInput),
  'floating.review': channel<FloatingCertificate>()(floatingReviewInput),
  'floating.audit': channel<AuditEntry[]>()(z.object({ id }).strict()),
  'import.preview': channel<{ jobId: string }>()(importPreviewInput),
  'import.commit': channel<{ jobId: string }>()(importCommitInput),
  'import.annotated': channel<FileDownload>()(z.object({ jobId: z.string().max(64) }).strict()),
  'import.history': channel<ImportBatch[]>()(empty),
  'members.template': channel<FileDownload>()(empty),
  'members.export': channel<{ jobId: string }>()(
    /** data: 'masked' (the default) hides ID numbers and phones; 'full' is for re-import and is audited. */
    z.object({ query: memberListQuery, data: z.enum(EXPORT_DATA, '请选择导出完整数据还是隐藏身份证号和电话').default('masked') }).strict(),
  ),
  'jobs.status': channel<JobStatus>()(z.object({ id: z.string().max(64) }).strict()),
  'jobs.cancel': channel<JobStatus>()(z.object({ id: z.string().max(64) }).strict()),
  'backup.list': channel<BackupOverview>()(empty),
  'backup.create': channel<BackupRow>()(backupCreateInput),
  'backup.inspect': channel<BackupRow>()(backupFileInput),
  'backup.verify': channel<BackupVerifyResult>()(backupFileInput),
  'backup.restore': channel<RestoreResult>()(backupFileInput),
  'backup.pickFolder': channel<{ path: string | null }>()(empty),
  'backup.pickFile': channel<{ path: string | null }>()(empty),
  'security.status': channel<SecurityStatus>()(empty),
  'security.unlock': channel<SecurityStatus>()(unlockInput),
  'security.lock': channel<SecurityStatus>()(empty),
  'security.setPassword': channel<SecurityStatus>()(setPasswordInput),
  'security.removePassword': channel<SecurityStatus>()(removePasswordInput),
  'security.setAutoLock': channel<SecurityStatus>()(autoLockInput),
  'security.log': channel<AuditEntry[]>()(empty),
  'minutes.list': channel<MinutesListResult>()(minutesListQuery),
  'minutes.get': channel<Meeting>()(z.object({ id }).strict()),
  'minutes.create': channel<Meeting>()(z.object({ meeting: meetingInput }).strict()),
  'minutes.update': channel<Meeting>()(z.object({ id, meeting: meetingInput }).strict()),
  'minutes.delete': channel<{ deleted: true }>()(z.object({ id }).strict()),
  'minutes.audit': channel<AuditEntry[]>()(z.object({ id }).strict()),
  'minutes.attach': channel<Meeting>()(attachInput),
  'minutes.detach': channel<Meeting>()(z.object({ meetingId: id, attachmentId: id }).strict()),
  /** Opens a copy with the system's program (desktop app); opened: false where it cannot (browser mode: download it). */
  'minutes.openAttachment': channel<{ opened: boolean }>()(z.object({ id }).strict()),
  'minutes.downloadAttachment': channel<FileDownload>()(z.object({ id }).strict()),
  /** 检查附件: every archived file hashed, as a job (a large archive takes a while). */
  'minutes.checkArchive': channel<{ jobId: string }>()(empty),
  'minutes.overview': channel<MinutesOverview>()(overviewQuery),
  'minutes.stage': channel<StagedFile[]>()(minutesStageInput),
  'minutes.importPreview': channel<{ jobId: string }>()(minutesImportPreviewInput),
  'minutes.importCommit': channel<{ jobId: string }>()(minutesImportCommitInput),
  'returns.produce': channel<ReturnProduced>()(returnsProduceInput),
  'returns.history': channel<ReturnEntry[]>()(empty),
  'returns.reproduce': channel<ReturnProduced>()(returnsReproduceInput),
  'returns.file': channel<FileDownload>()(returnsFileInput),
  'overview.get': channel<Overview>()(empty),
  'units.list': channel<ResidentUnitRow[]>()(unitListQuery),
  'units.get': channel<ResidentUnit>()(z.object({ id }).strict()),
  'units.save': channel<ResidentUnit>()(unitSaveInput),
  'units.audit': channel<AuditEntry[]>()(z.object({ id }).strict()),
  'jointBodies.list': channel<JointBody[]>()(empty),
  'jointBodies.save': channel<JointBody>()(jointBodySaveInput),
  'jointBodies.saveMembership': channel<JointBody>()(membershipInput),
  'jointMeetings.save': channel<JointBody>()(jointMeetingInput),
  'jointMeetings.remove': channel<JointBody>()(z.object({ id }).strict()),
  'visits.list': channel<UnitVisit[]>()(visitListQuery),
  'visits.save': channel<UnitVisit>()(visitInput),
  'visits.remove': channel<{ deleted: true }>()(z.object({ id }).strict()),
  'agreements.list': channel<AgreementRow[]>()(agreementListQuery),
  'agreements.get': channel<Agreement>()(z.object({ id }).strict()),
  'agreements.save': channel<Agreement>()(agreementSaveInput),
  'agreements.tick': channel<Agreement>()(commitmentTickInput),
  'agreements.review': channel<Agreement>()(agreementReviewInput),
  'agreements.audit': channel<AuditEntry[]>()(z.object({ id }).strict()),
  'activities.list': channel<ActivityRow[]>()(activityListQuery),
  'activities.get': channel<Activity>()(z.object({ id }).strict()),
  'activities.save': channel<Activity>()(activitySaveInput),
  'activities.remove': channel<{ deleted: true }>()(z.object({ id }).strict()),
  'activities.addPhoto': channel<Activity>()(photoUploadInput),
  'activities.photo': channel<PhotoFile>()(z.object({ activityId: id, photoId: id }).strict()),
  'activities.removePhoto': channel<Activity>()(z.object({ activityId: id, photoId: id }).strict()),
  'activities.totals': channel<ActivityTotalsReport>()(z.object({ year: z.number().int().min(2000).max(2100).optional() }).strict()),
  'neworgs.list': channel<NewOrgRow[]>()(newOrgListQuery),
  'neworgs.get': channel<NewOrg>()(z.object({ id }).strict()),
  'neworgs.save': channel<NewOrg>()(newOrgSaveInput),
  'neworgs.audit': channel<AuditEntry[]>()(z.object({ id }).strict()),
  'neworgs.coverage': channel<CoverageReport>()(empty),
  'neworgs.importPreview': channel<NewOrgImportPreview>()(newOrgImportPreviewInput),
  'neworgs.importCommit': channel<NewOrgImportResult>()(newOrgImportCommitInput),
  'neworgs.template': channel<FileDownload>()(empty),
  'inService.list': channel<InServiceRow[]>()(inServiceListQuery),
  'inService.get': channel<InServiceRegistration>()(z.object({ id }).strict()),
  'inService.register': channel<InServiceRegistration>()(registrationInput),
  'inService.update': channel<InServiceRegistration>()(registrationUpdateInput),
  'inService.saveRecord': channel<InServiceRegistration>()(serviceRecordInput),
  'inService.removeRecord': channel<InServiceRegistration>()(z.object({ id }).strict()),
  'inService.feedbackSheet': channel<FeedbackSheet>()(z.object({ registrationId: id, period: feedbackPeriod }).strict()),
  'inService.saveFeedback': channel<FeedbackSheet>()(feedbackInput),
  'inService.feedbackList': channel<FeedbackListRow[]>()(z.object({ period: feedbackPeriod }).strict()),
  'inService.exportFeedback': channel<FileDownload>()(z.object({ period: feedbackPeriod }).strict()),
  'inService.audit': channel<AuditEntry[]>()(z.object({ id }).strict()),
  'volunteers.list': channel<VolunteerRow[]>()(volunteerListQuery),
  'volunteers.get': channel<VolunteerFile>()(z.object({ memberId: id }).strict()),
  'volunteers.save': channel<VolunteerFile>()(volunteerInput),
  'volunteers.close': channel<VolunteerFile>()(volunteerCloseInput),
  'volunteers.audit': channel<AuditEntry[]>()(z.object({ id }).strict()),
  'volunteers.hours': channel<VolunteerHoursReport>()(hoursQuery),
  'volunteerTeams.list': channel<TeamRow[]>()(empty),
  'volunteerTeams.get': channel<Team>()(z.object({ id }).strict()),
  'volunteerTeams.save': channel<Team>()(teamSaveInput),
  'volunteerTeams.audit': channel<AuditEntry[]>()(z.object({ id }).strict()),
  'volunteerServices.list': channel<ServiceRow[]>()(serviceListQuery),
  'volunteerServices.get': channel<Service>()(z.object({ id }).strict()),
  'volunteerServices.save': channel<Service>()(serviceSaveInput),
  'volunteerServices.remove': channel<{ deleted: true }>()(z.object({ id }).strict()),
  'volunteerServices.audit': channel<AuditEntry[]>()(z.object({ id }).strict()),
  'assistance.list': channel<HouseholdRow[]>()(householdListQuery),
  'assistance.get': channel<Household>()(z.object({ id }).strict()),
  'assistance.save': channel<Household>()(householdSaveInput),
  'assistance.saveVisit': channel<Household>()(visitSaveInput),
  'assistance.removeVisit': channel<Household>()(z.object({ id }).strict()),
  'assistance.audit': channel<AuditEntry[]>()(z.object({ id }).strict()),
  'cadres.list': channel<CadreRow[]>()(cadreListQuery),
  'cadres.get': channel<Cadre>()(z.object({ id }).strict()),
  'cadres.save': channel<Cadre>()(cadreSaveInput),
  'cadres.saveTraining': channel<Cadre>()(trainingSaveInput),
  'cadres.removeTraining': channel<Cadre>()(z.object({ id }).strict()),
  'cadres.structure': channel<CadreStructureReport>()(structureQuery),
  'cadres.audit': channel<AuditEntry[]>()(z.object({ id }).strict()),
  'targets.list': channel<TargetSheetRow[]>()(empty),
  'targets.get': channel<TargetSheet>()(z.object({ year: targetYear }).strict()),
  'targets.save': channel<TargetSheet>()(targetSheetInput),
  'targets.saveProgress': channel<TargetSheet>()(progressInput),
  'targets.saveScores': channel<TargetSheet>()(scoresInput),
  'targets.fetchComputed': channel<TargetSheet>()(fetchComputedInput),
  'targets.saveDemonstration': channel<TargetSheet>()(demonstrationInput),
  'targets.export': channel<FileDownload>()(assessmentExportInput),
  'targets.audit': channel<AuditEntry[]>()(z.object({ id }).strict()),
} as const satisfies Record<Channel, { input: z.ZodType; output: unknown }>;

// Every channel name listed once in channels.ts has a contract entry, and no other (checked by the compiler).
type _Exact = [keyof typeof contract] extends [Channel] ? ([Channel] extends [keyof typeof contract] ? true : never) : never;
const _exact: _Exact = true;
void _exact;
void CHANNELS;

export type Contract = typeof contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = Contract[C]['output'];

export type ErrorCode =
  | 'invalid_input'
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'unknown_channel'
  | 'forbidden'
  | 'too_large'
  | 'locked'
  | 'internal';
export interface ApiError {
  code: ErrorCode;
  /** A sentence in Chinese that says what to do next. */
  message: string;
  /** Per-field messages, keyed by the input's field names. */
  fieldErrors?: Record<string, string>;
}
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What the preload (or, in browser mode, the bridge) puts on window: one function per channel. */
export type Bridge = { [C in Channel]: (input: unknown) => Promise<Envelope<Output<C>>> };
export { BRIDGE_GLOBAL, CHANNELS, type Channel, EXIT_REASONS };
export type { ExitReason, OrgWarning, OrgRule };
export type { BackupOverview, BackupRow, BackupVerifyResult, RestoreResult };
