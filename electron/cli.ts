/**
 * The admin command line over the same services as the app:
 *   npm run -s cli -- --db <file> <command> [options]
 * Output meant for scripts is JSON on stdout; messages go to stderr. Exit 0 on success, 1 on a refused
 * operation, 2 on wrong usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { memberListQuery } from '../shared/contract';
import { MEETING_TYPE_LABELS, ORG_KIND_LABELS } from '../shared/domain/labels';
import { minutesListQuery } from '../shared/minutes';
import { FLOATING_DIRECTION_LABELS, floatingListQuery } from '../shared/floating';
import { TRANSFER_DIRECTION_LABELS, TRANSFER_STATUS_LABELS, transferListQuery } from '../shared/transfers';
import '../shared/zodLocale';
import { openDatabase } from './db/connection';
import { ServiceError } from './errors';
import { readFileForImport } from './excel/read';
import { createServices, type Services } from './services';
import { snippetText } from './minutes/search';

const USAGE = `用法：npm run -s cli -- --db <数据文件> <命令> [选项]

命令：
  stats                          在册党员总数、按分类、按党支部的人数（JSON）
  members import <文件>           导入党员（.xlsx / .xls / .csv）
      --dry-run                  只检查，不写入
      --strict                   有任何一行出错就什么也不写入（退出码非 0）
      --json                     以 JSON 输出结果
  members template <输出.xlsx>    生成导入模板
  members export <输出.xlsx>      导出在册党员名册（模板格式）
  orgs list                      党组织树：每个组织的正式／预备党员人数（本级和含下级）与规则提醒
      --json                     以 JSON 输出（嵌套的树）
  orgs import <文件>              导入党组织名单（组织名称、组织类别、上级组织，可有书记、联系电话、建立日期等）
      --dry-run                  只检查，不写入
      --strict                   有任何一行出错就什么也不写入（退出码非 0）
      --json                     以 JSON 输出结果
  orgs suggestions               分类建支部建议：未编入离退休、流动党员党支部且满 3 名正式党员的社区
      --json                     以 JSON 输出 [{kind, organisation, members, rule, …}]
  transfers list                 组织关系转接：转出、转入的介绍信及状态（回执逾期标出）
      --json                     以 JSON 输出
  floating list                  流动党员活动证：流出、流入，在外／已返回，今年是否年审
      --json                     以 JSON 输出
  minutes import <文件或文件夹>…   导入旧会议记录（.docx / .doc / .pdf / .txt），日期和类型从文件名和开头几行识别；
                                 读不出的文件列出原因后跳过
      --json                     以 JSON 输出 {created: [{id, fileName, title, heldOn, type}], skipped: [{fileName, reason}]}
  minutes search <词语>           在会议名称、会议内容、决定事项和附件文字中查找（两个字也可以；多个词用空格分开）
      --json                     以 JSON 输出 [{id, title, date, type, snippet}]（snippet 中命中的词在【】里）
  help                           显示本说明`;

type Flags = { json?: boolean; 'dry-run'?: boolean; strict?: boolean };
type Command = (s: Services, args: string[], flags: Flags) => Promise<number> | number;

const say = (line: string) => process.stderr.write(`${line}\n`);
const out = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

const COMMANDS: Record<string, Command> = {
  'orgs list': (s, _args, flags) => {
    const nodes = s.orgs.list();
    type Tree = (typeof nodes)[number] & { children: Tree[] };
    const byId = new Map<number, Tree>(nodes.map((n) => [n.id, { ...n, children: [] }]));
    const roots: Tree[] = [];
    for (const n of byId.values()) {
      const p = n.parentId != null ? byId.get(n.parentId) : undefined;
      (p ? p.children : roots).push(n);
    }
    if (flags.json) out(roots);
    else {
      const print = (n: Tree, depth: number) => {
        const warn = n.warnings.length ? `  ⚠ ${n.warnings.map((w) => w.title).join('；')}` : '';
        process.stdout.write(`${'  '.repeat(depth)}${n.name}（${ORG_KIND_LABELS[n.kind]}）正式 ${n.fullTotal} 预备 ${n.probationaryTotal}${warn}\n`);
        for (const c of n.children) print(c, depth + 1);
      };
      for (const r of roots) print(r, 0);
    }
    return 0;
  },
  'transfers list': (s, _args, flags) => {
    const rows = s.transfers.list(transferListQuery.parse({}));
    if (flags.json) out(rows);
    else if (!rows.length) say('还没有组织关系转接记录。');
    else
      for (const r of rows)
        process.stdout.write(
          `${r.date} ${TRANSFER_DIRECTION_LABELS[r.direction]} ${r.letterNo} ${r.name} ${r.from} → ${r.to} ${TRANSFER_STATUS_LABELS[r.status]}${r.overdue ? '（回执逾期）' : ''}\n`,
        );
    return 0;
  },
  'floating list': (s, _args, flags) => {
    const rows = s.floating.list(floatingListQuery.parse({}));
    if (flags.json) out(rows);
    else if (!rows.length) say('还没有流动党员活动证记录。');
    else
      for (const r of rows)
        process.stdout.write(
          `${r.issueDate} ${FLOATING_DIRECTION_LABELS[r.direction]} ${r.certificateNo} ${r.memberName} ${r.destination} ${r.dateBack ? `已返回（${r.dateBack}）` : '在外'}${r.dateBack ? '' : r.reviewedThisYear ? ' 今年已年审' : ' 今年未年审'}\n`,
        );
    return 0;
  },
  stats: (s) => {
    out(s.members.stats());
    return 0;
  },
  'members import': (s, [file], flags) => {
    if (!file) return usage('请给出要导入的文件');
    const bytes = readFileForImport(path.resolve(file));
    const fileName = path.basename(file);
    const progress = (stage: string, done: number, total: number) => {
      if (!flags.json && total > 1000 && done === total) say(`${stage}：${done}/${total}`);
    };
    // --strict: check first; with any row in error, report and write nothing.
    const checked = s.imports.commit(bytes, fileName, { mode: 'valid', createBranches: 'auto', dryRun: true }, progress);
    const refuse = !!flags.strict && checked.errors.length > 0;
    const result =
      flags['dry-run'] || refuse
        ? checked
        : s.imports.commit(bytes, fileName, { mode: flags.strict ? 'strict' : 'valid', createBranches: 'auto' }, progress);
    if (refuse) {
      result.inserted = 0;
      result.updated = 0;
    }
    const summary = {
      rows: result.rows,
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      errors: result.errors,
      dryRun: !!flags['dry-run'],
      written: !flags['dry-run'] && !refuse,
      batchId: flags['dry-run'] || refuse ? null : result.batchId,
      createdBranches: result.createdBranches,
      backupFile: result.backupFile,
    };
    if (flags.json) out(summary);
    else {
      say(`${fileName}：共 ${result.rows} 行；新增 ${result.inserted}，更新 ${result.updated}，未变 ${result.unchanged}，出错 ${new Set(result.errors.map((e) => e.row)).size} 行${flags['dry-run'] ? '（仅检查，未写入）' : ''}`);
      for (const e of result.errors.slice(0, 50)) say(`  第 ${e.row} 行 ${e.column}：${e.message}${e.value ? `（“${e.value}”）` : ''}`);
      if (result.errors.length > 50) say(`  ……另有 ${result.errors.length - 50} 个问题`);
      if (result.createdBranches.length) say(`新建党支部：${result.createdBranches.join('、')}`);
    }
    if (refuse) say(`有 ${new Set(checked.errors.map((e) => e.row)).size} 行出错；按 --strict 的要求，这次什么也没有写入。`);
    return refuse ? 1 : 0;
  },
  'members template': async (s, [file]) => {
    if (!file) return usage('请给出模板的保存位置');
    const t = await s.exports.template();
    fs.writeFileSync(path.resolve(file), Buffer.from(t.dataBase64, 'base64'));
    say(`已生成导入模板：${path.resolve(file)}`);
    return 0;
  },
  'members export': async (s, [file]) => {
    if (!file) return usage('请给出导出文件的保存位置');
    const rows = await s.exports.exportMembers(path.resolve(file), memberListQuery.parse({}));
    say(`已导出 ${rows} 名在册党员：${path.resolve(file)}`);
    return 0;
  },
  'orgs import': (s, [file], flags) => {
    if (!file) return usage('请给出要导入的文件');
    const bytes = readFileForImport(path.resolve(file));
    const fileName = path.basename(file);
    // --strict: check first; with any row in error, report and write nothing.
    const checked = s.orgImports.commit(bytes, fileName, { mode: 'valid', dryRun: true });
    const refuse = !!flags.strict && checked.errors.length > 0;
    const result = flags['dry-run'] || refuse ? checked : s.orgImports.commit(bytes, fileName, { mode: flags.strict ? 'strict' : 'valid' });
    if (refuse) {
      result.inserted = 0;
      result.updated = 0;
    }
    const written = !flags['dry-run'] && !refuse;
    const summary = {
      rows: result.rows,
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      errors: result.errors,
      dryRun: !!flags['dry-run'],
      written,
      batchId: written ? result.batchId : null,
      backupFile: result.backupFile,
    };
    const errorRows = new Set(result.errors.map((e) => e.row)).size;
    if (flags.json) out(summary);
    else {
      say(`${fileName}：共 ${result.rows} 行；新增 ${result.inserted}，更新 ${result.updated}，未变 ${result.unchanged}，出错 ${errorRows} 行${flags['dry-run'] ? '（仅检查，未写入）' : ''}`);
      for (const e of result.errors.slice(0, 50)) say(`  第 ${e.row} 行${e.column ? ` ${e.column}` : ''}：${e.message}${e.value ? `（“${e.value}”）` : ''}`);
      if (result.errors.length > 50) say(`  ……另有 ${result.errors.length - 50} 个问题`);
    }
    if (refuse) say(`有 ${errorRows} 行出错；按 --strict 的要求，这次什么也没有写入。`);
    return refuse ? 1 : 0;
  },
  'minutes import': async (s, args, flags) => {
    if (!args.length) return usage('请给出要导入的文件或文件夹');
    const r = await s.minutesImport.importPaths(args, {}, (stage, done, total) => {
      if (!flags.json && total >= 100 && done === total) say(`${stage}：${done}/${total}`);
    });
    if (flags.json) out(r);
    else {
      say(`导入 ${r.created.length} 份会议记录，跳过 ${r.skipped.length} 个文件。`);
      for (const c of r.created) process.stdout.write(`${c.heldOn} ${MEETING_TYPE_LABELS[c.type]} ${c.title}（${c.fileName}）\n`);
      for (const x of r.skipped) say(`  跳过 ${x.fileName}：${x.reason}`);
    }
    return 0;
  },
  'minutes search': (s, args, flags) => {
    const q = args.join(' ').trim();
    if (!q) return usage('请给出要查找的词语');
    const r = s.minutes.list(minutesListQuery.parse({ q, pageSize: 200 }));
    const hits = r.rows.map((h) => ({ id: h.id, title: h.title, date: h.heldOn, type: h.type, snippet: snippetText(h.snippet) }));
    if (flags.json) out(hits);
    else if (!hits.length) say(`没有找到包含“${q}”的会议记录。`);
    else {
      for (const h of hits) process.stdout.write(`${h.date} ${MEETING_TYPE_LABELS[h.type]} ${h.title}\n    ${h.snippet}\n`);
      if (r.total > hits.length) say(`共 ${r.total}${r.capped ? ' 多' : ''} 条，只列出最近的 ${hits.length} 条。`);
    }
    return 0;
  },
  'orgs suggestions': (s, _args, flags) => {
    const list = s.branches
      .suggestions()
      .filter((x) => x.eligible)
      .map((x) => ({
        kind: x.kind,
        branchKind: x.branchKind,
        organisation: x.organisation,
        members: x.members.map((m) => ({ id: m.id, name: m.name, membershipKind: m.membershipKind, branchName: m.branchName })),
        rule: x.rule,
        suggestedName: x.suggestedName,
      }));
    if (flags.json) out(list);
    else if (!list.length) say('没有需要成立离退休党支部或流动党员党支部的社区。');
    else for (const x of list) process.stdout.write(`${x.organisation.name}：${x.rule}（建议名称：${x.suggestedName}）\n`);
    return 0;
  },
};

function usage(problem: string): number {
  say(`${problem}\n\n${USAGE}`);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        db: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        json: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        strict: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    return usage((e as Error).message);
  }
  const positionals = parsed.positionals;
  if (parsed.values.help || !positionals.length || positionals[0] === 'help') {
    say(USAGE);
    return positionals.length || parsed.values.help ? 0 : 2;
  }
  const two = positionals.slice(0, 2).join(' ');
  const [name, args] = COMMANDS[two] ? [two, positionals.slice(2)] : [positionals[0]!, positionals.slice(1)];
  const run = COMMANDS[name];
  if (!run) return usage(`不认识的命令：${positionals.join(' ')}`);
  if (!parsed.values.db) return usage('请用 --db 指定数据文件。');
  const dbPath = path.resolve(parsed.values.db);
  let db;
  try {
    db = openDatabase(dbPath);
  } catch (e) {
    say(`无法打开数据文件 ${dbPath}：${(e as Error).message}`);
    return 1;
  }
  try {
    return await run(createServices(db, dbPath, { actor: 'cli' }), args, parsed.values);
  } catch (e) {
    if (e instanceof ServiceError) {
      say(e.message);
      return 1;
    }
    throw e;
  } finally {
    db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
