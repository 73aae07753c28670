/**
 * Importing 100,000 members from an official-layout .xlsx, against exceljs's own streaming reader reading the
 * same file (the bound: at most 1.3×), and re-importing it unchanged. Each measurement runs in its own
 * process, so peak memory (maxRSS) is that work's alone; the import runs in the built job worker, as in the
 * app (scripts/lib/import-in-worker.mjs). Prints figures; never asserts.
 *   npx tsx scripts/bench-import.ts [--db <seeded.db>] [--members 100000]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WORKER_HEAP_MB } from '../electron/jobs/runner';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const BOUND = 1.3;

/**
 * This process's peak resident memory. On Linux from /proc (VmHWM): getrusage's maxRSS keeps the parent's peak
 * across fork and exec, so these children would report the bench's own peak when it is the larger.
 */
function peakRssMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

async function child(kind: string, args: string[]): Promise<void> {
  const t0 = performance.now();
  const out: Record<string, unknown> = {};
  if (kind === 'exceljs') {
    const ExcelJS = (await import('exceljs')).default;
    let rows = 0;
    const t = performance.now();
    const cpu0 = process.cpuUsage();
    const wb = new ExcelJS.stream.xlsx.WorkbookReader(args[0]!, { sharedStrings: 'cache', worksheets: 'emit', styles: 'cache', hyperlinks: 'ignore', entries: 'emit' } as never);
    for await (const ws of wb as AsyncIterable<AsyncIterable<unknown>>) for await (const _ of ws) rows++;
    const cpu = process.cpuUsage(cpu0);
    Object.assign(out, { ms: performance.now() - t, cpuMs: (cpu.user + cpu.system) / 1000, rows });
  }
  out.maxRssMb = peakRssMb();
  out.totalMs = performance.now() - t0;
  process.stdout.write(JSON.stringify(out));
}

function run(kind: string, args: string[]): Record<string, any> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', kind, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${kind} failed: ${r.stderr.slice(-500)}`);
  return JSON.parse(r.stdout);
}

export async function benchImport(seededDb: string): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-bench-import-'));
  try {
    const file = path.join(dir, '党员名册.xlsx');
    // The official layout, as our own export writes it from the seeded register.
    const { openDatabase } = await import('../electron/db/connection');
    const { createServices } = await import('../electron/services');
    const { memberListQuery } = await import('../shared/contract');
    const src = openDatabase(seededDb);
    const rows = await createServices(src, seededDb).exports.exportMembers(file, memberListQuery.parse({}));
    src.close();
    // A database with the seeded organisations and no members.
    const db = path.join(dir, 'import.db');
    const fresh = openDatabase(db);
    fresh.exec(`ATTACH '${seededDb.replaceAll("'", "''")}' AS src; INSERT INTO organisations SELECT * FROM src.organisations; DETACH src;`);
    fresh.close();
    const sizeMb = fs.statSync(file).size / 1048576;
    const ex: Record<string, any>[] = [];
    const im: Record<string, any>[] = [];
    // The import runs as the app runs it: the built job worker in a worker thread with its heap bound, in a
    // plain node process (no tsx), once for the first import and once more for the re-import.
    const workerJs = path.join(root, 'out/main/jobWorker.js');
    if (!fs.existsSync(workerJs)) {
      const b = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, encoding: 'utf8' });
      if (b.status !== 0) throw new Error(`electron-vite build failed: ${b.stderr.slice(-300)}`);
    }
    const inWorker = () => {
      // NODE_OPTIONS cleared: tsx passes its loader to child processes through it, which would add ~120 MB.
      const r = spawnSync(process.execPath, [path.join(root, 'scripts/lib/import-in-worker.mjs'), file, db, String(WORKER_HEAP_MB)], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
      if (r.status !== 0) throw new Error(`import failed: ${r.stderr.slice(-500)}`);
      return JSON.parse(r.stdout) as Record<string, any>;
    };
    for (let k = 0; k < 2; k++) ex.push(run('exceljs', [file]));
    const firstRun = inWorker();
    const againRun = inWorker();
    im.push({ first: firstRun, again: againRun, maxRssMb: Math.max(firstRun.maxRssMb, againRun.maxRssMb) });
    const base = {
      maxRssMb: Number(
        spawnSync(process.execPath, ['-e', "const m=/VmHWM:\\s+(\\d+) kB/.exec(require('fs').readFileSync('/proc/self/status','utf8'));process.stdout.write(String(m?m[1]/1024:process.resourceUsage().maxRSS/1024))"], {
          env: { ...process.env, NODE_OPTIONS: '' },
        }).stdout,
      ),
    };
    const exMs = Math.min(...ex.map((x) => x.ms as number));
    const exCpu = Math.min(...ex.map((x) => x.cpuMs as number));
    const first = im[0]!.first;
    const again = im[0]!.again;
    const f = (x: number) => `${x.toFixed(0)} ms`;
    // Wall-clock time is the bound's measure; CPU time (all threads) is given too, because a machine shared with
    // other work stretches the wall clock of each run differently.
    const both = (x: Record<string, any>) => `${f(x.ms)} (CPU ${f(x.cpuMs)})`;
    const ratio = (x: Record<string, any>) => `ratio ${(x.ms / exMs).toFixed(2)} (CPU ${(x.cpuMs / exCpu).toFixed(2)})`;
    return [
      `import: official-layout .xlsx, ${rows} rows, ${sizeMb.toFixed(1)} MB`,
      `  exceljs streaming reader, read only           ${f(exMs)} (CPU ${f(exCpu)})  (best of ${ex.length}; peak RSS ${Math.max(...ex.map((x) => x.maxRssMb as number)).toFixed(0)} MB)`,
      `  import in the job worker (read, check, write, audit, backup)  ${both(first)}  inserted ${first.inserted}, errors ${first.errors}  ${ratio(first)}  bound ${BOUND}`,
      `  re-import unchanged, same way                                ${both(again)}  unchanged ${again.unchanged}  ${ratio(again)}  bound ${BOUND}`,
      `  import process peak RSS (node + job worker)   ${im[0]!.maxRssMb.toFixed(0)} MB  target 350 MB  ratio ${(im[0]!.maxRssMb / 350).toFixed(2)}  (an empty node process: ${base.maxRssMb.toFixed(0)} MB)`,
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { values, positionals } = parseArgs({ options: { child: { type: 'string' }, db: { type: 'string' } }, allowPositionals: true });
  if (values.child) await child(values.child, positionals);
  else if (!values.db) {
    console.error('用法：npx tsx scripts/bench-import.ts --db <已填充 10 万党员的数据文件>（npm run bench 会自动准备）');
    process.exit(2);
  } else for (const line of await benchImport(values.db)) console.log(line);
}
