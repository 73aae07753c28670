/**
 * exceljs, loaded the first time a workbook is written. Loading it (with unzipper, archiver, jszip …) takes
 * 0.2–0.3 s, which the job worker that imports a register, and the app at its start, need not spend when they
 * write no workbook. Reading spreadsheets never uses it (excel/read/ is our own).
 */
import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | null = null;

export function loadExcelJS(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((m) => ((m as { default?: typeof ExcelJS }).default ?? (m as unknown as typeof ExcelJS)));
  return loading;
}
