/**
 * What `npm run build` produced, checked where Electron cannot run:
 * - the built preload, run in a sandbox-like context, puts exactly the contract's functions on window;
 * - the built main bundle carries the hardening (the CSP, the webPreferences, the refusals) from security/policy.ts;
 * - the files electron-builder would package (package.json "build".files over the tree) are the built app and
 *   package.json only — no sources, tests or data files — and every module the built main process imports at
 *   load time is a Node built-in, Electron, or a production dependency;
 * - in a real browser the served page carries the CSP, the CSP is enforced (a request elsewhere is blocked),
 *   and the page sees the bridge's functions and no Node.
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { minimatch } from 'minimatch';
import { test, expect } from './fixtures';
import { BRIDGE_GLOBAL, CHANNELS, IPC_PREFIX } from '../../shared/channels';
import { CSP, WEB_PREFERENCES } from '../../electron/security/policy';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  build: { files: string[] };
};

function walk(dir: string, skip: (rel: string) => boolean, out: string[] = []): string[] {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (skip(rel)) continue;
    if (e.isDirectory()) walk(rel, skip, out);
    else out.push(rel);
  }
  return out;
}

test('the built preload exposes exactly the contract\'s functions, each an invoke on its prefixed channel', async () => {
  const code = fs.readFileSync(path.join(ROOT, 'out/preload/preload.cjs'), 'utf8');
  const exposed = new Map<string, unknown>();
  const invoked: [string, unknown][] = [];
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (k: string, v: unknown) => exposed.set(k, v) },
    ipcRenderer: { invoke: async (c: string, i: unknown) => (invoked.push([c, i]), { ok: true, value: null }) },
  };
  const module = { exports: {} };
  // A sandboxed preload can require only 'electron' (and a few polyfilled built-ins); ours needs only that.
  vm.runInNewContext(code, { require: (m: string) => (required.push(m), m === 'electron' ? electron : undefined), module, exports: module.exports, console });
  expect(required).toEqual(['electron']);
  expect([...exposed.keys()]).toEqual([BRIDGE_GLOBAL]);
  const bridge = exposed.get(BRIDGE_GLOBAL) as Record<string, (i: unknown) => Promise<unknown>>;
  expect(Object.keys(bridge).sort()).toEqual([...CHANNELS].sort());
  for (const c of CHANNELS) await bridge[c]!({ c });
  expect(invoked).toEqual(CHANNELS.map((c) => [IPC_PREFIX + c, { c }]));
});

test('the built main process carries the hardening: CSP, webPreferences, refused navigation, windows and requests', () => {
  const files = walk('out/main', () => false).map((f) => fs.readFileSync(path.join(ROOT, f), 'utf8'));
  const main = files.join('\n');
  expect(main).toContain(CSP);
  for (const [k, v] of Object.entries(WEB_PREFERENCES)) expect(main, k).toMatch(new RegExp(`${k}:\\s*(${v}|!${v ? 0 : 1})`));
  for (const hook of ['setWindowOpenHandler', "'will-navigate'", "'will-redirect'", "'will-attach-webview'", 'onBeforeRequest', 'setPermissionRequestHandler', 'setPermissionCheckHandler'])
    expect(main.replaceAll('"', "'"), hook).toContain(hook);
  // Not a single place that could open the outside world from the main process.
  expect(main).not.toMatch(/openExternal\(/);
});

test('electron-builder\'s "files" select the built app and package.json only — no sources, tests or data', () => {
  expect(fs.existsSync(path.join(ROOT, 'out/main/main.js')), 'run npm run build first').toBe(true);
  // The tree as electron-builder sees it from the project folder; node_modules is its own step (production
  // dependencies only), .git and release/ are never candidates.
  const tree = walk('', (rel) => ['node_modules', '.git', 'release'].includes(rel.split('/')[0]!));
  const packaged = tree.filter((f) => pkg.build.files.some((g) => minimatch(f, g, { dot: true })));
  expect(packaged).toContain('package.json');
  for (const needed of [pkg.main, 'out/main/jobWorker.js', 'out/preload/preload.cjs', 'out/renderer/index.html']) expect(packaged, needed).toContain(needed);
  expect(packaged.filter((f) => f !== 'package.json' && !f.startsWith('out/'))).toEqual([]);
  const unwanted = packaged.filter((f) => /\.(ts|tsx|db|db-wal|db-shm|sqlite|djbak|xlsx|xls|csv|log|map)$/i.test(f) || /(^|\/)(tests?|fixtures|scripts|seed)\//.test(f) || /\.(test|spec)\.[cm]?js$/.test(f));
  expect(unwanted).toEqual([]);
  // The renderer loads what index.html names, all of it inside out/renderer.
  const html = fs.readFileSync(path.join(ROOT, 'out/renderer/index.html'), 'utf8');
  for (const [, ref] of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
    expect(ref, ref).toMatch(/^\.\//);
    expect(packaged).toContain(path.posix.join('out/renderer', ref!));
  }
});

test('every module the built main process loads at start is Node\'s, Electron\'s, or a production dependency', () => {
  const deps = new Set(Object.keys(pkg.dependencies));
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  const missing: string[] = [];
  for (const f of walk('out/main', () => false).filter((x) => x.endsWith('.js'))) {
    const code = fs.readFileSync(path.join(ROOT, f), 'utf8');
    // Static imports only: they fail the start when absent (an optional require() in a try is not one).
    for (const [, spec] of code.matchAll(/^\s*import\s+(?:[^'";]+?\s+from\s+)?["']([^"']+)["']/gm)) {
      if (spec!.startsWith('.') || spec === 'electron' || builtins.has(spec!)) continue;
      const name = spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!;
      if (!deps.has(name)) missing.push(`${f}: ${spec}`);
    }
  }
  expect(missing).toEqual([]);
});

test('in the browser: the page carries the CSP and the CSP is enforced; the page sees the bridge and no Node', async ({ browser, webApp }) => {
  // A context of its own: this test tries requests elsewhere on purpose, which the fixture's check would count.
  const context = await browser.newContext();
  const page = await context.newPage();
  const res = await page.goto(webApp.url);
  expect(res!.headers()['content-security-policy']).toBe(CSP);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CSP);
  const seen = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const tries = await Promise.allSettled([
      fetch('http://example.com/ping'),
      fetch(`http://127.0.0.1:${Number(location.port) + 1}/`),
      new Promise((resolve, reject) => {
        const img = new Image();
        img.onload = resolve;
        img.onerror = reject;
        img.src = 'https://example.com/pixel.png';
      }),
    ]);
    let evalRan = false;
    try {
      // eslint-disable-next-line no-new-func
      evalRan = new Function('return true')() as boolean;
    } catch {
      evalRan = false;
    }
    await new Promise((r) => setTimeout(r, 100));
    const w = window as unknown as Record<string, unknown>;
    return {
      fetches: tries.map((t) => t.status),
      evalRan,
      violations,
      bridge: Object.keys(w['dangjian'] as object).sort(),
      node: [typeof w['require'], typeof w['process'], typeof w['module']],
    };
  });
  expect(seen.fetches).toEqual(['rejected', 'rejected', 'rejected']);
  expect(seen.evalRan).toBe(false);
  expect(seen.violations.some((v) => v.startsWith('connect-src'))).toBe(true);
  expect(seen.violations.some((v) => v.startsWith('img-src'))).toBe(true);
  expect(seen.bridge).toEqual([...CHANNELS].sort());
  expect(seen.node).toEqual(['undefined', 'undefined', 'undefined']);
  await context.close();
});

test('the fixture that watches every spec catches a request outside the server (this test is meant to fail)', async ({ page, webApp }) => {
  test.fail(true, 'the page asks another port on loopback: the fixture must fail the test');
  await page.goto(webApp.url);
  await expect(page.getByRole('menuitem', { name: '党员名册' })).toBeVisible();
  await page.evaluate((port) => {
    const img = new Image();
    img.src = `http://127.0.0.1:${port}/probe.png`;
  }, Number(new URL(webApp.url).port) + 1);
  await page.waitForTimeout(200);
});
