// Runs one import exactly as the desktop app does: the built job worker (out/main/jobWorker.js) in a worker
// thread with its heap bound, in a plain node process (no tsx). Prints JSON: time, result, peak RSS.
//   node scripts/lib/import-in-worker.mjs <file.xlsx> <db> <heapMb>
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * This process's peak resident memory. On Linux from /proc (VmHWM): getrusage's maxRSS keeps the parent's peak
 * across fork and exec, so a child of a bench that had grown larger would report the bench's peak, not its own.
 */
function peakRssMb() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

const [file, db, heapMb] = process.argv.slice(2);
const worker = path.resolve('out/main/jobWorker.js');
if (!fs.existsSync(worker)) {
  console.error('找不到 out/main/jobWorker.js，请先运行 npm run build');
  process.exit(2);
}
const input = {
  fileName: path.basename(file),
  dataBase64: fs.readFileSync(file).toString('base64'),
  mode: 'valid',
  createBranches: [],
};
const run = () =>
  new Promise((resolve, reject) => {
    const t = performance.now();
    const w = new Worker(worker, {
      workerData: { dbPath: db, actor: 'bench', backupDir: path.join(path.dirname(db), 'backups'), job: { kind: 'import.commit', input }, cancel: new SharedArrayBuffer(4) },
      resourceLimits: { maxOldGenerationSizeMb: Number(heapMb) },
    });
    w.on('message', (m) => {
      if (m.type === 'done') resolve({ ms: performance.now() - t, result: m.result });
      else if (m.type === 'failed' || m.type === 'cancelled') reject(new Error(JSON.stringify(m)));
    });
    w.on('error', reject);
  });
// One import per process (the caller runs it again for the re-import), so the peak is that import's own. CPU time
// (every thread of the process: the worker, SQLite, the collector's helpers) is given beside the wall-clock time,
// which a busy machine stretches.
const cpu0 = process.cpuUsage();
const once = await run();
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ ms: once.ms, cpuMs: (cpu.user + cpu.system) / 1000, inserted: once.result.inserted, updated: once.result.updated, unchanged: once.result.unchanged, errors: once.result.errors.length, maxRssMb: peakRssMb() }));
