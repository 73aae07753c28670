/**
 * Every channel of the contract, driven through the real dispatcher (electron/handlers.ts, as createAppCore
 * builds it for both transports) with random and hostile input: wrong types, huge strings, __proto__ /
 * constructor / prototype keys, deep nesting, values only Electron's structured clone carries (BigInt, Map,
 * Date, typed arrays). Each malformed input must come back as an error envelope with a short Chinese message
 * (never 'internal', never a throw), the database must be byte-for-byte the same (a checksum of every table),
 * and no prototype may be polluted. Then the same while the app is locked. Then raw hostile bodies over browser
 * mode's HTTP.
 *
 * Deterministic: a seeded generator (FUZZ_SEED=<n> to try another; the seed is in the test name).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createAppCore } from '../../electron/app';
import { OPEN_WHILE_LOCKED } from '../../electron/security/service';
import { startWebServer } from '../../electron/web/server';
import { CHANNELS, contract, type Channel, type Envelope } from '../../shared/contract';
import { idFor, memberFixture, smallTree, tempDir, tempServices } from './helpers';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261126);
const PER_CHANNEL = Number(process.env['FUZZ_RUNS'] ?? 40);
const CHINESE = /[\u4e00-\u9fff]/;

/** mulberry32: small, seedable, good enough to pick hostile values. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function deepArray(depth: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}
function deepObject(depth: number, key = 'a'): unknown {
  let v: unknown = {};
  for (let i = 0; i < depth; i++) v = { [key]: v };
  return v;
}
/** An object whose own key is "__proto__", as JSON.parse and structured clone make it (a literal would set the prototype). */
function ownProto(value: unknown): Record<string, unknown> {
  return JSON.parse(`{"__proto__": ${JSON.stringify(value)}}`) as Record<string, unknown>;
}

const HUGE = 'x'.repeat(2_000_000);
const HUGE_CJK = '党'.repeat(300_000);

/** Values no field of any contract schema accepts as a whole input. */
function hostileValues(r: () => number): unknown[] {
  return [
    undefined,
    null,
    true,
    0,
    -1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -1e308,
    2 ** 53 + 1,
    10n ** 30n,
    '',
    'x',
    HUGE,
    HUGE_CJK,
    '\u0000\uFFFF\uD800',
    "'; DROP TABLE members; --",
    '../../../../etc/passwd',
    [],
    [{}],
    Array.from({ length: 10_000 }, () => 1),
    deepArray(5_000),
    deepObject(5_000),
    deepObject(200, '__proto__'),
    ownProto({ polluted: 'yes' }),
    { constructor: { prototype: { polluted: 'yes' } } },
    { prototype: { polluted: 'yes' } },
    Object.assign(Object.create(null), { id: 'one', extra: 1 }),
    new Date(0),
    new Map([['id', 1]]),
    new Set([1]),
    new Uint8Array(16),
    new ArrayBuffer(8),
    /x/g,
    Math.floor(r() * 1e9) - 5e8,
    String.fromCharCode(...Array.from({ length: 32 }, () => Math.floor(r() * 0xffff))),
  ];
}

/** The heavy values, made once (nothing mutates them). */
const DEEP_ARRAY = deepArray(2_000);
const DEEP_OBJECT = deepObject(2_000);
const MANY_OBJECTS = Array.from({ length: 5_000 }, (_, i) => ({ i, ...ownProto({ polluted: 'yes' }) }));

/** A value for one field: mostly the wrong type, sometimes nasty in the right type (huge, negative, nested). */
function hostileField(r: () => number): unknown {
  const pool: (() => unknown)[] = [
    () => null,
    () => HUGE,
    () => -1,
    () => 1.5,
    () => Number.NaN,
    () => 10n,
    () => [HUGE],
    () => ({ id: '1' }),
    () => ownProto({ polluted: 'yes' }),
    () => ({ constructor: { prototype: { polluted: 'yes' } } }),
    () => DEEP_ARRAY,
    () => DEEP_OBJECT,
    () => MANY_OBJECTS,
    () => ({ '0': 'name', constructor: 'name', __defineGetter__: 'x', toString: 'x', hasOwnProperty: 'x' }),
    () => new Date(Number.NaN),
    () => new Map([['__proto__', { polluted: 'yes' }]]),
    () => true,
    () => 'x'.repeat(Math.floor(r() * 5000)),
  ];
  return pool[Math.floor(r() * pool.length)]!();
}

/** The top-level keys a channel's input schema knows (every schema is an object at the top). */
function shapeKeys(schema: z.ZodType): string[] {
  let s = schema as unknown as { def: { type: string; in?: unknown; innerType?: unknown }; shape?: Record<string, unknown> };
  for (let i = 0; i < 10 && s.def.type !== 'object'; i++) s = (s.def.in ?? s.def.innerType) as typeof s;
  return s.shape ? Object.keys(s.shape) : [];
}

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'toString', 'valueOf', '', 'x'.repeat(10_000), '键'];

function withExtraKey(obj: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  // defineProperty makes an own "__proto__" key, as a parsed JSON body or a structured clone would carry it.
  Object.defineProperty(obj, key, { value, enumerable: true, configurable: true, writable: true });
  return obj;
}

/** Inputs for one channel: whole hostile values, its own keys with hostile values, plus an unknown key each time. */
function inputsFor(channel: Channel, r: () => number): unknown[] {
  const keys = shapeKeys(contract[channel].input);
  const out: unknown[] = [...hostileValues(r)];
  for (let i = 0; i < PER_CHANNEL; i++) {
    const obj: Record<string, unknown> = {};
    for (const k of keys) if (r() < 0.8) obj[k] = hostileField(r);
    // Every such object also carries a key the (strict) schema does not know, so it is malformed for sure.
    out.push(withExtraKey(obj, EXTRA_KEYS[Math.floor(r() * EXTRA_KEYS.length)]!, hostileField(r)));
    // And without it: malformed by its values alone, unless the schema accepts them (then it is not malformed
    // input and is left out: calling a writing channel with valid input would rightly change the database).
    const plain: Record<string, unknown> = {};
    for (const k of keys) plain[k] = hostileField(r);
    if (!contract[channel].input.safeParse(plain).success) out.push(plain);
  }
  return out;
}

/** SHA-256 over every table's rows (sorted), the schema and the version: any change to the file shows. */
function checksum(db: import('better-sqlite3').Database): string {
  const h = crypto.createHash('sha256');
  h.update(String(db.pragma('user_version', { simple: true })));
  const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string; sql: string }[];
  for (const t of tables) {
    h.update(t.name).update(t.sql ?? '');
    const rows = (db.prepare(`SELECT * FROM "${t.name.replaceAll('"', '""')}"`).raw().all() as unknown[][]).map((row) =>
      JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('base64') : v)),
    );
    rows.sort();
    for (const row of rows) h.update(row);
  }
  return h.digest('hex');
}

const PROTOTYPES: [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
];
function prototypeShapes(): Record<string, string[]> {
  return Object.fromEntries(PROTOTYPES.map(([n, p]) => [n, Reflect.ownKeys(p).map(String).sort()]));
}

function expectRefused(channel: string, r: Envelope<unknown>, codes: string[]): void {
  expect(r.ok, `${channel} accepted a malformed input`).toBe(false);
  if (r.ok) return;
  expect(codes, `${channel}: ${r.error.code} ${r.error.message}`).toContain(r.error.code);
  expect(r.error.message).toMatch(CHINESE);
  expect(r.error.message.length, `${channel}: ${r.error.message.slice(0, 200)}`).toBeLessThan(300);
  // Nothing of the program leaks into the sentence (a label looked up by a key like "constructor" would).
  expect(r.error.message).not.toMatch(/native code|function|undefined|\[object|NaN|Error/);
  for (const [k, m] of Object.entries(r.error.fieldErrors ?? {})) {
    expect(typeof m, `${channel} fieldErrors.${k}`).toBe('string');
    expect(m, `${channel} fieldErrors.${k}`).toMatch(CHINESE);
    expect(m, `${channel} fieldErrors.${k}`).not.toMatch(/native code|function|\[object/);
  }
  // The envelope crosses both transports: it must survive JSON.
  expect(() => JSON.stringify(r)).not.toThrow();
}

function world() {
  const s = tempServices();
  const tree = smallTree(s);
  const a = s.members.create(memberFixture({ branchId: tree.b1.id }));
  s.members.create(memberFixture({ name: '李四', idNumber: idFor('1950-01-01', 11), branchId: tree.b2.id, tags: ['retiredWorker'] }));
  s.members.exit({ id: a.id, reason: 'deceased', date: '2026-01-01', note: null });
  const logged: unknown[] = [];
  const core = createAppCore(s.db, s.path, { actor: 'fuzz', log: (e) => logged.push(e) });
  return { s, core, logged };
}

describe(`fuzzing every channel through the dispatcher (seed ${SEED})`, () => {
  it('answers every malformed input with a Chinese error envelope, changes nothing and pollutes no prototype', async () => {
    const { s, core, logged } = world();
    const protoBefore = prototypeShapes();
    const r = rng(SEED);
    let calls = 0;
    for (const channel of CHANNELS) {
      const before = checksum(s.db);
      for (const input of inputsFor(channel, r)) {
        const env = await core.dispatch(channel, input);
        calls++;
        expectRefused(channel, env, ['invalid_input']);
      }
      expect(checksum(s.db), `${channel} changed the database`).toBe(before);
    }
    expect(calls).toBeGreaterThan(CHANNELS.length * PER_CHANNEL);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(prototypeShapes()).toEqual(protoBefore);
    // Nothing went wrong inside (a failure there would be logged and answered as 'internal').
    expect(logged).toEqual([]);
  }, 120_000);

  it('while locked, refuses every channel but the unlock screen\'s whatever the input, and the lock screen\'s own channels still refuse bad input', async () => {
    const { s, core } = world();
    await core.services.security.setPassword({ password: 'fuzz-password' });
    core.services.security.lock();
    const before = checksum(s.db);
    const r = rng(SEED + 1);
    for (const channel of CHANNELS) {
      const open = OPEN_WHILE_LOCKED.has(channel);
      for (const input of inputsFor(channel, r).slice(0, 12)) {
        expectRefused(channel, await core.dispatch(channel, input), open ? ['invalid_input'] : ['locked']);
      }
      if (!open) {
        // Valid-looking input is refused as well: the lock does not depend on what is asked.
        expectRefused(channel, await core.dispatch(channel, {}), ['locked']);
      }
    }
    expect(checksum(s.db)).toBe(before);
    expect(core.services.security.status()).toMatchObject({ locked: true, failedAttempts: 0 });
  }, 120_000);

  it('unknown channels, prototype names as channels, and non-string channels are refused', async () => {
    const { s, core } = world();
    const before = checksum(s.db);
    for (const c of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'members.list ', 'MEMBERS.LIST', 'members', 'members.delete', '', HUGE, 1, null, undefined, ['members.list'], { toString: () => 'members.list' }]) {
      const env = await core.dispatch(c, {});
      expectRefused(String(c).slice(0, 40), env, ['unknown_channel']);
    }
    expect(checksum(s.db)).toBe(before);
  });

  it('browser mode: hostile bodies over HTTP for every channel — broken JSON, deep nesting, own __proto__ keys — refused, nothing changed', async () => {
    const { s, core } = world();
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    const server = await startWebServer({ dispatch: core.dispatch, rendererDir: dir, port: 0 });
    const before = checksum(s.db);
    const protoBefore = prototypeShapes();
    const bodies = [
      '',
      '{',
      'null',
      '"x"',
      '[]',
      '{"__proto__":{"polluted":"yes"}}',
      '{"constructor":{"prototype":{"polluted":"yes"}}}',
      '['.repeat(100_000) + ']'.repeat(100_000),
      '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000),
      JSON.stringify({ id: 'x'.repeat(900_000) }),
    ];
    try {
      for (const channel of CHANNELS) {
        for (const body of bodies) {
          const res = await fetch(new URL(`api/${channel}`, server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
          const env = (await res.json()) as Envelope<unknown>;
          expectRefused(channel, env, ['invalid_input', 'too_large']);
        }
      }
    } finally {
      await server.close();
    }
    expect(checksum(s.db)).toBe(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(prototypeShapes()).toEqual(protoBefore);
  }, 120_000);
});
