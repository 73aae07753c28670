/**
 * 统一社会信用代码 (GB 32100-2015): normalising and checking. 18 characters from the code set
 * 0-9 A-H J-N P-R T U W-Y (no I, O, Z, S, V): 登记管理部门码 (1), 机构类别码 (1), 登记管理机关行政区划码 (6),
 * 主体标识码 (9, the old organisation code) and the check character, computed over the first 17:
 * weights 3^i mod 31 (1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28), check = 31 − (Σ mod 31), 31 → 0.
 * Pure: the form, the services and the importer call the same function.
 */

/** The 31 characters of the code set, in value order (A = 10 … Y = 30). */
export const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Full-width letters and digits folded, spaces and dashes dropped, lower case raised. */
export function normaliseCreditCode(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\-—]/g, '')
    .toUpperCase();
}

/** The check character for the first 17 characters (which must be in the code set). */
export function creditCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARS.indexOf(first17[i]!);
    if (v < 0) throw new Error(`not in the code set: ${first17[i]}`);
    sum += v * WEIGHTS[i]!;
  }
  return CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31]!;
}

export type CreditCodeCheck =
  | { ok: true; normalised: string }
  | { ok: false; normalised: string; problem: 'empty' | 'length' | 'character' | 'checksum'; message: string; expectedCheck?: string };

/** Checks a code; the message is a Chinese sentence saying what is wrong. */
export function checkCreditCode(raw: string): CreditCodeCheck {
  const code = normaliseCreditCode(raw);
  if (code === '') return { ok: false, normalised: code, problem: 'empty', message: '请填写统一社会信用代码' };
  if (code.length !== 18)
    return {
      ok: false,
      normalised: code,
      problem: 'length',
      message: `统一社会信用代码应为 18 位，这里是 ${code.length} 位，请核对营业执照或登记证书`,
    };
  for (let i = 0; i < 18; i++) {
    const ch = code[i]!;
    if (!CREDIT_CODE_CHARS.includes(ch)) {
      const hint = ch === 'O' ? '（字母 O 应为数字 0？）' : ch === 'I' ? '（字母 I 应为数字 1？）' : '';
      return {
        ok: false,
        normalised: code,
        problem: 'character',
        message: `统一社会信用代码第 ${i + 1} 位“${ch}”不是代码中会出现的字符${hint}；代码只含数字和除 I、O、Z、S、V 以外的大写字母`,
      };
    }
  }
  const expected = creditCheckChar(code.slice(0, 17));
  if (code[17] !== expected)
    return {
      ok: false,
      normalised: code,
      problem: 'checksum',
      message: `统一社会信用代码校验位不符（最后一位按前 17 位应为“${expected}”），请逐位核对营业执照或登记证书`,
      expectedCheck: expected,
    };
  return { ok: true, normalised: code };
}
