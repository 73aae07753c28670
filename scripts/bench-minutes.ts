/**
 * 会议纪要 at the scale (npm run bench runs it; prints figures, never asserts):
 *   npx tsx scripts/bench-minutes.ts [--meetings 10000 --chars 3000 --queries 200 --files 1000 --seed 6 --db <file>]
 * (--db: keep the generated meetings in that file, and reuse them when it already holds them.)
 *
 * a. 10,000 meetings of about 3,000 Chinese characters each (generated from a vocabulary of community Party work,
 *    with dates, numbers and a few Latin letters), written through the service (both search indexes by trigger);
 * b. search p50 / p95 through MinutesService.list (count, page of 20 in date order, snippets) for 2-character
 *    queries and for longer ones (3–8 characters cut from the texts), with and without matches, and mixed queries;
 *    target p95 ≤ 50 ms for each;
 * c. importing 1,000 generated .docx files the way the app does (stage → preview job → commit job, run in this
 *    thread with their progress callbacks), target ≤ 60 s; and the command line's folder import.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { zipSync, strToU8 } from 'fflate';
import { openDatabase } from '../electron/db/connection';
import { createServices } from '../electron/services';
import { MEETING_TYPES } from '../shared/domain/labels';
import { minutesListQuery } from '../shared/minutes';
import { Rng } from './lib/rng';

const { values } = parseArgs({
  options: {
    meetings: { type: 'string', default: '10000' },
    chars: { type: 'string', default: '3000' },
    queries: { type: 'string', default: '200' },
    files: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '6' },
    db: { type: 'string' },
  },
  strict: true,
});
const MEETINGS = Number(values.meetings);
const CHARS = Number(values.chars);
const QUERIES = Number(values.queries);
const FILES = Number(values.files);
const rng = new Rng(Number(values.seed));
const log = (s: string) => console.error(s);

const WORDS = (
  '支部 党员 社区 居民 志愿服务 网格员 楼长 物业 驻区单位 共驻共建 党建 学习 教育 主题党日 党课 组织生活 民主评议 ' +
  '发展党员 入党积极分子 预备党员 转正 党费 收缴 换届 选举 支委会 党员大会 党小组 联席会议 协调 议事 决定 落实 ' +
  '督办 整改 问题 清单 群众 诉求 走访 慰问 困难 家庭 独居 老人 儿童 残疾人 低保 优抚 对象 就业 帮扶 结对 ' +
  '文明 创建 垃圾分类 环境 整治 楼道 杂物 停车 难题 加装 电梯 老旧小区 改造 供暖 保障 安全 隐患 排查 消防 ' +
  '防汛 疫情 防控 核酸 疫苗 接种 宣传 政策 法律 援助 调解 矛盾 纠纷 邻里 关系 和谐 平安 巡逻 治安 夜间 ' +
  '服务 中心 阵地 活动室 图书室 会议室 场地 开放 资源 共享 医院 义诊 学校 体育 设施 寒暑假 托管 课堂 ' +
  '书记 委员 主任 同志 传达 上级 精神 部署 要求 讨论 通过 表决 同意 研究 汇报 情况 工作 进展 计划 安排 ' +
  '季度 年度 目标 考核 评比 表彰 先进 模范 作用 发挥 带头 示范 岗位 承诺 践诺 评星 定级 积分 管理'
).split(' ');
const PUNCT = ['，', '，', '，', '、', '。', '；', '：'];

function sentence(): string {
  const n = rng.int(6, 16);
  let s = '';
  for (let i = 0; i < n; i++) {
    s += rng.pick(WORDS);
    if (rng.chance(0.05)) s += `${rng.int(1, 30)}号楼`;
    if (rng.chance(0.02)) s += `${rng.int(2015, 2026)}年${rng.int(1, 12)}月`;
    if (rng.chance(0.01)) s += rng.pick(['A区', 'B座', 'WiFi', 'APP', 'PPT']);
    if (i < n - 1 && rng.chance(0.3)) s += rng.pick(PUNCT);
  }
  return s + '。';
}

function text(chars: number): string {
  const paras: string[] = [];
  let len = 0;
  while (len < chars) {
    let p = '';
    const k = rng.int(3, 8);
    for (let i = 0; i < k; i++) p += sentence();
    paras.push(p);
    len += p.length;
  }
  return paras.join('\n').slice(0, chars);
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};
const fmt = (xs: number[]) => `p50 ${pct(xs, 0.5).toFixed(1)} ms, p95 ${pct(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-bench-minutes-'));
try {
  const file = values.db ? path.resolve(values.db) : path.join(dir, 'minutes.db');
  const db = openDatabase(file);
  const s = createServices(db, file, { actor: 'bench', backupDir: null, now: () => new Date('2026-11-26T10:00:00+08:00') });
  const reuse = (db.prepare('SELECT count(*) AS n FROM meetings').get() as { n: number }).n >= MEETINGS;
  if (!reuse) {
    const street = s.orgs.create({ name: '和平街道党工委', kind: 'streetCommittee', parentId: null });
    for (let i = 0; i < 40; i++) s.orgs.create({ name: `第${i + 1}党支部`, kind: 'branch', parentId: street.id });
  }
  const branches = (db.prepare("SELECT id FROM organisations WHERE kind = 'branch'").all() as { id: number }[]).map((r) => r.id);

  // a. the meetings
  log(`生成 ${MEETINGS} 条会议记录 …`);
  let bodies: string[] = [];
  let t = performance.now();
  const start = Date.parse('2010-01-01');
  const span = Date.parse('2026-11-20') - start;
  if (!reuse) db.transaction(() => {
    for (let i = 0; i < MEETINGS; i++) {
      const body = text(CHARS);
      if (i % 50 === 0) bodies.push(body);
      s.minutes.createIn({
        type: rng.pick(MEETING_TYPES),
        title: `${rng.pick(WORDS)}${rng.pick(WORDS)}会议`,
        heldOn: iso(new Date(start + rng.next() * span)),
        orgId: rng.pick(branches),
        host: '王建国',
        recorder: '李秀英',
        minutes: body,
        decisions: sentence(),
      });
    }
  }).immediate();
  const writeMs = performance.now() - t;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const size = fs.statSync(file).size;
  if (reuse) bodies = (db.prepare('SELECT minutes FROM meetings WHERE id % 50 = 0').all() as { minutes: string }[]).map((r) => r.minutes);
  else console.log(`meetings: ${MEETINGS} × ~${CHARS} chars written in ${(writeMs / 1000).toFixed(1)} s (${(writeMs / MEETINGS).toFixed(2)} ms each, both indexes by trigger); database ${(size / 1024 / 1024).toFixed(0)} MB`);

  // b. search
  const cut = (len: number) => {
    for (;;) {
      const b = rng.pick(bodies);
      const at = rng.int(0, b.length - len);
      const q = b.slice(at, at + len);
      if (/^[\p{L}\p{N}]+$/u.test(q)) return q;
    }
  };
  const absent2 = ['火箭', '潜艇', '冰川', '沙漠', '骆驼', '芯片', '股票', '钢琴', '熊猫', '海豚'];
  const absentLong = ['火箭发射', '潜艇下潜', '冰川融化深', '沙漠骆驼队伍', '芯片设计流程图'];
  const sets: [string, () => string][] = [
    ['2 characters (found)', () => cut(2)],
    ['2 characters (absent)', () => rng.pick(absent2)],
    ['3–4 characters (found)', () => cut(rng.int(3, 4))],
    ['8 characters (found)', () => cut(8)],
    ['3–8 characters (absent)', () => rng.pick(absentLong)],
    ['mixed (digits, Latin, Chinese)', () => rng.pick(['3号楼', '12号楼', '2023年', 'WiFi', 'APP', 'A区', '2019年5月', 'B座'])],
    ['two words (2 + 3 chars)', () => `${cut(2)} ${cut(3)}`],
  ];
  console.log(`search (${QUERIES} queries each; MinutesService.list: count + 20 newest + snippets; target p95 ≤ 50 ms):`);
  for (const [name, make] of sets) {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < QUERIES; i++) {
      const q = make();
      t = performance.now();
      const r = s.minutes.list(minutesListQuery.parse({ q, pageSize: 20 }));
      times.push(performance.now() - t);
      hits += r.total;
    }
    console.log(`  ${name.padEnd(32)} ${fmt(times)}  (mean ${Math.round(hits / QUERIES)} matches)  ratio(p95) ${(pct(times, 0.95) / 50).toFixed(2)}`);
  }
  const filtered: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    t = performance.now();
    s.minutes.list(minutesListQuery.parse({ q: cut(2), type: rng.pick(MEETING_TYPES), orgId: rng.pick(branches), from: '2015-01-01', pageSize: 20 }));
    filtered.push(performance.now() - t);
  }
  console.log(`  ${'2 characters + type, org, dates'.padEnd(32)} ${fmt(filtered)}  ratio(p95) ${(pct(filtered, 0.95) / 50).toFixed(2)}`);
  db.close();

  // c. importing .docx files
  const docxDir = path.join(dir, 'docx');
  fs.mkdirSync(docxDir);
  const esc = (x: string) => x.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const files: { fileName: string; bytes: Uint8Array }[] = [];
  for (let i = 0; i < FILES; i++) {
    const d = iso(new Date(start + rng.next() * span));
    const kind = rng.pick(['支委会', '党员大会', '党小组会', '党课', '主题党日']);
    const body = text(CHARS);
    const xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
      [`第${rng.int(1, 40)}党支部${kind}会议记录`, `会议时间：${d}`, '主持人：王建国', ...body.split('\n')].map((p) => `<w:p><w:r><w:t>${esc(p)}</w:t></w:r></w:p>`).join('') +
      '</w:body></w:document>';
    const bytes = zipSync({
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      '_rels/.rels': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
      'word/document.xml': strToU8(xml),
    });
    const fileName = `${d} ${kind}记录 ${i + 1}.docx`;
    files.push({ fileName, bytes });
    fs.writeFileSync(path.join(docxDir, fileName), bytes);
  }
  const mb = files.reduce((n, f) => n + f.bytes.length, 0) / 1024 / 1024;

  const appFile = path.join(dir, 'import.db');
  const adb = openDatabase(appFile);
  const a = createServices(adb, appFile, { actor: 'bench', backupDir: null });
  let reports = 0;
  const progress = () => void reports++;
  t = performance.now();
  const staged = a.minutesImport.stage(files);
  const tStage = performance.now() - t;
  const preview = await a.minutesImport.preview(staged, progress);
  const tPreview = performance.now() - t - tStage;
  const items = preview.items.filter((i) => i.ok).map((i) => ({ token: i.token, fileName: i.fileName, type: i.type, heldOn: i.heldOn!, title: i.title, orgId: null }));
  const result = await a.minutesImport.commit(items, progress);
  const total = performance.now() - t;
  console.log(
    `import (app: stage → preview → commit): ${FILES} .docx (${mb.toFixed(1)} MB, ~${CHARS} chars each) in ${(total / 1000).toFixed(1)} s ` +
      `(stage ${(tStage / 1000).toFixed(1)} s, read ${(tPreview / 1000).toFixed(1)} s, commit ${((total - tStage - tPreview) / 1000).toFixed(1)} s); ` +
      `${result.created.length} created, ${result.skipped.length} skipped, ${reports} progress reports; target 60 s  ratio ${(total / 60000).toFixed(2)}`,
  );
  adb.close();

  const cliFile = path.join(dir, 'cli.db');
  const cdb = openDatabase(cliFile);
  const c = createServices(cdb, cliFile, { actor: 'bench', backupDir: null });
  t = performance.now();
  const r2 = await c.minutesImport.importPaths([docxDir]);
  console.log(`import (command line, a folder): ${r2.created.length} created in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  cdb.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
