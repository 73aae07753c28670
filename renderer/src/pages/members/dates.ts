import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';

dayjs.extend(customParseFormat);

/**
 * The first is how dates are shown; the others are what clerks type (and what their spreadsheets hold):
 * 2003-07-01, 20030701, 2003.07.01, 2003/7/1, 2003年7月1日.
 */
export const DATE_FORMATS = ['YYYY-MM-DD', 'YYYYMMDD', 'YYYY.MM.DD', 'YYYY.M.D', 'YYYY/MM/DD', 'YYYY/M/D', 'YYYY年M月D日'];

export function toIso(d: Dayjs | null | undefined): string | null {
  return d && d.isValid() ? d.format('YYYY-MM-DD') : null;
}

export function fromIso(s: string | null | undefined): Dayjs | null {
  if (!s) return null;
  const d = dayjs(s, 'YYYY-MM-DD', true);
  return d.isValid() ? d : null;
}
