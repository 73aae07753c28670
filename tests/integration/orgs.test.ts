import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatch, createHandlers } from '../../electron/handlers';
import { orgInput, type OrgInput } from '../../shared/contract';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { idFor, memberFixture, smallTree, tempDir, tempServices } from './helpers';

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
    const r = await dispatch('orgs.update', { id: b1.id, expectedVersion: 1, org: { name: '', kind: 'branch', parentId: community.id, termYears: 20, contactPhone: 'abc' } });
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

describe('the address (办公地址) and saving over a newer copy', () => {
  it('keeps the address on create and update, audits it old → new, and lists it in the tree', () => {
    const s = tempServices();
    const { street, b1 } = smallTree(s);
    const withAddress = s.orgs.create(orgInput.parse({ name: '第三党支部', kind: 'branch', parentId: street.id, address: '  幸福路12号党群服务中心二楼 ' }));
    expect(withAddress.address).toBe('幸福路12号党群服务中心二楼');
    expect(s.orgs.auditOf(withAddress.id)[0]!.changes).toContainEqual({ field: 'address', old: null, new: '幸福路12号党群服务中心二楼' });

    const updated = s.orgs.update(b1.id, record(s, b1.id, { address: '阳光社区居委会三楼' }));
    expect(updated.address).toBe('阳光社区居委会三楼');
    expect(s.orgs.auditOf(b1.id)[0]!.changes).toEqual([{ field: 'address', old: null, new: '阳光社区居委会三楼' }]);
    // Left out: kept; sent empty: cleared.
    expect(s.orgs.update(b1.id, { name: b1.name, kind: 'branch', parentId: b1.parentId, note: '备注' }).address).toBe('阳光社区居委会三楼');
    expect(s.orgs.update(b1.id, record(s, b1.id, { address: '' })).address).toBeNull();
    expect(s.orgs.list().find((o) => o.id === withAddress.id)!.address).toBe('幸福路12号党群服务中心二楼');
    expect(() => orgInput.parse({ name: 'x', kind: 'branch', parentId: null, address: '路'.repeat(101) })).toThrow(/办公地址不能超过 100 个字/);
  });

  it('refuses a save made on an older copy (another window) with a Chinese sentence, and writes nothing', () => {
    const s = tempServices();
    const { b1 } = smallTree(s);
    const opened = s.orgs.get(b1.id);
    expect(opened.version).toBe(1);
    // The other window saves first.
    const other = s.orgs.update(b1.id, record(s, b1.id, { address: '另一个窗口填的地址' }), opened.version);
    expect(other.version).toBe(2);
    const auditBefore = s.orgs.auditOf(b1.id).length;
    let error: unknown;
    try {
      s.orgs.update(b1.id, record(s, b1.id, { address: '这个窗口填的地址', note: '这个窗口' }), opened.version);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'conflict', message: expect.stringContaining('这个组织刚被修改过，请重新打开后再改') });
    expect(s.orgs.get(b1.id)).toMatchObject({ address: '另一个窗口填的地址', note: null, version: 2 });
    expect(s.orgs.auditOf(b1.id)).toHaveLength(auditBefore);
    // Opened again, the save goes through; saving the same record again changes nothing and keeps the version.
    expect(s.orgs.update(b1.id, record(s, b1.id, { note: '这个窗口' }), 2).version).toBe(3);
    expect(s.orgs.update(b1.id, record(s, b1.id, { note: '这个窗口' }), 3).version).toBe(3);
    // Officers alone are a change too; 撤销 raises the version as well.
    expect(s.orgs.update(b1.id, record(s, b1.id, { officers: [{ memberId: null, name: '甲', role: 'secretary' }] }), 3).version).toBe(4);
    expect(s.orgs.dissolve({ id: b1.id, date: '2026-11-01', note: null }).version).toBe(5);
  });

  it("an organisation list imported while the form is open makes the form's save stale too", async () => {
    const s = tempServices();
    const { b1, community } = smallTree(s);
    const opened = s.orgs.get(b1.id);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('组织');
    ws.addRow(['组织名称', '组织类别', '上级组织', '联系电话']);
    ws.addRow([b1.name, '党支部', community.name, '010-22223333']);
    const file = path.join(tempDir(), 'orgs.xlsx');
    await wb.xlsx.writeFile(file);
    expect(s.orgImports.commit(fs.readFileSync(file), 'orgs.xlsx', { mode: 'valid' })).toMatchObject({ updated: 1 });
    expect(s.orgs.get(b1.id)).toMatchObject({ contactPhone: '010-22223333', version: opened.version + 1 });
    expect(() => s.orgs.update(b1.id, record(s, b1.id, { contactPhone: '010-1' }), opened.version)).toThrow(/这个组织刚被修改过/);
    expect(s.orgs.get(b1.id).contactPhone).toBe('010-22223333');
  });

  it('the stale save through the dispatcher: a conflict envelope the form can show', async () => {
    const s = tempServices();
    const { b1 } = smallTree(s);
    const dispatch = createDispatch(createHandlers(s, {} as never), () => {});
    const org = { name: b1.name, kind: 'branch', parentId: b1.parentId, address: '幸福路1号' };
    const first = await dispatch('orgs.update', { id: b1.id, expectedVersion: 1, org });
    expect(first).toMatchObject({ ok: true, value: { address: '幸福路1号', version: 2 } });
    const second = await dispatch('orgs.update', { id: b1.id, expectedVersion: 1, org: { ...org, address: '幸福路2号' } });
    expect(second).toEqual({ ok: false, error: { code: 'conflict', message: expect.stringContaining('这个组织刚被修改过') } });
    expect(s.orgs.get(b1.id).address).toBe('幸福路1号');
    // The form must say which copy it edits.
    const missing = await dispatch('orgs.update', { id: b1.id, org });
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
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

  it('支委会超过7人: 7 officers pass, 8 warn, on the record, in the tree and on the overview', () => {
    const s = tempServices();
    const { b1, b2 } = smallTree(s);
    fill(s, b1.id, 10);
    fill(s, b2.id, 10);
    const officers = (n: number) => Array.from({ length: n }, (_, i) => ({ memberId: null, name: `委员${i + 1}`, role: i ? ('member' as const) : ('secretary' as const) }));
    s.orgs.update(b1.id, record(s, b1.id, { officers: officers(7) }));
    s.orgs.update(b2.id, record(s, b2.id, { officers: officers(8) }));
    expect(s.orgs.get(b1.id).warnings).toEqual([]);
    expect(s.orgs.get(b2.id).warnings).toEqual([
      expect.objectContaining({ rule: 'committeeTooLarge', title: '支委会超过7人', facts: '登记了 8 名书记和委员，超过 7 人' }),
    ]);
    expect(s.orgs.list().find((o) => o.id === b2.id)!.warnings.map((w) => w.rule)).toEqual(['committeeTooLarge']);
    const committeeGroup = () => s.orgs.overview().groups.find((g) => g.rule === 'committeeTooLarge');
    expect(committeeGroup()).toMatchObject({ title: '支委会超过7人', items: [{ orgId: b2.id, orgName: '第二党支部', facts: '登记了 8 名书记和委员，超过 7 人' }] });
    // Back to 5: the warning goes.
    s.orgs.update(b2.id, record(s, b2.id, { officers: officers(5) }));
    expect(committeeGroup()).toBeUndefined();
    expect(s.orgs.get(b2.id).warnings).toEqual([]);
  });

  it('orgs list --json prints the nested tree with counts and warnings on stdout', () => {
    const s = tempServices();
    const { b1, retired } = smallTree(s);
    s.orgs.update(b1.id, record(s, b1.id, { address: '阳光社区居委会三楼' }));
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
    expect(community.children[0].address).toBe('阳光社区居委会三楼');
    expect(community.address).toBeNull();
    const text = cli(['--db', s.path, 'orgs', 'list']);
    expect(text.stdout).toContain('  阳光社区党委（社区党委）正式 2 预备 1');
  });
});
