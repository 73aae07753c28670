/**
 * 会议纪要 on a real database file and a real archive folder, with .docx/.doc/.pdf written by LibreOffice
 * (scripts/make-minutes-fixtures.sh): records with attendees from the register, attachments stored by hash and
 * checked for tampering, search for 1-, 2-, 3- and 8-character Chinese queries, mixed queries and queries that must
 * not match, the import of old files with their guesses and reasons, the CLI, and the 三会一课 overview.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../electron/errors';
import type { Services } from '../../electron/services';
import { activitySaveInput } from '../../shared/cobuilding';
import { meetingInput, minutesListQuery, type MeetingInput } from '../../shared/minutes';
import { idFor, memberFixture, smallTree, tempDir, tempServices } from './helpers';

const FIX = path.resolve(__dirname, '../fixtures/minutes');
const DOCX = '2024-03-15 第一党支部支委会会议记录.docx';
const DOC = '党课记录.doc';
const PDF = '联席会议纪要 2023.6.20.pdf';
const GBK = '主题党日活动记录.txt';
const UTF8 = '党员大会记录.txt';
const fixture = (name: string) => ({ fileName: name, bytes: fs.readFileSync(path.join(FIX, name)) });

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], { encoding: 'utf8', cwd: path.resolve(__dirname, '../..') });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function refused(fn: () => unknown): ServiceError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ServiceError);
    return e as ServiceError;
  }
  throw new Error('expected a refusal');
}

const meeting = (over: Partial<Record<keyof MeetingInput, unknown>> = {}): MeetingInput =>
  meetingInput.parse({ type: 'committee', title: '十一月支委会', heldOn: '2026-11-05', ...over });

const search = (s: Services, q: string, over: Record<string, unknown> = {}) => s.minutes.list(minutesListQuery.parse({ q, pageSize: 200, ...over }));
const ids = (s: Services, q: string, over: Record<string, unknown> = {}) => search(s, q, over).rows.map((r) => r.id).sort((a, b) => a - b);

function setup() {
  const s = tempServices();
  const t = smallTree(s);
  const m = s.members.create(memberFixture({ name: '王建国', branchId: t.b1.id }));
  const n = s.members.create(memberFixture({ name: '李秀英', idNumber: idFor('1976-12-01', 124), branchId: t.b1.id }));
  return { s, t, m, n };
}

describe('会议纪要: records', () => {
  it('records a meeting with attendees from the register and by name, absentees with reasons, follow-ups; audited', () => {
    const { s, t, m, n } = setup();
    const created = s.minutes.create(
      meeting({
        orgId: t.b1.id,
        startTime: '09:00',
        endTime: '11:30',
        place: '党群服务中心',
        host: '王建国',
        recorder: '李秀英',
        attendees: [
          { memberId: m.id, name: '王建国', present: true },
          { memberId: null, name: '区人民医院 周医生', present: true },
          { memberId: n.id, name: '李秀英', present: false, reason: '外出务工' },
        ],
        agenda: '1. 研究垃圾分类工作',
        minutes: '会议听取了垃圾分类工作汇报。',
        decisions: '成立志愿服务队。',
        followUps: [{ item: '组建志愿服务队', owner: '张伟', dueOn: '2026-12-31' }],
      }),
    );
    expect(created).toMatchObject({
      type: 'committee',
      orgName: '第一党支部',
      present: 2,
      absent: 1,
      attendees: [
        { memberId: m.id, name: '王建国', present: true, reason: null, memberLeft: false },
        { memberId: null, name: '区人民医院 周医生', present: true },
        { memberId: n.id, name: '李秀英', present: false, reason: '外出务工' },
      ],
      followUps: [{ item: '组建志愿服务队', owner: '张伟', dueOn: '2026-12-31', doneOn: null }],
    });
    expect(s.minutes.auditOf(created.id)[0]).toMatchObject({ action: 'create', entity: 'meeting', note: '新建支委会记录：十一月支委会' });

    const u = s.minutes.update(created.id, meeting({ orgId: t.b1.id, title: '十一月支部委员会', bodyName: null }));
    expect(u.title).toBe('十一月支部委员会');
    expect(u.attendees).toEqual([]);
    expect(s.minutes.auditOf(created.id)[0]).toMatchObject({ action: 'update', changes: expect.arrayContaining([{ field: 'title', old: '十一月支委会', new: '十一月支部委员会' }]) });

    // A joint meeting held by a body outside the tree keeps its name.
    const joint = s.minutes.create(meeting({ type: 'jointMeeting', title: '共驻共建联席会', bodyName: '阳光社区党建联席会' }));
    expect(joint.orgName).toBe('阳光社区党建联席会');

    expect(refused(() => s.minutes.create(meeting({ heldOn: '2026-11-27' }))).fieldErrors).toEqual({ heldOn: '会议日期不能晚于今天' });
    // 后续事项: due and done on or after the meeting, done by today.
    const followUp = (f: Record<string, unknown>) => refused(() => s.minutes.create(meeting({ followUps: [{ item: '组建志愿服务队', ...f }] }))).fieldErrors;
    expect(followUp({ dueOn: '2026-11-04' })).toEqual({ followUps: '第 1 项后续事项（组建志愿服务队）：完成期限不能早于会议日期（2026-11-05）' });
    expect(followUp({ doneOn: '2026-11-04' })).toEqual({ followUps: '第 1 项后续事项（组建志愿服务队）：完成日期不能早于会议日期（2026-11-05）' });
    expect(followUp({ doneOn: '2026-11-27' })).toEqual({ followUps: '第 1 项后续事项（组建志愿服务队）：完成日期不能晚于今天' });
    expect(refused(() => s.minutes.create(meeting({ orgId: 9999 }))).fieldErrors).toHaveProperty('orgId');
    const twice = [{ memberId: m.id, name: '王建国', present: true }, { memberId: m.id, name: '王建国', present: false }];
    expect(refused(() => s.minutes.create(meeting({ attendees: twice }))).fieldErrors).toHaveProperty('attendees');
    expect(meetingInput.safeParse({ type: 'committee', title: ' ', heldOn: '2026-01-01' }).error?.issues[0]?.message).toBe('请填写会议名称');
    expect(meetingInput.safeParse({ type: 'committee', title: 'x', heldOn: '2026-01-01', startTime: '10:00', endTime: '09:00' }).error?.issues[0]?.message).toBe('结束时间不能早于开始时间');

    s.minutes.remove(joint.id);
    expect(refused(() => s.minutes.get(joint.id)).code).toBe('not_found');
    expect(s.audit.forEntity('meeting', joint.id)[0]).toMatchObject({ action: 'delete', note: expect.stringContaining('共驻共建联席会') });
    expect(ids(s, '联席会')).toEqual([]);
  });
});

describe('会议纪要: attachments archive', () => {
  it('stores each file once by its SHA-256 beside the database, read-only, with its text for search', async () => {
    const { s } = setup();
    const a = s.minutes.create(meeting());
    const b = s.minutes.create(meeting({ title: '另一次会议' }));
    const withFiles = await s.minutes.attach(a.id, [fixture(DOCX), fixture(DOC), fixture(PDF), fixture('照片.png')]);
    expect(withFiles.attachmentList.map((x) => [x.fileName, x.state, x.textLength > 0, x.textNote])).toEqual([
      [DOCX, 'ok', true, null],
      [DOC, 'ok', true, null],
      [PDF, 'ok', true, null],
      ['照片.png', 'ok', false, expect.stringContaining('图片')],
    ]);
    const docx = withFiles.attachmentList[0]!;
    const stored = path.join(path.dirname(s.path), 'archive', docx.sha256.slice(0, 2), docx.sha256);
    expect(fs.readFileSync(stored).equals(fixture(DOCX).bytes)).toBe(true);
    expect(fs.statSync(stored).mode & 0o222).toBe(0);
    await s.minutes.attach(b.id, [fixture(DOCX)]);
    expect(fs.readdirSync(path.join(path.dirname(s.path), 'archive', docx.sha256.slice(0, 2))).filter((f) => f === docx.sha256)).toHaveLength(1);

    // Found by phrases that are only in the attachments.
    expect(ids(s, '老旧小区加装电梯')).toEqual([a.id]);
    expect(ids(s, '垃圾分类志愿服务')).toEqual([a.id, b.id]);
    expect(s.minutes.auditOf(a.id)[0]).toMatchObject({ action: 'attach', note: expect.stringContaining(DOC) });

    const detached = s.minutes.detach(a.id, withFiles.attachmentList[1]!.id);
    expect(detached.attachmentList.map((x) => x.fileName)).not.toContain(DOC);
    expect(ids(s, '老旧小区加装电梯')).toEqual([]);
    expect(s.minutes.attachmentFile(docx.id).bytes.equals(fixture(DOCX).bytes)).toBe(true);
  });

  it('detects an attachment whose file is missing or whose bytes changed, and names it', async () => {
    const { s } = setup();
    const a = s.minutes.create(meeting({ title: '存档检查' }));
    const m = await s.minutes.attach(a.id, [fixture(DOCX), fixture(PDF), fixture(GBK)]);
    const [docx, pdf] = m.attachmentList;
    const file = (x: typeof docx) => s.minutes.archive.pathOf(x!.sha256);
    expect(s.minutes.checkArchive()).toEqual({ checked: 3, problems: [] });

    // Same size, one byte different: only the hash can tell.
    fs.chmodSync(file(docx), 0o644);
    const bytes = fs.readFileSync(file(docx));
    bytes[100] = bytes[100]! ^ 0xff;
    fs.writeFileSync(file(docx), bytes);
    fs.rmSync(file(pdf));

    expect(s.minutes.get(a.id).attachmentList.map((x) => [x.fileName, x.state])).toEqual([
      [DOCX, 'changed'],
      [PDF, 'missing'],
      [GBK, 'ok'],
    ]);
    expect(s.minutes.checkArchive()).toEqual({
      checked: 3,
      problems: [
        { attachmentId: docx!.id, meetingId: a.id, meetingTitle: '存档检查', fileName: DOCX, state: 'changed' },
        { attachmentId: pdf!.id, meetingId: a.id, meetingTitle: '存档检查', fileName: PDF, state: 'missing' },
      ],
    });
    expect(refused(() => s.minutes.attachmentFile(docx!.id)).message).toContain(`附件“${DOCX}”的内容与存档时不一致`);
    expect(refused(() => s.minutes.attachmentFile(pdf!.id)).message).toContain(`附件“${PDF}”在档案文件夹中找不到了`);
    // Attaching the same file again puts the good bytes back.
    await s.minutes.attach(a.id, [fixture(PDF)]);
    expect(s.minutes.get(a.id).attachmentList.filter((x) => x.fileName === PDF).map((x) => x.state)).toEqual(['ok', 'ok']);
  });

  it('checks the 共驻共建 activity photos kept in the same archive: a tampered or missing photo is named with its activity', async () => {
    const { s, t } = setup();
    const a = s.minutes.create(meeting({ title: '存档检查' }));
    await s.minutes.attach(a.id, [fixture(GBK)]);
    const act = s.activities.save(
      activitySaveInput.parse({ activity: { title: '共建主题党日', kind: 'other', heldOn: '2025-09-15', organiser: '社区', communityId: t.community.id, unitIds: [], participants: [], hours: 1, content: '学习' } }),
    );
    const other = s.activities.save(
      activitySaveInput.parse({ activity: { title: '义诊', kind: 'onSite', heldOn: '2025-10-15', organiser: '社区', communityId: t.community.id, unitIds: [], participants: [], hours: 2, content: '义诊' } }),
    );
    const png = fixture('照片.png').bytes;
    // A second picture: the same PNG with bytes appended after its end (still a PNG, another hash).
    const png2 = Buffer.concat([png, Buffer.from('另一张')]);
    const photo = s.activities.addPhoto({ activityId: act.id, fileName: '活动现场.png', dataBase64: png.toString('base64') }).photoList[0]!;
    const photo2 = s.activities.addPhoto({ activityId: other.id, fileName: '义诊现场.png', dataBase64: png2.toString('base64') }).photoList[0]!;
    expect(s.minutes.checkArchive()).toEqual({ checked: 3, problems: [] });

    // Same size, one byte changed: only the hash tells.
    const file = s.minutes.archive.pathOf(photo.sha256);
    fs.chmodSync(file, 0o644);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    fs.rmSync(s.minutes.archive.pathOf(photo2.sha256));
    const progress: number[] = [];
    expect(s.minutes.checkArchive((done, total) => progress.push(done / total))).toEqual({
      checked: 3,
      problems: [
        { photoId: photo.id, activityId: act.id, activityTitle: '共建主题党日', fileName: '活动现场.png', state: 'changed' },
        { photoId: photo2.id, activityId: other.id, activityTitle: '义诊', fileName: '义诊现场.png', state: 'missing' },
      ],
    });
    expect(progress.at(-1)).toBe(1);
    expect(refused(() => s.activities.photo(act.id, photo.id)).message).toContain('已损坏');
  });

  it('reads a PDF whose Chinese uses a standard encoding and a font it does not embed (pdf.js character maps)', async () => {
    const { s } = setup();
    const a = s.minutes.create(meeting());
    const m = await s.minutes.attach(a.id, [fixture('标准编码.pdf')]);
    expect(m.attachmentList[0]).toMatchObject({ textLength: 9, textNote: null });
    expect(ids(s, '巡查加装')).toEqual([a.id]);
  });

  it('opens a read-only copy with the system program, never the archived file', async () => {
    const { s } = setup();
    const a = s.minutes.create(meeting());
    const att = (await s.minutes.attach(a.id, [fixture(DOC)])).attachmentList[0]!;
    const opened: string[] = [];
    expect(await s.minutes.open(att.id, async (f) => (opened.push(f), ''))).toBe(true);
    expect(path.basename(opened[0]!)).toBe(DOC);
    expect(opened[0]).not.toBe(s.minutes.archive.pathOf(att.sha256));
    expect(fs.readFileSync(opened[0]!).equals(fixture(DOC).bytes)).toBe(true);
    await expect(s.minutes.open(att.id, async () => 'no application')).rejects.toThrow(/无法打开/);
  });
});

describe('会议纪要: search', () => {
  async function corpus() {
    const { s, t } = setup();
    const a = s.minutes.create(meeting({ orgId: t.b1.id, title: '第一党支部支委会', heldOn: '2024-03-15' }));
    await s.minutes.attach(a.id, [fixture(DOCX)]);
    const b = s.minutes.create(meeting({ type: 'partyLesson', orgId: t.b2.id, title: '党课：办好群众身边的实事', heldOn: '2023-11-08', minutes: '孙志强同志讲述了老旧小区加装电梯工作中党员带头协调邻里关系的做法。' }));
    const c = s.minutes.create(meeting({ type: 'jointMeeting', bodyName: '共驻共建联席会', title: '联席会议', heldOn: '2023-06-20' }));
    await s.minutes.attach(c.id, [fixture(PDF)]);
    const d = s.minutes.create(meeting({ type: 'themeDay', orgId: t.retired.id, title: '主题党日', heldOn: '2024-01-10', decisions: '为独居老人检查暖气和门窗。会议记录人：Ｚｈａｎｇ Wei' }));
    return { s, t, a, b, c, d };
  }

  it('finds 2-, 3- and 8-character Chinese queries, in date order, with highlighted snippets', async () => {
    const { s, a, b, c, d } = await corpus();
    expect(ids(s, '电梯')).toEqual([b.id]);
    expect(ids(s, '暖气')).toEqual([d.id]);
    expect(ids(s, '党员')).toEqual([a.id, b.id].sort((x, y) => x - y));
    expect(ids(s, '志愿服')).toEqual([a.id]);
    expect(ids(s, '垃圾分类志愿服务')).toEqual([a.id]);
    expect(ids(s, '共驻共建')).toEqual([c.id]);
    // Newest first.
    expect(search(s, '会议').rows.map((r) => r.id)).toEqual([a.id, d.id, b.id, c.id].filter((x) => ids(s, '会议').includes(x)));
    const hit = search(s, '电梯').rows[0]!;
    expect(hit.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(['电梯']);
    expect(hit.snippet.map((p) => p.text).join('')).toContain('老旧小区加装电梯工作');
    const eight = search(s, '垃圾分类志愿服务').rows[0]!;
    expect(eight.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(['垃圾分类志愿服务']);
    // Words separated by a space must all appear.
    expect(ids(s, '电梯 邻里')).toEqual([b.id]);
    expect(ids(s, '电梯 暖气')).toEqual([]);
    // One character works too.
    expect(ids(s, '梯')).toEqual([b.id]);
  });

  it('finds mixed Chinese, digits and Latin letters, any case and width', async () => {
    const { s, c, d } = await corpus();
    expect(ids(s, '网格员ABC123')).toEqual([c.id]);
    expect(ids(s, 'abc123')).toEqual([c.id]);
    expect(ids(s, 'ＡＢＣ１２３')).toEqual([c.id]);
    expect(ids(s, 'C1')).toEqual([c.id]);
    expect(ids(s, 'zhang')).toEqual([d.id]);
    expect(ids(s, '2023')).toEqual([c.id]);
    expect(ids(s, '6月20日')).toEqual([c.id]);
  });

  it('does not match what is not there, nor across lines, nor a term with its characters apart', async () => {
    const { s } = await corpus();
    expect(ids(s, '梯电')).toEqual([]);
    expect(ids(s, '垃圾电梯')).toEqual([]);
    expect(ids(s, 'ABC124')).toEqual([]);
    expect(ids(s, '火箭')).toEqual([]);
    // “…会议记录” ends a line and “会议时间” begins the next: no “录会”.
    expect(ids(s, '录会')).toEqual([]);
    expect(ids(s, '"')).toEqual([]);
    expect(ids(s, 'OR')).toEqual([]);
    expect(ids(s, '电梯 AND')).toEqual([]);
  });

  it('terms with punctuation are matched as written; filters by type, organisation (and below) and dates', async () => {
    const { s, t, a, b, d } = await corpus();
    expect(ids(s, '作用。')).toEqual([a.id]);
    expect(ids(s, '用。')).toEqual([a.id]);
    expect(ids(s, '党员', { type: 'partyLesson' })).toEqual([b.id]);
    expect(ids(s, '党员', { orgId: t.community.id })).toEqual([a.id, b.id].sort((x, y) => x - y));
    expect(ids(s, '党员', { orgId: t.b2.id })).toEqual([b.id]);
    expect(ids(s, '', { orgId: t.other.id })).toEqual([d.id]);
    expect(ids(s, '党员', { from: '2024-01-01' })).toEqual([a.id]);
    expect(ids(s, '党员', { to: '2023-12-31' })).toEqual([b.id]);
    const all = s.minutes.list(minutesListQuery.parse({}));
    expect(all.total).toBe(4);
    expect(all.capped).toBe(false);
    expect(all.rows.map((r) => r.heldOn)).toEqual(['2024-03-15', '2024-01-10', '2023-11-08', '2023-06-20']);
    expect(all.rows[0]!.snippet).toEqual([]);
    // An edit is searchable at once; the old words are gone.
    s.minutes.update(d.id, meeting({ type: 'themeDay', title: '主题党日', heldOn: '2024-01-10', decisions: '清理楼道杂物' }));
    expect(ids(s, '暖气')).toEqual([]);
    expect(ids(s, '楼道')).toEqual([d.id]);
  });
});

describe('会议纪要: importing old minutes', () => {
  const ALL = [DOCX, DOC, PDF, GBK, UTF8, '损坏的文件.docx', '扫描件.pdf', '照片.png', '空白.txt'];

  it('previews each file with its guessed type, date and title, lists unreadable ones with the reason, and imports the confirmed ones', async () => {
    const { s, t } = setup();
    const staged = s.minutesImport.stage(ALL.map(fixture));
    const preview = await s.minutesImport.preview(staged.map(({ token, fileName }) => ({ token, fileName })));
    const by = new Map(preview.items.map((i) => [i.fileName, i]));
    expect(by.get(DOCX)).toMatchObject({ ok: true, format: 'docx', type: 'committee', heldOn: '2024-03-15', title: '第一党支部支委会会议记录' });
    expect(by.get(DOC)).toMatchObject({ ok: true, format: 'doc', type: 'partyLesson', heldOn: '2023-11-08', title: '阳光社区第二党支部党课记录' });
    expect(by.get(PDF)).toMatchObject({ ok: true, format: 'pdf', type: 'jointMeeting', heldOn: '2023-06-20', title: '共驻共建联席会议纪要' });
    expect(by.get(GBK)).toMatchObject({ ok: true, format: 'txt', type: 'themeDay', heldOn: '2024-01-10', title: '主题党日活动记录' });
    expect(by.get(UTF8)).toMatchObject({ ok: true, format: 'txt', type: 'memberAssembly', heldOn: '2024-04-02' });
    expect(by.get(GBK)!.excerpt).toContain('冬季供暖保障');
    expect(by.get('损坏的文件.docx')).toMatchObject({ ok: false, reason: expect.stringContaining('损坏') });
    expect(by.get('扫描件.pdf')).toMatchObject({ ok: false, reason: expect.stringContaining('扫描件') });
    expect(by.get('照片.png')).toMatchObject({ ok: false, reason: expect.stringContaining('图片') });
    expect(by.get('空白.txt')).toMatchObject({ ok: false, reason: '文件是空的' });

    const progress: string[] = [];
    const ok = preview.items.filter((i) => i.ok);
    const result = await s.minutesImport.commit(
      ok.map((i) => ({ token: i.token, fileName: i.fileName, type: i.type, heldOn: i.heldOn!, title: i.title, orgId: i.fileName === DOCX ? t.b1.id : null })),
      (stage, done, total) => progress.push(`${stage} ${done}/${total}`),
    );
    expect(result.skipped).toEqual([]);
    expect(result.created.map((c) => c.fileName).sort()).toEqual([DOCX, DOC, PDF, GBK, UTF8].sort());
    expect(progress).toContain('写入数据库 5/5');
    const docx = s.minutes.get(result.created.find((c) => c.fileName === DOCX)!.id);
    expect(docx).toMatchObject({ orgName: '第一党支部', importedFrom: DOCX, place: '阳光社区党群服务中心二楼会议室', host: '王建国', recorder: '李秀英' });
    expect(docx.minutes).toContain('王建国同志传达了街道党工委关于垃圾分类工作的部署');
    expect(docx.attachmentList).toEqual([expect.objectContaining({ fileName: DOCX, original: true, state: 'ok' })]);
    expect(s.minutes.auditOf(docx.id)[0]).toMatchObject({ action: 'import', note: expect.stringContaining(DOCX) });
    expect(ids(s, '冬季供暖')).toHaveLength(1);

    // The same files again: each is recognised as imported before, and skipped.
    const again = s.minutesImport.stage([fixture(DOCX)]);
    const p2 = await s.minutesImport.preview(again);
    expect(p2.items[0]!.duplicateOf).toEqual({ id: docx.id, title: docx.title });
    const r2 = await s.minutesImport.commit([{ ...again[0]!, type: 'committee', heldOn: '2024-03-15', title: 'x', orgId: null }]);
    expect(r2).toEqual({ created: [], skipped: [{ fileName: DOCX, reason: expect.stringContaining('已经导入过') }] });
  });

  it('writes nothing when cancelled, and refuses a future date or an expired file per file', async () => {
    const { s } = setup();
    const staged = s.minutesImport.stage([fixture(DOCX), fixture(DOC)]);
    const items = staged.map((x) => ({ ...x, type: 'committee' as const, heldOn: '2024-01-01', title: '会议', orgId: null }));
    await expect(
      s.minutesImport.commit(items, (stage, done) => {
        if (stage === '写入数据库' && done === 1) throw new Error('cancelled');
      }),
    ).rejects.toThrow('cancelled');
    expect(s.minutes.list(minutesListQuery.parse({})).total).toBe(0);
    const r = await s.minutesImport.commit([
      { ...items[0]!, heldOn: '2030-01-01' },
      { ...items[1]!, token: 'f'.repeat(64) },
    ]);
    expect(r.created).toEqual([]);
    expect(r.skipped.map((x) => x.reason)).toEqual([expect.stringContaining('文件已过期'), expect.stringContaining('晚于今天')]);
  });

  it('the CLI imports a folder (listing what it skipped, and why) and searches with snippets', () => {
    const s = tempServices();
    s.db.close();
    const dir = path.join(tempDir(), '旧会议记录');
    fs.mkdirSync(dir);
    for (const f of ALL) fs.copyFileSync(path.join(FIX, f), path.join(dir, f));
    const r = cli(['--db', s.path, 'minutes', 'import', dir, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { created: { fileName: string; heldOn: string; type: string }[]; skipped: { fileName: string; reason: string }[] };
    expect(out.created.map((c) => [c.fileName, c.heldOn, c.type]).sort()).toEqual(
      [
        [DOCX, '2024-03-15', 'committee'],
        [DOC, '2023-11-08', 'partyLesson'],
        [PDF, '2023-06-20', 'jointMeeting'],
        [GBK, '2024-01-10', 'themeDay'],
        [UTF8, '2024-04-02', 'memberAssembly'],
      ].sort(),
    );
    expect(out.skipped.map((x) => x.fileName).sort()).toEqual(['损坏的文件.docx', '扫描件.pdf', '照片.png', '空白.txt'].sort());
    const found = cli(['--db', s.path, 'minutes', 'search', '电梯', '--json']);
    expect(found.code).toBe(0);
    const hits = JSON.parse(found.stdout) as { id: number; title: string; date: string; type: string; snippet: string }[];
    expect(hits).toEqual([{ id: expect.any(Number), title: '阳光社区第二党支部党课记录', date: '2023-11-08', type: 'partyLesson', snippet: expect.stringContaining('加装【电梯】工作') }]);
    expect(JSON.parse(cli(['--db', s.path, 'minutes', 'search', '火箭', '--json']).stdout)).toEqual([]);
    const text = cli(['--db', s.path, 'minutes', 'search', '网格员ABC123']);
    expect(text.stdout).toContain('2023-06-20 联席会议 共驻共建联席会议纪要');
    expect(cli(['--db', s.path, 'minutes', 'import', '/nonexistent/folder']).code).toBe(1);
  });
});

describe('会议纪要: 三会一课 overview', () => {
  it('counts per branch per month or quarter, counts 党小组 meetings for their branch, and marks the gaps of ended periods', () => {
    const s = tempServices({ now: () => new Date('2026-05-10T10:00:00+08:00') });
    const t = smallTree(s);
    const group = s.orgs.create({ name: '第一党小组', kind: 'group', parentId: t.b1.id });
    // A committee: three officers recorded for 第一党支部.
    const officer = s.db.prepare('INSERT INTO organisation_officers (org_id, position, person_name, role) VALUES (?, ?, ?, ?)');
    officer.run(t.b1.id, 1, '甲', 'secretary');
    officer.run(t.b1.id, 2, '乙', 'organisation');
    officer.run(t.b1.id, 3, '丙', 'propaganda');
    const held = (type: string, orgId: number, heldOn: string) => s.minutes.create(meeting({ type, orgId, heldOn, title: `${type} ${heldOn}` }));
    held('memberAssembly', t.b1.id, '2026-02-10');
    held('partyLesson', t.b1.id, '2026-03-30');
    held('partyLesson', t.b1.id, '2026-04-02');
    for (const m of ['01', '02', '03', '04']) held('committee', t.b1.id, `2026-${m}-15`);
    held('groupMeeting', group.id, '2026-01-20');
    held('groupMeeting', group.id, '2026-03-20');
    held('committee', t.b2.id, '2025-12-31');

    const o = s.minutes.overview(2026);
    const b1 = o.branches.find((b) => b.orgId === t.b1.id)!;
    const row = (b: typeof b1, type: string) => b.rows.find((r) => r.type === type)!;
    expect(row(b1, 'memberAssembly').cells.map((c) => [c.held, c.period, c.gap])).toEqual([
      [1, 'past', false],
      [0, 'current', false],
      [0, 'future', false],
      [0, 'future', false],
    ]);
    expect(row(b1, 'partyLesson').cells.map((c) => c.held)).toEqual([1, 1, 0, 0]);
    expect(row(b1, 'committee').required).toBe(true);
    expect(row(b1, 'committee').cells.slice(0, 5).map((c) => [c.held, c.gap])).toEqual([[1, false], [1, false], [1, false], [1, false], [0, false]]);
    expect(row(b1, 'groupMeeting')).toMatchObject({ required: true });
    expect(row(b1, 'groupMeeting').cells.slice(0, 4).map((c) => [c.held, c.gap])).toEqual([[1, false], [0, true], [1, false], [0, true]]);
    expect(b1.gaps).toBe(2);

    // A branch without 党小组 or a committee is not asked for them; its 党员大会 and 党课 of the first quarter are missing.
    const b2 = o.branches.find((b) => b.orgId === t.b2.id)!;
    expect(row(b2, 'committee').required).toBe(false);
    expect(row(b2, 'groupMeeting').required).toBe(false);
    expect(row(b2, 'committee').cells.some((c) => c.gap)).toBe(false);
    expect(b2.gaps).toBe(2);
    expect(o.branches.map((b) => b.orgName)).toEqual(expect.arrayContaining(['第一党支部', '第二党支部', '离退休党支部']));
    expect(o.branches.some((b) => b.orgName === '第一党小组')).toBe(false);
    expect(o.gaps).toBe(o.branches.reduce((n, b) => n + b.gaps, 0));
  });
});
