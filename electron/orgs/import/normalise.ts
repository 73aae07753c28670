/**
 * One row of an organisation list → the organisation's fields, cell by cell: the kind from the words clerks
 * use, dates in their many spellings (the member import's date reader), units split into a list, the
 * secretary's name. Only cell-level problems are found here; the tree (parents, cycles, kinds under their
 * parents) is the service's. Pure.
 */
import type { CellValue, SheetRow } from '../../excel/types';
import { columnLabel } from '../../excel/header';
import { columnLetter, FORMULA_WITHOUT_RESULT } from '../../excel/types';
import { cellText, foldWidth, parseDateCell } from '../../members/import/normalise';
import { MAX_IMPORT_UNITS, ORG_KIND_CHOICES, orgKindOf, type OrgImportField } from '../../../shared/import/orgColumns';
import { ORG_HEADER_OF } from './header';
import type { OrgCellIssue, OrgSourceRow, OrgTable } from './types';

export interface OrgPlanColumn {
  index: number;
  header: string;
  field: OrgImportField;
  /** "C 列（上级组织）" */
  label: string;
}

/** The mapped columns, each with its label for messages. */
export function planOf(table: OrgTable): { cols: OrgPlanColumn[]; byField: Map<OrgImportField, OrgPlanColumn> } {
  const cols: OrgPlanColumn[] = [];
  for (const c of table.columns) {
    if (!c.field) continue;
    const header = c.header || ORG_HEADER_OF[c.field];
    cols.push({ index: c.index, header, field: c.field, label: columnLabel(columnLetter(c.index), header) });
  }
  return { cols, byField: new Map(cols.map((c) => [c.field, c])) };
}

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff·';
const SPACE_BETWEEN_CJK = new RegExp(`([${CJK}])[\\s\\u3000]+(?=[${CJK}])`, 'g');

/** Text of a cell: numbers as integers where they are, full-width folded, runs of space collapsed. */
function textOf(v: CellValue | undefined): string {
  if (v == null) return '';
  const t = typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : cellText(v);
  return foldWidth(t).replace(/[\s\u3000]+/g, ' ').trim();
}

/** An organisation's name as the importer compares it: "阳光社区 第一党支部" → "阳光社区第一党支部". */
export function orgNameOf(v: CellValue | undefined): string {
  return textOf(v).replace(SPACE_BETWEEN_CJK, '$1');
}

const EXCEL_ERROR = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|GETTING_DATA|SPILL!|CALC!|公式无结果)$/;
/** Lines below the list that are not organisations: totals, signatures, notes. */
const FOOTER = /^(合计|总计|小计|共计|填表人|填报人|制表人|审核人|负责人|联系人|填报日期|填表日期|制表日期|填报单位|说明|注|备注|附注|签字|盖章)\s*[:：]|^(合计|总计|共计|小计)$|^注\s*\d/;

/**
 * False for a row that is no organisation: blank in every mapped column, a 合计 / 填表人 / 说明 line, or the
 * header repeated (printed lists repeat it on every page).
 */
export function isOrgDataRow(row: SheetRow, table: OrgTable): boolean {
  const plan = planOf(table);
  let filled = 0;
  let headerLike = 0;
  for (const c of plan.cols) {
    const t = textOf(row.cells[c.index]);
    if (!t) continue;
    filled++;
    if (t.replace(/\s/g, '') === c.header.replace(/\s/g, '') || t === ORG_HEADER_OF[c.field]) headerLike++;
  }
  if (filled === 0) return false;
  if (headerLike * 2 >= filled) return false;
  const name = plan.byField.get('name');
  const nameText = name ? textOf(row.cells[name.index]) : '';
  const first = textOf(row.cells.find((v) => textOf(v) !== ''));
  if (FOOTER.test(nameText) || (!nameText && FOOTER.test(first))) return false;
  return true;
}

/** The units in a 所在单位 cell: one per line, or separated by 、，；. */
export function splitUnits(v: CellValue | undefined): string[] {
  return textOf(v)
    .split(/[、,，;；|｜\n]+/)
    .map((u) => u.trim())
    .filter((u) => u && !/^(无|暂无|\/|-|—)$/.test(u));
}

/** One data row → its fields (blank cells left out), and each cell's problem. */
export function normaliseOrgRow(row: SheetRow, table: OrgTable): OrgSourceRow {
  const plan = planOf(table);
  const out: OrgSourceRow = { row: row.row, hidden: row.hidden, name: '', kindText: '', parentName: null, issues: [], warnings: [] };
  if (row.hidden) out.warnings.push(`第 ${row.row} 行在表格中是隐藏的，已一并读入`);
  const issue = (c: OrgPlanColumn, v: CellValue | undefined, message: string) =>
    out.issues.push({ row: row.row, columnIndex: c.index, column: c.label, value: textOf(v), message } satisfies OrgCellIssue);

  for (const c of plan.cols) {
    const v = row.cells[c.index];
    if (typeof v === 'string' && EXCEL_ERROR.test(v)) {
      issue(
        c,
        v,
        v === FORMULA_WITHOUT_RESULT
          ? '这一格是公式，文件里没有保存它的计算结果。请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入，或把公式改成文字'
          : `这一格是公式的错误值 ${v}，请在表格中改正这个公式或直接填写内容后再导入`,
      );
      continue;
    }
    const t = textOf(v);
    switch (c.field) {
      case 'name':
        out.name = orgNameOf(v);
        if (out.name.length > 60) issue(c, v, `组织名称不能超过 60 个字（现有 ${out.name.length} 个字）`);
        break;
      case 'kind':
        out.kindText = t;
        if (!t) break;
        {
          const k = orgKindOf(t);
          if (k) out.kind = k;
          else issue(c, v, `无法识别的组织类别“${t}”，可填：${ORG_KIND_CHOICES}`);
        }
        break;
      case 'parent': {
        const p = orgNameOf(v);
        out.parentName = p === '' ? null : p;
        break;
      }
      case 'secretary':
        if (!t) break;
        if (/[、,，;；/／]/.test(t)) issue(c, v, '书记一栏只能填写一个人的姓名；副书记和委员请在组织信息中登记');
        else if (t.length > 40) issue(c, v, '书记姓名不能超过 40 个字');
        else out.secretary = orgNameOf(v);
        break;
      case 'foundedOn':
      case 'electedOn': {
        const r = parseDateCell(v);
        if (!r.ok) issue(c, v, r.message);
        else if (r.value) {
          out[c.field] = r.value;
          if (r.warning) out.warnings.push(`第 ${row.row} 行 ${c.label}：${r.warning}`);
        }
        break;
      }
      case 'termYears': {
        if (!t) break;
        const m = /^(\d{1,2})\s*(年|年\/届)?$/.exec(t);
        if (!m || Number(m[1]) < 1 || Number(m[1]) > 10) issue(c, v, '任期应为 1 至 10 年的整数，如 3 或 5');
        else out.termYears = Number(m[1]);
        break;
      }
      case 'units': {
        const units = splitUnits(v);
        if (!units.length) break;
        const dup = units.find((u, i) => units.indexOf(u) !== i);
        if (units.length > MAX_IMPORT_UNITS)
          issue(c, v, `所在单位填了 ${units.length} 个，最多 ${MAX_IMPORT_UNITS} 个（联合党支部所含单位一般不超过 5 个）；请调整组建或删去多余的单位`);
        else if (dup) issue(c, v, `所在单位“${dup}”写了两次，请删去重复的一个`);
        else if (units.some((u) => u.length > 100)) issue(c, v, '每个单位名称不能超过 100 个字；多个单位请用顿号“、”分隔');
        else out.units = units;
        break;
      }
      case 'contactPhone':
      case 'foundingDocNo':
      case 'note': {
        if (!t) break;
        out[c.field] = c.field === 'note' ? cellText(v).replace(/\r\n?/g, '\n').trim() : t;
        break;
      }
    }
  }
  return out;
}
