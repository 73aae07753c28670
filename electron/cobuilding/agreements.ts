/**
 * 共驻共建协议 / 结对共建: the community (or the street committee) and one or more units of the area sign for a term;
 * each side's commitments are a list ticked off with dates, shared resources name who opens them, and the agreement
 * is reviewed once a year with a grade and a short assessment. Its state (未生效 / 履行中 / 即将到期 / 已到期) is
 * computed from the day (shared/cobuilding.ts agreementStatus), never stored. Audited as entity 'agreement'.
 */
import type { AuditEntry } from '../../shared/contract';
import {
  agreementStatus,
  type Agreement,
  type AgreementCommitment,
  type AgreementInput,
  type AgreementReviewInput,
  type AgreementRow,
  type AgreementStatus,
  type CommitmentSide,
} from '../../shared/cobuilding';
import { AGREEMENT_KIND_LABELS, ASSESSMENT_GRADE_LABELS, type AgreementKind, type AssessmentGrade } from '../../shared/domain/labels';
import { todayIso } from '../../shared/rules/idNumber';
import type { Sqlite } from '../db/connection';
import { ServiceError } from '../errors';
import type { AuditService } from '../audit/service';
import { changesOf, checkCommunity, invalid, likePattern } from './common';
import type { ActivityService } from './activities';

interface AgreementDbRow {
  id: number;
  title: string;
  kind: string;
  community_id: number;
  community_name: string;
  signed_on: string;
  start_on: string;
  term_years: number | null;
  end_on: string;
  planned_activities: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  units: string;
  done: number;
  total: number;
  reviewed_this_year: number;
  last_review_year: number | null;
}

const SELECT = `SELECT a.*, o.name AS community_name,
    (SELECT json_group_array(json_object('id', u.id, 'name', u.name)) FROM
       (SELECT u.id, u.name FROM agreement_units au JOIN resident_units u ON u.id = au.unit_id WHERE au.agreement_id = a.id ORDER BY au.position) u) AS units,
    (SELECT count(*) FROM agreement_commitments c WHERE c.agreement_id = a.id AND c.done_on IS NOT NULL) AS done,
    (SELECT count(*) FROM agreement_commitments c WHERE c.agreement_id = a.id) AS total,
    EXISTS (SELECT 1 FROM agreement_reviews r WHERE r.agreement_id = a.id AND r.year = @year) AS reviewed_this_year,
    (SELECT max(year) FROM agreement_reviews r WHERE r.agreement_id = a.id) AS last_review_year
  FROM agreements a JOIN organisations o ON o.id = a.community_id`;

const AUDITED = ['title', 'kind', 'communityId', 'units', 'signedOn', 'startOn', 'termYears', 'endOn', 'commitments', 'resources', 'plannedActivities', 'note'] as const;

export class AgreementService {
  constructor(
    private readonly db: Sqlite,
    private readonly audit: AuditService,
    private readonly now: () => Date,
    private readonly activities: ActivityService,
  ) {}

  list(q: { status?: AgreementStatus; unitId?: number; q?: string }): AgreementRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { year: this.year() };
    if (q.unitId != null) {
      where.push('EXISTS (SELECT 1 FROM agreement_units au WHERE au.agreement_id = a.id AND au.unit_id = @unitId)');
      params['unitId'] = q.unitId;
    }
    const text = q.q?.trim();
    if (text) {
      where.push(`(a.title LIKE @like ESCAPE '\\' OR EXISTS (SELECT 1 FROM agreement_units au JOIN resident_units u ON u.id = au.unit_id
                    WHERE au.agreement_id = a.id AND u.name LIKE @like ESCAPE '\\'))`);
      params['like'] = likePattern(text);
    }
    const rows = (this.db.prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.end_on, a.id`).all(params) as AgreementDbRow[]).map((r) =>
      this.toRow(r),
    );
    return q.status ? rows.filter((r) => r.status === q.status) : rows;
  }

  /** Agreements ending within the notice period or already ended, for the reminder. */
  expiring(): AgreementRow[] {
    return this.list({}).filter((r) => r.status === 'expiring');
  }

  get(id: number): Agreement {
    const r = this.db.prepare(`${SELECT} WHERE a.id = @id`).get({ id, year: this.year() }) as AgreementDbRow | undefined;
    if (!r) throw new ServiceError('not_found', `找不到编号为 ${id} 的共建协议，请刷新后重试。`);
    const row = this.toRow(r);
    const unitName = new Map(row.units.map((u) => [u.id, u.name]));
    const commitments = (
      this.db.prepare('SELECT * FROM agreement_commitments WHERE agreement_id = ? ORDER BY position').all(id) as {
        position: number;
        side: string;
        unit_id: number | null;
        text: string;
        due_on: string | null;
        done_on: string | null;
      }[]
    ).map(
      (c): AgreementCommitment => ({
        position: c.position,
        side: c.side as CommitmentSide,
        unitId: c.unit_id,
        partyName: c.unit_id != null ? (unitName.get(c.unit_id) ?? this.unitName(c.unit_id)) : row.communityName,
        text: c.text,
        dueOn: c.due_on,
        doneOn: c.done_on,
      }),
    );
    const resources = (
      this.db.prepare('SELECT * FROM agreement_resources WHERE agreement_id = ? ORDER BY position').all(id) as { position: number; unit_id: number | null; text: string }[]
    ).map((x) => ({
      position: x.position,
      unitId: x.unit_id,
      providerName: x.unit_id != null ? (unitName.get(x.unit_id) ?? this.unitName(x.unit_id)) : row.communityName,
      text: x.text,
    }));
    const reviews = (
      this.db.prepare('SELECT * FROM agreement_reviews WHERE agreement_id = ? ORDER BY year DESC').all(id) as {
        id: number;
        year: number;
        reviewed_on: string;
        grade: string;
        assessment: string;
      }[]
    ).map((v) => ({ id: v.id, year: v.year, reviewedOn: v.reviewed_on, grade: v.grade as AssessmentGrade, assessment: v.assessment }));
    return {
      ...row,
      commitments,
      resources,
      plannedActivities: r.planned_activities,
      note: r.note,
      reviews,
      activities: this.activities.list({ agreementId: id }),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  auditOf(id: number): AuditEntry[] {
    this.get(id);
    return this.audit.forEntity('agreement', id);
  }

  save(input: { id?: number; agreement: AgreementInput; expectedVersion?: number }): Agreement {
    const a = input.agreement;
    const id = this.db
      .transaction(() => {
        checkCommunity(this.db, a.communityId, 'communityId', { street: true });
        const today = this.today();
        if (a.signedOn > today) throw invalid('signedOn', '签订日期不能晚于今天');
        if (a.endOn < a.startOn) throw invalid('endOn', `到期日期不能早于生效日期（${a.startOn}）`);
        if (new Set(a.unitIds).size !== a.unitIds.length) throw invalid('unitIds', '同一个单位选了两次');
        const before = input.id != null ? this.get(input.id) : null;
        for (const u of a.unitIds) {
          const unit = this.db.prepare('SELECT name, left_on FROM resident_units WHERE id = ?').get(u) as { name: string; left_on: string | null } | undefined;
          if (!unit) throw invalid('unitIds', '所选驻区单位不存在，请刷新后重新选择');
          if (unit.left_on && !before?.units.some((x) => x.id === u)) throw invalid('unitIds', `${unit.name}已于 ${unit.left_on} 迁出辖区，不能再签订协议`);
        }
        a.commitments.forEach((c, i) => {
          if (c.side === 'unit' && (c.unitId == null || !a.unitIds.includes(c.unitId)))
            throw invalid('commitments', `第 ${i + 1} 项承诺：请选择作出承诺的是协议中的哪个单位`);
          if (c.doneOn && c.doneOn > today) throw invalid('commitments', `第 ${i + 1} 项承诺：完成日期不能晚于今天`);
          if (c.doneOn && c.doneOn < a.signedOn) throw invalid('commitments', `第 ${i + 1} 项承诺：完成日期不能早于签订日期（${a.signedOn}）`);
        });
        a.resources.forEach((x, i) => {
          if (x.unitId != null && !a.unitIds.includes(x.unitId)) throw invalid('resources', `第 ${i + 1} 项共享资源：提供资源的单位应是协议中的单位`);
        });
        const at = this.now().toISOString();
        const values = {
          title: a.title,
          kind: a.kind,
          communityId: a.communityId,
          signedOn: a.signedOn,
          startOn: a.startOn,
          termYears: a.termYears ?? null,
          endOn: a.endOn,
          plannedActivities: a.plannedActivities ?? null,
          note: a.note ?? null,
          at,
        };
        let id: number;
        if (before == null) {
          id = Number(
            this.db
              .prepare(
                `INSERT INTO agreements (title, kind, community_id, signed_on, start_on, term_years, end_on, planned_activities, note, created_at, updated_at)
                 VALUES (@title, @kind, @communityId, @signedOn, @startOn, @termYears, @endOn, @plannedActivities, @note, @at, @at)`,
              )
              .run(values).lastInsertRowid,
          );
        } else {
          id = before.id;
          if (input.expectedVersion != null && before.version !== input.expectedVersion)
            throw new ServiceError('conflict', `协议“${before.title}”刚被修改过（可能在另一个窗口）。请关闭表单，重新打开后再改。`);
          this.db
            .prepare(
              `UPDATE agreements SET title = @title, kind = @kind, community_id = @communityId, signed_on = @signedOn, start_on = @startOn,
                 term_years = @termYears, end_on = @endOn, planned_activities = @plannedActivities, note = @note, updated_at = @at,
                 version = version + 1 WHERE id = @id`,
            )
            .run({ ...values, id });
          for (const t of ['agreement_units', 'agreement_commitments', 'agreement_resources']) this.db.prepare(`DELETE FROM ${t} WHERE agreement_id = ?`).run(id);
        }
        const unitIns = this.db.prepare('INSERT INTO agreement_units (agreement_id, unit_id, position) VALUES (?, ?, ?)');
        a.unitIds.forEach((u, i) => unitIns.run(id, u, i));
        const cIns = this.db.prepare('INSERT INTO agreement_commitments (agreement_id, position, side, unit_id, text, due_on, done_on) VALUES (?, ?, ?, ?, ?, ?, ?)');
        a.commitments.forEach((c, i) => cIns.run(id, i, c.side, c.side === 'unit' ? c.unitId : null, c.text, c.dueOn ?? null, c.doneOn ?? null));
        const rIns = this.db.prepare('INSERT INTO agreement_resources (agreement_id, position, unit_id, text) VALUES (?, ?, ?, ?)');
        a.resources.forEach((x, i) => rIns.run(id, i, x.unitId, x.text));
        const after = this.get(id);
        const changes = changesOf(before && auditable(before), auditable(after), AUDITED);
        if (!before) this.audit.write({ action: 'create', entity: 'agreement', entityId: id, changes, note: `签订${AGREEMENT_KIND_LABELS[a.kind]}协议：${a.title}` });
        else if (changes.length) this.audit.write({ action: 'update', entity: 'agreement', entityId: id, changes, note: `修改协议：${a.title}` });
        return id;
      })
      .immediate();
    return this.get(id);
  }

  /** Ticks a commitment off with the day it was done (default: today), or back. */
  tick(input: { id: number; position: number; done: boolean; doneOn?: string }): Agreement {
    this.db
      .transaction(() => {
        const a = this.get(input.id);
        const c = a.commitments.find((x) => x.position === input.position);
        if (!c) throw new ServiceError('not_found', '找不到这项承诺，请刷新后重试。');
        const doneOn = input.done ? (input.doneOn ?? this.today()) : null;
        if (doneOn && doneOn > this.today()) throw invalid('doneOn', '完成日期不能晚于今天');
        if (doneOn && doneOn < a.signedOn) throw invalid('doneOn', `完成日期不能早于协议的签订日期（${a.signedOn}）`);
        if (c.doneOn === doneOn) return;
        this.db.prepare('UPDATE agreement_commitments SET done_on = ? WHERE agreement_id = ? AND position = ?').run(doneOn, a.id, input.position);
        this.db.prepare('UPDATE agreements SET updated_at = ?, version = version + 1 WHERE id = ?').run(this.now().toISOString(), a.id);
        this.audit.write({
          action: 'update',
          entity: 'agreement',
          entityId: a.id,
          changes: [{ field: `commitment${input.position + 1}`, old: c.doneOn, new: doneOn }],
          note: doneOn ? `承诺事项已完成（${c.partyName}）：${c.text}` : `承诺事项改为未完成（${c.partyName}）：${c.text}`,
        });
      })
      .immediate();
    return this.get(input.id);
  }

  /** 年度评估: one per agreement per year, for a year the agreement ran. */
  review(input: AgreementReviewInput): Agreement {
    this.db
      .transaction(() => {
        const a = this.get(input.id);
        const today = this.today();
        if (input.reviewedOn > today) throw invalid('reviewedOn', '评估日期不能晚于今天');
        const first = Number(a.startOn.slice(0, 4));
        const last = Math.min(Number(a.endOn.slice(0, 4)), this.year());
        if (input.year < first || input.year > last) throw invalid('year', first > last ? '协议尚未生效，还不能评估' : `评估年度应在 ${first} 至 ${last} 年之间`);
        const dup = this.db.prepare('SELECT reviewed_on FROM agreement_reviews WHERE agreement_id = ? AND year = ?').get(a.id, input.year) as { reviewed_on: string } | undefined;
        if (dup) throw invalid('year', `${input.year} 年度的评估已于 ${dup.reviewed_on} 登记过`);
        // A year is reviewed once it has begun for the agreement: not before 1 January, nor before the agreement took effect.
        const from = a.startOn > `${input.year}-01-01` ? a.startOn : `${input.year}-01-01`;
        if (input.reviewedOn < from) throw invalid('reviewedOn', `${input.year} 年度的评估日期不能早于 ${from}`);
        this.db
          .prepare('INSERT INTO agreement_reviews (agreement_id, year, reviewed_on, grade, assessment, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(a.id, input.year, input.reviewedOn, input.grade, input.assessment, this.now().toISOString());
        this.db.prepare('UPDATE agreements SET updated_at = ?, version = version + 1 WHERE id = ?').run(this.now().toISOString(), a.id);
        this.audit.write({
          action: 'review',
          entity: 'agreement',
          entityId: a.id,
          changes: [{ field: `review${input.year}`, old: null, new: { reviewedOn: input.reviewedOn, grade: input.grade, assessment: input.assessment } }],
          note: `${input.year} 年度评估：${ASSESSMENT_GRADE_LABELS[input.grade]}`,
        });
      })
      .immediate();
    return this.get(input.id);
  }

  private toRow(r: AgreementDbRow): AgreementRow {
    const { status, daysLeft } = agreementStatus({ startOn: r.start_on, endOn: r.end_on }, this.today());
    return {
      id: r.id,
      title: r.title,
      kind: r.kind as AgreementKind,
      communityId: r.community_id,
      communityName: r.community_name,
      units: JSON.parse(r.units) as { id: number; name: string }[],
      signedOn: r.signed_on,
      startOn: r.start_on,
      termYears: r.term_years,
      endOn: r.end_on,
      status,
      daysLeft,
      commitmentsDone: r.done,
      commitmentsTotal: r.total,
      reviewedThisYear: r.reviewed_this_year === 1,
      lastReviewYear: r.last_review_year,
      version: r.version,
    };
  }

  private unitName(id: number): string {
    return (this.db.prepare('SELECT name FROM resident_units WHERE id = ?').pluck().get(id) as string | undefined) ?? `单位 ${id}`;
  }

  private today(): string {
    return todayIso(this.now());
  }

  private year(): number {
    return Number(this.today().slice(0, 4));
  }
}

/** The agreement as the audit log records it: units by name, commitments and resources as text. */
function auditable(a: Agreement) {
  return {
    title: a.title,
    kind: a.kind,
    communityId: a.communityId,
    units: a.units.map((u) => u.name),
    signedOn: a.signedOn,
    startOn: a.startOn,
    termYears: a.termYears,
    endOn: a.endOn,
    commitments: a.commitments.map((c) => `${c.partyName}：${c.text}${c.doneOn ? `（${c.doneOn} 完成）` : ''}`),
    resources: a.resources.map((x) => `${x.providerName}：${x.text}`),
    plannedActivities: a.plannedActivities,
    note: a.note,
  };
}
