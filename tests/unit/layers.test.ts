import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(rel));
    else if (/\.(ts|tsx)$/.test(e.name)) out.push(rel);
  }
  return out;
}

function imports(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g)].map(
    (m) => m[1] ?? m[2] ?? m[3]!,
  );
}

function resolved(file: string, spec: string): string {
  return spec.startsWith('.') ? path.relative(root, path.resolve(root, path.dirname(file), spec)) : spec;
}

describe('layers: the data path reads one way', () => {
  it('renderer/ never imports electron/ or Node built-ins', () => {
    for (const f of sources('renderer')) {
      for (const spec of imports(f)) {
        const r = resolved(f, spec);
        expect(r.startsWith('electron/') || r === 'electron', `${f} imports ${spec}`).toBe(false);
        expect(/^node:|^(fs|path|os|child_process|better-sqlite3)$/.test(spec), `${f} imports ${spec}`).toBe(false);
      }
    }
  });

  it('shared/ imports neither electron/ nor renderer/, nor anything of Node', () => {
    for (const f of sources('shared')) {
      for (const spec of imports(f)) {
        const r = resolved(f, spec);
        expect(r.startsWith('electron/') || r.startsWith('renderer/') || spec === 'electron', `${f} imports ${spec}`).toBe(false);
        expect(/^node:|^(fs|path|os|better-sqlite3|kysely)$/.test(spec), `${f} imports ${spec}`).toBe(false);
      }
    }
  });

  it('electron/ never imports renderer/', () => {
    for (const f of sources('electron')) {
      for (const spec of imports(f)) expect(resolved(f, spec).startsWith('renderer/'), `${f} imports ${spec}`).toBe(false);
    }
  });

  it('the preload loads only electron and the channel list at run time, and exposes no ipcRenderer', () => {
    const text = fs.readFileSync(path.join(root, 'electron/preload.ts'), 'utf8');
    const runtime = [...text.matchAll(/^import (?!type )[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    expect(runtime.sort()).toEqual(['../shared/channels', 'electron']);
    expect(text).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
    expect(text).toContain('satisfies Bridge');
  });
});
