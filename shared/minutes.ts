/**
 * 会议纪要: meetings and their minutes, attachments kept in the archive by content hash, the import of old minutes
 * (.docx/.doc/.pdf/.txt), the full-text search, and the 三会一课 overview — the inputs the main process parses and
 * the records it returns (listed in contract.ts with the other channels).
 */
import { z } from 'zod';
import { MEETING_TYPES, type MeetingType } from './domain/labels';
import { isoDate } from './rules/member';

export { MEETING_TYPES, MEETING_TYPE_LABELS, type MeetingType } from './domain/labels';

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

const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 时:分，例如 09:30')
  .nullable();

/** 三会一课: the meetings a branch must hold, and how often. */
export const REQUIRED_MEETINGS: { type: MeetingType; every: 'month' | 'quarter' }[] = [
  { type: 'memberAssembly', every: 'quarter' },
  { type: 'committee', every: 'month' },
  { type: 'groupMeeting', every: 'month' },
  { type: 'partyLesson', every: 'quarter' },
];

export const attendeeInput = z
  .object({
    /** A member of the register, or null for a person named by hand (a guest, a unit's representative). */
    memberId: id.nullable(),
    name: z.string().trim().min(1, '请填写参会人员的姓名').max(40, '姓名不能超过 40 个字'),
    present: z.boolean(),
    /** Why an absentee was absent (请假、外出务工 …). */
    reason: text(100, '缺席原因').optional(),
  })
  .strict();
export type AttendeeInput = z.output<typeof attendeeInput>;

export const followUpInput = z
  .object({
    item: z.string().trim().min(1, '请填写后续事项').max(500, '后续事项不能超过 500 个字'),
    owner: text(40, '责任人').optional(),
    dueOn: isoDate.nullable().optional(),
    doneOn: isoDate.nullable().optional(),
  })
  .strict();
export type FollowUpInput = z.output<typeof followUpInput>;

/** A meeting record as the form sends it. */
export const meetingInput = z
  .object({
    type: z.enum(MEETING_TYPES, '请选择会议类型'),
    title: required(100, '会议名称'),
    heldOn: isoDate,
    startTime: clock.optional(),
    endTime: clock.optional(),
    place: text(100, '会议地点').optional(),
    /** The organisation that held it (a branch, a community committee …). */
    orgId: id.nullable().optional(),
    /** A body that is not an organisation of the tree (a 联席会, a 协调委员会), by name. */
    bodyName: text(100, '会议机构').optional(),
    host: text(40, '主持人').optional(),
    recorder: text(40, '记录人').optional(),
    attendees: z.array(attendeeInput).max(500, '参会人员最多登记 500 人').optional(),
    agenda: text(5000, '会议议题').optional(),
    minutes: text(200_000, '会议内容').optional(),
    decisions: text(20_000, '决定事项').optional(),
    followUps: z.array(followUpInput).max(100, '后续事项最多登记 100 项').optional(),
    note: text(1000, '备注').optional(),
  })
  .strict()
  .refine((m) => !m.startTime || !m.endTime || m.endTime >= m.startTime, { message: '结束时间不能早于开始时间', path: ['endTime'] });
export type MeetingInput = z.output<typeof meetingInput>;

/** A file as the page sends it: its name and its bytes (base64). At most 64 MB. */
export const minutesFileUpload = z
  .object({
    fileName: z.string().trim().min(1).max(260),
    dataBase64: z.string().max(90 * 1024 * 1024, '文件太大（超过 64 MB）'),
  })
  .strict();

export const attachInput = z
  .object({ meetingId: id, files: z.array(minutesFileUpload).min(1, '请选择要添加的附件').max(50, '一次最多添加 50 个附件') })
  .strict();

export const minutesListQuery = z
  .object({
    /** Words to find in titles, minutes, decisions and attachments' text; space between words: all of them. */
    q: z.string().max(100, '搜索内容太长（最多 100 个字）').optional(),
    type: z.enum(MEETING_TYPES).optional(),
    /** The organisation and everything below it. */
    orgId: id.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    page: z.number().int().min(1).max(10_000).default(1),
    pageSize: z.number().int().min(1).max(200).default(20),
  })
  .strict();
export type MinutesListQuery = z.output<typeof minutesListQuery>;

/** Staging: files the page uploads before the import preview (kept until the import or for a day). */
export const minutesStageInput = z.object({ files: z.array(minutesFileUpload).min(1).max(200) }).strict();

const stagedFile = z
  .object({
    token: z.string().regex(/^[0-9a-f]{64}$/, '文件标识不正确'),
    fileName: z.string().trim().min(1).max(260),
  })
  .strict();

export const minutesImportPreviewInput = z.object({ files: z.array(stagedFile).min(1, '请选择要导入的文件').max(5000, '一次最多导入 5000 个文件') }).strict();

export const minutesImportCommitInput = z
  .object({
    items: z
      .array(
        stagedFile.extend({
          type: z.enum(MEETING_TYPES, '请选择会议类型'),
          heldOn: isoDate,
          title: required(100, '会议名称'),
          orgId: id.nullable(),
        }),
      )
      .min(1, '请至少勾选一个要导入的文件')
      .max(5000, '一次最多导入 5000 个文件'),
  })
  .strict();
export type MinutesImportCommitInput = z.output<typeof minutesImportCommitInput>;

export const overviewQuery = z.object({ year: z.number().int().min(2000, '年度应为 2000 年以后').max(2100, '年度不正确') }).strict();

// ─── what the main process returns ─────────────────────────────────────────────────────────────────────

export interface Attendee {
  memberId: number | null;
  name: string;
  present: boolean;
  reason: string | null;
  /** A register member who has since left (转出、去世…). */
  memberLeft: boolean;
}

export interface FollowUp {
  item: string;
  owner: string | null;
  dueOn: string | null;
  doneOn: string | null;
}

/** ok: the archived bytes hash to what was stored; missing: the file is gone; changed: its bytes differ. */
export type AttachmentState = 'ok' | 'missing' | 'changed';

export interface Attachment {
  id: number;
  meetingId: number;
  fileName: string;
  size: number;
  sha256: string;
  mime: string;
  /** Characters of text extracted for search (0: none). */
  textLength: number;
  /** Why no text was extracted, in Chinese (扫描件、图片 …); null when text was extracted. */
  textNote: string | null;
  /** The file this record was imported from. */
  original: boolean;
  addedAt: string;
  state: AttachmentState;
}

export interface MeetingRow {
  id: number;
  type: MeetingType;
  title: string;
  heldOn: string;
  startTime: string | null;
  orgId: number | null;
  /** The organisation's name, or the body's name, or null. */
  orgName: string | null;
  place: string | null;
  host: string | null;
  present: number;
  absent: number;
  attachments: number;
  /** Imported from an old file (its name). */
  importedFrom: string | null;
}

export interface Meeting extends MeetingRow {
  endTime: string | null;
  bodyName: string | null;
  recorder: string | null;
  attendees: Attendee[];
  agenda: string | null;
  minutes: string | null;
  decisions: string | null;
  followUps: FollowUp[];
  note: string | null;
  attachmentList: Attachment[];
  createdAt: string;
  updatedAt: string;
}

/** A piece of a search snippet: plain text, and whether it is a match to highlight. */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

export interface MeetingHit extends MeetingRow {
  /** Around the first match, with the matches marked; empty when listing without words. */
  snippet: SnippetPart[];
}

export interface MinutesListResult {
  rows: MeetingHit[];
  /** Matching records, counted up to 1,000. */
  total: number;
  /** More than 1,000 match (total is 1,000). */
  capped: boolean;
  /** The words searched for, as understood (after splitting on spaces). */
  terms: string[];
}

export interface StagedFile {
  token: string;
  fileName: string;
  size: number;
}

export interface MinutesImportItem {
  token: string;
  fileName: string;
  /** The file could be read and has text. */
  ok: boolean;
  /** Why not, in Chinese. */
  reason: string | null;
  format: 'docx' | 'doc' | 'pdf' | 'txt' | null;
  /** Guessed from the file name and the first lines; the clerk confirms them. */
  type: MeetingType;
  heldOn: string | null;
  title: string;
  chars: number;
  excerpt: string;
  /** A record imported from a file with these bytes already exists. */
  duplicateOf: { id: number; title: string } | null;
}

export interface MinutesImportPreview {
  items: MinutesImportItem[];
}

export interface MinutesImportResult {
  created: { id: number; fileName: string; title: string; heldOn: string; type: MeetingType }[];
  skipped: { fileName: string; reason: string }[];
}

/** One period's cell in the 三会一课 overview. */
export interface OverviewCell {
  /** Meetings of this type held in the period. */
  held: number;
  /** past: the period has ended; current: under way; future: not yet begun. */
  period: 'past' | 'current' | 'future';
  /** A required meeting missing from a period that has ended. */
  gap: boolean;
}

export interface OverviewBranch {
  orgId: number;
  orgName: string;
  parentName: string | null;
  /** Per 三会一课 type: required for this branch (党小组会 only where it has 党小组; 支委会 where it has a committee). */
  rows: { type: MeetingType; every: 'month' | 'quarter'; required: boolean; cells: OverviewCell[] }[];
  gaps: number;
}

export interface MinutesOverview {
  year: number;
  today: string;
  branches: OverviewBranch[];
  gaps: number;
}

/**
 * The archive check: every file kept in the archive — meeting attachments and 共驻共建 activity photos — whose file is
 * missing or whose bytes changed. `checked` counts both.
 */
export interface ArchiveCheck {
  checked: number;
  problems: ArchiveProblem[];
}

export type ArchiveProblem =
  | { attachmentId: number; meetingId: number; meetingTitle: string; fileName: string; state: Exclude<AttachmentState, 'ok'> }
  | { photoId: number; activityId: number; activityTitle: string; fileName: string; state: Exclude<AttachmentState, 'ok'> };
