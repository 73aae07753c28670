import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatch, createHandlers } from '../../electron/handlers';
import { orgInput, type OrgInput } from '../../shared/contract';
import { idFor, memberFixture, smallTree, tempServices } from './helpers';

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], { encoding: 'utf8', cwd: path.resolve(__dirname, '../..') });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type S = ReturnType<typeof tempServices>;
let seq = 100;
/** Adds `full` 正式 and `prob` 预备 members to a branch. */
function fill(s: S, branchId: number, full: number, prob = 0) {
  const ids: number[] = [];
  for (let i = 0; i < full + prob; i++) {
    const n = seq++;
    const probationary = i >= full;
    ids.push(
      s.members.create(
        memberFixture({
          name: `党员${n}`,
          idNumber: idFor('1980-01-01', n),
          branchId,
          membershipKind: probationary ? 'probationary' : 'full',
          joinedOn: probationary ? '2026-03-01' : '2003-07-01',
          confirmedOn: probationary ? null : '2004-07-01',
        }),
      ).id,
    );
  }
  return ids;
}

const record = (s: S, id: number, over: Partial<OrgInput>): OrgInput => {
  const r = s.orgs.get(id);
  return orgInput.parse({ name: r.name, kind: r.kind, parentId: r.parentId, ...over });
};

describe('the organisation record', () => {
  it('is updated field by field with an audit entry old → new, units and officers included', () => {
    const s = tempServices();
    const { b1, community } = smallTree(s);
    const [secretaryId] = fill(s, b1.id, 3);
    const updated = s.orgs.update(
      b1.id,
      record(s, b1.id, {
        foundedOn: '2010-07-01',
        foundingDocNo: '阳社党〔2010〕3号',
        contactPhone: '010-12345678',
        electedOn: '2023-06-30',
        units: ['阳光物业公司'],
        officers: [
          { memberId: secretaryId!, name: 'ignored: taken from the register', role: 'secretary' },
          { memberId: null, name: '王组织', role: 'organisation' },
        ],
        note: '  ',
      }),
    );
    expect(updated).toMatchObject({
      foundedOn: '2010-07-01',
      foundingDocNo: '阳社党〔2010〕3号',
      contactPhone: '010-12345678',
      electedOn: '2023-06-30',
      termYears: null,
      defaultTermYears: 5, // a branch in a community
      effectiveTermYears: 5,
      termEnd: '2028-06-30',
      units: ['阳光物业公司'],
      parentName: community.name,
      note: null,
    });
    expect(updated.officers.map((o) => [o.name, o.role, o.memberId])).toEqual([
      ['党员100', 'secretary', secretaryId],
      ['王组织', 'organisation', null],
    ]);
    const [latest] = s.orgs.auditOf(b1.id);
    expect(latest!.action).toBe('update');
    expect(latest!.changes).toEqual(
      expect.arrayContaining([
        { field: 'foundedOn', old: null, new: '2010-07-01' },
        { field: 'units', old: [], new: ['阳光物业公司'] },
        expect.objectContaining({ field: 'officers', old: [] }),
      ]),
    );
    // Fields left out keep their values; a change of term alone is one entry.
    const again = s.orgs.update(b1.id, { name: b1.name, kind: 'branch', parentId: community.id, termYears: 3 });
    expect(again).toMatchObject({ foundedOn: '2010-07-01', units: ['阳光物业公司'], effectiveTermYears: 3, termEnd: '2026-06-30' });
    expect(again.warnings.map((w) => w.rule)).toEqual(['termExpired']);
    expect(s.orgs.auditOf(b1.id)[0]!.changes).toEqual([{ field: 'termYears', old: null, new: 3 }]);
    // Saving the same record again writes no entry.
    const n = s.orgs.auditOf(b1.id).length;
    s.orgs.update(b1.id, { name: b1.name, kind: 'branch', parentId: community.id, termYears: 3 });
    expect(s.orgs.auditOf(b1.id)).toHaveLength(n);
  });

  it('refuses dates in the future, two secretaries and repeated units, naming the field in Chinese', () => {
    const s = tempServices();
    const { b1 } = smallTree(s);
    const fails = (over: Partial<OrgInput>) => {
      try {
        s.orgs.update(b1.id, record(s, b1.id, over));
      } catch (e) {
        return (e as { fieldErrors?: Record<string, string> }).fieldErrors;
      }
      throw new Error('not refused');
    };
    expect(fails({ foundedOn: '2030-01-01' })).toEqual({ foundedOn: '建立日期不能晚于今天' });
    expect(fails({ foundedOn: '2020-01-01', electedOn: '2019-01-01' })).toEqual({ electedOn: '选举日期不能早于建立日期' });
    expect(fails({ officers: [{ memberId: null, name: '甲', role: 'secretary' }, { memberId: null, name: '乙', role: 'secretary' }] })!.officers).toMatch(/只能有一名书记/);
    expect(fails({ units: ['甲公司', '甲公司'] })!.units).toMatch(/重复/);
    expect(s.orgs.get(b1.id).officers).toEqual([]);
  });

  it('turns schema errors into Chinese messages per field through the dispatcher', async () => {
    const s = tempServices();
    const { b1, community } = smallTree(s);
    const dispatch = createDispatch(createHandlers(s, {} as never), () => {});
    const r = await dispatch('orgs.update', { id: b1.id, org: { name: '', kind: 'branch', parentId: community.id, termYears: 20, contactPhone: 'abc' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.fieldErrors).toMatchObject({ name: '请填写组织名称', termYears: '任期应为 1 至 10 年', contactPhone: expect.stringContaining('联系电话') });
    expect(r.error.message).toContain('组织名称');
    expect(r.error.message).toContain('任期（年）');
  });

  it('is dissolved (撤销) only when no active members and no organisations are left in it', () => {
    const s = tempServices();
    const { b1, b2, community } = smallTree(s);
    const [m] = fill(s, b1.id, 1);
    expect(() => s.orgs.dissolve({ id: b1.id, date: '2026-11-01', note: null })).toThrow(/还有 1 名在册党员/);
    expect(() => s.orgs.dissolve({ id: community.id, date: '2026-11-01', note: null })).toThrow(/下面还有 2 个组织（第一党支部、第二党支部）/);
    s.members.exit({ id: m!, reason: 'deceased', date: '2026-10-01', note: null });
    expect(() => s.orgs.dissolve({ id: b1.id, date: '2027-01-01', note: null })).toThrow(/不能晚于今天/);
    const gone = s.orgs.dissolve({ id: b1.id, date: '2026-11-01', note: '党员已全部离开' });
    expect(gone.dissolvedOn).toBe('2026-11-01');
    expect(s.orgs.list().map((o) => o.id)).not.toContain(b1.id);
    expect(s.orgs.auditOf(b1.id)[0]).toMatchObject({ action: 'dissolve', note: '党员已全部离开', changes: [{ field: 'dissolvedOn', old: null, new: '2026-11-01' }] });
    expect(() => s.orgs.dissolve({ id: b1.id, date: '2026-11-02', note: null })).toThrow(/已于 2026-11-01 撤销/);
    expect(() => s.orgs.update(b1.id, record(s, b1.id, {}))).toThrow(/已被撤销/);
    s.orgs.dissolve({ id: b2.id, date: '2026-11-01', note: null });
    expect(s.orgs.dissolve({ id: community.id, date: '2026-11-02', note: null }).dissolvedOn).toBe('2026-11-02');
  });
});

describe('the tree with counts and warnings', () => {
  it('counts 正式 / 预备 directly and with descendants; members who left are not counted', () => {
    const s = tempServices();
    const { street, community, b1, b2, other, retired } = smallTree(s);
    fill(s, b1.id, 3, 1);
    const [leaving] = fill(s, b2.id, 2, 2);
    fill(s, retired.id, 5);
    s.members.exit({ id: leaving!, reason: 'transferOut', date: '2026-10-01', note: null });
    const byId = new Map(s.orgs.list().map((o) => [o.id, o]));
    expect(byId.get(b1.id)).toMatchObject({ fullCount: 3, probationaryCount: 1, fullTotal: 3, probationaryTotal: 1 });
    expect(byId.get(b2.id)).toMatchObject({ fullCount: 1, probationaryCount: 2 });
    expect(byId.get(community.id)).toMatchObject({ fullCount: 0, probationaryCount: 0, fullTotal: 4, probationaryTotal: 3 });
    expect(byId.get(other.id)).toMatchObject({ fullTotal: 5, probationaryTotal: 0 });
    expect(byId.get(street.id)).toMatchObject({ fullTotal: 9, probationaryTotal: 3 });
    // The rules: b2 has 1 正式党员; community committees are not held to branch sizes.
    expect(byId.get(b2.id)!.warnings.map((w) => w.title)).toEqual(['少于3名正式党员']);
    expect(byId.get(b1.id)!.warnings).toEqual([]);
    expect(byId.get(community.id)!.warnings).toEqual([]);
  });

  it('warns of a missing committee, a large branch, a due election and a joint branch of 6 units; the overview groups them', () => {
    const s = tempServices(); // today is 2026-11-26
    const { b1, b2, street } = smallTree(s);
    fill(s, b1.id, 7);
    fill(s, b2.id, 48, 3);
    s.orgs.update(b2.id, record(s, b2.id, { officers: ['甲', '乙', '丙'].map((name, i) => ({ memberId: null, name, role: i ? 'member' : 'secretary' })) }));
    const joint = s.orgs.create(orgInput.parse({ name: '商户联合党支部', kind: 'jointBranch', parentId: street.id, units: ['一', '二', '三', '四', '五', '六'].map((x) => `${x}号商户`), electedOn: '2024-02-24' }));
    expect(joint.defaultTermYears).toBe(3); // not in a community
    expect(joint.termEnd).toBe('2027-02-24'); // exactly 90 days away
    const byId = new Map(s.orgs.list().map((o) => [o.id, o]));
    expect(byId.get(b1.id)!.warnings.map((w) => w.rule)).toEqual(['needsCommittee']);
    expect(byId.get(b2.id)!.warnings.map((w) => w.rule)).toEqual(['tooLarge']);
    expect(byId.get(joint.id)!.warnings.map((w) => w.rule)).toEqual(['tooFewFull', 'termDue', 'tooManyUnits']);
    const o = s.orgs.overview();
    expect(o.groups.map((g) => [g.title, g.items.map((i) => i.orgName)])).toEqual([
      ['少于3名正式党员', ['离退休党支部', '商户联合党支部']],
      ['党员超过50名', ['第二党支部']],
      ['应设支部委员会', ['第一党支部']],
      ['换届提醒', ['商户联合党支部']],
      ['联合党支部单位超过5个', ['商户联合党支部']],
    ]);
    expect(o.groups[0]!.items[0]).toMatchObject({ parentName: '和平里社区党委', kind: 'retiredBranch' });
    expect(o).toMatchObject({ fullTotal: 55, probationaryTotal: 3, today: '2026-11-26' });
  });

  it('orgs list --json prints the nested tree with counts and warnings on stdout', () => {
    const s = tempServices();
    const { b1, retired } = smallTree(s);
    fill(s, b1.id, 2, 1);
    fill(s, retired.id, 3);
    s.db.close();
    const r = cli(['--db', s.path, 'orgs', 'list', '--json']);
    expect(r.code).toBe(0);
    const tree = JSON.parse(r.stdout);
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ name: '和平街道党工委', fullTotal: 5, probationaryTotal: 1 });
    const community = tree[0].children.find((c: { name: string }) => c.name === '阳光社区党委');
    expect(community.children.map((c: { name: string; fullCount: number; probationaryCount: number }) => [c.name, c.fullCount, c.probationaryCount])).toEqual([
      ['第一党支部', 2, 1],
      ['第二党支部', 0, 0],
    ]);
    expect(community.children[0].warnings[0].title).toBe('少于3名正式党员');
    const text = cli(['--db', s.path, 'orgs', 'list']);
    expect(text.stdout).toContain('  阳光社区党委（社区党委）正式 2 预备 1');
  });
});
