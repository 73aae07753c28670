/**
 * Browser mode, for tests and demonstrations: npm run web -- --port <port> --db <file>
 * Serves the built renderer (out/renderer) and the same handlers as the desktop app over loopback HTTP.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openAppCore } from './app';
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
// As the desktop app opens it: a committed restore finished, the file checked, recovery when it is damaged.
// The workers run from their sources here, through bootstraps that register tsx in the thread.
const core = openAppCore(path.resolve(values.db), {
  workerUrl: new URL('./jobs/worker-dev.mjs', import.meta.url),
  backupWorkerUrl: new URL('./backup/worker-dev.mjs', import.meta.url),
});
const server = await startWebServer({ dispatch: core.dispatch, rendererDir, port: Number(values.port) });
console.log(`ready: ${server.url}`);
// As in the desktop app: the list index built while the page loads, the day's first backup when due.
core.startup();

const stop = async () => {
  await server.close();
  await core.idle();
  core.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
