/**
 * 社区党务干部队伍 on a real database: cadres from the register (their name, birth and education read from it) or
 * named here, trainings, the structure per community and in total, and the structure sheet in the returns workbook.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../electron/errors';
import { cadreInput, cadreListQuery, trainingInput } from '../../shared/cadres';
import { returnsProduceInput } from '../../shared/returns';
import { idFor, memberFixture, smallTree, tempServices } from './helpers';

function refused(fn: () => unknown): ServiceError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ServiceError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

function setup() {
  const s = tempServices(); // today: 2026-11-26
  const t = smallTree(s);
  const member = s.members.create(memberFixture({ name: '周书记', sex: 'female', idNumber: idFor('1968-05-01', 22), birthDate: '1968-05-01', education: 'college', branchId: t.b1.id }));
  const cadre = (over: Record<string, unknown>) =>
    s.cadres.save({ cadre: cadreInput.parse({ memberId: null, post: '社区党委委员', communityId: t.community.id, formal: true, startedOn: '2021-03-01', ...over }) });
  const training = (cadreId: number, over: Record<string, unknown> = {}) =>
    s.cadres.saveTraining({ training: trainingInput.parse({ cadreId, kind: 'training', course: '社区党组织书记示范培训班', startOn: '2026-04-10', endOn: '2026-04-12', hours: 24, ...over }) });
  return { s, t, member, cadre, training };
}

describe('社区党务干部', () => {
  it('a cadre from the register reads name, sex, birth date and education from it; a person named here keeps their own', () => {
    const { s, t, member, cadre } = setup();
    const c = cadre({ memberId: member.id, post: '社区党委书记', name: '别的名字', birthDate: '1999-01-01' });
    expect(c).toMatchObject({ name: '周书记', sex: 'female', birthDate: '1968-05-01', education: 'college', age: 58, communityName: '阳光社区党委', phoneMasked: '138****5678' });
    expect(s.db.prepare('SELECT name, birth_date FROM cadres WHERE id = ?').get(c.id)).toEqual({ name: null, birth_date: null });
    // The register's record changes: so does the cadre's.
    const m = s.members.get(member.id);
    s.members.update(member.id, memberFixture({ name: '周书记', sex: 'female', idNumber: m.idNumber, birthDate: '1968-05-01', education: 'bachelor', branchId: t.b1.id }), m.version);
    expect(s.cadres.get(c.id).education).toBe('bachelor');

    expect(refused(() => cadre({})).fieldErrors).toEqual({ name: '请填写姓名，或从党员名册中选择' });
    const p = cadre({ name: '吴干事', sex: 'male', birthDate: '1995-07-07', education: 'master', formal: false, post: '社区工作者' });
    expect(p).toMatchObject({ name: '吴干事', age: 31, formal: false });
    expect(refused(() => cadre({ memberId: member.id, post: '社区党委书记' })).fieldErrors).toEqual({ post: '这名党员已在本社区登记了同一职务' });
    expect(refused(() => cadre({ name: 'x', communityId: t.b1.id })).fieldErrors).toEqual({ communityId: '“第一党支部”是党支部，请选择社区党委' });
    expect(s.cadres.auditOf(p.id)[0]).toMatchObject({ action: 'create', note: '登记社区党务干部：吴干事（阳光社区党委，社区工作者）' });
    // 任职 is a period: begun by today, left neither before it began nor after today; nothing is saved otherwise.
    const count = () => s.db.prepare('SELECT count(*) FROM cadres').pluck().get();
    const before = count();
    expect(refused(() => cadre({ name: '郑委员', startedOn: '2026-11-27' })).fieldErrors).toEqual({ startedOn: '任职日期不能晚于今天' });
    expect(refused(() => cadre({ name: '郑委员', leftOn: '2021-02-28' })).fieldErrors).toEqual({ leftOn: '离任日期不能早于任职日期（2021-03-01）' });
    expect(refused(() => cadre({ name: '郑委员', leftOn: '2026-11-27' })).fieldErrors).toEqual({ leftOn: '离任日期不能晚于今天' });
    expect(count()).toBe(before);
    expect(cadre({ name: '郑委员', leftOn: '2021-03-01' }).leftOn).toBe('2021-03-01');
    // A stale form is refused; the record is unchanged.
    s.cadres.save({ id: p.id, cadre: cadreInput.parse({ memberId: null, name: '吴干事', post: '专职党务工作者', communityId: t.community.id, formal: true, startedOn: '2021-03-01' }), expectedVersion: p.version });
    expect(refused(() => s.cadres.save({ id: p.id, cadre: cadreInput.parse({ memberId: null, name: '吴干事', post: '社区工作者', communityId: t.community.id, formal: false, startedOn: '2021-03-01' }), expectedVersion: p.version })).code).toBe('conflict');
    expect(s.cadres.get(p.id).post).toBe('专职党务工作者');
  });

  it('trainings and rotations: dates in order, hours that fit the days; entered and removed with the audit log', () => {
    const { s, cadre, training } = setup();
    const c = cadre({ name: '吴干事' });
    expect(refused(() => training(c.id, { endOn: '2026-04-01' })).fieldErrors).toEqual({ endOn: '结束日期不能早于开始日期' });
    expect(refused(() => training(c.id, { hours: 80 })).fieldErrors).toEqual({ hours: '3 天的培训不能超过 72 学时，请核对' });
    const gone = cadre({ name: '离任干部', leftOn: '2026-03-31' });
    expect(refused(() => training(gone.id)).fieldErrors).toEqual({ startOn: '离任干部 已于 2026-03-31 离任，培训开始日期不能晚于离任日期' });
    expect(training(gone.id, { startOn: '2021-02-01', endOn: '2021-02-03' }).trainings).toHaveLength(1);
    training(c.id);
    const after = training(c.id, { kind: 'rotation', course: '基层党务干部轮训', startOn: '2025-09-01', endOn: '2025-09-05', hours: 32, certificate: '结业证书 2025-117' });
    expect(after.trainings.map((x) => [x.kind, x.startOn, x.hours, x.certificate])).toEqual([
      ['training', '2026-04-10', 24, null],
      ['rotation', '2025-09-01', 32, '结业证书 2025-117'],
    ]);
    expect(after.trainingHoursThisYear).toBe(24);
    const removed = s.cadres.removeTraining(after.trainings[0]!.id);
    expect(removed.trainingHoursThisYear).toBe(0);
    expect(s.cadres.auditOf(c.id).map((e) => e.note)).toEqual(['删除培训记录：社区党组织书记示范培训班', '登记轮训：基层党务干部轮训（32 学时）', '登记培训：社区党组织书记示范培训班（24 学时）', '登记社区党务干部：吴干事（阳光社区党委，社区党委委员）']);
  });

  it('the structure per community and in total, of those in post on the day; and its sheet in the returns workbook', async () => {
    const { s, t, member, cadre, training } = setup();
    const a = cadre({ memberId: member.id, post: '社区党委书记' }); // 58, 大学专科, 女, formal
    const b = cadre({ name: '吴干事', sex: 'male', birthDate: '1995-07-07', education: 'master', formal: false }); // 31, 研究生
    cadre({ name: '郑大姐', sex: 'female', birthDate: '1960-01-01', education: 'highSchool', communityId: t.other.id, formal: false }); // 66
    cadre({ name: '已离任', birthDate: '1970-01-01', education: 'bachelor', leftOn: '2026-06-30' });
    cadre({ name: '新任干部', birthDate: '1990-01-01', startedOn: '2026-11-26' }); // 36, education not recorded
    training(a.id, { hours: 16 });
    training(b.id, { hours: 8.5, startOn: '2026-05-10', endOn: '2026-05-10' });
    training(b.id, { hours: 40, startOn: '2025-03-01', endOn: '2025-03-05' });

    const now = s.cadres.structure(2026);
    expect(now.asOf).toBe('2026-11-26');
    expect(now.total).toMatchObject({ cadres: 4, female: 2, formal: 2, formalShare: 0.5, collegeOrAbove: 2, trained: 2, trainingHours: 24.5 });
    expect(now.total.byAge).toEqual({ '35岁及以下': 1, '36—45岁': 1, '46—55岁': 0, '56岁及以上': 2, 年龄不详: 0 });
    expect(now.total.byEducation).toMatchObject({ 研究生: 1, 大学专科: 1, 高中及以下: 1, 学历不详: 1 });
    expect(now.byCommunity.map((c) => [c.communityName, c.cadres, c.formal, c.trainingHours])).toEqual([
      ['和平里社区党委', 1, 0, 0],
      ['阳光社区党委', 3, 2, 24.5],
    ]);
    // A past year: in post on 2025-12-31 (the one who left in 2026 counts, the new one does not), with 2025's hours.
    const last = s.cadres.structure(2025);
    expect(last.asOf).toBe('2025-12-31');
    expect(last.total).toMatchObject({ cadres: 4, trainingHours: 40, trained: 1 });
    expect(s.cadres.list(cadreListQuery.parse({})).map((c) => c.name)).not.toContain('已离任');
    expect(s.cadres.list(cadreListQuery.parse({ status: 'left' })).map((c) => c.name)).toEqual(['已离任']);

    // The returns workbook carries the same figures, one row per community.
    const { entry, figures } = await s.returns.produce(returnsProduceInput.parse({ period: '2026', scopeId: null }));
    const sheet = figures.sheets.find((x) => x.name === '社区党务干部队伍结构')!;
    const row = (label: string) => sheet.rows.find((r) => r.label === label)!.values;
    // As of the period's end (2026-12-31), with the period's trainings.
    expect(row('阳光社区党委')).toMatchObject({ 干部人数: 3, 女: 1, 正式干部: 2, 正式干部占比: 0.6667, 研究生: 1, 大学专科: 1, 大学本科: 0, 学历不详: 1, 大专及以上: 2, 参训人数: 2, 培训学时: 24.5 });
    expect(row('和平里社区党委')).toMatchObject({ 干部人数: 1, '56岁及以上': 1, 高中及以下: 1 });
    expect(row('合计')).toMatchObject({ 干部人数: 4, 参训人数: 2, 培训学时: 24.5 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(s.returns.file(entry.id).dataBase64, 'base64') as never);
    const ws = wb.getWorksheet('社区党务干部队伍结构')!;
    expect(ws.getCell(1, 1).value).toBe('社区党务干部队伍结构情况');
    const hoursCol = [...Array(ws.columnCount).keys()].map((i) => i + 1).find((c) => ws.getCell(4, c).value === '培训学时')!;
    expect(ws.getCell(5, hoursCol).numFmt).toBe('0.0');
  });
});
