import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileDownload, Member, ParsedInput } from '../../shared/contract';
import { BRANCH_KINDS, EXPORT_DATA_LABELS, MEMBERSHIP_KIND_LABELS, STANDING_LABELS, TAG_LABELS, type ExportData } from '../../shared/domain/labels';
import { maskIdNumber, maskPhone } from '../../shared/rules/idNumber';
import type { AuditService } from '../audit/service';
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
    private readonly audit: AuditService,
  ) {}

  async template(): Promise<FileDownload> {
    const branchNames = this.orgs
      .rows()
      .filter((o) => BRANCH_KINDS.includes(o.kind))
      .map((o) => o.name);
    return withTempFile('template.xlsx', (out) => writeTemplate(out, { branchNames: [...new Set(branchNames)] }), '党员信息导入模板.xlsx');
  }

  /**
   * Every member the list query matches (all pages), in the list's order.
   * data 'full': as stored, so the file re-imports and changes nothing; the choice is written to the audit log
   * (the filter and the count) before the file is made. 'masked': ID numbers and phones hidden as in the lists
   * (such a file cannot be re-imported: its ID numbers are not whole).
   */
  async exportMembers(out: string, query: ParsedInput<'members.list'>, progress: Progress = () => {}, data: ExportData = 'full'): Promise<number> {
    const orgIds = query.orgId != null ? this.orgs.subtreeIds(query.orgId) : undefined;
    const { pageIds } = this.index.query({ ...query, page: 1, pageSize: Number.MAX_SAFE_INTEGER }, orgIds, query.q ? normaliseSearch(query.q) : '');
    if (data === 'full') {
      this.audit.write({
        action: 'export',
        entity: 'register',
        entityId: 0,
        changes: [
          { field: 'data', old: null, new: 'full' },
          { field: 'filter', old: null, new: exportFilter(query) },
          { field: 'count', old: null, new: pageIds.length },
        ],
        note: `导出名册：完整数据（含身份证号和电话），共 ${pageIds.length} 人；${this.describe(query)}`,
      });
    }
    const show = data === 'full' ? (m: Member) => m : maskMember;
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
          if (m) yield show(m);
        }
        progress('导出名册', Math.min(i + 1000, total), total);
      }
    }
    const { rows } = await exportMembers(out, members(), { title: data === 'full' ? '党员名册' : `党员名册（${EXPORT_DATA_LABELS.masked}）` });
    return rows;
  }

  /** The filter in words, for the audit log's note: 筛选：… or 全部在册党员. */
  private describe(q: ParsedInput<'members.list'>): string {
    const parts: string[] = [];
    if (q.orgId != null) parts.push(`组织：${this.orgs.rows().find((o) => o.id === q.orgId)?.name ?? `编号 ${q.orgId}`}`);
    if (q.q) parts.push(`搜索“${q.q}”`);
    if (q.tags?.length) parts.push(`分类：${q.tags.map((t) => TAG_LABELS[t]).join('、')}`);
    if (q.membershipKind) parts.push(MEMBERSHIP_KIND_LABELS[q.membershipKind]);
    if (q.standing) parts.push(`党籍状态：${STANDING_LABELS[q.standing]}`);
    if (q.lostContact !== undefined) parts.push(q.lostContact ? '失联党员' : '非失联党员');
    if (q.floating !== undefined) parts.push(q.floating ? '流动党员' : '非流动党员');
    const status = q.status === 'left' ? '已离开的党员' : q.status === 'all' ? '全部党员（含已离开）' : '在册党员';
    return parts.length ? `${status}，筛选：${parts.join('；')}` : `全部${status}`;
  }
}

/** The list query's filters as recorded in the audit log (paging and sort left out). */
function exportFilter(q: ParsedInput<'members.list'>): Record<string, unknown> {
  const { page: _p, pageSize: _s, sortField: _f, sortOrder: _o, ...filter } = q;
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
}

/** A member as a masked export shows it: the ID number and both phones as the lists show them. */
export function maskMember(m: Member): Member {
  return {
    ...m,
    idNumber: maskIdNumber(m.idNumber),
    mobile: m.mobile ? maskPhone(m.mobile) : null,
    phone: m.phone ? maskPhone(m.phone) : null,
  };
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
