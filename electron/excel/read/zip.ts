/**
 * Just enough of the zip format to read an .xlsx held in memory: the central directory (names, methods, sizes),
 * then one entry at a time inflated in chunks with fflate, counting every inflated byte so a zip bomb is stopped
 * long before it fills memory.
 */
import { Inflate } from 'fflate';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export class ZipCorrupt extends Error {}
export class ZipTooLarge extends Error {}

const u16 = (b: Uint8Array, o: number) => (b[o] as number) | ((b[o + 1] as number) << 8);
const u32 = (b: Uint8Array, o: number) =>
  ((b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16)) + (b[o + 3] as number) * 0x1000000;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 0x100000000;

const utf8 = new TextDecoder('utf-8');
const latin = new TextDecoder('latin1');

export function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5 || b[2] === 7) && (b[3] === 4 || b[3] === 6 || b[3] === 8);
}

/** The entries listed in the central directory. Throws ZipCorrupt when the file is cut short or garbled. */
export function listEntries(b: Uint8Array): Map<string, ZipEntry> {
  // End of central directory: 22 bytes plus a comment of up to 65535 bytes, at the very end.
  let eocd = -1;
  for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 65535; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipCorrupt('no end of central directory');
  let count = u16(b, eocd + 10);
  let cdSize = u32(b, eocd + 12);
  let cdOffset = u32(b, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    // Zip64: the locator sits just before the end record.
    const loc = eocd - 20;
    if (loc < 0 || u32(b, loc) !== 0x07064b50) throw new ZipCorrupt('zip64 locator missing');
    const rec = u64(b, loc + 8);
    if (rec + 56 > b.length || u32(b, rec) !== 0x06064b50) throw new ZipCorrupt('zip64 record missing');
    count = u64(b, rec + 32);
    cdSize = u64(b, rec + 40);
    cdOffset = u64(b, rec + 48);
  }
  if (cdOffset + cdSize > b.length) throw new ZipCorrupt('central directory out of range');
  const entries = new Map<string, ZipEntry>();
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) throw new ZipCorrupt('bad central directory entry');
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    let compressedSize = u32(b, p + 20);
    let size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    let localHeaderOffset = u32(b, p + 42);
    const nameBytes = b.subarray(p + 46, p + 46 + nameLen);
    const name = (flags & 0x800 ? utf8 : latin).decode(nameBytes).replace(/\\/g, '/');
    // Zip64 extra field: the 0xffffffff sizes and offset, in that order.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = u16(b, e);
      const len = u16(b, e + 2);
      if (id === 1) {
        let q = e + 4;
        if (size === 0xffffffff) (size = u64(b, q)), (q += 8);
        if (compressedSize === 0xffffffff) (compressedSize = u64(b, q)), (q += 8);
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(b, q);
      }
      e += 4 + len;
    }
    entries.set(name.replace(/^\//, ''), { name, method, compressedSize, size, localHeaderOffset });
    p = extraEnd + commentLen;
  }
  return entries;
}

/** The entry's compressed bytes (a view, no copy). */
function dataOf(b: Uint8Array, e: ZipEntry): Uint8Array {
  const h = e.localHeaderOffset;
  if (h + 30 > b.length || u32(b, h) !== 0x04034b50) throw new ZipCorrupt('bad local header');
  const start = h + 30 + u16(b, h + 26) + u16(b, h + 28);
  const end = start + e.compressedSize;
  if (end > b.length) throw new ZipCorrupt('entry runs past the end of the file');
  return b.subarray(start, end);
}

/** Counts inflated bytes across every entry of one workbook. */
export class InflateBudget {
  used = 0;
  constructor(readonly max: number) {}
  take(n: number): void {
    this.used += n;
    if (this.used > this.max) throw new ZipTooLarge('inflated past the limit');
  }
}

// Compressed bytes per push: at deflate's 1032:1 ceiling one push inflates to at most ~32 MB before it is counted.
const CHUNK = 32 * 1024;

/**
 * One entry inflated a step at a time: each step() pushes the next CHUNK of compressed bytes and hands what it
 * inflates to onChunk (views fflate reuses: copy or decode them at once). Lets a reader stop after the first rows
 * of a sheet, or take rows as they come instead of holding them all. Throws ZipTooLarge past the budget,
 * ZipCorrupt for a broken stream.
 */
export class EntryInflater {
  private readonly data: Uint8Array;
  private pos = 0;
  private finished = false;
  private total = 0;
  private failure: unknown = null;
  private readonly inflater: Inflate | null;

  constructor(
    b: Uint8Array,
    private readonly e: ZipEntry,
    private readonly budget: InflateBudget,
    private readonly onChunk: (piece: Uint8Array) => void,
  ) {
    this.data = dataOf(b, e);
    if (e.method !== 0 && e.method !== 8) throw new ZipCorrupt(`compression method ${e.method}`);
    this.inflater =
      e.method === 8
        ? new Inflate((piece) => {
            if (this.failure) return;
            try {
              this.budget.take(piece.length);
              this.total += piece.length;
              this.onChunk(piece);
            } catch (err) {
              this.failure = err;
            }
          })
        : null;
    if (e.method === 0) budget.take(this.data.length);
  }

  /** The share of the compressed bytes pushed so far, 0…1. */
  get fraction(): number {
    return this.data.length === 0 ? 1 : this.pos / this.data.length;
  }

  /** Pushes the next piece; true while there is more to push. The last push checks the entry's size. */
  step(): boolean {
    if (this.finished) return false;
    if (this.data.length === 0) {
      this.finished = true;
      if (this.inflater && this.e.size > 0) throw new ZipCorrupt('empty entry');
      return false;
    }
    const end = Math.min(this.pos + CHUNK, this.data.length);
    const piece = this.data.subarray(this.pos, end);
    this.pos = end;
    this.finished = end === this.data.length;
    if (!this.inflater) {
      this.onChunk(piece);
      return !this.finished;
    }
    try {
      this.inflater.push(piece, this.finished);
    } catch (err) {
      if (this.failure) throw this.failure;
      throw new ZipCorrupt(`inflate failed: ${String(err)}`);
    }
    if (this.failure) throw this.failure;
    if (this.finished && this.total !== this.e.size && this.e.size !== 0) throw new ZipCorrupt('inflated size differs from the directory');
    return !this.finished;
  }
}

/**
 * Inflates one entry, handing each piece to onChunk as it comes (pieces are views fflate reuses: copy or decode
 * them at once). Throws ZipTooLarge past the budget, ZipCorrupt for a broken stream.
 */
export function inflateEntry(b: Uint8Array, e: ZipEntry, budget: InflateBudget, onChunk: (piece: Uint8Array) => void): void {
  const inflater = new EntryInflater(b, e, budget, onChunk);
  while (inflater.step());
}

/** A whole (small) entry as text. */
export function entryText(b: Uint8Array, e: ZipEntry, budget: InflateBudget): string {
  const dec = new TextDecoder('utf-8');
  let s = '';
  inflateEntry(b, e, budget, (piece) => {
    s += dec.decode(piece, { stream: true });
  });
  return s + dec.decode();
}
