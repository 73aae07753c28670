/**
 * 年度目标考核 on a real database: a year's target sheet (weights must add up to 100, refused with a sentence
 * otherwise), computed items read from the app's own data (两新组织覆盖率, 三会一课完成率, 志愿服务时长), entered
 * scores, the mid-year check, weighted totals and ranking, 示范点, and the print-ready export.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../electron/errors';
import { meetingInput } from '../../shared/minutes';
import { newOrgSaveInput } from '../../shared/twonew';
import { targetSheetInput } from '../../shared/targets';
import { serviceInput, volunteerInput } from '../../shared/volunteers';
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

const ITEMS = [
  { name: '两新组织党的组织覆盖率', weight: 20, method: 'orgCoverage', goal: 100 },
  { name: '三会一课按期开展', weight: 30, method: 'meetings', goal: 100 },
  { name: '党员志愿服务', weight: 20, method: 'volunteerHours', goal: 10 },
  { name: '群众满意度测评', weight: 30, method: 'entered', standard: '按入户测评满意率打分' },
];

function setup() {
  const s = tempServices(); // today: 2026-11-26
  const t = smallTree(s);
  const a = s.members.create(memberFixture({ name: '志愿甲', branchId: t.b1.id }));
  const b = s.members.create(memberFixture({ name: '志愿乙', idNumber: idFor('1966-06-06', 61), branchId: t.retired.id }));
  // 两新组织: 阳光 one of two with its own organisation (50 %), 和平里 one of one (100 %).
  const org = (name: string, communityId: number, partyWork: string) =>
    s.neworgs.save(
      newOrgSaveInput.parse({
        org: { name, kind: 'enterprise', creditCode: null, communityId, memberIds: [], otherFull: 3, otherProbationary: 0, legalRepIsMember: null, partyWork, hasUnion: false, hasYouthLeague: false, hasWomensFederation: false },
      }),
    );
  org('阳光科技有限公司', t.community.id, 'own');
  org('阳光物流有限公司', t.community.id, 'none');
  org('和平里超市', t.other.id, 'own');
  // 三会一课 of 2026 (quarters 1–3 have ended): 阳光's two branches held 4 of the 12 required; 和平里's one branch all 6.
  const meeting = (orgId: number, type: string, heldOn: string) => s.minutes.create(meetingInput.parse({ type, title: `${type} ${heldOn}`, heldOn, orgId }));
  for (const d of ['2026-02-10', '2026-05-10', '2026-08-10']) meeting(t.b1.id, 'memberAssembly', d);
  meeting(t.b1.id, 'partyLesson', '2026-03-01');
  for (const d of ['2026-02-10', '2026-05-10', '2026-08-10']) {
    meeting(t.retired.id, 'memberAssembly', d);
    meeting(t.retired.id, 'partyLesson', d);
  }
  // 志愿服务: 5 hours in 阳光, 12 in 和平里 (goal 10: capped at 100).
  s.volunteers.save(volunteerInput.parse({ memberId: a.id, specialties: ['义诊'], availability: [], since: '2026-01-01' }));
  s.volunteers.save(volunteerInput.parse({ memberId: b.id, specialties: ['维修'], availability: [], since: '2026-01-01' }));
  s.volunteers.saveService({ service: serviceInput.parse({ heldOn: '2026-04-01', teamId: null, communityId: t.community.id, content: '义诊', participants: [{ memberId: a.id, hours: 2.5 }, { memberId: b.id, hours: 2.5 }] }) });
  s.volunteers.saveService({ service: serviceInput.parse({ heldOn: '2026-07-01', teamId: null, communityId: t.other.id, content: '维修', participants: [{ memberId: b.id, hours: 12 }] }) });
  const sheet = (over: Record<string, unknown> = {}) =>
    s.targets.save(targetSheetInput.parse({ year: 2026, title: '2026年度社区党建工作目标', communityIds: [t.community.id, t.other.id], items: ITEMS, ...over }));
  return { s, t, sheet };
}

describe('年度目标考核', () => {
  it('refuses a sheet whose weights do not add up to 100, saying by how much, and saves nothing', () => {
    const { s, sheet } = setup();
    const e = refused(() => sheet({ items: ITEMS.map((i, k) => (k === 3 ? { ...i, weight: 25 } : i)) }));
    expect(e.message).toBe('各项权重合计应为 100，现在是 95（还差 5）。请调整权重后再保存。');
    expect(e.fieldErrors).toEqual({ items: e.message });
    expect(s.targets.list()).toEqual([]);
    expect(refused(() => s.targets.get(2026)).message).toBe('2026 年还没有制定目标表。请先“制定目标”。');
    expect(refused(() => sheet({ items: [{ ...ITEMS[0], weight: 100, goal: null }] })).fieldErrors).toEqual({ items: '第 1 项“两新组织党的组织覆盖率”自动取数，请填写大于 0 的目标值（%）' });
  });

  it('fetches computed items from their domains, takes entered scores, and ranks by weighted total', () => {
    const { s, t, sheet } = setup();
    const created = sheet();
    expect(created.methods).toEqual(['entered', 'orgCoverage', 'workCoverage', 'meetings', 'volunteerHours']);
    expect(created.results.map((r) => [r.communityName, r.total, r.missing])).toEqual([
      ['和平里社区党委', 0, 4],
      ['阳光社区党委', 0, 4],
    ]);
    const fetched = s.targets.fetchComputed({ year: 2026, stage: 'final' });
    const score = (community: number, item: string) => {
      const it = fetched.items.find((i) => i.name === item)!;
      const x = fetched.scores.find((v) => v.itemId === it.id && v.communityId === community)!;
      return [x.value, x.score];
    };
    expect(score(t.community.id, '两新组织党的组织覆盖率')).toEqual([50, 50]);
    expect(score(t.other.id, '两新组织党的组织覆盖率')).toEqual([100, 100]);
    expect(score(t.community.id, '三会一课按期开展')).toEqual([33.3, 33.3]);
    expect(score(t.other.id, '三会一课按期开展')).toEqual([100, 100]);
    expect(score(t.community.id, '党员志愿服务')).toEqual([5, 50]);
    expect(score(t.other.id, '党员志愿服务')).toEqual([12, 100]);

    const entered = fetched.items.find((i) => i.method === 'entered')!;
    const computed = fetched.items.find((i) => i.method === 'meetings')!;
    s.targets.saveScores({ year: 2026, communityId: t.community.id, entries: [{ itemId: entered.id, score: 90, note: '满意率 90%' }, { itemId: computed.id, score: 100, note: '已补开' }] });
    const done = s.targets.saveScores({ year: 2026, communityId: t.other.id, entries: [{ itemId: entered.id, score: 80, note: null }] });
    // A computed item's score is not typed over; its note is kept.
    expect(done.scores.find((x) => x.itemId === computed.id && x.communityId === t.community.id)).toMatchObject({ score: 33.3, note: '已补开' });
    // 和平里: (100×20 + 100×30 + 100×20 + 80×30) ÷ 100 = 94; 阳光: (50×20 + 33.3×30 + 50×20 + 90×30) ÷ 100 = 56.99.
    expect(done.results.map((r) => [r.communityName, r.total, r.rank, r.missing])).toEqual([
      ['和平里社区党委', 94, 1, 0],
      ['阳光社区党委', 56.99, 2, 0],
    ]);
    expect(s.targets.list()).toEqual([{ id: done.id, year: 2026, title: '2026年度社区党建工作目标', items: 4, communities: 2, scored: 8, toScore: 8, demonstrations: 0 }]);
    expect(refused(() => s.targets.saveScores({ year: 2026, communityId: t.b1.id, entries: [] })).fieldErrors).toEqual({ communityId: '这个社区不在 2026 年的考核范围内，请先在目标表中加入它' });
  });

  it('keeps an item’s scores when the sheet is edited, drops them with the item, and refetches after a change of method', () => {
    const { s, t, sheet } = setup();
    const first = sheet();
    s.targets.fetchComputed({ year: 2026, stage: 'final' });
    const entered = first.items[3]!;
    s.targets.saveScores({ year: 2026, communityId: t.community.id, entries: [{ itemId: entered.id, score: 90, note: null }] });
    const items = first.items.map((i) => ({ id: i.id, name: i.name, weight: i.weight, method: i.method, goal: i.goal, standard: i.standard }));
    // Reweighted (still 100), the volunteer item dropped and its weight moved; the meetings goal changed.
    const edited = sheet({
      items: [
        { ...items[0]!, weight: 30 },
        { ...items[1]!, goal: 80 },
        { ...items[3]!, weight: 40 },
      ],
    });
    expect(edited.items.map((i) => [i.name, i.weight])).toEqual([
      ['两新组织党的组织覆盖率', 30],
      ['三会一课按期开展', 30],
      ['群众满意度测评', 40],
    ]);
    const yang = edited.results.find((r) => r.communityId === t.community.id)!;
    expect(yang.scores).toEqual({ [items[0]!.id]: 50, [items[1]!.id]: null, [items[3]!.id]: 90 });
    expect(s.db.prepare('SELECT count(*) AS n FROM target_scores WHERE item_id = ?').get(items[2]!.id)).toEqual({ n: 0 });
    expect(s.targets.auditOf(edited.id)[0]).toMatchObject({ action: 'update', note: '修改 2026 年目标表' });
  });

  it('a year already over takes 两新组织 coverage as the register stood on its last day, not as it stands today', () => {
    const { s, t } = setup();
    const items = [{ name: '两新组织党的组织覆盖率', weight: 100, method: 'orgCoverage', goal: 100 }];
    s.targets.save(targetSheetInput.parse({ year: 2025, title: '2025年度', communityIds: [t.community.id, t.other.id], items }));
    s.targets.save(targetSheetInput.parse({ year: 2026, title: '2026年度', communityIds: [t.community.id, t.other.id], items }));
    // The organisations were registered in 2026 (today): none was there to cover at the end of 2025.
    const values = (year: number) => s.targets.fetchComputed({ year, stage: 'final' }).scores.map((x) => [x.communityId, x.value]);
    expect(values(2025)).toEqual([
      [t.community.id, null],
      [t.other.id, null],
    ]);
    expect(values(2026)).toEqual([
      [t.community.id, 50],
      [t.other.id, 100],
    ]);
  });

  it('a computed item with no figure for a community (no organisation to cover) is scored by the clerk, and a refetch keeps it', () => {
    const { s, t } = setup();
    const quiet = s.orgs.create({ name: '新建社区党委', kind: 'communityCommittee', parentId: t.street.id });
    const sheet = s.targets.save(targetSheetInput.parse({ year: 2026, title: '覆盖率', communityIds: [t.community.id, quiet.id], items: [{ name: '两新组织党的组织覆盖率', weight: 100, method: 'orgCoverage', goal: 100 }] }));
    const item = sheet.items[0]!;
    s.targets.fetchComputed({ year: 2026, stage: 'final' });
    // With a figure: typing is ignored. Without one: the typed score is taken.
    s.targets.saveScores({ year: 2026, communityId: t.community.id, entries: [{ itemId: item.id, score: 100, note: null }] });
    s.targets.saveScores({ year: 2026, communityId: quiet.id, entries: [{ itemId: item.id, score: 90, note: '辖区内暂无两新组织，按党建指导员工作情况评分' }] });
    const after = s.targets.fetchComputed({ year: 2026, stage: 'final' });
    expect(after.results.map((r) => [r.communityName, r.total])).toEqual([
      ['新建社区党委', 90],
      ['阳光社区党委', 50],
    ]);
    expect(after.scores.find((x) => x.communityId === quiet.id)).toMatchObject({ value: null, score: 90, note: '辖区内暂无两新组织，按党建指导员工作情况评分' });
  });

  it('the mid-year check: progress fetched or typed with notes; 示范点 with experience; the print-ready export', async () => {
    const { s, t, sheet } = setup();
    const created = sheet();
    const mid = s.targets.fetchComputed({ year: 2026, stage: 'midyear' });
    const entered = mid.items[3]!;
    const after = s.targets.saveProgress({ year: 2026, communityId: t.community.id, checkedOn: '2026-07-05', entries: [{ itemId: entered.id, progress: 60, note: '已完成上半年入户测评' }] });
    expect(after.progress.filter((p) => p.communityId === t.community.id).map((p) => [mid.items.find((i) => i.id === p.itemId)!.name, p.progress, p.note])).toEqual(
      expect.arrayContaining([
        ['两新组织党的组织覆盖率', 50, null],
        ['党员志愿服务', 50, null],
        ['群众满意度测评', 60, '已完成上半年入户测评'],
      ]),
    );
    expect(refused(() => s.targets.saveDemonstration({ year: 2026, communityId: t.other.id, demonstration: true, experience: null })).fieldErrors).toEqual({ experience: '请写下示范点的经验做法，考核表中会一并列出' });
    s.targets.saveDemonstration({ year: 2026, communityId: t.other.id, demonstration: true, experience: '离退休党支部“银发先锋”服务队，每月固定开展义诊和维修。' });
    s.targets.fetchComputed({ year: 2026, stage: 'final' });
    s.targets.saveScores({ year: 2026, communityId: t.other.id, entries: [{ itemId: entered.id, score: 80, note: null }] });

    const file = await s.targets.exportAssessment({ year: 2026, unitName: '和平街道党工委', leader: '王书记', preparer: '李干事', filledOn: '2026-11-26' });
    expect(file.fileName).toBe('2026年度目标考核_和平街道党工委.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['考核结果', '年中检查']);
    const ws = wb.getWorksheet('考核结果')!;
    expect(ws.getCell(1, 1).value).toBe('2026年度社区党建工作目标考核结果');
    expect(String(ws.getCell(2, 1).value)).toContain('和平街道党工委');
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
    const header = [...Array(ws.columnCount).keys()].map((i) => String(ws.getCell(4, i + 1).value ?? ws.getCell(3, i + 1).value));
    const col = (label: string) => header.indexOf(label) + 1;
    expect(ws.getCell(5, 1).value).toBe('和平里社区党委（示范点）');
    expect(ws.getCell(5, col('加权总分')).value).toBe(94);
    expect(ws.getCell(5, col('名次')).value).toBe(1);
    expect(ws.getCell(6, 1).value).toBe('阳光社区党委');
    expect(ws.getCell(6, col('2. 三会一课按期开展（30）')).value).toBe(33.3);
    expect(ws.getCell(6, col('2. 三会一课按期开展（30）')).numFmt).toBe('0.0');
    const texts: string[] = [];
    ws.eachRow((r) => r.eachCell((c) => texts.push(String(c.value))));
    expect(texts.join('\n')).toContain('银发先锋');
    expect(texts.join('\n')).toContain('单位负责人：王书记');
    expect(texts.join('\n')).toContain('尚未评分的项目按 0 分计入总分：阳光社区党委 1 项');
    expect(s.targets.auditOf(created.id)[0]).toMatchObject({ action: 'export', note: '导出 2026 年度目标考核表（2026年度目标考核_和平街道党工委.xlsx）' });
  });
});
