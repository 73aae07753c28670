import type { Migration } from './index';

/**
 * 所在党支部历史: every branch a member has been in, with the dates and the reason of each move.
 * One open row (to_date NULL) per member with a branch; a move closes it and opens the next, in the same
 * transaction as the member's own change and its audit entry (batch_id ties them together).
 * Existing members get one open row: from their 加入党组织日期, else the day the record was made.
 */
export const m004_member_moves: Migration = {
  version: 4,
  name: 'member_moves',
  up(db) {
    db.exec(`
      CREATE TABLE member_branch_history (
        id        INTEGER PRIMARY KEY,
        member_id INTEGER NOT NULL REFERENCES members(id),
        org_id    INTEGER NOT NULL REFERENCES organisations(id),
        from_date TEXT NOT NULL,
        to_date   TEXT,
        -- Why the member came into this branch (转移原因); NULL for the branch they were registered in.
        reason    TEXT,
        batch_id  TEXT,
        CHECK (to_date IS NULL OR to_date >= from_date)
      );
      CREATE INDEX member_branch_history_member ON member_branch_history(member_id, from_date, id);
      CREATE UNIQUE INDEX member_branch_history_open ON member_branch_history(member_id) WHERE to_date IS NULL;
      CREATE INDEX member_branch_history_org ON member_branch_history(org_id);

      INSERT INTO member_branch_history (member_id, org_id, from_date)
        SELECT id, branch_id, coalesce(joined_on, substr(created_at, 1, 10)) FROM members WHERE branch_id IS NOT NULL;
    `);
  },
};
