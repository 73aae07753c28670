import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../electron/errors';
import { RECORD_FIELDS, recordFields } from '../../electron/members/service';
import { checkMember } from '../../shared/rules/member';
import { memberListQuery } from '../../shared/contract';
import { idFor, memberFixture, smallTree, tempServices } from './helpers';

const q = (over: Record<string, unknown> = {}) => memberListQuery.parse(over);

function fieldErrorsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (e) {
    if (e instanceof ServiceError) return e.fieldErrors ?? {};
    throw e;
  }
  throw new Error('expected a ServiceError');
}

describe('the member register on a real SQLite file', () => {
  it('creates a member, fills sex and birth date from the ID, records the creation', () => {
    const s = tempServices();
    const { b1 } = smallTree(s);
    const m = s.members.create(memberFixture({ branchId: b1.id }));
    expect(m).toMatchObject({ name: '张三', sex: 'male', birthDate: '1980-01-01', branchName: '第一党支部', idStatus: 'valid', version: 1 });
    const audit = s.members.auditOf(m.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe('create');
    expect(audit[0]!.actor).toBe('test');
    expect(audit[0]!.changes).toEqual(expect.arrayContaining([{ field: 'name', old: null, new: '张三' }]));
  });

  it('recordFields projects a checked record exactly as get() reads it back (the importer diffs with it)', () => {
    const s = tempServices();
    const { b1 } = smallTree(s);
    const input = memberFixture({ branchId: b1.id, tags: ['laidOff', 'resident'], floating: true, floatingDestination: '上海市', lostContact: true, lostContactSince: '2025-01-01' });
    const m = s.members.create(input);
    const projected = recordFields(checkMember(input, '2026-11-26').value);
    const read = Object.fromEntries(RECORD_FIELDS.map((f) => [f, m[f]]));
    expect(projected).toEqual(read);
  });

  it('names the existing member when an ID number is registered twice, and saves nothing', () => {
    const s = tempServices();
    const { b1 } = smallTree(s);
    s.members.create(memberFixture({ branchId: b1.id }));
    const errors = fieldErrorsOf(() => s.members.create(memberFixture({ name: '李四', branchId: b1.id })));
    expect(errors.idNumber).toContain('张三');
    expect(errors.idNumber).toContain('第一党支部');
    expect(s.members.list(q()).total).toBe(1);
    expect(s.members.checkId(idFor('1980-01-01', 123)).duplicate?.name).toBe('张三');
  });

  it('saves a failing check digit only with a recorded override', () => {
    const s = tempServices();
    const good = idFor('1975-05-05', 211);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(fieldErrorsOf(() => s.members.create(memberFixture({ idNumber: bad }))).idNumber).toContain('校验位不正确');
    const m = s.members.create(memberFixture({ idNumber: bad, idOverrideReason: '已核对身份证原件' }));
    expect(m.idStatus).toBe('override');
    expect(m.idOverrideReason).toBe('已核对身份证原件');
    const created = s.members.auditOf(m.id)[0]!;
    expect(created.changes).toEqual(expect.arrayContaining([{ field: 'idStatus', old: null, new: 'override' }]));
  });

  it('refuses a branch that is not a branch, or does not exist', () => {
    const s = tempServices();
    const { community } = smallTree(s);
    expect(fieldErrorsOf(() => s.members.create(memberFixture({ branchId: community.id }))).branchId).toContain('社区党委');
    expect(fieldErrorsOf(() => s.members.create(memberFixture({ branchId: 9999 }))).branchId).toContain('不存在');
  });

  it('updates with old → new in the audit log, and refuses a stale version', () => {
    const s = tempServices();
    const { b1, b2 } = smallTree(s);
    const m = s.members.create(memberFixture({ branchId: b1.id }));
    const u = s.members.update(m.id, memberFixture({ branchId: b2.id, mobile: '13900001111' }), m.version);
    expect(u.version).toBe(2);
    const entry = s.members.auditOf(m.id)[0]!;
    expect(entry.action).toBe('update');
    expect(entry.changes).toEqual(
      expect.arrayContaining([
        { field: 'branchId', old: b1.id, new: b2.id },
        { field: 'mobile', old: '13812345678', new: '13900001111' },
      ]),
    );
    expect(entry.changes.map((c) => c.field)).not.toContain('name');
    expect(() => s.members.update(m.id, memberFixture({ branchId: b1.id }), 1)).toThrow(/刚被修改过/);
  });

  it('ends a membership without deleting it, lists it on request, and can reinstate it', () => {
    const s = tempServices();
    const { b1 } = smallTree(s);
    const m = s.members.create(memberFixture({ branchId: b1.id }));
    const left = s.members.exit({ id: m.id, reason: 'transferOut', date: '2026-10-01', note: '转至朝阳区' });
    expect(left).toMatchObject({ leftOn: '2026-10-01', leftReason: 'transferOut', leftNote: '转至朝阳区' });
    expect(s.members.list(q()).total).toBe(0);
    expect(s.members.list(q({ status: 'left' })).rows.map((r) => r.name)).toEqual(['张三']);
    expect(s.members.list(q({ status: 'all' })).total).toBe(1);
    expect(() => s.members.exit({ id: m.id, reason: 'deceased', date: '2026-10-02', note: null })).toThrow(/不能重复/);
    expect(() => s.members.update(m.id, memberFixture(), left.version)).toThrow(/恢复/);
    expect(() => s.db.prepare('DELETE FROM members WHERE id = ?').run(m.id)).toThrow(/不可删除/);
    const back = s.members.reinstate(m.id, '误操作');
    expect(back.leftOn).toBeNull();
    expect(s.members.auditOf(m.id).map((e) => e.action)).toEqual(['reinstate', 'exit', 'create']);
  });

  it('停止党籍 as an exit also sets 党籍状态, and reinstating restores it', () => {
    const s = tempServices();
    const m = s.members.create(memberFixture());
    expect(s.members.exit({ id: m.id, reason: 'suspended', date: '2026-01-05', note: null }).standing).toBe('suspended');
    expect(s.members.reinstate(m.id, '恢复党籍').standing).toBe('normal');
  });

  it('filters, searches (name, ID, pinyin initials), sorts, pages and counts by classification', () => {
    const s = tempServices();
    const { b1, b2, retired, community } = smallTree(s);
    const add = (name: string, birth: string, seq: number, over = {}) =>
      s.members.create(memberFixture({ name, idNumber: idFor(birth, seq), joinedOn: '2005-06-01', confirmedOn: '2006-06-01', ...over }));
    add('张三', '1980-01-01', 11, { branchId: b1.id, tags: ['resident'] });
    add('王小明', '1970-03-03', 21, { branchId: b2.id, tags: ['laidOff'], floating: true, floatingDestination: '广东省深圳市' });
    add('李四', '1950-02-02', 31, { branchId: retired.id, tags: ['retiredWorker'], occupation: '离退休人员' });
    add('赵敏', '1985-04-04', 42, { branchId: b1.id, tags: ['inService', 'resident'], membershipKind: 'probationary', joinedOn: '2026-03-01', confirmedOn: null });
    add('钱多', '1960-06-06', 51, { branchId: b2.id, tags: ['resident'], lostContact: true, lostContactSince: '2025-01-01' });

    const names = (over: Record<string, unknown>) => s.members.list(q(over)).rows.map((r) => r.name).sort();
    expect(names({ q: 'zs' })).toEqual(['张三']);
    expect(names({ q: 'ZS' })).toEqual(['张三']);
    expect(names({ q: 'wxm' })).toEqual(['王小明']);
    expect(names({ q: 'wangxiao' })).toEqual(['王小明']);
    expect(names({ q: '小明' })).toEqual(['王小明']);
    expect(names({ q: idFor('1950-02-02', 31).slice(-6) })).toEqual(['李四']);
    expect(names({ q: idFor('1950-02-02', 31) })).toEqual(['李四']);
    expect(names({ tags: ['resident'] })).toEqual(['张三', '赵敏', '钱多'].sort());
    expect(names({ tags: ['laidOff', 'retiredWorker'] })).toEqual(['李四', '王小明'].sort());
    expect(names({ orgId: community.id })).toEqual(['张三', '王小明', '赵敏', '钱多'].sort());
    expect(names({ orgId: b1.id })).toEqual(['张三', '赵敏'].sort());
    expect(names({ membershipKind: 'probationary' })).toEqual(['赵敏']);
    expect(names({ lostContact: true })).toEqual(['钱多']);
    expect(names({ floating: true })).toEqual(['王小明']);
    expect(names({ floating: false, tags: ['resident'], orgId: b1.id, q: 'z' })).toEqual(['张三', '赵敏'].sort());

    const all = s.members.list(q({ tags: ['resident'] }));
    expect(all.total).toBe(3);
    expect(all.totalIgnoringTags).toBe(5);
    expect(all.tagCounts).toMatchObject({ resident: 3, laidOff: 1, retiredWorker: 1, inService: 1, floating: 1, retiredCadre: 0 });

    // Pinyin order: li, qian, wang, zhang, zhao.
    expect(s.members.list(q({ sortField: 'name' })).rows.map((r) => r.name)).toEqual(['李四', '钱多', '王小明', '张三', '赵敏']);
    expect(s.members.list(q({ sortField: 'birthDate', sortOrder: 'desc' })).rows[0]!.name).toBe('赵敏');
    const p2 = s.members.list(q({ sortField: 'name', pageSize: 2, page: 2 }));
    expect(p2.rows.map((r) => r.name)).toEqual(['王小明', '张三']);
    expect(p2.total).toBe(5);

    const row = s.members.list(q({ q: 'zs' })).rows[0]!;
    expect(row.idNumberMasked).toBe(`110105********${idFor('1980-01-01', 11).slice(-4)}`);
    expect(row.mobileMasked).toBe('138****5678');
    expect(JSON.stringify(s.members.list(q()))).not.toContain(idFor('1980-01-01', 11));
  });

  it('sorts names syllable by syllable, as a clerk reads pinyin order (陈 chen before 程 cheng)', () => {
    const s = tempServices();
    const names = ['程林军', '陈国强', '蔡超', '陈晶', '单田芳', '曾国藩', '张三'];
    names.forEach((name, i) => s.members.create(memberFixture({ name, idNumber: idFor('1970-01-01', 101 + i * 2) })));
    const sorted = s.members.list(memberListQuery.parse({ sortField: 'name', pageSize: 50 })).rows.map((r) => r.name);
    // cai, chen guo qiang, chen jing, cheng lin jun, shan tian fang, zeng guo fan, zhang san
    expect(sorted).toEqual(['蔡超', '陈国强', '陈晶', '程林军', '单田芳', '曾国藩', '张三']);
    expect(s.members.list(memberListQuery.parse({ q: 'chenguo' })).rows.map((r) => r.name)).toEqual(['陈国强']);
  });

  it('counts for the command line by classification label and branch name', () => {
    const s = tempServices();
    const { b1, retired } = smallTree(s);
    s.members.create(memberFixture({ branchId: b1.id, tags: ['resident', 'inService'] }));
    s.members.create(memberFixture({ name: '李四', idNumber: idFor('1950-02-02', 31), branchId: retired.id, tags: ['retiredWorker'] }));
    const left = s.members.create(memberFixture({ name: '王五', idNumber: idFor('1960-02-02', 33), branchId: retired.id }));
    s.members.exit({ id: left.id, reason: 'deceased', date: '2026-01-01', note: null });
    expect(s.members.stats()).toEqual({
      total: 2,
      byTag: expect.objectContaining({ 居民党员: 1, '在职党员（双报到）': 1, 退休职工党员: 1, 下岗失业党员: 0 }),
      byBranch: { 第一党支部: 1, 离退休党支部: 1 },
    });
  });
});

describe('organisations', () => {
  it('keep a tree without cycles, and count members per node', () => {
    const s = tempServices();
    const { street, community, b1 } = smallTree(s);
    expect(() => s.orgs.update(street.id, { name: street.name, kind: street.kind, parentId: b1.id })).toThrow(/它自己或它的下级/);
    s.members.create(memberFixture({ branchId: b1.id }));
    expect(s.orgs.list().find((o) => o.id === b1.id)).toMatchObject({ fullCount: 1, probationaryCount: 0 });
    expect(s.orgs.subtreeIds(community.id).sort()).toEqual(s.orgs.rows().filter((o) => o.parentId === community.id || o.id === community.id).map((o) => o.id).sort());
    expect(() => s.orgs.update(b1.id, { name: b1.name, kind: 'communityCommittee', parentId: community.id })).toThrow(/还有 1 名党员/);
    const renamed = s.orgs.update(b1.id, { name: '第一党支部（老城）', kind: 'branch', parentId: community.id });
    expect(renamed.name).toBe('第一党支部（老城）');
    expect(s.audit.forEntity('organisation', b1.id).map((e) => e.action)).toEqual(['update', 'create']);
  });
});
