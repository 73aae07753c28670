/**
 * A web archive (MHTML): what Excel and WPS save as 单个文件网页 (.mht, .mhtml), what a browser saves a page as, and
 * what some web systems' “导出 Excel” hands out under an .xls name. It is a MIME message whose parts are the page and
 * its pieces; the parts that are HTML holding a table are the sheets. Their bodies come quoted-printable or base64
 * and in the part's charset (UTF-8, GBK/GB2312 …): decoded here to text for the HTML table reader.
 */

export interface MhtmlPage {
  name: string;
  html: string;
}

const latin1 = new TextDecoder('latin1');

/** Whether the bytes start as a MIME message with related parts (headers first, then a multipart/related type). */
export function isMhtml(b: Uint8Array): boolean {
  const head = latin1.decode(b.subarray(0, 8192)).replace(/^\u00EF\u00BB\u00BF/, '').trimStart();
  if (!/^[A-Za-z][\w-]*:/.test(head)) return false;
  const headers = head.split(/\r?\n\r?\n/)[0]!;
  return /^mime-version\s*:/im.test(headers) && /content-type\s*:\s*multipart\/related/i.test(headers);
}

/** Header name (lower case) → value, folded lines joined. */
function parseHeaders(block: string): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | null = null;
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last) out.set(last, `${out.get(last)} ${line.trim()}`);
    else {
      const m = /^([\w-]+)\s*:\s*(.*)$/.exec(line);
      if (!m) continue;
      last = m[1]!.toLowerCase();
      out.set(last, m[2]!.trim());
    }
  }
  return out;
}

function param(value: string | undefined, name: string): string | null {
  if (!value) return null;
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function quotedPrintable(body: string): Uint8Array {
  const s = body.replace(/=\r?\n/g, '');
  const out = new Uint8Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 61 && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out[n++] = parseInt(s.slice(i + 1, i + 3), 16);
      i += 2;
    } else out[n++] = c & 0xff;
  }
  return out.subarray(0, n);
}

function decodeText(bytes: Uint8Array, charset: string | null): string {
  // Without a charset in the part's header, the page may say it in a <meta>.
  const label = charset ?? /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(latin1.decode(bytes.subarray(0, 4096)))?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(label.toLowerCase() === 'gb2312' ? 'gbk' : label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/**
 * The HTML parts that hold a table, decoded, in order, each named by the workbook's sheet names where the archive
 * lists them (Excel's <x:Name>), else by its own file name. Empty when the message has no such part.
 */
export function mhtmlPages(bytes: Uint8Array): MhtmlPage[] {
  const text = latin1.decode(bytes);
  const split = /\r?\n\r?\n/.exec(text);
  if (!split) return [];
  const headers = parseHeaders(text.slice(0, split.index));
  const boundary = param(headers.get('content-type'), 'boundary');
  if (!boundary) return [];
  const parts = text.slice(split.index).split(`--${boundary}`).slice(1);
  const pages: MhtmlPage[] = [];
  let sheetNames: string[] = [];
  parts.forEach((part, index) => {
    if (part.startsWith('--')) return; // the closing delimiter
    const end = /\r?\n\r?\n/.exec(part);
    if (!end) return;
    const h = parseHeaders(part.slice(0, end.index));
    const type = h.get('content-type') ?? 'text/plain';
    if (!/^text\/html/i.test(type)) return;
    let body = part.slice(end.index + end[0].length).replace(/\r?\n$/, '');
    const encoding = (h.get('content-transfer-encoding') ?? '').toLowerCase();
    const raw = encoding === 'quoted-printable' ? quotedPrintable(body) : encoding === 'base64' ? new Uint8Array(Buffer.from(body, 'base64')) : new Uint8Array(Buffer.from(body, 'latin1'));
    body = decodeText(raw, param(type, 'charset'));
    if (index === 0) sheetNames = [...body.matchAll(/<x:Name>([^<]*)<\/x:Name>/gi)].map((m) => m[1]!.trim());
    if (!/<table[\s>]/i.test(body)) return;
    const location = h.get('content-location') ?? '';
    const file = decodeURIComponent(location.split(/[\\/]/).pop() ?? '').replace(/\.[^.]*$/, '');
    pages.push({ name: file || `Sheet${pages.length + 1}`, html: body });
  });
  // Excel's workbook: the first part is the tab strip (no table of its own), naming the sheets that follow.
  return pages.map((p, i) => ({ name: sheetNames.length === pages.length ? sheetNames[i]! : pages.length === 1 ? 'Sheet1' : p.name, html: p.html }));
}
