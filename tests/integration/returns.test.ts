import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sqlite } from '../../electron/db/connection';
import { ServiceError } from '../../electron/errors';
import { readSpreadsheet } from '../../electron/excel/read';
import { isExcelDate, type CellValue } from '../../electron/excel/types';
import { FIRST_DATA_ROW, LABEL_ROW, GROUP_ROW } from '../../electron/excel/write/returns';
import { figuresJson } from '../../electron/returns/service';
import type { Services } from '../../electron/services';
import { MANUAL_TAGS, OCCUPATION_SUGGESTIONS, TAGS, TAG_LABELS, tagBit, type Education, type Tag } from '../../shared/domain/labels';
import { activitySaveInput, agreementSaveInput, unitSaveInput } from '../../shared/cobuilding';
import { floatingIssueInput } from '../../shared/floating';
import { registrationInput, registrationUpdateInput, serviceRecordInput } from '../../shared/inService';
import { coverageOf } from '../../shared/rules/coverage';
import { newOrgSaveInput } from '../../shared/twonew';
import { meetingInput } from '../../shared/minutes';
import { returnsProduceInput, type ReturnSheet, type ReturnsFigures } from '../../shared/returns';
import { addYears } from '../../shared/rules/member';
import { idFor, memberFixture, smallTree, tempDir, tempServices } from './helpers';

const NOW = '2026-11-26T10:00:00+08:00';

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], { encoding: 'utf8', cwd: path.resolve(__dirname, '../..') });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function refused(fn: () => unknown): ServiceError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ServiceError);
    return e as ServiceError;
  }
  throw new Error('expected a refusal');
}
async function refusedAsync(p: Promise<unknown>): Promise<ServiceError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ServiceError);
    return e as ServiceError;
  }
  throw new Error('expected a refusal');
}

const sheet = (f: ReturnsFigures, name: string): ReturnSheet => {
  const s = f.sheets.find((x) => x.name.startsWith(name));
  if (!s) throw new Error(`no sheet ${name}: ${f.sheets.map((x) => x.name).join(', ')}`);
  return s;
};
const row = (s: ReturnSheet, label: string) => {
  const r = s.rows.find((x) => x.label === label);
  if (!r) throw new Error(`no row ${label} in ${s.name}: ${s.rows.map((x) => x.label).join(', ')}`);
  return r.values;
};

/** A small deterministic random source (the data set is the same on every run). */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * A street with two communities, branches of every kind, and 260 members of every sort: exits, moves, 转正 and
 * 流动党员活动证 on both sides of 2025-12-31, blanks in every field that may be blank.
 */
function population(s: Services) {
  const t = smallTree(s);
  const floatingBranch = s.orgs.create({ name: '流动党员党支部', kind: 'floatingBranch', parentId: t.community.id });
  const group = s.orgs.create({ name: '第一党小组', kind: 'group', parentId: t.b1.id });
  void group;
  const branches = [t.b1, t.b2, t.retired, floatingBranch];
  const r = rng(20251231);
  const educations: (Education | null)[] = ['doctorate', 'master', 'bachelor', 'college', 'secondaryVocational', 'highSchool', 'juniorHigh', 'primary', null];
  const occupations = [...OCCUPATION_SUGGESTIONS, '退休教师', '个体经营', null];
  const ids: number[] = [];
  for (let i = 0; i < 260; i++) {
    const birth = iso(r.int(1928, 2004), r.int(1, 12), r.int(1, 28));
    const adult = addYears(birth, 18);
    let joined: string | null = addYears(birth, r.int(18, 50));
    if (joined > '2026-11-20') joined = adult > '2026-11-20' ? null : adult;
    if (joined && r.chance(0.04)) joined = null;
    if (i < 4) joined = ['2025-12-31', '2026-01-01', '2025-12-30', '2026-01-02'][i]!;
    const confirmed = joined && r.chance(0.85) && addYears(joined, 1) <= '2026-11-20' ? addYears(joined, 1) : null;
    const lost = r.chance(0.06);
    const floating = r.chance(0.1);
    const tags = MANUAL_TAGS.filter(() => r.chance(0.25));
    const m = s.members.create(
      memberFixture({
        name: `党员${i}`,
        idNumber: idFor(birth, 100 + (i % 800), String(110101 + Math.floor(i / 800))),
        ethnicity: r.chance(0.1) ? null : r.chance(0.15) ? r.pick(['回族', '满族', '蒙古族']) : '汉族',
        education: r.pick(educations),
        occupation: r.pick(occupations),
        joinedOn: joined && joined < adult ? adult : joined,
        confirmedOn: joined ? confirmed : null,
        membershipKind: joined && confirmed ? 'full' : 'probationary',
        branchId: i % 17 === 0 ? null : r.pick(branches).id,
        tags: tags as Tag[],
        lostContact: lost,
        lostContactSince: lost ? r.pick(['2024-05-01', '2025-12-31', '2026-01-01']) : null,
        floating,
        floatingDirection: floating ? r.pick(['outflow', 'inflow'] as const) : null,
        floatingDestination: floating ? '广东省深圳市' : null,
      }),
    );
    ids.push(m.id);
  }
  // Members who joined early enough to leave, move or go away on any of the dates below, each used once.
  const pool = ids.filter((id) => {
    const j = s.members.get(id).joinedOn;
    return j != null && j < '2024-01-01';
  });
  const take = (n: number) => pool.splice(0, n);
  // Exits on both sides of the period's end.
  const exitDates = ['2025-12-30', '2025-12-31', '2026-01-01', '2024-03-01', '2026-06-30'];
  for (const [k, id] of take(25).entries()) s.members.exit({ id, reason: 'transferOut', date: exitDates[k % exitDates.length]!, note: null });
  // Moves: on the period's end, the day after, and months before.
  s.members.move({ ids: take(10), toBranchId: t.b2.id, date: '2025-12-31', reason: '调整' });
  s.members.move({ ids: take(10), toBranchId: t.retired.id, date: '2026-01-01', reason: '调整' });
  s.members.move({ ids: take(5), toBranchId: floatingBranch.id, date: '2025-06-01', reason: '调整' });
  // Certificates: out over the period's end; back on its last day; out the day after; in on its last day; back the day after.
  const cert = (no: string, out: string, over: Record<string, unknown> = {}) =>
    s.floating.issue(
      floatingIssueInput.parse({ memberId: take(1)[0], direction: 'outflow', certificateNo: no, issueDate: out, reason: '外出务工', destination: '上海', dateOut: out, ...over }),
    );
  cert('C1', '2025-06-01');
  s.floating.recordReturn(cert('C2', '2025-01-01').id, '2025-12-31');
  cert('C3', '2026-01-01');
  cert('C4', '2025-12-31', { direction: 'inflow' });
  s.floating.recordReturn(cert('C5', '2025-03-01').id, '2026-01-01');
  expect(pool.length).toBeGreaterThan(0);
  return { t, floatingBranch, ids, spare: pool };
}

// ─── the independent queries ──────────────────────────────────────────────────────────────────────────────────────

/** Members on day @d with their branch then, by SQL alone (no service code). */
const AS_OF = `
  WITH RECURSIVE
  at AS (
    SELECT m.*,
      coalesce(
        (SELECT h.org_id FROM member_branch_history h WHERE h.member_id = m.id AND h.from_date <= @d AND (h.to_date IS NULL OR h.to_date > @d)
          ORDER BY h.from_date DESC, h.id DESC LIMIT 1),
        (SELECT h.org_id FROM member_branch_history h WHERE h.member_id = m.id AND h.from_date > @d ORDER BY h.from_date, h.id LIMIT 1),
        CASE WHEN NOT EXISTS (SELECT 1 FROM member_branch_history h WHERE h.member_id = m.id) THEN m.branch_id END) AS at_branch,
      CASE
        WHEN EXISTS (SELECT 1 FROM floating_certificates c WHERE c.member_id = m.id)
          THEN (SELECT c.direction FROM floating_certificates c WHERE c.member_id = m.id AND c.date_out <= @d AND (c.date_back IS NULL OR c.date_back > @d))
        WHEN m.floating = 1 THEN coalesce(m.floating_direction, 'outflow')
      END AS at_floating,
      CAST(substr(@d, 1, 4) AS INTEGER) - CAST(substr(m.birth_date, 1, 4) AS INTEGER) - (substr(@d, 6) < substr(m.birth_date, 6)) AS at_age
    FROM members m
    WHERE coalesce(m.joined_on, substr(m.created_at, 1, 10)) <= @d AND (m.left_on IS NULL OR m.left_on > @d)
  ),
  up(branch, org) AS (
    SELECT id, id FROM organisations
    UNION ALL SELECT up.branch, o.parent_id FROM up JOIN organisations o ON o.id = up.org WHERE o.parent_id IS NOT NULL
  )`;

/** Each column of the member sheets as a SQL condition on `at`. */
function columnSql(label: string): string {
  const tag = TAGS.find((t) => TAG_LABELS[t] === label);
  const floatingBit = tagBit('floating');
  if (tag === 'floating') return 'at_floating IS NOT NULL';
  if (tag) return `(tag_mask & ${tagBit(tag)}) <> 0`;
  const ageBands: Record<string, string> = {
    '30岁及以下': 'at_age <= 30',
    '31—35岁': 'at_age BETWEEN 31 AND 35',
    '36—40岁': 'at_age BETWEEN 36 AND 40',
    '41—45岁': 'at_age BETWEEN 41 AND 45',
    '46—50岁': 'at_age BETWEEN 46 AND 50',
    '51—55岁': 'at_age BETWEEN 51 AND 55',
    '56—60岁': 'at_age BETWEEN 56 AND 60',
    '61岁及以上': 'at_age >= 61',
    年龄不详: 'birth_date IS NULL',
  };
  if (ageBands[label]) return ageBands[label]!;
  const occ = (like: string[]) => like.map((l) => `occupation LIKE '%${l}%'`).join(' OR ');
  const notOcc = `coalesce(trim(occupation), '') <> ''`;
  const retired = occ(['退休', '离休']);
  const student = occ(['学生']);
  const organ = occ(['党政机关', '机关工作人员', '公务员']);
  const tech = occ(['专业技术', '技术人员', '教师', '医生', '医务', '工程师']);
  const mgmt = occ(['管理人员', '经理', '负责人', '管理']);
  const worker = occ(['工人', '工勤', '技能']);
  const farm = occ(['农', '牧', '渔']);
  const chain = [retired, student, organ, tech, mgmt, worker, farm];
  const nth = (i: number) => `${notOcc} AND (${chain[i]})${chain.slice(0, i).map((c) => ` AND NOT (${c})`).join('')}`;
  const known: Record<string, string> = {
    党员总数: '1',
    正式党员: `membership_kind = 'full' AND (confirmed_on IS NULL OR confirmed_on <= @d)`,
    预备党员: `NOT (membership_kind = 'full' AND (confirmed_on IS NULL OR confirmed_on <= @d))`,
    未分类: `(tag_mask & ~${floatingBit}) = 0 AND at_floating IS NULL`,
    女: `sex = 'female'`,
    少数民族: `ethnicity IS NOT NULL AND ethnicity <> '' AND ethnicity <> '汉族'`,
    研究生: `education IN ('doctorate', 'master')`,
    大学本科: `education = 'bachelor'`,
    大学专科: `education = 'college'`,
    中专: `education = 'secondaryVocational'`,
    高中及以下: `education IN ('highSchool', 'juniorHigh', 'primary')`,
    学历不详: `education IS NULL`,
    大专及以上: `education IN ('doctorate', 'master', 'bachelor', 'college')`,
    离退休人员: nth(0),
    学生: nth(1),
    党政机关工作人员: nth(2),
    专业技术人员: nth(3),
    管理人员: nth(4),
    工人: nth(5),
    农牧渔民: nth(6),
    其他职业人员: `${notOcc}${chain.map((c) => ` AND NOT (${c})`).join('')}`,
    岗位不详: `coalesce(trim(occupation), '') = ''`,
    '1949年9月及以前': `joined_on < '1949-10-01'`,
    '1949.10—1966.4': `joined_on >= '1949-10-01' AND joined_on < '1966-05-01'`,
    '1966.5—1976.10': `joined_on >= '1966-05-01' AND joined_on < '1976-11-01'`,
    '1976.11—1978.12': `joined_on >= '1976-11-01' AND joined_on < '1979-01-01'`,
    '1979.1—2002.10': `joined_on >= '1979-01-01' AND joined_on < '2002-11-01'`,
    '2002.11—2012.10': `joined_on >= '2002-11-01' AND joined_on < '2012-11-01'`,
    '2012.11—2022.10': `joined_on >= '2012-11-01' AND joined_on < '2022-11-01'`,
    '2022.11以后': `joined_on >= '2022-11-01'`,
    入党时间不详: `joined_on IS NULL`,
    失联党员: `lost_contact = 1 AND (lost_contact_since IS NULL OR lost_contact_since <= @d)`,
    流出: `at_floating = 'outflow'`,
    流入: `at_floating = 'inflow'`,
  };
  if (known[label]) return known[label]!;
  throw new Error(`no independent query for column ${label}`);
}

/** How many members on day d counted in the organisation's subtree (or directly in it / in no branch) meet a column. */
function independent(db: Sqlite, d: string, where: { subtree: number } | { direct: number } | { unassigned: true }, label: string): number {
  const cond = columnSql(label);
  const place =
    'subtree' in where
      ? `at_branch IN (SELECT branch FROM up WHERE org = ${where.subtree})`
      : 'direct' in where
        ? `at_branch = ${where.direct}`
        : 'at_branch IS NULL';
  return (db.prepare(`${AS_OF} SELECT count(*) FROM at WHERE ${place} AND (${cond})`).pluck().get({ d }) as number) ?? 0;
}

function orgId(db: Sqlite, name: string): number {
  return db.prepare('SELECT id FROM organisations WHERE name = ?').pluck().get(name) as number;
}

/** Every figure of the three member sheets against the independent queries; 合计 against the whole scope. */
function crossCheck(db: Sqlite, f: ReturnsFigures, scopeId: number | null) {
  let checked = 0;
  for (const name of ['党员分类统计表', '党员队伍结构（性别', '党员队伍结构（岗位']) {
    const s = sheet(f, name);
    for (const r of s.rows) {
      const where = r.total
        ? scopeId == null
          ? null
          : { subtree: scopeId }
        : r.label === '未编入党支部'
          ? { unassigned: true as const }
          : r.label.endsWith('直属')
            ? { direct: orgId(db, r.label.slice(0, -2)) }
            : { subtree: orgId(db, r.label) };
      for (const c of s.columns) {
        const expected =
          where == null
            ? (db.prepare(`${AS_OF} SELECT count(*) FROM at WHERE ${columnSql(c.label)}`).pluck().get({ d: f.asOf }) as number)
            : independent(db, f.asOf, where, c.label);
        expect.soft(r.values[c.label], `${s.name} / ${r.label} / ${c.label}`).toBe(expected);
        checked++;
      }
    }
  }
  return checked;
}

function totalsAddUp(f: ReturnsFigures) {
  for (const s of f.sheets) {
    const total = s.rows.find((r) => r.total);
    expect(total, `${s.name} has a 合计 row`).toBeDefined();
    expect(total!.label).toBe('合计');
    const rows = s.rows.filter((r) => !r.total);
    for (const c of s.columns) {
      if (c.rateOf) continue;
      expect(total!.values[c.label], `${s.name} 合计 ${c.label}`).toBe(rows.reduce((a, r) => a + r.values[c.label]!, 0));
    }
  }
}

describe('统计报表 figures', () => {
  it('counts as of the period’s end: joined on the last day counts, the day after does not; left on the last day does not count, the day after does', () => {
    const s = tempServices({ now: () => new Date(NOW) });
    const t = smallTree(s);
    const make = (name: string, seq: number, over: Record<string, unknown> = {}) =>
      s.members.create(memberFixture({ name, idNumber: idFor('1980-05-05', seq), branchId: t.b1.id, confirmedOn: null, membershipKind: 'probationary', ...over }));
    make('最后一天入党', 101, { joinedOn: '2025-12-31' });
    make('次日入党', 103, { joinedOn: '2026-01-01' });
    const leftBefore = make('前一天离开', 105, { joinedOn: '2010-07-01' });
    const leftOn = make('当天离开', 107, { joinedOn: '2010-07-01' });
    const leftAfter = make('次日离开', 109, { joinedOn: '2010-07-01' });
    s.members.exit({ id: leftBefore.id, reason: 'deceased', date: '2025-12-30', note: null });
    s.members.exit({ id: leftOn.id, reason: 'deceased', date: '2025-12-31', note: null });
    s.members.exit({ id: leftAfter.id, reason: 'deceased', date: '2026-01-01', note: null });
    const confirmedLater = make('次年转正', 111, { joinedOn: '2025-03-01', confirmedOn: '2026-03-01', membershipKind: 'full' });
    const moved = make('次日转支部', 113, { joinedOn: '2010-07-01' });
    s.members.move({ ids: [moved.id], toBranchId: t.b2.id, date: '2026-01-01', reason: '调整' });
    const movedOn = make('当天转支部', 115, { joinedOn: '2010-07-01' });
    s.members.move({ ids: [movedOn.id], toBranchId: t.b2.id, date: '2025-12-31', reason: '调整' });
    void confirmedLater;

    const y2025 = s.returns.figures('2025', t.community.id);
    expect(y2025.asOf).toBe('2025-12-31');
    expect(y2025.periodLabel).toBe('2025年度');
    const c = sheet(y2025, '党员分类统计表');
    // 最后一天入党, 次日离开, 次年转正 (预备 then), 次日转支部 in 第一党支部; 当天转支部 already in 第二党支部.
    expect(row(c, '第一党支部')).toMatchObject({ 党员总数: 4, 正式党员: 0, 预备党员: 4 });
    expect(row(c, '第二党支部')).toMatchObject({ 党员总数: 1 });
    expect(row(c, '合计')).toMatchObject({ 党员总数: 5 });

    const m2026 = s.returns.figures('2026-03', t.community.id);
    expect(m2026.asOf).toBe('2026-03-31');
    const c2 = sheet(m2026, '党员分类统计表');
    // 最后一天入党, 次日入党 (joined now), 次年转正 (正式 now) in 第一党支部; 次日离开 has gone; 次日转支部 is in 第二党支部.
    expect(row(c2, '第一党支部')).toMatchObject({ 党员总数: 3, 正式党员: 1, 预备党员: 2 });
    expect(row(c2, '第二党支部')).toMatchObject({ 党员总数: 2 });
    expect(s.returns.figures('2026-02', t.community.id).asOf).toBe('2026-02-28');
    expect(s.returns.figures('2024-02', t.community.id).asOf).toBe('2024-02-29');
  });

  it('agrees, figure by figure, with independent SQL queries — for the street, a community and the year after', () => {
    const s = tempServices({ now: () => new Date(NOW) });
    const { t } = population(s);
    let checked = 0;
    for (const [period, scope] of [
      ['2025', null],
      ['2025', t.community.id],
      ['2025-06', t.street.id],
      ['2026', t.other.id],
      ['2026-01', t.b1.id],
    ] as const) {
      const f = s.returns.figures(period, scope);
      checked += crossCheck(s.db, f, scope);
      totalsAddUp(f);
    }
    expect(checked).toBeGreaterThan(500);
    // The data set reaches every kind of figure (a cross-check of zeros would prove little).
    const whole = s.returns.figures('2025', null);
    const sums = (name: string) => row(sheet(whole, name), '合计');
    for (const [name, labels] of [
      ['党员分类统计表', ['正式党员', '预备党员', '居民党员', '流动党员', '未分类']],
      ['党员队伍结构（性别', ['女', '少数民族', '30岁及以下', '61岁及以上', '研究生', '高中及以下', '学历不详', '大专及以上']],
      ['党员队伍结构（岗位', ['离退休人员', '工人', '其他职业人员', '岗位不详', '1949.10—1966.4', '2022.11以后', '失联党员', '流出', '流入']],
    ] as const)
      for (const l of labels) expect(sums(name)[l], `${name} ${l}`).toBeGreaterThan(0);
  });

  it('the whole register: one row per community, …直属 and 未编入党支部 when someone is there; rows add up to everyone', () => {
    const s = tempServices({ now: () => new Date(NOW) });
    const { t } = population(s);
    const f = s.returns.figures('2025', null);
    expect(f.scopeName).toBe('和平街道党工委');
    const c = sheet(f, '党员分类统计表');
    expect(c.rows.map((r) => r.label)).toEqual(['阳光社区党委', '和平里社区党委', '未编入党支部', '合计']);
    const everyone = s.db
      .prepare(`SELECT count(*) FROM members WHERE coalesce(joined_on, substr(created_at, 1, 10)) <= '2025-12-31' AND (left_on IS NULL OR left_on > '2025-12-31')`)
      .pluck()
      .get();
    expect(row(c, '合计')['党员总数']).toBe(everyone);
    // A member recorded directly in the street committee (older data; the form only offers branches) gets the …直属 row.
    const direct = s.members.create(memberFixture({ name: '直属党员', idNumber: idFor('1970-01-01', 901), branchId: null, joinedOn: '2000-07-01', confirmedOn: '2001-07-01' }));
    s.db.prepare('UPDATE members SET branch_id = ? WHERE id = ?').run(t.street.id, direct.id);
    s.db.prepare(`INSERT INTO member_branch_history (member_id, org_id, from_date) VALUES (?, ?, '2000-07-01')`).run(direct.id, t.street.id);
    const again = sheet(s.returns.figures('2025', null), '党员分类统计表');
    expect(row(again, '和平街道党工委直属')['党员总数']).toBe(1);
    expect(row(again, '合计')['党员总数']).toBe((everyone as number) + 1);
  });

  it('a scope with no members gives its rows and a 合计 of zeros; a branch is one row', () => {
    const s = tempServices({ now: () => new Date(NOW) });
    const { t } = population(s);
    const empty = s.orgs.create({ name: '新建社区党委', kind: 'communityCommittee', parentId: t.street.id });
    s.orgs.create({ name: '新建社区第一党支部', kind: 'branch', parentId: empty.id });
    const f = s.returns.figures('2025', empty.id);
    expect(f.scopeName).toBe('新建社区党委');
    // (三会一课 counts the meetings a branch still owes, members or not.)
    for (const sh of f.sheets.filter((x) => x.name !== '三会一课开展情况')) {
      // Counts 0; a rate over nothing (no cadres, no organisations) is no rate: null, printed "—".
      for (const r of sh.rows) for (const c of sh.columns) expect(r.values[c.label], `${sh.name} ${r.label} ${c.label}`).toBe(c.rateOf ? null : 0);
    }
    expect(row(sheet(f, '三会一课开展情况'), '新建社区第一党支部')).toMatchObject({ 召开合计: 0, '党员大会（季）': 4 });
    expect(sheet(f, '党员分类统计表').rows.map((r) => r.label)).toEqual(['新建社区第一党支部', '合计']);
    expect(sheet(f, '离退休').rows.map((r) => r.label)).toEqual(['合计']);
    expect(sheet(f, '离退休').notes[0]).toBe('新建社区党委没有离退休党支部或流动党员党支部。');
    totalsAddUp(f);

    const branch = s.returns.figures('2025', t.b2.id);
    expect(sheet(branch, '党员分类统计表').rows.map((r) => r.label)).toEqual(['第二党支部', '合计']);
    crossCheck(s.db, branch, t.b2.id);
  });

  it('离退休和流动党员党支部情况: each such branch by category, under its heading, cross-checked', () => {
    const s = tempServices({ now: () => new Date(NOW) });
    const { t, floatingBranch } = population(s);
    const f = s.returns.figures('2025', null);
    const r = sheet(f, '离退休和流动党员党支部情况');
    expect(r.rows.map((x) => [x.label, x.group ?? null])).toEqual([
      ['离退休党支部（和平里社区党委）', '离退休党支部'],
      ['流动党员党支部（阳光社区党委）', '流动党员党支部'],
      ['合计', null],
    ]);
    const extra: Record<string, string> = {
      '61岁及以上': 'at_age >= 61',
      离休干部党员: `(tag_mask & ${tagBit('retiredCadre')}) <> 0`,
      退休职工党员: `(tag_mask & ${tagBit('retiredWorker')}) <> 0`,
      解除劳动合同党员: `(tag_mask & ${tagBit('contractEnded')}) <> 0`,
      下岗失业党员: `(tag_mask & ${tagBit('laidOff')}) <> 0`,
      居民党员: `(tag_mask & ${tagBit('resident')}) <> 0`,
      '在职党员（双报到）': `(tag_mask & ${tagBit('inService')}) <> 0`,
    };
    for (const [label, id] of [
      ['离退休党支部（和平里社区党委）', t.retired.id],
      ['流动党员党支部（阳光社区党委）', floatingBranch.id],
    ] as const) {
      for (const c of r.columns) {
        const cond = extra[c.label] ?? columnSql(c.label);
        const n = s.db.prepare(`${AS_OF} SELECT count(*) FROM at WHERE at_branch = ${id} AND (${cond})`).pluck().get({ d: '2025-12-31' });
        expect.soft(row(r, label)[c.label], `${label} ${c.label}`).toBe(n);
      }
    }
    expect(row(r, '合计')['党员总数']).toBeGreaterThan(0);
    totalsAddUp(f);
  });

  it('三会一课开展情况: meetings held in the period per branch (a 党小组’s in its branch), and the quarters or months that ended without one', () => {
    const s = tempServices({ now: () => new Date(NOW) });
    const t = smallTree(s);
    const group = s.orgs.create({ name: '第一党小组', kind: 'group', parentId: t.b1.id });
    const meet = (type: string, heldOn: string, orgId: number) => s.minutes.create(meetingInput.parse({ type, title: `${heldOn} 会议`, heldOn, orgId }));
    meet('memberAssembly', '2025-02-10', t.b1.id);
    meet('memberAssembly', '2025-03-10', t.b1.id);
    meet('memberAssembly', '2025-08-10', t.b1.id);
    meet('partyLesson', '2025-06-30', t.b1.id);
    meet('groupMeeting', '2025-03-05', group.id);
    meet('groupMeeting', '2025-04-05', t.b1.id);
    meet('committee', '2025-03-20', t.b2.id);
    meet('memberAssembly', '2024-12-31', t.b2.id);
    meet('memberAssembly', '2026-01-01', t.b2.id);
    meet('partyLesson', '2025-05-01', t.retired.id);

    const year = s.returns.figures('2025', t.community.id);
    const sh = sheet(year, '三会一课开展情况');
    expect(sh.rows.map((r) => [r.label, r.group ?? null])).toEqual([
      ['第一党支部', '阳光社区党委'],
      ['第二党支部', '阳光社区党委'],
      ['合计', null],
    ]);
    // Held, by an independent count of the meetings table (a 党小组's meetings count in its branch).
    const held = (orgIds: number[], type: string, from: string, to: string) =>
      s.db.prepare(`SELECT count(*) FROM meetings WHERE org_id IN (${orgIds.join(',')}) AND type = ? AND held_on BETWEEN ? AND ?`).pluck().get(type, from, to);
    for (const [label, ids] of [
      ['第一党支部', [t.b1.id, group.id]],
      ['第二党支部', [t.b2.id]],
    ] as const)
      for (const [type, column] of [
        ['memberAssembly', '支部党员大会'],
        ['committee', '支委会'],
        ['groupMeeting', '党小组会'],
        ['partyLesson', '党课'],
      ] as const)
        expect(row(sh, label)[column], `${label} ${column}`).toBe(held([...ids], type, '2025-01-01', '2025-12-31'));
    expect(row(sh, '第一党支部')).toMatchObject({ 召开合计: 6, '党员大会（季）': 2, '党课（季）': 3, '党小组会（月）': 10, '支委会（月）': 0, 应开未开合计: 15 });
    // 第二党支部: no 党小组 and no committee, so only the quarterly meetings are required.
    expect(row(sh, '第二党支部')).toMatchObject({ 支部党员大会: 0, 支委会: 1, 召开合计: 1, '党员大会（季）': 4, '党课（季）': 4, '党小组会（月）': 0, 应开未开合计: 8 });
    totalsAddUp(year);

    // March 2025: the month's 支委会 and 党小组会, the first quarter's 党员大会 and 党课.
    const march = sheet(s.returns.figures('2025-03', t.community.id), '三会一课开展情况');
    expect(row(march, '第一党支部')).toMatchObject({ 支部党员大会: 2, 党小组会: 1, 党课: 0, '党员大会（季）': 0, '党课（季）': 1, '党小组会（月）': 0 });
    expect(row(march, '第二党支部')).toMatchObject({ 支委会: 1, 支部党员大会: 0, '党员大会（季）': 1 });
    // The retired branch is outside 阳光社区党委; the whole register has it.
    expect(sheet(s.returns.figures('2025', null), '三会一课开展情况').rows.map((r) => r.label)).toContain('离退休党支部');
  });

  it('refuses a period not begun, a malformed one, one before 1921, and a 填报日期 before the period, in Chinese', async () => {
    const s = tempServices({ now: () => new Date(NOW) });
    smallTree(s);
    expect(refused(() => s.returns.figures('2027', null)).fieldErrors).toEqual({ period: '报表期间2027年度还没有开始，不能生成报表' });
    expect(refused(() => s.returns.figures('2026-12', null)).message).toMatch(/2026年12月还没有开始/);
    expect(refused(() => s.returns.figures('1900', null)).message).toMatch(/不能早于 1921 年/);
    expect(returnsProduceInput.safeParse({ period: '2025-13', scopeId: null }).error?.issues[0]?.message).toBe('报表期间应为年份（如 2025）或年月（如 2025-06）');
    expect(refused(() => s.returns.figures('2025', 9999)).code).toBe('not_found');
    const e = await refusedAsync(s.returns.produce(returnsProduceInput.parse({ period: '2025', scopeId: null, filledOn: '2024-12-31' })));
    expect(e.fieldErrors).toHaveProperty('filledOn');
    expect(s.returns.history()).toEqual([]);
  });
});

describe('概览', () => {
  it('today’s figures are the returns’ own (the whole register as of today), with warnings, overdue receipts, 年审 and 三会一课 gaps', () => {
    const s = tempServices({ now: () => new Date(NOW) });
    const { t, spare } = population(s);
    const letter = s.transfers.issueOut({ memberId: spare[0]!, to: '外区某街道党工委', duesPaidUntil: '2026-09', validDays: 30, date: '2026-09-01' });
    s.transfers.confirmOut(letter.id, '2026-09-02');
    s.minutes.create(meetingInput.parse({ type: 'memberAssembly', title: '一季度党员大会', heldOn: '2026-02-01', orgId: t.b1.id }));

    const o = s.returns.overview();
    expect(o.today).toBe('2026-11-26');
    // The same numbers as a return for the whole register as of today would print.
    const [c, st, occ] = ['党员分类统计表', '党员队伍结构（性别', '党员队伍结构（岗位'].map((n) => row(sheet(s.returns.figures('2026-11', null), n), '合计'));
    const everyone = s.db
      .prepare(`SELECT count(*) FROM members WHERE coalesce(joined_on, substr(created_at, 1, 10)) <= '2026-11-26' AND (left_on IS NULL OR left_on > '2026-11-26')`)
      .pluck()
      .get();
    expect(o.members.total).toBe(everyone);
    expect(o.members).toEqual({
      total: c!['党员总数'],
      full: c!['正式党员'],
      probationary: c!['预备党员'],
      female: st!['女'],
      minorities: st!['少数民族'],
      lostContact: occ!['失联党员'],
      floatingOut: occ!['流出'],
      floatingIn: occ!['流入'],
    });
    expect(o.byClassification).toEqual(TAGS.map((tag) => ({ label: TAG_LABELS[tag], count: c![TAG_LABELS[tag]] })));
    expect(o.unclassified).toBe(c!['未分类']);
    expect(o.byAge.map((x) => x.count)).toEqual(o.byAge.map((x) => st![x.label]));
    expect(o.collegeOrAbove).toBe(st!['大专及以上']);
    // What needs doing, each with what the page links to.
    const warned = s.orgs.list().filter((n) => n.warnings.length);
    expect(o.orgs.warnings).toBe(warned.reduce((a, n) => a + n.warnings.length, 0));
    expect(o.orgs.top.map((x) => x.orgId).sort()).toEqual(warned.map((n) => n.id).sort());
    expect(o.transfers).toEqual({ overdue: 1, items: [{ id: letter.id, letterNo: letter.letterNo, name: letter.name, to: '外区某街道党工委', receiptDue: '2026-10-01' }] });
    expect(o.floating.reviewsDue).toBe(s.floating.reviewsDue().length);
    expect(o.threeMeetings.year).toBe(2026);
    expect(o.threeMeetings.gaps).toBe(s.minutes.overview(2026).gaps);
    expect(o.threeMeetings.top[0]).toMatchObject({ gaps: expect.any(Number) });
  });

  it('an empty register: zeros, nothing to do', () => {
    const s = tempServices({ now: () => new Date(NOW) });
    const o = s.returns.overview();
    expect(o.members.total).toBe(0);
    expect(o.byAge.every((x) => x.count === 0)).toBe(true);
    expect(o.orgs).toEqual({ organisations: 0, branches: 0, warnings: 0, top: [] });
    expect(o.transfers).toEqual({ overdue: 0, items: [] });
    expect(o.threeMeetings).toEqual({ year: 2026, gaps: 0, branchesWithGaps: 0, top: [] });
    expect(o.coverage).toEqual({ organisations: 0, organisationCoverage: null, workCoverage: null, qualifiedUncovered: 0 });
    expect(o.agreements).toEqual({ expiring: 0, items: [] });
  });

  it('the two-new coverage rates are the 两新组织 page’s; the agreements about to expire are the 共驻共建 reminder’s, soonest first', () => {
    let clock = new Date(NOW);
    const s = tempServices({ now: () => clock });
    const t = smallTree(s);
    const org = (name: string, partyWork: string, otherFull = 0) =>
      s.neworgs.save(
        newOrgSaveInput.parse({
          org: { name, kind: 'enterprise', creditCode: null, communityId: t.community.id, memberIds: [], otherFull, otherProbationary: 0, legalRepIsMember: null, partyWork, hasUnion: false, hasYouthLeague: false, hasWomensFederation: false },
        }),
      );
    org('甲公司', 'own');
    org('乙公司', 'liaisonOnly', 3);
    org('丙公司', 'none');
    const u = s.cobuilding.saveUnit(unitSaveInput.parse({ unit: { name: '区第一中学', kind: 'institution', communityId: t.community.id } }));
    const agreement = (title: string, endOn: string) =>
      s.agreements.save(agreementSaveInput.parse({ agreement: { title, kind: 'coBuilding', communityId: t.community.id, unitIds: [u.id], signedOn: '2024-01-01', startOn: '2024-01-01', endOn, commitments: [], resources: [] } }));
    const late = agreement('一月到期', '2027-01-10');
    const soon = agreement('十二月到期', '2026-12-01');
    agreement('明年年底到期', '2027-12-31');
    agreement('已到期', '2026-11-01');
    const o = s.returns.overview();
    const c = s.neworgs.coverage();
    expect(o.coverage).toEqual({ organisations: 3, organisationCoverage: c.total.organisationCoverage, workCoverage: c.total.workCoverage, qualifiedUncovered: 1 });
    expect(o.coverage.organisationCoverage).toBeCloseTo(1 / 3);
    expect(o.coverage.workCoverage).toBeCloseTo(2 / 3);
    expect(o.agreements.expiring).toBe(s.agreements.expiring().length);
    expect(o.agreements.items.map((a) => [a.id, a.title, a.daysLeft])).toEqual([
      [soon.id, '十二月到期', 5],
      [late.id, '一月到期', 45],
    ]);
    clock = new Date('2027-01-11T09:00:00+08:00');
    expect(s.returns.overview().agreements.items.map((a) => a.title)).toEqual([]);
  });
});

describe('统计报表 workbook and history', () => {
  it('the workbook holds every figure, read back by our own reader: titles, headers, rows, 合计, signature line', async () => {
    const s = tempServices({ now: () => new Date(NOW) });
    const { t } = population(s);
    const produced = await s.returns.produce(
      returnsProduceInput.parse({ period: '2025', scopeId: t.community.id, leader: '王书记', preparer: '李干事', filledOn: '2026-01-05' }),
    );
    const { entry, figures } = produced;
    expect(entry).toMatchObject({
      period: '2025',
      periodLabel: '2025年度',
      asOf: '2025-12-31',
      scopeId: t.community.id,
      scopeName: '阳光社区党委',
      unitName: '阳光社区党委',
      leader: '王书记',
      preparer: '李干事',
      filledOn: '2026-01-05',
      fileName: '统计报表_阳光社区党委_2025年度.xlsx',
      actor: 'test',
      reproducedFrom: null,
    });
    expect(entry.sheetNames).toEqual(figures.sheets.map((x) => x.name));
    const file = s.returns.file(entry.id);
    const bytes = Buffer.from(file.dataBase64, 'base64');
    expect(entry.sha256).toBe((await import('node:crypto')).createHash('sha256').update(bytes).digest('hex'));

    const wb = readSpreadsheet(bytes, file.fileName);
    expect(wb.sheets.map((x) => x.name)).toEqual(figures.sheets.map((x) => x.name));
    for (const sh of figures.sheets) {
      const ws = wb.sheets.find((x) => x.name === sh.name)!;
      const at = (r: number) => ws.rows.find((x) => x.row === r)?.cells ?? [];
      const text = (v: CellValue | undefined) => (v == null || isExcelDate(v) ? '' : String(v));
      expect(text(at(1)[0])).toBe(sh.title);
      expect(text(at(2)[0])).toBe('填报单位（盖章）：阳光社区党委');
      expect(at(2).map(text).join('')).toContain('统计期间：2025年度');
      expect(at(2).map(text).join('')).toContain('统计时点：2025年12月31日');
      // Each column's label in the second header row (or across both, merged, when it has no group).
      sh.columns.forEach((c, i) => expect(text(at(c.group ? LABEL_ROW : GROUP_ROW)[i + 1])).toBe(c.label));
      // Data rows in order (group headings between), numbers as in the model; formulas read as their values.
      const bodies = ws.rows.filter((x) => x.row >= FIRST_DATA_ROW && sh.rows.some((r) => r.label === text(x.cells[0])));
      expect(bodies.map((x) => text(x.cells[0]))).toEqual(sh.rows.map((r) => r.label));
      for (const [k, r] of sh.rows.entries()) {
        // A rate with nothing to divide by is no rate: null in the model, "—" in the workbook (never 0 %).
        sh.columns.forEach((c, i) => expect(bodies[k]!.cells[i + 1], `${sh.name} ${r.label} ${c.label}`).toBe(r.values[c.label] ?? (c.rateOf ? '—' : undefined)));
      }
      const lastRows = ws.rows.map((x) => x.cells.map(text).join(' ')).join('\n');
      expect(lastRows).toContain('单位负责人：王书记');
      expect(lastRows).toContain('填表人：李干事');
      expect(lastRows).toContain('填报日期：2026年1月5日');
      expect(lastRows).toContain(`说明：1. ${sh.notes[0]}`);
    }
    // The history lists it, without the file.
    expect(s.returns.history().map((e) => e.id)).toEqual([entry.id]);
  });

  it('produced again from the same data: the same figures and the same file; after a back-dated change, the numbers that moved', async () => {
    let clock = new Date(NOW);
    const s = tempServices({ now: () => clock });
    const { spare } = population(s);
    const first = await s.returns.produce(returnsProduceInput.parse({ period: '2025', scopeId: null, filledOn: '2026-01-05' }));
    clock = new Date('2026-11-27T09:00:00+08:00');
    const again = await s.returns.reproduce(first.entry.id);
    expect(again.entry.reproducedFrom).toBe(first.entry.id);
    expect(again.entry.id).not.toBe(first.entry.id);
    expect(again.entry.producedAt).not.toBe(first.entry.producedAt);
    expect(again.comparison).toEqual({ sameFigures: true, sameFile: true, differences: [], moreDifferences: 0 });
    expect(again.entry.sha256).toBe(first.entry.sha256);
    expect(figuresJson(again.figures)).toBe(figuresJson(first.figures));

    // A death recorded late, dated inside 2025: the 2025 return changes by one.
    const victim = s.members.get(spare[0]!);
    expect(victim.leftOn).toBeNull();
    s.members.exit({ id: victim.id, reason: 'deceased', date: '2025-11-01', note: '补登' });
    const changed = await s.returns.reproduce(first.entry.id);
    expect(changed.comparison!.sameFigures).toBe(false);
    expect(changed.comparison!.sameFile).toBe(false);
    const diffs = changed.comparison!.differences;
    expect(diffs).toContainEqual(expect.objectContaining({ sheet: '党员分类统计表', row: '合计', column: '党员总数', after: diffs.find((d) => d.row === '合计' && d.column === '党员总数')!.before! - 1 }));
    expect(s.returns.history().map((e) => e.reproducedFrom)).toEqual([first.entry.id, first.entry.id, null]);
    expect(refused(() => s.returns.file(999)).code).toBe('not_found');
  });

  it('CLI: returns export writes the workbook, records it, and with --json prints every figure with the workbook’s labels', () => {
    const s = tempServices({ now: () => new Date(NOW) });
    const { t } = population(s);
    const out = path.join(tempDir(), '报表.xlsx');
    const r = cli(['--db', s.path, 'returns', 'export', '--period', '2025', '--scope', '阳光社区党委', '--out', out, '--json']);
    expect(r.stderr).toContain('已生成统计报表');
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as { sheets: { name: string; rows: { label: string; values: Record<string, number> }[] }[] };
    expect(printed).toEqual({ sheets: JSON.parse(figuresJson(s.returns.figures('2025', t.community.id))) });
    for (const sh of printed.sheets) expect(sh.rows.at(-1)!.label).toBe('合计');
    expect(fs.existsSync(out)).toBe(true);
    const history = s.returns.history();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ actor: 'cli', scopeId: t.community.id, period: '2025' });

    // A month, the whole register, without --json: a sentence on stderr, nothing on stdout.
    const month = cli(['--db', s.path, 'returns', 'export', '--period', '2026-03', '--out', path.join(tempDir(), 'm.xlsx')]);
    expect(month.code).toBe(0);
    expect(month.stdout).toBe('');
    // Mistakes, in Chinese, with nothing written.
    const unknown = cli(['--db', s.path, 'returns', 'export', '--period', '2025', '--scope', '不存在的社区', '--out', path.join(tempDir(), 'x.xlsx')]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('找不到名为“不存在的社区”的党组织');
    const future = cli(['--db', s.path, 'returns', 'export', '--period', '2099', '--out', path.join(tempDir(), 'y.xlsx')]);
    expect(future.code).toBe(1);
    expect(future.stderr).toContain('还没有开始');
    const noOut = cli(['--db', s.path, 'returns', 'export', '--period', '2025']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out');
    expect(s.returns.history()).toHaveLength(2);
  });
});

describe('统计报表: 两新组织党建覆盖情况, 共驻共建情况, 在职党员报到情况', () => {
  /** Data entered on 2026-10-15, then changes on 2026-11-05 (after October, the period below). */
  function domains() {
    let clock = new Date('2026-10-15T10:00:00+08:00');
    const s = tempServices({ now: () => clock });
    const t = smallTree(s);
    const later = () => (clock = new Date('2026-11-05T10:00:00+08:00'));
    const neworg = (org: Record<string, unknown>, id?: number) =>
      s.neworgs.save(
        newOrgSaveInput.parse({
          id,
          org: { kind: 'enterprise', creditCode: null, communityId: null, memberIds: [], otherFull: 0, otherProbationary: 0, legalRepIsMember: null, partyWork: 'none', hasUnion: false, hasYouthLeague: false, hasWomensFederation: false, ...org },
        }),
      );
    const m = [0, 1, 2, 3].map((i) => s.members.create(memberFixture({ name: `报到党员${i}`, idNumber: idFor('1980-05-05', 201 + 2 * i), branchId: t.b1.id, joinedOn: '2010-07-01', confirmedOn: '2011-07-01' })));
    // 两新组织
    const a = neworg({ name: '甲公司', communityId: t.community.id, partyWork: 'own', memberIds: [m[0]!.id], otherFull: 2 });
    const b = neworg({ name: '乙公司', communityId: t.community.id, partyWork: 'none', otherFull: 3, otherProbationary: 1 });
    neworg({ name: '丙协会', kind: 'socialGroup', communityId: t.other.id, partyWork: 'liaisonOnly', liaisonName: '张' });
    neworg({ name: '丁公司', partyWork: 'unionOnly', hasUnion: true });
    neworg({ name: '戊公司', communityId: t.community.id, partyWork: 'joint', jointWith: '甲公司', closedOn: '2026-10-10' });
    const f = neworg({ name: '己公司', communityId: t.other.id, partyWork: 'own' });
    // 共驻共建
    const unit = (name: string, communityId: number | null, over: Record<string, unknown> = {}) =>
      s.cobuilding.saveUnit(unitSaveInput.parse({ unit: { name, kind: 'institution', communityId, ...over } }));
    const u1 = unit('区第一中学', t.community.id);
    unit('区医院', t.other.id, { leftOn: '2026-10-14' });
    const u3 = unit('区图书馆', null);
    const agreement = (title: string, communityId: number, over: Record<string, unknown>) =>
      s.agreements.save(agreementSaveInput.parse({ agreement: { title, kind: 'coBuilding', communityId, unitIds: [u1.id], commitments: [], resources: [], ...over } }));
    agreement('在期协议', t.community.id, { signedOn: '2026-01-01', startOn: '2026-01-01', endOn: '2027-12-31' });
    agreement('当天到期', t.street.id, { kind: 'pairing', signedOn: '2025-03-01', startOn: '2025-03-01', endOn: '2026-10-31' });
    agreement('已到期', t.other.id, { signedOn: '2024-01-01', startOn: '2024-01-01', endOn: '2026-10-30' });
    agreement('十月签订', t.other.id, { signedOn: '2026-10-08', startOn: '2026-10-08', endOn: '2028-10-07' });
    const activity = (title: string, heldOn: string, communityId: number | null, hours: number, participants: { memberId: number | null; name: string }[]) =>
      s.activities.save(activitySaveInput.parse({ activity: { title, kind: 'onSite', heldOn, organiser: '社区', communityId, unitIds: [u1.id], participants, hours, content: '服务' } }));
    activity('九月活动', '2026-09-30', t.community.id, 2, [{ memberId: m[0]!.id, name: '报到党员0' }]);
    activity('十月一日', '2026-10-01', null, 1.5, [{ memberId: null, name: '居民甲' }, { memberId: null, name: '居民乙' }]);
    // 在职党员报到
    const register = (memberId: number, communityId: number, registeredOn: string) =>
      s.inService.register(registrationInput.parse({ memberId, communityId, registeredOn, employer: '区教育局', employerPartyOrg: '区教育局机关党委' }));
    const r0 = register(m[0]!.id, t.community.id, '2026-03-01');
    const r2 = register(m[2]!.id, t.other.id, '2025-01-01');
    const record = (registrationId: number, date: string, hours: number) =>
      s.inService.saveRecord(serviceRecordInput.parse({ registrationId, date, post: '治安巡逻', hours, content: '巡逻' }));
    record(r0.id, '2026-10-05', 2);
    record(r0.id, '2026-09-30', 1);
    record(r2.id, '2026-10-10', 1);
    clock = new Date('2026-10-31T18:00:00+08:00');
    activity('最后一天', '2026-10-31', t.community.id, 2, [{ memberId: m[0]!.id, name: '报到党员0' }, { memberId: m[1]!.id, name: '报到党员1' }, { memberId: null, name: '居民丙' }]);
    register(m[1]!.id, t.community.id, '2026-10-31');
    record(r0.id, '2026-10-31', 1.5);
    s.inService.update(registrationUpdateInput.parse({ id: r2.id, registeredOn: '2025-01-01', employer: '区教育局', employerPartyOrg: '区教育局机关党委', endedOn: '2026-10-31' }));

    // After the period: covered the day after, closed back-dated, registered late, signed the day after …
    later();
    neworg({ name: '乙公司', communityId: t.community.id, partyWork: 'own', otherFull: 3, otherProbationary: 1 }, b.id);
    neworg({ name: '己公司', communityId: t.other.id, partyWork: 'own', closedOn: '2026-10-31' }, f.id);
    neworg({ name: '庚公司', communityId: t.community.id, partyWork: 'own' });
    void a;
    unit('区体育馆', t.community.id);
    agreement('次日签订', t.community.id, { signedOn: '2026-11-01', startOn: '2026-11-01', endOn: '2027-10-31' });
    activity('次日活动', '2026-11-01', t.community.id, 3, [{ memberId: null, name: '居民丁' }]);
    register(m[3]!.id, t.other.id, '2026-11-01');
    record(r0.id, '2026-11-01', 4);
    void u3;
    return { s, t };
  }

  it('counts as of the period’s end: covered after it, closed on its last day, registered, signed or held after it do not count', () => {
    const { s, t } = domains();
    const f = s.returns.figures('2026-10', null);
    const cov = sheet(f, '两新组织党建覆盖情况');
    expect(cov.rows.map((r) => r.label)).toEqual(['阳光社区党委', '和平里社区党委', '未指定社区', '合计']);
    // 乙公司 was still uncovered on 10-31 (covered on 11-05); 戊 closed before; 己 closed on the last day; 庚 registered after.
    expect(row(cov, '阳光社区党委')).toMatchObject({ 两新组织数: 2, 正式党员: 6, 预备党员: 1, 单独组建: 1, 未覆盖: 1, 党的组织覆盖率: 0.5, 党的工作覆盖率: 0.5, 有3名以上正式党员: 2, 其中未单独组建: 1 });
    expect(row(cov, '和平里社区党委')).toMatchObject({ 两新组织数: 1, 党建联络员: 1, 单独组建: 0, 党的组织覆盖率: 0, 党的工作覆盖率: 1 });
    expect(row(cov, '未指定社区')).toMatchObject({ 两新组织数: 1, 仅建工会: 1, 党的工作覆盖率: 1 });
    expect(row(cov, '合计')).toMatchObject({ 两新组织数: 4, 单独组建: 1, 联合组建: 0, 党建联络员: 1, 仅建工会: 1, 未覆盖: 1, 党的组织覆盖率: 0.25, 党的工作覆盖率: 0.75 });
    // The rates are those of the 两新组织 page's rules, on the same organisations.
    const rules = coverageOf(s.neworgs.factsAsOf('2026-10-31'));
    expect(row(cov, '合计')['党的组织覆盖率']).toBe(Math.round(rules.total.organisationCoverage! * 10000) / 10000);
    expect(row(cov, '合计')['党的工作覆盖率']).toBe(Math.round(rules.total.workCoverage! * 10000) / 10000);
    // November: today's register (乙 covered, 己 closed, 庚 in).
    expect(row(sheet(s.returns.figures('2026-11', null), '两新组织党建覆盖情况'), '阳光社区党委')).toMatchObject({ 两新组织数: 3, 单独组建: 3, 未覆盖: 0, 党的组织覆盖率: 1 });

    const cb = sheet(f, '共驻共建情况');
    expect(cb.rows.map((r) => r.label)).toEqual(['阳光社区党委', '和平里社区党委', '和平街道党工委（本级）', '未指定社区', '合计']);
    expect(row(cb, '阳光社区党委')).toMatchObject({ 驻区单位: 1, 共驻共建协议: 1, 结对共建协议: 0, 有效协议合计: 1, 其中本期签订: 0, 开展活动: 1, 参加人次: 3, 其中党员人次: 2, '活动时长（小时）': 2, '服务时长（人·小时）': 6 });
    expect(row(cb, '和平里社区党委')).toMatchObject({ 驻区单位: 0, 有效协议合计: 1, 其中本期签订: 1, 开展活动: 0 });
    expect(row(cb, '和平街道党工委（本级）')).toMatchObject({ 结对共建协议: 1, 有效协议合计: 1 });
    expect(row(cb, '未指定社区')).toMatchObject({ 驻区单位: 1, 开展活动: 1, 参加人次: 2, 其中党员人次: 0, '活动时长（小时）': 1.5, '服务时长（人·小时）': 3 });
    expect(row(cb, '合计')).toMatchObject({ 驻区单位: 2, 有效协议合计: 3, 开展活动: 2, 参加人次: 5, '服务时长（人·小时）': 9 });

    const ins = sheet(f, '在职党员报到情况');
    expect(ins.rows.map((r) => r.label)).toEqual(['阳光社区党委', '和平里社区党委', '合计']);
    expect(row(ins, '阳光社区党委')).toEqual({ 报到党员: 2, 其中本期报到: 1, 参加服务人数: 1, 服务次数: 2, '服务时长（小时）': 3.5 });
    // Ended on the last day: not registered then, but served in October.
    expect(row(ins, '和平里社区党委')).toEqual({ 报到党员: 0, 其中本期报到: 0, 参加服务人数: 1, 服务次数: 1, '服务时长（小时）': 1 });
    totalsAddUp(f);
    void t;
  });

  it('agrees, figure by figure, with independent SQL queries — for the street, a community and a year', () => {
    const { s, t } = domains();
    let checked = 0;
    for (const [period, scope] of [
      ['2026-10', null],
      ['2026', null],
      ['2026-11', t.street.id],
      ['2026-10', t.community.id],
      ['2026', t.other.id],
    ] as const) {
      const f = s.returns.figures(period, scope);
      totalsAddUp(f);
      const { start, asOf } = { start: period.length === 4 ? `${period}-01-01` : `${period}-01`, asOf: f.asOf };
      const d = { start, end: asOf };
      // Which communities a row stands for, as SQL (community_id IN …).
      const where = (label: string): string => {
        if (label === '未指定社区') return 'IS NULL';
        if (label.endsWith('（本级）')) return `= ${orgId(s.db, label.slice(0, -4))}`;
        return `= ${orgId(s.db, label)}`;
      };
      const one = (sql: string) => (s.db.prepare(sql).pluck().get(d) as number | null) ?? 0;
      const cb = sheet(f, '共驻共建情况');
      for (const r of cb.rows.filter((x) => !x.total)) {
        const c = where(r.label);
        const acts = `FROM activities a WHERE a.community_id ${c} AND a.held_on BETWEEN @start AND @end`;
        const parts = `(SELECT count(*) FROM activity_participants p WHERE p.activity_id = a.id)`;
        const expected: Record<string, number> = {
          驻区单位: one(`SELECT count(*) FROM resident_units WHERE community_id ${c} AND date(created_at, 'localtime') <= @end AND (left_on IS NULL OR left_on > @end)`),
          共驻共建协议: one(`SELECT count(*) FROM agreements WHERE community_id ${c} AND kind = 'coBuilding' AND signed_on <= @end AND start_on <= @end AND end_on >= @end`),
          结对共建协议: one(`SELECT count(*) FROM agreements WHERE community_id ${c} AND kind = 'pairing' AND signed_on <= @end AND start_on <= @end AND end_on >= @end`),
          其中本期签订: one(`SELECT count(*) FROM agreements WHERE community_id ${c} AND signed_on BETWEEN @start AND @end AND start_on <= @end AND end_on >= @end`),
          开展活动: one(`SELECT count(*) ${acts}`),
          参加人次: one(`SELECT sum(${parts}) ${acts}`),
          其中党员人次: one(`SELECT sum((SELECT count(*) FROM activity_participants p WHERE p.activity_id = a.id AND p.member_id IS NOT NULL)) ${acts}`),
          '活动时长（小时）': one(`SELECT sum(a.hours) ${acts}`),
          '服务时长（人·小时）': one(`SELECT sum(a.hours * ${parts}) ${acts}`),
        };
        expected['有效协议合计'] = expected['共驻共建协议']! + expected['结对共建协议']!;
        for (const [k, v] of Object.entries(expected)) expect.soft(r.values[k], `${period} 共驻共建 ${r.label} ${k}`).toBe(v), checked++;
      }
      const ins = sheet(f, '在职党员报到情况');
      for (const r of ins.rows.filter((x) => !x.total)) {
        const c = where(r.label);
        const standing = `r.registered_on <= @end AND (r.ended_on IS NULL OR r.ended_on > @end) AND (m.left_on IS NULL OR m.left_on > @end)`;
        const base = `FROM in_service_registrations r JOIN members m ON m.id = r.member_id WHERE r.community_id ${c}`;
        const recs = `FROM in_service_records x JOIN in_service_registrations r ON r.id = x.registration_id WHERE r.community_id ${c} AND x.date BETWEEN @start AND @end`;
        const expected: Record<string, number> = {
          报到党员: one(`SELECT count(*) ${base} AND ${standing}`),
          其中本期报到: one(`SELECT count(*) ${base} AND ${standing} AND r.registered_on >= @start`),
          参加服务人数: one(`SELECT count(DISTINCT r.id) ${recs}`),
          服务次数: one(`SELECT count(*) ${recs}`),
          '服务时长（小时）': one(`SELECT sum(x.hours) ${recs}`),
        };
        for (const [k, v] of Object.entries(expected)) expect.soft(r.values[k], `${period} 在职党员 ${r.label} ${k}`).toBe(v), checked++;
      }
      // 两新组织 for a period whose end is today or later: the register as it is now.
      if (asOf >= '2026-11-05') {
        const cov = sheet(f, '两新组织党建覆盖情况');
        for (const r of cov.rows.filter((x) => !x.total)) {
          const c = where(r.label);
          const orgs = `FROM new_organisations n WHERE n.community_id ${c} AND (n.closed_on IS NULL OR n.closed_on > @end)`;
          const count = (cond: string) => one(`SELECT count(*) ${orgs} AND ${cond}`);
          const expected: Record<string, number> = {
            两新组织数: count('1'),
            单独组建: count(`n.party_work = 'own'`),
            联合组建: count(`n.party_work = 'joint'`),
            党建联络员: count(`n.party_work = 'liaisonOnly'`),
            仅建工会: count(`n.party_work = 'unionOnly'`),
            未覆盖: count(`n.party_work = 'none'`),
            正式党员: one(`SELECT sum(n.other_full + (SELECT count(*) FROM new_organisation_members x JOIN members m ON m.id = x.member_id WHERE x.org_id = n.id AND m.left_on IS NULL AND m.membership_kind = 'full')) ${orgs}`),
          };
          for (const [k, v] of Object.entries(expected)) expect.soft(r.values[k], `${period} 两新 ${r.label} ${k}`).toBe(v), checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(60);
    // The year's totals reach every column (zeros would prove little).
    const y = s.returns.figures('2026', null);
    for (const [name, labels] of [
      ['共驻共建情况', ['驻区单位', '共驻共建协议', '其中本期签订', '开展活动', '其中党员人次', '服务时长（人·小时）']],
      ['在职党员报到情况', ['报到党员', '其中本期报到', '参加服务人数', '服务次数']],
      ['两新组织党建覆盖情况', ['单独组建', '党建联络员', '仅建工会', '有3名以上正式党员']],
    ] as const)
      for (const l of labels) expect(row(sheet(y, name), '合计')[l], `${name} ${l}`).toBeGreaterThan(0);
  });

  it('a rate with nothing to divide by is no rate: null in the figures, "—" in the workbook (its formula too), never 0 %', async () => {
    const { s, t } = domains();
    const empty = s.orgs.create({ name: '新建社区党委', kind: 'communityCommittee', parentId: t.street.id });
    const produced = await s.returns.produce(returnsProduceInput.parse({ period: '2026-10', scopeId: null, leader: '王书记', preparer: '李干事', filledOn: '2026-11-05' }));
    const cov = sheet(produced.figures, '两新组织党建覆盖情况');
    expect(row(cov, '新建社区党委')).toMatchObject({ 两新组织数: 0, 党的组织覆盖率: null, 党的工作覆盖率: null });
    expect(row(cov, '阳光社区党委')['党的组织覆盖率']).toBe(0.5);
    void empty;
    const file = s.returns.file(produced.entry.id);
    const xl = new ExcelJS.Workbook();
    await xl.xlsx.load(Buffer.from(file.dataBase64, 'base64') as never);
    const ws = xl.getWorksheet('两新组织党建覆盖情况')!;
    const at = (label: string, column: string) => {
      let found: ExcelJS.Cell | null = null;
      ws.eachRow((r) => {
        if (r.getCell(1).value === label) {
          const i = cov.columns.findIndex((c) => c.label === column);
          found = r.getCell(i + 2);
        }
      });
      return found! as ExcelJS.Cell;
    };
    const none = at('新建社区党委', '党的组织覆盖率');
    expect(none.value).toMatchObject({ formula: expect.stringContaining('"—"'), result: '—' });
    expect(at('阳光社区党委', '党的组织覆盖率').value).toMatchObject({ result: 0.5 });
  });

  it('a scope with nothing in it: one row and a 合计 of zeros; a community is one row; --json shows the sheets', () => {
    const { s, t } = domains();
    const empty = s.orgs.create({ name: '新建社区党委', kind: 'communityCommittee', parentId: t.street.id });
    const f = s.returns.figures('2026-10', empty.id);
    for (const name of ['两新组织党建覆盖情况', '共驻共建情况', '在职党员报到情况']) {
      const sh = sheet(f, name);
      expect(sh.rows.map((r) => r.label)).toEqual(['新建社区党委', '合计']);
      // Counts are 0; a rate over no organisations is no rate (null, printed "—"), not 0 %.
      for (const r of sh.rows) for (const c of sh.columns) expect(r.values[c.label], `${name} ${r.label} ${c.label}`).toBe(c.rateOf ? null : 0);
    }
    const branch = s.returns.figures('2026-10', t.b1.id);
    expect(sheet(branch, '共驻共建情况').rows.map((r) => r.label)).toEqual(['第一党支部', '合计']);
    // One community: its own records only (not the street's agreement, not those of no community).
    const sun = s.returns.figures('2026-10', t.community.id);
    expect(row(sheet(sun, '共驻共建情况'), '合计')).toMatchObject({ 驻区单位: 1, 有效协议合计: 1, 开展活动: 1 });
    expect(row(sheet(sun, '两新组织党建覆盖情况'), '阳光社区党委')).toEqual(row(sheet(s.returns.figures('2026-10', null), '两新组织党建覆盖情况'), '阳光社区党委'));

    const r = cli(['--db', s.path, 'returns', 'export', '--period', '2026-10', '--out', path.join(tempDir(), 'r.xlsx'), '--json']);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as { sheets: { name: string; rows: { label: string; values: Record<string, number> }[] }[] };
    expect(printed.sheets.map((x) => x.name)).toEqual(expect.arrayContaining(['两新组织党建覆盖情况', '共驻共建情况', '在职党员报到情况']));
    const printedCov = printed.sheets.find((x) => x.name === '两新组织党建覆盖情况')!;
    expect(printedCov.rows.at(-1)).toEqual({ label: '合计', values: row(sheet(s.returns.figures('2026-10', null), '两新组织党建覆盖情况'), '合计') });
  });
});
