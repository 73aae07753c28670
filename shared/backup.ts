/**
 * 数据备份与恢复: what a backup file says about itself (read without restoring), the list of backups, the
 * result of a check and of a restore — the inputs the main process parses and the records it returns
 * (listed in contract.ts with the other channels).
 */
import { z } from 'zod';
import type { BackupKind, BackupReason } from './domain/labels';

/** A path on this computer, as the folder and file pickers return it. */
const localPath = z.string().trim().min(1, '请选择文件夹或文件').max(1000, '路径太长');

export const backupCreateInput = z
  .object({
    /** Where to write (a USB stick): a folder the picker returned. Absent: the backups folder beside the data. */
    folder: localPath.optional(),
  })
  .strict();
export const backupFileInput = z.object({ file: localPath }).strict();

/**
 * What a backup holds: for a .djbak from its manifest; for a plain database copy (an import's 导入前-*.db) read
 * from the file itself.
 */
export interface BackupInfo {
  /** full: database and attachments (.djbak); databaseOnly: the database alone — restoring it leaves archive/ as it is. */
  kind: BackupKind;
  /** For a database copy: the batch's time (in its name), else the file's modification time. */
  createdAt: string;
  reason: BackupReason;
  /** What it was taken for: the import's file name, the backup restored … */
  label: string | null;
  appVersion: string;
  schemaVersion: number;
  /** Rows per table in the snapshot. */
  counts: Record<string, number>;
  /** 在册党员 (members who have not left), when the snapshot has the register. */
  activeMembers: number | null;
  /** Organisations not dissolved. */
  organisations: number | null;
  /** Attachments held; null for a databaseOnly backup (it holds none). */
  archiveFiles: number | null;
  archiveBytes: number | null;
}

/** One backup file: its info, or why it cannot be read. */
export interface BackupRow {
  file: string;
  fileName: string;
  size: number;
  modifiedAt: string;
  info: BackupInfo | null;
  /** Why the file cannot be used (damaged, not a backup, from a newer version), in Chinese; null when fine. */
  problem: string | null;
}

export interface BackupOverview {
  /** backups/ beside the data file, where the automatic backups go. */
  folder: string;
  dbPath: string;
  /** Newest first. */
  backups: BackupRow[];
  /** The data as it is now, to compare with a backup before restoring. */
  current: { activeMembers: number | null; organisations: number | null; archiveFiles: number } | null;
  /** The desktop app shows the system's folder and file pickers; browser mode asks for a path instead. */
  pickers: boolean;
  /** The rotation kept for automatic backups (and for the import snapshots), in words. */
  keeps: string;
}

export interface BackupVerifyResult {
  file: string;
  ok: boolean;
  /** Each problem found, as a sentence. */
  problems: string[];
  backup: BackupRow;
  ms: number;
}

export interface RestoreResult {
  restored: BackupRow;
  /** The backup of the data as it was just before the restore (恢复前), or null in recovery mode. */
  safetyBackup: string | null;
  /** In recovery mode: where the damaged data file was put aside. */
  damagedCopy: string | null;
}
