/** The organisation tree, loaded once and shared by every page that shows or picks an organisation. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api/client';
import type { OrgNode } from '../../../shared/contract';
import { BRANCH_KINDS, ORG_KIND_LABELS } from '../../../shared/domain/labels';
import { errorText } from './format';

export interface OrgTreeOption {
  value: number;
  title: string;
  disabled?: boolean;
  children?: OrgTreeOption[];
}

interface OrgsState {
  orgs: OrgNode[];
  loading: boolean;
  error: string | null;
  byId: Map<number, OrgNode>;
  reload: () => Promise<void>;
}

const OrgsContext = createContext<OrgsState | null>(null);

export function OrgsProvider({ children }: { children: ReactNode }) {
  const [orgs, setOrgs] = useState<OrgNode[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setOrgs(await api['orgs.list']({}));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const byId = useMemo(() => new Map(orgs.map((o) => [o.id, o])), [orgs]);
  const value = useMemo(() => ({ orgs, loading, error, byId, reload }), [orgs, loading, error, byId, reload]);
  return <OrgsContext.Provider value={value}>{children}</OrgsContext.Provider>;
}

export function useOrgs(): OrgsState {
  const s = useContext(OrgsContext);
  if (!s) throw new Error('useOrgs outside OrgsProvider');
  return s;
}

/** Children grouped by parent; orphans (parent missing) are shown at the top level. */
export function childrenByParent(orgs: OrgNode[]): Map<number | null, OrgNode[]> {
  const ids = new Set(orgs.map((o) => o.id));
  const m = new Map<number | null, OrgNode[]>();
  for (const o of orgs) {
    const p = o.parentId != null && ids.has(o.parentId) ? o.parentId : null;
    const list = m.get(p);
    if (list) list.push(o);
    else m.set(p, [o]);
  }
  return m;
}

/**
 * Tree options for a TreeSelect. `branchesOnly`: only the kinds a member may belong to can be picked.
 * `exclude`: an organisation (and its subtree) that may not be picked, e.g. as its own parent.
 */
export function orgTreeOptions(orgs: OrgNode[], opts: { branchesOnly?: boolean; exclude?: number } = {}): OrgTreeOption[] {
  const kids = childrenByParent(orgs);
  const build = (parent: number | null): OrgTreeOption[] =>
    (kids.get(parent) ?? [])
      .filter((o) => o.id !== opts.exclude)
      .map((o) => {
        const children = build(o.id);
        const pickable = !opts.branchesOnly || BRANCH_KINDS.includes(o.kind);
        return {
          value: o.id,
          title: pickable || !opts.branchesOnly ? o.name : `${o.name}（${ORG_KIND_LABELS[o.kind]}）`,
          ...(pickable ? {} : { disabled: true }),
          ...(children.length ? { children } : {}),
        };
      });
  return build(null);
}
