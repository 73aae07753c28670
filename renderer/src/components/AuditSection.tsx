/**
 * 操作日志 of one record, folded until the clerk opens it: when, who, what; for a change, each field as 旧值 → 新值
 * in the clerk's words. Shared by every page whose records keep one (共驻共建, 两新组织, 在职党员报到, 会议纪要).
 */
import { useEffect, useState } from 'react';
import { Timeline } from 'antd';
import { fmtDateTime } from '../lib/format';
import { useOrgs } from '../lib/orgs';
import type { AuditEntry } from '../../../shared/contract';
import { periodLabel } from '../../../shared/inService';
import { ActionLink } from './RecordLink';

/** Fields written per item (commitment2, review2026, record17, feedback2026-H1.grade) in the clerk's words. */
function fieldName(field: string, labels: Record<string, string>): string {
  let m = /^commitment(\d+)$/.exec(field);
  if (m) return `第 ${m[1]} 项承诺完成日期`;
  m = /^review(\d{4})$/.exec(field);
  if (m) return `${m[1]}年度评估`;
  if (/^record\d+$/.test(field)) return '服务记录';
  m = /^feedback([^.]+)\.(\w+)$/.exec(field);
  if (m) return `${periodLabel(m[1]!)}反馈·${labels[m[2]!] ?? m[2]}`;
  return field;
}

const ACTION_LABELS: Record<string, string> = {
  create: '登记',
  update: '修改',
  delete: '删除',
  import: '导入',
  review: '评估',
  register: '报到',
  attach: '添加照片',
  detach: '删除照片',
};

/**
 * 操作日志 of one record: when, who, what; for a change each field as 旧值 → 新值 in the clerk's words (`labels`;
 * `show` turns a stored value into text, e.g. a code into its label). Loads when `version` changes.
 */
export function AuditSection(props: {
  load: () => Promise<AuditEntry[]>;
  version: unknown;
  labels: Record<string, string>;
  show?: (field: string, v: unknown) => string | null;
  /** The record's own words for an action (a meeting's attach is 添加附件, a co-building activity's 添加照片). */
  actions?: Record<string, string>;
}) {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [open, setOpen] = useState(false);
  const { load, version } = props;
  useEffect(() => {
    if (!open) return;
    let live = true;
    load()
      .then((e) => live && setEntries(e))
      .catch(() => live && setEntries([]));
    return () => {
      live = false;
    };
  }, [load, version, open]);
  const { byId } = useOrgs();
  const text = (field: string, v: unknown): string => {
    const own = props.show?.(field, v);
    if (own != null) return own;
    if ((field === 'communityId' || field === 'partyOrgId') && typeof v === 'number') return byId.get(v)?.name ?? `已撤销的组织（编号 ${v}）`;
    if (v == null || v === '') return '（空）';
    if (typeof v === 'boolean') return v ? '是' : '否';
    if (Array.isArray(v)) return v.length ? v.join('；') : '（无）';
    if (typeof v === 'object') return Object.values(v as object).filter((x) => x != null).join('，');
    return String(v);
  };
  return (
    <section aria-label="操作日志" style={{ marginTop: 20 }}>
      <h3 className="section-title">
        操作日志{' '}
        <ActionLink style={{ fontSize: 13, fontWeight: 400 }} onClick={() => setOpen(!open)}>
          {open ? '收起' : '展开'}
        </ActionLink>
      </h3>
      {open && (
        <AuditTimeline
          entries={entries}
          action={(a) => props.actions?.[a] ?? ACTION_LABELS[a] ?? a}
          field={(f) => props.labels[f] ?? fieldName(f, props.labels)}
          text={text}
          changesOf={(a) => a.action === 'update' || a.action === 'import'}
        />
      )}
    </section>
  );
}

/**
 * The entries of one record's 操作日志, newest first: when · what · who, the entry's note, and for a change each
 * field as 名称：旧值 → 新值. Every page's 操作日志 is this list; they differ only in the words they give it.
 */
export function AuditTimeline(props: {
  entries: AuditEntry[] | null;
  /** An action's words (修改, 年审 …). */
  action: (action: string) => string;
  /** A field's words. */
  field: (field: string) => string;
  /** A logged value as text. */
  text: (field: string, v: unknown) => string;
  /** Which entries list their changes field by field (default: 修改). */
  changesOf?: (a: AuditEntry) => boolean;
  /** At most this many changes an entry (the rest are in the record itself). */
  maxChanges?: number;
}) {
  const { entries } = props;
  if (entries == null) return <div className="muted">正在读取…</div>;
  if (entries.length === 0) return <div className="muted">暂无记录</div>;
  const changesOf = props.changesOf ?? ((a: AuditEntry) => a.action === 'update');
  return (
    <Timeline
      items={entries.map((a) => ({
        key: a.id,
        content: (
          <div>
            <div className="muted">
              {fmtDateTime(a.at)} · {props.action(a.action)} · {a.actor ?? '—'}
            </div>
            {a.note && <div>{a.note}</div>}
            {changesOf(a) &&
              a.changes.slice(0, props.maxChanges ?? a.changes.length).map((ch, i) => (
                <div key={`${ch.field}-${i}`}>
                  {props.field(ch.field)}：{props.text(ch.field, ch.old)} → {props.text(ch.field, ch.new)}
                </div>
              ))}
          </div>
        ),
      }))}
    />
  );
}
