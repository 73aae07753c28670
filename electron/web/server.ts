import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { BRIDGE_GLOBAL, CHANNELS } from '../../shared/contract';
import type { Dispatch } from '../handlers';
import { CSP } from '../security/policy';

/** Browser mode's request limit: far above any real form, far below anything that could hurt. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Channels that carry a spreadsheet (base64 of at most 64 MB). */
export const MAX_FILE_BODY_BYTES = 90 * 1024 * 1024;
const FILE_CHANNELS = new Set(['import.preview', 'import.commit', 'orgs.importPreview', 'orgs.importCommit', 'minutes.attach', 'minutes.stage']);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface WebServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Browser mode: the built renderer and the same handlers over loopback HTTP.
 * Every URL starts with a random per-run token (/<token>/…), so the page's relative URLs carry it;
 * requests without it, or with a Host or Origin that is not this server, are refused. Bound to 127.0.0.1 only.
 */
export async function startWebServer(opts: { dispatch: Dispatch; rendererDir: string; port: number }): Promise<WebServer> {
  const token = crypto.randomBytes(18).toString('base64url');
  const indexFile = path.join(opts.rendererDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    throw new Error(`找不到已构建的界面文件 ${indexFile}。请先运行 npm run build。`);
  }
  const root = path.resolve(opts.rendererDir);
  let port = opts.port;

  const bridgeJs = `"use strict";(function(){var base=new URL("./api/",document.baseURI);var api={};` +
    `${JSON.stringify(CHANNELS)}.forEach(function(c){api[c]=function(input){return fetch(new URL(c,base),` +
    `{method:"POST",headers:{"Content-Type":"application/json"},body:JSON.stringify(input===undefined?null:input)})` +
    `.then(function(r){return r.json();});};});Object.freeze(api);` +
    `Object.defineProperty(window,${JSON.stringify(BRIDGE_GLOBAL)},{value:api,writable:false,configurable:false});})();`;

  const server = http.createServer((req, res) => {
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, {
        'Content-Type': type,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'X-Frame-Options': 'DENY',
        // The desktop app's policy: the page loads and talks to this server only.
        'Content-Security-Policy': CSP,
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Resource-Policy': 'same-origin',
      });
      res.end(body);
    };
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) return send(403, '拒绝访问：主机名不正确');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) return send(403, '拒绝访问：来源不正确');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const prefix = `/${token}/`;
    if (!url.pathname.startsWith(prefix)) return send(403, '拒绝访问：缺少或错误的访问令牌');
    const rest = url.pathname.slice(prefix.length);

    if (rest.startsWith('api/')) {
      if (req.method !== 'POST') return send(405, '只接受 POST');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(415, '只接受 JSON');
      const channel = decodeURIComponent(rest.slice(4));
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > (FILE_CHANNELS.has(channel) ? MAX_FILE_BODY_BYTES : MAX_BODY_BYTES)) {
          tooLarge = true;
          req.destroy();
        } else chunks.push(c);
      });
      req.on('close', () => {
        if (tooLarge && !res.headersSent)
          send(413, JSON.stringify({ ok: false, error: { code: 'too_large', message: '提交的内容太大，操作没有执行。' } }), 'application/json');
      });
      req.on('end', () => {
        if (tooLarge) return;
        let input: unknown;
        try {
          input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return send(400, JSON.stringify({ ok: false, error: { code: 'invalid_input', message: '提交的内容不是有效的数据，操作没有执行。' } }), 'application/json');
        }
        void opts.dispatch(channel, input).then((result) => send(200, JSON.stringify(result), 'application/json; charset=utf-8'));
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, '不支持的请求');
    if (rest === 'bridge.js') return send(200, bridgeJs, TYPES['.js']);
    const rel = rest === '' ? 'index.html' : decodeURIComponent(rest);
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) return send(404, '找不到');
    fs.readFile(file, (err, data) => {
      if (err) return send(404, '找不到');
      if (rel === 'index.html') {
        // The bridge is a classic script, so it runs before the page's module and the page finds it on window.
        const html = data.toString('utf8').replace('</head>', '  <script src="./bridge.js"></script>\n  </head>');
        return send(200, html, TYPES['.html']);
      }
      send(200, data, TYPES[path.extname(file)] ?? 'application/octet-stream');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/${token}/`,
    token,
    port,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
