/**
 * Import stage 2: find the member table in a read workbook — which sheet, which row holds the headers
 * (titles, notes and merged title cells often sit above it; some headers span two rows) — and which
 * column fills which field. The detection itself is electron/excel/header.ts (shared with the organisation
 * import); this file gives it the member columns and the sub-headers only a member register has.
 * Pure: no I/O; the remembered manual mappings come in as a lookup.
 */
import type { Workbook } from '../../excel/types';
import { cleanHeader, columnLabel, headerSignature, isIgnoredHeader, tableDetector, type HeaderMatch } from '../../excel/header';
import { COLUMNS, type ImportField } from '../../../shared/import/columns';
import type { DetectedTable } from './types';

/** The fields a table must have to be imported at all. */
export const REQUIRED_FIELDS: readonly ImportField[] = ['name', 'idNumber'];

export type Match = HeaderMatch<ImportField>;

/** A sub-header under a group header: "联系电话" over "手机"/"固定电话", "流动党员情况" over "是否"/"流向". */
function contextual(upper: string, lower: string): ImportField | null {
  const u = cleanHeader(upper);
  const l = cleanHeader(lower);
  if (/流动/.test(u)) {
    if (/^是否/.test(l)) return 'floating';
    if (/流向|去向|地点|流出地|外出地/.test(l)) return 'floatingDestination';
    if (/方向|类型|流出流入|流出\/流入/.test(l)) return 'floatingDirection';
  }
  if (/失联|失去联系/.test(u)) {
    if (/^是否/.test(l)) return 'lostContact';
    if (/日期|时间|年月/.test(l)) return 'lostContactSince';
  }
  if (/电话|联系方式/.test(u)) {
    if (/手机|移动/.test(l)) return 'mobile';
    if (/固定|座机|固话|办公|家庭|住宅|宅电/.test(l)) return 'phone';
  }
  if (/入党|加入党组织/.test(u) && /^(日期|时间|年月)$/.test(l)) return 'joinedOn';
  if (/转正|转为正式/.test(u) && /^(日期|时间|年月)$/.test(l)) return 'confirmedOn';
  if (/出生/.test(u) && /^(日期|时间|年月)$/.test(l)) return 'birthDate';
  return null;
}

const detector = tableDetector<ImportField>({
  columns: COLUMNS,
  required: REQUIRED_FIELDS,
  keys: ['name', 'idNumber'],
  contextual,
  // A second phone column becomes 固定电话.
  fallback: { mobile: 'phone' },
  hint: '（如“姓名”“公民身份号码”），或下载导入模板，把数据复制进去再导入',
});

const HEADER_OF: Record<ImportField, string> = detector.headerOf;

/** Match one header text to a member field. */
export function matchHeader(raw: string): Match | null {
  return detector.matchHeader(raw);
}

/**
 * Find the member table (in `sheetIndex` only, when given): the visible sheet whose best header row scores highest (hidden sheets only when no
 * visible one has a header), the header row within its first rows, and each column's field. A remembered
 * manual mapping for the same headers (same signature) replaces the automatic one.
 * Throws ServiceError('validation') with a Chinese message naming the closest sheet when nothing fits.
 */
export function detectTable(
  wb: Workbook,
  remembered?: (signature: string) => Record<number, ImportField | null> | undefined,
  /** The sheet the clerk picked; otherwise every sheet is considered. */
  sheetIndex?: number,
): DetectedTable {
  return detector.detectTable(wb, remembered, sheetIndex);
}

export { columnLabel, headerSignature, HEADER_OF, isIgnoredHeader };
