/**
 * 在职党员到社区报到（双报到）. register() records a member's report to a community — a member of the register, or a
 * new in-service member added to the register with the registration (分类: 在职党员) — one registration per member per
 * community; the member gets the 在职党员 classification. Service records (date, post or activity, hours, content)
 * add up per year. The feedback sheet (居住地表现反馈表) for a period is filled from the records in it, with the
 * community's assessment; the period's list goes out as Excel. Audited as entity 'inServiceRegistration'.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../excel/write/exceljs';
import type { AuditEntry, FileDownload } from '../../shared/contract';
import { ASSESSMENT_GRADE_LABELS, type AssessmentGrade, type MembershipKind } from '../../shared/domain/labels';
import { maskIdNumber, todayIso } from '../../shared/rules/idNumber';
import { blankMemberInput, memberInput, toMemberInput } from '../../shared/rules/member';
import {
  periodLabel,
  periodRange,
  type FeedbackEntry,
  type FeedbackInput,
  type FeedbackListRow,
  type FeedbackSheet,
  type InServiceListQuery,
  type InServiceRegistration,
  type InServiceRow,
  type RegistrationInput,
  type RegistrationUpdateInput,
  type ServiceRecord,
  type ServiceRecordInput,
} from '../../shared/inService';
import type { Sqlite } from '../db/connection';
import { ServiceError } from '../errors';
import type { AuditService } from '../audit/service';
import type { MemberService } from '../members/service';
import { changesOf, checkCommunity, checkPeriod, invalid, likePattern, removedChanges } from '../cobuilding/common';

interface RegDbRow {
  id: number;
  member_id: number;
  name: string;
  id_number: string;
  mobile: string | null;
  membership_kind: string;
  member_left_on: string | null;
  sex: string | null;
  birth_date: string | null;
  community_id: number;
  community_name: string;
  registered_on: string;
  employer: string;
  employer_party_org: string;
  post: string | null;
  specialty: string | null;
  ended_on: string | null;
  note: string | null;
  year_records: number;
  year_hours: number | null;
  last_service_on: string | null;
}

const SELECT = `SELECT r.*, m.name, m.id_number, m.mobile, m.membership_kind, m.left_on AS member_left_on, m.sex, m.birth_date, o.name AS community_name,
    (SELECT count(*) FROM in_service_records s WHERE s.registration_id = r.id AND s.date BETWEEN @from AND @to) AS year_records,
    (SELECT sum(hours) FROM in_service_records s WHERE s.registration_id = r.id AND s.date BETWEEN @from AND @to) AS year_hours,
    (SELECT max(date) FROM in_service_records s WHERE s.registration_id = r.id) AS last_service_on
  FROM in_service_registrations r JOIN members m ON m.id = r.member_id JOIN organisations o ON o.id = r.community_id`;

const AUDITED = ['memberId', 'communityId', 'registeredOn', 'employer', 'employerPartyOrg', 'post', 'specialty', 'endedOn', 'note'] as const;

export class InServiceService {
  constructor(
    private readonly db: Sqlite,
    private readonly members: MemberService,
    private readonly audit: AuditService,
    private readonly now: () => Date,
  ) {}

  list(q: InServiceListQuery): InServiceRow[] {
    const year = q.year ?? this.year();
    const where: string[] = [];
    const params: Record<string, unknown> = { from: `${year}-01-01`, to: `${year}-12-31` };
    if (q.status === 'active') where.push('r.ended_on IS NULL');
    else if (q.status === 'ended') where.push('r.ended_on IS NOT NULL');
    if (q.communityId != null) {
      where.push('r.community_id = @communityId');
      params['communityId'] = q.communityId;
    }
    const text = q.q?.trim();
    if (text) {
      where.push(`(m.name LIKE @like ESCAPE '\\' OR m.name_initials LIKE @prefix ESCAPE '\\' OR r.employer LIKE @like ESCAPE '\\' OR r.post LIKE @like ESCAPE '\\')`);
      params['like'] = likePattern(text);
      params['prefix'] = `${text.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    }
    const rows = this.db.prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY o.name, m.name_pinyin LIMIT 10000`).all(params) as RegDbRow[];
    return rows.map((r) => toRow(r, year));
  }

  get(id: number): InServiceRegistration {
    const row = this.row(id, this.year());
    const records = this.records(id);
    const yearly = this.db
      .prepare(
        `SELECT CAST(substr(date, 1, 4) AS INTEGER) AS year, count(*) AS records, sum(hours) AS hours FROM in_service_records
         WHERE registration_id = ? GROUP BY year ORDER BY year DESC`,
      )
      .all(id) as { year: number; records: number; hours: number }[];
    const feedback = (this.db.prepare('SELECT * FROM in_service_feedback WHERE registration_id = ? ORDER BY period DESC').all(id) as FeedbackDbRow[]).map(toFeedback);
    return { ...row, records, yearly, feedback };
  }

  /**
   * For 统计报表 (在职党员报到情况): each registration with its community, whether it stood at the end of `end`
   * (报到日期 on or before it, not ended by it, the member in the register that day), whether it was made within the
   * period, and its service records dated from `start` to `end` (count and hours).
   */
  periodFacts(start: string, end: string): { communityId: number; standing: boolean; newInPeriod: boolean; records: number; hours: number }[] {
    return (
      this.db
        .prepare(
          `SELECT r.community_id, r.registered_on,
             r.registered_on <= @end AND (r.ended_on IS NULL OR r.ended_on > @end)
               AND coalesce(m.joined_on, substr(m.created_at, 1, 10)) <= @end AND (m.left_on IS NULL OR m.left_on > @end),
             (SELECT count(*) FROM in_service_records s WHERE s.registration_id = r.id AND s.date BETWEEN @start AND @end),
             (SELECT coalesce(sum(hours), 0) FROM in_service_records s WHERE s.registration_id = r.id AND s.date BETWEEN @start AND @end)
           FROM in_service_registrations r JOIN members m ON m.id = r.member_id`,
        )
        .raw()
        .all({ start, end }) as [number, string, number, number, number][]
    ).map(([communityId, registeredOn, standing, records, hours]) => ({
      communityId,
      standing: standing === 1,
      newInPeriod: standing === 1 && registeredOn >= start,
      records,
      hours,
    }));
  }

  auditOf(id: number): AuditEntry[] {
    this.row(id, this.year());
    return this.audit.forEntity('inServiceRegistration', id);
  }

  /** 报到: one registration per member per community. A new in-service member is added to the register first. */
  register(input: RegistrationInput): InServiceRegistration {
    const id = this.db
      .transaction(() => {
        const communityName = checkCommunity(this.db, input.communityId);
        if (input.registeredOn > this.today()) throw invalid('registeredOn', '报到日期不能晚于今天');
        let memberId = input.memberId;
        if (memberId == null) {
          if (!input.newMember) throw invalid('memberId', '请从名册中选择党员，或填写新报到党员的信息');
          memberId = this.addMember(input.newMember);
        } else {
          const m = this.members.get(memberId);
          if (m.leftOn) throw invalid('memberId', `${m.name} 已于 ${m.leftOn} 离开，不能登记报到`);
        }
        // 报到 is a Party member's: not before they joined.
        const joined = this.members.get(memberId).joinedOn;
        if (joined && input.registeredOn < joined) throw invalid('registeredOn', `报到日期不能早于加入党组织日期（${joined}）`);
        const dup = this.db
          .prepare('SELECT r.registered_on, m.name FROM in_service_registrations r JOIN members m ON m.id = r.member_id WHERE r.member_id = ? AND r.community_id = ?')
          .get(memberId, input.communityId) as { registered_on: string; name: string } | undefined;
        if (dup)
          throw invalid('memberId', `${dup.name} 已于 ${dup.registered_on} 向${communityName}报到，一名党员在同一社区只登记一次；如需修改，请打开原来的报到记录`);
        this.tagInService(memberId);
        const at = this.now().toISOString();
        const id = Number(
          this.db
            .prepare(
              `INSERT INTO in_service_registrations (member_id, community_id, registered_on, employer, employer_party_org, post, specialty, note, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(memberId, input.communityId, input.registeredOn, input.employer, input.employerPartyOrg, input.post ?? null, input.specialty ?? null, input.note ?? null, at, at)
            .lastInsertRowid,
        );
        const after = this.row(id, this.year());
        this.audit.write({ action: 'register', entity: 'inServiceRegistration', entityId: id, changes: changesOf(null, after, AUDITED), note: `${after.name} 向${communityName}报到` });
        return id;
      })
      .immediate();
    this.members.listIndex.refresh([this.row(id, this.year()).memberId]);
    return this.get(id);
  }

  update(input: RegistrationUpdateInput): InServiceRegistration {
    this.db
      .transaction(() => {
        const before = this.row(input.id, this.year());
        const today = this.today();
        const endedOn = input.endedOn ?? null;
        checkPeriod(today, { field: 'registeredOn', label: '报到日期', date: input.registeredOn }, { field: 'endedOn', label: '结束日期', date: endedOn });
        const joined = this.members.get(before.memberId).joinedOn;
        if (joined && input.registeredOn < joined) throw invalid('registeredOn', `报到日期不能早于加入党组织日期（${joined}）`);
        const first = this.db.prepare('SELECT min(date) FROM in_service_records WHERE registration_id = ?').pluck().get(input.id) as string | null;
        if (first && first < input.registeredOn) throw invalid('registeredOn', `已有 ${first} 的服务记录，报到日期不能晚于它`);
        const last = this.db.prepare('SELECT max(date) FROM in_service_records WHERE registration_id = ?').pluck().get(input.id) as string | null;
        if (endedOn && last && last > endedOn) throw invalid('endedOn', `已有 ${last} 的服务记录，结束日期不能早于它`);
        this.db
          .prepare(
            `UPDATE in_service_registrations SET registered_on = @registeredOn, employer = @employer, employer_party_org = @employerPartyOrg, post = @post,
               specialty = @specialty, ended_on = @endedOn, note = @note, updated_at = @at WHERE id = @id`,
          )
          .run({
            id: input.id,
            registeredOn: input.registeredOn,
            employer: input.employer,
            employerPartyOrg: input.employerPartyOrg,
            post: input.post ?? null,
            specialty: input.specialty ?? null,
            endedOn,
            note: input.note ?? null,
            at: this.now().toISOString(),
          });
        const after = this.row(input.id, this.year());
        const changes = changesOf(before, after, AUDITED);
        if (changes.length)
          this.audit.write({ action: 'update', entity: 'inServiceRegistration', entityId: input.id, changes, note: endedOn && !before.endedOn ? `${after.name} 报到结束` : `修改 ${after.name} 的报到信息` });
      })
      .immediate();
    return this.get(input.id);
  }

  saveRecord(input: ServiceRecordInput): InServiceRegistration {
    this.db
      .transaction(() => {
        const reg = this.row(input.registrationId, this.year());
        if (input.date > this.today()) throw invalid('date', '服务日期不能晚于今天');
        if (input.date < reg.registeredOn) throw invalid('date', `服务日期不能早于报到日期（${reg.registeredOn}）`);
        if (reg.endedOn && input.date > reg.endedOn) throw invalid('date', `报到已于 ${reg.endedOn} 结束，服务日期不能晚于它`);
        const values = { registrationId: input.registrationId, date: input.date, post: input.post, hours: input.hours, content: input.content };
        if (input.id == null) {
          const id = Number(
            this.db
              .prepare('INSERT INTO in_service_records (registration_id, date, post, hours, content, created_at) VALUES (@registrationId, @date, @post, @hours, @content, @at)')
              .run({ ...values, at: this.now().toISOString() }).lastInsertRowid,
          );
          this.audit.write({ action: 'update', entity: 'inServiceRegistration', entityId: reg.id, changes: [{ field: `record${id}`, old: null, new: values }], note: `${reg.name} 服务记录：${input.date} ${input.post} ${input.hours} 小时` });
        } else {
          const before = this.record(input.id);
          if (before.registrationId !== input.registrationId) throw invalid('registrationId', '服务记录不属于这名党员');
          this.db.prepare('UPDATE in_service_records SET date = @date, post = @post, hours = @hours, content = @content WHERE id = @id').run({ ...values, id: input.id });
          const changes = changesOf(before, { ...before, ...values }, ['date', 'post', 'hours', 'content']);
          if (changes.length) this.audit.write({ action: 'update', entity: 'inServiceRegistration', entityId: reg.id, changes, note: `修改 ${reg.name} ${before.date} 的服务记录` });
        }
        this.touch(reg.id);
      })
      .immediate();
    return this.get(input.registrationId);
  }

  removeRecord(id: number): InServiceRegistration {
    const regId = this.db
      .transaction(() => {
        const r = this.record(id);
        this.db.prepare('DELETE FROM in_service_records WHERE id = ?').run(id);
        this.audit.write({ action: 'delete', entity: 'inServiceRegistration', entityId: r.registrationId, changes: removedChanges(r, ['date', 'post', 'hours', 'content']), note: `删除 ${r.date} 的服务记录` });
        this.touch(r.registrationId);
        return r.registrationId;
      })
      .immediate();
    return this.get(regId);
  }

  /** 居住地表现反馈表 for one member and period: the records in the period, their totals, the assessment if any. */
  feedbackSheet(registrationId: number, period: string): FeedbackSheet {
    const year = Number(period.slice(0, 4));
    const r = this.db.prepare(`${SELECT} WHERE r.id = @id`).get({ id: registrationId, from: `${year}-01-01`, to: `${year}-12-31` }) as RegDbRow | undefined;
    if (!r) throw new ServiceError('not_found', `找不到编号为 ${registrationId} 的报到记录，请刷新后重试。`);
    const { from, to } = periodRange(period);
    const records = this.records(registrationId).filter((x) => x.date >= from && x.date <= to).reverse();
    const fb = this.db.prepare('SELECT * FROM in_service_feedback WHERE registration_id = ? AND period = ?').get(registrationId, period) as FeedbackDbRow | undefined;
    return {
      registration: toRow(r, year),
      sex: r.sex as 'male' | 'female' | null,
      birthDate: r.birth_date,
      period,
      periodLabel: periodLabel(period),
      from,
      to,
      records,
      recordCount: records.length,
      hours: records.reduce((s, x) => s + x.hours, 0),
      feedback: fb ? toFeedback(fb) : null,
      issuer: r.community_name,
    };
  }

  saveFeedback(input: FeedbackInput): FeedbackSheet {
    this.db
      .transaction(() => {
        const reg = this.row(input.registrationId, this.year());
        const { from } = periodRange(input.period);
        if (input.assessedOn > this.today()) throw invalid('assessedOn', '填表日期不能晚于今天');
        if (input.assessedOn < from) throw invalid('assessedOn', `填表日期不能早于反馈期间的开始（${from}）`);
        const before = this.db.prepare('SELECT * FROM in_service_feedback WHERE registration_id = ? AND period = ?').get(input.registrationId, input.period) as FeedbackDbRow | undefined;
        const at = this.now().toISOString();
        this.db
          .prepare(
            `INSERT INTO in_service_feedback (registration_id, period, grade, comment, assessed_on, assessor, created_at, updated_at)
             VALUES (@registrationId, @period, @grade, @comment, @assessedOn, @assessor, @at, @at)
             ON CONFLICT (registration_id, period) DO UPDATE SET grade = excluded.grade, comment = excluded.comment, assessed_on = excluded.assessed_on,
               assessor = excluded.assessor, updated_at = excluded.updated_at`,
          )
          .run({ ...input, assessor: input.assessor ?? null, at });
        const old = before ? toFeedback(before) : null;
        const now: FeedbackEntry = { period: input.period, periodLabel: periodLabel(input.period), grade: input.grade, comment: input.comment, assessedOn: input.assessedOn, assessor: input.assessor ?? null };
        const changes = changesOf(old, now, ['grade', 'comment', 'assessedOn', 'assessor']).map((c) => ({ ...c, field: `feedback${input.period}.${c.field}` }));
        if (changes.length)
          this.audit.write({ action: 'review', entity: 'inServiceRegistration', entityId: reg.id, changes, note: `${reg.name} ${periodLabel(input.period)}居住地表现反馈：${ASSESSMENT_GRADE_LABELS[input.grade]}` });
        this.touch(reg.id);
      })
      .immediate();
    return this.feedbackSheet(input.registrationId, input.period);
  }

  /** Every registration in force during the period, with its records' totals and its feedback (if filled). */
  feedbackList(period: string): FeedbackListRow[] {
    const { from, to } = periodRange(period);
    const rows = this.db
      .prepare(
        `SELECT r.id, m.name, r.employer, r.employer_party_org, o.name AS community_name, r.post,
           (SELECT count(*) FROM in_service_records s WHERE s.registration_id = r.id AND s.date BETWEEN @from AND @to) AS records,
           (SELECT coalesce(sum(hours), 0) FROM in_service_records s WHERE s.registration_id = r.id AND s.date BETWEEN @from AND @to) AS hours,
           f.grade, f.comment, f.assessed_on
         FROM in_service_registrations r JOIN members m ON m.id = r.member_id JOIN organisations o ON o.id = r.community_id
           LEFT JOIN in_service_feedback f ON f.registration_id = r.id AND f.period = @period
         WHERE r.registered_on <= @to AND (r.ended_on IS NULL OR r.ended_on >= @from)
         ORDER BY o.name, m.name_pinyin`,
      )
      .all({ from, to, period }) as {
      id: number;
      name: string;
      employer: string;
      employer_party_org: string;
      community_name: string;
      post: string | null;
      records: number;
      hours: number;
      grade: string | null;
      comment: string | null;
      assessed_on: string | null;
    }[];
    return rows.map((r) => ({
      registrationId: r.id,
      name: r.name,
      employer: r.employer,
      employerPartyOrg: r.employer_party_org,
      communityName: r.community_name,
      post: r.post,
      recordCount: r.records,
      hours: r.hours,
      grade: r.grade as AssessmentGrade | null,
      comment: r.comment,
      assessedOn: r.assessed_on,
    }));
  }

  /** The period's feedback list as an A4 workbook: title, one line per member, the signature lines. */
  async exportFeedback(period: string): Promise<FileDownload> {
    const rows = this.feedbackList(period);
    const label = periodLabel(period);
    const excel = await loadExcelJS();
    const wb = new excel.Workbook();
    wb.creator = '社区党建工作台';
    const ws = wb.addWorksheet('居住地表现反馈', {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3', margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    });
    const headers = ['序号', '姓名', '工作单位', '单位党组织', '报到社区', '服务岗位', '服务次数', '服务时长（小时）', '评价等次', '社区评价意见', '填表日期'];
    const widths = [6, 10, 24, 24, 16, 16, 9, 10, 9, 40, 12];
    ws.columns = widths.map((w) => ({ width: w }));
    ws.mergeCells(1, 1, 1, headers.length);
    const title = ws.getCell(1, 1);
    title.value = `在职党员${label}居住地表现反馈汇总表`;
    title.font = { name: '宋体', size: 16, bold: true };
    title.alignment = { horizontal: 'center', vertical: 'middle' };
    ws.getRow(1).height = 30;
    ws.mergeCells(2, 1, 2, headers.length);
    ws.getCell(2, 1).value = `反馈期间：${periodRange(period).from} 至 ${periodRange(period).to}　　共 ${rows.length} 人，已评价 ${rows.filter((r) => r.grade).length} 人`;
    ws.getCell(2, 1).font = { name: '宋体', size: 11 };
    const border: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    const head = ws.getRow(3);
    headers.forEach((h, i) => {
      const c = head.getCell(i + 1);
      c.value = h;
      c.font = { name: '宋体', size: 11, bold: true };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = border;
    });
    rows.forEach((r, i) => {
      const row = ws.getRow(4 + i);
      const values = [i + 1, r.name, r.employer, r.employerPartyOrg, r.communityName, r.post ?? '', r.recordCount, r.hours, r.grade ? ASSESSMENT_GRADE_LABELS[r.grade] : '未评价', r.comment ?? '', r.assessedOn ?? ''];
      values.forEach((v, k) => {
        const c = row.getCell(k + 1);
        c.value = v;
        c.font = { name: '宋体', size: 10 };
        c.alignment = { vertical: 'top', wrapText: true, horizontal: typeof v === 'number' ? 'center' : 'left' };
        c.border = border;
      });
    });
    const foot = ws.getRow(5 + rows.length);
    foot.getCell(1).value = '填报单位（盖章）：';
    foot.getCell(6).value = '负责人：';
    foot.getCell(9).value = '填表人：';
    foot.getCell(11).value = `填报日期：${this.today()}`;
    const buf = await wb.xlsx.writeBuffer();
    return { fileName: `在职党员居住地表现反馈汇总表（${label}）.xlsx`, dataBase64: Buffer.from(buf as ArrayBuffer).toString('base64') };
  }

  /** Adds a new in-service member to the register (分类: 在职党员, no branch here): the registration's first step. */
  private addMember(n: NonNullable<RegistrationInput['newMember']>): number {
    const check = this.members.checkId(n.idNumber);
    if (check.duplicate)
      throw invalid(
        'idNumber',
        check.duplicate.active
          ? `名册中已有这个公民身份号码（${check.duplicate.name}），请改为从名册中选择`
          : `这个公民身份号码属于已离开的 ${check.duplicate.name}，请先在党员名册中恢复其记录`,
      );
    const parsed = memberInput.safeParse({
      ...blankMemberInput(),
      name: n.name,
      idNumber: n.idNumber,
      sex: n.sex ?? null,
      membershipKind: n.membershipKind,
      mobile: n.mobile ?? null,
      address: n.address ?? null,
      tags: ['inService'],
      note: '在职党员到社区报到时登记',
    });
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      throw invalid(String(i.path[0] ?? 'memberId'), i.message);
    }
    return this.members.create(parsed.data).id;
  }

  /** The register's classification follows the registration (audited by the register as a member update). */
  private tagInService(memberId: number): void {
    const m = this.members.get(memberId);
    if (m.tags.includes('inService')) return;
    const input = toMemberInput(m);
    input.tags = [...input.tags, 'inService'];
    try {
      this.members.update(memberId, input, m.version);
    } catch (e) {
      // A record the register would refuse today (an old import's gap) keeps its tags; the registration stands.
      if (!(e instanceof ServiceError)) throw e;
    }
  }

  private touch(id: number): void {
    this.db.prepare('UPDATE in_service_registrations SET updated_at = ? WHERE id = ?').run(this.now().toISOString(), id);
  }

  private records(registrationId: number): ServiceRecord[] {
    return (
      this.db.prepare('SELECT * FROM in_service_records WHERE registration_id = ? ORDER BY date DESC, id DESC').all(registrationId) as {
        id: number;
        registration_id: number;
        date: string;
        post: string;
        hours: number;
        content: string;
      }[]
    ).map((r) => ({ id: r.id, registrationId: r.registration_id, date: r.date, post: r.post, hours: r.hours, content: r.content }));
  }

  private record(id: number): ServiceRecord {
    const r = this.db.prepare('SELECT * FROM in_service_records WHERE id = ?').get(id) as
      | { id: number; registration_id: number; date: string; post: string; hours: number; content: string }
      | undefined;
    if (!r) throw new ServiceError('not_found', '找不到这条服务记录，请刷新后重试。');
    return { id: r.id, registrationId: r.registration_id, date: r.date, post: r.post, hours: r.hours, content: r.content };
  }

  private row(id: number, year: number): InServiceRow {
    const r = this.db.prepare(`${SELECT} WHERE r.id = @id`).get({ id, from: `${year}-01-01`, to: `${year}-12-31` }) as RegDbRow | undefined;
    if (!r) throw new ServiceError('not_found', `找不到编号为 ${id} 的报到记录，请刷新后重试。`);
    return toRow(r, year);
  }

  private today(): string {
    return todayIso(this.now());
  }

  private year(): number {
    return Number(this.today().slice(0, 4));
  }
}

function toRow(r: RegDbRow, year: number): InServiceRow {
  return {
    id: r.id,
    memberId: r.member_id,
    name: r.name,
    idNumberMasked: maskIdNumber(r.id_number),
    mobile: r.mobile,
    membershipKind: r.membership_kind as MembershipKind,
    memberLeft: r.member_left_on != null,
    communityId: r.community_id,
    communityName: r.community_name,
    registeredOn: r.registered_on,
    employer: r.employer,
    employerPartyOrg: r.employer_party_org,
    post: r.post,
    specialty: r.specialty,
    endedOn: r.ended_on,
    note: r.note,
    year,
    yearRecords: r.year_records,
    yearHours: r.year_hours ?? 0,
    lastServiceOn: r.last_service_on,
  };
}

interface FeedbackDbRow {
  registration_id: number;
  period: string;
  grade: string;
  comment: string;
  assessed_on: string;
  assessor: string | null;
}

function toFeedback(f: FeedbackDbRow): FeedbackEntry {
  return { period: f.period, periodLabel: periodLabel(f.period), grade: f.grade as AssessmentGrade, comment: f.comment, assessedOn: f.assessed_on, assessor: f.assessor };
}
