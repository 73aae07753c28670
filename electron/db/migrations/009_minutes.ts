import type { Migration } from './index';

/**
 * 会议纪要: meetings with their attendees (register members or named people, present or absent with a reason) and
 * follow-up items; attachments point at files in the archive folder beside the database by their SHA-256.
 *
 * Search: meeting_search holds one row per meeting, the text the service composed from its fields and its
 * attachments' extracted text. Two FTS5 indexes follow it by triggers:
 *  - minutes_fts: trigram, external content (meeting_search) — substrings of 3+ characters;
 *  - minutes_grams: contentless, detail=none, one token per pair of adjacent letters/digits (and each run's last
 *    one alone) — the 1–2-character queries trigrams cannot answer. Its tokens come from the SQL function
 *    minutes_grams(), which MinutesService registers on every connection it opens.
 * org_id is an organisation of the tree; body_name holds a body outside it (a 联席会) until one has its register.
 */
export const m009_minutes: Migration = {
  version: 9,
  name: 'minutes',
  up(db) {
    db.exec(`
      CREATE TABLE meetings (
        id             INTEGER PRIMARY KEY,
        type           TEXT NOT NULL CHECK (type IN ('memberAssembly', 'committee', 'groupMeeting', 'partyLesson',
                                                     'jointMeeting', 'coordinationCommittee', 'themeDay', 'other')),
        title          TEXT NOT NULL CHECK (title <> ''),
        held_on        TEXT NOT NULL,
        start_time     TEXT,
        end_time       TEXT,
        place          TEXT,
        org_id         INTEGER REFERENCES organisations(id),
        body_name      TEXT,
        host           TEXT,
        recorder       TEXT,
        agenda         TEXT,
        minutes        TEXT,
        decisions      TEXT,
        note           TEXT,
        imported_from  TEXT,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      );
      CREATE INDEX meetings_held ON meetings(held_on, id);
      CREATE INDEX meetings_org ON meetings(org_id, held_on);
      CREATE INDEX meetings_type ON meetings(type, held_on);

      CREATE TABLE meeting_attendees (
        meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        member_id   INTEGER REFERENCES members(id),
        name        TEXT NOT NULL CHECK (name <> ''),
        present     INTEGER NOT NULL CHECK (present IN (0, 1)),
        reason      TEXT,
        PRIMARY KEY (meeting_id, position)
      ) WITHOUT ROWID;
      CREATE INDEX meeting_attendees_member ON meeting_attendees(member_id) WHERE member_id IS NOT NULL;

      CREATE TABLE meeting_follow_ups (
        meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        item        TEXT NOT NULL CHECK (item <> ''),
        owner       TEXT,
        due_on      TEXT,
        done_on     TEXT,
        PRIMARY KEY (meeting_id, position)
      ) WITHOUT ROWID;

      CREATE TABLE meeting_attachments (
        id          INTEGER PRIMARY KEY,
        meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        file_name   TEXT NOT NULL CHECK (file_name <> ''),
        size        INTEGER NOT NULL CHECK (size >= 0),
        sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
        mime        TEXT NOT NULL,
        text        TEXT,
        text_note   TEXT,
        original    INTEGER NOT NULL DEFAULT 0 CHECK (original IN (0, 1)),
        added_at    TEXT NOT NULL
      );
      CREATE INDEX meeting_attachments_meeting ON meeting_attachments(meeting_id);
      CREATE INDEX meeting_attachments_sha ON meeting_attachments(sha256);

      CREATE TABLE meeting_search (
        meeting_id  INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        body        TEXT NOT NULL
      );
      CREATE VIRTUAL TABLE minutes_fts USING fts5(body, content='meeting_search', content_rowid='meeting_id', tokenize='trigram');
      CREATE VIRTUAL TABLE minutes_grams USING fts5(grams, content='', contentless_delete=1, detail='none', tokenize='unicode61 remove_diacritics 0');

      CREATE TRIGGER meeting_search_ai AFTER INSERT ON meeting_search BEGIN
        INSERT INTO minutes_fts(rowid, body) VALUES (new.meeting_id, new.body);
        INSERT INTO minutes_grams(rowid, grams) VALUES (new.meeting_id, minutes_grams(new.body));
      END;
      CREATE TRIGGER meeting_search_ad AFTER DELETE ON meeting_search BEGIN
        INSERT INTO minutes_fts(minutes_fts, rowid, body) VALUES ('delete', old.meeting_id, old.body);
        DELETE FROM minutes_grams WHERE rowid = old.meeting_id;
      END;
      CREATE TRIGGER meeting_search_au AFTER UPDATE ON meeting_search BEGIN
        INSERT INTO minutes_fts(minutes_fts, rowid, body) VALUES ('delete', old.meeting_id, old.body);
        DELETE FROM minutes_grams WHERE rowid = old.meeting_id;
        INSERT INTO minutes_fts(rowid, body) VALUES (new.meeting_id, new.body);
        INSERT INTO minutes_grams(rowid, grams) VALUES (new.meeting_id, minutes_grams(new.body));
      END;
    `);
  },
};
