/**
 * 志愿服务时长: the totals the volunteer pages, the command line and the yearly targets read — per member, per team,
 * per community and per year — from one list of participations (one member's hours at one service activity).
 *
 *  - Hours are kept to a tenth of an hour and summed in tenths, so 0.1 + 0.2 is 0.3, not 0.30000000000000004.
 *  - 人次 (person-times) counts participations; 人数 counts distinct members; 次数 counts distinct activities.
 *  - A service with no team counts in no team's line; one with no community counts in no community's line; both
 *    count in the member's, the year's and the total.
 */

export interface Participation {
  serviceId: number;
  /** YYYY-MM-DD. */
  heldOn: string;
  memberId: number;
  memberName: string;
  teamId: number | null;
  teamName: string | null;
  communityId: number | null;
  communityName: string | null;
  hours: number;
}

export interface HourLine {
  hours: number;
  /** Distinct activities. */
  services: number;
  /** Participations (人次). */
  personTimes: number;
  /** Distinct members. */
  people: number;
}

export interface MemberHours extends HourLine {
  memberId: number;
  memberName: string;
}
export interface TeamHours extends HourLine {
  teamId: number;
  teamName: string;
}
export interface CommunityHours extends HourLine {
  communityId: number;
  communityName: string;
}
export interface YearHours extends HourLine {
  year: number;
}

export interface HourTotals {
  total: HourLine;
  /** Most hours first, then by name. */
  byMember: MemberHours[];
  byTeam: TeamHours[];
  byCommunity: CommunityHours[];
  /** Newest year first. */
  byYear: YearHours[];
}

/** Hours to tenths (an integer), the unit every sum is made in. */
export function tenths(hours: number): number {
  return Math.round(hours * 10);
}

/** A sum of hours, exact to the tenth. */
export function sumHours(values: readonly number[]): number {
  return values.reduce((a, h) => a + tenths(h), 0) / 10;
}

class Acc {
  t = 0;
  services = new Set<number>();
  people = new Set<number>();
  personTimes = 0;
  add(p: Participation): void {
    this.t += tenths(p.hours);
    this.services.add(p.serviceId);
    this.people.add(p.memberId);
    this.personTimes++;
  }
  line(): HourLine {
    return { hours: this.t / 10, services: this.services.size, personTimes: this.personTimes, people: this.people.size };
  }
}

const collator = new Intl.Collator('zh-CN');

export function hourTotals(records: readonly Participation[]): HourTotals {
  const total = new Acc();
  const members = new Map<number, { name: string; acc: Acc }>();
  const teams = new Map<number, { name: string; acc: Acc }>();
  const communities = new Map<number, { name: string; acc: Acc }>();
  const years = new Map<number, Acc>();
  const into = <K>(map: Map<K, { name: string; acc: Acc }>, key: K, name: string, p: Participation) => {
    let e = map.get(key);
    if (!e) map.set(key, (e = { name, acc: new Acc() }));
    e.acc.add(p);
  };
  for (const p of records) {
    total.add(p);
    into(members, p.memberId, p.memberName, p);
    if (p.teamId != null) into(teams, p.teamId, p.teamName ?? '', p);
    if (p.communityId != null) into(communities, p.communityId, p.communityName ?? '', p);
    const y = Number(p.heldOn.slice(0, 4));
    let a = years.get(y);
    if (!a) years.set(y, (a = new Acc()));
    a.add(p);
  }
  const byHours = <T extends HourLine>(name: (x: T) => string) => (a: T, b: T) => b.hours - a.hours || collator.compare(name(a), name(b));
  return {
    total: total.line(),
    byMember: [...members].map(([memberId, e]) => ({ memberId, memberName: e.name, ...e.acc.line() })).sort(byHours((x) => x.memberName)),
    byTeam: [...teams].map(([teamId, e]) => ({ teamId, teamName: e.name, ...e.acc.line() })).sort(byHours((x) => x.teamName)),
    byCommunity: [...communities]
      .map(([communityId, e]) => ({ communityId, communityName: e.name, ...e.acc.line() }))
      .sort(byHours((x) => x.communityName)),
    byYear: [...years].map(([year, a]) => ({ year, ...a.line() })).sort((a, b) => b.year - a.year),
  };
}

/**
 * 特长 as the member record keeps them (one text: “义诊、维修”), as a list: split on 、，,；; / and spaces, trimmed,
 * blanks and repeats dropped, order kept.
 */
export function parseSpecialties(text: string | null | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const part of text.split(/[、，,；;/／\s]+/)) {
    const s = part.trim();
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

/** The list back as the record's text (“义诊、维修”), or null for none. */
export function joinSpecialties(list: readonly string[]): string | null {
  const clean = parseSpecialties(list.join('、'));
  return clean.length ? clean.join('、') : null;
}
