import { z } from 'zod';
import { contract, type ApiError, type Channel, type Envelope, type Output, type ParsedInput } from '../shared/contract';
import { MEMBER_FIELD_LABELS, ORG_FIELD_LABELS } from '../shared/domain/labels';
import { COBUILDING_FIELD_LABELS } from '../shared/cobuilding';
import { NEW_ORG_FIELD_LABELS } from '../shared/twonew';
import { IN_SERVICE_FIELD_LABELS } from '../shared/inService';
import '../shared/zodLocale';
import { ServiceError } from './errors';
import type { Services } from './services';
import type { JobRunner } from './jobs/runner';
import { standaloneBackups, type BackupChannels } from './backup/controller';
import { APP_NAME, APP_VERSION } from './version';

export type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Output<C> | Promise<Output<C>> };

/** Each channel's handler: the parsed input in, a service call, the output out. Nothing else lives here. */
export function createHandlers(s: Services, jobs: JobRunner, backup: BackupChannels = standaloneBackups(s)): Handlers {
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
    'transfers.cancel': ({ id, reason, date }) => s.transfers.cancel(id, reason, date),
    'transfers.registerIn': (input) => s.transfers.registerIn(input),
    'transfers.placeIn': ({ id, ...place }) => s.transfers.placeIn(id, place),
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
    'members.export': ({ query, data }) => jobs.start({ kind: 'members.export', input: { query, data } }),
    'jobs.status': ({ id }) => jobs.status(id),
    'jobs.cancel': ({ id }) => jobs.cancel(id),
    'backup.list': () => backup.list(),
    'backup.create': ({ folder }) => backup.create(folder),
    'backup.inspect': ({ file }) => backup.inspect(file),
    'backup.verify': ({ file }) => backup.verify(file),
    'backup.restore': ({ file }) => backup.restore(file),
    'backup.pickFolder': () => backup.pickFolder(),
    'backup.pickFile': () => backup.pickFile(),
    'security.status': () => s.security.status(),
    'security.unlock': ({ password }) => s.security.unlock(password),
    'security.lock': () => s.security.lock(),
    'security.setPassword': (input) => s.security.setPassword(input),
    'security.removePassword': ({ current }) => s.security.removePassword(current),
    'security.setAutoLock': ({ minutes }) => s.security.setAutoLock(minutes),
    'security.log': () => s.security.log(),
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
    'minutes.checkArchive': () => jobs.start({ kind: 'minutes.checkArchive', input: {} }),
    'minutes.overview': ({ year }) => s.minutes.overview(year),
    'minutes.stage': ({ files }) => s.minutesImport.stage(files.map((f) => ({ fileName: f.fileName, bytes: Buffer.from(f.dataBase64, 'base64') }))),
    'minutes.importPreview': (input) => jobs.start({ kind: 'minutes.importPreview', input }),
    'minutes.importCommit': (input) => jobs.start({ kind: 'minutes.importCommit', input }),
    'returns.produce': (input) => s.returns.produce(input),
    'returns.history': () => s.returns.history(),
    'returns.reproduce': ({ id }) => s.returns.reproduce(id),
    'returns.file': ({ id }) => s.returns.file(id),
    'overview.get': () => s.returns.overview(),
    'units.list': (q) => s.cobuilding.listUnits(q),
    'units.get': ({ id }) => s.cobuilding.getUnit(id),
    'units.save': (input) => s.cobuilding.saveUnit(input),
    'units.audit': ({ id }) => s.cobuilding.auditOf('residentUnit', id),
    'jointBodies.list': () => s.cobuilding.listBodies(),
    'jointBodies.save': (input) => s.cobuilding.saveBody(input),
    'jointBodies.saveMembership': (input) => s.cobuilding.saveMembership(input),
    'jointMeetings.save': (input) => s.cobuilding.saveMeeting(input),
    'jointMeetings.remove': ({ id }) => s.cobuilding.removeMeeting(id),
    'visits.list': (q) => s.cobuilding.listVisits(q),
    'visits.save': (input) => s.cobuilding.saveVisit(input),
    'visits.remove': ({ id }) => s.cobuilding.removeVisit(id),
    'agreements.list': (q) => s.agreements.list(q),
    'agreements.get': ({ id }) => s.agreements.get(id),
    'agreements.save': (input) => s.agreements.save(input),
    'agreements.tick': (input) => s.agreements.tick(input),
    'agreements.review': (input) => s.agreements.review(input),
    'agreements.audit': ({ id }) => s.agreements.auditOf(id),
    'activities.list': (q) => s.activities.list(q),
    'activities.get': ({ id }) => s.activities.get(id),
    'activities.save': (input) => s.activities.save(input),
    'activities.remove': ({ id }) => s.activities.remove(id),
    'activities.addPhoto': (input) => s.activities.addPhoto(input),
    'activities.photo': ({ activityId, photoId }) => s.activities.photo(activityId, photoId),
    'activities.removePhoto': ({ activityId, photoId }) => s.activities.removePhoto(activityId, photoId),
    'activities.totals': ({ year }) => s.activities.totals(year),
    'neworgs.list': (q) => s.neworgs.list(q),
    'neworgs.get': ({ id }) => s.neworgs.get(id),
    'neworgs.save': (input) => s.neworgs.save(input),
    'neworgs.audit': ({ id }) => s.neworgs.auditOf(id),
    'neworgs.coverage': () => s.neworgs.coverage(),
    'neworgs.importPreview': ({ fileName, dataBase64, sheetIndex }) => s.neworgImports.preview(Buffer.from(dataBase64, 'base64'), fileName, sheetIndex),
    'neworgs.importCommit': ({ fileName, dataBase64, sheetIndex, mode }) => s.neworgImports.commit(Buffer.from(dataBase64, 'base64'), fileName, { mode, sheetIndex }),
    'neworgs.template': () => s.neworgImports.template(),
    'inService.list': (q) => s.inService.list(q),
    'inService.get': ({ id }) => s.inService.get(id),
    'inService.register': (input) => s.inService.register(input),
    'inService.update': (input) => s.inService.update(input),
    'inService.saveRecord': (input) => s.inService.saveRecord(input),
    'inService.removeRecord': ({ id }) => s.inService.removeRecord(id),
    'inService.feedbackSheet': ({ registrationId, period }) => s.inService.feedbackSheet(registrationId, period),
    'inService.saveFeedback': (input) => s.inService.saveFeedback(input),
    'inService.feedbackList': ({ period }) => s.inService.feedbackList(period),
    'inService.exportFeedback': ({ period }) => s.inService.exportFeedback(period),
    'inService.audit': ({ id }) => s.inService.auditOf(id),
    'volunteers.list': (q) => s.volunteers.list(q),
    'volunteers.get': ({ memberId }) => s.volunteers.get(memberId),
    'volunteers.save': (input) => s.volunteers.save(input),
    'volunteers.close': (input) => s.volunteers.close(input),
    'volunteers.audit': ({ id }) => s.volunteers.auditOf(id),
    'volunteers.hours': ({ year }) => s.volunteers.hours(year),
    'volunteerTeams.list': () => s.volunteers.listTeams(),
    'volunteerTeams.get': ({ id }) => s.volunteers.getTeam(id),
    'volunteerTeams.save': (input) => s.volunteers.saveTeam(input),
    'volunteerTeams.audit': ({ id }) => s.volunteers.auditOfTeam(id),
    'volunteerServices.list': (q) => s.volunteers.listServices(q),
    'volunteerServices.get': ({ id }) => s.volunteers.getService(id),
    'volunteerServices.save': (input) => s.volunteers.saveService(input),
    'volunteerServices.remove': ({ id }) => s.volunteers.removeService(id),
    'volunteerServices.audit': ({ id }) => s.volunteers.auditOfService(id),
    'assistance.list': (q) => s.assistance.list(q),
    'assistance.get': ({ id }) => s.assistance.get(id),
    'assistance.save': (input) => s.assistance.save(input),
    'assistance.saveVisit': (input) => s.assistance.saveVisit(input),
    'assistance.removeVisit': ({ id }) => s.assistance.removeVisit(id),
    'assistance.audit': ({ id }) => s.assistance.auditOf(id),
    'cadres.list': (q) => s.cadres.list(q),
    'cadres.get': ({ id }) => s.cadres.get(id),
    'cadres.save': (input) => s.cadres.save(input),
    'cadres.saveTraining': (input) => s.cadres.saveTraining(input),
    'cadres.removeTraining': ({ id }) => s.cadres.removeTraining(id),
    'cadres.structure': ({ year }) => s.cadres.structure(year),
    'cadres.audit': ({ id }) => s.cadres.auditOf(id),
    'targets.list': () => s.targets.list(),
    'targets.get': ({ year }) => s.targets.get(year),
    'targets.save': (input) => s.targets.save(input),
    'targets.saveProgress': (input) => s.targets.saveProgress(input),
    'targets.saveScores': (input) => s.targets.saveScores(input),
    'targets.fetchComputed': (input) => s.targets.fetchComputed(input),
    'targets.saveDemonstration': (input) => s.targets.saveDemonstration(input),
    'targets.export': (input) => s.targets.exportAssessment(input),
    'targets.audit': ({ id }) => s.targets.auditOf(id),
  };
}

export type Dispatch = (channel: unknown, input: unknown) => Promise<Envelope<unknown>>;

/**
 * The one entry point both transports (Electron IPC, browser-mode HTTP) call: checks the channel, parses the
 * input from `unknown`, runs the handler and wraps the result or the error in an envelope.
 */
export function createDispatch(
  handlers: Handlers,
  log: (e: unknown) => void = console.error,
  /** Asked before each call: an error refuses it (the lock: only the unlock screen's channels while locked). */
  gate: (channel: Channel) => ApiError | null = () => null,
): Dispatch {
  return async (channel, input) => {
    if (typeof channel !== 'string' || !Object.hasOwn(contract, channel)) {
      return fail({ code: 'unknown_channel', message: '软件不认识这个操作，请更新软件后重试。' });
    }
    const c = channel as Channel;
    const refused = gate(c);
    if (refused) return fail(refused);
    if (!isPlainData(input)) return fail({ code: 'invalid_input', message: '提交的内容格式不正确，操作没有执行。' });
    let parsed;
    try {
      parsed = contract[c].input.safeParse(input);
    } catch (e) {
      // Input no schema can walk (nested beyond the stack, getters that throw): refused like any bad input.
      log(e);
      return fail({ code: 'invalid_input', message: '提交的内容格式不正确，操作没有执行。' });
    }
    if (!parsed.success) return fail(inputError(parsed.error, c));
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

/** Deeper than any form the contract describes (a member record is 3 levels). */
const MAX_INPUT_DEPTH = 32;

/**
 * Input is plain data, as JSON carries it: objects made by {} (or with no prototype), arrays, strings, numbers,
 * booleans, null (undefined as a value: Electron's structured clone keeps it). Not a Date, Map, Set, typed array,
 * BigInt or RegExp — an object schema would take those for an empty object — nor nested deeper than any form.
 * Walked without recursion, so depth cannot exhaust the stack.
 */
export function isPlainData(input: unknown): boolean {
  const stack: [unknown, number][] = [[input, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') continue;
    if (typeof v !== 'object' || depth >= MAX_INPUT_DEPTH) return false;
    if (Array.isArray(v)) {
      if (Object.getPrototypeOf(v) !== Array.prototype) return false;
      for (const x of v) stack.push([x, depth + 1]);
      continue;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return false;
    for (const k of Object.keys(v)) stack.push([(v as Record<string, unknown>)[k], depth + 1]);
  }
  return true;
}

function fail(error: ApiError): Envelope<never> {
  return { ok: false, error };
}

/** Turns zod's issues into per-field Chinese messages keyed by the input's field names. */
/** Channels whose inputs name their fields with their own labels (by the channel's first part). */
const CHANNEL_LABELS: Record<string, Record<string, string>> = {
  units: COBUILDING_FIELD_LABELS,
  jointBodies: COBUILDING_FIELD_LABELS,
  jointMeetings: COBUILDING_FIELD_LABELS,
  visits: COBUILDING_FIELD_LABELS,
  agreements: COBUILDING_FIELD_LABELS,
  activities: COBUILDING_FIELD_LABELS,
  neworgs: NEW_ORG_FIELD_LABELS,
  inService: IN_SERVICE_FIELD_LABELS,
};

function inputError(err: z.ZodError, channel?: Channel): ApiError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of err.issues) {
    const path = issue.path.filter((p) => typeof p !== 'symbol');
    // An element of a list is reported under the list's field (ids[5] → ids), not under its index.
    const named = path.filter((p) => typeof p === 'string');
    const key = String(typeof path[path.length - 1] === 'number' ? (named[named.length - 1] ?? '') : (path[path.length - 1] ?? ''));
    const fieldKey = path.length >= 2 && (path[0] === 'member' || path[0] === 'org') ? String(path[1]) : key;
    if (!Object.hasOwn(fieldErrors, fieldKey || '_')) fieldErrors[fieldKey || '_'] = issue.message;
  }
  // Only the fields' Chinese labels go into the sentence (own keys only: a key like "constructor" is no label).
  const labels = (channel && CHANNEL_LABELS[channel.split('.')[0]!]) ?? (orgInputPaths(err) ? ORG_FIELD_LABELS : MEMBER_FIELD_LABELS);
  const names = [...new Set(Object.keys(fieldErrors).filter((k) => Object.hasOwn(labels, k)).map((k) => labels[k]!))];
  const shown = names.length > 6 ? `${names.slice(0, 6).join('、')}等 ${names.length} 项` : names.join('、');
  return {
    code: 'invalid_input',
    message: names.length ? `提交的内容有误，请检查：${shown}` : '提交的内容格式不正确，操作没有执行。',
    fieldErrors,
  };
}

/** The input was an organisation's (its fields are named by the organisation record's labels). */
function orgInputPaths(err: z.ZodError): boolean {
  return err.issues.some((i) => i.path[0] === 'org');
}
