/** 驻区单位: the register (search, kind, community), a unit's form, and a unit's page (bodies, visits, agreements, activities). */
import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { EMPTY } from '../../lib/format';
import { navigate } from '../../lib/router';
import { useDebounced } from '../../lib/useDebounced';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { AGREEMENT_STATUS_LABELS, COBUILDING_FIELD_LABELS, type AgreementRow, type ResidentUnit, type ResidentUnitRow, type UnitVisit } from '../../../../shared/cobuilding';
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '../../../../shared/domain/labels';
import { DATE_FORMATS, fromIso, toIso } from '../members/dates';
import { AuditSection } from '../../components/AuditSection';
import { CommunitySelect, fmtHours, useRecord } from './shared';
import { AGREEMENT_STATUS_COLORS } from './agreements';
import { VisitModal } from './visits';
import { FormError } from '../../components/FormError';
import { RecordLink } from '../../components/RecordLink';
import { ListToolbar, RecordTable } from '../../components/RecordList';

export function UnitsTab() {
  const [q, setQ] = useState('');
  const dq = useDebounced(q, 250);
  const [kind, setKind] = useState<UnitKind | undefined>();
  const [communityId, setCommunityId] = useState<number | null>(null);
  const [status, setStatus] = useState<'active' | 'left' | 'all'>('active');
  const [editing, setEditing] = useState(false);
  const list = useRecord(() => api['units.list']({ q: dq.trim() || undefined, kind, communityId: communityId ?? undefined, status }), [dq, kind, communityId, status]);
  return (
    <div>
      <ListToolbar add={{ label: '登记驻区单位', onClick: () => setEditing(true) }}>
        <Input.Search aria-label="搜索驻区单位" allowClear placeholder="单位名称、地址、联络员" value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 240 }} />
        <Select<UnitKind> aria-label="单位类别" allowClear placeholder="全部类别" value={kind} onChange={setKind} style={{ width: 130 }} options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))} />
        <CommunitySelect value={communityId} onChange={setCommunityId} allowClear placeholder="全部社区" style={{ width: 180 }} />
        <Select aria-label="状态" value={status} onChange={setStatus} style={{ width: 120 }} options={[{ value: 'active', label: '在辖区' }, { value: 'left', label: '已迁出' }, { value: 'all', label: '全部' }]} />
      </ListToolbar>
      <RecordTable<ResidentUnitRow>
        testId="units-table"
        rows={list.value}
        error={list.error}
        total={(n) => `共 ${n} 个单位`}
        empty="还没有登记驻区单位。点击右上角“登记驻区单位”开始。"
        onOpen={(r) => navigate(`/cobuilding/units/${r.id}`)}
        columns={[
          {
            title: '单位名称',
            dataIndex: 'name',
            key: 'name',
            render: (v: string, r) => (
              <RecordLink to={`/cobuilding/units/${r.id}`}>
                {v}
              </RecordLink>
            ),
          },
          { title: '类别', dataIndex: 'kind', key: 'kind', width: 90, render: (v: UnitKind) => UNIT_KIND_LABELS[v] },
          { title: '所在社区', dataIndex: 'communityName', key: 'community', width: 140, render: (v: string | null) => v ?? EMPTY },
          { title: '单位党组织', dataIndex: 'partyOrgName', key: 'party', ellipsis: true, render: (v: string | null) => v ?? EMPTY },
          { title: '联络员', key: 'liaison', width: 170, render: (_: unknown, r) => (r.liaisonName ? `${r.liaisonName}${r.liaisonPhone ? ` ${r.liaisonPhone}` : ''}` : EMPTY) },
          { title: '联席会', key: 'bodies', width: 150, render: (_: unknown, r) => (r.bodies.length ? r.bodies.map((b) => <Tag key={b.bodyId}>{b.bodyName}</Tag>) : <span className="muted">未加入</span>) },
          { title: '履行中协议', dataIndex: 'agreementsInForce', key: 'agreements', width: 100, align: 'center' as const },
          {
            title: '最近走访',
            key: 'visit',
            width: 150,
            render: (_: unknown, r) => (
              <>
                {r.lastVisitOn ?? <span className="muted">未走访</span>}
                {r.openProblems > 0 && (
                  <Tag color="red" style={{ marginLeft: 6 }}>
                    {r.openProblems} 个问题未解决
                  </Tag>
                )}
              </>
            ),
          },
          ...(status !== 'active' ? [{ title: '迁出日期', dataIndex: 'leftOn', key: 'leftOn', width: 110, render: (v: string | null) => v ?? EMPTY }] : []),
        ]}
      />
      <UnitModal open={editing} unit={null} onClose={() => setEditing(false)} onDone={(u) => (setEditing(false), navigate(`/cobuilding/units/${u.id}`))} />
    </div>
  );
}

interface UnitValues {
  name?: string;
  kind?: UnitKind;
  communityId?: number | null;
  address?: string;
  partyOrgName?: string;
  partySecretary?: string;
  contactName?: string;
  contactPhone?: string;
  liaisonName?: string;
  liaisonPhone?: string;
  leftOn?: Dayjs | null;
  note?: string;
}
const UNIT_FIELDS = ['name', 'kind', 'communityId', 'address', 'partyOrgName', 'partySecretary', 'contactName', 'contactPhone', 'liaisonName', 'liaisonPhone', 'leftOn', 'note'] as const;

export function UnitModal(props: { open: boolean; unit: ResidentUnit | null; onClose: () => void; onDone: (u: ResidentUnit) => void }) {
  const [form] = Form.useForm<UnitValues>();
  const { saving, error, submit } = useFormSubmit(form, UNIT_FIELDS);
  const { message } = App.useApp();
  const u = props.unit;
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    if (u)
      form.setFieldsValue({
        name: u.name,
        kind: u.kind,
        communityId: u.communityId,
        address: u.address ?? '',
        partyOrgName: u.partyOrgName ?? '',
        partySecretary: u.partySecretary ?? '',
        contactName: u.contactName ?? '',
        contactPhone: u.contactPhone ?? '',
        liaisonName: u.liaisonName ?? '',
        liaisonPhone: u.liaisonPhone ?? '',
        leftOn: fromIso(u.leftOn),
        note: u.note ?? '',
      });
  }, [props.open, u, form]);
  const send = () =>
    submit(async (v) => {
      const saved = await api['units.save']({
        id: u?.id,
        expectedVersion: u?.version,
        unit: {
          name: (v.name ?? '').trim(),
          kind: v.kind!,
          communityId: v.communityId ?? null,
          address: v.address ?? '',
          partyOrgName: v.partyOrgName ?? '',
          partySecretary: v.partySecretary ?? '',
          contactName: v.contactName ?? '',
          contactPhone: v.contactPhone ?? '',
          liaisonName: v.liaisonName ?? '',
          liaisonPhone: v.liaisonPhone ?? '',
          leftOn: toIso(v.leftOn),
          note: v.note ?? '',
        },
      });
      message.success(u ? '已保存' : `已登记驻区单位 ${saved.name}`);
      props.onDone(saved);
    });
  const row = { display: 'flex', gap: 12 } as const;
  return (
    <Modal open={props.open} title={u ? `修改驻区单位：${u.name}` : '登记驻区单位'} okText="保存" cancelText="取消" confirmLoading={saving} onOk={send} onCancel={props.onClose} destroyOnHidden width={680}>
      <Form form={form} name="unitForm" layout="vertical" requiredMark>
        <div style={row}>
          <Form.Item name="name" label="单位名称" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]} style={{ flex: 2 }}>
            <Input maxLength={100} placeholder="与单位公章一致" />
          </Form.Item>
          <Form.Item name="kind" label="单位类别" rules={[{ required: true, message: '请选择单位类别' }]} style={{ flex: 1 }}>
            <Select options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))} />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item name="communityId" label="所在社区" style={{ flex: 1 }}>
            <CommunitySelect allowClear />
          </Form.Item>
          <Form.Item name="address" label="单位地址" style={{ flex: 2 }}>
            <Input maxLength={200} />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item name="partyOrgName" label="单位党组织" style={{ flex: 2 }}>
            <Input maxLength={100} placeholder="例如：中共区第一中学委员会" />
          </Form.Item>
          <Form.Item name="partySecretary" label="党组织书记" style={{ flex: 1 }}>
            <Input maxLength={40} />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item name="contactName" label="联系人" style={{ flex: 1 }}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="contactPhone" label="联系电话" style={{ flex: 1 }}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="liaisonName" label="联络员" style={{ flex: 1 }}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="liaisonPhone" label="联络员电话" style={{ flex: 1 }}>
            <Input maxLength={30} />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item name="note" label="备注" style={{ flex: 2 }}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          {u && (
            <Form.Item name="leftOn" label="迁出辖区日期" style={{ flex: 1 }} extra="迁出后保留记录，并同日退出联席会">
              <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} />
            </Form.Item>
          )}
        </div>
      </Form>
      <FormError error={error} />
    </Modal>
  );
}

export function UnitDetail({ id }: { id: number }) {
  const { value: u, error, set, reload } = useRecord(() => api['units.get']({ id }), [id]);
  const [dialog, setDialog] = useState<'edit' | 'visit' | null>(null);
  const [visit, setVisit] = useState<UnitVisit | null>(null);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!u) return <div className="muted">正在读取…</div>;
  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 16 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/cobuilding')}>
          返回列表
        </Button>
        <h2 style={{ fontSize: 18, margin: '0 8px' }}>{u.name}</h2>
        <Tag>{UNIT_KIND_LABELS[u.kind]}</Tag>
        {u.leftOn && <Tag color="default">已于 {u.leftOn} 迁出</Tag>}
        <span style={{ flex: 1 }} />
        <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
          修改
        </Button>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => (setVisit(null), setDialog('visit'))}>
          登记走访
        </Button>
      </div>
      <Descriptions bordered size="small" column={3} data-testid="unit-details">
        <Descriptions.Item label="所在社区">{u.communityName ?? EMPTY}</Descriptions.Item>
        <Descriptions.Item label="单位地址" span={2}>
          {u.address ?? EMPTY}
        </Descriptions.Item>
        <Descriptions.Item label="单位党组织">{u.partyOrgName ?? EMPTY}</Descriptions.Item>
        <Descriptions.Item label="党组织书记">{u.partySecretary ?? EMPTY}</Descriptions.Item>
        <Descriptions.Item label="联系人">{[u.contactName, u.contactPhone].filter(Boolean).join(' ') || EMPTY}</Descriptions.Item>
        <Descriptions.Item label="联络员">{[u.liaisonName, u.liaisonPhone].filter(Boolean).join(' ') || EMPTY}</Descriptions.Item>
        <Descriptions.Item label="联席会 / 协调委员会" span={2}>
          {u.memberships.length
            ? u.memberships.map((m) => (
                <Tag key={m.id} color={m.current ? 'red' : 'default'}>
                  {m.bodyName}（{m.since} 起{m.until ? `，${m.until} 退出` : ''}
                  {m.representative ? `，代表：${m.representative}` : ''}）
                </Tag>
              ))
            : '未加入'}
        </Descriptions.Item>
        <Descriptions.Item label="备注" span={3}>
          {u.note ?? EMPTY}
        </Descriptions.Item>
      </Descriptions>

      <h3 className="section-title">共建协议</h3>
      <Table<AgreementRow>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={u.agreements}
        locale={{ emptyText: '还没有签订协议' }}
        columns={[
          {
            title: '协议名称',
            dataIndex: 'title',
            key: 'title',
            render: (v: string, r) => (
              <RecordLink to={`/cobuilding/agreements/${r.id}`}>
                {v}
              </RecordLink>
            ),
          },
          { title: '签订日期', dataIndex: 'signedOn', key: 'signed', width: 110 },
          { title: '到期日期', dataIndex: 'endOn', key: 'end', width: 110 },
          { title: '状态', dataIndex: 'status', key: 'status', width: 100, render: (v: AgreementRow['status']) => <Tag color={AGREEMENT_STATUS_COLORS[v]}>{AGREEMENT_STATUS_LABELS[v]}</Tag> },
        ]}
      />

      <h3 className="section-title">参加主题活动（按年）</h3>
      <Table
        rowKey="year"
        size="small"
        pagination={false}
        dataSource={u.activityYears}
        locale={{ emptyText: '还没有参加活动的记录' }}
        columns={[
          { title: '年度', dataIndex: 'year', key: 'year', width: 90, render: (v: number) => `${v}年` },
          { title: '活动次数', dataIndex: 'activities', key: 'a', width: 100 },
          { title: '参加人次', dataIndex: 'participants', key: 'p', width: 100 },
          { title: '服务时长（人·小时）', dataIndex: 'personHours', key: 'h', render: (v: number) => fmtHours(v) },
        ]}
      />

      <h3 className="section-title">走访记录</h3>
      <Table<UnitVisit>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={u.visits}
        locale={{ emptyText: '还没有走访记录' }}
        onRow={(r) => ({ onDoubleClick: () => (setVisit(r), setDialog('visit')) })}
        columns={[
          { title: '走访日期', dataIndex: 'visitedOn', key: 'date', width: 110 },
          { title: '走访人员', dataIndex: 'visitors', key: 'who', width: 140 },
          { title: '意见建议', dataIndex: 'views', key: 'views', ellipsis: true, render: (v: string | null) => v ?? EMPTY },
          { title: '困难问题', dataIndex: 'problems', key: 'problems', ellipsis: true, render: (v: string | null) => v ?? EMPTY },
          { title: '办理情况', key: 'solved', width: 150, render: (_: unknown, r) => (r.solved ? <Tag color="green">已解决 {r.solvedOn ?? ''}</Tag> : r.problems ? <Tag color="gold">跟进中</Tag> : EMPTY) },
          { title: '', key: 'edit', width: 70, render: (_: unknown, r) => <Button size="small" type="link" onClick={() => (setVisit(r), setDialog('visit'))}>修改</Button> },
        ]}
      />
      <AuditSection
        load={() => api['units.audit']({ id: u.id })}
        version={u.version}
        labels={{ ...COBUILDING_FIELD_LABELS, name: '单位名称', kind: '单位类别', address: '单位地址' }}
        show={(f, v) => (f === 'kind' && typeof v === 'string' ? (UNIT_KIND_LABELS[v as UnitKind] ?? v) : null)}
      />
      <UnitModal open={dialog === 'edit'} unit={u} onClose={() => setDialog(null)} onDone={(n) => (set(n), setDialog(null))} />
      <VisitModal open={dialog === 'visit'} unitId={u.id} visit={visit} onClose={() => setDialog(null)} onDone={() => (setDialog(null), void reload())} />
    </div>
  );
}
