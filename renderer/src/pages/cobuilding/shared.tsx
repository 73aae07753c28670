/** What the 共驻共建, 两新组织 and 在职党员报到 pages share: picking a community, picking units, loading a record. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Select } from 'antd';
import { api } from '../../api/client';
import { errorText } from '../../lib/format';
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

