import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, DummyDriver, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Compilable } from 'kysely';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';
import type { DB } from './schema';
import { ServiceError } from '../errors';
import { BackupService } from '../backup/service';
import { applyRestore, removeRestoreLeftovers } from '../backup/restore';

export type Sqlite = Database.Database;

/**
 * Opens (creating if needed) the database file and brings its schema up to date.
 * WAL for concurrent readers and crash safety; synchronous=FULL because the office PC is switched off at
 * the wall; foreign keys on.
 */
export function openDatabase(file: string, options: { migrations?: readonly Migration[]; backupBeforeMigrating?: boolean } = {}): Sqlite {
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // A restore that was committed but not finished (the app was killed, the power went) is finished first.
    applyRestore(path.resolve(file));
    removeRestoreLeftovers(path.resolve(file), 2 * 60_000);
  }
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    const migrations = options.migrations ?? MIGRATIONS;
    if (file !== ':memory:' && options.backupBeforeMigrating !== false) backupBeforeMigrating(db, path.resolve(file), migrations);
    migrate(db, migrations);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** Before migrations change a database that holds data: an automatic backup (backups/ beside it), or no change at all. */
function backupBeforeMigrating(db: Sqlite, file: string, migrations: readonly Migration[]): void {
  const current = schemaVersion(db);
  if (current === 0 || !migrations.some((m) => m.version > current)) return;
  const hasData = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('members', 'organisations')").pluck().all() as string[];
  if (!hasData.some((t) => db.prepare(`SELECT EXISTS (SELECT 1 FROM ${t})`).pluck().get() === 1)) return;
  try {
    new BackupService(db, file).takeAutomatic('migration', `数据版本 ${current} 升级之前`);
  } catch (e) {
    const why = e instanceof ServiceError ? e.message : (e as Error).message;
    throw new ServiceError('conflict', `软件升级需要先备份数据，但备份没有成功：${why} 数据没有改动。`);
  }
}

export function schemaVersion(db: Sqlite): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs each pending migration in its own transaction, recording its version as the last step. */
export function migrate(db: Sqlite, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const current = schemaVersion(db);
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  if (current > latest) {
    throw new ServiceError(
      'conflict',
      `这个数据文件由更新版本的软件创建（数据版本 ${current}），当前软件只认识到版本 ${latest}。请安装最新版本后再打开。`,
    );
  }
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}

export { LATEST_VERSION };

/**
 * Kysely as a typed query builder only: queries are compiled here and run synchronously by better-sqlite3,
 * so they compose with better-sqlite3 transactions.
 */
export const qb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new SqliteIntrospector(k),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

type Row<Q> = Q extends Compilable<infer R> ? R : never;

export function all<Q extends Compilable<any>>(db: Sqlite, query: Q): Row<Q>[] {
  const c = query.compile();
  return db.prepare(c.sql).all(...(c.parameters as unknown[])) as Row<Q>[];
}
export function first<Q extends Compilable<any>>(db: Sqlite, query: Q): Row<Q> | undefined {
  const c = query.compile();
  return db.prepare(c.sql).get(...(c.parameters as unknown[])) as Row<Q> | undefined;
}
export function run(db: Sqlite, query: Compilable<any>): Database.RunResult {
  const c = query.compile();
  return db.prepare(c.sql).run(...(c.parameters as unknown[]));
}
