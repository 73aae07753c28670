import type { Migration } from './index';

/**
 * 设置: the app's own settings, one row per key, the value as JSON text. Holds the 开机密码 (its scrypt hash,
 * salt and parameters — never the password), the 自动锁定 time, and the count and time of wrong passwords
 * in a row (so a restart does not reset the slow-down). Changes to these are written to the audit log by the
 * service; the table itself keeps only the current value.
 */
export const m011_settings: Migration = {
  version: 11,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key        TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 60),
        value      TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
