/** What the 共驻共建, 两新组织 and 在职党员报到 pages share: picking a community, picking units, loading a record. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Select, Timeline } from 'antd';
import { api } from '../../api/client';
import { errorText, fmtDateTime } from '../../lib/format';
import type { AuditEntry } from '../../../../shared/contract';
import { periodLabel } from '../../../../shared/inService';
import { useOrgs } from '../../lib/orgs';
import type { ResidentUnitRow } from '../../../../shared/cobuilding';
import type { OrgKind } from '../../../../shared/domain/labels';

const COMMUNITY_KINDS: readonly OrgKind[] = ['communityCommittee', 'generalBranch'];

/** The communities of the tree (社区党委, or a 党总支 serving as one); with `street`, the street committee too. */
export function useCommunities(street = false) {
  const { orgs } = useOrgs();
  return useMemo(() => orgs.filter((o) => COMMUNITY_KINDS.includes(o.kind) || (street && o.kind === 'streetCommittee')), [orgs, street]);
}

/** Picks a community (inside a Form.Item, which passes id, value and onChange). */
export function CommunitySelect(props: { id?: string; value?: number | null; onChange?: (v: number | null) => void; street?: boolean; allowClear?: boolean; placeholder?: string; style?: React.CSSProperties }) {
  const communities = useCommunities(props.street);
  return (
    <Select<number>
      id={props.id}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      allowClear={props.allowClear}
      placeholder={props.placeholder ?? '选择社区'}
      style={props.style}
      showSearch={{ optionFilterProp: 'label' }}
      options={communities.map((c) => ({ value: c.id, label: c.name }))}
      notFoundContent="组织管理中还没有社区党委"
    />
  );
}

/** The register of units in the area (active ones, and those already chosen), loaded once per page. */
export function useUnits(status: 'active' | 'all' = 'all') {
  const [units, setUnits] = useState<ResidentUnitRow[]>([]);
  const reload = useCallback(async () => {
    try {
      setUnits(await api['units.list']({ status }));
    } catch {
      setUnits([]);
    }
  }, [status]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { units, reload };
}

/** Picks one or more units of the area; units that left are offered only when already chosen. */
export function UnitSelect(props: {
  id?: string;
  value?: number[] | number | null;
  onChange?: (v: never) => void;
  multiple?: boolean;
  units: ResidentUnitRow[];
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}) {
  const chosen = new Set(Array.isArray(props.value) ? props.value : props.value != null ? [props.value] : []);
  const options = props.units
    .filter((u) => !u.leftOn || chosen.has(u.id))
    .map((u) => ({ value: u.id, label: u.leftOn ? `${u.name}（已迁出）` : u.name }));
  return (
    <Select
      id={props.id}
      mode={props.multiple ? 'multiple' : undefined}
      value={(props.value ?? undefined) as never}
      onChange={(v) => props.onChange?.((v ?? (props.multiple ? [] : null)) as never)}
      allowClear={props.allowClear}
      placeholder={props.placeholder ?? '选择驻区单位'}
      style={props.style}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      notFoundContent="还没有登记驻区单位"
    />
  );
}

/** Loads a record by a call; `reload` after a change, `set` with what a change returned. */
export function useRecord<T>(load: () => Promise<T>, deps: unknown[]) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const reload = useCallback(async () => {
    try {
      setValue(await load());
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { value, error, reload, set: setValue };
}

/** 2.5 → “2.5 小时”. */
export function fmtHours(h: number): string {
  return `${Number.isInteger(h) ? h : h.toFixed(1)} 小时`;
}

export const onLink = (path: string, go: (p: string) => void) => (e: React.MouseEvent) => {
  e.preventDefault();
  go(path);
};

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
export function AuditSection(props: { load: () => Promise<AuditEntry[]>; version: unknown; labels: Record<string, string>; show?: (field: string, v: unknown) => string | null }) {
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
        <a href="#" style={{ fontSize: 13, fontWeight: 400 }} onClick={(e) => (e.preventDefault(), setOpen(!open))}>
          {open ? '收起' : '展开'}
        </a>
      </h3>
      {open &&
        (entries == null ? (
          <div className="muted">正在读取…</div>
        ) : entries.length === 0 ? (
          <div className="muted">暂无记录</div>
        ) : (
          <Timeline
            items={entries.map((a) => ({
              key: a.id,
              content: (
                <div>
                  <div className="muted">
                    {fmtDateTime(a.at)} · {ACTION_LABELS[a.action] ?? a.action} · {a.actor ?? '—'}
                    {a.note ? ` · ${a.note}` : ''}
                  </div>
                  {(a.action === 'update' || a.action === 'import') &&
                    a.changes.map((ch, i) => (
                      <div key={i}>
                        {props.labels[ch.field] ?? fieldName(ch.field, props.labels)}：{text(ch.field, ch.old)} → {text(ch.field, ch.new)}
                      </div>
                    ))}
                </div>
              ),
            }))}
          />
        ))}
    </section>
  );
}
