/**
 * The command line's backup verbs. They work on the data file as it is — damaged, or needing a migration —
 * so cli.ts runs them before (instead of) its usual opening of the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type Sqlite } from '../db/connection';
import { ServiceError } from '../errors';
import { BACKUP_KIND_LABELS, BACKUP_REASON_LABELS } from '../../shared/domain/labels';
import type { BackupRow } from '../../shared/backup';
import { BACKUP_EXT } from './format';
import { KEEP_IMPORT_SNAPSHOTS } from './importSnapshot';
import { applyRestore, journalPath } from './restore';
import { BackupService, checkDatabaseFile } from './service';

export const BACKUP_USAGE = `  backup create <文件夹|文件.djbak> 把数据库和附件备份成一个文件（写完后读回核对；不会覆盖已有文件）
      --json                     以 JSON 输出备份的说明（时间、各表行数、附件数、大小）
  backup list                    数据文件旁 backups 文件夹中的备份：时间、原因、在册党员人数、附件（或“仅数据库”）、大小；
                                 包括每次导入前自动保存的数据库副本（导入前-….db，不含附件，保留最近 ${KEEP_IMPORT_SNAPSHOTS} 份）
      --json                     以 JSON 输出（info.kind：full 数据库和附件，databaseOnly 仅数据库）
  backup verify <文件>            完整核对一个备份文件（.djbak）或数据库副本（.db）：能否打开、数据库检查、各表行数、
                                 每个附件（有问题时退出码非 0）
      --json                     以 JSON 输出 {ok, problems, backup}
  backup restore <文件>           用备份恢复数据和附件：先核对备份，再备份现有数据，然后替换；数据文件损坏时也可用。
                                 用数据库副本（.db）恢复时只替换数据库，附件保持现状
  db check                       检查数据文件是否完好（integrity_check）；损坏时说明问题，退出码非 0
      --json                     以 JSON 输出 {ok, problems, schemaVersion, counts}`;

type Flags = { json?: boolean };
export type RawCommand = (dbPath: string, args: string[], flags: Flags) => number;

const say = (line: string) => process.stderr.write(`${line}\n`);
const out = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

function describe(r: BackupRow): string {
  if (!r.info) return `${r.fileName}  无法使用：${r.problem}`;
  const i = r.info;
  const at = new Date(i.createdAt).toLocaleString('zh-CN', { hour12: false });
  const holds = i.kind === 'databaseOnly' ? BACKUP_KIND_LABELS.databaseOnly : `附件 ${i.archiveFiles ?? 0} 个`;
  return `${at}  ${BACKUP_REASON_LABELS[i.reason]}  在册党员 ${i.activeMembers ?? '—'} 人  ${holds}  ${(r.size / 1024 / 1024).toFixed(1)} MB  ${r.fileName}${r.problem ? `  （${r.problem}）` : ''}`;
}

/** The file as it is, without migrating it; a committed restore is finished first. */
function openAsIs(dbPath: string): Sqlite {
  if (!fs.existsSync(dbPath)) throw new ServiceError('not_found', `找不到数据文件 ${dbPath}。`);
  applyRestore(dbPath);
  const db = new Database(dbPath, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

export const BACKUP_COMMANDS: Record<string, RawCommand> = {
  'backup create': (dbPath, [target], flags) => {
    if (!target) throw new ServiceError('validation', '请给出备份保存到的文件夹，或 .djbak 文件名。');
    const db = openAsIs(dbPath);
    try {
      const s = new BackupService(db, dbPath);
      const abs = path.resolve(target);
      const row = abs.endsWith(BACKUP_EXT) ? s.create('manual', { file: abs }) : (fs.mkdirSync(abs, { recursive: true }), s.create('manual', { folder: abs }));
      if (flags.json) out(row);
      else say(`已备份并核对：${row.file}\n${describe(row)}`);
      return 0;
    } finally {
      db.close();
    }
  },
  'backup list': (dbPath, _args, flags) => {
    const s = new BackupService(null, dbPath);
    const rows = s.list();
    if (flags.json) out({ folder: s.folder, backups: rows });
    else if (!rows.length) say(`${s.folder} 中还没有备份。`);
    else for (const r of rows) process.stdout.write(`${describe(r)}\n`);
    return 0;
  },
  'backup verify': (dbPath, [file], flags) => {
    if (!file) throw new ServiceError('validation', '请给出要核对的备份文件。');
    const r = new BackupService(null, dbPath).verify(file);
    if (flags.json) out({ ok: r.ok, problems: r.problems, backup: r.backup, ms: r.ms });
    else if (r.ok) say(`备份完好（用时 ${(r.ms / 1000).toFixed(1)} 秒）：${describe(r.backup)}`);
    else {
      say(`备份有问题，不能用它恢复：${r.backup.file}`);
      for (const p of r.problems) say(`  ${p}`);
    }
    return r.ok ? 0 : 1;
  },
  'backup restore': (dbPath, [file]) => {
    if (!file) throw new ServiceError('validation', '请给出要恢复的备份文件。');
    applyRestore(dbPath);
    const damaged = fs.existsSync(dbPath) ? checkDatabaseFile(dbPath) : null;
    const db = fs.existsSync(dbPath) && !damaged ? openAsIs(dbPath) : null;
    let prepared;
    try {
      prepared = new BackupService(db, dbPath).prepareRestore(file);
      db?.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db?.close();
    }
    applyRestore(dbPath);
    // Opened as the app opens it: a backup from an older version is migrated (after its own backup).
    const after = openDatabase(dbPath);
    after.close();
    say(`已恢复为 ${describe(prepared.restored)}`);
    if (prepared.journal.keepArchive) say('这是仅含数据库的副本：只替换了数据库，附件文件夹保持原样。');
    if (prepared.safetyBackup) say(`恢复前的数据已备份到：${prepared.safetyBackup}`);
    if (prepared.damagedCopy) say(`损坏的数据文件已复制到：${prepared.damagedCopy}`);
    return 0;
  },
  'db check': (dbPath, _args, flags) => {
    const problems: string[] = [];
    let schemaVersion: number | null = null;
    let counts: Record<string, number> | null = null;
    if (fs.existsSync(journalPath(dbPath))) problems.push('有一次已确认但未完成的恢复：下次打开数据文件时会自动完成。');
    if (!fs.existsSync(dbPath)) problems.push(`找不到数据文件 ${dbPath}。`);
    else {
      let db: Sqlite | undefined;
      try {
        db = new Database(dbPath, { fileMustExist: true });
        db.pragma('busy_timeout = 5000');
        const rows = db.pragma('integrity_check(100)') as { integrity_check: string }[];
        if (!(rows.length === 1 && rows[0]!.integrity_check === 'ok')) problems.push(...rows.map((r) => `数据文件损坏：${r.integrity_check}`));
        else {
          schemaVersion = db.pragma('user_version', { simple: true }) as number;
          counts = Object.fromEntries(
            (db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]).map((t) => [
              t,
              db!.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number,
            ]),
          );
        }
      } catch (e) {
        problems.push(`数据文件打不开或已损坏：${(e as Error).message}`);
      } finally {
        db?.close();
      }
    }
    const ok = problems.length === 0;
    if (flags.json) out({ ok, problems, schemaVersion, counts });
    else if (ok) say(`数据文件完好（数据版本 ${schemaVersion}，在 ${Object.keys(counts ?? {}).length} 个表中共 ${Object.values(counts ?? {}).reduce((a, b) => a + b, 0)} 行）：${dbPath}`);
    else {
      say(`数据文件有问题：${dbPath}`);
      for (const p of problems.slice(0, 20)) say(`  ${p}`);
      say('请用 backup list 查看备份，再用 backup restore <文件> 恢复（恢复前会先核对备份）；或打开软件，在恢复页面操作。');
    }
    return ok ? 0 : 1;
  },
};
