/** 组织关系转接: letters out (转出) and in (转入), with status, 回执逾期, search; a letter's page prints it. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Form, Input, Modal, Select, Tabs, Tag, TreeSelect } from 'antd';
import { ArrowLeftOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { EMPTY, errorText, fieldErrorsOf } from '../../lib/format';
import { navigate } from '../../lib/router';
import { orgTreeOptions, useOrgs } from '../../lib/orgs';
import { useDebounced } from '../../lib/useDebounced';
import { MEMBERSHIP_KIND_LABELS, SEX_LABELS } from '../../../../shared/domain/labels';
import { TRANSFER_STATUS_LABELS, type Transfer, type TransferDirection, type TransferRow, type TransferStatus } from '../../../../shared/transfers';
import { DATE_FORMATS } from '../members/dates';
import { Letter } from './Letter';
import { IssueModal, RegisterModal } from './TransferModals';
import './transfers.css';
import { FormError } from '../../components/FormError';
import { RecordLink } from '../../components/RecordLink';
import { ListToolbar, RecordTable } from '../../components/RecordList';

const STATUS_COLORS: Record<TransferStatus, string> = {
  issued: 'gold',
  confirmed: 'blue',
  returned: 'green',
  cancelled: 'default',
  registered: 'gold',
  placed: 'green',
};

export function StatusTag({ t }: { t: Pick<TransferRow, 'status' | 'overdue'> }) {
  return (
    <>
      <Tag color={STATUS_COLORS[t.status]}>{TRANSFER_STATUS_LABELS[t.status]}</Tag>
      {t.overdue && <Tag color="red">回执逾期</Tag>}
    </>
  );
}

export function TransfersPage({ id, direction }: { id: number | null; direction: TransferDirection }) {
  if (id != null) return <TransferDetail id={id} />;
  return <TransferList direction={direction} />;
}

function TransferList({ direction }: { direction: TransferDirection }) {
  const [q, setQ] = useState('');
  const dq = useDebounced(q, 250);
  const [status, setStatus] = useState<TransferStatus | 'overdue' | undefined>();
  const [rows, setRows] = useState<TransferRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [modal, setModal] = useState<'issue' | 'register' | null>(null);
  const load = useCallback(async () => {
    try {
      setRows(await api['transfers.list']({ direction, q: dq.trim() || undefined, status }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [direction, dq, status]);
  useEffect(() => {
    void load();
  }, [load]);
  const statuses: (TransferStatus | 'overdue')[] = direction === 'out' ? ['issued', 'confirmed', 'overdue', 'returned', 'cancelled'] : ['registered', 'placed'];
  const overdue = rows?.filter((r) => r.overdue).length ?? 0;

  const columns = [
    { title: '编号', dataIndex: 'letterNo', key: 'letterNo', width: 150 },
    {
      title: '姓名',
      dataIndex: 'name',
      key: 'name',
      width: 100,
      render: (v: string, r: TransferRow) => (
        <RecordLink to={`/transfers/${r.id}`}>
          {v}
        </RecordLink>
      ),
    },
    { title: '人员类别', dataIndex: 'membershipKind', key: 'kind', width: 90, render: (v: TransferRow['membershipKind']) => MEMBERSHIP_KIND_LABELS[v] },
    { title: '公民身份号码', dataIndex: 'idNumberMasked', key: 'id', width: 180, render: (v: string) => <span className="id-number">{v}</span> },
    { title: direction === 'out' ? '原所在党组织' : '转出的党组织', dataIndex: 'from', key: 'from', ellipsis: true },
    { title: direction === 'out' ? '转往的党组织' : '安排的党支部', key: 'to', ellipsis: true, render: (_: unknown, r: TransferRow) => (direction === 'out' ? r.to : (r.placedBranchName ?? EMPTY)) },
    { title: direction === 'out' ? '开具日期' : '收到日期', dataIndex: 'date', key: 'date', width: 110 },
    ...(direction === 'out'
      ? [{ title: '回执期限', dataIndex: 'receiptDue', key: 'due', width: 110, render: (v: string | null, r: TransferRow) => (r.status === 'confirmed' ? v : r.receiptOn ? `已退回 ${r.receiptOn}` : EMPTY) }]
      : []),
    { title: '状态', key: 'status', width: 170, render: (_: unknown, r: TransferRow) => <StatusTag t={r} /> },
  ];

  return (
    <div className="page">
      <div className="page-title">
        <h1>组织关系转接</h1>
        <div className="actions" style={{ display: 'flex', gap: 8 }}>
          <Button type={direction === 'out' ? 'primary' : 'default'} icon={<PlusOutlined />} onClick={() => setModal('issue')}>
            开具介绍信
          </Button>
          <Button type={direction === 'in' ? 'primary' : 'default'} icon={<PlusOutlined />} onClick={() => setModal('register')}>
            登记转入
          </Button>
        </div>
      </div>
      <Tabs
        activeKey={direction}
        onChange={(k) => {
          setStatus(undefined);
          navigate(k === 'in' ? '/transfers/in' : '/transfers');
        }}
        items={[
          { key: 'out', label: '转出' },
          { key: 'in', label: '转入' },
        ]}
      />
      <ListToolbar>
        <label htmlFor="transfer-search">搜索</label>
        <Input.Search id="transfer-search" aria-label="搜索介绍信" allowClear placeholder="编号、姓名、身份证号、党组织" value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 300 }} />
        <label htmlFor="transfer-status">状态</label>
        <Select<TransferStatus | 'overdue'>
          id="transfer-status"
          allowClear
          placeholder="全部"
          value={status}
          onChange={(v) => setStatus(v)}
          style={{ width: 160 }}
          options={statuses.map((s) => ({ value: s, label: s === 'overdue' ? '回执逾期' : TRANSFER_STATUS_LABELS[s] }))}
        />
        {direction === 'out' && overdue > 0 && !status && (
          <span className="text-error">有 {overdue} 封介绍信转出已超过一个月仍未收到回执</span>
        )}
      </ListToolbar>
      <RecordTable<TransferRow>
        testId="transfer-table"
        rows={rows}
        error={error}
        columns={columns}
        total={(n) => `共 ${n} 封`}
        empty={direction === 'out' ? '还没有开具转出介绍信' : '还没有登记转入的介绍信'}
        onOpen={(r) => navigate(`/transfers/${r.id}`)}
      />
      <IssueModal open={modal === 'issue'} onClose={() => setModal(null)} onDone={(t) => (setModal(null), navigate(`/transfers/${t.id}`))} />
      <RegisterModal open={modal === 'register'} onClose={() => setModal(null)} onDone={(t) => (setModal(null), navigate(`/transfers/${t.id}`))} />
    </div>
  );
}

function TransferDetail({ id }: { id: number }) {
  const { message } = App.useApp();
  const [t, setT] = useState<Transfer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'confirm' | 'receipt' | 'cancel' | null>(null);
  const load = useCallback(async () => {
    try {
      setT(await api['transfers.get']({ id }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return <div className="page"><Alert type="error" showIcon title={error} /></div>;
  if (!t) return <div className="page muted">正在读取…</div>;
  const back = () => navigate(t.direction === 'in' ? '/transfers/in' : '/transfers');
  const done = (next: Transfer, text: string) => {
    setT(next);
    setDialog(null);
    message.success(text);
  };
  return (
    <div className="page">
      <div className="transfer-preview-bar no-print">
        <Button icon={<ArrowLeftOutlined />} onClick={back}>
          返回列表
        </Button>
        <h1 style={{ fontSize: 20, margin: '0 8px' }}>
          {t.direction === 'out' ? '转出介绍信' : '转入介绍信'} {t.letterNo} · {t.name}
        </h1>
        <StatusTag t={t} />
        <span style={{ flex: 1 }} />
        {t.direction === 'out' && (
          <>
            {t.status === 'issued' && (
              <>
                <Button onClick={() => setDialog('cancel')}>作废</Button>
                <Button type="primary" danger onClick={() => setDialog('confirm')}>
                  确认转出
                </Button>
              </>
            )}
            {t.status === 'confirmed' && (
              <Button type="primary" onClick={() => setDialog('receipt')}>
                回执已退回
              </Button>
            )}
            <Button icon={<PrinterOutlined />} type={t.status === 'issued' ? 'default' : 'primary'} onClick={() => window.print()} disabled={t.status === 'cancelled'}>
              打印
            </Button>
          </>
        )}
      </div>
      {t.direction === 'out' ? (
        <>
          <div className="no-print" style={{ marginBottom: 8 }}>
            {t.status === 'issued' && <Alert type="info" showIcon title="打印介绍信交党员本人后，请点“确认转出”：该党员在名册中转为“已离开（转出）”。" />}
            {t.status === 'confirmed' && (
              <Alert
                type={t.overdue ? 'error' : 'info'}
                showIcon
                title={t.overdue ? `回执逾期：应在 ${t.receiptDue} 前寄回，至今未收到。请联系${t.to}。` : `已于 ${t.confirmedOn} 转出。回执应在 ${t.receiptDue} 前寄回。`}
              />
            )}
            {t.status === 'returned' && <Alert type="success" showIcon title={`回执已于 ${t.receiptOn} 退回，转接办结。`} />}
            {t.status === 'cancelled' && <Alert type="warning" showIcon title={`已于 ${t.cancelledOn} 作废：${t.cancelReason ?? ''}`} />}
          </div>
          <div className="transfer-preview-scroll" aria-label="打印预览">
            <Letter t={t} />
          </div>
        </>
      ) : (
        <IncomingDetail t={t} onPlaced={(next) => done(next, `已安排到${next.placedBranchName ?? '党支部'}，${next.name}已在党员名册中`)} />
      )}
      <DateOrReasonModal t={t} kind={dialog} onClose={() => setDialog(null)} onDone={done} />
    </div>
  );
}

function IncomingDetail({ t, onPlaced }: { t: Transfer; onPlaced: (t: Transfer) => void }) {
  const { orgs } = useOrgs();
  const branches = useMemo(() => orgTreeOptions(orgs, { branchesOnly: true }), [orgs]);
  const [form] = Form.useForm<{ branchId?: number; date?: Dayjs | null; joinedOn?: Dayjs | null; confirmedOn?: Dayjs | null }>();
  const [saving, setSaving] = useState(false);
  const [top, setTop] = useState<string | null>(null);
  const place = async () => {
    setTop(null);
    let v;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
      onPlaced(await api['transfers.placeIn']({ id: t.id, branchId: v.branchId!, date: day(v.date)!, joinedOn: day(v.joinedOn), confirmedOn: day(v.confirmedOn) }));
    } catch (e) {
      const fe = fieldErrorsOf(e);
      const known = (['branchId', 'date', 'joinedOn', 'confirmedOn'] as const).filter((f) => fe[f]);
      if (known.length) form.setFields(known.map((f) => ({ name: f, errors: [fe[f]!] })));
      else setTop(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <div style={{ maxWidth: 900 }}>
      <Descriptions bordered size="small" column={3} data-testid="transfer-in-details">
        <Descriptions.Item label="介绍信编号">{t.letterNo}</Descriptions.Item>
        <Descriptions.Item label="转出的党组织" span={2}>{t.from}</Descriptions.Item>
        <Descriptions.Item label="姓名">{t.name}</Descriptions.Item>
        <Descriptions.Item label="性别">{t.sex ? SEX_LABELS[t.sex] : EMPTY}</Descriptions.Item>
        <Descriptions.Item label="年龄">{t.age ?? EMPTY}</Descriptions.Item>
        <Descriptions.Item label="民族">{t.ethnicity ?? EMPTY}</Descriptions.Item>
        <Descriptions.Item label="人员类别">{MEMBERSHIP_KIND_LABELS[t.membershipKind]}</Descriptions.Item>
        <Descriptions.Item label="公民身份号码"><span className="id-number">{t.idNumber}</span></Descriptions.Item>
        <Descriptions.Item label="收到日期">{t.date}</Descriptions.Item>
        <Descriptions.Item label="党费交至">{t.duesPaidUntil ?? EMPTY}</Descriptions.Item>
        <Descriptions.Item label="联系电话">{t.phone ?? EMPTY}</Descriptions.Item>
        <Descriptions.Item label="备注" span={3}>{t.note ?? EMPTY}</Descriptions.Item>
      </Descriptions>
      {t.status === 'placed' ? (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          showIcon
          title={`已于 ${t.placedOn} 安排到${t.placedBranchName ?? '党支部'}`}
          action={t.memberId != null && <Button onClick={() => navigate(`/members/${t.memberId}`)}>在名册中查看</Button>}
        />
      ) : (
        <section className="panel" style={{ marginTop: 16 }} aria-label="安排到党支部">
          <h2 style={{ fontSize: 16, margin: '0 0 8px' }}>安排到党支部</h2>
          {t.match && !t.match.active && (
            <Alert style={{ marginBottom: 12 }} type="info" showIcon title={`名册中有此身份证号的原党员 ${t.match.name}（已离开${t.match.branchName ? `，原在${t.match.branchName}` : ''}）：安排后将恢复为在册党员，并记入所在党支部历史。`} />
          )}
          {t.match?.active && <Alert style={{ marginBottom: 12 }} type="error" showIcon title={`此身份证号已是在册党员 ${t.match.name}，不能重复转入。`} />}
          <Form form={form} name="placeForm" layout="inline" style={{ rowGap: 12 }} initialValues={{ date: dayjs() }}>
            <Form.Item name="branchId" label="党支部" rules={[{ required: true, message: '请选择党支部' }]}>
              <TreeSelect<number> showSearch={{ treeNodeFilterProp: 'title' }} treeDefaultExpandAll placeholder="请选择党支部" treeData={branches} style={{ width: 320 }} popupMatchSelectWidth={380} />
            </Form.Item>
            <Form.Item name="date" label="转入日期" rules={[{ required: true, message: '请填写转入日期' }]}>
              <DatePicker format={DATE_FORMATS} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
            {!t.match && (
              <>
                <Form.Item name="joinedOn" label="加入党组织日期" tooltip="介绍信上没有，可按随转的党员档案填写；也可以以后在名册中补填">
                  <DatePicker format={DATE_FORMATS} placeholder="选填" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                </Form.Item>
                {t.membershipKind === 'full' && (
                  <Form.Item name="confirmedOn" label="转为正式党员日期">
                    <DatePicker format={DATE_FORMATS} placeholder="选填" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                  </Form.Item>
                )}
              </>
            )}
            <Button type="primary" loading={saving} onClick={place}>
              安排到党支部
            </Button>
          </Form>
          {top && <div className="text-error" role="alert" style={{ marginTop: 8 }}>{top}</div>}
        </section>
      )}
    </div>
  );
}

function DateOrReasonModal(props: { t: Transfer; kind: 'confirm' | 'receipt' | 'cancel' | null; onClose: () => void; onDone: (t: Transfer, text: string) => void }) {
  const [form] = Form.useForm<{ date?: Dayjs | null; reason?: string }>();
  const [saving, setSaving] = useState(false);
  const [top, setTop] = useState<string | null>(null);
  const { t, kind } = props;
  const title = kind === 'confirm' ? `确认转出：${t.name}` : kind === 'receipt' ? `回执已退回：${t.letterNo}` : `作废介绍信 ${t.letterNo}`;
  const submit = async () => {
    setTop(null);
    let v;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      if (kind === 'confirm') props.onDone(await api['transfers.confirmOut']({ id: t.id, date: v.date!.format('YYYY-MM-DD') }), `${t.name} 已转出，名册中已转为“已离开（转出）”`);
      else if (kind === 'receipt') props.onDone(await api['transfers.receipt']({ id: t.id, date: v.date!.format('YYYY-MM-DD') }), '回执已登记');
      else props.onDone(await api['transfers.cancel']({ id: t.id, reason: (v.reason ?? '').trim(), date: v.date!.format('YYYY-MM-DD') }), '介绍信已作废');
      form.resetFields();
    } catch (e) {
      const fe = fieldErrorsOf(e);
      if (fe['date']) form.setFields([{ name: 'date', errors: [fe['date']] }]);
      else setTop(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={kind != null} title={title} okText="确定" cancelText="取消" confirmLoading={saving} onOk={submit} onCancel={props.onClose} destroyOnHidden okButtonProps={{ danger: kind === 'confirm' }}>
      {kind === 'confirm' && <p>确认后，{t.name} 在党员名册中转为“已离开（转出）”，组织关系转至{t.to}。记录保留，可在“已离开”中查到。</p>}
      <Form form={form} name="transferStepForm" layout="vertical" initialValues={{ date: dayjs() }}>
        <Form.Item name="date" label={kind === 'confirm' ? '转出日期' : kind === 'receipt' ? '回执退回日期' : '作废日期'} rules={[{ required: true, message: '请填写日期' }]}>
          <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        {kind === 'cancel' && (
          <Form.Item name="reason" label="作废原因" rules={[{ required: true, whitespace: true, message: '请写明作废原因' }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        )}
      </Form>
      <FormError error={top} />
    </Modal>
  );
}
