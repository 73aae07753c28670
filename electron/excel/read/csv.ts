/** CSV (and tab- or semicolon-separated text) in UTF-8 or GBK, parsed by RFC 4180 rules. Every cell is text. */
import type { CellValue, ReadLimits, SheetRow, Workbook } from '../types';
import { msg, readError } from './messages';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'gbk' | undefined;
}

/** UTF-8 with or without its BOM, UTF-16 with a BOM, otherwise GBK (read as GB18030, its superset). */
export function decodeText(b: Uint8Array): DecodedText {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(b.subarray(3)), encoding: 'utf-8' };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(b.subarray(2)), encoding: undefined };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(b.subarray(2)), encoding: undefined };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(b), encoding: 'gbk' };
  }
}

/** Comma, unless the first lines are clearly split by tabs or semicolons instead (outside quotes). */
export function guessDelimiter(text: string): string {
  const lines: string[] = [];
  let start = 0;
  while (lines.length < 10 && start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end).replace(/"[^"]*"/g, '');
    if (line.trim()) lines.push(line);
    start = end + 1;
  }
  const count = (ch: string) => lines.reduce((n, l) => n + l.split(ch).length - 1, 0);
  const comma = count(',');
  const tab = count('\t');
  const semi = count(';');
  if (tab > comma && tab >= semi) return '\t';
  if (semi > comma && semi > tab) return ';';
  return ',';
}

export function readCsv(bytes: Uint8Array, fileName: string, limits: ReadLimits): Workbook {
  const { text: raw, encoding } = decodeText(bytes);
  let text = raw;
  let delimiter: string | null = null;
  // Excel's own hint on the first line: sep=;
  const hint = /^sep=(.)\r?\n/.exec(text);
  if (hint) {
    delimiter = hint[1] as string;
    text = text.slice(hint[0].length);
  }
  delimiter ??= guessDelimiter(text);
  const rows = parseCsv(text, delimiter, limits.maxRows, () => {
    throw readError(msg.tooManyRows(fileName, '第 1 张表', limits.maxRows));
  });
  const name = fileName.replace(/\.[^.]*$/, '') || 'Sheet1';
  return { format: 'csv', ...(encoding ? { encoding } : {}), sheets: [{ name, hidden: false, rows, merges: [] }] };
}

/** Records → rows (record n is row n, as Excel numbers them); a row is kept when it holds any text. */
export function parseCsv(text: string, delimiter: string, maxRows: number, onTooMany: () => never): SheetRow[] {
  const d = delimiter.charCodeAt(0);
  const rows: SheetRow[] = [];
  const n = text.length;
  let i = 0;
  let record = 0;
  while (i < n) {
    record++;
    const cells: CellValue[] = [];
    let any = false;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === 34) {
        // Quoted: up to the lone closing quote; "" is a quote.
        let s = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1) {
            s += text.slice(j);
            j = n;
            break;
          }
          s += text.slice(j, q);
          if (text.charCodeAt(q + 1) === 34) {
            s += '"';
            j = q + 2;
          } else {
            j = q + 1;
            break;
          }
        }
        // Anything between the closing quote and the delimiter is kept, as Excel does.
        let k = j;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === d || c === 10 || c === 13) break;
          k++;
        }
        value = s + text.slice(j, k);
        i = k;
      } else {
        let k = i;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === d || c === 10 || c === 13) break;
          k++;
        }
        value = text.slice(i, k);
        i = k;
      }
      if (value.length > 0) {
        cells.push(value);
        if (!any && value.trim() !== '') any = true;
      } else cells.push(null);
      const c = text.charCodeAt(i);
      if (c === d) {
        i++;
        continue;
      }
      // End of record: CRLF, LF, CR or the end of the text.
      if (c === 13) i += text.charCodeAt(i + 1) === 10 ? 2 : 1;
      else if (c === 10) i++;
      break;
    }
    if (any) {
      if (rows.length >= maxRows) onTooMany();
      let last = cells.length;
      while (last > 0 && cells[last - 1] === null) last--;
      cells.length = last;
      rows.push({ row: record, hidden: false, cells });
    }
  }
  return rows;
}
