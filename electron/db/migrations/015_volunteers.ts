import type { Migration } from './index';

/**
 * 党员志愿者: the volunteer file of a register member (one per member; closed with `until`, never deleted; 特长
 * stay on the member record), teams by specialty with a leader and their members, and service activities with
 * each participant's hours (to a tenth, 0.1–24).
 */
export const m015_volunteers: Migration = {
  version: 15,
  name: 'volunteers',
  up(db) {
    db.exec(`
      CREATE TABLE volunteers (
        member_id     INTEGER PRIMARY KEY REFERENCES members(id),
        availability  TEXT NOT NULL DEFAULT '[]',
        since         TEXT NOT NULL,
        until         TEXT,
        close_reason  TEXT,
        note          TEXT,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        CHECK (until IS NULL OR until >= since)
      );

      CREATE TABLE volunteer_teams (
        id                INTEGER PRIMARY KEY,
        name              TEXT NOT NULL UNIQUE CHECK (name <> ''),
        specialty         TEXT NOT NULL CHECK (specialty <> ''),
        community_id      INTEGER REFERENCES organisations(id),
        leader_member_id  INTEGER REFERENCES members(id),
        founded_on        TEXT,
        disbanded_on      TEXT,
        note              TEXT,
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL
      );

      CREATE TABLE volunteer_team_members (
        team_id    INTEGER NOT NULL REFERENCES volunteer_teams(id),
        member_id  INTEGER NOT NULL REFERENCES volunteers(member_id),
        position   INTEGER NOT NULL,
        PRIMARY KEY (team_id, member_id)
      ) WITHOUT ROWID;
      CREATE INDEX volunteer_team_members_member ON volunteer_team_members(member_id);

      CREATE TABLE volunteer_services (
        id            INTEGER PRIMARY KEY,
        held_on       TEXT NOT NULL,
        team_id       INTEGER REFERENCES volunteer_teams(id),
        community_id  INTEGER REFERENCES organisations(id),
        place         TEXT,
        content       TEXT NOT NULL CHECK (content <> ''),
        note          TEXT,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      );
      CREATE INDEX volunteer_services_held ON volunteer_services(held_on);
      CREATE INDEX volunteer_services_team ON volunteer_services(team_id) WHERE team_id IS NOT NULL;

      CREATE TABLE volunteer_service_participants (
        service_id  INTEGER NOT NULL REFERENCES volunteer_services(id) ON DELETE CASCADE,
        member_id   INTEGER NOT NULL REFERENCES volunteers(member_id),
        position    INTEGER NOT NULL,
        hours       REAL NOT NULL CHECK (hours > 0 AND hours <= 24),
        PRIMARY KEY (service_id, member_id)
      ) WITHOUT ROWID;
      CREATE INDEX volunteer_service_participants_member ON volunteer_service_participants(member_id);
    `);
  },
};
