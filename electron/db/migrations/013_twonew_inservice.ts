import type { Migration } from './index';

/**
 * 两新组织 and 在职党员双报到.
 *
 * new_organisations: one row per organisation, keyed by its 统一社会信用代码 when known (unique) and by name
 * otherwise; closed_on set when it closes (it then leaves the figures). Its Party members are the register members
 * linked in new_organisation_members (their 正式 / 预备 from the register) plus the counted others (关系在外).
 * coverage_snapshots: the figures at the end of each day something changed (the target's progress over time).
 *
 * in_service_registrations: one per member per community (报到), ended_on when it ends; service records with
 * hours; one feedback entry (居住地表现反馈) per registration per period ('2026', '2026-H1', '2026-H2').
 */
export const m013_twonew_inservice: Migration = {
  version: 13,
  name: 'twonew_inservice',
  up(db) {
    db.exec(`
      CREATE TABLE new_organisations (
        id                    INTEGER PRIMARY KEY,
        name                  TEXT NOT NULL CHECK (name <> ''),
        kind                  TEXT NOT NULL CHECK (kind IN ('enterprise', 'socialGroup', 'privateNonEnterprise', 'intermediary')),
        credit_code           TEXT UNIQUE CHECK (credit_code IS NULL OR length(credit_code) = 18),
        address               TEXT,
        community_id          INTEGER REFERENCES organisations(id),
        employees             INTEGER CHECK (employees IS NULL OR employees >= 0),
        other_full            INTEGER NOT NULL DEFAULT 0 CHECK (other_full >= 0),
        other_probationary    INTEGER NOT NULL DEFAULT 0 CHECK (other_probationary >= 0),
        legal_rep_is_member   INTEGER CHECK (legal_rep_is_member IS NULL OR legal_rep_is_member IN (0, 1)),
        party_work            TEXT NOT NULL CHECK (party_work IN ('own', 'joint', 'unionOnly', 'liaisonOnly', 'none')),
        joint_with            TEXT,
        party_org_id          INTEGER REFERENCES organisations(id),
        liaison_name          TEXT,
        has_union             INTEGER NOT NULL CHECK (has_union IN (0, 1)),
        has_youth_league      INTEGER NOT NULL CHECK (has_youth_league IN (0, 1)),
        has_womens_federation INTEGER NOT NULL CHECK (has_womens_federation IN (0, 1)),
        closed_on             TEXT,
        note                  TEXT,
        created_at            TEXT NOT NULL,
        updated_at            TEXT NOT NULL,
        version               INTEGER NOT NULL DEFAULT 1
      );
      CREATE INDEX new_organisations_name ON new_organisations(name);
      CREATE INDEX new_organisations_community ON new_organisations(community_id);

      CREATE TABLE new_organisation_members (
        org_id     INTEGER NOT NULL REFERENCES new_organisations(id),
        member_id  INTEGER NOT NULL REFERENCES members(id),
        PRIMARY KEY (org_id, member_id)
      ) WITHOUT ROWID;
      CREATE INDEX new_organisation_members_member ON new_organisation_members(member_id);

      CREATE TABLE coverage_snapshots (
        date                  TEXT PRIMARY KEY,
        organisations         INTEGER NOT NULL,
        own                   INTEGER NOT NULL,
        joint                 INTEGER NOT NULL,
        liaison_only          INTEGER NOT NULL,
        union_only            INTEGER NOT NULL,
        none                  INTEGER NOT NULL,
        qualified             INTEGER NOT NULL,
        qualified_own         INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE in_service_registrations (
        id                  INTEGER PRIMARY KEY,
        member_id           INTEGER NOT NULL REFERENCES members(id),
        community_id        INTEGER NOT NULL REFERENCES organisations(id),
        registered_on       TEXT NOT NULL,
        employer            TEXT NOT NULL CHECK (employer <> ''),
        employer_party_org  TEXT NOT NULL CHECK (employer_party_org <> ''),
        post                TEXT,
        specialty           TEXT,
        ended_on            TEXT,
        note                TEXT,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL,
        UNIQUE (member_id, community_id),
        CHECK (ended_on IS NULL OR ended_on >= registered_on)
      );
      CREATE INDEX in_service_registrations_community ON in_service_registrations(community_id);

      CREATE TABLE in_service_records (
        id               INTEGER PRIMARY KEY,
        registration_id  INTEGER NOT NULL REFERENCES in_service_registrations(id),
        date             TEXT NOT NULL,
        post             TEXT NOT NULL CHECK (post <> ''),
        hours            REAL NOT NULL CHECK (hours > 0 AND hours <= 24),
        content          TEXT NOT NULL CHECK (content <> ''),
        created_at       TEXT NOT NULL
      );
      CREATE INDEX in_service_records_registration ON in_service_records(registration_id, date);

      CREATE TABLE in_service_feedback (
        registration_id  INTEGER NOT NULL REFERENCES in_service_registrations(id),
        period           TEXT NOT NULL,
        grade            TEXT NOT NULL CHECK (grade IN ('excellent', 'good', 'fair', 'poor')),
        comment          TEXT NOT NULL CHECK (comment <> ''),
        assessed_on      TEXT NOT NULL,
        assessor         TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        PRIMARY KEY (registration_id, period)
      ) WITHOUT ROWID;
    `);
  },
};
