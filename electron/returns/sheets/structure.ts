/**
 * 党员队伍结构, in two sheets so that each prints one page wide on A4 landscape:
 *  - 性别、民族、年龄、学历: 女, 少数民族, the eight age bands, the education groups with 大专及以上 as a subtotal;
 *  - 工作岗位、入党时间、失联、流动: occupation groups, join eras, 失联党员, 流出 and 流入.
 * Every breakdown has a 不详 column, so its columns add up to 党员总数.
 */
import { RETURN_SHEET_LABELS } from '../../../shared/domain/labels';
import { chineseDate } from '../../../shared/returns';
import {
  AGE_BANDS,
  AGE_UNKNOWN,
  COLLEGE_OR_ABOVE,
  COLLEGE_OR_ABOVE_OF,
  EDUCATION_GROUPS,
  EDUCATION_UNKNOWN,
  JOIN_ERAS,
  JOIN_UNKNOWN,
  OCCUPATION_GROUPS,
  OCCUPATION_UNKNOWN,
  ageBand,
  educationGroup,
  joinEra,
  occupationGroup,
} from '../groups';
import { asOfNote, Counts, tableOf, type SheetModule } from './sheet';
import { TOTAL } from './classification';

export const FEMALE = '女';
export const MINORITY = '少数民族';
export const LOST_CONTACT = '失联党员';
export const OUTFLOW = '流出';
export const INFLOW = '流入';

export const structureSheet: SheetModule = {
  id: 'structure',
  build(ctx) {
    const counts = new Counts();
    for (const m of ctx.members()) {
      const row = ctx.scope.rowOf(m.branchId);
      if (row < 0) continue;
      counts.add(row, TOTAL);
      if (m.female) counts.add(row, FEMALE);
      if (m.minority) counts.add(row, MINORITY);
      counts.add(row, ageBand(m.age));
      counts.add(row, educationGroup(m.education));
    }
    return tableOf(
      {
        name: RETURN_SHEET_LABELS.structure,
        title: '党员队伍结构情况（性别、民族、年龄、学历）',
        rowHeader: '单位',
        columns: [
          { label: TOTAL },
          { label: FEMALE, group: '其中' },
          { label: MINORITY, group: '其中' },
          ...[...AGE_BANDS.map((b) => b.label), AGE_UNKNOWN].map((label) => ({ label, group: '年龄' })),
          ...[...EDUCATION_GROUPS, EDUCATION_UNKNOWN].map((label) => ({ label, group: '学历' })),
          { label: COLLEGE_OR_ABOVE, group: '学历', sumOf: COLLEGE_OR_ABOVE_OF },
        ],
        notes: [
          asOfNote(chineseDate(ctx.asOf)),
          `年龄按 ${chineseDate(ctx.asOf)} 计算。研究生含博士、硕士；高中及以下含高中、初中、小学及以下。大专及以上＝研究生＋大学本科＋大学专科。`,
        ],
      },
      ctx.scope.rows((i) => counts.get(i, TOTAL)),
      counts,
    );
  },
};

export const occupationSheet: SheetModule = {
  id: 'occupation',
  build(ctx) {
    const counts = new Counts();
    for (const m of ctx.members()) {
      const row = ctx.scope.rowOf(m.branchId);
      if (row < 0) continue;
      counts.add(row, TOTAL);
      counts.add(row, occupationGroup(m.occupation));
      counts.add(row, joinEra(m.joinedOn));
      if (m.lostContact) counts.add(row, LOST_CONTACT);
      if (m.floating === 'outflow') counts.add(row, OUTFLOW);
      else if (m.floating === 'inflow') counts.add(row, INFLOW);
    }
    return tableOf(
      {
        name: RETURN_SHEET_LABELS.occupation,
        title: '党员队伍结构情况（工作岗位、入党时间、失联和流动党员）',
        rowHeader: '单位',
        columns: [
          { label: TOTAL },
          ...[...OCCUPATION_GROUPS, OCCUPATION_UNKNOWN].map((label) => ({ label, group: '工作岗位' })),
          ...[...JOIN_ERAS.map((e) => e.label), JOIN_UNKNOWN].map((label) => ({ label, group: '入党时间' })),
          { label: LOST_CONTACT },
          { label: OUTFLOW, group: '流动党员' },
          { label: INFLOW, group: '流动党员' },
        ],
        notes: [
          asOfNote(chineseDate(ctx.asOf)),
          '工作岗位按“工作岗位”一栏归类：工人含工勤技能人员；专业技术人员、管理人员含企事业单位和社会组织的；下岗失业等其余岗位计入其他职业人员。',
          '流出、流入按当日持有的流动党员活动证统计；从未办理活动证的，按“是否为流动党员”和流动方向统计。',
        ],
      },
      ctx.scope.rows((i) => counts.get(i, TOTAL)),
      counts,
    );
  },
};
