/** 组织管理 (simple for now): the tree of Party organisations with member counts; add and edit. */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Empty, Form, Input, Modal, Select, Space, Spin, Tag, Tree, TreeSelect } from 'antd';
import type { TreeDataNode } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { OrgNode } from '../../../../shared/contract';
import { ORG_KINDS, ORG_KIND_LABELS, type OrgKind } from '../../../../shared/domain/labels';
import { errorText, fieldErrorsOf } from '../../lib/format';
import { childrenByParent, orgTreeOptions, useOrgs } from '../../lib/orgs';

const COMMITTEE_KINDS: readonly OrgKind[] = ['streetCommittee', 'communityCommittee', 'generalBranch'];

interface Editing {
  mode: 'create' | 'edit';
  org?: OrgNode;
  parentId: number | null;
}

/** What usually sits below each kind, as the default for 添加下级. */
function childKindFor(kind: OrgKind | undefined): OrgKind {
  switch (kind) {
    case undefined:
      return 'streetCommittee';
    case 'streetCommittee':
      return 'communityCommittee';
    case 'communityCommittee':
    case 'generalBranch':
      return 'branch';
    default:
      return 'group';
  }
}

export function OrgsPage() {
  const { orgs, loading, error, reload } = useOrgs();
  const [editing, setEditing] = useState<Editing | null>(null);
  // Everything is expanded except what the clerk folded, so a newly added child is always in sight.
  const [collapsed, setCollapsed] = useState<Set<number>>(() => new Set());
  const expandedKeys = useMemo(() => {
    const parents = new Set(orgs.map((o) => o.parentId).filter((p): p is number => p != null));
    return [...parents].filter((p) => !collapsed.has(p));
  }, [orgs, collapsed]);

  const totals = useMemo(() => {
    // Counts of the subtree (direct members + everything below), for the higher levels.
    const kids = childrenByParent(orgs);
    const memo = new Map<number, { full: number; prob: number }>();
    const sum = (o: OrgNode): { full: number; prob: number } => {
      const hit = memo.get(o.id);
      if (hit) return hit;
      const t = { full: o.fullCount, prob: o.probationaryCount };
      for (const c of kids.get(o.id) ?? []) {
        const s = sum(c);
        t.full += s.full;
        t.prob += s.prob;
      }
      memo.set(o.id, t);
      return t;
    };
    orgs.forEach(sum);
    return memo;
  }, [orgs]);

  const treeData = useMemo<TreeDataNode[]>(() => {
    const kids = childrenByParent(orgs);
    const build = (parent: number | null): TreeDataNode[] =>
      (kids.get(parent) ?? []).map((o) => {
        const children = build(o.id);
        const t = totals.get(o.id) ?? { full: 0, prob: 0 };
        return {
          key: o.id,
          title: (
            <span className="org-node" data-testid={`org-${o.id}`}>
              <span style={{ fontWeight: COMMITTEE_KINDS.includes(o.kind) ? 600 : 400 }}>{o.name}</span>
              <Tag color={COMMITTEE_KINDS.includes(o.kind) ? 'red' : o.kind === 'group' ? 'blue' : 'default'} variant="outlined">
                {ORG_KIND_LABELS[o.kind]}
              </Tag>
              <span className="org-counts">
                正式 {t.full} 人 · 预备 {t.prob} 人{children.length ? '（含下级）' : ''}
              </span>
              <span className="org-actions">
                <Button
                  size="small"
                  type="link"
                  icon={<PlusOutlined />}
                  onClick={(e) => {
                    e.stopPropagation();
                    setEditing({ mode: 'create', parentId: o.id });
                  }}
                >
                  添加下级
                </Button>
                <Button
                  size="small"
                  type="link"
                  icon={<EditOutlined />}
                  onClick={(e) => {
                    e.stopPropagation();
                    setEditing({ mode: 'edit', org: o, parentId: o.parentId });
                  }}
                >
                  编辑
                </Button>
              </span>
            </span>
          ),
          ...(children.length ? { children } : {}),
        };
      });
    return build(null);
  }, [orgs, totals]);

  return (
    <div className="page">
      <div className="page-title">
        <h1>组织管理</h1>
        <div className="actions">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create', parentId: null })}>
            添加顶级组织
          </Button>
        </div>
      </div>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="党组织按“街道党工委 → 社区党委／党总支 → 党支部 → 党小组”逐级添加。党员只能编入党支部（含联合、离退休、流动、综合党支部）。把鼠标移到组织上可添加下级或编辑。"
      />
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
      <div className="panel" style={{ padding: 16 }}>
        {loading && orgs.length === 0 ? (
          <Spin />
        ) : orgs.length === 0 ? (
          <Empty description="还没有党组织。请先点击右上角“添加顶级组织”，例如：某某街道党工委。" />
        ) : (
          <Tree
            blockNode
            treeData={treeData}
            selectable={false}
            aria-label="党组织"
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
      {editing && (
        <OrgModal
          editing={editing}
          orgs={orgs}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void reload();
          }}
        />
      )}
    </div>
  );
}

interface OrgFormValues {
  name?: string;
  kind?: OrgKind;
  parentId?: number | null;
}

function OrgModal(props: { editing: Editing; orgs: OrgNode[]; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const { editing, orgs } = props;
  const [form] = Form.useForm<OrgFormValues>();
  const [saving, setSaving] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const parentKind = editing.parentId != null ? orgs.find((o) => o.id === editing.parentId)?.kind : undefined;
  const initial: OrgFormValues =
    editing.mode === 'edit' && editing.org
      ? { name: editing.org.name, kind: editing.org.kind, parentId: editing.org.parentId }
      : { kind: childKindFor(parentKind), parentId: editing.parentId };
  const parentOptions = useMemo(
    () => orgTreeOptions(orgs, editing.org ? { exclude: editing.org.id } : {}),
    [orgs, editing.org],
  );

  const submit = async () => {
    setTopError(null);
    let v: OrgFormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    const org = { name: (v.name ?? '').trim(), kind: v.kind!, parentId: v.parentId ?? null };
    try {
      if (editing.mode === 'edit' && editing.org) await api['orgs.update']({ id: editing.org.id, org });
      else await api['orgs.create']({ org });
      message.success('已保存');
      props.onSaved();
    } catch (e) {
      const fe = fieldErrorsOf(e);
      const known = (['name', 'kind', 'parentId'] as const).filter((f) => fe[f]);
      if (known.length) form.setFields(known.map((f) => ({ name: f, errors: [fe[f]!] })));
      setTopError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={editing.mode === 'edit' ? `编辑组织：${editing.org?.name ?? ''}` : '添加党组织'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={props.onClose}
      width={560}
      destroyOnHidden
    >
      <Form form={form} name="orgForm" layout="vertical" initialValues={initial} style={{ marginTop: 16 }}>
        <Form.Item
          name="name"
          label="组织名称"
          rules={[
            { required: true, whitespace: true, message: '请填写组织名称' },
            { max: 60, message: '组织名称不能超过 60 个字' },
          ]}
        >
          <Input maxLength={60} placeholder="例如：阳光社区第一党支部" />
        </Form.Item>
        <Form.Item name="kind" label="组织类别" rules={[{ required: true, message: '请选择组织类别' }]}>
          <Select options={ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="parentId" label="上级组织" extra="不选表示顶级组织（通常是街道党工委）">
          <TreeSelect<number>
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll
            placeholder="无（顶级组织）"
            treeData={parentOptions}
          />
        </Form.Item>
      </Form>
      {topError && (
        <Space>
          <span style={{ color: '#b8312a' }}>{topError}</span>
        </Space>
      )}
    </Modal>
  );
}
