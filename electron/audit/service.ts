import type { AuditChange, AuditEntry } from '../../shared/contract';
import { all, qb, run, type Sqlite } from '../db/connection';

export interface AuditWrite {
  action: AuditEntry['action'];
  entity: AuditEntry['entity'];
  entityId: number;
  changes: AuditChange[];
  note?: string | null;
  batchId?: string | null;
}

/** 操作日志: append-only (triggers refuse UPDATE and DELETE). Written inside the caller's transaction. */
export class AuditService {
  constructor(
    private readonly db: Sqlite,
    private readonly actor: string,
    private readonly now: () => Date,
  ) {}

  write(e: AuditWrite): void {
    run(
      this.db,
      qb.insertInto('audit_log').values({
        at: this.now().toISOString(),
        actor: this.actor,
        action: e.action,
        entity: e.entity,
        entity_id: e.entityId,
        changes: JSON.stringify(e.changes),
        note: e.note ?? null,
        batch_id: e.batchId ?? null,
      }),
    );
  }

  forEntity(entity: AuditEntry['entity'], entityId: number): AuditEntry[] {
    const rows = all(
      this.db,
      qb
        .selectFrom('audit_log')
        .selectAll()
        .where('entity', '=', entity)
        .where('entity_id', '=', entityId)
        .orderBy('id', 'desc'),
    );
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action as AuditEntry['action'],
      entity: r.entity as AuditEntry['entity'],
      entityId: r.entity_id,
      changes: JSON.parse(r.changes) as AuditChange[],
      note: r.note,
      batchId: r.batch_id,
    }));
  }
}

/** The fields whose values differ between two records, old → new. */
export function diff<T extends object>(before: T | null, after: T, fields: readonly (keyof T & string)[]): AuditChange[] {
  const changes: AuditChange[] = [];
  for (const f of fields) {
    const o = before ? before[f] : null;
    const n = after[f];
    if (JSON.stringify(o ?? null) !== JSON.stringify(n ?? null)) changes.push({ field: f, old: o ?? null, new: n ?? null });
  }
  return changes;
}
