import type { Migration } from './index';

/**
 * 共驻共建: units stationed in the area (驻区单位, never deleted: a unit that leaves gets left_on); the joint meeting
 * and the coordination committee (joint_bodies) with their member units over time and their meetings (linked to
 * 会议纪要 by minutes_id when the minutes hold them; a plain number, so a minutes record can go without this
 * table refusing); visits to units; agreements with their partner units, commitments (ticked off with a date),
 * shared resources and one review per year; themed activities with partner units, participants (register
 * members or named people) and photos kept in the archive by SHA-256.
 */
export const m012_cobuilding: Migration = {
  version: 12,
  name: 'cobuilding',
  up(db) {
    db.exec(`
      CREATE TABLE resident_units (
        id              INTEGER PRIMARY KEY,
        name            TEXT NOT NULL UNIQUE CHECK (name <> ''),
        kind            TEXT NOT NULL CHECK (kind IN ('organ', 'enterprise', 'institution', 'socialOrganisation', 'other')),
        address         TEXT,
        party_org_name  TEXT,
        party_secretary TEXT,
        contact_name    TEXT,
        contact_phone   TEXT,
        liaison_name    TEXT,
        liaison_phone   TEXT,
        community_id    INTEGER REFERENCES organisations(id),
        left_on         TEXT,
        note            TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        version         INTEGER NOT NULL DEFAULT 1
      );
      CREATE INDEX resident_units_community ON resident_units(community_id);

      CREATE TABLE joint_bodies (
        id            INTEGER PRIMARY KEY,
        kind          TEXT NOT NULL CHECK (kind IN ('jointMeeting', 'coordinationCommittee')),
        name          TEXT NOT NULL UNIQUE CHECK (name <> ''),
        community_id  INTEGER REFERENCES organisations(id),
        founded_on    TEXT,
        cadence       TEXT CHECK (cadence IS NULL OR cadence IN ('quarter', 'halfYear', 'year')),
        note          TEXT,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      );

      CREATE TABLE joint_body_members (
        id              INTEGER PRIMARY KEY,
        body_id         INTEGER NOT NULL REFERENCES joint_bodies(id),
        unit_id         INTEGER NOT NULL REFERENCES resident_units(id),
        since           TEXT NOT NULL,
        until           TEXT,
        representative  TEXT,
        position        TEXT,
        CHECK (until IS NULL OR until >= since)
      );
      CREATE UNIQUE INDEX joint_body_members_open ON joint_body_members(body_id, unit_id) WHERE until IS NULL;
      CREATE INDEX joint_body_members_unit ON joint_body_members(unit_id);

      CREATE TABLE joint_meetings (
        id          INTEGER PRIMARY KEY,
        body_id     INTEGER NOT NULL REFERENCES joint_bodies(id),
        held_on     TEXT NOT NULL,
        place       TEXT,
        topics      TEXT NOT NULL CHECK (topics <> ''),
        decisions   TEXT,
        minutes_id  INTEGER,
        note        TEXT,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      );
      CREATE INDEX joint_meetings_body ON joint_meetings(body_id, held_on);

      CREATE TABLE joint_meeting_attendees (
        meeting_id  INTEGER NOT NULL REFERENCES joint_meetings(id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        unit_id     INTEGER REFERENCES resident_units(id),
        name        TEXT NOT NULL CHECK (name <> ''),
        PRIMARY KEY (meeting_id, position)
      ) WITHOUT ROWID;

      CREATE TABLE unit_visits (
        id          INTEGER PRIMARY KEY,
        unit_id     INTEGER NOT NULL REFERENCES resident_units(id),
        visited_on  TEXT NOT NULL,
        visitors    TEXT NOT NULL CHECK (visitors <> ''),
        views       TEXT,
        problems    TEXT,
        follow_up   TEXT,
        solved      INTEGER NOT NULL CHECK (solved IN (0, 1)),
        solved_on   TEXT,
        note        TEXT,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        CHECK (solved_on IS NULL OR (solved = 1 AND solved_on >= visited_on))
      );
      CREATE INDEX unit_visits_unit ON unit_visits(unit_id, visited_on);

      CREATE TABLE agreements (
        id                  INTEGER PRIMARY KEY,
        title               TEXT NOT NULL CHECK (title <> ''),
        kind                TEXT NOT NULL CHECK (kind IN ('coBuilding', 'pairing')),
        community_id        INTEGER NOT NULL REFERENCES organisations(id),
        signed_on           TEXT NOT NULL,
        start_on            TEXT NOT NULL,
        term_years          INTEGER CHECK (term_years IS NULL OR term_years BETWEEN 1 AND 10),
        end_on              TEXT NOT NULL,
        planned_activities  TEXT,
        note                TEXT,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL,
        version             INTEGER NOT NULL DEFAULT 1,
        CHECK (end_on >= start_on)
      );
      CREATE INDEX agreements_end ON agreements(end_on);

      CREATE TABLE agreement_units (
        agreement_id  INTEGER NOT NULL REFERENCES agreements(id),
        unit_id       INTEGER NOT NULL REFERENCES resident_units(id),
        position      INTEGER NOT NULL,
        PRIMARY KEY (agreement_id, unit_id)
      ) WITHOUT ROWID;
      CREATE INDEX agreement_units_unit ON agreement_units(unit_id);

      CREATE TABLE agreement_commitments (
        agreement_id  INTEGER NOT NULL REFERENCES agreements(id),
        position      INTEGER NOT NULL,
        side          TEXT NOT NULL CHECK (side IN ('community', 'unit')),
        unit_id       INTEGER REFERENCES resident_units(id),
        text          TEXT NOT NULL CHECK (text <> ''),
        due_on        TEXT,
        done_on       TEXT,
        PRIMARY KEY (agreement_id, position),
        CHECK ((side = 'unit') = (unit_id IS NOT NULL))
      ) WITHOUT ROWID;

      CREATE TABLE agreement_resources (
        agreement_id  INTEGER NOT NULL REFERENCES agreements(id),
        position      INTEGER NOT NULL,
        unit_id       INTEGER REFERENCES resident_units(id),
        text          TEXT NOT NULL CHECK (text <> ''),
        PRIMARY KEY (agreement_id, position)
      ) WITHOUT ROWID;

      CREATE TABLE agreement_reviews (
        id            INTEGER PRIMARY KEY,
        agreement_id  INTEGER NOT NULL REFERENCES agreements(id),
        year          INTEGER NOT NULL,
        reviewed_on   TEXT NOT NULL,
        grade         TEXT NOT NULL CHECK (grade IN ('excellent', 'good', 'fair', 'poor')),
        assessment    TEXT NOT NULL CHECK (assessment <> ''),
        created_at    TEXT NOT NULL,
        UNIQUE (agreement_id, year)
      );

      CREATE TABLE activities (
        id            INTEGER PRIMARY KEY,
        title         TEXT NOT NULL CHECK (title <> ''),
        kind          TEXT NOT NULL CHECK (kind IN ('onSite', 'pairing', 'dedicationDay', 'other')),
        held_on       TEXT NOT NULL,
        organiser     TEXT NOT NULL CHECK (organiser <> ''),
        community_id  INTEGER REFERENCES organisations(id),
        agreement_id  INTEGER REFERENCES agreements(id),
        hours         REAL NOT NULL CHECK (hours >= 0 AND hours <= 24),
        place         TEXT,
        content       TEXT NOT NULL CHECK (content <> ''),
        note          TEXT,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      );
      CREATE INDEX activities_held ON activities(held_on);
      CREATE INDEX activities_agreement ON activities(agreement_id) WHERE agreement_id IS NOT NULL;

      CREATE TABLE activity_units (
        activity_id  INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        unit_id      INTEGER NOT NULL REFERENCES resident_units(id),
        position     INTEGER NOT NULL,
        PRIMARY KEY (activity_id, unit_id)
      ) WITHOUT ROWID;
      CREATE INDEX activity_units_unit ON activity_units(unit_id);

      CREATE TABLE activity_participants (
        activity_id  INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        position     INTEGER NOT NULL,
        member_id    INTEGER REFERENCES members(id),
        name         TEXT NOT NULL CHECK (name <> ''),
        affiliation  TEXT,
        PRIMARY KEY (activity_id, position)
      ) WITHOUT ROWID;
      CREATE INDEX activity_participants_member ON activity_participants(member_id) WHERE member_id IS NOT NULL;
      CREATE UNIQUE INDEX activity_participants_once ON activity_participants(activity_id, member_id) WHERE member_id IS NOT NULL;

      CREATE TABLE activity_photos (
        id           INTEGER PRIMARY KEY,
        activity_id  INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        file_name    TEXT NOT NULL CHECK (file_name <> ''),
        size         INTEGER NOT NULL CHECK (size > 0),
        sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
        mime         TEXT NOT NULL,
        added_at     TEXT NOT NULL
      );
      CREATE INDEX activity_photos_activity ON activity_photos(activity_id);
    `);
  },
};
