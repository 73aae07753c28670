/**
 * 会议纪要: meeting records (type, date and time, place, organisation or body, host, recorder, attendees from the
 * register or by name with absentees' reasons, agenda, minutes, decisions, follow-ups), their attachments in the
 * archive (stored by hash; a missing or changed file is reported by name), the search over everything written and
 * every attachment's text, and the 三会一课 overview. Every change is in the audit log (entity 'meeting').
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditEntry } from '../../shared/contract';
import { BRANCH_KINDS, MEETING_TYPE_LABELS, type MeetingType, type OrgKind } from '../../shared/domain/labels';
import {
  REQUIRED_MEETINGS,
  type ArchiveCheck,
  type Attachment,
  type AttachmentState,
  type Meeting,
  type MeetingHit,
  type MeetingInput,
  type MeetingRow,
  type MinutesListQuery,
  type MinutesListResult,
  type MinutesOverview,
  type OverviewBranch,
  type OverviewCell,
} from '../../shared/minutes';
import { todayIso } from '../../shared/rules/idNumber';
import type { Sqlite } from '../db/connection';
import { ServiceError } from '../errors';
import type { AuditService } from '../audit/service';
import type { OrgService } from '../orgs/service';
import { Archive, sha256 } from './archive';
import { extractText, mimeOf } from './extract';
import { gramsOf, normaliseText, parseQuery, snippetOf } from './search';

interface MeetingDbRow {
  id: number;
  type: string;
  title: string;
  held_on: string;
  start_time: string | null;
  end_time: string | null;
  place: string | null;
  org_id: number | null;
  org_name: string | null;
  body_name: string | null;
  host: string | null;
  recorder: string | null;
  agenda: string | null;
  minutes: string | null;
  decisions: string | null;
  note: string | null;
  imported_from: string | null;
  created_at: string;
  updated_at: string;
  present: number;
  absent: number;
  attachments: number;
}

interface AttachmentDbRow {
  id: number;
  meeting_id: number;
  file_name: string;
  size: number;
  sha256: string;
  mime: string;
  text: string | null;
  text_note: string | null;
  original: number;
  added_at: string;
}

/** A file to attach, with its text already extracted (or the reason there is none). */
export interface PreparedFile {
  fileName: string;
  /** Already in the archive under this hash. */
  sha256: string;
  size: number;
  text: string | null;
  textNote: string | null;
  original?: boolean;
}

const ROW_SELECT = `SELECT m.*, o.name AS org_name,
    (SELECT count(*) FROM meeting_attendees a WHERE a.meeting_id = m.id AND a.present = 1) AS present,
    (SELECT count(*) FROM meeting_attendees a WHERE a.meeting_id = m.id AND a.present = 0) AS absent,
    (SELECT count(*) FROM meeting_attachments f WHERE f.meeting_id = m.id) AS attachments
  FROM meetings m LEFT JOIN organisations o ON o.id = m.org_id`;

/** Search matches counted at most (the page says “1000 多条”); its pages reach that far. */
const MAX_COUNT = 1000;

/** The record's fields compared for the audit log. */
const AUDITED = ['type', 'title', 'heldOn', 'startTime', 'endTime', 'place', 'orgId', 'bodyName', 'host', 'recorder', 'attendees', 'agenda', 'minutes', 'decisions', 'followUps', 'note'] as const;

export class MinutesService {
  readonly archive: Archive;

  constructor(
    private readonly db: Sqlite,
    dbPath: string,
    private readonly orgs: OrgService,
    private readonly audit: AuditService,
    private readonly now: () => Date,
    archiveDir?: string,
  ) {
    this.archive = new Archive(archiveDir ?? path.join(dbPath === ':memory:' ? process.cwd() : path.dirname(dbPath), 'archive'));
    // The bigram index's tokens (see migration 009): the triggers on meeting_search call this.
    db.function('minutes_grams', { deterministic: true }, (body: unknown) => gramsOf(typeof body === 'string' ? body : ''));
  }

  // ─── reading ──────────────────────────────────────────────────────────────────────────────────────

  list(q: MinutesListQuery): MinutesListResult {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    const parsed = parseQuery(q.q);
    if (parsed) {
      if (parsed.trigram) {
        where.push('+m.id IN (SELECT rowid FROM minutes_fts WHERE minutes_fts MATCH @tri)');
        params['tri'] = parsed.trigram;
      }
      if (parsed.grams) {
        where.push('+m.id IN (SELECT rowid FROM minutes_grams WHERE minutes_grams MATCH @grams)');
        params['grams'] = parsed.grams;
      }
      parsed.scan.forEach((t, i) => {
        where.push(`instr(lower((SELECT s.body FROM meeting_search s WHERE s.meeting_id = m.id)), @scan${i}) > 0`);
        params[`scan${i}`] = t;
      });
    }
    if (q.type) {
      where.push('m.type = @type');
      params['type'] = q.type;
    }
    if (q.orgId) where.push(`m.org_id IN (${this.orgs.subtreeIds(q.orgId).map(Number).join(',')})`);
    if (q.from) {
      where.push('m.held_on >= @from');
      params['from'] = q.from;
    }
    if (q.to) {
      where.push('m.held_on <= @to');
      params['to'] = q.to;
    }
    // The matches are a set the date index is walked against (“+m.id”: not a rowid lookup), newest first, so a word
    // found in thousands of records costs no sort; the count stops past MAX_COUNT.
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const limit = parsed ? MAX_COUNT : Number.MAX_SAFE_INTEGER;
    const counted = (this.db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM meetings m ${w} LIMIT ${limit + 1})`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(`${ROW_SELECT} ${w} ORDER BY m.held_on DESC, m.id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as MeetingDbRow[];
    const bodies = new Map<number, string>();
    if (parsed && rows.length) {
      for (const r of this.db
        .prepare(`SELECT meeting_id, body FROM meeting_search WHERE meeting_id IN (${rows.map((r) => r.id).join(',')})`)
        .raw()
        .all() as [number, string][])
        bodies.set(r[0], r[1]);
    }
    return {
      rows: rows.map((r): MeetingHit => ({ ...toRow(r), snippet: parsed ? snippetOf(bodies.get(r.id) ?? '', parsed.terms) : [] })),
      total: Math.min(counted, limit),
      capped: counted > limit,
      terms: parsed?.terms ?? [],
    };
  }

  get(id: number): Meeting {
    const r = this.row(id);
    const attendees = this.db
      .prepare(
        `SELECT a.member_id, a.name, a.present, a.reason, m.left_on FROM meeting_attendees a LEFT JOIN members m ON m.id = a.member_id
          WHERE a.meeting_id = ? ORDER BY a.position`,
      )
      .all(id) as { member_id: number | null; name: string; present: number; reason: string | null; left_on: string | null }[];
    const followUps = this.db.prepare('SELECT item, owner, due_on, done_on FROM meeting_follow_ups WHERE meeting_id = ? ORDER BY position').all(id) as {
      item: string;
      owner: string | null;
      due_on: string | null;
      done_on: string | null;
    }[];
    return {
      ...toRow(r),
      endTime: r.end_time,
      bodyName: r.body_name,
      recorder: r.recorder,
      attendees: attendees.map((a) => ({ memberId: a.member_id, name: a.name, present: a.present === 1, reason: a.reason, memberLeft: !!a.left_on })),
      agenda: r.agenda,
      minutes: r.minutes,
      decisions: r.decisions,
      followUps: followUps.map((f) => ({ item: f.item, owner: f.owner, dueOn: f.due_on, doneOn: f.done_on })),
      note: r.note,
      attachmentList: this.attachmentRows(id).map((a) => this.toAttachment(a, this.archive.check(a.sha256, a.size))),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  auditOf(id: number): AuditEntry[] {
    this.row(id);
    return this.audit.forEntity('meeting', id);
  }

  // ─── writing ──────────────────────────────────────────────────────────────────────────────────────

  create(input: MeetingInput, opts: { importedFrom?: string; files?: PreparedFile[]; batchId?: string } = {}): Meeting {
    return this.db.transaction(() => this.createIn(input, opts)).immediate();
  }

  /** create() inside the caller's transaction (the import writes many in one). */
  createIn(input: MeetingInput, opts: { importedFrom?: string; files?: PreparedFile[]; batchId?: string } = {}): Meeting {
    this.check(input);
    const at = this.now().toISOString();
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO meetings (type, title, held_on, start_time, end_time, place, org_id, body_name, host, recorder, agenda, minutes,
             decisions, note, imported_from, created_at, updated_at)
           VALUES (@type, @title, @heldOn, @startTime, @endTime, @place, @orgId, @bodyName, @host, @recorder, @agenda, @minutes,
             @decisions, @note, @importedFrom, @at, @at)`,
        )
        .run({ ...columns(input), importedFrom: opts.importedFrom ?? null, at }).lastInsertRowid,
    );
    this.writeLists(id, input);
    for (const f of opts.files ?? []) this.insertAttachment(id, f, at);
    this.reindex(id);
    const created = this.get(id);
    this.audit.write({
      action: opts.importedFrom ? 'import' : 'create',
      entity: 'meeting',
      entityId: id,
      changes: diffOf(null, created),
      note: opts.importedFrom
        ? `从“${opts.importedFrom}”导入${MEETING_TYPE_LABELS[created.type]}记录：${created.title}`
        : `新建${MEETING_TYPE_LABELS[created.type]}记录：${created.title}`,
      batchId: opts.batchId ?? null,
    });
    return created;
  }

  update(id: number, input: MeetingInput): Meeting {
    return this.db
      .transaction(() => {
        const before = this.get(id);
        this.check(input);
        this.db
          .prepare(
            `UPDATE meetings SET type = @type, title = @title, held_on = @heldOn, start_time = @startTime, end_time = @endTime, place = @place,
               org_id = @orgId, body_name = @bodyName, host = @host, recorder = @recorder, agenda = @agenda, minutes = @minutes,
               decisions = @decisions, note = @note, updated_at = @at WHERE id = @id`,
          )
          .run({ ...columns(input), at: this.now().toISOString(), id });
        this.db.prepare('DELETE FROM meeting_attendees WHERE meeting_id = ?').run(id);
        this.db.prepare('DELETE FROM meeting_follow_ups WHERE meeting_id = ?').run(id);
        this.writeLists(id, input);
        this.reindex(id);
        const after = this.get(id);
        const changes = diffOf(before, after);
        if (changes.length) this.audit.write({ action: 'update', entity: 'meeting', entityId: id, changes, note: `修改会议记录：${after.title}` });
        return after;
      })
      .immediate();
  }

  /** Deletes a record entered or imported by mistake; its archived files stay (others may share them; backups have them). */
  remove(id: number): void {
    this.db
      .transaction(() => {
        const before = this.get(id);
        this.db.prepare('DELETE FROM meeting_search WHERE meeting_id = ?').run(id);
        this.db.prepare('DELETE FROM meetings WHERE id = ?').run(id);
        this.audit.write({
          action: 'delete',
          entity: 'meeting',
          entityId: id,
          changes: [...diffOf(null, before).map((c) => ({ field: c.field, old: c.new, new: null })), ...before.attachmentList.map((a) => ({ field: 'attachment', old: { fileName: a.fileName, sha256: a.sha256 }, new: null }))],
          note: `删除会议记录：${before.title}（${before.heldOn}）`,
        });
      })
      .immediate();
  }

  /** Reads each file's text (for search), stores the bytes in the archive, then records them in one transaction. */
  async attach(meetingId: number, files: { fileName: string; bytes: Uint8Array }[]): Promise<Meeting> {
    this.row(meetingId);
    const prepared: PreparedFile[] = [];
    for (const f of files) prepared.push(await prepareFile(this.archive, f.fileName, f.bytes));
    return this.db
      .transaction(() => {
        const at = this.now().toISOString();
        for (const p of prepared) this.insertAttachment(meetingId, p, at);
        this.db.prepare('UPDATE meetings SET updated_at = ? WHERE id = ?').run(at, meetingId);
        this.reindex(meetingId);
        const after = this.get(meetingId);
        this.audit.write({
          action: 'attach',
          entity: 'meeting',
          entityId: meetingId,
          changes: prepared.map((p) => ({ field: 'attachment', old: null, new: { fileName: p.fileName, sha256: p.sha256, size: p.size } })),
          note: `添加附件：${prepared.map((p) => p.fileName).join('、')}`,
        });
        return after;
      })
      .immediate();
  }

  /** Takes an attachment off the record; the archived file stays. */
  detach(meetingId: number, attachmentId: number): Meeting {
    return this.db
      .transaction(() => {
        const a = this.attachment(attachmentId);
        if (a.meeting_id !== meetingId) throw new ServiceError('not_found', '这个附件不属于该会议记录，请刷新后重试。');
        this.db.prepare('DELETE FROM meeting_attachments WHERE id = ?').run(attachmentId);
        this.db.prepare('UPDATE meetings SET updated_at = ? WHERE id = ?').run(this.now().toISOString(), meetingId);
        this.reindex(meetingId);
        this.audit.write({
          action: 'detach',
          entity: 'meeting',
          entityId: meetingId,
          changes: [{ field: 'attachment', old: { fileName: a.file_name, sha256: a.sha256, size: a.size }, new: null }],
          note: `移除附件：${a.file_name}`,
        });
        return this.get(meetingId);
      })
      .immediate();
  }

  /** An attachment's bytes, after checking them against the stored hash (a missing or changed file is refused, by name). */
  attachmentFile(id: number): { fileName: string; mime: string; bytes: Buffer; archivePath: string } {
    const a = this.attachment(id);
    const state = this.archive.check(a.sha256, a.size);
    if (state !== 'ok') throw new ServiceError('conflict', stateMessage(a.file_name, state));
    return { fileName: a.file_name, mime: a.mime, bytes: this.archive.read(a.sha256), archivePath: this.archive.pathOf(a.sha256) };
  }

  /**
   * Opens an attachment with the system's program: a read-only copy under its own name in a temporary folder, so
   * whatever the program does, the archived file stays as it was.
   */
  async open(id: number, openFile: (file: string) => Promise<string>): Promise<boolean> {
    const f = this.attachmentFile(id);
    const dir = path.join(os.tmpdir(), 'dangjian-attachments', String(id));
    fs.mkdirSync(dir, { recursive: true });
    const copy = path.join(dir, f.fileName.replace(/[\\/:*?"<>|]/g, '_'));
    if (fs.existsSync(copy)) fs.chmodSync(copy, 0o644);
    fs.writeFileSync(copy, f.bytes);
    fs.chmodSync(copy, 0o444);
    const error = await openFile(copy);
    if (error) throw new ServiceError('conflict', `无法打开“${f.fileName}”：这台电脑上没有能打开这种文件的程序（${error}）。可以先下载再用其他程序打开。`);
    return true;
  }

  /** Hashes every attachment's file; lists the ones missing or changed. */
  checkArchive(onProgress?: (done: number, total: number) => void): ArchiveCheck {
    const rows = this.db
      .prepare('SELECT f.id, f.meeting_id, f.file_name, f.size, f.sha256, m.title FROM meeting_attachments f JOIN meetings m ON m.id = f.meeting_id ORDER BY f.id')
      .all() as { id: number; meeting_id: number; file_name: string; size: number; sha256: string; title: string }[];
    // 共驻共建 activity photos are kept in the same archive (electron/cobuilding/activities.ts addPhoto).
    const photos = this.db
      .prepare('SELECT f.id, f.activity_id, f.file_name, f.size, f.sha256, a.title FROM activity_photos f JOIN activities a ON a.id = f.activity_id ORDER BY f.id')
      .all() as { id: number; activity_id: number; file_name: string; size: number; sha256: string; title: string }[];
    const total = rows.length + photos.length;
    const seen = new Map<string, AttachmentState>();
    const stateOf = (sha: string, size: number): AttachmentState => {
      const key = `${sha}:${size}`;
      let state = seen.get(key);
      if (!state) seen.set(key, (state = this.archive.check(sha, size)));
      return state;
    };
    const problems: ArchiveCheck['problems'] = [];
    rows.forEach((r, i) => {
      const state = stateOf(r.sha256, r.size);
      if (state !== 'ok') problems.push({ attachmentId: r.id, meetingId: r.meeting_id, meetingTitle: r.title, fileName: r.file_name, state });
      onProgress?.(i + 1, total);
    });
    photos.forEach((p, i) => {
      const state = stateOf(p.sha256, p.size);
      if (state !== 'ok') problems.push({ photoId: p.id, activityId: p.activity_id, activityTitle: p.title, fileName: p.file_name, state });
      onProgress?.(rows.length + i + 1, total);
    });
    return { checked: total, problems };
  }

  // ─── 三会一课 ─────────────────────────────────────────────────────────────────────────────────────

  /**
   * Per branch, per month (支委会, 党小组会) or quarter (支部党员大会, 党课) of the year: how many were held, and the gaps
   * (a required meeting missing from a period that has ended). 党小组会 counts meetings of the branch's 党小组 too and
   * is required only where the branch has 党小组; 支委会 where the branch has a committee (3+ officers, or 7+ 正式党员).
   */
  overview(year: number): MinutesOverview {
    const today = todayIso(this.now());
    const nodes = this.orgs.list();
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const branches = nodes.filter((n) => BRANCH_KINDS.includes(n.kind as OrgKind));
    const groupParent = new Map<number, number>();
    for (const n of nodes) if (n.kind === 'group' && n.parentId != null) groupParent.set(n.id, n.parentId);
    const officers = new Map(
      (this.db.prepare('SELECT org_id, count(*) FROM organisation_officers GROUP BY org_id').raw().all() as [number, number][]).map(([k, v]) => [k, v]),
    );
    const held = new Map<string, number>();
    for (const [orgId, type, month, n] of this.db
      .prepare(
        `SELECT org_id, type, CAST(substr(held_on, 6, 2) AS INTEGER), count(*) FROM meetings
          WHERE held_on >= ? AND held_on <= ? AND org_id IS NOT NULL AND type IN ('memberAssembly', 'committee', 'groupMeeting', 'partyLesson')
          GROUP BY 1, 2, 3`,
      )
      .raw()
      .all(`${year}-01-01`, `${year}-12-31`) as [number, MeetingType, number, number][]) {
      const branch = type === 'groupMeeting' && groupParent.has(orgId) ? groupParent.get(orgId)! : orgId;
      const key = `${branch}:${type}:${month}`;
      held.set(key, (held.get(key) ?? 0) + n);
    }
    const period = (first: string, last: string): OverviewCell['period'] => (last < today ? 'past' : first > today ? 'future' : 'current');
    const monthEnd = (m: number) => `${year}-${String(m).padStart(2, '0')}-${String(new Date(Date.UTC(year, m, 0)).getUTCDate()).padStart(2, '0')}`;
    const monthStart = (m: number) => `${year}-${String(m).padStart(2, '0')}-01`;
    let gaps = 0;
    const out: OverviewBranch[] = branches.map((b) => {
      const hasGroups = nodes.some((n) => n.kind === 'group' && n.parentId === b.id);
      const hasCommittee = (officers.get(b.id) ?? 0) >= 3 || b.fullCount >= 7;
      let branchGaps = 0;
      const rows = REQUIRED_MEETINGS.map(({ type, every }) => {
        const required = type === 'groupMeeting' ? hasGroups : type === 'committee' ? hasCommittee : true;
        const count = (months: number[]) => months.reduce((s, m) => s + (held.get(`${b.id}:${type}:${m}`) ?? 0), 0);
        const cells: OverviewCell[] = (every === 'month' ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => [m]) : [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]]).map(
          (months) => {
            const p = period(monthStart(months[0]!), monthEnd(months[months.length - 1]!));
            const n = count(months);
            const gap = required && p === 'past' && n === 0;
            if (gap) branchGaps++;
            return { held: n, period: p, gap };
          },
        );
        return { type, every, required, cells };
      });
      gaps += branchGaps;
      const parent = b.parentId != null ? byId.get(b.parentId) : undefined;
      return { orgId: b.id, orgName: b.name, parentName: parent?.name ?? null, rows, gaps: branchGaps };
    });
    return { year, today, branches: out, gaps };
  }

  // ─── inside ───────────────────────────────────────────────────────────────────────────────────────

  /** Recomposes the meeting's search text (its fields and every attachment's text); the triggers update both indexes. */
  reindex(id: number): void {
    const m = this.db.prepare('SELECT * FROM meetings WHERE id = ?').get(id) as MeetingDbRow | undefined;
    if (!m) return;
    const names = this.db.prepare('SELECT name, reason FROM meeting_attendees WHERE meeting_id = ? ORDER BY position').raw().all(id) as [string, string | null][];
    const follow = this.db.prepare('SELECT item, owner FROM meeting_follow_ups WHERE meeting_id = ? ORDER BY position').raw().all(id) as [string, string | null][];
    const texts = this.db.prepare('SELECT text FROM meeting_attachments WHERE meeting_id = ? AND text IS NOT NULL ORDER BY id').raw().all(id) as [string][];
    const body = normaliseText(
      [
        m.title,
        m.place,
        m.body_name,
        m.host,
        m.recorder,
        names.map(([n, r]) => (r ? `${n}（${r}）` : n)).join('、'),
        m.agenda,
        m.minutes,
        m.decisions,
        follow.map(([item, owner]) => (owner ? `${item}（${owner}）` : item)).join('\n'),
        m.note,
        ...texts.map(([t]) => t),
      ]
        .filter((s): s is string => !!s)
        .join('\n'),
    );
    this.db.prepare('INSERT INTO meeting_search (meeting_id, body) VALUES (?, ?) ON CONFLICT (meeting_id) DO UPDATE SET body = excluded.body').run(id, body);
  }

  private insertAttachment(meetingId: number, f: PreparedFile, at: string): void {
    this.db
      .prepare(
        `INSERT INTO meeting_attachments (meeting_id, file_name, size, sha256, mime, text, text_note, original, added_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(meetingId, f.fileName, f.size, f.sha256, mimeOf(f.fileName), f.text, f.textNote, f.original ? 1 : 0, at);
  }

  private writeLists(id: number, input: MeetingInput): void {
    const att = this.db.prepare('INSERT INTO meeting_attendees (meeting_id, position, member_id, name, present, reason) VALUES (?, ?, ?, ?, ?, ?)');
    (input.attendees ?? []).forEach((a, i) => att.run(id, i + 1, a.memberId, a.name, a.present ? 1 : 0, a.present ? null : (a.reason ?? null)));
    const fu = this.db.prepare('INSERT INTO meeting_follow_ups (meeting_id, position, item, owner, due_on, done_on) VALUES (?, ?, ?, ?, ?, ?)');
    (input.followUps ?? []).forEach((f, i) => fu.run(id, i + 1, f.item, f.owner ?? null, f.dueOn ?? null, f.doneOn ?? null));
  }

  private check(input: MeetingInput): void {
    const today = todayIso(this.now());
    if (input.heldOn > today) throw invalid('heldOn', '会议日期不能晚于今天');
    (input.followUps ?? []).forEach((f, i) => {
      const which = `第 ${i + 1} 项后续事项（${f.item.slice(0, 20)}）`;
      if (f.dueOn && f.dueOn < input.heldOn) throw invalid('followUps', `${which}：完成期限不能早于会议日期（${input.heldOn}）`);
      if (f.doneOn && f.doneOn < input.heldOn) throw invalid('followUps', `${which}：完成日期不能早于会议日期（${input.heldOn}）`);
      if (f.doneOn && f.doneOn > today) throw invalid('followUps', `${which}：完成日期不能晚于今天`);
    });
    if (input.orgId != null) {
      const o = this.db.prepare('SELECT id FROM organisations WHERE id = ?').get(input.orgId);
      if (!o) throw invalid('orgId', '所选组织不存在，请重新选择');
    }
    const ids = (input.attendees ?? []).map((a) => a.memberId).filter((x): x is number => x != null);
    if (new Set(ids).size !== ids.length) throw invalid('attendees', '参会人员中有同一名党员登记了两次，请删去重复的一行');
    if (ids.length) {
      const found = this.db.prepare(`SELECT count(*) AS n FROM members WHERE id IN (${ids.map(Number).join(',')})`).get() as { n: number };
      if (found.n !== ids.length) throw invalid('attendees', '参会人员中有名册里找不到的党员，请刷新后重新选择');
    }
  }

  private row(id: number): MeetingDbRow {
    const r = this.db.prepare(`${ROW_SELECT} WHERE m.id = ?`).get(id) as MeetingDbRow | undefined;
    if (!r) throw new ServiceError('not_found', `找不到编号为 ${id} 的会议记录，可能已被删除。请刷新后重试。`);
    return r;
  }

  private attachmentRows(meetingId: number): AttachmentDbRow[] {
    return this.db.prepare('SELECT * FROM meeting_attachments WHERE meeting_id = ? ORDER BY original DESC, id').all(meetingId) as AttachmentDbRow[];
  }

  private attachment(id: number): AttachmentDbRow {
    const a = this.db.prepare('SELECT * FROM meeting_attachments WHERE id = ?').get(id) as AttachmentDbRow | undefined;
    if (!a) throw new ServiceError('not_found', '找不到这个附件，可能已被移除。请刷新后重试。');
    return a;
  }

  private toAttachment(a: AttachmentDbRow, state: AttachmentState): Attachment {
    return {
      id: a.id,
      meetingId: a.meeting_id,
      fileName: a.file_name,
      size: a.size,
      sha256: a.sha256,
      mime: a.mime,
      textLength: a.text?.length ?? 0,
      textNote: a.text_note,
      original: a.original === 1,
      addedAt: a.added_at,
      state,
    };
  }
}

/**
 * Extracts a file's text for the search (a file without text is still attached, with the reason noted) and stores
 * its bytes in the archive.
 */
export async function prepareFile(archive: Archive, fileName: string, bytes: Uint8Array): Promise<PreparedFile> {
  const r = await extractText(bytes, fileName);
  const sha = archive.store(bytes, sha256(bytes));
  return { fileName, sha256: sha, size: bytes.length, text: r.ok ? r.text : null, textNote: r.ok ? null : r.reason };
}

export function stateMessage(fileName: string, state: AttachmentState): string {
  return state === 'missing'
    ? `附件“${fileName}”在档案文件夹中找不到了（可能被删除或移动）。请从备份中恢复档案文件夹。`
    : `附件“${fileName}”的内容与存档时不一致（文件被改动或损坏）。请从备份中恢复档案文件夹。`;
}

function columns(input: MeetingInput) {
  return {
    type: input.type,
    title: input.title,
    heldOn: input.heldOn,
    startTime: input.startTime ?? null,
    endTime: input.endTime ?? null,
    place: input.place ?? null,
    orgId: input.orgId ?? null,
    bodyName: input.bodyName ?? null,
    host: input.host ?? null,
    recorder: input.recorder ?? null,
    agenda: input.agenda ?? null,
    minutes: input.minutes ?? null,
    decisions: input.decisions ?? null,
    note: input.note ?? null,
  };
}

function toRow(r: MeetingDbRow): MeetingRow {
  return {
    id: r.id,
    type: r.type as MeetingType,
    title: r.title,
    heldOn: r.held_on,
    startTime: r.start_time,
    orgId: r.org_id,
    orgName: r.org_name ?? r.body_name,
    place: r.place,
    host: r.host,
    present: r.present,
    absent: r.absent,
    attachments: r.attachments,
    importedFrom: r.imported_from,
  };
}

function invalid(field: string, message: string): ServiceError {
  return new ServiceError('validation', message, { [field]: message });
}

function diffOf(before: Meeting | null, after: Meeting) {
  const changes = [];
  for (const f of AUDITED) {
    const o = (before ? before[f] : null) ?? null;
    let n: unknown = after[f] ?? null;
    let old: unknown = o;
    if (f === 'attendees') {
      const strip = (xs: Meeting['attendees']) => xs.map(({ memberLeft: _, ...a }) => a);
      n = strip(after.attendees);
      old = before ? strip(before.attendees) : null;
      if (!before && (n as unknown[]).length === 0) continue;
    }
    if (f === 'followUps' && !before && after.followUps.length === 0) continue;
    if (JSON.stringify(old) === JSON.stringify(n)) continue;
    changes.push({ field: f, old, new: n });
  }
  return changes;
}
