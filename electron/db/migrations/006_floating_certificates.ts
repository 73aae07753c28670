import type { Migration } from './index';

/**
 * 流动党员活动证: one certificate per stay away (流出) or here (流入); date_back stays NULL while the member
 * is away, and a member has at most one open certificate. The branch is the member's branch when it was
 * issued. 年审: one entry per certificate per year.
 */
export const m006_floating_certificates: Migration = {
  version: 6,
  name: 'floating_certificates',
  up(db) {
    db.exec(`
      CREATE TABLE floating_certificates (
        id              INTEGER PRIMARY KEY,
        certificate_no  TEXT NOT NULL UNIQUE CHECK (certificate_no <> ''),
        member_id       INTEGER NOT NULL REFERENCES members(id),
        direction       TEXT NOT NULL CHECK (direction IN ('outflow', 'inflow')),
        branch_id       INTEGER REFERENCES organisations(id),
        issue_date      TEXT NOT NULL,
        reason          TEXT NOT NULL,
        destination     TEXT NOT NULL,
        date_out        TEXT NOT NULL,
        date_back       TEXT,
        note            TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        CHECK (date_back IS NULL OR date_back >= date_out)
      );
      CREATE UNIQUE INDEX floating_certificates_open ON floating_certificates(member_id) WHERE date_back IS NULL;
      CREATE INDEX floating_certificates_member ON floating_certificates(member_id);

      CREATE TABLE floating_certificate_reviews (
        id              INTEGER PRIMARY KEY,
        certificate_id  INTEGER NOT NULL REFERENCES floating_certificates(id),
        year            INTEGER NOT NULL,
        date            TEXT NOT NULL,
        result          TEXT NOT NULL,
        reviewer        TEXT,
        created_at      TEXT NOT NULL,
        UNIQUE (certificate_id, year)
      );
    `);
  },
};
