import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MEMBER_SORT_FIELDS, memberListQuery, type MemberListQuery } from '../../shared/contract';
import { TAGS, MANUAL_TAGS, type Tag } from '../../shared/domain/labels';
import { normaliseSearch } from '../../electron/members/list';
import type { Services } from '../../electron/services';
import { idFor, memberFixture, smallTree, tempServices } from './helpers';

/** The list as a plain SQL query: what the in-memory index must always agree with. */
function oracle(s: Services, input: MemberListQuery) {
  const q = memberListQuery.parse(input);
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.status === 'active') where.push('m.left_on IS NULL');
  if (q.status === 'left') where.push('m.left_on IS NOT NULL');
  if (q.q) {
    where.push('instr(m.search_text, ?) > 0');
    params.push(normaliseSearch(q.q));
  }
  if (q.orgId) {
    where.push('m.branch_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(s.orgs.subtreeIds(q.orgId)));
  }
  if (q.membershipKind) where.push(`m.membership_kind = '${q.membershipKind}'`);
  if (q.standing) where.push(`m.standing = '${q.standing}'`);
  if (q.lostContact !== undefined) where.push(`m.lost_contact = ${q.lostContact ? 1 : 0}`);
  if (q.floating !== undefined) where.push(`m.floating = ${q.floating ? 1 : 0}`);
  const base = where.length ? where.join(' AND ') : '1';
  const mask = (q.tags ?? []).reduce((m, t) => m | (1 << TAGS.indexOf(t)), 0);
  const withTags = mask ? `${base} AND (m.tag_mask & ${mask}) <> 0` : base;
  const dir = q.sortOrder === 'desc' ? 'DESC' : 'ASC';
  const order = {
    name: `m.name_pinyin ${dir}, m.id ${dir}`,
    idNumber: `m.id_number ${dir}`,
    birthDate: `m.birth_date ${dir}, m.id ${dir}`,
    joinedOn: `m.joined_on ${dir}, m.id ${dir}`,
    branch: `o.name ${dir}, m.name_pinyin ${dir}, m.id ${dir}`,
    updatedAt: `m.updated_at ${dir}, m.id ${dir}`,
  }[q.sortField];
  const ids = s.db
    .prepare(`SELECT m.id FROM members m LEFT JOIN organisations o ON o.id = m.branch_id WHERE ${withTags} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...params, q.pageSize, (q.page - 1) * q.pageSize);
  const total = (s.db.prepare(`SELECT count(*) FROM members m WHERE ${withTags}`).pluck().get(...params) as number);
  const tagCounts = Object.fromEntries(
    TAGS.map((t, i) => [t, s.db.prepare(`SELECT count(*) FROM members m WHERE ${base} AND (m.tag_mask >> ${i}) & 1`).pluck().get(...params) as number]),
  );
  const totalIgnoringTags = s.db.prepare(`SELECT count(*) FROM members m WHERE ${base}`).pluck().get(...params) as number;
  return { ids, total, tagCounts, totalIgnoringTags };
}

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['张', '王', '李', '赵', '钱', '单', '曾'];
const GIVEN = ['三', '小明', '伟', '芳', '建国', '秀英', '敏'];

function populate(s: Services, n: number, r: () => number) {
  const tree = smallTree(s);
  const branches = [tree.b1.id, tree.b2.id, tree.retired.id, null];
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  for (let i = 0; i < n; i++) {
    const year = 1935 + Math.floor(r() * 60);
    const floating = r() < 0.15;
    const lost = r() < 0.1;
    const probationary = r() < 0.1;
    const m = s.members.create(
      memberFixture({
        name: pick(SURNAMES) + pick(GIVEN),
        idNumber: idFor(`${year}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`, 100 + i, pick(['110105', '110108', '320102'])),
        branchId: pick(branches),
        joinedOn: r() < 0.05 ? null : `${year + 20 + Math.floor(r() * 10)}-07-01`,
        confirmedOn: null,
        membershipKind: probationary ? 'probationary' : 'full',
        tags: MANUAL_TAGS.filter(() => r() < 0.25) as Tag[],
        floating,
        floatingDestination: floating ? '广东省深圳市' : null,
        lostContact: lost,
        lostContactSince: lost ? '2025-01-01' : null,
      }),
    );
    if (r() < 0.1) s.members.exit({ id: m.id, reason: pick(['transferOut', 'deceased', 'suspended'] as const), date: '2026-06-01', note: null });
  }
  return tree;
}

function randomQuery(r: () => number, orgIds: number[]): MemberListQuery {
  const q: MemberListQuery = {
    sortField: MEMBER_SORT_FIELDS[Math.floor(r() * MEMBER_SORT_FIELDS.length)]!,
    sortOrder: r() < 0.5 ? 'asc' : 'desc',
    pageSize: [5, 20, 50][Math.floor(r() * 3)]!,
    page: 1 + Math.floor(r() * 4),
    status: (['active', 'left', 'all'] as const)[Math.floor(r() * 3)]!,
  };
  if (r() < 0.4) q.tags = TAGS.filter(() => r() < 0.3);
  if (r() < 0.4) q.orgId = orgIds[Math.floor(r() * orgIds.length)];
  if (r() < 0.3) q.membershipKind = r() < 0.5 ? 'full' : 'probationary';
  if (r() < 0.2) q.standing = r() < 0.5 ? 'normal' : 'suspended';
  if (r() < 0.3) q.lostContact = r() < 0.5;
  if (r() < 0.3) q.floating = r() < 0.5;
  if (r() < 0.5) q.q = ['张', 'z', 'zs', 'wxm', 'WANG', '1101', '0832', '小明', '单', 'shan', 'zeng', '3201', 'x'][Math.floor(r() * 13)];
  return q;
}

function expectAgreement(s: Services, queries: MemberListQuery[]) {
  for (const q of queries) {
    const got = s.members.list(memberListQuery.parse(q));
    const want = oracle(s, q);
    expect({ ids: got.rows.map((row) => row.id), total: got.total, tagCounts: got.tagCounts, totalIgnoringTags: got.totalIgnoringTags }, JSON.stringify(q)).toEqual(want);
  }
}

describe('the register list index', () => {
  it('agrees with a plain SQL query on hundreds of random filter, search, sort and page combinations', () => {
    const s = tempServices();
    const r = rng(42);
    const tree = populate(s, 300, r);
    const orgIds = [tree.street.id, tree.community.id, tree.b1.id, tree.b2.id, tree.other.id, tree.retired.id];
    expectAgreement(s, Array.from({ length: 400 }, () => randomQuery(r, orgIds)));
  });

  it('stays in agreement after edits, exits, new members and branch renames made through the services', () => {
    const s = tempServices();
    const r = rng(7);
    const tree = populate(s, 120, r);
    const orgIds = [tree.community.id, tree.b1.id, tree.retired.id];
    const queries = Array.from({ length: 60 }, () => randomQuery(r, orgIds));
    expectAgreement(s, queries);
    const first = s.members.list(memberListQuery.parse({ pageSize: 3 })).rows;
    for (const row of first) {
      const m = s.members.get(row.id);
      s.members.update(m.id, memberFixture({ name: '曾新名', idNumber: m.idNumber, branchId: tree.b2.id, lostContact: true, lostContactSince: '2025-02-02', joinedOn: m.joinedOn, confirmedOn: null, membershipKind: m.membershipKind, tags: ['laidOff'] }), m.version);
    }
    s.members.exit({ id: first[0]!.id, reason: 'transferOut', date: '2026-07-01', note: null });
    s.members.create(memberFixture({ name: '张新来', idNumber: idFor('1990-09-09', 999), branchId: tree.b1.id, joinedOn: '2012-07-01', confirmedOn: '2013-07-01' }));
    s.orgs.update(tree.b1.id, { name: '阿第一党支部', kind: 'branch', parentId: tree.community.id });
    expectAgreement(s, queries);
    expectAgreement(s, [{ q: 'zxl' }, { q: '曾新名' }, { sortField: 'branch' }, { sortField: 'branch', sortOrder: 'desc', status: 'all' }]);
  });

  it('stays in agreement after single and bulk moves between branches, and after forming a branch', () => {
    const s = tempServices();
    const r = rng(23);
    const tree = populate(s, 150, r);
    const orgIds = [tree.community.id, tree.b1.id, tree.b2.id, tree.other.id, tree.retired.id];
    const queries = Array.from({ length: 80 }, () => randomQuery(r, orgIds));
    queries.push({ sortField: 'branch' }, { sortField: 'branch', sortOrder: 'desc', status: 'all' });
    expectAgreement(s, queries);
    const active = s.members.list(memberListQuery.parse({ pageSize: 200 })).rows;
    s.members.move({ ids: [active[0]!.id], toBranchId: tree.b2.id, date: '2026-11-26', reason: '工作调动' });
    expectAgreement(s, queries);
    s.members.move({ ids: active.slice(1, 60).map((m) => m.id), toBranchId: tree.retired.id, date: '2026-11-26', reason: '集中编入' });
    expectAgreement(s, queries);
    const formed = s.branches.formBranch({ communityId: tree.community.id, kind: 'floatingBranch', name: '阳光社区流动党员党支部', memberIds: active.slice(60, 70).map((m) => m.id), date: '2026-11-26' });
    expectAgreement(s, [...queries, { orgId: formed.org.id }, { orgId: formed.org.id, sortField: 'branch' }]);
  });

  it('stays in agreement when edits and queries interleave, one save at a time', () => {
    const s = tempServices();
    const r = rng(11);
    const tree = populate(s, 80, r);
    const orgIds = [tree.community.id, tree.b1.id, tree.b2.id, tree.retired.id];
    const branches = [tree.b1.id, tree.b2.id, tree.retired.id, null];
    // Every order built once, so each save must patch them all.
    expectAgreement(s, MEMBER_SORT_FIELDS.map((sortField) => ({ sortField, status: 'all' as const })));
    for (let round = 0; round < 40; round++) {
      const all = s.members.list(memberListQuery.parse({ status: 'active', pageSize: 200 })).rows;
      const pick = all[Math.floor(r() * all.length)]!;
      const m = s.members.get(pick.id);
      const roll = r();
      if (roll < 0.5) {
        s.members.update(
          m.id,
          memberFixture({
            name: SURNAMES[Math.floor(r() * SURNAMES.length)]! + GIVEN[Math.floor(r() * GIVEN.length)]!,
            idNumber: m.idNumber,
            branchId: branches[Math.floor(r() * branches.length)]!,
            joinedOn: r() < 0.3 ? null : m.joinedOn,
            confirmedOn: null,
            membershipKind: m.membershipKind,
            tags: MANUAL_TAGS.filter(() => r() < 0.3) as Tag[],
            lostContact: r() < 0.3,
            lostContactSince: '2025-03-03',
          }),
          m.version,
        );
      } else if (roll < 0.75) {
        s.members.create(memberFixture({ name: '单新' + round, idNumber: idFor('1970-01-01', 500 + round, '110101'), branchId: tree.b2.id, joinedOn: r() < 0.5 ? null : '1995-05-05', confirmedOn: null }));
      } else {
        s.members.exit({ id: m.id, reason: 'deceased', date: '2026-08-08', note: null });
      }
      expectAgreement(s, [...Array.from({ length: 4 }, () => randomQuery(r, orgIds)), { sortField: MEMBER_SORT_FIELDS[round % MEMBER_SORT_FIELDS.length]!, status: 'all', pageSize: 200 }]);
    }
  });

  it('sees writes made by another connection (another process, the command line)', () => {
    const s = tempServices();
    populate(s, 50, rng(3));
    // Build the index (and a search blob) before the outside write.
    const before = s.members.list(memberListQuery.parse({ lostContact: false, q: '李' })).total;
    const other = new Database(s.path);
    other.prepare("UPDATE members SET lost_contact = 1, lost_contact_since = '2025-01-01', search_text = search_text || '|外部'").run();
    other.close();
    expectAgreement(s, [{ lostContact: true, pageSize: 200 }, { q: '外部' }]);
    expect(s.members.list(memberListQuery.parse({ lostContact: false, q: '李' })).total).toBe(0);
    expect(s.members.list(memberListQuery.parse({ lostContact: true, q: '李' })).total).toBeGreaterThanOrEqual(before);
  });
});
