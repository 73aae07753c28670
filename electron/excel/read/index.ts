/**
 * Reading any spreadsheet a clerk brings: .xlsx, .xls or .csv (UTF-8 or GBK), told from the file's bytes, never
 * its name. Everything after this (header detection, mapping, normalising) works on the one Workbook shape.
 * Synchronous: it runs in a worker thread. Every failure is a ServiceError('validation') in Chinese naming the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ServiceError } from '../../errors';
import { DEFAULT_LIMITS, type ReadLimits, type Workbook } from '../types';
import { readCsv } from './csv';
import { msg, readError } from './messages';
import { isMhtml, mhtmlPages } from './mhtml';
import { isOle, oleEntryNames } from './ole';
import { readWithSheetJs } from './xls';
import { readXlsx } from './xlsx';
import { isZip } from './zip';

export { msg as readMessages } from './messages';

export type FileKind = 'xlsx' | 'ole' | 'pdf' | 'image' | 'html' | 'mhtml' | 'binary' | 'text' | 'empty';

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** What the bytes are, from their signature (and for text, a look at the first 64 KB). */
export function sniff(b: Uint8Array): { kind: FileKind; detail?: string } {
  if (b.length === 0) return { kind: 'empty' };
  if (isZip(b)) return { kind: 'xlsx' };
  if (isOle(b)) return { kind: 'ole' };
  if (startsWith(b, ascii('%PDF'))) return { kind: 'pdf' };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47])) return { kind: 'image', detail: 'PNG' };
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { kind: 'image', detail: 'JPEG' };
  if (startsWith(b, ascii('GIF8'))) return { kind: 'image', detail: 'GIF' };
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return { kind: 'image', detail: 'WebP' };
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return { kind: 'image', detail: 'TIFF' };
  if (startsWith(b, ascii('BM')) && b.length > 26 && b[14] !== undefined && [12, 40, 52, 56, 108, 124].includes(b[14])) {
    return { kind: 'image', detail: 'BMP' };
  }
  if (startsWith(b, [0x1f, 0x8b]) || startsWith(b, ascii('Rar!')) || startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) {
    return { kind: 'binary', detail: 'archive' };
  }
  const head = b.subarray(0, 65536);
  const utf16 = (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);
  if (!utf16) {
    let control = 0;
    for (const x of head) {
      if (x === 0) return { kind: 'binary' };
      if (x < 9 || (x > 13 && x < 32 && x !== 27)) control++;
    }
    if (control > head.length / 100) return { kind: 'binary' };
    const start = new TextDecoder('latin1').decode(head.subarray(0, 4096)).replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '').trimStart().toLowerCase();
    if (start.startsWith('{\\rtf')) return { kind: 'binary', detail: 'word' };
    if (isMhtml(head)) return { kind: 'mhtml' };
    if (start.startsWith('<')) {
      const all = new TextDecoder('latin1').decode(head).toLowerCase();
      if (all.includes('urn:schemas-microsoft-com:office:spreadsheet') || all.includes('<table')) return { kind: 'html' };
      return { kind: 'binary' };
    }
  }
  return { kind: 'text' };
}

/** Excel 2003's XML Spreadsheet (typed cells), as opposed to an HTML table (text only). */
function isSpreadsheetXml(b: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(b.subarray(0, 4096)).toLowerCase();
  return head.includes('urn:schemas-microsoft-com:office:spreadsheet') && !/<html[\s>]/.test(head);
}

export function readSpreadsheet(bytes: Uint8Array, fileName: string, limits: ReadLimits = DEFAULT_LIMITS): Workbook {
  if (bytes.length > limits.maxFileBytes) throw readError(msg.tooBig(fileName, bytes.length, limits.maxFileBytes));
  const { kind, detail } = sniff(bytes);
  let wb: Workbook;
  switch (kind) {
    case 'empty':
      throw readError(msg.empty(fileName));
    case 'xlsx':
      wb = readXlsx(bytes, fileName, limits);
      break;
    case 'ole': {
      const names = oleEntryNames(bytes);
      if (names === null) throw readError(msg.corrupt(fileName));
      const has = (n: string) => names.some((x) => x.toLowerCase() === n.toLowerCase());
      if (has('EncryptionInfo') || has('EncryptedPackage')) throw readError(msg.encrypted(fileName));
      if (has('WordDocument')) throw readError(msg.word(fileName));
      if (has('PowerPoint Document')) throw readError(msg.powerpoint(fileName));
      if (!has('Workbook') && !has('Book')) throw readError(msg.notSpreadsheet(fileName));
      wb = readWithSheetJs(bytes, fileName, limits);
      break;
    }
    case 'html':
      wb = readWithSheetJs(bytes, fileName, limits, !isSpreadsheetXml(bytes));
      break;
    case 'mhtml': {
      // Each page of the archive holding a table, read as the web-page tables above are (cells as text).
      const pages = mhtmlPages(bytes);
      if (!pages.length) throw readError(msg.webArchiveWithoutTable(fileName));
      const sheets = pages.map((p) => ({ ...readWithSheetJs(Buffer.from(p.html, 'utf8'), fileName, limits, true).sheets[0]!, name: p.name }));
      wb = { format: 'xls', sheets };
      break;
    }
    case 'pdf':
      throw readError(msg.pdf(fileName));
    case 'image':
      throw readError(msg.image(fileName, detail ?? '图片'));
    case 'binary':
      if (detail === 'archive') throw readError(msg.archive(fileName));
      if (detail === 'word') throw readError(msg.word(fileName));
      throw readError(msg.notSpreadsheet(fileName));
    case 'text':
      wb = readCsv(bytes, fileName, limits);
      break;
  }
  if (!wb.sheets.some((s) => s.rows.length > 0)) throw readError(msg.empty(fileName));
  return wb;
}

/**
 * Reads a file the clerk picked. A file Excel has open on Windows is locked (EBUSY, or EPERM/EACCES): say so, in
 * Chinese, instead of a system error. Checks the size before reading.
 */
export function readFileForImport(filePath: string, limits: ReadLimits = DEFAULT_LIMITS): Uint8Array {
  const name = path.basename(filePath);
  try {
    const st = fs.statSync(filePath);
    if (st.isDirectory()) throw readError(msg.isFolder(name));
    if (st.size > limits.maxFileBytes) throw readError(msg.tooBig(name, st.size, limits.maxFileBytes));
    return fs.readFileSync(filePath);
  } catch (err) {
    if (err instanceof ServiceError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EBUSY') throw readError(msg.busy(name));
    if (code === 'EPERM' || code === 'EACCES') throw readError(msg.noAccess(name));
    if (code === 'ENOENT' || code === 'ENOTDIR') throw readError(msg.notFound(name));
    if (code === 'EISDIR') throw readError(msg.isFolder(name));
    throw readError(msg.readFailed(name));
  }
}
