/**
 * 党员志愿者: the volunteer file of a register member, volunteer teams, service activities and hour totals.
 *
 *  - A file is one per member (volunteers.member_id): 服务时间, 登记日期, note; closed with a date (退出), reopened by
 *    saving again; never deleted. 特长 are the member record's own field (members.specialties — imported and
 *    exported with the register): save() writes the list back there, audited on the member as any change of 特长 is.
 *  - A team (志愿服务队) has a specialty, a community (or none: the street's), a leader who is one of its members,
 *    and its members, who must have a file.
 *  - A service activity (志愿服务活动) has a date, team, community (default: the team's), place, content and each
 *    participant's hours; participants must have a file open on the day. An activity entered by mistake may be
 *    deleted (audited).
 *  - Totals (per member, team, community, year) come from shared/rules/volunteerHours.ts over the participations.
 * Audited as entities 'volunteer' (by member id), 'volunteerTeam' and 'volunteerService'.
 */
import type { AuditEntry } from '../../shared/contract';
import { AVAILABILITY_LABELS, type Availability } from '../../shared/domain/labels';
import { maskPhone, todayIso } from '../../shared/rules/idNumber';
import { hourTotals, joinSpecialties, parseSpecialties, sumHours, type Participation } from '../../shared/rules/volunteerHours';
import type {
  Service,
  ServiceInput,
  ServiceListQuery,
  ServiceRow,
  Team,
  TeamInput,
  TeamRow,
  VolunteerFile,
  VolunteerHoursReport,
  VolunteerInput,
  VolunteerListQuery,
  VolunteerRow,
} from '../../shared/volunteers';
import type { Sqlite } from '../db/connection';
import { ServiceError } from '../errors';
import type { AuditService } from '../audit/service';
import type { MemberService } from '../members/service';
import type { OrgService } from '../orgs/service';
import { changesOf, checkCommunity, COMMUNITY_KINDS, invalid, likePattern, removedChanges, zhCollator } from '../cobuilding/common';

interface VolunteerDbRow {
  member_id: number;
  name: string;
  sex: 'male' | 'female' | null;
  branch_id: number | null;
  branch_name: string | null;
  specialties: string | null;
  mobile: string | null;
  left_on: string | null;
  availability: string;
  since: string;
  until: string | null;
  close_reason: string | null;
  note: string | null;
  teams: string;
  hours_year: number | null;
  hours_total: number | null;
}

const VOLUNTEER_SELECT = `SELECT v.*, m.name, m.sex, m.branch_id, o.name AS branch_name, m.specialties, m.mobile, m.left_on,
    (SELECT json_group_array(json_object('id', t.id, 'name', t.name, 'leader', t.leader_member_id = v.member_id))
       FROM volunteer_team_members tm JOIN volunteer_teams t ON t.id = tm.team_id WHERE tm.member_id = v.member_id) AS teams,
    (SELECT sum(p.hours) FROM volunteer_service_participants p JOIN volunteer_services s ON s.id = p.service_id
       WHERE p.member_id = v.member_id AND s.held_on BETWEEN @from AND @to) AS hours_year,
    (SELECT sum(p.hours) FROM volunteer_service_participants p WHERE p.member_id = v.member_id) AS hours_total
  FROM volunteers v JOIN members m ON m.id = v.member_id LEFT JOIN organisations o ON o.id = m.branch_id`;

interface TeamDbRow {
  id: number;
  name: string;
  specialty: string;
  community_id: number | null;
  community_name: string | null;
  leader_member_id: number | null;
  leader_name: string | null;
  founded_on: string | null;
  disbanded_on: string | null;
  note: string | null;
  members: number;
  services_year: number;
  hours_year: number | null;
}

const TEAM_SELECT = `SELECT t.*, o.name AS community_name, lm.name AS leader_name,
    (SELECT count(*) FROM volunteer_team_members tm WHERE tm.team_id = t.id) AS members,
    (SELECT count(*) FROM volunteer_services s WHERE s.team_id = t.id AND s.held_on BETWEEN @from AND @to) AS services_year,
    (SELECT sum(p.hours) FROM volunteer_services s JOIN volunteer_service_participants p ON p.service_id = s.id
       WHERE s.team_id = t.id AND s.held_on BETWEEN @from AND @to) AS hours_year
  FROM volunteer_teams t LEFT JOIN organisations o ON o.id = t.community_id LEFT JOIN members lm ON lm.id = t.leader_member_id`;

interface ServiceDbRow {
  id: number;
  held_on: string;
  team_id: number | null;
  team_name: string | null;
  community_id: number | null;
  community_name: string | null;
  place: string | null;
  content: string;
  note: string | null;
  participants: number;
  hours: number | null;
}

const SERVICE_SELECT = `SELECT s.*, t.name AS team_name, o.name AS community_name,
    (SELECT count(*) FROM volunteer_service_participants p WHERE p.service_id = s.id) AS participants,
    (SELECT sum(p.hours) FROM volunteer_service_participants p WHERE p.service_id = s.id) AS hours
  FROM volunteer_services s LEFT JOIN volunteer_teams t ON t.id = s.team_id LEFT JOIN organisations o ON o.id = s.community_id`;

const FILE_AUDITED = ['specialties', 'availability', 'since', 'until', 'closeReason', 'note'] as const;
const TEAM_AUDITED = ['name', 'specialty', 'communityName', 'leaderName', 'foundedOn', 'disbandedOn', 'note', 'members'] as const;
const SERVICE_AUDITED = ['heldOn', 'teamName', 'communityName', 'place', 'content', 'note', 'participants'] as const;

export class VolunteerService {
  constructor(
    private readonly db: Sqlite,
    private readonly orgs: OrgService,
    private readonly members: MemberService,
    private readonly audit: AuditService,
    private readonly now: () => Date,
  ) {}

  // ─── files ──────────────────────────────────────────────────────────────────────────────────────────

  /** The volunteers, filtered: “volunteers with 特长 X in community Y” is one call (specialty + communityId). */
  list(q: VolunteerListQuery): VolunteerRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = this.yearRange(this.year());
    if (q.status === 'active') where.push('v.until IS NULL AND m.left_on IS NULL');
    else if (q.status === 'closed') where.push('(v.until IS NOT NULL OR m.left_on IS NOT NULL)');
    const text = q.q?.trim();
    if (text) {
      where.push(`(m.name LIKE @like ESCAPE '\\' OR m.name_initials LIKE @initials ESCAPE '\\')`);
      params['like'] = likePattern(text);
      params['initials'] = `${likePattern(text.toLowerCase()).slice(1)}`;
    }
    const specialty = q.specialty?.trim();
    if (specialty) {
      where.push(`m.specialties LIKE @specialty ESCAPE '\\'`);
      params['specialty'] = likePattern(specialty);
    }
    if (q.communityId != null) {
      const ids = this.orgs.subtreeIds(q.communityId);
      where.push(`m.branch_id IN (${ids.map(Number).join(',') || 'NULL'})`);
    }
    if (q.teamId != null) {
      where.push('EXISTS (SELECT 1 FROM volunteer_team_members tm WHERE tm.member_id = v.member_id AND tm.team_id = @teamId)');
      params['teamId'] = q.teamId;
    }
    if (q.availability) {
      where.push("EXISTS (SELECT 1 FROM json_each(v.availability) a WHERE a.value = @availability OR a.value = 'anytime')");
      params['availability'] = q.availability;
    }
    const rows = this.db.prepare(`${VOLUNTEER_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} LIMIT 5000`).all(params) as VolunteerDbRow[];
    const community = this.communityIndex();
    return rows.map((r) => this.toRow(r, community)).sort((a, b) => zhCollator.compare(a.name, b.name));
  }

  get(memberId: number): VolunteerFile {
    const r = this.db.prepare(`${VOLUNTEER_SELECT} WHERE v.member_id = @id`).get({ ...this.yearRange(this.year()), id: memberId }) as VolunteerDbRow | undefined;
    if (!r) {
      const m = this.db.prepare('SELECT name FROM members WHERE id = ?').get(memberId) as { name: string } | undefined;
      throw new ServiceError('not_found', m ? `${m.name} 还没有志愿者档案。` : `找不到编号为 ${memberId} 的党员，请刷新后重试。`);
    }
    const services = (
      this.db
        .prepare(
          `SELECT s.id, s.held_on, t.name AS team_name, s.content, s.place, p.hours FROM volunteer_service_participants p
             JOIN volunteer_services s ON s.id = p.service_id LEFT JOIN volunteer_teams t ON t.id = s.team_id
           WHERE p.member_id = ? ORDER BY s.held_on DESC, s.id DESC`,
        )
        .all(memberId) as { id: number; held_on: string; team_name: string | null; content: string; place: string | null; hours: number }[]
    ).map((s) => ({ serviceId: s.id, heldOn: s.held_on, teamName: s.team_name, content: s.content, place: s.place, hours: s.hours }));
    const years = new Map<number, { hours: number[]; services: number }>();
    for (const s of services) {
      const y = Number(s.heldOn.slice(0, 4));
      const e = years.get(y) ?? { hours: [], services: 0 };
      e.hours.push(s.hours);
      e.services++;
      years.set(y, e);
    }
    const byYear = [...years].map(([year, e]) => ({ year, hours: sumHours(e.hours), services: e.services })).sort((a, b) => b.year - a.year);
    return { ...this.toRow(r, this.communityIndex()), note: r.note, closeReason: r.close_reason, services, byYear };
  }

  auditOf(memberId: number): AuditEntry[] {
    return this.audit.forEntity('volunteer', memberId);
  }

  /** 登记 / 修改志愿者档案. A closed file is reopened. 特长 go to the member record. */
  save(input: VolunteerInput): VolunteerFile {
    this.db
      .transaction(() => {
        const m = this.members.get(input.memberId);
        if (m.leftOn) throw invalid('memberId', `${m.name} 已于 ${m.leftOn} 离开，不能登记为志愿者`);
        if (input.since > this.today()) throw invalid('since', '登记日期不能晚于今天');
        if (m.joinedOn && input.since < m.joinedOn) throw invalid('since', `党员志愿者的登记日期不能早于加入党组织日期（${m.joinedOn}）`);
        const exists = this.db.prepare('SELECT 1 FROM volunteers WHERE member_id = ?').get(m.id) != null;
        const before = exists ? this.get(m.id) : null;
        const at = this.now().toISOString();
        const availability = JSON.stringify([...new Set(input.availability)]);
        if (!before) {
          this.db
            .prepare('INSERT INTO volunteers (member_id, availability, since, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
            .run(m.id, availability, input.since, input.note ?? null, at, at);
        } else {
          const first = this.db.prepare('SELECT min(s.held_on) AS d FROM volunteer_service_participants p JOIN volunteer_services s ON s.id = p.service_id WHERE p.member_id = ?').get(m.id) as { d: string | null };
          if (first.d && input.since > first.d) throw invalid('since', `${m.name} 在 ${first.d} 已参加过志愿服务，登记日期不能晚于这一天`);
          this.db
            .prepare('UPDATE volunteers SET availability = ?, since = ?, until = NULL, close_reason = NULL, note = ?, updated_at = ? WHERE member_id = ?')
            .run(availability, input.since, input.note ?? null, at, m.id);
        }
        // 特长 live on the member record: written there, audited there (as a change of 特长), the list index kept current.
        const specialties = joinSpecialties(input.specialties);
        if (specialties !== (m.specialties ?? null)) {
          if (specialties != null && specialties.length > 200) throw invalid('specialties', '特长合计不能超过 200 个字');
          this.db.prepare('UPDATE members SET specialties = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(specialties, at, m.id);
          this.audit.write({ action: 'update', entity: 'member', entityId: m.id, changes: [{ field: 'specialties', old: m.specialties, new: specialties }], note: '在志愿者档案中修改特长' });
        }
        const after = this.get(m.id);
        const changes = changesOf(before && fileAudit(before), fileAudit(after), FILE_AUDITED);
        if (!before) this.audit.write({ action: 'create', entity: 'volunteer', entityId: m.id, changes, note: `登记志愿者：${m.name}` });
        else if (changes.length) this.audit.write({ action: 'update', entity: 'volunteer', entityId: m.id, changes, note: `修改志愿者档案：${m.name}` });
      })
      .immediate();
    this.members.listIndex.refresh([input.memberId]);
    return this.get(input.memberId);
  }

  /** 退出志愿者队伍 (until: a date), or reopen (until: null). */
  close(input: { memberId: number; until: string | null; reason?: string | null }): VolunteerFile {
    this.db
      .transaction(() => {
        const before = this.get(input.memberId);
        if (input.until != null) {
          if (before.until) throw new ServiceError('conflict', `${before.name} 已于 ${before.until} 退出志愿者队伍。`);
          if (input.until > this.today()) throw invalid('until', '退出日期不能晚于今天');
          if (input.until < before.since) throw invalid('until', `退出日期不能早于登记日期（${before.since}）`);
          const last = this.db.prepare('SELECT max(s.held_on) AS d FROM volunteer_service_participants p JOIN volunteer_services s ON s.id = p.service_id WHERE p.member_id = ?').get(input.memberId) as { d: string | null };
          if (last.d && input.until < last.d) throw invalid('until', `${before.name} 在 ${last.d} 还参加过志愿服务，退出日期不能早于这一天`);
        }
        this.db
          .prepare('UPDATE volunteers SET until = ?, close_reason = ?, updated_at = ? WHERE member_id = ?')
          .run(input.until, input.until ? (input.reason ?? null) : null, this.now().toISOString(), input.memberId);
        const after = this.get(input.memberId);
        this.audit.write({
          action: 'update',
          entity: 'volunteer',
          entityId: input.memberId,
          changes: changesOf(fileAudit(before), fileAudit(after), FILE_AUDITED),
          note: input.until ? `${before.name} 退出志愿者队伍` : `${before.name} 重新加入志愿者队伍`,
        });
      })
      .immediate();
    return this.get(input.memberId);
  }

  // ─── teams ──────────────────────────────────────────────────────────────────────────────────────────

  listTeams(): TeamRow[] {
    const rows = this.db.prepare(`${TEAM_SELECT} ORDER BY t.disbanded_on IS NOT NULL, t.name`).all(this.yearRange(this.year())) as TeamDbRow[];
    return rows.map(toTeamRow).sort((a, b) => Number(a.disbandedOn != null) - Number(b.disbandedOn != null) || zhCollator.compare(a.name, b.name));
  }

  getTeam(id: number): Team {
    const range = this.yearRange(this.year());
    const r = this.db.prepare(`${TEAM_SELECT} WHERE t.id = @id`).get({ ...range, id }) as TeamDbRow | undefined;
    if (!r) throw new ServiceError('not_found', `找不到编号为 ${id} 的志愿服务队，请刷新后重试。`);
    const memberList = (
      this.db
        .prepare(
          `SELECT m.id, m.name, o.name AS branch_name, m.specialties,
             (SELECT sum(p.hours) FROM volunteer_service_participants p JOIN volunteer_services s ON s.id = p.service_id
               WHERE p.member_id = m.id AND s.held_on BETWEEN @from AND @to) AS hours
           FROM volunteer_team_members tm JOIN members m ON m.id = tm.member_id LEFT JOIN organisations o ON o.id = m.branch_id
           WHERE tm.team_id = @id ORDER BY tm.position`,
        )
        .all({ ...range, id }) as { id: number; name: string; branch_name: string | null; specialties: string | null; hours: number | null }[]
    ).map((m) => ({ memberId: m.id, name: m.name, branchName: m.branch_name, specialties: parseSpecialties(m.specialties), hoursThisYear: roundTenth(m.hours) }));
    return { ...toTeamRow(r), note: r.note, memberList };
  }

  auditOfTeam(id: number): AuditEntry[] {
    return this.audit.forEntity('volunteerTeam', id);
  }

  saveTeam(input: { id?: number; team: TeamInput }): Team {
    const t = input.team;
    const id = this.db
      .transaction(() => {
        if (t.communityId != null) checkCommunity(this.db, t.communityId, 'communityId', { street: true });
        if (new Set(t.memberIds).size !== t.memberIds.length) throw invalid('memberIds', '同一名志愿者选了两次');
        for (const m of t.memberIds) this.requireVolunteer(m, 'memberIds');
        if (t.leaderMemberId != null && !t.memberIds.includes(t.leaderMemberId)) throw invalid('leaderMemberId', '队长应是本服务队的队员，请先把他加入队员名单');
        if (t.foundedOn && t.foundedOn > this.today()) throw invalid('foundedOn', '成立日期不能晚于今天');
        if (t.disbandedOn && t.foundedOn && t.disbandedOn < t.foundedOn) throw invalid('disbandedOn', '解散日期不能早于成立日期');
        const dup = this.db.prepare('SELECT id FROM volunteer_teams WHERE name = ? AND id IS NOT ?').get(t.name, input.id ?? null);
        if (dup) throw invalid('name', `已有名为“${t.name}”的志愿服务队`);
        const before = input.id != null ? this.getTeam(input.id) : null;
        const at = this.now().toISOString();
        const values = { name: t.name, specialty: t.specialty, communityId: t.communityId, leader: t.leaderMemberId, foundedOn: t.foundedOn ?? null, disbandedOn: t.disbandedOn ?? null, note: t.note ?? null, at };
        let id: number;
        if (!before) {
          id = Number(
            this.db
              .prepare(
                `INSERT INTO volunteer_teams (name, specialty, community_id, leader_member_id, founded_on, disbanded_on, note, created_at, updated_at)
                 VALUES (@name, @specialty, @communityId, @leader, @foundedOn, @disbandedOn, @note, @at, @at)`,
              )
              .run(values).lastInsertRowid,
          );
        } else {
          id = before.id;
          this.db
            .prepare(
              `UPDATE volunteer_teams SET name = @name, specialty = @specialty, community_id = @communityId, leader_member_id = @leader,
                 founded_on = @foundedOn, disbanded_on = @disbandedOn, note = @note, updated_at = @at WHERE id = @id`,
            )
            .run({ ...values, id });
          this.db.prepare('DELETE FROM volunteer_team_members WHERE team_id = ?').run(id);
        }
        const ins = this.db.prepare('INSERT INTO volunteer_team_members (team_id, member_id, position) VALUES (?, ?, ?)');
        t.memberIds.forEach((m, i) => ins.run(id, m, i));
        const after = this.getTeam(id);
        const changes = changesOf(before && teamAudit(before), teamAudit(after), TEAM_AUDITED);
        if (!before) this.audit.write({ action: 'create', entity: 'volunteerTeam', entityId: id, changes, note: `成立志愿服务队：${t.name}` });
        else if (changes.length) this.audit.write({ action: 'update', entity: 'volunteerTeam', entityId: id, changes, note: `修改志愿服务队：${t.name}` });
        return id;
      })
      .immediate();
    return this.getTeam(id);
  }

  // ─── service activities ─────────────────────────────────────────────────────────────────────────────

  listServices(q: ServiceListQuery): ServiceRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (q.year != null) {
      where.push('s.held_on BETWEEN @from AND @to');
      Object.assign(params, this.yearRange(q.year));
    }
    if (q.teamId != null) {
      where.push('s.team_id = @teamId');
      params['teamId'] = q.teamId;
    }
    if (q.communityId != null) {
      where.push('s.community_id = @communityId');
      params['communityId'] = q.communityId;
    }
    if (q.memberId != null) {
      where.push('EXISTS (SELECT 1 FROM volunteer_service_participants p WHERE p.service_id = s.id AND p.member_id = @memberId)');
      params['memberId'] = q.memberId;
    }
    const rows = this.db.prepare(`${SERVICE_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.held_on DESC, s.id DESC LIMIT 5000`).all(params) as ServiceDbRow[];
    return rows.map(toServiceRow);
  }

  getService(id: number): Service {
    const r = this.db.prepare(`${SERVICE_SELECT} WHERE s.id = ?`).get(id) as ServiceDbRow | undefined;
    if (!r) throw new ServiceError('not_found', `找不到编号为 ${id} 的志愿服务记录，请刷新后重试。`);
    const participantList = (
      this.db
        .prepare(
          `SELECT p.member_id, m.name, o.name AS branch_name, p.hours FROM volunteer_service_participants p
             JOIN members m ON m.id = p.member_id LEFT JOIN organisations o ON o.id = m.branch_id
           WHERE p.service_id = ? ORDER BY p.position`,
        )
        .all(id) as { member_id: number; name: string; branch_name: string | null; hours: number }[]
    ).map((p) => ({ memberId: p.member_id, name: p.name, branchName: p.branch_name, hours: p.hours }));
    return { ...toServiceRow(r), note: r.note, participantList };
  }

  auditOfService(id: number): AuditEntry[] {
    return this.audit.forEntity('volunteerService', id);
  }

  saveService(input: { id?: number; service: ServiceInput }): Service {
    const s = input.service;
    const id = this.db
      .transaction(() => {
        if (s.heldOn > this.today()) throw invalid('heldOn', '服务日期不能晚于今天');
        let communityId = s.communityId;
        if (s.teamId != null) {
          const team = this.db.prepare('SELECT name, community_id, founded_on, disbanded_on FROM volunteer_teams WHERE id = ?').get(s.teamId) as
            | { name: string; community_id: number | null; founded_on: string | null; disbanded_on: string | null }
            | undefined;
          if (!team) throw invalid('teamId', '所选志愿服务队不存在，请刷新后重新选择');
          if (team.disbanded_on && s.heldOn > team.disbanded_on) throw invalid('teamId', `${team.name} 已于 ${team.disbanded_on} 解散，不能登记此后的服务`);
          if (team.founded_on && s.heldOn < team.founded_on) throw invalid('heldOn', `${team.name} 成立于 ${team.founded_on}，服务日期不能早于这一天`);
          communityId ??= team.community_id;
        }
        if (communityId != null) checkCommunity(this.db, communityId, 'communityId', { street: true });
        const seen = new Set<number>();
        for (const p of s.participants) {
          const v = this.requireVolunteer(p.memberId, 'participants');
          if (seen.has(p.memberId)) throw invalid('participants', `${v.name} 登记了两次，请删去一行`);
          seen.add(p.memberId);
          if (s.heldOn < v.since) throw invalid('participants', `${v.name} 的志愿者登记日期是 ${v.since}，服务日期不能早于这一天`);
          if (v.until && s.heldOn > v.until) throw invalid('participants', `${v.name} 已于 ${v.until} 退出志愿者队伍`);
        }
        const before = input.id != null ? this.getService(input.id) : null;
        const at = this.now().toISOString();
        const values = { heldOn: s.heldOn, teamId: s.teamId, communityId, place: s.place ?? null, content: s.content, note: s.note ?? null, at };
        let id: number;
        if (!before) {
          id = Number(
            this.db
              .prepare(
                `INSERT INTO volunteer_services (held_on, team_id, community_id, place, content, note, created_at, updated_at)
                 VALUES (@heldOn, @teamId, @communityId, @place, @content, @note, @at, @at)`,
              )
              .run(values).lastInsertRowid,
          );
        } else {
          id = before.id;
          this.db
            .prepare(
              `UPDATE volunteer_services SET held_on = @heldOn, team_id = @teamId, community_id = @communityId, place = @place, content = @content,
                 note = @note, updated_at = @at WHERE id = @id`,
            )
            .run({ ...values, id });
          this.db.prepare('DELETE FROM volunteer_service_participants WHERE service_id = ?').run(id);
        }
        const ins = this.db.prepare('INSERT INTO volunteer_service_participants (service_id, member_id, position, hours) VALUES (?, ?, ?, ?)');
        s.participants.forEach((p, i) => ins.run(id, p.memberId, i, Math.round(p.hours * 10) / 10));
        const after = this.getService(id);
        const changes = changesOf(before && serviceAudit(before), serviceAudit(after), SERVICE_AUDITED);
        if (!before) this.audit.write({ action: 'create', entity: 'volunteerService', entityId: id, changes, note: `志愿服务：${s.content.slice(0, 40)}（${s.heldOn}）` });
        else if (changes.length) this.audit.write({ action: 'update', entity: 'volunteerService', entityId: id, changes, note: `修改志愿服务记录（${s.heldOn}）` });
        return id;
      })
      .immediate();
    return this.getService(id);
  }

  removeService(id: number): { deleted: true } {
    this.db
      .transaction(() => {
        const s = this.getService(id);
        this.db.prepare('DELETE FROM volunteer_services WHERE id = ?').run(id);
        this.audit.write({ action: 'delete', entity: 'volunteerService', entityId: id, changes: removedChanges(serviceAudit(s), SERVICE_AUDITED), note: `删除志愿服务记录（${s.heldOn}）` });
      })
      .immediate();
    return { deleted: true };
  }

  // ─── totals ─────────────────────────────────────────────────────────────────────────────────────────

  /** Every participation (optionally of one year), for the totals and the yearly targets. */
  participations(year?: number): Participation[] {
    const filter = year != null ? 'WHERE s.held_on BETWEEN @from AND @to' : '';
    return (
      this.db
        .prepare(
          `SELECT s.id, s.held_on, p.member_id, m.name AS member_name, s.team_id, t.name AS team_name, s.community_id, o.name AS community_name, p.hours
           FROM volunteer_service_participants p JOIN volunteer_services s ON s.id = p.service_id JOIN members m ON m.id = p.member_id
             LEFT JOIN volunteer_teams t ON t.id = s.team_id LEFT JOIN organisations o ON o.id = s.community_id ${filter}`,
        )
        .all(year != null ? this.yearRange(year) : {}) as {
        id: number;
        held_on: string;
        member_id: number;
        member_name: string;
        team_id: number | null;
        team_name: string | null;
        community_id: number | null;
        community_name: string | null;
        hours: number;
      }[]
    ).map((r) => ({
      serviceId: r.id,
      heldOn: r.held_on,
      memberId: r.member_id,
      memberName: r.member_name,
      teamId: r.team_id,
      teamName: r.team_name,
      communityId: r.community_id,
      communityName: r.community_name,
      hours: r.hours,
    }));
  }

  /** 服务时长统计: per member, team, community and year (of one year, or of all). */
  hours(year?: number): VolunteerHoursReport {
    const totals = hourTotals(this.participations(year));
    const volunteers = (this.db.prepare('SELECT count(*) AS n FROM volunteers v JOIN members m ON m.id = v.member_id WHERE v.until IS NULL AND m.left_on IS NULL').get() as { n: number }).n;
    const teams = (this.db.prepare('SELECT count(*) AS n FROM volunteer_teams WHERE disbanded_on IS NULL').get() as { n: number }).n;
    return { ...totals, year: year ?? null, volunteers, teams };
  }

  // ─── inside ─────────────────────────────────────────────────────────────────────────────────────────

  private requireVolunteer(memberId: number, field: string): { name: string; since: string; until: string | null } {
    const v = this.db
      .prepare('SELECT m.name, v.since, v.until, m.left_on FROM members m LEFT JOIN volunteers v ON v.member_id = m.id WHERE m.id = ?')
      .get(memberId) as { name: string; since: string | null; until: string | null; left_on: string | null } | undefined;
    if (!v) throw invalid(field, '所选党员在名册中找不到，请刷新后重新选择');
    if (v.since == null) throw invalid(field, `${v.name} 还没有志愿者档案，请先在“志愿者”中登记`);
    return { name: v.name, since: v.since, until: v.until };
  }

  /** Each branch's community: the nearest 社区党委 (or 党总支 serving as one) above it. */
  private communityIndex(): (branchId: number | null) => { id: number; name: string } | null {
    const rows = this.db.prepare('SELECT id, name, kind, parent_id FROM organisations').all() as { id: number; name: string; kind: string; parent_id: number | null }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const memo = new Map<number, { id: number; name: string } | null>();
    return (branchId) => {
      if (branchId == null) return null;
      const hit = memo.get(branchId);
      if (hit !== undefined) return hit;
      let found: { id: number; name: string } | null = null;
      let at = byId.get(branchId);
      for (let depth = 0; at && depth < 64; depth++) {
        if ((COMMUNITY_KINDS as readonly string[]).includes(at.kind)) {
          found = { id: at.id, name: at.name };
          break;
        }
        at = at.parent_id != null ? byId.get(at.parent_id) : undefined;
      }
      memo.set(branchId, found);
      return found;
    };
  }

  private toRow(r: VolunteerDbRow, community: (branchId: number | null) => { id: number; name: string } | null): VolunteerRow {
    const c = community(r.branch_id);
    return {
      memberId: r.member_id,
      name: r.name,
      sex: r.sex,
      branchName: r.branch_name,
      communityId: c?.id ?? null,
      communityName: c?.name ?? null,
      specialties: parseSpecialties(r.specialties),
      availability: JSON.parse(r.availability) as Availability[],
      teams: (JSON.parse(r.teams) as { id: number; name: string; leader: number }[]).map((t) => ({ id: t.id, name: t.name, leader: t.leader === 1 })),
      since: r.since,
      until: r.until,
      hoursThisYear: roundTenth(r.hours_year),
      hoursTotal: roundTenth(r.hours_total),
      memberLeft: r.left_on != null,
      mobileMasked: r.mobile ? maskPhone(r.mobile) : null,
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

function roundTenth(h: number | null): number {
  return h == null ? 0 : Math.round(h * 10) / 10;
}

function toTeamRow(r: TeamDbRow): TeamRow {
  return {
    id: r.id,
    name: r.name,
    specialty: r.specialty,
    communityId: r.community_id,
    communityName: r.community_name,
    leaderMemberId: r.leader_member_id,
    leaderName: r.leader_name,
    foundedOn: r.founded_on,
    disbandedOn: r.disbanded_on,
    members: r.members,
    servicesThisYear: r.services_year,
    hoursThisYear: roundTenth(r.hours_year),
  };
}

function toServiceRow(r: ServiceDbRow): ServiceRow {
  return {
    id: r.id,
    heldOn: r.held_on,
    teamId: r.team_id,
    teamName: r.team_name,
    communityId: r.community_id,
    communityName: r.community_name,
    place: r.place,
    content: r.content,
    participants: r.participants,
    hours: roundTenth(r.hours),
  };
}

function fileAudit(f: VolunteerFile) {
  return {
    specialties: f.specialties.join('、'),
    availability: f.availability.map((a) => AVAILABILITY_LABELS[a]).join('、'),
    since: f.since,
    until: f.until,
    closeReason: f.closeReason,
    note: f.note,
  };
}

function teamAudit(t: Team) {
  return {
    name: t.name,
    specialty: t.specialty,
    communityName: t.communityName,
    leaderName: t.leaderName,
    foundedOn: t.foundedOn,
    disbandedOn: t.disbandedOn,
    note: t.note,
    members: t.memberList.map((m) => m.name),
  };
}

function serviceAudit(s: Service) {
  return {
    heldOn: s.heldOn,
    teamName: s.teamName,
    communityName: s.communityName,
    place: s.place,
    content: s.content,
    note: s.note,
    participants: s.participantList.map((p) => `${p.name} ${p.hours}小时`),
  };
}
