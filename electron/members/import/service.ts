/**
 * Importing members from a spreadsheet: read → find the table → normalise each row → check it as the form
 * would → compare with the register → (preview) → write everything in one transaction, with the audit log
 * and the import history. Works on bytes, so the same code serves the page (via a worker), the CLI and tests.
 */
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  AuditChange,
  ImportBatch,
  ImportCounts,
  ImportIssue,
  ImportPreview,
  ImportResult,
  ImportRowReport,
  ImportSheetInfo,
  Member,
} from '../../../shared/contract';
import { COLUMNS, type ImportField } from '../../../shared/import/columns';
import { BRANCH_KINDS, MEMBER_FIELD_LABELS, ORG_KIND_LABELS, type OrgKind } from '../../../shared/domain/labels';
import { maskIdNumber, todayIso } from '../../../shared/rules/idNumber';
import { blankMemberInput, checkMember, memberInput, toMemberInput, type MemberInput } from '../../../shared/rules/member';
import type { Sqlite } from '../../db/connection';
import { ServiceError } from '../../errors';
import { readSpreadsheet, sniff } from '../../excel/read';
import { fillMerges, isBlank } from '../../excel/read/rows';
import { XlsxBook, type SheetStream } from '../../excel/read/xlsx';
import { columnLetter, DEFAULT_LIMITS, type CellRange, type SheetRow, type Workbook } from '../../excel/types';
import { writeAnnotatedErrors } from '../../excel/write/annotate';
import { diff, type AuditService } from '../../audit/service';
import { recordImportBatch } from '../../audit/importBatches';
import { takeImportSnapshot } from '../../backup/importSnapshot';
import type { OrgService } from '../../orgs/service';
import { AUDITED_FIELDS, insertMember, RECORD_FIELDS, recordFields, rowToMember, updateMember, type CheckedMember, type MemberRow } from '../service';
import { describeChanges } from './changes';
import { parsePlainMemberInput } from './parseFast';
import { detectTable } from './header';
import { branchNameOf, isDataRow, normaliseRow, parseIdCell } from './normalise';
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
  /** For a changed row: old → new of each field that differs. */
  changes: AuditChange[];
  /** The branch name to create before writing this row, when it does not exist yet. */
  pendingBranch?: string;
}

/** What a pass over the file found. Only what is asked for is kept, so 100,000 rows stay small. */
export interface Scan {
  /** How the file was read: row by row as it inflated, or whole (see scan()). */
  way: 'streamed' | 'whole';
  fileName: string;
  sha256: string;
  workbook: Workbook;
  table: DetectedTable;
  /** Every sheet of the file with its row count (taken before the chosen sheet's rows are let go). */
  sheets: ImportSheetInfo[];
  counts: ImportCounts;
  unknownBranches: ImportPreview['unknownBranches'];
  /** Rows in error, and the first PREVIEW_SAMPLE of each other kind. */
  reports: ImportRowReport[];
  /** Every problem (for the command line and the result), at most MAX_ISSUES. */
  issues: CellIssue[];
  /** Rows in error with their cells and problems (for the annotated file), when asked. */
  errorRows: { row: number; cells: SheetRow['cells']; issues: CellIssue[] }[];
}

/** What a scan keeps beyond its counts, and what it calls as it goes. */
interface ScanKeep {
  errorRows?: boolean;
  /** Between the first look at every row and the checks: e.g. create the branches the file names. */
  beforeCheck?: (unknownBranches: ImportPreview['unknownBranches']) => void;
  /** Each row that would be written (new or changed), as soon as it is checked. */
  onWritable?: (r: AnalysedRow) => void;
  /** The streamed pass went back to the whole-file one: its writes were undone, so forget what they counted. */
  onRestart?: () => void;
}

/** Thrown inside the streamed pass to go back to the whole-file one (the reason is for debugging only). */
class StreamFallback extends Error {}

/**
 * Rows read ahead before the table is detected: more than header detection looks at (30, excel/header.ts). They
 * are kept to the end, for the header's merged cells, which come after the last row.
 */
const HEAD_ROWS = 64;

const PREVIEW_SAMPLE = 200;
const PREVIEW_MAX_ERRORS = 5000;
const MAX_ISSUES = 20000;
const CHUNK = 1000;

export class MemberImportService {
  /** An .xlsx sheet this large (its XML, inflated) is imported row by row as it inflates; tests lower it. */
  static streamFromBytes = 4 * 1024 * 1024;

  constructor(
    private readonly db: Sqlite,
    private readonly orgs: OrgService,
    private readonly audit: AuditService,
    private readonly now: () => Date,
    private readonly actor: string,
    /** Where backups taken before each import go (beside the database). */
    private readonly backupDir: string | null,
    /** Told after an import wrote (the register's list index, the organisation tree's listeners). */
    private readonly onWritten: () => void = () => {},
  ) {}

  get backupDirectory(): string | null {
    return this.backupDir;
  }

  /** Reads and checks a file, and says what importing it would do. Writes nothing. */
  preview(bytes: Uint8Array, fileName: string, options: ImportOptions = {}, progress: Progress = () => {}): ImportPreview {
    const a = this.scan(bytes, fileName, options, progress, 'preview', {});
    return {
      fileName: a.fileName,
      sha256: a.sha256,
      format: a.workbook.format,
      sheetIndex: a.table.sheetIndex,
      sheetName: a.table.sheetName,
      sheets: a.sheets,
      headerRow: a.table.headerRow,
      columns: a.table.columns,
      missing: a.table.missing,
      counts: a.counts,
      rows: a.reports,
      unknownBranches: a.unknownBranches,
    };
  }

  /** An .xlsx of the rows in error: the clerk's columns, the bad cells marked, a 错误说明 column. */
  async annotated(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<{ fileName: string; data: Buffer }> {
    const a = this.scan(bytes, fileName, options, () => {}, 'preview', { errorRows: true });
    if (!a.errorRows.length) throw new ServiceError('validation', '这个文件没有出错的行，不需要下载错误说明。');
    const width = Math.max(a.table.columns.length, ...a.errorRows.map((r) => r.cells.length));
    // The header as detected (for a two-row header, the sub-header, or the upper cell where the lower is blank).
    const headers = Array.from({ length: width }, (_, i) => a.table.columns.find((c) => c.index === i)?.header || columnLetter(i));
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-annotated-'));
    try {
      const out = path.join(tmp, 'errors.xlsx');
      await writeAnnotatedErrors(out, {
        headers,
        rows: a.errorRows.map((r) => ({
          row: r.row,
          cells: r.cells,
          issues: r.issues.map((i) => ({ columnIndex: i.columnIndex, message: i.message })),
        })),
      });
      const base = fileName.replace(/\.(xlsx|xls|csv)$/i, '');
      return { fileName: `${base}-错误说明.xlsx`, data: fs.readFileSync(out) };
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }

  /**
   * Imports a file, keyed on 公民身份号码, in one transaction: each row is checked and, when new or changed, written
   * with its audit entry; the branches the clerk chose to create and the import history too. A backup of the
   * database is taken just before the first write.
   */
  commit(bytes: Uint8Array, fileName: string, options: CommitOptions, progress: Progress = () => {}): ImportResult {
    const batchId = `import-${this.now().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${crypto.randomBytes(3).toString('hex')}`;
    const finish = (a: Scan, written: { inserted: number; updated: number }, createdBranches: string[], backupFile: string | null): ImportResult => {
      if (a.table.missing.length) {
        throw new ServiceError('validation', `表格缺少必需的列：${a.table.missing.map(fieldLabel).join('、')}。请在导入页面指定对应的列，或在表格中补上。`);
      }
      if (options.mode === 'strict' && a.counts.errors > 0) {
        throw new ServiceError('validation', `有 ${a.counts.errors} 行数据有误，按“全部正确才导入”的要求，这次什么也没有写入。请改正后重新导入。`);
      }
      return {
        batchId,
        fileName,
        rows: a.counts.rows,
        inserted: written.inserted,
        updated: written.updated,
        unchanged: a.counts.unchanged,
        errors: a.issues.map(toIssue),
        createdBranches,
        backupFile,
      };
    };
    if (options.dryRun) {
      const a = this.scan(bytes, fileName, options, progress, options.createBranches, {});
      return finish(a, { inserted: a.counts.new, updated: a.counts.changed }, [], null);
    }
    // One pass, inside one transaction: each row is written as soon as it is checked, so a file of 100,000 rows
    // is never held twice in memory. The backup is taken just before the first write (an import that changes
    // nothing takes none). Any failure (or a strict import with errors) rolls everything back and removes it.
    const at = this.now().toISOString();
    const created = new Map<string, number>();
    const written = { inserted: 0, updated: 0 };
    let backupFile: string | null = null;
    let backedUp = false;
    const beforeWriting = () => {
      if (backedUp) return;
      backupFile = this.backup(batchId);
      backedUp = true;
    };
    let result: ImportResult;
    try {
      result = this.db.transaction(() => {
        const bulk = new BulkIndexes(this.db);
        const a = this.scan(bytes, fileName, options, progress, options.createBranches, {
          beforeCheck: (unknown) => this.createBranches(unknown, options.createBranches, batchId, created, beforeWriting),
          onWritable: (r) => {
            beforeWriting();
            const value = r.value!;
            if (r.status === 'new') {
              bulk.inserting();
              const id = insertMember(this.db, value, at, { batchId });
              this.audit.write({ action: 'import', entity: 'member', entityId: id, changes: diff(null, recordFields(value), RECORD_FIELDS), batchId });
              written.inserted++;
            } else {
              const old = r.existing!;
              updateMember(this.db, old.id, value, at, { reason: '导入名册时更改所在党支部', batchId });
              this.audit.write({ action: 'import', entity: 'member', entityId: old.id, changes: diff(old, { ...old, ...recordFields(value) }, AUDITED_FIELDS), batchId });
              written.updated++;
            }
          },
          onRestart: () => {
            written.inserted = 0;
            written.updated = 0;
            bulk.restart();
          },
        });
        const r = finish(a, written, [...created.keys()], backupFile);
        bulk.rebuild();
        recordImportBatch(this.db, 'members', a, r, this.now().toISOString(), this.actor);
        return r;
      }).immediate();
    } catch (e) {
      if (backupFile) fs.rmSync(backupFile, { force: true });
      throw e;
    }
    this.onWritten();
    return result;
  }

  /**
   * A checked copy of the database as it is before the import writes (see takeImportSnapshot), taken inside the
   * import's transaction just before its first write. VACUUM INTO cannot run inside a transaction, so it is taken
   * through a second, read-only connection: the import holds the write lock and has written nothing yet, so that
   * connection sees exactly the database the import has read.
   */
  private backup(batchId: string): string | null {
    if (!this.backupDir) return null;
    const reader = new Database(this.db.name, { readonly: true, fileMustExist: true });
    try {
      return takeImportSnapshot(reader, this.backupDir, batchId);
    } finally {
      reader.close();
    }
  }

  /** The import history, newest first. */
  history(): ImportBatch[] {
    return (
      this.db
        .prepare("SELECT id, file_name, file_sha256, at, actor, rows, inserted, updated, unchanged, errors FROM import_batches WHERE kind = 'members' ORDER BY at DESC, id DESC LIMIT 500")
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

  /**
   * One pass over the file: read, find the table, then, chunk by chunk, normalise each row, compare it with the
   * register and check it as the form would. Keeps only counts, bounded reports and what `keep` asks for.
   *
   * A large .xlsx is first tried row by row as it inflates (streamedScan): one pass, the sheet never held whole.
   * What that pass cannot settle on its own (an ID that comes twice, a branch that does not exist yet, merged cells
   * among the data, anything odd in the file) sends it back — its writes undone — to the whole-file way below
   * (wholeScan), which reads the sheet, looks at every row's ID and branch first, then checks. Both give the same
   * result for the same file: the stream only goes on where the first look would have found nothing.
   */
  scan(
    bytes: Uint8Array,
    fileName: string,
    options: ImportOptions,
    progress: Progress,
    /** 'preview': branches not found yet are listed and their rows counted as they would be once created. */
    createBranches: CommitOptions['createBranches'] | 'preview',
    keep: ScanKeep,
  ): Scan {
    progress('读取文件', 0, 1);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    try {
      const attempt = () => this.streamedScan(bytes, fileName, sha256, options, progress, createBranches, keep);
      // Its writes in a savepoint of the caller's transaction, so that going back undoes them.
      const streamed = keep.onWritable ? this.db.transaction(attempt)() : attempt();
      if (streamed) return streamed;
    } catch (e) {
      if (!(e instanceof StreamFallback)) throw e;
      keep.onRestart?.();
    }
    return this.wholeScan(bytes, fileName, sha256, options, progress, createBranches, keep);
  }

  /** The sheet read whole, a first look at every row's ID and branch, then the checks. */
  private wholeScan(
    bytes: Uint8Array,
    fileName: string,
    sha256: string,
    options: ImportOptions,
    progress: Progress,
    createBranches: CommitOptions['createBranches'] | 'preview',
    keep: ScanKeep,
  ): Scan {
    const workbook = readSpreadsheet(bytes, fileName);
    const sheets = workbook.sheets.map((s, index) => ({ index, name: s.name, hidden: s.hidden, rows: s.rows.length }));
    progress('读取文件', 1, 1);
    const table = this.detect(workbook, options);
    const sheet = workbook.sheets[table.sheetIndex]!;
    const dataRows: (SheetRow | null)[] = sheet.rows.filter((r) => r.row > table.headerRow && isDataRow(r, table));
    // From here on the rows are reached only through dataRows, which lets go of each chunk once it is done:
    // a file of 100,000 rows does not stay whole in memory while the database is written.
    sheet.rows = [];

    // First, the ID numbers (duplicates inside the file) and branch names of every row.
    const rowsOfId = new Map<string, number[]>();
    let branches = this.branchResolver(createBranches);
    const look = firstLook(table);
    for (const r of dataRows as SheetRow[]) {
      const { id, branchName } = look(r);
      if (id) {
        const list = rowsOfId.get(id);
        if (list) list.push(r.row);
        else rowsOfId.set(id, [r.row]);
      }
      if (branchName) branches.resolve(branchName);
    }

    const scan: Scan = {
      way: 'whole',
      fileName,
      sha256,
      workbook,
      table,
      sheets,
      counts: { rows: dataRows.length, new: 0, changed: 0, unchanged: 0, errors: 0 },
      unknownBranches: branches.unknown(),
      reports: [],
      issues: [],
      errorRows: [],
    };
    if (keep.beforeCheck) {
      keep.beforeCheck(scan.unknownBranches);
      branches = this.branchResolver(createBranches);
    }
    const check = this.checker(scan, rowsOfId, branches, createBranches, keep);
    progress('检查数据', 0, dataRows.length);
    for (let i = 0; i < dataRows.length; i += CHUNK) {
      const chunk = dataRows.slice(i, i + CHUNK) as SheetRow[];
      dataRows.fill(null, i, i + CHUNK);
      check(chunk);
      progress('检查数据', Math.min(i + CHUNK, dataRows.length), dataRows.length);
    }
    return scan;
  }

  /**
   * The same pass over a large .xlsx's table as it inflates, or null when this file is not one for it (nothing
   * done yet). Throws StreamFallback when it must go back to wholeScan.
   */
  private streamedScan(
    bytes: Uint8Array,
    fileName: string,
    sha256: string,
    options: ImportOptions,
    progress: Progress,
    createBranches: CommitOptions['createBranches'] | 'preview',
    keep: ScanKeep,
  ): Scan | null {
    if (bytes.length > DEFAULT_LIMITS.maxFileBytes || sniff(bytes).kind !== 'xlsx') return null;
    // Anything the reader finds wrong is left for wholeScan to find and word the same way as ever.
    let book: XlsxBook;
    try {
      book = new XlsxBook(bytes, fileName, DEFAULT_LIMITS);
    } catch {
      return null;
    }
    // The largest sheet (the register, as a rule) is streamed; any others are read whole.
    let bi = -1;
    book.parts.forEach((p, i) => {
      if (p.entry && p.entry.size >= MemberImportService.streamFromBytes && (bi < 0 || p.entry.size > book.parts[bi]!.entry!.size)) bi = i;
    });
    if (bi < 0) return null;
    const head: SheetRow[] = [];
    let stream: SheetStream;
    let workbook: Workbook;
    try {
      // The other sheets whole (they are small), for the table's detection as wholeScan does it.
      const sheets = book.parts.map((p, i) => (i === bi ? { name: p.name, hidden: p.hidden, rows: head, merges: [] } : book.readSheet(i)));
      workbook = { format: 'xlsx', sheets };
      stream = book.streamSheet(bi);
      for (let r: SheetRow | null; head.length < HEAD_ROWS && (r = stream.next()); ) head.push(r);
    } catch {
      return null;
    }
    const detect = (rows: SheetRow[]): DetectedTable | null => {
      try {
        const t = this.detect({ format: 'xlsx', sheets: workbook.sheets.map((sh, i) => (i === bi ? { ...sh, rows } : sh)) }, options);
        return t.sheetIndex === bi ? t : null;
      } catch (e) {
        if (e instanceof ServiceError) return null;
        throw e;
      }
    };
    let detected = detect(head);
    if (!detected) return null;
    // Merged ranges are listed after the last row. Where the layout suggests some (a title or notes above the
    // header, blanks in it), they are looked up first, at the price of inflating the sheet once more: merged
    // cells among the data go to wholeScan before anything is done, merged header cells are filled in as
    // wholeScan fills them. Otherwise they are checked at the end (and are rarely there).
    let merges: CellRange[] | null = null;
    let created = 0;
    const headerCells = head.find((r) => r.row === detected!.headerRow)!.cells;
    if (detected.headerRow !== head[0]!.row || detected.columns.some((c) => isBlank(headerCells[c.index] ?? null))) {
      try {
        merges = book.mergesOf(bi);
      } catch {
        return null;
      }
      if (merges.length) {
        const filled = fillMerges(head.map((r) => ({ ...r, cells: [...r.cells] })), merges, stream.hiddenRows);
        created = filled.length - head.length;
        detected = detect(filled);
        if (!detected || merges.some((m) => m.bottom > detected!.headerRow)) return null;
      }
    }
    const table = detected;
    progress('读取文件', 1, 1);

    const rowsOfId = new Map<string, number[]>();
    const branches = this.branchResolver(createBranches);
    const look = firstLook(table);
    const scan: Scan = {
      way: 'streamed',
      fileName,
      sha256,
      workbook,
      table,
      sheets: [],
      counts: { rows: 0, new: 0, changed: 0, unchanged: 0, errors: 0 },
      unknownBranches: [],
      reports: [],
      issues: [],
      errorRows: [],
    };
    const check = this.checker(scan, rowsOfId, branches, createBranches, keep);
    let chunk: SheetRow[] = [];
    // The rows to come are not counted yet: the total shown is estimated from how far through the sheet it is
    // (the rows scanned so far, scaled to the whole sheet, less the rows so far that were no members).
    const estimate = () => Math.max(scan.counts.rows, Math.round(stream.scanned / Math.max(stream.fraction, 1e-6)) - (stream.count - scan.counts.rows));
    let widest = 0;
    const take = (r: SheetRow) => {
      if (r.cells.length > widest) widest = r.cells.length;
      if (!(r.row > table.headerRow && isDataRow(r, table))) return;
      // wholeScan's first look, row by row: where it would find something, go back to it.
      const { id, branchName } = look(r);
      if (id) {
        if (rowsOfId.has(id)) throw new StreamFallback('an ID twice');
        rowsOfId.set(id, [r.row]);
      }
      if (branchName) {
        branches.resolve(branchName);
        if (branches.hasUnknown()) throw new StreamFallback('a branch to create');
      }
      scan.counts.rows++;
      chunk.push(r);
      if (chunk.length === CHUNK) {
        if (scan.counts.rows === CHUNK) progress('检查数据', 0, estimate());
        check(chunk);
        chunk = [];
        progress('检查数据', scan.counts.rows, estimate());
      }
    };
    for (const r of head) take(r);
    for (;;) {
      let r: SheetRow | null;
      try {
        r = stream.next();
      } catch {
        throw new StreamFallback('the reader');
      }
      if (!r) break;
      take(r);
    }
    if (chunk.length) {
      if (scan.counts.rows <= CHUNK) progress('检查数据', 0, scan.counts.rows);
      check(chunk);
    }

    // The merged ranges, now that the reader is past the rows. Looked up first, they must be what the reader found;
    // otherwise: among the data they would have changed rows already checked, and above it they may change the
    // header (detected again with them filled in, the table must be the same).
    // (Filled again now that the widest row is known: wholeScan fills a merge as far right as any row reaches.)
    const end = stream.end();
    if (merges && JSON.stringify(end.merges) !== JSON.stringify(merges)) throw new StreamFallback('merged cells read differently');
    if (end.merges.length) {
      if (end.merges.some((m) => m.bottom > table.headerRow)) throw new StreamFallback('merged cells among the data');
      const filled = fillMerges(head.map((r) => ({ ...r, cells: [...r.cells] })), end.merges, end.hiddenRows, widest);
      created = filled.length - head.length;
      if (JSON.stringify(detect(filled)) !== JSON.stringify(table)) throw new StreamFallback('merged cells in the header');
    }
    if (stream.count + created > DEFAULT_LIMITS.maxRows) throw new StreamFallback('too many rows');
    head.length = 0;
    scan.sheets = workbook.sheets.map((sh, index) => ({ index, name: sh.name, hidden: sh.hidden, rows: index === bi ? stream.count + created : sh.rows.length }));
    progress('检查数据', scan.counts.rows, scan.counts.rows);
    return scan;
  }

  /** The member table of a read workbook: detected, or as the clerk mapped it (remembered for next time). */
  private detect(workbook: Workbook, options: ImportOptions): DetectedTable {
    const manual = options.mapping;
    let table = detectTable(workbook, (sig) => (manual ? undefined : this.remembered(sig)), options.sheetIndex);
    if (manual) {
      table = applyMapping(table, manual);
      this.rememberMapping(table.signature, manual);
    }
    return table;
  }

  /** Checks a chunk of data rows: counts, reports, problems, and each row to write handed to keep.onWritable. */
  private checker(
    scan: Scan,
    rowsOfId: Map<string, number[]>,
    branches: ReturnType<MemberImportService['branchResolver']>,
    createBranches: CommitOptions['createBranches'] | 'preview',
    keep: ScanKeep,
  ): (chunk: SheetRow[]) => void {
    const table = scan.table;
    const today = todayIso(this.now());
    const columnOf = new Map(table.columns.filter((c) => c.field).map((c) => [c.field!, c]));
    const hasBranchColumn = columnOf.has('branch');
    const where = (field: string): { columnIndex: number; column: string } => {
      const c = columnOf.get(field === 'branchId' ? 'branch' : (field as ImportField));
      return c ? { columnIndex: c.index, column: `${columnLetter(c.index)} 列（${c.header}）` } : { columnIndex: -1, column: '' };
    };
    const read = this.db
      .prepare(
        `SELECT ${EXISTING_COLUMNS.map((c) => `m.${c}`).join(', ')}, o.name AS branch_name FROM members m LEFT JOIN organisations o ON o.id = m.branch_id
          WHERE m.id_number IN (SELECT value FROM json_each(?))`,
      )
      .raw();
    return (chunk) => {
      const normalised = chunk.map((r) => normaliseRow(r, table, { today }));
      const ids = normalised.map((n) => n.member.idNumber).filter((x): x is string => typeof x === 'string' && x !== '');
      const existing = new Map((read.all(JSON.stringify(ids)) as unknown[][]).map((a) => {
        const r = existingRow(a);
        return [r.id_number, rowToMember(r)];
      }));
      normalised.forEach((n, k) => {
        const r = this.checkRow(n, chunk[k]!.cells, existing, rowsOfId, branches, hasBranchColumn, where, today, createBranches === 'preview');
        scan.counts[r.status === 'error' ? 'errors' : r.status]++;
        const shown = r.status === 'error' ? scan.counts.errors <= PREVIEW_MAX_ERRORS : scan.counts[r.status] <= PREVIEW_SAMPLE;
        if (shown) scan.reports.push(report(r));
        for (const x of r.issues) if (scan.issues.length < MAX_ISSUES) scan.issues.push(x);
        if (keep.errorRows && r.status === 'error') scan.errorRows.push({ row: n.row, cells: chunk[k]!.cells, issues: r.issues });
        if (keep.onWritable && (r.status === 'new' || r.status === 'changed')) keep.onWritable(r);
      });
    };
  }

  /** One row: the record as stored overlaid with the file's values, checked as the form checks it. */
  private checkRow(
    n: NormalisedRow,
    cells: readonly unknown[],
    existing: Map<string, Member>,
    rowsOfId: Map<string, number[]>,
    branches: ReturnType<MemberImportService['branchResolver']>,
    hasBranchColumn: boolean,
    where: (field: string) => { columnIndex: number; column: string },
    today: string,
    preview: boolean,
  ): AnalysedRow {
    const issues: CellIssue[] = [...n.issues];
    const out: AnalysedRow = { source: n, status: 'error', issues, changedFields: [], changes: [] };
    const cellValue = (columnIndex: number) => (columnIndex >= 0 ? cellText(cells[columnIndex] ?? null) : '');
    const idNumber = typeof n.member.idNumber === 'string' ? n.member.idNumber : '';
    const before = idNumber ? existing.get(idNumber) : undefined;
    const same = idNumber ? (rowsOfId.get(idNumber) ?? []).filter((x) => x !== n.row) : [];
    if (same.length) {
      issues.push({ row: n.row, ...where('idNumber'), value: idNumber, message: `与第 ${same.join('、')} 行的公民身份号码重复，同一人只能出现一次` });
    }
    let branchId: number | null | undefined;
    if (n.branchName) {
      const b = branches.resolve(n.branchName);
      if (b.kind === 'found') branchId = b.id;
      else if (b.kind === 'pending') {
        branchId = null;
        out.pendingBranch = n.branchName;
        if (preview) n.warnings.push(`党支部“${n.branchName}”尚未建立，确认导入时可一并新建`);
      } else issues.push({ row: n.row, ...where('branch'), value: n.branchName, message: b.message });
    } else if (hasBranchColumn) branchId = null;

    // A row that gives exactly what the register holds is unchanged: the stored record, checked when it was
    // saved, is what checking the row would check (a re-import of an exported register is all such rows).
    if (
      before &&
      !issues.length &&
      !out.pendingBranch &&
      (branchId === undefined || branchId === before.branchId) &&
      sameAsStored(n.member, before)
    ) {
      out.status = 'unchanged';
      out.existing = before;
      return out;
    }

    const base: Record<string, unknown> = before ? toMemberInput(before) : { ...blankMemberInput(), name: undefined, idNumber: undefined };
    const merged: Record<string, unknown> = { ...base, ...n.member };
    if (branchId !== undefined) merged.branchId = branchId;
    if (!before && n.member.tags === undefined && n.suggestedTags.length) merged.tags = n.suggestedTags;
    // Most rows are plainly valid: parsed without zod; zod looks at the others and words their problems.
    const plain = parsePlainMemberInput(merged);
    const parsed = plain ? ({ success: true, data: plain } as const) : memberInput.safeParse(merged);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        const w = where(field);
        // A cell already reported (and so left out of the record) is not reported twice.
        if (w.columnIndex >= 0 && issues.some((x) => x.columnIndex === w.columnIndex)) continue;
        const message = merged[field] === undefined || merged[field] === null ? `请填写${fieldLabel(field)}` : `${fieldLabel(field)}：${issue.message}`;
        issues.push({ row: n.row, ...w, value: cellValue(w.columnIndex), message });
      }
    } else if (!issues.length) {
      const { value, errors } = checkMember(parsed.data as MemberInput, today);
      for (const [field, message] of Object.entries(errors)) {
        const w = where(field);
        // The form offers a tick box for a number that fails the check; a spreadsheet has a column for it.
        const text = message!.replace(/；如已核对证件原件确认无误，可勾选“仍按此号码保存”并写明原因$/, '；如已核对证件原件确认无误，请在“号码校验例外说明”列写明原因');
        issues.push({ row: n.row, ...w, value: cellValue(w.columnIndex), message: text });
      }
      if (!Object.keys(errors).length) {
        out.value = value;
        if (before) {
          out.existing = before;
          out.changes = diff(before, { ...before, ...recordFields(value) }, AUDITED_FIELDS);
          if (out.pendingBranch && !out.changes.some((c) => c.field === 'branchId')) out.changes.push({ field: 'branchId', old: before.branchId, new: null });
          out.changedFields = out.changes.map((c) => c.field);
          out.status = out.changedFields.length ? 'changed' : 'unchanged';
          if (before.leftOn && out.status === 'changed') {
            issues.push({
              row: n.row,
              ...where('idNumber'),
              value: idNumber,
              message: `${before.name} 已于 ${before.leftOn} 离开，不能通过导入修改；如需恢复，请在名册中办理“恢复在册”`,
            });
          }
        } else out.status = 'new';
      }
    }
    if (issues.length) out.status = 'error';
    return out;
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
      hasUnknown: () => unknown.size > 0,
      unknown: () =>
        [...unknown].map(([name, rows]) => {
          const p = suggestParent(name);
          return { name, rows, suggestedParentId: p?.id ?? null, suggestedParentName: p?.name ?? null };
        }),
      suggestParent,
    };
  }

  /** Creates the branches the file names that do not exist yet (inside the import's transaction), as asked. */
  private createBranches(
    unknown: ImportPreview['unknownBranches'],
    create: CommitOptions['createBranches'],
    batchId: string,
    created: Map<string, number>,
    beforeWriting: () => void,
  ): void {
    for (const u of unknown) {
      const chosen = create === 'auto' ? { parentId: u.suggestedParentId } : create.find((c) => c.name === u.name);
      if (!chosen) continue;
      beforeWriting();
      const parentId = chosen.parentId ?? u.suggestedParentId ?? null;
      const at = this.now().toISOString();
      const id = Number(
        this.db
          .prepare(`INSERT INTO organisations (name, kind, parent_id, created_at, updated_at) VALUES (?, 'branch', ?, ?, ?)`)
          .run(u.name, parentId, at, at).lastInsertRowid,
      );
      this.audit.write({
        action: 'import',
        entity: 'organisation',
        entityId: id,
        changes: [
          { field: 'name', old: null, new: u.name },
          { field: 'kind', old: null, new: 'branch' },
          { field: 'parentId', old: null, new: parentId },
        ],
        batchId,
      });
      created.set(u.name, id);
    }
  }
}

/**
 * A large import into a small register inserts faster without the list's four sort indexes (each row lands at a
 * random place in each of them): once the import has inserted more rows than the register held (and at least
 * BULK_MIN), they are dropped, and built again from their own definitions before the transaction commits. Both
 * happen inside the import's transaction, so a failure or a power cut leaves them exactly as they were.
 */
class BulkIndexes {
  static readonly NAMES = ['members_sort_name', 'members_sort_joined', 'members_sort_birth', 'members_sort_updated'];
  static readonly BULK_MIN = 5000;
  private readonly threshold: number;
  private inserted = 0;
  private dropped: string[] | null = null;

  constructor(private readonly db: Sqlite) {
    this.threshold = Math.max(BulkIndexes.BULK_MIN, this.db.prepare('SELECT count(*) FROM members').pluck().get() as number);
  }

  inserting(): void {
    if (++this.inserted !== this.threshold || this.dropped) return;
    const names = BulkIndexes.NAMES;
    this.dropped = (
      this.db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'members' AND name IN (${names.map(() => '?').join(', ')})`).all(...names) as { name: string; sql: string }[]
    ).map((i) => {
      this.db.exec(`DROP INDEX ${i.name}`);
      return i.sql;
    });
  }

  rebuild(): void {
    for (const sql of this.dropped ?? []) this.db.exec(sql);
    this.dropped = null;
  }

  /** The inserts so far were rolled back (and with them any drop): count again from nothing. */
  restart(): void {
    this.inserted = 0;
    this.dropped = null;
  }
}

/**
 * The register's rows the file's ID numbers name, read as arrays (a re-import reads 100,000 of them: an object per
 * row built here costs a third of what better-sqlite3's named rows cost) and made the rows rowToMember takes.
 */
const EXISTING_COLUMNS = [
  'id', 'name', 'name_initials', 'name_pinyin', 'search_text', 'sex', 'ethnicity', 'id_number', 'id_status',
  'id_override_reason', 'birth_date', 'education', 'membership_kind', 'branch_id', 'joined_on', 'confirmed_on',
  'occupation', 'mobile', 'phone', 'address', 'standing', 'lost_contact', 'lost_contact_since', 'floating',
  'floating_direction', 'floating_destination', 'tag_mask', 'specialties', 'note', 'left_on', 'left_reason', 'left_note',
  'created_at', 'updated_at', 'version',
] as const satisfies readonly (keyof MemberRow)[];

function existingRow(a: unknown[]): MemberRow {
  const v = a as any[]; // positions as EXISTING_COLUMNS lists them
  return {
    id: v[0], name: v[1], name_initials: v[2], name_pinyin: v[3], search_text: v[4], sex: v[5], ethnicity: v[6], id_number: v[7],
    id_status: v[8], id_override_reason: v[9], birth_date: v[10], education: v[11], membership_kind: v[12], branch_id: v[13],
    joined_on: v[14], confirmed_on: v[15], occupation: v[16], mobile: v[17], phone: v[18], address: v[19], standing: v[20],
    lost_contact: v[21], lost_contact_since: v[22], floating: v[23], floating_direction: v[24], floating_destination: v[25],
    tag_mask: v[26], specialties: v[27], note: v[28], left_on: v[29], left_reason: v[30], left_note: v[31], created_at: v[32],
    updated_at: v[33], version: v[34], branch_name: v[35],
  };
}

/** The first look at a data row: its ID number and branch name, by the same cell readers normaliseRow uses. */
function firstLook(table: DetectedTable): (r: SheetRow) => { id: string; branchName: string | null } {
  const idColumn = table.columns.find((c) => c.field === 'idNumber')?.index;
  const branchColumn = table.columns.find((c) => c.field === 'branch')?.index;
  return (r) => {
    const parsed = idColumn === undefined ? undefined : parseIdCell(r.cells[idColumn]);
    return { id: parsed?.ok ? parsed.value : '', branchName: branchColumn === undefined ? null : branchNameOf(r.cells[branchColumn]) };
  };
}

/** Whether every field a row gives is, value for value, the stored member's (tags in the stored order). */
function sameAsStored(given: NormalisedRow['member'], stored: Member): boolean {
  for (const key in given) {
    const v = (given as Record<string, unknown>)[key];
    if (key === 'tags') {
      const tags = stored.tags.filter((t) => t !== 'floating');
      if (!Array.isArray(v) || v.length !== tags.length || v.some((t, i) => t !== tags[i])) return false;
    } else if (v !== (stored as unknown as Record<string, unknown>)[key]) return false;
  }
  return true;
}

function applyMapping(table: DetectedTable, mapping: Record<string, ImportField | null>): DetectedTable {
  const columns = table.columns.map((c) => (String(c.index) in mapping ? { ...c, field: mapping[String(c.index)] ?? null } : c));
  const fields = new Set(columns.map((c) => c.field).filter(Boolean));
  const dup = columns.map((c) => c.field).filter((f, i, all) => f && all.indexOf(f) !== i);
  if (dup.length) throw new ServiceError('validation', `“${fieldLabel(dup[0]!)}”被指定给了两列，请只保留一列`);
  return { ...table, columns, missing: (['name', 'idNumber'] as ImportField[]).filter((f) => !fields.has(f)) };
}

function report(r: AnalysedRow): ImportRowReport {
  return {
    row: r.source.row,
    status: r.status,
    name: typeof r.source.member.name === 'string' ? r.source.member.name : null,
    idNumberMasked: typeof r.source.member.idNumber === 'string' && r.source.member.idNumber ? maskIdNumber(r.source.member.idNumber) : null,
    changedFields: r.changedFields,
    changes:
      r.status === 'changed'
        ? describeChanges(r.changes, { old: r.existing?.branchName ?? null, new: r.pendingBranch ?? r.source.branchName ?? null })
        : [],
    issues: r.issues.map(toIssue),
    warnings: r.source.warnings,
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

