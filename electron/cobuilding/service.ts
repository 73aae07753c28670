/**
 * 驻区单位, 联席会 / 协调委员会 and 走访征询.
 *
 * Units are never deleted: one that leaves the area gets 迁出日期 and keeps its history. A unit joins a body from a
 * date (one open membership per unit and body) and leaves it with an end date. A body's meetings record the date,
 * topics, decisions and who attended for which unit, and link to their minutes (会议纪要) by id. Visits record the
 * unit's views and problems and whether they were solved. Every change is in the audit log (entities residentUnit,
 * jointBody, jointMeeting, unitVisit); a meeting or a visit entered by mistake may be deleted (audited with its
 * content).
 */
import type { AuditEntry } from '../../shared/contract';
import {
  CADENCE_MONTHS,
  type Cadence,
  type JointBody,
  type JointBodyInput,
  type JointMeeting,
  type JointMeetingInput,
  type JointMembership,
  type MembershipInput,
  type ResidentUnit,
  type ResidentUnitRow,
  type UnitInput,
  type UnitListQuery,
  type UnitVisit,
  type VisitInput,
} from '../../shared/cobuilding';
import { JOINT_BODY_KIND_LABELS, type AgreementKind, type JointBodyKind, type UnitKind } from '../../shared/domain/labels';
import { todayIso } from '../../shared/rules/idNumber';
import type { Sqlite } from '../db/connection';
import { ServiceError } from '../errors';
import type { AuditService } from '../audit/service';
import { changesOf, checkCommunity, checkPeriod, invalid, likePattern, removedChanges, zhCollator } from './common';
import type { AgreementService } from './agreements';
import type { ActivityService } from './activities';

interface UnitDbRow {
  id: number;
  name: string;
  kind: string;
  address: string | null;
  party_org_name: string | null;
  party_secretary: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  liaison_name: string | null;
  liaison_phone: string | null;
  community_id: number | null;
  community_name: string | null;
  left_on: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  bodies: string | null;
  agreements_in_force: number;
  last_visit_on: string | null;
  open_problems: number;
}

const UNIT_FIELDS = [
  'name', 'kind', 'address', 'partyOrgName', 'partySecretary', 'contactName', 'contactPhone', 'liaisonName', 'liaisonPhone', 'communityId', 'leftOn', 'note',
] as const;

const VISIT_FIELDS = ['unitId', 'visitedOn', 'visitors', 'views', 'problems', 'followUp', 'solved', 'solvedOn', 'note'] as const;

/** What the 共驻共建情况 return counts (CoBuildingService.periodFacts). */
export interface CoBuildingPeriodFacts {
  units: { communityId: number | null }[];
  agreements: { communityId: number; kind: AgreementKind; signedInPeriod: boolean }[];
  activities: { communityId: number | null; hours: number; participants: number; members: number }[];
}

export class CoBuildingService {
  constructor(
    private readonly db: Sqlite,
    private readonly audit: AuditService,
    private readonly now: () => Date,
    private readonly agreements: AgreementService,
    private readonly activities: ActivityService,
  ) {}

  // ─── 驻区单位 ─────────────────────────────────────────────────────────────────────────────────────────

  listUnits(q: UnitListQuery): ResidentUnitRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { today: this.today() };
    if (q.status === 'active') where.push('u.left_on IS NULL');
    else if (q.status === 'left') where.push('u.left_on IS NOT NULL');
    if (q.kind) {
      where.push('u.kind = @kind');
      params['kind'] = q.kind;
    }
    if (q.communityId != null) {
      where.push('u.community_id = @communityId');
      params['communityId'] = q.communityId;
    }
    const text = q.q?.trim();
    if (text) {
      where.push(`(u.name LIKE @like ESCAPE '\\' OR u.address LIKE @like ESCAPE '\\' OR u.liaison_name LIKE @like ESCAPE '\\' OR u.contact_name LIKE @like ESCAPE '\\')`);
      params['like'] = likePattern(text);
    }
    const rows = this.db.prepare(`${UNIT_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} `).all(params) as UnitDbRow[];
    return rows.map(toUnitRow).sort((a, b) => (a.leftOn ? 1 : 0) - (b.leftOn ? 1 : 0) || zhCollator.compare(a.name, b.name));
  }

  getUnit(id: number): ResidentUnit {
    const row = this.unitRow(id);
    return {
      ...row,
      memberships: this.memberships({ unitId: id }),
      visits: this.listVisits({ unitId: id }),
      agreements: this.agreements.list({ unitId: id }),
      activityYears: this.activities.totals().byUnit.filter((t) => t.unitId === id).map(({ year, activities, participants, personHours }) => ({ year, activities, participants, personHours })),
    };
  }

  saveUnit(input: { id?: number; unit: UnitInput; expectedVersion?: number }): ResidentUnit {
    const u = input.unit;
    const id = this.db
      .transaction(() => {
        if (u.communityId != null) checkCommunity(this.db, u.communityId);
        if (u.leftOn && u.leftOn > this.today()) throw invalid('leftOn', '迁出日期不能晚于今天');
        const dup = this.db.prepare('SELECT id FROM resident_units WHERE name = ? AND id IS NOT ?').get(u.name, input.id ?? null) as { id: number } | undefined;
        if (dup) throw invalid('name', `驻区单位“${u.name}”已经登记过，请在列表中找到它修改`);
        const at = this.now().toISOString();
        const values = {
          name: u.name,
          kind: u.kind,
          address: u.address ?? null,
          partyOrgName: u.partyOrgName ?? null,
          partySecretary: u.partySecretary ?? null,
          contactName: u.contactName ?? null,
          contactPhone: u.contactPhone ?? null,
          liaisonName: u.liaisonName ?? null,
          liaisonPhone: u.liaisonPhone ?? null,
          communityId: u.communityId,
          leftOn: u.leftOn ?? null,
          note: u.note ?? null,
          at,
        };
        if (input.id == null) {
          const newId = Number(
            this.db
              .prepare(
                `INSERT INTO resident_units (name, kind, address, party_org_name, party_secretary, contact_name, contact_phone, liaison_name,
                   liaison_phone, community_id, left_on, note, created_at, updated_at)
                 VALUES (@name, @kind, @address, @partyOrgName, @partySecretary, @contactName, @contactPhone, @liaisonName, @liaisonPhone,
                   @communityId, @leftOn, @note, @at, @at)`,
              )
              .run(values).lastInsertRowid,
          );
          const after = this.unitRow(newId);
          this.audit.write({ action: 'create', entity: 'residentUnit', entityId: newId, changes: changesOf(null, after, UNIT_FIELDS), note: `登记驻区单位 ${u.name}` });
          return newId;
        }
        const before = this.unitRow(input.id);
        if (input.expectedVersion != null && before.version !== input.expectedVersion)
          throw new ServiceError('conflict', `“${before.name}”的信息刚被修改过（可能在另一个窗口）。请关闭表单，重新打开后再改。`);
        if (before.leftOn == null && values.leftOn) this.closeMemberships(input.id, values.leftOn);
        this.db
          .prepare(
            `UPDATE resident_units SET name = @name, kind = @kind, address = @address, party_org_name = @partyOrgName, party_secretary = @partySecretary,
               contact_name = @contactName, contact_phone = @contactPhone, liaison_name = @liaisonName, liaison_phone = @liaisonPhone,
               community_id = @communityId, left_on = @leftOn, note = @note, updated_at = @at, version = version + 1 WHERE id = @id`,
          )
          .run({ ...values, id: input.id });
        const after = this.unitRow(input.id);
        const changes = changesOf(before, after, UNIT_FIELDS);
        if (changes.length) this.audit.write({ action: 'update', entity: 'residentUnit', entityId: input.id, changes, note: `修改驻区单位 ${after.name}` });
        return input.id;
      })
      .immediate();
    return this.getUnit(id);
  }

  auditOf(entity: 'residentUnit' | 'jointBody', id: number): AuditEntry[] {
    return this.audit.forEntity(entity, id);
  }

  /** A unit that leaves the area leaves its bodies the same day. */
  private closeMemberships(unitId: number, on: string): void {
    const open = this.db
      .prepare('SELECT m.id, m.body_id, m.since, b.name AS body_name FROM joint_body_members m JOIN joint_bodies b ON b.id = m.body_id WHERE m.unit_id = ? AND m.until IS NULL')
      .all(unitId) as { id: number; body_id: number; since: string; body_name: string }[];
    for (const m of open) {
      const until = on < m.since ? m.since : on;
      this.db.prepare('UPDATE joint_body_members SET until = ? WHERE id = ?').run(until, m.id);
      this.audit.write({ action: 'update', entity: 'jointBody', entityId: m.body_id, changes: [{ field: 'until', old: null, new: until }], note: `成员单位迁出辖区，退出${m.body_name}` });
    }
  }

  private unitRow(id: number): ResidentUnitRow {
    const r = this.db.prepare(`${UNIT_SELECT} WHERE u.id = @id`).get({ id, today: this.today() }) as UnitDbRow | undefined;
    if (!r) throw new ServiceError('not_found', `找不到编号为 ${id} 的驻区单位，请刷新后重试。`);
    return toUnitRow(r);
  }

  private unitName(id: number, field = 'unitId'): string {
    const r = this.db.prepare('SELECT name FROM resident_units WHERE id = ?').get(id) as { name: string } | undefined;
    if (!r) throw invalid(field, '所选驻区单位不存在，请刷新后重新选择');
    return r.name;
  }

  // ─── 联席会 / 协调委员会 ───────────────────────────────────────────────────────────────────────────────

  listBodies(): JointBody[] {
    const rows = this.db
      .prepare(
        `SELECT b.*, o.name AS community_name, (SELECT max(held_on) FROM joint_meetings j WHERE j.body_id = b.id) AS last_meeting_on
         FROM joint_bodies b LEFT JOIN organisations o ON o.id = b.community_id ORDER BY b.community_id IS NOT NULL, o.name, b.name`,
      )
      .all() as BodyDbRow[];
    return rows.map((r) => this.toBody(r));
  }

  getBody(id: number): JointBody {
    const r = this.db
      .prepare(
        `SELECT b.*, o.name AS community_name, (SELECT max(held_on) FROM joint_meetings j WHERE j.body_id = b.id) AS last_meeting_on
         FROM joint_bodies b LEFT JOIN organisations o ON o.id = b.community_id WHERE b.id = ?`,
      )
      .get(id) as BodyDbRow | undefined;
    if (!r) throw new ServiceError('not_found', `找不到编号为 ${id} 的联席会（协调委员会），请刷新后重试。`);
    return this.toBody(r);
  }

  saveBody(input: { id?: number; body: JointBodyInput }): JointBody {
    const b = input.body;
    const id = this.db
      .transaction(() => {
        if (b.communityId != null) checkCommunity(this.db, b.communityId);
        if (b.foundedOn && b.foundedOn > this.today()) throw invalid('foundedOn', '成立日期不能晚于今天');
        const dup = this.db.prepare('SELECT id FROM joint_bodies WHERE name = ? AND id IS NOT ?').get(b.name, input.id ?? null);
        if (dup) throw invalid('name', `“${b.name}”已经登记过`);
        const at = this.now().toISOString();
        const values = { kind: b.kind, name: b.name, communityId: b.communityId, foundedOn: b.foundedOn ?? null, cadence: b.cadence ?? null, note: b.note ?? null, at };
        const fields = ['kind', 'name', 'communityId', 'foundedOn', 'cadence', 'note'] as const;
        if (input.id == null) {
          const newId = Number(
            this.db
              .prepare(
                `INSERT INTO joint_bodies (kind, name, community_id, founded_on, cadence, note, created_at, updated_at)
                 VALUES (@kind, @name, @communityId, @foundedOn, @cadence, @note, @at, @at)`,
              )
              .run(values).lastInsertRowid,
          );
          this.audit.write({ action: 'create', entity: 'jointBody', entityId: newId, changes: changesOf(null, this.getBody(newId), fields), note: `成立${JOINT_BODY_KIND_LABELS[b.kind]} ${b.name}` });
          return newId;
        }
        const before = this.getBody(input.id);
        this.db
          .prepare('UPDATE joint_bodies SET kind = @kind, name = @name, community_id = @communityId, founded_on = @foundedOn, cadence = @cadence, note = @note, updated_at = @at WHERE id = @id')
          .run({ ...values, id: input.id });
        const changes = changesOf(before, this.getBody(input.id), fields);
        if (changes.length) this.audit.write({ action: 'update', entity: 'jointBody', entityId: input.id, changes, note: `修改 ${b.name}` });
        return input.id;
      })
      .immediate();
    return this.getBody(id);
  }

  /** Adds a unit to a body (from a date), or changes / ends a membership. */
  saveMembership(input: MembershipInput): JointBody {
    this.db
      .transaction(() => {
        const body = this.getBody(input.bodyId);
        const unitName = this.unitName(input.unitId);
        const until = input.until ?? null;
        checkPeriod(this.today(), { field: 'since', label: '加入日期', date: input.since }, { field: 'until', label: '退出日期', date: until });
        const unit = this.db.prepare('SELECT left_on FROM resident_units WHERE id = ?').get(input.unitId) as { left_on: string | null };
        if (input.id == null && unit.left_on) throw invalid('unitId', `${unitName}已于 ${unit.left_on} 迁出辖区，不能再加入`);
        if (until == null) {
          const open = this.db
            .prepare('SELECT id FROM joint_body_members WHERE body_id = ? AND unit_id = ? AND until IS NULL AND id IS NOT ?')
            .get(input.bodyId, input.unitId, input.id ?? null);
          if (open) throw invalid('unitId', `${unitName}已经是${body.name}的成员单位`);
        }
        const values = { bodyId: input.bodyId, unitId: input.unitId, since: input.since, until, representative: input.representative ?? null, position: input.position ?? null };
        if (input.id == null) {
          this.db
            .prepare('INSERT INTO joint_body_members (body_id, unit_id, since, until, representative, position) VALUES (@bodyId, @unitId, @since, @until, @representative, @position)')
            .run(values);
          this.audit.write({
            action: 'update',
            entity: 'jointBody',
            entityId: input.bodyId,
            changes: [{ field: 'members', old: null, new: { unit: unitName, since: input.since, until, representative: values.representative, position: values.position } }],
            note: `${unitName}加入${body.name}`,
          });
        } else {
          const before = this.db.prepare('SELECT * FROM joint_body_members WHERE id = ? AND body_id = ?').get(input.id, input.bodyId) as
            | { unit_id: number; since: string; until: string | null; representative: string | null; position: string | null }
            | undefined;
          if (!before) throw new ServiceError('not_found', '找不到这条成员单位记录，请刷新后重试。');
          if (before.unit_id !== input.unitId) throw invalid('unitId', '不能把这条记录改成另一个单位；请另行添加');
          this.db.prepare('UPDATE joint_body_members SET since = @since, until = @until, representative = @representative, position = @position WHERE id = @id').run({ ...values, id: input.id });
          const changes = changesOf(
            { since: before.since, until: before.until, representative: before.representative, position: before.position },
            { since: values.since, until, representative: values.representative, position: values.position },
            ['since', 'until', 'representative', 'position'],
          );
          if (changes.length)
            this.audit.write({ action: 'update', entity: 'jointBody', entityId: input.bodyId, changes, note: until && !before.until ? `${unitName}退出${body.name}` : `修改成员单位 ${unitName}` });
        }
      })
      .immediate();
    return this.getBody(input.bodyId);
  }

  private memberships(by: { bodyId?: number; unitId?: number }): JointMembership[] {
    const rows = this.db
      .prepare(
        `SELECT m.*, b.name AS body_name, u.name AS unit_name FROM joint_body_members m
           JOIN joint_bodies b ON b.id = m.body_id JOIN resident_units u ON u.id = m.unit_id
         WHERE (@bodyId IS NULL OR m.body_id = @bodyId) AND (@unitId IS NULL OR m.unit_id = @unitId)
         ORDER BY m.until IS NOT NULL, m.since, u.name`,
      )
      .all({ bodyId: by.bodyId ?? null, unitId: by.unitId ?? null }) as {
      id: number;
      body_id: number;
      body_name: string;
      unit_id: number;
      unit_name: string;
      since: string;
      until: string | null;
      representative: string | null;
      position: string | null;
    }[];
    const today = this.today();
    return rows.map((r) => ({
      id: r.id,
      bodyId: r.body_id,
      bodyName: r.body_name,
      unitId: r.unit_id,
      unitName: r.unit_name,
      since: r.since,
      until: r.until,
      representative: r.representative,
      position: r.position,
      current: r.since <= today && (r.until == null || r.until >= today),
    }));
  }

  // ─── 会议 ──────────────────────────────────────────────────────────────────────────────────────────

  saveMeeting(input: JointMeetingInput): JointBody {
    this.db
      .transaction(() => {
        const body = this.getBody(input.bodyId);
        if (input.heldOn > this.today()) throw invalid('heldOn', '会议日期不能晚于今天');
        for (const a of input.attendees) if (a.unitId != null) this.unitName(a.unitId, 'attendees');
        const minutesId = input.minutesId ?? null;
        if (minutesId != null && this.minutesTitle(minutesId) == null) throw invalid('minutesId', '所选会议纪要不存在，请重新选择');
        const at = this.now().toISOString();
        const values = { bodyId: input.bodyId, heldOn: input.heldOn, place: input.place ?? null, topics: input.topics, decisions: input.decisions ?? null, minutesId, note: input.note ?? null, at };
        let id: number;
        let before: JointMeeting | null = null;
        if (input.id == null) {
          id = Number(
            this.db
              .prepare(
                `INSERT INTO joint_meetings (body_id, held_on, place, topics, decisions, minutes_id, note, created_at, updated_at)
                 VALUES (@bodyId, @heldOn, @place, @topics, @decisions, @minutesId, @note, @at, @at)`,
              )
              .run(values).lastInsertRowid,
          );
        } else {
          before = this.meeting(input.id);
          if (before.bodyId !== input.bodyId) throw invalid('bodyId', '不能把会议移到另一个联席会');
          id = input.id;
          this.db
            .prepare('UPDATE joint_meetings SET held_on = @heldOn, place = @place, topics = @topics, decisions = @decisions, minutes_id = @minutesId, note = @note, updated_at = @at WHERE id = @id')
            .run({ ...values, id });
          this.db.prepare('DELETE FROM joint_meeting_attendees WHERE meeting_id = ?').run(id);
        }
        const ins = this.db.prepare('INSERT INTO joint_meeting_attendees (meeting_id, position, unit_id, name) VALUES (?, ?, ?, ?)');
        input.attendees.forEach((a, i) => ins.run(id, i, a.unitId, a.name));
        const after = this.meeting(id);
        const changes = changesOf(before, after, ['heldOn', 'place', 'topics', 'decisions', 'attendees', 'minutesId', 'note']);
        if (changes.length || !before)
          this.audit.write({ action: before ? 'update' : 'create', entity: 'jointMeeting', entityId: id, changes, note: `${body.name} ${input.heldOn} 会议` });
      })
      .immediate();
    return this.getBody(input.bodyId);
  }

  removeMeeting(id: number): JointBody {
    const bodyId = this.db
      .transaction(() => {
        const m = this.meeting(id);
        this.db.prepare('DELETE FROM joint_meetings WHERE id = ?').run(id);
        this.audit.write({ action: 'delete', entity: 'jointMeeting', entityId: id, changes: removedChanges(m, ['heldOn', 'place', 'topics', 'decisions', 'attendees', 'minutesId', 'note']), note: `删除 ${m.bodyName} ${m.heldOn} 的会议记录` });
        return m.bodyId;
      })
      .immediate();
    return this.getBody(bodyId);
  }

  private meeting(id: number): JointMeeting {
    const found = this.meetings({ id })[0];
    if (!found) throw new ServiceError('not_found', `找不到编号为 ${id} 的会议记录，请刷新后重试。`);
    return found;
  }

  private meetings(by: { id?: number; bodyId?: number }): JointMeeting[] {
    const rows = this.db
      .prepare(
        `SELECT j.*, b.name AS body_name FROM joint_meetings j JOIN joint_bodies b ON b.id = j.body_id
         WHERE (@id IS NULL OR j.id = @id) AND (@bodyId IS NULL OR j.body_id = @bodyId) ORDER BY j.held_on DESC, j.id DESC`,
      )
      .all({ id: by.id ?? null, bodyId: by.bodyId ?? null }) as {
      id: number;
      body_id: number;
      body_name: string;
      held_on: string;
      place: string | null;
      topics: string;
      decisions: string | null;
      minutes_id: number | null;
      note: string | null;
    }[];
    const att = this.db.prepare(
      'SELECT a.unit_id, u.name AS unit_name, a.name FROM joint_meeting_attendees a LEFT JOIN resident_units u ON u.id = a.unit_id WHERE a.meeting_id = ? ORDER BY a.position',
    );
    return rows.map((r) => {
      const attendees = (att.all(r.id) as { unit_id: number | null; unit_name: string | null; name: string }[]).map((a) => ({ unitId: a.unit_id, unitName: a.unit_name, name: a.name }));
      return {
        id: r.id,
        bodyId: r.body_id,
        bodyName: r.body_name,
        heldOn: r.held_on,
        place: r.place,
        topics: r.topics,
        decisions: r.decisions,
        attendees,
        unitsPresent: new Set(attendees.map((a) => a.unitId).filter((u) => u != null)).size,
        minutesId: r.minutes_id,
        minutesTitle: r.minutes_id != null ? this.minutesTitle(r.minutes_id) : null,
        note: r.note,
      };
    });
  }

  /** The title of a record in 会议纪要 (null when it is not there, or the minutes register does not exist). */
  private minutesTitle(id: number): string | null {
    this.hasMinutes ??= !!this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meetings'").get();
    if (!this.hasMinutes) return null;
    const r = this.db.prepare('SELECT title, held_on FROM meetings WHERE id = ?').get(id) as { title: string; held_on: string } | undefined;
    return r ? `${r.held_on} ${r.title}` : null;
  }
  private hasMinutes: boolean | undefined;

  private toBody(r: BodyDbRow): JointBody {
    const cadence = r.cadence as Cadence | null;
    let meetingDue = false;
    if (cadence) {
      const since = r.last_meeting_on ?? r.founded_on;
      meetingDue = since == null || addMonths(since, CADENCE_MONTHS[cadence]) < this.today();
    }
    return {
      id: r.id,
      kind: r.kind as JointBodyKind,
      name: r.name,
      communityId: r.community_id,
      communityName: r.community_name,
      foundedOn: r.founded_on,
      cadence,
      note: r.note,
      members: this.memberships({ bodyId: r.id }),
      meetings: this.meetings({ bodyId: r.id }),
      lastMeetingOn: r.last_meeting_on,
      meetingDue,
    };
  }

  // ─── 走访征询 ─────────────────────────────────────────────────────────────────────────────────────────

  /**
   * For 统计报表 (共驻共建情况), from the records' own dates: the units in the area at the end of `end` (registered on or
   * before it, not moved out by it), the agreements in force on it (signed and started on or before it, ending on or
   * after it) with whether each was signed within the period, and the activities held from `start` to `end` with
   * their participants (all, and register members) and hours. By the community each is recorded under now.
   */
  periodFacts(start: string, end: string): CoBuildingPeriodFacts {
    const units = (this.db.prepare('SELECT community_id, created_at, left_on FROM resident_units').raw().all() as [number | null, string, string | null][])
      .filter(([, created, left]) => todayIso(new Date(created)) <= end && (left == null || left > end))
      .map(([communityId]) => ({ communityId }));
    const agreements = (
      this.db
        .prepare('SELECT community_id, kind, signed_on FROM agreements WHERE signed_on <= @end AND start_on <= @end AND end_on >= @end')
        .raw()
        .all({ end }) as [number, AgreementKind, string][]
    ).map(([communityId, kind, signedOn]) => ({ communityId, kind, signedInPeriod: signedOn >= start }));
    const activities = (
      this.db
        .prepare(
          `SELECT a.community_id, a.hours,
             (SELECT count(*) FROM activity_participants p WHERE p.activity_id = a.id),
             (SELECT count(*) FROM activity_participants p WHERE p.activity_id = a.id AND p.member_id IS NOT NULL)
           FROM activities a WHERE a.held_on BETWEEN @start AND @end`,
        )
        .raw()
        .all({ start, end }) as [number | null, number, number, number][]
    ).map(([communityId, hours, participants, members]) => ({ communityId, hours, participants, members }));
    return { units, agreements, activities };
  }

  listVisits(q: { unitId?: number; year?: number; unsolved?: boolean }): UnitVisit[] {
    const rows = this.db
      .prepare(
        `SELECT v.*, u.name AS unit_name FROM unit_visits v JOIN resident_units u ON u.id = v.unit_id
         WHERE (@unitId IS NULL OR v.unit_id = @unitId) AND (@year IS NULL OR substr(v.visited_on, 1, 4) = @year)
           AND (@unsolved = 0 OR (v.solved = 0 AND v.problems IS NOT NULL))
         ORDER BY v.visited_on DESC, v.id DESC LIMIT 5000`,
      )
      .all({ unitId: q.unitId ?? null, year: q.year != null ? String(q.year) : null, unsolved: q.unsolved ? 1 : 0 }) as VisitDbRow[];
    return rows.map(toVisit);
  }

  saveVisit(input: VisitInput): UnitVisit {
    const id = this.db
      .transaction(() => {
        const unitName = this.unitName(input.unitId);
        const solvedOn = input.solved ? (input.solvedOn ?? null) : null;
        checkPeriod(this.today(), { field: 'visitedOn', label: '走访日期', date: input.visitedOn }, { field: 'solvedOn', label: '解决日期', date: solvedOn });
        const at = this.now().toISOString();
        const values = {
          unitId: input.unitId,
          visitedOn: input.visitedOn,
          visitors: input.visitors,
          views: input.views ?? null,
          problems: input.problems ?? null,
          followUp: input.followUp ?? null,
          solved: input.solved ? 1 : 0,
          solvedOn,
          note: input.note ?? null,
          at,
        };
        if (input.id == null) {
          const newId = Number(
            this.db
              .prepare(
                `INSERT INTO unit_visits (unit_id, visited_on, visitors, views, problems, follow_up, solved, solved_on, note, created_at, updated_at)
                 VALUES (@unitId, @visitedOn, @visitors, @views, @problems, @followUp, @solved, @solvedOn, @note, @at, @at)`,
              )
              .run(values).lastInsertRowid,
          );
          this.audit.write({ action: 'create', entity: 'unitVisit', entityId: newId, changes: changesOf(null, this.visit(newId), VISIT_FIELDS), note: `走访 ${unitName}` });
          return newId;
        }
        const before = this.visit(input.id);
        this.db
          .prepare(
            `UPDATE unit_visits SET unit_id = @unitId, visited_on = @visitedOn, visitors = @visitors, views = @views, problems = @problems, follow_up = @followUp,
               solved = @solved, solved_on = @solvedOn, note = @note, updated_at = @at WHERE id = @id`,
          )
          .run({ ...values, id: input.id });
        const changes = changesOf(before, this.visit(input.id), VISIT_FIELDS);
        if (changes.length) this.audit.write({ action: 'update', entity: 'unitVisit', entityId: input.id, changes, note: `走访 ${unitName}（${input.visitedOn}）` });
        return input.id;
      })
      .immediate();
    return this.visit(id);
  }

  removeVisit(id: number): { deleted: true } {
    this.db
      .transaction(() => {
        const v = this.visit(id);
        this.db.prepare('DELETE FROM unit_visits WHERE id = ?').run(id);
        this.audit.write({ action: 'delete', entity: 'unitVisit', entityId: id, changes: removedChanges(v, VISIT_FIELDS), note: `删除走访记录：${v.unitName} ${v.visitedOn}` });
      })
      .immediate();
    return { deleted: true };
  }

  private visit(id: number): UnitVisit {
    const r = this.db.prepare('SELECT v.*, u.name AS unit_name FROM unit_visits v JOIN resident_units u ON u.id = v.unit_id WHERE v.id = ?').get(id) as VisitDbRow | undefined;
    if (!r) throw new ServiceError('not_found', `找不到编号为 ${id} 的走访记录，请刷新后重试。`);
    return toVisit(r);
  }

  private today(): string {
    return todayIso(this.now());
  }
}

const UNIT_SELECT = `SELECT u.*, o.name AS community_name,
    (SELECT json_group_array(json_object('bodyId', b.id, 'bodyName', b.name, 'kind', b.kind))
       FROM joint_body_members m JOIN joint_bodies b ON b.id = m.body_id
      WHERE m.unit_id = u.id AND m.since <= @today AND (m.until IS NULL OR m.until >= @today)) AS bodies,
    (SELECT count(*) FROM agreement_units au JOIN agreements a ON a.id = au.agreement_id
      WHERE au.unit_id = u.id AND a.start_on <= @today AND a.end_on >= @today) AS agreements_in_force,
    (SELECT max(visited_on) FROM unit_visits v WHERE v.unit_id = u.id) AS last_visit_on,
    (SELECT count(*) FROM unit_visits v WHERE v.unit_id = u.id AND v.solved = 0 AND v.problems IS NOT NULL) AS open_problems
  FROM resident_units u LEFT JOIN organisations o ON o.id = u.community_id`;

function toUnitRow(r: UnitDbRow): ResidentUnitRow {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as UnitKind,
    address: r.address,
    partyOrgName: r.party_org_name,
    partySecretary: r.party_secretary,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    liaisonName: r.liaison_name,
    liaisonPhone: r.liaison_phone,
    communityId: r.community_id,
    communityName: r.community_name,
    leftOn: r.left_on,
    note: r.note,
    bodies: r.bodies ? (JSON.parse(r.bodies) as ResidentUnitRow['bodies']) : [],
    agreementsInForce: r.agreements_in_force,
    lastVisitOn: r.last_visit_on,
    openProblems: r.open_problems,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

interface BodyDbRow {
  id: number;
  kind: string;
  name: string;
  community_id: number | null;
  community_name: string | null;
  founded_on: string | null;
  cadence: string | null;
  note: string | null;
  last_meeting_on: string | null;
}

interface VisitDbRow {
  id: number;
  unit_id: number;
  unit_name: string;
  visited_on: string;
  visitors: string;
  views: string | null;
  problems: string | null;
  follow_up: string | null;
  solved: number;
  solved_on: string | null;
  note: string | null;
}

function toVisit(r: VisitDbRow): UnitVisit {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    visitedOn: r.visited_on,
    visitors: r.visitors,
    views: r.views,
    problems: r.problems,
    followUp: r.follow_up,
    solved: r.solved === 1,
    solvedOn: r.solved_on,
    note: r.note,
  };
}

/** An ISO date plus whole months (the day clamped to the month's end). */
export function addMonths(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + months;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
  const d = Math.min(Number(iso.slice(8, 10)), last);
  return `${yy}-${String(mm + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
