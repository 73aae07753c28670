import type { Migration } from './index';

/**
 * 统计报表的历史: every return produced — its parameters (period, scope, 填报单位, 单位负责人, 填表人, 填报日期), when
 * and by whom, the file's SHA-256 and bytes (to download it again as it was sent), and the figures it printed (to
 * tell, when it is produced again, which numbers changed). A re-production points at the entry it repeats.
 * The scope is kept by id and by name (the organisation may be renamed or dissolved later).
 */
export const m014_returns: Migration = {
  version: 14,
  name: 'returns',
  up(db) {
    db.exec(`
      CREATE TABLE produced_returns (
        id              INTEGER PRIMARY KEY,
        period          TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
        as_of           TEXT NOT NULL,
        scope_org_id    INTEGER REFERENCES organisations(id),
        scope_name      TEXT NOT NULL,
        unit_name       TEXT NOT NULL,
        leader          TEXT,
        preparer        TEXT,
        filled_on       TEXT NOT NULL,
        sheet_names     TEXT NOT NULL,
        file_name       TEXT NOT NULL,
        file_sha256     TEXT NOT NULL CHECK (length(file_sha256) = 64),
        figures_sha256  TEXT NOT NULL CHECK (length(figures_sha256) = 64),
        figures         TEXT NOT NULL,
        file            BLOB NOT NULL,
        produced_at     TEXT NOT NULL,
        actor           TEXT,
        reproduced_from INTEGER REFERENCES produced_returns(id)
      );
      CREATE INDEX produced_returns_at ON produced_returns(produced_at, id);
    `);
  },
};
