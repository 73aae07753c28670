/** Turning stored values into what the clerk reads: dates, ages, enum labels, error sentences. */
import dayjs from 'dayjs';
import { ApiCallError } from '../api/client';
import {
  EDUCATION_LABELS,
  EXIT_REASON_LABELS,
  FLOATING_DIRECTION_LABELS,
  ID_STATUS_LABELS,
  MEMBERSHIP_KIND_LABELS,
  SEX_LABELS,
  STANDING_LABELS,
  TAG_LABELS,
  type Tag,
} from '../../../shared/domain/labels';
import { ageOn } from '../../../shared/rules/member';
import { todayIso } from '../../../shared/rules/idNumber';

export const EMPTY = '—';

export function fmtDate(iso: string | null | undefined): string {
  return iso ? iso : EMPTY;
}

/** A stored UTC timestamp as local time: 2025-03-01 14:05. */
export function fmtDateTime(ts: string): string {
  const d = dayjs(ts);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : ts;
}

export function ageOf(birthDate: string | null | undefined): number | null {
  if (!birthDate) return null;
  return ageOn(birthDate, todayIso());
}

/** Any error as a sentence a clerk can act on; never a stack trace. */
export function errorText(e: unknown): string {
  if (e instanceof ApiCallError) return e.message;
  return '操作没有完成，请再试一次；如果仍然不行，请关闭软件重新打开。';
}

export function fieldErrorsOf(e: unknown): Record<string, string> {
  return e instanceof ApiCallError ? e.fieldErrors : {};
}

const ENUM_LABELS: Record<string, Record<string, string>> = {
  sex: SEX_LABELS,
  education: EDUCATION_LABELS,
  membershipKind: MEMBERSHIP_KIND_LABELS,
  standing: STANDING_LABELS,
  floatingDirection: FLOATING_DIRECTION_LABELS,
  leftReason: EXIT_REASON_LABELS,
  idStatus: ID_STATUS_LABELS,
};

/** One value of a member field as the audit view shows it. */
export function auditValue(field: string, value: unknown, orgName: (id: number) => string | undefined): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (field === 'tags' && Array.isArray(value)) {
    return value.length ? value.map((t) => TAG_LABELS[t as Tag] ?? String(t)).join('、') : '（无）';
  }
  if (field === 'branchId' && typeof value === 'number') return orgName(value) ?? `已撤销的组织（编号 ${value}）`;
  const labels = ENUM_LABELS[field];
  if (labels && typeof value === 'string') return labels[value] ?? value;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  create: '新增',
  update: '修改',
  exit: '离开',
  reinstate: '恢复',
  import: '导入',
  move: '转移党支部',
  issue: '开具介绍信',
  confirm: '确认转出',
  receipt: '回执已退回',
  cancel: '作废',
  register: '登记转入',
  place: '安排到党支部',
};
