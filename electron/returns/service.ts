/**
 * 统计报表: figures for a period and scope (every count as of the period's last day), the workbook written from
 * them, and the history of every return produced (parameters, time, the file's SHA-256, the file and its figures).
 * A return produced again from its entry uses the same parameters; from the same data it gives the same figures
 * and the same file, and when the data has changed since, the history says which numbers moved.
 *
 * 概览: the same figures as of today for the whole register, with the organisations' warnings, overdue transfer
 * receipts, 年审 due, this year's 三会一课 gaps, the two-new coverage rates and the agreements about to expire, for the
 * page a secretary opens first.
 */
import crypto from 'node:crypto';
import type { FileDownload } from '../../shared/contract';
import { TAGS, TAG_LABELS, tagBit } from '../../shared/domain/labels';
import { todayIso } from '../../shared/rules/idNumber';
import {
  periodInfo,
  type Overview,
  type ReturnDifference,
  type ReturnEntry,
  type ReturnProduced,
  type ReturnsFigures,
  type ReturnsProduceInput,
} from '../../shared/returns';
import type { Sqlite } from '../db/connection';
import type { ProducedReturnsTable } from '../db/schema';
import { ServiceError } from '../errors';
import { writeReturnsWorkbook } from '../excel/write/returns';
import type { Services } from '../services';
import { AGE_BANDS, AGE_UNKNOWN, COLLEGE_OR_ABOVE_OF, EDUCATION_GROUPS, EDUCATION_UNKNOWN, ageBand, educationGroup } from './groups';
import { membersAsOf, type MemberAsOf } from './population';
import { buildScope, loadOrgs } from './scope';
import { SHEETS } from './sheets';
import type { SheetContext } from './sheets/sheet';

type Row = Omit<ProducedReturnsTable, 'id' | 'file'> & { id: number };

/** The oldest period a return may be for. */
const FIRST_YEAR = 1921;
const MAX_DIFFERENCES = 50;

export class ReturnsService {
  constructor(
    private readonly db: Sqlite,
    private readonly services: () => Services,
    private readonly now: () => Date,
    private readonly actor: string,
  ) {}

  /** Every sheet's figures for the period and scope (null: the whole register). Reads only. */
  figures(period: string, scopeId: number | null): ReturnsFigures {
    const { start, end, label } = this.checkPeriod(period);
    const scope = buildScope(this.db, scopeId, end);
    let members: MemberAsOf[] | null = null;
    const ctx: SheetContext = {
      period,
      periodLabel: label,
      start,
      asOf: end,
      scope,
      members: () => (members ??= membersAsOf(this.db, end)),
      services: this.services(),
    };
    return { period, periodLabel: label, asOf: end, scopeId, scopeName: scope.name, sheets: SHEETS.map((s) => s.build(ctx)) };
  }

  /** 生成报表: the figures, the workbook, and its entry in the history. */
  async produce(input: ReturnsProduceInput, reproducedFrom: number | null = null): Promise<ReturnProduced> {
    const today = this.today();
    const filledOn = input.filledOn ?? today;
    const { start } = this.checkPeriod(input.period);
    if (reproducedFrom == null && filledOn > today) throw invalid('filledOn', '填报日期不能晚于今天');
    if (filledOn < start) throw invalid('filledOn', `填报日期不能早于报表期间的第一天（${start}）`);
    const figures = this.figures(input.period, input.scopeId);
    const unitName = input.unitName ?? figures.scopeName;
    const print = { unitName, leader: input.leader ?? null, preparer: input.preparer ?? null, filledOn };
    const bytes = await writeReturnsWorkbook(figures, print);
    const json = figuresJson(figures);
    const at = this.now().toISOString();
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO produced_returns (period, as_of, scope_org_id, scope_name, unit_name, leader, preparer, filled_on, sheet_names,
             file_name, file_sha256, figures_sha256, figures, file, produced_at, actor, reproduced_from)
           VALUES (@period, @asOf, @scopeId, @scopeName, @unitName, @leader, @preparer, @filledOn, @sheetNames, @fileName, @sha, @figuresSha,
             @figures, @file, @at, @actor, @from)`,
        )
        .run({
          period: input.period,
          asOf: figures.asOf,
          scopeId: input.scopeId,
          scopeName: figures.scopeName,
          unitName,
          leader: print.leader,
          preparer: print.preparer,
          filledOn,
          sheetNames: JSON.stringify(figures.sheets.map((s) => s.name)),
          fileName: fileNameFor(figures),
          sha: sha256(bytes),
          figuresSha: sha256(json),
          figures: json,
          file: Buffer.from(bytes),
          at,
          actor: this.actor,
          from: reproducedFrom,
        }).lastInsertRowid,
    );
    return { entry: this.entry(id), figures };
  }

  /** Produces a return again with the parameters of a history entry, and says whether anything came out differently. */
  async reproduce(id: number): Promise<ReturnProduced> {
    const before = this.row(id);
    const produced = await this.produce(
      {
        period: before.period,
        scopeId: before.scope_org_id,
        unitName: before.unit_name,
        leader: before.leader,
        preparer: before.preparer,
        filledOn: before.filled_on,
      },
      id,
    );
    const differences = compareFigures(JSON.parse(before.figures) as FiguresJson, JSON.parse(figuresJson(produced.figures)) as FiguresJson);
    return {
      ...produced,
      comparison: {
        sameFigures: produced.entry.figuresSha256 === before.figures_sha256,
        sameFile: produced.entry.sha256 === before.file_sha256,
        differences: differences.slice(0, MAX_DIFFERENCES),
        moreDifferences: Math.max(0, differences.length - MAX_DIFFERENCES),
      },
    };
  }

  /** The history, newest first. */
  history(limit = 500): ReturnEntry[] {
    const rows = this.db
      .prepare(
        `SELECT id, period, as_of, scope_org_id, scope_name, unit_name, leader, preparer, filled_on, sheet_names, file_name, file_sha256,
                figures_sha256, produced_at, actor, reproduced_from
           FROM produced_returns ORDER BY produced_at DESC, id DESC LIMIT ?`,
      )
      .all(limit) as Row[];
    return rows.map(toEntry);
  }

  entry(id: number): ReturnEntry {
    return toEntry(this.row(id));
  }

  /** The file exactly as it was produced. */
  file(id: number): FileDownload {
    const r = this.db.prepare('SELECT file_name, file FROM produced_returns WHERE id = ?').get(id) as { file_name: string; file: Buffer } | undefined;
    if (!r) throw notFound(id);
    return { fileName: r.file_name, dataBase64: r.file.toString('base64') };
  }

  /** For the command line: an organisation by its number or its exact name. */
  resolveScope(text: string): number {
    const orgs = [...loadOrgs(this.db).values()];
    const t = text.trim();
    if (/^\d+$/.test(t) && orgs.some((o) => o.id === Number(t))) return Number(t);
    const named = orgs.filter((o) => o.name === t);
    const standing = named.filter((o) => o.dissolvedOn == null);
    const pick = standing.length ? standing : named;
    if (pick.length === 1) return pick[0]!.id;
    if (!pick.length) throw new ServiceError('not_found', `找不到名为“${t}”的党组织。请用 orgs list 查看组织的全称，或给出组织的编号。`);
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const which = pick.map((o) => `${o.id}（${o.parentId != null ? (byId.get(o.parentId)?.name ?? '无上级') : '无上级'}）`).join('、');
    throw new ServiceError('conflict', `名为“${t}”的党组织有 ${pick.length} 个：${which}。请改用组织的编号。`);
  }

  /** 概览: today's figures for the whole register, the organisations' warnings, overdue receipts, 年审 due. */
  overview(): Overview {
    const today = this.today();
    const s = this.services();
    const members = membersAsOf(this.db, today);
    const byTag = new Map<string, number>();
    const byAge = new Map<string, number>();
    const byEducation = new Map<string, number>();
    const m = { total: 0, full: 0, probationary: 0, female: 0, minorities: 0, lostContact: 0, floatingOut: 0, floatingIn: 0 };
    let unclassified = 0;
    const bump = (map: Map<string, number>, k: string) => map.set(k, (map.get(k) ?? 0) + 1);
    for (const x of members) {
      m.total++;
      if (x.full) m.full++;
      else m.probationary++;
      if (x.female) m.female++;
      if (x.minority) m.minorities++;
      if (x.lostContact) m.lostContact++;
      if (x.floating === 'outflow') m.floatingOut++;
      else if (x.floating === 'inflow') m.floatingIn++;
      if (x.tagMask === 0) unclassified++;
      else for (const t of TAGS) if (x.tagMask & tagBit(t)) bump(byTag, TAG_LABELS[t]);
      bump(byAge, ageBand(x.age));
      bump(byEducation, educationGroup(x.education));
    }
    const counted = (labels: readonly string[], map: Map<string, number>) => labels.map((label) => ({ label, count: map.get(label) ?? 0 }));

    const nodes = s.orgs.list();
    const warned = nodes.filter((n) => n.warnings.length > 0);
    const overdue = s.transfers
      .list({ direction: 'out', status: 'overdue' })
      .sort((a, b) => (a.receiptDue ?? '').localeCompare(b.receiptDue ?? '') || a.id - b.id);
    const meetings = s.minutes.overview(Number(today.slice(0, 4)));
    const owing = meetings.branches.filter((b) => b.gaps > 0).sort((a, b) => b.gaps - a.gaps || a.orgId - b.orgId);
    const coverage = s.neworgs.coverage();
    const expiring = s.agreements.expiring().sort((a, b) => a.endOn.localeCompare(b.endOn) || a.id - b.id);
    return {
      today,
      members: m,
      byClassification: counted(
        TAGS.map((t) => TAG_LABELS[t]),
        byTag,
      ),
      unclassified,
      byAge: counted([...AGE_BANDS.map((b) => b.label), AGE_UNKNOWN], byAge),
      byEducation: counted([...EDUCATION_GROUPS, EDUCATION_UNKNOWN], byEducation),
      collegeOrAbove: COLLEGE_OR_ABOVE_OF.reduce((a, l) => a + (byEducation.get(l) ?? 0), 0),
      orgs: {
        organisations: nodes.length,
        branches: nodes.filter((n) => ['branch', 'jointBranch', 'retiredBranch', 'floatingBranch', 'compositeBranch'].includes(n.kind)).length,
        warnings: warned.reduce((a, n) => a + n.warnings.length, 0),
        top: warned
          .sort((a, b) => b.warnings.length - a.warnings.length || a.id - b.id)
          .slice(0, 8)
          .map((n) => ({ orgId: n.id, orgName: n.name, kind: n.kind, titles: n.warnings.map((w) => w.title) })),
      },
      transfers: {
        overdue: overdue.length,
        items: overdue.slice(0, 8).map((t) => ({ id: t.id, letterNo: t.letterNo, name: t.name, to: t.to, receiptDue: t.receiptDue })),
      },
      floating: { reviewsDue: s.floating.reviewsDue().length },
      coverage: {
        organisations: coverage.total.organisations,
        organisationCoverage: coverage.total.organisationCoverage,
        workCoverage: coverage.total.workCoverage,
        qualifiedUncovered: coverage.qualifiedUncovered.length,
      },
      agreements: {
        expiring: expiring.length,
        items: expiring.slice(0, 6).map((a) => ({ id: a.id, title: a.title, communityName: a.communityName, endOn: a.endOn, daysLeft: a.daysLeft })),
      },
      threeMeetings: {
        year: meetings.year,
        gaps: meetings.gaps,
        branchesWithGaps: owing.length,
        top: owing.slice(0, 6).map((b) => ({ orgId: b.orgId, orgName: b.orgName, parentName: b.parentName, gaps: b.gaps })),
      },
    };
  }

  private checkPeriod(period: string): { start: string; end: string; label: string } {
    const info = periodInfo(period);
    const year = Number(period.slice(0, 4));
    if (!/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(period)) throw invalid('period', '报表期间应为年份（如 2025）或年月（如 2025-06）');
    if (year < FIRST_YEAR) throw invalid('period', `报表期间不能早于 ${FIRST_YEAR} 年`);
    if (info.start > this.today()) throw invalid('period', `报表期间${info.label}还没有开始，不能生成报表`);
    return info;
  }

  private row(id: number): Row {
    const r = this.db.prepare('SELECT * FROM produced_returns WHERE id = ?').get(id) as (Row & { file?: Buffer }) | undefined;
    if (!r) throw notFound(id);
    delete r.file;
    return r;
  }

  private today(): string {
    return todayIso(this.now());
  }
}

type FiguresJson = { name: string; rows: { label: string; values: Record<string, number | null> }[] }[];

/** The sheets as `returns export --json` prints them: name, and each row's label and values. */
export function figuresJson(f: ReturnsFigures): string {
  return JSON.stringify(f.sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => ({ label: r.label, values: r.values })) })));
}

function compareFigures(before: FiguresJson, after: FiguresJson): ReturnDifference[] {
  const out: ReturnDifference[] = [];
  const index = (f: FiguresJson) => new Map(f.flatMap((s) => s.rows.map((r) => [`${s.name}\u0000${r.label}`, { sheet: s.name, row: r.label, values: r.values }])));
  const a = index(before);
  const b = index(after);
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    const sheet = (x ?? y)!.sheet;
    const row = (x ?? y)!.row;
    for (const column of new Set([...Object.keys(x?.values ?? {}), ...Object.keys(y?.values ?? {})])) {
      const p = x?.values[column] ?? null;
      const q = y?.values[column] ?? null;
      if (p !== q) out.push({ sheet, row, column, before: p, after: q });
    }
  }
  return out;
}

function toEntry(r: Row): ReturnEntry {
  return {
    id: r.id,
    period: r.period,
    periodLabel: periodInfo(r.period).label,
    asOf: r.as_of,
    scopeId: r.scope_org_id,
    scopeName: r.scope_name,
    unitName: r.unit_name,
    leader: r.leader,
    preparer: r.preparer,
    filledOn: r.filled_on,
    sheetNames: JSON.parse(r.sheet_names) as string[],
    fileName: r.file_name,
    sha256: r.file_sha256,
    figuresSha256: r.figures_sha256,
    producedAt: r.produced_at,
    actor: r.actor,
    reproducedFrom: r.reproduced_from,
  };
}

/** 统计报表_和平街道党工委_2025年度.xlsx (characters a Windows file name cannot hold are replaced). */
export function fileNameFor(f: ReturnsFigures): string {
  return `统计报表_${f.scopeName}_${f.periodLabel}.xlsx`.replace(/[\\/:*?"<>|\s]+/g, '_');
}

function sha256(data: Uint8Array | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

function invalid(field: string, message: string): ServiceError {
  return new ServiceError('validation', message, { [field]: message });
}

function notFound(id: number): ServiceError {
  return new ServiceError('not_found', `找不到编号为 ${id} 的报表记录，请刷新后重试。`);
}
