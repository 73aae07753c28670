import type Database from 'better-sqlite3';
import { m001_initial } from './001_initial';
import { m002_imports } from './002_imports';
import { m003_org_record } from './003_org_record';
import { m004_member_moves } from './004_member_moves';
import { m005_transfers } from './005_transfers';
import { m006_floating_certificates } from './006_floating_certificates';
import { m007_org_address } from './007_org_address';
import { m009_minutes } from './009_minutes';
import { m010_org_imports } from './010_org_imports';

export interface Migration {
  /** Consecutive from 1; stored in PRAGMA user_version once applied. */
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** Every migration, in order. Add a file per migration and list it here. */
export const MIGRATIONS: readonly Migration[] = [m001_initial, m002_imports, m003_org_record, m004_member_moves, m005_transfers, m006_floating_certificates, m007_org_address, m009_minutes, m010_org_imports];
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
