import type { Migration } from './index';

/**
 * 帮扶: households or people helped (kinds as a JSON list; ID number, phone and address kept whole here and masked
 * by the service in lists), the members paired with them over time (one open pairing per member and household),
 * and the visits with who went and what was given (an amount for money and goods).
 */
export const m016_assistance: Migration = {
  version: 16,
  name: 'assistance',
  up(db) {
    db.exec(`
      CREATE TABLE assistance_households (
        id              INTEGER PRIMARY KEY,
        name            TEXT NOT NULL CHECK (name <> ''),
        kinds           TEXT NOT NULL CHECK (json_valid(kinds) AND json_array_length(kinds) > 0),
        id_number       TEXT,
        phone           TEXT,
        address         TEXT,
        community_id    INTEGER NOT NULL REFERENCES organisations(id),
        member_id       INTEGER REFERENCES members(id),
        household_size  INTEGER CHECK (household_size IS NULL OR household_size BETWEEN 1 AND 30),
        needs           TEXT NOT NULL CHECK (needs <> ''),
        started_on      TEXT NOT NULL,
        frequency       TEXT CHECK (frequency IS NULL OR frequency IN ('week', 'twoWeeks', 'month', 'quarter', 'halfYear')),
        ended_on        TEXT,
        end_reason      TEXT,
        note            TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        version         INTEGER NOT NULL DEFAULT 1,
        CHECK (ended_on IS NULL OR ended_on >= started_on)
      );
      CREATE INDEX assistance_households_community ON assistance_households(community_id);

      CREATE TABLE assistance_pairings (
        id            INTEGER PRIMARY KEY,
        household_id  INTEGER NOT NULL REFERENCES assistance_households(id),
        member_id     INTEGER NOT NULL REFERENCES members(id),
        since         TEXT NOT NULL,
        until         TEXT,
        CHECK (until IS NULL OR until >= since)
      );
      CREATE UNIQUE INDEX assistance_pairings_open ON assistance_pairings(household_id, member_id) WHERE until IS NULL;
      CREATE INDEX assistance_pairings_member ON assistance_pairings(member_id);

      CREATE TABLE assistance_visits (
        id            INTEGER PRIMARY KEY,
        household_id  INTEGER NOT NULL REFERENCES assistance_households(id),
        visited_on    TEXT NOT NULL,
        help_kind     TEXT NOT NULL CHECK (help_kind IN ('visit', 'money', 'goods', 'service')),
        content       TEXT NOT NULL CHECK (content <> ''),
        amount        REAL CHECK (amount IS NULL OR amount >= 0),
        follow_up     TEXT,
        note          TEXT,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        CHECK (help_kind NOT IN ('money', 'goods') OR amount IS NOT NULL)
      );
      CREATE INDEX assistance_visits_household ON assistance_visits(household_id, visited_on);

      CREATE TABLE assistance_visitors (
        visit_id   INTEGER NOT NULL REFERENCES assistance_visits(id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        member_id  INTEGER REFERENCES members(id),
        name       TEXT NOT NULL CHECK (name <> ''),
        PRIMARY KEY (visit_id, position)
      ) WITHOUT ROWID;
    `);
  },
};
