/**
 * Importing the 两新组织 register from a spreadsheet, with the member import's care: any .xlsx / .xls / .csv, the
 * header row found under titles and notes (electron/excel/header.ts), each row read and checked (统一社会信用代码 by
 * GB 32100, 组织类型 and 党建工作情况 by the words clerks use, the community by its name in the tree), compared with
 * the register (by credit code, else by name) → a preview of new / changed / unchanged rows and every problem with
 * its row and column → the write, all in one transaction (valid rows only, or nothing when 'strict' and any row is
 * in error). A blank cell keeps what is stored. Audited per organisation with the import's batch id.
 */
import crypto from 'node:crypto';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../excel/write/exceljs';
import type { FileDownload } from '../../shared/contract';
import { NEW_ORG_KIND_LABELS, PARTY_WORK_LABELS, type NewOrgKind, type PartyWorkKind } from '../../shared/domain/labels';
import {
  NEW_ORG_COLUMNS,
  NEW_ORG_IMPORT_LABELS,
  NEW_ORG_KIND_CHOICES,
  PARTY_WORK_CHOICES,
  newOrgKindFromName,
  newOrgKindOf,
  partyWorkOf,
  type NewOrgImportField,
} from '../../shared/import/newOrgColumns';
import { checkCreditCode } from '../../shared/rules/creditCode';
import { NEW_ORG_FIELD_LABELS, type NewOrgImportIssue, type NewOrgImportPreview, type NewOrgImportResult, type NewOrgImportRow, type NewOrgInput } from '../../shared/twonew';
import type { Sqlite } from '../db/connection';
import { ServiceError } from '../errors';
import { readSpreadsheet } from '../excel/read';
import { tableDetector, columnLabel, type DetectedTableOf } from '../excel/header';
import { columnLetter, type CellValue, type SheetRow, type Workbook } from '../excel/types';
import { cellText, foldWidth, parseYesNo } from '../members/import/normalise';
import { COMMUNITY_KINDS } from '../cobuilding/common';
import { newOrgAsInput, NEW_ORG_AUDITED, type NewOrgService } from './service';

type Table = DetectedTableOf<NewOrgImportField>;

const detector = tableDetector<NewOrgImportField>({
  columns: NEW_ORG_COLUMNS,
  required: ['name'],
  keys: ['name', 'creditCode'],
  hint: '（如“组织名称”“统一社会信用代码”），每个组织占一行；也可以下载两新组织导入模板，把数据复制进去再导入',
});

/** Rows of each kind (besides every row in error) the preview lists. */
const PREVIEW_SAMPLE = 200;
const MAX_ROWS = 50_000;

interface Analysed {
  report: NewOrgImportRow;
  input?: NewOrgInput;
  existingId?: number;
}

interface Scan {
  workbook: Workbook;
  table: Table;
  rows: Analysed[];
}

const FOOTER = /^(合计|总计|小计|共计|填表人|填报人|制表人|审核人|负责人|联系人|填报日期|填表日期|填报单位|说明|注|备注)\s*[:：]?/;

export class NewOrgImportService {
  constructor(
    private readonly db: Sqlite,
    private readonly neworgs: NewOrgService,
  ) {}

  preview(bytes: Uint8Array, fileName: string, sheetIndex?: number): NewOrgImportPreview {
    const s = this.scan(bytes, fileName, sheetIndex);
    const counts = { rows: s.rows.length, new: 0, changed: 0, unchanged: 0, errors: 0 };
    const shown = { new: 0, changed: 0, unchanged: 0 };
    const rows: NewOrgImportRow[] = [];
    for (const a of s.rows) {
      const st = a.report.status;
      if (st === 'error') {
        counts.errors++;
        rows.push(a.report);
      } else {
        counts[st]++;
        if (shown[st]++ < PREVIEW_SAMPLE) rows.push(a.report);
      }
    }
    return {
      fileName,
      format: s.workbook.format,
      sheetIndex: s.table.sheetIndex,
      sheetName: s.table.sheetName,
      sheets: s.workbook.sheets.map((sh, i) => ({ index: i, name: sh.name, hidden: sh.hidden, rows: sh.rows.length })),
      headerRow: s.table.headerRow,
      columns: s.table.columns.map((c) => ({ index: c.index, header: c.header, field: c.field, label: c.field ? NEW_ORG_IMPORT_LABELS[c.field] : null })),
      counts,
      rows: rows.sort((a, b) => a.row - b.row),
    };
  }

  /** Writes the file's rows in one transaction. dryRun: check and count only. */
  commit(bytes: Uint8Array, fileName: string, options: { mode: 'valid' | 'strict'; sheetIndex?: number; dryRun?: boolean }): NewOrgImportResult {
    const s = this.scan(bytes, fileName, options.sheetIndex);
    const errors: NewOrgImportIssue[] = s.rows.flatMap((a) => a.report.issues);
    const count = (st: NewOrgImportRow['status']) => s.rows.filter((a) => a.report.status === st).length;
    const result: NewOrgImportResult = {
      batchId: null,
      fileName,
      rows: s.rows.length,
      inserted: count('new'),
      updated: count('changed'),
      unchanged: count('unchanged'),
      errors,
      written: false,
    };
    if (options.dryRun || (options.mode === 'strict' && errors.length > 0)) {
      if (!options.dryRun) result.inserted = result.updated = 0;
      return result;
    }
    const batchId = crypto.randomUUID();
    this.db
      .transaction(() => {
        for (const a of s.rows) {
          if (!a.input || (a.report.status !== 'new' && a.report.status !== 'changed')) continue;
          this.neworgs.write(a.existingId ?? null, a.input, undefined, batchId);
        }
        this.neworgs.snapshot();
      })
      .immediate();
    return { ...result, batchId, written: true };
  }

  /** 下载导入模板: the template's headers, an instructions row, drop-downs, the credit-code column as text. */
  async template(): Promise<FileDownload> {
    const excel = await loadExcelJS();
    const wb = new excel.Workbook();
    wb.creator = '社区党建工作台';
    wb.title = '两新组织导入模板';
    const ws = wb.addWorksheet('两新组织', {
      views: [{ state: 'frozen', xSplit: 1, ySplit: 2, topLeftCell: 'B3', activeCell: 'B3' }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' },
    });
    const communities = this.communities().map((c) => c.name);
    ws.columns = NEW_ORG_COLUMNS.map((c) => ({ width: Math.max(10, Math.min(30, c.header.length * 2 + 4)), style: { numFmt: '@' } }));
    const head = ws.getRow(1);
    const hint = ws.getRow(2);
    NEW_ORG_COLUMNS.forEach((c, i) => {
      const h = head.getCell(i + 1);
      h.value = c.header;
      h.style = {
        font: { name: '宋体', size: 11, bold: true, color: c.required ? { argb: 'FFC00000' } : undefined },
        fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
        alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
        numFmt: '@',
      };
      const t = hint.getCell(i + 1);
      t.value = c.hint ?? '';
      t.style = { font: { name: '宋体', size: 9, italic: true, color: { argb: 'FF7F7F7F' } }, alignment: { vertical: 'top', wrapText: true }, numFmt: '@' };
    });
    head.height = 30;
    hint.height = 42;
    const list = (values: readonly string[]) => ({ type: 'list' as const, allowBlank: true, formulae: [`"${values.join(',')}"`], showErrorMessage: false });
    const choices: Partial<Record<NewOrgImportField, readonly string[]>> = {
      kind: Object.values(NEW_ORG_KIND_LABELS),
      partyWork: Object.values(PARTY_WORK_LABELS),
      legalRepIsMember: ['是', '否'],
      hasUnion: ['是', '否'],
      hasYouthLeague: ['是', '否'],
      hasWomensFederation: ['是', '否'],
    };
    // A drop-down's inline list is limited to 255 characters: the communities only when they fit.
    if (communities.length && communities.join(',').length < 250) choices.community = communities;
    NEW_ORG_COLUMNS.forEach((c, i) => {
      const values = choices[c.field];
      if (!values) return;
      for (let r = 3; r <= 1002; r++) ws.getCell(`${columnLetter(i)}${r}`).dataValidation = list(values);
    });
    const buf = await wb.xlsx.writeBuffer();
    return { fileName: '两新组织导入模板.xlsx', dataBase64: Buffer.from(buf as ArrayBuffer).toString('base64') };
  }

  private communities(): { id: number; name: string }[] {
    return this.db
      .prepare(`SELECT id, name FROM organisations WHERE dissolved_on IS NULL AND kind IN (${COMMUNITY_KINDS.map(() => '?').join(',')}) ORDER BY sort_order, id`)
      .all(...COMMUNITY_KINDS) as { id: number; name: string }[];
  }

  private scan(bytes: Uint8Array, fileName: string, sheetIndex?: number): Scan {
    const workbook = readSpreadsheet(bytes, fileName);
    const table = detector.detectTable(workbook, undefined, sheetIndex);
    const sheet = workbook.sheets[table.sheetIndex]!;
    const data = sheet.rows.filter((r) => r.row > table.headerRow);
    if (data.length > MAX_ROWS) throw new ServiceError('validation', `“${fileName}”有 ${data.length} 行，超过一次导入的上限 ${MAX_ROWS} 行，请分成几个文件导入。`);
    const cols = table.columns.filter((c): c is typeof c & { field: NewOrgImportField } => c.field != null);
    const at = new Map(cols.map((c) => [c.field, c]));
    const communityByName = this.communityLookup();

    // The register, by credit code and by name.
    const stored = this.db.prepare('SELECT id, name, credit_code FROM new_organisations').all() as { id: number; name: string; credit_code: string | null }[];
    const byCode = new Map(stored.filter((r) => r.credit_code).map((r) => [r.credit_code!, r]));
    const byName = new Map(stored.map((r) => [r.name, r]));
    const seenCode = new Map<string, number>();
    const seenName = new Map<string, number>();

    const out: Analysed[] = [];
    for (const row of data) {
      if (!this.isDataRow(row, table, cols)) continue;
      const issues: NewOrgImportIssue[] = [];
      const warnings: string[] = [];
      const cell = (f: NewOrgImportField): CellValue | undefined => {
        const c = at.get(f);
        return c ? row.cells[c.index] : undefined;
      };
      const textOf = (f: NewOrgImportField): string | undefined => {
        const c = at.get(f);
        if (!c) return undefined;
        const t = foldWidth(cellText(row.cells[c.index])).replace(/[\s\u3000]+/g, ' ').trim();
        return t === '' ? undefined : t;
      };
      const problem = (f: NewOrgImportField | null, message: string) => {
        const c = f ? at.get(f) : undefined;
        issues.push({
          row: row.row,
          column: c ? columnLabel(columnLetter(c.index), c.header) : '',
          value: c ? cellText(row.cells[c.index]) : '',
          message,
        });
      };

      const name = (textOf('name') ?? '').replace(/([\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/g, '$1');
      if (!name) problem('name', '组织名称是空的，请填写');
      else if (name.length > 100) problem('name', '组织名称不能超过 100 个字');

      // 统一社会信用代码
      let creditCode: string | null | undefined;
      const codeCell = cell('creditCode');
      if (typeof codeCell === 'number') {
        problem('creditCode', '这个代码已被 Excel 当作数字保存，后几位可能已经丢失（显示为 9.1E+17 这样的科学计数法或末尾变成 000）。请把这一列设为“文本”格式，重新输入完整的代码后再导入');
      } else {
        const t = textOf('creditCode');
        if (t !== undefined) {
          const c = checkCreditCode(t);
          if (c.ok) creditCode = c.normalised;
          else problem('creditCode', c.message);
        }
      }

      // The stored organisation this row is about.
      let existing: { id: number; name: string; credit_code: string | null } | undefined;
      if (creditCode) existing = byCode.get(creditCode);
      if (!existing && name) {
        const same = byName.get(name);
        if (same && (same.credit_code == null || creditCode == null || same.credit_code === creditCode)) existing = same;
        else if (same && creditCode) problem('creditCode', `名称与已登记的“${same.name}”相同，但统一社会信用代码不同（已登记 ${same.credit_code}），请核对`);
      }
      // The same organisation twice in the file.
      if (creditCode) {
        const first = seenCode.get(creditCode);
        if (first) problem('creditCode', `与第 ${first} 行的统一社会信用代码相同，同一组织只能占一行`);
        else seenCode.set(creditCode, row.row);
      } else if (name) {
        const first = seenName.get(name);
        if (first) problem('name', `与第 ${first} 行的组织名称相同，同一组织只能占一行`);
      }
      if (name && !seenName.has(name)) seenName.set(name, row.row);

      const base = existing ? newOrgAsInput(this.neworgs.get(existing.id)) : null;

      // 组织类型: the cell, or what the name says.
      let kind: NewOrgKind | undefined;
      const kindText = textOf('kind');
      if (kindText !== undefined) {
        const k = newOrgKindOf(kindText);
        if (k) kind = k;
        else problem('kind', `无法识别组织类型“${kindText}”，请填写：${NEW_ORG_KIND_CHOICES}`);
      } else if (base) kind = base.kind;
      else if (name) {
        const k = newOrgKindFromName(name);
        if (k) {
          kind = k;
          warnings.push(`组织类型没有填写，按名称登记为“${NEW_ORG_KIND_LABELS[k]}”`);
        } else problem('kind', `组织类型没有填写，从名称也看不出来，请填写：${NEW_ORG_KIND_CHOICES}`);
      }

      // 所在社区
      let communityId: number | null | undefined;
      const communityText = textOf('community');
      if (communityText !== undefined) {
        const id = communityByName(communityText);
        if (id != null) communityId = id;
        else problem('community', `找不到社区“${communityText}”：请写成组织管理中社区党委的名称，或先在组织管理中建立这个社区`);
      }

      const count = (f: NewOrgImportField, label: string): number | undefined => {
        const v = cell(f);
        if (v == null || (typeof v === 'string' && v.trim() === '')) return undefined;
        const t = typeof v === 'number' ? String(v) : foldWidth(cellText(v)).replace(/[\s,，]/g, '').replace(/(人|名|个)$/, '');
        if (!/^\d+(\.0+)?$/.test(t)) {
          problem(f, `${label}应为不小于 0 的整数`);
          return undefined;
        }
        return Number(t);
      };
      const employees = count('employees', '从业人员数');
      const full = count('fullMembers', '正式党员数');
      const probationary = count('probationaryMembers', '预备党员数');

      const yesNo = (f: NewOrgImportField): boolean | undefined => {
        const v = cell(f);
        if (v == null || (typeof v === 'string' && v.trim() === '')) return undefined;
        const p = parseYesNo(v);
        if (p.ok) return p.value;
        problem(f, p.message);
        return undefined;
      };
      const legalRep = yesNo('legalRepIsMember');
      const hasUnion = yesNo('hasUnion');
      const hasYouthLeague = yesNo('hasYouthLeague');
      const hasWomensFederation = yesNo('hasWomensFederation');

      let partyWork: PartyWorkKind | undefined;
      const workText = textOf('partyWork');
      if (workText !== undefined) {
        const w = partyWorkOf(workText);
        if (w) partyWork = w;
        else problem('partyWork', `无法识别党建工作情况“${workText}”，请填写：${PARTY_WORK_CHOICES}`);
      }
      const jointWith = textOf('jointWith');
      const liaisonName = textOf('liaisonName');
      const note = textOf('note');

      if (issues.length === 0) {
        const linked = base ? this.linkedCounts(existing!.id) : { full: 0, probationary: 0 };
        const other = (total: number | undefined, linkedCount: number, label: string, stored: number) => {
          if (total === undefined) return stored;
          if (total < linkedCount) warnings.push(`名册中已有 ${linkedCount} 名${label}关联到这个组织，多于表中的 ${total} 名，按名册计`);
          return Math.max(0, total - linkedCount);
        };
        const work: PartyWorkKind = partyWork ?? base?.partyWork ?? 'none';
        if (!partyWork && !base) warnings.push('党建工作情况没有填写，按“未覆盖”登记');
        const input: NewOrgInput = {
          name,
          kind: kind!,
          creditCode: creditCode ?? base?.creditCode ?? null,
          address: textOf('address') ?? base?.address ?? null,
          communityId: communityId !== undefined ? communityId : (base?.communityId ?? null),
          employees: employees ?? base?.employees ?? null,
          memberIds: base?.memberIds ?? [],
          otherFull: other(full, linked.full, '正式党员', base?.otherFull ?? 0),
          otherProbationary: other(probationary, linked.probationary, '预备党员', base?.otherProbationary ?? 0),
          legalRepIsMember: legalRep ?? base?.legalRepIsMember ?? null,
          partyWork: work,
          jointWith: jointWith ?? (work === 'joint' ? (base?.jointWith ?? null) : null),
          partyOrgId: base?.partyOrgId ?? null,
          liaisonName: liaisonName ?? base?.liaisonName ?? null,
          hasUnion: hasUnion ?? base?.hasUnion ?? false,
          hasYouthLeague: hasYouthLeague ?? base?.hasYouthLeague ?? false,
          hasWomensFederation: hasWomensFederation ?? base?.hasWomensFederation ?? false,
          closedOn: base?.closedOn ?? null,
          note: note ?? base?.note ?? null,
        };
        if (input.partyWork === 'joint' && !input.jointWith && input.partyOrgId == null) {
          problem(at.has('jointWith') ? 'jointWith' : 'partyWork', '联合组建的，请在“联合组建单位”中写明与哪些单位联合组建');
        }
        if (issues.length === 0) {
          const changes = base ? describeChanges(base, input, (id) => this.orgName(id)) : [];
          out.push({
            report: {
              row: row.row,
              status: !base ? 'new' : changes.length ? 'changed' : 'unchanged',
              name,
              creditCode: input.creditCode,
              changes,
              issues,
              warnings,
            },
            input,
            existingId: existing?.id,
          });
          continue;
        }
      }
      out.push({ report: { row: row.row, status: 'error', name: name || null, creditCode: creditCode ?? null, changes: [], issues, warnings } });
    }
    return { workbook, table, rows: out };
  }

  /** False for blank rows, 合计 / 填表人 lines, a repeated header and the template's instructions row. */
  private isDataRow(row: SheetRow, table: Table, cols: { index: number; field: NewOrgImportField; header: string }[]): boolean {
    let filled = 0;
    let headerLike = 0;
    let hintLike = 0;
    for (const c of cols) {
      const v = row.cells[c.index];
      if (v == null || (typeof v === 'string' && v.trim() === '')) continue;
      filled++;
      const t = cellText(v).trim();
      const spec = NEW_ORG_COLUMNS.find((x) => x.field === c.field)!;
      if (t === c.header.trim() || t === spec.header) headerLike++;
      if (spec.hint && t === spec.hint) hintLike++;
    }
    if (filled === 0) return false;
    if (headerLike * 2 >= filled || hintLike >= 2) return false;
    const first = row.cells.find((v) => v != null && !(typeof v === 'string' && v.trim() === ''));
    const nameCol = cols.find((c) => c.field === 'name');
    const nameText = nameCol ? cellText(row.cells[nameCol.index]).trim() : '';
    if (FOOTER.test(nameText) || (!nameText && FOOTER.test(cellText(first ?? null).trim()))) return false;
    void table;
    return true;
  }

  /** A community named in a file → its id: the organisation's name, or that name without 党委 / 党总支. */
  private communityLookup(): (text: string) => number | null {
    const map = new Map<string, number>();
    const strip = (s: string) => s.replace(/\s+/g, '').replace(/^(中共|中国共产党)/, '').replace(/(党委员会|党委|党总支部委员会|党总支部|党总支|委员会)$/, '');
    for (const c of this.communities()) {
      map.set(c.name.replace(/\s+/g, ''), c.id);
      const short = strip(c.name);
      if (short && !map.has(short)) map.set(short, c.id);
    }
    return (text) => map.get(text.replace(/\s+/g, '')) ?? map.get(strip(text)) ?? null;
  }

  private linkedCounts(orgId: number): { full: number; probationary: number } {
    const r = this.db
      .prepare(
        `SELECT sum(m.membership_kind = 'full') AS full, sum(m.membership_kind = 'probationary') AS probationary
         FROM new_organisation_members x JOIN members m ON m.id = x.member_id WHERE x.org_id = ? AND m.left_on IS NULL`,
      )
      .get(orgId) as { full: number | null; probationary: number | null };
    return { full: r.full ?? 0, probationary: r.probationary ?? 0 };
  }

  private orgName(id: number): string {
    return (this.db.prepare('SELECT name FROM organisations WHERE id = ?').pluck().get(id) as string | undefined) ?? `组织 ${id}`;
  }
}

/** The differences a row would make, as the clerk reads them (labels, names, 是 / 否). */
function describeChanges(before: NewOrgInput, after: NewOrgInput, orgName: (id: number) => string): NewOrgImportRow['changes'] {
  const show = (field: string, v: unknown): string | null => {
    if (v == null) return null;
    if (typeof v === 'boolean') return v ? '是' : '否';
    if (field === 'kind') return NEW_ORG_KIND_LABELS[v as NewOrgKind];
    if (field === 'partyWork') return PARTY_WORK_LABELS[v as PartyWorkKind];
    if (field === 'communityId' || field === 'partyOrgId') return orgName(v as number);
    return String(v);
  };
  const out: NewOrgImportRow['changes'] = [];
  for (const f of NEW_ORG_AUDITED) {
    if (f === 'memberIds') continue;
    const o = before[f] ?? null;
    const n = after[f] ?? null;
    if (o === n) continue;
    out.push({ label: NEW_ORG_FIELD_LABELS[f] ?? f, old: show(f, o), new: show(f, n) });
  }
  return out;
}
