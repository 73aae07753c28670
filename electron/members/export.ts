import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileDownload, Member, ParsedInput } from '../../shared/contract';
import { BRANCH_KINDS } from '../../shared/domain/labels';
import type { Sqlite } from '../db/connection';
import { exportMembers } from '../excel/write/export';
import { writeTemplate } from '../excel/write/template';
import type { OrgService } from '../orgs/service';
import { normaliseSearch } from './list';
import type { MemberListIndex } from './listIndex';
import { rowToMember, type MemberRow } from './service';

type Progress = (stage: string, done: number, total: number) => void;

/** The register out to Excel: the import template, and the (filtered) list in the template's layout. */
export class MemberExportService {
  constructor(
    private readonly db: Sqlite,
    private readonly index: MemberListIndex,
    private readonly orgs: OrgService,
  ) {}

  async template(): Promise<FileDownload> {
    const branchNames = this.orgs
      .rows()
      .filter((o) => BRANCH_KINDS.includes(o.kind))
      .map((o) => o.name);
    return withTempFile('template.xlsx', (out) => writeTemplate(out, { branchNames: [...new Set(branchNames)] }), '党员信息导入模板.xlsx');
  }

  /** Every member the list query matches (all pages), in the list's order. */
  async exportMembers(out: string, query: ParsedInput<'members.list'>, progress: Progress = () => {}): Promise<number> {
    const orgIds = query.orgId != null ? this.orgs.subtreeIds(query.orgId) : undefined;
    const { pageIds } = this.index.query({ ...query, page: 1, pageSize: Number.MAX_SAFE_INTEGER }, orgIds, query.q ? normaliseSearch(query.q) : '');
    const read = this.db.prepare(
      `SELECT m.*, o.name AS branch_name FROM members m LEFT JOIN organisations o ON o.id = m.branch_id
        WHERE m.id IN (SELECT value FROM json_each(?))`,
    );
    const total = pageIds.length;
    async function* members(): AsyncGenerator<Member> {
      for (let i = 0; i < total; i += 1000) {
        const ids = pageIds.slice(i, i + 1000);
        const byId = new Map((read.all(JSON.stringify(ids)) as MemberRow[]).map((r) => [r.id, rowToMember(r)]));
        for (const id of ids) {
          const m = byId.get(id);
          if (m) yield m;
        }
        progress('导出名册', Math.min(i + 1000, total), total);
      }
    }
    const { rows } = await exportMembers(out, members(), { title: '党员名册' });
    return rows;
  }
}

async function withTempFile(name: string, write: (out: string) => Promise<unknown>, downloadName: string): Promise<FileDownload> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-file-'));
  try {
    const out = path.join(dir, name);
    await write(out);
    return { fileName: downloadName, dataBase64: fs.readFileSync(out).toString('base64') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
