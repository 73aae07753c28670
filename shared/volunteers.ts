/**
 * 党员志愿者: the volunteer file of a register member (特长 — kept on the member record itself, 服务时间, teams),
 * volunteer teams (志愿服务队) by specialty with a leader, and service activities (志愿服务活动) with each
 * participant's hours — the inputs the main process parses and the records it returns (listed in contract.ts).
 *
 * 特长 are not copied: the member record's 特长 field (members.specialties, imported and exported with the register)
 * is the one place they live; the volunteer file shows it as a list and saving the file writes it back there.
 */
import { z } from 'zod';
import { AVAILABILITIES, type Availability } from './domain/labels';
import { isoDate } from './rules/member';
import type { HourTotals } from './rules/volunteerHours';

const id = z.number().int().positive();

const text = (max: number, label: string) =>
  z
    .string()
    .max(max, `${label}不能超过 ${max} 个字`)
    .transform((s) => s.trim())
    .transform((s) => (s === '' ? null : s))
    .nullable();

const required = (max: number, label: string) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字`);

const year = z.number().int('年度应为整数').min(2000, '年度应为 2000 年以后').max(2100, '年度不正确');

/** Hours to a tenth, 0.1 … 24. */
export const serviceHours = z
  .number('请填写服务时长')
  .min(0.1, '服务时长至少 0.1 小时')
  .max(24, '一次服务时长不能超过 24 小时')
  .refine((h) => Math.abs(Math.round(h * 10) - h * 10) < 1e-9, '服务时长最多保留一位小数');

// ─── 志愿者档案 ─────────────────────────────────────────────────────────────────────────────────────────

export const volunteerInput = z
  .object({
    memberId: id,
    /** 特长: written back to the member record's 特长 (joined with 、). */
    specialties: z.array(z.string().trim().min(1, '特长不能为空').max(20, '每项特长不能超过 20 个字')).max(10, '特长最多填写 10 项'),
    availability: z.array(z.enum(AVAILABILITIES, '请选择服务时间')).max(AVAILABILITIES.length),
    /** 登记日期: the day the member joined the volunteers. */
    since: isoDate,
    note: text(500, '备注').optional(),
  })
  .strict();
export type VolunteerInput = z.output<typeof volunteerInput>;

/** The file of a member who stops volunteering (left the area, too old …) is closed, not deleted. */
export const volunteerCloseInput = z
  .object({ memberId: id, until: isoDate.nullable(), reason: text(200, '原因').optional() })
  .strict();

export const VOLUNTEER_STATUSES = ['active', 'closed', 'all'] as const;
export const volunteerListQuery = z
  .object({
    /** Name (or pinyin initials as the register matches them). */
    q: z.string().max(40, '搜索内容太长').optional(),
    /** Any volunteer whose 特长 contains these words (“义诊” finds “义诊、维修”). */
    specialty: z.string().max(20, '特长不能超过 20 个字').optional(),
    /** The community the member's branch is in (or below). */
    communityId: id.optional(),
    teamId: id.optional(),
    availability: z.enum(AVAILABILITIES).optional(),
    status: z.enum(VOLUNTEER_STATUSES).default('active'),
  })
  .strict();
export type VolunteerListQuery = z.output<typeof volunteerListQuery>;

export interface VolunteerRow {
  memberId: number;
  name: string;
  sex: 'male' | 'female' | null;
  branchName: string | null;
  communityId: number | null;
  communityName: string | null;
  /** The member's 特长, as a list. */
  specialties: string[];
  availability: Availability[];
  teams: { id: number; name: string; leader: boolean }[];
  since: string;
  until: string | null;
  /** Hours served this year and in all years. */
  hoursThisYear: number;
  hoursTotal: number;
  /** The member has left the register (转出、去世…). */
  memberLeft: boolean;
  mobileMasked: string | null;
}

export interface VolunteerFile extends VolunteerRow {
  note: string | null;
  closeReason: string | null;
  /** Every service the member took part in, newest first. */
  services: { serviceId: number; heldOn: string; teamName: string | null; content: string; place: string | null; hours: number }[];
  byYear: { year: number; hours: number; services: number }[];
}

// ─── 志愿服务队 ─────────────────────────────────────────────────────────────────────────────────────────

export const teamInput = z
  .object({
    name: required(60, '服务队名称'),
    specialty: required(20, '服务特长'),
    /** The community it serves; null: the street's own team. */
    communityId: id.nullable(),
    /** 队长: a member of the team (from the register). */
    leaderMemberId: id.nullable(),
    foundedOn: isoDate.nullable().optional(),
    /** 解散日期: the team no longer serves (it stays with its history). */
    disbandedOn: isoDate.nullable().optional(),
    note: text(500, '备注').optional(),
    /** The members of the team (register members with a volunteer file). */
    memberIds: z.array(id).max(500, '一个服务队最多 500 人'),
  })
  .strict();
export type TeamInput = z.output<typeof teamInput>;
export const teamSaveInput = z.object({ id: id.optional(), team: teamInput }).strict();

export interface TeamRow {
  id: number;
  name: string;
  specialty: string;
  communityId: number | null;
  communityName: string | null;
  leaderMemberId: number | null;
  leaderName: string | null;
  foundedOn: string | null;
  disbandedOn: string | null;
  members: number;
  servicesThisYear: number;
  hoursThisYear: number;
}

export interface Team extends TeamRow {
  note: string | null;
  memberList: { memberId: number; name: string; branchName: string | null; specialties: string[]; hoursThisYear: number }[];
}

// ─── 志愿服务活动 ───────────────────────────────────────────────────────────────────────────────────────

export const serviceInput = z
  .object({
    heldOn: isoDate,
    teamId: id.nullable(),
    /** The community served; default: the team's. */
    communityId: id.nullable(),
    place: text(100, '服务地点').optional(),
    content: required(500, '服务内容'),
    /** Each participant's hours (the activity's length unless someone served less or more). */
    participants: z
      .array(z.object({ memberId: id, hours: serviceHours }).strict())
      .min(1, '请至少添加一名参加服务的志愿者')
      .max(500, '一次活动最多登记 500 人'),
    note: text(500, '备注').optional(),
  })
  .strict();
export type ServiceInput = z.output<typeof serviceInput>;
export const serviceSaveInput = z.object({ id: id.optional(), service: serviceInput }).strict();

export const serviceListQuery = z
  .object({
    year: year.optional(),
    teamId: id.optional(),
    communityId: id.optional(),
    memberId: id.optional(),
  })
  .strict();
export type ServiceListQuery = z.output<typeof serviceListQuery>;

export interface ServiceRow {
  id: number;
  heldOn: string;
  teamId: number | null;
  teamName: string | null;
  communityId: number | null;
  communityName: string | null;
  place: string | null;
  content: string;
  participants: number;
  hours: number;
}

export interface Service extends ServiceRow {
  note: string | null;
  participantList: { memberId: number; name: string; branchName: string | null; hours: number }[];
}

export const hoursQuery = z.object({ year: year.optional() }).strict();

export interface VolunteerHoursReport extends HourTotals {
  year: number | null;
  /** Volunteers with an open file. */
  volunteers: number;
  teams: number;
}
