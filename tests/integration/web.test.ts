import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../electron/app';
import { startWebServer, type WebServer, MAX_BODY_BYTES } from '../../electron/web/server';
import { tempDir, tempServices } from './helpers';

let server: WebServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start() {
  const s = tempServices();
  const outer = tempDir();
  const dir = path.join(outer, 'renderer');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(outer, 'secret.txt'), 'secret');
  server = await startWebServer({ dispatch: createAppCore(s.db, s.path).dispatch, rendererDir: dir, port: 0 });
  return { s, server };
}

/** A raw request, so Host and Origin can be set to anything. */
function request(opts: { port: number; path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: opts.port, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' || (e as NodeJS.ErrnoException).code === 'EPIPE' ? resolve({ status: 413, body: 'reset' }) : reject(e)));
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const json = { 'Content-Type': 'application/json' };

describe('browser mode over loopback HTTP', () => {
  it('listens on 127.0.0.1 with a random token and serves the page with the bridge', async () => {
    const { server } = await start();
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/[A-Za-z0-9_-]{20,}/$`));
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script src="./bridge.js"></script>');
    const bridge = await (await fetch(new URL('bridge.js', server.url))).text();
    expect(bridge).toContain('"members.list"');
    expect((await fetch(new URL('assets/app.js', server.url))).status).toBe(200);
  });

  it('answers the contract with result envelopes', async () => {
    const { server } = await start();
    const r = await fetch(new URL('api/app.info', server.url), { method: 'POST', headers: json, body: '{}' });
    expect(await r.json()).toMatchObject({ ok: true, value: { name: '社区党建工作台' } });
    const bad = await fetch(new URL('api/members.get', server.url), { method: 'POST', headers: json, body: '{"id":"x"}' });
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknown = await fetch(new URL('api/members.drop', server.url), { method: 'POST', headers: json, body: '{}' });
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('refuses requests without the token, with a wrong token, or outside the renderer folder', async () => {
    const { server } = await start();
    const host = { Host: `127.0.0.1:${server.port}` };
    expect((await request({ port: server.port, path: '/', headers: host })).status).toBe(403);
    expect((await request({ port: server.port, path: '/index.html', headers: host })).status).toBe(403);
    expect((await request({ port: server.port, path: '/wrongtoken/api/app.info', method: 'POST', headers: { ...host, ...json }, body: '{}' })).status).toBe(403);
    expect((await request({ port: server.port, path: `/${server.token.slice(0, -1)}/`, headers: host })).status).toBe(403);
    // Escapes from the renderer folder: an encoded slash is decoded after the check (404); dot segments are
    // folded by the URL parser before it, which drops the token (403). Neither serves the file.
    const sibling = await request({ port: server.port, path: `/${server.token}/..%2Fsecret.txt`, headers: host });
    expect(sibling.status).toBe(404);
    const dots = await request({ port: server.port, path: `/${server.token}/%2e%2e/%2e%2e/etc/passwd`, headers: host });
    expect(dots.status).toBe(403);
    expect(dots.body).not.toContain('root:');
  });

  it('refuses a foreign Host or Origin (DNS rebinding, other sites)', async () => {
    const { server } = await start();
    const p = `/${server.token}/api/app.info`;
    const evilHost = await request({ port: server.port, path: p, method: 'POST', headers: { Host: `evil.example:${server.port}`, ...json }, body: '{}' });
    expect(evilHost.status).toBe(403);
    const evilOrigin = await request({
      port: server.port,
      path: p,
      method: 'POST',
      headers: { Host: `127.0.0.1:${server.port}`, Origin: 'http://evil.example', ...json },
      body: '{}',
    });
    expect(evilOrigin.status).toBe(403);
    const ok = await request({
      port: server.port,
      path: p,
      method: 'POST',
      headers: { Host: `127.0.0.1:${server.port}`, Origin: `http://127.0.0.1:${server.port}`, ...json },
      body: '{}',
    });
    expect(ok.status).toBe(200);
  });

  it('refuses oversized bodies, bad JSON, and non-JSON content types, changing nothing', async () => {
    const { server, s } = await start();
    const host = { Host: `127.0.0.1:${server.port}`, ...json };
    const p = `/${server.token}/api/orgs.create`;
    const big = JSON.stringify({ org: { name: 'x'.repeat(MAX_BODY_BYTES + 10), kind: 'branch', parentId: null } });
    expect((await request({ port: server.port, path: p, method: 'POST', headers: host, body: big })).status).toBe(413);
    const badJson = await request({ port: server.port, path: p, method: 'POST', headers: host, body: '{"org":' });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body).error.message).toMatch(/[\u4e00-\u9fff]/);
    const form = await request({
      port: server.port,
      path: p,
      method: 'POST',
      headers: { Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(form.status).toBe(415);
    expect((await request({ port: server.port, path: p, headers: host })).status).toBe(405);
    expect(s.orgs.list()).toEqual([]);
  });
});
