import { z } from 'zod';
import { contract, type ApiError, type Channel, type Envelope, type Output, type ParsedInput } from '../shared/contract';
import { MEMBER_FIELD_LABELS, ORG_FIELD_LABELS } from '../shared/domain/labels';
import '../shared/zodLocale';
import { ServiceError } from './errors';
import type { Services } from './services';
import type { JobRunner } from './jobs/runner';
import { APP_NAME, APP_VERSION } from './version';

type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Output<C> | Promise<Output<C>> };

/** Each channel's handler: the parsed input in, a service call, the output out. Nothing else lives here. */
export function createHandlers(s: Services, jobs: JobRunner): Handlers {
  return {
    'app.info': () => ({ name: APP_NAME, version: APP_VERSION, dbPath: s.dbPath, schemaVersion: s.schemaVersion() }),
    'members.list': (q) => s.members.list(q),
    'members.get': ({ id }) => s.members.get(id),
    'members.audit': ({ id }) => s.members.auditOf(id),
    'members.checkId': ({ idNumber, excludeId }) => s.members.checkId(idNumber, excludeId),
    'members.create': ({ member }) => s.members.create(member),
    'members.update': ({ id, member, expectedVersion }) => s.members.update(id, member, expectedVersion),
    'members.exit': (input) => s.members.exit(input),
    'members.reinstate': ({ id, note }) => s.members.reinstate(id, note),
    'orgs.list': () => s.orgs.list(),
    'orgs.create': ({ org }) => s.orgs.create(org),
    'orgs.update': ({ id, org, expectedVersion }) => s.orgs.update(id, org, expectedVersion),
    'members.move': (input) => s.members.move(input),
    'members.history': ({ id }) => s.members.history(id),
    'orgs.suggestions': () => s.branches.suggestions(),
    'orgs.formBranch': (input) => s.branches.formBranch(input),
    'orgs.importPreview': (input) => jobs.start({ kind: 'orgs.importPreview', input }),
    'orgs.importCommit': (input) => jobs.start({ kind: 'orgs.importCommit', input }),
    'orgs.get': ({ id }) => s.orgs.get(id),
    'orgs.dissolve': (input) => s.orgs.dissolve(input),
    'orgs.overview': () => s.orgs.overview(),
    'orgs.audit': ({ id }) => s.orgs.auditOf(id),
    'transfers.list': (q) => s.transfers.list(q),
    'transfers.get': ({ id }) => s.transfers.get(id),
    'transfers.issueOut': (input) => s.transfers.issueOut(input),
    'transfers.confirmOut': ({ id, date }) => s.transfers.confirmOut(id, date),
    'transfers.receipt': ({ id, date }) => s.transfers.receiptReturned(id, date),
    'transfers.cancel': ({ id, reason }) => s.transfers.cancel(id, reason),
    'transfers.registerIn': (input) => s.transfers.registerIn(input),
    'transfers.placeIn': ({ id, branchId, date }) => s.transfers.placeIn(id, { branchId, date }),
    'floating.list': (q) => s.floating.list(q),
    'floating.get': ({ id }) => s.floating.get(id),
    'floating.issue': (input) => s.floating.issue(input),
    'floating.update': (input) => s.floating.update(input),
    'floating.return': ({ id, dateBack }) => s.floating.recordReturn(id, dateBack),
    'floating.review': (input) => s.floating.review(input),
    'floating.audit': ({ id }) => s.floating.auditOf(id),
    'import.preview': (input) => jobs.start({ kind: 'import.preview', input }),
    'import.commit': (input) => jobs.start({ kind: 'import.commit', input }),
    'import.annotated': ({ jobId }) => jobs.annotated(jobId),
    'import.history': () => s.imports.history(),
    'members.template': () => s.exports.template(),
    'members.export': ({ query }) => jobs.start({ kind: 'members.export', input: { query } }),
    'jobs.status': ({ id }) => jobs.status(id),
    'jobs.cancel': ({ id }) => jobs.cancel(id),
    'minutes.list': (q) => s.minutes.list(q),
    'minutes.get': ({ id }) => s.minutes.get(id),
    'minutes.create': ({ meeting }) => s.minutes.create(meeting),
    'minutes.update': ({ id, meeting }) => s.minutes.update(id, meeting),
    'minutes.delete': ({ id }) => (s.minutes.remove(id), { deleted: true as const }),
    'minutes.audit': ({ id }) => s.minutes.auditOf(id),
    'minutes.attach': ({ meetingId, files }) => s.minutes.attach(meetingId, files.map((f) => ({ fileName: f.fileName, bytes: Buffer.from(f.dataBase64, 'base64') }))),
    'minutes.detach': ({ meetingId, attachmentId }) => s.minutes.detach(meetingId, attachmentId),
    'minutes.openAttachment': async ({ id }) => ({ opened: s.openFile ? await s.minutes.open(id, s.openFile) : false }),
    'minutes.downloadAttachment': ({ id }) => {
      const f = s.minutes.attachmentFile(id);
      return { fileName: f.fileName, dataBase64: f.bytes.toString('base64') };
    },
    'minutes.checkArchive': () => s.minutes.checkArchive(),
    'minutes.overview': ({ year }) => s.minutes.overview(year),
    'minutes.stage': ({ files }) => s.minutesImport.stage(files.map((f) => ({ fileName: f.fileName, bytes: Buffer.from(f.dataBase64, 'base64') }))),
    'minutes.importPreview': (input) => jobs.start({ kind: 'minutes.importPreview', input }),
    'minutes.importCommit': (input) => jobs.start({ kind: 'minutes.importCommit', input }),
  };
}

export type Dispatch = (channel: unknown, input: unknown) => Promise<Envelope<unknown>>;

/**
 * The one entry point both transports (Electron IPC, browser-mode HTTP) call: checks the channel, parses the
 * input from `unknown`, runs the handler and wraps the result or the error in an envelope.
 */
export function createDispatch(handlers: Handlers, log: (e: unknown) => void = console.error): Dispatch {
  return async (channel, input) => {
    if (typeof channel !== 'string' || !Object.hasOwn(contract, channel)) {
      return fail({ code: 'unknown_channel', message: '软件不认识这个操作，请更新软件后重试。' });
    }
    const c = channel as Channel;
    const parsed = contract[c].input.safeParse(input);
    if (!parsed.success) return fail(inputError(parsed.error));
    try {
      const value = await (handlers[c] as (i: unknown) => unknown)(parsed.data);
      return { ok: true, value };
    } catch (e) {
      if (e instanceof ServiceError) return fail(e.toApiError());
      log(e);
      const code = (e as { code?: unknown })?.code;
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
        return fail({ code: 'conflict', message: '数据文件正被另一个程序使用，请稍后再试。操作没有保存。' });
      if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'))
        return fail({ code: 'conflict', message: '这项修改与已有数据冲突，没有保存。请刷新后核对再试。' });
      return fail({ code: 'internal', message: '程序出了意外，这次操作没有完成，数据没有改动。请重试；如仍不行，请联系技术支持。' });
    }
  };
}

function fail(error: ApiError): Envelope<never> {
  return { ok: false, error };
}

/** Turns zod's issues into per-field Chinese messages keyed by the input's field names. */
function inputError(err: z.ZodError): ApiError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of err.issues) {
    const path = issue.path.filter((p) => typeof p !== 'symbol');
    const key = String(path[path.length - 1] ?? '');
    const fieldKey = path.length >= 2 && (path[0] === 'member' || path[0] === 'org') ? String(path[1]) : key;
    if (!fieldErrors[fieldKey || '_']) fieldErrors[fieldKey || '_'] = issue.message;
  }
  const names = Object.keys(fieldErrors)
    .map((k) => (orgInputPaths(err) ? ORG_FIELD_LABELS[k] : MEMBER_FIELD_LABELS[k]) ?? k)
    .filter((k) => k !== '_');
  return {
    code: 'invalid_input',
    message: names.length ? `提交的内容有误，请检查：${names.join('、')}` : '提交的内容格式不正确，操作没有执行。',
    fieldErrors,
  };
}

/** The input was an organisation's (its fields are named by the organisation record's labels). */
function orgInputPaths(err: z.ZodError): boolean {
  return err.issues.some((i) => i.path[0] === 'org');
}
