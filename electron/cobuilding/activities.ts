/**
 * 主题活动 (驻地共建、结对共建、党员奉献日 …): date, organiser, partner units, participants (register members or
 * named people), hours each, content, and photos kept in the archive beside the database by SHA-256 (the same
 * archive 会议纪要 uses). Totals per year and per partner unit: activities, participants (person-times) and
 * person-hours. Audited as entity 'activity'; an activity entered by mistake may be deleted (its photos' files
 * stay in the archive, which never deletes).
 */
import path from 'node:path';
import type { AuditEntry } from '../../shared/contract';
import {
  MAX_PHOTO_BYTES,
  type Activity,
  type ActivityInput,
  type ActivityPhoto,
  type ActivityRow,
  type ActivityTotalsReport,
  type PhotoFile,
} from '../../shared/cobuilding';
import { ACTIVITY_KIND_LABELS, type ActivityKind } from '../../shared/domain/labels';
import { todayIso } from '../../shared/rules/idNumber';
import type { Sqlite } from '../db/connection';
import { ServiceError } from '../errors';
import type { AuditService } from '../audit/service';
import type { Archive } from '../minutes/archive';
import { sha256 } from '../minutes/archive';
import { changesOf, checkCommunity, invalid, likePattern, removedChanges, zhCollator } from './common';

interface ActivityDbRow {
  id: number;
  title: string;
  kind: string;
  held_on: string;
  organiser: string;
  community_id: number | null;
  community_name: string | null;
  agreement_id: number | null;
  agreement_title: string | null;
  hours: number;
  place: string | null;
  content: string;
  note: string | null;
  units: string;
  participants: number;
  members: number;
  photos: number;
}

const SELECT = `SELECT a.*, o.name AS community_name, g.title AS agreement_title,
    (SELECT json_group_array(json_object('id', u.id, 'name', u.name)) FROM
       (SELECT u.id, u.name FROM activity_units au JOIN resident_units u ON u.id = au.unit_id WHERE au.activity_id = a.id ORDER BY au.position) u) AS units,
    (SELECT count(*) FROM activity_participants p WHERE p.activity_id = a.id) AS participants,
    (SELECT count(*) FROM activity_participants p WHERE p.activity_id = a.id AND p.member_id IS NOT NULL) AS members,
    (SELECT count(*) FROM activity_photos f WHERE f.activity_id = a.id) AS photos
  FROM activities a LEFT JOIN organisations o ON o.id = a.community_id LEFT JOIN agreements g ON g.id = a.agreement_id`;

const AUDITED = ['title', 'kind', 'heldOn', 'organiser', 'communityId', 'agreementId', 'units', 'participants', 'hours', 'place', 'content', 'note'] as const;

/** Image formats a photo may be, told from the bytes. */
function imageMime(b: Uint8Array): string | null {
  const at = (sig: number[], off = 0) => sig.every((x, i) => b[off + i] === x);
  if (at([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (at([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (at([0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (at([0x52, 0x49, 0x46, 0x46]) && at([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (at([0x42, 0x4d]) && b.length > 26) return 'image/bmp';
  return null;
}

export class ActivityService {
  constructor(
    private readonly db: Sqlite,
    private readonly audit: AuditService,
    private readonly now: () => Date,
    /** Where photos go; null (an in-memory database) refuses photos. */
    private readonly archive: Archive | null,
  ) {}

  list(q: { year?: number; kind?: ActivityKind; unitId?: number; agreementId?: number; q?: string }): ActivityRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (q.year != null) {
      where.push("a.held_on BETWEEN @from AND @to");
      params['from'] = `${q.year}-01-01`;
      params['to'] = `${q.year}-12-31`;
    }
    if (q.kind) {
      where.push('a.kind = @kind');
      params['kind'] = q.kind;
    }
    if (q.unitId != null) {
      where.push('EXISTS (SELECT 1 FROM activity_units au WHERE au.activity_id = a.id AND au.unit_id = @unitId)');
      params['unitId'] = q.unitId;
    }
    if (q.agreementId != null) {
      where.push('a.agreement_id = @agreementId');
      params['agreementId'] = q.agreementId;
    }
    const text = q.q?.trim();
    if (text) {
      where.push(`(a.title LIKE @like ESCAPE '\\' OR a.organiser LIKE @like ESCAPE '\\' OR a.content LIKE @like ESCAPE '\\')`);
      params['like'] = likePattern(text);
    }
    const rows = this.db.prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.held_on DESC, a.id DESC LIMIT 5000`).all(params) as ActivityDbRow[];
    return rows.map(toRow);
  }

  get(id: number): Activity {
    const r = this.db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as ActivityDbRow | undefined;
    if (!r) throw new ServiceError('not_found', `找不到编号为 ${id} 的活动记录，请刷新后重试。`);
    const participantList = (
      this.db
        .prepare(
          `SELECT p.member_id, p.name, p.affiliation, o.name AS branch_name FROM activity_participants p
             LEFT JOIN members m ON m.id = p.member_id LEFT JOIN organisations o ON o.id = m.branch_id
           WHERE p.activity_id = ? ORDER BY p.position`,
        )
        .all(id) as { member_id: number | null; name: string; affiliation: string | null; branch_name: string | null }[]
    ).map((p) => ({ memberId: p.member_id, name: p.name, affiliation: p.affiliation, branchName: p.branch_name }));
    const photoList = (
      this.db.prepare('SELECT * FROM activity_photos WHERE activity_id = ? ORDER BY id').all(id) as {
        id: number;
        file_name: string;
        size: number;
        mime: string;
        sha256: string;
        added_at: string;
      }[]
    ).map((p): ActivityPhoto => ({ id: p.id, fileName: p.file_name, size: p.size, mime: p.mime, sha256: p.sha256, addedAt: p.added_at }));
    return { ...toRow(r), participantList, place: r.place, content: r.content, note: r.note, photoList };
  }

  auditOf(id: number): AuditEntry[] {
    return this.audit.forEntity('activity', id);
  }

  save(input: { id?: number; activity: ActivityInput }): Activity {
    const a = input.activity;
    const id = this.db
      .transaction(() => {
        if (a.heldOn > this.today()) throw invalid('heldOn', '活动日期不能晚于今天');
        if (a.communityId != null) checkCommunity(this.db, a.communityId, 'communityId', { street: true });
        if (a.agreementId != null && !this.db.prepare('SELECT 1 FROM agreements WHERE id = ?').get(a.agreementId))
          throw invalid('agreementId', '所选共建协议不存在，请重新选择');
        if (new Set(a.unitIds).size !== a.unitIds.length) throw invalid('unitIds', '同一个单位选了两次');
        for (const u of a.unitIds) if (!this.db.prepare('SELECT 1 FROM resident_units WHERE id = ?').get(u)) throw invalid('unitIds', '所选驻区单位不存在，请刷新后重新选择');
        // Register members by their name in the register; each once.
        const seen = new Set<number>();
        const participants = a.participants.map((p) => {
          if (p.memberId == null) return p;
          const m = this.db.prepare('SELECT name, left_on FROM members WHERE id = ?').get(p.memberId) as { name: string; left_on: string | null } | undefined;
          if (!m) throw invalid('participants', `参加人员“${p.name}”在名册中找不到，请重新选择`);
          if (m.left_on && m.left_on < a.heldOn)
            throw invalid('participants', `${m.name} 已于 ${m.left_on} 离开，不能作为党员参加 ${a.heldOn} 的活动；如确实参加，请删去这一行后按姓名手工填写`);
          if (seen.has(p.memberId)) throw invalid('participants', `${m.name} 重复登记了，请删去一行`);
          seen.add(p.memberId);
          return { ...p, name: m.name, affiliation: null };
        });
        const before = input.id != null ? this.get(input.id) : null;
        const at = this.now().toISOString();
        const values = {
          title: a.title,
          kind: a.kind,
          heldOn: a.heldOn,
          organiser: a.organiser,
          communityId: a.communityId,
          agreementId: a.agreementId ?? null,
          hours: a.hours,
          place: a.place ?? null,
          content: a.content,
          note: a.note ?? null,
          at,
        };
        let id: number;
        if (!before) {
          id = Number(
            this.db
              .prepare(
                `INSERT INTO activities (title, kind, held_on, organiser, community_id, agreement_id, hours, place, content, note, created_at, updated_at)
                 VALUES (@title, @kind, @heldOn, @organiser, @communityId, @agreementId, @hours, @place, @content, @note, @at, @at)`,
              )
              .run(values).lastInsertRowid,
          );
        } else {
          id = before.id;
          this.db
            .prepare(
              `UPDATE activities SET title = @title, kind = @kind, held_on = @heldOn, organiser = @organiser, community_id = @communityId,
                 agreement_id = @agreementId, hours = @hours, place = @place, content = @content, note = @note, updated_at = @at WHERE id = @id`,
            )
            .run({ ...values, id });
          this.db.prepare('DELETE FROM activity_units WHERE activity_id = ?').run(id);
          this.db.prepare('DELETE FROM activity_participants WHERE activity_id = ?').run(id);
        }
        const uIns = this.db.prepare('INSERT INTO activity_units (activity_id, unit_id, position) VALUES (?, ?, ?)');
        a.unitIds.forEach((u, i) => uIns.run(id, u, i));
        const pIns = this.db.prepare('INSERT INTO activity_participants (activity_id, position, member_id, name, affiliation) VALUES (?, ?, ?, ?, ?)');
        participants.forEach((p, i) => pIns.run(id, i, p.memberId, p.name, p.affiliation ?? null));
        const after = this.get(id);
        const changes = changesOf(before && auditable(before), auditable(after), AUDITED);
        if (!before) this.audit.write({ action: 'create', entity: 'activity', entityId: id, changes, note: `${ACTIVITY_KIND_LABELS[a.kind]}：${a.title}（${a.heldOn}）` });
        else if (changes.length) this.audit.write({ action: 'update', entity: 'activity', entityId: id, changes, note: `修改活动：${a.title}` });
        return id;
      })
      .immediate();
    return this.get(id);
  }

  remove(id: number): { deleted: true } {
    this.db
      .transaction(() => {
        const a = this.get(id);
        this.db.prepare('DELETE FROM activities WHERE id = ?').run(id);
        const photos = a.photoList.map((p) => p.fileName);
        this.audit.write({
          action: 'delete',
          entity: 'activity',
          entityId: id,
          changes: [...removedChanges(auditable(a), AUDITED), ...(photos.length ? [{ field: 'photos', old: photos, new: null }] : [])],
          note: `删除活动记录：${a.title}（${a.heldOn}）`,
        });
      })
      .immediate();
    return { deleted: true };
  }

  /** Stores a photo in the archive and lists it on the activity. */
  addPhoto(input: { activityId: number; fileName: string; dataBase64: string }): Activity {
    if (!this.archive) throw new ServiceError('conflict', '当前数据文件不支持保存照片。');
    const bytes = Buffer.from(input.dataBase64, 'base64');
    const name = path.basename(input.fileName.replace(/\\/g, '/')).slice(0, 200) || '照片';
    if (bytes.length === 0) throw invalid('file', `“${name}”是空文件，请重新选择照片`);
    if (bytes.length > MAX_PHOTO_BYTES) throw invalid('file', `“${name}”超过 20 MB，请压缩后再上传`);
    const mime = imageMime(bytes);
    if (!mime) throw invalid('file', `“${name}”不是照片（支持 JPG、PNG、GIF、WebP、BMP），请重新选择`);
    const activity = this.get(input.activityId);
    const sha = sha256(bytes);
    // The file first (content-addressed, so a failed insert leaves at worst an unreferenced file), then the row.
    this.archive.store(bytes, sha);
    this.db
      .transaction(() => {
        const photoId = Number(
          this.db
            .prepare('INSERT INTO activity_photos (activity_id, file_name, size, sha256, mime, added_at) VALUES (?, ?, ?, ?, ?, ?)')
            .run(activity.id, name, bytes.length, sha, mime, this.now().toISOString()).lastInsertRowid,
        );
        this.audit.write({ action: 'attach', entity: 'activity', entityId: activity.id, changes: [{ field: 'photos', old: null, new: { id: photoId, fileName: name, sha256: sha, size: bytes.length } }], note: `添加照片 ${name}` });
      })
      .immediate();
    return this.get(activity.id);
  }

  photo(activityId: number, photoId: number): PhotoFile {
    const p = this.db.prepare('SELECT file_name, mime, sha256, size FROM activity_photos WHERE id = ? AND activity_id = ?').get(photoId, activityId) as
      | { file_name: string; mime: string; sha256: string; size: number }
      | undefined;
    if (!p) throw new ServiceError('not_found', '找不到这张照片，请刷新后重试。');
    if (!this.archive || this.archive.check(p.sha256, p.size) !== 'ok')
      throw new ServiceError('not_found', `照片“${p.file_name}”的文件在资料库中找不到或已损坏，请从备份恢复，或删除后重新上传。`);
    return { fileName: p.file_name, mime: p.mime, dataBase64: this.archive.read(p.sha256).toString('base64') };
  }

  removePhoto(activityId: number, photoId: number): Activity {
    this.db
      .transaction(() => {
        const p = this.db.prepare('SELECT file_name, sha256 FROM activity_photos WHERE id = ? AND activity_id = ?').get(photoId, activityId) as
          | { file_name: string; sha256: string }
          | undefined;
        if (!p) throw new ServiceError('not_found', '找不到这张照片，请刷新后重试。');
        this.db.prepare('DELETE FROM activity_photos WHERE id = ?').run(photoId);
        this.audit.write({ action: 'detach', entity: 'activity', entityId: activityId, changes: [{ field: 'photos', old: { id: photoId, fileName: p.file_name, sha256: p.sha256 }, new: null }], note: `删除照片 ${p.file_name}` });
      })
      .immediate();
    return this.get(activityId);
  }

  /** Per year, and per partner unit and year: activities, person-times, person-hours. */
  totals(year?: number): ActivityTotalsReport {
    const filter = year != null ? 'WHERE a.held_on BETWEEN @from AND @to' : '';
    const params = year != null ? { from: `${year}-01-01`, to: `${year}-12-31` } : {};
    const byYear = this.db
      .prepare(
        `SELECT CAST(substr(a.held_on, 1, 4) AS INTEGER) AS year, count(*) AS activities, sum(p.n) AS participants, sum(p.n * a.hours) AS personHours
         FROM activities a JOIN (SELECT a2.id, (SELECT count(*) FROM activity_participants x WHERE x.activity_id = a2.id) AS n FROM activities a2) p ON p.id = a.id
         ${filter} GROUP BY year ORDER BY year DESC`,
      )
      .all(params) as { year: number; activities: number; participants: number; personHours: number }[];
    const byUnit = this.db
      .prepare(
        `SELECT au.unit_id AS unitId, u.name AS unitName, CAST(substr(a.held_on, 1, 4) AS INTEGER) AS year, count(*) AS activities,
                sum(p.n) AS participants, sum(p.n * a.hours) AS personHours
         FROM activity_units au JOIN activities a ON a.id = au.activity_id JOIN resident_units u ON u.id = au.unit_id
           JOIN (SELECT a2.id, (SELECT count(*) FROM activity_participants x WHERE x.activity_id = a2.id) AS n FROM activities a2) p ON p.id = a.id
         ${filter} GROUP BY au.unit_id, year`,
      )
      .all(params) as ActivityTotalsReport['byUnit'];
    byUnit.sort((a, b) => b.year - a.year || zhCollator.compare(a.unitName, b.unitName));
    return { byYear, byUnit };
  }

  private today(): string {
    return todayIso(this.now());
  }
}

function toRow(r: ActivityDbRow): ActivityRow {
  return {
    id: r.id,
    title: r.title,
    kind: r.kind as ActivityKind,
    heldOn: r.held_on,
    organiser: r.organiser,
    communityId: r.community_id,
    communityName: r.community_name,
    agreementId: r.agreement_id,
    agreementTitle: r.agreement_title,
    units: JSON.parse(r.units) as { id: number; name: string }[],
    participants: r.participants,
    members: r.members,
    hours: r.hours,
    personHours: r.participants * r.hours,
    photos: r.photos,
  };
}

function auditable(a: Activity) {
  return {
    title: a.title,
    kind: a.kind,
    heldOn: a.heldOn,
    organiser: a.organiser,
    communityId: a.communityId,
    agreementId: a.agreementId,
    units: a.units.map((u) => u.name),
    participants: a.participantList.map((p) => (p.memberId != null ? p.name : `${p.name}${p.affiliation ? `（${p.affiliation}）` : ''}`)),
    hours: a.hours,
    place: a.place,
    content: a.content,
    note: a.note,
  };
}
