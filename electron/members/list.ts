import type Database from 'better-sqlite3';
import type { MemberListResult, MemberListRow, ParsedInput } from '../../shared/contract';
import { TAGS, type Tag } from '../../shared/domain/labels';
import type { Sqlite } from '../db/connection';
import type { MemberListIndex } from './listIndex';
import { rowToListRow } from './service';

type Query = ParsedInput<'members.list'>;

const LIST_COLUMNS = `m.id, m.name, m.sex, m.id_number, m.id_status, m.birth_date, m.membership_kind, m.branch_id,
  o.name AS branch_name, m.joined_on, m.occupation, m.mobile, m.standing, m.lost_contact, m.floating, m.tag_mask,
  m.left_on, m.left_reason`;

/** What the search box matches against members.search_text (lower-case name | initials | pinyin | ID number). */
export function normaliseSearch(q: string): string {
  return q
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();
}

/**
 * The register's list: the index finds the page's ids and the counts in one pass; the page's rows
 * (at most pageSize) are then read from SQLite, so what is shown is always what is stored.
 */
export function listMembers(db: Sqlite, index: MemberListIndex, q: Query, orgIds: number[] | undefined): MemberListResult {
  const r = index.query(q, orgIds, q.q ? normaliseSearch(q.q) : '');
  const tagCounts = Object.fromEntries(TAGS.map((t, i) => [t, r.tagCounts[i] ?? 0])) as Record<Tag, number>;
  let rows: MemberListRow[] = [];
  if (r.pageIds.length) {
    const found = pageStatement(db).all(JSON.stringify(r.pageIds)) as Parameters<typeof rowToListRow>[0][];
    const byId = new Map(found.map((row) => [row.id, row]));
    rows = r.pageIds.flatMap((id) => {
      const row = byId.get(id);
      return row ? [rowToListRow(row)] : [];
    });
  }
  return { rows, total: r.total, tagCounts, totalIgnoringTags: r.totalIgnoringTags };
}

const statements = new WeakMap<Sqlite, Database.Statement<unknown[]>>();
function pageStatement(db: Sqlite): Database.Statement<unknown[]> {
  let s = statements.get(db);
  if (!s) {
    s = db.prepare<unknown[]>(
      `SELECT ${LIST_COLUMNS} FROM members m LEFT JOIN organisations o ON o.id = m.branch_id
        WHERE m.id IN (SELECT value FROM json_each(?))`,
    );
    statements.set(db, s);
  }
  return s;
}
