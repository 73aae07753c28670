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
