/**
 * Importing old minutes: the page uploads the chosen files (or a folder's) into a staging folder, the preview reads
 * each one (text, guessed type, date and title, a duplicate of one imported before), the clerk confirms or corrects
 * them, and the commit stores each file in the archive and writes every record in one transaction. Files that
 * cannot be read are listed with the reason and skipped. The command line imports files or a folder directly.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MinutesImportCommitInput, MinutesImportItem, MinutesImportPreview, MinutesImportResult, StagedFile } from '../../shared/minutes';
import { todayIso } from '../../shared/rules/idNumber';
import type { Sqlite } from '../db/connection';
import { ServiceError } from '../errors';
import { sha256 } from './archive';
import { extractText, type Extracted } from './extract';
import { guessFromFile } from './guess';
import type { MinutesService, PreparedFile } from './service';

export type Progress = (stage: string, done: number, total: number) => void;

/** The longest minutes text kept in the record itself; the rest stays searchable as the original file's text. */
const MINUTES_MAX = 200_000;
const STAGE_KEEP_MS = 24 * 3600 * 1000;

interface Entry {
  fileName: string;
  bytes: Uint8Array;
  sha: string;
}

export class MinutesImportService {
  readonly stagingDir: string;

  constructor(
    private readonly db: Sqlite,
    dbPath: string,
    private readonly minutes: MinutesService,
    private readonly now: () => Date,
  ) {
    // Outside the data folder (backups take that folder), one per database file, shared with the job worker.
    this.stagingDir = path.join(os.tmpdir(), `dangjian-minutes-${crypto.createHash('sha256').update(path.resolve(dbPath)).digest('hex').slice(0, 12)}`);
  }

  /** Keeps uploaded files until the preview and the commit read them (a day at most). */
  stage(files: { fileName: string; bytes: Uint8Array }[]): StagedFile[] {
    fs.mkdirSync(this.stagingDir, { recursive: true });
    this.sweep();
    return files.map((f) => {
      const token = sha256(f.bytes);
      const file = path.join(this.stagingDir, token);
      if (!fs.existsSync(file)) {
        fs.writeFileSync(`${file}.tmp`, f.bytes);
        fs.renameSync(`${file}.tmp`, file);
      }
      return { token, fileName: f.fileName, size: f.bytes.length };
    });
  }

  async preview(files: { token: string; fileName: string }[], progress: Progress = () => {}): Promise<MinutesImportPreview> {
    const items: MinutesImportItem[] = [];
    for (let i = 0; i < files.length; i++) {
      progress('读取文件', i, files.length);
      const f = files[i]!;
      const bytes = this.staged(f.token);
      if (!bytes) items.push(unreadable(f.token, f.fileName, '文件已过期，请重新选择'));
      else {
        const { extracted: _, ...item } = await this.look({ fileName: f.fileName, bytes, sha: f.token });
        items.push(item);
      }
    }
    progress('读取文件', files.length, files.length);
    return { items };
  }

  /** Writes the confirmed items; a cancel (progress throwing) before the end writes nothing. */
  async commit(items: MinutesImportCommitInput['items'], progress: Progress = () => {}): Promise<MinutesImportResult> {
    const entries: (Entry & { confirmed: MinutesImportCommitInput['items'][number] })[] = [];
    const skipped: MinutesImportResult['skipped'] = [];
    for (const it of items) {
      const bytes = this.staged(it.token);
      if (!bytes) skipped.push({ fileName: it.fileName, reason: '文件已过期，请重新选择后再导入' });
      else entries.push({ fileName: it.fileName, bytes, sha: it.token, confirmed: it });
    }
    const result = await this.write(entries, (e) => e.confirmed, progress);
    for (const c of result.created) {
      const token = entries.find((e) => e.fileName === c.fileName)?.sha;
      if (token) fs.rmSync(path.join(this.stagingDir, token), { force: true });
    }
    return { created: result.created, skipped: [...skipped, ...result.skipped] };
  }

  /**
   * The command line: every file named, and every file in a folder named (and its subfolders), imported with the
   * guessed type, date and title. Files without a date in the name or the first lines are skipped with the reason.
   */
  async importPaths(paths: string[], opts: { orgId?: number | null } = {}, progress: Progress = () => {}): Promise<MinutesImportResult> {
    const files: string[] = [];
    const walk = (p: string) => {
      const st = fs.statSync(p, { throwIfNoEntry: false });
      if (!st) throw new ServiceError('not_found', `找不到“${p}”，请检查路径。`);
      if (st.isDirectory()) {
        for (const name of fs.readdirSync(p).sort()) if (!name.startsWith('.') && !name.startsWith('~$')) walk(path.join(p, name));
      } else files.push(p);
    };
    for (const p of paths) walk(path.resolve(p));
    const entries: Entry[] = files.map((f) => {
      const bytes = fs.readFileSync(f);
      return { fileName: path.basename(f), bytes, sha: sha256(bytes) };
    });
    return this.write(entries, (_e, item) => (item.heldOn ? { type: item.type, heldOn: item.heldOn, title: item.title, orgId: opts.orgId ?? null } : null), progress);
  }

  /** Reads one file: its text, the guesses, a duplicate imported before. */
  private async look(e: Entry): Promise<MinutesImportItem & { extracted: Extracted }> {
    const extracted = await extractText(e.bytes, e.fileName);
    if (!extracted.ok) return { ...unreadable(e.sha, e.fileName, extracted.reason), format: extracted.format, extracted };
    const g = guessFromFile(e.fileName, extracted.text);
    const dup = this.db
      .prepare('SELECT m.id, m.title FROM meeting_attachments f JOIN meetings m ON m.id = f.meeting_id WHERE f.sha256 = ? AND f.original = 1 LIMIT 1')
      .get(e.sha) as { id: number; title: string } | undefined;
    return {
      token: e.sha,
      fileName: e.fileName,
      ok: true,
      reason: null,
      format: extracted.format,
      type: g.type,
      heldOn: g.heldOn,
      title: g.title,
      chars: extracted.text.length,
      excerpt: extracted.text.slice(0, 200),
      duplicateOf: dup ?? null,
      extracted,
    };
  }

  /**
   * Reads every file (text, archive) outside the transaction, then writes every record in one. `confirm` gives the
   * clerk's (or the command line's) type, date, title and organisation, or null to skip the file.
   */
  private async write<E extends Entry>(
    entries: E[],
    confirm: (e: E, guessed: MinutesImportItem) => { type: MinutesImportItem['type']; heldOn: string; title: string; orgId: number | null } | null,
    progress: Progress,
  ): Promise<MinutesImportResult> {
    const today = todayIso(this.now());
    const skipped: MinutesImportResult['skipped'] = [];
    const ready: { e: E; item: MinutesImportItem; c: NonNullable<ReturnType<typeof confirm>>; text: string; file: PreparedFile; place: string | null; host: string | null; recorder: string | null }[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < entries.length; i++) {
      progress('读取文件', i, entries.length);
      const e = entries[i]!;
      const item = await this.look(e);
      if (!item.ok) {
        skipped.push({ fileName: e.fileName, reason: item.reason ?? '无法读取' });
        continue;
      }
      if (item.duplicateOf || seen.has(e.sha)) {
        skipped.push({ fileName: e.fileName, reason: item.duplicateOf ? `已经导入过（会议记录“${item.duplicateOf.title}”）` : '与本次导入的另一个文件内容完全相同' });
        continue;
      }
      const c = confirm(e, item);
      if (!c) {
        skipped.push({ fileName: e.fileName, reason: '没有找到会议日期：请在文件名中写上日期（例如“2024-03-15 支委会.docx”）后再导入，或在软件的导入预览中填写' });
        continue;
      }
      if (c.heldOn > today) {
        skipped.push({ fileName: e.fileName, reason: `会议日期 ${c.heldOn} 晚于今天，请改正后再导入` });
        continue;
      }
      if (c.orgId != null && !this.db.prepare('SELECT 1 FROM organisations WHERE id = ?').get(c.orgId)) {
        skipped.push({ fileName: e.fileName, reason: '所选组织不存在，请刷新后重新选择' });
        continue;
      }
      seen.add(e.sha);
      const text = (item.extracted as Extract<Extracted, { ok: true }>).text;
      const g = guessFromFile(e.fileName, text);
      const sha = this.minutes.archive.store(e.bytes, e.sha);
      const file: PreparedFile = {
        fileName: e.fileName,
        sha256: sha,
        size: e.bytes.length,
        // The text is the record's 会议内容; only what does not fit there is kept as the file's own text.
        text: text.length > MINUTES_MAX ? text : null,
        textNote: text.length > MINUTES_MAX ? null : '正文已导入会议内容',
        original: true,
      };
      ready.push({ e, item, c, text, file, place: g.place, host: g.host, recorder: g.recorder });
    }
    progress('读取文件', entries.length, entries.length);
    const batchId = crypto.randomUUID();
    const created: MinutesImportResult['created'] = this.db
      .transaction(() =>
        ready.map((r, i) => {
          progress('写入数据库', i, ready.length);
          const m = this.minutes.createIn(
            {
              type: r.c.type,
              title: r.c.title,
              heldOn: r.c.heldOn,
              orgId: r.c.orgId,
              place: r.place,
              host: r.host,
              recorder: r.recorder,
              minutes: r.text.slice(0, MINUTES_MAX),
            },
            { importedFrom: r.e.fileName, files: [r.file], batchId },
          );
          return { id: m.id, fileName: r.e.fileName, title: m.title, heldOn: m.heldOn, type: m.type };
        }),
      )
      .immediate();
    progress('写入数据库', ready.length, ready.length);
    return { created, skipped };
  }

  private staged(token: string): Buffer | null {
    if (!/^[0-9a-f]{64}$/.test(token)) return null;
    try {
      const b = fs.readFileSync(path.join(this.stagingDir, token));
      return sha256(b) === token ? b : null;
    } catch {
      return null;
    }
  }

  private sweep(): void {
    const limit = Date.now() - STAGE_KEEP_MS;
    for (const name of fs.readdirSync(this.stagingDir)) {
      const p = path.join(this.stagingDir, name);
      try {
        if (fs.statSync(p).mtimeMs < limit) fs.rmSync(p, { force: true });
      } catch {
        /* another process took it */
      }
    }
  }
}

function unreadable(token: string, fileName: string, reason: string): MinutesImportItem {
  return { token, fileName, ok: false, reason, format: null, type: 'other', heldOn: null, title: fileName.replace(/\.[^.]*$/, ''), chars: 0, excerpt: '', duplicateOf: null };
}
