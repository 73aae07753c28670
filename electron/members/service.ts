import type { AuditEntry, IdCheckResult, Member, MemberListResult, MemberListRow, ParsedInput } from '../../shared/contract';
import {
  MEMBER_FIELD_LABELS,
  TAGS,
  TAG_LABELS,
  maskToTags,
  tagsToMask,
  type Education,
  type ExitReason,
  type FloatingDirection,
  type IdStatus,
  type MembershipKind,
  type Standing,
  type Tag,
} from '../../shared/domain/labels';
import { maskIdNumber, maskPhone, parseIdNumber, todayIso } from '../../shared/rules/idNumber';
import { checkMember, effectiveTags, type ExitInput, type MemberInput } from '../../shared/rules/member';
import { first, qb, type Sqlite } from '../db/connection';
import type { MembersTable } from '../db/schema';
import { ServiceError } from '../errors';
import { diff, type AuditService } from '../audit/service';
import type { OrgService } from '../orgs/service';
import { nameKeys, searchText } from './names';
import { listMembers } from './list';
import { MemberListIndex } from './listIndex';
import { branchHistory, moveMembers, newBatchId, recordBranchChange, type MoveRequest } from './moves';
import type { BranchStay, MoveResult } from '../../shared/moves';

export type MemberRow = Omit<MembersTable, 'id' | 'version'> & { id: number; version: number; branch_name: string | null };

/** Fields compared for the audit log, in the form's order. */
const AUDITED = Object.keys(MEMBER_FIELD_LABELS) as (keyof Member & string)[];

export class MemberService {
  /** The list's in-memory index (see listIndex.ts): patched after each write below, rebuilt on outside writes. */
  readonly listIndex: MemberListIndex;

  constructor(
    private readonly db: Sqlite,
    private readonly orgs: OrgService,
    private readonly audit: AuditService,
    private readonly now: () => Date,
  ) {
    this.listIndex = new MemberListIndex(db);
    orgs.onChange(() => this.listIndex.invalidateBranchNames());
  }

  list(query: ParsedInput<'members.list'>): MemberListResult {
    const orgIds = query.orgId != null ? this.orgs.subtreeIds(query.orgId) : undefined;
    return listMembers(this.db, this.listIndex, query, orgIds);
  }

  /** Runs a write in one immediate transaction, then brings the list index up to date with what committed. */
  private write(fn: () => Member): Member {
    const m = this.db.transaction(fn).immediate();
    this.listIndex.refresh([m.id]);
    return m;
  }

  get(id: number): Member {
    const row = this.db
      .prepare(`SELECT m.*, o.name AS branch_name FROM members m LEFT JOIN organisations o ON o.id = m.branch_id WHERE m.id = ?`)
      .get(id) as MemberRow | undefined;
    if (!row) throw new ServiceError('not_found', `找不到编号为 ${id} 的党员记录。请刷新名册后重试。`);
    return rowToMember(row);
  }

  auditOf(id: number): AuditEntry[] {
    this.get(id);
    return this.audit.forEntity('member', id);
  }

  checkId(idNumber: string, excludeId?: number): IdCheckResult {
    const p = parseIdNumber(idNumber, this.today());
    const result: IdCheckResult = p.ok
      ? { normalised: p.normalised, ok: true, form: p.form, sex: p.sex, birthDate: p.birthDate }
      : { normalised: p.normalised, ok: false, problem: p.problem, message: p.message, sex: p.sex, birthDate: p.birthDate };
    if (p.normalised) {
      const dup = this.findByIdNumber(p.normalised, excludeId);
      if (dup) result.duplicate = dup;
    }
    return result;
  }

  create(input: MemberInput): Member {
    const value = this.validate(input, undefined);
    return this.write(() => {
      const id = insertMember(this.db, value, this.now().toISOString());
      const created = this.get(id);
      this.audit.write({ action: 'create', entity: 'member', entityId: id, changes: diff(null, created, AUDITED) });
      return created;
    });
  }

  update(id: number, input: MemberInput, expectedVersion: number): Member {
    const value = this.validate(input, id);
    return this.write(() => {
      const before = this.get(id);
      if (before.version !== expectedVersion) {
        throw new ServiceError('conflict', `${before.name} 的记录刚被修改过（可能在另一个窗口）。请关闭表单，重新打开后再改。`);
      }
      if (before.leftOn) throw new ServiceError('conflict', `${before.name} 已${before.leftReason ? '离开' : ''}，请先恢复为在册党员再修改。`);
      updateMember(this.db, id, value, this.now().toISOString());
      const after = this.get(id);
      const changes = diff(before, after, AUDITED);
      if (changes.length) this.audit.write({ action: 'update', entity: 'member', entityId: id, changes });
      return after;
    });
  }

  /** Ends an active membership (转出, 去世, 停止党籍 …); the record stays. */
  exit(input: ExitInput): Member {
    return this.write(() => {
      const before = this.get(input.id);
      if (before.leftOn) throw new ServiceError('conflict', `${before.name} 已于 ${before.leftOn} 离开，不能重复办理。`);
      if (input.date > this.today()) throw new ServiceError('validation', '离开日期不能晚于今天', { date: '离开日期不能晚于今天' });
      if (before.joinedOn && input.date < before.joinedOn)
        throw new ServiceError('validation', '离开日期不能早于加入党组织日期', { date: `离开日期不能早于加入党组织日期（${before.joinedOn}）` });
      this.db
        .prepare(
          `UPDATE members SET left_on = ?, left_reason = ?, left_note = ?,
             standing = CASE WHEN ? = 'suspended' THEN 'suspended' ELSE standing END,
             updated_at = ?, version = version + 1 WHERE id = ?`,
        )
        .run(input.date, input.reason, input.note, input.reason, this.now().toISOString(), input.id);
      const after = this.get(input.id);
      this.audit.write({ action: 'exit', entity: 'member', entityId: input.id, changes: diff(before, after, AUDITED), note: input.note });
      return after;
    });
  }

  /**
   * 是否为流动党员, 流动方向 and 外出流向 as the 活动证 register has them (a certificate issued, corrected or returned):
   * those three columns only, audited with `note`, inside the caller's transaction (the caller refreshes the list
   * index once it has committed). Returns whether anything changed.
   */
  setFloatingWithin(id: number, f: { floating: boolean; direction: FloatingDirection | null; destination: string | null }, note: string): boolean {
    const before = this.get(id);
    const next = f.floating ? f : { floating: false, direction: null, destination: null };
    if (before.floating === next.floating && before.floatingDirection === next.direction && before.floatingDestination === next.destination) return false;
    this.db
      .prepare('UPDATE members SET floating = ?, floating_direction = ?, floating_destination = ?, updated_at = ?, version = version + 1 WHERE id = ?')
      .run(next.floating ? 1 : 0, next.direction, next.destination, this.now().toISOString(), id);
    this.audit.write({ action: 'update', entity: 'member', entityId: id, changes: diff(before, this.get(id), AUDITED), note });
    return true;
  }

  /** Undoes an exit entered by mistake (or a member who returns); the reason is recorded. */
  reinstate(id: number, note: string): Member {
    return this.write(() => {
      const before = this.get(id);
      if (!before.leftOn) throw new ServiceError('conflict', `${before.name} 是在册党员，无需恢复。`);
      this.db
        .prepare(
          `UPDATE members SET left_on = NULL, left_reason = NULL, left_note = NULL,
             standing = CASE WHEN left_reason = 'suspended' THEN 'normal' ELSE standing END,
             updated_at = ?, version = version + 1 WHERE id = ?`,
        )
        .run(this.now().toISOString(), id);
      const after = this.get(id);
      this.audit.write({ action: 'reinstate', entity: 'member', entityId: id, changes: diff(before, after, AUDITED), note });
      return after;
    });
  }

  /**
   * Moves members to another branch (one, or a few thousand at once) in one transaction: each move in the
   * branch history and the audit log under one batch id. Refuses members who left, a target that is not a
   * branch, a date before a member came into their current branch; nothing is written when any is refused.
   */
  move(req: MoveRequest): MoveResult {
    const batchId = newBatchId('move', this.now());
    const r = this.db.transaction(() => this.moveWithin(req, batchId)).immediate();
    this.moved(r.movedIds);
    return { moved: r.moved, unchanged: r.unchanged, batchId: r.batchId };
  }

  /** move() inside the caller's transaction (e.g. forming a branch); call moved() after it commits. */
  moveWithin(req: MoveRequest, batchId: string): MoveResult & { movedIds: number[] } {
    return moveMembers({ db: this.db, orgs: this.orgs, audit: this.audit, today: this.today(), at: this.now().toISOString() }, req, batchId);
  }

  /** After members were moved and committed: the list index catches up (a big batch is cheaper rebuilt). */
  moved(ids: number[]): void {
    if (ids.length > 500) this.listIndex.invalidate();
    else if (ids.length) this.listIndex.refresh(ids);
  }

  /** 所在党支部历史: every branch the member was in, oldest first, with dates and reasons. */
  history(id: number): BranchStay[] {
    return branchHistory(this.db, this.get(id));
  }

  /** For the command line: active members in total, by classification (Chinese label) and by branch. */
  stats(): { total: number; byTag: Record<string, number>; byBranch: Record<string, number> } {
    const tagSums = TAGS.map((t, i) => `sum((tag_mask >> ${i}) & 1) AS t${i}`).join(', ');
    const agg = this.db.prepare(`SELECT count(*) AS total, ${tagSums} FROM members WHERE left_on IS NULL`).get() as Record<string, number | null>;
    const byTag: Record<string, number> = {};
    TAGS.forEach((t, i) => (byTag[TAG_LABELS[t]] = agg[`t${i}`] ?? 0));
    const orgs = this.orgs.rows();
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const nameCount = new Map<string, number>();
    for (const o of orgs) nameCount.set(o.name, (nameCount.get(o.name) ?? 0) + 1);
    const label = (id: number | null): string => {
      const o = id == null ? undefined : byId.get(id);
      if (!o) return '未编入党支部';
      if ((nameCount.get(o.name) ?? 0) < 2) return o.name;
      const parent = o.parentId != null ? byId.get(o.parentId) : undefined;
      return parent ? `${parent.name}/${o.name}` : `${o.name}（${o.id}）`;
    };
    const byBranch: Record<string, number> = {};
    for (const r of this.db
      .prepare('SELECT branch_id AS id, count(*) AS n FROM members WHERE left_on IS NULL GROUP BY branch_id ORDER BY n DESC')
      .all() as { id: number | null; n: number }[]) {
      const k = label(r.id);
      byBranch[k] = (byBranch[k] ?? 0) + r.n;
    }
    return { total: agg.total ?? 0, byTag, byBranch };
  }

  private today(): string {
    return todayIso(this.now());
  }

  private findByIdNumber(idNumber: string, excludeId?: number): IdCheckResult['duplicate'] {
    const row = first(
      this.db,
      qb
        .selectFrom('members as m')
        .leftJoin('organisations as o', 'o.id', 'm.branch_id')
        .select(['m.id', 'm.name', 'o.name as branchName', 'm.left_on'])
        .where('m.id_number', '=', idNumber)
        .$if(excludeId != null, (q) => q.where('m.id', '!=', excludeId!)),
    );
    return row ? { id: row.id, name: row.name, branchName: row.branchName, active: row.left_on == null } : undefined;
  }

  /** The record's own rules, then those that need the database. Throws with every field's message at once. */
  private validate(input: MemberInput, selfId: number | undefined): ReturnType<typeof checkMember>['value'] {
    const { value, errors } = checkMember(input, this.today());
    if (!errors.idNumber && value.idNumber) {
      const dup = this.findByIdNumber(value.idNumber, selfId);
      if (dup)
        errors.idNumber = `该公民身份号码已登记为 ${dup.name}${dup.branchName ? `（${dup.branchName}）` : ''}${dup.active ? '' : '，已离开'}，不能重复登记`;
    }
    if (value.branchId != null && !errors.branchId) {
      try {
        this.orgs.assertBranch(value.branchId);
      } catch (e) {
        if (e instanceof ServiceError && e.fieldErrors?.branchId) errors.branchId = e.fieldErrors.branchId;
        else throw e;
      }
    }
    const fields = Object.keys(errors) as (keyof typeof errors)[];
    if (fields.length) {
      const list = fields.map((f) => MEMBER_FIELD_LABELS[f] ?? f).join('、');
      throw new ServiceError('validation', `请检查以下内容：${list}`, errors as Record<string, string>);
    }
    return value;
  }
}

const COLUMNS = [
  'name', 'name_initials', 'name_pinyin', 'search_text', 'sex', 'ethnicity', 'id_number', 'id_status', 'id_override_reason',
  'birth_date', 'education', 'membership_kind', 'branch_id', 'joined_on', 'confirmed_on', 'occupation', 'mobile', 'phone',
  'address', 'standing', 'lost_contact', 'lost_contact_since', 'floating', 'floating_direction', 'floating_destination',
  'tag_mask', 'specialties', 'note',
] as const;

/**
 * The values a checked record writes, in COLUMNS order (positional parameters: an import binds 100,000 of these,
 * and binding by position skips looking up 28 names in an object each time). Derived columns (name keys, search
 * text, tag bits) are computed here only.
 */
export function columnValues(v: CheckedMember): (string | number | null)[] {
  const keys = nameKeys(v.name);
  return [
    v.name,
    keys.initials,
    keys.pinyin,
    searchText(v.name, keys.initials, keys.pinyin, v.idNumber),
    v.sex,
    v.ethnicity,
    v.idNumber,
    v.idStatus,
    v.idStatus === 'override' ? v.idOverrideReason : null,
    v.birthDate,
    v.education,
    v.membershipKind,
    v.branchId,
    v.joinedOn,
    v.confirmedOn,
    v.occupation,
    v.mobile,
    v.phone,
    v.address,
    v.standing,
    v.lostContact ? 1 : 0,
    v.lostContactSince,
    v.floating ? 1 : 0,
    v.floatingDirection,
    v.floatingDestination,
    tagsToMask(effectiveTags(v)),
    v.specialties,
    v.note,
  ];
}

/** The columns a checked record writes, by name (the seed script and its test use this). */
export function toColumns(v: CheckedMember): Record<(typeof COLUMNS)[number], string | number | null> {
  const values = columnValues(v);
  return Object.fromEntries(COLUMNS.map((c, i) => [c, values[i]!])) as Record<(typeof COLUMNS)[number], string | number | null>;
}
export const MEMBER_COLUMNS = COLUMNS;

export type CheckedMember = ReturnType<typeof checkMember>['value'];

const insertStatements = new WeakMap<Sqlite, { insert: Statement; update: Statement; branchOf: Statement }>();
type Statement = ReturnType<Sqlite['prepare']>;
function statements(db: Sqlite) {
  let s = insertStatements.get(db);
  if (!s) {
    s = {
      // Positional: COLUMNS' values, then created_at and updated_at (insert) or updated_at and id (update).
      insert: db.prepare(
        `INSERT INTO members (${COLUMNS.join(', ')}, created_at, updated_at, version)
         VALUES (${COLUMNS.map(() => '?').join(', ')}, ?, ?, 1)`,
      ),
      update: db.prepare(`UPDATE members SET ${COLUMNS.map((c) => `${c} = ?`).join(', ')}, updated_at = ?, version = version + 1 WHERE id = ?`),
      branchOf: db.prepare('SELECT branch_id FROM members WHERE id = ?'),
    };
    insertStatements.set(db, s);
  }
  return s;
}

/** How a write that places a member in a branch is recorded in their branch history. */
export interface BranchNote {
  reason?: string | null;
  batchId?: string | null;
}

/** Writes a checked record as a new member (inside the caller's transaction); returns its id. */
export function insertMember(db: Sqlite, value: CheckedMember, at: string, note: BranchNote = {}): number {
  const values = columnValues(value);
  values.push(at, at);
  const id = Number(statements(db).insert.run(values).lastInsertRowid);
  if (value.branchId != null) {
    const date = value.joinedOn ?? todayIso(new Date(at));
    recordBranchChange(db, { memberId: id, from: null, to: value.branchId, date, reason: note.reason ?? null, batchId: note.batchId ?? null, newMember: true });
  }
  return id;
}

/**
 * Overwrites a member's record fields with a checked record (inside the caller's transaction). A changed
 * 所在党支部 is recorded in the branch history as of the day of the write.
 */
export function updateMember(db: Sqlite, id: number, value: CheckedMember, at: string, note: BranchNote = {}): void {
  const s = statements(db);
  const before = s.branchOf.get(id) as { branch_id: number | null } | undefined;
  const values = columnValues(value);
  values.push(at, id);
  s.update.run(values);
  if (before && before.branch_id !== value.branchId) {
    recordBranchChange(db, {
      memberId: id,
      from: before.branch_id,
      to: value.branchId,
      date: todayIso(new Date(at)),
      reason: note.reason ?? '修改党员信息时更改所在党支部',
      batchId: note.batchId ?? null,
    });
  }
}

/** The fields of a Member that a checked record sets, exactly as get() would read them back. */
export function recordFields(v: CheckedMember): Pick<Member, (typeof RECORD_FIELDS)[number]> {
  return {
    name: v.name,
    sex: v.sex,
    ethnicity: v.ethnicity,
    idNumber: v.idNumber,
    idStatus: v.idStatus,
    idOverrideReason: v.idStatus === 'override' ? v.idOverrideReason : null,
    birthDate: v.birthDate,
    education: v.education,
    membershipKind: v.membershipKind,
    branchId: v.branchId,
    joinedOn: v.joinedOn,
    confirmedOn: v.confirmedOn,
    occupation: v.occupation,
    mobile: v.mobile,
    phone: v.phone,
    address: v.address,
    standing: v.standing,
    lostContact: v.lostContact,
    lostContactSince: v.lostContactSince,
    floating: v.floating,
    floatingDirection: v.floatingDirection,
    floatingDestination: v.floatingDestination,
    tags: maskToTags(tagsToMask(effectiveTags(v))),
    specialties: v.specialties,
    note: v.note,
  };
}
export const RECORD_FIELDS = [
  'name', 'sex', 'ethnicity', 'idNumber', 'idStatus', 'idOverrideReason', 'birthDate', 'education', 'membershipKind',
  'branchId', 'joinedOn', 'confirmedOn', 'occupation', 'mobile', 'phone', 'address', 'standing', 'lostContact',
  'lostContactSince', 'floating', 'floatingDirection', 'floatingDestination', 'tags', 'specialties', 'note',
] as const;
/** The fields compared for the audit log. */
export { AUDITED as AUDITED_FIELDS };

export function rowToMember(r: MemberRow): Member {
  return {
    id: r.id,
    name: r.name,
    sex: r.sex as Member['sex'],
    ethnicity: r.ethnicity,
    idNumber: r.id_number,
    idStatus: r.id_status as IdStatus,
    idOverrideReason: r.id_override_reason,
    birthDate: r.birth_date,
    education: r.education as Education | null,
    membershipKind: r.membership_kind as MembershipKind,
    branchId: r.branch_id,
    branchName: r.branch_name,
    joinedOn: r.joined_on,
    confirmedOn: r.confirmed_on,
    occupation: r.occupation,
    mobile: r.mobile,
    phone: r.phone,
    address: r.address,
    standing: r.standing as Standing,
    lostContact: r.lost_contact === 1,
    lostContactSince: r.lost_contact_since,
    floating: r.floating === 1,
    floatingDirection: r.floating_direction as FloatingDirection | null,
    floatingDestination: r.floating_destination,
    tags: maskToTags(r.tag_mask),
    specialties: r.specialties,
    note: r.note,
    leftOn: r.left_on,
    leftReason: r.left_reason as ExitReason | null,
    leftNote: r.left_note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export function rowToListRow(r: {
  id: number; name: string; sex: string | null; id_number: string; id_status: string; birth_date: string | null;
  membership_kind: string; branch_id: number | null; branch_name: string | null; joined_on: string | null;
  occupation: string | null; mobile: string | null; standing: string; lost_contact: number; floating: number;
  tag_mask: number; left_on: string | null; left_reason: string | null;
}): MemberListRow {
  return {
    id: r.id,
    name: r.name,
    sex: r.sex as MemberListRow['sex'],
    idNumberMasked: maskIdNumber(r.id_number),
    idStatus: r.id_status as IdStatus,
    birthDate: r.birth_date,
    membershipKind: r.membership_kind as MembershipKind,
    branchId: r.branch_id,
    branchName: r.branch_name,
    joinedOn: r.joined_on,
    occupation: r.occupation,
    mobileMasked: r.mobile ? maskPhone(r.mobile) : null,
    standing: r.standing as Standing,
    lostContact: r.lost_contact === 1,
    floating: r.floating === 1,
    tags: maskToTags(r.tag_mask) as Tag[],
    leftOn: r.left_on,
    leftReason: r.left_reason as ExitReason | null,
  };
}
