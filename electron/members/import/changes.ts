/**
 * What an import would change in a member's record, as the clerk reads it in the preview: 学历：大学专科 → 大学本科.
 * Values are shown the way the register shows them — dates as YYYY-MM-DD, coded values by their Chinese labels,
 * the branch by name, ID and mobile numbers masked as in the list.
 */
import type { AuditChange, ImportFieldChange } from '../../../shared/contract';
import {
  EDUCATION_LABELS,
  EXIT_REASON_LABELS,
  FLOATING_DIRECTION_LABELS,
  ID_STATUS_LABELS,
  MEMBER_FIELD_LABELS,
  MEMBERSHIP_KIND_LABELS,
  SEX_LABELS,
  STANDING_LABELS,
  TAG_LABELS,
  type Tag,
} from '../../../shared/domain/labels';
import { maskIdNumber, maskPhone } from '../../../shared/rules/idNumber';

const CODE_LABELS: Record<string, Record<string, string>> = {
  sex: SEX_LABELS,
  education: EDUCATION_LABELS,
  membershipKind: MEMBERSHIP_KIND_LABELS,
  standing: STANDING_LABELS,
  floatingDirection: FLOATING_DIRECTION_LABELS,
  idStatus: ID_STATUS_LABELS,
  leftReason: EXIT_REASON_LABELS,
};

/** The branch on each side by name: the stored one, and the one the file names (null: none). */
export interface BranchNames {
  old: string | null;
  new: string | null;
}

/** One stored or imported value as text, or null when it is empty. */
export function changeValue(field: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (field === 'tags' && Array.isArray(value)) return value.length ? value.map((t) => TAG_LABELS[t as Tag] ?? String(t)).join('、') : null;
  if (field === 'idNumber' && typeof value === 'string') return maskIdNumber(value);
  if (field === 'mobile' && typeof value === 'string') return maskPhone(value);
  const labels = CODE_LABELS[field];
  if (labels && typeof value === 'string') return labels[value] ?? value;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** The changes of one row (old → new, as the audit log keeps them) in the clerk's words. */
export function describeChanges(changes: readonly AuditChange[], branch: BranchNames): ImportFieldChange[] {
  return changes.map((c) => {
    const label = MEMBER_FIELD_LABELS[c.field] ?? c.field;
    if (c.field === 'branchId') return { field: c.field, label, old: branch.old, new: branch.new };
    const old = changeValue(c.field, c.old);
    let next = changeValue(c.field, c.new);
    // Masking can hide the very digits that differ (138****0001 → 138****0001): say so rather than show nothing.
    if (old !== null && old === next) next = `${next}（中间的数字不同）`;
    return { field: c.field, label, old, new: next };
  });
}
