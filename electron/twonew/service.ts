/**
 * 两新组织: the register of new economic and social organisations, their Party members (register members linked,
 * plus those counted whose relation is elsewhere) and Party work, and the coverage figures computed by
 * shared/rules/coverage.ts. After every change the day's figures are kept (coverage_snapshots), so the page can
 * show the target's progress over time. Audited as entity 'newOrganisation'.
 */
import type { AuditEntry } from '../../shared/contract';
import { NEW_ORG_KIND_LABELS, type MembershipKind, type NewOrgKind, type PartyWorkKind } from '../../shared/domain/labels';
import { coverageOf, qualifies, type Coverage, type CoverageOrgFact } from '../../shared/rules/coverage';
import { todayIso } from '../../shared/rules/idNumber';
import type { CoverageReport, CoverageSnapshot, NewOrg, NewOrgInput, NewOrgListQuery, NewOrgRow } from '../../shared/twonew';
import type { Sqlite } from '../db/connection';
import { ServiceError } from '../errors';
import { parseChanges, type AuditService } from '../audit/service';
import { changesOf, checkCommunity, invalid, likePattern, zhCollator } from '../cobuilding/common';

export interface NewOrgDbRow {
  id: number;
  name: string;
  kind: string;
  credit_code: string | null;
  address: string | null;
  community_id: number | null;
  community_name: string | null;
  employees: number | null;
  other_full: number;
  other_probationary: number;
  legal_rep_is_member: number | null;
  party_work: string;
  joint_with: string | null;
  party_org_id: number | null;
  party_org_name: string | null;
  liaison_name: string | null;
  has_union: number;
  has_youth_league: number;
  has_womens_federation: number;
  closed_on: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  linked_full: number;
  linked_probationary: number;
  linked: number;
}

export const NEW_ORG_SELECT = `SELECT n.*, o.name AS community_name, p.name AS party_org_name,
    (SELECT count(*) FROM new_organisation_members x JOIN members m ON m.id = x.member_id
      WHERE x.org_id = n.id AND m.left_on IS NULL AND m.membership_kind = 'full') AS linked_full,
    (SELECT count(*) FROM new_organisation_members x JOIN members m ON m.id = x.member_id
      WHERE x.org_id = n.id AND m.left_on IS NULL AND m.membership_kind = 'probationary') AS linked_probationary,
    (SELECT count(*) FROM new_organisation_members x WHERE x.org_id = n.id) AS linked
  FROM new_organisations n LEFT JOIN organisations o ON o.id = n.community_id LEFT JOIN organisations p ON p.id = n.party_org_id`;

/** The record's fields compared for the audit log. */
export const NEW_ORG_AUDITED = [
  'name', 'kind', 'creditCode', 'address', 'communityId', 'employees', 'memberIds', 'otherFull', 'otherProbationary', 'legalRepIsMember', 'partyWork',
  'jointWith', 'partyOrgId', 'liaisonName', 'hasUnion', 'hasYouthLeague', 'hasWomensFederation', 'closedOn', 'note',
] as const;

export class NewOrgService {
  constructor(
    private readonly db: Sqlite,
    private readonly audit: AuditService,
    private readonly now: () => Date,
  ) {}

  list(q: NewOrgListQuery): NewOrgRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { today: this.today() };
    if (q.status === 'operating') where.push('(n.closed_on IS NULL OR n.closed_on > @today)');
    else if (q.status === 'closed') where.push('n.closed_on IS NOT NULL AND n.closed_on <= @today');
    if (q.kind) {
      where.push('n.kind = @kind');
      params['kind'] = q.kind;
    }
    if (q.communityId != null) {
      where.push('n.community_id = @communityId');
      params['communityId'] = q.communityId;
    } else if (q.noCommunity) where.push('n.community_id IS NULL');
    if (q.partyWork) {
      where.push('n.party_work = @partyWork');
      params['partyWork'] = q.partyWork;
    }
    const text = q.q?.trim();
    if (text) {
      where.push(`(n.name LIKE @like ESCAPE '\\' OR n.credit_code LIKE @like ESCAPE '\\' OR n.address LIKE @like ESCAPE '\\')`);
      params['like'] = likePattern(text);
    }
    const rows = (this.db.prepare(`${NEW_ORG_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} LIMIT 20000`).all(params) as NewOrgDbRow[]).map((r) =>
      this.toRow(r),
    );
    rows.sort((a, b) => zhCollator.compare(a.name, b.name));
    return q.qualifiedUncovered ? rows.filter((r) => r.qualifiedUncovered) : rows;
  }

  get(id: number): NewOrg {
    const r = this.db.prepare(`${NEW_ORG_SELECT} WHERE n.id = ?`).get(id) as NewOrgDbRow | undefined;
    if (!r) throw new ServiceError('not_found', `找不到编号为 ${id} 的两新组织，请刷新后重试。`);
    const members = (
      this.db
        .prepare(
          `SELECT m.id, m.name, m.membership_kind, m.left_on, o.name AS branch_name FROM new_organisation_members x JOIN members m ON m.id = x.member_id
             LEFT JOIN organisations o ON o.id = m.branch_id WHERE x.org_id = ? ORDER BY m.name_pinyin`,
        )
        .all(id) as { id: number; name: string; membership_kind: string; left_on: string | null; branch_name: string | null }[]
    ).map((m) => ({ id: m.id, name: m.name, membershipKind: m.membership_kind as MembershipKind, branchName: m.branch_name, left: m.left_on != null }));
    return { ...this.toRow(r), members, otherFull: r.other_full, otherProbationary: r.other_probationary, createdAt: r.created_at };
  }

  auditOf(id: number): AuditEntry[] {
    this.get(id);
    return this.audit.forEntity('newOrganisation', id);
  }

  save(input: { id?: number; org: NewOrgInput; expectedVersion?: number }): NewOrg {
    const id = this.db
      .transaction(() => {
        const id = this.write(input.id ?? null, input.org, input.expectedVersion);
        this.snapshot();
        return id;
      })
      .immediate();
    return this.get(id);
  }

  /**
   * Inserts or updates one organisation inside the caller's transaction, audited (batchId: an import's). Checks what
   * needs the database; throws a ServiceError naming the field.
   */
  write(id: number | null, o: NewOrgInput, expectedVersion?: number, batchId?: string): number {
    const today = this.today();
    if (o.communityId != null) checkCommunity(this.db, o.communityId);
    if (o.closedOn && o.closedOn > today) throw invalid('closedOn', '注销（停业）日期不能晚于今天');
    const sameName = this.db.prepare('SELECT id, credit_code FROM new_organisations WHERE name = ? AND id IS NOT ?').get(o.name, id) as
      | { id: number; credit_code: string | null }
      | undefined;
    if (sameName && (sameName.credit_code == null || o.creditCode == null || sameName.credit_code === o.creditCode))
      throw invalid('name', `“${o.name}”已经登记过，请在列表中找到它修改`);
    if (o.creditCode) {
      const dup = this.db.prepare('SELECT name FROM new_organisations WHERE credit_code = ? AND id IS NOT ?').get(o.creditCode, id) as { name: string } | undefined;
      if (dup) throw invalid('creditCode', `统一社会信用代码 ${o.creditCode} 已登记为“${dup.name}”`);
    }
    if (o.partyWork === 'joint' && !o.jointWith && o.partyOrgId == null) throw invalid('jointWith', '联合组建的，请写明与哪些单位联合组建（或选择联合党支部）');
    if (o.partyOrgId != null) {
      const p = this.db.prepare('SELECT dissolved_on FROM organisations WHERE id = ?').get(o.partyOrgId) as { dissolved_on: string | null } | undefined;
      if (!p || p.dissolved_on) throw invalid('partyOrgId', '所选党组织不存在或已撤销，请重新选择');
    }
    const before = id != null ? this.get(id) : null;
    if (before && expectedVersion != null && before.version !== expectedVersion)
      throw new ServiceError('conflict', `“${before.name}”的信息刚被修改过（可能在另一个窗口）。请关闭表单，重新打开后再改。`);
    const memberIds = [...new Set(o.memberIds)];
    for (const m of memberIds) {
      const row = this.db.prepare('SELECT name, left_on FROM members WHERE id = ?').get(m) as { name: string; left_on: string | null } | undefined;
      if (!row) throw invalid('memberIds', '所选党员在名册中找不到，请重新选择');
      if (row.left_on && !before?.members.some((x) => x.id === m)) throw invalid('memberIds', `${row.name} 已于 ${row.left_on} 离开，不能再关联`);
    }
    const at = this.now().toISOString();
    const values = {
      name: o.name,
      kind: o.kind,
      creditCode: o.creditCode,
      address: o.address ?? null,
      communityId: o.communityId,
      employees: o.employees ?? null,
      otherFull: o.otherFull,
      otherProbationary: o.otherProbationary,
      legalRepIsMember: o.legalRepIsMember == null ? null : o.legalRepIsMember ? 1 : 0,
      partyWork: o.partyWork,
      jointWith: o.partyWork === 'joint' ? (o.jointWith ?? null) : null,
      partyOrgId: o.partyWork === 'own' || o.partyWork === 'joint' ? (o.partyOrgId ?? null) : null,
      liaisonName: o.liaisonName ?? null,
      hasUnion: o.hasUnion ? 1 : 0,
      hasYouthLeague: o.hasYouthLeague ? 1 : 0,
      hasWomensFederation: o.hasWomensFederation ? 1 : 0,
      closedOn: o.closedOn ?? null,
      note: o.note ?? null,
      at,
    };
    let newId: number;
    if (!before) {
      newId = Number(
        this.db
          .prepare(
            `INSERT INTO new_organisations (name, kind, credit_code, address, community_id, employees, other_full, other_probationary, legal_rep_is_member,
               party_work, joint_with, party_org_id, liaison_name, has_union, has_youth_league, has_womens_federation, closed_on, note, created_at, updated_at)
             VALUES (@name, @kind, @creditCode, @address, @communityId, @employees, @otherFull, @otherProbationary, @legalRepIsMember, @partyWork,
               @jointWith, @partyOrgId, @liaisonName, @hasUnion, @hasYouthLeague, @hasWomensFederation, @closedOn, @note, @at, @at)`,
          )
          .run(values).lastInsertRowid,
      );
    } else {
      newId = before.id;
      this.db
        .prepare(
          `UPDATE new_organisations SET name = @name, kind = @kind, credit_code = @creditCode, address = @address, community_id = @communityId,
             employees = @employees, other_full = @otherFull, other_probationary = @otherProbationary, legal_rep_is_member = @legalRepIsMember,
             party_work = @partyWork, joint_with = @jointWith, party_org_id = @partyOrgId, liaison_name = @liaisonName, has_union = @hasUnion,
             has_youth_league = @hasYouthLeague, has_womens_federation = @hasWomensFederation, closed_on = @closedOn, note = @note,
             updated_at = @at, version = version + 1 WHERE id = @id`,
        )
        .run({ ...values, id: newId });
      this.db.prepare('DELETE FROM new_organisation_members WHERE org_id = ?').run(newId);
    }
    const ins = this.db.prepare('INSERT INTO new_organisation_members (org_id, member_id) VALUES (?, ?)');
    for (const m of memberIds) ins.run(newId, m);
    const after = this.get(newId);
    const changes = changesOf(before && auditable(before), auditable(after), NEW_ORG_AUDITED);
    if (!before)
      this.audit.write({ action: batchId ? 'import' : 'create', entity: 'newOrganisation', entityId: newId, changes, note: `登记两新组织 ${o.name}（${NEW_ORG_KIND_LABELS[o.kind]}）`, batchId: batchId ?? null });
    else if (changes.length)
      this.audit.write({ action: batchId ? 'import' : 'update', entity: 'newOrganisation', entityId: newId, changes, note: `修改两新组织 ${o.name}`, batchId: batchId ?? null });
    return newId;
  }

  /** The figures today, by community and in total, the list to act on, and the history of the figures. */
  coverage(): CoverageReport {
    const c = this.compute();
    const history = (this.db.prepare('SELECT * FROM coverage_snapshots ORDER BY date').all() as SnapshotDbRow[]).map(toSnapshot);
    return { ...c, today: this.today(), history };
  }

  /** The figures as the register stood at the end of `day` (a past year's assessment): see factsAsOf. */
  coverageAsOf(day: string): Coverage {
    return coverageOf(this.factsAsOf(day));
  }

  /**
   * The organisations as the register stood at the end of `day` (统计报表): registered (录入) on or before the day and
   * operating on it (注销日期 after it, as recorded now — a dated fact). Fields with no date of their own — 党建工作情况,
   * 所在社区, the counted members whose relation is elsewhere — are taken back to the day by undoing the changes the
   * 操作日志 records after it (the register keeps no other history of them). Linked register members count by their
   * membership on the day (joined, not left, 正式 from 转为正式党员日期), as the returns' member sheets count them.
   */
  factsAsOf(day: string): CoverageOrgFact[] {
    const rows = this.db
      .prepare(
        `SELECT n.id, n.name, n.created_at, n.community_id, n.party_work, n.closed_on, n.other_full, n.other_probationary,
           (SELECT count(*) FROM new_organisation_members x JOIN members m ON m.id = x.member_id
             WHERE x.org_id = n.id AND coalesce(m.joined_on, substr(m.created_at, 1, 10)) <= @day AND (m.left_on IS NULL OR m.left_on > @day)
               AND m.membership_kind = 'full' AND (m.confirmed_on IS NULL OR m.confirmed_on <= @day)) AS linked_full,
           (SELECT count(*) FROM new_organisation_members x JOIN members m ON m.id = x.member_id
             WHERE x.org_id = n.id AND coalesce(m.joined_on, substr(m.created_at, 1, 10)) <= @day AND (m.left_on IS NULL OR m.left_on > @day)
               AND NOT (m.membership_kind = 'full' AND (m.confirmed_on IS NULL OR m.confirmed_on <= @day))) AS linked_probationary
         FROM new_organisations n`,
      )
      .all({ day }) as {
      id: number;
      name: string;
      created_at: string;
      community_id: number | null;
      party_work: string;
      closed_on: string | null;
      other_full: number;
      other_probationary: number;
      linked_full: number;
      linked_probationary: number;
    }[];
    const state = new Map(rows.filter((r) => todayIso(new Date(r.created_at)) <= day).map((r) => [r.id, { ...r }]));
    // Newest first: each change made after the day is undone (its old value put back). An audit time is UTC; its
    // day is the local one, as the register's own dates are. A time before `day` (as text) cannot fall after it.
    const later = this.db
      .prepare(`SELECT entity_id, at, changes FROM audit_log WHERE entity = 'newOrganisation' AND at > ? ORDER BY id DESC`)
      .raw()
      .iterate(day) as Iterable<[number, string, string]>;
    for (const [id, at, changes] of later) {
      const r = state.get(id);
      if (!r || todayIso(new Date(at)) <= day) continue;
      for (const c of parseChanges(changes)) {
        if (c.field === 'partyWork' && typeof c.old === 'string') r.party_work = c.old;
        else if (c.field === 'communityId') r.community_id = typeof c.old === 'number' ? c.old : null;
        else if (c.field === 'otherFull' && typeof c.old === 'number') r.other_full = c.old;
        else if (c.field === 'otherProbationary' && typeof c.old === 'number') r.other_probationary = c.old;
      }
    }
    const names = new Map(
      (this.db.prepare('SELECT id, name FROM organisations').raw().all() as [number, string][]).map(([id, name]) => [id, name]),
    );
    return [...state.values()].map((r) => ({
      id: r.id,
      name: r.name,
      communityId: r.community_id,
      communityName: r.community_id != null ? (names.get(r.community_id) ?? null) : null,
      operating: r.closed_on == null || r.closed_on > day,
      partyWork: r.party_work as PartyWorkKind,
      fullMembers: r.linked_full + r.other_full,
      probationaryMembers: r.linked_probationary + r.other_probationary,
    }));
  }

  /** Keeps today's figures (the last change of the day wins). Call inside the writing transaction. */
  snapshot(): void {
    const t = this.compute().total;
    this.db
      .prepare(
        `INSERT INTO coverage_snapshots (date, organisations, own, joint, liaison_only, union_only, none, qualified, qualified_own)
         VALUES (@date, @organisations, @own, @joint, @liaisonOnly, @unionOnly, @none, @qualified, @qualifiedOwn)
         ON CONFLICT (date) DO UPDATE SET organisations = excluded.organisations, own = excluded.own, joint = excluded.joint,
           liaison_only = excluded.liaison_only, union_only = excluded.union_only, none = excluded.none, qualified = excluded.qualified,
           qualified_own = excluded.qualified_own`,
      )
      .run({ date: this.today(), ...t });
  }

  private compute(): Coverage {
    const rows = this.db.prepare(NEW_ORG_SELECT).all() as NewOrgDbRow[];
    return coverageOf(rows.map((r) => this.fact(r)));
  }

  private fact(r: NewOrgDbRow): CoverageOrgFact {
    return {
      id: r.id,
      name: r.name,
      communityId: r.community_id,
      communityName: r.community_name,
      operating: r.closed_on == null || r.closed_on > this.today(),
      partyWork: r.party_work as PartyWorkKind,
      fullMembers: r.linked_full + r.other_full,
      probationaryMembers: r.linked_probationary + r.other_probationary,
    };
  }

  toRow(r: NewOrgDbRow): NewOrgRow {
    const f = this.fact(r);
    return {
      id: r.id,
      name: r.name,
      kind: r.kind as NewOrgKind,
      creditCode: r.credit_code,
      address: r.address,
      communityId: r.community_id,
      communityName: r.community_name,
      employees: r.employees,
      fullMembers: f.fullMembers,
      probationaryMembers: f.probationaryMembers,
      linkedMembers: r.linked,
      legalRepIsMember: r.legal_rep_is_member == null ? null : r.legal_rep_is_member === 1,
      partyWork: f.partyWork,
      jointWith: r.joint_with,
      partyOrgId: r.party_org_id,
      partyOrgName: r.party_org_name,
      liaisonName: r.liaison_name,
      hasUnion: r.has_union === 1,
      hasYouthLeague: r.has_youth_league === 1,
      hasWomensFederation: r.has_womens_federation === 1,
      operating: f.operating,
      closedOn: r.closed_on,
      qualifiedUncovered: qualifies(f) && f.partyWork !== 'own',
      note: r.note,
      updatedAt: r.updated_at,
      version: r.version,
    };
  }

  private today(): string {
    return todayIso(this.now());
  }
}

/** The stored record as its input (what the import compares a row with). */
export function newOrgAsInput(o: NewOrg): NewOrgInput {
  return {
    name: o.name,
    kind: o.kind,
    creditCode: o.creditCode,
    address: o.address,
    communityId: o.communityId,
    employees: o.employees,
    memberIds: o.members.map((m) => m.id),
    otherFull: o.otherFull,
    otherProbationary: o.otherProbationary,
    legalRepIsMember: o.legalRepIsMember,
    partyWork: o.partyWork,
    jointWith: o.jointWith,
    partyOrgId: o.partyOrgId,
    liaisonName: o.liaisonName,
    hasUnion: o.hasUnion,
    hasYouthLeague: o.hasYouthLeague,
    hasWomensFederation: o.hasWomensFederation,
    closedOn: o.closedOn,
    note: o.note,
  };
}

function auditable(o: NewOrg) {
  return { ...newOrgAsInput(o), memberIds: o.members.map((m) => m.name) };
}

interface SnapshotDbRow {
  date: string;
  organisations: number;
  own: number;
  joint: number;
  liaison_only: number;
  union_only: number;
  none: number;
  qualified: number;
  qualified_own: number;
}

function toSnapshot(r: SnapshotDbRow): CoverageSnapshot {
  const n = r.organisations;
  return {
    date: r.date,
    organisations: n,
    own: r.own,
    joint: r.joint,
    liaisonOnly: r.liaison_only,
    unionOnly: r.union_only,
    none: r.none,
    organisationCoverage: n === 0 ? null : (r.own + r.joint) / n,
    workCoverage: n === 0 ? null : (r.own + r.joint + r.liaison_only + r.union_only) / n,
    qualified: r.qualified,
    qualifiedOwn: r.qualified_own,
  };
}
