import type { Migration } from './index';

/**
 * 数据备份: nothing in the database. The catalogue of backups is the backup files themselves (each carries its
 * manifest: when, why, rows per table), in backups/ beside the data file — so it survives the database it
 * protects, and a restore cannot lose it. This number was set aside for backups; it stays, empty, so the
 * migrations are numbered without a gap (a migration added later under a lower number would never run on a
 * database already past it).
 */
export const m008_backups: Migration = {
  version: 8,
  name: 'backups',
  up() {},
};
