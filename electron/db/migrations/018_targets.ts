import type { Migration } from './index';

/**
 * 年度目标考核: one target sheet per year with its items (weights to the hundredth; the service keeps their sum at
 * 100), the communities assessed, the mid-year progress and the year-end score of each item per community (a
 * computed item keeps the figure it was worked out from and when), and the demonstration points with their
 * experience notes.
 */
export const m018_targets: Migration = {
  version: 18,
  name: 'targets',
  up(db) {
    db.exec(`
      CREATE TABLE target_sheets (
        id          INTEGER PRIMARY KEY,
        year        INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
        title       TEXT NOT NULL CHECK (title <> ''),
        note        TEXT,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        version     INTEGER NOT NULL DEFAULT 1
      );

      CREATE TABLE target_items (
        id        INTEGER PRIMARY KEY,
        sheet_id  INTEGER NOT NULL REFERENCES target_sheets(id),
        position  INTEGER NOT NULL,
        name      TEXT NOT NULL CHECK (name <> ''),
        weight    REAL NOT NULL CHECK (weight > 0 AND weight <= 100),
        method    TEXT NOT NULL CHECK (method IN ('entered', 'orgCoverage', 'workCoverage', 'meetings', 'volunteerHours')),
        goal      REAL CHECK (goal IS NULL OR goal >= 0),
        standard  TEXT
      );
      CREATE INDEX target_items_sheet ON target_items(sheet_id, position);

      CREATE TABLE target_communities (
        sheet_id      INTEGER NOT NULL REFERENCES target_sheets(id),
        community_id  INTEGER NOT NULL REFERENCES organisations(id),
        position      INTEGER NOT NULL,
        PRIMARY KEY (sheet_id, community_id)
      ) WITHOUT ROWID;

      CREATE TABLE target_progress (
        item_id       INTEGER NOT NULL REFERENCES target_items(id) ON DELETE CASCADE,
        community_id  INTEGER NOT NULL REFERENCES organisations(id),
        checked_on    TEXT NOT NULL,
        progress      REAL CHECK (progress IS NULL OR progress BETWEEN 0 AND 100),
        value         REAL,
        note          TEXT,
        updated_at    TEXT NOT NULL,
        PRIMARY KEY (item_id, community_id)
      ) WITHOUT ROWID;

      CREATE TABLE target_scores (
        item_id       INTEGER NOT NULL REFERENCES target_items(id) ON DELETE CASCADE,
        community_id  INTEGER NOT NULL REFERENCES organisations(id),
        score         REAL CHECK (score IS NULL OR score BETWEEN 0 AND 100),
        value         REAL,
        fetched_at    TEXT,
        note          TEXT,
        updated_at    TEXT NOT NULL,
        PRIMARY KEY (item_id, community_id)
      ) WITHOUT ROWID;

      CREATE TABLE target_demonstrations (
        sheet_id      INTEGER NOT NULL REFERENCES target_sheets(id),
        community_id  INTEGER NOT NULL REFERENCES organisations(id),
        marked_on     TEXT NOT NULL,
        experience    TEXT,
        PRIMARY KEY (sheet_id, community_id)
      ) WITHOUT ROWID;
    `);
  },
};
