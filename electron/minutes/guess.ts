/**
 * Guesses for an old minutes file, from its name and its first lines: the meeting's type, date, title, and the
 * place, host and recorder where the text says them (“会议地点：…”). The clerk confirms them in the preview.
 */
import type { MeetingType } from '../../shared/domain/labels';
import { isRealDate } from '../../shared/rules/idNumber';

export interface Guess {
  type: MeetingType;
  heldOn: string | null;
  title: string;
  place: string | null;
  host: string | null;
  recorder: string | null;
}

/** Checked in this order: the more particular words first (支部委员会 before 党员大会 would both fit “支部…会”). */
const TYPE_WORDS: [RegExp, MeetingType][] = [
  [/协调委员会/, 'coordinationCommittee'],
  [/联席会/, 'jointMeeting'],
  [/主题党日|党员活动日/, 'themeDay'],
  [/支委会|支部委员会|支委扩大会/, 'committee'],
  [/党员大会|全体党员会/, 'memberAssembly'],
  [/党小组/, 'groupMeeting'],
  [/党课/, 'partyLesson'],
];

export function guessType(s: string): MeetingType | null {
  for (const [re, t] of TYPE_WORDS) if (re.test(s)) return t;
  return null;
}

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, O: 0, o: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二〇二三 → 2023; 十一 → 11; 二十八 → 28. */
function cnNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (!s.includes('十')) {
    let n = 0;
    for (const ch of s) {
      const d = CN_DIGITS[ch];
      if (d === undefined) return null;
      n = n * 10 + d;
    }
    return n;
  }
  const [tens, ones] = s.split('十') as [string, string];
  const t = tens === '' ? 1 : CN_DIGITS[tens];
  const o = ones === '' ? 0 : CN_DIGITS[ones];
  if (t === undefined || o === undefined) return null;
  return t * 10 + o;
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

const DATE_PATTERNS: RegExp[] = [
  /(?<![\d])((?:19|20)\d{2})\s*[年.\-/_]\s*(\d{1,2})\s*[月.\-/_]\s*(\d{1,2})(?![\d])/,
  /(?<![\d])((?:19|20)\d{2})(\d{2})(\d{2})(?![\d])/,
  /([〇零一二三四五六七八九OoＯ]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/,
];

/** The first real date in the text (2024年3月15日, 2024-03-15, 2024.3.15, 20240315, 二〇二三年十一月八日). */
export function findDate(s: string): string | null {
  let best: { at: number; date: string } | null = null;
  for (const re of DATE_PATTERNS) {
    const g = new RegExp(re.source, re.flags + 'g');
    for (const m of s.matchAll(g)) {
      const y = cnNumber(m[1]!.replace(/Ｏ/g, '〇'));
      const mo = cnNumber(m[2]!);
      const d = cnNumber(m[3]!);
      if (y == null || mo == null || d == null || !isRealDate(y, mo, d)) continue;
      if (!best || m.index! < best.at) best = { at: m.index!, date: iso(y, mo, d) };
      break;
    }
  }
  return best?.date ?? null;
}

function field(lines: string[], labels: RegExp): string | null {
  for (const l of lines) {
    const m = new RegExp(`^\\s*(?:${labels.source})\\s*[：:]\\s*(.+)$`).exec(l);
    if (m) {
      const v = m[1]!.trim();
      if (v) return v.slice(0, 100);
    }
  }
  return null;
}

export function guessFromFile(fileName: string, text: string): Guess {
  const base = fileName.replace(/\.[^.]*$/, '').trim();
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 40);
  const head = lines.slice(0, 15).join('\n');
  const firstLine = lines[0] ?? '';
  // The first line is the title when it reads like one (short, no colon), otherwise the file's name.
  const titleLine = firstLine.length >= 4 && firstLine.length <= 60 && !/[：:]/.test(firstLine) ? firstLine : null;
  const dateLine = field(lines, /会议时间|活动时间|时间|日期|会议日期|活动日期/);
  const heldOn = findDate(base) ?? (dateLine ? findDate(dateLine) : null) ?? findDate(head);
  const type = guessType(base) ?? guessType(titleLine ?? '') ?? guessType(head) ?? 'other';
  const title = (titleLine ?? (base.replace(/^[\d\s._\-年月日]+/, '').trim() || base)).slice(0, 100);
  return {
    type,
    heldOn,
    title,
    place: field(lines, /会议地点|活动地点|地点/),
    host: field(lines, /主持人|主持|主讲人/)?.slice(0, 40) ?? null,
    recorder: field(lines, /记录人|记录/)?.slice(0, 40) ?? null,
  };
}
