/** The organisation import's stages, from a read workbook to rows the service can resolve and write. */
import type { OrgKind } from '../../../shared/domain/labels';
import type { OrgImportField } from '../../../shared/import/orgColumns';
import type { DetectedTableOf } from '../../excel/header';

export type OrgTable = DetectedTableOf<OrgImportField>;

/** One problem with one cell, as the clerk will look for it in their own file. */
export interface OrgCellIssue {
  /** The row number as the clerk sees it in their file. */
  row: number;
  /** 0-based column index, or -1 when the problem is the row as a whole. */
  columnIndex: number;
  /** "C 列（上级组织）", or "" for the row as a whole. */
  column: string;
  /** The cell as it was, shown as text. */
  value: string;
  /** Chinese, saying what to fix. */
  message: string;
}

/**
 * A data row read cell by cell. A field is absent when the file has no such column or the cell is blank:
 * the import then keeps what is stored (a blank cell never clears a recorded value).
 */
export interface OrgSourceRow {
  row: number;
  hidden: boolean;
  /** 组织名称, spaces between Chinese characters dropped; '' when blank. */
  name: string;
  kind?: OrgKind;
  /** 组织类别 as written, for messages. */
  kindText: string;
  /** 上级组织 as written (tidied); null when blank. */
  parentName: string | null;
  secretary?: string;
  contactPhone?: string;
  foundedOn?: string;
  foundingDocNo?: string;
  units?: string[];
  electedOn?: string;
  termYears?: number;
  note?: string;
  issues: OrgCellIssue[];
  warnings: string[];
}
