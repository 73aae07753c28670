/**
 * The attachments archive: archive/ beside the database file, each file stored once under its SHA-256
 * (archive/ab/abcdef…), written through a temporary name and renamed, then made read-only; never modified.
 * Backups take the folder as it is.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AttachmentState } from '../../shared/minutes';

export function sha256(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

export class Archive {
  constructor(readonly dir: string) {}

  pathOf(sha: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error(`not a sha256: ${sha}`);
    return path.join(this.dir, sha.slice(0, 2), sha);
  }

  /** Stores the bytes (once per content) and returns their hash. A file already there with the right bytes is kept. */
  store(bytes: Uint8Array, knownSha?: string): string {
    const sha = knownSha ?? sha256(bytes);
    const file = this.pathOf(sha);
    if (fs.existsSync(file) && this.check(sha, bytes.length) === 'ok') return sha;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    const fd = fs.openSync(tmp, 'w', 0o644);
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (fs.existsSync(file)) {
      // A damaged copy is in the way: keep it beside, for whoever looks into it, and put the good bytes in place.
      fs.chmodSync(file, 0o644);
      fs.renameSync(file, `${file}.damaged-${Date.now()}`);
    }
    fs.renameSync(tmp, file);
    fs.chmodSync(file, 0o444);
    return sha;
  }

  read(sha: string): Buffer {
    return fs.readFileSync(this.pathOf(sha));
  }

  /** Hashes the stored file: missing, changed (another size or other bytes), or ok. */
  check(sha: string, size: number): AttachmentState {
    const file = this.pathOf(sha);
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return 'missing';
    }
    if (!st.isFile()) return 'missing';
    if (st.size !== size) return 'changed';
    const h = crypto.createHash('sha256');
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.allocUnsafe(1 << 20);
      for (;;) {
        const n = fs.readSync(fd, buf, 0, buf.length, null);
        if (n <= 0) break;
        h.update(buf.subarray(0, n));
      }
    } finally {
      fs.closeSync(fd);
    }
    return h.digest('hex') === sha ? 'ok' : 'changed';
  }
}
