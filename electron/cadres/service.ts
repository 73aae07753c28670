/**
 * 社区党务干部队伍: the cadres of each community, their trainings and rotations, and the team's structure.
 *
 *  - A cadre is a register member (name, sex, birth date and education are then read from the register, never
 *    copied) or a person recorded here with those four. Post, community, formal or not, start and end dates.
 *    Never deleted: a cadre who leaves gets 离任日期. Version-checked like the register.
 *  - Trainings (培训 / 轮训): course, organiser, dates, hours, certificate; one entered by mistake may be deleted.
 *  - structure(year): the cadres in post on the year's last day (today, for the current year) through
 *    shared/rules/cadreStructure.ts — per community and in total.
 * Audited as entity 'cadre' (trainings under their cadre).
 */
import type { AuditEntry } from '../../shared/contract';
import type { Cadre, CadreInput, CadreListQuery, CadreRow, Training, TrainingInput } from '../../shared/cadres';
import { EDUCATION_LABELS, TRAINING_KIND_LABELS, type Education, type TrainingKind } from '../../shared/domain/labels';
import { cadreStructure, type CadreFact, type CadreStructure } from '../../shared/rules/cadreStructure';
import { maskPhone, todayIso } from '../../shared/rules/idNumber';
import { ageOn } from '../../shared/rules/member';
import type { Sqlite } from '../db/connection';
import { ServiceError } from '../errors';
import type { AuditService } from '../audit/service';
import { changesOf, checkCommunity, checkPeriod, invalid, likePattern, zhCollator } from '../cobuilding/common';

interface CadreDbRow {
  id: number;
  member_id: number | null;
  name: string;
  sex: 'male' | 'female' | null;
  birth_date: string | null;
  education: Education | null;
  post: string;
  community_id: number;
  community_name: string;
  formal: number;
  started_on: string;
  left_on: string | null;
  phone: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  hours_year: number | null;
}

/** With a member link the register's name, sex, birth date and education; otherwise the cadre's own. */
const SELECT = `SELECT c.id, c.member_id, coalesce(m.name, c.name) AS name, CASE WHEN c.member_id IS NULL THEN c.sex ELSE m.sex END AS sex,
    CASE WHEN c.member_id IS NULL THEN c.birth_date ELSE m.birth_date END AS birth_date,
    CASE WHEN c.member_id IS NULL THEN c.education ELSE m.education END AS education,
    c.post, c.community_id, o.name AS community_name, c.formal, c.started_on, c.left_on, coalesce(c.phone, m.mobile) AS phone, c.note,
    c.created_at, c.updated_at, c.version,
    (SELECT sum(t.hours) FROM cadre_trainings t WHERE t.cadre_id = c.id AND t.start_on BETWEEN @from AND @to) AS hours_year
  FROM cadres c JOIN organisations o ON o.id = c.community_id LEFT JOIN members m ON m.id = c.member_id`;

const AUDITED = ['memberId', 'name', 'sex', 'birthDate', 'education', 'post', 'communityName', 'formal', 'startedOn', 'leftOn', 'phone', 'note'] as const;
const TRAINING_AUDITED = ['kind', 'course', 'organiser', 'startOn', 'endOn', 'hours', 'certificate', 'note'] as const;

export class CadreService {
  constructor(
    private readonly db: Sqlite,
    private readonly audit: AuditService,
    private readonly now: () => Date,
  ) {}

  list(q: CadreListQuery): CadreRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { ...this.yearRange(this.year()), today: this.today() };
    if (q.status === 'current') where.push('(c.left_on IS NULL OR c.left_on > @today)');
    else if (q.status === 'left') where.push('c.left_on IS NOT NULL AND c.left_on <= @today');
    if (q.communityId != null) {
      where.push('c.community_id = @communityId');
      params['communityId'] = q.communityId;
    }
    if (q.formal != null) {
      where.push('c.formal = @formal');
      params['formal'] = q.formal ? 1 : 0;
    }
    const text = q.q?.trim();
    if (text) {
      where.push(`(coalesce(m.name, c.name) LIKE @like ESCAPE '\\' OR c.post LIKE @like ESCAPE '\\')`);
      params['like'] = likePattern(text);
    }
    const rows = this.db.prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} LIMIT 5000`).all(params) as CadreDbRow[];
    return rows
      .map((r) => this.toRow(r))
      .sort((a, b) => zhCollator.compare(a.communityName, b.communityName) || a.post.localeCompare(b.post, 'zh-CN') || zhCollator.compare(a.name, b.name));
  }

  get(id: number): Cadre {
    const r = this.row(id);
    const trainings = (
      this.db.prepare('SELECT * FROM cadre_trainings WHERE cadre_id = ? ORDER BY start_on DESC, id DESC').all(id) as {
        id: number;
        kind: TrainingKind;
        course: string;
        organiser: string | null;
        start_on: string;
        end_on: string;
        hours: number;
        certificate: string | null;
        note: string | null;
      }[]
    ).map(
      (t): Training => ({
        id: t.id,
        kind: t.kind,
        course: t.course,
        organiser: t.organiser,
        startOn: t.start_on,
        endOn: t.end_on,
        hours: t.hours,
        certificate: t.certificate,
        note: t.note,
      }),
    );
    return { ...this.toRow(r), phone: r.phone, note: r.note, trainings, createdAt: r.created_at, updatedAt: r.updated_at, version: r.version };
  }

  auditOf(id: number): AuditEntry[] {
    this.row(id);
    return this.audit.forEntity('cadre', id);
  }

  save(input: { id?: number; cadre: CadreInput; expectedVersion?: number }): Cadre {
    const c = input.cadre;
    const id = this.db
      .transaction(() => {
        const today = this.today();
        checkCommunity(this.db, c.communityId);
        checkPeriod(today, { field: 'startedOn', label: '任职日期', date: c.startedOn }, { field: 'leftOn', label: '离任日期', date: c.leftOn });
        if (c.memberId != null) {
          const m = this.db.prepare('SELECT name FROM members WHERE id = ?').get(c.memberId) as { name: string } | undefined;
          if (!m) throw invalid('memberId', '所选党员在名册中找不到，请重新选择');
        } else {
          if (!c.name) throw invalid('name', '请填写姓名，或从党员名册中选择');
          if (c.birthDate && c.birthDate > today) throw invalid('birthDate', '出生日期不能晚于今天');
        }
        const before = input.id != null ? this.get(input.id) : null;
        if (before && input.expectedVersion != null && before.version !== input.expectedVersion)
          throw new ServiceError('conflict', `${before.name} 的干部信息刚被修改过（可能在另一个窗口）。请关闭表单，重新打开后再改。`);
        if (c.memberId != null && !c.leftOn) {
          const dup = this.db
            .prepare('SELECT id FROM cadres WHERE member_id = ? AND community_id = ? AND post = ? AND left_on IS NULL AND id IS NOT ?')
            .get(c.memberId, c.communityId, c.post, input.id ?? null);
          if (dup) throw invalid('post', '这名党员已在本社区登记了同一职务');
        }
        if (c.leftOn && before?.trainings.some((t) => t.startOn > c.leftOn!)) throw invalid('leftOn', '离任日期之后还有培训记录，请核对');
        const at = this.now().toISOString();
        const linked = c.memberId != null;
        const values = {
          memberId: c.memberId,
          name: linked ? null : c.name!,
          sex: linked ? null : (c.sex ?? null),
          birthDate: linked ? null : (c.birthDate ?? null),
          education: linked ? null : (c.education ?? null),
          post: c.post,
          communityId: c.communityId,
          formal: c.formal ? 1 : 0,
          startedOn: c.startedOn,
          leftOn: c.leftOn ?? null,
          phone: c.phone ?? null,
          note: c.note ?? null,
          at,
        };
        let id: number;
        if (!before) {
          id = Number(
            this.db
              .prepare(
                `INSERT INTO cadres (member_id, name, sex, birth_date, education, post, community_id, formal, started_on, left_on, phone, note, created_at, updated_at)
                 VALUES (@memberId, @name, @sex, @birthDate, @education, @post, @communityId, @formal, @startedOn, @leftOn, @phone, @note, @at, @at)`,
              )
              .run(values).lastInsertRowid,
          );
        } else {
          id = before.id;
          this.db
            .prepare(
              `UPDATE cadres SET member_id = @memberId, name = @name, sex = @sex, birth_date = @birthDate, education = @education, post = @post,
                 community_id = @communityId, formal = @formal, started_on = @startedOn, left_on = @leftOn, phone = @phone, note = @note,
                 updated_at = @at, version = version + 1 WHERE id = @id`,
            )
            .run({ ...values, id });
        }
        const after = this.get(id);
        const changes = changesOf(before && auditable(before), auditable(after), AUDITED);
        if (!before) this.audit.write({ action: 'create', entity: 'cadre', entityId: id, changes, note: `登记社区党务干部：${after.name}（${after.communityName}，${after.post}）` });
        else if (changes.length) this.audit.write({ action: 'update', entity: 'cadre', entityId: id, changes, note: `修改干部信息：${after.name}` });
        return id;
      })
      .immediate();
    return this.get(id);
  }

  saveTraining(input: { id?: number; training: TrainingInput }): Cadre {
    const t = input.training;
    this.db
      .transaction(() => {
        const c = this.get(t.cadreId);
        if (t.endOn < t.startOn) throw invalid('endOn', '结束日期不能早于开始日期');
        if (t.startOn > this.today()) throw invalid('startOn', '培训开始日期不能晚于今天');
        // The same rule save() keeps from the other side: no training begins after the cadre left (one before they took
        // up the post, 岗前培训, is theirs too).
        if (c.leftOn && t.startOn > c.leftOn) throw invalid('startOn', `${c.name} 已于 ${c.leftOn} 离任，培训开始日期不能晚于离任日期`);
        const days = Math.round((Date.parse(`${t.endOn}T00:00:00Z`) - Date.parse(`${t.startOn}T00:00:00Z`)) / 86_400_000) + 1;
        if (t.hours > days * 24) throw invalid('hours', `${days} 天的培训不能超过 ${days * 24} 学时，请核对`);
        let before: Training | null = null;
        if (input.id != null) {
          before = c.trainings.find((x) => x.id === input.id) ?? null;
          if (!before) throw new ServiceError('not_found', '找不到这条培训记录，请刷新后重试。');
        }
        const values = {
          cadreId: c.id,
          kind: t.kind,
          course: t.course,
          organiser: t.organiser ?? null,
          startOn: t.startOn,
          endOn: t.endOn,
          hours: Math.round(t.hours * 10) / 10,
          certificate: t.certificate ?? null,
          note: t.note ?? null,
          at: this.now().toISOString(),
        };
        let tid: number;
        if (!before) {
          tid = Number(
            this.db
              .prepare(
                `INSERT INTO cadre_trainings (cadre_id, kind, course, organiser, start_on, end_on, hours, certificate, note, created_at)
                 VALUES (@cadreId, @kind, @course, @organiser, @startOn, @endOn, @hours, @certificate, @note, @at)`,
              )
              .run(values).lastInsertRowid,
          );
        } else {
          tid = before.id;
          this.db
            .prepare(
              `UPDATE cadre_trainings SET kind = @kind, course = @course, organiser = @organiser, start_on = @startOn, end_on = @endOn, hours = @hours,
                 certificate = @certificate, note = @note WHERE id = @id`,
            )
            .run({ ...values, id: tid });
        }
        this.db.prepare('UPDATE cadres SET updated_at = ? WHERE id = ?').run(values.at, c.id);
        const after = this.get(c.id).trainings.find((x) => x.id === tid)!;
        this.audit.write({
          action: before ? 'update' : 'create',
          entity: 'cadre',
          entityId: c.id,
          changes: changesOf(before && trainingAudit(before), trainingAudit(after), TRAINING_AUDITED).map((x) => ({ ...x, field: `training.${x.field}` })),
          note: `${before ? '修改' : '登记'}${TRAINING_KIND_LABELS[t.kind]}：${t.course}（${t.hours} 学时）`,
        });
      })
      .immediate();
    return this.get(t.cadreId);
  }

  removeTraining(id: number): Cadre {
    const cadreId = this.db
      .transaction(() => {
        const r = this.db.prepare('SELECT cadre_id FROM cadre_trainings WHERE id = ?').get(id) as { cadre_id: number } | undefined;
        if (!r) throw new ServiceError('not_found', '找不到这条培训记录，请刷新后重试。');
        const before = this.get(r.cadre_id).trainings.find((x) => x.id === id)!;
        this.db.prepare('DELETE FROM cadre_trainings WHERE id = ?').run(id);
        const gone = trainingAudit(before);
        this.audit.write({
          action: 'delete',
          entity: 'cadre',
          entityId: r.cadre_id,
          changes: TRAINING_AUDITED.filter((f) => gone[f] != null).map((f) => ({ field: `training.${f}`, old: gone[f], new: null })),
          note: `删除${TRAINING_KIND_LABELS[before.kind]}记录：${before.course}`,
        });
        return r.cadre_id;
      })
      .immediate();
    return this.get(cadreId);
  }

  /**
   * 队伍结构 of a year: the cadres in post on its last day (today, for the current year), with that year's training
   * hours. Without a year: the current year.
   */
  structure(year?: number): CadreStructure {
    const y = year ?? this.year();
    const asOf = y === this.year() ? this.today() : `${y}-12-31`;
    return this.structureAsOf(asOf, `${y}-01-01`, `${y}-12-31`, y);
  }

  /** The structure as of a day, with training hours from `from` to `to` (the returns workbook passes its period). */
  structureAsOf(asOf: string, from: string, to: string, year = Number(asOf.slice(0, 4))): CadreStructure {
    return cadreStructure(this.facts(asOf, from, to), asOf, year);
  }

  /** The cadres in post on `asOf` as the structure rule reads them. */
  facts(asOf: string, from: string, to: string): CadreFact[] {
    const rows = this.db
      .prepare(`${SELECT} WHERE c.started_on <= @asOf AND (c.left_on IS NULL OR c.left_on > @asOf)`)
      .all({ from, to, asOf }) as CadreDbRow[];
    return rows.map((r) => ({
      communityId: r.community_id,
      communityName: r.community_name,
      birthDate: r.birth_date,
      education: r.education,
      formal: r.formal === 1,
      female: r.sex === 'female',
      trainingHours: r.hours_year ?? 0,
    }));
  }

  private row(id: number): CadreDbRow {
    const r = this.db.prepare(`${SELECT} WHERE c.id = @id`).get({ ...this.yearRange(this.year()), id }) as CadreDbRow | undefined;
    if (!r) throw new ServiceError('not_found', `找不到编号为 ${id} 的干部记录，请刷新后重试。`);
    return r;
  }

  private toRow(r: CadreDbRow): CadreRow {
    const today = this.today();
    return {
      id: r.id,
      memberId: r.member_id,
      name: r.name,
      sex: r.sex,
      birthDate: r.birth_date,
      age: r.birth_date && r.birth_date <= today ? ageOn(r.birth_date, today) : null,
      education: r.education,
      post: r.post,
      communityId: r.community_id,
      communityName: r.community_name,
      formal: r.formal === 1,
      startedOn: r.started_on,
      leftOn: r.left_on,
      trainingHoursThisYear: Math.round((r.hours_year ?? 0) * 10) / 10,
      phoneMasked: r.phone ? maskPhone(r.phone) : null,
    };
  }

  private yearRange(year: number): { from: string; to: string } {
    return { from: `${year}-01-01`, to: `${year}-12-31` };
  }

  private today(): string {
    return todayIso(this.now());
  }

  private year(): number {
    return Number(this.today().slice(0, 4));
  }
}

function auditable(c: Cadre) {
  return {
    memberId: c.memberId,
    name: c.name,
    sex: c.sex,
    birthDate: c.birthDate,
    education: c.education ? EDUCATION_LABELS[c.education] : null,
    post: c.post,
    communityName: c.communityName,
    formal: c.formal,
    startedOn: c.startedOn,
    leftOn: c.leftOn,
    phone: c.phone,
    note: c.note,
  };
}

function trainingAudit(t: Training) {
  return {
    kind: TRAINING_KIND_LABELS[t.kind],
    course: t.course,
    organiser: t.organiser,
    startOn: t.startOn,
    endOn: t.endOn,
    hours: t.hours,
    certificate: t.certificate,
    note: t.note,
  };
}
