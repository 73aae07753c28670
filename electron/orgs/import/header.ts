/**
 * Finding the organisation list in a read workbook: the shared detector (electron/excel/header.ts) with the
 * organisation columns (shared/import/orgColumns.ts). 组织名称, 组织类别 and 上级组织 are required.
 */
import type { Workbook } from '../../excel/types';
import { tableDetector } from '../../excel/header';
import { ORG_COLUMNS, type OrgImportField } from '../../../shared/import/orgColumns';
import type { OrgTable } from './types';

export const ORG_REQUIRED_FIELDS: readonly OrgImportField[] = ORG_COLUMNS.filter((c) => c.required).map((c) => c.field);

const detector = tableDetector<OrgImportField>({
  columns: ORG_COLUMNS,
  required: ORG_REQUIRED_FIELDS,
  keys: ['name'],
  hint: '（如“组织名称”“组织类别”“上级组织”），每个党组织占一行',
});

export const ORG_HEADER_OF: Record<OrgImportField, string> = detector.headerOf;

export function matchOrgHeader(raw: string) {
  return detector.matchHeader(raw);
}

/** The organisation table: sheet, header row, each column's field (throws a Chinese ServiceError when none). */
export function detectOrgTable(wb: Workbook, sheetIndex?: number): OrgTable {
  return detector.detectTable(wb, undefined, sheetIndex);
}
