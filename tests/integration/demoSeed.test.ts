import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/handlers';
import { JobRunner } from '../../electron/jobs/runner';
import { contract, type Channel, type Input, type Output } from '../../shared/contract';
import { clockOn, fillDemo, type DemoCounts } from '../../scripts/lib/demo';
import { generate } from '../../scripts/lib/generate';
import { isoToDay, dayToIso, Rng } from '../../scripts/lib/rng';
import { tempServices } from './helpers';

const TODAY = '2026-11-26';

/** A register of ~300 members and the demo fill on it, through a real SQLite file. */
function seeded(today = TODAY, seed = 7) {
  const s = tempServices({ now: clockOn(today) });
  generate(s.db, { members: 300, seed, today });
  const counts = fillDemo(s, { rng: new Rng(seed), today });
  const handlers = createHandlers(s, new JobRunner(s, null));
  /** A channel as its page calls it: the input parsed by the contract, then the handler. */
  const call = <C extends Channel>(channel: C, input: Input<C>): Output<C> =>
    (handlers[channel] as (i: unknown) => Output<C>)(contract[channel].input.parse(input));
  return { s, counts, call };
}

// helpers.ts closes and removes each test's database after it: every test seeds its own (~0.3 s).
describe('npm run seed -- --demo', () => {
  it('fills every area with a modest amount of data', () => {
    const { counts } = seeded();
    for (const [k, n] of Object.entries(counts)) expect(n, k).toBeGreaterThan(0);
    for (const k of ['residentUnits', 'agreements', 'activities', 'newOrganisations', 'inServiceRegistrations', 'volunteers', 'households', 'cadres', 'meetings', 'transfersOut', 'transfersIn'] as const)
      expect(counts[k], k).toBeLessThanOrEqual(40);
  });

  it('gives each page rows: the list each page calls returns them', () => {
    const { call } = seeded();
    const lists: [string, unknown[]][] = [
      ['驻区单位', call('units.list', {})],
      ['联席会', call('jointBodies.list', {})],
      ['走访征询', call('visits.list', {})],
      ['共建协议', call('agreements.list', {})],
      ['主题活动', call('activities.list', {})],
      ['两新组织', call('neworgs.list', {})],
      ['在职党员报到', call('inService.list', {})],
      ['居住地表现反馈', call('inService.feedbackList', { period: String(Number(TODAY.slice(0, 4)) - 1) })],
      ['志愿者', call('volunteers.list', {})],
      ['志愿服务队', call('volunteerTeams.list', {})],
      ['志愿服务活动', call('volunteerServices.list', {})],
      ['帮扶对象', call('assistance.list', {})],
      ['党务干部', call('cadres.list', {})],
      ['目标考核', call('targets.list', {})],
      ['会议纪要', call('minutes.list', {}).rows],
      ['组织关系转接', call('transfers.list', {})],
      ['流动党员活动证', call('floating.list', {})],
    ];
    for (const [page, rows] of lists) expect(rows.length, page).toBeGreaterThan(0);

    // Within the lists, the states a trainer wants to show.
    expect(call('jointBodies.list', {}).every((b) => b.meetings.length > 0 && b.members.length > 0)).toBe(true);
    expect(new Set(call('agreements.list', {}).map((a) => a.status)).size).toBeGreaterThan(1);
    expect(call('units.list', { status: 'left' })).toHaveLength(1);
    expect(new Set(call('transfers.list', {}).map((t) => t.status))).toEqual(new Set(['issued', 'confirmed', 'returned', 'cancelled', 'registered', 'placed']));
    expect(call('neworgs.coverage', {}).total.organisations).toBeGreaterThan(0);
    expect(call('volunteers.hours', {}).total.hours).toBeGreaterThan(0);
    const thisYear = call('targets.get', { year: Number(TODAY.slice(0, 4)) });
    expect(thisYear.progress.length).toBeGreaterThan(0);
    const lastYear = call('targets.get', { year: Number(TODAY.slice(0, 4)) - 1 });
    expect(lastYear.results.length).toBeGreaterThan(0);
    expect(lastYear.demonstrations).toHaveLength(1);
  });

  it('writes the audit log as the app does: one entry per record created, by the services', () => {
    const { s, counts } = seeded();
    const n = (entity: string, action: string, distinct = false) =>
      (s.db.prepare(`SELECT count(${distinct ? 'DISTINCT entity_id' : '*'}) AS n FROM audit_log WHERE entity = ? AND action = ? AND actor = 'test'`).get(entity, action) as { n: number }).n;
    const expected: [keyof DemoCounts, string, string][] = [
      ['residentUnits', 'residentUnit', 'create'],
      ['jointBodies', 'jointBody', 'create'],
      ['jointMeetings', 'jointMeeting', 'create'],
      ['unitVisits', 'unitVisit', 'create'],
      ['agreements', 'agreement', 'create'],
      ['agreementReviews', 'agreement', 'review'],
      ['activities', 'activity', 'create'],
      ['newOrganisations', 'newOrganisation', 'create'],
      ['inServiceRegistrations', 'inServiceRegistration', 'register'],
      ['feedbackSheets', 'inServiceRegistration', 'review'],
      ['volunteers', 'volunteer', 'create'],
      ['volunteerTeams', 'volunteerTeam', 'create'],
      ['volunteerServices', 'volunteerService', 'create'],
      ['targetSheets', 'targetSheet', 'create'],
      ['meetings', 'meeting', 'create'],
      ['transfersOut', 'transfer', 'issue'],
      ['transfersIn', 'transfer', 'register'],
      ['floatingCertificates', 'floatingCertificate', 'issue'],
      ['floatingReviews', 'floatingCertificate', 'review'],
    ];
    for (const [key, entity, action] of expected) expect(n(entity, action), `${entity} ${action}`).toBe(counts[key]);
    // A household's visits and a cadre's trainings are audited on the household and the cadre.
    expect(n('assistanceHousehold', 'create', true)).toBe(counts.households);
    expect(n('assistanceHousehold', 'create')).toBe(counts.households + counts.householdVisits);
    expect(n('cadre', 'create', true)).toBe(counts.cadres);
    expect(n('cadre', 'create')).toBe(counts.cadres + counts.trainings);
    // 转出 ended the members' membership; 转入 placed new members — audited on the members.
    expect(n('member', 'exit')).toBeGreaterThan(0);
    expect(n('transfer', 'place')).toBeGreaterThan(0);
  });

  it('dates every event within the two years up to today, never after it', () => {
    const { s } = seeded();
    const first = dayToIso(isoToDay(TODAY) - 2 * 365 + 1);
    const columns: [string, string][] = [
      ['resident_units', 'left_on'], ['joint_bodies', 'founded_on'], ['joint_body_members', 'since'], ['joint_body_members', 'until'],
      ['joint_meetings', 'held_on'], ['unit_visits', 'visited_on'], ['unit_visits', 'solved_on'], ['agreements', 'signed_on'],
      ['agreements', 'start_on'], ['agreement_commitments', 'done_on'], ['agreement_reviews', 'reviewed_on'], ['activities', 'held_on'],
      ['new_organisations', 'closed_on'], ['in_service_registrations', 'registered_on'], ['in_service_registrations', 'ended_on'],
      ['in_service_records', 'date'], ['in_service_feedback', 'assessed_on'], ['volunteers', 'since'], ['volunteers', 'until'],
      ['volunteer_teams', 'founded_on'], ['volunteer_services', 'held_on'], ['assistance_households', 'started_on'],
      ['assistance_households', 'ended_on'], ['assistance_visits', 'visited_on'], ['cadres', 'started_on'], ['cadres', 'left_on'],
      ['cadre_trainings', 'start_on'], ['cadre_trainings', 'end_on'], ['meetings', 'held_on'], ['meeting_follow_ups', 'done_on'],
      ['transfers', 'date'], ['transfers', 'confirmed_on'], ['transfers', 'receipt_on'], ['transfers', 'placed_on'],
      ['floating_certificates', 'issue_date'], ['floating_certificates', 'date_out'], ['floating_certificates', 'date_back'],
      ['floating_certificate_reviews', 'date'], ['target_progress', 'checked_on'],
    ];
    for (const [table, column] of columns) {
      const r = s.db.prepare(`SELECT min(${column}) AS lo, max(${column}) AS hi FROM ${table}`).get() as { lo: string | null; hi: string | null };
      if (r.lo == null) continue;
      expect(r.lo >= first, `${table}.${column} ${r.lo}`).toBe(true);
      expect(r.hi! <= TODAY, `${table}.${column} ${r.hi}`).toBe(true);
    }
  });

  it('is deterministic: the same seed on a fresh file gives the same counts and records', () => {
    const one = seeded();
    const again = seeded();
    expect(again.counts).toEqual(one.counts);
    const titles = (x: typeof one) => x.call('activities.list', {}).map((a) => `${a.heldOn} ${a.title} ${a.participants}`);
    expect(titles(again)).toEqual(titles(one));
    expect(seeded(TODAY, 8).counts).not.toEqual(one.counts);
  });

  it('refuses a database that already has the demo data, and changes nothing', () => {
    const { s } = seeded();
    const before = (s.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    expect(() => fillDemo(s, { rng: new Rng(7), today: TODAY })).toThrow(/已有/);
    expect((s.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(before);
  });

  it.each(['2027-01-01', '2026-07-01', '2026-03-15'])('works on any day of the year (today %s)', (today) => {
    const { counts: c } = seeded(today, 11);
    expect(c.residentUnits).toBeGreaterThan(0);
    expect(c.targetSheets).toBe(2);
  });
});
