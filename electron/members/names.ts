import { pinyin } from 'pinyin-pro';

/**
 * Keys derived from a name for search and sorting: pinyin initials ("张三" → "zs") and full pinyin by syllable
 * ("zhang san"), with surnames read as surnames (单 → shan, 曾 → zeng). Non-Chinese characters are kept.
 * The syllables stay apart in the sort key, so 陈国强 (chen guo qiang) sorts before 程林军 (cheng lin jun),
 * as a clerk expects; run together, "chenguoqiang" would sort after "chenglinjun".
 */
export function nameKeys(name: string): { initials: string; pinyin: string } {
  let keys = memo.get(name);
  if (!keys) {
    keys = computeKeys(name);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(name, keys);
  }
  return keys;
}

/** Names repeat (an import of 100,000 members has far fewer distinct names): pinyin is worked out once each. */
const memo = new Map<string, { initials: string; pinyin: string }>();
const MEMO_LIMIT = 50_000;

function computeKeys(name: string): { initials: string; pinyin: string } {
  const opts = { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive', v: true } as const;
  const full = pinyin(name, opts).map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''));
  // A name of Chinese characters only (nearly all): each initial is its syllable's first letter, so pinyin is
  // worked out once. A run of other characters ("李Amy") is its own "initial" and needs pinyin-pro's own reading.
  const initials = HAN_ONLY.test(name)
    ? full.map((s) => s.slice(0, 1))
    : pinyin(name, { ...opts, pattern: 'first' }).map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''));
  return { initials: initials.join(''), pinyin: full.filter(Boolean).join(' ') };
}

const HAN_ONLY = /^\p{Script=Han}+$/u;

/** What the search box matches: name, initials, pinyin run together ("zhangsan"), ID number. */
export function searchText(name: string, initials: string, fullPinyin: string, idNumber: string): string {
  return `${name}|${initials}|${fullPinyin.replaceAll(' ', '')}|${idNumber}`.toLowerCase();
}
