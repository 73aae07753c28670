/**
 * 组织管理: the organisation tree (counts and rule warnings per node) on the left, the selected organisation's
 * record on the right. Routes: /orgs, /orgs/<id>. The street-wide 规则提醒 are on the 概览 page (/overview/warnings;
 * /orgs/overview leads there too), linked from this page's title.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Empty, Input, Spin, Tag, Tooltip, Tree } from 'antd';
import type { GetRef, TreeDataNode } from 'antd';
import { ImportOutlined, PlusOutlined, WarningFilled } from '@ant-design/icons';
import type { OrgNode } from '../../../../shared/contract';
import { BRANCH_KINDS, ORG_KIND_LABELS, type OrgKind } from '../../../../shared/domain/labels';
import { childrenByParent, useOrgs } from '../../lib/orgs';
import { navigate, useHashPath } from '../../lib/router';
import { OrgCreateModal } from './OrgCreateModal';
import { OrgDetail } from './OrgDetail';
import { OrgImportModal } from './OrgImportModal';

export const COMMITTEE_KINDS: readonly OrgKind[] = ['streetCommittee', 'communityCommittee', 'generalBranch'];

export function kindTagColor(kind: OrgKind): string {
  return COMMITTEE_KINDS.includes(kind) ? 'red' : kind === 'group' ? 'blue' : 'default';
}

/** The height of an element, followed as the window resizes (the tree is virtual and needs a number). */
function useHeight<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [h, setH] = useState(400);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setH(Math.max(200, el.clientHeight)));
    ro.observe(el);
    setH(Math.max(200, el.clientHeight));
    return () => ro.disconnect();
  }, []);
  return [ref, h];
}

export function OrgsPage() {
  const path = useHashPath();
  const seg = path.split('/')[2] ?? '';
  const selectedId = /^\d+$/.test(seg) ? Number(seg) : null;
  const { orgs, loading, error, reload } = useOrgs();
  const [creating, setCreating] = useState<{ parentId: number | null } | null>(null);
  const [importing, setImporting] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const warningCount = useMemo(() => orgs.reduce((a, o) => a + o.warnings.length, 0), [orgs]);

  const refresh = () => {
    setReloadKey((k) => k + 1);
    void reload();
  };

  return (
    <div className="page orgs-page">
      <div className="page-title">
        <h1>组织管理</h1>
        <Button type="link" className="orgs-warnings-link" onClick={() => navigate('/overview/warnings')}>
          规则提醒
          {warningCount > 0 && (
            <Tag color="orange" style={{ marginLeft: 6, marginInlineEnd: 0 }}>
              {warningCount}
            </Tag>
          )}
        </Button>
        <div className="actions">
          <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
            导入组织
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating({ parentId: null })}>
            添加顶级组织
          </Button>
        </div>
      </div>
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="组织列表没有加载出来"
          description={error}
          action={<Button onClick={() => void reload()}>重试</Button>}
        />
      )}
      <div className="orgs-panes">
        <section className="panel orgs-tree-pane" aria-label="党组织树">
          {loading && orgs.length === 0 ? (
            <Spin />
          ) : orgs.length === 0 ? (
            <Empty description="还没有党组织。请先点击右上角“添加顶级组织”，例如：某某街道党工委。" />
          ) : (
            <OrgTree orgs={orgs} selectedId={selectedId} onAddChild={(id) => setCreating({ parentId: id })} />
          )}
        </section>
        <section className="panel orgs-detail-pane" aria-label="组织信息">
          {selectedId == null ? (
            <Empty
              style={{ marginTop: 80 }}
              description={orgs.length ? '在左侧选择一个党组织，查看和编辑它的信息' : '添加党组织后，在这里查看和编辑它的信息'}
            />
          ) : (
            <OrgDetail
              key={selectedId}
              id={selectedId}
              reloadKey={reloadKey}
              onChanged={refresh}
              onAddChild={() => setCreating({ parentId: selectedId })}
              onDissolved={() => {
                refresh();
                const parent = orgs.find((o) => o.id === selectedId)?.parentId;
                navigate(parent != null ? `/orgs/${parent}` : '/orgs');
              }}
            />
          )}
        </section>
      </div>
      {importing && <OrgImportModal onClose={() => setImporting(false)} onImported={refresh} />}
      {creating && (
        <OrgCreateModal
          parentId={creating.parentId}
          orgs={orgs}
          onClose={() => setCreating(null)}
          onSaved={(id) => {
            setCreating(null);
            refresh();
            navigate(`/orgs/${id}`);
          }}
        />
      )}
    </div>
  );
}

function OrgTree(props: { orgs: OrgNode[]; selectedId: number | null; onAddChild: (id: number) => void }) {
  const { orgs, selectedId, onAddChild } = props;
  const [boxRef, height] = useHeight<HTMLDivElement>();
  const [filter, setFilter] = useState('');
  const treeRef = useRef<GetRef<typeof Tree>>(null);
  // Everything is expanded except what the clerk folded, so a newly added child is always in sight.
  const [collapsed, setCollapsed] = useState<Set<number>>(() => new Set());
  const kids = useMemo(() => childrenByParent(orgs), [orgs]);

  /** With a filter: the matching organisations and their ancestors. */
  const visible = useMemo(() => {
    const q = filter.trim();
    if (!q) return null;
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const keep = new Set<number>();
    for (const o of orgs) {
      if (!o.name.includes(q)) continue;
      let p: OrgNode | undefined = o;
      while (p && !keep.has(p.id)) {
        keep.add(p.id);
        p = p.parentId != null ? byId.get(p.parentId) : undefined;
      }
    }
    return keep;
  }, [orgs, filter]);

  const expandedKeys = useMemo(() => {
    const parents = new Set(orgs.map((o) => o.parentId).filter((p): p is number => p != null));
    return [...parents].filter((p) => visible != null || !collapsed.has(p));
  }, [orgs, collapsed, visible]);

  const treeData = useMemo<TreeDataNode[]>(() => {
    const build = (parent: number | null): TreeDataNode[] =>
      (kids.get(parent) ?? [])
        .filter((o) => !visible || visible.has(o.id))
        .map((o) => {
          const children = build(o.id);
          const branch = BRANCH_KINDS.includes(o.kind);
          const full = branch ? o.fullCount : o.fullTotal;
          const prob = branch ? o.probationaryCount : o.probationaryTotal;
          return {
            key: o.id,
            title: (
              <span className="org-node" data-testid={`org-${o.id}`}>
                <span className="org-name" style={{ fontWeight: COMMITTEE_KINDS.includes(o.kind) ? 600 : 400 }} title={o.name}>
                  {o.name}
                </span>
                <Tag className="org-kind" color={kindTagColor(o.kind)} variant="outlined">
                  {ORG_KIND_LABELS[o.kind]}
                </Tag>
                <span className="org-counts" title={`正式党员 ${full} 名，预备党员 ${prob} 名${branch ? '' : '（含下级）'}`}>
                  正式 {full} · 预备 {prob}
                </span>
                {o.warnings.length > 0 ? (
                  <Tooltip title={o.warnings.map((w) => w.title).join('；')}>
                    <span className="org-warn" aria-label={`${o.warnings.length} 条规则提醒`}>
                      <WarningFilled /> {o.warnings.length}
                    </span>
                  </Tooltip>
                ) : (
                  <span className="org-warn" />
                )}
                <span className="org-actions">
                  <Tooltip title="添加下级组织">
                    <Button
                      size="small"
                      type="text"
                      aria-label="添加下级"
                      icon={<PlusOutlined />}
                      onClick={(e) => {
                        e.stopPropagation();
                        onAddChild(o.id);
                      }}
                    />
                  </Tooltip>
                </span>
              </span>
            ),
            ...(children.length ? { children } : {}),
          };
        });
    return build(null);
  }, [kids, visible, onAddChild]);

  // An organisation opened from elsewhere (the overview, a link) is brought into sight in the (virtual) tree.
  useEffect(() => {
    if (selectedId != null && height > 0) treeRef.current?.scrollTo({ key: selectedId, align: 'auto' });
  }, [selectedId, height, treeData]);

  return (
    <div className="orgs-tree-box">
      <Input.Search
        allowClear
        placeholder="查找组织名称"
        aria-label="查找组织名称"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      <div ref={boxRef} className="orgs-tree-scroll">
        {visible && visible.size === 0 ? (
          <Empty description="没有名称包含这些字的组织" />
        ) : (
          <Tree
            ref={treeRef}
            blockNode
            virtual
            height={height}
            treeData={treeData}
            aria-label="党组织"
            selectedKeys={selectedId != null ? [selectedId] : []}
            onSelect={(keys) => {
              if (keys.length) navigate(`/orgs/${String(keys[0])}`);
            }}
            expandedKeys={expandedKeys}
            onExpand={(_keys, info) => {
              const id = Number(info.node.key);
              setCollapsed((c) => {
                const n = new Set(c);
                if (info.expanded) n.delete(id);
                else n.add(id);
                return n;
              });
            }}
          />
        )}
      </div>
    </div>
  );
}
