/**
 * 帮扶: households and people helped (the list masks ID numbers, phones and addresses as the register does), the
 * overdue visits at the top, a household's page with its full record, pairings, visits and help given.
 *   /assistance        the list          /assistance/:id    one household
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Select, Table, Tag } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { EMPTY, errorText } from '../../lib/format';
import { navigate } from '../../lib/router';
import { useDebounced } from '../../lib/useDebounced';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { MemberPicker } from '../../components/MemberPicker';
import {
  HOUSEHOLD_STATUS_LABELS,
  type Household,
  type HouseholdRow,
  type HouseholdStatus,
  type HouseholdVisit,
} from '../../../../shared/assistance';
import {
  HELP_KIND_LABELS,
  HELP_KINDS,
  HOUSEHOLD_KIND_LABELS,
  HOUSEHOLD_KINDS,
  VISIT_FREQUENCIES,
  VISIT_FREQUENCY_LABELS,
  type HelpKind,
  type HouseholdKind,
  type VisitFrequency,
} from '../../../../shared/domain/labels';
import { DATE_FORMATS, fromIso, toIso } from '../members/dates';
import { CommunitySelect, useRecord } from '../cobuilding/shared';
import '../cobuilding/cobuilding.css';
import { AuditList } from '../volunteers/common';
import { FormError } from '../../components/FormError';
import { RecordLink } from '../../components/RecordLink';
import { ListToolbar, RecordTable } from '../../components/RecordList';

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
const yuan = (n: number) => `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;

export function AssistancePage({ path }: { path: string }) {
  const a = path.split('/')[2];
  const id = a && /^\d+$/.test(a) ? Number(a) : null;
  return (
    <div className="page cobuilding-page">
      <div className="page-title">
        <h1>困难群体帮扶</h1>
      </div>
      {id != null ? <HouseholdDetail key={id} id={id} /> : <HouseholdList />}
    </div>
  );
}

function DueTag({ r }: { r: Pick<HouseholdRow, 'overdue' | 'daysOverdue' | 'dueOn' | 'endedOn'> }) {
  if (r.endedOn && r.endedOn <= dayjs().format('YYYY-MM-DD')) return <Tag>已结束</Tag>;
  if (!r.dueOn) return <span className="muted">未设走访频次</span>;
  if (r.overdue) return <Tag color="red">逾期 {r.daysOverdue} 天</Tag>;
  return <span>{r.dueOn} 前</span>;
}

function HouseholdList() {
  const [q, setQ] = useState('');
  const dq = useDebounced(q, 250);
  const [kind, setKind] = useState<HouseholdKind | undefined>();
  const [communityId, setCommunityId] = useState<number | null>(null);
  const [status, setStatus] = useState<HouseholdStatus>('active');
  const [creating, setCreating] = useState(false);
  const list = useRecord(() => api['assistance.list']({ q: dq.trim() || undefined, kind, communityId: communityId ?? undefined, status }), [dq, kind, communityId, status]);
  const overdue = useRecord(() => api['assistance.list']({ status: 'overdue' }), []);
  return (
    <div>
      {overdue.value && overdue.value.length > 0 && status !== 'overdue' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="overdue-alert"
          title={`有 ${overdue.value.length} 户帮扶对象走访逾期：${overdue.value
            .slice(0, 5)
            .map((r) => `${r.name}（${r.daysOverdue} 天）`)
            .join('、')}${overdue.value.length > 5 ? ' 等' : ''}`}
          action={
            <Button size="small" onClick={() => setStatus('overdue')}>
              只看逾期
            </Button>
          }
        />
      )}
      <ListToolbar add={{ label: '登记帮扶对象', onClick: () => setCreating(true) }}>
        <Input.Search aria-label="搜索帮扶对象" allowClear placeholder="姓名、困难和需求" value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 200 }} />
        <Select<HouseholdKind> aria-label="类别" allowClear placeholder="全部类别" value={kind} onChange={setKind} style={{ width: 130 }} options={HOUSEHOLD_KINDS.map((k) => ({ value: k, label: HOUSEHOLD_KIND_LABELS[k] }))} />
        <CommunitySelect value={communityId} onChange={setCommunityId} allowClear placeholder="全部社区" style={{ width: 170 }} />
        <Select<HouseholdStatus> aria-label="状态" value={status} onChange={setStatus} style={{ width: 120 }} options={(['active', 'overdue', 'ended', 'all'] as const).map((k) => ({ value: k, label: HOUSEHOLD_STATUS_LABELS[k] }))} />
      </ListToolbar>
      <RecordTable<HouseholdRow>
        testId="households-table"
        rows={list.value}
        error={list.error}
        pageSize={15}
        total={(n) => `共 ${n} 户（人）；身份证号、电话和住址在列表中隐藏，打开记录可见`}
        empty={status === 'overdue' ? '没有走访逾期的帮扶对象' : '还没有登记帮扶对象。点击右上角“登记帮扶对象”。'}
        onOpen={(r) => navigate(`/assistance/${r.id}`)}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            key: 'name',
            width: 80,
            render: (v: string, r) => (
              <RecordLink to={`/assistance/${r.id}`}>
                {v}
              </RecordLink>
            ),
          },
          { title: '类别', key: 'kinds', width: 140, render: (_: unknown, r) => r.kinds.map((k) => <Tag key={k}>{HOUSEHOLD_KIND_LABELS[k]}</Tag>) },
          { title: '社区', dataIndex: 'communityName', key: 'c', width: 120, ellipsis: true },
          { title: '住址', dataIndex: 'addressMasked', key: 'a', width: 130, ellipsis: true, render: (v: string | null) => v ?? EMPTY },
          { title: '身份证号', dataIndex: 'idNumberMasked', key: 'id', width: 175, render: (v: string | null) => <span className="nowrap">{v ?? EMPTY}</span> },
          { title: '电话', dataIndex: 'phoneMasked', key: 'p', width: 110, render: (v: string | null) => v ?? EMPTY },
          { title: '结对党员', key: 'pair', ellipsis: true, render: (_: unknown, r) => r.pairedMembers.map((p) => p.name).join('、') || <span className="muted">未结对</span> },
          { title: '走访频次', dataIndex: 'frequency', key: 'f', width: 80, render: (v: VisitFrequency | null) => (v ? VISIT_FREQUENCY_LABELS[v] : EMPTY) },
          { title: '上次走访', dataIndex: 'lastVisitOn', key: 'l', width: 96, render: (v: string | null) => v ?? <span className="muted">未走访</span> },
          { title: '下次走访', key: 'due', width: 104, render: (_: unknown, r) => <DueTag r={r} /> },
        ]}
      />
      <HouseholdModal open={creating} household={null} onClose={() => setCreating(false)} onDone={(h) => (setCreating(false), navigate(`/assistance/${h.id}`))} />
    </div>
  );
}

interface HouseholdValues {
  name?: string;
  kinds?: HouseholdKind[];
  idNumber?: string;
  phone?: string;
  address?: string;
  communityId?: number | null;
  memberId?: number | null;
  householdSize?: number | null;
  needs?: string;
  startedOn?: Dayjs | null;
  frequency?: VisitFrequency | null;
  endedOn?: Dayjs | null;
  endReason?: string;
  pairedMemberIds?: number[];
  note?: string;
}
const HOUSEHOLD_FIELDS = ['name', 'kinds', 'idNumber', 'phone', 'address', 'communityId', 'memberId', 'householdSize', 'needs', 'startedOn', 'frequency', 'endedOn', 'endReason', 'pairedMemberIds', 'note'] as const;

function HouseholdModal(props: { open: boolean; household: Household | null; onClose: () => void; onDone: (h: Household) => void }) {
  const [form] = Form.useForm<HouseholdValues>();
  const { saving, error, submit } = useFormSubmit(form, HOUSEHOLD_FIELDS);
  const { message } = App.useApp();
  const h = props.household;
  const [pairNames, setPairNames] = useState<Map<number, string>>(new Map());
  const [picking, setPicking] = useState<number | undefined>();
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    setPairNames(new Map(h?.pairedMembers.map((p) => [p.memberId, p.name]) ?? []));
    form.setFieldsValue(
      h
        ? {
            name: h.name,
            kinds: h.kinds,
            idNumber: h.idNumber ?? '',
            phone: h.phone ?? '',
            address: h.address ?? '',
            communityId: h.communityId,
            memberId: h.memberId,
            householdSize: h.householdSize,
            needs: h.needs,
            startedOn: fromIso(h.startedOn),
            frequency: h.frequency,
            endedOn: fromIso(h.endedOn),
            endReason: h.endReason ?? '',
            pairedMemberIds: h.pairedMembers.map((p) => p.memberId),
            note: h.note ?? '',
          }
        : { kinds: [], startedOn: dayjs(), frequency: 'month', pairedMemberIds: [] },
    );
  }, [props.open, h, form]);
  const kinds = Form.useWatch('kinds', form) ?? [];
  const paired = Form.useWatch('pairedMemberIds', form) ?? [];
  const addPair = async (memberId: number) => {
    setPicking(undefined);
    if (paired.includes(memberId)) return;
    try {
      const m = await api['members.get']({ id: memberId });
      setPairNames((n) => new Map(n).set(memberId, m.name));
      form.setFieldValue('pairedMemberIds', [...paired, memberId]);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const send = () =>
    submit(async (v) => {
      const saved = await api['assistance.save']({
        id: h?.id,
        expectedVersion: h?.version,
        household: {
          name: (v.name ?? '').trim(),
          kinds: v.kinds ?? [],
          idNumber: (v.idNumber ?? '').trim(),
          phone: v.phone ?? '',
          address: v.address ?? '',
          communityId: v.communityId!,
          memberId: v.memberId ?? null,
          householdSize: v.householdSize ?? null,
          needs: (v.needs ?? '').trim(),
          startedOn: toIso(v.startedOn)!,
          frequency: v.frequency ?? null,
          endedOn: toIso(v.endedOn),
          endReason: v.endReason ?? '',
          pairedMemberIds: v.pairedMemberIds ?? [],
          note: v.note ?? '',
        },
      });
      message.success(h ? '帮扶记录已保存' : `已登记帮扶对象：${saved.name}`);
      props.onDone(saved);
    });
  const row = { display: 'flex', gap: 12 } as const;
  return (
    <Modal open={props.open} title={h ? `修改帮扶对象：${h.name}` : '登记帮扶对象'} okText="保存" cancelText="取消" confirmLoading={saving} onOk={send} onCancel={props.onClose} destroyOnHidden width={820}>
      <Form form={form} name="householdForm" layout="vertical" requiredMark>
        <div style={row}>
          <Form.Item name="name" label="姓名（户主）" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]} style={{ flex: 1 }}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="communityId" label="所在社区" rules={[{ required: true, message: '请选择社区' }]} style={{ flex: 1 }}>
            <CommunitySelect />
          </Form.Item>
          <Form.Item name="householdSize" label="家庭人口" style={{ width: 100 }}>
            <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="kinds" label="类别（可多选）" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个类别' }]}>
          <Checkbox.Group options={HOUSEHOLD_KINDS.map((k) => ({ value: k, label: HOUSEHOLD_KIND_LABELS[k] }))} />
        </Form.Item>
        {kinds.includes('needyMember') && (
          <Form.Item name="memberId" label="困难党员（从名册中选择）" rules={[{ required: true, message: '请从名册中选择这名党员' }]}>
            <MemberPicker active={props.open} />
          </Form.Item>
        )}
        <div style={row}>
          <Form.Item name="idNumber" label="公民身份号码" style={{ flex: 1 }}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="phone" label="联系电话" style={{ flex: 1 }}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="address" label="家庭住址" style={{ flex: 2 }}>
            <Input maxLength={200} />
          </Form.Item>
        </div>
        <Form.Item name="needs" label="主要困难和需求" rules={[{ required: true, whitespace: true, message: '请填写主要困难和需求' }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <div style={row}>
          <Form.Item name="startedOn" label="开始帮扶日期" rules={[{ required: true, message: '请填写开始帮扶日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="frequency" label="走访频次" style={{ flex: 1 }} extra="超过频次未走访的，列表中标为逾期">
            <Select allowClear placeholder="不定期" options={VISIT_FREQUENCIES.map((f) => ({ value: f, label: VISIT_FREQUENCY_LABELS[f] }))} />
          </Form.Item>
          <Form.Item name="endedOn" label="结束帮扶日期" style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="endReason" label="结束原因" style={{ flex: 1 }}>
            <Input maxLength={200} />
          </Form.Item>
        </div>
        <Form.Item label={`结对帮扶党员（${paired.length} 名）`} htmlFor="pair-member">
          <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
            <div style={{ width: 360 }}>
              <MemberPicker id="pair-member" value={picking} onChange={(v) => void addPair(v)} active={props.open} />
            </div>
            <Form.Item name="pairedMemberIds" noStyle>
              <PairTags names={pairNames} />
            </Form.Item>
          </div>
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input maxLength={1000} />
        </Form.Item>
      </Form>
      <FormError error={error} />
    </Modal>
  );
}

function PairTags(props: { value?: number[]; onChange?: (v: number[]) => void; names: Map<number, string> }) {
  const list = props.value ?? [];
  if (!list.length) return <span className="muted">从名册中选择结对党员</span>;
  return (
    <span data-testid="paired-members">
      {list.map((id) => (
        <Tag key={id} color="red" closable onClose={() => props.onChange?.(list.filter((x) => x !== id))}>
          {props.names.get(id) ?? id}
        </Tag>
      ))}
    </span>
  );
}

const HOUSEHOLD_LABELS: Record<string, string> = {
  name: '姓名',
  kinds: '类别',
  idNumber: '公民身份号码',
  phone: '联系电话',
  address: '家庭住址',
  communityName: '社区',
  memberName: '困难党员',
  householdSize: '家庭人口',
  needs: '困难和需求',
  startedOn: '开始帮扶',
  frequency: '走访频次',
  endedOn: '结束帮扶',
  endReason: '结束原因',
  note: '备注',
  pairedMembers: '结对党员',
  visit: '走访记录',
};

function HouseholdDetail({ id }: { id: number }) {
  const rec = useRecord(() => api['assistance.get']({ id }), [id]);
  const audit = useRecord(() => api['assistance.audit']({ id }), [id, rec.value]);
  const [editing, setEditing] = useState(false);
  const [visit, setVisit] = useState<HouseholdVisit | 'new' | null>(null);
  const { message } = App.useApp();
  const h = rec.value;
  if (rec.error) return <Alert type="error" showIcon title={rec.error} />;
  if (!h) return <div className="muted">正在读取…</div>;
  const removeVisit = async (visitId: number) => {
    try {
      rec.set(await api['assistance.removeVisit']({ id: visitId }));
      message.success('走访记录已删除');
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 16 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/assistance')}>
          返回列表
        </Button>
        <h2 style={{ fontSize: 18, margin: '0 8px' }}>{h.name}</h2>
        {h.kinds.map((k) => (
          <Tag key={k}>{HOUSEHOLD_KIND_LABELS[k]}</Tag>
        ))}
        <DueTag r={h} />
        <span style={{ flex: 1 }} />
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
          修改
        </Button>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setVisit('new')} disabled={!!h.endedOn}>
          登记走访
        </Button>
      </div>
      <Descriptions bordered size="small" column={3} data-testid="household-details">
        <Descriptions.Item label="所在社区">{h.communityName}</Descriptions.Item>
        <Descriptions.Item label="公民身份号码">{h.idNumber ?? EMPTY}</Descriptions.Item>
        <Descriptions.Item label="联系电话">{h.phone ?? EMPTY}</Descriptions.Item>
        <Descriptions.Item label="家庭住址" span={2}>
          {h.address ?? EMPTY}
        </Descriptions.Item>
        <Descriptions.Item label="家庭人口">{h.householdSize != null ? `${h.householdSize} 人` : EMPTY}</Descriptions.Item>
        {h.memberName && <Descriptions.Item label="困难党员">{h.memberName}</Descriptions.Item>}
        <Descriptions.Item label="主要困难和需求" span={3}>
          {h.needs}
        </Descriptions.Item>
        <Descriptions.Item label="开始帮扶">{h.startedOn}</Descriptions.Item>
        <Descriptions.Item label="走访频次">{h.frequency ? VISIT_FREQUENCY_LABELS[h.frequency] : '不定期'}</Descriptions.Item>
        <Descriptions.Item label="下次走访">
          <DueTag r={h} />
        </Descriptions.Item>
        <Descriptions.Item label="结对党员" span={2}>
          {h.pairedMembers.map((p) => p.name).join('、') || EMPTY}
        </Descriptions.Item>
        <Descriptions.Item label="累计资金物资">{yuan(h.amountTotal)}</Descriptions.Item>
        {h.endedOn && (
          <Descriptions.Item label="结束帮扶" span={3}>
            {h.endedOn}（{h.endReason}）
          </Descriptions.Item>
        )}
        {h.note && (
          <Descriptions.Item label="备注" span={3}>
            {h.note}
          </Descriptions.Item>
        )}
      </Descriptions>
      <div className="section-title">走访和帮扶记录（{h.visitList.length} 次）</div>
      <Table<HouseholdVisit>
        data-testid="visits-table"
        size="small"
        rowKey="id"
        pagination={{ pageSize: 10, showSizeChanger: false }}
        dataSource={h.visitList}
        locale={{ emptyText: '还没有走访记录' }}
        columns={[
          { title: '日期', dataIndex: 'visitedOn', key: 'd', width: 100 },
          { title: '走访人', key: 'w', width: 160, ellipsis: true, render: (_: unknown, v) => v.visitors.map((x) => x.name).join('、') },
          { title: '帮扶方式', dataIndex: 'helpKind', key: 'k', width: 90, render: (k: HelpKind) => HELP_KIND_LABELS[k] },
          { title: '帮扶内容', dataIndex: 'content', key: 'c', ellipsis: true },
          { title: '金额', dataIndex: 'amount', key: 'a', width: 90, align: 'right' as const, render: (a: number | null) => (a != null ? yuan(a) : EMPTY) },
          { title: '后续跟进', dataIndex: 'followUp', key: 'f', width: 160, ellipsis: true, render: (x: string | null) => x ?? EMPTY },
          {
            title: '',
            key: 'op',
            width: 110,
            render: (_: unknown, v) => (
              <>
                <Button type="link" size="small" onClick={() => setVisit(v)}>
                  修改
                </Button>
                <Popconfirm title="删除这条走访记录？" okText="删除" cancelText="不删除" onConfirm={() => void removeVisit(v.id)}>
                  <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label="删除走访记录" />
                </Popconfirm>
              </>
            ),
          },
        ]}
      />
      <div className="section-title">结对帮扶历史</div>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={h.pairings}
        locale={{ emptyText: '没有结对党员' }}
        columns={[
          { title: '党员', dataIndex: 'name', key: 'n', width: 120 },
          { title: '党支部', dataIndex: 'branchName', key: 'b', render: (x: string | null) => x ?? EMPTY },
          { title: '结对日期', dataIndex: 'since', key: 's', width: 110 },
          { title: '结束日期', dataIndex: 'until', key: 'u', width: 110, render: (x: string | null) => x ?? <Tag color="green">结对中</Tag> },
        ]}
      />
      <div className="section-title">操作日志</div>
      <AuditList entries={audit.value} labels={HOUSEHOLD_LABELS} />
      <HouseholdModal open={editing} household={h} onClose={() => setEditing(false)} onDone={(x) => (setEditing(false), rec.set(x))} />
      <VisitModal household={h} visit={visit} onClose={() => setVisit(null)} onDone={(x) => (setVisit(null), rec.set(x))} />
    </div>
  );
}

interface VisitValues {
  visitedOn?: Dayjs | null;
  visitorIds?: number[];
  others?: string;
  helpKind?: HelpKind;
  content?: string;
  amount?: number | null;
  followUp?: string;
  note?: string;
}
const VISIT_FIELDS = ['visitedOn', 'visitors', 'helpKind', 'content', 'amount', 'followUp', 'note'] as const;

function VisitModal(props: { household: Household; visit: HouseholdVisit | 'new' | null; onClose: () => void; onDone: (h: Household) => void }) {
  const [form] = Form.useForm<VisitValues>();
  const { saving, error, submit } = useFormSubmit(form, VISIT_FIELDS);
  const { message } = App.useApp();
  const open = props.visit != null;
  const v = props.visit === 'new' ? null : props.visit;
  const h = props.household;
  // The paired members (and anyone who went before) to tick; others by name.
  const known = new Map<number, string>([...h.pairings.map((p) => [p.memberId, p.name] as const), ...(v?.visitors.flatMap((x) => (x.memberId != null ? [[x.memberId, x.name] as const] : [])) ?? [])]);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      v
        ? {
            visitedOn: fromIso(v.visitedOn),
            visitorIds: v.visitors.flatMap((x) => (x.memberId != null ? [x.memberId] : [])),
            others: v.visitors.filter((x) => x.memberId == null).map((x) => x.name).join('、'),
            helpKind: v.helpKind,
            content: v.content,
            amount: v.amount,
            followUp: v.followUp ?? '',
            note: v.note ?? '',
          }
        : { visitedOn: dayjs(), visitorIds: h.pairedMembers.map((p) => p.memberId), helpKind: 'visit' },
    );
  }, [open, v, h, form]);
  const helpKind = Form.useWatch('helpKind', form);
  const send = () =>
    submit(async (x) => {
      const others = (x.others ?? '')
        .split(/[、，,;；\s]+/)
        .map((s) => s.trim())
        .filter(Boolean)
        .map((name) => ({ memberId: null, name }));
      const saved = await api['assistance.saveVisit']({
        id: v?.id,
        visit: {
          householdId: h.id,
          visitedOn: toIso(x.visitedOn)!,
          visitors: [...(x.visitorIds ?? []).map((memberId) => ({ memberId, name: known.get(memberId) ?? '党员' })), ...others],
          helpKind: x.helpKind!,
          content: (x.content ?? '').trim(),
          amount: x.amount ?? null,
          followUp: x.followUp ?? '',
          note: x.note ?? '',
        },
      });
      message.success(v ? '走访记录已保存' : '已登记走访');
      props.onDone(saved);
    });
  return (
    <Modal open={open} title={`${v ? '修改' : '登记'}走访：${h.name}`} okText="保存" cancelText="取消" confirmLoading={saving} onOk={send} onCancel={props.onClose} destroyOnHidden width={680}>
      <Form form={form} name="visitForm" layout="vertical" requiredMark>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="visitedOn" label="走访日期" rules={[{ required: true, message: '请填写走访日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="helpKind" label="帮扶方式" rules={[{ required: true, message: '请选择帮扶方式' }]} style={{ flex: 1 }}>
            <Select options={HELP_KINDS.map((k) => ({ value: k, label: HELP_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item
            name="amount"
            label={helpKind === 'goods' ? '物资折合金额（元）' : '金额（元）'}
            rules={[{ required: helpKind === 'money' || helpKind === 'goods', message: '请填写金额' }]}
            style={{ flex: 1 }}
          >
            <InputNumber min={0} max={10_000_000} precision={2} style={{ width: '100%' }} disabled={helpKind !== 'money' && helpKind !== 'goods'} />
          </Form.Item>
        </div>
        <Form.Item name="visitorIds" label="走访的结对党员">
          <Checkbox.Group options={[...known].map(([id, name]) => ({ value: id, label: name }))} />
        </Form.Item>
        <Form.Item name="others" label="其他走访人" extra="名册外的人员（如民政专干），多人用“、”分开">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="content" label="帮扶内容" rules={[{ required: true, whitespace: true, message: '请填写帮扶内容' }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="followUp" label="后续跟进">
          <Input maxLength={500} placeholder="如 联系残联办理轮椅" />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input maxLength={500} />
        </Form.Item>
      </Form>
      <FormError error={error} />
    </Modal>
  );
}
