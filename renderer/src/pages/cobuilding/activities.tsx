/** 主题活动: the list with totals per year and per unit, the activity form (members from the register and others), an activity's page with photos. */
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Form, Image, Input, InputNumber, Modal, Popconfirm, Select, Table, Tag } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { EMPTY, errorText } from '../../lib/format';
import { readFileBase64 } from '../../lib/files';
import { navigate } from '../../lib/router';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { MemberPicker } from '../../components/MemberPicker';
import type { Activity, ActivityPhoto, ActivityRow, AgreementRow } from '../../../../shared/cobuilding';
import { ACTIVITY_KIND_LABELS, ACTIVITY_KINDS, type ActivityKind } from '../../../../shared/domain/labels';
import { DATE_FORMATS, fromIso, toIso } from '../members/dates';
import { CommunitySelect, fmtHours, UnitSelect, useRecord, useUnits } from './shared';
import { FormError } from '../../components/FormError';
import { RecordLink } from '../../components/RecordLink';
import { ListToolbar, RecordTable } from '../../components/RecordList';

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

export function ActivitiesTab() {
  const thisYear = dayjs().year();
  const [year, setYear] = useState<number | undefined>(thisYear);
  const [kind, setKind] = useState<ActivityKind | undefined>();
  const [creating, setCreating] = useState(false);
  const list = useRecord(() => api['activities.list']({ year, kind }), [year, kind]);
  const totals = useRecord(() => api['activities.totals']({ year }), [year]);
  const years = [0, 1, 2, 3, 4].map((k) => thisYear - k);
  const yearTotal = totals.value?.byYear.reduce((s, x) => ({ a: s.a + x.activities, p: s.p + x.participants, h: s.h + x.personHours }), { a: 0, p: 0, h: 0 });
  return (
    <div>
      <ListToolbar add={{ label: '记录活动', onClick: () => setCreating(true) }}>
        <Select aria-label="年度" allowClear placeholder="全部年度" value={year} onChange={setYear} style={{ width: 120 }} options={years.map((y) => ({ value: y, label: `${y}年` }))} />
        <Select<ActivityKind> aria-label="活动类型" allowClear placeholder="全部类型" value={kind} onChange={setKind} style={{ width: 140 }} options={ACTIVITY_KINDS.map((k) => ({ value: k, label: ACTIVITY_KIND_LABELS[k] }))} />
        {yearTotal && (
          <span className="muted" data-testid="activity-totals">
            {year ? `${year}年` : '合计'}：活动 {yearTotal.a} 次，参加 {yearTotal.p} 人次，服务 {fmtHours(yearTotal.h)}
          </span>
        )}
      </ListToolbar>
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <RecordTable<ActivityRow>
            testId="activities-table"
            rows={list.value}
            error={list.error}
            pageSize={15}
            total={(n) => `共 ${n} 次活动`}
            empty="还没有活动记录"
            onOpen={(r) => navigate(`/cobuilding/activities/${r.id}`)}
            columns={[
              { title: '日期', dataIndex: 'heldOn', key: 'date', width: 105 },
              {
                title: '活动名称',
                dataIndex: 'title',
                key: 'title',
                ellipsis: true,
                render: (v: string, r) => (
                  <RecordLink to={`/cobuilding/activities/${r.id}`}>
                    {v}
                  </RecordLink>
                ),
              },
              { title: '类型', dataIndex: 'kind', key: 'kind', width: 100, render: (v: ActivityKind) => ACTIVITY_KIND_LABELS[v] },
              { title: '共建单位', key: 'units', ellipsis: true, render: (_: unknown, r) => r.units.map((u) => u.name).join('、') || EMPTY },
              { title: '参加人数', key: 'p', width: 110, render: (_: unknown, r) => `${r.participants}（党员 ${r.members}）` },
              { title: '时长', dataIndex: 'hours', key: 'h', width: 80, render: (v: number) => fmtHours(v) },
              { title: '照片', dataIndex: 'photos', key: 'photos', width: 60, align: 'center' as const },
            ]}
          />
        </div>
        <Table
          style={{ width: 340, flex: 'none' }}
          data-testid="unit-totals"
          rowKey={(r) => `${r.unitId}-${r.year}`}
          size="small"
          pagination={false}
          dataSource={totals.value?.byUnit ?? []}
          title={() => `各单位参加活动（${year ? `${year}年` : '全部年度'}）`}
          locale={{ emptyText: '没有共建单位参加的活动' }}
          columns={[
            { title: '单位', dataIndex: 'unitName', key: 'unit', ellipsis: true },
            ...(year ? [] : [{ title: '年度', dataIndex: 'year', key: 'year', width: 60 }]),
            { title: '次数', dataIndex: 'activities', key: 'a', width: 50 },
            { title: '人次', dataIndex: 'participants', key: 'p', width: 50 },
            { title: '人·小时', dataIndex: 'personHours', key: 'h', width: 70 },
          ]}
        />
      </div>
      <ActivityModal open={creating} activity={null} onClose={() => setCreating(false)} onDone={(a) => (setCreating(false), navigate(`/cobuilding/activities/${a.id}`))} />
    </div>
  );
}

interface ActivityValues {
  title?: string;
  kind?: ActivityKind;
  heldOn?: Dayjs | null;
  organiser?: string;
  communityId?: number | null;
  agreementId?: number | null;
  unitIds?: number[];
  hours?: number;
  place?: string;
  content?: string;
  note?: string;
  participants?: { memberId: number | null; name: string; affiliation?: string | null; label?: string }[];
}
const ACTIVITY_FIELDS = ['title', 'kind', 'heldOn', 'organiser', 'communityId', 'agreementId', 'unitIds', 'hours', 'place', 'content', 'note', 'participants'] as const;

export function ActivityModal(props: { open: boolean; activity: Activity | null; onClose: () => void; onDone: (a: Activity) => void }) {
  const [form] = Form.useForm<ActivityValues>();
  const { saving, error, submit } = useFormSubmit(form, ACTIVITY_FIELDS);
  const { units } = useUnits('all');
  const { message } = App.useApp();
  const [agreements, setAgreements] = useState<AgreementRow[]>([]);
  const [picked, setPicked] = useState<number | undefined>();
  const [otherName, setOtherName] = useState('');
  const [otherAffiliation, setOtherAffiliation] = useState('');
  const a = props.activity;
  useEffect(() => {
    if (!props.open) return;
    api['agreements.list']({})
      .then(setAgreements)
      .catch(() => setAgreements([]));
    form.resetFields();
    form.setFieldsValue(
      a
        ? {
            title: a.title,
            kind: a.kind,
            heldOn: fromIso(a.heldOn),
            organiser: a.organiser,
            communityId: a.communityId,
            agreementId: a.agreementId,
            unitIds: a.units.map((u) => u.id),
            hours: a.hours,
            place: a.place ?? '',
            content: a.content,
            note: a.note ?? '',
            participants: a.participantList.map((p) => ({ memberId: p.memberId, name: p.name, affiliation: p.affiliation, label: p.branchName ?? p.affiliation ?? '' })),
          }
        : { kind: 'dedicationDay', heldOn: dayjs(), hours: 2, unitIds: [], participants: [] },
    );
  }, [props.open, a, form]);
  const participants = Form.useWatch('participants', form) ?? [];
  const addMember = async (memberId: number) => {
    if (participants.some((p) => p.memberId === memberId)) return setPicked(undefined);
    try {
      const m = await api['members.get']({ id: memberId });
      form.setFieldValue('participants', [...participants, { memberId, name: m.name, affiliation: null, label: m.branchName ?? '' }]);
    } finally {
      setPicked(undefined);
    }
  };
  const addOther = () => {
    const name = otherName.trim();
    if (!name) return;
    form.setFieldValue('participants', [...participants, { memberId: null, name, affiliation: otherAffiliation.trim() || null, label: otherAffiliation.trim() }]);
    setOtherName('');
    setOtherAffiliation('');
  };
  const send = () =>
    submit(async (v) => {
      const saved = await api['activities.save']({
        id: a?.id,
        activity: {
          title: (v.title ?? '').trim(),
          kind: v.kind!,
          heldOn: toIso(v.heldOn)!,
          organiser: (v.organiser ?? '').trim(),
          communityId: v.communityId ?? null,
          agreementId: v.agreementId ?? null,
          unitIds: v.unitIds ?? [],
          participants: (v.participants ?? []).map((p) => ({ memberId: p.memberId, name: p.name, affiliation: p.affiliation ?? '' })),
          hours: v.hours ?? 0,
          place: v.place ?? '',
          content: (v.content ?? '').trim(),
          note: v.note ?? '',
        },
      });
      message.success(a ? '活动记录已保存' : `已记录活动：${saved.title}`);
      props.onDone(saved);
    });
  const row = { display: 'flex', gap: 12 } as const;
  return (
    <Modal open={props.open} title={a ? `修改活动：${a.title}` : '记录主题活动'} okText="保存" cancelText="取消" confirmLoading={saving} onOk={send} onCancel={props.onClose} destroyOnHidden width={820}>
      <Form form={form} name="activityForm" layout="vertical" requiredMark>
        <div style={row}>
          <Form.Item name="title" label="活动名称" rules={[{ required: true, whitespace: true, message: '请填写活动名称' }]} style={{ flex: 3 }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="kind" label="活动类型" rules={[{ required: true, message: '请选择活动类型' }]} style={{ flex: 1 }}>
            <Select options={ACTIVITY_KINDS.map((k) => ({ value: k, label: ACTIVITY_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="heldOn" label="活动日期" rules={[{ required: true, message: '请填写活动日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item name="organiser" label="组织单位" rules={[{ required: true, whitespace: true, message: '请填写组织单位' }]} style={{ flex: 1 }}>
            <Input maxLength={100} placeholder="例如：阳光社区党委" />
          </Form.Item>
          <Form.Item name="communityId" label="所属社区" style={{ flex: 1 }}>
            <CommunitySelect street allowClear />
          </Form.Item>
          <Form.Item name="agreementId" label="共建协议" style={{ flex: 1 }}>
            <Select allowClear placeholder="按哪份协议开展（可不选）" showSearch={{ optionFilterProp: 'label' }} options={agreements.map((g) => ({ value: g.id, label: g.title }))} />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item name="unitIds" label="共建单位" style={{ flex: 3 }}>
            <UnitSelect units={units} multiple />
          </Form.Item>
          <Form.Item name="hours" label="每人时长（小时）" rules={[{ required: true, message: '请填写时长' }]} style={{ flex: 1 }}>
            <InputNumber min={0} max={24} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="place" label="活动地点" style={{ flex: 2 }}>
            <Input maxLength={100} />
          </Form.Item>
        </div>
        <Form.Item name="content" label="活动内容" rules={[{ required: true, whitespace: true, message: '请填写活动内容' }]}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <Form.Item label={`参加人员（${participants.length} 人）`} htmlFor="activity-member">
          <div style={{ display: 'flex', gap: 8, marginBottom: 8 }}>
            <div style={{ flex: 2 }}>
              <MemberPicker id="activity-member" value={picked} onChange={(v) => void addMember(v)} active={props.open} />
            </div>
            <Input aria-label="其他人员姓名" placeholder="名册外人员姓名" value={otherName} onChange={(e) => setOtherName(e.target.value)} onPressEnter={addOther} maxLength={40} style={{ flex: 1 }} />
            <Input aria-label="单位或身份" placeholder="单位或身份" value={otherAffiliation} onChange={(e) => setOtherAffiliation(e.target.value)} onPressEnter={addOther} maxLength={60} style={{ flex: 1 }} />
            <Button onClick={addOther}>添加</Button>
          </div>
          <Form.Item name="participants" noStyle>
            <ParticipantTags />
          </Form.Item>
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input maxLength={1000} />
        </Form.Item>
      </Form>
      <FormError error={error} />
    </Modal>
  );
}

function ParticipantTags(props: { value?: ActivityValues['participants']; onChange?: (v: ActivityValues['participants']) => void }) {
  const list = props.value ?? [];
  if (!list.length) return <div className="muted">从名册中选择党员，或填写名册外人员的姓名后点“添加”。</div>;
  return (
    <div data-testid="participants" style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
      {list.map((p, i) => (
        <Tag key={`${p.memberId ?? 'o'}-${p.name}-${i}`} color={p.memberId ? 'red' : undefined} closable onClose={() => props.onChange?.(list.filter((_, k) => k !== i))}>
          {p.name}
          {p.label ? `（${p.label}）` : p.memberId ? '（党员）' : ''}
        </Tag>
      ))}
    </div>
  );
}

export function ActivityDetail({ id }: { id: number }) {
  const { value: a, error, set } = useRecord(() => api['activities.get']({ id }), [id]);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const { message } = App.useApp();
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!a) return <div className="muted">正在读取…</div>;
  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    setPhotoError(null);
    let current = a;
    try {
      for (const f of Array.from(files)) current = await api['activities.addPhoto']({ activityId: a.id, fileName: f.name, dataBase64: await readFileBase64(f) });
      message.success(`已添加 ${files.length} 张照片`);
    } catch (e) {
      setPhotoError(e instanceof Error && !('code' in e) ? e.message : errorText(e));
    } finally {
      set(current);
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };
  const remove = async () => {
    try {
      await api['activities.remove']({ id: a.id });
      message.success('活动记录已删除');
      navigate('/cobuilding/activities');
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 16 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/cobuilding/activities')}>
          返回列表
        </Button>
        <h2 style={{ fontSize: 18, margin: '0 8px' }}>{a.title}</h2>
        <Tag>{ACTIVITY_KIND_LABELS[a.kind]}</Tag>
        <span style={{ flex: 1 }} />
        <Popconfirm title="删除这次活动的记录？" description="参加人员和照片一并删除，记入操作日志。" okText="删除" cancelText="不删除" onConfirm={remove}>
          <Button danger icon={<DeleteOutlined />}>
            删除
          </Button>
        </Popconfirm>
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
          修改
        </Button>
        <Button type="primary" icon={<UploadOutlined />} loading={busy} onClick={() => fileInput.current?.click()}>
          添加照片
        </Button>
        <input ref={fileInput} type="file" accept="image/*" multiple hidden aria-label="选择照片" onChange={(e) => void upload(e.target.files)} />
      </div>
      <Descriptions bordered size="small" column={3} data-testid="activity-details">
        <Descriptions.Item label="活动日期">{a.heldOn}</Descriptions.Item>
        <Descriptions.Item label="组织单位">{a.organiser}</Descriptions.Item>
        <Descriptions.Item label="所属社区">{a.communityName ?? EMPTY}</Descriptions.Item>
        <Descriptions.Item label="共建单位" span={2}>
          {a.units.length ? a.units.map((u) => u.name).join('、') : EMPTY}
        </Descriptions.Item>
        <Descriptions.Item label="共建协议">
          {a.agreementId ? (
            <RecordLink to={`/cobuilding/agreements/${a.agreementId}`}>
              {a.agreementTitle}
            </RecordLink>
          ) : (
            EMPTY
          )}
        </Descriptions.Item>
        <Descriptions.Item label="参加人数">
          {a.participants} 人（党员 {a.members} 人）
        </Descriptions.Item>
        <Descriptions.Item label="每人时长">{fmtHours(a.hours)}</Descriptions.Item>
        <Descriptions.Item label="合计服务">{fmtHours(a.personHours)}</Descriptions.Item>
        <Descriptions.Item label="活动地点" span={3}>
          {a.place ?? EMPTY}
        </Descriptions.Item>
        <Descriptions.Item label="活动内容" span={3}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{a.content}</span>
        </Descriptions.Item>
        <Descriptions.Item label="参加人员" span={3}>
          <div data-testid="activity-participants" style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
            {a.participantList.map((p, i) => (
              <Tag key={i} color={p.memberId ? 'red' : undefined}>
                {p.name}
                {p.memberId ? `（${p.branchName ?? '党员'}）` : p.affiliation ? `（${p.affiliation}）` : ''}
              </Tag>
            ))}
            {!a.participantList.length && EMPTY}
          </div>
        </Descriptions.Item>
      </Descriptions>
      <h3 className="section-title">活动照片（{a.photoList.length} 张）</h3>
      {photoError && <Alert type="error" showIcon title={photoError} style={{ marginBottom: 8 }} />}
      {a.photoList.length === 0 ? (
        <div className="muted">还没有照片。点击右上角“添加照片”，可一次选择多张。</div>
      ) : (
        <Image.PreviewGroup>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
            {a.photoList.map((p) => (
              <PhotoThumb key={p.id} activityId={a.id} photo={p} onRemoved={set} />
            ))}
          </div>
        </Image.PreviewGroup>
      )}
      <ActivityModal open={editing} activity={a} onClose={() => setEditing(false)} onDone={(n) => (set(n), setEditing(false))} />
    </div>
  );
}

function PhotoThumb(props: { activityId: number; photo: ActivityPhoto; onRemoved: (a: Activity) => void }) {
  const [src, setSrc] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api['activities.photo']({ activityId: props.activityId, photoId: props.photo.id })
      .then((f) => live && setSrc(`data:${f.mime};base64,${f.dataBase64}`))
      .catch((e) => live && setProblem(errorText(e)));
    return () => {
      live = false;
    };
  }, [props.activityId, props.photo.id]);
  const remove = async () => props.onRemoved(await api['activities.removePhoto']({ activityId: props.activityId, photoId: props.photo.id }));
  return (
    <figure style={{ margin: 0, width: 180 }} data-testid="activity-photo">
      {src ? <Image src={src} alt={props.photo.fileName} width={180} height={130} style={{ objectFit: 'cover', borderRadius: 4 }} /> : <div className="muted" style={{ width: 180, height: 130, border: '1px dashed #ccc', display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: 12, padding: 8 }}>{problem ?? '正在读取…'}</div>}
      <figcaption style={{ display: 'flex', alignItems: 'center', fontSize: 12 }}>
        <span style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={props.photo.fileName}>
          {props.photo.fileName}
        </span>
        <Popconfirm title="删除这张照片？" okText="删除" cancelText="不删除" onConfirm={remove}>
          <Button size="small" type="link" danger>
            删除
          </Button>
        </Popconfirm>
      </figcaption>
    </figure>
  );
}
