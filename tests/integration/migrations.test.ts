import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from '../../electron/db/connection';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../electron/db/migrations';
import { ServiceError } from '../../electron/errors';
import { gramsOf } from '../../electron/minutes/search';
import { tempDir } from './helpers';

describe('migrations', () => {
  it('are numbered 1, 2, 3 … without gaps', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
  });

  it('run from an empty file to the latest version, and a second open changes nothing', () => {
    const file = path.join(tempDir(), 'a.db');
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const again = openDatabase(file);
    expect(migrate(again)).toEqual([]);
    again.close();
  });

  it('each migration applies on top of the previous ones by itself', () => {
    const file = path.join(tempDir(), 'b.db');
    const db = new Database(file);
    for (const m of MIGRATIONS) {
      expect(migrate(db, MIGRATIONS.slice(0, m.version))).toEqual([m.version]);
      expect(schemaVersion(db)).toBe(m.version);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    }
    db.close();
  });

  it('001 creates the register, the organisation tables, the tag view and the append-only audit log', () => {
    const db = openDatabase(path.join(tempDir(), 'c.db'));
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','view')").all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['organisations', 'organisation_units', 'organisation_officers', 'members', 'tag_bits', 'member_tags', 'audit_log']));
    db.prepare("INSERT INTO audit_log (at, action, entity, entity_id, changes) VALUES ('x', 'create', 'member', 1, '[]')").run();
    expect(() => db.prepare("UPDATE audit_log SET note = 'x'").run()).toThrow('操作日志不可修改');
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow('操作日志不可删除');
    db.prepare(
      `INSERT INTO members (name, name_initials, name_pinyin, search_text, id_number, id_status, membership_kind, created_at, updated_at)
       VALUES ('张三', 'zs', 'zhangsan', 'x', '11010519491231002X', 'valid', 'full', 'x', 'x')`,
    ).run();
    expect(() => db.prepare('DELETE FROM members').run()).toThrow('党员记录不可删除');
    expect(() => db.prepare("UPDATE members SET id_status = 'override'").run()).toThrow(/CHECK/);
    expect(() =>
      db.prepare(
        `INSERT INTO members (name, name_initials, name_pinyin, search_text, id_number, id_status, membership_kind, created_at, updated_at)
         VALUES ('李四', 'ls', 'lisi', 'x', '11010519491231002X', 'valid', 'full', 'x', 'x')`,
      ).run(),
    ).toThrow(/UNIQUE/);
    db.close();
  });

  it('002 adds the import history and the remembered column mappings', () => {
    const db = openDatabase(path.join(tempDir(), 'f.db'));
    const cols = (t: string) => (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
    expect(cols('import_batches')).toEqual(expect.arrayContaining(['id', 'file_name', 'file_sha256', 'rows', 'inserted', 'updated', 'unchanged', 'errors', 'backup_file']));
    expect(cols('import_mappings')).toEqual(['signature', 'mapping', 'updated_at']);
    expect(() => db.prepare("INSERT INTO import_batches (id, kind, file_name, file_sha256, at, rows, inserted, updated, unchanged, errors) VALUES ('a', 'orgs', 'f', 'x', 'x', 0, 0, 0, 0, 0)").run()).toThrow(/CHECK/);
    db.close();
  });

  it('003 keeps officers in order with a known role, and units with a name', () => {
    const file = path.join(tempDir(), 'g.db');
    const db = new Database(file);
    migrate(db, MIGRATIONS.slice(0, 2));
    db.prepare("INSERT INTO organisations (id, name, kind, created_at, updated_at) VALUES (1, '第一党支部', 'branch', 'x', 'x')").run();
    db.prepare("INSERT INTO organisation_officers (org_id, person_name, role) VALUES (1, '张三', 'secretary'), (1, '李四', '书记')").run();
    db.prepare("INSERT INTO organisation_units (org_id, position, unit_name) VALUES (1, 1, '甲公司')").run();
    migrate(db, MIGRATIONS.slice(0, 3));
    expect(db.prepare('SELECT person_name, role FROM organisation_officers ORDER BY position').all()).toEqual([
      { person_name: '张三', role: 'secretary' },
      { person_name: '李四', role: 'member' },
    ]);
    expect(db.prepare('SELECT unit_name FROM organisation_units').all()).toEqual([{ unit_name: '甲公司' }]);
    expect(() => db.prepare("INSERT INTO organisation_officers (org_id, person_name, role) VALUES (1, '王五', 'boss')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO organisation_units (org_id, position, unit_name) VALUES (1, 2, '')").run()).toThrow(/CHECK/);
    db.close();
  });

  it('006 adds the 流动党员活动证 register: unique numbers, one open certificate per member, one review per year', () => {
    const db = openDatabase(path.join(tempDir(), 'h.db'));
    db.prepare(
      `INSERT INTO members (id, name, name_initials, name_pinyin, search_text, id_number, id_status, membership_kind, created_at, updated_at)
       VALUES (1, '张三', 'zs', 'zhangsan', 'x', '11010519491231002X', 'valid', 'full', 'x', 'x')`,
    ).run();
    const add = db.prepare(
      `INSERT INTO floating_certificates (certificate_no, member_id, direction, issue_date, reason, destination, date_out, date_back, created_at, updated_at)
       VALUES (?, 1, ?, '2026-01-01', '务工', '广东深圳', '2026-01-02', ?, 'x', 'x')`,
    );
    add.run('L-1', 'outflow', '2026-03-01');
    add.run('L-2', 'outflow', null);
    expect(() => add.run('L-3', 'inflow', null)).toThrow(/UNIQUE/);
    expect(() => add.run('L-1', 'outflow', '2026-03-01')).toThrow(/UNIQUE/);
    expect(() => add.run('L-4', 'sideways', '2026-03-01')).toThrow(/CHECK/);
    expect(() => add.run('L-5', 'outflow', '2026-01-01')).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO floating_certificates (certificate_no, member_id, direction, issue_date, reason, destination, date_out, created_at, updated_at)
       VALUES ('L-6', 99, 'outflow', '2026-01-01', 'x', 'x', '2026-01-01', 'x', 'x')`).run()).toThrow(/FOREIGN KEY/);
    const review = db.prepare(`INSERT INTO floating_certificate_reviews (certificate_id, year, date, result, created_at) VALUES (1, ?, '2026-06-01', '合格', 'x')`);
    review.run(2026);
    expect(() => review.run(2026)).toThrow(/UNIQUE/);
    db.close();
  });

  it('009 adds meetings, attendees, follow-ups and attachments; triggers keep both search indexes in step with meeting_search', () => {
    const db = openDatabase(path.join(tempDir(), 'i.db'));
    // The bigram tokens come from a function the minutes service registers on each connection.
    db.function('minutes_grams', { deterministic: true }, (body: unknown) => gramsOf(String(body)));
    db.prepare("INSERT INTO meetings (id, type, title, held_on, created_at, updated_at) VALUES (1, 'committee', '支委会', '2026-01-05', 'x', 'x')").run();
    expect(() => db.prepare("INSERT INTO meetings (type, title, held_on, created_at, updated_at) VALUES ('party', 'x', '2026-01-05', 'x', 'x')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO meeting_attachments (meeting_id, file_name, size, sha256, mime, added_at) VALUES (1, 'a.pdf', 1, 'abc', 'x', 'x')").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO meeting_attendees (meeting_id, position, name, present) VALUES (1, 1, '张三', 1)").run();
    const match = (table: string, q: string) => (db.prepare(`SELECT rowid AS id FROM ${table} WHERE ${table} MATCH ?`).all(q) as { id: number }[]).map((r) => r.id);
    db.prepare("INSERT INTO meeting_search (meeting_id, body) VALUES (1, '研究加装电梯工作')").run();
    expect(match('minutes_fts', '"加装电梯"')).toEqual([1]);
    expect(match('minutes_grams', '"电梯"')).toEqual([1]);
    db.prepare("UPDATE meeting_search SET body = '清理楼道杂物' WHERE meeting_id = 1").run();
    expect(match('minutes_fts', '"加装电梯"')).toEqual([]);
    expect(match('minutes_grams', '"电梯"')).toEqual([]);
    expect(match('minutes_grams', '"楼道"')).toEqual([1]);
    db.prepare('DELETE FROM meetings WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM meeting_attendees').get()).toEqual({ n: 0 });
    expect(match('minutes_fts', '"清理楼道"')).toEqual([]);
    expect(match('minutes_grams', '"楼道"')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.prepare("INSERT INTO minutes_fts(minutes_fts) VALUES ('integrity-check')").run();
    db.close();
  });

  it('011 adds the settings table: one JSON value per key, empty to begin with', () => {
    const db = openDatabase(path.join(tempDir(), 'k.db'));
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 0 });
    const put = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
    put.run('autoLockMinutes', '10', 'x');
    expect(() => put.run('autoLockMinutes', '15', 'x')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => put.run('bad', 'not json', 'x')).toThrow(/CHECK/);
    expect(() => put.run('', '1', 'x')).toThrow(/CHECK/);
    expect(() => put.run('x', null, 'x')).toThrow(/NOT NULL/);
    db.close();
  });

  it('012 adds units, joint bodies, visits, agreements and activities: names unique, one open membership per unit and body, one review per year', () => {
    const db = openDatabase(path.join(tempDir(), 'l.db'));
    const unit = db.prepare("INSERT INTO resident_units (name, kind, created_at, updated_at) VALUES (?, ?, 'x', 'x')");
    unit.run('区第一中学', 'institution');
    expect(() => unit.run('区第一中学', 'enterprise')).toThrow(/UNIQUE/);
    expect(() => unit.run('某单位', 'school')).toThrow(/CHECK/);
    db.prepare("INSERT INTO joint_bodies (id, kind, name, created_at, updated_at) VALUES (1, 'jointMeeting', '联席会', 'x', 'x')").run();
    const member = db.prepare('INSERT INTO joint_body_members (body_id, unit_id, since, until) VALUES (1, 1, ?, ?)');
    member.run('2024-01-01', '2024-12-31');
    member.run('2025-01-01', null);
    expect(() => member.run('2025-06-01', null)).toThrow(/UNIQUE/);
    expect(() => member.run('2025-06-01', '2025-01-01')).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO unit_visits (unit_id, visited_on, visitors, solved, solved_on, created_at, updated_at) VALUES (1, '2026-01-05', '李红', 0, '2026-01-06', 'x', 'x')").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO organisations (id, name, kind, created_at, updated_at) VALUES (1, '阳光社区党委', 'communityCommittee', 'x', 'x')").run();
    const agreement = db.prepare("INSERT INTO agreements (title, kind, community_id, signed_on, start_on, end_on, created_at, updated_at) VALUES ('协议', 'coBuilding', 1, '2024-01-01', ?, ?, 'x', 'x')");
    agreement.run('2024-01-01', '2026-12-31');
    expect(() => agreement.run('2024-01-01', '2023-12-31')).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO agreement_commitments (agreement_id, position, side, unit_id, text) VALUES (1, 0, 'unit', NULL, '开放操场')").run()).toThrow(/CHECK/);
    const review = db.prepare("INSERT INTO agreement_reviews (agreement_id, year, reviewed_on, grade, assessment, created_at) VALUES (1, 2025, '2025-12-20', 'good', '良好', 'x')");
    review.run();
    expect(() => review.run()).toThrow(/UNIQUE/);
    db.prepare("INSERT INTO activities (id, title, kind, held_on, organiser, hours, content, created_at, updated_at) VALUES (1, '党员奉献日', 'dedicationDay', '2026-01-05', '社区', 2, '清扫', 'x', 'x')").run();
    db.prepare("INSERT INTO activity_participants (activity_id, position, member_id, name) VALUES (1, 0, NULL, '赵居民')").run();
    db.prepare("INSERT INTO activity_photos (activity_id, file_name, size, sha256, mime, added_at) VALUES (1, 'a.jpg', 10, ?, 'image/jpeg', 'x')").run('a'.repeat(64));
    db.prepare('DELETE FROM activities WHERE id = 1').run();
    expect(db.prepare('SELECT (SELECT count(*) FROM activity_participants) + (SELECT count(*) FROM activity_photos) AS n').get()).toEqual({ n: 0 });
    expect(() => db.prepare("INSERT INTO activities (title, kind, held_on, organiser, hours, content, created_at, updated_at) VALUES ('x', 'other', '2026-01-05', '社区', 25, 'x', 'x', 'x')").run()).toThrow(/CHECK/);
    db.close();
  });

  it('013 adds the two-new register (credit codes unique), coverage snapshots, and in-service registrations (one per member per community)', () => {
    const db = openDatabase(path.join(tempDir(), 'm.db'));
    const org = db.prepare(
      "INSERT INTO new_organisations (name, kind, credit_code, party_work, has_union, has_youth_league, has_womens_federation, created_at, updated_at) VALUES (?, 'enterprise', ?, ?, 0, 0, 0, 'x', 'x')",
    );
    org.run('甲公司', '91350100M000100Y43', 'own');
    org.run('乙公司', null, 'none');
    org.run('丙公司', null, 'joint');
    expect(() => org.run('丁公司', '91350100M000100Y43', 'none')).toThrow(/UNIQUE/);
    expect(() => org.run('戊公司', '9135', 'none')).toThrow(/CHECK/);
    expect(() => org.run('己公司', null, 'partial')).toThrow(/CHECK/);
    const snap = db.prepare("INSERT INTO coverage_snapshots (date, organisations, own, joint, liaison_only, union_only, none, qualified, qualified_own) VALUES ('2026-01-01', 3, 1, 1, 0, 0, 1, 1, 1)");
    snap.run();
    expect(() => snap.run()).toThrow(/UNIQUE|PRIMARY KEY/);
    db.prepare(
      `INSERT INTO members (id, name, name_initials, name_pinyin, search_text, id_number, id_status, membership_kind, created_at, updated_at)
       VALUES (1, '张三', 'zs', 'zhangsan', 'x', '11010519491231002X', 'valid', 'full', 'x', 'x')`,
    ).run();
    db.prepare("INSERT INTO organisations (id, name, kind, created_at, updated_at) VALUES (1, '阳光社区党委', 'communityCommittee', 'x', 'x')").run();
    const reg = db.prepare("INSERT INTO in_service_registrations (member_id, community_id, registered_on, employer, employer_party_org, ended_on, created_at, updated_at) VALUES (1, 1, '2026-01-01', '区教育局', '区教育局机关党委', ?, 'x', 'x')");
    reg.run(null);
    expect(() => reg.run(null)).toThrow(/UNIQUE/);
    const rec = db.prepare("INSERT INTO in_service_records (registration_id, date, post, hours, content, created_at) VALUES (1, '2026-02-01', '巡逻', ?, '夜巡', 'x')");
    rec.run(2);
    expect(() => rec.run(0)).toThrow(/CHECK/);
    const fb = db.prepare("INSERT INTO in_service_feedback (registration_id, period, grade, comment, assessed_on, created_at, updated_at) VALUES (1, '2026', ?, '好', '2026-12-01', 'x', 'x')");
    fb.run('good');
    expect(() => fb.run('good')).toThrow(/UNIQUE|PRIMARY KEY/);
    db.close();
  });

  it('014 keeps every produced return: parameters, the file and its SHA-256, the figures; a re-production points at its original', () => {
    const db = openDatabase(path.join(tempDir(), 'r.db'));
    const cols = (db.prepare('PRAGMA table_info(produced_returns)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(expect.arrayContaining(['period', 'as_of', 'scope_org_id', 'scope_name', 'unit_name', 'leader', 'preparer', 'filled_on', 'file_sha256', 'figures_sha256', 'figures', 'file', 'produced_at', 'actor', 'reproduced_from']));
    const insert = db.prepare(
      `INSERT INTO produced_returns (period, as_of, scope_name, unit_name, filled_on, sheet_names, file_name, file_sha256, figures_sha256, figures, file, produced_at, reproduced_from)
       VALUES (?, '2025-12-31', '全部', '和平街道党工委', '2026-01-05', '[]', 'a.xlsx', ?, ?, '[]', x'00', 'x', ?)`,
    );
    const sha = 'a'.repeat(64);
    const first = Number(insert.run('2025', sha, sha, null).lastInsertRowid);
    insert.run('2025-06', sha, sha, first);
    expect(() => insert.run('2025-13x', sha, sha, null)).toThrow(/CHECK/);
    expect(() => insert.run('2025', 'short', sha, null)).toThrow(/CHECK/);
    expect(() => insert.run('2025', sha, sha, 999)).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('015 adds volunteer files (one per member), teams with their members, and services with each participant’s hours', () => {
    const db = openDatabase(path.join(tempDir(), 'v.db'));
    db.prepare("INSERT INTO members (id, name, name_initials, name_pinyin, search_text, id_number, id_status, membership_kind, created_at, updated_at) VALUES (1, '张三', 'zs', 'zhangsan', 'x', '11010519491231002X', 'valid', 'full', 'x', 'x')").run();
    const file = db.prepare("INSERT INTO volunteers (member_id, since, created_at, updated_at) VALUES (?, '2026-01-01', 'x', 'x')");
    file.run(1);
    expect(() => file.run(1)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => file.run(2)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE volunteers SET until = '2025-12-31'").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO volunteer_teams (id, name, specialty, created_at, updated_at) VALUES (1, '义诊队', '义诊', 'x', 'x')").run();
    expect(() => db.prepare("INSERT INTO volunteer_teams (name, specialty, created_at, updated_at) VALUES ('义诊队', '义诊', 'x', 'x')").run()).toThrow(/UNIQUE/);
    db.prepare('INSERT INTO volunteer_team_members (team_id, member_id, position) VALUES (1, 1, 0)').run();
    db.prepare("INSERT INTO volunteer_services (id, held_on, team_id, content, created_at, updated_at) VALUES (1, '2026-03-01', 1, '义诊', 'x', 'x')").run();
    const hours = db.prepare('INSERT OR REPLACE INTO volunteer_service_participants (service_id, member_id, position, hours) VALUES (1, 1, 0, ?)');
    hours.run(2.5);
    expect(() => hours.run(0)).toThrow(/CHECK/);
    expect(() => hours.run(25)).toThrow(/CHECK/);
    db.prepare('DELETE FROM volunteer_services WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM volunteer_service_participants').get()).toEqual({ n: 0 });
    db.close();
  });

  it('016 adds helped households (kinds a non-empty JSON list), one open pairing per member, visits with an amount for money and goods', () => {
    const db = openDatabase(path.join(tempDir(), 'h.db'));
    db.prepare("INSERT INTO organisations (id, name, kind, created_at, updated_at) VALUES (1, '阳光社区党委', 'communityCommittee', 'x', 'x')").run();
    db.prepare("INSERT INTO members (id, name, name_initials, name_pinyin, search_text, id_number, id_status, membership_kind, created_at, updated_at) VALUES (1, '张三', 'zs', 'zhangsan', 'x', '11010519491231002X', 'valid', 'full', 'x', 'x')").run();
    const household = db.prepare("INSERT INTO assistance_households (name, kinds, community_id, needs, started_on, frequency, created_at, updated_at) VALUES ('赵奶奶', ?, 1, '独居', '2026-01-01', ?, 'x', 'x')");
    household.run('["elderly"]', 'month');
    expect(() => household.run('[]', 'month')).toThrow(/CHECK/);
    expect(() => household.run('["elderly"]', 'daily')).toThrow(/CHECK/);
    const pair = db.prepare("INSERT INTO assistance_pairings (household_id, member_id, since, until) VALUES (1, 1, '2026-01-01', ?)");
    pair.run(null);
    expect(() => pair.run(null)).toThrow(/UNIQUE/);
    pair.run('2026-02-01');
    const visit = db.prepare("INSERT INTO assistance_visits (household_id, visited_on, help_kind, content, amount, created_at, updated_at) VALUES (1, '2026-03-01', ?, '慰问', ?, 'x', 'x')");
    visit.run('visit', null);
    visit.run('money', 500);
    expect(() => visit.run('money', null)).toThrow(/CHECK/);
    expect(() => visit.run('goods', -1)).toThrow(/CHECK/);
    db.close();
  });

  it('017 adds cadres (a register member, or a named person — not both) and their trainings', () => {
    const db = openDatabase(path.join(tempDir(), 'k.db'));
    db.prepare("INSERT INTO organisations (id, name, kind, created_at, updated_at) VALUES (1, '阳光社区党委', 'communityCommittee', 'x', 'x')").run();
    db.prepare("INSERT INTO members (id, name, name_initials, name_pinyin, search_text, id_number, id_status, membership_kind, created_at, updated_at) VALUES (1, '张三', 'zs', 'zhangsan', 'x', '11010519491231002X', 'valid', 'full', 'x', 'x')").run();
    const cadre = db.prepare("INSERT INTO cadres (member_id, name, post, community_id, formal, started_on, created_at, updated_at) VALUES (?, ?, '书记', 1, 1, '2021-01-01', 'x', 'x')");
    cadre.run(1, null);
    cadre.run(null, '吴干事');
    expect(() => cadre.run(1, '张三')).toThrow(/CHECK/);
    expect(() => cadre.run(null, null)).toThrow(/CHECK/);
    expect(() => cadre.run(1, null)).toThrow(/UNIQUE/);
    const training = db.prepare("INSERT INTO cadre_trainings (cadre_id, kind, course, start_on, end_on, hours, created_at) VALUES (1, ?, '示范培训', '2026-04-10', ?, 24, 'x')");
    training.run('rotation', '2026-04-12');
    expect(() => training.run('rotation', '2026-04-01')).toThrow(/CHECK/);
    expect(() => training.run('lecture', '2026-04-12')).toThrow(/CHECK/);
    db.close();
  });

  it('018 adds target sheets (one per year), items, communities, progress, scores (0–100) and 示范点', () => {
    const db = openDatabase(path.join(tempDir(), 't.db'));
    db.prepare("INSERT INTO organisations (id, name, kind, created_at, updated_at) VALUES (1, '阳光社区党委', 'communityCommittee', 'x', 'x')").run();
    const sheet = db.prepare("INSERT INTO target_sheets (year, title, created_at, updated_at) VALUES (?, '目标', 'x', 'x')");
    sheet.run(2026);
    expect(() => sheet.run(2026)).toThrow(/UNIQUE/);
    expect(() => sheet.run(1999)).toThrow(/CHECK/);
    const item = db.prepare("INSERT INTO target_items (sheet_id, position, name, weight, method) VALUES (1, 0, '满意度', ?, ?)");
    item.run(100, 'entered');
    expect(() => item.run(0, 'entered')).toThrow(/CHECK/);
    expect(() => item.run(10, 'guess')).toThrow(/CHECK/);
    const score = db.prepare("INSERT OR REPLACE INTO target_scores (item_id, community_id, score, updated_at) VALUES (1, 1, ?, 'x')");
    score.run(87.5);
    expect(() => score.run(101)).toThrow(/CHECK/);
    db.prepare("INSERT INTO target_progress (item_id, community_id, checked_on, progress, updated_at) VALUES (1, 1, '2026-07-01', 60, 'x')").run();
    db.prepare("INSERT INTO target_demonstrations (sheet_id, community_id, marked_on) VALUES (1, 1, '2026-11-26')").run();
    db.prepare('DELETE FROM target_items WHERE id = 1').run();
    expect(db.prepare('SELECT (SELECT count(*) FROM target_scores) + (SELECT count(*) FROM target_progress) AS n').get()).toEqual({ n: 0 });
    db.close();
  });

  it('007 gives organisations an address (办公地址) and a version, keeping every row', () => {
    const file = path.join(tempDir(), 'i.db');
    const db = new Database(file);
    migrate(db, MIGRATIONS.slice(0, 6));
    db.prepare("INSERT INTO organisations (id, name, kind, contact_phone, created_at, updated_at) VALUES (1, '第一党支部', 'branch', '010-1', 'x', 'x')").run();
    migrate(db, MIGRATIONS.slice(0, 7));
    expect(db.prepare('SELECT name, contact_phone, address, version FROM organisations').all()).toEqual([
      { name: '第一党支部', contact_phone: '010-1', address: null, version: 1 },
    ]);
    db.prepare("UPDATE organisations SET address = '幸福路12号' WHERE id = 1").run();
    expect(() => db.prepare("UPDATE organisations SET address = '' WHERE id = 1").run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE organisations SET address = ? WHERE id = 1').run('路'.repeat(101))).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE organisations SET version = NULL WHERE id = 1').run()).toThrow(/NOT NULL/);
    db.close();
  });

  it('a migration that fails leaves the file exactly as it was', () => {
    const file = path.join(tempDir(), 'd.db');
    const db = openDatabase(file);
    const broken: Migration = {
      version: LATEST_VERSION + 1,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a file written by a newer version of the app, in Chinese', () => {
    const file = path.join(tempDir(), 'e.db');
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(ServiceError);
    expect(() => openDatabase(file)).toThrow(/更新版本的软件/);
  });
});
