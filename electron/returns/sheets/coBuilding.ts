/**
 * 共驻共建情况: per community, the units in the area on the period's last day, the agreements in force on it (共驻共建
 * and 结对共建, and how many were signed within the period), and the themed activities held in the period with their
 * participants and hours — read through CoBuildingService.periodFacts, by the records' own dates.
 */
import { AGREEMENT_KIND_LABELS, RETURN_SHEET_LABELS } from '../../../shared/domain/labels';
import { chineseDate } from '../../../shared/returns';
import { communityRows } from './communities';
import { Counts, tableOf, type SheetModule } from './sheet';

export const UNITS = '驻区单位';
export const CO_BUILDING = `${AGREEMENT_KIND_LABELS.coBuilding}协议`;
export const PAIRING = `${AGREEMENT_KIND_LABELS.pairing}协议`;
export const AGREEMENTS = '有效协议合计';
export const SIGNED = '其中本期签订';
export const ACTIVITIES = '开展活动';
export const PARTICIPANTS = '参加人次';
export const MEMBER_PARTICIPANTS = '其中党员人次';
export const HOURS = '活动时长（小时）';
export const PERSON_HOURS = '服务时长（人·小时）';

export const coBuildingSheet: SheetModule = {
  id: 'coBuilding',
  build(ctx) {
    const rows = communityRows(ctx);
    const counts = new Counts();
    const facts = ctx.services.cobuilding.periodFacts(ctx.start, ctx.asOf);
    for (const u of facts.units) {
      const row = rows.rowOf(u.communityId);
      if (row >= 0) counts.add(row, UNITS);
    }
    for (const a of facts.agreements) {
      const row = rows.rowOf(a.communityId);
      if (row < 0) continue;
      counts.add(row, a.kind === 'pairing' ? PAIRING : CO_BUILDING);
      if (a.signedInPeriod) counts.add(row, SIGNED);
    }
    for (const a of facts.activities) {
      const row = rows.rowOf(a.communityId);
      if (row < 0) continue;
      counts.add(row, ACTIVITIES);
      counts.add(row, PARTICIPANTS, a.participants);
      counts.add(row, MEMBER_PARTICIPANTS, a.members);
      // Tenths of an hour: exact sums, printed in hours below.
      counts.add(row, HOURS, Math.round(a.hours * 10));
      counts.add(row, PERSON_HOURS, Math.round(a.hours * a.participants * 10));
    }
    const sheet = tableOf(
      {
        name: RETURN_SHEET_LABELS.coBuilding,
        title: '共驻共建工作情况',
        rowHeader: '单位',
        columns: [
          { label: UNITS },
          { label: CO_BUILDING, group: '共建协议' },
          { label: PAIRING, group: '共建协议' },
          { label: AGREEMENTS, group: '共建协议', sumOf: [CO_BUILDING, PAIRING] },
          { label: SIGNED, group: '共建协议' },
          { label: ACTIVITIES, group: '主题活动' },
          { label: PARTICIPANTS, group: '主题活动' },
          { label: MEMBER_PARTICIPANTS, group: '主题活动' },
          { label: HOURS, group: '主题活动', decimals: 1 },
          { label: PERSON_HOURS, group: '主题活动', decimals: 1 },
        ],
        notes: [
          `驻区单位按 ${chineseDate(ctx.asOf)} 在辖区的统计：登记（录入）日期在此之后的、迁出日期在此之前（含当日）的不计入；按单位现在登记的所在社区。`,
          `有效协议：签订日期和生效日期在 ${chineseDate(ctx.asOf)} 或以前、到期日期在此之后（含当日）的协议；其中本期签订的，签订日期在 ${chineseDate(ctx.start)} 以后。街道党工委签订的计入“（本级）”。`,
          `主题活动按活动日期在 ${chineseDate(ctx.start)} 至 ${chineseDate(ctx.asOf)} 之间的记录统计；参加人次含名册外人员，服务时长＝参加人数×活动时长。`,
        ],
      },
      rows.rows((i) => counts.get(i, UNITS) + counts.get(i, CO_BUILDING) + counts.get(i, PAIRING) + counts.get(i, ACTIVITIES)),
      counts,
    );
    for (const r of sheet.rows) for (const l of [HOURS, PERSON_HOURS]) r.values[l] = (r.values[l] ?? 0) / 10;
    return sheet;
  },
};
