/**
 * The child process of crashSafety.test.ts: does one real piece of work on a database file and, at the named
 * step, prints "@stop <step>" and waits to be killed (SIGKILL). Every step it passes is printed as "@step <step>".
 *   tsx tests/integration/crashChild.ts <work> <db> <stopAt> [file]
 * work: import <file.csv> | backup <folder> | restore <file.djbak | 导入前-….db>
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../electron/db/connection';
import { createServices } from '../../electron/services';
import { applyRestore } from '../../electron/backup/restore';

const [work, dbPath, stopAt, file] = process.argv.slice(2) as [string, string, string, string];
const pause = new Int32Array(new SharedArrayBuffer(4));
const step = (name: string) => {
  process.stdout.write(`@step ${name}\n`);
  if (name === stopAt) {
    process.stdout.write(`@stop ${name}\n`);
    // Held here until the parent's SIGKILL lands (a minute at most, then the test has failed anyway).
    Atomics.wait(pause, 0, 0, 60_000);
    process.exit(3);
  }
};

const db = openDatabase(dbPath, { backupBeforeMigrating: false });
const s = createServices(db, dbPath, { actor: 'crash-test', backupDir: null });
step('opened');
if (work === 'import') {
  const bytes = fs.readFileSync(file);
  let half = false;
  s.imports.commit(bytes, path.basename(file), { mode: 'valid', createBranches: 'auto' }, (stage, done, total) => {
    // Inside the one transaction, half the rows written.
    if (!half && stage === '检查数据' && total > 1 && done >= total / 2 && done < total) {
      half = true;
      step('half-written');
    }
  });
  step('committed');
} else if (work === 'backup') {
  s.backup.create('manual', { folder: file, onStep: step });
} else if (work === 'restore') {
  // As the app does it: prepare (check, back up the present data, unpack beside, commit), close, finish.
  s.backup.prepareRestore(file, step);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  step('closed');
  applyRestore(dbPath, step);
}
step('done');
if (db.open) db.close();
