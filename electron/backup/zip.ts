/**
 * The smallest zip writer and reader a backup file needs, synchronous and in bounded memory, so the same code
 * runs in the app's backup worker, the command line, the migration runner and the import.
 *
 * Writer: entries are written one after another; a deflated entry is compressed in 4 MB pieces by the native
 * zlib (each piece ends on a sync flush, so the pieces join into one valid deflate stream), and its local header
 * is patched with the CRC and sizes once known. Offsets past 4 GB and more than 65,535 entries use Zip64.
 * Names are UTF-8 (flag bit 11). Any zip tool (7-Zip, Windows Explorer, unzip) opens the result.
 *
 * Reader: the central directory (Zip64 too), and an entry's bytes as chunks, CRC-checked, with the uncompressed
 * size capped at what the directory declares (so a crafted file cannot inflate without bound).
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { Inflate } from 'fflate';

const CHUNK = 4 * 1024 * 1024;
const MAX32 = 0xffffffff;
const MAX16 = 0xffff;

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

interface WrittenEntry {
  name: Buffer;
  method: 0 | 8;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
  dosTime: number;
  dosDate: number;
}

function dos(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getFullYear());
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** Writes a zip file entry by entry through one file descriptor. */
export class ZipWriter {
  private pos = 0;
  private readonly entries: WrittenEntry[] = [];
  private readonly buf = Buffer.allocUnsafe(CHUNK);

  constructor(
    private readonly fd: number,
    private readonly modified: Date,
    /** Told the bytes written so far, after each chunk (progress, and the crash tests' step markers). */
    private readonly onWrite: (bytes: number) => void = () => {},
  ) {}

  private write(b: Buffer): void {
    let off = 0;
    while (off < b.length) off += fs.writeSync(this.fd, b, off, b.length - off, this.pos + off);
    this.pos += b.length;
  }

  private begin(name: string, method: 0 | 8): WrittenEntry {
    const n = Buffer.from(name, 'utf8');
    const { time, date } = dos(this.modified);
    const e: WrittenEntry = { name: n, method, crc: 0, compressedSize: 0, size: 0, offset: this.pos, dosTime: time, dosDate: date };
    this.write(this.localHeader(e));
    return e;
  }

  private localHeader(e: WrittenEntry): Buffer {
    const h = Buffer.alloc(30 + e.name.length);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0800, 6);
    h.writeUInt16LE(e.method, 8);
    h.writeUInt16LE(e.dosTime, 10);
    h.writeUInt16LE(e.dosDate, 12);
    h.writeUInt32LE(e.crc >>> 0, 14);
    h.writeUInt32LE(e.compressedSize, 18);
    h.writeUInt32LE(e.size, 22);
    h.writeUInt16LE(e.name.length, 26);
    h.writeUInt16LE(0, 28);
    e.name.copy(h, 30);
    return h;
  }

  private end(e: WrittenEntry): void {
    if (e.size >= MAX32 || e.compressedSize >= MAX32) throw new ZipFormatError(`“${e.name.toString('utf8')}”超过 4 GB，无法放进备份文件。`);
    const h = this.localHeader(e);
    fs.writeSync(this.fd, h, 0, h.length, e.offset);
    this.entries.push(e);
  }

  /** A small entry from memory. */
  addBuffer(name: string, data: Buffer, method: 0 | 8 = 8): void {
    const e = this.begin(name, method);
    const body = method === 8 ? zlib.deflateRawSync(data, { level: 6 }) : data;
    this.write(body);
    e.crc = zlib.crc32(data);
    e.size = data.length;
    e.compressedSize = body.length;
    this.end(e);
    this.onWrite(this.pos);
  }

  /**
   * A file, read in 4 MB chunks. `onChunk` sees the uncompressed bytes (for a hash). Deflated entries use
   * level 1: on a database snapshot it is as fast as copying to a USB stick and shrinks it about five times.
   * Each chunk is deflated on its own; `pieces` (their compressed lengths) lets readEntry inflate them one by
   * one with the native zlib, about three times faster than a streaming inflater in JavaScript.
   */
  addFile(name: string, file: string, method: 0 | 8, onChunk: (chunk: Buffer) => void = () => {}): { size: number; compressedSize: number; pieces: number[] } {
    const e = this.begin(name, method);
    const fd = fs.openSync(file, 'r');
    try {
      let crc = 0;
      let size = 0;
      let compressed = 0;
      const pieces: number[] = [];
      for (let pos = 0; ; ) {
        const n = fs.readSync(fd, this.buf, 0, CHUNK, pos);
        pos += n;
        const last = n < CHUNK;
        const chunk = this.buf.subarray(0, n);
        crc = zlib.crc32(chunk, crc);
        size += n;
        onChunk(chunk);
        const out =
          method === 8
            ? zlib.deflateRawSync(chunk, { level: 1, finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH })
            : chunk;
        this.write(out);
        compressed += out.length;
        pieces.push(out.length);
        this.onWrite(this.pos);
        if (last) break;
      }
      e.crc = crc;
      e.size = size;
      e.compressedSize = compressed;
      this.end(e);
      return { size, compressedSize: compressed, pieces };
    } finally {
      fs.closeSync(fd);
    }
  }

  /** The central directory and its end records. Returns the file's length. */
  finish(): number {
    const cdStart = this.pos;
    for (const e of this.entries) {
      const zip64 = e.offset >= MAX32;
      const extra = zip64 ? Buffer.alloc(12) : Buffer.alloc(0);
      if (zip64) {
        extra.writeUInt16LE(0x0001, 0);
        extra.writeUInt16LE(8, 2);
        extra.writeBigUInt64LE(BigInt(e.offset), 4);
      }
      const h = Buffer.alloc(46 + e.name.length + extra.length);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(zip64 ? 45 : 20, 4); // made by: MS-DOS attributes, spec version
      h.writeUInt16LE(zip64 ? 45 : 20, 6);
      h.writeUInt16LE(0x0800, 8);
      h.writeUInt16LE(e.method, 10);
      h.writeUInt16LE(e.dosTime, 12);
      h.writeUInt16LE(e.dosDate, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.compressedSize, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt16LE(extra.length, 30);
      h.writeUInt32LE(zip64 ? MAX32 : e.offset, 42);
      e.name.copy(h, 46);
      extra.copy(h, 46 + e.name.length);
      this.write(h);
    }
    const cdSize = this.pos - cdStart;
    const count = this.entries.length;
    const zip64 = cdStart >= MAX32 || count >= MAX16 || cdSize >= MAX32;
    if (zip64) {
      const recAt = this.pos;
      const r = Buffer.alloc(56);
      r.writeUInt32LE(0x06064b50, 0);
      r.writeBigUInt64LE(44n, 4);
      r.writeUInt16LE(45, 12);
      r.writeUInt16LE(45, 14);
      r.writeBigUInt64LE(BigInt(count), 24);
      r.writeBigUInt64LE(BigInt(count), 32);
      r.writeBigUInt64LE(BigInt(cdSize), 40);
      r.writeBigUInt64LE(BigInt(cdStart), 48);
      this.write(r);
      const loc = Buffer.alloc(20);
      loc.writeUInt32LE(0x07064b50, 0);
      loc.writeBigUInt64LE(BigInt(recAt), 8);
      loc.writeUInt32LE(1, 16);
      this.write(loc);
    }
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(Math.min(count, MAX16), 8);
    eocd.writeUInt16LE(Math.min(count, MAX16), 10);
    eocd.writeUInt32LE(Math.min(cdSize, MAX32), 12);
    eocd.writeUInt32LE(Math.min(cdStart, MAX32), 16);
    this.write(eocd);
    return this.pos;
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** Reads a zip file's directory and its entries, through one open descriptor. */
export class ZipReader {
  readonly entries: ZipEntry[];
  readonly byName: Map<string, ZipEntry>;
  readonly size: number;

  private constructor(
    private readonly fd: number,
    size: number,
  ) {
    this.size = size;
    this.entries = this.directory();
    this.byName = new Map(this.entries.map((e) => [e.name, e]));
  }

  static open(file: string): ZipReader {
    const fd = fs.openSync(file, 'r');
    try {
      return new ZipReader(fd, fs.fstatSync(fd).size);
    } catch (e) {
      fs.closeSync(fd);
      throw e;
    }
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  private read(pos: number, len: number): Buffer {
    const b = Buffer.alloc(len);
    let got = 0;
    while (got < len) {
      const n = fs.readSync(this.fd, b, got, len - got, pos + got);
      if (n === 0) throw new ZipFormatError('文件不完整（可能没有复制完）。');
      got += n;
    }
    return b;
  }

  private directory(): ZipEntry[] {
    if (this.size < 22) throw new ZipFormatError('文件太小，不是备份文件。');
    const tailLen = Math.min(this.size, 22 + 65535);
    const tail = this.read(this.size - tailLen, tailLen);
    let at = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        at = i;
        break;
      }
    }
    if (at < 0) throw new ZipFormatError('不是备份文件，或文件不完整（找不到文件目录）。');
    let count = tail.readUInt16LE(at + 10);
    let cdSize = tail.readUInt32LE(at + 12);
    let cdStart = tail.readUInt32LE(at + 16);
    if (count === MAX16 || cdSize === MAX32 || cdStart === MAX32) {
      const locAt = this.size - tailLen + at - 20;
      if (locAt < 0) throw new ZipFormatError('文件目录损坏。');
      const loc = this.read(locAt, 20);
      if (loc.readUInt32LE(0) !== 0x07064b50) throw new ZipFormatError('文件目录损坏。');
      const rec = this.read(Number(loc.readBigUInt64LE(8)), 56);
      if (rec.readUInt32LE(0) !== 0x06064b50) throw new ZipFormatError('文件目录损坏。');
      count = Number(rec.readBigUInt64LE(32));
      cdSize = Number(rec.readBigUInt64LE(40));
      cdStart = Number(rec.readBigUInt64LE(48));
    }
    if (cdStart + cdSize > this.size || count > 10_000_000 || cdSize > 1024 * 1024 * 1024) throw new ZipFormatError('文件目录损坏，或文件不完整。');
    const cd = this.read(cdStart, cdSize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw new ZipFormatError('文件目录损坏。');
      const flags = cd.readUInt16LE(p + 8);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const nameBuf = cd.subarray(p + 46, p + 46 + nameLen);
      const name = flags & 0x0800 ? nameBuf.toString('utf8') : nameBuf.toString('latin1');
      let size = cd.readUInt32LE(p + 24);
      let compressedSize = cd.readUInt32LE(p + 20);
      let offset = cd.readUInt32LE(p + 42);
      // Zip64 extra field: only the values set to 0xFFFFFFFF above appear, in this order.
      let x = p + 46 + nameLen;
      const xEnd = x + extraLen;
      while (x + 4 <= xEnd) {
        const id = cd.readUInt16LE(x);
        const len = cd.readUInt16LE(x + 2);
        if (id === 0x0001) {
          let q = x + 4;
          if (size === MAX32) (size = Number(cd.readBigUInt64LE(q)), (q += 8));
          if (compressedSize === MAX32) (compressedSize = Number(cd.readBigUInt64LE(q)), (q += 8));
          if (offset === MAX32) offset = Number(cd.readBigUInt64LE(q));
        }
        x += 4 + len;
      }
      entries.push({ name, method: cd.readUInt16LE(p + 10), crc: cd.readUInt32LE(p + 16), compressedSize, size, offset });
      p = xEnd + commentLen;
    }
    return entries;
  }

  /** Where an entry's bytes start (after its local header). */
  private dataStart(e: ZipEntry): number {
    const h = this.read(e.offset, 30);
    if (h.readUInt32LE(0) !== 0x04034b50) throw new ZipFormatError(`“${e.name}”的位置不对，文件已损坏。`);
    const start = e.offset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
    if (start + e.compressedSize > this.size) throw new ZipFormatError(`“${e.name}”不完整，文件可能没有复制完。`);
    return start;
  }

  /**
   * An entry's uncompressed bytes, chunk by chunk (each valid only during the call: copy to keep). Throws when the CRC or the size is not what the directory
   * says (a damaged or truncated file).
   */
  readEntry(e: ZipEntry, onChunk: (chunk: Uint8Array) => void, pieces?: readonly number[]): void {
    if (e.method !== 0 && e.method !== 8) throw new ZipFormatError(`“${e.name}”的压缩方式不受支持。`);
    const start = this.dataStart(e);
    let crc = 0;
    let size = 0;
    const take = (c: Uint8Array) => {
      size += c.length;
      if (size > e.size) throw new ZipFormatError(`“${e.name}”的内容比记录的大小还多，文件已损坏。`);
      crc = zlib.crc32(c, crc);
      onChunk(c);
    };
    const fail = (err: unknown) => {
      if (err instanceof ZipFormatError) return err;
      return new ZipFormatError(`“${e.name}”的压缩数据已损坏。`);
    };
    if (e.method === 8 && pieces?.length && pieces.every((n) => Number.isSafeInteger(n) && n > 0 && n <= 2 * CHUNK) && pieces.reduce((a, b) => a + b, 0) === e.compressedSize) {
      // Written by ZipWriter: each piece is a deflate stream of its own (at most one chunk when inflated).
      let pos = start;
      pieces.forEach((n, i) => {
        const last = i === pieces.length - 1;
        const piece = this.read(pos, n);
        pos += n;
        let out: Buffer;
        try {
          out = zlib.inflateRawSync(piece, { finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH, maxOutputLength: CHUNK });
        } catch (err) {
          throw fail(err);
        }
        take(out);
      });
      if (size !== e.size || crc >>> 0 !== e.crc >>> 0) throw new ZipFormatError(`“${e.name}”的内容校验不符，文件已损坏。`);
      return;
    }
    const inflate = e.method === 8 ? new Inflate((c) => take(c)) : null;
    const buf = Buffer.allocUnsafe(CHUNK);
    for (let done = 0; done < e.compressedSize; ) {
      const want = Math.min(CHUNK, e.compressedSize - done);
      const n = fs.readSync(this.fd, buf, 0, want, start + done);
      if (n === 0) throw new ZipFormatError(`“${e.name}”不完整，文件可能没有复制完。`);
      done += n;
      const last = done === e.compressedSize;
      if (inflate) {
        try {
          inflate.push(buf.subarray(0, n), last);
        } catch (err) {
          throw fail(err);
        }
      } else take(buf.subarray(0, n));
    }
    if (e.compressedSize === 0 && inflate) throw new ZipFormatError(`“${e.name}”的压缩数据已损坏。`);
    if (size !== e.size || crc >>> 0 !== e.crc >>> 0) throw new ZipFormatError(`“${e.name}”的内容校验不符，文件已损坏。`);
  }

  /** A small entry (the manifest) as one buffer. */
  readSmall(e: ZipEntry, max = 64 * 1024 * 1024): Buffer {
    if (e.size > max) throw new ZipFormatError(`“${e.name}”过大，文件已损坏。`);
    const parts: Uint8Array[] = [];
    this.readEntry(e, (c) => parts.push(Buffer.from(c)));
    return Buffer.concat(parts);
  }
}
