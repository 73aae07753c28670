import type { Migration } from './index';

/**
 * 组织关系转接: letters of introduction out of the street and into it. The member's details are kept as
 * written on the letter (the register may change later). Outgoing letter numbers run per year (2026-001)
 * and are never reused, a cancelled letter keeps its number. member_id stays NULL until an incoming
 * member is placed in a branch.
 */
export const m005_transfers: Migration = {
  version: 5,
  name: 'transfers',
  up(db) {
    db.exec(`
      CREATE TABLE transfers (
        id               INTEGER PRIMARY KEY,
        direction        TEXT NOT NULL CHECK (direction IN ('out', 'in')),
        letter_no        TEXT NOT NULL,
        year             INTEGER NOT NULL,
        seq              INTEGER,
        member_id        INTEGER REFERENCES members(id),
        name             TEXT NOT NULL,
        sex              TEXT,
        age              INTEGER,
        ethnicity        TEXT,
        membership_kind  TEXT NOT NULL,
        id_number        TEXT NOT NULL,
        from_org         TEXT NOT NULL,
        to_org           TEXT NOT NULL,
        dues_paid_until  TEXT,
        valid_days       INTEGER,
        date             TEXT NOT NULL,
        phone            TEXT,
        note             TEXT,
        sender_name      TEXT,
        sender_address   TEXT,
        sender_phone     TEXT,
        status           TEXT NOT NULL CHECK (status IN ('issued', 'confirmed', 'returned', 'cancelled', 'registered', 'placed')),
        confirmed_on     TEXT,
        receipt_on       TEXT,
        cancelled_on     TEXT,
        cancel_reason    TEXT,
        placed_on        TEXT,
        placed_branch_id INTEGER REFERENCES organisations(id),
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        CHECK ((direction = 'out') = (status IN ('issued', 'confirmed', 'returned', 'cancelled'))),
        CHECK (direction = 'in' OR (seq IS NOT NULL AND member_id IS NOT NULL))
      );
      CREATE UNIQUE INDEX transfers_out_no ON transfers(letter_no) WHERE direction = 'out';
      CREATE UNIQUE INDEX transfers_out_seq ON transfers(year, seq) WHERE direction = 'out';
      CREATE UNIQUE INDEX transfers_in_no ON transfers(from_org, letter_no) WHERE direction = 'in';
      CREATE INDEX transfers_member ON transfers(member_id);
      CREATE INDEX transfers_date ON transfers(direction, date);
    `);
  },
};
