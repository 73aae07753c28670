/**
 * 流动党员活动证: issue() records a certificate for an active member (流出 or 流入), with the member's branch on
 * the day of issue; a member has at most one open certificate (no date back). update() corrects the
 * certificate's own fields; recordReturn() closes it (date back ≥ date out); review() adds the year's 年审 entry,
 * one per certificate per year. list() filters by direction, 在外 / 已返回 / 今年未年审 and name or number;
 * reviewsDue() is the open certificates without a review for the current year. Every step is in the audit log
 * (entity 'floatingCertificate'). The member's own 是否为流动党员 / 流动方向 / 外出流向 follow the certificates
 * (syncRegister), so 名册, 概览 and the returns count the same floating members as this register.
 */
import type { AuditEntry } from '../../shared/contract';
import {
  FLOATING_DIRECTION_LABELS,
  type FloatingCertificate,
  type FloatingCertificateRow,
  type FloatingDirection,
  type FloatingIssueInput,
  type FloatingListQuery,
  type FloatingReview,
  type FloatingReviewInput,
  type FloatingUpdateInput,
} from '../../shared/floating';
import { todayIso } from '../../shared/rules/idNumber';
import type { Sqlite } from '../db/connection';
import type { FloatingCertificatesTable } from '../db/schema';
import { ServiceError } from '../errors';
import type { AuditService } from '../audit/service';
import type { MemberService } from '../members/service';

type Row = Omit<FloatingCertificatesTable, 'id'> & {
  id: number;
  member_name: string;
  branch_name: string | null;
  reviewed_this_year: number;
  last_review_year: number | null;
};

/** The certificate's fields compared for the audit log. */
const AUDITED: (keyof FloatingCertificateRow & string)[] = [
  'certificateNo', 'memberId', 'direction', 'branchId', 'issueDate', 'reason', 'destination', 'dateOut', 'dateBack', 'note',
];

const SELECT = `SELECT c.*, m.name AS member_name, o.name AS branch_name,
    EXISTS (SELECT 1 FROM floating_certificate_reviews r WHERE r.certificate_id = c.id AND r.year = @year) AS reviewed_this_year,
    (SELECT max(r.year) FROM floating_certificate_reviews r WHERE r.certificate_id = c.id) AS last_review_year
  FROM floating_certificates c JOIN members m ON m.id = c.member_id LEFT JOIN organisations o ON o.id = c.branch_id`;

export class FloatingService {
  constructor(
    private readonly db: Sqlite,
    private readonly members: MemberService,
    private readonly audit: AuditService,
    private readonly now: () => Date,
  ) {}

  list(q: FloatingListQuery): FloatingCertificateRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { year: this.year() };
    if (q.direction) {
      where.push('c.direction = @direction');
      params['direction'] = q.direction;
    }
    if (q.status === 'away') where.push('c.date_back IS NULL');
    else if (q.status === 'returned') where.push('c.date_back IS NOT NULL');
    else if (q.status === 'reviewDue')
      where.push('c.date_back IS NULL AND NOT EXISTS (SELECT 1 FROM floating_certificate_reviews r WHERE r.certificate_id = c.id AND r.year = @year)');
    if (q.memberId != null) {
      where.push('c.member_id = @memberId');
      params['memberId'] = q.memberId;
    }
    const text = q.q?.trim();
    if (text) {
      where.push(`(c.certificate_no LIKE @like ESCAPE '\\' OR m.name LIKE @like ESCAPE '\\')`);
      params['like'] = `%${text.replace(/[\\%_]/g, (ch) => '\\' + ch)}%`;
    }
    const rows = this.db
      .prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.issue_date DESC, c.id DESC LIMIT 5000`)
      .all(params) as Row[];
    return rows.map(toRow);
  }

  /** 年审 due: open certificates (在外) without a review for the current year. */
  reviewsDue(): FloatingCertificateRow[] {
    return this.list({ status: 'reviewDue' });
  }

  get(id: number): FloatingCertificate {
    const r = this.row(id);
    const reviews = this.db
      .prepare('SELECT * FROM floating_certificate_reviews WHERE certificate_id = ? ORDER BY year DESC')
      .all(id) as { id: number; year: number; date: string; result: string; reviewer: string | null; created_at: string }[];
    return {
      ...toRow(r),
      reviews: reviews.map((v): FloatingReview => ({ id: v.id, year: v.year, date: v.date, result: v.result, reviewer: v.reviewer, createdAt: v.created_at })),
    };
  }

  auditOf(id: number): AuditEntry[] {
    this.row(id);
    return this.audit.forEntity('floatingCertificate', id);
  }

  /**
   * 发证: the member must be in the register, with no open certificate. The branch is theirs on the day of issue (a
   * certificate entered later names the branch that issued it), or today's where the history does not reach back.
   */
  issue(input: FloatingIssueInput): FloatingCertificate {
    return this.registered(() => {
      this.checkDates(input, input.direction);
      const m = this.members.get(input.memberId);
      if (m.leftOn) throw invalid('memberId', `${m.name} 已于 ${m.leftOn} 离开，不能发放流动党员活动证`);
      const open = this.db
        .prepare('SELECT certificate_no FROM floating_certificates WHERE member_id = ? AND date_back IS NULL')
        .get(m.id) as { certificate_no: string } | undefined;
      if (open)
        throw new ServiceError('conflict', `${m.name} 已有一本尚未登记返回的流动党员活动证（${open.certificate_no}），请先登记返回后再发证。`);
      this.checkNumber(input.certificateNo, null);
      const at = this.now().toISOString();
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO floating_certificates (certificate_no, member_id, direction, branch_id, issue_date, reason, destination, date_out,
               date_back, note, created_at, updated_at)
             VALUES (@no, @memberId, @direction, @branchId, @issueDate, @reason, @destination, @dateOut, NULL, @note, @at, @at)`,
          )
          .run({
            no: input.certificateNo,
            memberId: m.id,
            direction: input.direction,
            branchId: this.branchOn(m.id, input.issueDate) ?? m.branchId,
            issueDate: input.issueDate,
            reason: input.reason,
            destination: input.destination,
            dateOut: input.dateOut,
            note: input.note ?? null,
            at,
          }).lastInsertRowid,
      );
      const created = this.get(id);
      this.audit.write({
        action: 'issue',
        entity: 'floatingCertificate',
        entityId: id,
        changes: diffOf(null, created),
        note: `发放流动党员活动证 ${input.certificateNo}（${FLOATING_DIRECTION_LABELS[input.direction]}，${m.name}）`,
      });
      this.syncRegister(created);
      return created;
    });
  }

  update(input: FloatingUpdateInput): FloatingCertificate {
    return this.registered(() => {
      const before = this.get(input.id);
      this.checkDates(input, before.direction);
      if (before.dateBack && input.dateOut > before.dateBack) throw invalid('dateOut', `外出日期不能晚于返回日期（${before.dateBack}）`);
      this.checkNumber(input.certificateNo, input.id);
      this.db
        .prepare(
          `UPDATE floating_certificates SET certificate_no = @no, issue_date = @issueDate, branch_id = @branchId, reason = @reason,
             destination = @destination, date_out = @dateOut, note = @note, updated_at = @at WHERE id = @id`,
        )
        .run({
          no: input.certificateNo,
          issueDate: input.issueDate,
          // A corrected issue date names the branch of that day, as issue() does (unchanged, the branch stays).
          branchId: input.issueDate === before.issueDate ? before.branchId : (this.branchOn(before.memberId, input.issueDate) ?? before.branchId),
          reason: input.reason,
          destination: input.destination,
          dateOut: input.dateOut,
          note: input.note ?? null,
          at: this.now().toISOString(),
          id: input.id,
        });
      const after = this.get(input.id);
      const changes = diffOf(before, after);
      if (changes.length) this.audit.write({ action: 'update', entity: 'floatingCertificate', entityId: input.id, changes, note: `修改流动党员活动证 ${after.certificateNo}` });
      this.syncRegister(after);
      return after;
    });
  }

  /** 登记返回: closes the certificate. */
  recordReturn(id: number, dateBack: string): FloatingCertificate {
    return this.registered(() => {
      const before = this.get(id);
      if (before.dateBack) throw new ServiceError('conflict', `活动证 ${before.certificateNo} 已于 ${before.dateBack} 登记返回，不能重复登记。`);
      if (dateBack < before.dateOut) throw invalid('dateBack', `返回日期不能早于外出日期（${before.dateOut}）`);
      if (dateBack > this.today()) throw invalid('dateBack', '返回日期不能晚于今天');
      this.db.prepare('UPDATE floating_certificates SET date_back = ?, updated_at = ? WHERE id = ?').run(dateBack, this.now().toISOString(), id);
      const after = this.get(id);
      this.audit.write({ action: 'return', entity: 'floatingCertificate', entityId: id, changes: diffOf(before, after), note: `${after.memberName} 已于 ${dateBack} 返回` });
      this.syncRegister(after);
      return after;
    });
  }

  /**
   * The register says what the certificates say: a member with an open certificate is a 流动党员 in its direction,
   * with its 流向; once it is returned (and no other is open) they are not. Issuing a certificate, correcting it or
   * recording the return would otherwise leave 名册, 概览 and the returns counting a different set of floating members
   * from this register. A member who has left keeps their record as it was.
   */
  private syncRegister(c: FloatingCertificate): void {
    const m = this.members.get(c.memberId);
    if (m.leftOn) return;
    const open = this.db
      .prepare('SELECT direction, destination FROM floating_certificates WHERE member_id = ? AND date_back IS NULL ORDER BY issue_date DESC, id DESC LIMIT 1')
      .get(m.id) as { direction: FloatingDirection; destination: string } | undefined;
    // Returned with none open: only a flag this register set (same direction) is cleared.
    if (!open && !(m.floating && m.floatingDirection === c.direction)) return;
    const note = open
      ? `按流动党员活动证 ${c.certificateNo} 标记为${FLOATING_DIRECTION_LABELS[open.direction]}党员`
      : `流动党员活动证 ${c.certificateNo} 已登记返回，不再是流动党员`;
    this.members.setFloatingWithin(m.id, open ? { floating: true, direction: open.direction, destination: open.destination } : { floating: false, direction: null, destination: null }, note);
  }

  /** A write to the certificates (and, through syncRegister, the member's record) in one transaction; the register's list index after it. */
  private registered(fn: () => FloatingCertificate): FloatingCertificate {
    const c = this.db.transaction(fn).immediate();
    this.members.listIndex.refresh([c.memberId]);
    return c;
  }

  /** 年审: one entry per certificate per year, for the years the certificate covers. */
  review(input: FloatingReviewInput): FloatingCertificate {
    return this.db
      .transaction(() => {
        const c = this.get(input.id);
        if (input.date > this.today()) throw invalid('date', '年审日期不能晚于今天');
        const first = Number(c.issueDate.slice(0, 4));
        const last = c.dateBack ? Number(c.dateBack.slice(0, 4)) : this.year();
        if (input.year < first || input.year > last)
          throw invalid('year', c.dateBack ? `该活动证只能登记 ${first} 至 ${last} 年的年审` : `年审年度应在 ${first} 至 ${last} 年之间`);
        if (input.date < c.issueDate) throw invalid('date', `年审日期不能早于发证日期（${c.issueDate}）`);
        const dup = this.db
          .prepare('SELECT date FROM floating_certificate_reviews WHERE certificate_id = ? AND year = ?')
          .get(c.id, input.year) as { date: string } | undefined;
        if (dup) throw invalid('year', `${input.year} 年的年审已于 ${dup.date} 登记过`);
        this.db
          .prepare('INSERT INTO floating_certificate_reviews (certificate_id, year, date, result, reviewer, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(c.id, input.year, input.date, input.result, input.reviewer ?? null, this.now().toISOString());
        this.db.prepare('UPDATE floating_certificates SET updated_at = ? WHERE id = ?').run(this.now().toISOString(), c.id);
        this.audit.write({
          action: 'review',
          entity: 'floatingCertificate',
          entityId: c.id,
          changes: [{ field: `review${input.year}`, old: null, new: { date: input.date, result: input.result, reviewer: input.reviewer ?? null } }],
          note: `${input.year} 年年审：${input.result}`,
        });
        return this.get(c.id);
      })
      .immediate();
  }

  private checkDates(input: { issueDate: string; dateOut: string }, direction: FloatingCertificate['direction']): void {
    if (input.issueDate > this.today()) throw invalid('issueDate', '发证日期不能晚于今天');
    if (input.dateOut > this.today()) throw invalid('dateOut', `${direction === 'inflow' ? '流入日期' : '外出日期'}不能晚于今天`);
  }

  /** The member's branch on a day, from their branch history (the last stay begun by then). */
  private branchOn(memberId: number, date: string): number | null {
    const stay = this.members.history(memberId).filter((x) => x.from <= date).at(-1);
    return stay && (stay.to == null || stay.to >= date) ? stay.orgId : null;
  }

  private checkNumber(no: string, exceptId: number | null): void {
    const dup = this.db
      .prepare('SELECT m.name FROM floating_certificates c JOIN members m ON m.id = c.member_id WHERE c.certificate_no = ? AND c.id IS NOT ?')
      .get(no, exceptId) as { name: string } | undefined;
    if (dup) throw invalid('certificateNo', `活动证编号 ${no} 已用于 ${dup.name}`);
  }

  private row(id: number): Row {
    const r = this.db.prepare(`${SELECT} WHERE c.id = @id`).get({ id, year: this.year() }) as Row | undefined;
    if (!r) throw new ServiceError('not_found', `找不到编号为 ${id} 的流动党员活动证记录。请刷新后重试。`);
    return r;
  }

  private today(): string {
    return todayIso(this.now());
  }

  private year(): number {
    return Number(this.today().slice(0, 4));
  }
}

function toRow(r: Row): FloatingCertificateRow {
  return {
    id: r.id,
    certificateNo: r.certificate_no,
    memberId: r.member_id,
    memberName: r.member_name,
    direction: r.direction as FloatingDirection,
    branchId: r.branch_id,
    branchName: r.branch_name,
    issueDate: r.issue_date,
    reason: r.reason,
    destination: r.destination,
    dateOut: r.date_out,
    dateBack: r.date_back,
    note: r.note,
    reviewedThisYear: r.reviewed_this_year === 1,
    lastReviewYear: r.last_review_year,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function invalid(field: string, message: string): ServiceError {
  return new ServiceError('validation', message, { [field]: message });
}

function diffOf(before: FloatingCertificateRow | null, after: FloatingCertificateRow) {
  const changes = [];
  for (const f of AUDITED) {
    const o = (before ? before[f] : null) ?? null;
    const n = after[f] ?? null;
    if (o !== n) changes.push({ field: f, old: o, new: n });
  }
  return changes;
}
