/**
 * Importing the organisation tree from a spreadsheet (districts send their 党组织 lists as Excel):
 * read → find the table → read each row → match it to the organisations already recorded (by name; by name
 * and 上级组织 where names repeat) → resolve every 上级组织 against the file and the database, in any row
 * order → check the tree (cycles, kinds under their parents, members in an organisation that stops being a
 * branch) → (preview) → write in one transaction, parents first, with the audit log and the import history,
 * after a backup. Works on bytes, so the page (via a worker), the command line and the tests share it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ImportIssue, OrgImportChange, OrgImportPreview, OrgImportResult, OrgImportRowReport } from '../../../shared/contract';
import { BRANCH_KINDS, ORG_FIELD_LABELS, ORG_KIND_LABELS, type OfficerRole, type OrgKind } from '../../../shared/domain/labels';
import { orgInput } from '../../../shared/contract';
import { todayIso } from '../../../shared/rules/idNumber';
import { parentKindProblem } from '../../../shared/rules/orgRules';
import type { Sqlite } from '../../db/connection';
import { ServiceError } from '../../errors';
import { readSpreadsheet } from '../../excel/read';
import type { Workbook } from '../../excel/types';
import { diff, type AuditService } from '../../audit/service';
import { recordImportBatch } from '../../audit/importBatches';
import { detectOrgTable, ORG_HEADER_OF } from './header';
import { isOrgDataRow, normaliseOrgRow, planOf } from './normalise';
import type { OrgImportField } from '../../../shared/import/orgColumns';
import type { OrgCellIssue, OrgSourceRow, OrgTable } from './types';
import { takeImportSnapshot } from '../../backup/importSnapshot';

/** Reports progress (done of total) at each stage; throws to cancel. */
export type Progress = (stage: string, done: number, total: number) => void;

export interface OrgCommitOptions {
  /** 'valid': write the rows without errors; 'strict': write nothing when any row is in error. */
  mode: 'valid' | 'strict';
  /** Check and count only, write nothing. */
  dryRun?: boolean;
}

/** More rows than any street's organisation list: the file is probably something else. */
export const MAX_ORG_ROWS = 10_000;

/** The record's fields an import may set, as the audit log and the organisation record name them. */
const FIELDS = ['name', 'kind', 'parentId', 'foundedOn', 'foundingDocNo', 'contactPhone', 'electedOn', 'termYears', 'note', 'units', 'officers'] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, unknown>;

interface DbOrg {
  id: number;
  name: string;
  kind: OrgKind;
  parentId: number | null;
  foundedOn: string | null;
  foundingDocNo: string | null;
  contactPhone: string | null;
  electedOn: string | null;
  termYears: number | null;
  note: string | null;
  units: string[];
  officers: { id: number; memberId: number | null; name: string; role: OfficerRole; position: number }[];
  activeMembers: number;
}

/** An organisation in the tree as it will be: one row of the file (maybe matched to a recorded one), or a recorded one the file does not name. */
interface Entity {
  key: string;
  name: string;
  /** The file's row, when the file names it. */
  row?: AnalysedRow;
  /** The recorded organisation, when it exists. */
  db?: DbOrg;
}

interface AnalysedRow {
  source: OrgSourceRow;
  issues: OrgCellIssue[];
  status: OrgImportRowReport['status'];
  entity: Entity;
  /** The parent in the tree as it will be (undefined: not resolved, the row is in error). */
  parent?: Entity | null;
  kind?: OrgKind;
  changes: OrgImportChange[];
  /** The record after the import (only for rows to write). */
  after?: Values;
}

/** What a pass over the file found. */
export interface OrgScan {
  fileName: string;
  sha256: string;
  workbook: Workbook;
  table: OrgTable;
  rows: AnalysedRow[];
  counts: OrgImportPreview['counts'];
}

export class OrgImportService {
  constructor(
    private readonly db: Sqlite,
    private readonly audit: AuditService,
    private readonly now: () => Date,
    private readonly actor: string,
    /** Where the backup taken before each import goes (beside the database). */
    private readonly backupDir: string | null,
    /** Told after an import wrote (the tree's listeners, the register's list index). */
    private readonly onWritten: () => void = () => {},
  ) {}

  /** Reads and checks a file, and says what importing it would do. Writes nothing. */
  preview(bytes: Uint8Array, fileName: string, progress: Progress = () => {}): OrgImportPreview {
    const a = this.scan(bytes, fileName, progress);
    return {
      fileName: a.fileName,
      sha256: a.sha256,
      format: a.workbook.format,
      sheetName: a.table.sheetName,
      headerRow: a.table.headerRow,
      columns: a.table.columns,
      counts: a.counts,
      rows: a.rows.map(report),
    };
  }

  /**
   * Imports a file: every row is checked first against the database inside the write transaction; then the new
   * and changed organisations (parents before their children), their audit entries (action 'import', the batch
   * id) and the import history are written together. A backup of the database is taken just before; it is
   * removed again when nothing was written. Any failure, or 'strict' with a row in error, writes nothing.
   */
  commit(bytes: Uint8Array, fileName: string, options: OrgCommitOptions, progress: Progress = () => {}): OrgImportResult {
    const batchId = `import-orgs-${this.now().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${crypto.randomBytes(3).toString('hex')}`;
    const result = (a: OrgScan, written: { inserted: number; updated: number }, backupFile: string | null): OrgImportResult => {
      if (options.mode === 'strict' && a.counts.errors > 0)
        throw new ServiceError('validation', `有 ${a.counts.errors} 行有误，按“全部正确才导入”的要求，这次什么也没有写入。请改正后重新导入。`);
      return {
        batchId,
        fileName,
        rows: a.counts.rows,
        inserted: written.inserted,
        updated: written.updated,
        unchanged: a.counts.unchanged,
        errors: a.rows.flatMap((r) => r.issues.map(toIssue)),
        backupFile,
      };
    };
    if (options.dryRun) {
      const a = this.scan(bytes, fileName, progress);
      return result(a, { inserted: a.counts.new, updated: a.counts.changed }, null);
    }
    const backupFile = this.backup(batchId);
    const written = { inserted: 0, updated: 0 };
    let out: OrgImportResult;
    try {
      out = this.db
        .transaction(() => {
          const a = this.scan(bytes, fileName, progress);
          const r = result(a, written, backupFile);
          this.write(a, batchId, written, progress);
          r.inserted = written.inserted;
          r.updated = written.updated;
          recordImportBatch(this.db, 'organisations', a, r, this.now().toISOString(), this.actor);
          return r;
        })
        .immediate();
    } catch (e) {
      if (backupFile) fs.rmSync(backupFile, { force: true });
      throw e;
    }
    if (out.inserted + out.updated === 0 && backupFile) {
      fs.rmSync(backupFile, { force: true });
      out.backupFile = null;
      this.db.prepare('UPDATE import_batches SET backup_file = NULL WHERE id = ?').run(batchId);
    } else this.onWritten();
    return out;
  }

  /** One pass: read, find the table, read each row, resolve the tree, check it, and compare with the database. */
  scan(bytes: Uint8Array, fileName: string, progress: Progress): OrgScan {
    progress('读取文件', 0, 1);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const workbook = readSpreadsheet(bytes, fileName);
    progress('读取文件', 1, 1);
    const table = detectOrgTable(workbook);
    if (table.missing.length) {
      const names = table.missing.map((f) => `“${ORG_HEADER_OF[f]}”`).join('');
      throw new ServiceError(
        'validation',
        `工作表“${table.sheetName}”缺少${names}${table.missing.length > 1 ? `${table.missing.length === 2 ? '两' : '三'}列` : '一列'}。组织名单至少要有“组织名称”“组织类别”“上级组织”三列，请在表格中补上后再导入。`,
      );
    }
    const sheet = workbook.sheets[table.sheetIndex]!;
    const dataRows = sheet.rows.filter((r) => r.row > table.headerRow && isOrgDataRow(r, table));
    if (dataRows.length > MAX_ORG_ROWS)
      throw new ServiceError(
        'validation',
        `工作表“${table.sheetName}”有 ${dataRows.length} 行数据，超过 ${MAX_ORG_ROWS} 行，不像是党组织名单。请确认选择的文件；如确是组织名单，请分成几个文件导入。`,
      );
    progress('检查数据', 0, dataRows.length);
    const sources = dataRows.map((r) => normaliseOrgRow(r, table));
    const rows = this.resolve(sources, table);
    const counts = { rows: rows.length, new: 0, changed: 0, unchanged: 0, errors: 0 };
    for (const r of rows) counts[r.status === 'error' ? 'errors' : r.status]++;
    progress('检查数据', dataRows.length, dataRows.length);
    return { fileName, sha256, workbook, table, rows, counts };
  }

  /** The organisations recorded now (not dissolved), with their units, officers and active members. */
  private recorded(): DbOrg[] {
    const orgs = this.db
      .prepare(
        `SELECT id, name, kind, parent_id, founded_on, founding_doc_no, contact_phone, elected_on, term_years, note
           FROM organisations WHERE dissolved_on IS NULL ORDER BY sort_order, id`,
      )
      .all() as {
      id: number;
      name: string;
      kind: OrgKind;
      parent_id: number | null;
      founded_on: string | null;
      founding_doc_no: string | null;
      contact_phone: string | null;
      elected_on: string | null;
      term_years: number | null;
      note: string | null;
    }[];
    const units = new Map<number, string[]>();
    for (const u of this.db.prepare('SELECT org_id, unit_name FROM organisation_units ORDER BY org_id, position').raw().all() as [number, string][])
      units.set(u[0], [...(units.get(u[0]) ?? []), u[1]]);
    const officers = new Map<number, DbOrg['officers']>();
    for (const o of this.db
      .prepare(
        `SELECT o.org_id, o.id, o.member_id, coalesce(m.name, o.person_name) AS name, o.role, o.position
           FROM organisation_officers o LEFT JOIN members m ON m.id = o.member_id ORDER BY o.org_id, o.position, o.id`,
      )
      .all() as { org_id: number; id: number; member_id: number | null; name: string; role: OfficerRole; position: number }[])
      officers.set(o.org_id, [...(officers.get(o.org_id) ?? []), { id: o.id, memberId: o.member_id, name: o.name, role: o.role, position: o.position }]);
    const members = new Map(
      this.db.prepare('SELECT branch_id, count(*) FROM members WHERE left_on IS NULL AND branch_id IS NOT NULL GROUP BY branch_id').raw().all() as [number, number][],
    );
    return orgs.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      parentId: o.parent_id,
      foundedOn: o.founded_on,
      foundingDocNo: o.founding_doc_no,
      contactPhone: o.contact_phone,
      electedOn: o.elected_on,
      termYears: o.term_years,
      note: o.note,
      units: units.get(o.id) ?? [],
      officers: officers.get(o.id) ?? [],
      activeMembers: members.get(o.id) ?? 0,
    }));
  }

  /**
   * Matches the rows to recorded organisations, resolves each 上级组织, and checks the tree as it would be.
   * Rows in error are left out of the tree (a recorded organisation keeps its place and kind) and the checks run
   * again, until no new error appears: a row whose new parent cannot be imported cannot be imported either.
   */
  private resolve(sources: OrgSourceRow[], table: OrgTable): AnalysedRow[] {
    const plan = planOf(table);
    const where = (field: OrgImportField) => {
      const c = plan.byField.get(field);
      return c ? { columnIndex: c.index, column: c.label } : { columnIndex: -1, column: '' };
    };
    const today = todayIso(this.now());
    const recorded = this.recorded();
    const dbById = new Map(recorded.map((o) => [o.id, o]));
    const dbByName = groupBy(recorded, (o) => o.name);
    const parentNameOf = (o: DbOrg) => (o.parentId != null ? (dbById.get(o.parentId)?.name ?? null) : null);

    const rows: AnalysedRow[] = sources.map((s) => ({
      source: s,
      issues: [...s.issues],
      status: 'error',
      entity: { key: `row:${s.row}`, name: s.name },
      changes: [],
    }));
    rows.forEach((r) => (r.entity.row = r));
    const fail = (r: AnalysedRow, field: OrgImportField | null, value: string, message: string) =>
      r.issues.push({ row: r.source.row, ...(field ? where(field) : { columnIndex: -1, column: '' }), value, message });

    // Names: required; the same organisation twice in the file is an error on each row.
    const byName = groupBy(rows, (r) => r.source.name);
    for (const r of rows) {
      const s = r.source;
      if (!s.name) {
        fail(r, 'name', '', '请填写组织名称');
        continue;
      }
      const same = (byName.get(s.name) ?? []).filter((x) => x !== r);
      const clash = same.filter((x) => !x.source.parentName || !s.parentName || x.source.parentName === s.parentName);
      if (clash.length)
        fail(
          r,
          'name',
          s.name,
          s.parentName && clash.every((x) => x.source.parentName === s.parentName)
            ? `与第 ${clash.map((x) => x.source.row).join('、')} 行重复：同一个组织只能出现一次，请删去重复的行`
            : `与第 ${clash.map((x) => x.source.row).join('、')} 行的组织名称相同：同名的组织请在“上级组织”一列写明各自的上级，或删去重复的行`,
        );
    }

    // Each row → the recorded organisation it is: by name; by name and 上级组织 where the name repeats.
    const claimed = new Set<number>();
    for (const r of rows) {
      const s = r.source;
      if (!s.name) continue;
      const list = dbByName.get(s.name) ?? [];
      if (!list.length) continue;
      const repeats = list.length > 1 || (byName.get(s.name)?.length ?? 0) > 1;
      if (!repeats) {
        r.entity.db = list[0];
        continue;
      }
      const under = list.filter((o) => parentNameOf(o) === s.parentName);
      if (under.length === 1) r.entity.db = under[0];
      else if (under.length > 1)
        fail(r, 'name', s.name, `系统中“${s.parentName ?? '（顶级）'}”下面有 ${under.length} 个组织都叫“${s.name}”，无法确定是哪一个；请先在组织管理中把名称改得能区分开`);
      else if (!s.parentName && list.length > 1)
        fail(
          r,
          'parent',
          '',
          `系统中有 ${list.length} 个组织都叫“${s.name}”（在${list.map((o) => `“${parentNameOf(o) ?? '顶级'}”`).join('')}下面），请在“上级组织”一列写明它的上级`,
        );
      // Otherwise: a new organisation of a name used elsewhere, under another parent.
    }
    for (const r of rows) if (r.entity.db) claimed.add(r.entity.db.id);

    // The tree as it will be: every row, and every recorded organisation the file does not name.
    const entities: Entity[] = rows.map((r) => r.entity);
    const entityOfDb = new Map<number, Entity>();
    for (const r of rows) if (r.entity.db) entityOfDb.set(r.entity.db.id, r.entity);
    for (const o of recorded)
      if (!claimed.has(o.id)) {
        const e: Entity = { key: `db:${o.id}`, name: o.name, db: o };
        entities.push(e);
        entityOfDb.set(o.id, e);
      }
    const entitiesByName = groupBy(
      entities.filter((e) => e.name),
      (e) => e.name,
    );
    const describe = (e: Entity) => (e.row ? `第 ${e.row.source.row} 行` : `系统中${e.db && e.db.parentId != null ? `“${dbById.get(e.db.parentId)?.name ?? ''}”下` : ''}`);

    // 上级组织 → an organisation of the file or the database.
    for (const r of rows) {
      const s = r.source;
      if (!s.name || r.issues.some((i) => i.column === where('parent').column && i.columnIndex >= 0)) continue;
      if (!s.parentName) {
        if (r.entity.db) r.parent = r.entity.db.parentId != null ? (entityOfDb.get(r.entity.db.parentId) ?? null) : null;
        else if (!recorded.length) r.parent = null;
        else {
          const tops = recorded.filter((o) => o.parentId == null).map((o) => `“${o.name}”`);
          fail(r, 'parent', '', `请填写上级组织：系统中已有${tops.slice(0, 3).join('')}${tops.length > 3 ? '等' : ''}，新的组织应设在它们或它们的下级组织下面`);
        }
        continue;
      }
      if (s.parentName === s.name) {
        fail(r, 'parent', s.parentName, '上级组织不能是它自己');
        continue;
      }
      const candidates = (entitiesByName.get(s.parentName) ?? []).filter((e) => e !== r.entity);
      if (candidates.length === 1) r.parent = candidates[0]!;
      else if (!candidates.length)
        fail(r, 'parent', s.parentName, `上级组织“${s.parentName}”在表格和系统中都找不到：请核对名称（应与组织全称一字不差），或在表格中加上这个组织`);
      else
        fail(
          r,
          'parent',
          s.parentName,
          `有 ${candidates.length} 个组织都叫“${s.parentName}”（${candidates.map(describe).join('、')}），无法确定是哪一个；请把名称改得能区分开（如加上社区名）`,
        );
    }

    // Kinds: given, or the recorded one.
    for (const r of rows) {
      if (!r.source.name) continue;
      r.kind = r.source.kind ?? r.entity.db?.kind;
      if (!r.kind && !r.source.issues.some((i) => i.column === where('kind').column)) fail(r, 'kind', '', `请填写组织类别，如：党支部、党总支、社区党委`);
    }

    // Cell rules the organisation form applies (lengths, phone, dates), on the record as it would be.
    for (const r of rows) {
      if (!r.source.name || r.issues.length) continue;
      const s = r.source;
      const parsed = orgInput.safeParse({
        name: s.name,
        kind: r.kind,
        parentId: null,
        ...(s.foundedOn !== undefined ? { foundedOn: s.foundedOn } : {}),
        ...(s.foundingDocNo !== undefined ? { foundingDocNo: s.foundingDocNo } : {}),
        ...(s.contactPhone !== undefined ? { contactPhone: s.contactPhone } : {}),
        ...(s.electedOn !== undefined ? { electedOn: s.electedOn } : {}),
        ...(s.termYears !== undefined ? { termYears: s.termYears } : {}),
        ...(s.note !== undefined ? { note: s.note } : {}),
        ...(s.units !== undefined ? { units: s.units } : {}),
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const f = String(issue.path[0] ?? '') as OrgImportField;
          fail(r, f, String((s as unknown as Record<string, unknown>)[f] ?? ''), issue.message);
        }
        continue;
      }
      const foundedOn = s.foundedOn ?? r.entity.db?.foundedOn ?? null;
      const electedOn = s.electedOn ?? r.entity.db?.electedOn ?? null;
      if (s.foundedOn && s.foundedOn > today) fail(r, 'foundedOn', s.foundedOn, '建立日期不能晚于今天');
      if (s.electedOn && s.electedOn > today) fail(r, 'electedOn', s.electedOn, '选举日期不能晚于今天');
      if (foundedOn && electedOn && electedOn < foundedOn && (s.foundedOn || s.electedOn))
        fail(r, s.electedOn ? 'electedOn' : 'foundedOn', s.electedOn ?? s.foundedOn ?? '', `选举日期（${electedOn}）不能早于建立日期（${foundedOn}）`);
    }

    // The tree: rows in error stay out of it; repeat until no row is newly in error.
    const ok = (r: AnalysedRow) => r.issues.length === 0;
    const childrenInDb = groupBy(
      recorded.filter((o) => o.parentId != null),
      (o) => o.parentId!,
    );
    for (let round = 0; round < rows.length + 1; round++) {
      // Each round checks the tree as the rows still without errors would make it.
      const inTree = new Set(rows.filter(ok));
      const parentOf = (e: Entity): Entity | null => {
        if (e.row && inTree.has(e.row)) return e.row.parent ?? null;
        const pid = e.db?.parentId;
        return pid != null ? (entityOfDb.get(pid) ?? null) : null;
      };
      const kindOf = (e: Entity): OrgKind | undefined => (e.row && inTree.has(e.row) ? e.row.kind : e.db?.kind);
      for (const r of inTree) {
        const p = r.parent ?? null;
        // A new parent that cannot be imported: neither can its children.
        if (p?.row && !inTree.has(p.row) && !p.db) {
          fail(r, 'parent', r.source.parentName ?? '', `上级组织“${p.name}”（第 ${p.row.source.row} 行）有误不能导入，这一行也就无法导入；请先改正第 ${p.row.source.row} 行`);
          continue;
        }
        // A cycle: following 上级组织 comes back here.
        const seen = new Set<Entity>([r.entity]);
        const chain = [r.entity];
        let q = p;
        let cycle = false;
        while (q) {
          if (q === r.entity) {
            cycle = true;
            break;
          }
          if (seen.has(q)) break;
          seen.add(q);
          chain.push(q);
          q = parentOf(q);
        }
        if (cycle) {
          fail(r, 'parent', r.source.parentName ?? '', `上级组织形成了循环（${[...chain, r.entity].map((e) => `“${e.name}”`).join(' → ')}），请核对这几行的上级组织`);
          continue;
        }
        // The kind under its parent, and its children under the kind.
        const kind = r.kind!;
        const pk = p ? kindOf(p) : undefined;
        const problem = pk ? parentKindProblem(kind, pk) : null;
        if (problem) {
          // Nothing under a 党小组: the parent is wrong; a 党小组 under a committee: its kind or its parent.
          const byKind = !!r.source.kind && pk !== 'group';
          fail(r, byKind ? 'kind' : 'parent', byKind ? r.source.kindText : (r.source.parentName ?? ''), `${problem}：上级组织“${p!.name}”是${ORG_KIND_LABELS[pk!]}`);
          continue;
        }
        const db = r.entity.db;
        if (db && kind !== db.kind) {
          const kids = (childrenInDb.get(db.id) ?? [])
            .map((o) => entityOfDb.get(o.id)!)
            .filter((e) => parentOf(e) === r.entity);
          const bad = kids.find((e) => {
            const k = kindOf(e);
            return k && parentKindProblem(k, kind);
          });
          if (bad) {
            fail(r, 'kind', r.source.kindText, `“${bad.name}”（${ORG_KIND_LABELS[kindOf(bad)!]}）在它下面，${parentKindProblem(kindOf(bad)!, kind)}，不能改为${ORG_KIND_LABELS[kind]}`);
            continue;
          }
          if (!BRANCH_KINDS.includes(kind) && db.activeMembers > 0) {
            fail(r, 'kind', r.source.kindText, `这个组织里还有 ${db.activeMembers} 名党员，不能改为${ORG_KIND_LABELS[kind]}；请先把党员转到其他党支部`);
            continue;
          }
        }
      }
      if (rows.filter(ok).length === inTree.size) break;
    }

    // What each row changes.
    for (const r of rows) {
      if (!ok(r)) {
        r.status = 'error';
        continue;
      }
      const s = r.source;
      const db = r.entity.db;
      const parentId = (e: Entity | null | undefined) => e?.db?.id ?? null;
      const before: Values | null = db ? valuesOf(db) : null;
      const after: Values = {
        name: s.name,
        kind: r.kind!,
        parentId: r.parent?.row ? (r.parent.db?.id ?? `row:${r.parent.row.source.row}`) : parentId(r.parent),
        foundedOn: s.foundedOn ?? db?.foundedOn ?? null,
        foundingDocNo: s.foundingDocNo ?? db?.foundingDocNo ?? null,
        contactPhone: s.contactPhone ?? db?.contactPhone ?? null,
        electedOn: s.electedOn ?? db?.electedOn ?? null,
        termYears: s.termYears ?? db?.termYears ?? null,
        note: s.note ?? db?.note ?? null,
        units: s.units ?? db?.units ?? [],
        officers: secretaryAfter(db?.officers ?? [], s.secretary),
      };
      r.after = after;
      const changes = diff(before, after, FIELDS);
      const parentName = (id: unknown) => (id == null ? null : typeof id === 'string' ? (r.parent?.name ?? null) : (dbById.get(id as number)?.name ?? null));
      r.changes = changes
        // A new organisation's name, kind and parent are in the row itself; its changes are the other values it is given.
        .filter((c) => db || (!['name', 'kind', 'parentId'].includes(c.field) && c.new != null && !(Array.isArray(c.new) && c.new.length === 0)))
        .map((c) => ({
          field: c.field,
          label: c.field === 'officers' ? '书记' : (ORG_FIELD_LABELS[c.field] ?? c.field),
          old: c.field === 'parentId' ? parentName(c.old) : shown(c.field, c.old),
          new: c.field === 'parentId' ? parentName(c.new) : shown(c.field, c.new),
        }));
      r.status = !db ? 'new' : changes.length ? 'changed' : 'unchanged';
      const moved = r.changes.find((c) => c.field === 'parentId');
      if (db && moved)
        r.source.warnings.push(
          `“${s.name}”将从“${moved.old ?? '顶级'}”调整到“${moved.new ?? '顶级'}”下面（连同它的下级组织和党员）；如果这是另一个同名的组织，请把名称改得能区分开`,
        );
    }
    return rows;
  }

  /** Writes the new and changed rows, parents before children, each with its audit entry. */
  private write(a: OrgScan, batchId: string, written: { inserted: number; updated: number }, progress: Progress): void {
    const at = this.now().toISOString();
    const todo = a.rows.filter((r) => r.status === 'new' || r.status === 'changed');
    const idOf = new Map<AnalysedRow, number>();
    for (const r of a.rows) if (r.entity.db) idOf.set(r, r.entity.db.id);
    const insert = this.db.prepare(
      `INSERT INTO organisations (name, kind, parent_id, founded_on, founding_doc_no, contact_phone, elected_on, term_years, note, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const update = this.db.prepare(
      `UPDATE organisations SET kind = ?, parent_id = ?, founded_on = ?, founding_doc_no = ?, contact_phone = ?, elected_on = ?, term_years = ?,
              note = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
    );
    const done = new Set<AnalysedRow>();
    const visit = (r: AnalysedRow) => {
      if (done.has(r)) return;
      done.add(r);
      const p = r.parent?.row;
      if (p && (p.status === 'new' || p.status === 'changed')) visit(p);
      const v = r.after!;
      const parentId = r.parent ? (r.parent.db?.id ?? idOf.get(r.parent.row!)!) : null;
      const after: Values = { ...v, parentId };
      if (r.status === 'new') {
        const id = Number(
          insert.run(r.source.name, v.kind, parentId, v.foundedOn, v.foundingDocNo, v.contactPhone, v.electedOn, v.termYears, v.note, at, at).lastInsertRowid,
        );
        idOf.set(r, id);
        this.writeUnits(id, v.units as string[]);
        this.writeSecretary(id, [], r.source.secretary);
        after.officers = this.officersOf(id);
        this.audit.write({ action: 'import', entity: 'organisation', entityId: id, changes: diff(null, after, FIELDS), batchId });
        written.inserted++;
      } else {
        const db = r.entity.db!;
        const before = valuesOf(db);
        update.run(v.kind, parentId, v.foundedOn, v.foundingDocNo, v.contactPhone, v.electedOn, v.termYears, v.note, at, db.id);
        if (diff(before, after, ['units']).length) this.writeUnits(db.id, v.units as string[]);
        if (diff(before, after, ['officers']).length) {
          this.writeSecretary(db.id, db.officers, r.source.secretary);
          after.officers = this.officersOf(db.id);
        }
        const changes = diff(before, after, FIELDS);
        this.audit.write({ action: 'import', entity: 'organisation', entityId: db.id, changes, batchId });
        written.updated++;
      }
      progress('写入数据库', done.size, todo.length);
    };
    for (const r of todo) visit(r);
  }

  private officersOf(id: number): { name: string; role: OfficerRole; memberId: number | null }[] {
    return (
      this.db
        .prepare(
          `SELECT coalesce(m.name, o.person_name) AS name, o.role, o.member_id AS memberId
             FROM organisation_officers o LEFT JOIN members m ON m.id = o.member_id WHERE o.org_id = ? ORDER BY o.position, o.id`,
        )
        .all(id) as { name: string; role: OfficerRole; memberId: number | null }[]
    ).map((o) => ({ name: o.name, role: o.role, memberId: o.memberId }));
  }

  private writeUnits(id: number, units: string[]): void {
    this.db.prepare('DELETE FROM organisation_units WHERE org_id = ?').run(id);
    const ins = this.db.prepare('INSERT INTO organisation_units (org_id, position, unit_name) VALUES (?, ?, ?)');
    units.forEach((u, i) => ins.run(id, i + 1, u));
  }

  /**
   * 书记 from the file: the one recorded steps down; someone already among the officers (a 副书记, a 委员) takes the
   * role; anyone else is added first in the list, as the register's member when exactly one active member of
   * that name is in this organisation, otherwise by name.
   */
  private writeSecretary(id: number, officers: DbOrg['officers'], name: string | undefined): void {
    if (!name) return;
    if (officers.some((o) => o.role === 'secretary' && o.name === name)) return;
    this.db.prepare("DELETE FROM organisation_officers WHERE org_id = ? AND role = 'secretary'").run(id);
    const existing = officers.find((o) => o.name === name && o.role !== 'secretary');
    if (existing) {
      this.db.prepare("UPDATE organisation_officers SET role = 'secretary' WHERE id = ?").run(existing.id);
      return;
    }
    const members = this.db.prepare('SELECT id FROM members WHERE branch_id = ? AND name = ? AND left_on IS NULL LIMIT 2').pluck().all(id, name) as number[];
    const position = Math.min(1, ...officers.map((o) => o.position)) - 1;
    this.db
      .prepare("INSERT INTO organisation_officers (org_id, position, member_id, person_name, role) VALUES (?, ?, ?, ?, 'secretary')")
      .run(id, position, members.length === 1 ? members[0]! : null, name);
  }

  /** A checked copy of the database, taken just before an import writes (see takeImportSnapshot). */
  private backup(batchId: string): string | null {
    return this.backupDir ? takeImportSnapshot(this.db, this.backupDir, batchId) : null;
  }
}

/** The record as the audit log compares it (officers as the organisation service lists them). */
function valuesOf(o: DbOrg): Values {
  return {
    name: o.name,
    kind: o.kind,
    parentId: o.parentId,
    foundedOn: o.foundedOn,
    foundingDocNo: o.foundingDocNo,
    contactPhone: o.contactPhone,
    electedOn: o.electedOn,
    termYears: o.termYears,
    note: o.note,
    units: o.units,
    officers: o.officers.map((x) => ({ name: x.name, role: x.role, memberId: x.memberId })),
  };
}

/** The officers after the file's 书记 (see writeSecretary), as valuesOf lists them. */
function secretaryAfter(officers: DbOrg['officers'], name: string | undefined): { name: string; role: OfficerRole; memberId: number | null }[] {
  const list = officers.map((x) => ({ name: x.name, role: x.role, memberId: x.memberId }));
  if (!name || list.some((o) => o.role === 'secretary' && o.name === name)) return list;
  const rest = list.filter((o) => o.role !== 'secretary');
  const existing = rest.find((o) => o.name === name);
  if (existing) return rest.map((o) => (o === existing ? { ...o, role: 'secretary' as const } : o));
  return [{ name, role: 'secretary', memberId: null }, ...rest];
}

function shown(field: string, v: unknown): string | null {
  if (v == null) return null;
  if (field === 'kind') return ORG_KIND_LABELS[v as OrgKind];
  if (field === 'units') return (v as string[]).length ? (v as string[]).join('、') : null;
  if (field === 'officers') {
    const s = (v as { name: string; role: OfficerRole }[]).find((o) => o.role === 'secretary');
    return s ? s.name : null;
  }
  if (field === 'termYears') return `${v as number} 年`;
  return String(v);
}

function report(r: AnalysedRow): OrgImportRowReport {
  return {
    row: r.source.row,
    status: r.status,
    name: r.source.name || null,
    kind: r.kind ?? null,
    parentName: r.parent?.name ?? r.source.parentName ?? null,
    changes: r.changes,
    issues: r.issues.map(toIssue),
    warnings: r.source.warnings,
  };
}

function toIssue(i: OrgCellIssue): ImportIssue {
  return { row: i.row, column: i.column, value: i.value, message: i.message };
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}
