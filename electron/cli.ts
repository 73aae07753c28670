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
import { EXPORT_DATA_LABELS, MEETING_TYPE_LABELS, ORG_KIND_LABELS } from '../shared/domain/labels';
import { minutesListQuery } from '../shared/minutes';
import { FLOATING_DIRECTION_LABELS, floatingListQuery } from '../shared/floating';
import { TRANSFER_DIRECTION_LABELS, TRANSFER_STATUS_LABELS, transferListQuery } from '../shared/transfers';
import { returnsPeriod, returnsProduceInput } from '../shared/returns';
import { volunteerListQuery } from '../shared/volunteers';
import '../shared/zodLocale';
import { formatRate } from '../shared/rules/coverage';
import { openDatabase } from './db/connection';
import { ServiceError } from './errors';
import { readFileForImport } from './excel/read';
import { createServices, type Services } from './services';
import { BACKUP_COMMANDS, BACKUP_USAGE } from './backup/cli';
import { figuresJson } from './returns/service';
import { snippetText } from './minutes/search';

const USAGE = `用法：npm run -s cli -- --db <数据文件> <命令> [选项]

命令：
  stats                          在册党员总数、按分类、按党支部的人数（JSON）
  members import <文件>           导入党员（.xlsx / .xls / .csv）
      --dry-run                  只检查，不写入
      --strict                   有任何一行出错就什么也不写入（退出码非 0）
      --json                     以 JSON 输出结果
  members template <输出.xlsx>    生成导入模板
  members export <输出.xlsx>      导出在册党员名册（模板格式），身份证号和电话默认隐藏
      --full                     导出完整数据（用于重新导入），记入操作日志
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
  security status                开机密码是否已设置、自动锁定时间、连续输错次数（JSON）
  security clear-password        忘记开机密码时取消它（记入操作日志）；数据不受影响
  neworgs import <文件>           导入两新组织名册（组织名称、统一社会信用代码、组织类型、党员人数、党建工作情况……）
      --dry-run                  只检查，不写入
      --strict                   有任何一行出错就什么也不写入（退出码非 0）
      --json                     以 JSON 输出 {rows, inserted, updated, unchanged, errors, written, batchId}
  coverage                       两新组织党建覆盖：组织覆盖率、工作覆盖率，按社区和合计，应单独组建而未组建的组织
      --json                     以 JSON 输出 {totals: {organisations, own, joint, liaisonOnly, unionOnly, none,
                                 organisationCoverage, workCoverage}, byCommunity, qualifiedUncovered: [名称…]}
  returns export                 统计报表：按报表期间末的在册党员生成 .xlsx（每张报表一个工作表），记入报表历史
      --period <年份|年-月>       报表期间，如 2025 或 2025-06（人数按该年或该月最后一天统计）
      --scope <党组织>            统计范围：组织全称或编号（默认全部党组织）
      --out <文件.xlsx>           保存位置
      --json                     同时以 JSON 输出报表中的每个数字 {sheets: [{name, rows: [{label, values}]}]}
  volunteers search              党员志愿者：按特长、社区查找（如 --specialty 义诊 --community 阳光社区党委）
      --specialty <特长>          特长中含有这些字
      --community <社区>          社区党委的全称或编号
      --json                     以 JSON 输出 [{name, communityName, branchName, specialties, teams, hoursThisYear}]
  volunteers hours               志愿服务时长：按人员、服务队、社区、年度合计
      --year <年份>               只统计这一年（默认全部年度）
      --json                     以 JSON 输出 {total, byMember, byTeam, byCommunity, byYear}
  assistance overdue             帮扶对象中走访逾期的（按设定的走访频次），逾期最久的在前；身份证号、电话、住址隐藏
      --json                     以 JSON 输出
  cadres structure               社区党务干部队伍结构：年龄段、学历、正式干部占比、培训学时，按社区和合计
      --year <年份>               统计年度（默认今年；往年按 12 月 31 日在任的干部）
      --json                     以 JSON 输出
  targets export                 年度目标考核表（考核结果和年中检查，A4 打印格式）
      --year <年份>               考核年度
      --out <文件.xlsx>           保存位置
${BACKUP_USAGE}
  help                           显示本说明`;

type Flags = { json?: boolean; 'dry-run'?: boolean; strict?: boolean; full?: boolean; period?: string; scope?: string; out?: string; specialty?: string; community?: string; year?: string };
type Command = (s: Services, args: string[], flags: Flags) => Promise<number> | number;

const say = (line: string) => process.stderr.write(`${line}\n`);
const out = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

/** --year as a year, or a usage message. */
function yearFlag(text: string | undefined): number | undefined | string {
  if (text == null) return undefined;
  return /^\d{4}$/.test(text.trim()) ? Number(text.trim()) : `年份“${text}”不对，请写四位数字，如 --year 2026`;
}

const COMMANDS: Record<string, Command> = {
  'volunteers search': (s, _args, flags) => {
    const communityId = flags.community ? s.returns.resolveScope(flags.community) : undefined;
    const rows = s.volunteers.list(volunteerListQuery.parse({ specialty: flags.specialty, communityId }));
    if (flags.json)
      out(rows.map((r) => ({ name: r.name, communityName: r.communityName, branchName: r.branchName, specialties: r.specialties, teams: r.teams.map((t) => t.name), hoursThisYear: r.hoursThisYear })));
    else if (!rows.length) say('没有找到符合条件的志愿者。');
    else for (const r of rows) process.stdout.write(`${r.name}（${r.communityName ?? '未编入社区'}，${r.branchName ?? '未编入党支部'}）特长：${r.specialties.join('、') || '—'}；今年服务 ${r.hoursThisYear} 小时\n`);
    return 0;
  },
  'volunteers hours': (s, _args, flags) => {
    const year = yearFlag(flags.year);
    if (typeof year === 'string') return usage(year);
    const h = s.volunteers.hours(year);
    if (flags.json) out({ total: h.total, byMember: h.byMember, byTeam: h.byTeam, byCommunity: h.byCommunity, byYear: h.byYear });
    else {
      process.stdout.write(`${year ? `${year}年` : '全部年度'}：志愿服务 ${h.total.services} 次，${h.total.personTimes} 人次，共 ${h.total.hours} 小时\n`);
      for (const c of h.byCommunity) process.stdout.write(`  ${c.communityName}：${c.hours} 小时（${c.people} 人）\n`);
      for (const t of h.byTeam) process.stdout.write(`  ${t.teamName}：${t.hours} 小时（${t.services} 次）\n`);
    }
    return 0;
  },
  'assistance overdue': (s, _args, flags) => {
    const rows = s.assistance.overdue();
    if (flags.json) out(rows);
    else if (!rows.length) say('没有走访逾期的帮扶对象。');
    else for (const r of rows) process.stdout.write(`${r.name}（${r.communityName}，${r.addressMasked ?? '住址未填'}）应于 ${r.dueOn} 前走访，已逾期 ${r.daysOverdue} 天；上次走访 ${r.lastVisitOn ?? '无'}\n`);
    return 0;
  },
  'cadres structure': (s, _args, flags) => {
    const year = yearFlag(flags.year);
    if (typeof year === 'string') return usage(year);
    const st = s.cadres.structure(year);
    if (flags.json) out(st);
    else {
      const line = (label: string, f: (typeof st)['total']) =>
        process.stdout.write(
          `${label}：${f.cadres} 人，正式干部 ${f.formal}（${formatRate(f.formalShare)}），平均年龄 ${f.averageAge ?? '—'}，大专及以上 ${f.collegeOrAbove}（${formatRate(f.collegeShare)}），培训 ${f.trainingHours} 学时\n`,
        );
      line(`合计（${st.asOf}）`, st.total);
      for (const c of st.byCommunity) line(c.communityName, c);
    }
    return 0;
  },
  'targets export': async (s, _args, flags) => {
    const year = yearFlag(flags.year);
    if (typeof year === 'string') return usage(year);
    if (year == null) return usage('请用 --year 给出考核年度，如 --year 2026');
    if (!flags.out) return usage('请用 --out 给出保存位置，如 --out 目标考核.xlsx');
    const file = await s.targets.exportAssessment({ year });
    const dest = path.resolve(flags.out);
    fs.writeFileSync(dest, Buffer.from(file.dataBase64, 'base64'));
    say(`已导出 ${year} 年度目标考核表：${dest}`);
    return 0;
  },
  'returns export': async (s, _args, flags) => {
    if (!flags.period) return usage('请用 --period 给出报表期间，如 --period 2025 或 --period 2025-06');
    const period = returnsPeriod.safeParse(flags.period);
    if (!period.success) return usage(`报表期间“${flags.period}”不对：${period.error.issues[0]?.message ?? ''}`);
    if (!flags.out) return usage('请用 --out 给出报表的保存位置，如 --out 统计报表.xlsx');
    const scopeId = flags.scope ? s.returns.resolveScope(flags.scope) : null;
    const { entry, figures } = await s.returns.produce(returnsProduceInput.parse({ period: period.data, scopeId }));
    const file = path.resolve(flags.out);
    fs.writeFileSync(file, Buffer.from(s.returns.file(entry.id).dataBase64, 'base64'));
    if (flags.json) out({ sheets: JSON.parse(figuresJson(figures)) });
    say(`已生成统计报表（${entry.scopeName}，${entry.periodLabel}，截至 ${entry.asOf}，${entry.sheetNames.length} 张表）：${file}`);
    return 0;
  },
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
  'members export': async (s, [file], flags) => {
    if (!file) return usage('请给出导出文件的保存位置');
    const data = flags.full ? 'full' : 'masked';
    // Written under a temporary name and renamed when complete: an interrupted export leaves no half a file.
    const partial = `${path.resolve(file)}.partial`;
    let rows: number;
    try {
      rows = await s.exports.exportMembers(partial, memberListQuery.parse({}), undefined, data);
      fs.renameSync(partial, path.resolve(file));
    } finally {
      fs.rmSync(partial, { force: true });
    }
    say(`已导出 ${rows} 名在册党员（${EXPORT_DATA_LABELS[data]}${flags.full ? '，已记入操作日志' : '；要重新导入请加 --full'}）：${path.resolve(file)}`);
    return 0;
  },
  'security status': (s) => {
    const { passwordSet, autoLockMinutes, failedAttempts, retryAfterSeconds } = s.security.status();
    out({ passwordSet, autoLockMinutes, failedAttempts, retryAfterSeconds });
    return 0;
  },
  'security clear-password': (s) => {
    if (!s.security.clearPassword('通过命令行取消了开机密码（忘记密码）')) {
      say('没有设置开机密码，无需取消。');
      return 0;
    }
    say('已取消开机密码，并记入操作日志。打开软件后可在“设置”中重新设置。');
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
  'neworgs import': (s, [file], flags) => {
    if (!file) return usage('请给出要导入的文件');
    const bytes = readFileForImport(path.resolve(file));
    const fileName = path.basename(file);
    const r = s.neworgImports.commit(bytes, fileName, { mode: flags.strict ? 'strict' : 'valid', dryRun: !!flags['dry-run'] });
    const refused = !!flags.strict && r.errors.length > 0;
    const summary = {
      rows: r.rows,
      inserted: r.inserted,
      updated: r.updated,
      unchanged: r.unchanged,
      errors: r.errors,
      dryRun: !!flags['dry-run'],
      written: r.written,
      batchId: r.batchId,
    };
    if (flags.json) out(summary);
    else {
      const bad = new Set(r.errors.map((e) => e.row)).size;
      say(`${fileName}：共 ${r.rows} 行；新增 ${r.inserted}，更新 ${r.updated}，未变 ${r.unchanged}，出错 ${bad} 行${flags['dry-run'] ? '（仅检查，未写入）' : ''}`);
      for (const e of r.errors.slice(0, 50)) say(`  第 ${e.row} 行 ${e.column}：${e.message}${e.value ? `（“${e.value}”）` : ''}`);
      if (r.errors.length > 50) say(`  ……另有 ${r.errors.length - 50} 个问题`);
    }
    if (refused) say(`有 ${new Set(r.errors.map((e) => e.row)).size} 行出错；按 --strict 的要求，这次什么也没有写入。`);
    return refused ? 1 : 0;
  },
  coverage: (s, _args, flags) => {
    const c = s.neworgs.coverage();
    const figures = (f: (typeof c)['total']) => ({
      organisations: f.organisations,
      own: f.own,
      joint: f.joint,
      liaisonOnly: f.liaisonOnly,
      unionOnly: f.unionOnly,
      none: f.none,
      organisationCoverage: f.organisationCoverage,
      workCoverage: f.workCoverage,
    });
    if (flags.json)
      out({
        today: c.today,
        totals: figures(c.total),
        byCommunity: c.byCommunity.map((x) => ({ community: x.communityName, ...figures(x) })),
        target: { qualified: c.total.qualified, qualifiedOwn: c.total.qualifiedOwn },
        qualifiedUncovered: c.qualifiedUncovered.map((x) => x.name),
      });
    else {
      const line = (label: string, f: (typeof c)['total']) =>
        process.stdout.write(
          `${label}：在营 ${f.organisations} 家，单独组建 ${f.own}，联合组建 ${f.joint}，党建联络员 ${f.liaisonOnly}，仅建工会 ${f.unionOnly}，未覆盖 ${f.none}；组织覆盖率 ${formatRate(f.organisationCoverage)}，工作覆盖率 ${formatRate(f.workCoverage)}\n`,
        );
      line('合计', c.total);
      for (const x of c.byCommunity) line(x.communityName ?? '未指定社区', x);
      if (c.qualifiedUncovered.length) {
        process.stdout.write(`有 3 名以上正式党员、尚未单独组建党组织的（${c.qualifiedUncovered.length} 家）：\n`);
        for (const x of c.qualifiedUncovered) process.stdout.write(`  ${x.name}（${x.communityName ?? '未指定社区'}，正式党员 ${x.fullMembers} 名）\n`);
      }
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
        full: { type: 'boolean' },
        period: { type: 'string' },
        specialty: { type: 'string' },
        community: { type: 'string' },
        year: { type: 'string' },
        scope: { type: 'string' },
        out: { type: 'string' },
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
  // Backups, restore and the check work on the data file as it is (damaged, or not yet migrated): no opening first.
  const raw = BACKUP_COMMANDS[two];
  if (raw) {
    if (!parsed.values.db) return usage('请用 --db 指定数据文件。');
    try {
      return raw(path.resolve(parsed.values.db), positionals.slice(2), parsed.values);
    } catch (e) {
      if (e instanceof ServiceError) {
        say(e.message);
        return 1;
      }
      throw e;
    }
  }
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
