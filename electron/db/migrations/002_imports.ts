import type { Migration } from './index';

/** The import history (what was imported from which file, with what result) and remembered column mappings. */
export const m002_imports: Migration = {
  version: 2,
  name: 'imports',
  up(db) {
    db.exec(`
      CREATE TABLE import_batches (
        id          TEXT PRIMARY KEY,          -- also the audit log's batch_id for every change it made
        kind        TEXT NOT NULL CHECK (kind IN ('members')),
        file_name   TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        sheet_name  TEXT,
        header_row  INTEGER,
        at          TEXT NOT NULL,
        actor       TEXT,
        rows        INTEGER NOT NULL,
        inserted    INTEGER NOT NULL,
        updated     INTEGER NOT NULL,
        unchanged   INTEGER NOT NULL,
        errors      INTEGER NOT NULL,
        backup_file TEXT
      );
      CREATE INDEX import_batches_at ON import_batches(at);

      -- A clerk's manual column mapping, remembered for files with the same headers.
      CREATE TABLE import_mappings (
        signature  TEXT PRIMARY KEY,
        mapping    TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `);
  },
};
