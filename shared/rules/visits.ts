/**
 * 帮扶走访: when a helped household's next visit is due and whether it is overdue, by the frequency the clerk set
 * for it (每周、每两周、每月、每季度、每半年).
 *
 *  - Due = the last visit (or, before any visit, the day help began) + one period. Months are calendar months,
 *    clamped to the month's last day (a visit on 1月31日 monthly is due 2月28日 / 29日).
 *  - Overdue: today is after the due day (a visit on the due day itself is on time).
 *  - A household whose help has ended, or with no frequency set, is never overdue (no due day).
 */
import type { VisitFrequency } from '../domain/labels';

const DAYS: Partial<Record<VisitFrequency, number>> = { week: 7, twoWeeks: 14 };
const MONTHS: Partial<Record<VisitFrequency, number>> = { month: 1, quarter: 3, halfYear: 6 };

function parts(iso: string): [number, number, number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = parts(day);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function addMonths(day: string, n: number): string {
  const [y, m, d] = parts(day);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return iso(ny, nm, Math.min(d, last));
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  const [ay, am, ad] = parts(a);
  const [by, bm, bd] = parts(b);
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / 86_400_000);
}

export function nextVisitDue(from: string, frequency: VisitFrequency): string {
  const days = DAYS[frequency];
  if (days != null) return addDays(from, days);
  return addMonths(from, MONTHS[frequency] ?? 1);
}

export interface VisitStatus {
  /** The day the next visit is due by; null: none due (help ended, or no frequency set). */
  dueOn: string | null;
  overdue: boolean;
  /** Days past the due day (0 when not overdue). */
  daysOverdue: number;
}

export function visitStatus(
  h: { startedOn: string; lastVisitOn: string | null; frequency: VisitFrequency | null; endedOn: string | null },
  today: string,
): VisitStatus {
  if (!h.frequency || (h.endedOn != null && h.endedOn <= today)) return { dueOn: null, overdue: false, daysOverdue: 0 };
  const from = h.lastVisitOn != null && h.lastVisitOn > h.startedOn ? h.lastVisitOn : h.startedOn;
  const dueOn = nextVisitDue(from, h.frequency);
  const late = daysBetween(dueOn, today);
  return { dueOn, overdue: late > 0, daysOverdue: Math.max(0, late) };
}
