import { describe, expect, it } from 'vitest';
import { idCheckChar } from '../../shared/rules/idNumber';
import { checkMember, effectiveTags, memberInput, type MemberInput } from '../../shared/rules/member';
import { suggestTagsFromOccupation } from '../../shared/rules/classification';
import { maskToTags, tagsToMask, TAGS } from '../../shared/domain/labels';

const TODAY = '2026-11-26';
const id = (first17: string) => first17 + idCheckChar(first17);

function member(over: Partial<MemberInput> = {}): MemberInput {
  return memberInput.parse({
    name: '张三',
    sex: null,
    ethnicity: '汉族',
    idNumber: id('11010519800101123'),
    idOverrideReason: null,
    birthDate: null,
    education: 'bachelor',
    membershipKind: 'full',
    branchId: null,
    joinedOn: '2003-07-01',
    confirmedOn: '2004-07-01',
    occupation: null,
    mobile: null,
    phone: null,
    address: null,
    standing: 'normal',
    lostContact: false,
    lostContactSince: null,
    floating: false,
    floatingDirection: null,
    floatingDestination: null,
    tags: [],
    specialties: null,
    note: null,
    ...over,
  });
}

describe('the member record\'s rules', () => {
  it('fills sex and birth date from the ID number', () => {
    const { value, errors } = checkMember(member(), TODAY);
    expect(errors).toEqual({});
    expect(value.sex).toBe('male');
    expect(value.birthDate).toBe('1980-01-01');
    expect(value.idStatus).toBe('valid');
  });

  it('checks a given sex and birth date against the ID number', () => {
    const { errors } = checkMember(member({ sex: 'female', birthDate: '1980-02-01' }), TODAY);
    expect(errors.sex).toContain('号码显示为男');
    expect(errors.birthDate).toContain('1980-01-01');
  });

  it('refuses a failing check digit unless the clerk overrides it with a reason', () => {
    const bad = '11010519800101123' + (idCheckChar('11010519800101123') === '0' ? '1' : '0');
    expect(checkMember(member({ idNumber: bad }), TODAY).errors.idNumber).toContain('校验位不正确');
    const r = checkMember(member({ idNumber: bad, idOverrideReason: '已核对户口簿，号码无误' }), TODAY);
    expect(r.errors).toEqual({});
    expect(r.value.idStatus).toBe('override');
  });

  it('never overrides a number of the wrong shape', () => {
    const r = checkMember(member({ idNumber: '1234', idOverrideReason: '确认' }), TODAY);
    expect(r.errors.idNumber).toContain('18 位');
  });

  it('marks 15-digit numbers as legacy', () => {
    expect(checkMember(member({ idNumber: '110105491231001', joinedOn: '1975-01-01', confirmedOn: '1976-01-01' }), TODAY).value.idStatus).toBe('legacy15');
  });

  it('wants 加入党组织日期 before 转为正式党员日期, equal only in 1969-04-01…1977-08-11', () => {
    expect(checkMember(member({ joinedOn: '2004-07-01', confirmedOn: '2003-07-01' }), TODAY).errors.confirmedOn).toContain('应晚于');
    expect(checkMember(member({ joinedOn: '2003-07-01', confirmedOn: '2003-07-01' }), TODAY).errors.confirmedOn).toContain('1969');
    const old = member({ idNumber: id('11010519400101123'), joinedOn: '1970-05-01', confirmedOn: '1970-05-01' });
    expect(checkMember(old, TODAY).errors).toEqual({});
    // The period's bounds are included.
    expect(checkMember({ ...old, joinedOn: '1969-04-01', confirmedOn: '1969-04-01' }, TODAY).errors).toEqual({});
    expect(checkMember({ ...old, joinedOn: '1977-08-11', confirmedOn: '1977-08-11' }, TODAY).errors).toEqual({});
    expect(checkMember({ ...old, joinedOn: '1977-08-12', confirmedOn: '1977-08-12' }, TODAY).errors.confirmedOn).toBeDefined();
    expect(checkMember({ ...old, joinedOn: '1969-03-31', confirmedOn: '1969-03-31' }, TODAY).errors.confirmedOn).toBeDefined();
  });

  it('requires 18 years of age at joining, and no 转正 date for a probationary member', () => {
    expect(checkMember(member({ joinedOn: '1997-07-01', confirmedOn: '1998-07-01' }), TODAY).errors.joinedOn).toContain('18');
    expect(checkMember(member({ membershipKind: 'probationary' }), TODAY).errors.confirmedOn).toContain('预备党员');
  });

  it('asks for the date of lost contact and the destination of an out-flowing member', () => {
    expect(checkMember(member({ lostContact: true }), TODAY).errors.lostContactSince).toBeDefined();
    expect(checkMember(member({ floating: true }), TODAY).errors.floatingDestination).toBeDefined();
    const ok = checkMember(member({ floating: true, floatingDestination: '广东省深圳市' }), TODAY);
    expect(ok.errors).toEqual({});
    expect(ok.value.floatingDirection).toBe('outflow');
  });

  it('derives the floating classification from 是否为流动党员 only', () => {
    expect(effectiveTags({ tags: ['resident'], floating: true }).sort()).toEqual(['floating', 'resident']);
    expect(effectiveTags({ tags: ['resident', 'floating' as never], floating: false })).toEqual(['resident']);
  });

  it('stores tags as bits and reads them back', () => {
    for (const t of TAGS) expect(maskToTags(tagsToMask([t]))).toEqual([t]);
    expect(maskToTags(tagsToMask(['laidOff', 'resident']))).toEqual(['resident', 'laidOff']);
  });

  it('suggests a classification from 工作岗位', () => {
    expect(suggestTagsFromOccupation('离退休人员')).toEqual(['retiredWorker']);
    expect(suggestTagsFromOccupation('离休干部')).toEqual(['retiredCadre']);
    expect(suggestTagsFromOccupation('下岗失业人员')).toEqual(['laidOff']);
    expect(suggestTagsFromOccupation('事业单位管理人员')).toEqual([]);
  });

  it('parses huge and wrong-typed input into errors, not exceptions', () => {
    expect(memberInput.safeParse({ ...member(), name: 'x'.repeat(100_000) }).success).toBe(false);
    expect(memberInput.safeParse({ ...member(), lostContact: 'yes' }).success).toBe(false);
    expect(memberInput.safeParse({ ...member(), joinedOn: '2003-02-30' }).success).toBe(false);
  });
});
