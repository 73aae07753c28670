/** Excel date serials → calendar dates, and which number formats are dates. */
import type { ExcelDate } from '../types';

/** Days since 1970-01-01 → 'YYYY-MM-DD' (Howard Hinnant's civil_from_days; no Date objects in the hot path). */
function civil(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

const DAYS_1899_12_30 = -25569; // relative to 1970-01-01
const DAYS_1899_12_31 = -25568;
const DAYS_1904_01_01 = -24107;

/**
 * A serial as Excel shows it. The 1900 system counts a 29 February 1900 that never was (serial 60): serials from 61
 * on count from 1899-12-30, those below from 1899-12-31; 60 itself is shown here as 1900-02-28. The time of day is
 * dropped. Returns null for serials Excel would not show as a date (below 1, or past 9999-12-31).
 */
export function serialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial)) return null;
  const whole = Math.floor(serial + 1e-9);
  if (date1904) {
    if (whole < 0 || whole > 2957003) return null;
    return civil(DAYS_1904_01_01 + whole);
  }
  if (whole < 1 || whole > 2958465) return null;
  if (whole >= 61) return civil(DAYS_1899_12_30 + whole);
  if (whole === 60) return '1900-02-28';
  return civil(DAYS_1899_12_31 + whole);
}

/** ExcelDate objects shared per serial: a register has few distinct dates and many cells. Treat them as read-only. */
export class DateCache {
  private readonly cache = new Map<number, ExcelDate>();
  constructor(private readonly date1904: boolean) {}
  get(serial: number): ExcelDate | null {
    const key = Math.floor(serial + 1e-9);
    let d = this.cache.get(key);
    if (d === undefined) {
      const iso = serialToIso(serial, this.date1904);
      if (iso === null) return null;
      d = Object.freeze({ date: iso });
      this.cache.set(key, d);
    }
    return d;
  }
}

/** Built-in number formats that are dates or times: 14–22, 27–36 and 50–58 (the CJK date forms), 45–47. */
export function isBuiltinDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/**
 * A custom format code is a date when, outside quoted text, [brackets], escaped characters and _x / *x padding,
 * it has a y, m, d, h or s. "@" (text) and "General" are not.
 */
export function isDateFormatCode(code: string): boolean {
  // Only the first section (positive numbers) decides.
  let s = '';
  let inQuote = false;
  for (let i = 0; i < code.length; i++) {
    const c = code[i] as string;
    if (inQuote) {
      if (c === '"') inQuote = false;
      continue;
    }
    if (c === '"') inQuote = true;
    else if (c === '\\' || c === '_' || c === '*') i++;
    else if (c === '[') {
      const end = code.indexOf(']', i);
      if (end === -1) break;
      const inner = code.slice(i + 1, end);
      if (/^(h+|m+|s+)$/i.test(inner)) s += inner; // [h]:mm elapsed time
      i = end;
    } else if (c === ';') break;
    else s += c;
  }
  if (/^general$/i.test(s.trim())) return false;
  return /[ymdhs]/i.test(s.replace(/General/gi, ''));
}
