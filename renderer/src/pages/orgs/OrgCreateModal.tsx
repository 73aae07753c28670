/** 添加党组织: name, kind and parent; the rest of the record is filled in afterwards on the right. */
import { useMemo, useState } from 'react';
import { App, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { api } from '../../api/client';
import type { OrgNode } from '../../../../shared/contract';
import { ORG_KINDS, ORG_KIND_LABELS, type OrgKind } from '../../../../shared/domain/labels';
import { errorText, fieldErrorsOf } from '../../lib/format';
import { orgTreeOptions } from '../../lib/orgs';

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

interface Values {
  name?: string;
  kind?: OrgKind;
  parentId?: number | null;
}

export function OrgCreateModal(props: { parentId: number | null; orgs: OrgNode[]; onClose: () => void; onSaved: (id: number) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const parentKind = props.parentId != null ? props.orgs.find((o) => o.id === props.parentId)?.kind : undefined;
  const parentOptions = useMemo(() => orgTreeOptions(props.orgs), [props.orgs]);

  const submit = async () => {
    setTopError(null);
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const org = await api['orgs.create']({ org: { name: (v.name ?? '').trim(), kind: v.kind!, parentId: v.parentId ?? null } });
      message.success('已添加，可在右侧补充建立日期、书记和委员等信息');
      props.onSaved(org.id);
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
    <Modal open title="添加党组织" okText="保存" cancelText="取消" confirmLoading={saving} onOk={submit} onCancel={props.onClose} width={560} destroyOnHidden>
      <Form
        form={form}
        name="orgCreate"
        layout="vertical"
        initialValues={{ kind: childKindFor(parentKind), parentId: props.parentId }}
        style={{ marginTop: 16 }}
      >
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
          <TreeSelect<number> allowClear showSearch={{ treeNodeFilterProp: 'title' }} treeDefaultExpandAll placeholder="无（顶级组织）" treeData={parentOptions} />
        </Form.Item>
      </Form>
      {topError && <div style={{ color: '#b8312a' }}>{topError}</div>}
    </Modal>
  );
}
