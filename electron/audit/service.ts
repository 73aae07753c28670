import type { AuditChange, AuditEntry } from '../../shared/contract';
import { all, qb, type Sqlite } from '../db/connection';
import type { AuditLogTable } from '../db/schema';

export type AuditLogRow = Omit<AuditLogTable, 'id'> & { id: number };

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
    this.insert.run(this.now().toISOString(), this.actor, e.action, e.entity, e.entityId, encodeChanges(e.changes), e.note ?? null, e.batchId ?? null);
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
    return rows.map(auditEntry);
  }
}

/** An audit_log row as the screens get it. */
export function auditEntry(r: AuditLogRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action as AuditEntry['action'],
    entity: r.entity as AuditEntry['entity'],
    entityId: r.entity_id,
    changes: parseChanges(r.changes),
    note: r.note,
    batchId: r.batch_id,
  };
}

/**
 * audit_log.changes as stored. A list in which every old value is empty — a record's creation, and so nearly all of
 * a first import — is stored as {"new":{"name":"张三","sex":"male",…}}: the same facts in less than half the text
 * (100,000 imported members wrote 87 MB of audit text as lists; their audit is most of the database, and of every
 * backup). Any other list is stored as it is. parseChanges reads both forms back as the same list.
 */
export function encodeChanges(changes: readonly AuditChange[]): string {
  if (!changes.length) return '[]';
  const created: Record<string, unknown> = {};
  for (const c of changes) {
    // A field named twice, or a value JSON cannot hold, keeps the list form (an object would lose it).
    if (c.old !== null || c.new === undefined || Object.hasOwn(created, c.field)) return JSON.stringify(changes);
    created[c.field] = c.new;
  }
  return `{"new":${JSON.stringify(created)}}`;
}

/** The change list of an audit_log.changes text, in either stored form (see encodeChanges). */
export function parseChanges(text: string): AuditChange[] {
  const v = JSON.parse(text) as AuditChange[] | { new: Record<string, unknown> };
  if (Array.isArray(v)) return v;
  return Object.entries(v.new).map(([field, n]) => ({ field, old: null, new: n }));
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
