import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_CHARS, checkCreditCode, creditCheckChar, normaliseCreditCode } from '../../shared/rules/creditCode';

/** A code with the given first 17 characters and its computed check character. */
const withCheck = (first17: string) => first17 + creditCheckChar(first17);

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts the standard’s worked example and codes printed on real licences', () => {
    // 91350100M000100Y43 is the example in GB 32100-2015; the others are a bank's and a public institution's.
    for (const code of ['91350100M000100Y43', '91110000100010433L', '12100000400000624D']) expect(checkCreditCode(code), code).toEqual({ ok: true, normalised: code });
  });

  it('uses the 31-character code set without I, O, Z, S, V, and the weights 3^i mod 31', () => {
    expect(CREDIT_CODE_CHARS).toHaveLength(31);
    for (const ch of 'IOZSV') expect(CREDIT_CODE_CHARS).not.toContain(ch);
    // Σ ≡ 0 (mod 31) → check 0 (31 − 0 = 31 wraps to 0), the lower boundary.
    expect(creditCheckChar('00000000000000000')).toBe('0');
    // One unit at position 1 (weight 1): Σ = 1 → 31 − 1 = 30 → 'Y', the upper boundary.
    expect(creditCheckChar('10000000000000000')).toBe('Y');
    // Position 2 (weight 3): Σ = 3 → 28 → 'W'; position 17 (weight 28): Σ = 28 → 3.
    expect(creditCheckChar('01000000000000000')).toBe('W');
    expect(creditCheckChar('00000000000000001')).toBe('3');
    // Letter values: A = 10 at position 1 → 31 − 10 = 21 → 'M'.
    expect(creditCheckChar('A0000000000000000')).toBe('M');
  });

  it('refuses a wrong check character and says which one it should be', () => {
    const r = checkCreditCode('91350100M000100Y44');
    expect(r).toMatchObject({ ok: false, problem: 'checksum', expectedCheck: '3' });
    if (!r.ok) expect(r.message).toContain('应为“3”');
    // Every other last character of a valid code is refused.
    const good = '91350100M000100Y4';
    for (const ch of CREDIT_CODE_CHARS) expect(checkCreditCode(good + ch).ok).toBe(ch === '3');
  });

  it('refuses 17 and 19 characters, characters outside the set, and the empty string, in Chinese', () => {
    expect(checkCreditCode('91350100M000100Y4')).toMatchObject({ ok: false, problem: 'length' });
    expect(checkCreditCode('91350100M000100Y433')).toMatchObject({ ok: false, problem: 'length' });
    expect(checkCreditCode('')).toMatchObject({ ok: false, problem: 'empty', message: '请填写统一社会信用代码' });
    const o = checkCreditCode('91350100MO00100Y43');
    expect(o).toMatchObject({ ok: false, problem: 'character' });
    if (!o.ok) expect(o.message).toMatch(/第 10 位“O”.*数字 0/);
    for (const ch of 'IZSV') expect(checkCreditCode(`9135010${ch}M000100Y43`).ok, ch).toBe(false);
  });

  it('normalises what clerks type: lower case, full-width, spaces and dashes', () => {
    expect(normaliseCreditCode(' 9135 0100-m000 100y43 ')).toBe('91350100M000100Y43');
    expect(checkCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toEqual({ ok: true, normalised: '91350100M000100Y43' });
    const built = withCheck('5211010050001234X'.replace('X', '1'));
    expect(checkCreditCode(built.toLowerCase()).ok).toBe(true);
  });
});
