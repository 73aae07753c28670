/**
 * 编辑组织信息: the whole record — name, kind, parent, founding, contact and address, units, officers, election and
 * term. It sends the version it was opened with; when someone else saved the record since, the save is refused
 * and the form offers to open the record again.
 */
import { useMemo, useRef, useState } from 'react';
import { Alert, App, AutoComplete, Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, TreeSelect } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import type { OrgRecord } from '../../../../shared/contract';
import { OFFICER_ROLES, OFFICER_ROLE_LABELS, ORG_FIELD_LABELS, ORG_KINDS, ORG_KIND_LABELS, type OfficerRole, type OrgKind } from '../../../../shared/domain/labels';
import { MAX_JOINT_UNITS, termEnd } from '../../../../shared/rules/orgRules';
import { ApiCallError } from '../../api/client';
import { errorText, fieldErrorsOf } from '../../lib/format';
import { orgTreeOptions, useOrgs } from '../../lib/orgs';
import { DATE_FORMATS, fromIso, toIso } from '../members/dates';
import { TermEndTag } from './OrgDetail';

interface OfficerRow {
  role?: OfficerRole;
  name?: string;
  memberId?: number | null;
}
interface Values {
  name?: string;
  kind?: OrgKind;
  parentId?: number | null;
  foundedOn?: Dayjs | null;
  foundingDocNo?: string;
  contactPhone?: string;
  address?: string;
  electedOn?: Dayjs | null;
  termYears?: number | null;
  note?: string;
  units?: { name?: string }[];
  officers?: OfficerRow[];
}

const notFuture = (d: Dayjs) => d.isAfter(new Date(), 'day');
const FIELDS = ['name', 'kind', 'parentId', 'foundedOn', 'foundingDocNo', 'contactPhone', 'address', 'electedOn', 'termYears', 'note', 'units', 'officers'] as const;

export function OrgEditForm(props: { org: OrgRecord; onCancel: () => void; onSaved: (o: OrgRecord) => void; onReopen: () => void }) {
  const { org } = props;
  const { message } = App.useApp();
  const { orgs } = useOrgs();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  /** Someone else saved the record since this form opened (the server refused the stale save). */
  const [stale, setStale] = useState(false);
  const parentOptions = useMemo(() => orgTreeOptions(orgs, { exclude: org.id }), [orgs, org.id]);
  const kind = Form.useWatch('kind', form) ?? org.kind;
  const electedOn = Form.useWatch('electedOn', form);
  const termYears = Form.useWatch('termYears', form);
  const units = Form.useWatch('units', form) ?? [];
  const end = termEnd(toIso(electedOn), termYears ?? org.defaultTermYears);

  const initial: Values = {
    name: org.name,
    kind: org.kind,
    parentId: org.parentId,
    foundedOn: fromIso(org.foundedOn),
    foundingDocNo: org.foundingDocNo ?? '',
    contactPhone: org.contactPhone ?? '',
    address: org.address ?? '',
    electedOn: fromIso(org.electedOn),
    termYears: org.termYears,
    note: org.note ?? '',
    units: org.units.map((name) => ({ name })),
    officers: org.officers.map((o) => ({ role: o.role, name: o.name, memberId: o.memberId })),
  };

  const submit = async () => {
    setTopError(null);
    setStale(false);
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      setTopError('有几项需要修改，请看标红的地方');
      return;
    }
    setSaving(true);
    try {
      const saved = await api['orgs.update']({
        id: org.id,
        org: {
          name: (v.name ?? '').trim(),
          kind: v.kind!,
          parentId: v.parentId ?? null,
          foundedOn: toIso(v.foundedOn),
          foundingDocNo: v.foundingDocNo ?? '',
          contactPhone: v.contactPhone ?? '',
          address: v.address ?? '',
          electedOn: toIso(v.electedOn),
          termYears: v.termYears ?? null,
          note: v.note ?? '',
          units: (v.units ?? []).map((u) => (u.name ?? '').trim()).filter((u) => u !== ''),
          officers: (v.officers ?? [])
            .filter((o) => (o.name ?? '').trim() !== '')
            .map((o) => ({ role: o.role!, name: (o.name ?? '').trim(), memberId: o.memberId ?? null })),
        },
        expectedVersion: org.version,
      });
      message.success('已保存');
      props.onSaved(saved);
    } catch (e) {
      const fe = fieldErrorsOf(e);
      const known = FIELDS.filter((f) => fe[f] && f !== 'units' && f !== 'officers');
      if (known.length) form.setFields(known.map((f) => ({ name: f, errors: [fe[f]!] })));
      setStale(e instanceof ApiCallError && e.code === 'conflict');
      setTopError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} name="orgEdit" layout="vertical" initialValues={initial} className="org-edit" onFinish={submit}>
      <div className="org-detail-head">
        <h2>编辑组织信息</h2>
        <Space style={{ marginLeft: 'auto' }}>
          <Button onClick={props.onCancel}>取消</Button>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
        </Space>
      </div>
      {topError && (
        <Alert
          type="error"
          showIcon
          title={topError}
          style={{ marginBottom: 12 }}
          action={
            stale ? (
              <Button size="small" danger onClick={props.onReopen}>
                重新打开
              </Button>
            ) : undefined
          }
        />
      )}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="name"
            label={ORG_FIELD_LABELS.name}
            rules={[
              { required: true, whitespace: true, message: '请填写组织名称' },
              { max: 60, message: '组织名称不能超过 60 个字' },
            ]}
          >
            <Input maxLength={60} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="kind" label={ORG_FIELD_LABELS.kind} rules={[{ required: true, message: '请选择组织类别' }]}>
            <Select options={ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="parentId" label={ORG_FIELD_LABELS.parentId}>
            <TreeSelect<number> allowClear showSearch={{ treeNodeFilterProp: 'title' }} placeholder="无（顶级组织）" treeData={parentOptions} popupMatchSelectWidth={360} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="foundedOn" label={ORG_FIELD_LABELS.foundedOn}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} placeholder="例如 2010-07-01" disabledDate={notFuture} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="foundingDocNo" label={ORG_FIELD_LABELS.foundingDocNo} rules={[{ max: 60, message: '建立文号不能超过 60 个字' }]}>
            <Input placeholder="例如 阳社党〔2010〕3号" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="contactPhone"
            label={ORG_FIELD_LABELS.contactPhone}
            rules={[{ pattern: /^[0-9+\-()（） 转]*$/, message: '只能填写数字、“-”和“转”，例如 010-12345678' }]}
          >
            <Input placeholder="例如 010-12345678" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="address"
            label={ORG_FIELD_LABELS.address}
            extra="地址或办公地点；开具组织关系介绍信时，街道党工委的办公地址印作“党委通讯地址”"
            rules={[{ max: 100, message: '办公地址不能超过 100 个字' }]}
          >
            <Input maxLength={100} placeholder="例如 青松街道幸福路 12 号党群服务中心二楼" />
          </Form.Item>
        </Col>
        {kind !== 'group' && (
          <>
            <Col span={8}>
              <Form.Item name="electedOn" label="选举日期（本届）">
                <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} placeholder="例如 2023-06-30" disabledDate={notFuture} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                name="termYears"
                label={ORG_FIELD_LABELS.termYears}
                extra={org.defaultTermYears ? `不填按 ${org.defaultTermYears} 年（社区党组织 5 年，其他一般 3 年）` : undefined}
              >
                <InputNumber min={1} max={10} precision={0} style={{ width: '100%' }} placeholder={org.defaultTermYears ? `默认 ${org.defaultTermYears}` : ''} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="届满日期（自动计算）">
                <div className="org-term-end" aria-live="polite">
                  {end ? (
                    <Space>
                      {end}
                      <TermEndTag termEnd={end} />
                    </Space>
                  ) : (
                    <span className="muted">填写选举日期后自动计算</span>
                  )}
                </div>
              </Form.Item>
            </Col>
          </>
        )}
      </Row>

      <h3>所在单位</h3>
      {kind === 'jointBranch' && units.length > MAX_JOINT_UNITS && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={`联合党支部所含单位一般不超过 ${MAX_JOINT_UNITS} 个，现在登记了 ${units.length} 个`} />
      )}
      <Form.List name="units">
        {(fields, { add, remove }) => (
          <div className="org-list">
            {fields.map((f, i) => (
              <Space key={f.key} align="start" className="org-list-row">
                <Form.Item name={[f.name, 'name']} rules={[{ max: 100, message: '单位名称不能超过 100 个字' }]} style={{ marginBottom: 8 }}>
                  <Input aria-label={`所在单位 ${i + 1}`} placeholder="单位名称" style={{ width: 420 }} />
                </Form.Item>
                <Button type="text" danger aria-label={`删除所在单位 ${i + 1}`} icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })} disabled={fields.length >= 20}>
              添加单位
            </Button>
          </div>
        )}
      </Form.List>

      <h3>书记和委员</h3>
      <Form.List name="officers">
        {(fields, { add, remove }) => (
          <div className="org-list">
            {fields.map((f, i) => (
              <Space key={f.key} align="start" className="org-list-row">
                <Form.Item name={[f.name, 'role']} rules={[{ required: true, message: '请选择职务' }]} style={{ marginBottom: 8 }}>
                  <Select aria-label={`第 ${i + 1} 位的职务`} style={{ width: 130 }} options={OFFICER_ROLES.map((r) => ({ value: r, label: OFFICER_ROLE_LABELS[r] }))} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'name']}
                  rules={[
                    { required: true, whitespace: true, message: '请填写姓名' },
                    { max: 40, message: '姓名不能超过 40 个字' },
                  ]}
                  style={{ marginBottom: 8 }}
                >
                  <MemberPicker
                    orgId={org.id}
                    ariaLabel={`第 ${i + 1} 位的姓名`}
                    onPicked={(memberId) => form.setFieldValue(['officers', f.name, 'memberId'], memberId)}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'memberId']} hidden>
                  <Input />
                </Form.Item>
                <OfficerSource index={f.name} />
                <Button type="text" danger aria-label={`删除第 ${i + 1} 位`} icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ role: fields.length === 0 ? 'secretary' : 'member', name: '', memberId: null })}
              disabled={fields.length >= 15}
            >
              添加书记／委员
            </Button>
          </div>
        )}
      </Form.List>

      <Form.Item name="note" label={ORG_FIELD_LABELS.note} rules={[{ max: 2000, message: '备注不能超过 2000 个字' }]} style={{ marginTop: 16 }}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </Form>
  );
}

function OfficerSource({ index }: { index: number }) {
  const memberId = Form.useWatch(['officers', index, 'memberId']);
  return <span className="muted org-officer-source">{memberId != null ? '党员名册' : '手工填写'}</span>;
}

/** A name typed by hand, or a member picked from the register (of this organisation and below). */
function MemberPicker(props: { value?: string; onChange?: (v: string) => void; orgId: number; ariaLabel: string; onPicked: (memberId: number | null) => void }) {
  const [options, setOptions] = useState<{ value: string; label: string; memberId: number; name: string }[]>([]);
  const seq = useRef(0);
  const search = (q: string) => {
    const n = ++seq.current;
    if (!q.trim()) {
      setOptions([]);
      return;
    }
    api['members.list']({ q: q.trim().slice(0, 40), orgId: props.orgId, pageSize: 10 }).then(
      (r) => {
        if (n !== seq.current) return;
        setOptions(
          r.rows.map((m) => ({ value: `${m.id}`, label: `${m.name}（${m.branchName ?? '未编入支部'}，${m.idNumberMasked}）`, memberId: m.id, name: m.name })),
        );
      },
      () => setOptions([]),
    );
  };
  return (
    <AutoComplete
      aria-label={props.ariaLabel}
      style={{ width: 240 }}
      value={props.value}
      options={options}
      placeholder="输入姓名，或从党员名册中选"
      onSearch={search}
      onChange={(v: string) => {
        if (options.some((o) => o.value === v)) return; // a pick: handled by onSelect
        props.onChange?.(v);
        props.onPicked(null);
      }}
      onSelect={(v: string) => {
        const picked = options.find((o) => o.value === v);
        if (!picked) return;
        props.onChange?.(picked.name);
        props.onPicked(picked.memberId);
      }}
    />
  );
}
