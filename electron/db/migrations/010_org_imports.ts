import type { Migration } from './index';

/**
 * The import history also records imports of the organisation tree (kind 'organisations'). SQLite cannot change
 * a CHECK constraint in place, so the table is rebuilt with the same columns and rows; nothing refers to it by
 * a foreign key (the audit log's batch_id is plain text).
 */
export const m010_org_imports: Migration = {
  version: 10,
  name: 'org_imports',
  up(db) {
    db.exec(`
      CREATE TABLE import_batches_new (
        id          TEXT PRIMARY KEY,          -- also the audit log's batch_id for every change it made
        kind        TEXT NOT NULL CHECK (kind IN ('members', 'organisations')),
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
      INSERT INTO import_batches_new (id, kind, file_name, file_sha256, sheet_name, header_row, at, actor, rows, inserted, updated, unchanged, errors, backup_file)
        SELECT id, kind, file_name, file_sha256, sheet_name, header_row, at, actor, rows, inserted, updated, unchanged, errors, backup_file FROM import_batches;
      DROP TABLE import_batches;
      ALTER TABLE import_batches_new RENAME TO import_batches;
      CREATE INDEX import_batches_at ON import_batches(at);
    `);
  },
};
