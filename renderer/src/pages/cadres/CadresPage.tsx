/**
 * 社区党务干部队伍: the cadres of each community (from the register or named here), their trainings and rotations,
 * and the structure at a glance — age bands, education, formal share, training hours — per community and in total.
 *   /cadres            干部名册        /cadres/structure    队伍结构
 */
import { useEffect, useState } from 'react';
import { Alert, App, AutoComplete, Button, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Radio, Select, Table, Tabs, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { EMPTY, errorText } from '../../lib/format';
import { navigate } from '../../lib/router';
import { useDebounced } from '../../lib/useDebounced';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { MemberPicker } from '../../components/MemberPicker';
import { CADRE_POSTS, type Cadre, type CadreRow, type Training } from '../../../../shared/cadres';
import { EDUCATION_LABELS, EDUCATIONS, SEX_LABELS, TRAINING_KIND_LABELS, TRAINING_KINDS, type Education, type TrainingKind } from '../../../../shared/domain/labels';
import {
  AGE_LABELS,
  CADRE_COLLEGE_OR_ABOVE,
  EDUCATION_LABELS_CADRE,
  type CommunityStructure,
  type StructureFigures,
} from '../../../../shared/rules/cadreStructure';
import { formatRate } from '../../../../shared/rules/coverage';
import { DATE_FORMATS, fromIso, toIso } from '../members/dates';
import { CommunitySelect, useRecord } from '../cobuilding/shared';
import '../cobuilding/cobuilding.css';
import { AuditList } from '../volunteers/common';
import { Figure } from '../volunteers/VolunteersPage';
import { FormError } from '../../components/FormError';
import { ListToolbar, RecordTable } from '../../components/RecordList';
import { ActionLink } from '../../components/RecordLink';

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

export function CadresPage({ path }: { path: string }) {
  const tab = path.split('/')[2] === 'structure' ? 'structure' : 'list';
  return (
    <div className="page cobuilding-page">
      <div className="page-title">
        <h1>社区党务干部队伍</h1>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(k === 'list' ? '/cadres' : '/cadres/structure')}
        items={[
          { key: 'list', label: '干部名册' },
          { key: 'structure', label: '队伍结构' },
        ]}
      />
      <div key={tab}>{tab === 'structure' ? <StructureTab /> : <CadreList />}</div>
    </div>
  );
}

function CadreList() {
  const [q, setQ] = useState('');
  const dq = useDebounced(q, 250);
  const [communityId, setCommunityId] = useState<number | null>(null);
  const [formal, setFormal] = useState<boolean | undefined>();
  const [status, setStatus] = useState<'current' | 'left' | 'all'>('current');
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const list = useRecord(() => api['cadres.list']({ q: dq.trim() || undefined, communityId: communityId ?? undefined, formal, status }), [dq, communityId, formal, status]);
  return (
    <div>
      <ListToolbar add={{ label: '登记干部', onClick: () => setCreating(true) }}>
        <Input.Search aria-label="搜索干部" allowClear placeholder="姓名、职务" value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 180 }} />
        <CommunitySelect value={communityId} onChange={setCommunityId} allowClear placeholder="全部社区" style={{ width: 170 }} />
        <Select aria-label="是否正式干部" allowClear placeholder="正式与否" value={formal} onChange={setFormal} style={{ width: 120 }} options={[{ value: true, label: '正式干部' }, { value: false, label: '非正式' }]} />
        <Select aria-label="状态" value={status} onChange={setStatus} style={{ width: 100 }} options={[{ value: 'current', label: '在任' }, { value: 'left', label: '已离任' }, { value: 'all', label: '全部' }]} />
      </ListToolbar>
      <RecordTable<CadreRow>
        testId="cadres-table"
        rows={list.value}
        error={list.error}
        pageSize={15}
        total={(n) => `共 ${n} 人`}
        empty="还没有登记社区党务干部。点击右上角“登记干部”。"
        onOpen={(r) => setOpen(r.id)}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            key: 'n',
            width: 90,
            render: (v: string, r) => (
              <ActionLink onClick={() => setOpen(r.id)}>
                {v}
              </ActionLink>
            ),
          },
          { title: '社区', dataIndex: 'communityName', key: 'c', width: 140, ellipsis: true },
          { title: '职务', dataIndex: 'post', key: 'p', width: 140, ellipsis: true },
          { title: '性别', dataIndex: 'sex', key: 's', width: 60, render: (v: 'male' | 'female' | null) => (v ? SEX_LABELS[v] : EMPTY) },
          { title: '年龄', dataIndex: 'age', key: 'a', width: 60, render: (v: number | null) => v ?? EMPTY },
          { title: '学历', dataIndex: 'education', key: 'e', width: 100, render: (v: Education | null) => (v ? EDUCATION_LABELS[v] : EMPTY) },
          { title: '正式干部', dataIndex: 'formal', key: 'f', width: 80, render: (v: boolean) => (v ? <Tag color="red">是</Tag> : '否') },
          { title: '任职日期', dataIndex: 'startedOn', key: 'st', width: 100 },
          { title: `${dayjs().year()}年培训`, dataIndex: 'trainingHoursThisYear', key: 't', width: 100, align: 'right' as const, render: (h: number) => `${h} 学时` },
          { title: '来源', dataIndex: 'memberId', key: 'm', width: 80, render: (v: number | null) => (v ? <Tag>名册</Tag> : <span className="muted">登记</span>) },
        ]}
      />
      <CadreModal open={creating} cadre={null} onClose={() => setCreating(false)} onDone={(c) => (setCreating(false), void list.reload(), setOpen(c.id))} />
      {open != null && <CadreDrawer id={open} onClose={() => setOpen(null)} onChanged={() => void list.reload()} />}
    </div>
  );
}

interface CadreValues {
  source?: 'member' | 'person';
  memberId?: number | null;
  name?: string;
  sex?: 'male' | 'female' | null;
  birthDate?: Dayjs | null;
  education?: Education | null;
  post?: string;
  communityId?: number | null;
  formal?: boolean;
  startedOn?: Dayjs | null;
  leftOn?: Dayjs | null;
  phone?: string;
  note?: string;
}
const CADRE_FIELDS = ['memberId', 'name', 'sex', 'birthDate', 'education', 'post', 'communityId', 'formal', 'startedOn', 'leftOn', 'phone', 'note'] as const;

function CadreModal(props: { open: boolean; cadre: Cadre | null; onClose: () => void; onDone: (c: Cadre) => void }) {
  const [form] = Form.useForm<CadreValues>();
  const { saving, error, submit } = useFormSubmit(form, CADRE_FIELDS);
  const { message } = App.useApp();
  const c = props.cadre;
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    form.setFieldsValue(
      c
        ? {
            source: c.memberId ? 'member' : 'person',
            memberId: c.memberId,
            name: c.memberId ? '' : c.name,
            sex: c.sex,
            birthDate: fromIso(c.birthDate),
            education: c.education,
            post: c.post,
            communityId: c.communityId,
            formal: c.formal,
            startedOn: fromIso(c.startedOn),
            leftOn: fromIso(c.leftOn),
            phone: c.phone ?? '',
            note: c.note ?? '',
          }
        : { source: 'member', formal: true },
    );
  }, [props.open, c, form]);
  const source = Form.useWatch('source', form);
  const send = () =>
    submit(async (v) => {
      const fromRegister = v.source === 'member';
      const saved = await api['cadres.save']({
        id: c?.id,
        expectedVersion: c?.version,
        cadre: {
          memberId: fromRegister ? (v.memberId ?? null) : null,
          name: fromRegister ? '' : (v.name ?? ''),
          sex: fromRegister ? null : (v.sex ?? null),
          birthDate: fromRegister ? null : toIso(v.birthDate),
          education: fromRegister ? null : (v.education ?? null),
          post: (v.post ?? '').trim(),
          communityId: v.communityId!,
          formal: v.formal ?? false,
          startedOn: toIso(v.startedOn)!,
          leftOn: toIso(v.leftOn),
          phone: v.phone ?? '',
          note: v.note ?? '',
        },
      });
      message.success(c ? '干部信息已保存' : `已登记：${saved.name}`);
      props.onDone(saved);
    });
  const row = { display: 'flex', gap: 12 } as const;
  return (
    <Modal open={props.open} title={c ? `修改干部信息：${c.name}` : '登记社区党务干部'} okText="保存" cancelText="取消" confirmLoading={saving} onOk={send} onCancel={props.onClose} destroyOnHidden width={720}>
      <Form form={form} name="cadreForm" layout="vertical" requiredMark>
        <Form.Item name="source" label="人员">
          <Radio.Group
            options={[
              { value: 'member', label: '党员名册中的党员' },
              { value: 'person', label: '名册外人员' },
            ]}
          />
        </Form.Item>
        {source === 'member' ? (
          <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请从名册中选择' }]} extra="姓名、性别、出生日期、学历以党员名册为准">
            <MemberPicker active={props.open} />
          </Form.Item>
        ) : (
          <div style={row}>
            <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]} style={{ flex: 1 }}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="sex" label="性别" style={{ width: 100 }}>
              <Select allowClear options={(['male', 'female'] as const).map((s) => ({ value: s, label: SEX_LABELS[s] }))} />
            </Form.Item>
            <Form.Item name="birthDate" label="出生日期" style={{ flex: 1 }}>
              <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
            <Form.Item name="education" label="学历" style={{ flex: 1 }}>
              <Select allowClear options={EDUCATIONS.map((e) => ({ value: e, label: EDUCATION_LABELS[e] }))} />
            </Form.Item>
          </div>
        )}
        <div style={row}>
          <Form.Item name="communityId" label="所在社区" rules={[{ required: true, message: '请选择社区' }]} style={{ flex: 1 }}>
            <CommunitySelect />
          </Form.Item>
          <Form.Item name="post" label="职务" rules={[{ required: true, whitespace: true, message: '请填写职务' }]} style={{ flex: 1 }}>
            <AutoComplete options={CADRE_POSTS.map((p) => ({ value: p }))} filterOption={(input, o) => !input || String(o?.value ?? '').includes(input)} placeholder="如 社区党委书记" />
          </Form.Item>
          <Form.Item name="formal" label="是否正式干部" style={{ width: 150 }} extra="在编或专职">
            <Radio.Group options={[{ value: true, label: '是' }, { value: false, label: '否' }]} />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item name="startedOn" label="任职日期" rules={[{ required: true, message: '请填写任职日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="leftOn" label="离任日期" style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="phone" label="联系电话" style={{ flex: 1 }} extra={source === 'member' ? '不填则用名册中的手机号码' : undefined}>
            <Input maxLength={30} />
          </Form.Item>
        </div>
        <Form.Item name="note" label="备注">
          <Input maxLength={500} />
        </Form.Item>
      </Form>
      <FormError error={error} />
    </Modal>
  );
}

const CADRE_LABELS: Record<string, string> = {
  memberId: '名册党员',
  name: '姓名',
  sex: '性别',
  birthDate: '出生日期',
  education: '学历',
  post: '职务',
  communityName: '社区',
  formal: '正式干部',
  startedOn: '任职日期',
  leftOn: '离任日期',
  phone: '联系电话',
  note: '备注',
  training: '培训记录',
};

function CadreDrawer(props: { id: number; onClose: () => void; onChanged: () => void }) {
  const rec = useRecord(() => api['cadres.get']({ id: props.id }), [props.id]);
  const audit = useRecord(() => api['cadres.audit']({ id: props.id }), [props.id, rec.value]);
  const [editing, setEditing] = useState(false);
  const [training, setTraining] = useState<Training | 'new' | null>(null);
  const { message } = App.useApp();
  const c = rec.value;
  const removeTraining = async (id: number) => {
    try {
      rec.set(await api['cadres.removeTraining']({ id }));
      props.onChanged();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Drawer open title={c ? `${c.name}（${c.post}）` : '干部'} size={720} onClose={props.onClose} destroyOnHidden>
      {rec.error && <Alert type="error" showIcon title={rec.error} />}
      {c && (
        <>
          <div style={{ display: 'flex', gap: 8, marginBottom: 12 }}>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              修改
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setTraining('new')}>
              登记培训、轮训
            </Button>
          </div>
          <Descriptions bordered size="small" column={2} data-testid="cadre-details">
            <Descriptions.Item label="社区">{c.communityName}</Descriptions.Item>
            <Descriptions.Item label="职务">{c.post}</Descriptions.Item>
            <Descriptions.Item label="性别">{c.sex ? SEX_LABELS[c.sex] : EMPTY}</Descriptions.Item>
            <Descriptions.Item label="出生日期">{c.birthDate ? `${c.birthDate}（${c.age} 岁）` : EMPTY}</Descriptions.Item>
            <Descriptions.Item label="学历">{c.education ? EDUCATION_LABELS[c.education] : EMPTY}</Descriptions.Item>
            <Descriptions.Item label="正式干部">{c.formal ? '是' : '否'}</Descriptions.Item>
            <Descriptions.Item label="任职日期">{c.startedOn}</Descriptions.Item>
            <Descriptions.Item label="离任日期">{c.leftOn ?? '在任'}</Descriptions.Item>
            <Descriptions.Item label="联系电话">{c.phone ?? EMPTY}</Descriptions.Item>
            <Descriptions.Item label="来源">{c.memberId ? '党员名册' : '名册外人员'}</Descriptions.Item>
          </Descriptions>
          <div className="section-title">培训、轮训（{dayjs().year()}年 {c.trainingHoursThisYear} 学时）</div>
          <Table<Training>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={c.trainings}
            locale={{ emptyText: '还没有培训记录' }}
            columns={[
              { title: '类别', dataIndex: 'kind', key: 'k', width: 60, render: (k: TrainingKind) => TRAINING_KIND_LABELS[k] },
              { title: '培训内容', dataIndex: 'course', key: 'c', ellipsis: true },
              { title: '日期', key: 'd', width: 210, render: (_: unknown, t) => (t.startOn === t.endOn ? t.startOn : `${t.startOn} 至 ${t.endOn}`) },
              { title: '学时', dataIndex: 'hours', key: 'h', width: 60 },
              { title: '证书', dataIndex: 'certificate', key: 'z', width: 110, ellipsis: true, render: (x: string | null) => x ?? EMPTY },
              {
                title: '',
                key: 'op',
                width: 90,
                render: (_: unknown, t) => (
                  <>
                    <Button type="link" size="small" onClick={() => setTraining(t)}>
                      修改
                    </Button>
                    <Popconfirm title="删除这条培训记录？" okText="删除" cancelText="不删除" onConfirm={() => void removeTraining(t.id)}>
                      <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label="删除培训记录" />
                    </Popconfirm>
                  </>
                ),
              },
            ]}
          />
          <div className="section-title">操作日志</div>
          <AuditList entries={audit.value} labels={CADRE_LABELS} />
          <CadreModal open={editing} cadre={c} onClose={() => setEditing(false)} onDone={(x) => (setEditing(false), rec.set(x), props.onChanged())} />
          <TrainingModal cadre={c} training={training} onClose={() => setTraining(null)} onDone={(x) => (setTraining(null), rec.set(x), props.onChanged())} />
        </>
      )}
    </Drawer>
  );
}

interface TrainingValues {
  kind?: TrainingKind;
  course?: string;
  organiser?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  hours?: number;
  certificate?: string;
  note?: string;
}

function TrainingModal(props: { cadre: Cadre; training: Training | 'new' | null; onClose: () => void; onDone: (c: Cadre) => void }) {
  const [form] = Form.useForm<TrainingValues>();
  const { saving, error, submit } = useFormSubmit(form, ['kind', 'course', 'organiser', 'hours', 'certificate', 'note']);
  const open = props.training != null;
  const t = props.training === 'new' ? null : props.training;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      t
        ? { kind: t.kind, course: t.course, organiser: t.organiser ?? '', range: [fromIso(t.startOn), fromIso(t.endOn)], hours: t.hours, certificate: t.certificate ?? '', note: t.note ?? '' }
        : { kind: 'training', range: [dayjs(), dayjs()] },
    );
  }, [open, t, form]);
  const send = () =>
    submit(async (v) => {
      const [from, to] = v.range ?? [null, null];
      const saved = await api['cadres.saveTraining']({
        id: t?.id,
        training: {
          cadreId: props.cadre.id,
          kind: v.kind!,
          course: (v.course ?? '').trim(),
          organiser: v.organiser ?? '',
          startOn: toIso(from)!,
          endOn: toIso(to)!,
          hours: v.hours ?? 0,
          certificate: v.certificate ?? '',
          note: v.note ?? '',
        },
      });
      props.onDone(saved);
    });
  return (
    <Modal open={open} title={`${t ? '修改' : '登记'}培训、轮训：${props.cadre.name}`} okText="保存" cancelText="取消" confirmLoading={saving} onOk={send} onCancel={props.onClose} destroyOnHidden width={620}>
      <Form form={form} name="trainingForm" layout="vertical" requiredMark>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择' }]} style={{ width: 140 }}>
            <Radio.Group options={TRAINING_KINDS.map((k) => ({ value: k, label: TRAINING_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="course" label="培训内容（课程）" rules={[{ required: true, whitespace: true, message: '请填写培训内容' }]} style={{ flex: 1 }}>
            <Input maxLength={100} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="range" label="起止日期" rules={[{ required: true, message: '请填写起止日期' }]} style={{ flex: 2 }}>
            <DatePicker.RangePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} placeholder={['开始日期', '结束日期']} />
          </Form.Item>
          <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]} style={{ flex: 1 }}>
            <InputNumber min={0.5} max={2000} step={1} precision={1} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="organiser" label="主办单位" style={{ flex: 1 }}>
            <Input maxLength={60} placeholder="如 区委组织部" />
          </Form.Item>
          <Form.Item name="certificate" label="证书" style={{ flex: 1 }}>
            <Input maxLength={100} placeholder="证书名称或编号（没有可不填）" />
          </Form.Item>
        </div>
        <Form.Item name="note" label="备注">
          <Input maxLength={500} />
        </Form.Item>
      </Form>
      <FormError error={error} />
    </Modal>
  );
}

// ─── 队伍结构 ────────────────────────────────────────────────────────────────────────────────────────

function StructureTab() {
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const rec = useRecord(() => api['cadres.structure']({ year }), [year]);
  const s = rec.value;
  const t = s?.total;
  const rows: CommunityStructure[] = s ? [...s.byCommunity, { ...s.total, communityId: 0, communityName: '合计' }] : [];
  return (
    <div>
      <ListToolbar>
        <Select aria-label="年度" value={year} onChange={setYear} style={{ width: 110 }} options={[0, 1, 2, 3, 4].map((k) => ({ value: thisYear - k, label: `${thisYear - k}年` }))} />
        {s && <span className="muted">按 {s.asOf} 在任的干部统计；培训学时为 {s.year} 年的。</span>}
      </ListToolbar>
      {rec.error && <Alert type="error" showIcon title={rec.error} />}
      {t && (
        <>
          <div className="figure-cards" data-testid="structure-cards">
            <Figure label="在任干部" value={`${t.cadres} 人`} sub={`其中女 ${t.female} 人`} plain />
            <Figure label="平均年龄" value={t.averageAge != null ? `${t.averageAge} 岁` : '—'} sub={`56岁及以上 ${t.byAge['56岁及以上'] ?? 0} 人`} />
            <Figure label="大专及以上" value={formatRate(t.collegeShare)} sub={`${t.collegeOrAbove} 人`} />
            <Figure label="正式干部占比" value={formatRate(t.formalShare)} sub={`${t.formal} 人`} />
            <Figure label={`${s.year}年培训`} value={`${t.trainingHours} 学时`} sub={`参训 ${t.trained} 人，人均 ${t.averageTrainingHours ?? '—'} 学时`} />
          </div>
          <Table<CommunityStructure>
            data-testid="structure-table"
            size="small"
            bordered
            rowKey="communityId"
            pagination={false}
            dataSource={rows}
            locale={{ emptyText: '还没有在任的社区党务干部' }}
            rowClassName={(r) => (r.communityId === 0 ? 'total-row' : '')}
            columns={[
              { title: '社区', dataIndex: 'communityName', key: 'n', width: 130, render: (v: string, r) => (r.communityId === 0 ? <b>{v}</b> : v) },
              { title: '人数', dataIndex: 'cadres', key: 'c', width: 50, align: 'center' as const },
              {
                title: '年龄',
                key: 'age',
                children: [
                  ...AGE_LABELS.map((l) => ({ title: l.replace('年龄', ''), key: l, width: 62, align: 'center' as const, render: (_: unknown, r: StructureFigures) => r.byAge[l] ?? 0 })),
                  { title: '平均', dataIndex: 'averageAge', key: 'avg', width: 52, align: 'center' as const, render: (v: number | null) => v ?? '—' },
                ],
              },
              {
                title: '学历',
                key: 'edu',
                children: [
                  ...EDUCATION_LABELS_CADRE.map((l) => ({ title: l.replace('学历', ''), key: l, width: 54, align: 'center' as const, render: (_: unknown, r: StructureFigures) => r.byEducation[l] ?? 0 })),
                  { title: CADRE_COLLEGE_OR_ABOVE, key: 'col', width: 84, align: 'center' as const, render: (_: unknown, r: StructureFigures) => <Share n={r.collegeOrAbove} rate={r.collegeShare} /> },
                ],
              },
              { title: '正式干部', key: 'f', width: 84, align: 'center' as const, render: (_: unknown, r: StructureFigures) => <Share n={r.formal} rate={r.formalShare} /> },
              { title: '培训学时', key: 't', width: 90, align: 'center' as const, render: (_: unknown, r: StructureFigures) => (<>{r.trainingHours}<div className="muted" style={{ fontSize: 12 }}>参训 {r.trained} 人</div></>) },
            ]}
          />
          <p className="muted" style={{ marginTop: 8 }}>
            这张表也在“统计报表”的工作簿中（社区党务干部队伍结构），按报表期间末在任的干部统计。
          </p>
        </>
      )}
    </div>
  );
}

/** A count with its share under it (5 / 83.3%). */
function Share({ n, rate }: { n: number; rate: number | null }) {
  return (
    <>
      {n}
      <div className="muted" style={{ fontSize: 12 }}>
        {formatRate(rate)}
      </div>
    </>
  );
}
