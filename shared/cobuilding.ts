/**
 * 共驻共建: units stationed in the area (驻区单位), the joint meeting and the coordination committee (联席会 /
 * 协调委员会) with their member units and meetings, visits to units (走访征询), co-building agreements (共驻共建协议 /
 * 结对共建) with commitments, shared resources and yearly reviews, and themed activities (主题活动) with their
 * participants and photos — the inputs the main process parses and the records it returns (listed in contract.ts).
 */
import { z } from 'zod';
import {
  ACTIVITY_KINDS,
  AGREEMENT_KINDS,
  ASSESSMENT_GRADES,
  JOINT_BODY_KINDS,
  UNIT_KINDS,
  type ActivityKind,
  type AgreementKind,
  type AssessmentGrade,
  type JointBodyKind,
  type UnitKind,
} from './domain/labels';
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

const phone = (label: string) =>
  text(30, label).refine((s) => s == null || /^[0-9+\-()（） 转]+$/.test(s), `${label}只能填写数字、“-”和“转”，例如 010-12345678`);

// ─── 驻区单位 ────────────────────────────────────────────────────────────────────────────────────────────

export const unitInput = z
  .object({
    name: required(100, '单位名称'),
    kind: z.enum(UNIT_KINDS, '请选择单位类别'),
    address: text(200, '单位地址').optional(),
    /** The unit's own Party organisation (中共××党委 …), as written. */
    partyOrgName: text(100, '单位党组织').optional(),
    partySecretary: text(40, '党组织书记').optional(),
    contactName: text(40, '联系人').optional(),
    contactPhone: phone('联系电话').optional(),
    /** 联络员: the person the unit names to the joint meeting. */
    liaisonName: text(40, '联络员').optional(),
    liaisonPhone: phone('联络员电话').optional(),
    /** The community (社区党委) it sits in. */
    communityId: id.nullable(),
    /** 迁出本辖区: the unit left the area; it stays in the register with its history. */
    leftOn: isoDate.nullable().optional(),
    note: text(1000, '备注').optional(),
  })
  .strict();
export type UnitInput = z.output<typeof unitInput>;

/** A new unit (no id) or a change to one (id and the version the form read). */
export const unitSaveInput = z.object({ id: id.optional(), unit: unitInput, expectedVersion: z.number().int().nonnegative().optional() }).strict();

export const UNIT_STATUSES = ['active', 'left', 'all'] as const;
export const unitListQuery = z
  .object({
    q: z.string().max(40, '搜索内容太长').optional(),
    kind: z.enum(UNIT_KINDS).optional(),
    communityId: id.optional(),
    status: z.enum(UNIT_STATUSES).default('active'),
  })
  .strict();
export type UnitListQuery = z.output<typeof unitListQuery>;

export interface ResidentUnitRow {
  id: number;
  name: string;
  kind: UnitKind;
  address: string | null;
  partyOrgName: string | null;
  partySecretary: string | null;
  contactName: string | null;
  contactPhone: string | null;
  liaisonName: string | null;
  liaisonPhone: string | null;
  communityId: number | null;
  communityName: string | null;
  leftOn: string | null;
  note: string | null;
  /** The joint bodies it belongs to now. */
  bodies: { bodyId: number; bodyName: string; kind: JointBodyKind }[];
  /** Agreements in force today (started, not past their end date). */
  agreementsInForce: number;
  lastVisitOn: string | null;
  /** Problems raised on visits and not yet solved. */
  openProblems: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ResidentUnit extends ResidentUnitRow {
  memberships: JointMembership[];
  visits: UnitVisit[];
  agreements: AgreementRow[];
  /** Activities the unit took part in, per year (newest first). */
  activityYears: ActivityTotals[];
}

// ─── 联席会 / 协调委员会 ───────────────────────────────────────────────────────────────────────────────

export const CADENCES = ['quarter', 'halfYear', 'year'] as const;
export type Cadence = (typeof CADENCES)[number];
export const CADENCE_LABELS: Record<Cadence, string> = { quarter: '每季度', halfYear: '每半年', year: '每年' };
export const CADENCE_MONTHS: Record<Cadence, number> = { quarter: 3, halfYear: 6, year: 12 };

export const jointBodyInput = z
  .object({
    kind: z.enum(JOINT_BODY_KINDS, '请选择联席会或协调委员会'),
    name: required(100, '名称'),
    /** The community whose body it is; null: the street's. */
    communityId: id.nullable(),
    foundedOn: isoDate.nullable().optional(),
    /** How often it meets (quarterly or half-yearly as a rule). */
    cadence: z.enum(CADENCES).nullable().optional(),
    note: text(1000, '备注').optional(),
  })
  .strict();
export type JointBodyInput = z.output<typeof jointBodyInput>;
export const jointBodySaveInput = z.object({ id: id.optional(), body: jointBodyInput }).strict();

export const membershipInput = z
  .object({
    id: id.optional(),
    bodyId: id,
    unitId: id,
    since: isoDate,
    /** The day it left the body; null while a member. */
    until: isoDate.nullable().optional(),
    representative: text(40, '单位代表').optional(),
    /** 主任单位、副主任单位、成员单位 … as written. */
    position: text(40, '职务').optional(),
  })
  .strict();
export type MembershipInput = z.output<typeof membershipInput>;

export interface JointMembership {
  id: number;
  bodyId: number;
  bodyName: string;
  unitId: number;
  unitName: string;
  since: string;
  until: string | null;
  representative: string | null;
  position: string | null;
  current: boolean;
}

export const meetingAttendeeInput = z
  .object({
    /** The unit the attendee represents, or null (the community's own people, guests). */
    unitId: id.nullable(),
    name: required(40, '参会人员姓名'),
  })
  .strict();

export const jointMeetingInput = z
  .object({
    id: id.optional(),
    bodyId: id,
    heldOn: isoDate,
    place: text(100, '会议地点').optional(),
    topics: required(2000, '会议议题'),
    decisions: text(5000, '议定事项').optional(),
    attendees: z.array(meetingAttendeeInput).max(200, '参会人员最多登记 200 人'),
    /** The meeting's record in 会议纪要, when it has one. */
    minutesId: id.nullable().optional(),
    note: text(1000, '备注').optional(),
  })
  .strict();
export type JointMeetingInput = z.output<typeof jointMeetingInput>;

export interface JointMeeting {
  id: number;
  bodyId: number;
  bodyName: string;
  heldOn: string;
  place: string | null;
  topics: string;
  decisions: string | null;
  attendees: { unitId: number | null; unitName: string | null; name: string }[];
  /** Units present (distinct). */
  unitsPresent: number;
  minutesId: number | null;
  /** The linked minutes' title, when 会议纪要 holds it. */
  minutesTitle: string | null;
  note: string | null;
}

export interface JointBody {
  id: number;
  kind: JointBodyKind;
  name: string;
  communityId: number | null;
  communityName: string | null;
  foundedOn: string | null;
  cadence: Cadence | null;
  note: string | null;
  members: JointMembership[];
  meetings: JointMeeting[];
  lastMeetingOn: string | null;
  /** A meeting is due: the cadence's months have passed since the last one (or since founding, or none yet). */
  meetingDue: boolean;
}

// ─── 走访征询 ─────────────────────────────────────────────────────────────────────────────────────────

export const visitInput = z
  .object({
    id: id.optional(),
    unitId: id,
    visitedOn: isoDate,
    /** Who went (names, as written). */
    visitors: required(100, '走访人员'),
    views: text(2000, '单位意见建议').optional(),
    problems: text(2000, '反映的困难问题').optional(),
    followUp: text(2000, '跟进办理情况').optional(),
    solved: z.boolean(),
    solvedOn: isoDate.nullable().optional(),
    note: text(1000, '备注').optional(),
  })
  .strict();
export type VisitInput = z.output<typeof visitInput>;

export const visitListQuery = z
  .object({ unitId: id.optional(), year: z.number().int().min(2000).max(2100).optional(), unsolved: z.boolean().optional() })
  .strict();

export interface UnitVisit {
  id: number;
  unitId: number;
  unitName: string;
  visitedOn: string;
  visitors: string;
  views: string | null;
  problems: string | null;
  followUp: string | null;
  solved: boolean;
  solvedOn: string | null;
  note: string | null;
}

// ─── 共驻共建协议 ───────────────────────────────────────────────────────────────────────────────────────

/** An agreement ending within this many days is 即将到期 (time to arrange the renewal). */
export const EXPIRY_NOTICE_DAYS = 60;

export const AGREEMENT_STATUSES = ['notStarted', 'inForce', 'expiring', 'expired'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, string> = {
  notStarted: '未生效',
  inForce: '履行中',
  expiring: '即将到期',
  expired: '已到期',
};

/** Whole days from one ISO date to another (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10)) - Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10))) / 86_400_000);
}

/**
 * An agreement's state on a day: 未生效 before its start, 已到期 after its end date, 即将到期 when the end date is
 * within EXPIRY_NOTICE_DAYS (the end date itself included), 履行中 otherwise. daysLeft counts to the end date.
 */
export function agreementStatus(a: { startOn: string; endOn: string }, today: string): { status: AgreementStatus; daysLeft: number } {
  const daysLeft = daysBetween(today, a.endOn);
  if (today < a.startOn) return { status: 'notStarted', daysLeft };
  if (daysLeft < 0) return { status: 'expired', daysLeft };
  if (daysLeft <= EXPIRY_NOTICE_DAYS) return { status: 'expiring', daysLeft };
  return { status: 'inForce', daysLeft };
}

/** The end date of a term of whole years from a start date: the day before the anniversary (2024-03-01 + 3 → 2027-02-28). */
export function termEnd(startOn: string, years: number): string {
  const y = Number(startOn.slice(0, 4)) + years;
  const md = startOn.slice(5);
  const anniversary = md === '02-29' ? `${y}-03-01` : `${y}-${md}`;
  const d = new Date(Date.UTC(+anniversary.slice(0, 4), +anniversary.slice(5, 7) - 1, +anniversary.slice(8, 10)) - 86_400_000);
  return d.toISOString().slice(0, 10);
}

export const COMMITMENT_SIDES = ['community', 'unit'] as const;
export type CommitmentSide = (typeof COMMITMENT_SIDES)[number];

export const commitmentInput = z
  .object({
    /** The community's own commitment, or a partner unit's. */
    side: z.enum(COMMITMENT_SIDES),
    /** For side 'unit': which partner (one of the agreement's units). */
    unitId: id.nullable(),
    text: required(500, '承诺事项'),
    dueOn: isoDate.nullable().optional(),
    /** Ticked off: the day it was done. */
    doneOn: isoDate.nullable().optional(),
  })
  .strict();

export const resourceInput = z
  .object({
    /** The partner unit that opens it, or null: the community's. */
    unitId: id.nullable(),
    text: required(200, '共享资源'),
  })
  .strict();

export const agreementInput = z
  .object({
    title: required(100, '协议名称'),
    kind: z.enum(AGREEMENT_KINDS, '请选择共驻共建或结对共建'),
    /** Our side: the community (or the street committee) that signs. */
    communityId: id,
    unitIds: z.array(id).min(1, '请选择签订协议的驻区单位').max(10, '一份协议最多登记 10 个单位'),
    signedOn: isoDate,
    startOn: isoDate,
    /** 协议期限（年）, when the agreement names one; the end date follows from it unless given. */
    termYears: z.number().int('期限应为整数年').min(1, '期限应为 1 至 10 年').max(10, '期限应为 1 至 10 年').nullable().optional(),
    endOn: isoDate,
    commitments: z.array(commitmentInput).max(60, '承诺事项最多登记 60 项'),
    resources: z.array(resourceInput).max(30, '共享资源最多登记 30 项'),
    plannedActivities: text(2000, '计划开展的活动').optional(),
    note: text(1000, '备注').optional(),
  })
  .strict();
export type AgreementInput = z.output<typeof agreementInput>;
export const agreementSaveInput = z.object({ id: id.optional(), agreement: agreementInput, expectedVersion: z.number().int().nonnegative().optional() }).strict();

/** Ticks a commitment off (done, on doneOn or else today) or back (not done). */
export const commitmentTickInput = z.object({ id, position: z.number().int().min(0).max(59), done: z.boolean(), doneOn: isoDate.optional() }).strict();

export const agreementReviewInput = z
  .object({
    id,
    year: z.number().int('年度应为整数').min(2000, '年度应为 2000 年以后').max(2100, '年度不正确'),
    reviewedOn: isoDate,
    grade: z.enum(ASSESSMENT_GRADES, '请选择评价等次'),
    assessment: required(1000, '评估意见'),
  })
  .strict();
export type AgreementReviewInput = z.output<typeof agreementReviewInput>;

export const agreementListQuery = z
  .object({
    status: z.enum(AGREEMENT_STATUSES).optional(),
    unitId: id.optional(),
    q: z.string().max(40, '搜索内容太长').optional(),
  })
  .strict();

export interface AgreementRow {
  id: number;
  title: string;
  kind: AgreementKind;
  communityId: number;
  communityName: string;
  units: { id: number; name: string }[];
  signedOn: string;
  startOn: string;
  termYears: number | null;
  endOn: string;
  status: AgreementStatus;
  daysLeft: number;
  commitmentsDone: number;
  commitmentsTotal: number;
  /** A review exists for the current year. */
  reviewedThisYear: boolean;
  lastReviewYear: number | null;
  version: number;
}

export interface AgreementCommitment {
  position: number;
  side: CommitmentSide;
  unitId: number | null;
  /** 社区 or the unit's name. */
  partyName: string;
  text: string;
  dueOn: string | null;
  doneOn: string | null;
}

export interface AgreementReview {
  id: number;
  year: number;
  reviewedOn: string;
  grade: AssessmentGrade;
  assessment: string;
}

export interface Agreement extends AgreementRow {
  commitments: AgreementCommitment[];
  resources: { position: number; unitId: number | null; providerName: string; text: string }[];
  plannedActivities: string | null;
  note: string | null;
  reviews: AgreementReview[];
  activities: ActivityRow[];
  createdAt: string;
  updatedAt: string;
}

// ─── 主题活动 ─────────────────────────────────────────────────────────────────────────────────────────

export const participantInput = z
  .object({
    /** A member of the register, or null for anyone else (residents, a unit's staff). */
    memberId: id.nullable(),
    name: required(40, '参加人员姓名'),
    /** For others: their unit or who they are (as written). */
    affiliation: text(60, '单位或身份').optional(),
  })
  .strict();

export const activityInput = z
  .object({
    title: required(100, '活动名称'),
    kind: z.enum(ACTIVITY_KINDS, '请选择活动类型'),
    heldOn: isoDate,
    organiser: required(100, '组织单位'),
    communityId: id.nullable(),
    /** The agreement it carries out, if any. */
    agreementId: id.nullable().optional(),
    unitIds: z.array(id).max(30, '合作单位最多登记 30 个'),
    participants: z.array(participantInput).max(1000, '参加人员最多登记 1000 人'),
    /** Hours each participant served (志愿服务时长), 0–24 in half hours. */
    hours: z
      .number()
      .min(0, '时长不能为负数')
      .max(24, '一次活动的时长不能超过 24 小时')
      .refine((h) => Number.isInteger(h * 2), '时长按半小时计，例如 2 或 2.5'),
    place: text(100, '活动地点').optional(),
    content: required(5000, '活动内容'),
    note: text(1000, '备注').optional(),
  })
  .strict();
export type ActivityInput = z.output<typeof activityInput>;
export const activitySaveInput = z.object({ id: id.optional(), activity: activityInput }).strict();

export const activityListQuery = z
  .object({
    year: z.number().int().min(2000).max(2100).optional(),
    kind: z.enum(ACTIVITY_KINDS).optional(),
    unitId: id.optional(),
    agreementId: id.optional(),
    q: z.string().max(40, '搜索内容太长').optional(),
  })
  .strict();

/** A photo as the page sends it: the file's name and bytes (base64), at most 20 MB. */
export const photoUploadInput = z
  .object({
    activityId: id,
    fileName: z.string().trim().min(1).max(260),
    dataBase64: z.string().max(28 * 1024 * 1024, '照片太大（超过 20 MB），请压缩后再上传'),
  })
  .strict();
export const MAX_PHOTO_BYTES = 20 * 1024 * 1024;

export interface ActivityRow {
  id: number;
  title: string;
  kind: ActivityKind;
  heldOn: string;
  organiser: string;
  communityId: number | null;
  communityName: string | null;
  agreementId: number | null;
  agreementTitle: string | null;
  units: { id: number; name: string }[];
  participants: number;
  /** Participants from the register. */
  members: number;
  hours: number;
  /** participants × hours. */
  personHours: number;
  photos: number;
}

export interface ActivityPhoto {
  id: number;
  fileName: string;
  size: number;
  mime: string;
  sha256: string;
  addedAt: string;
}

export interface Activity extends ActivityRow {
  participantList: { memberId: number | null; name: string; affiliation: string | null; branchName: string | null }[];
  place: string | null;
  content: string;
  note: string | null;
  photoList: ActivityPhoto[];
}

export interface PhotoFile {
  fileName: string;
  mime: string;
  dataBase64: string;
}

/** Activities, participants (person-times) and person-hours, for a year (and a unit). */
export interface ActivityTotals {
  year: number;
  activities: number;
  participants: number;
  personHours: number;
}

export interface ActivityTotalsReport {
  /** Every year with activities, newest first. */
  byYear: ActivityTotals[];
  /** Per partner unit and year (the activities a unit took part in), by year then unit name. */
  byUnit: (ActivityTotals & { unitId: number; unitName: string })[];
}

/** Labels of these records' fields, for the audit view and input errors. */
export const COBUILDING_FIELD_LABELS: Record<string, string> = {
  name: '名称',
  kind: '类别',
  address: '地址',
  partyOrgName: '单位党组织',
  partySecretary: '党组织书记',
  contactName: '联系人',
  contactPhone: '联系电话',
  liaisonName: '联络员',
  liaisonPhone: '联络员电话',
  communityId: '所在社区',
  leftOn: '迁出日期',
  note: '备注',
  cadence: '会议频次',
  foundedOn: '成立日期',
  since: '加入日期',
  until: '退出日期',
  representative: '单位代表',
  position: '职务',
  heldOn: '日期',
  place: '地点',
  topics: '会议议题',
  decisions: '议定事项',
  attendees: '参会人员',
  minutesId: '会议纪要',
  visitedOn: '走访日期',
  visitors: '走访人员',
  views: '单位意见建议',
  problems: '反映的困难问题',
  followUp: '跟进办理情况',
  solved: '是否解决',
  solvedOn: '解决日期',
  title: '名称',
  unitIds: '单位',
  signedOn: '签订日期',
  startOn: '生效日期',
  termYears: '期限（年）',
  endOn: '到期日期',
  commitments: '承诺事项',
  resources: '共享资源',
  plannedActivities: '计划开展的活动',
  organiser: '组织单位',
  agreementId: '共建协议',
  participants: '参加人员',
  hours: '时长',
  content: '活动内容',
  grade: '评价等次',
  assessment: '评估意见',
  reviewedOn: '评估日期',
  year: '年度',
};
