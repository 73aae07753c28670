/**
 * Text out of the files clerks keep minutes in, told from the bytes (never the name): .docx (word/document.xml,
 * read with the spreadsheet reader's zip helpers and their inflate budget), .doc (Word 97–2003: the WordDocument
 * stream's text through the piece table), .pdf (pdf.js, legacy build, no worker thread), and text in UTF-8 or
 * GBK (the CSV reader's detection). Anything else, or anything broken, comes back with the reason in Chinese;
 * nothing here throws for a bad file.
 */
import * as XLSX from '@e965/xlsx';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sniff } from '../excel/read';
import { decodeText } from '../excel/read/csv';
import { oleEntryNames } from '../excel/read/ole';
import { entryText, InflateBudget, listEntries, ZipTooLarge } from '../excel/read/zip';

export type ExtractFormat = 'docx' | 'doc' | 'pdf' | 'txt';
export type Extracted = { ok: true; format: ExtractFormat; text: string } | { ok: false; format: ExtractFormat | null; reason: string };

/** Text kept per file: far beyond any minutes, short of what would bloat the search index. */
export const MAX_TEXT = 1_000_000;

const MIME: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  pdf: 'application/pdf',
  txt: 'text/plain',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  zip: 'application/zip',
  rar: 'application/vnd.rar',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
  wps: 'application/vnd.ms-works',
};

/** A MIME type for the archive's record, from the name (what the system will open it as). */
export function mimeOf(fileName: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return MIME[ext] ?? 'application/octet-stream';
}

export async function extractText(bytes: Uint8Array, fileName: string): Promise<Extracted> {
  const { kind, detail } = sniff(bytes);
  switch (kind) {
    case 'empty':
      return { ok: false, format: null, reason: '文件是空的' };
    case 'xlsx':
      return finish('docx', docxText(bytes));
    case 'ole':
      return finish('doc', docText(bytes));
    case 'pdf':
      return finish('pdf', await pdfText(bytes));
    case 'text':
      return finish('txt', decodeText(bytes).text.replace(/\r\n?/g, '\n'));
    case 'image':
      return { ok: false, format: null, reason: `这是图片（${detail}），其中的文字无法提取；可作为附件添加到会议记录` };
    case 'html':
      return { ok: false, format: null, reason: '这是网页文件，请在 Word 或 WPS 中另存为 .docx 后再导入' };
    default:
      if (detail === 'word') return { ok: false, format: null, reason: '这是 RTF 文件，请在 Word 或 WPS 中另存为 .docx 后再导入' };
      if (detail === 'archive') return { ok: false, format: null, reason: '这是压缩包，请先解压，再导入其中的文件' };
      return { ok: false, format: null, reason: `无法识别“${fileName}”的格式，只能导入 .docx、.doc、.pdf、.txt 文件` };
  }
}

function finish(format: ExtractFormat, r: string | { reason: string }): Extracted {
  if (typeof r !== 'string') return { ok: false, format, reason: r.reason };
  const text = tidy(r);
  if (!text) {
    const reason =
      format === 'pdf' ? 'PDF 中没有可提取的文字（可能是扫描件或图片），可作为附件添加到会议记录' : '文件中没有文字';
    return { ok: false, format, reason };
  }
  return { ok: true, format, text: text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text };
}

/** Line ends as \n, no trailing spaces, at most one blank line in a row, no control characters. */
function tidy(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g, '')
    .split('\n')
    .map((l) => l.replace(/[ \t\u3000]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// ─── .docx ────────────────────────────────────────────────────────────────────────────────────────────

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function xmlDecode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n <= 0x10ffff ? String.fromCodePoint(n) : '';
    }
    return ENTITIES[e] ?? m;
  });
}

function docxText(bytes: Uint8Array): string | { reason: string } {
  let entries;
  try {
    entries = listEntries(bytes);
  } catch {
    return { reason: '文件已损坏（不完整的压缩包），请用 Word 或 WPS 打开后另存一份再导入' };
  }
  const doc = entries.get('word/document.xml');
  if (!doc) {
    if (entries.has('xl/workbook.xml')) return { reason: '这是 Excel 表格，不是会议记录文档' };
    if (entries.has('ppt/presentation.xml')) return { reason: '这是 PowerPoint 演示文稿，请另存为 PDF 后再导入' };
    return { reason: '这不是 Word 文档（.docx）' };
  }
  let xml: string;
  try {
    xml = entryText(bytes, doc, new InflateBudget(64 * 1024 * 1024));
  } catch (e) {
    if (e instanceof ZipTooLarge) return { reason: '文档解压后过大（超过 64 MB），无法读取' };
    return { reason: '文件已损坏，请用 Word 或 WPS 打开后另存一份再导入' };
  }
  let out = '';
  const re = /<\/w:p>|<w:tab\/>|<w:br\b[^>]*\/>|<w:cr\/>|<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g;
  for (const m of xml.matchAll(re)) {
    const tag = m[0];
    if (tag === '</w:p>') out += '\n';
    else if (tag.startsWith('<w:tab')) out += '\t';
    else if (tag.startsWith('<w:br') || tag.startsWith('<w:cr')) out += '\n';
    else out += xmlDecode(m[1] ?? '');
  }
  return out;
}

// ─── .doc (Word 97–2003) ──────────────────────────────────────────────────────────────────────────────

function docText(bytes: Uint8Array): string | { reason: string } {
  const names = oleEntryNames(bytes);
  if (names === null) return { reason: '文件已损坏，请用 Word 或 WPS 打开后另存一份再导入' };
  const has = (n: string) => names.some((x) => x.toLowerCase() === n.toLowerCase());
  if (has('EncryptionInfo') || has('EncryptedPackage')) return { reason: '文件设置了打开密码，请在 Word 中取消密码后再导入' };
  if (has('Workbook') || has('Book')) return { reason: '这是 Excel 表格，不是会议记录文档' };
  if (!has('WordDocument')) return { reason: '这不是 Word 文档' };
  let cfb;
  try {
    cfb = XLSX.CFB.read(bytes, { type: 'array' });
  } catch {
    return { reason: '文件已损坏，请用 Word 或 WPS 打开后另存一份再导入' };
  }
  const stream = (n: string): Uint8Array | null => {
    const e = XLSX.CFB.find(cfb, n);
    return e?.content ? new Uint8Array(e.content) : null;
  };
  const wd = stream('WordDocument');
  if (!wd || wd.length < 0x200) return { reason: '文件已损坏，请用 Word 或 WPS 打开后另存一份再导入' };
  const dv = new DataView(wd.buffer, wd.byteOffset, wd.byteLength);
  if (dv.getUint16(0, true) !== 0xa5ec) return { reason: '文件已损坏，请用 Word 或 WPS 打开后另存一份再导入' };
  const nFib = dv.getUint16(2, true);
  if (nFib < 101) return { reason: '这是 Word 6.0/95 或更早版本的文档，请在 Word 或 WPS 中另存为 .docx 后再导入' };
  const flags = dv.getUint16(0x0a, true);
  if (flags & 0x0100) return { reason: '文件设置了打开密码，请在 Word 中取消密码后再导入' };
  const table = stream(flags & 0x0200 ? '1Table' : '0Table');
  if (!table) return { reason: '文件已损坏（缺少文档表），请用 Word 或 WPS 打开后另存一份再导入' };
  // FibRgLw97.ccpText: the main document's length in characters; FibRgFcLcb97.fcClx / lcbClx: the piece table.
  const ccpText = dv.getInt32(0x4c, true);
  const fcClx = dv.getUint32(0x1a2, true);
  const lcbClx = dv.getUint32(0x1a6, true);
  if (fcClx + lcbClx > table.length || lcbClx < 5) return { reason: '文件已损坏（文档表不完整），请用 Word 或 WPS 打开后另存一份再导入' };
  const tv = new DataView(table.buffer, table.byteOffset, table.byteLength);
  let p = fcClx;
  const end = fcClx + lcbClx;
  // Clx: any number of Prc (0x01, cbGrpprl, grpprl), then one Pcdt (0x02, lcb, PlcPcd).
  while (p < end && table[p] === 0x01) p += 3 + tv.getInt16(p + 1, true);
  if (table[p] !== 0x02) return { reason: '文件已损坏（找不到文字的位置表），请用 Word 或 WPS 打开后另存一份再导入' };
  const lcb = tv.getUint32(p + 1, true);
  const plc = p + 5;
  const n = Math.floor((lcb - 4) / 12);
  if (n <= 0 || plc + lcb > table.length) return { reason: '文件已损坏（文字位置表不完整），请用 Word 或 WPS 打开后另存一份再导入' };
  const cp = (i: number) => tv.getUint32(plc + i * 4, true);
  let text = '';
  const latin = new TextDecoder('windows-1252');
  const utf16 = new TextDecoder('utf-16le');
  for (let i = 0; i < n && text.length < ccpText; i++) {
    const start = cp(i);
    const len = Math.min(cp(i + 1), ccpText) - start;
    if (len <= 0) continue;
    const pcd = plc + (n + 1) * 4 + i * 8;
    const fc = tv.getUint32(pcd + 2, true);
    const compressed = (fc & 0x40000000) !== 0;
    const off = compressed ? (fc & 0x3fffffff) / 2 : fc;
    const bytesLen = compressed ? len : len * 2;
    if (off + bytesLen > wd.length) return { reason: '文件已损坏（文字超出文件范围），请用 Word 或 WPS 打开后另存一份再导入' };
    text += (compressed ? latin : utf16).decode(wd.subarray(off, off + bytesLen));
  }
  return wordSpecials(text);
}

/** Word's special characters: paragraph and cell marks, line and page breaks; field codes dropped, results kept. */
function wordSpecials(s: string): string {
  let out = '';
  let depth = 0;
  const inCode: boolean[] = [];
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c === 0x13) {
      depth++;
      inCode.push(true);
      continue;
    }
    if (c === 0x14) {
      if (depth) inCode[depth - 1] = false;
      continue;
    }
    if (c === 0x15) {
      if (depth) {
        depth--;
        inCode.pop();
      }
      continue;
    }
    if (inCode.some(Boolean)) continue;
    if (c === 0x0d || c === 0x0b || c === 0x0c) out += '\n';
    else if (c === 0x07) out += '\t';
    else if (c === 0x09) out += '\t';
    else if (c < 0x20 || c === 0xf0 /* private symbols */) continue;
    else out += ch;
  }
  return out.replace(/\t\n/g, '\n');
}

// ─── .pdf ─────────────────────────────────────────────────────────────────────────────────────────────

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;

/** pdf.js, loaded on first use; its worker code runs in this thread (the import job already has its own). */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjs;
}

/**
 * pdf.js's character maps, needed for PDFs that name a standard Chinese encoding (UniGB-UCS2-H, GBK-EUC-H …) instead
 * of embedding their own: from the installed package (tests, browser mode, the command line), or from `pdf-cmaps`
 * among the desktop app's resources (electron-builder's extraResources: node_modules/pdfjs-dist/cmaps → pdf-cmaps).
 * Without them such a PDF reads as having no text (it is still attached, with that reason).
 */
function pdfAssets(): { cMapUrl?: string; cMapPacked?: boolean; standardFontDataUrl?: string } {
  const candidates: { cmaps: string; fonts: string | null }[] = [];
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    candidates.push({ cmaps: path.join(dir, 'cmaps'), fonts: path.join(dir, 'standard_fonts') });
  } catch {
    /* bundled: not on disk */
  }
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources) candidates.push({ cmaps: path.join(resources, 'pdf-cmaps'), fonts: null });
  const here = fileURLToPath(import.meta.url);
  const asar = here.indexOf(`${path.sep}app.asar${path.sep}`);
  if (asar > 0) candidates.push({ cmaps: path.join(here.slice(0, asar), 'pdf-cmaps'), fonts: null });
  const found = candidates.find((c) => fs.existsSync(path.join(c.cmaps, 'UniGB-UCS2-H.bcmap')));
  if (!found) return {};
  return { cMapUrl: found.cmaps + '/', cMapPacked: true, ...(found.fonts ? { standardFontDataUrl: found.fonts + '/' } : {}) };
}

const HAN = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef';
const SPACE_NEAR_HAN = new RegExp(`(?<=[${HAN}])[ \\t]+|[ \\t]+(?=[${HAN}])`, 'gu');

async function pdfText(bytes: Uint8Array): Promise<string | { reason: string }> {
  const lib = await loadPdfJs();
  let doc;
  try {
    doc = await lib.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
      ...pdfAssets(),
    }).promise;
  } catch (e) {
    const name = (e as { name?: string })?.name;
    if (name === 'PasswordException') return { reason: 'PDF 设置了密码，请取消密码后再导入' };
    return { reason: 'PDF 文件已损坏或不完整，无法读取' };
  }
  try {
    let out = '';
    for (let i = 1; i <= doc.numPages && out.length < MAX_TEXT; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (!('str' in item)) continue;
        out += item.str;
        if (item.hasEOL) out += '\n';
      }
      out += '\n';
      page.cleanup();
    }
    // pdf.js puts a space between runs it positions apart; Chinese text has none between its characters.
    return out.replace(SPACE_NEAR_HAN, '');
  } catch {
    return { reason: 'PDF 文件的内容无法读取（可能已损坏）' };
  } finally {
    await doc.destroy();
  }
}
