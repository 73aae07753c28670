/**
 * 在职党员报到情况: per community, the in-service members registered there on the period's last day (and how many
 * registered within the period), and the service they gave in the period — people, times, hours — read through
 * InServiceService.periodFacts, by the registrations' and records' own dates.
 */
import { RETURN_SHEET_LABELS } from '../../../shared/domain/labels';
import { chineseDate } from '../../../shared/returns';
import { communityRows } from './communities';
import { Counts, tableOf, type SheetModule } from './sheet';

export const REGISTERED = '报到党员';
export const NEW = '其中本期报到';
export const SERVED = '参加服务人数';
export const RECORDS = '服务次数';
export const HOURS = '服务时长（小时）';

export const inServiceSheet: SheetModule = {
  id: 'inService',
  build(ctx) {
    const rows = communityRows(ctx);
    const counts = new Counts();
    for (const r of ctx.services.inService.periodFacts(ctx.start, ctx.asOf)) {
      const row = rows.rowOf(r.communityId);
      if (row < 0) continue;
      if (r.standing) counts.add(row, REGISTERED);
      if (r.newInPeriod) counts.add(row, NEW);
      if (r.records > 0) counts.add(row, SERVED);
      counts.add(row, RECORDS, r.records);
      counts.add(row, HOURS, Math.round(r.hours * 10));
    }
    const sheet = tableOf(
      {
        name: RETURN_SHEET_LABELS.inService,
        title: '在职党员到社区报到情况',
        rowHeader: '社区',
        columns: [
          { label: REGISTERED, group: '报到' },
          { label: NEW, group: '报到' },
          { label: SERVED, group: '本期服务' },
          { label: RECORDS, group: '本期服务' },
          { label: HOURS, group: '本期服务', decimals: 1 },
        ],
        notes: [
          `报到党员按 ${chineseDate(ctx.asOf)} 仍在报到的统计：报到日期在此之后的、报到在此之前（含当日）已结束的、当日不在名册中的不计入；其中本期报到的，报到日期在 ${chineseDate(ctx.start)} 以后。`,
          `本期服务按服务日期在 ${chineseDate(ctx.start)} 至 ${chineseDate(ctx.asOf)} 之间的服务记录统计；参加服务人数为其间有服务记录的报到党员（含之后结束报到的）。`,
        ],
      },
      rows.rows((i) => counts.get(i, REGISTERED) + counts.get(i, RECORDS)),
      counts,
    );
    for (const r of sheet.rows) r.values[HOURS] = (r.values[HOURS] ?? 0) / 10;
    return sheet;
  },
};
