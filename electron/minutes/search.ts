/**
 * The search's text rules, in one place: how stored text and queries are normalised, the bigram tokens of the
 * short-query index, how a query becomes FTS5 expressions, and the snippet around the first match.
 *
 * A query is split on spaces into terms, all of which must appear (as substrings, case-insensitive):
 *  - 3+ characters: the trigram index (a phrase of trigrams is exactly a substring);
 *  - 2 letters/digits: the bigram index — one token per adjacent pair, so the pair's token exists exactly when
 *    the text holds the pair;
 *  - 1 letter/digit: a prefix query on the same index (every run's last character is a token of its own);
 *  - 1–2 characters with punctuation in them: a scan of the stored text (rare; bounded by the other terms).
 */

const WORD = /[\p{L}\p{N}]/u;
const RUNS = /[\p{L}\p{N}]+/gu;

/** Full-width letters and digits (ＡＢＣ１２３) as ASCII, the ideographic space as a space; nothing else changes. */
export function normaliseText(s: string): string {
  return s.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** The bigram index's tokens for a text: each adjacent pair of letters/digits in a run, and each run's last one. */
export function gramsOf(body: string): string {
  const seen = new Set<string>();
  for (const m of normaliseText(body).toLowerCase().matchAll(RUNS)) {
    const run = Array.from(m[0]);
    for (let i = 0; i + 1 < run.length; i++) seen.add(run[i]! + run[i + 1]!);
    seen.add(run[run.length - 1]!);
  }
  return Array.from(seen).join(' ');
}

export interface ParsedQuery {
  terms: string[];
  /** FTS5 expression for the trigram index, or null. */
  trigram: string | null;
  /** FTS5 expression for the bigram index, or null. */
  grams: string | null;
  /** Short terms with punctuation: checked against the stored text (lower case). */
  scan: string[];
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function parseQuery(q: string | undefined): ParsedQuery | null {
  const terms = Array.from(new Set(normaliseText(q ?? '').toLowerCase().split(/\s+/).filter(Boolean))).slice(0, 10);
  if (!terms.length) return null;
  const tri: string[] = [];
  const grams: string[] = [];
  const scan: string[] = [];
  for (const t of terms) {
    const chars = Array.from(t);
    if (chars.length >= 3) tri.push(quote(t));
    else if (chars.every((c) => WORD.test(c))) grams.push(chars.length === 2 ? quote(t) : `${quote(t)}*`);
    else scan.push(t);
  }
  return { terms, trigram: tri.length ? tri.join(' AND ') : null, grams: grams.length ? grams.join(' AND ') : null, scan };
}

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/**
 * About `width` characters of the text around the first match, with every match of any term in it marked.
 * Line breaks become spaces. Without a match: the text's beginning.
 */
export function snippetOf(body: string, terms: string[], width = 90): SnippetPart[] {
  const text = body.replace(/\s+/g, ' ');
  const lower = text.toLowerCase();
  // Lower-casing keeps the length for the text we index (CJK, ASCII); anything else falls back to no marks.
  const sameLength = lower.length === text.length;
  let first = -1;
  if (sameLength)
    for (const t of terms) {
      const i = lower.indexOf(t);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    }
  const start = first < 0 ? 0 : Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(text.length, start + width);
  const parts: SnippetPart[] = [];
  const push = (s: string, hit: boolean) => {
    if (!s) return;
    const last = parts[parts.length - 1];
    if (last && last.hit === hit) last.text += s;
    else parts.push({ text: s, hit });
  };
  if (start > 0) push('…', false);
  let i = start;
  while (i < end) {
    let best = -1;
    let len = 0;
    if (sameLength)
      for (const t of terms) {
        const j = lower.indexOf(t, i);
        if (j >= 0 && j < end && (best < 0 || j < best || (j === best && t.length > len))) {
          best = j;
          len = t.length;
        }
      }
    if (best < 0) {
      push(text.slice(i, end), false);
      break;
    }
    push(text.slice(i, best), false);
    push(text.slice(best, Math.min(best + len, text.length)), true);
    i = best + len;
  }
  if (end < text.length) push('…', false);
  return parts;
}

/** A snippet as one line for a terminal: matches in 【】. */
export function snippetText(parts: SnippetPart[]): string {
  return parts.map((p) => (p.hit ? `【${p.text}】` : p.text)).join('');
}
