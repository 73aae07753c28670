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
import { ReturnsService } from './returns/service';
import { SecurityService } from './security/service';
import { MinutesService } from './minutes/service';
import { MinutesImportService } from './minutes/import';
import { CoBuildingService } from './cobuilding/service';
import { AgreementService } from './cobuilding/agreements';
import { ActivityService } from './cobuilding/activities';
import { NewOrgService } from './twonew/service';
import { NewOrgImportService } from './twonew/import';
import { InServiceService } from './inservice/service';
import { BackupService } from './backup/service';
import { VolunteerService } from './volunteers/service';
import { AssistanceService } from './assistance/service';
import { CadreService } from './cadres/service';
import { TargetService } from './targets/service';

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
  /** 统计报表 and the 概览 figures. */
  returns: ReturnsService;
  /** 个人信息保护: 开机密码, the lock, 自动锁定, the log of full-data exports and settings changes. */
  security: SecurityService;
  /**
   * 数据备份: automatic backups (services.backup.takeAutomatic('import', fileName) before an import), the
   * list, checks, and the first half of a restore. The app runs the slow parts in a worker (backup/controller.ts).
   */
  backup: BackupService;
  /** 共驻共建: units in the area, the joint meeting and coordination committee, visits. */
  cobuilding: CoBuildingService;
  /** 共驻共建协议 / 结对共建. */
  agreements: AgreementService;
  /** 主题活动 with participants and photos. */
  activities: ActivityService;
  /** 两新组织 and the coverage figures. */
  neworgs: NewOrgService;
  neworgImports: NewOrgImportService;
  /** 在职党员双报到. */
  inService: InServiceService;
  /** 党员志愿者: volunteer files (特长 on the member record), teams, service activities, hours. */
  volunteers: VolunteerService;
  /** 帮扶: households helped, pairings, visits, overdue visits. */
  assistance: AssistanceService;
  /** 社区党务干部队伍: cadres, trainings, the structure. */
  cadres: CadreService;
  /** 年度目标考核: target sheets, mid-year check, year-end assessment. */
  targets: TargetService;
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
  const exports = new MemberExportService(db, members.listIndex, orgs, audit);
  const branches = new BranchBuildingService(db, orgs, members, now);
  const transfers = new TransferService(db, orgs, members, audit, now);
  const floating = new FloatingService(db, members, audit, now);
  const minutes = new MinutesService(db, dbPath, orgs, audit, now, options.archiveDir);
  const minutesImport = new MinutesImportService(db, dbPath, minutes, now);
  const activities = new ActivityService(db, audit, now, minutes.archive);
  const agreements = new AgreementService(db, audit, now, activities);
  const cobuilding = new CoBuildingService(db, audit, now, agreements, activities);
  const neworgs = new NewOrgService(db, audit, now);
  const neworgImports = new NewOrgImportService(db, neworgs);
  const inService = new InServiceService(db, members, audit, now);
  const returns = new ReturnsService(db, () => self, now, actor);
  const volunteers = new VolunteerService(db, orgs, members, audit, now);
  const assistance = new AssistanceService(db, audit, now);
  const cadres = new CadreService(db, audit, now);
  const targets = new TargetService(db, audit, now, () => self);
  const self: Services = { db, dbPath, audit, orgs, members, branches, imports, orgImports, transfers, floating, minutes, minutesImport, openFile: options.openFile ?? null, exports, backup: new BackupService(db, dbPath, now, backupDir ?? undefined, options.archiveDir), security: new SecurityService(db, audit, now), returns, cobuilding, agreements, activities, neworgs, neworgImports, inService, volunteers, assistance, cadres, targets, actor, schemaVersion: () => schemaVersion(db) };
  return self;
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
