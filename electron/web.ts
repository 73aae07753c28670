/**
 * Browser mode, for tests and demonstrations: npm run web -- --port <port> --db <file>
 * Serves the built renderer (out/renderer) and the same handlers as the desktop app over loopback HTTP.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openDatabase } from './db/connection';
import { createAppCore } from './app';
import { startWebServer } from './web/server';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, db: { type: 'string' }, renderer: { type: 'string' } },
  strict: true,
});
if (!values.db) {
  console.error('用法：npm run web -- --port <端口> --db <数据文件>');
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = values.renderer ?? path.resolve(here, '../out/renderer');
const db = openDatabase(values.db);
// The job worker runs from its source here, through a bootstrap that registers tsx in the thread.
const { services, dispatch } = createAppCore(db, path.resolve(values.db), { workerUrl: new URL('./jobs/worker-dev.mjs', import.meta.url) });
const server = await startWebServer({ dispatch, rendererDir, port: Number(values.port) });
console.log(`ready: ${server.url}`);
// As in the desktop app: build the register's list index while the page loads.
setImmediate(() => services.members.listIndex.warm());

const stop = async () => {
  await server.close();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
