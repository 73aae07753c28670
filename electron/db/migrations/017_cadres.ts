import type { Migration } from './index';

/**
 * 社区党务干部: each cadre — a register member (name, sex, birth date and education then come from the register and
 * are not stored here) or a person recorded here — with post, community, formal or not, dates; and their trainings
 * and rotations (course, dates, hours, certificate).
 */
export const m017_cadres: Migration = {
  version: 17,
  name: 'cadres',
  up(db) {
    db.exec(`
      CREATE TABLE cadres (
        id            INTEGER PRIMARY KEY,
        member_id     INTEGER REFERENCES members(id),
        name          TEXT,
        sex           TEXT CHECK (sex IS NULL OR sex IN ('male', 'female')),
        birth_date    TEXT,
        education     TEXT,
        post          TEXT NOT NULL CHECK (post <> ''),
        community_id  INTEGER NOT NULL REFERENCES organisations(id),
        formal        INTEGER NOT NULL CHECK (formal IN (0, 1)),
        started_on    TEXT NOT NULL,
        left_on       TEXT,
        phone         TEXT,
        note          TEXT,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        version       INTEGER NOT NULL DEFAULT 1,
        CHECK ((member_id IS NULL) = (name IS NOT NULL AND name <> '')),
        CHECK (left_on IS NULL OR left_on >= started_on)
      );
      CREATE INDEX cadres_community ON cadres(community_id);
      CREATE UNIQUE INDEX cadres_member_current ON cadres(member_id, community_id, post) WHERE member_id IS NOT NULL AND left_on IS NULL;

      CREATE TABLE cadre_trainings (
        id           INTEGER PRIMARY KEY,
        cadre_id     INTEGER NOT NULL REFERENCES cadres(id),
        kind         TEXT NOT NULL CHECK (kind IN ('training', 'rotation')),
        course       TEXT NOT NULL CHECK (course <> ''),
        organiser    TEXT,
        start_on     TEXT NOT NULL,
        end_on       TEXT NOT NULL,
        hours        REAL NOT NULL CHECK (hours > 0),
        certificate  TEXT,
        note         TEXT,
        created_at   TEXT NOT NULL,
        CHECK (end_on >= start_on)
      );
      CREATE INDEX cadre_trainings_cadre ON cadre_trainings(cadre_id, start_on);
    `);
  },
};
