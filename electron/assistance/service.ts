/**
 * 帮扶: households or people helped, the members paired with them (结对帮扶) and the visits and help given.
 *
 *  - A household: name, kinds (老年人、儿童、残疾人、贫困户、低收入者、优抚对象、困难党员 — several may apply), optional ID
 *    number, phone, address, community, needs, the day help began, the visiting frequency the clerk sets, and the
 *    day help ended. Never deleted; version-checked like the register.
 *  - Pairings: saving the household with its paired members starts a pairing (today) for each one added and ends
 *    (today) each one taken off; the history stays.
 *  - Visits: date, who went (members and others by name), the kind of help, what, an amount for money and goods,
 *    follow-up. A visit entered by mistake may be deleted (audited).
 *  - Overdue: shared/rules/visits.ts from the last visit (or the start) and the frequency.
 *  - Personal data: rows carry the ID number, phone and address masked; the record (get) carries them whole.
 * Audited as entity 'assistanceHousehold' (visits under their household).
 */
import type { AuditEntry } from '../../shared/contract';
import type { Household, HouseholdInput, HouseholdListQuery, HouseholdRow, HouseholdVisit, Pairing, VisitInput } from '../../shared/assistance';
import { HELP_KIND_LABELS, HOUSEHOLD_KIND_LABELS, type HelpKind, type HouseholdKind, type VisitFrequency } from '../../shared/domain/labels';
import { maskIdNumber, maskPhone, todayIso } from '../../shared/rules/idNumber';
import { maskAddress } from '../../shared/rules/privacy';
import { visitStatus } from '../../shared/rules/visits';
import type { Sqlite } from '../db/connection';
import { ServiceError } from '../errors';
import type { AuditService } from '../audit/service';
import { changesOf, checkCommunity, checkPeriod, invalid, likePattern, zhCollator } from '../cobuilding/common';

interface HouseholdDbRow {
  id: number;
  name: string;
  kinds: string;
  id_number: string | null;
  phone: string | null;
  address: string | null;
  community_id: number;
  community_name: string;
  member_id: number | null;
  member_name: string | null;
  household_size: number | null;
  needs: string;
  started_on: string;
  frequency: VisitFrequency | null;
  ended_on: string | null;
  end_reason: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  paired: string;
  last_visit_on: string | null;
  visits: number;
  amount_total: number | null;
}

const SELECT = `SELECT h.*, o.name AS community_name, m.name AS member_name,
    (SELECT json_group_array(json_object('memberId', x.member_id, 'name', x.name)) FROM
       (SELECT p.member_id, pm.name FROM assistance_pairings p JOIN members pm ON pm.id = p.member_id
         WHERE p.household_id = h.id AND p.until IS NULL ORDER BY p.since, p.id) x) AS paired,
    (SELECT max(v.visited_on) FROM assistance_visits v WHERE v.household_id = h.id) AS last_visit_on,
    (SELECT count(*) FROM assistance_visits v WHERE v.household_id = h.id) AS visits,
    (SELECT sum(v.amount) FROM assistance_visits v WHERE v.household_id = h.id AND v.help_kind IN ('money', 'goods')) AS amount_total
  FROM assistance_households h JOIN organisations o ON o.id = h.community_id LEFT JOIN members m ON m.id = h.member_id`;

const AUDITED = [
  'name', 'kinds', 'idNumber', 'phone', 'address', 'communityName', 'memberName', 'householdSize', 'needs', 'startedOn', 'frequency', 'endedOn',
  'endReason', 'note', 'pairedMembers',
] as const;
const VISIT_AUDITED = ['visitedOn', 'visitors', 'helpKind', 'content', 'amount', 'followUp', 'note'] as const;

export class AssistanceService {
  constructor(
    private readonly db: Sqlite,
    private readonly audit: AuditService,
    private readonly now: () => Date,
  ) {}

  list(q: HouseholdListQuery): HouseholdRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { today: this.today() };
    if (q.status === 'active' || q.status === 'overdue') where.push('(h.ended_on IS NULL OR h.ended_on > @today)');
    else if (q.status === 'ended') where.push('h.ended_on IS NOT NULL AND h.ended_on <= @today');
    if (q.kind) {
      where.push('EXISTS (SELECT 1 FROM json_each(h.kinds) k WHERE k.value = @kind)');
      params['kind'] = q.kind;
    }
    if (q.communityId != null) {
      where.push('h.community_id = @communityId');
      params['communityId'] = q.communityId;
    }
    if (q.memberId != null) {
      where.push('EXISTS (SELECT 1 FROM assistance_pairings p WHERE p.household_id = h.id AND p.member_id = @memberId AND p.until IS NULL)');
      params['memberId'] = q.memberId;
    }
    const text = q.q?.trim();
    if (text) {
      where.push(`(h.name LIKE @like ESCAPE '\\' OR h.needs LIKE @like ESCAPE '\\')`);
      params['like'] = likePattern(text);
    }
    const rows = (this.db.prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} LIMIT 5000`).all(params) as HouseholdDbRow[]).map((r) => this.toRow(r));
    const out = q.status === 'overdue' ? rows.filter((r) => r.overdue) : rows;
    // Overdue first (longest first), then by community and name.
    return out.sort((a, b) => b.daysOverdue - a.daysOverdue || zhCollator.compare(a.communityName, b.communityName) || zhCollator.compare(a.name, b.name));
  }

  /** 走访逾期: households in help whose next visit is past due. */
  overdue(): HouseholdRow[] {
    return this.list({ status: 'overdue' });
  }

  get(id: number): Household {
    const r = this.row(id);
    const pairings = (
      this.db
        .prepare(
          `SELECT p.id, p.member_id, m.name, o.name AS branch_name, p.since, p.until FROM assistance_pairings p
             JOIN members m ON m.id = p.member_id LEFT JOIN organisations o ON o.id = m.branch_id
           WHERE p.household_id = ? ORDER BY p.until IS NOT NULL, p.since DESC, p.id DESC`,
        )
        .all(id) as { id: number; member_id: number; name: string; branch_name: string | null; since: string; until: string | null }[]
    ).map((p): Pairing => ({ id: p.id, memberId: p.member_id, name: p.name, branchName: p.branch_name, since: p.since, until: p.until }));
    const visitList = (
      this.db
        .prepare(
          `SELECT v.*, (SELECT json_group_array(json_object('memberId', x.member_id, 'name', x.name)) FROM
              (SELECT member_id, name FROM assistance_visitors WHERE visit_id = v.id ORDER BY position) x) AS visitors
           FROM assistance_visits v WHERE v.household_id = ? ORDER BY v.visited_on DESC, v.id DESC`,
        )
        .all(id) as { id: number; visited_on: string; help_kind: HelpKind; content: string; amount: number | null; follow_up: string | null; note: string | null; visitors: string }[]
    ).map(
      (v): HouseholdVisit => ({
        id: v.id,
        visitedOn: v.visited_on,
        visitors: JSON.parse(v.visitors) as { memberId: number | null; name: string }[],
        helpKind: v.help_kind,
        content: v.content,
        amount: v.amount,
        followUp: v.follow_up,
        note: v.note,
      }),
    );
    const row = this.toRow(r);
    return {
      ...row,
      idNumber: r.id_number,
      phone: r.phone,
      address: r.address,
      memberId: r.member_id,
      memberName: r.member_name,
      householdSize: r.household_size,
      needs: r.needs,
      endReason: r.end_reason,
      note: r.note,
      pairings,
      visitList,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
    };
  }

  auditOf(id: number): AuditEntry[] {
    this.row(id);
    return this.audit.forEntity('assistanceHousehold', id);
  }

  save(input: { id?: number; household: HouseholdInput; expectedVersion?: number }): Household {
    const h = input.household;
    const id = this.db
      .transaction(() => {
        const today = this.today();
        checkCommunity(this.db, h.communityId);
        checkPeriod(today, { field: 'startedOn', label: '开始帮扶日期', date: h.startedOn }, { field: 'endedOn', label: '结束日期', date: h.endedOn });
        if (h.endedOn && !h.endReason) throw invalid('endReason', '请写明结束帮扶的原因');
        if (h.kinds.includes('needyMember') && h.memberId == null) throw invalid('memberId', '困难党员请从名册中选择这名党员');
        if (h.memberId != null && !this.db.prepare('SELECT 1 FROM members WHERE id = ?').get(h.memberId)) throw invalid('memberId', '所选党员在名册中找不到，请重新选择');
        if (new Set(h.pairedMemberIds).size !== h.pairedMemberIds.length) throw invalid('pairedMemberIds', '同一名结对党员选了两次');
        const before = input.id != null ? this.get(input.id) : null;
        if (before && input.expectedVersion != null && before.version !== input.expectedVersion)
          throw new ServiceError('conflict', `${before.name} 的帮扶记录刚被修改过（可能在另一个窗口）。请关闭表单，重新打开后再改。`);
        const current = new Set(before?.pairedMembers.map((p) => p.memberId) ?? []);
        for (const m of h.pairedMemberIds) {
          if (current.has(m)) continue;
          const pm = this.db.prepare('SELECT name, left_on FROM members WHERE id = ?').get(m) as { name: string; left_on: string | null } | undefined;
          if (!pm) throw invalid('pairedMemberIds', '所选结对党员在名册中找不到，请重新选择');
          if (pm.left_on) throw invalid('pairedMemberIds', `${pm.name} 已于 ${pm.left_on} 离开，不能再结对帮扶`);
        }
        const at = this.now().toISOString();
        const values = {
          name: h.name,
          kinds: JSON.stringify(h.kinds),
          idNumber: h.idNumber ? h.idNumber.toUpperCase() : null,
          phone: h.phone ?? null,
          address: h.address ?? null,
          communityId: h.communityId,
          memberId: h.memberId ?? null,
          householdSize: h.householdSize ?? null,
          needs: h.needs,
          startedOn: h.startedOn,
          frequency: h.frequency,
          endedOn: h.endedOn ?? null,
          endReason: h.endedOn ? (h.endReason ?? null) : null,
          note: h.note ?? null,
          at,
        };
        let id: number;
        if (!before) {
          id = Number(
            this.db
              .prepare(
                `INSERT INTO assistance_households (name, kinds, id_number, phone, address, community_id, member_id, household_size, needs, started_on,
                   frequency, ended_on, end_reason, note, created_at, updated_at)
                 VALUES (@name, @kinds, @idNumber, @phone, @address, @communityId, @memberId, @householdSize, @needs, @startedOn, @frequency, @endedOn,
                   @endReason, @note, @at, @at)`,
              )
              .run(values).lastInsertRowid,
          );
        } else {
          id = before.id;
          const firstVisit = before.visitList.length ? before.visitList[before.visitList.length - 1]!.visitedOn : null;
          if (firstVisit && h.startedOn > firstVisit) throw invalid('startedOn', `${firstVisit} 已有走访记录，开始帮扶日期不能晚于这一天`);
          this.db
            .prepare(
              `UPDATE assistance_households SET name = @name, kinds = @kinds, id_number = @idNumber, phone = @phone, address = @address,
                 community_id = @communityId, member_id = @memberId, household_size = @householdSize, needs = @needs, started_on = @startedOn,
                 frequency = @frequency, ended_on = @endedOn, end_reason = @endReason, note = @note, updated_at = @at, version = version + 1
               WHERE id = @id`,
            )
            .run({ ...values, id });
        }
        // Pairings: those taken off end today (or when help ended); those added start today (or when help began, for a new record).
        const want = new Set(h.pairedMemberIds);
        const endOn = h.endedOn ?? today;
        for (const m of current) if (!want.has(m)) this.db.prepare('UPDATE assistance_pairings SET until = max(since, ?) WHERE household_id = ? AND member_id = ? AND until IS NULL').run(endOn, id, m);
        const since = before ? today : h.startedOn;
        for (const m of h.pairedMemberIds) if (!current.has(m)) this.db.prepare('INSERT INTO assistance_pairings (household_id, member_id, since) VALUES (?, ?, ?)').run(id, m, since);
        const after = this.get(id);
        const changes = changesOf(before && auditable(before), auditable(after), AUDITED);
        if (!before) this.audit.write({ action: 'create', entity: 'assistanceHousehold', entityId: id, changes, note: `登记帮扶对象：${h.name}（${h.kinds.map((k) => HOUSEHOLD_KIND_LABELS[k]).join('、')}）` });
        else if (changes.length) this.audit.write({ action: 'update', entity: 'assistanceHousehold', entityId: id, changes, note: `修改帮扶对象：${h.name}` });
        return id;
      })
      .immediate();
    return this.get(id);
  }

  saveVisit(input: { id?: number; visit: VisitInput }): Household {
    const v = input.visit;
    this.db
      .transaction(() => {
        const h = this.get(v.householdId);
        if (v.visitedOn > this.today()) throw invalid('visitedOn', '走访日期不能晚于今天');
        if (v.visitedOn < h.startedOn) throw invalid('visitedOn', `走访日期不能早于开始帮扶日期（${h.startedOn}）`);
        if (h.endedOn && v.visitedOn > h.endedOn) throw invalid('visitedOn', `帮扶已于 ${h.endedOn} 结束，不能登记此后的走访`);
        if ((v.helpKind === 'money' || v.helpKind === 'goods') && v.amount == null)
          throw invalid('amount', v.helpKind === 'money' ? '资金帮扶请填写金额（元）' : '物资帮扶请填写物资折合金额（元）');
        const visitors = v.visitors.map((x) => {
          if (x.memberId == null) return x;
          const m = this.db.prepare('SELECT name FROM members WHERE id = ?').get(x.memberId) as { name: string } | undefined;
          if (!m) throw invalid('visitors', `走访人“${x.name}”在名册中找不到，请重新选择`);
          return { memberId: x.memberId, name: m.name };
        });
        let before: HouseholdVisit | null = null;
        if (input.id != null) {
          before = h.visitList.find((x) => x.id === input.id) ?? null;
          if (!before) throw new ServiceError('not_found', '找不到这条走访记录，请刷新后重试。');
        }
        const at = this.now().toISOString();
        const values = {
          householdId: h.id,
          visitedOn: v.visitedOn,
          helpKind: v.helpKind,
          content: v.content,
          amount: v.helpKind === 'money' || v.helpKind === 'goods' ? v.amount! : (v.amount ?? null),
          followUp: v.followUp ?? null,
          note: v.note ?? null,
          at,
        };
        let visitId: number;
        if (!before) {
          visitId = Number(
            this.db
              .prepare(
                `INSERT INTO assistance_visits (household_id, visited_on, help_kind, content, amount, follow_up, note, created_at, updated_at)
                 VALUES (@householdId, @visitedOn, @helpKind, @content, @amount, @followUp, @note, @at, @at)`,
              )
              .run(values).lastInsertRowid,
          );
        } else {
          visitId = before.id;
          this.db
            .prepare(
              `UPDATE assistance_visits SET visited_on = @visitedOn, help_kind = @helpKind, content = @content, amount = @amount, follow_up = @followUp,
                 note = @note, updated_at = @at WHERE id = @id`,
            )
            .run({ ...values, id: visitId });
          this.db.prepare('DELETE FROM assistance_visitors WHERE visit_id = ?').run(visitId);
        }
        const ins = this.db.prepare('INSERT INTO assistance_visitors (visit_id, position, member_id, name) VALUES (?, ?, ?, ?)');
        visitors.forEach((x, i) => ins.run(visitId, i, x.memberId, x.name));
        this.db.prepare('UPDATE assistance_households SET updated_at = ? WHERE id = ?').run(at, h.id);
        const after = this.get(h.id).visitList.find((x) => x.id === visitId)!;
        const changes = changesOf(before && visitAudit(before), visitAudit(after), VISIT_AUDITED).map((c) => ({ ...c, field: `visit.${c.field}` }));
        this.audit.write({
          action: before ? 'update' : 'create',
          entity: 'assistanceHousehold',
          entityId: h.id,
          changes,
          note: `${before ? '修改' : '登记'}走访记录：${v.visitedOn} ${HELP_KIND_LABELS[v.helpKind]}${values.amount != null ? ` ${values.amount} 元` : ''}`,
        });
      })
      .immediate();
    return this.get(v.householdId);
  }

  removeVisit(id: number): Household {
    const householdId = this.db
      .transaction(() => {
        const r = this.db.prepare('SELECT household_id FROM assistance_visits WHERE id = ?').get(id) as { household_id: number } | undefined;
        if (!r) throw new ServiceError('not_found', '找不到这条走访记录，请刷新后重试。');
        const before = this.get(r.household_id).visitList.find((x) => x.id === id)!;
        this.db.prepare('DELETE FROM assistance_visits WHERE id = ?').run(id);
        this.audit.write({
          action: 'delete',
          entity: 'assistanceHousehold',
          entityId: r.household_id,
          changes: changesOf(visitAudit(before), { visitedOn: null, visitors: null, helpKind: null, content: null, amount: null, followUp: null, note: null }, VISIT_AUDITED).map((c) => ({ ...c, field: `visit.${c.field}` })),
          note: `删除走访记录：${before.visitedOn} ${HELP_KIND_LABELS[before.helpKind]}`,
        });
        return r.household_id;
      })
      .immediate();
    return this.get(householdId);
  }

  private row(id: number): HouseholdDbRow {
    const r = this.db.prepare(`${SELECT} WHERE h.id = ?`).get(id) as HouseholdDbRow | undefined;
    if (!r) throw new ServiceError('not_found', `找不到编号为 ${id} 的帮扶对象，请刷新后重试。`);
    return r;
  }

  private toRow(r: HouseholdDbRow): HouseholdRow {
    const status = visitStatus({ startedOn: r.started_on, lastVisitOn: r.last_visit_on, frequency: r.frequency, endedOn: r.ended_on }, this.today());
    return {
      id: r.id,
      name: r.name,
      kinds: JSON.parse(r.kinds) as HouseholdKind[],
      idNumberMasked: r.id_number ? maskIdNumber(r.id_number) : null,
      phoneMasked: r.phone ? maskPhone(r.phone) : null,
      addressMasked: r.address ? maskAddress(r.address) : null,
      communityId: r.community_id,
      communityName: r.community_name,
      pairedMembers: JSON.parse(r.paired) as { memberId: number; name: string }[],
      frequency: r.frequency,
      startedOn: r.started_on,
      endedOn: r.ended_on,
      lastVisitOn: r.last_visit_on,
      visits: r.visits,
      dueOn: status.dueOn,
      overdue: status.overdue,
      daysOverdue: status.daysOverdue,
      amountTotal: Math.round((r.amount_total ?? 0) * 100) / 100,
    };
  }

  private today(): string {
    return todayIso(this.now());
  }
}

function auditable(h: Household) {
  return {
    name: h.name,
    kinds: h.kinds.map((k) => HOUSEHOLD_KIND_LABELS[k]).join('、'),
    // As the register's log does: the values themselves (the log is read on the record's own page only).
    idNumber: h.idNumber,
    phone: h.phone,
    address: h.address,
    communityName: h.communityName,
    memberName: h.memberName,
    householdSize: h.householdSize,
    needs: h.needs,
    startedOn: h.startedOn,
    frequency: h.frequency,
    endedOn: h.endedOn,
    endReason: h.endReason,
    note: h.note,
    pairedMembers: h.pairedMembers.map((p) => p.name),
  };
}

function visitAudit(v: HouseholdVisit | { [K in (typeof VISIT_AUDITED)[number]]: null }) {
  if (v.visitedOn == null) return v as { [K in (typeof VISIT_AUDITED)[number]]: null };
  const x = v as HouseholdVisit;
  return {
    visitedOn: x.visitedOn,
    visitors: x.visitors.map((p) => p.name).join('、'),
    helpKind: HELP_KIND_LABELS[x.helpKind],
    content: x.content,
    amount: x.amount,
    followUp: x.followUp,
    note: x.note,
  };
}
