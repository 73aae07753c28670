/**
 * memberInput.safeParse's answer for a record whose every field is plainly valid, without zod: an import checks
 * 100,000 records, and zod's general machinery cost about half a second of them. Anything not plainly valid
 * (a missing field, a string too long, an unknown code, a date that does not exist) returns null, and the caller
 * asks zod, which gives the messages. The limits below are memberInput's own; tests/unit/importParseFast.test.ts
 * checks each against the schema at its boundary, and compares the two on thousands of records.
 */
import { EDUCATIONS, ETHNICITIES, FLOATING_DIRECTIONS, MANUAL_TAGS, MEMBERSHIP_KINDS, SEXES, STANDINGS } from '../../../shared/domain/labels';
import { isRealDate } from '../../../shared/rules/idNumber';
import type { MemberInput } from '../../../shared/rules/member';

/** memberInput's optional texts (trimmed, blank → null) and their maximum lengths, counted before trimming. */
export const OPTIONAL_TEXT_MAX = {
  idOverrideReason: 200,
  occupation: 60,
  mobile: 30,
  phone: 30,
  address: 200,
  floatingDestination: 200,
  specialties: 200,
  note: 2000,
} as const;
export const NAME_MAX = 40;
export const ID_NUMBER_MAX = 40;
export const TAGS_MAX = 10;

const sexes = new Set<string>(SEXES);
const ethnicities = new Set<string>(ETHNICITIES);
const educations = new Set<string>(EDUCATIONS);
const kinds = new Set<string>(MEMBERSHIP_KINDS);
const standings = new Set<string>(STANDINGS);
const directions = new Set<string>(FLOATING_DIRECTIONS);
const tags = new Set<string>(MANUAL_TAGS);

/** Thrown (and caught below) at the first field that is not plainly valid. */
const NOT_PLAIN = Symbol('not plain');

function optText(v: unknown, max: number): string | null {
  if (v === null) return null;
  if (typeof v !== 'string' || v.length > max) throw NOT_PLAIN;
  const t = v.trim();
  return t === '' ? null : t;
}

function code(v: unknown, set: ReadonlySet<string>, nullable: boolean): string | null {
  if (v === null && nullable) return null;
  if (typeof v !== 'string' || !set.has(v)) throw NOT_PLAIN;
  return v;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
function date(v: unknown): string | null {
  if (v === null) return null;
  if (typeof v !== 'string' || v.length > 10) throw NOT_PLAIN;
  const m = ISO.exec(v);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw NOT_PLAIN;
  return v;
}

function bool(v: unknown): boolean {
  if (typeof v !== 'boolean') throw NOT_PLAIN;
  return v;
}

/** The parsed record, as memberInput.safeParse(x).data would be, or null when zod must look at it. */
export function parsePlainMemberInput(x: Record<string, unknown>): MemberInput | null {
  try {
    const name = x.name;
    if (typeof name !== 'string') return null;
    const trimmed = name.trim();
    if (trimmed.length < 1 || trimmed.length > NAME_MAX) return null;
    const idNumber = x.idNumber;
    if (typeof idNumber !== 'string' || idNumber.length > ID_NUMBER_MAX) return null;
    const branchId = x.branchId;
    if (branchId !== null && !(typeof branchId === 'number' && Number.isSafeInteger(branchId) && branchId > 0)) return null;
    const t = x.tags;
    if (!Array.isArray(t) || t.length > TAGS_MAX) return null;
    for (const tag of t) if (typeof tag !== 'string' || !tags.has(tag)) return null;
    // In memberInput's order, as zod builds its result.
    return {
      name: trimmed,
      sex: code(x.sex, sexes, true) as MemberInput['sex'],
      ethnicity: code(x.ethnicity, ethnicities, true) as MemberInput['ethnicity'],
      idNumber,
      idOverrideReason: optText(x.idOverrideReason, OPTIONAL_TEXT_MAX.idOverrideReason),
      birthDate: date(x.birthDate),
      education: code(x.education, educations, true) as MemberInput['education'],
      membershipKind: code(x.membershipKind, kinds, false) as MemberInput['membershipKind'],
      branchId: branchId as number | null,
      joinedOn: date(x.joinedOn),
      confirmedOn: date(x.confirmedOn),
      occupation: optText(x.occupation, OPTIONAL_TEXT_MAX.occupation),
      mobile: optText(x.mobile, OPTIONAL_TEXT_MAX.mobile),
      phone: optText(x.phone, OPTIONAL_TEXT_MAX.phone),
      address: optText(x.address, OPTIONAL_TEXT_MAX.address),
      standing: code(x.standing, standings, false) as MemberInput['standing'],
      lostContact: bool(x.lostContact),
      lostContactSince: date(x.lostContactSince),
      floating: bool(x.floating),
      floatingDirection: code(x.floatingDirection, directions, true) as MemberInput['floatingDirection'],
      floatingDestination: optText(x.floatingDestination, OPTIONAL_TEXT_MAX.floatingDestination),
      tags: [...t] as MemberInput['tags'],
      specialties: optText(x.specialties, OPTIONAL_TEXT_MAX.specialties),
      note: optText(x.note, OPTIONAL_TEXT_MAX.note),
    };
  } catch (e) {
    if (e === NOT_PLAIN) return null;
    throw e;
  }
}
