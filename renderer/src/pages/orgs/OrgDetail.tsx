/** One organisation's record: its warnings, every field with its label, officers, units, and the 操作日志. */
import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Empty, Form, Input, Modal, Skeleton, Space, Table, Tag, Timeline } from 'antd';
import type { DescriptionsProps } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import type { AuditEntry, OrgRecord } from '../../../../shared/contract';
import { BRANCH_KINDS, OFFICER_ROLE_LABELS, ORG_FIELD_LABELS, ORG_KIND_LABELS, type OfficerRole, type OrgKind } from '../../../../shared/domain/labels';
import { daysBetween, TERM_REMINDER_DAYS } from '../../../../shared/rules/orgRules';
import { todayIso } from '../../../../shared/rules/idNumber';
import { AUDIT_ACTION_LABELS, EMPTY, errorText, fieldErrorsOf, fmtDate, fmtDateTime } from '../../lib/format';
import { useOrgs } from '../../lib/orgs';
import { DATE_FORMATS, toIso } from '../members/dates';
import { kindTagColor } from './OrgsPage';
import { OrgEditForm } from './OrgEditForm';

/** 届满 with its reminder tag: 已届满 (past) or 换届提醒 (within 90 days). */
export function TermEndTag({ termEnd }: { termEnd: string | null }) {
  if (!termEnd) return null;
  const days = daysBetween(todayIso(), termEnd);
  if (days < 0) return <Tag color="red">已届满</Tag>;
  if (days <= TERM_REMINDER_DAYS) return <Tag color="orange">换届提醒 · {days === 0 ? '今天届满' : `还有 ${days} 天`}</Tag>;
  return null;
}

export function OrgDetail(props: { id: number; reloadKey: number; onChanged: () => void; onAddChild: () => void; onDissolved: () => void }) {
  const { id, reloadKey } = props;
  const { byId } = useOrgs();
  const [org, setOrg] = useState<OrgRecord | null>(null);
  const [audit, setAudit] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [dissolving, setDissolving] = useState(false);
  const [reopening, setReopening] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    Promise.all([api['orgs.get']({ id }), api['orgs.audit']({ id })]).then(
      ([o, a]) => {
        if (!live) return;
        setOrg(o);
        setAudit(a);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [id, reloadKey, reopening]);

  if (error) return <Alert type="error" showIcon title="这个组织的信息没有加载出来" description={error} />;
  if (!org) return <Skeleton active />;

  if (editing)
    return (
      <OrgEditForm
        key={org.version}
        org={org}
        onReopen={() => {
          // The record changed under the form: read it again and open the form on the new copy.
          setReopening((n) => n + 1);
          props.onChanged();
        }}
        onCancel={() => setEditing(false)}
        onSaved={(o) => {
          setOrg(o);
          setEditing(false);
          props.onChanged();
        }}
      />
    );

  const isBranch = BRANCH_KINDS.includes(org.kind);
  const items: DescriptionsProps['items'] = [
    { key: 'kind', label: '组织类别', children: ORG_KIND_LABELS[org.kind] },
    { key: 'parent', label: '上级组织', children: org.parentName ?? '无（顶级组织）' },
    {
      key: 'counts',
      label: isBranch ? '党员人数' : '党员人数（含下级）',
      children: `正式 ${isBranch ? org.fullCount : org.fullTotal} 名，预备 ${isBranch ? org.probationaryCount : org.probationaryTotal} 名`,
    },
    { key: 'foundedOn', label: '建立日期', children: fmtDate(org.foundedOn) },
    { key: 'foundingDocNo', label: '建立文号', children: org.foundingDocNo ?? EMPTY },
    { key: 'contactPhone', label: '联系电话', children: org.contactPhone ?? EMPTY },
    { key: 'address', label: ORG_FIELD_LABELS.address, span: 2, children: org.address ?? EMPTY },
    {
      key: 'units',
      label: '所在单位',
      span: 2,
      children: org.units.length ? (
        <ol className="org-units">
          {org.units.map((u, i) => (
            <li key={i}>{u}</li>
          ))}
        </ol>
      ) : (
        EMPTY
      ),
    },
    ...(org.kind === 'group'
      ? []
      : [
          { key: 'electedOn', label: '选举日期', children: fmtDate(org.electedOn) },
          {
            key: 'termYears',
            label: '任期',
            children: org.effectiveTermYears ? `${org.effectiveTermYears} 年${org.termYears == null ? '（默认）' : ''}` : EMPTY,
          },
          {
            key: 'termEnd',
            label: '届满日期',
            span: 2,
            children: org.termEnd ? (
              <Space>
                {org.termEnd}
                <TermEndTag termEnd={org.termEnd} />
              </Space>
            ) : org.electedOn ? (
              EMPTY
            ) : (
              <span className="muted">填写选举日期后自动计算（选举日期 + 任期）</span>
            ),
          },
        ]),
    { key: 'note', label: '备注', span: 2, children: org.note ?? EMPTY },
  ];

  return (
    <div className="org-detail">
      <div className="org-detail-head">
        <h2>{org.name}</h2>
        <Tag color={kindTagColor(org.kind)} variant="outlined">
          {ORG_KIND_LABELS[org.kind]}
        </Tag>
        <Space style={{ marginLeft: 'auto' }}>
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            编辑
          </Button>
          {org.kind !== 'group' && (
            <Button icon={<PlusOutlined />} onClick={props.onAddChild}>
              添加下级
            </Button>
          )}
          <Button danger icon={<DeleteOutlined />} onClick={() => setDissolving(true)}>
            撤销
          </Button>
        </Space>
      </div>

      <section aria-label="规则提醒" className="org-warnings">
        {org.warnings.length === 0 ? (
          <Alert type="success" showIcon title="符合组织设置规则，暂无提醒" />
        ) : (
          org.warnings.map((w) => (
            <Alert key={w.rule} type={w.rule === 'termExpired' ? 'error' : 'warning'} showIcon title={w.title} description={w.message} />
          ))
        )}
      </section>

      <Descriptions bordered size="small" column={2} items={items} styles={{ label: { width: 96, whiteSpace: 'nowrap' } }} />

      <h3>书记和委员</h3>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={org.officers}
        locale={{ emptyText: '还没有登记书记和委员，点击“编辑”添加' }}
        columns={[
          { title: '职务', dataIndex: 'role', width: 120, render: (r: OfficerRole) => OFFICER_ROLE_LABELS[r] },
          {
            title: '姓名',
            dataIndex: 'name',
            render: (name: string, o) => (
              <Space>
                {name}
                {o.memberLeft && <Tag>已离开名册</Tag>}
              </Space>
            ),
          },
          { title: '来源', dataIndex: 'memberId', width: 140, render: (m: number | null) => (m != null ? '党员名册' : '手工填写') },
        ]}
      />

      <h3>操作日志</h3>
      <section aria-label="操作日志">
        {audit && audit.length === 0 && <Empty description="暂无记录" />}
        {audit && audit.length > 0 && (
          <Timeline
            items={audit.slice(0, 20).map((a) => ({
              key: a.id,
              content: (
                <div>
                  <div className="muted">
                    {fmtDateTime(a.at)} · {AUDIT_ACTION_LABELS[a.action] ?? (a.action === 'dissolve' ? '撤销' : a.action)} · {a.actor ?? EMPTY}
                  </div>
                  {a.changes.map((c) => (
                    <div key={c.field}>
                      {ORG_FIELD_LABELS[c.field] ?? c.field}：{orgAuditValue(c.field, c.old, byId)} → {orgAuditValue(c.field, c.new, byId)}
                    </div>
                  ))}
                  {a.note && <div>说明：{a.note}</div>}
                </div>
              ),
            }))}
          />
        )}
      </section>

      {dissolving && (
        <DissolveModal
          org={org}
          onClose={() => setDissolving(false)}
          onDone={() => {
            setDissolving(false);
            props.onDissolved();
          }}
        />
      )}
    </div>
  );
}

function orgAuditValue(field: string, v: unknown, byId: Map<number, { name: string }>): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (field === 'kind' && typeof v === 'string') return ORG_KIND_LABELS[v as OrgKind] ?? v;
  if (field === 'parentId' && typeof v === 'number') return byId.get(v)?.name ?? `编号 ${v}`;
  if (field === 'units' && Array.isArray(v)) return v.length ? v.join('、') : '（无）';
  if (field === 'officers' && Array.isArray(v))
    return v.length ? (v as { name: string; role: OfficerRole }[]).map((o) => `${OFFICER_ROLE_LABELS[o.role] ?? o.role} ${o.name}`).join('、') : '（无）';
  if (field === 'termYears') return `${String(v)} 年`;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
}

function DissolveModal(props: { org: OrgRecord; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ date?: Dayjs; note?: string }>();
  const [saving, setSaving] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const submit = async () => {
    setTopError(null);
    let v;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await api['orgs.dissolve']({ id: props.org.id, date: toIso(v.date)!, note: v.note ?? '' });
      message.success(`已撤销“${props.org.name}”`);
      props.onDone();
    } catch (e) {
      const fe = fieldErrorsOf(e);
      if (fe.date) form.setFields([{ name: 'date', errors: [fe.date] }]);
      setTopError(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`撤销组织：${props.org.name}`}
      okText="撤销"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <p>撤销后这个组织不再出现在组织树和选择列表中，它的记录和操作日志保留。组织里还有在册党员或下级组织时不能撤销。</p>
      <Form form={form} name="orgDissolve" layout="vertical">
        <Form.Item name="date" label="撤销日期" rules={[{ required: true, message: '请选择撤销日期' }]}>
          <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} placeholder="例如 2026-06-30" />
        </Form.Item>
        <Form.Item name="note" label="撤销说明" rules={[{ max: 500, message: '不能超过 500 个字' }]}>
          <Input.TextArea rows={2} placeholder="例如：党员已全部转入联合党支部（上级批复文号）" />
        </Form.Item>
      </Form>
      {topError && <Alert type="error" showIcon title={topError} />}
    </Modal>
  );
}
