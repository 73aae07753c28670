import { describe, expect, it } from 'vitest';
import { encodeChanges, parseChanges } from '../../electron/audit/service';
import type { AuditChange } from '../../shared/contract';
import { idFor, memberFixture, tempServices } from './helpers';

const stored = (s: ReturnType<typeof tempServices>, id: number) =>
  s.db.prepare("SELECT changes FROM audit_log WHERE entity = 'member' AND entity_id = ? ORDER BY id").pluck().all(id) as string[];

describe('audit_log.changes: a creation stored compactly, read back as the same list', () => {
  it('a new member: stored as {"new":{…}}, read back as the field-by-field list, in order; an edit keeps the list form', () => {
    const s = tempServices();
    const street = s.orgs.create({ name: '和平街道党工委', kind: 'streetCommittee', parentId: null });
    const community = s.orgs.create({ name: '幸福社区党委', kind: 'communityCommittee', parentId: street.id });
    const branch = s.orgs.create({ name: '幸福社区第一党支部', kind: 'branch', parentId: community.id });
    const m = s.members.create(memberFixture({ name: '张三', branchId: branch.id, tags: ['resident', 'retiredWorker'] }));
    s.members.update(m.id, { ...memberFixture({ name: '张三', branchId: branch.id, tags: ['resident', 'retiredWorker'] }), mobile: '13800138000' }, m.version);

    const [created, edited] = stored(s, m.id);
    expect(created!.startsWith('{"new":{"name":"张三",')).toBe(true);
    expect(JSON.parse(created!).new).toMatchObject({ name: '张三', branchId: branch.id, tags: ['resident', 'retiredWorker'] });
    expect(edited!.startsWith('[')).toBe(true);

    const log = s.audit.forEntity('member', m.id);
    const creation = log.find((e) => e.action === 'create')!;
    expect(creation.changes[0]).toEqual({ field: 'name', old: null, new: '张三' });
    expect(creation.changes.find((c) => c.field === 'tags')).toEqual({ field: 'tags', old: null, new: ['resident', 'retiredWorker'] });
    expect(creation.changes.every((c) => c.old === null)).toBe(true);
    // The form shows the same list it showed before the compact form: every field the record was created with.
    expect(creation.changes.map((c) => c.field)).toEqual(Object.keys(JSON.parse(created!).new));
    expect(log.find((e) => e.action === 'update')!.changes).toContainEqual({ field: 'mobile', old: '13812345678', new: '13800138000' });
  });

  it('every list comes back exactly as it was given, in whichever form it was stored', () => {
    const lists: AuditChange[][] = [
      [],
      [{ field: 'name', old: null, new: '李四' }],
      [
        { field: 'name', old: null, new: '李四' },
        { field: 'lostContact', old: null, new: false },
        { field: 'tags', old: null, new: [] },
        { field: 'branchId', old: null, new: 0 },
      ],
      // An old value: a list.
      [
        { field: 'name', old: null, new: '李四' },
        { field: 'mobile', old: '13800138000', new: null },
      ],
      // A field named twice, or a value JSON would drop: a list, so nothing is lost.
      [
        { field: 'x', old: null, new: 1 },
        { field: 'x', old: null, new: 2 },
      ],
      // Field names that are Object.prototype's own.
      [
        { field: 'constructor', old: null, new: 'a' },
        { field: 'toString', old: null, new: 'b' },
      ],
    ];
    for (const list of lists) expect(parseChanges(encodeChanges(list))).toEqual(list);
    expect(encodeChanges([{ field: 'x', old: null, new: 1 }, { field: 'x', old: null, new: 2 }]).startsWith('[')).toBe(true);
    expect(encodeChanges([{ field: 'x', old: null, new: undefined }])).toBe('[{"field":"x","old":null}]');
    // Entries written before the compact form (lists) read as they always did.
    expect(parseChanges('[{"field":"name","old":null,"new":"王五"}]')).toEqual([{ field: 'name', old: null, new: '王五' }]);
  });

  it('new members\' entries take less than half the text the list form took', () => {
    const s = tempServices();
    const street = s.orgs.create({ name: '和平街道党工委', kind: 'streetCommittee', parentId: null });
    const community = s.orgs.create({ name: '幸福社区党委', kind: 'communityCommittee', parentId: street.id });
    const branch = s.orgs.create({ name: '幸福社区第一党支部', kind: 'branch', parentId: community.id });
    for (let i = 0; i < 50; i++) s.members.create(memberFixture({ idNumber: idFor('1980-01-01', 200 + i), branchId: branch.id }));
    const texts = s.db.prepare("SELECT changes FROM audit_log WHERE entity = 'member'").pluck().all() as string[];
    const compact = texts.reduce((n, t) => n + t.length, 0);
    const asLists = texts.reduce((n, t) => n + JSON.stringify(parseChanges(t)).length, 0);
    expect(compact / asLists).toBeLessThan(0.5);
  });
});
