/**
 * What the co-building, two-new and in-service services share: checking a community picked on a form, a field's
 * Chinese refusal, the audit diff of flat records, LIKE patterns.
 */
import type { AuditChange } from '../../shared/contract';
import { ORG_KIND_LABELS, type OrgKind } from '../../shared/domain/labels';
import type { Sqlite } from '../db/connection';
import { ServiceError } from '../errors';

/** Organisations a "community" may be: a 社区党委, or a 党总支 serving as one. */
export const COMMUNITY_KINDS: readonly OrgKind[] = ['communityCommittee', 'generalBranch'];

export function invalid(field: string, message: string): ServiceError {
  return new ServiceError('validation', message, { [field]: message });
}

/** A date of a form, with the field it is in and the label the form gives it (任职日期). */
export interface DateField {
  field: string;
  label: string;
  date: string;
}

/**
 * A period as the forms give it (帮扶, 任职, 报到, 加入联席会…): begun no later than today, and its end, when there is
 * one, neither before the beginning nor after today. Refused with the field to fix, in the form's words:
 * 离任日期不能早于任职日期（2024-03-01）.
 */
export function checkPeriod(today: string, start: DateField, end?: Omit<DateField, 'date'> & { date: string | null | undefined }): void {
  if (start.date > today) throw invalid(start.field, `${start.label}不能晚于今天`);
  if (!end?.date) return;
  if (end.date < start.date) throw invalid(end.field, `${end.label}不能早于${start.label}（${start.date}）`);
  if (end.date > today) throw invalid(end.field, `${end.label}不能晚于今天`);
}

/**
 * The community picked on a form: an organisation of the tree, not dissolved, of a community kind (or the street
 * committee, where `street` allows it). Returns its name.
 */
export function checkCommunity(db: Sqlite, id: number, field = 'communityId', options: { street?: boolean } = {}): string {
  const row = db.prepare('SELECT name, kind, dissolved_on FROM organisations WHERE id = ?').get(id) as
    | { name: string; kind: OrgKind; dissolved_on: string | null }
    | undefined;
  if (!row || row.dissolved_on) throw invalid(field, '所选社区不存在或已撤销，请重新选择');
  const kinds = options.street ? [...COMMUNITY_KINDS, 'streetCommittee'] : COMMUNITY_KINDS;
  if (!kinds.includes(row.kind))
    throw invalid(field, `“${row.name}”是${ORG_KIND_LABELS[row.kind]}，请选择社区党委${options.street ? '或街道党工委' : ''}`);
  return row.name;
}

/** The fields whose values differ, old → new (arrays and objects compared by their JSON). */
export function changesOf<T extends object>(before: T | null, after: T, fields: readonly (keyof T & string)[]): AuditChange[] {
  const out: AuditChange[] = [];
  for (const f of fields) {
    const o = (before ? before[f] : null) ?? null;
    const n = after[f] ?? null;
    if (o === n) continue;
    if (typeof o === 'object' && typeof n === 'object' && JSON.stringify(o) === JSON.stringify(n)) continue;
    out.push({ field: f, old: o, new: n });
  }
  return out;
}

/** '%text%' with LIKE's wildcards escaped (use with ESCAPE '\'). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => '\\' + ch)}%`;
}

export const bool = (v: number | null): boolean => v === 1;

/** A deleted record's fields as audit changes: each recorded value → null. */
export function removedChanges<T extends object>(before: T, fields: readonly (keyof T & string)[]): AuditChange[] {
  return fields.filter((f) => (before[f] ?? null) !== null).map((f) => ({ field: f, old: before[f], new: null }));
}

/** Chinese names in the order clerks expect (by pinyin: 和平 before 区 before 市). */
export const zhCollator = new Intl.Collator('zh-CN');
