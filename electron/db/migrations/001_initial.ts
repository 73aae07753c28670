import type { Migration } from './index';
import { ORG_KINDS, TAGS, tagBit } from '../../../shared/domain/labels';

const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

/**
 * The register's foundation: organisations (the full table the organisation issue needs), members with the
 * official 16 items, classification tags, and the append-only audit log.
 */
export const m001_initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE organisations (
        id              INTEGER PRIMARY KEY,
        name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
        kind            TEXT NOT NULL CHECK (kind IN (${list(ORG_KINDS)})),
        parent_id       INTEGER REFERENCES organisations(id),
        sort_order      INTEGER NOT NULL DEFAULT 0,
        founded_on      TEXT,
        founding_doc_no TEXT,
        contact_phone   TEXT,
        elected_on      TEXT,
        term_years      INTEGER CHECK (term_years BETWEEN 1 AND 10),
        dissolved_on    TEXT,
        note            TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        CHECK (parent_id IS NULL OR parent_id <> id)
      );
      CREATE INDEX organisations_parent ON organisations(parent_id);

      -- The unit(s) an organisation sits in (a joint branch lists up to 5).
      CREATE TABLE organisation_units (
        org_id    INTEGER NOT NULL REFERENCES organisations(id),
        position  INTEGER NOT NULL,
        unit_name TEXT NOT NULL,
        PRIMARY KEY (org_id, position)
      ) WITHOUT ROWID;

      -- Secretary, deputy, committee members: a member of the register or a named person.
      CREATE TABLE organisation_officers (
        id          INTEGER PRIMARY KEY,
        org_id      INTEGER NOT NULL REFERENCES organisations(id),
        member_id   INTEGER REFERENCES members(id),
        person_name TEXT NOT NULL,
        role        TEXT NOT NULL,
        since       TEXT,
        until       TEXT
      );
      CREATE INDEX organisation_officers_org ON organisation_officers(org_id);

      CREATE TABLE members (
        id                   INTEGER PRIMARY KEY,
        name                 TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
        -- Derived from name, for search and sorting: pinyin initials ("zs") and pinyin by syllable ("zhang san").
        name_initials        TEXT NOT NULL,
        name_pinyin          TEXT NOT NULL,
        -- lower(name | initials | pinyin | id_number): one column the search box matches with instr().
        search_text          TEXT NOT NULL,
        sex                  TEXT CHECK (sex IN ('male', 'female')),
        ethnicity            TEXT,
        id_number            TEXT NOT NULL UNIQUE,
        id_status            TEXT NOT NULL CHECK (id_status IN ('valid', 'legacy15', 'override')),
        id_override_reason   TEXT,
        birth_date           TEXT,
        education            TEXT,
        membership_kind      TEXT NOT NULL CHECK (membership_kind IN ('full', 'probationary')),
        branch_id            INTEGER REFERENCES organisations(id),
        joined_on            TEXT,
        confirmed_on         TEXT,
        occupation           TEXT,
        mobile               TEXT,
        phone                TEXT,
        address              TEXT,
        standing             TEXT NOT NULL DEFAULT 'normal' CHECK (standing IN ('normal', 'suspended')),
        lost_contact         INTEGER NOT NULL DEFAULT 0 CHECK (lost_contact IN (0, 1)),
        lost_contact_since   TEXT,
        floating             INTEGER NOT NULL DEFAULT 0 CHECK (floating IN (0, 1)),
        floating_direction   TEXT CHECK (floating_direction IN ('outflow', 'inflow')),
        floating_destination TEXT,
        -- Classification tags as bits (see tag_bits and the member_tags view).
        tag_mask             INTEGER NOT NULL DEFAULT 0,
        specialties          TEXT,
        note                 TEXT,
        -- An ended membership: the member stays, with the date and reason.
        left_on              TEXT,
        left_reason          TEXT,
        left_note            TEXT,
        created_at           TEXT NOT NULL,
        updated_at           TEXT NOT NULL,
        version              INTEGER NOT NULL DEFAULT 1,
        CHECK ((left_on IS NULL) = (left_reason IS NULL)),
        CHECK (id_status <> 'override' OR id_override_reason IS NOT NULL)
      );
      CREATE INDEX members_branch ON members(branch_id);
      -- Member counts per organisation (the tree) read this index alone.
      CREATE INDEX members_active_branch ON members(branch_id, membership_kind) WHERE left_on IS NULL;
      CREATE INDEX members_sort_name ON members(name_pinyin, id);
      CREATE INDEX members_sort_joined ON members(joined_on, id);
      CREATE INDEX members_sort_birth ON members(birth_date, id);
      CREATE INDEX members_sort_updated ON members(updated_at, id);

      CREATE TABLE tag_bits (tag TEXT PRIMARY KEY, bit INTEGER NOT NULL UNIQUE) WITHOUT ROWID;
      INSERT INTO tag_bits (tag, bit) VALUES ${TAGS.map((t) => `('${t}', ${tagBit(t)})`).join(', ')};
      CREATE VIEW member_tags AS
        SELECT m.id AS member_id, t.tag AS tag FROM members m JOIN tag_bits t ON (m.tag_mask & t.bit) <> 0;

      -- Append-only: who changed what, field by field (old → new).
      CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT,
        action    TEXT NOT NULL,
        entity    TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        changes   TEXT NOT NULL,
        note      TEXT,
        batch_id  TEXT
      );
      CREATE INDEX audit_log_entity ON audit_log(entity, entity_id, id);
      CREATE INDEX audit_log_batch ON audit_log(batch_id) WHERE batch_id IS NOT NULL;

      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, '操作日志不可修改'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, '操作日志不可删除'); END;
      CREATE TRIGGER members_no_delete BEFORE DELETE ON members
        BEGIN SELECT RAISE(ABORT, '党员记录不可删除，请办理转出、去世等离开手续'); END;
    `);
  },
};
