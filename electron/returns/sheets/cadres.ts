/**
 * 社区党务干部队伍结构: per community, the cadres in post on the period's last day — women, formal cadres and their
 * share, age bands, education (大专及以上 as a subtotal), and the period's training (cadres trained, hours) — read
 * through CadreService.facts and banded by shared/rules/cadreStructure.ts, the rules the 干部队伍 page shows.
 */
import { RETURN_SHEET_LABELS } from '../../../shared/domain/labels';
import { chineseDate } from '../../../shared/returns';
import {
  CADRE_AGE_BANDS,
  CADRE_AGE_UNKNOWN,
  CADRE_COLLEGE_OR_ABOVE,
  CADRE_COLLEGE_OR_ABOVE_OF,
  CADRE_EDUCATION_GROUPS,
  CADRE_EDUCATION_UNKNOWN,
  cadreAgeBand,
  cadreEducationGroup,
} from '../../../shared/rules/cadreStructure';
import { ageOn } from '../../../shared/rules/member';
import { Counts, tableOf, type SheetModule } from './sheet';

export const CADRES = '干部人数';
export const CADRES_FEMALE = '女';
export const FORMAL = '正式干部';
export const FORMAL_SHARE = '正式干部占比';
export const TRAINED = '参训人数';
export const TRAINING_HOURS = '培训学时';

export const cadreSheet: SheetModule = {
  id: 'cadres',
  build(ctx) {
    const counts = new Counts();
    for (const c of ctx.services.cadres.facts(ctx.asOf, ctx.start, ctx.asOf)) {
      const row = ctx.scope.rowOf(c.communityId);
      if (row < 0) continue;
      counts.add(row, CADRES);
      if (c.female) counts.add(row, CADRES_FEMALE);
      if (c.formal) counts.add(row, FORMAL);
      counts.add(row, cadreAgeBand(c.birthDate && c.birthDate <= ctx.asOf ? ageOn(c.birthDate, ctx.asOf) : null));
      counts.add(row, cadreEducationGroup(c.education));
      if (c.trainingHours > 0) counts.add(row, TRAINED);
      counts.add(row, TRAINING_HOURS, Math.round(c.trainingHours * 10));
    }
    const sheet = tableOf(
      {
        name: RETURN_SHEET_LABELS.cadres,
        title: '社区党务干部队伍结构情况',
        rowHeader: '单位',
        columns: [
          { label: CADRES },
          { label: CADRES_FEMALE, group: '其中' },
          { label: FORMAL, group: '其中' },
          { label: FORMAL_SHARE, group: '其中', rateOf: { numerator: [FORMAL], denominator: CADRES } },
          ...[...CADRE_AGE_BANDS.map((b) => b.label), CADRE_AGE_UNKNOWN].map((label) => ({ label, group: '年龄' })),
          ...[...CADRE_EDUCATION_GROUPS, CADRE_EDUCATION_UNKNOWN].map((label) => ({ label, group: '学历' })),
          { label: CADRE_COLLEGE_OR_ABOVE, group: '学历', sumOf: [...CADRE_COLLEGE_OR_ABOVE_OF] },
          { label: TRAINED, group: '培训、轮训' },
          { label: TRAINING_HOURS, group: '培训、轮训', decimals: 1 },
        ],
        notes: [
          `按 ${chineseDate(ctx.asOf)} 在任的社区党务干部统计（任职日期在此之后的、在此之前已离任的不计入）；年龄按当日计算。`,
          '正式干部指在编或专职的社区党务干部，正式干部占比＝正式干部 ÷ 干部人数（没有在任干部的单位填“—”）。大专及以上＝研究生＋大学本科＋大学专科。',
          `培训、轮训按开始日期在 ${chineseDate(ctx.start)} 至 ${chineseDate(ctx.asOf)} 之间的记录统计；参训人数为其间参加过培训或轮训的干部人数。`,
        ],
      },
      ctx.scope.rows((i) => counts.get(i, CADRES)),
      counts,
    );
    // Hours were counted in tenths (exact sums); printed in hours.
    for (const r of sheet.rows) r.values[TRAINING_HOURS] = (r.values[TRAINING_HOURS] ?? 0) / 10;
    return sheet;
  },
};
