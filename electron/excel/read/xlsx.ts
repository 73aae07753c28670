/**
 * .xlsx (Office Open XML) without a DOM: the zip's central directory, then workbook, relationships, styles and
 * shared strings as small texts, and each worksheet inflated and scanned chunk by chunk with indexOf, holding only
 * the rows it keeps (arrays of primitives; shared strings and dates shared, not copied).
 */
import { ServiceError } from '../../errors';
import type { CellRange, CellValue, ExcelDate, ReadLimits, Sheet, SheetRow, Workbook } from '../types';
import { DateCache, isBuiltinDateFormat, isDateFormatCode } from './dates';
import { msg, readError } from './messages';
import { fillMerges, parseRange } from './rows';
import { attr, decodeCellText, decodeXml, own, prefixOf, tags } from './xml';
import { EntryInflater, entryText, inflateEntry, InflateBudget, listEntries, ZipCorrupt, ZipTooLarge, type ZipEntry } from './zip';

/** A part bigger than this that inflates more than RATIO times its compressed size is a bomb, refused unread. */
const BOMB_MIN_SIZE = 64 * 1024 * 1024;
const BOMB_RATIO = 300;

export function readXlsx(bytes: Uint8Array, fileName: string, limits: ReadLimits): Workbook {
  return xlsxErrors(fileName, limits, () => {
    const book = new XlsxBook(bytes, fileName, limits);
    const sheets = book.parts.map((_, i) => book.readSheet(i));
    if (sheets.length === 0 && !book.namesSheets) throw new ZipCorrupt('no sheets');
    return { format: 'xlsx', sheets };
  });
}

/** Runs part of reading an .xlsx, turning what went wrong into the reader's Chinese messages. */
export function xlsxErrors<T>(fileName: string, limits: ReadLimits, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ServiceError) throw err;
    if (err instanceof ZipTooLarge) throw readError(msg.zipBomb(fileName, limits.maxUnzippedBytes));
    if (err instanceof ZipCorrupt) throw readError(msg.corrupt(fileName));
    if (err instanceof RangeError && /string length|Array buffer allocation/i.test(err.message)) {
      throw readError(msg.zipBomb(fileName, limits.maxUnzippedBytes));
    }
    throw readError(msg.corrupt(fileName));
  }
}

function resolvePath(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** A worksheet of the workbook, not read yet. */
export interface XlsxSheetPart {
  name: string;
  hidden: boolean;
  /** Its part in the zip; null when the workbook names one the zip lacks (reading it then fails). */
  entry: ZipEntry | null;
  target: string;
}

/**
 * An .xlsx opened: the zip's directory, the workbook's sheets, shared strings and date styles. Each sheet is then
 * read whole (readSheet) or row by row as it inflates (streamSheet). Throws the zip's own errors; readXlsx and
 * xlsxErrors turn them into messages.
 */
export class XlsxBook {
  readonly parts: XlsxSheetPart[] = [];
  /** Whether workbook.xml has a <sheets> element at all (a workbook without one is corrupt). */
  readonly namesSheets: boolean;
  private readonly budget: InflateBudget;
  private readonly sst: string[] = [];
  private readonly dateStyles: Uint8Array;
  private readonly dates: DateCache;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly fileName: string,
    private readonly limits: ReadLimits,
  ) {
    const entries = listEntries(bytes);
    const lower = new Map<string, ZipEntry>();
    for (const [k, e] of entries) lower.set(k.toLowerCase(), e);
    const find = (path: string) => entries.get(path) ?? lower.get(path.toLowerCase());
    const budget = (this.budget = new InflateBudget(limits.maxUnzippedBytes));

    for (const e of entries.values()) {
      if (e.size > limits.maxUnzippedBytes || (e.size > BOMB_MIN_SIZE && e.size > BOMB_RATIO * Math.max(1, e.compressedSize))) {
        throw new ZipTooLarge(e.name);
      }
    }

    // Where the workbook is: the package's officeDocument relationship, or the usual place.
    let wbPath = 'xl/workbook.xml';
    const rootRels = find('_rels/.rels');
    if (rootRels) {
      for (const r of tags(entryText(bytes, rootRels, budget), 'Relationship')) {
        if ((r.Type ?? '').endsWith('/officeDocument') && r.Target) wbPath = resolvePath('', r.Target);
      }
    }
    const wbEntry = find(wbPath) ?? find('xl/workbook.xml');
    if (!wbEntry) throw notAWorkbook(bytes, entries, fileName, budget);
    wbPath = wbEntry.name.replace(/^\//, '');
    if (wbPath.toLowerCase().endsWith('.bin')) throw readError(msg.xlsb(fileName));
    const base = wbPath.includes('/') ? wbPath.slice(0, wbPath.lastIndexOf('/') + 1) : '';

    const wbXml = entryText(bytes, wbEntry, budget);
    const pr = tags(wbXml, 'workbookPr')[0];
    const date1904 = pr !== undefined && /^(1|true)$/i.test(pr.date1904 ?? '');
    const relsEntry = find(`${base}_rels/${wbPath.slice(base.length)}.rels`);
    const rels = new Map<string, { target: string; type: string }>();
    if (relsEntry) {
      for (const r of tags(entryText(bytes, relsEntry, budget), 'Relationship')) {
        if (r.Id && r.Target) {
          rels.set(r.Id, { target: r.TargetMode === 'External' ? '' : resolvePath(base, r.Target), type: r.Type ?? '' });
        }
      }
    }

    let stylesPath = `${base}styles.xml`;
    let sstPath = `${base}sharedStrings.xml`;
    for (const r of rels.values()) {
      if (r.type.endsWith('/sharedStrings')) sstPath = r.target;
      if (r.type.endsWith('/styles')) stylesPath = r.target;
    }
    const sstEntry = find(sstPath);
    if (sstEntry) this.sst = readSharedStrings(bytes, sstEntry, budget);
    const stylesEntry = find(stylesPath);
    this.dateStyles = stylesEntry ? readDateStyles(entryText(bytes, stylesEntry, budget)) : new Uint8Array(0);
    this.dates = new DateCache(date1904);

    for (const s of tags(wbXml, 'sheet')) {
      const rel = rels.get(attr(s, 'id') ?? '');
      if (!rel || !rel.type.endsWith('/worksheet')) continue; // chart sheets, dialog sheets
      const state = s.state ?? 'visible';
      this.parts.push({
        name: s.name ?? `Sheet${this.parts.length + 1}`,
        hidden: state === 'hidden' || state === 'veryHidden',
        entry: find(rel.target) ?? null,
        target: rel.target,
      });
    }
    this.namesSheets = /<(?:[\w.-]+:)?sheets?[\s/>]/.test(wbXml);
  }

  private scanner(part: XlsxSheetPart): SheetScanner {
    return new SheetScanner(this.sst, this.dateStyles, this.dates, () => {
      throw readError(msg.tooManyRows(this.fileName, part.name, this.limits.maxRows));
    }, this.limits.maxRows);
  }

  private entryOf(part: XlsxSheetPart): ZipEntry {
    if (!part.entry) throw new ZipCorrupt(`missing ${part.target}`);
    return part.entry;
  }

  /** One sheet, whole: its rows with merged ranges filled in. */
  readSheet(index: number): Sheet {
    const part = this.parts[index]!;
    const entry = this.entryOf(part);
    const scanner = this.scanner(part);
    const dec = new TextDecoder('utf-8');
    inflateEntry(this.bytes, entry, this.budget, (piece) => scanner.feed(dec.decode(piece, { stream: true })));
    scanner.feed(dec.decode());
    const { rows, merges } = scanner.finish();
    return { name: part.name, hidden: part.hidden, rows, merges };
  }

  /**
   * A sheet's merged ranges alone (they are listed after its rows): the sheet inflated once more, and only what
   * follows its rows decoded and read as the scanner reads it. Throws when the sheet has no end of rows.
   */
  mergesOf(index: number): CellRange[] {
    const entry = this.entryOf(this.parts[index]!);
    const needle = Buffer.from('sheetData>');
    const dec = new TextDecoder('utf-8');
    let carry: Buffer = Buffer.alloc(0);
    let tail = null as string | null;
    inflateEntry(this.bytes, entry, new InflateBudget(this.limits.maxUnzippedBytes), (piece) => {
      if (tail !== null) {
        tail += dec.decode(piece, { stream: true });
        return;
      }
      const view = Buffer.from(piece.buffer, piece.byteOffset, piece.length);
      const buf = carry.length ? Buffer.concat([carry, view]) : view;
      // The end tag, </sheetData> or </x:sheetData> (a start tag <sheetData> ends the same way).
      for (let i = buf.indexOf(needle); i !== -1; i = buf.indexOf(needle, i + 1)) {
        let k = i - 1;
        while (k >= 0 && (isNameByte(buf[k]!) || buf[k] === 58)) k--;
        if (k >= 1 && buf[k] === 47 && buf[k - 1] === 60) {
          tail = dec.decode(buf.subarray(k - 1), { stream: true });
          return;
        }
      }
      carry = Buffer.from(buf.subarray(Math.max(0, buf.length - 64)));
    });
    if (tail === null) throw new ZipCorrupt('no end of sheetData');
    tail += dec.decode();
    const merges: CellRange[] = [];
    for (const m of tags(tail, 'mergeCell')) {
      const r = m.ref ? parseRange(m.ref) : null;
      if (r) merges.push(r);
    }
    return merges;
  }

  /** One sheet row by row, inflating only as far as the rows asked for (see SheetStream). */
  streamSheet(index: number): SheetStream {
    const part = this.parts[index]!;
    return new SheetStream(this.bytes, this.entryOf(part), this.budget, this.scanner(part));
  }
}

/**
 * A sheet's rows as they inflate, so a sheet of 100,000 rows is never held whole. Its merged ranges are listed at
 * the end of the sheet's XML, after every row: they are NOT filled into the rows given out; end() returns them,
 * and the caller decides what they change (Sheet.rows as readSheet gives them = fillMerges(rows, merges, hidden)).
 * Errors are the zip's and the scanner's own, as readSheet would throw them (xlsxErrors words them).
 */
export class SheetStream {
  private readonly inflater: EntryInflater;
  private readonly dec = new TextDecoder('utf-8');
  private queue: SheetRow[] = [];
  private at = 0;
  private ended = false;
  /** Rows given out so far. */
  count = 0;

  constructor(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget, private readonly scanner: SheetScanner) {
    this.inflater = new EntryInflater(bytes, entry, budget, (piece) => scanner.feed(this.dec.decode(piece, { stream: true })));
  }

  /** The next row that holds a value, or null after the last. */
  next(): SheetRow | null {
    while (this.at >= this.queue.length) {
      if (this.ended) return null;
      if (!this.inflater.step()) {
        this.scanner.feed(this.dec.decode());
        this.scanner.end();
        this.ended = true;
      }
      this.queue = this.scanner.take();
      this.at = 0;
    }
    this.count++;
    return this.queue[this.at++]!;
  }

  /** The rows marked hidden so far (rows without values included), for fillMerges. */
  get hiddenRows(): ReadonlySet<number> {
    return this.scanner.ended().hiddenRows;
  }

  /** Rows scanned so far: those given out and those waiting (the share `fraction` of the sheet holds them all). */
  get scanned(): number {
    return this.count + this.queue.length - this.at;
  }

  /** How far through the sheet's compressed bytes, 0…1. */
  get fraction(): number {
    return this.inflater.fraction;
  }

  /** After next() gave null: the sheet's merged ranges (not applied) and the rows marked hidden. */
  end(): { merges: CellRange[]; hiddenRows: ReadonlySet<number> } {
    if (!this.ended) throw new Error('SheetStream.end() before the last row');
    return this.scanner.ended();
  }
}

/** A zip without a workbook: say what it is instead. */
function notAWorkbook(bytes: Uint8Array, entries: Map<string, ZipEntry>, fileName: string, budget: InflateBudget): ServiceError {
  const mimetype = entries.get('mimetype');
  if (mimetype && mimetype.size < 200) {
    const t = entryText(bytes, mimetype, budget);
    if (t.includes('opendocument.spreadsheet')) return readError(msg.ods(fileName));
    if (t.includes('opendocument.text')) return readError(msg.word(fileName));
    if (t.includes('opendocument.presentation')) return readError(msg.powerpoint(fileName));
  }
  if (entries.has('word/document.xml')) return readError(msg.word(fileName));
  if (entries.has('ppt/presentation.xml')) return readError(msg.powerpoint(fileName));
  if (entries.has('xl/workbook.bin')) return readError(msg.xlsb(fileName));
  if (entries.has('[Content_Types].xml')) return readError(msg.notSpreadsheet(fileName));
  return readError(msg.archive(fileName));
}

// ---------------------------------------------------------------- shared strings and styles

const T_RE = /<(?:[\w.-]+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?t>/g;
const RPH_RE = /<(?:[\w.-]+:)?rPh[\s>][\s\S]*?<\/(?:[\w.-]+:)?rPh>/g;

/** The text of an <si> or <is>: all its <t> pieces (rich text runs), without phonetic guides (<rPh>). */
export function richText(xml: string): string {
  if (xml.indexOf('rPh') !== -1) xml = xml.replace(RPH_RE, '');
  let out = '';
  T_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = T_RE.exec(xml)) !== null) out += m[1] as string;
  return decodeCellText(out);
}

function readSharedStrings(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget): string[] {
  const out: string[] = [];
  const dec = new TextDecoder('utf-8');
  let buf = '';
  let open = '';
  let close = '';
  const eat = (final: boolean) => {
    if (!open) {
      const p = prefixOf(buf, 'si');
      if (p === null) {
        if (final) buf = '';
        return;
      }
      open = `<${p}si`;
      close = `</${p}si>`;
    }
    let pos = 0;
    for (;;) {
      const s = buf.indexOf(open, pos);
      if (s === -1) break;
      const gt = buf.indexOf('>', s);
      if (gt === -1) {
        pos = s;
        break;
      }
      if (buf.charCodeAt(gt - 1) === 47) {
        out.push('');
        pos = gt + 1;
        continue;
      }
      const e = buf.indexOf(close, gt);
      if (e === -1) {
        pos = s;
        break;
      }
      out.push(richText(buf.slice(gt + 1, e)));
      pos = e + close.length;
    }
    const keep = buf.indexOf(open, pos);
    buf = keep === -1 ? buf.slice(Math.max(pos, buf.length - open.length)) : buf.slice(keep);
  };
  inflateEntry(bytes, entry, budget, (piece) => {
    buf += dec.decode(piece, { stream: true });
    eat(false);
  });
  buf += dec.decode();
  eat(true);
  return out;
}

/** For each cell format (cellXfs index, the s= of a cell): 1 when its number format is a date. */
export function readDateStyles(xml: string): Uint8Array {
  const custom = new Map<number, string>();
  for (const f of tags(xml, 'numFmt')) {
    if (f.numFmtId !== undefined && f.formatCode !== undefined) custom.set(Number(f.numFmtId), f.formatCode);
  }
  const m = /<(?:[\w.-]+:)?cellXfs[\s>][\s\S]*?<\/(?:[\w.-]+:)?cellXfs>/.exec(xml);
  if (!m) return new Uint8Array(0);
  const xfs = tags(m[0], 'xf');
  const out = new Uint8Array(xfs.length);
  xfs.forEach((xf, i) => {
    const id = Number(xf.numFmtId ?? 0);
    const code = custom.get(id);
    out[i] = (code !== undefined ? isDateFormatCode(code) : isBuiltinDateFormat(id)) ? 1 : 0;
  });
  return out;
}

// ---------------------------------------------------------------- worksheets

/** A byte of an XML name (ASCII letters, digits, _ . -). */
const isNameByte = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
const isTagEnd = (c: number) => c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** Scans a worksheet's XML as it arrives, keeping rows that hold a value. */
export class SheetScanner {
  private buf = '';
  private tail: string | null = null;
  private prefix: string | null = null;
  private rowOpen = '';
  private rowClose = '';
  private cOpen = '';
  private cClose = '';
  private vOpen = '';
  private vClose = '';
  private isOpen = '';
  private sdClose = '';
  private lastRow = 0;
  private rows: SheetRow[] = [];
  /** Rows kept so far (those take() handed out included). */
  private kept = 0;
  private readonly hiddenRows = new Set<number>();
  private readonly isoDates = new Map<string, ExcelDate>();

  constructor(
    private readonly sst: readonly string[],
    private readonly dateStyles: Uint8Array,
    private readonly dates: DateCache,
    private readonly onTooManyRows: () => never,
    private readonly maxRows: number,
  ) {}

  feed(text: string): void {
    if (this.tail !== null) {
      this.tail += text;
      return;
    }
    this.buf = this.buf.length === 0 ? text : this.buf + text;
    if (this.prefix === null) {
      const p = prefixOf(this.buf, 'sheetData');
      if (p === null) return;
      this.prefix = p;
      this.rowOpen = `<${p}row`;
      this.rowClose = `</${p}row>`;
      this.cOpen = `<${p}c`;
      this.cClose = `</${p}c>`;
      this.vOpen = `<${p}v`;
      this.vClose = `</${p}v>`;
      this.isOpen = `<${p}is`;
      this.sdClose = `</${p}sheetData>`;
      const start = this.buf.indexOf(`<${p}sheetData`);
      const gt = this.buf.indexOf('>', start);
      if (gt !== -1 && this.buf.charCodeAt(gt - 1) === 47) {
        this.tail = this.buf.slice(gt + 1); // <sheetData/>
        this.buf = '';
        return;
      }
    }
    this.scan();
  }

  private scan(): void {
    const buf = this.buf;
    let pos = 0;
    // Looked up once per chunk: searching for it at every row would scan the rest of the chunk each time.
    const sd = buf.indexOf(this.sdClose);
    for (;;) {
      let r = buf.indexOf(this.rowOpen, pos);
      while (r !== -1 && r + this.rowOpen.length < buf.length && !isTagEnd(buf.charCodeAt(r + this.rowOpen.length))) {
        r = buf.indexOf(this.rowOpen, r + 1);
      }
      if (sd !== -1 && (r === -1 || sd < r)) {
        this.tail = buf.slice(sd);
        this.buf = '';
        return;
      }
      if (r === -1) {
        const lt = buf.lastIndexOf('<');
        this.buf = lt >= pos ? buf.slice(lt) : '';
        return;
      }
      const gt = buf.indexOf('>', r);
      if (gt === -1) {
        this.buf = buf.slice(r);
        return;
      }
      if (buf.charCodeAt(gt - 1) === 47) {
        this.rowTag(buf, r + this.rowOpen.length, gt); // an empty row
        pos = gt + 1;
        continue;
      }
      const end = buf.indexOf(this.rowClose, gt);
      if (end === -1) {
        this.buf = buf.slice(r);
        return;
      }
      const row = this.rowTag(buf, r + this.rowOpen.length, gt);
      this.cells(buf, gt + 1, end, row);
      pos = end + this.rowClose.length;
    }
  }

  /** The row's number and hidden flag; the next row number when it has no r. */
  private rowTag(buf: string, from: number, to: number): { n: number; hidden: boolean } {
    let n = this.lastRow + 1;
    let hidden = false;
    let i = from;
    while (i < to) {
      const eq = buf.indexOf('=', i);
      if (eq === -1 || eq >= to) break;
      const q = buf.charCodeAt(eq + 1);
      const vEnd = buf.indexOf(q === 39 ? "'" : '"', eq + 2);
      let ns = eq - 1;
      while (ns > i && !isTagEnd(buf.charCodeAt(ns - 1))) ns--;
      const name = buf.slice(ns, eq).trim();
      if (name === 'r') n = Number(buf.slice(eq + 2, vEnd)) || n;
      else if (name === 'hidden') {
        const v = buf.slice(eq + 2, vEnd);
        hidden = v === '1' || v === 'true';
      }
      i = vEnd + 1;
    }
    this.lastRow = n;
    if (hidden) this.hiddenRows.add(n);
    return { n, hidden };
  }

  private cells(buf: string, from: number, to: number, row: { n: number; hidden: boolean }): void {
    const cells: CellValue[] = [];
    let any = false;
    let col = -1;
    let p = from;
    const cOpenLen = this.cOpen.length;
    for (;;) {
      const c = buf.indexOf(this.cOpen, p);
      if (c === -1 || c >= to) break;
      if (!isTagEnd(buf.charCodeAt(c + cOpenLen))) {
        p = c + 1;
        continue;
      }
      const gt = buf.indexOf('>', c);
      // Attributes: r (column), s (style), t (type), read by hand.
      let refCol = -1;
      let style = 0;
      let type = 0; // 0 n, 1 s, 2 str, 3 inlineStr, 4 b, 5 e, 6 d
      let i = c + cOpenLen;
      while (i < gt) {
        const ch = buf.charCodeAt(i);
        if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 47) {
          i++;
          continue;
        }
        const eq = buf.indexOf('=', i);
        if (eq === -1 || eq > gt) break;
        const quote = buf.charCodeAt(eq + 1);
        const vs = eq + 2;
        const ve = buf.indexOf(quote === 39 ? "'" : '"', vs);
        if (eq - i === 1) {
          const nameCh = buf.charCodeAt(i);
          if (nameCh === 114) {
            // r="AB12": letters to a column
            let k = vs;
            let n = 0;
            for (; k < ve; k++) {
              const x = buf.charCodeAt(k);
              if (x >= 65 && x <= 90) n = n * 26 + (x - 64);
              else if (x >= 97 && x <= 122) n = n * 26 + (x - 96);
              else break;
            }
            if (n > 0) refCol = n - 1;
          } else if (nameCh === 115) {
            let n = 0;
            for (let k = vs; k < ve; k++) n = n * 10 + (buf.charCodeAt(k) - 48);
            style = n;
          } else if (nameCh === 116) {
            const t = buf.slice(vs, ve);
            type = t === 's' ? 1 : t === 'str' ? 2 : t === 'inlineStr' ? 3 : t === 'b' ? 4 : t === 'e' ? 5 : t === 'd' ? 6 : 0;
          }
        }
        i = ve + 1;
      }
      col = refCol >= 0 ? refCol : col + 1;
      if (buf.charCodeAt(gt - 1) === 47) {
        p = gt + 1; // <c r="B2" s="1"/>: a blank, formatted cell
        continue;
      }
      let ce = buf.indexOf(this.cClose, gt);
      if (ce === -1 || ce > to) ce = to;
      let value: CellValue = null;
      if (type === 3) {
        const is = buf.indexOf(this.isOpen, gt);
        if (is !== -1 && is < ce) value = own(richText(buf.slice(is, ce))) || null;
      } else {
        let v = buf.indexOf(this.vOpen, gt);
        while (v !== -1 && v < ce && !isTagEnd(buf.charCodeAt(v + this.vOpen.length))) v = buf.indexOf(this.vOpen, v + 1);
        if (v !== -1 && v < ce) {
          const vgt = buf.indexOf('>', v);
          if (buf.charCodeAt(vgt - 1) !== 47) {
            const ve = buf.indexOf(this.vClose, vgt);
            value = this.convert(buf.slice(vgt + 1, ve), type, style);
          }
        }
        // A picture WPS put in the cell (嵌入单元格图片): the formula _xlfn.DISPIMG("ID_…",1) with the cached text
        // =DISPIMG(…) (or #NAME? once Excel saved it, or 0). A picture is no value: the cell reads as blank. Only a
        // cell whose first child is a formula is looked at, and only at the formula's start.
        if (value !== null) {
          let k = gt + 1;
          while (k < ce && isSpace(buf.charCodeAt(k))) k++;
          if (buf.charCodeAt(k) === 60 && buf.charCodeAt(k + 1 + this.prefix!.length) === 102) {
            const f = buf.indexOf('>', k) + 1;
            if (f > 0 && f < ce && (buf.startsWith('_xlfn.DISPIMG(', f) || buf.startsWith('DISPIMG(', f))) value = null;
          }
        }
      }
      if (value !== null) {
        while (cells.length < col) cells.push(null);
        cells[col] = value;
        if (!any && !(typeof value === 'string' && value.trim() === '')) any = true;
      }
      p = ce + this.cClose.length;
    }
    if (any) {
      if (this.kept >= this.maxRows) this.onTooManyRows();
      this.kept++;
      this.rows.push({ row: row.n, hidden: row.hidden, cells });
    }
  }

  private convert(raw: string, type: number, style: number): CellValue {
    switch (type) {
      case 0: {
        if (raw.length === 0) return null;
        const n = Number(raw);
        if (Number.isNaN(n)) return own(decodeXml(raw));
        if (this.dateStyles[style] === 1) return this.dates.get(n) ?? n;
        return n;
      }
      case 1:
        return this.sst[Number(raw)] ?? null;
      case 4:
        return raw === '1' || raw === 'true';
      case 6: {
        const m = /^(\d{4}-\d{2}-\d{2})/.exec(raw);
        if (!m) return own(decodeXml(raw)) || null;
        const iso = m[1] as string;
        let d = this.isoDates.get(iso);
        if (!d) this.isoDates.set(iso, (d = Object.freeze({ date: iso })));
        return d;
      }
      default: {
        const s = decodeCellText(raw);
        return s.length === 0 ? null : own(s);
      }
    }
  }

  /** The rows scanned since the last take() (streaming: the scanner then holds none). */
  take(): SheetRow[] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }

  /** After the last feed: scans what is left (its rows wait for take()) and reads the merged ranges. */
  end(): void {
    if (this.tail === null && this.buf.length > 0) this.scan();
    this.merges = [];
    if (this.tail !== null) {
      for (const m of tags(this.tail, 'mergeCell')) {
        const r = m.ref ? parseRange(m.ref) : null;
        if (r) this.merges.push(r);
      }
    }
    this.tail = null;
    this.buf = '';
  }

  /** After end(): the merged ranges and the rows marked hidden. */
  ended(): { merges: CellRange[]; hiddenRows: ReadonlySet<number> } {
    return { merges: this.merges ?? [], hiddenRows: this.hiddenRows };
  }

  finish(): { rows: SheetRow[]; merges: CellRange[] } {
    this.end();
    const merges = this.merges!;
    const rows = fillMerges(this.rows, merges, this.hiddenRows);
    if (rows.length > this.maxRows) this.onTooManyRows();
    return { rows, merges };
  }

  private merges: CellRange[] | null = null;
}
