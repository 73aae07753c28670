/** The importer's stages, from a read workbook to rows the service can validate and write. */
import type { ImportField } from '../../../shared/import/columns';
import type { MemberInputRaw } from '../../../shared/rules/member';

/** One problem with one cell, as the clerk will look for it in their own file. */
export interface CellIssue {
  /** The row number as the clerk sees it in their file. */
  row: number;
  /** 0-based column index, or -1 when the problem is the row as a whole. */
  columnIndex: number;
  /** "D 列（公民身份号码）", or "" for the row as a whole. */
  column: string;
  /** The cell as it was, shown as text. */
  value: string;
  /** Chinese, saying what to fix. */
  message: string;
}

export interface MappedColumn {
  index: number;
  /** The header text as written in the file. */
  header: string;
  /** The field it fills, or null when it could not be placed (offered for manual mapping). */
  field: ImportField | null;
}

export interface DetectedTable {
  sheetIndex: number;
  sheetName: string;
  /** Row number of the header row (the last one, when the header spans two rows). */
  headerRow: number;
  columns: MappedColumn[];
  /** The file's headers normalised and joined: the key under which a manual mapping is remembered. */
  signature: string;
  /** Required fields (name, idNumber) that no column fills. */
  missing: ImportField[];
}

/**
 * A data row turned into the member form's input shape (as strings/booleans/arrays, before memberInput parses
 * it), with the branch by name. Fields the file does not have are absent, so an update keeps what is stored.
 */
export interface NormalisedRow {
  row: number;
  hidden: boolean;
  member: Partial<MemberInputRaw>;
  /** 所在党支部 as written (trimmed); resolved to an organisation by the service. */
  branchName: string | null;
  /** Classifications suggested from 工作岗位 when the file has no 分类 column. */
  suggestedTags: string[];
  issues: CellIssue[];
  warnings: string[];
}
