/**
 * The register as of one day: who was a member on that day, in which branch, and their state then.
 *
 *  - a member: membership began on or before the day (加入党组织日期, or the day the record was made when that is
 *    blank) and had not ended by it (no 离开日期, or one after the day: whoever left on the day itself is gone);
 *  - branch: the stay in 所在党支部历史 that covers the day (a move on day X counts in the new branch from X); a day
 *    before the first recorded stay counts in that first branch (history begins at the record's first branch);
 *    a member without any history (the seed script writes none) counts in their branch today;
 *  - 正式 / 预备: 正式 from 转为正式党员日期 (a member confirmed after the day was still 预备 then);
 *  - 失联: flagged, with 失去联系日期 on or before the day (or none recorded);
 *  - 流动 (流出 / 流入): a 流动党员活动证 covering the day (out on or before it, not back by it); a member who never had a
 *    certificate counts by 是否为流动党员 and 流动方向 as recorded (no direction recorded: 流出, the register's usual case);
 *  - age on the day; sex, ethnicity, education, 工作岗位 and the other classifications as recorded (the register keeps
 *    no history of them).
 * One scan of members, one of the branch history, one of the certificates: 100,000 members in a few hundred ms.
 */
import { EDUCATIONS, TAGS, tagBit, type Education } from '../../shared/domain/labels';
import type { Sqlite } from '../db/connection';

export interface MemberAsOf {
  id: number;
  branchId: number | null;
  full: boolean;
  female: boolean;
  /** Recorded and not 汉族. */
  minority: boolean;
  age: number | null;
  education: Education | null;
  occupation: string | null;
  joinedOn: string | null;
  /** Classification bits (TAGS order) with 流动 as of the day. */
  tagMask: number;
  lostContact: boolean;
  floating: 'outflow' | 'inflow' | null;
}

const FLOATING_BIT = tagBit('floating');
const KNOWN_EDUCATION = new Set<string>(EDUCATIONS);

/** One member as the scan reads it: what can be worked out in SQL is (integers cost less to hand over than text). */
type MemberRaw = [
  id: number,
  branchId: number | null,
  full: number,
  female: number,
  minority: number,
  age: number | null,
  education: string | null,
  occupation: string | null,
  joinedOn: string | null,
  tagMask: number,
  lostContact: number,
  floating: number,
  floatingDirection: string | null,
];

/** Every member of the register on `day` (YYYY-MM-DD), whatever their branch. */
export function membersAsOf(db: Sqlite, day: string): MemberAsOf[] {
  const raws = db
    .prepare(
      `SELECT id, branch_id,
              membership_kind = 'full' AND (confirmed_on IS NULL OR confirmed_on <= @day),
              sex = 'female',
              coalesce(ethnicity NOT IN ('', '汉族'), 0),
              CASE WHEN birth_date <= @day THEN
                CAST(substr(@day, 1, 4) AS INTEGER) - CAST(substr(birth_date, 1, 4) AS INTEGER) - (substr(@day, 6) < substr(birth_date, 6)) END,
              education, occupation, joined_on, tag_mask,
              lost_contact = 1 AND coalesce(lost_contact_since <= @day, 1),
              floating, floating_direction
         FROM members
        WHERE coalesce(joined_on, substr(created_at, 1, 10)) <= @day AND (left_on IS NULL OR left_on > @day)`,
    )
    .raw()
    .all({ day }) as MemberRaw[];

  // Branch on the day, from the history: the covering stay, else the first stay after the day, else none.
  const covering = new Map<number, number>();
  const firstAfter = new Map<number, number>();
  const hasHistory = new Set<number>();
  for (const [memberId, orgId, from, to] of db
    .prepare('SELECT member_id, org_id, from_date, to_date FROM member_branch_history ORDER BY member_id, from_date, id')
    .raw()
    .iterate() as Iterable<[number, number, string, string | null]>) {
    hasHistory.add(memberId);
    if (from <= day) {
      if (to == null || to > day) covering.set(memberId, orgId);
    } else if (!firstAfter.has(memberId)) firstAfter.set(memberId, orgId);
  }

  const floatingOn = new Map<number, 'outflow' | 'inflow'>();
  const everCertified = new Set<number>();
  for (const [memberId, direction, out, back] of db
    .prepare('SELECT member_id, direction, date_out, date_back FROM floating_certificates')
    .raw()
    .iterate() as Iterable<[number, string, string, string | null]>) {
    everCertified.add(memberId);
    if (out <= day && (back == null || back > day)) floatingOn.set(memberId, direction === 'inflow' ? 'inflow' : 'outflow');
  }

  const out: MemberAsOf[] = new Array(raws.length);
  for (let i = 0; i < raws.length; i++) {
    const r = raws[i]!;
    const id = r[0];
    const branchId = covering.get(id) ?? firstAfter.get(id) ?? (hasHistory.has(id) ? null : r[1]);
    const floating = everCertified.has(id) ? (floatingOn.get(id) ?? null) : r[11] ? (r[12] === 'inflow' ? 'inflow' : 'outflow') : null;
    out[i] = {
      id,
      branchId,
      full: r[2] === 1,
      female: r[3] === 1,
      minority: r[4] === 1,
      age: r[5],
      education: r[6] && KNOWN_EDUCATION.has(r[6]) ? (r[6] as Education) : null,
      occupation: r[7],
      joinedOn: r[8],
      tagMask: (r[9] & ~FLOATING_BIT) | (floating ? FLOATING_BIT : 0),
      lostContact: r[10] === 1,
      floating,
    };
  }
  return out;
}

/** Whether the member carries the classification. */
export function hasTag(m: MemberAsOf, tag: (typeof TAGS)[number]): boolean {
  return (m.tagMask & tagBit(tag)) !== 0;
}
