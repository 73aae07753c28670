import type { Sqlite } from '../db/connection';

/** What an import's scan knows of its file (both imports' scans have it). */
interface ScannedFile {
  fileName: string;
  sha256: string;
  table: { sheetName: string; headerRow: number };
  counts: { errors: number };
}

/** What an import wrote (both imports' results have it). */
interface ImportOutcome {
  batchId: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  backupFile: string | null;
}

/**
 * Records an import in the import history (import_batches), inside the import's transaction: the file (name,
 * SHA-256, sheet, header row), when and by whom, the counts and the backup taken before it. The audit entries the
 * import wrote carry the same id as batch_id.
 */
export function recordImportBatch(db: Sqlite, kind: 'members' | 'organisations', file: ScannedFile, r: ImportOutcome, at: string, actor: string): void {
  db.prepare(
    `INSERT INTO import_batches (id, kind, file_name, file_sha256, sheet_name, header_row, at, actor, rows, inserted, updated, unchanged, errors, backup_file)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.batchId, kind, file.fileName, file.sha256, file.table.sheetName, file.table.headerRow, at, actor, r.rows, r.inserted, r.updated, r.unchanged, file.counts.errors, r.backupFile);
}
