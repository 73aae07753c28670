import type { Migration } from './index';
import { OFFICER_ROLES } from '../../../shared/domain/labels';

const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

/**
 * The full organisation record. 001 already holds the organisation's own fields (founding, contact, election,
 * term, dissolution) and the units and officers tables; this adds what the record's rules need of them:
 * an officer's role is one of the known roles and officers keep the order the clerk gave them, and a unit's
 * name has a length. organisation_officers and organisation_units are rebuilt (SQLite cannot add a CHECK),
 * keeping their rows.
 */
export const m003_org_record: Migration = {
  version: 3,
  name: 'org_record',
  up(db) {
    db.exec(`
      CREATE TABLE organisation_officers_new (
        id          INTEGER PRIMARY KEY,
        org_id      INTEGER NOT NULL REFERENCES organisations(id),
        position    INTEGER NOT NULL DEFAULT 0,
        member_id   INTEGER REFERENCES members(id),
        person_name TEXT NOT NULL CHECK (length(person_name) BETWEEN 1 AND 40),
        role        TEXT NOT NULL CHECK (role IN (${list(OFFICER_ROLES)})),
        since       TEXT,
        until       TEXT
      );
      INSERT INTO organisation_officers_new (id, org_id, position, member_id, person_name, role, since, until)
        SELECT id, org_id, id, member_id, substr(person_name, 1, 40),
               CASE WHEN role IN (${list(OFFICER_ROLES)}) THEN role ELSE 'member' END, since, until
          FROM organisation_officers WHERE length(person_name) > 0;
      DROP TABLE organisation_officers;
      ALTER TABLE organisation_officers_new RENAME TO organisation_officers;
      CREATE INDEX organisation_officers_org ON organisation_officers(org_id, position);

      CREATE TABLE organisation_units_new (
        org_id    INTEGER NOT NULL REFERENCES organisations(id),
        position  INTEGER NOT NULL,
        unit_name TEXT NOT NULL CHECK (length(unit_name) BETWEEN 1 AND 100),
        PRIMARY KEY (org_id, position)
      ) WITHOUT ROWID;
      INSERT INTO organisation_units_new SELECT org_id, position, substr(unit_name, 1, 100) FROM organisation_units WHERE length(unit_name) > 0;
      DROP TABLE organisation_units;
      ALTER TABLE organisation_units_new RENAME TO organisation_units;
    `);
  },
};
