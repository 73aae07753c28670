/**
 * Members moving between branches, and the history of every branch a member was in (member_branch_history).
 *
 * recordBranchChange() is the one place that history is written: a move (single, bulk, forming a branch),
 * a form edit that changes 所在党支部, a new member and an import all come through it, inside the caller's
 * transaction, so the history and members.branch_id cannot disagree.
 */
import crypto from 'node:crypto';
import type { BranchStay, MoveResult } from '../../shared/moves';
import type { OrgKind } from '../../shared/domain/labels';
import type { Sqlite } from '../db/connection';
import { ServiceError } from '../errors';
import type { AuditService } from '../audit/service';
import type { OrgService } from '../orgs/service';

export interface BranchChange {
  memberId: number;
  from: number | null;
  to: number | null;
  /** The day the member left `from` and came into `to` (YYYY-MM-DD). */
  date: string;
  reason: string | null;
  batchId: string | null;
  /** The member was created in this transaction, so has no stay yet: nothing to look up or close. */
  newMember?: boolean;
}

type Statement = import('better-sqlite3').Statement<unknown[]>;
const cache = new WeakMap<Sqlite, Record<'open' | 'close' | 'insert' | 'synthesise' | 'member' | 'move', Statement>>();
function statements(db: Sqlite) {
  let s = cache.get(db);
  if (!s) {
    s = {
      open: db.prepare<unknown[]>('SELECT id, org_id, from_date FROM member_branch_history WHERE member_id = ? AND to_date IS NULL'),
      close: db.prepare<unknown[]>('UPDATE member_branch_history SET to_date = ? WHERE id = ?'),
      insert: db.prepare<unknown[]>('INSERT INTO member_branch_history (member_id, org_id, from_date, reason, batch_id) VALUES (?, ?, ?, ?, ?)'),
      // A member written without history (e.g. by the seed script): their stay in `from` until `date`.
      synthesise: db.prepare<unknown[]>(
        `INSERT INTO member_branch_history (member_id, org_id, from_date, to_date)
         SELECT id, @org, min(coalesce(joined_on, substr(created_at, 1, 10)), @date), @date FROM members WHERE id = @id`,
      ),
      member: db.prepare<unknown[]>(
        `SELECT m.id, m.name, m.branch_id, m.left_on, m.joined_on, m.created_at, h.from_date AS entered
           FROM members m LEFT JOIN member_branch_history h ON h.member_id = m.id AND h.to_date IS NULL
          WHERE m.id = ?`,
      ),
      move: db.prepare<unknown[]>('UPDATE members SET branch_id = ?, updated_at = ?, version = version + 1 WHERE id = ?'),
    };
    cache.set(db, s);
  }
  return s;
}

/** Closes the member's open stay and opens the next one (inside the caller's transaction). */
export function recordBranchChange(db: Sqlite, c: BranchChange): void {
  if (c.from === c.to) return;
  const s = statements(db);
  const open = c.newMember ? undefined : s.open.get(c.memberId) as { id: number; org_id: number; from_date: string } | undefined;
  let date = c.date;
  if (open) {
    // A stay never ends before it began (a same-day correction gives a zero-length stay).
    if (date < open.from_date) date = open.from_date;
    s.close.run(date, open.id);
  } else if (c.from != null) {
    s.synthesise.run({ org: c.from, date, id: c.memberId });
  }
  if (c.to != null) s.insert.run(c.memberId, c.to, date, c.reason, c.batchId);
}

/** A batch id shared by a move's audit entries and history rows: move-20260301101500-a1b2c3. */
export function newBatchId(prefix: string, now: Date): string {
  return `${prefix}-${now.toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${crypto.randomBytes(3).toString('hex')}`;
}

export interface MoveRequest {
  ids: number[];
  toBranchId: number;
  date: string;
  reason: string;
}

/**
 * Moves members to a branch, inside the caller's transaction: every check first (nothing is written when one
 * member cannot move), then per member the new branch, the history and the audit entry (branchId old → new,
 * note = the reason). Members already in the branch are left as they are.
 */
export function moveMembers(
  deps: { db: Sqlite; orgs: OrgService; audit: AuditService; today: string; at: string },
  req: MoveRequest,
  batchId: string,
): MoveResult & { movedIds: number[] } {
  const { db, orgs, audit } = deps;
  if (req.date > deps.today) throw new ServiceError('validation', '转移日期不能晚于今天', { date: '转移日期不能晚于今天' });
  try {
    orgs.assertBranch(req.toBranchId);
  } catch (e) {
    if (e instanceof ServiceError && e.fieldErrors?.['branchId'])
      throw new ServiceError('validation', e.message, { toBranchId: e.fieldErrors['branchId'] });
    throw e;
  }
  const s = statements(db);
  const ids = [...new Set(req.ids)];
  type Row = { id: number; name: string; branch_id: number | null; left_on: string | null; joined_on: string | null; created_at: string; entered: string | null };
  const rows: Row[] = [];
  const missing: number[] = [];
  const left: Row[] = [];
  const tooEarly: { row: Row; entered: string }[] = [];
  for (const id of ids) {
    const r = s.member.get(id) as Row | undefined;
    if (!r) {
      missing.push(id);
      continue;
    }
    if (r.left_on) left.push(r);
    else if (r.branch_id !== req.toBranchId) {
      const entered = r.branch_id == null ? null : (r.entered ?? r.joined_on ?? r.created_at.slice(0, 10));
      if (entered && req.date < entered) tooEarly.push({ row: r, entered });
    }
    rows.push(r);
  }
  const some = (names: string[]) => (names.length > 5 ? `${names.slice(0, 5).join('、')} 等 ${names.length} 人` : names.join('、'));
  if (missing.length)
    throw new ServiceError('not_found', `有 ${missing.length} 名党员的记录找不到（可能已被修改），请刷新名册后重新选择。`);
  if (left.length)
    throw new ServiceError('conflict', `${some(left.map((r) => r.name))}已离开，不能转移党支部。请取消勾选后再办理。`);
  if (tooEarly.length) {
    const latest = tooEarly.reduce((a, b) => (b.entered > a ? b.entered : a), tooEarly[0]!.entered);
    const msg =
      tooEarly.length === 1
        ? `转移日期早于${tooEarly[0]!.row.name}转入现所在党支部的日期（${tooEarly[0]!.entered}），请核对转移日期`
        : `转移日期早于${some(tooEarly.map((t) => t.row.name))}转入现所在党支部的日期（最晚为 ${latest}），请核对转移日期`;
    throw new ServiceError('validation', msg, { date: `转移日期不能早于 ${latest}` });
  }
  const movedIds: number[] = [];
  let unchanged = 0;
  for (const r of rows) {
    if (r.branch_id === req.toBranchId) {
      unchanged++;
      continue;
    }
    s.move.run(req.toBranchId, deps.at, r.id);
    recordBranchChange(db, { memberId: r.id, from: r.branch_id, to: req.toBranchId, date: req.date, reason: req.reason, batchId });
    audit.write({
      action: 'move',
      entity: 'member',
      entityId: r.id,
      changes: [{ field: 'branchId', old: r.branch_id, new: req.toBranchId }],
      note: req.reason,
      batchId,
    });
    movedIds.push(r.id);
  }
  return { moved: movedIds.length, unchanged, batchId, movedIds };
}

/** Every branch the member was in, oldest first. */
export function branchHistory(db: Sqlite, member: { id: number; branchId: number | null; joinedOn: string | null; createdAt: string }): BranchStay[] {
  const rows = db
    .prepare(
      `SELECT h.org_id, o.name, o.kind, o.dissolved_on, h.from_date, h.to_date, h.reason, h.batch_id
         FROM member_branch_history h JOIN organisations o ON o.id = h.org_id
        WHERE h.member_id = ? ORDER BY h.from_date, h.id`,
    )
    .all(member.id) as { org_id: number; name: string; kind: string; dissolved_on: string | null; from_date: string; to_date: string | null; reason: string | null; batch_id: string | null }[];
  const stays: BranchStay[] = rows.map((r) => ({
    orgId: r.org_id,
    orgName: r.name,
    orgKind: r.kind as OrgKind,
    dissolved: r.dissolved_on != null,
    from: r.from_date,
    to: r.to_date,
    reason: r.reason,
    batchId: r.batch_id,
  }));
  // A member written without history (the seed script): their current branch since they joined.
  if (!stays.some((x) => x.to == null) && member.branchId != null) {
    const o = db.prepare<unknown[]>('SELECT name, kind, dissolved_on FROM organisations WHERE id = ?').get(member.branchId) as
      | { name: string; kind: string; dissolved_on: string | null }
      | undefined;
    if (o) {
      const lastEnd = stays.length ? stays[stays.length - 1]!.to : null;
      stays.push({
        orgId: member.branchId,
        orgName: o.name,
        orgKind: o.kind as OrgKind,
        dissolved: o.dissolved_on != null,
        from: lastEnd ?? member.joinedOn ?? member.createdAt.slice(0, 10),
        to: null,
        reason: null,
        batchId: null,
      });
    }
  }
  return stays;
}
