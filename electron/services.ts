import os from 'node:os';
import { AuditService } from './audit/service';
import { schemaVersion, type Sqlite } from './db/connection';
import path from 'node:path';
import { MemberExportService } from './members/export';
import { MemberImportService } from './members/import/service';
import { MemberService } from './members/service';
import { OrgService } from './orgs/service';
import { OrgImportService } from './orgs/import/service';
import { BranchBuildingService } from './orgs/branchBuilding';
import { TransferService } from './transfers/service';
import { FloatingService } from './floating/service';
import { MinutesService } from './minutes/service';
import { MinutesImportService } from './minutes/import';

export interface Services {
  db: Sqlite;
  dbPath: string;
  audit: AuditService;
  orgs: OrgService;
  members: MemberService;
  /** 分类建支部: suggestions and forming a branch from one. */
  branches: BranchBuildingService;
  imports: MemberImportService;
  /** 导入组织: the organisation tree from a spreadsheet. */
  orgImports: OrgImportService;
  /** 组织关系转接: letters out and in. */
  transfers: TransferService;
  floating: FloatingService;
  /** 会议纪要: meetings, attachments in the archive, search, 三会一课. */
  minutes: MinutesService;
  minutesImport: MinutesImportService;
  /** Opens a file with the system's program (the desktop app); absent elsewhere. */
  openFile: ((file: string) => Promise<string>) | null;
  exports: MemberExportService;
  /** Who the audit log names for changes made through these services. */
  actor: string;
  schemaVersion(): number;
}

export interface ServiceOptions {
  actor?: string;
  now?: () => Date;
  /** Where the backup taken before each import goes; default: backups/ beside the database file. null: none. */
  backupDir?: string | null;
  /** Where attachments are kept; default: archive/ beside the database file. */
  archiveDir?: string;
  /** Opens a file with the system's program (Electron's shell.openPath: '' or an error message). */
  openFile?: (file: string) => Promise<string>;
}

/** The composition root: every service over one open database. */
export function createServices(db: Sqlite, dbPath: string, options: ServiceOptions = {}): Services {
  const now = options.now ?? (() => new Date());
  const actor = options.actor ?? safeUser();
  const audit = new AuditService(db, actor, now);
  const orgs = new OrgService(db, audit, now);
  const members = new MemberService(db, orgs, audit, now);
  const backupDir = options.backupDir !== undefined ? options.backupDir : dbPath === ':memory:' ? null : path.join(path.dirname(dbPath), 'backups');
  const imports = new MemberImportService(db, orgs, audit, now, actor, backupDir, () => {
    members.listIndex.invalidate();
    orgs.changed();
  });
  const orgImports = new OrgImportService(db, audit, now, actor, backupDir, () => {
    members.listIndex.invalidate();
    orgs.changed();
  });
  const exports = new MemberExportService(db, members.listIndex, orgs);
  const branches = new BranchBuildingService(db, orgs, members, now);
  const transfers = new TransferService(db, orgs, members, audit, now);
  const floating = new FloatingService(db, members, audit, now);
  const minutes = new MinutesService(db, dbPath, orgs, audit, now, options.archiveDir);
  const minutesImport = new MinutesImportService(db, dbPath, minutes, now);
  return { db, dbPath, audit, orgs, members, branches, imports, orgImports, transfers, floating, minutes, minutesImport, openFile: options.openFile ?? null, exports, actor, schemaVersion: () => schemaVersion(db) };
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
