/**
 * The import's zod-free parse of plainly valid records (electron/members/import/parseFast.ts) must answer exactly
 * as memberInput.safeParse does whenever it answers at all: its limits are checked against the schema at their
 * boundaries, and the two are compared on thousands of records mixing valid and invalid values.
 */
import { describe, expect, it } from 'vitest';
import { ID_NUMBER_MAX, NAME_MAX, OPTIONAL_TEXT_MAX, parsePlainMemberInput, TAGS_MAX } from '../../electron/members/import/parseFast';
import { EDUCATIONS, ETHNICITIES, MANUAL_TAGS } from '../../shared/domain/labels';
import { blankMemberInput, memberInput } from '../../shared/rules/member';

const valid = (over: Record<string, unknown> = {}) => ({ ...blankMemberInput(), name: '张三', idNumber: '110105198001011234', ...over });

/** Both parses of one record: where the fast one answers, it is zod's answer, key order included. */
function agree(x: Record<string, unknown>): boolean {
  const fast = parsePlainMemberInput(x);
  const zod = memberInput.safeParse(x);
  if (fast === null) return false;
  expect(zod.success, JSON.stringify(x)).toBe(true);
  expect(fast).toEqual(zod.data);
  expect(Object.keys(fast)).toEqual(Object.keys(zod.data!));
  return true;
}

describe('the fast parse of plainly valid member records', () => {
  it('has memberInput’s own limits: the longest text zod accepts, and one more it refuses', () => {
    for (const [field, max] of Object.entries(OPTIONAL_TEXT_MAX)) {
      expect(memberInput.safeParse(valid({ [field]: '字'.repeat(max) })).success, field).toBe(true);
      expect(memberInput.safeParse(valid({ [field]: '字'.repeat(max + 1) })).success, field).toBe(false);
      // Counted before trimming, in both.
      expect(memberInput.safeParse(valid({ [field]: ` ${'字'.repeat(max)}` })).success, field).toBe(false);
      expect(agree(valid({ [field]: '字'.repeat(max) }))).toBe(true);
      expect(parsePlainMemberInput(valid({ [field]: '字'.repeat(max + 1) }))).toBeNull();
      expect(parsePlainMemberInput(valid({ [field]: ` ${'字'.repeat(max)}` }))).toBeNull();
    }
    expect(memberInput.safeParse(valid({ name: ` ${'名'.repeat(NAME_MAX)} ` })).success).toBe(true);
    expect(memberInput.safeParse(valid({ name: '名'.repeat(NAME_MAX + 1) })).success).toBe(false);
    expect(agree(valid({ name: ` ${'名'.repeat(NAME_MAX)} ` }))).toBe(true);
    expect(parsePlainMemberInput(valid({ name: '名'.repeat(NAME_MAX + 1) }))).toBeNull();
    expect(memberInput.safeParse(valid({ idNumber: '1'.repeat(ID_NUMBER_MAX) })).success).toBe(true);
    expect(memberInput.safeParse(valid({ idNumber: '1'.repeat(ID_NUMBER_MAX + 1) })).success).toBe(false);
    expect(parsePlainMemberInput(valid({ idNumber: '1'.repeat(ID_NUMBER_MAX + 1) }))).toBeNull();
    const many = [...MANUAL_TAGS, ...MANUAL_TAGS, ...MANUAL_TAGS].slice(0, TAGS_MAX + 1);
    expect(memberInput.safeParse(valid({ tags: many.slice(0, TAGS_MAX) })).success).toBe(true);
    expect(memberInput.safeParse(valid({ tags: many })).success).toBe(false);
    expect(parsePlainMemberInput(valid({ tags: many }))).toBeNull();
  });

  it('answers as zod on 20,000 records of valid and invalid values, and answers for most valid ones', () => {
    let seed = 20260701;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const text = [null, '', '  ', ' 退休 ', '工人', 'a'.repeat(30), 'a'.repeat(31), '字'.repeat(60), '字'.repeat(61), 0, true, undefined];
    const pools: Record<string, readonly unknown[]> = {
      name: ['张三', ' 李四 ', '', '   ', 'x'.repeat(40), 'x'.repeat(41), undefined, null, 5],
      sex: [null, 'male', 'female', '男', '', undefined],
      ethnicity: [null, '汉族', pick(ETHNICITIES), '汉', '', 3],
      idNumber: ['110105198001011234', '', ' 1101 ', '1'.repeat(41), undefined, 110105],
      idOverrideReason: text,
      birthDate: [null, '1980-01-01', '2000-02-29', '2001-02-29', '1980-1-01', '1980-01-01T00:00', '', undefined, 19800101],
      education: [null, pick(EDUCATIONS), 'college', '大专', ''],
      membershipKind: ['full', 'probationary', null, '正式党员', undefined],
      branchId: [null, 1, 204, 0, -3, 1.5, '5', Number.MAX_SAFE_INTEGER + 2, Number.NaN, undefined],
      joinedOn: [null, '2003-07-01', '2003-13-01', '2003-07-32', ''],
      confirmedOn: [null, '2004-07-01', '2004-06-31'],
      occupation: text,
      mobile: text,
      phone: text,
      address: text,
      standing: ['normal', 'suspended', null, '正常'],
      lostContact: [false, true, null, 0, 'false'],
      lostContactSince: [null, '2020-05-05', 'x'],
      floating: [false, true, 1, undefined],
      floatingDirection: [null, 'outflow', 'inflow', 'out'],
      floatingDestination: text,
      tags: [[], ['resident'], [...MANUAL_TAGS].slice(0, 3), ['floating'], ['nope'], 'resident', null, Array(11).fill('resident')],
      specialties: text,
      note: [...text, '字'.repeat(2000), '字'.repeat(2001), '第一行\n第二行'],
    };
    let answered = 0;
    let zodValid = 0;
    for (let i = 0; i < 20000; i++) {
      // Mostly valid records with a field or two changed, and some made of anything.
      const x: Record<string, unknown> = i % 4 === 0 ? {} : valid({ occupation: '工人', mobile: '13800138000', tags: ['resident'] });
      for (const [k, pool] of Object.entries(pools)) if (i % 4 === 0 || rnd() < 0.08) x[k] = pick(pool);
      if (i % 4 === 0 && rnd() < 0.05) x.extra = 'not a field';
      if (memberInput.safeParse(x).success) zodValid++;
      if (agree(x)) answered++;
    }
    expect(zodValid).toBeGreaterThan(3000);
    expect(answered / zodValid).toBeGreaterThan(0.95);
  });
});
