import type Database from 'better-sqlite3';
import { m001_initial } from './001_initial';
import { m002_imports } from './002_imports';
import { m003_org_record } from './003_org_record';
import { m004_member_moves } from './004_member_moves';
import { m005_transfers } from './005_transfers';
import { m006_floating_certificates } from './006_floating_certificates';
import { m007_org_address } from './007_org_address';
import { m008_backups } from './008_backups';
import { m009_minutes } from './009_minutes';
import { m010_org_imports } from './010_org_imports';
import { m011_settings } from './011_settings';
import { m012_cobuilding } from './012_cobuilding';
import { m013_twonew_inservice } from './013_twonew_inservice';
import { m014_returns } from './014_returns';
import { m015_volunteers } from './015_volunteers';
import { m016_assistance } from './016_assistance';
import { m017_cadres } from './017_cadres';
import { m018_targets } from './018_targets';

export interface Migration {
  /** Consecutive from 1; stored in PRAGMA user_version once applied. */
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** Every migration, in order. Add a file per migration and list it here. */
export const MIGRATIONS: readonly Migration[] = [m001_initial, m002_imports, m003_org_record, m004_member_moves, m005_transfers, m006_floating_certificates, m007_org_address, m008_backups, m009_minutes, m010_org_imports, m011_settings, m012_cobuilding, m013_twonew_inservice, m014_returns, m015_volunteers, m016_assistance, m017_cadres, m018_targets];
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
