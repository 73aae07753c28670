/**
 * 组织关系转接: letters of introduction out of the street (转出) and into it (转入).
 *
 * 转出: issueOut() numbers the letter (2026-001, per year, never reused) and copies the member's details from
 * the register; confirmOut() ends the member's active membership as 已转出 through MemberService, in the same
 * transaction as the letter's status; receiptReturned() closes it. A letter can be cancelled only before it is
 * confirmed. 转入: registerIn() records the incoming letter; placeIn() creates the member (checked as the form
 * checks a record) or re-activates a former member with the same ID number, and places them in a branch with
 * the move in their branch history. Every step is in the audit log (entity 'transfer', and the member's own).
 */
import type { AuditEntry } from '../../shared/contract';
import { ETHNICITIES, MEMBER_FIELD_LABELS, type MembershipKind } from '../../shared/domain/labels';
import { maskIdNumber, parseIdNumber, todayIso } from '../../shared/rules/idNumber';
import { ageOn, blankMemberInput, checkMember, memberInput, type FieldErrors } from '../../shared/rules/member';
import {
  addMonth,
  type Transfer,
  type TransferIssueInput,
  type TransferListQuery,
  type TransferRegisterInput,
  type TransferRow,
  type TransferStatus,
} from '../../shared/transfers';
import type { Sqlite } from '../db/connection';
import type { TransfersTable } from '../db/schema';
import { ServiceError } from '../errors';
import type { AuditService } from '../audit/service';
import type { MemberService } from '../members/service';
import { newBatchId } from '../members/moves';
import type { OrgService } from '../orgs/service';

type Row = Omit<TransfersTable, 'id'> & { id: number; placed_branch_name: string | null };

/** The letter's fields compared for the audit log. */
const AUDITED: (keyof Transfer & string)[] = [
  'letterNo', 'memberId', 'name', 'sex', 'age', 'ethnicity', 'membershipKind', 'idNumber', 'from', 'to', 'duesPaidUntil',
  'validDays', 'date', 'phone', 'note', 'status', 'confirmedOn', 'receiptOn', 'cancelledOn', 'cancelReason', 'placedOn',
  'placedBranchId', 'senderName', 'senderAddress', 'senderPhone',
];

export class TransferService {
  constructor(
    private readonly db: Sqlite,
    private readonly orgs: OrgService,
    private readonly members: MemberService,
    private readonly audit: AuditService,
    private readonly now: () => Date,
  ) {}

  list(q: TransferListQuery): TransferRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { today: this.today() };
    if (q.direction) {
      where.push('t.direction = @direction');
      params['direction'] = q.direction;
    }
    if (q.status && q.status !== 'overdue') {
      where.push('t.status = @status');
      params['status'] = q.status;
    } else if (q.status === 'overdue') where.push("t.status = 'confirmed'");
    if (q.memberId != null) {
      where.push('t.member_id = @memberId');
      params['memberId'] = q.memberId;
    }
    const text = q.q?.trim();
    if (text) {
      where.push(`(t.letter_no LIKE @like ESCAPE '\\' OR t.name LIKE @like ESCAPE '\\' OR t.id_number LIKE @like ESCAPE '\\'
        OR t.from_org LIKE @like ESCAPE '\\' OR t.to_org LIKE @like ESCAPE '\\')`);
      params['like'] = `%${text.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    }
    const rows = this.db
      .prepare(
        `SELECT t.*, o.name AS placed_branch_name FROM transfers t LEFT JOIN organisations o ON o.id = t.placed_branch_id
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.date DESC, t.id DESC LIMIT 5000`,
      )
      .all(params) as Row[];
    const out = rows.map((r) => this.toRow(r));
    return q.status === 'overdue' ? out.filter((r) => r.overdue) : out;
  }

  get(id: number): Transfer {
    const r = this.row(id);
    const match = r.direction === 'in' && r.status === 'registered' ? this.memberByIdNumber(r.id_number) : null;
    return { ...this.toRow(r), idNumber: r.id_number, match };
  }

  auditOf(id: number): AuditEntry[] {
    this.row(id);
    return this.audit.forEntity('transfer', id);
  }

  /** 开具介绍信: the next number of the issue date's year, the member's details as the register has them. */
  issueOut(input: TransferIssueInput): Transfer {
    return this.db
      .transaction(() => {
        if (input.date > this.today()) throw invalid('date', '开具日期不能晚于今天');
        const m = this.members.get(input.memberId);
        if (m.leftOn) throw new ServiceError('conflict', `${m.name} 已于 ${m.leftOn} 离开，不能再开具组织关系介绍信。`);
        // The letter's day becomes the exit's day once it is confirmed, which may not come before joining.
        if (m.joinedOn && input.date < m.joinedOn) throw invalid('date', `开具日期不能早于${m.name}加入党组织的日期（${m.joinedOn}）`);
        const open = this.db
          .prepare(`SELECT letter_no FROM transfers WHERE direction = 'out' AND member_id = ? AND status = 'issued'`)
          .get(m.id) as { letter_no: string } | undefined;
        if (open)
          throw new ServiceError('conflict', `${m.name} 已有一封尚未确认转出的介绍信（${open.letter_no}），请先确认转出或作废后再开具。`);
        const year = Number(input.date.slice(0, 4));
        const seq =
          ((this.db.prepare(`SELECT max(seq) AS n FROM transfers WHERE direction = 'out' AND year = ?`).get(year) as { n: number | null }).n ?? 0) + 1;
        const letterNo = `${year}-${String(seq).padStart(3, '0')}`;
        const sender = this.senderOf(m.branchId);
        const at = this.now().toISOString();
        const id = Number(
          this.db
            .prepare(
              `INSERT INTO transfers (direction, letter_no, year, seq, member_id, name, sex, age, ethnicity, membership_kind, id_number,
                 from_org, to_org, dues_paid_until, valid_days, date, phone, note, sender_name, sender_address, sender_phone, status,
                 created_at, updated_at)
               VALUES ('out', @letterNo, @year, @seq, @memberId, @name, @sex, @age, @ethnicity, @kind, @idNumber, @from, @to, @dues,
                 @validDays, @date, @phone, @note, @senderName, @senderAddress, @senderPhone, 'issued', @at, @at)`,
            )
            .run({
              letterNo,
              year,
              seq,
              memberId: m.id,
              name: m.name,
              sex: m.sex,
              age: m.birthDate ? ageOn(m.birthDate, input.date) : null,
              ethnicity: m.ethnicity,
              kind: m.membershipKind,
              idNumber: m.idNumber,
              from: m.branchName ?? sender.name ?? '本街道党工委',
              to: input.to,
              dues: input.duesPaidUntil,
              validDays: input.validDays,
              date: input.date,
              phone: input.phone !== undefined ? input.phone : (m.mobile ?? m.phone),
              note: input.note ?? null,
              senderName: sender.name,
              senderAddress: input.senderAddress !== undefined ? input.senderAddress : sender.address,
              senderPhone: input.senderPhone !== undefined ? input.senderPhone : sender.phone,
              at,
            }).lastInsertRowid,
        );
        const created = this.get(id);
        this.audit.write({ action: 'issue', entity: 'transfer', entityId: id, changes: diffOf(null, created), note: `开具介绍信 ${letterNo}` });
        return created;
      })
      .immediate();
  }

  /** 确认转出: the member's active membership ends (已转出) in the same transaction as the letter's status. */
  confirmOut(id: number, date: string): Transfer {
    const before = this.get(id);
    if (before.direction !== 'out') throw new ServiceError('conflict', '这是转入的介绍信，不能确认转出。');
    try {
      return this.db
        .transaction(() => {
          const t = this.get(id);
          if (t.status !== 'issued')
            throw new ServiceError('conflict', `介绍信 ${t.letterNo} ${t.status === 'cancelled' ? '已作废' : '已确认转出'}，不能再确认转出。`);
          if (date < t.date) throw invalid('date', `转出日期不能早于开具日期（${t.date}）`);
          if (date > this.today()) throw invalid('date', '转出日期不能晚于今天');
          this.members.exit({
            id: t.memberId!,
            reason: 'transferOut',
            date,
            note: `组织关系转至${t.to}（介绍信 ${t.letterNo}）`,
          });
          return this.setStatus(t, 'confirm', { status: 'confirmed', confirmed_on: date }, `确认转出，${t.name} 的组织关系转至${t.to}`);
        })
        .immediate();
    } finally {
      // exit() patched the list index inside this transaction; bring it back to what committed.
      if (before.memberId != null) this.members.listIndex.refresh([before.memberId]);
    }
  }

  /** 回执已退回. */
  receiptReturned(id: number, date: string): Transfer {
    return this.db
      .transaction(() => {
        const t = this.get(id);
        if (t.direction !== 'out') throw new ServiceError('conflict', '这是转入的介绍信，没有回执要登记。');
        if (t.status !== 'confirmed')
          throw new ServiceError(
            'conflict',
            t.status === 'returned' ? `介绍信 ${t.letterNo} 的回执已于 ${t.receiptOn} 登记，不能重复登记。` : `介绍信 ${t.letterNo} 还没有确认转出（或已作废），不能登记回执。`,
          );
        if (date < t.date) throw invalid('date', `回执日期不能早于开具日期（${t.date}）`);
        if (date > this.today()) throw invalid('date', '回执日期不能晚于今天');
        return this.setStatus(t, 'receipt', { status: 'returned', receipt_on: date }, `回执已退回（${date}）`);
      })
      .immediate();
  }

  /** 作废: only a letter not yet confirmed; it keeps its number. */
  cancel(id: number, reason: string, date: string = this.today()): Transfer {
    return this.db
      .transaction(() => {
        const t = this.get(id);
        if (t.direction !== 'out') throw new ServiceError('conflict', '只有开具的转出介绍信可以作废。');
        if (t.status !== 'issued')
          throw new ServiceError(
            'conflict',
            t.status === 'cancelled' ? `介绍信 ${t.letterNo} 已作废。` : `介绍信 ${t.letterNo} 已确认转出，不能作废；如属误办，请在党员名册中恢复该党员。`,
          );
        if (date < t.date) throw invalid('date', `作废日期不能早于开具日期（${t.date}）`);
        if (date > this.today()) throw invalid('date', '作废日期不能晚于今天');
        return this.setStatus(t, 'cancel', { status: 'cancelled', cancelled_on: date, cancel_reason: reason }, `作废：${reason}`);
      })
      .immediate();
  }

  /** 登记转入: the incoming letter and the member's details as written on it. */
  registerIn(input: TransferRegisterInput): Transfer {
    return this.db
      .transaction(() => {
        if (input.date > this.today()) throw invalid('date', '收到日期不能晚于今天');
        const p = parseIdNumber(input.idNumber, this.today());
        if (!p.ok) throw invalid('idNumber', p.message);
        if (p.sex && input.sex && input.sex !== p.sex) throw invalid('sex', `与公民身份号码不符：号码显示为${p.sex === 'male' ? '男' : '女'}`);
        const dup = this.db
          .prepare(`SELECT id FROM transfers WHERE direction = 'in' AND from_org = ? AND letter_no = ?`)
          .get(input.from, input.letterNo);
        if (dup) throw invalid('letterNo', `${input.from} 的介绍信 ${input.letterNo} 已经登记过`);
        const open = this.db
          .prepare(`SELECT letter_no FROM transfers WHERE direction = 'in' AND id_number = ? AND status = 'registered'`)
          .get(p.normalised) as { letter_no: string } | undefined;
        if (open) throw invalid('idNumber', `该公民身份号码已有一封尚未安排党支部的转入介绍信（${open.letter_no}）`);
        const active = this.memberByIdNumber(p.normalised);
        if (active?.active)
          throw invalid('idNumber', `该公民身份号码已是在册党员 ${active.name}${active.branchName ? `（${active.branchName}）` : ''}，不能登记转入`);
        const at = this.now().toISOString();
        const sender = this.senderOf(null);
        const id = Number(
          this.db
            .prepare(
              `INSERT INTO transfers (direction, letter_no, year, member_id, name, sex, age, ethnicity, membership_kind, id_number,
                 from_org, to_org, dues_paid_until, valid_days, date, phone, note, status, created_at, updated_at)
               VALUES ('in', @letterNo, @year, NULL, @name, @sex, @age, @ethnicity, @kind, @idNumber, @from, @to, @dues, @validDays,
                 @date, @phone, @note, 'registered', @at, @at)`,
            )
            .run({
              letterNo: input.letterNo,
              year: Number(input.date.slice(0, 4)),
              name: input.name,
              sex: input.sex ?? p.sex ?? null,
              age: input.age ?? (p.birthDate ? ageOn(p.birthDate, input.date) : null),
              ethnicity: input.ethnicity ?? null,
              kind: input.membershipKind,
              idNumber: p.normalised,
              from: input.from,
              to: input.to ?? sender.name ?? '本街道党工委',
              dues: input.duesPaidUntil ?? null,
              validDays: input.validDays ?? null,
              date: input.date,
              phone: input.phone ?? null,
              note: input.note ?? null,
              at,
            }).lastInsertRowid,
        );
        const created = this.get(id);
        this.audit.write({ action: 'register', entity: 'transfer', entityId: id, changes: diffOf(null, created), note: `登记转入介绍信 ${input.letterNo}` });
        return created;
      })
      .immediate();
  }

  /**
   * 安排到党支部: a new member from the letter's details, or a former member with the same ID number
   * re-activated and moved; refused when an active member holds the number. One transaction.
   */
  placeIn(id: number, place: { branchId: number; date: string; joinedOn?: string | null; confirmedOn?: string | null }): Transfer {
    let memberId: number | null = null;
    try {
      return this.db
        .transaction(() => {
          const t = this.get(id);
          if (t.direction !== 'in') throw new ServiceError('conflict', '这是转出的介绍信，不能安排到党支部。');
          if (t.status !== 'registered') throw new ServiceError('conflict', `介绍信 ${t.letterNo} 已安排到${t.placedBranchName ?? '党支部'}，不能重复办理。`);
          if (place.date < t.date) throw invalid('date', `安排日期不能早于收到介绍信的日期（${t.date}）`);
          if (place.date > this.today()) throw invalid('date', '安排日期不能晚于今天');
          try {
            this.orgs.assertBranch(place.branchId);
          } catch (e) {
            if (e instanceof ServiceError && e.fieldErrors?.['branchId']) throw invalid('branchId', e.fieldErrors['branchId']);
            throw e;
          }
          const reason = `组织关系转入（${t.from}，介绍信 ${t.letterNo}）`;
          const batchId = newBatchId('transfer', this.now());
          const existing = this.memberByIdNumber(t.idNumber);
          if (existing?.active)
            throw new ServiceError('conflict', `公民身份号码 ${maskIdNumber(t.idNumber)} 已是在册党员 ${existing.name}${existing.branchName ? `（${existing.branchName}）` : ''}，不能重复转入。`);
          if (existing) {
            const former = this.members.get(existing.id);
            if (former.leftReason === 'deceased') throw new ServiceError('conflict', `名册中该公民身份号码的党员 ${former.name} 已登记为去世，不能恢复。请核对介绍信。`);
            memberId = former.id;
            this.members.reinstate(former.id, reason);
          } else {
            const value = { ...blankMemberInput(), name: t.name, sex: t.sex, idNumber: t.idNumber, membershipKind: t.membershipKind, joinedOn: place.joinedOn ?? null, confirmedOn: place.confirmedOn ?? null };
            value.ethnicity = t.ethnicity && (ETHNICITIES as readonly string[]).includes(t.ethnicity) ? (t.ethnicity as (typeof ETHNICITIES)[number]) : null;
            if (t.phone) {
              if (/^1\d{10}$/.test(t.phone)) value.mobile = t.phone;
              else value.phone = t.phone;
            }
            value.note = `由${t.from}转入（介绍信 ${t.letterNo}）`;
            const parsed = memberInput.safeParse(value);
            const errors: FieldErrors = {};
            if (!parsed.success)
              for (const i of parsed.error.issues) errors[String(i.path[0]) as keyof FieldErrors] ??= i.message;
            else Object.assign(errors, checkMember(parsed.data, this.today()).errors);
            const fields = Object.keys(errors) as (keyof typeof errors)[];
            // The dates the clerk typed are theirs to fix on the form; the rest is the letter's.
            const typed = fields.filter((f) => f === 'joinedOn' || f === 'confirmedOn');
            if (typed.length) throw new ServiceError('validation', errors[typed[0]!]!, Object.fromEntries(typed.map((f) => [f, errors[f]!])));
            if (fields.length)
              throw new ServiceError(
                'validation',
                `介绍信上的党员信息有误，请核对：${fields.map((f) => `${MEMBER_FIELD_LABELS[f] ?? f}（${errors[f]}）`).join('；')}`,
                errors as Record<string, string>,
              );
            memberId = this.members.create(parsed.data!).id;
          }
          this.members.moveWithin({ ids: [memberId], toBranchId: place.branchId, date: place.date, reason }, batchId);
          this.db.prepare('UPDATE transfers SET member_id = ? WHERE id = ?').run(memberId, id);
          return this.setStatus(
            { ...t, memberId },
            'place',
            { status: 'placed', placed_on: place.date, placed_branch_id: place.branchId },
            `${existing ? '恢复原党员记录' : '新建党员记录'}并安排到党支部`,
            batchId,
          );
        })
        .immediate();
    } finally {
      if (memberId != null) this.members.listIndex.refresh([memberId]);
    }
  }

  private setStatus(
    before: Transfer,
    action: AuditEntry['action'],
    set: Partial<Record<'status' | 'confirmed_on' | 'receipt_on' | 'cancelled_on' | 'cancel_reason' | 'placed_on' | 'placed_branch_id', string | number>>,
    note: string,
    batchId: string | null = null,
  ): Transfer {
    const cols = Object.keys(set);
    this.db
      .prepare(`UPDATE transfers SET ${cols.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @at WHERE id = @id`)
      .run({ ...set, at: this.now().toISOString(), id: before.id });
    const after = this.get(before.id);
    this.audit.write({ action, entity: 'transfer', entityId: before.id, changes: diffOf(before, after), note, batchId });
    return after;
  }

  private row(id: number): Row {
    const r = this.db
      .prepare(`SELECT t.*, o.name AS placed_branch_name FROM transfers t LEFT JOIN organisations o ON o.id = t.placed_branch_id WHERE t.id = ?`)
      .get(id) as Row | undefined;
    if (!r) throw new ServiceError('not_found', `找不到编号为 ${id} 的介绍信记录。请刷新后重试。`);
    return r;
  }

  private toRow(r: Row): TransferRow {
    const receiptDue = r.direction === 'out' ? addMonth(r.date) : null;
    return {
      id: r.id,
      direction: r.direction as TransferRow['direction'],
      letterNo: r.letter_no,
      year: r.year,
      memberId: r.member_id,
      name: r.name,
      sex: r.sex as TransferRow['sex'],
      age: r.age,
      ethnicity: r.ethnicity,
      membershipKind: r.membership_kind as MembershipKind,
      idNumberMasked: maskIdNumber(r.id_number),
      from: r.from_org,
      to: r.to_org,
      duesPaidUntil: r.dues_paid_until,
      validDays: r.valid_days,
      date: r.date,
      phone: r.phone,
      note: r.note,
      status: r.status as TransferStatus,
      confirmedOn: r.confirmed_on,
      receiptOn: r.receipt_on,
      receiptDue,
      overdue: r.status === 'confirmed' && receiptDue != null && this.today() > receiptDue,
      cancelledOn: r.cancelled_on,
      cancelReason: r.cancel_reason,
      placedOn: r.placed_on,
      placedBranchId: r.placed_branch_id,
      placedBranchName: r.placed_branch_name,
      senderName: r.sender_name,
      senderAddress: r.sender_address,
      senderPhone: r.sender_phone,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  private memberByIdNumber(idNumber: string): Transfer['match'] {
    const r = this.db
      .prepare(
        `SELECT m.id, m.name, m.left_on, o.name AS branch_name FROM members m LEFT JOIN organisations o ON o.id = m.branch_id
          WHERE m.id_number = ? ORDER BY m.left_on IS NULL DESC, m.id DESC LIMIT 1`,
      )
      .get(idNumber) as { id: number; name: string; left_on: string | null; branch_name: string | null } | undefined;
    return r ? { id: r.id, name: r.name, active: r.left_on == null, branchName: r.branch_name } : null;
  }

  /** The sending committee: the top of the member's branch's tree (the street's 党工委), with its phone and address. */
  private senderOf(branchId: number | null): { name: string | null; phone: string | null; address: string | null } {
    const rows = this.orgs.rows();
    const byId = new Map(rows.map((o) => [o.id, o]));
    let top = branchId != null ? byId.get(branchId) : rows.find((o) => o.parentId == null);
    for (let i = 0; top?.parentId != null && byId.has(top.parentId) && i < 50; i++) top = byId.get(top.parentId);
    if (!top) return { name: null, phone: null, address: null };
    const record = this.orgs.get(top.id);
    return { name: top.name, phone: record.contactPhone, address: record.address };
  }

  private today(): string {
    return todayIso(this.now());
  }
}

function invalid(field: string, message: string): ServiceError {
  return new ServiceError('validation', message, { [field]: message });
}

function diffOf(before: Transfer | null, after: Transfer) {
  const changes = [];
  for (const f of AUDITED) {
    const o = (before ? before[f] : null) ?? null;
    const n = after[f] ?? null;
    if (o !== n) changes.push({ field: f, old: o, new: n });
  }
  return changes;
}
