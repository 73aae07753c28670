/**
 * The admin command line over the same services as the app:
 *   npm run -s cli -- --db <file> <command> [options]
 * Output meant for scripts is JSON on stdout; messages go to stderr. Exit 0 on success, 1 on a refused
 * operation, 2 on wrong usage.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from './db/connection';
import { ServiceError } from './errors';
import { createServices, type Services } from './services';

const USAGE = `用法：npm run -s cli -- --db <数据文件> <命令>

命令：
  stats     在册党员总数、按分类、按党支部的人数（JSON）
  help      显示本说明`;

type Command = (s: Services, args: string[]) => unknown;

const COMMANDS: Record<string, Command> = {
  stats: (s) => s.members.stats(),
};

export function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help || !command || command === 'help') {
    process.stderr.write(`${USAGE}\n`);
    return command || parsed.values.help ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`不认识的命令：${command}\n\n${USAGE}\n`);
    return 2;
  }
  if (!parsed.values.db) {
    process.stderr.write(`请用 --db 指定数据文件。\n\n${USAGE}\n`);
    return 2;
  }
  const dbPath = path.resolve(parsed.values.db);
  let db;
  try {
    db = openDatabase(dbPath);
  } catch (e) {
    process.stderr.write(`无法打开数据文件 ${dbPath}：${(e as Error).message}\n`);
    return 1;
  }
  try {
    const out = run(createServices(db, dbPath, { actor: 'cli' }), rest);
    if (out !== undefined) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof ServiceError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    db.close();
  }
}

process.exitCode = main(process.argv.slice(2));
