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
import { entryText, inflateEntry, InflateBudget, listEntries, ZipCorrupt, ZipTooLarge, type ZipEntry } from './zip';

/** A part bigger than this that inflates more than RATIO times its compressed size is a bomb, refused unread. */
const BOMB_MIN_SIZE = 64 * 1024 * 1024;
const BOMB_RATIO = 300;

export function readXlsx(bytes: Uint8Array, fileName: string, limits: ReadLimits): Workbook {
  try {
    return readXlsxInner(bytes, fileName, limits);
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

function readXlsxInner(bytes: Uint8Array, fileName: string, limits: ReadLimits): Workbook {
  const entries = listEntries(bytes);
  const lower = new Map<string, ZipEntry>();
  for (const [k, e] of entries) lower.set(k.toLowerCase(), e);
  const find = (path: string) => entries.get(path) ?? lower.get(path.toLowerCase());
  const budget = new InflateBudget(limits.maxUnzippedBytes);

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

  let sst: string[] = [];
  let stylesPath = `${base}styles.xml`;
  let sstPath = `${base}sharedStrings.xml`;
  for (const r of rels.values()) {
    if (r.type.endsWith('/sharedStrings')) sstPath = r.target;
    if (r.type.endsWith('/styles')) stylesPath = r.target;
  }
  const sstEntry = find(sstPath);
  if (sstEntry) sst = readSharedStrings(bytes, sstEntry, budget);
  const stylesEntry = find(stylesPath);
  const dateStyles = stylesEntry ? readDateStyles(entryText(bytes, stylesEntry, budget)) : new Uint8Array(0);
  const dates = new DateCache(date1904);

  const sheets: Sheet[] = [];
  for (const s of tags(wbXml, 'sheet')) {
    const rel = rels.get(attr(s, 'id') ?? '');
    if (!rel || !rel.type.endsWith('/worksheet')) continue; // chart sheets, dialog sheets
    const entry = find(rel.target);
    if (!entry) throw new ZipCorrupt(`missing ${rel.target}`);
    const name = s.name ?? `Sheet${sheets.length + 1}`;
    const state = s.state ?? 'visible';
    const scanner = new SheetScanner(sst, dateStyles, dates, () => {
      throw readError(msg.tooManyRows(fileName, name, limits.maxRows));
    }, limits.maxRows);
    const dec = new TextDecoder('utf-8');
    inflateEntry(bytes, entry, budget, (piece) => scanner.feed(dec.decode(piece, { stream: true })));
    scanner.feed(dec.decode());
    const { rows, merges } = scanner.finish();
    sheets.push({ name, hidden: state === 'hidden' || state === 'veryHidden', rows, merges });
  }
  if (sheets.length === 0 && !/<(?:[\w.-]+:)?sheets?[\s/>]/.test(wbXml)) throw new ZipCorrupt('no sheets');
  return { format: 'xlsx', sheets };
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
  private readonly rows: SheetRow[] = [];
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
      if (this.rows.length >= this.maxRows) this.onTooManyRows();
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

  finish(): { rows: SheetRow[]; merges: CellRange[] } {
    if (this.tail === null && this.buf.length > 0) this.scan();
    const merges: CellRange[] = [];
    if (this.tail !== null) {
      for (const m of tags(this.tail, 'mergeCell')) {
        const r = m.ref ? parseRange(m.ref) : null;
        if (r) merges.push(r);
      }
    }
    this.tail = null;
    this.buf = '';
    const rows = fillMerges(this.rows, merges, this.hiddenRows);
    if (rows.length > this.maxRows) this.onTooManyRows();
    return { rows, merges };
  }
}
