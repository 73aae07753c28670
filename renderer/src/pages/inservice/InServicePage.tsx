/**
 * 在职党员报到（双报到）: registrations by community with this year's service, a member's page (service records,
 * yearly totals, feedback), the 居住地表现反馈表 as an A4 print preview (打印 / 另存为 PDF), and the period's list.
 *   /in-service                         报到名单
 *   /in-service/:id                     一名党员的报到、服务记录和反馈
 *   /in-service/:id/feedback/:period    居住地表现反馈表（打印预览）
 *   /in-service/feedback                反馈汇总（导出 Excel）
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Radio, Select, Table, Tag } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, EditOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { EMPTY, errorText } from '../../lib/format';
import { saveDownload } from '../../lib/files';
import { navigate } from '../../lib/router';
import { useDebounced } from '../../lib/useDebounced';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { MemberPicker } from '../../components/MemberPicker';
import { ASSESSMENT_GRADE_LABELS, ASSESSMENT_GRADES, MEMBERSHIP_KIND_LABELS, SEX_LABELS, type AssessmentGrade, type MembershipKind } from '../../../../shared/domain/labels';
import { IN_SERVICE_FIELD_LABELS, periodLabel, type FeedbackListRow, type FeedbackSheet, type InServiceRegistration, type InServiceRow, type ServiceRecord } from '../../../../shared/inService';
import { DATE_FORMATS, fromIso, toIso } from '../members/dates';
import { AuditSection } from '../../components/AuditSection';
import { CommunitySelect, fmtHours, useRecord } from '../cobuilding/shared';
import '../cobuilding/cobuilding.css';
import './inservice.css';
import { FormError } from '../../components/FormError';
import { RecordLink } from '../../components/RecordLink';
import { ListToolbar, RecordTable } from '../../components/RecordList';

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
const POSTS = ['政策宣传', '治安巡逻', '环境整治', '关爱帮扶', '文明劝导', '矛盾调解', '文体活动', '志愿服务'];

/** The periods a feedback sheet may cover, newest first: this year and its halves, and the two years before. */
function periods(): { value: string; label: string }[] {
  const y = dayjs().year();
  return [y, y - 1, y - 2].flatMap((x) => [`${x}`, `${x}-H2`, `${x}-H1`]).map((p) => ({ value: p, label: periodLabel(p) }));
}

export function InServicePage({ path }: { path: string }) {
  const [, , a, b, c] = path.split('/');
  if (a === 'feedback') return <FeedbackListPage />;
  const id = a && /^\d+$/.test(a) ? Number(a) : null;
  if (id != null && b === 'feedback' && c) return <FeedbackSheetPage id={id} period={decodeURIComponent(c)} />;
  if (id != null) return <RegistrationPage key={id} id={id} />;
  return <RegistrationList />;
}

function RegistrationList() {
  const [q, setQ] = useState('');
  const dq = useDebounced(q, 250);
  const [communityId, setCommunityId] = useState<number | null>(null);
  const [status, setStatus] = useState<'active' | 'ended' | 'all'>('active');
  const [registering, setRegistering] = useState(false);
  const year = dayjs().year();
  const list = useRecord(() => api['inService.list']({ q: dq.trim() || undefined, communityId: communityId ?? undefined, status }), [dq, communityId, status]);
  const rows = list.value;
  const total = rows?.reduce((s, r) => s + r.yearHours, 0) ?? 0;
  return (
    <div className="page">
      <div className="page-title">
        <h1>在职党员报到</h1>
        <div className="actions" style={{ display: 'flex', gap: 8 }}>
          <Button onClick={() => navigate('/in-service/feedback')}>居住地表现反馈汇总</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
            登记报到
          </Button>
        </div>
      </div>
      <ListToolbar>
        <Input.Search aria-label="搜索报到党员" allowClear placeholder="姓名、拼音首字母、工作单位、服务岗位" value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 280 }} />
        <CommunitySelect value={communityId} onChange={setCommunityId} allowClear placeholder="全部社区" style={{ width: 170 }} />
        <Select aria-label="报到状态" value={status} onChange={setStatus} style={{ width: 120 }} options={[{ value: 'active', label: '报到中' }, { value: 'ended', label: '已结束' }, { value: 'all', label: '全部' }]} />
        {rows && (
          <span className="muted">
            {rows.length} 名党员，{year}年服务 {rows.reduce((s, r) => s + r.yearRecords, 0)} 次、{fmtHours(total)}
          </span>
        )}
      </ListToolbar>
      <RecordTable<InServiceRow>
        testId="in-service-table"
        rows={rows}
        error={list.error}
        total={(n) => `共 ${n} 人`}
        empty="还没有在职党员到社区报到的记录"
        onOpen={(r) => navigate(`/in-service/${r.id}`)}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            key: 'name',
            width: 100,
            render: (v: string, r) => (
              <RecordLink to={`/in-service/${r.id}`}>
                {v}
              </RecordLink>
            ),
          },
          { title: '工作单位', dataIndex: 'employer', key: 'employer', ellipsis: true },
          { title: '单位党组织', dataIndex: 'employerPartyOrg', key: 'party', ellipsis: true },
          { title: '报到社区', dataIndex: 'communityName', key: 'community', width: 130 },
          { title: '报到日期', dataIndex: 'registeredOn', key: 'date', width: 105 },
          { title: '服务岗位', dataIndex: 'post', key: 'post', width: 100, render: (v: string | null) => v ?? EMPTY },
          { title: `${year}年服务`, key: 'year', width: 130, render: (_: unknown, r) => (r.yearRecords ? `${r.yearRecords} 次，${fmtHours(r.yearHours)}` : <span className="muted">尚无记录</span>) },
          { title: '状态', key: 'status', width: 100, render: (_: unknown, r) => (r.endedOn ? <Tag>{r.endedOn} 结束</Tag> : r.memberLeft ? <Tag color="gold">已离开名册</Tag> : <Tag color="green">报到中</Tag>) },
        ]}
      />
      <RegisterModal open={registering} onClose={() => setRegistering(false)} onDone={(r) => (setRegistering(false), navigate(`/in-service/${r.id}`))} />
    </div>
  );
}

interface RegisterValues {
  source?: 'register' | 'new';
  memberId?: number;
  name?: string;
  idNumber?: string;
  membershipKind?: MembershipKind;
  mobile?: string;
  communityId?: number | null;
  registeredOn?: Dayjs | null;
  employer?: string;
  employerPartyOrg?: string;
  post?: string;
  specialty?: string;
  note?: string;
}
const REGISTER_FIELDS = ['memberId', 'name', 'idNumber', 'membershipKind', 'mobile', 'communityId', 'registeredOn', 'employer', 'employerPartyOrg', 'post', 'specialty', 'note'] as const;

function RegisterModal(props: { open: boolean; onClose: () => void; onDone: (r: InServiceRegistration) => void }) {
  const [form] = Form.useForm<RegisterValues>();
  const { saving, error, submit } = useFormSubmit(form, REGISTER_FIELDS);
  const { message } = App.useApp();
  const source = Form.useWatch('source', form) ?? 'register';
  const send = () =>
    submit(async (v) => {
      const r = await api['inService.register']({
        memberId: v.source === 'new' ? null : v.memberId!,
        ...(v.source === 'new' ? { newMember: { name: (v.name ?? '').trim(), idNumber: (v.idNumber ?? '').trim(), membershipKind: v.membershipKind ?? 'full', mobile: v.mobile ?? '' } } : {}),
        communityId: v.communityId!,
        registeredOn: toIso(v.registeredOn)!,
        employer: (v.employer ?? '').trim(),
        employerPartyOrg: (v.employerPartyOrg ?? '').trim(),
        post: v.post ?? '',
        specialty: v.specialty ?? '',
        note: v.note ?? '',
      });
      message.success(`${r.name} 已登记报到`);
      form.resetFields();
      props.onDone(r);
    });
  const row = { display: 'flex', gap: 12 } as const;
  return (
    <Modal open={props.open} title="在职党员到社区报到" okText="登记" cancelText="取消" confirmLoading={saving} onOk={send} onCancel={props.onClose} destroyOnHidden width={680}>
      <Form form={form} name="inServiceRegisterForm" layout="vertical" requiredMark initialValues={{ source: 'register', registeredOn: dayjs(), membershipKind: 'full' }}>
        <Form.Item name="source" label="党员">
          <Radio.Group options={[{ value: 'register', label: '从党员名册中选择' }, { value: 'new', label: '名册中没有（关系在工作单位）' }]} />
        </Form.Item>
        {source === 'register' ? (
          <Form.Item name="memberId" label="名册中的党员" rules={[{ required: true, message: '请从名册中选择党员' }]}>
            <MemberPicker active={props.open} />
          </Form.Item>
        ) : (
          <div style={row}>
            <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]} style={{ flex: 1 }}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="idNumber" label="公民身份号码" rules={[{ required: true, whitespace: true, message: '请填写公民身份号码' }]} style={{ flex: 1.6 }}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="membershipKind" label="人员类别" style={{ flex: 1 }}>
              <Select options={(['full', 'probationary'] as const).map((k) => ({ value: k, label: MEMBERSHIP_KIND_LABELS[k] }))} />
            </Form.Item>
            <Form.Item name="mobile" label="手机号码" style={{ flex: 1.2 }}>
              <Input maxLength={30} />
            </Form.Item>
          </div>
        )}
        <div style={row}>
          <Form.Item name="communityId" label="报到社区" rules={[{ required: true, message: '请选择报到的社区' }]} style={{ flex: 1 }}>
            <CommunitySelect />
          </Form.Item>
          <Form.Item name="registeredOn" label="报到日期" rules={[{ required: true, message: '请填写报到日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item name="employer" label="工作单位" rules={[{ required: true, whitespace: true, message: '请填写工作单位' }]} style={{ flex: 1 }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="employerPartyOrg" label="单位党组织" rules={[{ required: true, whitespace: true, message: '请填写单位党组织' }]} extra="反馈表寄送的党组织" style={{ flex: 1 }}>
            <Input maxLength={100} placeholder="例如：中共区教育局机关委员会" />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item name="post" label="认领的服务岗位" style={{ flex: 1 }}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={POSTS.map((p) => ({ value: p, label: p }))} placeholder="选择或留空" />
          </Form.Item>
          <Form.Item name="specialty" label="特长" style={{ flex: 1 }}>
            <Input maxLength={100} placeholder="例如：法律咨询、医疗保健" />
          </Form.Item>
        </div>
        <Form.Item name="note" label="备注">
          <Input maxLength={1000} />
        </Form.Item>
      </Form>
      <FormError error={error} />
    </Modal>
  );
}

function RegistrationPage({ id }: { id: number }) {
  const { value: r, error, set } = useRecord(() => api['inService.get']({ id }), [id]);
  const [dialog, setDialog] = useState<{ kind: 'record'; record: ServiceRecord | null } | { kind: 'edit' } | { kind: 'feedback'; period: string } | null>(null);
  const [period, setPeriod] = useState(String(dayjs().year()));
  if (error) return <div className="page"><Alert type="error" showIcon title={error} /></div>;
  if (!r) return <div className="page muted">正在读取…</div>;
  return (
    <div className="page">
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 16 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/in-service')}>
          返回名单
        </Button>
        <h1 style={{ fontSize: 20, margin: '0 8px' }}>{r.name}</h1>
        {r.endedOn ? <Tag>{r.endedOn} 结束报到</Tag> : <Tag color="green">报到中</Tag>}
        <span style={{ flex: 1 }} />
        <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit' })}>
          修改报到信息
        </Button>
        <Select aria-label="反馈期间" value={period} onChange={setPeriod} options={periods()} style={{ width: 140 }} />
        <Button icon={<PrinterOutlined />} onClick={() => navigate(`/in-service/${r.id}/feedback/${period}`)}>
          反馈表
        </Button>
        <Button type="primary" icon={<PlusOutlined />} disabled={!!r.endedOn} onClick={() => setDialog({ kind: 'record', record: null })}>
          登记服务
        </Button>
      </div>
      <Descriptions bordered size="small" column={3} data-testid="registration-details">
        <Descriptions.Item label="报到社区">{r.communityName}</Descriptions.Item>
        <Descriptions.Item label="报到日期">{r.registeredOn}</Descriptions.Item>
        <Descriptions.Item label="人员类别">{MEMBERSHIP_KIND_LABELS[r.membershipKind]}</Descriptions.Item>
        <Descriptions.Item label="工作单位">{r.employer}</Descriptions.Item>
        <Descriptions.Item label="单位党组织" span={2}>
          {r.employerPartyOrg}
        </Descriptions.Item>
        <Descriptions.Item label="服务岗位">{r.post ?? EMPTY}</Descriptions.Item>
        <Descriptions.Item label="特长">{r.specialty ?? EMPTY}</Descriptions.Item>
        <Descriptions.Item label="名册">
          <RecordLink to={`/members/${r.memberId}`}>
            查看党员信息
          </RecordLink>
        </Descriptions.Item>
        <Descriptions.Item label="历年服务" span={3}>
          {r.yearly.length ? r.yearly.map((y) => `${y.year}年 ${y.records} 次、${fmtHours(y.hours)}`).join('；') : '尚无服务记录'}
        </Descriptions.Item>
      </Descriptions>

      <h3 className="section-title">服务记录</h3>
      <Table<ServiceRecord>
        data-testid="service-records"
        rowKey="id"
        size="small"
        dataSource={r.records}
        pagination={r.records.length > 15 ? { pageSize: 15, size: 'small' } : false}
        locale={{ emptyText: '还没有服务记录' }}
        columns={[
          { title: '日期', dataIndex: 'date', key: 'date', width: 110 },
          { title: '服务岗位或活动', dataIndex: 'post', key: 'post', width: 200 },
          { title: '时长', dataIndex: 'hours', key: 'hours', width: 90, render: (v: number) => fmtHours(v) },
          { title: '服务内容', dataIndex: 'content', key: 'content' },
          { title: '', key: 'edit', width: 60, render: (_: unknown, x) => <Button size="small" type="link" onClick={() => setDialog({ kind: 'record', record: x })}>修改</Button> },
        ]}
      />

      <h3 className="section-title">居住地表现反馈</h3>
      <Table
        rowKey="period"
        size="small"
        pagination={false}
        dataSource={r.feedback}
        locale={{ emptyText: '还没有填写反馈' }}
        columns={[
          { title: '期间', dataIndex: 'periodLabel', key: 'period', width: 120 },
          { title: '评价', dataIndex: 'grade', key: 'grade', width: 80, render: (v: AssessmentGrade) => ASSESSMENT_GRADE_LABELS[v] },
          { title: '社区评价意见', dataIndex: 'comment', key: 'comment' },
          { title: '填表日期', dataIndex: 'assessedOn', key: 'date', width: 110 },
          {
            title: '',
            key: 'open',
            width: 90,
            render: (_: unknown, f) => (
              <RecordLink to={`/in-service/${r.id}/feedback/${f.period}`}>
                打开反馈表
              </RecordLink>
            ),
          },
        ]}
      />
      <AuditSection
        load={() => api['inService.audit']({ id: r.id })}
        version={r}
        labels={IN_SERVICE_FIELD_LABELS}
        show={(f, v) => (f.endsWith('.grade') && typeof v === 'string' ? (ASSESSMENT_GRADE_LABELS[v as AssessmentGrade] ?? v) : null)}
      />
      {dialog?.kind === 'record' && <RecordModal registration={r} record={dialog.record} onClose={() => setDialog(null)} onDone={(n) => (set(n), setDialog(null))} />}
      {dialog?.kind === 'edit' && <EditRegistrationModal registration={r} onClose={() => setDialog(null)} onDone={(n) => (set(n), setDialog(null))} />}
    </div>
  );
}

interface RecordValues {
  date?: Dayjs | null;
  post?: string;
  hours?: number;
  content?: string;
}

function RecordModal(props: { registration: InServiceRegistration; record: ServiceRecord | null; onClose: () => void; onDone: (r: InServiceRegistration) => void }) {
  const [form] = Form.useForm<RecordValues>();
  const { saving, error, submit, setError } = useFormSubmit(form, ['date', 'post', 'hours', 'content']);
  const x = props.record;
  const send = () =>
    submit(async (v) => {
      props.onDone(await api['inService.saveRecord']({ id: x?.id, registrationId: props.registration.id, date: toIso(v.date)!, post: (v.post ?? '').trim(), hours: v.hours ?? 0, content: (v.content ?? '').trim() }));
    });
  const remove = async () => {
    try {
      props.onDone(await api['inService.removeRecord']({ id: x!.id }));
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal
      open
      title={x ? `服务记录：${x.date}` : `登记服务：${props.registration.name}`}
      onCancel={props.onClose}
      destroyOnHidden
      footer={[
        x && (
          <Popconfirm key="del" title="删除这条服务记录？" okText="删除" cancelText="不删除" onConfirm={remove}>
            <Button danger style={{ float: 'left' }}>
              删除
            </Button>
          </Popconfirm>
        ),
        <Button key="cancel" onClick={props.onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" loading={saving} onClick={send}>
          保存
        </Button>,
      ]}
    >
      <Form form={form} name="serviceRecordForm" layout="vertical" requiredMark initialValues={x ? { date: fromIso(x.date), post: x.post, hours: x.hours, content: x.content } : { date: dayjs(), post: props.registration.post ?? '', hours: 2 }}>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="date" label="服务日期" rules={[{ required: true, message: '请填写服务日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="hours" label="时长（小时）" rules={[{ required: true, message: '请填写时长' }]} style={{ flex: 1 }}>
            <InputNumber min={0.5} max={24} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="post" label="服务岗位或活动" rules={[{ required: true, whitespace: true, message: '请填写服务岗位或活动' }]}>
          <Input maxLength={100} placeholder="例如：治安巡逻、党员奉献日" />
        </Form.Item>
        <Form.Item name="content" label="服务内容" rules={[{ required: true, whitespace: true, message: '请填写服务内容' }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
      <FormError error={error} />
    </Modal>
  );
}

interface EditValues {
  registeredOn?: Dayjs | null;
  employer?: string;
  employerPartyOrg?: string;
  post?: string;
  specialty?: string;
  endedOn?: Dayjs | null;
  note?: string;
}

function EditRegistrationModal(props: { registration: InServiceRegistration; onClose: () => void; onDone: (r: InServiceRegistration) => void }) {
  const [form] = Form.useForm<EditValues>();
  const { saving, error, submit } = useFormSubmit(form, ['registeredOn', 'employer', 'employerPartyOrg', 'post', 'specialty', 'endedOn', 'note']);
  const r = props.registration;
  const send = () =>
    submit(async (v) => {
      props.onDone(
        await api['inService.update']({
          id: r.id,
          registeredOn: toIso(v.registeredOn)!,
          employer: (v.employer ?? '').trim(),
          employerPartyOrg: (v.employerPartyOrg ?? '').trim(),
          post: v.post ?? '',
          specialty: v.specialty ?? '',
          endedOn: toIso(v.endedOn),
          note: v.note ?? '',
        }),
      );
    });
  return (
    <Modal open title={`报到信息：${r.name}`} okText="保存" cancelText="取消" confirmLoading={saving} onOk={send} onCancel={props.onClose} destroyOnHidden width={620}>
      <Form
        form={form}
        name="inServiceEditForm"
        layout="vertical"
        initialValues={{ registeredOn: fromIso(r.registeredOn), employer: r.employer, employerPartyOrg: r.employerPartyOrg, post: r.post ?? '', specialty: r.specialty ?? '', endedOn: fromIso(r.endedOn), note: r.note ?? '' }}
      >
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="employer" label="工作单位" rules={[{ required: true, whitespace: true, message: '请填写工作单位' }]} style={{ flex: 1 }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="employerPartyOrg" label="单位党组织" rules={[{ required: true, whitespace: true, message: '请填写单位党组织' }]} style={{ flex: 1 }}>
            <Input maxLength={100} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="post" label="服务岗位" style={{ flex: 1 }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="specialty" label="特长" style={{ flex: 1 }}>
            <Input maxLength={100} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="registeredOn" label="报到日期" rules={[{ required: true, message: '请填写报到日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="endedOn" label="结束报到日期" extra="搬离社区或不再参加的，填写结束日期" style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
        </div>
        <Form.Item name="note" label="备注">
          <Input maxLength={1000} />
        </Form.Item>
      </Form>
      <FormError error={error} />
    </Modal>
  );
}

interface FeedbackValues {
  grade?: AssessmentGrade;
  comment?: string;
  assessedOn?: Dayjs | null;
  assessor?: string;
}

/** 居住地表现反馈表: A4, as printed and sent to the employer's Party organisation; the assessment is filled here. */
function FeedbackSheetPage({ id, period }: { id: number; period: string }) {
  const { value: s, error, set } = useRecord(() => api['inService.feedbackSheet']({ registrationId: id, period }), [id, period]);
  const [editing, setEditing] = useState(false);
  if (error) return <div className="page"><Alert type="error" showIcon title={error} /></div>;
  if (!s) return <div className="page muted">正在读取…</div>;
  const r = s.registration;
  return (
    <div className="page">
      <div className="no-print" style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 12 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/in-service/${id}`)}>
          返回
        </Button>
        <h1 style={{ fontSize: 18, margin: '0 8px' }}>居住地表现反馈表 · {r.name} · {s.periodLabel}</h1>
        <Select aria-label="反馈期间" value={period} onChange={(p) => navigate(`/in-service/${id}/feedback/${p}`)} options={periods()} style={{ width: 140 }} />
        <span style={{ flex: 1 }} />
        <Button icon={<EditOutlined />} type={s.feedback ? 'default' : 'primary'} onClick={() => setEditing(true)}>
          {s.feedback ? '修改社区评价' : '填写社区评价'}
        </Button>
        <Button icon={<PrinterOutlined />} type={s.feedback ? 'primary' : 'default'} onClick={() => window.print()}>
          打印 / 另存为 PDF
        </Button>
      </div>
      {!s.feedback && <Alert className="no-print" type="info" showIcon style={{ marginBottom: 12 }} title="社区评价还没有填写：填写后再打印，或在打印对话框中选择“另存为 PDF”保存电子版。" />}
      <div className="feedback-sheet" data-testid="feedback-sheet">
        <h2>在职党员居住地表现反馈表</h2>
        <p className="sheet-sub">（{s.periodLabel}：{s.from} 至 {s.to}）</p>
        <table>
          <tbody>
            <tr>
              <th>姓名</th>
              <td>{r.name}</td>
              <th>性别</th>
              <td>{s.sex ? SEX_LABELS[s.sex] : ''}</td>
              <th>人员类别</th>
              <td>{MEMBERSHIP_KIND_LABELS[r.membershipKind]}</td>
            </tr>
            <tr>
              <th>工作单位</th>
              <td colSpan={3}>{r.employer}</td>
              <th>联系电话</th>
              <td>{r.mobile ?? ''}</td>
            </tr>
            <tr>
              <th>单位党组织</th>
              <td colSpan={5}>{r.employerPartyOrg}</td>
            </tr>
            <tr>
              <th>报到社区</th>
              <td colSpan={3}>{r.communityName}</td>
              <th>报到日期</th>
              <td>{r.registeredOn}</td>
            </tr>
            <tr>
              <th>服务岗位</th>
              <td colSpan={3}>{r.post ?? ''}</td>
              <th>服务合计</th>
              <td>
                {s.recordCount} 次，{fmtHours(s.hours)}
              </td>
            </tr>
            <tr>
              <th>参加服务情况</th>
              <td colSpan={5} className="records">
                {s.records.length ? (
                  <ol>
                    {s.records.map((x) => (
                      <li key={x.id}>
                        {x.date} {x.post}（{fmtHours(x.hours)}）：{x.content}
                      </li>
                    ))}
                  </ol>
                ) : (
                  <span>本期间没有服务记录。</span>
                )}
              </td>
            </tr>
            <tr>
              <th>社区党组织评价</th>
              <td colSpan={5} className="assessment">
                <div>
                  评价等次：
                  {ASSESSMENT_GRADES.map((g) => (
                    <span key={g} className="grade">
                      {s.feedback?.grade === g ? '☑' : '☐'} {ASSESSMENT_GRADE_LABELS[g]}
                    </span>
                  ))}
                </div>
                <div className="comment">{s.feedback?.comment ?? ''}</div>
                <div className="sign">
                  <span>填表人：{s.feedback?.assessor ?? ''}</span>
                  <span>{s.issuer ?? '社区党组织'}（盖章）</span>
                </div>
                <div className="sign">
                  <span />
                  <span>{s.feedback ? dayjs(s.feedback.assessedOn).format('YYYY 年 M 月 D 日') : '年　　月　　日'}</span>
                </div>
              </td>
            </tr>
            <tr>
              <th>单位党组织意见</th>
              <td colSpan={5} className="assessment">
                <div className="comment" />
                <div className="sign">
                  <span />
                  <span>（盖章）　　　　年　　月　　日</span>
                </div>
              </td>
            </tr>
          </tbody>
        </table>
        <p className="sheet-note">说明：本表一式两份，社区党组织和党员工作单位党组织各留存一份，作为党员评议和年度考核的参考。</p>
      </div>
      {editing && <FeedbackModal sheet={s} onClose={() => setEditing(false)} onDone={(n) => (set(n), setEditing(false))} />}
    </div>
  );
}

function FeedbackModal(props: { sheet: FeedbackSheet; onClose: () => void; onDone: (s: FeedbackSheet) => void }) {
  const [form] = Form.useForm<FeedbackValues>();
  const { saving, error, submit } = useFormSubmit(form, ['grade', 'comment', 'assessedOn', 'assessor']);
  const f = props.sheet.feedback;
  const send = () =>
    submit(async (v) => {
      props.onDone(
        await api['inService.saveFeedback']({
          registrationId: props.sheet.registration.id,
          period: props.sheet.period,
          grade: v.grade!,
          comment: (v.comment ?? '').trim(),
          assessedOn: toIso(v.assessedOn)!,
          assessor: v.assessor ?? '',
        }),
      );
    });
  return (
    <Modal open title={`社区评价：${props.sheet.registration.name}（${props.sheet.periodLabel}）`} okText="保存" cancelText="取消" confirmLoading={saving} onOk={send} onCancel={props.onClose} destroyOnHidden width={600}>
      <p className="muted" style={{ marginTop: 0 }}>
        本期间服务 {props.sheet.recordCount} 次，共 {fmtHours(props.sheet.hours)}。
      </p>
      <Form form={form} name="feedbackForm" layout="vertical" requiredMark initialValues={f ? { grade: f.grade, comment: f.comment, assessedOn: fromIso(f.assessedOn), assessor: f.assessor ?? '' } : { grade: 'good', assessedOn: dayjs() }}>
        <Form.Item name="grade" label="评价等次" rules={[{ required: true, message: '请选择评价等次' }]}>
          <Radio.Group optionType="button" options={ASSESSMENT_GRADES.map((g) => ({ value: g, label: ASSESSMENT_GRADE_LABELS[g] }))} />
        </Form.Item>
        <Form.Item name="comment" label="社区评价意见" rules={[{ required: true, whitespace: true, message: '请填写社区评价意见' }]}>
          <Input.TextArea rows={4} maxLength={1000} placeholder="参加社区服务、发挥作用、遵守居民公约等方面的表现" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="assessedOn" label="填表日期" rules={[{ required: true, message: '请填写填表日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="assessor" label="填表人" style={{ flex: 1 }}>
            <Input maxLength={40} />
          </Form.Item>
        </div>
      </Form>
      <FormError error={error} />
    </Modal>
  );
}

function FeedbackListPage() {
  const [period, setPeriod] = useState(String(dayjs().year()));
  const list = useRecord(() => api['inService.feedbackList']({ period }), [period]);
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const rows = list.value;
  const exportFile = async () => {
    setExporting(true);
    try {
      saveDownload(await api['inService.exportFeedback']({ period }));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };
  useEffect(() => void list.reload(), []); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="page">
      <div className="page-title" style={{ gap: 8 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/in-service')}>
          返回名单
        </Button>
        <h1 style={{ marginLeft: 8 }}>居住地表现反馈汇总</h1>
        <div className="actions" style={{ display: 'flex', gap: 8 }}>
          <Select aria-label="反馈期间" value={period} onChange={setPeriod} options={periods()} style={{ width: 140 }} />
          <Button type="primary" icon={<DownloadOutlined />} loading={exporting} disabled={!rows?.length} onClick={() => void exportFile()}>
            导出 Excel
          </Button>
        </div>
      </div>
      {rows && (
        <p className="muted" style={{ marginTop: 0 }}>
          {periodLabel(period)}在报到的党员 {rows.length} 人，已评价 {rows.filter((r) => r.grade).length} 人。
        </p>
      )}
      <RecordTable<FeedbackListRow>
        testId="feedback-list"
        rows={rows}
        error={list.error}
        rowKey="registrationId"
        empty="这个期间没有在报到的党员"
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            key: 'name',
            width: 100,
            render: (v: string, r) => (
              <RecordLink to={`/in-service/${r.registrationId}/feedback/${period}`}>
                {v}
              </RecordLink>
            ),
          },
          { title: '工作单位', dataIndex: 'employer', key: 'employer', ellipsis: true },
          { title: '单位党组织', dataIndex: 'employerPartyOrg', key: 'party', ellipsis: true },
          { title: '报到社区', dataIndex: 'communityName', key: 'community', width: 130 },
          { title: '服务', key: 'service', width: 120, render: (_: unknown, r) => `${r.recordCount} 次，${fmtHours(r.hours)}` },
          { title: '评价', dataIndex: 'grade', key: 'grade', width: 90, render: (v: AssessmentGrade | null) => (v ? ASSESSMENT_GRADE_LABELS[v] : <Tag color="gold">未评价</Tag>) },
          { title: '社区评价意见', dataIndex: 'comment', key: 'comment', ellipsis: true, render: (v: string | null) => v ?? EMPTY },
        ]}
      />
    </div>
  );
}
