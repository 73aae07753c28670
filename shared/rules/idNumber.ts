/**
 * 公民身份号码 (GB 11643-1999): normalising, checking and masking.
 * Pure functions: used by the form (as the clerk types), by the services (authoritative) and by the importer.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Full-width digits and X, stray spaces, lower-case x: what clerks' spreadsheets and IMEs produce. */
export function normaliseIdNumber(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[\uFF38\uFF58]/g, 'X')
    .replace(/[\s\u3000]/g, '')
    .replace(/x/g, 'X');
}

/** The check character for the first 17 digits of an 18-character number. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export type Sex = 'male' | 'female';

export type IdParse =
  | {
      ok: true;
      normalised: string;
      /** 'legacy15': the old 15-digit form (no check digit, two-digit year). */
      form: 'standard18' | 'legacy15';
      birthDate: string;
      sex: Sex;
    }
  | {
      ok: false;
      normalised: string;
      /** 'format': not 15/18 characters of digits — cannot be overridden. 'checksum' and 'birthDate' may be overridden. */
      problem: 'empty' | 'format' | 'checksum' | 'birthDate';
      message: string;
      /** What the number still tells, where it can be read (for a checksum failure, everything but the check). */
      birthDate?: string;
      sex?: Sex;
      expectedCheck?: string;
    };

export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

export function parseIdNumber(raw: string, today: string = todayIso()): IdParse {
  const id = normaliseIdNumber(raw);
  if (id === '') return { ok: false, normalised: id, problem: 'empty', message: '请填写公民身份号码' };
  let birth: string;
  let sexDigit: number;
  let form: 'standard18' | 'legacy15';
  if (/^\d{17}[\dX]$/.test(id)) {
    form = 'standard18';
    birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
    sexDigit = Number(id[16]);
  } else if (/^\d{15}$/.test(id)) {
    form = 'legacy15';
    birth = `19${id.slice(6, 8)}-${id.slice(8, 10)}-${id.slice(10, 12)}`;
    sexDigit = Number(id[14]);
  } else {
    const len = id.length;
    const message =
      len === 18 || len === 15
        ? '公民身份号码只能由数字组成，18 位号码的最后一位可以是 X'
        : `公民身份号码应为 18 位（旧号码为 15 位），现在是 ${len} 位`;
    return { ok: false, normalised: id, problem: 'format', message };
  }
  const sex: Sex = sexDigit % 2 === 1 ? 'male' : 'female';
  const [y, m, d] = birth.split('-').map(Number) as [number, number, number];
  if (!isRealDate(y, m, d) || y < 1800 || birth > today) {
    return {
      ok: false,
      normalised: id,
      problem: 'birthDate',
      message: `号码中的出生日期 ${birth} 不是有效日期，请核对`,
      sex,
    };
  }
  if (form === 'standard18') {
    const expected = idCheckChar(id.slice(0, 17));
    if (expected !== id[17]) {
      return {
        ok: false,
        normalised: id,
        problem: 'checksum',
        message: `校验位不正确：按前 17 位计算，最后一位应为 ${expected}，请核对号码`,
        birthDate: birth,
        sex,
        expectedCheck: expected,
      };
    }
  }
  return { ok: true, normalised: id, form, birthDate: birth, sex };
}

/** 110105********002X — the first six (region) and the last four stay; the birth date is hidden. */
export function maskIdNumber(id: string): string {
  if (id.length === 18) return `${id.slice(0, 6)}********${id.slice(14)}`;
  if (id.length === 15) return `${id.slice(0, 6)}******${id.slice(12)}`;
  if (id.length <= 4) return '*'.repeat(id.length);
  return `${id.slice(0, 2)}${'*'.repeat(id.length - 4)}${id.slice(-2)}`;
}

/** 138****5678 for mobiles; other numbers keep their last four. */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (/^1\d{10}$/.test(p)) return `${p.slice(0, 3)}****${p.slice(7)}`;
  if (p.length <= 4) return p;
  return `${'*'.repeat(p.length - 4)}${p.slice(-4)}`;
}

export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
