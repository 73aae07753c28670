/**
 * Finding a table in a read workbook, for any import: which sheet, which row holds the headers (titles, notes
 * and merged title cells often sit above it; some headers span two rows) and which column fills which field.
 * An import describes its columns (official header + the names clerks use) in a TableSpec; the member import
 * (electron/members/import/header.ts) and the organisation import (electron/orgs/import/header.ts) each make
 * one detector from theirs. Pure: no I/O; remembered manual mappings come in as a lookup.
 */
import type { CellValue, Sheet, SheetRow, Workbook } from './types';
import { isExcelDate } from './types';
import { normaliseHeader } from '../../shared/import/columns';
import { ServiceError } from '../errors';

/** How many of a sheet's first (non-empty) rows may hold the header. */
const HEADER_SCAN_ROWS = 30;

/** One column an import knows: the header our files write, and the other headers clerks use for it. */
export interface HeaderColumn<F extends string> {
  field: F;
  header: string;
  synonyms: readonly string[];
}

export interface TableSpec<F extends string> {
  columns: readonly HeaderColumn<F>[];
  /** The fields a table must have to be imported at all (they count double when scoring a header row). */
  required: readonly F[];
  /** A header row with at least two mapped columns, one of them among these, is recognised as the table. */
  keys: readonly F[];
  /** A sub-header under a group header (raw texts): "联系电话" over "手机" → mobile. */
  contextual?: (upper: string, lower: string) => F | null;
  /** When a second column claims a field already taken, the field it may fall back to. */
  fallback?: Partial<Record<F, F>>;
  /** For the message when nothing fits: '（如“姓名”“公民身份号码”），或下载导入模板，把数据复制进去再导入'. */
  hint: string;
}

export interface HeaderMatch<F extends string> {
  field: F;
  /** 4 official header, 3 synonym or a two-row combination, 2 after dropping a bracketed remark, 1 contained in a longer header. */
  quality: number;
}

export interface DetectedColumn<F extends string> {
  index: number;
  /** The header text as written in the file. */
  header: string;
  /** The field it fills, or null when it could not be placed. */
  field: F | null;
}

export interface DetectedTableOf<F extends string> {
  sheetIndex: number;
  sheetName: string;
  /** Row number of the header row (the last one, when the header spans two rows). */
  headerRow: number;
  columns: DetectedColumn<F>[];
  /** The file's headers normalised and joined: the key under which a manual mapping is remembered. */
  signature: string;
  /** Required fields no column fills. */
  missing: F[];
}

/** 序号 / 编号 columns: never a field, never offered as one. */
export function isIgnoredHeader(header: string): boolean {
  const h = cleanHeader(header);
  return /^(序号|编号|顺序号|行号|No\.?|NO\.?|no\.?|#)$/.test(h);
}

/** The file's headers normalised and joined with '|' (trailing blank headers dropped): the key of a remembered mapping. */
export function headerSignature(headers: string[]): string {
  const n = headers.map((h) => normaliseHeader(h ?? ''));
  while (n.length > 0 && n[n.length - 1] === '') n.pop();
  return n.join('|');
}

/** A header cell as text. */
export function headerText(v: CellValue | undefined): string {
  if (v == null) return '';
  if (typeof v === 'string') return v.trim();
  if (isExcelDate(v)) return v.date;
  return String(v);
}

/** normaliseHeader, plus full-width letters/digits folded and a trailing colon dropped. */
export function cleanHeader(h: string): string {
  return normaliseHeader(h.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .replace(/[:：]+$/, '')
    .replace(/^\d+[.、]/, ''); // "1.姓名" in numbered forms
}

/** "D 列（公民身份号码）" */
export function columnLabel(letter: string, header: string): string {
  return `${letter} 列（${header}）`;
}

function trimTrailing(h: string[]): string[] {
  const out = [...h];
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

export interface TableDetector<F extends string> {
  /** Field → the header our files write. */
  headerOf: Record<F, string>;
  /** Match one header text to a field. */
  matchHeader(raw: string): HeaderMatch<F> | null;
  /**
   * Find the table (in `sheetIndex` only, when given): the visible sheet whose best header row scores highest
   * (hidden sheets only when no visible one has a header), the header row within its first rows, and each
   * column's field. A remembered manual mapping for the same headers (same signature) replaces the automatic
   * one. Throws ServiceError('validation') with a Chinese message naming the closest sheet when nothing fits.
   */
  detectTable(
    wb: Workbook,
    remembered?: (signature: string) => Record<number, F | null> | undefined,
    sheetIndex?: number,
  ): DetectedTableOf<F>;
}

/** A detector for one import's columns. */
export function tableDetector<F extends string>(spec: TableSpec<F>): TableDetector<F> {
  const headerOf = Object.fromEntries(spec.columns.map((c) => [c.field, c.header])) as Record<F, string>;
  const official: ReadonlyMap<string, F> = new Map(spec.columns.map((c) => [normaliseHeader(c.header), c.field]));
  const synonyms: ReadonlyMap<string, F> = new Map(
    spec.columns.flatMap((c) => [c.header, ...c.synonyms].map((h) => [normaliseHeader(h), c.field] as const)),
  );
  /** Synonyms long enough to be recognised inside a longer header ("党员身份证号" → 身份证号), longest first. */
  const contained: readonly (readonly [string, F])[] = [...synonyms.entries()]
    .filter(([h]) => h.length >= 4)
    .sort((a, b) => b[0].length - a[0].length);
  const fallback: Partial<Record<F, F>> = spec.fallback ?? {};

  function matchHeader(raw: string): HeaderMatch<F> | null {
    const h = cleanHeader(raw);
    if (!h || isIgnoredHeader(h)) return null;
    const o = official.get(h);
    if (o) return { field: o, quality: 4 };
    const syn = synonyms.get(h);
    if (syn) return { field: syn, quality: 3 };
    // "联系电话(手机)", "公民身份号码(18位)", "出生日期[年月日]": the bracketed words first, then the rest.
    const inner = [...h.matchAll(/[(\[【〔]([^)\]】〕]*)[)\]】〕]/g)].map((m) => m[1] ?? '');
    if (inner.length > 0) {
      for (const part of inner) {
        const f = synonyms.get(part);
        if (f) return { field: f, quality: 2 };
      }
      const outer = h.replace(/[(\[【〔][^)\]】〕]*[)\]】〕]/g, '');
      const f = synonyms.get(outer);
      if (f) return { field: f, quality: 2 };
    }
    if (/(编号|序号|人数|数量|代码)$/.test(h)) return null;
    for (const [s, field] of contained) if (h.includes(s)) return { field, quality: 1 };
    return null;
  }

  interface Candidate {
    sheetIndex: number;
    row: SheetRow;
    headers: string[];
    fields: (F | null)[];
    score: number;
  }

  /** Give each field to the best-matching column (the leftmost on a tie); the losers stay unmapped. */
  function assign(matches: (HeaderMatch<F> | null)[]): (F | null)[] {
    const fields: (F | null)[] = matches.map(() => null);
    const order = matches
      .map((m, i) => ({ m, i }))
      .filter((x): x is { m: HeaderMatch<F>; i: number } => x.m !== null)
      .sort((a, b) => b.m.quality - a.m.quality || a.i - b.i);
    const taken = new Set<F>();
    const losers: { m: HeaderMatch<F>; i: number }[] = [];
    for (const x of order) {
      if (taken.has(x.m.field)) losers.push(x);
      else {
        taken.add(x.m.field);
        fields[x.i] = x.m.field;
      }
    }
    for (const x of losers) {
      const alt = fallback[x.m.field];
      if (alt && !taken.has(alt)) {
        taken.add(alt);
        fields[x.i] = alt;
      }
    }
    return fields;
  }

  function scoreOf(fields: (F | null)[]): number {
    let s = 0;
    for (const f of fields) if (f) s += spec.required.includes(f) ? 2 : 1;
    return s;
  }

  /** Evaluate one row as the (last) header row, alone and together with the row right above it. */
  function evaluate(sheetIndex: number, row: SheetRow, above: SheetRow | undefined): Candidate {
    const width = row.cells.length;
    const lowerTexts = Array.from({ length: width }, (_, i) => headerText(row.cells[i]));
    const own = lowerTexts.map((t) => (t ? matchHeader(t) : null));
    const ownFields = assign(own);
    const ownScore = scoreOf(ownFields);
    const alone: Candidate = { sheetIndex, row, headers: trimTrailing(lowerTexts), fields: ownFields, score: ownScore };
    // Two-row header: only when this row itself reads as a header (a data row under a header row must not borrow it).
    if (!above || above.row !== row.row - 1 || ownFields.filter(Boolean).length < 2) return alone;
    const w = Math.max(width, above.cells.length);
    const headers: string[] = [];
    const matches: (HeaderMatch<F> | null)[] = [];
    for (let i = 0; i < w; i++) {
      const lower = headerText(row.cells[i]);
      const upper = headerText(above.cells[i]);
      let best: HeaderMatch<F> | null = lower ? matchHeader(lower) : null;
      if (upper && upper !== lower) {
        if (lower) {
          const ctx = spec.contextual?.(upper, lower) ?? null;
          if (ctx && (!best || best.quality < 3)) best = { field: ctx, quality: 3 };
          const combined = matchHeader(upper + lower);
          if (combined && (!best || combined.quality > best.quality)) best = combined;
        } else {
          best = matchHeader(upper);
        }
      }
      headers.push(lower || upper);
      matches.push(best);
    }
    const fields = assign(matches);
    const score = scoreOf(fields);
    return score >= ownScore ? { sheetIndex, row, headers: trimTrailing(headers), fields, score } : alone;
  }

  /** The best header row of one sheet, or null when the sheet has no rows. */
  function bestInSheet(sheet: Sheet, sheetIndex: number): Candidate | null {
    let best: Candidate | null = null;
    const rows = sheet.rows.slice(0, HEADER_SCAN_ROWS);
    for (let k = 0; k < rows.length; k++) {
      const c = evaluate(sheetIndex, rows[k]!, k > 0 ? rows[k - 1] : undefined);
      // A tie with the row right above goes to the lower row: it is the second row of a two-row header.
      if (!best || c.score > best.score || (c.score === best.score && c.score > 0 && c.row.row === best.row.row + 1)) best = c;
    }
    return best;
  }

  /** Good enough to import (possibly after the clerk maps a missing column by hand). */
  function recognised(c: Candidate): boolean {
    const mapped = c.fields.filter(Boolean).length;
    const hasKey = spec.keys.some((k) => c.fields.includes(k));
    return (mapped >= 2 && hasKey) || mapped >= 4;
  }

  function toTable(wb: Workbook, c: Candidate, fields: (F | null)[]): DetectedTableOf<F> {
    const width = Math.max(c.headers.length, fields.length);
    const columns: DetectedColumn<F>[] = [];
    for (let i = 0; i < width; i++) columns.push({ index: i, header: c.headers[i] ?? '', field: fields[i] ?? null });
    const mapped = new Set(columns.map((col) => col.field).filter((f): f is F => f !== null));
    return {
      sheetIndex: c.sheetIndex,
      sheetName: wb.sheets[c.sheetIndex]!.name,
      headerRow: c.row.row,
      columns,
      signature: headerSignature(c.headers),
      missing: spec.required.filter((f) => !mapped.has(f)),
    };
  }

  /** Apply a remembered manual mapping (by column index) over the automatic one; the clerk's choice wins. */
  function applyRemembered(auto: (F | null)[], remembered: Record<number, F | null>): (F | null)[] {
    const width = Math.max(auto.length, ...Object.keys(remembered).map((k) => Number(k) + 1));
    const out: (F | null)[] = [];
    const taken = new Set<F>();
    for (const f of Object.values(remembered) as (F | null)[]) if (f) taken.add(f);
    for (let i = 0; i < width; i++) {
      if (Object.prototype.hasOwnProperty.call(remembered, i)) out.push(remembered[i] ?? null);
      else {
        const f = auto[i] ?? null;
        out.push(f && !taken.has(f) ? f : null);
        if (f) taken.add(f);
      }
    }
    // Never two columns to one field, even if the stored mapping says so: the first keeps it.
    const seen = new Set<F>();
    return out.map((f) => {
      if (!f) return null;
      if (seen.has(f)) return null;
      seen.add(f);
      return f;
    });
  }

  function detectTable(
    wb: Workbook,
    remembered?: (signature: string) => Record<number, F | null> | undefined,
    sheetIndex?: number,
  ): DetectedTableOf<F> {
    if (sheetIndex !== undefined && !wb.sheets[sheetIndex]) throw new ServiceError('validation', `没有第 ${sheetIndex + 1} 个工作表`);
    const nonEmpty = wb.sheets
      .map((s, i) => ({ s, i }))
      .filter(({ s, i }) => s.rows.length > 0 && (sheetIndex === undefined || i === sheetIndex));
    if (nonEmpty.length === 0)
      throw new ServiceError(
        'validation',
        sheetIndex === undefined ? '表格是空的：没有任何工作表含有数据。' : `工作表“${wb.sheets[sheetIndex]!.name}”是空的。`,
      );
    const ordered = [...nonEmpty.filter(({ s }) => !s.hidden), ...nonEmpty.filter(({ s }) => s.hidden)];

    let best: Candidate | null = null;
    let bestVisible: Candidate | null = null;
    const all: Candidate[] = [];
    for (const { s, i } of ordered) {
      const c = bestInSheet(s, i);
      if (!c) continue;
      all.push(c);
      if (!best || c.score > best.score) best = c;
      if (!s.hidden && recognised(c) && (!bestVisible || c.score > bestVisible.score)) bestVisible = c;
    }
    const chosen = bestVisible ?? (best && recognised(best) ? best : null);

    if (chosen) {
      const table = toTable(wb, chosen, chosen.fields);
      const manual = remembered?.(table.signature);
      return manual ? toTable(wb, chosen, applyRemembered(chosen.fields, manual)) : table;
    }

    // Nothing recognisable: a header the clerk mapped by hand before may still be there.
    if (remembered) {
      for (const { s, i } of ordered) {
        for (const row of s.rows.slice(0, HEADER_SCAN_ROWS)) {
          const headers = trimTrailing(Array.from({ length: row.cells.length }, (_, k) => headerText(row.cells[k])));
          if (headers.filter(Boolean).length < 2) continue;
          const manual = remembered(headerSignature(headers));
          if (manual) {
            const c: Candidate = { sheetIndex: i, row, headers, fields: [], score: 0 };
            return toTable(wb, c, applyRemembered([], manual));
          }
        }
      }
    }

    const closest = best ?? all[0]!;
    const sheetName = wb.sheets[closest.sheetIndex]!.name;
    const missing = spec.required.filter((f) => !closest.fields.includes(f)).map((f) => `“${headerOf[f]}”`);
    const what =
      missing.length === 0
        ? '能识别的列太少'
        : `缺少${missing.join('')}${missing.length === 1 ? '一列' : `${missing.length === 2 ? '两' : missing.length === 3 ? '三' : missing.length}列`}`;
    throw new ServiceError('validation', `在工作表“${sheetName}”中没有找到表头：${what}。请确认表格第一行或标题下方有列名${spec.hint}。`);
  }

  return { headerOf, matchHeader, detectTable };
}
