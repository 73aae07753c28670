/**
 * A worker thread that runs one long job on its own database connection, reporting progress, and stopping
 * (rolling back) when the main thread raises the cancel flag.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/connection';
import '../../shared/zodLocale';
import { createServices } from '../services';
import { CancelledError, runJob, toApiError, type JobPayload } from './work';

interface Data {
  dbPath: string;
  actor: string;
  backupDir: string | null;
  job: JobPayload;
  cancel: SharedArrayBuffer;
}

const data = workerData as Data;
const cancelled = new Int32Array(data.cancel);
const db = openDatabase(data.dbPath);
// A smaller page cache than the app's connection: an import's pages are written once and not read again.
db.pragma('cache_size = -16384');
try {
  const services = createServices(db, data.dbPath, { actor: data.actor, backupDir: data.backupDir });
  let last = 0;
  const out = await runJob(services, data.job, (stage, done, total) => {
    if (Atomics.load(cancelled, 0) === 1) throw new CancelledError();
    const now = Date.now();
    if (now - last > 100 || done === total) {
      last = now;
      parentPort!.postMessage({ type: 'progress', stage, done, total });
    }
  });
  parentPort!.postMessage({ type: 'done', ...out });
} catch (e) {
  if (e instanceof CancelledError) parentPort!.postMessage({ type: 'cancelled' });
  else {
    console.error(e);
    parentPort!.postMessage({ type: 'failed', error: toApiError(e) });
  }
} finally {
  db.close();
}
