/**
 * 两新组织党建覆盖情况: per community, the two-new organisations operating on the period's last day, their Party
 * members, how each is covered (单独组建, 联合组建, 党建联络员, 仅建工会, 未覆盖), both rates — 党的组织覆盖率 and 党的工作覆盖率
 * — and the ones with 3 or more 正式党员 that have no organisation of their own. The arithmetic is
 * shared/rules/coverage.ts's (the 两新组织 page's); the organisations as they stood on the day come from
 * NewOrgService.factsAsOf.
 */
import { PARTY_WORK_LABELS, RETURN_SHEET_LABELS } from '../../../shared/domain/labels';
import { chineseDate } from '../../../shared/returns';
import { QUALIFY_FULL_MEMBERS, qualifies } from '../../../shared/rules/coverage';
import { communityRows } from './communities';
import { Counts, tableOf, type SheetModule } from './sheet';

export const ORGANISATIONS = '两新组织数';
export const FULL = '正式党员';
export const PROBATIONARY = '预备党员';
export const OWN = PARTY_WORK_LABELS.own;
export const JOINT = PARTY_WORK_LABELS.joint;
export const LIAISON = PARTY_WORK_LABELS.liaisonOnly;
export const UNION = PARTY_WORK_LABELS.unionOnly;
export const NONE = PARTY_WORK_LABELS.none;
export const ORGANISATION_COVERAGE = '党的组织覆盖率';
export const WORK_COVERAGE = '党的工作覆盖率';
export const QUALIFIED = `有${QUALIFY_FULL_MEMBERS}名以上正式党员`;
export const QUALIFIED_UNCOVERED = '其中未单独组建';

export const newOrgCoverageSheet: SheetModule = {
  id: 'newOrgCoverage',
  build(ctx) {
    const rows = communityRows(ctx);
    const counts = new Counts();
    for (const o of ctx.services.neworgs.factsAsOf(ctx.asOf)) {
      if (!o.operating) continue;
      const row = rows.rowOf(o.communityId);
      if (row < 0) continue;
      counts.add(row, ORGANISATIONS);
      counts.add(row, FULL, o.fullMembers);
      counts.add(row, PROBATIONARY, o.probationaryMembers);
      counts.add(row, PARTY_WORK_LABELS[o.partyWork]);
      if (qualifies(o)) {
        counts.add(row, QUALIFIED);
        if (o.partyWork !== 'own') counts.add(row, QUALIFIED_UNCOVERED);
      }
    }
    const day = chineseDate(ctx.asOf);
    return tableOf(
      {
        name: RETURN_SHEET_LABELS.newOrgCoverage,
        title: '两新组织党建工作覆盖情况',
        rowHeader: '单位',
        columns: [
          { label: ORGANISATIONS },
          { label: FULL, group: '党员人数' },
          { label: PROBATIONARY, group: '党员人数' },
          { label: OWN, group: '党的组织覆盖' },
          { label: JOINT, group: '党的组织覆盖' },
          { label: LIAISON, group: '党的工作覆盖（无党组织）' },
          { label: UNION, group: '党的工作覆盖（无党组织）' },
          { label: NONE },
          { label: ORGANISATION_COVERAGE, group: '覆盖率', rateOf: { numerator: [OWN, JOINT], denominator: ORGANISATIONS } },
          { label: WORK_COVERAGE, group: '覆盖率', rateOf: { numerator: [OWN, JOINT, LIAISON, UNION], denominator: ORGANISATIONS } },
          { label: QUALIFIED, group: '应单独组建' },
          { label: QUALIFIED_UNCOVERED, group: '应单独组建' },
        ],
        notes: [
          `按 ${day} 在营的两新组织统计：登记（录入）日期在此之后的、注销（停业）日期在此之前（含当日）的不计入；登记册没有成立日期，先成立后登记的组织自登记之日起计入。`,
          `党建工作情况、所在社区和关系在外的党员人数按操作日志还原到 ${day}（之后的修改不计）；没有修改记录的按现在登记的情况。关联名册的党员按当日在册情况计，正式、预备按当日。`,
          '党的组织覆盖率＝（单独组建＋联合组建）÷ 两新组织数；党的工作覆盖率＝（单独组建＋联合组建＋党建联络员＋仅建工会）÷ 两新组织数。没有在营两新组织的单位无从计算覆盖率，填“—”（不是 0%）。',
          `应单独组建：有${QUALIFY_FULL_MEMBERS}名以上正式党员的组织；其中未单独组建的，是应单独组建而未组建的。`,
        ],
      },
      rows.rows((i) => counts.get(i, ORGANISATIONS)),
      counts,
    );
  },
};
