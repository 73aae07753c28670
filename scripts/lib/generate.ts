/**
 * The register's data generator: a realistic organisation tree (街道党工委 → 社区党委 / 党总支 → 党支部) and
 * members with valid ID numbers, plausible dates and classifications, for benchmarks, demos and tests.
 *
 * Every member is built as the form would send it, parsed with the contract's schema and checked with
 * checkMember, and written with the service's own toColumns — so the derived columns (pinyin keys, search text,
 * tag bits) are exactly what the app writes. Deterministic for a given seed, `today` and starting database.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Sqlite } from '../../electron/db/connection';
import { diff, encodeChanges } from '../../electron/audit/service';
import { MEMBER_COLUMNS, toColumns } from '../../electron/members/service';
import {
  BRANCH_KINDS,
  MEMBER_FIELD_LABELS,
  TAGS,
  maskToTags,
  type Education,
  type ExitReason,
  type OrgKind,
  type Tag,
} from '../../shared/domain/labels';
import { idCheckChar, todayIso } from '../../shared/rules/idNumber';
import { addYears, ageOn, checkMember, memberInput, NO_PROBATION_FROM, NO_PROBATION_TO, type MemberInput } from '../../shared/rules/member';
import { dayToIso, isoToDay, Rng, Weighted } from './rng';
import {
  BEIJING_REGIONS,
  CHINESE_ORDINALS,
  COMMUNITY_NAMES,
  ESTATE_NAMES,
  FLOATING_DESTINATIONS,
  GIVEN_CHARS,
  GIVEN_NAMES,
  MINORITIES,
  MOBILE_PREFIXES,
  OTHER_REGIONS,
  ROAD_NAMES,
  SMALL_UNITS,
  SPECIALTIES,
  SURNAMES,
} from './seedData';

export const DEFAULT_SEED = 20_210_701;

export interface GenerateOptions {
  /** How many members to add. */
  members: number;
  /** PRNG seed; the same seed on the same starting database gives the same data. */
  seed?: number;
  /** The day the data is "as of" (YYYY-MM-DD); defaults to the real today. Dates are relative to it. */
  today?: string;
  /** Timestamp written to created_at / updated_at / audit_log.at. */
  now?: Date;
  /** audit_log.batch_id of every row written; defaults to seed-<timestamp>. */
  batchId?: string;
  /** Called every `progressEvery` members (and at the end). */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

export interface GenerateSummary {
  members: number;
  /** Organisations in the database afterwards. */
  organisations: number;
  /** Organisations this run created (0 when it reused an existing tree). */
  createdOrganisations: number;
  /** Branch-kind organisations members were put into. */
  branches: number;
  left: number;
  probationary: number;
  legacy15: number;
  lostContact: number;
  floating: number;
  byTag: Record<Tag, number>;
  batchId: string;
  seed: number;
  today: string;
  ms: number;
}

const AUDITED = Object.keys(MEMBER_FIELD_LABELS);
const ACTOR = 'seed';

/** Generates and inserts `members` members (and the organisation tree, if the database has no branches yet). */
export function generate(db: Sqlite, options: GenerateOptions): GenerateSummary {
  const t0 = performance.now();
  const seed = options.seed ?? DEFAULT_SEED;
  const today = options.today ?? todayIso();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`today 应为 YYYY-MM-DD：${today}`);
  const at = (options.now ?? new Date()).toISOString();
  const batchId = options.batchId ?? `seed-${at.replace(/\D/g, '').slice(0, 14)}`;
  const total = Math.max(0, Math.floor(options.members));
  const every = options.progressEvery ?? 10_000;
  const rng = new Rng(seed);

  const usedIds = new Set(db.prepare('SELECT id_number FROM members').pluck().all() as string[]);
  const insertAudit = db.prepare<unknown[]>(
    'INSERT INTO audit_log (at, actor, action, entity, entity_id, changes, note, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertMember = db.prepare(
    `INSERT INTO members (${MEMBER_COLUMNS.join(', ')}, left_on, left_reason, left_note, created_at, updated_at, version)
     VALUES (${MEMBER_COLUMNS.map((c) => '@' + c).join(', ')}, @left_on, @left_reason, @left_note, @at, @at, @version)`,
  );

  const byTag = Object.fromEntries(TAGS.map((t) => [t, 0])) as Record<Tag, number>;
  const counts = { left: 0, probationary: 0, legacy15: 0, lostContact: 0, floating: 0 };
  let createdOrganisations = 0;
  let branches = 0;

  db.transaction(() => {
    const tree = loadOrCreateTree(db, rng, total, today, at, batchId, insertAudit);
    createdOrganisations = tree.created;
    branches = tree.branchCount;
    const factory = new MemberFactory(rng, today, usedIds);
    for (let i = 0; i < total; i++) {
      const draft = factory.make(tree);
      // The member as the form sends it: parsed by the contract's schema, then the record's own rules.
      const parsed = memberInput.safeParse(draft.input);
      if (!parsed.success) throw new Error(`generated member fails the input schema: ${z.prettifyError(parsed.error)}\n${JSON.stringify(draft.input)}`);
      const { value, errors } = checkMember(parsed.data, today);
      if (Object.keys(errors).length) throw new Error(`generated member fails checkMember: ${JSON.stringify(errors)}\n${JSON.stringify(draft.input)}`);
      const cols = toColumns(value);
      const exit = draft.exit;
      const row = {
        ...cols,
        standing: exit?.reason === 'suspended' ? 'suspended' : cols.standing,
        left_on: exit?.date ?? null,
        left_reason: exit?.reason ?? null,
        left_note: exit?.note ?? null,
        at,
        version: exit ? 2 : 1,
      };
      const id = Number(insertMember.run(row).lastInsertRowid);
      // The audit entry the service writes on create: every filled field, null → value.
      const created: Record<string, unknown> = {
        ...value,
        tags: maskToTags(cols.tag_mask as number),
        leftOn: null,
        leftReason: null,
        leftNote: null,
      };
      insertAudit.run(at, ACTOR, 'create', 'member', id, encodeChanges(diff(null, created, AUDITED)), null, batchId);
      if (exit) {
        const after = { ...created, leftOn: exit.date, leftReason: exit.reason, leftNote: exit.note, standing: row.standing };
        insertAudit.run(at, ACTOR, 'exit', 'member', id, encodeChanges(diff(created, after, AUDITED)), exit.note, batchId);
        counts.left++;
      }
      for (const t of maskToTags(cols.tag_mask as number)) byTag[t]++;
      if (value.membershipKind === 'probationary') counts.probationary++;
      if (value.idStatus === 'legacy15') counts.legacy15++;
      if (value.lostContact) counts.lostContact++;
      if (value.floating) counts.floating++;
      if (options.onProgress && ((i + 1) % every === 0 || i + 1 === total)) options.onProgress(i + 1, total);
    }
    // 所在党支部历史: the branch each new member was registered in, from their 加入党组织日期 (as the service does).
    db.prepare(
      `INSERT INTO member_branch_history (member_id, org_id, from_date, batch_id)
       SELECT m.id, m.branch_id, coalesce(m.joined_on, substr(m.created_at, 1, 10)), ?
         FROM members m WHERE m.branch_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM member_branch_history h WHERE h.member_id = m.id)`,
    ).run(batchId);
  }).immediate();

  const organisations = (db.prepare('SELECT count(*) AS n FROM organisations').get() as { n: number }).n;
  return {
    members: total,
    organisations,
    createdOrganisations,
    branches,
    ...counts,
    byTag,
    batchId,
    seed,
    today,
    ms: Math.round(performance.now() - t0),
  };
}

// ─── Organisation tree ──────────────────────────────────────────────────────────────────────────────────────

/** Where members live and which branches take them. */
interface Place {
  roads: string[];
  ordinary: Weighted<number> | null;
  retired: Weighted<number> | null;
  floating: Weighted<number> | null;
  /** 联合 / 综合 branches: members working in small firms and organisations. */
  mixed: Weighted<number> | null;
}

interface Tree {
  places: Weighted<Place>;
  /** The street's 离休干部党支部 (retired cadres' own branch), if any. */
  cadre: Weighted<number> | null;
  /** The street office's own 机关党支部. */
  office: Weighted<number> | null;
  /** The street's joint / composite branches for non-public firms and social organisations. */
  streetMixed: Weighted<number> | null;
  /** Every branch, for the fall-back. */
  any: Weighted<number>;
  branchCount: number;
  created: number;
}

type InsertAudit = Database.Statement<unknown[]>;

function pool(rng: Rng, ids: number[]): Weighted<number> | null {
  // Branch sizes vary: some twice the size of others.
  return ids.length ? new Weighted(ids.map((id) => [id, 0.5 + rng.next()] as const)) : null;
}

function loadOrCreateTree(db: Sqlite, rng: Rng, members: number, today: string, at: string, batchId: string, insertAudit: InsertAudit): Tree {
  const existing = db
    .prepare(`SELECT id, kind FROM organisations WHERE dissolved_on IS NULL AND kind IN (${BRANCH_KINDS.map(() => '?').join(', ')}) ORDER BY id`)
    .all(...BRANCH_KINDS) as { id: number; kind: OrgKind }[];
  if (existing.length) {
    // Add to the tree that is there: branches by kind; one "place" with generic roads.
    const of = (...kinds: OrgKind[]) => existing.filter((o) => kinds.includes(o.kind)).map((o) => o.id);
    const any = pool(rng, existing.map((o) => o.id))!;
    const place: Place = {
      roads: [rng.pick(ROAD_NAMES), rng.pick(ROAD_NAMES), rng.pick(ROAD_NAMES)],
      ordinary: pool(rng, of('branch')) ?? any,
      retired: pool(rng, of('retiredBranch')),
      floating: pool(rng, of('floatingBranch')),
      mixed: pool(rng, of('jointBranch', 'compositeBranch')),
    };
    return { places: new Weighted([[place, 1]]), cadre: place.retired, office: null, streetMixed: place.mixed, any, branchCount: existing.length, created: 0 };
  }

  const insertOrg = db.prepare(
    `INSERT INTO organisations (name, kind, parent_id, sort_order, founded_on, elected_on, term_years, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertUnit = db.prepare('INSERT INTO organisation_units (org_id, position, unit_name) VALUES (?, ?, ?)');
  const todayDay = isoToDay(today);
  let created = 0;
  const sortOrder = new Map<number | null, number>();
  const org = (name: string, kind: OrgKind, parentId: number | null): number => {
    const order = sortOrder.get(parentId) ?? 0;
    sortOrder.set(parentId, order + 1);
    const founded = dayToIso(rng.int(isoToDay('1985-01-01'), todayDay - 3 * 365));
    // Community-level committees serve 5 years (DOMAIN.md); elected within the current term.
    const elected = kind === 'group' ? null : dayToIso(rng.int(Math.max(isoToDay(founded), todayDay - 5 * 365 + 30), todayDay - 30));
    const id = Number(insertOrg.run(name, kind, parentId, order, founded, elected, kind === 'group' ? null : 5, at, at).lastInsertRowid);
    insertAudit.run(at, ACTOR, 'create', 'organisation', id, encodeChanges(diff(null, { name, kind, parentId }, ['name', 'kind', 'parentId'])), null, batchId);
    created++;
    return id;
  };
  const units = (orgId: number, n: number) => {
    const names = rng.shuffled(SMALL_UNITS).slice(0, n);
    names.forEach((u, i) => insertUnit.run(orgId, i + 1, u));
  };

  const streetShort = rng.pick(['长青', '东湖', '安和', '新华', '和平']) + '街道';
  const street = org(`${streetShort}党工委`, 'streetCommittee', null);
  const office = org(`${streetShort}机关党支部`, 'branch', street);
  const cadre = org(`${streetShort}离休干部党支部`, 'retiredBranch', street);
  const streetJoint = org(`${streetShort}非公企业联合党支部`, 'jointBranch', street);
  units(streetJoint, 5);
  const streetComposite = org(`${streetShort}社会组织综合党支部`, 'compositeBranch', street);
  let branchCount = 4;

  const nCommunities = clamp(Math.ceil(members / 5500), 3, COMMUNITY_NAMES.length);
  const perCommunity = members / nCommunities;
  const nOrdinary = clamp(Math.round(perCommunity / 550), 2, 16);
  const nRetired = clamp(Math.round((perCommunity * 0.45) / 900), 1, 3);
  const names = rng.shuffled(COMMUNITY_NAMES).slice(0, nCommunities);
  const estates = rng.shuffled(ESTATE_NAMES);
  const places: [Place, number][] = [];
  const allBranches: number[] = [office, cadre, streetJoint, streetComposite];

  for (const cname of names) {
    const c = `${cname}社区`;
    const committee = org(`${c}党委`, 'communityCommittee', street);
    const ordinary: number[] = [];
    const retired: number[] = [];
    const floating: number[] = [];
    const mixed: number[] = [];
    for (let i = 0; i < nOrdinary; i++) ordinary.push(org(`${c}第${CHINESE_ORDINALS[i]}党支部`, 'branch', committee));
    for (let i = 0; i < nRetired; i++) {
      const name = nRetired === 1 ? `${c}离退休党支部` : `${c}第${CHINESE_ORDINALS[i]}离退休党支部`;
      const id = org(name, 'retiredBranch', committee);
      retired.push(id);
      if (i === 0) for (let g = 0; g < 2; g++) org(`${name}第${CHINESE_ORDINALS[g]}党小组`, 'group', id);
    }
    // A large housing estate gets a 党总支 with branches under it.
    if (nOrdinary >= 4 && rng.chance(0.4) && estates.length) {
      const estate = estates.pop()!;
      const general = org(`${c}${estate}党总支`, 'generalBranch', committee);
      const n = rng.int(3, 5);
      for (let i = 0; i < n; i++) ordinary.push(org(`${estate}第${CHINESE_ORDINALS[i]}党支部`, 'branch', general));
    }
    if (rng.chance(0.5)) floating.push(org(`${c}流动党员党支部`, 'floatingBranch', committee));
    if (rng.chance(0.4)) {
      const id = org(`${c}${rng.pick(['商户', '楼宇', '物业', '沿街商铺'])}联合党支部`, 'jointBranch', committee);
      units(id, rng.int(2, 5));
      mixed.push(id);
    }
    if (rng.chance(0.5)) mixed.push(org(`${c}综合党支部`, 'compositeBranch', committee));
    branchCount += ordinary.length + retired.length + floating.length + mixed.length;
    allBranches.push(...ordinary, ...retired, ...floating, ...mixed);
    const roads = rng.shuffled(ROAD_NAMES).slice(0, 3);
    places.push([
      { roads, ordinary: pool(rng, ordinary), retired: pool(rng, retired), floating: pool(rng, floating), mixed: pool(rng, mixed) },
      0.6 + rng.next() * 0.8,
    ]);
  }
  return {
    places: new Weighted(places),
    cadre: pool(rng, [cadre]),
    office: pool(rng, [office]),
    streetMixed: pool(rng, [streetJoint, streetComposite]),
    any: pool(rng, allBranches)!,
    branchCount,
    created,
  };
}

// ─── Members ────────────────────────────────────────────────────────────────────────────────────────────────

interface Draft {
  input: z.input<typeof memberInput>;
  exit: { date: string; reason: ExitReason; note: string | null } | null;
}

type Band = readonly [number, number];
const FULL_AGES = new Weighted<Band>([
  [[20, 30], 9], [[31, 40], 12], [[41, 50], 13], [[51, 60], 17], [[61, 70], 22], [[71, 80], 17], [[81, 90], 8.5], [[91, 101], 1.5],
]);
const PROBATIONARY_AGES = new Weighted<Band>([[[19, 25], 45], [[26, 35], 38], [[36, 45], 14], [[46, 55], 3]]);
const JOIN_AGES = new Weighted<Band>([[[18, 22], 25], [[23, 28], 35], [[29, 35], 22], [[36, 45], 12], [[46, 60], 6]]);

const EDUCATION_BY_ERA: [number, Weighted<Education>][] = [
  [1940, new Weighted<Education>([['primary', 30], ['juniorHigh', 30], ['highSchool', 15], ['secondaryVocational', 10], ['college', 8], ['bachelor', 7]])],
  [1960, new Weighted<Education>([['primary', 10], ['juniorHigh', 25], ['highSchool', 25], ['secondaryVocational', 15], ['college', 12], ['bachelor', 12], ['master', 1]])],
  [1980, new Weighted<Education>([['juniorHigh', 8], ['highSchool', 17], ['secondaryVocational', 15], ['college', 25], ['bachelor', 30], ['master', 4], ['doctorate', 1]])],
  [9999, new Weighted<Education>([['highSchool', 4], ['secondaryVocational', 5], ['college', 21], ['bachelor', 52], ['master', 15], ['doctorate', 3]])],
];

const YOUNG_EDUCATION = new Weighted<Education>([['highSchool', 50], ['secondaryVocational', 10], ['college', 25], ['bachelor', 15]]);
const IN_SERVICE_JOBS = new Weighted<string>([
  ['党政机关工作人员', 20], ['事业单位管理人员', 12], ['事业单位专业技术人员', 20], ['公有经济控制企业管理人员', 10],
  ['公有经济控制企业专业技术人员', 10], ['公有经济控制企业工人', 5], ['非公有经济控制企业管理人员', 8],
  ['非公有经济控制企业专业技术人员', 8], ['非公有经济控制企业工人', 3], ['社会组织工作人员', 4],
]);
const OTHER_JOBS = new Weighted<string>([
  ['非公有经济控制企业管理人员', 14], ['非公有经济控制企业专业技术人员', 16], ['非公有经济控制企业工人', 14],
  ['公有经济控制企业管理人员', 6], ['公有经济控制企业专业技术人员', 6], ['公有经济控制企业工人', 6],
  ['事业单位专业技术人员', 6], ['事业单位管理人员', 3], ['党政机关工作人员', 3], ['社会组织工作人员', 6],
  ['其他职业人员', 18], ['农牧渔民', 2],
]);
const CONTRACT_ENDED_JOBS = new Weighted<string>([['下岗失业人员', 40], ['其他职业人员', 35], ['非公有经济控制企业工人', 25]]);
const EXIT_OLD = new Weighted<ExitReason>([['deceased', 75], ['transferOut', 25]]);
const EXIT_YOUNG = new Weighted<ExitReason>([
  ['transferOut', 82], ['deceased', 4], ['suspended', 4], ['struckOff', 4], ['expelled', 2], ['withdrew', 1], ['other', 3],
]);
const SURNAME_W = new Weighted(SURNAMES);
const BEIJING = new Weighted(BEIJING_REGIONS);
const OTHER = new Weighted(OTHER_REGIONS);
const MINORITY = new Weighted(MINORITIES);
const DESTINATION = new Weighted(FLOATING_DESTINATIONS);

class MemberFactory {
  private readonly todayDay: number;

  constructor(
    private readonly rng: Rng,
    private readonly today: string,
    private readonly usedIds: Set<string>,
  ) {
    this.todayDay = isoToDay(today);
  }

  make(tree: Tree): Draft {
    const { rng, today, todayDay } = this;
    const probationary = rng.chance(0.04);

    // Birth: an age band, then a day within it.
    const [lo, hi] = (probationary ? PROBATIONARY_AGES : FULL_AGES).draw(rng);
    const age = rng.int(lo, hi);
    const birthDay = isoToDay(addYears(today, -age)) - rng.int(1, 364);
    const birthDate = dayToIso(birthDay);
    const birthYear = Number(birthDate.slice(0, 4));
    const maleShare = birthYear < 1950 ? 0.78 : birthYear < 1970 ? 0.7 : birthYear < 1990 ? 0.6 : 0.52;
    const sex = rng.chance(maleShare) ? 'male' : 'female';
    const eighteenth = addYears(birthDate, 18);
    const realAge = ageOn(birthDate, today);

    // Joining the Party, and confirmation a year later.
    let joinedOn: string;
    let confirmedOn: string | null = null;
    let retiredCadre = false;
    if (probationary) {
      joinedOn = dayToIso(rng.int(Math.max(isoToDay(eighteenth), todayDay - 364), todayDay - 7));
    } else {
      if (eighteenth < '1949-06-01' && rng.chance(0.15)) {
        // Joined before the founding of the PRC: a 离休干部.
        retiredCadre = true;
        joinedOn = dayToIso(rng.int(Math.max(isoToDay(eighteenth), isoToDay('1938-01-01')), isoToDay('1949-09-30')));
      } else {
        const [jlo, jhi] = JOIN_AGES.draw(rng);
        let joinDay = isoToDay(addYears(birthDate, rng.int(jlo, jhi))) + rng.int(0, 364);
        const latest = todayDay - 400;
        if (joinDay > latest) joinDay = rng.int(Math.max(isoToDay(eighteenth), latest - 3 * 365), latest);
        joinedOn = dayToIso(Math.max(joinDay, isoToDay(eighteenth)));
      }
      if (joinedOn >= NO_PROBATION_FROM && joinedOn <= NO_PROBATION_TO && rng.chance(0.7)) confirmedOn = joinedOn;
      else if (joinedOn < '1990-01-01' && rng.chance(0.005)) confirmedOn = null; // an old record without the date
      else {
        confirmedOn = addYears(joinedOn, 1);
        if (rng.chance(0.03)) {
          // Probation extended once, by 6–12 months.
          const extended = dayToIso(isoToDay(confirmedOn) + rng.int(183, 365));
          if (extended < today) confirmedOn = extended;
        }
      }
    }

    // Work and classification.
    const retirementAge = sex === 'male' ? 60 : 55;
    const retired = retiredCadre || (realAge >= retirementAge ? rng.chance(0.97) : realAge >= 50 && rng.chance(0.08));
    const tags: Tag[] = [];
    let occupation: string;
    let inService = false;
    let kind: 'retired' | 'student' | 'working' = 'working';
    if (retiredCadre) {
      occupation = '离退休人员';
      tags.push('retiredCadre');
      kind = 'retired';
    } else if (retired) {
      occupation = rng.chance(0.96) ? '离退休人员' : '其他职业人员';
      if (rng.chance(0.72)) tags.push('retiredWorker');
      if (rng.chance(0.8)) tags.push('resident');
      kind = 'retired';
    } else if (realAge <= 24 && rng.chance(0.5)) {
      occupation = '学生';
      if (rng.chance(0.6)) tags.push('resident');
      kind = 'student';
    } else if (rng.chance(0.22)) {
      occupation = IN_SERVICE_JOBS.draw(rng);
      tags.push('inService');
      inService = true;
    } else if (realAge >= 35 && rng.chance(0.08)) {
      occupation = '下岗失业人员';
      tags.push('laidOff', 'resident');
    } else if (rng.chance(0.05)) {
      occupation = CONTRACT_ENDED_JOBS.draw(rng);
      tags.push('contractEnded', 'resident');
    } else {
      occupation = OTHER_JOBS.draw(rng);
      if (rng.chance(0.8)) tags.push('resident');
    }

    // Floating (out-flow mostly, with a destination) and lost contact (6+ months).
    const floating = !inService && !retiredCadre && rng.chance(kind === 'retired' ? 0.012 : kind === 'student' ? 0.08 : 0.06);
    const outflow = floating && rng.chance(0.82);
    let lostContactSince: string | null = null;
    if (!inService && !retiredCadre && rng.chance((kind === 'retired' ? 0.003 : 0.016) + (floating ? 0.05 : 0))) {
      const from = Math.max(isoToDay(joinedOn) + 30, todayDay - 10 * 365);
      const to = todayDay - 183;
      if (from <= to) lostContactSince = dayToIso(rng.int(from, to));
    }

    // Which branch: retired cadres to their own branch, retirees and floating members to theirs where there is one.
    const place = tree.places.draw(rng);
    let branch: Weighted<number> | null = null;
    if (retiredCadre) branch = rng.chance(0.7) ? tree.cadre : place.retired;
    else if (floating && place.floating && rng.chance(0.7)) branch = place.floating;
    else if (kind === 'retired' && rng.chance(0.65)) branch = place.retired;
    else if (occupation === '党政机关工作人员' && rng.chance(0.15)) branch = tree.office;
    else if (kind === 'working' && !inService && rng.chance(0.12)) branch = (rng.chance(0.85) && place.mixed) || tree.streetMixed;
    branch ??= place.ordinary ?? tree.any;
    const branchId = branch.draw(rng);

    const { idNumber } = this.idNumber(birthDate, sex);

    const input: z.input<typeof memberInput> = {
      name: this.name(sex, birthYear),
      sex,
      ethnicity: rng.chance(0.94) ? '汉族' : (MINORITY.draw(rng) as MemberInput['ethnicity']),
      idNumber,
      idOverrideReason: null,
      birthDate,
      education: this.education(birthYear, realAge),
      membershipKind: probationary ? 'probationary' : 'full',
      branchId,
      joinedOn,
      confirmedOn,
      occupation,
      mobile: rng.chance(realAge < 70 ? 0.97 : realAge < 85 ? 0.8 : 0.5) ? rng.pick(MOBILE_PREFIXES) + rng.digits(8) : null,
      phone: rng.chance(realAge > 55 ? 0.35 : 0.1) ? `010-${rng.pick(['5', '6', '8'])}${rng.digits(7)}` : null,
      address: rng.chance(0.98) ? this.address(place) : null,
      standing: 'normal',
      lostContact: lostContactSince != null,
      lostContactSince,
      floating,
      floatingDirection: floating ? (outflow ? 'outflow' : 'inflow') : null,
      floatingDestination: outflow ? DESTINATION.draw(rng) : null,
      tags: tags as MemberInput['tags'],
      specialties: rng.chance(0.12) ? this.specialties() : null,
      note: retiredCadre && rng.chance(0.3) ? '享受离休待遇，逢年过节上门走访' : null,
    };

    // A few have left: death among the oldest, transfers out among the rest.
    let exit: Draft['exit'] = null;
    if (rng.chance(0.025)) {
      const reason = (realAge >= 75 ? EXIT_OLD : EXIT_YOUNG).draw(rng);
      const from = Math.max(isoToDay(confirmedOn ?? joinedOn) + 1, todayDay - 5 * 365);
      if (from <= todayDay) exit = { date: dayToIso(rng.int(from, todayDay)), reason, note: this.exitNote(reason) };
    }
    return { input, exit };
  }

  /** A GB 11643 number: region, birth date, sequence (odd = male), check character; ~0.5% legacy 15-digit ones. */
  private idNumber(birthDate: string, sex: 'male' | 'female'): { idNumber: string } {
    const { rng } = this;
    const ymd = birthDate.replace(/-/g, '');
    const legacy = ymd < '19850101' && ymd >= '19200101' && rng.chance(0.005);
    for (let attempt = 0; ; attempt++) {
      const region = rng.chance(0.72) ? BEIJING.draw(rng) : OTHER.draw(rng);
      const seq = String(rng.int(0, 499) * 2 + (sex === 'male' ? 1 : 0)).padStart(3, '0');
      const id = legacy ? `${region}${ymd.slice(2)}${seq}` : `${region}${ymd}${seq}`;
      const full = legacy ? id : id + idCheckChar(id);
      if (!this.usedIds.has(full)) {
        this.usedIds.add(full);
        return { idNumber: full };
      }
      if (attempt > 1000) throw new Error(`cannot find a free ID number for ${birthDate}`);
    }
  }

  private name(sex: 'male' | 'female', birthYear: number): string {
    const { rng } = this;
    const surname = SURNAME_W.draw(rng);
    const era = birthYear < 1955 ? GIVEN_NAMES.old : birthYear < 1980 ? GIVEN_NAMES.middle : GIVEN_NAMES.young;
    const r = rng.next();
    if (r < 0.55) return surname + rng.pick(era[sex]);
    if (r < 0.75) return surname + rng.pick(GIVEN_CHARS[sex]);
    return surname + rng.pick(GIVEN_CHARS[sex]) + rng.pick(GIVEN_CHARS[sex]);
  }

  /** 学历 by generation, and no degree a person is too young to hold. */
  private education(birthYear: number, age: number): Education {
    if (age < 22) return YOUNG_EDUCATION.draw(this.rng);
    const e = EDUCATION_BY_ERA.find(([before]) => birthYear < before)![1].draw(this.rng);
    if (age < 25 && (e === 'master' || e === 'doctorate')) return 'bachelor';
    if (age < 28 && e === 'doctorate') return 'master';
    return e;
  }

  /** XX路XX号XX楼XX单元XXX室 */
  private address(place: Place): string {
    const { rng } = this;
    const floor = rng.int(1, 18);
    return `${rng.pick(place.roads)}${rng.int(1, 120)}号${rng.int(1, 24)}号楼${rng.int(1, 6)}单元${floor}0${rng.int(1, 4)}室`;
  }

  private specialties(): string {
    const a = this.rng.pick(SPECIALTIES);
    const b = this.rng.pick(SPECIALTIES);
    return a === b || this.rng.chance(0.6) ? a : `${a}、${b}`;
  }

  private exitNote(reason: ExitReason): string | null {
    const { rng } = this;
    switch (reason) {
      case 'transferOut':
        return `组织关系转至${DESTINATION.draw(rng)}`;
      case 'deceased':
        return rng.chance(0.5) ? '因病去世' : null;
      case 'suspended':
        return '出国（境）定居，停止党籍';
      case 'struckOff':
        return '失去联系超过六个月，经支部大会讨论予以除名';
      case 'expelled':
        return '受开除党籍处分';
      case 'withdrew':
        return '本人要求退党，经支部大会讨论同意';
      default:
        return '其他原因离开';
    }
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
