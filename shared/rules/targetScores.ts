/**
 * 年度目标考核: the arithmetic of a target sheet, in one pure module the service, the page and the export share.
 *
 *  - Every item has a weight (权重); the weights of a sheet add up to exactly 100, or the sheet is refused.
 *  - Each item is scored 0–100 for each community (得分率): entered by hand, or for a computed item
 *    value ÷ goal × 100, at most 100 (a goal of 0 scores 100).
 *  - 加权总分 = Σ 得分 × 权重 ÷ 100, so a community that scores 100 on everything has 100.
 *  - An item without a score counts 0 in the total, and the community's line says how many are missing.
 *  - 名次: by total, highest first; equal totals (to the hundredth) share a rank and the next rank is skipped
 *    (1, 2, 2, 4).
 */

export const WEIGHT_TOTAL = 100;

/** Rounds to the hundredth (what totals are compared and shown at). */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The weights' sum, exact to the hundredth (weights are kept to two decimals). */
export function weightSum(weights: readonly number[]): number {
  return weights.reduce((a, w) => a + Math.round(w * 100), 0) / 100;
}

/** null when the weights add up to 100; otherwise the sentence that says what to fix. */
export function weightsProblem(weights: readonly number[]): string | null {
  if (!weights.length) return '目标表中还没有考核项目，请至少添加一项。';
  const sum = weightSum(weights);
  if (sum === WEIGHT_TOTAL) return null;
  const diff = round2(WEIGHT_TOTAL - sum);
  return `各项权重合计应为 ${WEIGHT_TOTAL}，现在是 ${sum}（${diff > 0 ? `还差 ${diff}` : `多了 ${-diff}`}）。请调整权重后再保存。`;
}

/** A computed item's score: value ÷ goal × 100, at most 100, to a tenth; null without a value. */
export function computedScore(value: number | null, goal: number): number | null {
  if (value == null) return null;
  if (goal <= 0) return 100;
  return Math.min(100, Math.round((value / goal) * 1000) / 10);
}

export interface ScoredItem {
  itemId: number;
  weight: number;
}

export interface CommunityResult {
  communityId: number;
  communityName: string;
  /** Per item id: its score (0–100), or null when not scored. */
  scores: Record<number, number | null>;
  /** Σ score × weight ÷ 100, to the hundredth. */
  total: number;
  /** Items without a score. */
  missing: number;
  rank: number;
}

/** The weighted total of one community's scores. */
export function weightedTotal(items: readonly ScoredItem[], scores: Readonly<Record<number, number | null | undefined>>): { total: number; missing: number } {
  let sum = 0;
  let missing = 0;
  for (const it of items) {
    const s = scores[it.itemId];
    if (s == null) missing++;
    else sum += s * it.weight;
  }
  return { total: round2(sum / WEIGHT_TOTAL), missing };
}

const collator = new Intl.Collator('zh-CN');

/** Every community's total and rank, highest first (ties by name, sharing the rank). */
export function assess(
  items: readonly ScoredItem[],
  communities: readonly { communityId: number; communityName: string }[],
  scoreOf: (itemId: number, communityId: number) => number | null,
): CommunityResult[] {
  const rows = communities.map((c) => {
    const scores: Record<number, number | null> = {};
    for (const it of items) scores[it.itemId] = scoreOf(it.itemId, c.communityId);
    const { total, missing } = weightedTotal(items, scores);
    return { communityId: c.communityId, communityName: c.communityName, scores, total, missing, rank: 0 };
  });
  rows.sort((a, b) => b.total - a.total || collator.compare(a.communityName, b.communityName));
  rows.forEach((r, i) => (r.rank = i > 0 && rows[i - 1]!.total === r.total ? rows[i - 1]!.rank : i + 1));
  return rows;
}
