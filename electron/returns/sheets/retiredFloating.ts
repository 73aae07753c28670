/**
 * 离退休和流动党员党支部情况: each 离退休党支部 and 流动党员党支部 in the scope, with its members by category, under a
 * heading per kind. A scope without such branches gives the 合计 row alone, with a note saying so.
 */
import { RETURN_SHEET_LABELS, TAG_LABELS, tagBit, type OrgKind, type Tag } from '../../../shared/domain/labels';
import { chineseDate } from '../../../shared/returns';
import { asOfNote, Counts, tableOf, type SheetModule, type TableRow } from './sheet';
import { FULL, PROBATIONARY, TOTAL } from './classification';
import { FEMALE, INFLOW, LOST_CONTACT, OUTFLOW } from './structure';

const KINDS: readonly { kind: OrgKind; heading: string }[] = [
  { kind: 'retiredBranch', heading: '离退休党支部' },
  { kind: 'floatingBranch', heading: '流动党员党支部' },
];
const TAGS_SHOWN: readonly Tag[] = ['retiredCadre', 'retiredWorker', 'contractEnded', 'laidOff', 'resident', 'inService'];
const ELDERLY = '61岁及以上';

export const retiredFloatingSheet: SheetModule = {
  id: 'retiredFloating',
  build(ctx) {
    const { scope } = ctx;
    const branches = [...scope.orgs.values()].filter((o) => KINDS.some((k) => k.kind === o.kind) && scope.contains(o.id));
    const index = new Map(branches.map((o, i) => [o.id, i]));
    const counts = new Counts();
    for (const m of ctx.members()) {
      const i = m.branchId != null ? index.get(m.branchId) : undefined;
      if (i === undefined) continue;
      counts.add(i, TOTAL);
      counts.add(i, m.full ? FULL : PROBATIONARY);
      if (m.female) counts.add(i, FEMALE);
      if (m.age != null && m.age >= 61) counts.add(i, ELDERLY);
      for (const t of TAGS_SHOWN) if (m.tagMask & tagBit(t)) counts.add(i, TAG_LABELS[t]);
      if (m.floating === 'outflow') counts.add(i, OUTFLOW);
      else if (m.floating === 'inflow') counts.add(i, INFLOW);
      if (m.lostContact) counts.add(i, LOST_CONTACT);
    }
    const rows: TableRow[] = [];
    for (const k of KINDS)
      branches.forEach((o, i) => {
        if (o.kind !== k.kind) return;
        // A dissolved branch appears only while someone still counted in it on the day.
        if (o.dissolvedOn != null && o.dissolvedOn <= ctx.asOf && counts.get(i, TOTAL) === 0) return;
        const parent = scope.parentName(o.id);
        rows.push({ label: parent ? `${o.name}（${parent}）` : o.name, index: i, group: k.heading });
      });
    const seen = new Map<string, number>();
    for (const r of rows) {
      const n = (seen.get(r.label) ?? 0) + 1;
      seen.set(r.label, n);
      if (n > 1) r.label = `${r.label}（${n}）`;
    }
    const notes = [asOfNote(chineseDate(ctx.asOf)), '一名党员可同时属于几个分类。'];
    if (!rows.length) notes.unshift(`${scope.name}没有离退休党支部或流动党员党支部。`);
    return tableOf(
      {
        name: RETURN_SHEET_LABELS.retiredFloating,
        title: '离退休党支部和流动党员党支部情况',
        rowHeader: '党支部（所属党组织）',
        columns: [
          { label: TOTAL },
          { label: FULL, group: '人员类别' },
          { label: PROBATIONARY, group: '人员类别' },
          { label: FEMALE, group: '其中' },
          { label: ELDERLY, group: '其中' },
          ...TAGS_SHOWN.map((t) => ({ label: TAG_LABELS[t], group: '分类' })),
          { label: OUTFLOW, group: '流动党员' },
          { label: INFLOW, group: '流动党员' },
          { label: LOST_CONTACT },
        ],
        notes,
      },
      rows,
      counts,
    );
  },
};
