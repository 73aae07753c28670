import { z } from 'zod';
import type { OrgNode } from '../../shared/contract';
import { orgInput } from '../../shared/contract';
import { BRANCH_KINDS, ORG_KIND_LABELS, type OrgKind } from '../../shared/domain/labels';
import { all, first, qb, run, type Sqlite } from '../db/connection';
import { ServiceError } from '../errors';
import { diff, type AuditService } from '../audit/service';

type OrgInput = z.output<typeof orgInput>;

/**
 * Organisations as a simple tree (name, kind, parent) so members belong to a branch.
 * The organisation issue adds the rest of the record (founding, committee, terms) on the same table.
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

  list(): OrgNode[] {
    const counts = new Map<number, { full: number; prob: number }>();
    for (const r of this.db
      .prepare(
        `SELECT branch_id AS id, sum(membership_kind = 'full') AS full, sum(membership_kind = 'probationary') AS prob
           FROM members WHERE left_on IS NULL AND branch_id IS NOT NULL GROUP BY branch_id`,
      )
      .all() as { id: number; full: number; prob: number }[]) {
      counts.set(r.id, r);
    }
    return this.rows().map((o) => ({
      ...o,
      fullCount: counts.get(o.id)?.full ?? 0,
      probationaryCount: counts.get(o.id)?.prob ?? 0,
    }));
  }

  /** The tree without member counts: cheap, used for lookups. */
  rows(): Omit<OrgNode, 'fullCount' | 'probationaryCount'>[] {
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

  get(id: number): OrgNode {
    const node = this.list().find((o) => o.id === id);
    if (!node) throw new ServiceError('not_found', `找不到编号为 ${id} 的党组织，可能已被撤销。请刷新后重试。`);
    return node;
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

  create(input: OrgInput): OrgNode {
    return this.write(() => {
      this.checkParent(null, input);
      const at = this.now().toISOString();
      const { lastInsertRowid } = run(
        this.db,
        qb.insertInto('organisations').values({ name: input.name, kind: input.kind, parent_id: input.parentId, created_at: at, updated_at: at }),
      );
      const id = Number(lastInsertRowid);
      this.audit.write({ action: 'create', entity: 'organisation', entityId: id, changes: diff(null, input, ['name', 'kind', 'parentId']) });
      return this.get(id);
    });
  }

  update(id: number, input: OrgInput): OrgNode {
    return this.write(() => {
      const before = this.rows().find((o) => o.id === id);
      if (!before) throw new ServiceError('not_found', '找不到这个党组织，可能已被撤销。请刷新后重试。');
      this.checkParent(id, input);
      if (!BRANCH_KINDS.includes(input.kind)) {
        const n = this.db.prepare('SELECT count(*) AS n FROM members WHERE branch_id = ? AND left_on IS NULL').get(id) as { n: number };
        if (n.n > 0)
          throw new ServiceError('validation', `这个组织里还有 ${n.n} 名党员，不能改为${ORG_KIND_LABELS[input.kind]}；请先把党员转到其他党支部`, {
            kind: `还有 ${n.n} 名党员编在这里，不能改为${ORG_KIND_LABELS[input.kind]}`,
          });
      }
      run(
        this.db,
        qb
          .updateTable('organisations')
          .set({ name: input.name, kind: input.kind, parent_id: input.parentId, updated_at: this.now().toISOString() })
          .where('id', '=', id),
      );
      const changes = diff(before, input, ['name', 'kind', 'parentId']);
      if (changes.length) this.audit.write({ action: 'update', entity: 'organisation', entityId: id, changes });
      return this.get(id);
    });
  }

  /** Organisations were written elsewhere (an import in a worker): tell the listeners. */
  changed(): void {
    for (const l of this.listeners) l();
  }

  private write(fn: () => OrgNode): OrgNode {
    const node = this.db.transaction(fn).immediate();
    for (const l of this.listeners) l();
    return node;
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
