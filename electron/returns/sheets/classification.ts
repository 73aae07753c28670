/**
 * 党员分类统计表: per community (or branch, for a community's return), members by classification, 正式 and 预备, and
 * the total. A member may carry several classifications, so those columns may add up to more than the total;
 * 正式 + 预备 is the total.
 */
import { RETURN_SHEET_LABELS, TAGS, TAG_LABELS, tagBit } from '../../../shared/domain/labels';
import { chineseDate } from '../../../shared/returns';
import { asOfNote, Counts, tableOf, type SheetModule } from './sheet';

export const TOTAL = '党员总数';
export const FULL = '正式党员';
export const PROBATIONARY = '预备党员';
export const UNCLASSIFIED = '未分类';

export const classificationSheet: SheetModule = {
  id: 'classification',
  build(ctx) {
    const counts = new Counts();
    for (const m of ctx.members()) {
      const row = ctx.scope.rowOf(m.branchId);
      if (row < 0) continue;
      counts.add(row, TOTAL);
      counts.add(row, m.full ? FULL : PROBATIONARY);
      if (m.tagMask === 0) counts.add(row, UNCLASSIFIED);
      else for (const t of TAGS) if (m.tagMask & tagBit(t)) counts.add(row, TAG_LABELS[t]);
    }
    return tableOf(
      {
        name: RETURN_SHEET_LABELS.classification,
        title: '党员分类统计表',
        rowHeader: '单位',
        columns: [
          { label: TOTAL },
          { label: FULL, group: '人员类别' },
          { label: PROBATIONARY, group: '人员类别' },
          ...TAGS.map((t) => ({ label: TAG_LABELS[t], group: '分类' })),
          { label: UNCLASSIFIED, group: '分类' },
        ],
        notes: [asOfNote(chineseDate(ctx.asOf)), '一名党员可同时属于几个分类，各分类人数之和可能大于党员总数；正式党员与预备党员之和等于党员总数。'],
      },
      ctx.scope.rows((i) => counts.get(i, TOTAL)),
      counts,
    );
  },
};
