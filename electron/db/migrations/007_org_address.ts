import type { Migration } from './index';

/**
 * The organisation's address (地址 / 办公地点: printed as the sending committee's 通讯地址 on a transfer letter),
 * and a version that every change of the record raises by one, so a form opened on an older copy (another
 * window, a page left open) is refused instead of overwriting — the same mechanism as members.version.
 */
export const m007_org_address: Migration = {
  version: 7,
  name: 'org_address',
  up(db) {
    db.exec(`
      ALTER TABLE organisations ADD COLUMN address TEXT CHECK (address IS NULL OR length(address) BETWEEN 1 AND 100);
      ALTER TABLE organisations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    `);
  },
};
