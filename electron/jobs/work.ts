/**
 * The long operations, written once and run either in a worker thread (the app, browser mode) or in the
 * calling thread (the command line, tests): import preview and commit, and the register export.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiError, FileDownload, ImportPreview, ImportResult, JobKind, OrgImportPreview, OrgImportResult } from '../../shared/contract';
import { importCommitInput, importPreviewInput, memberListQuery, orgImportCommitInput, orgImportPreviewInput } from '../../shared/contract';
import type { z } from 'zod';
import { EXPORT_DATA_LABELS, type ExportData } from '../../shared/domain/labels';
import { minutesImportCommitInput, minutesImportPreviewInput, type ArchiveCheck, type MinutesImportPreview, type MinutesImportResult } from '../../shared/minutes';
import { ServiceError } from '../errors';
import type { Services } from '../services';

export type JobPayload =
  | { kind: 'import.preview'; input: z.output<typeof importPreviewInput> }
  | { kind: 'import.commit'; input: z.output<typeof importCommitInput> }
  | { kind: 'members.export'; input: { query: z.output<typeof memberListQuery>; data: ExportData } }
  | { kind: 'orgs.importPreview'; input: z.output<typeof orgImportPreviewInput> }
  | { kind: 'orgs.importCommit'; input: z.output<typeof orgImportCommitInput> }
  | { kind: 'minutes.importPreview'; input: z.output<typeof minutesImportPreviewInput> }
  | { kind: 'minutes.importCommit'; input: z.output<typeof minutesImportCommitInput> }
  | { kind: 'minutes.checkArchive'; input: Record<string, never> };

export interface JobOutput {
  result: ImportPreview | ImportResult | FileDownload | OrgImportPreview | OrgImportResult | MinutesImportPreview | MinutesImportResult | ArchiveCheck;
  /** For a preview with rows in error: the annotated copy, ready to download. */
  annotated?: FileDownload;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

export type ProgressSink = (stage: string, done: number, total: number) => void;

export async function runJob(s: Services, job: JobPayload, progress: ProgressSink): Promise<JobOutput> {
  switch (job.kind) {
    case 'import.preview': {
      const bytes = Buffer.from(job.input.dataBase64, 'base64');
      const options = { mapping: job.input.mapping, sheetIndex: job.input.sheetIndex };
      const preview = s.imports.preview(bytes, job.input.fileName, options, progress);
      let annotated: FileDownload | undefined;
      if (preview.counts.errors > 0) {
        progress('生成错误说明', 0, 1);
        const a = await s.imports.annotated(bytes, job.input.fileName, options);
        annotated = { fileName: a.fileName, dataBase64: a.data.toString('base64') };
      }
      return { result: preview, annotated };
    }
    case 'import.commit': {
      const bytes = Buffer.from(job.input.dataBase64, 'base64');
      const result = s.imports.commit(
        bytes,
        job.input.fileName,
        { mapping: job.input.mapping, sheetIndex: job.input.sheetIndex, mode: job.input.mode, createBranches: job.input.createBranches },
        progress,
      );
      return { result };
    }
    case 'orgs.importPreview':
      return { result: s.orgImports.preview(Buffer.from(job.input.dataBase64, 'base64'), job.input.fileName, progress) };
    case 'orgs.importCommit':
      return {
        result: s.orgImports.commit(Buffer.from(job.input.dataBase64, 'base64'), job.input.fileName, { mode: job.input.mode }, progress),
      };
    case 'minutes.importPreview':
      return { result: await s.minutesImport.preview(job.input.files, progress) };
    case 'minutes.importCommit':
      return { result: await s.minutesImport.commit(job.input.items, progress) };
    case 'minutes.checkArchive':
      return { result: s.minutes.checkArchive((done, total) => progress('检查附件', done, total)) };
    case 'members.export': {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-export-'));
      try {
        const out = path.join(tmp, 'export.xlsx');
        await s.exports.exportMembers(out, job.input.query, progress, job.input.data);
        const suffix = job.input.data === 'full' ? '' : `（${EXPORT_DATA_LABELS.masked}）`;
        return { result: { fileName: `党员名册-${new Date().toISOString().slice(0, 10)}${suffix}.xlsx`, dataBase64: fs.readFileSync(out).toString('base64') } };
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    }
  }
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ServiceError) return e.toApiError();
  const code = (e as { code?: unknown })?.code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return { code: 'conflict', message: '数据文件正被另一个程序使用，请稍后再试。这次操作没有写入任何数据。' };
  return { code: 'internal', message: '程序出了意外，这次操作没有完成，数据没有改动。请重试；如仍不行，请联系技术支持。' };
}

export type { JobKind };
