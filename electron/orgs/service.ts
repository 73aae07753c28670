import type { AuditEntry, OrgInput, OrgNode, OrgOfficer, OrgOverview, OrgRecord } from '../../shared/contract';
import { BRANCH_KINDS, ORG_KIND_LABELS, type OfficerRole, type OrgKind } from '../../shared/domain/labels';
import { todayIso } from '../../shared/rules/idNumber';
import { defaultTermYears, ORG_RULES, ORG_RULE_INFO, orgWarnings, termEnd } from '../../shared/rules/orgRules';
import { all, first, qb, run, type Sqlite } from '../db/connection';
import { ServiceError } from '../errors';
import { diff, type AuditService } from '../audit/service';


/** The record's fields that sit on the organisations row, as the audit log names them. */
const RECORD_FIELDS = ['name', 'kind', 'parentId', 'foundedOn', 'foundingDocNo', 'contactPhone', 'address', 'electedOn', 'termYears', 'note', 'units', 'officers'] as const;

interface OrgRow {
  id: number;
  name: string;
  kind: OrgKind;
  parent_id: number | null;
  address: string | null;
  elected_on: string | null;
  term_years: number | null;
}

/**
 * 组织管理: the organisation tree with member counts and rule warnings, and each organisation's full record
 * (founding, units, officers, election and term), changed with an audit entry (old → new) and dissolved
 * (撤销) only when nobody and nothing is left in it.
 */
export class OrgService {
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly db: Sqlite,
    private readonly audit: AuditService,
    private readonly now: () => Date,
  ) {}

  /** Called after an organisation is created or changed (names feed the register's branch sort). */
  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  /**
   * The tree: every organisation with its active 正式 / 预备 counts, directly and with everything below it,
   * its 届满 and its warnings. Counts are one pass over the partial index members_active_branch.
   */
  list(): OrgNode[] {
    const orgs = this.db
      .prepare(
        `SELECT id, name, kind, parent_id, address, elected_on, term_years FROM organisations
          WHERE dissolved_on IS NULL ORDER BY sort_order, id`,
      )
      .all() as OrgRow[];
    const counts = new Map<number, { full: number; prob: number }>();
    for (const r of this.db
      .prepare(
        `SELECT branch_id AS id, membership_kind AS k, count(*) AS n FROM members INDEXED BY members_active_branch
          WHERE left_on IS NULL GROUP BY branch_id, membership_kind`,
      )
      .raw()
      .all() as [number | null, string, number][]) {
      if (r[0] == null) continue;
      const c = counts.get(r[0]) ?? { full: 0, prob: 0 };
      if (r[1] === 'full') c.full = r[2];
      else c.prob = r[2];
      counts.set(r[0], c);
    }
    const officers = this.countBy('SELECT org_id, count(*) FROM organisation_officers GROUP BY org_id');
    const units = this.countBy('SELECT org_id, count(*) FROM organisation_units GROUP BY org_id');
    const today = todayIso(this.now());

    const byId = new Map<number, OrgRow>(orgs.map((o) => [o.id, o]));
    const inCommunity = this.inCommunity(orgs, byId);
    const nodes = orgs.map((o): OrgNode => {
      const c = counts.get(o.id) ?? { full: 0, prob: 0 };
      const years = o.term_years ?? defaultTermYears(o.kind, inCommunity(o.id));
      return {
        id: o.id,
        name: o.name,
        kind: o.kind,
        parentId: o.parent_id,
        address: o.address,
        fullCount: c.full,
        probationaryCount: c.prob,
        fullTotal: c.full,
        probationaryTotal: c.prob,
        termEnd: o.kind === 'group' ? null : termEnd(o.elected_on, years),
        warnings: orgWarnings({
          kind: o.kind,
          fullCount: c.full,
          probationaryCount: c.prob,
          officerCount: officers.get(o.id) ?? 0,
          unitCount: units.get(o.id) ?? 0,
          electedOn: o.elected_on,
          termYears: years,
          today,
        }),
      };
    });
    // Totals: add each node into its ancestors (depth is small; a visited set guards against a cycle).
    const nodeById = new Map(nodes.map((n) => [n.id, n]));
    for (const n of nodes) {
      if (!n.fullCount && !n.probationaryCount) continue;
      const seen = new Set<number>([n.id]);
      let p = n.parentId != null ? nodeById.get(n.parentId) : undefined;
      while (p && !seen.has(p.id)) {
        seen.add(p.id);
        p.fullTotal += n.fullCount;
        p.probationaryTotal += n.probationaryCount;
        p = p.parentId != null ? nodeById.get(p.parentId) : undefined;
      }
    }
    return nodes;
  }

  /** All warnings in the street, grouped by rule (rules with none are left out). */
  overview(): OrgOverview {
    const nodes = this.list();
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const groups = ORG_RULES.map((rule) => ({
      rule,
      ...ORG_RULE_INFO[rule],
      items: nodes.flatMap((n) =>
        n.warnings
          .filter((w) => w.rule === rule)
          .map((w) => ({ orgId: n.id, orgName: n.name, kind: n.kind, parentName: n.parentId != null ? (byId.get(n.parentId)?.name ?? null) : null, facts: w.facts, message: w.message })),
      ),
    })).filter((g) => g.items.length > 0);
    const roots = nodes.filter((n) => n.parentId == null || !byId.has(n.parentId));
    return {
      today: todayIso(this.now()),
      organisations: nodes.length,
      branches: nodes.filter((n) => BRANCH_KINDS.includes(n.kind)).length,
      fullTotal: roots.reduce((a, n) => a + n.fullTotal, 0),
      probationaryTotal: roots.reduce((a, n) => a + n.probationaryTotal, 0),
      groups,
    };
  }

  /** The organisation's changes, newest first. */
  auditOf(id: number): AuditEntry[] {
    return this.audit.forEntity('organisation', id);
  }

  /** The tree without member counts: cheap, used for lookups. */
  rows(): Pick<OrgNode, 'id' | 'name' | 'kind' | 'parentId'>[] {
    return all(
      this.db,
      qb
        .selectFrom('organisations')
        .select(['id', 'name', 'kind', 'parent_id'])
        .where('dissolved_on', 'is', null)
        .orderBy('sort_order')
        .orderBy('id'),
    ).map((r) => ({ id: r.id, name: r.name, kind: r.kind as OrgKind, parentId: r.parent_id }));
  }

  /** The full record of an organisation (a dissolved one too, read-only in the page). */
  get(id: number): OrgRecord {
    const row = first(this.db, qb.selectFrom('organisations').selectAll().where('id', '=', id));
    if (!row) throw new ServiceError('not_found', `找不到编号为 ${id} 的党组织，请刷新后重试。`);
    const nodes = this.list();
    const node: OrgNode = nodes.find((o) => o.id === id) ?? {
      id,
      name: row.name,
      kind: row.kind as OrgKind,
      parentId: row.parent_id,
      address: row.address,
      fullCount: 0,
      probationaryCount: 0,
      fullTotal: 0,
      probationaryTotal: 0,
      termEnd: null,
      warnings: [],
    };
    const parent = row.parent_id != null ? first(this.db, qb.selectFrom('organisations').select('name').where('id', '=', row.parent_id)) : undefined;
    const kind = row.kind as OrgKind;
    const rowsById = new Map(this.allRows().map((o) => [o.id, o]));
    const def = defaultTermYears(kind, this.inCommunity([...rowsById.values()], rowsById)(id));
    const effective = kind === 'group' ? null : (row.term_years ?? def);
    return {
      ...node,
      termEnd: kind === 'group' ? null : termEnd(row.elected_on, effective),
      parentName: parent?.name ?? null,
      foundedOn: row.founded_on,
      foundingDocNo: row.founding_doc_no,
      contactPhone: row.contact_phone,
      address: row.address,
      electedOn: row.elected_on,
      termYears: row.term_years,
      effectiveTermYears: effective,
      defaultTermYears: def,
      note: row.note,
      units: this.unitsOf(id),
      officers: this.officersOf(id),
      dissolvedOn: row.dissolved_on,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      version: row.version,
    };
  }

  /** The organisation and every organisation below it. */
  subtreeIds(id: number): number[] {
    const rows = this.rows();
    const children = new Map<number, number[]>();
    for (const r of rows) if (r.parentId != null) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
    const out: number[] = [];
    const stack = [id];
    while (stack.length) {
      const x = stack.pop()!;
      out.push(x);
      stack.push(...(children.get(x) ?? []));
    }
    return out;
  }

  /** A member's 所在党支部 must be a branch-like organisation that exists. */
  assertBranch(id: number): void {
    const row = first(this.db, qb.selectFrom('organisations').select(['kind', 'name', 'dissolved_on']).where('id', '=', id));
    if (!row || row.dissolved_on) throw new ServiceError('validation', '所选党支部不存在或已撤销', { branchId: '所选党支部不存在或已撤销，请重新选择' });
    if (!BRANCH_KINDS.includes(row.kind as OrgKind))
      throw new ServiceError('validation', `“${row.name}”是${ORG_KIND_LABELS[row.kind as OrgKind]}，党员应编入党支部`, {
        branchId: `“${row.name}”是${ORG_KIND_LABELS[row.kind as OrgKind]}，请选择它下面的党支部`,
      });
  }

  create(input: OrgInput): OrgRecord {
    return this.write(() => {
      this.checkParent(null, input);
      this.checkRecord(input);
      const at = this.now().toISOString();
      const { lastInsertRowid } = run(
        this.db,
        qb.insertInto('organisations').values({
          name: input.name,
          kind: input.kind,
          parent_id: input.parentId,
          founded_on: input.foundedOn ?? null,
          founding_doc_no: input.foundingDocNo ?? null,
          contact_phone: input.contactPhone ?? null,
          address: input.address ?? null,
          elected_on: input.electedOn ?? null,
          term_years: input.termYears ?? null,
          note: input.note ?? null,
          created_at: at,
          updated_at: at,
        }),
      );
      const id = Number(lastInsertRowid);
      if (input.units) this.writeUnits(id, input.units);
      if (input.officers) this.writeOfficers(id, input.officers);
      const after = this.auditable(id);
      const fields = RECORD_FIELDS.filter((f) => f in input || ['name', 'kind', 'parentId'].includes(f));
      this.audit.write({ action: 'create', entity: 'organisation', entityId: id, changes: diff(null, after, fields) });
      return id;
    });
  }

  /**
   * Changes the record; fields left out of the input keep their stored values. `expectedVersion` is the version
   * the form was opened with: when the record has changed since (another window, a reload), nothing is written
   * (as members.update). Callers without a form (imports, scripts) leave it out.
   */
  update(id: number, input: OrgInput, expectedVersion?: number): OrgRecord {
    return this.write(() => {
      const row = first(this.db, qb.selectFrom('organisations').select(['id', 'dissolved_on', 'version']).where('id', '=', id));
      if (!row || row.dissolved_on) throw new ServiceError('not_found', '找不到这个党组织，可能已被撤销。请刷新后重试。');
      if (expectedVersion !== undefined && row.version !== expectedVersion)
        throw new ServiceError('conflict', '这个组织刚被修改过，请重新打开后再改。（可能是在另一个窗口里改的；您这次填写的内容没有保存。）');
      const before = this.auditable(id);
      this.checkParent(id, input);
      this.checkRecord(input);
      if (!BRANCH_KINDS.includes(input.kind)) {
        const n = this.activeMembers(id);
        if (n > 0)
          throw new ServiceError('validation', `这个组织里还有 ${n} 名党员，不能改为${ORG_KIND_LABELS[input.kind]}；请先把党员转到其他党支部`, {
            kind: `还有 ${n} 名党员编在这里，不能改为${ORG_KIND_LABELS[input.kind]}`,
          });
      }
      const set = {
        name: input.name,
        kind: input.kind,
        parent_id: input.parentId,
        ...(input.foundedOn !== undefined ? { founded_on: input.foundedOn } : {}),
        ...(input.foundingDocNo !== undefined ? { founding_doc_no: input.foundingDocNo } : {}),
        ...(input.contactPhone !== undefined ? { contact_phone: input.contactPhone } : {}),
        ...(input.address !== undefined ? { address: input.address } : {}),
        ...(input.electedOn !== undefined ? { elected_on: input.electedOn } : {}),
        ...(input.termYears !== undefined ? { term_years: input.termYears } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
      };
      if (input.units) this.writeUnits(id, input.units);
      if (input.officers) this.writeOfficers(id, input.officers);
      const after = this.auditable(id, set);
      const changes = diff(before, after, RECORD_FIELDS);
      if (changes.length) {
        run(
          this.db,
          qb
            .updateTable('organisations')
            .set((eb) => ({ ...set, updated_at: this.now().toISOString(), version: eb('version', '+', 1) }))
            .where('id', '=', id),
        );
        this.audit.write({ action: 'update', entity: 'organisation', entityId: id, changes });
      }
      return id;
    });
  }

  /** 撤销: refused while members or organisations are still in it. */
  dissolve(input: { id: number; date: string; note: string | null }): OrgRecord {
    return this.write(() => {
      const row = first(this.db, qb.selectFrom('organisations').select(['id', 'name', 'founded_on', 'dissolved_on']).where('id', '=', input.id));
      if (!row) throw new ServiceError('not_found', '找不到这个党组织，请刷新后重试。');
      if (row.dissolved_on) throw new ServiceError('conflict', `“${row.name}”已于 ${row.dissolved_on} 撤销。`);
      const members = this.activeMembers(input.id);
      if (members > 0)
        throw new ServiceError('validation', `“${row.name}”还有 ${members} 名在册党员，不能撤销；请先把他们转到其他党支部。`);
      const children = this.db.prepare('SELECT name FROM organisations WHERE parent_id = ? AND dissolved_on IS NULL ORDER BY sort_order, id').pluck().all(input.id) as string[];
      if (children.length)
        throw new ServiceError(
          'validation',
          `“${row.name}”下面还有 ${children.length} 个组织（${children.slice(0, 3).join('、')}${children.length > 3 ? '等' : ''}），不能撤销；请先撤销或调整这些下级组织。`,
        );
      const today = todayIso(this.now());
      if (input.date > today) throw new ServiceError('validation', '撤销日期不能晚于今天', { date: '撤销日期不能晚于今天' });
      if (row.founded_on && input.date < row.founded_on)
        throw new ServiceError('validation', `撤销日期不能早于建立日期（${row.founded_on}）`, { date: `不能早于建立日期 ${row.founded_on}` });
      run(
        this.db,
        qb
          .updateTable('organisations')
          .set((eb) => ({ dissolved_on: input.date, updated_at: this.now().toISOString(), version: eb('version', '+', 1) }))
          .where('id', '=', input.id),
      );
      this.audit.write({
        action: 'dissolve',
        entity: 'organisation',
        entityId: input.id,
        changes: [{ field: 'dissolvedOn', old: null, new: input.date }],
        note: input.note,
      });
      return input.id;
    });
  }

  /** Organisations were written elsewhere (an import in a worker): tell the listeners. */
  changed(): void {
    for (const l of this.listeners) l();
  }

  private write(fn: () => number): OrgRecord {
    const id = this.db.transaction(fn).immediate();
    for (const l of this.listeners) l();
    return this.get(id);
  }

  private countBy(sql: string): Map<number, number> {
    return new Map(this.db.prepare(sql).raw().all() as [number, number][]);
  }

  private allRows(): OrgRow[] {
    return this.db.prepare('SELECT id, name, kind, parent_id, elected_on, term_years FROM organisations').all() as OrgRow[];
  }

  /** Whether an organisation sits below a 社区党委 (its committee serves 5 years). Memoised per call. */
  private inCommunity(orgs: OrgRow[], byId: Map<number, OrgRow>): (id: number) => boolean {
    const memo = new Map<number, boolean>();
    const f = (id: number, depth = 0): boolean => {
      const hit = memo.get(id);
      if (hit !== undefined) return hit;
      const parent = byId.get(id)?.parent_id;
      const p = parent != null ? byId.get(parent) : undefined;
      const v = !!p && depth < 50 && (p.kind === 'communityCommittee' || f(p.id, depth + 1));
      memo.set(id, v);
      return v;
    };
    void orgs;
    return (id) => f(id);
  }

  private activeMembers(id: number): number {
    return (this.db.prepare('SELECT count(*) FROM members WHERE branch_id = ? AND left_on IS NULL').pluck().get(id) as number) ?? 0;
  }

  private unitsOf(id: number): string[] {
    return this.db.prepare('SELECT unit_name FROM organisation_units WHERE org_id = ? ORDER BY position').pluck().all(id) as string[];
  }

  private officersOf(id: number): OrgOfficer[] {
    const rows = this.db
      .prepare(
        `SELECT o.id, o.member_id, coalesce(m.name, o.person_name) AS name, o.role, m.left_on
           FROM organisation_officers o LEFT JOIN members m ON m.id = o.member_id
          WHERE o.org_id = ? ORDER BY o.position, o.id`,
      )
      .all(id) as { id: number; member_id: number | null; name: string; role: OfficerRole; left_on: string | null }[];
    return rows.map((r) => ({ id: r.id, memberId: r.member_id, name: r.name, role: r.role, memberLeft: r.member_id != null && r.left_on != null }));
  }

  /** The record as the audit log compares it (units and officers as plain lists). */
  private auditable(id: number, set: Record<string, unknown> = {}): Record<(typeof RECORD_FIELDS)[number], unknown> {
    const r = first(this.db, qb.selectFrom('organisations').selectAll().where('id', '=', id))!;
    const v = { ...r, ...set } as typeof r;
    return {
      name: v.name,
      kind: v.kind,
      parentId: v.parent_id,
      foundedOn: v.founded_on,
      foundingDocNo: v.founding_doc_no,
      contactPhone: v.contact_phone,
      address: v.address,
      electedOn: v.elected_on,
      termYears: v.term_years,
      note: v.note,
      units: this.unitsOf(id),
      officers: this.officersOf(id).map((o) => ({ name: o.name, role: o.role, memberId: o.memberId })),
    };
  }

  private writeUnits(id: number, units: string[]): void {
    this.db.prepare('DELETE FROM organisation_units WHERE org_id = ?').run(id);
    const ins = this.db.prepare('INSERT INTO organisation_units (org_id, position, unit_name) VALUES (?, ?, ?)');
    units.forEach((u, i) => ins.run(id, i + 1, u));
  }

  private writeOfficers(id: number, officers: NonNullable<OrgInput['officers']>): void {
    const member = this.db.prepare('SELECT name, left_on FROM members WHERE id = ?');
    const rows = officers.map((o, i) => {
      if (o.memberId == null) return { ...o, position: i + 1 };
      const m = member.get(o.memberId) as { name: string; left_on: string | null } | undefined;
      if (!m) throw new ServiceError('validation', `第 ${i + 1} 位组织成员在党员名册里找不到，请重新选择`, { officers: '所选党员不存在，请重新选择' });
      return { ...o, name: m.name, position: i + 1 };
    });
    this.db.prepare('DELETE FROM organisation_officers WHERE org_id = ?').run(id);
    const ins = this.db.prepare('INSERT INTO organisation_officers (org_id, position, member_id, person_name, role) VALUES (?, ?, ?, ?, ?)');
    for (const o of rows) ins.run(id, o.position, o.memberId, o.name, o.role);
  }

  /** The record's own rules (those the schema cannot say alone). */
  private checkRecord(input: OrgInput): void {
    const today = todayIso(this.now());
    const fe: Record<string, string> = {};
    if (input.foundedOn && input.foundedOn > today) fe.foundedOn = '建立日期不能晚于今天';
    if (input.electedOn && input.electedOn > today) fe.electedOn = '选举日期不能晚于今天';
    if (input.foundedOn && input.electedOn && input.electedOn < input.foundedOn) fe.electedOn = '选举日期不能早于建立日期';
    const secretaries = (input.officers ?? []).filter((o) => o.role === 'secretary').length;
    if (secretaries > 1) fe.officers = `登记了 ${secretaries} 名书记，一个组织只能有一名书记`;
    const names = (input.officers ?? []).map((o) => `${o.memberId ?? o.name}`);
    if (new Set(names).size !== names.length) fe.officers ??= '同一个人登记了两次，请删去重复的一行';
    const units = (input.units ?? []).map((u) => u.trim());
    if (new Set(units).size !== units.length) fe.units = '所在单位有重复，请删去重复的一行';
    const keys = Object.keys(fe);
    if (keys.length) throw new ServiceError('validation', Object.values(fe).join('；'), fe);
  }

  private checkParent(self: number | null, input: OrgInput): void {
    if (input.parentId == null) return;
    const rows = this.rows();
    const parent = rows.find((o) => o.id === input.parentId);
    if (!parent) throw new ServiceError('validation', '上级组织不存在', { parentId: '上级组织不存在，请重新选择' });
    if (self != null && this.subtreeIds(self).includes(input.parentId))
      throw new ServiceError('validation', '上级组织不能是它自己或它的下级', { parentId: '上级组织不能是它自己或它的下级' });
    if (parent.kind === 'group') throw new ServiceError('validation', '党小组下面不能再设组织', { parentId: '党小组下面不能再设组织' });
    if (input.kind === 'group' && !BRANCH_KINDS.includes(parent.kind))
      throw new ServiceError('validation', '党小组应设在党支部下面', { parentId: '党小组应设在党支部下面' });
  }
}
