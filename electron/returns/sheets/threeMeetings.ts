/**
 * 三会一课开展情况: each branch in the scope (under its parent's heading), the 支部党员大会, 支委会, 党小组会 and 党课
 * held in the period, and the months or quarters that ended without a required one (应开未开) — read from the
 * minutes' own 三会一课 overview, so the return and the 会议纪要 page agree. A month's return counts the quarterly
 * meetings (党员大会, 党课) of the quarter it falls in.
 */
import { MEETING_TYPE_LABELS, RETURN_SHEET_LABELS, type MeetingType } from '../../../shared/domain/labels';
import { chineseDate } from '../../../shared/returns';
import { Counts, tableOf, type SheetModule, type TableRow } from './sheet';

const TYPES: readonly MeetingType[] = ['memberAssembly', 'committee', 'groupMeeting', 'partyLesson'];
const HELD_TOTAL = '召开合计';
const GAP_LABELS: Record<string, string> = {
  memberAssembly: '党员大会（季）',
  committee: '支委会（月）',
  groupMeeting: '党小组会（月）',
  partyLesson: '党课（季）',
};
const GAP_TOTAL = '应开未开合计';

export const threeMeetingsSheet: SheetModule = {
  id: 'threeMeetings',
  build(ctx) {
    const year = Number(ctx.period.slice(0, 4));
    const month = ctx.period.length > 4 ? Number(ctx.period.slice(5, 7)) : null;
    // Months (1…12) and quarters (0…3) of the year the period covers.
    const inMonth = (m: number) => month == null || m === month;
    const inQuarter = (q: number) => month == null || Math.floor((month - 1) / 3) === q;
    const overview = ctx.services.minutes.overview(year);
    const counts = new Counts();
    const rows: TableRow[] = [];
    overview.branches
      .filter((b) => ctx.scope.contains(b.orgId))
      .forEach((b, i) => {
        for (const r of b.rows) {
          r.cells.forEach((cell, k) => {
            const within = r.every === 'month' ? inMonth(k + 1) : inQuarter(k);
            if (!within) return;
            counts.add(i, MEETING_TYPE_LABELS[r.type], cell.held);
            if (cell.gap) counts.add(i, GAP_LABELS[r.type]!, 1);
          });
        }
        rows.push({ label: b.orgName, index: i, group: b.parentName ?? ctx.scope.name });
      });
    // Each parent's branches together, parents in tree order.
    const groupOrder = new Map<string, number>();
    for (const r of rows) if (!groupOrder.has(r.group!)) groupOrder.set(r.group!, groupOrder.size);
    rows.sort((a, b) => groupOrder.get(a.group!)! - groupOrder.get(b.group!)!);
    // Labels are the rows' keys: a repeated name (第一党支部 in every community) takes its heading, then a number.
    const named = new Map<string, number>();
    for (const r of rows) named.set(r.label, (named.get(r.label) ?? 0) + 1);
    for (const r of rows) if ((named.get(r.label) ?? 0) > 1) r.label = `${r.label}（${r.group}）`;
    const seen = new Map<string, number>();
    for (const r of rows) {
      const n = (seen.get(r.label) ?? 0) + 1;
      seen.set(r.label, n);
      if (n > 1) r.label = `${r.label}（${n}）`;
    }
    const notes = [
      `召开次数按会议纪要中 ${chineseDate(ctx.start)} 至 ${chineseDate(ctx.asOf)} 召开的会议统计${month != null ? '（支部党员大会、党课按所在季度统计）' : ''}；党小组会含各党小组召开的。`,
      `应开未开：已经结束的月份（支委会、党小组会）或季度（支部党员大会、党课）里一次也没有召开的个数，按 ${chineseDate(overview.today < ctx.asOf ? overview.today : ctx.asOf)} 计算；支委会只计设支委会的支部，党小组会只计设党小组的支部。`,
    ];
    if (!rows.length) notes.unshift(`${ctx.scope.name}没有党支部。`);
    return tableOf(
      {
        name: RETURN_SHEET_LABELS.threeMeetings,
        title: '“三会一课”开展情况',
        rowHeader: '党支部',
        columns: [
          ...TYPES.map((t) => ({ label: MEETING_TYPE_LABELS[t], group: '召开次数' })),
          { label: HELD_TOTAL, group: '召开次数', sumOf: TYPES.map((t) => MEETING_TYPE_LABELS[t]) },
          ...TYPES.map((t) => ({ label: GAP_LABELS[t]!, group: '应开未开（个）' })),
          { label: GAP_TOTAL, group: '应开未开（个）', sumOf: TYPES.map((t) => GAP_LABELS[t]!) },
        ],
        notes,
      },
      rows,
      counts,
    );
  },
};
