/**
 * 流动党员活动证: the register of certificates (流出 / 流入), 在外 or 已返回, this year's 年审; a certificate's page,
 * where the certificate's own details can be corrected (修改, audited).
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Radio, Select, Table, Tag, Tooltip } from 'antd';
import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { EMPTY, errorText } from '../../lib/format';
import type { AuditEntry } from '../../../../shared/contract';
import { navigate } from '../../lib/router';
import { useDebounced } from '../../lib/useDebounced';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { MemberPicker } from '../../components/MemberPicker';
import {
  FLOATING_DIRECTION_LABELS,
  FLOATING_STATUS_LABELS,
  type FloatingCertificate,
  type FloatingCertificateRow,
  type FloatingDirection,
  type FloatingReview,
  type FloatingStatus,
} from '../../../../shared/floating';
import { DATE_FORMATS } from '../members/dates';
import { FormError } from '../../components/FormError';
import { AuditTimeline } from '../../components/AuditSection';
import { RecordLink } from '../../components/RecordLink';
import { ListToolbar, RecordTable } from '../../components/RecordList';

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
const thisYear = () => dayjs().year();

export function StatusTags({ c }: { c: Pick<FloatingCertificateRow, 'dateBack' | 'reviewedThisYear'> }) {
  return (
    <>
      {c.dateBack ? <Tag color="default">已返回</Tag> : <Tag color="blue">在外</Tag>}
      {!c.dateBack && (c.reviewedThisYear ? <Tag color="green">{thisYear()}年已年审</Tag> : <Tag color="gold">{thisYear()}年未年审</Tag>)}
    </>
  );
}

export function FloatingPage({ id }: { id: number | null }) {
  if (id != null) return <FloatingDetail id={id} />;
  return <FloatingList />;
}

function FloatingList() {
  const [q, setQ] = useState('');
  const dq = useDebounced(q, 250);
  const [direction, setDirection] = useState<FloatingDirection | undefined>();
  const [status, setStatus] = useState<FloatingStatus | undefined>();
  const [rows, setRows] = useState<FloatingCertificateRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [issuing, setIssuing] = useState(false);
  const load = useCallback(async () => {
    try {
      setRows(await api['floating.list']({ direction, status, q: dq.trim() || undefined }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [direction, status, dq]);
  useEffect(() => {
    void load();
  }, [load]);
  const due = rows?.filter((r) => !r.dateBack && !r.reviewedThisYear).length ?? 0;

  // Seven columns fit 1366 px: the long texts (branch, where to, why) end in "…" with the whole text on hover,
  // the reason sits under the destination, and the dates away and back share one column. 发证日期 and 备注 are
  // on the certificate's page.
  const columns = [
    { title: '活动证编号', dataIndex: 'certificateNo', key: 'no', width: 132, ellipsis: { showTitle: false }, render: (v: string) => <Clip text={v} /> },
    {
      title: '姓名',
      dataIndex: 'memberName',
      key: 'name',
      width: 96,
      ellipsis: { showTitle: false },
      render: (v: string, r: FloatingCertificateRow) => (
        <RecordLink to={`/floating/${r.id}`} title={v}>
          {v}
        </RecordLink>
      ),
    },
    { title: '类型', dataIndex: 'direction', key: 'direction', width: 60, render: (v: FloatingDirection) => FLOATING_DIRECTION_LABELS[v] },
    { title: '所在党支部', dataIndex: 'branchName', key: 'branch', width: '18%', ellipsis: { showTitle: false }, render: (v: string | null) => <Clip text={v} /> },
    {
      title: '流向／原所在地 · 原因',
      dataIndex: 'destination',
      key: 'destination',
      ellipsis: { showTitle: false },
      render: (v: string, r: FloatingCertificateRow) => (
        <div>
          <Clip text={v} />
          <Clip text={r.reason} muted />
        </div>
      ),
    },
    {
      title: '外出 → 返回',
      key: 'dates',
      width: 196,
      render: (_: unknown, r: FloatingCertificateRow) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {r.dateOut} → {r.dateBack ?? <span className="muted">未返回</span>}
        </span>
      ),
    },
    { title: '状态', key: 'status', width: 172, render: (_: unknown, r: FloatingCertificateRow) => <StatusTags c={r} /> },
  ];

  return (
    <div className="page">
      <div className="page-title">
        <h1>流动党员活动证</h1>
        <div className="actions">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)}>
            发证
          </Button>
        </div>
      </div>
      <ListToolbar>
        <label htmlFor="floating-search">搜索</label>
        <Input.Search id="floating-search" aria-label="搜索活动证" allowClear placeholder="姓名、活动证编号" value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 240 }} />
        <label htmlFor="floating-direction">类型</label>
        <Select<FloatingDirection>
          id="floating-direction"
          allowClear
          placeholder="全部"
          value={direction}
          onChange={(v) => setDirection(v)}
          style={{ width: 110 }}
          options={(['outflow', 'inflow'] as const).map((d) => ({ value: d, label: FLOATING_DIRECTION_LABELS[d] }))}
        />
        <label htmlFor="floating-status">状态</label>
        <Select<FloatingStatus>
          id="floating-status"
          allowClear
          placeholder="全部"
          value={status}
          onChange={(v) => setStatus(v)}
          style={{ width: 140 }}
          options={(['away', 'returned', 'reviewDue'] as const).map((s) => ({ value: s, label: FLOATING_STATUS_LABELS[s] }))}
        />
        {due > 0 && status !== 'reviewDue' && (
          <Button type="link" className="text-error" onClick={() => setStatus('reviewDue')}>
            有 {due} 名在外党员 {thisYear()} 年尚未年审
          </Button>
        )}
      </ListToolbar>
      <RecordTable<FloatingCertificateRow>
        testId="floating-table"
        rows={rows}
        error={error}
        columns={columns}
        total={(n) => `共 ${n} 本`}
        empty="还没有发放流动党员活动证"
        onOpen={(r) => navigate(`/floating/${r.id}`)}
      />
      <IssueModal open={issuing} onClose={() => setIssuing(false)} onDone={(c) => (setIssuing(false), navigate(`/floating/${c.id}`))} />
    </div>
  );
}

/** One line of text cut to the cell with "…", the whole text on hover. */
function Clip({ text, muted }: { text: string | null; muted?: boolean }) {
  if (!text) return <>{EMPTY}</>;
  return (
    <Tooltip title={text} placement="topLeft">
      <div className={muted ? 'muted' : undefined} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', ...(muted ? { fontSize: 12 } : {}) }}>
        {text}
      </div>
    </Tooltip>
  );
}

interface IssueValues {
  memberId?: number;
  direction?: FloatingDirection;
  certificateNo?: string;
  issueDate?: Dayjs | null;
  reason?: string;
  destination?: string;
  dateOut?: Dayjs | null;
  note?: string;
}
const ISSUE_FIELDS = ['memberId', 'direction', 'certificateNo', 'issueDate', 'reason', 'destination', 'dateOut', 'note'] as const;

function IssueModal(props: { open: boolean; onClose: () => void; onDone: (c: FloatingCertificate) => void }) {
  const [form] = Form.useForm<IssueValues>();
  const { saving, error: top, submit: send } = useFormSubmit(form, ISSUE_FIELDS);
  const direction = Form.useWatch('direction', form) ?? 'outflow';
  const { message } = App.useApp();
  const submit = () =>
    send(async (v) => {
      const c = await api['floating.issue']({
        memberId: v.memberId!,
        direction: v.direction ?? 'outflow',
        certificateNo: (v.certificateNo ?? '').trim(),
        issueDate: v.issueDate!.format('YYYY-MM-DD'),
        reason: (v.reason ?? '').trim(),
        destination: (v.destination ?? '').trim(),
        dateOut: v.dateOut!.format('YYYY-MM-DD'),
        note: v.note ?? '',
      });
      message.success(`已发放流动党员活动证 ${c.certificateNo}；名册中 ${c.memberName} 已记为${FLOATING_DIRECTION_LABELS[c.direction]}党员`);
      form.resetFields();
      props.onDone(c);
    });
  return (
    <Modal open={props.open} title="发放流动党员活动证" okText="发证" cancelText="取消" confirmLoading={saving} onOk={submit} onCancel={props.onClose} destroyOnHidden width={620}>
      <p className="muted" style={{ marginTop: 0 }}>所在党支部按发证时名册中的党支部自动填写。一名党员同时只能有一本未登记返回的活动证。发证后名册中这名党员记为流动党员（流向按本证），登记返回后取消。</p>
      <Form form={form} name="floatingIssueForm" layout="vertical" initialValues={{ direction: 'outflow', issueDate: dayjs(), dateOut: dayjs() }} requiredMark>
        <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请从名册中选择党员' }]}>
          <MemberPicker active={props.open} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="direction" label="类型" style={{ flex: 1 }}>
            <Radio.Group options={[{ value: 'outflow', label: '流出' }, { value: 'inflow', label: '流入' }]} />
          </Form.Item>
          <Form.Item name="certificateNo" label="活动证编号" rules={[{ required: true, whitespace: true, message: '请填写活动证编号' }]} style={{ flex: 1 }}>
            <Input maxLength={40} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="reason" label={direction === 'inflow' ? '流入原因' : '外出原因'} rules={[{ required: true, whitespace: true, message: '请填写原因' }]} style={{ flex: 1 }}>
            <Input placeholder="例如：外出务工、经商、随子女居住" maxLength={200} />
          </Form.Item>
          <Form.Item name="destination" label={direction === 'inflow' ? '流入前所在地' : '外出流向'} rules={[{ required: true, whitespace: true, message: '请填写流向' }]} style={{ flex: 1 }}>
            <Input placeholder="例如：广东省深圳市" maxLength={100} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="issueDate" label="发证日期" rules={[{ required: true, message: '请填写发证日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="dateOut" label={direction === 'inflow' ? '流入日期' : '外出日期'} rules={[{ required: true, message: '请填写日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      <FormError error={top} />
    </Modal>
  );
}

function FloatingDetail({ id }: { id: number }) {
  const { message } = App.useApp();
  const [c, setC] = useState<FloatingCertificate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'return' | 'review' | 'edit' | null>(null);
  const [audit, setAudit] = useState<AuditEntry[] | null>(null);
  const load = useCallback(async () => {
    try {
      const [cert, log] = await Promise.all([api['floating.get']({ id }), api['floating.audit']({ id })]);
      setC(cert);
      setAudit(log);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return <div className="page"><Alert type="error" showIcon title={error} /></div>;
  if (!c) return <div className="page muted">正在读取…</div>;
  const done = (next: FloatingCertificate, text: string) => {
    setC(next);
    setDialog(null);
    message.success(text);
    api['floating.audit']({ id }).then(setAudit, () => undefined);
  };
  const inflow = c.direction === 'inflow';
  return (
    <div className="page">
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 16 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/floating')}>
          返回列表
        </Button>
        <h1 style={{ fontSize: 20, margin: '0 8px' }}>
          流动党员活动证 {c.certificateNo} · {c.memberName}
        </h1>
        <StatusTags c={c} />
        <span style={{ flex: 1 }} />
        <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
          修改
        </Button>
        <Button onClick={() => setDialog('review')}>登记年审</Button>
        {!c.dateBack && (
          <Button type="primary" onClick={() => setDialog('return')}>
            登记返回
          </Button>
        )}
      </div>
      <Descriptions bordered size="small" column={3} data-testid="floating-details" style={{ maxWidth: 1000 }}>
        <Descriptions.Item label="活动证编号">{c.certificateNo}</Descriptions.Item>
        <Descriptions.Item label="党员">
          <RecordLink to={`/members/${c.memberId}`}>
            {c.memberName}
          </RecordLink>
        </Descriptions.Item>
        <Descriptions.Item label="类型">{FLOATING_DIRECTION_LABELS[c.direction]}</Descriptions.Item>
        <Descriptions.Item label="所在党支部">{c.branchName ?? EMPTY}</Descriptions.Item>
        <Descriptions.Item label="发证日期">{c.issueDate}</Descriptions.Item>
        <Descriptions.Item label={inflow ? '流入原因' : '外出原因'}>{c.reason}</Descriptions.Item>
        <Descriptions.Item label={inflow ? '流入前所在地' : '外出流向'}>{c.destination}</Descriptions.Item>
        <Descriptions.Item label={inflow ? '流入日期' : '外出日期'}>{c.dateOut}</Descriptions.Item>
        <Descriptions.Item label="返回日期">{c.dateBack ?? '尚未返回'}</Descriptions.Item>
        <Descriptions.Item label="备注" span={3}>{c.note ?? EMPTY}</Descriptions.Item>
      </Descriptions>
      <section aria-label="年审记录" style={{ marginTop: 20, maxWidth: 1000 }}>
        <h2 style={{ fontSize: 16, margin: '0 0 8px' }}>年审记录</h2>
        <Table<FloatingReview>
          data-testid="floating-reviews"
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={c.reviews}
          locale={{ emptyText: '还没有年审记录' }}
          columns={[
            { title: '年度', dataIndex: 'year', key: 'year', width: 90, render: (v: number) => `${v}年` },
            { title: '年审日期', dataIndex: 'date', key: 'date', width: 120 },
            { title: '年审结果', dataIndex: 'result', key: 'result' },
            { title: '审核人', dataIndex: 'reviewer', key: 'reviewer', width: 140, render: (v: string | null) => v ?? EMPTY },
          ]}
        />
      </section>
      <section aria-label="操作日志" style={{ marginTop: 20, maxWidth: 1000 }}>
        <h2 style={{ fontSize: 16, margin: '0 0 8px' }}>操作日志</h2>
        <CertificateAudit entries={audit} inflow={inflow} />
      </section>
      <EditModal c={c} open={dialog === 'edit'} onClose={() => setDialog(null)} onDone={(n) => done(n, '修改已保存')} />
      <ReturnModal c={c} open={dialog === 'return'} onClose={() => setDialog(null)} onDone={(n) => done(n, `已登记 ${n.memberName} 于 ${n.dateBack} 返回`)} />
      <ReviewModal c={c} open={dialog === 'review'} onClose={() => setDialog(null)} onDone={(n) => done(n, '年审已登记')} />
    </div>
  );
}

/** The certificate's fields as the audit log names them, in the clerk's words. */
function certificateFieldLabel(field: string, inflow: boolean): string {
  const labels: Record<string, string> = {
    certificateNo: '活动证编号',
    memberId: '党员',
    direction: '类型',
    branchId: '所在党支部',
    issueDate: '发证日期',
    reason: inflow ? '流入原因' : '外出原因',
    destination: inflow ? '流入前所在地' : '外出流向',
    dateOut: inflow ? '流入日期' : '外出日期',
    dateBack: '返回日期',
    note: '备注',
  };
  return labels[field] ?? (field.startsWith('review') ? `${field.slice(6)}年年审` : field);
}

const CERTIFICATE_ACTIONS: Record<string, string> = { issue: '发证', update: '修改', return: '登记返回', review: '年审' };

function CertificateAudit({ entries, inflow }: { entries: AuditEntry[] | null; inflow: boolean }) {
  const show = (v: unknown) => (v == null || v === '' ? '（空）' : typeof v === 'object' ? Object.values(v as object).filter((x) => x != null).join('，') : String(v));
  return <AuditTimeline entries={entries} action={(a) => CERTIFICATE_ACTIONS[a] ?? a} field={(f) => certificateFieldLabel(f, inflow)} text={(_, v) => show(v)} />;
}

interface EditValues {
  certificateNo?: string;
  issueDate?: Dayjs | null;
  reason?: string;
  destination?: string;
  dateOut?: Dayjs | null;
  note?: string;
}
const EDIT_FIELDS = ['certificateNo', 'issueDate', 'reason', 'destination', 'dateOut', 'note'] as const;

/** 修改: the certificate's own details (number, dates, where to, why, note); member, type and branch stay. */
function EditModal(props: { c: FloatingCertificate; open: boolean; onClose: () => void; onDone: (c: FloatingCertificate) => void }) {
  const { c } = props;
  const [form] = Form.useForm<EditValues>();
  const { saving, error: top, submit: send } = useFormSubmit(form, EDIT_FIELDS);
  const inflow = c.direction === 'inflow';
  const submit = () =>
    send(async (v) => {
      props.onDone(
        await api['floating.update']({
          id: c.id,
          certificateNo: (v.certificateNo ?? '').trim(),
          issueDate: v.issueDate!.format('YYYY-MM-DD'),
          reason: (v.reason ?? '').trim(),
          destination: (v.destination ?? '').trim(),
          dateOut: v.dateOut!.format('YYYY-MM-DD'),
          note: v.note ?? '',
        }),
      );
    });
  return (
    <Modal
      open={props.open}
      title={`修改流动党员活动证：${c.certificateNo}（${c.memberName}）`}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={props.onClose}
      destroyOnHidden
      width={620}
    >
      <p className="muted" style={{ marginTop: 0 }}>
        党员、类型和所在党支部不能在这里修改。每次修改都记入操作日志（原内容 → 新内容）。
      </p>
      <Form
        form={form}
        name="floatingEditForm"
        layout="vertical"
        requiredMark
        initialValues={{
          certificateNo: c.certificateNo,
          issueDate: dayjs(c.issueDate),
          reason: c.reason,
          destination: c.destination,
          dateOut: dayjs(c.dateOut),
          note: c.note ?? '',
        }}
      >
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="certificateNo" label="活动证编号" rules={[{ required: true, whitespace: true, message: '请填写活动证编号' }]} style={{ flex: 1 }}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="issueDate" label="发证日期" rules={[{ required: true, message: '请填写发证日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="reason" label={inflow ? '流入原因' : '外出原因'} rules={[{ required: true, whitespace: true, message: '请填写原因' }]} style={{ flex: 1 }}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="destination" label={inflow ? '流入前所在地' : '外出流向'} rules={[{ required: true, whitespace: true, message: '请填写流向' }]} style={{ flex: 1 }}>
            <Input maxLength={100} />
          </Form.Item>
        </div>
        <Form.Item
          name="dateOut"
          label={inflow ? '流入日期' : '外出日期'}
          rules={[{ required: true, message: '请填写日期' }]}
          extra={c.dateBack ? `返回日期：${c.dateBack}（${inflow ? '流入' : '外出'}日期不能晚于它）` : undefined}
          style={{ maxWidth: 280 }}
        >
          <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[{ max: 500, message: '备注不能超过 500 个字' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      <FormError error={top} />
    </Modal>
  );
}

function ReturnModal(props: { c: FloatingCertificate; open: boolean; onClose: () => void; onDone: (c: FloatingCertificate) => void }) {
  const [form] = Form.useForm<{ dateBack?: Dayjs | null }>();
  const { saving, error: top, submit: send } = useFormSubmit(form, ['dateBack']);
  const submit = () =>
    send(async (v) => {
      props.onDone(await api['floating.return']({ id: props.c.id, dateBack: v.dateBack!.format('YYYY-MM-DD') }));
      form.resetFields();
    });
  return (
    <Modal open={props.open} title={`登记返回：${props.c.memberName}`} okText="确定" cancelText="取消" confirmLoading={saving} onOk={submit} onCancel={props.onClose} destroyOnHidden>
      <Form form={form} name="floatingReturnForm" layout="vertical" initialValues={{ dateBack: dayjs() }}>
        <Form.Item name="dateBack" label="返回日期" rules={[{ required: true, message: '请填写返回日期' }]} extra={`外出日期：${props.c.dateOut}`}>
          <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
      </Form>
      <FormError error={top} />
    </Modal>
  );
}

interface ReviewValues {
  year?: number;
  date?: Dayjs | null;
  result?: string;
  reviewer?: string;
}

function ReviewModal(props: { c: FloatingCertificate; open: boolean; onClose: () => void; onDone: (c: FloatingCertificate) => void }) {
  const [form] = Form.useForm<ReviewValues>();
  const { saving, error: top, submit: send } = useFormSubmit(form, ['year', 'date', 'result', 'reviewer']);
  const submit = () =>
    send(async (v) => {
      props.onDone(
        await api['floating.review']({ id: props.c.id, year: v.year!, date: v.date!.format('YYYY-MM-DD'), result: (v.result ?? '').trim(), reviewer: v.reviewer ?? '' }),
      );
      form.resetFields();
    });
  return (
    <Modal open={props.open} title={`登记年审：${props.c.certificateNo}`} okText="登记" cancelText="取消" confirmLoading={saving} onOk={submit} onCancel={props.onClose} destroyOnHidden>
      <Form form={form} name="floatingReviewForm" layout="vertical" initialValues={{ year: thisYear(), date: dayjs(), result: '合格' }}>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]} style={{ flex: 1 }}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="date" label="年审日期" rules={[{ required: true, message: '请填写年审日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
        </div>
        <Form.Item name="result" label="年审结果" rules={[{ required: true, whitespace: true, message: '请填写年审结果' }]}>
          <Input maxLength={200} placeholder="例如：合格；按时参加流入地党组织活动" />
        </Form.Item>
        <Form.Item name="reviewer" label="审核人">
          <Input maxLength={40} />
        </Form.Item>
      </Form>
      <FormError error={top} />
    </Modal>
  );
}
