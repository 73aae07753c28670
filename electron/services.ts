import os from 'node:os';
import { AuditService } from './audit/service';
import { schemaVersion, type Sqlite } from './db/connection';
import { MemberService } from './members/service';
import { OrgService } from './orgs/service';

export interface Services {
  db: Sqlite;
  dbPath: string;
  audit: AuditService;
  orgs: OrgService;
  members: MemberService;
  schemaVersion(): number;
}

/** The composition root: every service over one open database. */
export function createServices(db: Sqlite, dbPath: string, options: { actor?: string; now?: () => Date } = {}): Services {
  const now = options.now ?? (() => new Date());
  const actor = options.actor ?? safeUser();
  const audit = new AuditService(db, actor, now);
  const orgs = new OrgService(db, audit, now);
  const members = new MemberService(db, orgs, audit, now);
  return { db, dbPath, audit, orgs, members, schemaVersion: () => schemaVersion(db) };
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
