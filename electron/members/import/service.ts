/**
 * Importing members from a spreadsheet: read → find the table → normalise each row → check it as the form
 * would → compare with the register → (preview) → write everything in one transaction, with the audit log
 * and the import history. Works on bytes, so the same code serves the page (via a worker), the CLI and tests.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  ImportBatch,
  ImportCounts,
  ImportIssue,
  ImportPreview,
  ImportResult,
  ImportRowReport,
  Member,
} from '../../../shared/contract';
import { COLUMNS, type ImportField } from '../../../shared/import/columns';
import { BRANCH_KINDS, MEMBER_FIELD_LABELS, ORG_KIND_LABELS, type OrgKind, type Tag } from '../../../shared/domain/labels';
import { maskIdNumber, todayIso } from '../../../shared/rules/idNumber';
import { checkMember, memberInput, type MemberInput } from '../../../shared/rules/member';
import type { Sqlite } from '../../db/connection';
import { ServiceError } from '../../errors';
import { readSpreadsheet } from '../../excel/read';
import { columnLetter, type Workbook } from '../../excel/types';
import { writeAnnotatedErrors } from '../../excel/write/annotate';
import { diff, type AuditService } from '../../audit/service';
import type { OrgService } from '../../orgs/service';
import { AUDITED_FIELDS, insertMember, recordFields, rowToMember, updateMember, type CheckedMember, type MemberRow } from '../service';
import { detectTable } from './header';
import { isDataRow, normaliseRow } from './normalise';
import type { CellIssue, DetectedTable, NormalisedRow } from './types';

export interface ImportOptions {
  mapping?: Record<string, ImportField | null>;
  sheetIndex?: number;
}
export interface CommitOptions extends ImportOptions {
  mode: 'valid' | 'strict';
  createBranches: { name: string; parentId: number | null }[] | 'auto';
  /** Preview only: check and count, write nothing. */
  dryRun?: boolean;
}

/** Reports progress (done of total) at each stage; throws to cancel. */
export type Progress = (stage: string, done: number, total: number) => void;

interface AnalysedRow {
  source: NormalisedRow;
  status: ImportRowReport['status'];
  issues: CellIssue[];
  value?: CheckedMember;
  existing?: Member;
  changedFields: string[];
  /** The branch name to create before writing this row, when it does not exist yet. */
  pendingBranch?: string;
}

export interface Analysis {
  fileName: string;
  sha256: string;
  workbook: Workbook;
  table: DetectedTable;
  rows: AnalysedRow[];
  counts: ImportCounts;
  unknownBranches: ImportPreview['unknownBranches'];
}

const PREVIEW_SAMPLE = 200;
const PREVIEW_MAX_ERRORS = 5000;

export class MemberImportService {
  constructor(
    private readonly db: Sqlite,
    private readonly orgs: OrgService,
    private readonly audit: AuditService,
    private readonly now: () => Date,
    private readonly actor: string,
    /** Where backups taken before each import go (beside the database). */
    private readonly backupDir: string | null,
  ) {}

  get backupDirectory(): string | null {
    return this.backupDir;
  }

  /** Reads and checks a file, and says what importing it would do. Writes nothing. */
  preview(bytes: Uint8Array, fileName: string, options: ImportOptions = {}, progress: Progress = () => {}): ImportPreview {
    const a = this.analyse(bytes, fileName, options, progress);
    return toPreview(a);
  }

  /** An .xlsx of the rows in error: the clerk's columns, the bad cells marked, a 错误说明 column. */
  async annotated(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<{ fileName: string; data: Buffer }> {
    const a = this.analyse(bytes, fileName, options, () => {});
    const errorRows = a.rows.filter((r) => r.status === 'error');
    if (!errorRows.length) throw new ServiceError('validation', '这个文件没有出错的行，不需要下载错误说明。');
    const byRow = rowIndex(a);
    const width = Math.max(a.table.columns.length, ...errorRows.map((r) => byRow.get(r.source.row)?.cells.length ?? 0));
    // The header as detected (for a two-row header, the sub-header, or the upper cell where the lower is blank).
    const headers = Array.from({ length: width }, (_, i) => a.table.columns.find((c) => c.index === i)?.header || columnLetter(i));
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-annotated-'));
    try {
      const out = path.join(tmp, 'errors.xlsx');
      await writeAnnotatedErrors(out, {
        headers,
        rows: errorRows.map((r) => ({
          row: r.source.row,
          cells: byRow.get(r.source.row)?.cells ?? [],
          issues: r.issues.map((i) => ({ columnIndex: i.columnIndex, message: i.message })),
        })),
      });
      const base = fileName.replace(/\.(xlsx|xls|csv)$/i, '');
      return { fileName: `${base}-错误说明.xlsx`, data: fs.readFileSync(out) };
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }

  /** Imports a file: everything in one transaction, keyed on 公民身份号码; a backup of the database first. */
  commit(bytes: Uint8Array, fileName: string, options: CommitOptions, progress: Progress = () => {}): ImportResult {
    const a = this.analyse(bytes, fileName, options, progress, options.createBranches);
    if (a.table.missing.length) {
      throw new ServiceError('validation', `表格缺少必需的列：${a.table.missing.map(fieldLabel).join('、')}。请在导入页面指定对应的列，或在表格中补上。`);
    }
    const errors = a.rows.flatMap((r) => r.issues).map(toIssue);
    if (options.mode === 'strict' && a.counts.errors > 0) {
      throw new ServiceError('validation', `有 ${a.counts.errors} 行数据有误，按“全部正确才导入”的要求，这次什么也没有写入。请改正后重新导入。`);
    }
    const batchId = `import-${this.now().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${crypto.randomBytes(3).toString('hex')}`;
    const result: ImportResult = {
      batchId,
      fileName,
      rows: a.counts.rows,
      inserted: a.counts.new,
      updated: a.counts.changed,
      unchanged: a.counts.unchanged,
      errors,
      createdBranches: [],
      backupFile: null,
    };
    if (options.dryRun) return result;
    if (a.counts.new + a.counts.changed === 0) {
      this.recordBatch(a, result);
      return result;
    }
    result.backupFile = this.backup(batchId);
    const at = this.now().toISOString();
    const toWrite = a.rows.filter((r) => r.status === 'new' || r.status === 'changed');
    this.db.transaction(() => {
      const created = this.createBranches(a, options.createBranches, batchId);
      result.createdBranches = [...created.keys()];
      let done = 0;
      for (const r of toWrite) {
        const value = r.pendingBranch ? { ...r.value!, branchId: created.get(r.pendingBranch)! } : r.value!;
        if (r.status === 'new') {
          const id = insertMember(this.db, value, at);
          this.audit.write({ action: 'import', entity: 'member', entityId: id, changes: diff(null, { ...recordFields(value) }, AUDITED_FIELDS as never), batchId });
        } else {
          const before = r.existing!;
          updateMember(this.db, before.id, value, at);
          const after = { ...before, ...recordFields(value) };
          this.audit.write({ action: 'import', entity: 'member', entityId: before.id, changes: diff(before, after, AUDITED_FIELDS), batchId });
        }
        if (++done % 2000 === 0) progress('写入数据库', done, toWrite.length);
      }
      progress('写入数据库', toWrite.length, toWrite.length);
      this.recordBatch(a, result);
    }).immediate();
    return result;
  }

  private recordBatch(a: Analysis, r: ImportResult): void {
    this.db
      .prepare(
        `INSERT INTO import_batches (id, kind, file_name, file_sha256, sheet_name, header_row, at, actor, rows, inserted, updated, unchanged, errors, backup_file)
         VALUES (?, 'members', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(r.batchId, a.fileName, a.sha256, a.table.sheetName, a.table.headerRow, this.now().toISOString(), this.actor, r.rows, r.inserted, r.updated, r.unchanged, a.counts.errors, r.backupFile);
  }

  /** A consistent copy of the database, taken just before an import writes (VACUUM INTO). */
  private backup(batchId: string): string | null {
    if (!this.backupDir) return null;
    fs.mkdirSync(this.backupDir, { recursive: true });
    const file = path.join(this.backupDir, `导入前-${batchId}.db`);
    this.db.prepare('VACUUM INTO ?').run(file);
    return file;
  }

  /** The import history, newest first. */
  history(): ImportBatch[] {
    return (
      this.db
        .prepare('SELECT id, file_name, file_sha256, at, actor, rows, inserted, updated, unchanged, errors FROM import_batches ORDER BY at DESC, id DESC LIMIT 500')
        .all() as { id: string; file_name: string; file_sha256: string; at: string; actor: string | null; rows: number; inserted: number; updated: number; unchanged: number; errors: number }[]
    ).map((r) => ({ id: r.id, fileName: r.file_name, sha256: r.file_sha256, at: r.at, actor: r.actor, rows: r.rows, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, errors: r.errors }));
  }

  /** Remembers a clerk's manual mapping for files with the same headers. */
  rememberMapping(signature: string, mapping: Record<string, ImportField | null>): void {
    this.db
      .prepare(
        `INSERT INTO import_mappings (signature, mapping, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(signature) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
      )
      .run(signature, JSON.stringify(mapping), this.now().toISOString());
  }

  private remembered(signature: string): Record<number, ImportField | null> | undefined {
    const row = this.db.prepare('SELECT mapping FROM import_mappings WHERE signature = ?').pluck().get(signature) as string | undefined;
    return row ? (JSON.parse(row) as Record<number, ImportField | null>) : undefined;
  }

  analyse(
    bytes: Uint8Array,
    fileName: string,
    options: ImportOptions,
    progress: Progress,
    /** 'preview': branches not found yet are listed and their rows counted as they would be once created. */
    createBranches: CommitOptions['createBranches'] | 'preview' = 'preview',
  ): Analysis {
    progress('读取文件', 0, 1);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const workbook = readSpreadsheet(bytes, fileName);
    progress('读取文件', 1, 1);
    const manual = options.mapping;
    let table = detectTable(workbook, (sig) => (manual ? undefined : this.remembered(sig)), options.sheetIndex);
    if (manual) {
      table = applyMapping(table, manual);
      this.rememberMapping(table.signature, manual);
    }
    const sheet = workbook.sheets[table.sheetIndex]!;
    const today = todayIso(this.now());
    const dataRows = sheet.rows.filter((r) => r.row > table.headerRow && isDataRow(r, table));
    const normalised = dataRows.map((r) => normaliseRow(r, table, { today }));
    progress('检查数据', 0, normalised.length);

    // The register as it stands, for every ID number in the file (one query).
    const existing = new Map<string, Member>();
    const ids = normalised.map((n) => (typeof n.member.idNumber === 'string' ? n.member.idNumber : null)).filter((x): x is string => !!x);
    const found = this.db
      .prepare(
        `SELECT m.*, o.name AS branch_name FROM members m LEFT JOIN organisations o ON o.id = m.branch_id
          WHERE m.id_number IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids)) as MemberRow[];
    for (const row of found) existing.set(row.id_number, rowToMember(row));

    const branches = this.branchResolver(createBranches);
    const seen = new Map<string, number>();
    const rows: AnalysedRow[] = [];
    const columnOf = new Map(table.columns.filter((c) => c.field).map((c) => [c.field!, c]));
    const where = (field: string): { columnIndex: number; column: string } => {
      const c = columnOf.get(field === 'branchId' ? 'branch' : (field as ImportField));
      return c ? { columnIndex: c.index, column: `${columnLetter(c.index)} 列（${c.header}）` } : { columnIndex: -1, column: '' };
    };
    let byRow: Map<number, (typeof sheet.rows)[number]> | undefined;
    const cellValue = (n: NormalisedRow, columnIndex: number) => {
      byRow ??= new Map(sheet.rows.map((r) => [r.row, r]));
      const cells = byRow.get(n.row)?.cells;
      return columnIndex >= 0 && cells ? cellText(cells[columnIndex] ?? null) : '';
    };

    normalised.forEach((n, i) => {
      const issues: CellIssue[] = [...n.issues];
      const idNumber = typeof n.member.idNumber === 'string' ? n.member.idNumber : '';
      const before = idNumber ? existing.get(idNumber) : undefined;
      const out: AnalysedRow = { source: n, status: 'error', issues, changedFields: [] };
      // Duplicate ID numbers inside the file: both rows are in error.
      if (idNumber) {
        const first = seen.get(idNumber);
        if (first !== undefined) {
          const w = where('idNumber');
          issues.push({ row: n.row, ...w, value: idNumber, message: `与第 ${first} 行的公民身份号码重复，同一人只能出现一次` });
          const other = rows.find((r) => r.source.row === first);
          if (other && !other.issues.some((x) => x.message.includes(`第 ${n.row} 行`))) {
            other.issues.push({ row: first, ...w, value: idNumber, message: `与第 ${n.row} 行的公民身份号码重复，同一人只能出现一次` });
            other.status = 'error';
          }
        } else seen.set(idNumber, n.row);
      }
      // Branch by name.
      let branchId: number | null | undefined;
      if (n.branchName) {
        const b = branches.resolve(n.branchName);
        if (b.kind === 'found') branchId = b.id;
        else if (b.kind === 'pending') {
          branchId = null;
          out.pendingBranch = n.branchName;
          if (createBranches === 'preview') n.warnings.push(`党支部“${n.branchName}”尚未建立，确认导入时可一并新建`);
        } else issues.push({ row: n.row, ...where('branch'), value: n.branchName, message: b.message });
      } else if ('branch' in Object.fromEntries(table.columns.map((c) => [c.field, 1]))) branchId = null;

      // The whole record: what is stored, overlaid with what the file says.
      const base = before ? memberAsInput(before) : newMemberDefaults();
      const merged: Record<string, unknown> = { ...base, ...n.member };
      if (branchId !== undefined) merged.branchId = branchId;
      if (!before && n.member.tags === undefined && n.suggestedTags.length) merged.tags = n.suggestedTags;
      const parsed = memberInput.safeParse(merged);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? '');
          const w = where(field);
          // A cell already reported (and so left out of the record) is not reported twice.
          if (w.columnIndex >= 0 && issues.some((x) => x.columnIndex === w.columnIndex)) continue;
          const message = merged[field] === undefined || merged[field] === null ? `请填写${fieldLabel(field)}` : `${fieldLabel(field)}：${issue.message}`;
          issues.push({ row: n.row, ...w, value: cellValue(n, w.columnIndex), message });
        }
      } else if (!issues.length) {
        const { value, errors } = checkMember(parsed.data as MemberInput, today);
        for (const [field, message] of Object.entries(errors)) {
          const w = where(field);
          issues.push({ row: n.row, ...w, value: cellValue(n, w.columnIndex), message: message! });
        }
        if (!Object.keys(errors).length) {
          out.value = value;
          if (before) {
            out.existing = before;
            const after = { ...before, ...recordFields(value) };
            out.changedFields = diff(before, after, AUDITED_FIELDS).map((c) => c.field);
            // A pending branch always changes the member's branch.
            if (out.pendingBranch && !out.changedFields.includes('branchId')) out.changedFields.push('branchId');
            out.status = out.changedFields.length ? 'changed' : 'unchanged';
            if (before.leftOn && out.status === 'changed') {
              issues.push({ row: n.row, ...where('idNumber'), value: idNumber, message: `${before.name} 已于 ${before.leftOn} 离开（${before.leftReason}），不能通过导入修改；如需恢复，请在名册中办理“恢复在册”` });
            }
          } else out.status = 'new';
        }
      }
      if (issues.length) out.status = 'error';
      rows.push(out);
      if ((i + 1) % 2000 === 0) progress('检查数据', i + 1, normalised.length);
    });
    progress('检查数据', normalised.length, normalised.length);

    const counts: ImportCounts = { rows: rows.length, new: 0, changed: 0, unchanged: 0, errors: 0 };
    for (const r of rows) counts[r.status === 'error' ? 'errors' : r.status]++;
    return { fileName, sha256, workbook, table, rows, counts, unknownBranches: branches.unknown() };
  }

  /** Branch names → organisations; names not found are collected (and, when creation was asked, pending). */
  private branchResolver(create: CommitOptions['createBranches'] | 'preview') {
    const orgs = this.orgs.rows();
    const byName = new Map<string, typeof orgs>();
    for (const o of orgs) byName.set(o.name, [...(byName.get(o.name) ?? []), o]);
    const branchLike = (o: (typeof orgs)[number]) => BRANCH_KINDS.includes(o.kind);
    const wanted = create === 'auto' || create === 'preview' ? 'auto' : new Map(create.map((c) => [c.name, c.parentId]));
    const unknown = new Map<string, number>();
    const suggestParent = (name: string) => {
      let best: (typeof orgs)[number] | undefined;
      let bestLen = 0;
      for (const o of orgs) {
        if (o.kind === 'group' || branchLike(o)) continue;
        const stem = o.name.replace(/(街道党工委|党工委|党委|党总支|总支)$/, '');
        if (stem && name.startsWith(stem) && stem.length > bestLen) {
          best = o;
          bestLen = stem.length;
        }
      }
      return best ?? orgs.find((o) => o.parentId === null && !branchLike(o)) ?? null;
    };
    return {
      resolve(name: string): { kind: 'found'; id: number } | { kind: 'pending' } | { kind: 'error'; message: string } {
        const list = byName.get(name) ?? [];
        const branches = list.filter(branchLike);
        if (branches.length === 1) return { kind: 'found', id: branches[0]!.id };
        if (branches.length > 1) return { kind: 'error', message: `有 ${branches.length} 个党支部都叫“${name}”，请在组织管理中把名称改得能区分开（如加上社区名）后再导入` };
        if (list.length) {
          const o = list[0]!;
          return { kind: 'error', message: `“${name}”是${ORG_KIND_LABELS[o.kind as OrgKind]}，党员应编入它下面的党支部，请填写党支部名称` };
        }
        unknown.set(name, (unknown.get(name) ?? 0) + 1);
        if (wanted === 'auto' || wanted.has(name)) return { kind: 'pending' };
        return { kind: 'error', message: `党支部“${name}”还不存在：请在导入预览中选择“创建这些党支部”，或先在组织管理中建立` };
      },
      unknown: () =>
        [...unknown].map(([name, rows]) => {
          const p = suggestParent(name);
          return { name, rows, suggestedParentId: p?.id ?? null, suggestedParentName: p?.name ?? null };
        }),
      suggestParent,
    };
  }

  /** Creates the pending branches (inside the import's transaction), recorded in the audit log. */
  private createBranches(a: Analysis, create: CommitOptions['createBranches'], batchId: string): Map<string, number> {
    const created = new Map<string, number>();
    const names = [...new Set(a.rows.filter((r) => r.pendingBranch && (r.status === 'new' || r.status === 'changed')).map((r) => r.pendingBranch!))];
    for (const name of names) {
      const chosen = create === 'auto' ? undefined : create.find((c) => c.name === name);
      const parentId = chosen?.parentId ?? a.unknownBranches.find((u) => u.name === name)?.suggestedParentId ?? null;
      const at = this.now().toISOString();
      const id = Number(
        this.db
          .prepare(`INSERT INTO organisations (name, kind, parent_id, created_at, updated_at) VALUES (?, 'branch', ?, ?, ?)`)
          .run(name, parentId, at, at).lastInsertRowid,
      );
      this.audit.write({
        action: 'import',
        entity: 'organisation',
        entityId: id,
        changes: [
          { field: 'name', old: null, new: name },
          { field: 'kind', old: null, new: 'branch' },
          { field: 'parentId', old: null, new: parentId },
        ],
        batchId,
      });
      created.set(name, id);
    }
    return created;
  }
}

function rowIndex(a: Analysis) {
  return new Map(a.workbook.sheets[a.table.sheetIndex]!.rows.map((r) => [r.row, r]));
}

function applyMapping(table: DetectedTable, mapping: Record<string, ImportField | null>): DetectedTable {
  const columns = table.columns.map((c) => (String(c.index) in mapping ? { ...c, field: mapping[String(c.index)] ?? null } : c));
  const fields = new Set(columns.map((c) => c.field).filter(Boolean));
  const dup = columns.map((c) => c.field).filter((f, i, all) => f && all.indexOf(f) !== i);
  if (dup.length) throw new ServiceError('validation', `“${fieldLabel(dup[0]!)}”被指定给了两列，请只保留一列`);
  return { ...table, columns, missing: (['name', 'idNumber'] as ImportField[]).filter((f) => !fields.has(f)) };
}

function toPreview(a: Analysis): ImportPreview {
  const report = (r: AnalysedRow): ImportRowReport => ({
    row: r.source.row,
    status: r.status,
    name: typeof r.source.member.name === 'string' ? r.source.member.name : null,
    idNumberMasked: typeof r.source.member.idNumber === 'string' && r.source.member.idNumber ? maskIdNumber(r.source.member.idNumber) : null,
    changedFields: r.changedFields,
    issues: r.issues.map(toIssue),
    warnings: r.source.warnings,
  });
  const taken = { new: 0, changed: 0, unchanged: 0, error: 0 };
  const rows = a.rows
    .filter((r) => {
      const limit = r.status === 'error' ? PREVIEW_MAX_ERRORS : PREVIEW_SAMPLE;
      return taken[r.status]++ < limit;
    })
    .map(report);
  return {
    fileName: a.fileName,
    sha256: a.sha256,
    format: a.workbook.format,
    sheetName: a.table.sheetName,
    headerRow: a.table.headerRow,
    columns: a.table.columns,
    missing: a.table.missing,
    counts: a.counts,
    rows,
    unknownBranches: a.unknownBranches,
  };
}

function toIssue(i: CellIssue): ImportIssue {
  return { row: i.row, column: i.column, value: i.value, message: i.message };
}

function fieldLabel(field: string): string {
  const c = COLUMNS.find((x) => x.field === field);
  return c?.header ?? MEMBER_FIELD_LABELS[field] ?? field;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'date' in (v as object)) return (v as { date: string }).date;
  return String(v);
}

function newMemberDefaults(): Record<string, unknown> {
  return {
    sex: null,
    ethnicity: null,
    idOverrideReason: null,
    birthDate: null,
    education: null,
    membershipKind: 'full',
    branchId: null,
    joinedOn: null,
    confirmedOn: null,
    occupation: null,
    mobile: null,
    phone: null,
    address: null,
    standing: 'normal',
    lostContact: false,
    lostContactSince: null,
    floating: false,
    floatingDirection: null,
    floatingDestination: null,
    tags: [] as Tag[],
    specialties: null,
    note: null,
  };
}

function memberAsInput(m: Member): Record<string, unknown> {
  const { name, sex, ethnicity, idNumber, idOverrideReason, birthDate, education, membershipKind, branchId, joinedOn, confirmedOn, occupation, mobile, phone, address, standing, lostContact, lostContactSince, floating, floatingDirection, floatingDestination, specialties, note } = m;
  return {
    name, sex, ethnicity, idNumber, idOverrideReason, birthDate, education, membershipKind, branchId, joinedOn, confirmedOn, occupation,
    mobile, phone, address, standing, lostContact, lostContactSince, floating, floatingDirection, floatingDestination,
    tags: m.tags.filter((t) => t !== 'floating'),
    specialties, note,
  };
}
