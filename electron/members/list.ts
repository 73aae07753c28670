import type { MemberListResult, ParsedInput } from '../../shared/contract';
import { TAGS, tagsToMask, type Tag } from '../../shared/domain/labels';
import type Database from 'better-sqlite3';
import type { Sqlite } from '../db/connection';
import { rowToListRow } from './service';

type Query = ParsedInput<'members.list'>;

const ORDER: Record<Query['sortField'], (dir: string) => string> = {
  name: (d) => `m.name_pinyin ${d}, m.id ${d}`,
  idNumber: (d) => `m.id_number ${d}`,
  birthDate: (d) => `m.birth_date ${d}, m.id ${d}`,
  joinedOn: (d) => `m.joined_on ${d}, m.id ${d}`,
  branch: (d) => `o.name ${d}, m.name_pinyin ${d}, m.id ${d}`,
  updatedAt: (d) => `m.updated_at ${d}, m.id ${d}`,
};

const LIST_COLUMNS = `m.id, m.name, m.sex, m.id_number, m.id_status, m.birth_date, m.membership_kind, m.branch_id,
  o.name AS branch_name, m.joined_on, m.occupation, m.mobile, m.standing, m.lost_contact, m.floating, m.tag_mask,
  m.left_on, m.left_reason`;

const TAG_SUMS = TAGS.map((_, i) => `sum((m.tag_mask >> ${i}) & 1) AS t${i}`).join(', ');

/** What the search box matches against members.search_text (lower-case name | initials | pinyin | ID number). */
export function normaliseSearch(q: string): string {
  return q
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();
}

/**
 * The register's list: one aggregate pass (totals per classification, ignoring the classification filter)
 * and one page query. Statements are cached per shape, so each distinct filter combination is prepared once.
 */
export function listMembers(db: Sqlite, q: Query, orgIds: number[] | undefined): MemberListResult {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.status === 'active') where.push('m.left_on IS NULL');
  else if (q.status === 'left') where.push('m.left_on IS NOT NULL');
  const term = q.q ? normaliseSearch(q.q) : '';
  if (term) {
    where.push('instr(m.search_text, ?) > 0');
    params.push(term);
  }
  if (orgIds) {
    where.push('m.branch_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(orgIds));
  }
  if (q.membershipKind) {
    where.push('m.membership_kind = ?');
    params.push(q.membershipKind);
  }
  if (q.standing) {
    where.push('m.standing = ?');
    params.push(q.standing);
  }
  if (q.lostContact != null) {
    where.push('m.lost_contact = ?');
    params.push(q.lostContact ? 1 : 0);
  }
  if (q.floating != null) {
    where.push('m.floating = ?');
    params.push(q.floating ? 1 : 0);
  }
  const tagMask = q.tags?.length ? tagsToMask(q.tags) : 0;
  const baseWhere = where.length ? where.join(' AND ') : '1';

  const agg = stmt(
    db,
    `SELECT count(*) AS n, ${TAG_SUMS}${tagMask ? ', sum((m.tag_mask & ?) <> 0) AS matched' : ''}
       FROM members m WHERE ${baseWhere}`,
  ).get(...(tagMask ? [tagMask] : []), ...params) as Record<string, number | null>; // SELECT's placeholder comes first

  const tagCounts = Object.fromEntries(TAGS.map((t, i) => [t, agg[`t${i}`] ?? 0])) as Record<Tag, number>;
  const totalIgnoringTags = agg.n ?? 0;
  const total = tagMask ? (agg.matched ?? 0) : totalIgnoringTags;

  const dir = q.sortOrder === 'desc' ? 'DESC' : 'ASC';
  const pageWhere = tagMask ? `${baseWhere} AND (m.tag_mask & ?) <> 0` : baseWhere;
  const rows = total
    ? (stmt(
        db,
        `SELECT ${LIST_COLUMNS} FROM members m LEFT JOIN organisations o ON o.id = m.branch_id
          WHERE ${pageWhere} ORDER BY ${ORDER[q.sortField](dir)} LIMIT ? OFFSET ?`,
      ).all(...params, ...(tagMask ? [tagMask] : []), q.pageSize, (q.page - 1) * q.pageSize) as Parameters<typeof rowToListRow>[0][])
    : [];
  return { rows: rows.map(rowToListRow), total, tagCounts, totalIgnoringTags };
}

const cache = new WeakMap<Sqlite, Map<string, Database.Statement<unknown[]>>>();
function stmt(db: Sqlite, sql: string): Database.Statement<unknown[]> {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare<unknown[]>(sql)));
  return s;
}
