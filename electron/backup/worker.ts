/** A worker thread that runs one backup task (tasks.ts) on its own connection and posts the result. */
import { parentPort, workerData } from 'node:worker_threads';
import '../../shared/zodLocale';
import { runBackupTask, taskError, type BackupTask, type TaskPlace } from './tasks';

const data = workerData as { place: TaskPlace; task: BackupTask };
try {
  parentPort!.postMessage({ ok: true, value: runBackupTask(data.place, data.task) });
} catch (e) {
  console.error(e);
  parentPort!.postMessage({ ok: false, error: taskError(e) });
}
