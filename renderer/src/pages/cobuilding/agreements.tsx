/** 共驻共建协议: the list with its expiry reminder, the agreement form, and an agreement's page (commitments ticked off, reviews). */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Table, Tag } from 'antd';
import { ArrowLeftOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { EMPTY, errorText } from '../../lib/format';
import { navigate } from '../../lib/router';
import { useFormSubmit } from '../../lib/useFormSubmit';
import {
  AGREEMENT_STATUS_LABELS,
  AGREEMENT_STATUSES,
  COBUILDING_FIELD_LABELS,
  EXPIRY_NOTICE_DAYS,
  termEnd,
  type ActivityRow,
  type Agreement,
  type AgreementRow,
  type AgreementStatus,
} from '../../../../shared/cobuilding';
import { ACTIVITY_KIND_LABELS, AGREEMENT_KIND_LABELS, AGREEMENT_KINDS, ASSESSMENT_GRADE_LABELS, ASSESSMENT_GRADES, type AgreementKind, type AssessmentGrade } from '../../../../shared/domain/labels';
import { DATE_FORMATS, fromIso, toIso } from '../members/dates';
import { AuditSection } from '../../components/AuditSection';
import { CommunitySelect, UnitSelect, useRecord, useUnits } from './shared';
import { FormError } from '../../components/FormError';
import { RecordLink } from '../../components/RecordLink';
import { ListToolbar, RecordTable } from '../../components/RecordList';

export const AGREEMENT_STATUS_COLORS: Record<AgreementStatus, string> = { notStarted: 'default', inForce: 'green', expiring: 'orange', expired: 'red' };
const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

export function StatusTag({ a }: { a: Pick<AgreementRow, 'status' | 'daysLeft'> }) {
  return (
    <Tag color={AGREEMENT_STATUS_COLORS[a.status]}>
      {AGREEMENT_STATUS_LABELS[a.status]}
      {a.status === 'expiring' ? `（还有 ${a.daysLeft} 天）` : ''}
    </Tag>
  );
}

export function AgreementsTab() {
  const [status, setStatus] = useState<AgreementStatus | undefined>();
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const list = useRecord(() => api['agreements.list']({ status, q: q.trim() || undefined }), [status, q]);
  const all = useRecord(() => api['agreements.list']({}), []);
  const expiring = all.value?.filter((a) => a.status === 'expiring') ?? [];
  const year = dayjs().year();
  const unreviewed = all.value?.filter((a) => (a.status === 'inForce' || a.status === 'expiring') && !a.reviewedThisYear) ?? [];
  return (
    <div>
      {expiring.length > 0 && status !== 'expiring' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`有 ${expiring.length} 份协议将在 ${EXPIRY_NOTICE_DAYS} 天内到期：${expiring.map((a) => `${a.title}（${a.endOn}）`).join('；')}。请及时商议续签。`}
          action={
            <Button size="small" onClick={() => setStatus('expiring')}>
              只看即将到期
            </Button>
          }
        />
      )}
      <ListToolbar add={{ label: '签订协议', onClick: () => setCreating(true) }}>
        <Input.Search aria-label="搜索协议" allowClear placeholder="协议名称、单位名称" onSearch={setQ} style={{ width: 240 }} />
        <Select<AgreementStatus> aria-label="协议状态" allowClear placeholder="全部状态" value={status} onChange={setStatus} style={{ width: 130 }} options={AGREEMENT_STATUSES.map((s) => ({ value: s, label: AGREEMENT_STATUS_LABELS[s] }))} />
        {unreviewed.length > 0 && <span className="muted">{unreviewed.length} 份履行中的协议尚未进行 {year} 年度评估</span>}
      </ListToolbar>
      <RecordTable<AgreementRow>
        testId="agreements-table"
        rows={list.value}
        error={list.error}
        total={(n) => `共 ${n} 份协议`}
        empty="还没有共建协议"
        onOpen={(r) => navigate(`/cobuilding/agreements/${r.id}`)}
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
          { title: '类型', dataIndex: 'kind', key: 'kind', width: 90, render: (v: AgreementKind) => AGREEMENT_KIND_LABELS[v] },
          { title: '签订方', key: 'parties', ellipsis: true, render: (_: unknown, r) => [r.communityName, ...r.units.map((u) => u.name)].join('、') },
          { title: '签订日期', dataIndex: 'signedOn', key: 'signed', width: 105 },
          { title: '到期日期', dataIndex: 'endOn', key: 'end', width: 105 },
          { title: '承诺完成', key: 'done', width: 90, render: (_: unknown, r) => `${r.commitmentsDone} / ${r.commitmentsTotal}` },
          { title: '今年评估', key: 'review', width: 90, render: (_: unknown, r) => (r.reviewedThisYear ? <Tag color="green">已评估</Tag> : <span className="muted">未评估</span>) },
          { title: '状态', key: 'status', width: 180, render: (_: unknown, r) => <StatusTag a={r} /> },
        ]}
      />
      <AgreementModal open={creating} agreement={null} onClose={() => setCreating(false)} onDone={(a) => (setCreating(false), navigate(`/cobuilding/agreements/${a.id}`))} />
    </div>
  );
}

interface AgreementValues {
  title?: string;
  kind?: AgreementKind;
  communityId?: number | null;
  unitIds?: number[];
  signedOn?: Dayjs | null;
  startOn?: Dayjs | null;
  termYears?: number | null;
  endOn?: Dayjs | null;
  commitments?: { side?: 'community' | 'unit'; unitId?: number | null; text?: string; dueOn?: Dayjs | null; doneOn?: string | null }[];
  resources?: { unitId?: number | null; text?: string }[];
  plannedActivities?: string;
  note?: string;
}
const AGREEMENT_FIELDS = ['title', 'kind', 'communityId', 'unitIds', 'signedOn', 'startOn', 'termYears', 'endOn', 'commitments', 'resources', 'plannedActivities', 'note'] as const;

export function AgreementModal(props: { open: boolean; agreement: Agreement | null; onClose: () => void; onDone: (a: Agreement) => void }) {
  const [form] = Form.useForm<AgreementValues>();
  const { saving, error, submit } = useFormSubmit(form, AGREEMENT_FIELDS);
  const { units } = useUnits('all');
  const { message } = App.useApp();
  const a = props.agreement;
  const chosen = Form.useWatch('unitIds', form) ?? [];
  const partnerUnits = units.filter((u) => chosen.includes(u.id));
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    form.setFieldsValue(
      a
        ? {
            title: a.title,
            kind: a.kind,
            communityId: a.communityId,
            unitIds: a.units.map((u) => u.id),
            signedOn: fromIso(a.signedOn),
            startOn: fromIso(a.startOn),
            termYears: a.termYears,
            endOn: fromIso(a.endOn),
            commitments: a.commitments.map((c) => ({ side: c.side, unitId: c.unitId, text: c.text, dueOn: fromIso(c.dueOn), doneOn: c.doneOn })),
            resources: a.resources.map((r) => ({ unitId: r.unitId, text: r.text })),
            plannedActivities: a.plannedActivities ?? '',
            note: a.note ?? '',
          }
        : { kind: 'coBuilding', signedOn: dayjs(), startOn: dayjs(), termYears: 3, endOn: fromIso(termEnd(dayjs().format('YYYY-MM-DD'), 3)), commitments: [], resources: [] },
    );
  }, [props.open, a, form]);
  // The end date follows the start and the term until the clerk sets it by hand.
  const onValuesChange = (changed: Partial<AgreementValues>, all: AgreementValues) => {
    if (('startOn' in changed || 'termYears' in changed) && all.startOn && all.termYears) form.setFieldValue('endOn', fromIso(termEnd(all.startOn.format('YYYY-MM-DD'), all.termYears)));
  };
  const send = () =>
    submit(async (v) => {
      const saved = await api['agreements.save']({
        id: a?.id,
        expectedVersion: a?.version,
        agreement: {
          title: (v.title ?? '').trim(),
          kind: v.kind!,
          communityId: v.communityId!,
          unitIds: v.unitIds ?? [],
          signedOn: toIso(v.signedOn)!,
          startOn: toIso(v.startOn)!,
          termYears: v.termYears ?? null,
          endOn: toIso(v.endOn)!,
          commitments: (v.commitments ?? [])
            .filter((c) => (c.text ?? '').trim())
            .map((c) => ({ side: c.side ?? 'community', unitId: c.side === 'unit' ? (c.unitId ?? null) : null, text: (c.text ?? '').trim(), dueOn: toIso(c.dueOn), doneOn: c.doneOn ?? null })),
          resources: (v.resources ?? []).filter((r) => (r.text ?? '').trim()).map((r) => ({ unitId: r.unitId ?? null, text: (r.text ?? '').trim() })),
          plannedActivities: v.plannedActivities ?? '',
          note: v.note ?? '',
        },
      });
      message.success(a ? '协议已保存' : `已签订协议：${saved.title}`);
      props.onDone(saved);
    });
  const row = { display: 'flex', gap: 12 } as const;
  return (
    <Modal open={props.open} title={a ? `修改协议：${a.title}` : '签订共建协议'} okText="保存" cancelText="取消" confirmLoading={saving} onOk={send} onCancel={props.onClose} destroyOnHidden width={820}>
      <Form form={form} name="agreementForm" layout="vertical" requiredMark onValuesChange={onValuesChange}>
        <div style={row}>
          <Form.Item name="title" label="协议名称" rules={[{ required: true, whitespace: true, message: '请填写协议名称' }]} style={{ flex: 3 }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]} style={{ flex: 1 }}>
            <Select options={AGREEMENT_KINDS.map((k) => ({ value: k, label: AGREEMENT_KIND_LABELS[k] }))} />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item name="communityId" label="社区（本方）" rules={[{ required: true, message: '请选择签订协议的社区' }]} style={{ flex: 1 }}>
            <CommunitySelect street />
          </Form.Item>
          <Form.Item name="unitIds" label="驻区单位（对方）" rules={[{ required: true, type: 'array', min: 1, message: '请选择签订协议的驻区单位' }]} style={{ flex: 2 }}>
            <UnitSelect units={units} multiple />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item name="signedOn" label="签订日期" rules={[{ required: true, message: '请填写签订日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="startOn" label="生效日期" rules={[{ required: true, message: '请填写生效日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="termYears" label="期限（年）" style={{ flex: 1 }}>
            <InputNumber min={1} max={10} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="endOn" label="到期日期" rules={[{ required: true, message: '请填写到期日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <div className="form-section-title">双方承诺事项</div>
        <Form.List name="commitments">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <div key={f.key} style={{ display: 'flex', gap: 8, marginBottom: 6 }}>
                  <Form.Item name={[f.name, 'side']} noStyle>
                    <Select aria-label="承诺方" style={{ width: 110 }} options={[{ value: 'community', label: '社区承诺' }, { value: 'unit', label: '单位承诺' }]} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue(['commitments', f.name, 'side']) === 'unit' ? (
                        <Form.Item name={[f.name, 'unitId']} noStyle>
                          <UnitSelect units={partnerUnits} placeholder="哪个单位" style={{ width: 160 }} />
                        </Form.Item>
                      ) : null
                    }
                  </Form.Item>
                  <Form.Item name={[f.name, 'text']} noStyle>
                    <Input placeholder="承诺内容，例如：节假日向居民开放操场" maxLength={500} style={{ flex: 1 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueOn']} noStyle>
                    <DatePicker format={DATE_FORMATS} placeholder="完成期限" style={{ width: 130 }} />
                  </Form.Item>
                  <Button type="text" aria-label="删去这项承诺" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ side: 'community', unitId: null, text: '', dueOn: null, doneOn: null })} style={{ marginBottom: 12 }}>
                添加承诺事项
              </Button>
            </>
          )}
        </Form.List>
        <div className="form-section-title">共享资源</div>
        <Form.List name="resources">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <div key={f.key} style={{ display: 'flex', gap: 8, marginBottom: 6 }}>
                  <Form.Item name={[f.name, 'unitId']} noStyle>
                    <UnitSelect units={partnerUnits} allowClear placeholder="提供方（社区空着）" style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'text']} noStyle>
                    <Input placeholder="例如：学校操场周末向居民开放、医院每月义诊一次" maxLength={200} style={{ flex: 1 }} />
                  </Form.Item>
                  <Button type="text" aria-label="删去这项资源" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ unitId: null, text: '' })} style={{ marginBottom: 12 }}>
                添加共享资源
              </Button>
            </>
          )}
        </Form.List>
        <div style={row}>
          <Form.Item name="plannedActivities" label="计划开展的活动" style={{ flex: 1 }}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="note" label="备注" style={{ flex: 1 }}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </div>
      </Form>
      <FormError error={error} />
    </Modal>
  );
}

export function AgreementDetail({ id }: { id: number }) {
  const { value: a, error, set } = useRecord(() => api['agreements.get']({ id }), [id]);
  const [dialog, setDialog] = useState<'edit' | 'review' | null>(null);
  const [tickError, setTickError] = useState<string | null>(null);
  const { message } = App.useApp();
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!a) return <div className="muted">正在读取…</div>;
  const tick = async (position: number, done: boolean) => {
    try {
      set(await api['agreements.tick']({ id: a.id, position, done }));
      setTickError(null);
      message.success(done ? '已标记为完成' : '已改为未完成');
    } catch (e) {
      setTickError(errorText(e));
    }
  };
  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 16 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/cobuilding/agreements')}>
          返回列表
        </Button>
        <h2 style={{ fontSize: 18, margin: '0 8px' }}>{a.title}</h2>
        <StatusTag a={a} />
        <span style={{ flex: 1 }} />
        <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
          修改
        </Button>
        <Button type="primary" onClick={() => setDialog('review')}>
          年度评估
        </Button>
      </div>
      {a.status === 'expiring' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`协议将于 ${a.endOn} 到期（还有 ${a.daysLeft} 天），请及时商议续签。`} />}
      {a.status === 'expired' && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`协议已于 ${a.endOn} 到期。如继续共建，请签订新的协议。`} />}
      <Descriptions bordered size="small" column={3} data-testid="agreement-details">
        <Descriptions.Item label="类型">{AGREEMENT_KIND_LABELS[a.kind]}</Descriptions.Item>
        <Descriptions.Item label="签订方" span={2}>
          {a.communityName}
          {a.units.map((u) => (
            <span key={u.id}>
              、
              <RecordLink to={`/cobuilding/units/${u.id}`}>
                {u.name}
              </RecordLink>
            </span>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label="签订日期">{a.signedOn}</Descriptions.Item>
        <Descriptions.Item label="期限">{a.termYears ? `${a.termYears} 年` : EMPTY}</Descriptions.Item>
        <Descriptions.Item label="有效期">
          {a.startOn} 至 {a.endOn}
        </Descriptions.Item>
        <Descriptions.Item label="共享资源" span={3}>
          {a.resources.length ? a.resources.map((r) => `${r.providerName}：${r.text}`).join('；') : EMPTY}
        </Descriptions.Item>
        <Descriptions.Item label="计划开展的活动" span={3}>
          {a.plannedActivities ?? EMPTY}
        </Descriptions.Item>
        {a.note && (
          <Descriptions.Item label="备注" span={3}>
            {a.note}
          </Descriptions.Item>
        )}
      </Descriptions>

      <h3 className="section-title">
        承诺事项（已完成 {a.commitmentsDone} / {a.commitmentsTotal}）
      </h3>
      {tickError && <Alert type="error" showIcon title={tickError} style={{ marginBottom: 8 }} />}
      <Table
        data-testid="commitments"
        rowKey="position"
        size="small"
        pagination={false}
        dataSource={a.commitments}
        locale={{ emptyText: '协议中没有登记承诺事项' }}
        columns={[
          { title: '完成', key: 'done', width: 60, render: (_: unknown, c) => <Checkbox aria-label={`完成：${c.text}`} checked={!!c.doneOn} onChange={(e) => void tick(c.position, e.target.checked)} /> },
          { title: '承诺方', dataIndex: 'partyName', key: 'party', width: 180 },
          { title: '承诺事项', dataIndex: 'text', key: 'text' },
          { title: '完成期限', dataIndex: 'dueOn', key: 'due', width: 110, render: (v: string | null) => v ?? EMPTY },
          { title: '完成日期', dataIndex: 'doneOn', key: 'doneOn', width: 110, render: (v: string | null, c) => v ?? (c.dueOn && c.dueOn < dayjs().format('YYYY-MM-DD') ? <Tag color="red">已过期限</Tag> : EMPTY) },
        ]}
      />

      <h3 className="section-title">年度评估</h3>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={a.reviews}
        locale={{ emptyText: '还没有年度评估' }}
        columns={[
          { title: '年度', dataIndex: 'year', key: 'year', width: 90, render: (v: number) => `${v}年` },
          { title: '评估日期', dataIndex: 'reviewedOn', key: 'date', width: 110 },
          { title: '评价', dataIndex: 'grade', key: 'grade', width: 80, render: (v: AssessmentGrade) => ASSESSMENT_GRADE_LABELS[v] },
          { title: '评估意见', dataIndex: 'assessment', key: 'assessment' },
        ]}
      />

      <h3 className="section-title">按协议开展的活动</h3>
      <Table<ActivityRow>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={a.activities}
        locale={{ emptyText: '还没有按这份协议开展的活动' }}
        columns={[
          { title: '日期', dataIndex: 'heldOn', key: 'date', width: 110 },
          {
            title: '活动',
            dataIndex: 'title',
            key: 'title',
            render: (v: string, r) => (
              <RecordLink to={`/cobuilding/activities/${r.id}`}>
                {v}
              </RecordLink>
            ),
          },
          { title: '类型', dataIndex: 'kind', key: 'kind', width: 110, render: (v: ActivityRow['kind']) => ACTIVITY_KIND_LABELS[v] },
          { title: '参加人数', dataIndex: 'participants', key: 'p', width: 90 },
        ]}
      />
      <AuditSection
        load={() => api['agreements.audit']({ id: a.id })}
        version={a.version}
        labels={{ ...COBUILDING_FIELD_LABELS, title: '协议名称', kind: '类型', communityId: '社区', units: '驻区单位' }}
        show={(f, v) => (f === 'kind' && typeof v === 'string' ? (AGREEMENT_KIND_LABELS[v as AgreementKind] ?? v) : f.startsWith('commitment') && v == null ? '未完成' : null)}
      />
      <AgreementModal open={dialog === 'edit'} agreement={a} onClose={() => setDialog(null)} onDone={(n) => (set(n), setDialog(null))} />
      <ReviewModal open={dialog === 'review'} agreement={a} onClose={() => setDialog(null)} onDone={(n) => (set(n), setDialog(null), message.success('年度评估已登记'))} />
    </div>
  );
}

interface ReviewValues {
  year?: number;
  reviewedOn?: Dayjs | null;
  grade?: AssessmentGrade;
  assessment?: string;
}

function ReviewModal(props: { open: boolean; agreement: Agreement; onClose: () => void; onDone: (a: Agreement) => void }) {
  const [form] = Form.useForm<ReviewValues>();
  const { saving, error, submit } = useFormSubmit(form, ['year', 'reviewedOn', 'grade', 'assessment']);
  const send = () =>
    submit(async (v) => {
      props.onDone(await api['agreements.review']({ id: props.agreement.id, year: v.year!, reviewedOn: toIso(v.reviewedOn)!, grade: v.grade!, assessment: (v.assessment ?? '').trim() }));
      form.resetFields();
    });
  return (
    <Modal open={props.open} title={`年度评估：${props.agreement.title}`} okText="登记" cancelText="取消" confirmLoading={saving} onOk={send} onCancel={props.onClose} destroyOnHidden>
      <Form form={form} name="agreementReviewForm" layout="vertical" initialValues={{ year: dayjs().year(), reviewedOn: dayjs(), grade: 'good' }}>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]} style={{ flex: 1 }}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reviewedOn" label="评估日期" rules={[{ required: true, message: '请填写评估日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="grade" label="评价" rules={[{ required: true, message: '请选择评价' }]} style={{ flex: 1 }}>
            <Select options={ASSESSMENT_GRADES.map((g) => ({ value: g, label: ASSESSMENT_GRADE_LABELS[g] }))} />
          </Form.Item>
        </div>
        <Form.Item name="assessment" label="评估意见" rules={[{ required: true, whitespace: true, message: '请填写评估意见' }]}>
          <Input.TextArea rows={3} maxLength={1000} placeholder="协议履行情况、取得的成效、存在的不足" />
        </Form.Item>
      </Form>
      <FormError error={error} />
    </Modal>
  );
}
