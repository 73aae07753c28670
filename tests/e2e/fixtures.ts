import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface WebApp {
  /** The page's URL, token included. */
  url: string;
  dbPath: string;
  /** Calls a contract channel over the same loopback transport the page uses; returns the envelope. */
  call<T = unknown>(channel: string, input?: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string; fieldErrors?: Record<string, string> } }>;
  /** Calls a channel and returns its value, failing the test on an error envelope. */
  must<T = unknown>(channel: string, input?: unknown): Promise<T>;
}

/** Starts browser mode (npm run web) on a fresh database file in a temp folder, once per worker. */
export async function startWebApp(): Promise<{ app: WebApp; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-e2e-'));
  const dbPath = path.join(dir, 'test.db');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/web.ts', '--port', '0', '--db', dbPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`browser mode did not start: ${stderr}`)), 30_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /ready: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`browser mode exited (${code}): ${stderr}`)));
  });
  const call: WebApp['call'] = async (channel, input = {}) => {
    const r = await fetch(new URL(`api/${channel}`, url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    return r.json();
  };
  const must: WebApp['must'] = async (channel, input) => {
    const r = await call(channel, input);
    if (!r.ok) throw new Error(`${channel} failed: ${r.error.message}`);
    return r.value as never;
  };
  return {
    app: { url, dbPath, call, must },
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A request the page may make: to the browser-mode server it was opened from (same scheme, host and port),
 * or data:/blob: made in the page. Anything else — another port on loopback included — is a network request
 * the app must not make.
 */
export function isOwnRequest(url: string, serverOrigin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    return new URL(url).origin === serverOrigin;
  } catch {
    return false;
  }
}

export const test = base.extend<object, { webApp: WebApp }>({
  webApp: [
    async ({}, use) => {
      const { app, stop } = await startWebApp();
      await use(app);
      await stop();
    },
    { scope: 'worker' },
  ],
  // Every spec, every page: the app requests nothing but its own server's files and API (issue 8: "the app
  // makes no network request of any kind"). Requests, web sockets and popups are all recorded; one outside
  // the server's origin fails the test that made it.
  context: async ({ context, webApp }, use) => {
    const origin = new URL(webApp.url).origin;
    const outside: string[] = [];
    context.on('request', (r) => {
      if (!isOwnRequest(r.url(), origin)) outside.push(`${r.method()} ${r.url()}`);
    });
    const watch = (p: import('@playwright/test').Page) => p.on('websocket', (ws) => outside.push(`websocket ${ws.url()}`));
    context.on('page', watch);
    for (const p of context.pages()) watch(p);
    await use(context);
    expect(outside, `页面向本机服务以外的地址发出了请求：\n${outside.join('\n')}`).toEqual([]);
  },
});
export { expect };
