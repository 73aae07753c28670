import { describe, expect, it } from 'vitest';
import { idCheckChar, maskIdNumber, maskPhone, normaliseIdNumber, parseIdNumber } from '../../shared/rules/idNumber';

const TODAY = '2026-11-26';

describe('公民身份号码 (GB 11643-1999)', () => {
  it('accepts the standard\'s own worked examples', () => {
    // Both examples are printed in GB 11643-1999 itself.
    for (const id of ['11010519491231002X', '440524188001010014']) {
      const p = parseIdNumber(id, TODAY);
      expect(p.ok, id).toBe(true);
    }
    const p = parseIdNumber('11010519491231002X', TODAY);
    expect(p).toMatchObject({ ok: true, form: 'standard18', birthDate: '1949-12-31', sex: 'female' });
    expect(parseIdNumber('440524188001010014', TODAY)).toMatchObject({ birthDate: '1880-01-01', sex: 'male' });
  });

  it('computes the check character with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 mod 11 → 10X98765432', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
    // Sum ≡ 0 (mod 11) gives '1'; sum ≡ 1 gives '0'.
    expect(idCheckChar('00000000000000000')).toBe('1');
  });

  it('rejects a wrong check digit and says which digit it should be', () => {
    const p = parseIdNumber('110105194912310021', TODAY);
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.problem).toBe('checksum');
    expect(p.expectedCheck).toBe('X');
    expect(p.message).toContain('应为 X');
    // What the number still says is kept for the form.
    expect(p.birthDate).toBe('1949-12-31');
  });

  it('every single-digit typo in a valid number is caught', () => {
    const good = '11010519800101123' + idCheckChar('11010519800101123');
    let caught = 0;
    let tried = 0;
    for (let i = 0; i < 17; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === good[i]) continue;
        const typo = good.slice(0, i) + d + good.slice(i + 1);
        tried++;
        const p = parseIdNumber(typo, TODAY);
        if (!p.ok) caught++;
      }
    }
    expect(caught).toBe(tried);
  });

  it('normalises full-width digits, lower-case x and stray spaces', () => {
    expect(normaliseIdNumber(' １１０１０５１９４９１２３１００２ｘ ')).toBe('11010519491231002X');
    expect(normaliseIdNumber('110105 19491231 002x')).toBe('11010519491231002X');
    expect(parseIdNumber('11010519491231002x', TODAY).ok).toBe(true);
  });

  it('accepts 15-digit legacy numbers and marks them', () => {
    const p = parseIdNumber('110105491231002', TODAY);
    expect(p).toMatchObject({ ok: true, form: 'legacy15', birthDate: '1949-12-31', sex: 'female' });
    expect(parseIdNumber('110105491231001', TODAY)).toMatchObject({ sex: 'male' });
  });

  it('rejects impossible birth dates inside the number', () => {
    const first17 = '11010519800230123'; // 30 February
    const p = parseIdNumber(first17 + idCheckChar(first17), TODAY);
    expect(p).toMatchObject({ ok: false, problem: 'birthDate' });
    const future = '11010520300101123';
    expect(parseIdNumber(future + idCheckChar(future), TODAY)).toMatchObject({ ok: false, problem: 'birthDate' });
  });

  it('rejects wrong lengths and characters with a message that says the length', () => {
    expect(parseIdNumber('1101051949123100', TODAY)).toMatchObject({ ok: false, problem: 'format' });
    const p = parseIdNumber('1101051949123100', TODAY);
    if (!p.ok) expect(p.message).toContain('16 位');
    expect(parseIdNumber('11010519491231002A', TODAY)).toMatchObject({ ok: false, problem: 'format' });
    expect(parseIdNumber('   ', TODAY)).toMatchObject({ ok: false, problem: 'empty' });
  });

  it('masks numbers for lists', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('110105491231002')).toBe('110105******002');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('010-62345678')).toBe('********5678');
  });
});
