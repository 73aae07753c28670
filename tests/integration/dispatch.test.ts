import { describe, expect, it } from 'vitest';
import { createDispatch, createHandlers } from '../../electron/handlers';
import { JobRunner } from '../../electron/jobs/runner';
import { CHANNELS } from '../../shared/contract';
import { memberFixture, smallTree, tempServices } from './helpers';

function setup() {
  const s = tempServices();
  const tree = smallTree(s);
  const logged: unknown[] = [];
  const dispatch = createDispatch(createHandlers(s, new JobRunner(s, null)), (e) => logged.push(e));
  const snapshot = () =>
    JSON.stringify([
      s.db.prepare('SELECT * FROM members ORDER BY id').all(),
      s.db.prepare('SELECT * FROM organisations ORDER BY id').all(),
      s.db.prepare('SELECT count(*) FROM audit_log').get(),
    ]);
  return { s, tree, dispatch, snapshot, logged };
}

const CHINESE = /[\u4e00-\u9fff]/;

describe('every channel rejects malformed input with a clear error and no change', () => {
  const bad: unknown[] = [
    undefined,
    null,
    42,
    'text',
    [],
    { id: '1' },
    { id: -1 },
    { id: 1.5 },
    { member: null },
    { member: { name: 'x'.repeat(1_000_000) } },
    { org: { name: '', kind: 'nonsense', parentId: null } },
    { page: 'all' },
    { pageSize: 1_000_000 },
    { q: '张'.repeat(10_000) },
    { tags: ['notATag'] },
    { sortField: 'id_number; DROP TABLE members' },
    { unexpected: true },
    { __proto__: { polluted: true } },
  ];
  for (const channel of CHANNELS) {
    it(channel, async () => {
      const { dispatch, snapshot } = setup();
      const before = snapshot();
      for (const input of bad) {
        const r = await dispatch(channel, input);
        // Channels with no input accept the empty object only.
        if (r.ok) {
          expect(['app.info', 'orgs.list', 'members.list']).toContain(channel);
          continue;
        }
        expect(['invalid_input', 'validation', 'not_found']).toContain(r.error.code);
        expect(r.error.message).toMatch(CHINESE);
        expect(r.error.message.length).toBeLessThan(300);
      }
      expect(snapshot()).toBe(before);
    });
  }

  it('answers unknown channels, including prototype names, with unknown_channel', async () => {
    const { dispatch } = setup();
    for (const c of ['members.delete', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 7, null, { c: 1 }]) {
      const r = await dispatch(c, {});
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('unknown_channel');
        expect(r.error.message).toMatch(CHINESE);
      }
    }
  });

  it('reports a member form\'s problems per field, in Chinese, and saves nothing', async () => {
    const { dispatch, snapshot, tree } = setup();
    const before = snapshot();
    const r = await dispatch('members.create', {
      member: { ...memberFixture({ branchId: tree.b1.id }), idNumber: '110105198001011230', sex: 'female', joinedOn: '2010-01-01', confirmedOn: '2009-01-01' },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation');
    expect(Object.keys(r.error.fieldErrors ?? {})).toEqual(expect.arrayContaining(['idNumber', 'confirmedOn']));
    for (const m of Object.values(r.error.fieldErrors ?? {})) expect(m).toMatch(CHINESE);
    expect(snapshot()).toBe(before);
  });

  it('maps schema errors onto the member form\'s field names', async () => {
    const { dispatch } = setup();
    const r = await dispatch('members.create', { member: { ...memberFixture(), joinedOn: '2003-13-01', name: '' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.fieldErrors).toMatchObject({ joinedOn: expect.stringMatching(CHINESE), name: '请填写姓名' });
    expect(r.error.message).toContain('加入党组织日期');
  });

  it('hides internal failures behind a Chinese sentence and logs them', async () => {
    const { dispatch, s, logged } = setup();
    s.db.close();
    const r = await dispatch('members.list', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!r.ok) {
      expect(r.error.message).toMatch(CHINESE);
      expect(r.error.message).not.toMatch(/at |Error|database/);
    }
    expect(logged).toHaveLength(1);
  });

  it('round-trips a real member through the dispatcher', async () => {
    const { dispatch, tree } = setup();
    const created = await dispatch('members.create', { member: memberFixture({ branchId: tree.b1.id }) });
    expect(created.ok).toBe(true);
    const list = await dispatch('members.list', { q: 'zs' });
    expect(list).toMatchObject({ ok: true, value: { total: 1 } });
  });
});
