/**
 * 年度目标考核 (年初有目标，年中有检查，年底有考核).
 *
 *  - save(): the year's target sheet — title, the communities assessed, the items with weights (summing to 100,
 *    else refused: shared/rules/targetScores.ts), scoring methods, goals and standards. An item kept (sent with its
 *    id) keeps its progress and scores; an item left out is removed with them (audited).
 *  - Mid-year check: progress (% of the year's goal) and notes per item and community; year-end: scores (0–100) and
 *    notes. For an entered item the clerk types them; for a computed one fetchComputed() works them out from the
 *    app's own data, read through that domain's service and never derived here:
 *      两新组织覆盖率   → NewOrgService.coverage() (the community's line; as of today, or for a year already over
 *                        coverageAsOf() its last day)
 *      三会一课完成率   → MinutesService.overview(year) over the community's branches: required meetings held ÷
 *                        required meetings of the periods already ended
 *      志愿服务时长     → VolunteerService.hours(year) (the community's line)
 *    The figure is kept beside the score with the time it was taken, so an assessment reads the same later.
 *  - Results: weighted totals and ranks from the recorded scores; 示范点 marked with their experience notes.
 *  - exportAssessment(): the print-ready workbook (the returns' writer: A4, title, 填报单位, signature lines).
 * Audited as entity 'targetSheet'.
 */
import type { AuditChange, AuditEntry, FileDownload } from '../../shared/contract';
import { SCORING_METHOD_LABELS, type ScoringMethod } from '../../shared/domain/labels';
import { todayIso } from '../../shared/rules/idNumber';
import { assess, computedScore, weightsProblem, type CommunityResult } from '../../shared/rules/targetScores';
import { chineseDate, type ReturnColumn, type ReturnSheet } from '../../shared/returns';
import {
  METHOD_UNITS,
  STAGE_LABELS,
  type AssessmentExportInput,
  type Demonstration,
  type DemonstrationInput,
  type ProgressEntry,
  type ProgressInput,
  type ScoreEntry,
  type ScoresInput,
  type Stage,
  type TargetItem,
  type TargetSheet,
  type TargetSheetInput,
  type TargetSheetRow,
} from '../../shared/targets';
import type { Sqlite } from '../db/connection';
import { ServiceError } from '../errors';
import type { AuditService } from '../audit/service';
import { writeReturnsWorkbook } from '../excel/write/returns';
import type { Services } from '../services';
import { changesOf, checkCommunity, invalid, zhCollator } from '../cobuilding/common';

interface SheetDbRow {
  id: number;
  year: number;
  title: string;
  note: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

const COMPUTED: readonly ScoringMethod[] = ['orgCoverage', 'workCoverage', 'meetings', 'volunteerHours'];

export class TargetService {
  constructor(
    private readonly db: Sqlite,
    private readonly audit: AuditService,
    private readonly now: () => Date,
    private readonly services: () => Services,
  ) {}

  /** The computed methods this build can fill: a method whose domain is not in the app is not offered. */
  methods(): ScoringMethod[] {
    const s = this.services() as Partial<Services>;
    const have: Record<ScoringMethod, boolean> = {
      entered: true,
      orgCoverage: s.neworgs != null,
      workCoverage: s.neworgs != null,
      meetings: s.minutes != null,
      volunteerHours: s.volunteers != null,
    };
    return (Object.keys(have) as ScoringMethod[]).filter((m) => have[m]);
  }

  list(): TargetSheetRow[] {
    const rows = this.db
      .prepare(
        `SELECT s.id, s.year, s.title,
           (SELECT count(*) FROM target_items i WHERE i.sheet_id = s.id) AS items,
           (SELECT count(*) FROM target_communities c WHERE c.sheet_id = s.id) AS communities,
           (SELECT count(*) FROM target_scores x JOIN target_items i ON i.id = x.item_id
              JOIN target_communities c ON c.sheet_id = s.id AND c.community_id = x.community_id
             WHERE i.sheet_id = s.id AND x.score IS NOT NULL) AS scored,
           (SELECT count(*) FROM target_demonstrations d WHERE d.sheet_id = s.id) AS demonstrations
         FROM target_sheets s ORDER BY s.year DESC`,
      )
      .all() as { id: number; year: number; title: string; items: number; communities: number; scored: number; demonstrations: number }[];
    return rows.map((r) => ({ ...r, toScore: r.items * r.communities }));
  }

  /** The year's sheet, with progress, scores, results and 示范点. */
  get(year: number): TargetSheet {
    const s = this.sheetRow(year);
    if (!s) throw new ServiceError('not_found', `${year} 年还没有制定目标表。请先“制定目标”。`);
    return this.read(s);
  }

  auditOf(id: number): AuditEntry[] {
    if (!this.db.prepare('SELECT 1 FROM target_sheets WHERE id = ?').get(id)) throw new ServiceError('not_found', `找不到编号为 ${id} 的目标表，请刷新后重试。`);
    return this.audit.forEntity('targetSheet', id);
  }

  /** 制定 / 修改目标表. Weights that do not add up to 100 are refused with what to fix. */
  save(input: TargetSheetInput): TargetSheet {
    this.db
      .transaction(() => {
        const problem = weightsProblem(input.items.map((i) => i.weight));
        if (problem) throw new ServiceError('validation', problem, { items: problem });
        const offered = new Set(this.methods());
        const names = new Set<string>();
        input.items.forEach((it, i) => {
          const row = `第 ${i + 1} 项“${it.name}”`;
          if (names.has(it.name)) throw invalid('items', `考核项目“${it.name}”重复了，请改名或删去一项`);
          names.add(it.name);
          if (!offered.has(it.method)) throw invalid('items', `${row}的评分方式“${SCORING_METHOD_LABELS[it.method]}”在本软件中还不能自动取数，请改为人工评分`);
          if (it.method !== 'entered' && (it.goal == null || it.goal <= 0)) throw invalid('items', `${row}自动取数，请填写大于 0 的目标值（${METHOD_UNITS[it.method].unit}）`);
          if (it.method !== 'entered' && METHOD_UNITS[it.method].unit === '%' && it.goal! > 100) throw invalid('items', `${row}的目标值是百分比，不能超过 100`);
        });
        if (new Set(input.communityIds).size !== input.communityIds.length) throw invalid('communityIds', '同一个社区选了两次');
        for (const c of input.communityIds) checkCommunity(this.db, c, 'communityIds');
        const existing = this.sheetRow(input.year);
        const before = existing ? this.read(existing) : null;
        const keep = new Set(input.items.filter((i) => i.id != null).map((i) => i.id!));
        for (const i of keep) if (!before?.items.some((x) => x.id === i)) throw invalid('items', '有考核项目已被删除或不属于这张目标表，请刷新后重试');
        const at = this.now().toISOString();
        let sheetId: number;
        if (!existing) {
          sheetId = Number(
            this.db
              .prepare('INSERT INTO target_sheets (year, title, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
              .run(input.year, input.title, input.note ?? null, at, at).lastInsertRowid,
          );
        } else {
          sheetId = existing.id;
          this.db
            .prepare('UPDATE target_sheets SET title = ?, note = ?, updated_at = ?, version = version + 1 WHERE id = ?')
            .run(input.title, input.note ?? null, at, sheetId);
        }
        // Items: update those kept, remove the rest (their progress and scores go with them), add the new ones.
        for (const old of before?.items ?? []) if (!keep.has(old.id)) this.db.prepare('DELETE FROM target_items WHERE id = ?').run(old.id);
        input.items.forEach((it, position) => {
          const goal = it.method === 'entered' ? null : (it.goal ?? null);
          if (it.id != null) {
            const was = before!.items.find((x) => x.id === it.id)!;
            this.db
              .prepare('UPDATE target_items SET position = ?, name = ?, weight = ?, method = ?, goal = ?, standard = ? WHERE id = ?')
              .run(position, it.name, it.weight, it.method, goal, it.standard ?? null, it.id);
            // A computed figure no longer fits an item whose method or goal changed: it is fetched again.
            if (was.method !== it.method || was.goal !== goal) {
              this.db.prepare('DELETE FROM target_progress WHERE item_id = ?').run(it.id);
              this.db.prepare('DELETE FROM target_scores WHERE item_id = ?').run(it.id);
            }
          } else {
            this.db
              .prepare('INSERT INTO target_items (sheet_id, position, name, weight, method, goal, standard) VALUES (?, ?, ?, ?, ?, ?, ?)')
              .run(sheetId, position, it.name, it.weight, it.method, goal, it.standard ?? null);
          }
        });
        // Communities: those taken off lose their entries under this sheet.
        const wanted = new Set(input.communityIds);
        for (const c of before?.communities ?? []) {
          if (wanted.has(c.id)) continue;
          this.db.prepare('DELETE FROM target_progress WHERE community_id = ? AND item_id IN (SELECT id FROM target_items WHERE sheet_id = ?)').run(c.id, sheetId);
          this.db.prepare('DELETE FROM target_scores WHERE community_id = ? AND item_id IN (SELECT id FROM target_items WHERE sheet_id = ?)').run(c.id, sheetId);
          this.db.prepare('DELETE FROM target_demonstrations WHERE community_id = ? AND sheet_id = ?').run(c.id, sheetId);
        }
        this.db.prepare('DELETE FROM target_communities WHERE sheet_id = ?').run(sheetId);
        const ins = this.db.prepare('INSERT INTO target_communities (sheet_id, community_id, position) VALUES (?, ?, ?)');
        input.communityIds.forEach((c, i) => ins.run(sheetId, c, i));
        const after = this.read(this.sheetRow(input.year)!);
        const changes = changesOf(before && sheetAudit(before), sheetAudit(after), ['title', 'note', 'communities', 'items'] as const);
        if (!before) this.audit.write({ action: 'create', entity: 'targetSheet', entityId: sheetId, changes, note: `制定 ${input.year} 年目标表：${input.title}（${input.items.length} 项）` });
        else if (changes.length) this.audit.write({ action: 'update', entity: 'targetSheet', entityId: sheetId, changes, note: `修改 ${input.year} 年目标表` });
      })
      .immediate();
    return this.get(input.year);
  }

  /** 年中检查: one community's progress and notes. A computed item's progress is fetched, only its note is taken here. */
  saveProgress(input: ProgressInput): TargetSheet {
    this.db
      .transaction(() => {
        const sheet = this.get(input.year);
        const community = this.inSheet(sheet, input.communityId);
        const checkedOn = input.checkedOn ?? this.today();
        if (checkedOn > this.today()) throw invalid('checkedOn', '检查日期不能晚于今天');
        if (Number(checkedOn.slice(0, 4)) !== input.year) throw invalid('checkedOn', `检查日期应在 ${input.year} 年内`);
        const changes: AuditChange[] = [];
        const at = this.now().toISOString();
        for (const e of input.entries) {
          const item = this.itemOf(sheet, e.itemId);
          const old = sheet.progress.find((p) => p.itemId === item.id && p.communityId === community.id) ?? null;
          // A computed item is typed only where the app has no figure for it (no organisation, no meeting due yet).
          const progress = item.method === 'entered' || old?.value == null ? e.progress : old.progress;
          const note = e.note ?? null;
          if (old && old.progress === progress && old.note === note && old.checkedOn === checkedOn) continue;
          if (!old && progress == null && note == null) continue;
          this.db
            .prepare(
              `INSERT INTO target_progress (item_id, community_id, checked_on, progress, value, note, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (item_id, community_id) DO UPDATE SET checked_on = excluded.checked_on, progress = excluded.progress, note = excluded.note,
                 updated_at = excluded.updated_at`,
            )
            .run(item.id, community.id, checkedOn, progress, old?.value ?? null, note, at);
          changes.push({ field: `progress:${item.name}`, old: old ? { progress: old.progress, note: old.note } : null, new: { progress, note } });
        }
        if (changes.length)
          this.audit.write({ action: 'update', entity: 'targetSheet', entityId: sheet.id, changes, note: `年中检查：${community.name}（${checkedOn}）` });
      })
      .immediate();
    return this.get(input.year);
  }

  /** 年底考核: one community's scores and notes. A computed item's score is fetched, only its note is taken here. */
  saveScores(input: ScoresInput): TargetSheet {
    this.db
      .transaction(() => {
        const sheet = this.get(input.year);
        const community = this.inSheet(sheet, input.communityId);
        const changes: AuditChange[] = [];
        const at = this.now().toISOString();
        for (const e of input.entries) {
          const item = this.itemOf(sheet, e.itemId);
          const old = sheet.scores.find((p) => p.itemId === item.id && p.communityId === community.id) ?? null;
          const score = item.method === 'entered' || old?.value == null ? e.score : old.score;
          const note = e.note ?? null;
          if (old && old.score === score && old.note === note) continue;
          if (!old && score == null && note == null) continue;
          this.db
            .prepare(
              `INSERT INTO target_scores (item_id, community_id, score, value, fetched_at, note, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (item_id, community_id) DO UPDATE SET score = excluded.score, note = excluded.note, updated_at = excluded.updated_at`,
            )
            .run(item.id, community.id, score, old?.value ?? null, old?.fetchedAt ?? null, note, at);
          changes.push({ field: `score:${item.name}`, old: old ? { score: old.score, note: old.note } : null, new: { score, note } });
        }
        if (changes.length) this.audit.write({ action: 'update', entity: 'targetSheet', entityId: sheet.id, changes, note: `年底考核评分：${community.name}` });
      })
      .immediate();
    return this.get(input.year);
  }

  /** 从系统取数: every computed item for every community, into the mid-year check or the year-end scores. */
  fetchComputed(input: { year: number; stage: Stage }): TargetSheet {
    const sheet = this.get(input.year);
    const items = sheet.items.filter((i) => i.method !== 'entered');
    if (!items.length) throw new ServiceError('validation', '这张目标表没有自动取数的考核项目，各项请人工填写。');
    const values = this.computedValues(input.year, items, sheet.communities.map((c) => c.id));
    const today = this.today();
    const at = this.now().toISOString();
    this.db
      .transaction(() => {
        const changes: AuditChange[] = [];
        for (const item of items) {
          for (const c of sheet.communities) {
            const value = values.get(`${item.id}:${c.id}`) ?? null;
            if (input.stage === 'midyear') {
              const old = sheet.progress.find((p) => p.itemId === item.id && p.communityId === c.id);
              // No figure (nothing to measure in this community): what the clerk judged stays.
              const score = value == null ? (old?.progress ?? null) : computedScore(value, item.goal ?? 0);
              this.db
                .prepare(
                  `INSERT INTO target_progress (item_id, community_id, checked_on, progress, value, note, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?)
                   ON CONFLICT (item_id, community_id) DO UPDATE SET checked_on = excluded.checked_on, progress = excluded.progress, value = excluded.value,
                     updated_at = excluded.updated_at`,
                )
                .run(item.id, c.id, today, score, value, at);
              if (old?.value !== value || old?.progress !== score) changes.push({ field: `progress:${item.name}:${c.name}`, old: old ? { value: old.value, progress: old.progress } : null, new: { value, progress: score } });
            } else {
              const old = sheet.scores.find((p) => p.itemId === item.id && p.communityId === c.id);
              const score = value == null ? (old?.score ?? null) : computedScore(value, item.goal ?? 0);
              this.db
                .prepare(
                  `INSERT INTO target_scores (item_id, community_id, score, value, fetched_at, note, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?)
                   ON CONFLICT (item_id, community_id) DO UPDATE SET score = excluded.score, value = excluded.value, fetched_at = excluded.fetched_at,
                     updated_at = excluded.updated_at`,
                )
                .run(item.id, c.id, score, value, at, at);
              if (old?.value !== value || old?.score !== score) changes.push({ field: `score:${item.name}:${c.name}`, old: old ? { value: old.value, score: old.score } : null, new: { value, score } });
            }
          }
        }
        this.audit.write({ action: 'update', entity: 'targetSheet', entityId: sheet.id, changes, note: `${STAGE_LABELS[input.stage]}：从系统取数（${items.length} 项 × ${sheet.communities.length} 个社区）` });
      })
      .immediate();
    return this.get(input.year);
  }

  /** 示范点: mark a community (keeping its experience notes), or unmark it. */
  saveDemonstration(input: DemonstrationInput): TargetSheet {
    this.db
      .transaction(() => {
        const sheet = this.get(input.year);
        const community = this.inSheet(sheet, input.communityId);
        const old = sheet.demonstrations.find((d) => d.communityId === community.id) ?? null;
        if (input.demonstration) {
          if (!input.experience) throw invalid('experience', '请写下示范点的经验做法，考核表中会一并列出');
          this.db
            .prepare(
              `INSERT INTO target_demonstrations (sheet_id, community_id, marked_on, experience) VALUES (?, ?, ?, ?)
               ON CONFLICT (sheet_id, community_id) DO UPDATE SET experience = excluded.experience`,
            )
            .run(sheet.id, community.id, this.today(), input.experience);
        } else {
          if (!old) return;
          this.db.prepare('DELETE FROM target_demonstrations WHERE sheet_id = ? AND community_id = ?').run(sheet.id, community.id);
        }
        this.audit.write({
          action: 'update',
          entity: 'targetSheet',
          entityId: sheet.id,
          changes: [{ field: `demonstration:${community.name}`, old: old ? old.experience : null, new: input.demonstration ? (input.experience ?? null) : null }],
          note: input.demonstration ? `${community.name} 列为示范点` : `${community.name} 不再列为示范点`,
        });
      })
      .immediate();
    return this.get(input.year);
  }

  /** 导出考核表: the results and the mid-year check as a print-ready workbook; audited. */
  async exportAssessment(input: AssessmentExportInput): Promise<FileDownload> {
    const sheet = this.get(input.year);
    const filledOn = input.filledOn ?? this.today();
    if (filledOn > this.today()) throw invalid('filledOn', '填报日期不能晚于今天');
    const unitName = input.unitName ?? this.streetName();
    const bytes = await writeReturnsWorkbook(
      {
        period: String(sheet.year),
        periodLabel: `${sheet.year}年度`,
        asOf: filledOn,
        scopeId: null,
        scopeName: unitName,
        sheets: assessmentSheets(sheet),
      },
      { unitName, leader: input.leader ?? null, preparer: input.preparer ?? null, filledOn },
    );
    const fileName = `${sheet.year}年度目标考核_${unitName}.xlsx`.replace(/[\\/:*?"<>|\s]+/g, '_');
    this.audit.write({ action: 'export', entity: 'targetSheet', entityId: sheet.id, changes: [], note: `导出 ${sheet.year} 年度目标考核表（${fileName}）` });
    return { fileName, dataBase64: Buffer.from(bytes).toString('base64') };
  }

  // ─── inside ─────────────────────────────────────────────────────────────────────────────────────────

  /** Each computed item's figure per community, read through its domain's service. Key: `${itemId}:${communityId}`. */
  private computedValues(year: number, items: readonly TargetItem[], communityIds: readonly number[]): Map<string, number | null> {
    const s = this.services();
    const out = new Map<string, number | null>();
    const methods = new Set(items.map((i) => i.method));
    // A year already over is assessed as it stood at its end; this year's, as it stands today.
    const yearEnd = `${year}-12-31`;
    const coverage = !(methods.has('orgCoverage') || methods.has('workCoverage')) ? null : yearEnd < this.today() ? s.neworgs.coverageAsOf(yearEnd) : s.neworgs.coverage();
    const meetings = methods.has('meetings') ? s.minutes.overview(year) : null;
    const hours = methods.has('volunteerHours') ? s.volunteers.hours(year) : null;
    const percent = (x: number | null | undefined) => (x == null ? null : Math.round(x * 1000) / 10);
    for (const c of communityIds) {
      const line = coverage?.byCommunity.find((x) => x.communityId === c);
      let meetingRate: number | null = null;
      if (meetings) {
        const subtree = new Set(s.orgs.subtreeIds(c));
        let due = 0;
        let held = 0;
        for (const b of meetings.branches) {
          if (!subtree.has(b.orgId)) continue;
          for (const r of b.rows) {
            if (!r.required) continue;
            for (const cell of r.cells) {
              if (cell.period !== 'past') continue;
              due++;
              if (!cell.gap) held++;
            }
          }
        }
        meetingRate = due ? Math.round((held / due) * 1000) / 10 : null;
      }
      for (const it of items) {
        let v: number | null = null;
        if (it.method === 'orgCoverage') v = percent(line?.organisationCoverage);
        else if (it.method === 'workCoverage') v = percent(line?.workCoverage);
        else if (it.method === 'meetings') v = meetingRate;
        else if (it.method === 'volunteerHours') v = hours?.byCommunity.find((x) => x.communityId === c)?.hours ?? 0;
        out.set(`${it.id}:${c}`, v);
      }
    }
    return out;
  }

  private read(s: SheetDbRow): TargetSheet {
    const items = (
      this.db.prepare('SELECT * FROM target_items WHERE sheet_id = ? ORDER BY position').all(s.id) as {
        id: number;
        position: number;
        name: string;
        weight: number;
        method: ScoringMethod;
        goal: number | null;
        standard: string | null;
      }[]
    ).map((i): TargetItem => ({ id: i.id, position: i.position, name: i.name, weight: i.weight, method: i.method, goal: i.goal, standard: i.standard }));
    const communities = this.db
      .prepare('SELECT o.id, o.name FROM target_communities c JOIN organisations o ON o.id = c.community_id WHERE c.sheet_id = ? ORDER BY c.position')
      .all(s.id) as { id: number; name: string }[];
    const progress = (
      this.db
        .prepare('SELECT p.* FROM target_progress p JOIN target_items i ON i.id = p.item_id WHERE i.sheet_id = ?')
        .all(s.id) as { item_id: number; community_id: number; checked_on: string; progress: number | null; value: number | null; note: string | null }[]
    ).map((p): ProgressEntry => ({ itemId: p.item_id, communityId: p.community_id, checkedOn: p.checked_on, progress: p.progress, value: p.value, note: p.note }));
    const scores = (
      this.db
        .prepare('SELECT x.* FROM target_scores x JOIN target_items i ON i.id = x.item_id WHERE i.sheet_id = ?')
        .all(s.id) as { item_id: number; community_id: number; score: number | null; value: number | null; fetched_at: string | null; note: string | null }[]
    ).map((x): ScoreEntry => ({ itemId: x.item_id, communityId: x.community_id, score: x.score, value: x.value, fetchedAt: x.fetched_at, note: x.note }));
    const demonstrations = (
      this.db
        .prepare('SELECT d.community_id, o.name, d.marked_on, d.experience FROM target_demonstrations d JOIN organisations o ON o.id = d.community_id WHERE d.sheet_id = ?')
        .all(s.id) as { community_id: number; name: string; marked_on: string; experience: string | null }[]
    )
      .map((d): Demonstration => ({ communityId: d.community_id, communityName: d.name, markedOn: d.marked_on, experience: d.experience }))
      .sort((a, b) => zhCollator.compare(a.communityName, b.communityName));
    const scoreMap = new Map(scores.map((x) => [`${x.itemId}:${x.communityId}`, x.score]));
    const results: CommunityResult[] = assess(
      items.map((i) => ({ itemId: i.id, weight: i.weight })),
      communities.map((c) => ({ communityId: c.id, communityName: c.name })),
      (itemId, communityId) => scoreMap.get(`${itemId}:${communityId}`) ?? null,
    );
    return {
      id: s.id,
      year: s.year,
      title: s.title,
      note: s.note,
      items,
      communities,
      progress,
      scores,
      demonstrations,
      results,
      methods: this.methods(),
      createdAt: s.created_at,
      updatedAt: s.updated_at,
      version: s.version,
    };
  }

  private sheetRow(year: number): SheetDbRow | undefined {
    return this.db.prepare('SELECT * FROM target_sheets WHERE year = ?').get(year) as SheetDbRow | undefined;
  }

  private inSheet(sheet: TargetSheet, communityId: number): { id: number; name: string } {
    const c = sheet.communities.find((x) => x.id === communityId);
    if (!c) throw invalid('communityId', `这个社区不在 ${sheet.year} 年的考核范围内，请先在目标表中加入它`);
    return c;
  }

  private itemOf(sheet: TargetSheet, itemId: number): TargetItem {
    const item = sheet.items.find((i) => i.id === itemId);
    if (!item) throw invalid('entries', '有考核项目已被删除或不属于这张目标表，请刷新后重试');
    return item;
  }

  /** 填报单位 by default: the street committee at the top of the tree. */
  private streetName(): string {
    const r = this.db.prepare("SELECT name FROM organisations WHERE kind = 'streetCommittee' AND dissolved_on IS NULL ORDER BY sort_order, id LIMIT 1").get() as { name: string } | undefined;
    return r?.name ?? '街道党工委';
  }

  private today(): string {
    return todayIso(this.now());
  }
}

function sheetAudit(s: TargetSheet) {
  return {
    title: s.title,
    note: s.note,
    communities: s.communities.map((c) => c.name),
    items: s.items.map((i) => `${i.name}（权重 ${i.weight}，${SCORING_METHOD_LABELS[i.method]}${i.goal != null ? `，目标 ${i.goal}${METHOD_UNITS[i.method].unit}` : ''}）`),
  };
}

/** How an item is scored, in the clerk's words (the export's notes and the page). */
export function methodText(i: TargetItem): string {
  if (i.method === 'entered') return `人工评分${i.standard ? `：${i.standard}` : ''}`;
  const u = METHOD_UNITS[i.method];
  return `${SCORING_METHOD_LABELS[i.method]}（${u.value}），目标 ${i.goal}${u.unit}，得分＝实际÷目标×100，最高 100${i.standard ? `；${i.standard}` : ''}`;
}

/** The workbook's sheets: 考核结果 (scores, weighted totals, ranks) and 年中检查 (progress). */
export function assessmentSheets(sheet: TargetSheet): ReturnSheet[] {
  const itemLabel = (i: TargetItem, k: number) => `${k + 1}. ${i.name}（${i.weight}）`;
  const demo = new Map(sheet.demonstrations.map((d) => [d.communityId, d]));
  const rowLabel = (id: number, name: string) => (demo.has(id) ? `${name}（示范点）` : name);
  const scoreColumns: ReturnColumn[] = sheet.items.map((i, k) => ({ label: itemLabel(i, k), group: '各项得分（括号内为权重）', decimals: 1 }));
  const results: ReturnSheet = {
    name: '考核结果',
    title: `${sheet.year}年度社区党建工作目标考核结果`,
    rowHeader: '社区',
    columns: [...scoreColumns, { label: '加权总分', decimals: 2 }, { label: '名次' }],
    rows: sheet.results.map((r) => {
      const values: Record<string, number> = {};
      sheet.items.forEach((i, k) => (values[itemLabel(i, k)] = r.scores[i.id] ?? 0));
      values['加权总分'] = r.total;
      values['名次'] = r.rank;
      return { label: rowLabel(r.communityId, r.communityName), values };
    }),
    notes: [
      `考核项目 ${sheet.items.length} 项，权重合计 100；各项得分满分 100，加权总分＝Σ（得分×权重）÷100；总分相同的名次并列。`,
      ...sheet.items.map((i) => `“${i.name}”（权重 ${i.weight}）：${methodText(i)}。`),
      ...(sheet.items.some((i) => i.method !== 'entered') ? ['自动取数的项目在本社区没有可取的数（如没有在营的两新组织、还没有到期的会议）的，由考核人员评分。'] : []),
      ...(sheet.results.some((r) => r.missing > 0)
        ? [`尚未评分的项目按 0 分计入总分：${sheet.results.filter((r) => r.missing > 0).map((r) => `${r.communityName} ${r.missing} 项`).join('，')}。`]
        : []),
      ...sheet.demonstrations.map((d) => `示范点 ${d.communityName}（${chineseDate(d.markedOn)}列为示范点）经验做法：${d.experience ?? ''}`),
    ],
  };
  const progressMap = new Map(sheet.progress.map((p) => [`${p.itemId}:${p.communityId}`, p]));
  const midyear: ReturnSheet = {
    name: '年中检查',
    title: `${sheet.year}年度社区党建工作目标年中检查情况`,
    rowHeader: '社区',
    columns: sheet.items.map((i, k) => ({ label: itemLabel(i, k), group: '完成进度（%）', decimals: 1 })),
    rows: [...sheet.communities]
      .sort((a, b) => zhCollator.compare(a.name, b.name))
      .map((c) => {
        const values: Record<string, number> = {};
        sheet.items.forEach((i, k) => (values[itemLabel(i, k)] = progressMap.get(`${i.id}:${c.id}`)?.progress ?? 0));
        return { label: rowLabel(c.id, c.name), values };
      }),
    notes: [
      '完成进度为年中检查时该项完成全年目标的百分比；自动取数的项目为取数时的实际值÷目标值；未检查的按 0 填列。',
      ...sheet.communities.flatMap((c) =>
        sheet.items.flatMap((i, k) => {
          const p = progressMap.get(`${i.id}:${c.id}`);
          return p?.note ? [`${c.name} · ${itemLabel(i, k)}：${p.note}`] : [];
        }),
      ),
    ],
  };
  return [results, midyear];
}
