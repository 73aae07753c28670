import type { AuditChange, AuditEntry } from '../../shared/contract';
import { all, qb, type Sqlite } from '../db/connection';

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

  /** Prepared once: bulk imports write one entry per row. */
  private insert: import('better-sqlite3').Statement<unknown[]> | undefined;

  write(e: AuditWrite): void {
    this.insert ??= this.db.prepare<unknown[]>(
      'INSERT INTO audit_log (at, actor, action, entity, entity_id, changes, note, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insert.run(this.now().toISOString(), this.actor, e.action, e.entity, e.entityId, JSON.stringify(e.changes), e.note ?? null, e.batchId ?? null);
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
    const o = (before ? before[f] : null) ?? null;
    const n = after[f] ?? null;
    if (o === n) continue;
    if (typeof o === 'object' && typeof n === 'object' && JSON.stringify(o) === JSON.stringify(n)) continue;
    changes.push({ field: f, old: o, new: n });
  }
  return changes;
}
