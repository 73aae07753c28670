/**
 * 党员志愿者: the volunteers (search by 特长 and 社区 in one go), their file (特长 are the member record's own), the
 * teams, the service records with each volunteer's hours, and the hour totals.
 *   /volunteers            志愿者        /volunteers/teams     服务队
 *   /volunteers/services   服务记录      /volunteers/hours     时长统计
 */
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { EMPTY, errorText } from '../../lib/format';
import { navigate } from '../../lib/router';
import { useDebounced } from '../../lib/useDebounced';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { MemberPicker } from '../../components/MemberPicker';
import { AVAILABILITIES, AVAILABILITY_LABELS, SPECIALTY_SUGGESTIONS, type Availability } from '../../../../shared/domain/labels';
import type { Service, ServiceRow, Team, TeamRow, VolunteerFile, VolunteerRow } from '../../../../shared/volunteers';
import { DATE_FORMATS, fromIso, toIso } from '../members/dates';
import { CommunitySelect, fmtHours, useRecord } from '../cobuilding/shared';
import '../cobuilding/cobuilding.css';
import { AuditList, useVolunteers, VolunteerSelect } from './common';
import { FormError } from '../../components/FormError';
import { ListToolbar, RecordTable } from '../../components/RecordList';
import { ActionLink } from '../../components/RecordLink';

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
const TABS = [
  { key: 'people', label: '志愿者' },
  { key: 'teams', label: '志愿服务队' },
  { key: 'services', label: '服务记录' },
  { key: 'hours', label: '时长统计' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

export function VolunteersPage({ path }: { path: string }) {
  const section = path.split('/')[2];
  const tab: TabKey = TABS.some((t) => t.key === section) ? (section as TabKey) : 'people';
  return (
    <div className="page cobuilding-page">
      <div className="page-title">
        <h1>党员志愿者</h1>
      </div>
      <Tabs activeKey={tab} onChange={(k) => navigate(k === 'people' ? '/volunteers' : `/volunteers/${k}`)} items={TABS.map((t) => ({ key: t.key, label: t.label }))} />
      <div key={tab}>{tab === 'teams' ? <TeamsTab /> : tab === 'services' ? <ServicesTab /> : tab === 'hours' ? <HoursTab /> : <PeopleTab />}</div>
    </div>
  );
}

const specialtyOptions = SPECIALTY_SUGGESTIONS.map((s) => ({ value: s, label: s }));

// ─── 志愿者 ──────────────────────────────────────────────────────────────────────────────────────────

function PeopleTab() {
  const [q, setQ] = useState('');
  const dq = useDebounced(q, 250);
  const [specialty, setSpecialty] = useState('');
  const ds = useDebounced(specialty, 250);
  const [communityId, setCommunityId] = useState<number | null>(null);
  const [teamId, setTeamId] = useState<number | undefined>();
  const [availability, setAvailability] = useState<Availability | undefined>();
  const [status, setStatus] = useState<'active' | 'closed' | 'all'>('active');
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const teams = useRecord(() => api['volunteerTeams.list']({}), []);
  const list = useRecord(
    () => api['volunteers.list']({ q: dq.trim() || undefined, specialty: ds.trim() || undefined, communityId: communityId ?? undefined, teamId, availability, status }),
    [dq, ds, communityId, teamId, availability, status],
  );
  return (
    <div>
      <ListToolbar add={{ label: '登记志愿者', onClick: () => setCreating(true) }}>
        <AutoComplete
          aria-label="特长"
          allowClear
          placeholder="特长，如 义诊"
          value={specialty}
          onChange={(v) => setSpecialty(v ?? '')}
          options={specialtyOptions}
          style={{ width: 150 }}
          filterOption={(input, o) => !input || String(o?.value ?? '').includes(input)}
        />
        <span data-testid="community-filter">
          <CommunitySelect value={communityId} onChange={setCommunityId} allowClear placeholder="全部社区" style={{ width: 170 }} />
        </span>
        <Select aria-label="服务队" allowClear placeholder="全部服务队" value={teamId} onChange={setTeamId} style={{ width: 160 }} options={(teams.value ?? []).map((t) => ({ value: t.id, label: t.name }))} />
        <Select<Availability> aria-label="服务时间" allowClear placeholder="任何时间" value={availability} onChange={setAvailability} style={{ width: 130 }} options={AVAILABILITIES.map((a) => ({ value: a, label: AVAILABILITY_LABELS[a] }))} />
        <Input.Search aria-label="姓名" allowClear placeholder="姓名或拼音首字母" value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 170 }} />
        <Select aria-label="状态" value={status} onChange={setStatus} style={{ width: 100 }} options={[{ value: 'active', label: '在册' }, { value: 'closed', label: '已退出' }, { value: 'all', label: '全部' }]} />
      </ListToolbar>
      <RecordTable<VolunteerRow>
        testId="volunteers-table"
        rows={list.value}
        error={list.error}
        rowKey="memberId"
        pageSize={15}
        total={(n) => `共 ${n} 名志愿者`}
        empty={specialty || communityId ? '没有符合条件的志愿者' : '还没有登记志愿者。点击右上角“登记志愿者”，从党员名册中选择。'}
        onOpen={(r) => setOpen(r.memberId)}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            key: 'name',
            width: 100,
            render: (v: string, r) => (
              <ActionLink onClick={() => setOpen(r.memberId)}>
                {v}
              </ActionLink>
            ),
          },
          { title: '所在社区 / 党支部', key: 'org', width: 200, ellipsis: true, render: (_: unknown, r) => `${r.communityName ?? '—'} / ${r.branchName ?? '未编入党支部'}` },
          { title: '特长', key: 'sp', render: (_: unknown, r) => (r.specialties.length ? r.specialties.map((s) => <Tag key={s}>{s}</Tag>) : <span className="muted">未填</span>) },
          { title: '服务时间', key: 'av', width: 160, ellipsis: true, render: (_: unknown, r) => r.availability.map((a) => AVAILABILITY_LABELS[a]).join('、') || EMPTY },
          { title: '服务队', key: 'teams', width: 150, ellipsis: true, render: (_: unknown, r) => r.teams.map((t) => `${t.name}${t.leader ? '（队长）' : ''}`).join('、') || EMPTY },
          { title: `${dayjs().year()}年时长`, dataIndex: 'hoursThisYear', key: 'hy', width: 100, align: 'right' as const, render: (v: number) => fmtHours(v) },
          { title: '累计时长', dataIndex: 'hoursTotal', key: 'ht', width: 100, align: 'right' as const, render: (v: number) => fmtHours(v) },
          { title: '联系电话', dataIndex: 'mobileMasked', key: 'm', width: 120, render: (v: string | null) => v ?? EMPTY },
        ]}
      />
      <VolunteerModal open={creating} file={null} onClose={() => setCreating(false)} onDone={(v) => (setCreating(false), void list.reload(), setOpen(v.memberId))} />
      {open != null && <VolunteerDrawer memberId={open} onClose={() => setOpen(null)} onChanged={() => void list.reload()} />}
    </div>
  );
}

interface FileValues {
  memberId?: number;
  specialties?: string[];
  availability?: Availability[];
  since?: Dayjs | null;
  note?: string;
}
const FILE_FIELDS = ['memberId', 'specialties', 'availability', 'since', 'note'] as const;

function VolunteerModal(props: { open: boolean; file: VolunteerFile | null; onClose: () => void; onDone: (v: VolunteerFile) => void }) {
  const [form] = Form.useForm<FileValues>();
  const { saving, error, submit } = useFormSubmit(form, FILE_FIELDS);
  const { message } = App.useApp();
  const f = props.file;
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    form.setFieldsValue(f ? { memberId: f.memberId, specialties: f.specialties, availability: f.availability, since: fromIso(f.since), note: f.note ?? '' } : { specialties: [], availability: [], since: dayjs() });
  }, [props.open, f, form]);
  // 特长 come from the member record: picking a member shows what the register holds.
  const pick = async (memberId: number) => {
    form.setFieldValue('memberId', memberId);
    try {
      const m = await api['members.get']({ id: memberId });
      form.setFieldValue('specialties', (m.specialties ?? '').split(/[、，,；;/\s]+/).filter(Boolean));
    } catch {
      /* the save says what is wrong */
    }
  };
  const send = () =>
    submit(async (v) => {
      const saved = await api['volunteers.save']({ memberId: v.memberId!, specialties: v.specialties ?? [], availability: v.availability ?? [], since: toIso(v.since)!, note: v.note ?? '' });
      message.success(f ? '志愿者档案已保存' : `已登记志愿者：${saved.name}`);
      props.onDone(saved);
    });
  return (
    <Modal open={props.open} title={f ? `修改志愿者档案：${f.name}` : '登记志愿者'} okText="保存" cancelText="取消" confirmLoading={saving} onOk={send} onCancel={props.onClose} destroyOnHidden width={620}>
      <Form form={form} name="volunteerForm" layout="vertical" requiredMark>
        {f ? (
          <Form.Item label="党员">{f.name}</Form.Item>
        ) : (
          <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请从名册中选择党员' }]}>
            <MemberPicker onChange={(id) => void pick(id)} active={props.open} />
          </Form.Item>
        )}
        <Form.Item name="specialties" label="特长" extra="与党员名册中的“特长”是同一项，这里修改，名册中随之改变。可从建议中选，也可直接输入后按回车。">
          <Select mode="tags" aria-label="特长" placeholder="如 义诊、维修、法律咨询、教育辅导" options={specialtyOptions} tokenSeparators={['、', '，', ',']} />
        </Form.Item>
        <Form.Item name="availability" label="服务时间">
          <Checkbox.Group options={AVAILABILITIES.map((a) => ({ value: a, label: AVAILABILITY_LABELS[a] }))} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="since" label="登记日期" rules={[{ required: true, message: '请填写登记日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="note" label="备注" style={{ flex: 2 }}>
            <Input maxLength={500} />
          </Form.Item>
        </div>
      </Form>
      <FormError error={error} />
    </Modal>
  );
}

const FILE_LABELS: Record<string, string> = { specialties: '特长', availability: '服务时间', since: '登记日期', until: '退出日期', closeReason: '退出原因', note: '备注' };

function VolunteerDrawer(props: { memberId: number; onClose: () => void; onChanged: () => void }) {
  const file = useRecord(() => api['volunteers.get']({ memberId: props.memberId }), [props.memberId]);
  const audit = useRecord(() => api['volunteers.audit']({ id: props.memberId }), [props.memberId, file.value]);
  const [editing, setEditing] = useState(false);
  const [closing, setClosing] = useState(false);
  const { message } = App.useApp();
  const v = file.value;
  const reopen = async () => {
    try {
      file.set(await api['volunteers.close']({ memberId: props.memberId, until: null }));
      props.onChanged();
      message.success('已重新加入志愿者队伍');
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Drawer open title={v ? `志愿者：${v.name}` : '志愿者'} size={640} onClose={props.onClose} destroyOnHidden>
      {file.error && <Alert type="error" showIcon title={file.error} />}
      {v && (
        <>
          <div style={{ display: 'flex', gap: 8, marginBottom: 12 }}>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              修改档案
            </Button>
            {v.until ? <Button onClick={() => void reopen()}>重新加入</Button> : <Button onClick={() => setClosing(true)}>退出志愿者队伍</Button>}
            <Button onClick={() => navigate(`/members/${v.memberId}`)}>查看党员信息</Button>
          </div>
          <Descriptions bordered size="small" column={2} data-testid="volunteer-details">
            <Descriptions.Item label="所在社区">{v.communityName ?? EMPTY}</Descriptions.Item>
            <Descriptions.Item label="所在党支部">{v.branchName ?? EMPTY}</Descriptions.Item>
            <Descriptions.Item label="特长" span={2}>
              {v.specialties.length ? v.specialties.map((s) => <Tag key={s}>{s}</Tag>) : EMPTY}
            </Descriptions.Item>
            <Descriptions.Item label="服务时间" span={2}>
              {v.availability.map((a) => AVAILABILITY_LABELS[a]).join('、') || EMPTY}
            </Descriptions.Item>
            <Descriptions.Item label="服务队" span={2}>
              {v.teams.map((t) => `${t.name}${t.leader ? '（队长）' : ''}`).join('、') || EMPTY}
            </Descriptions.Item>
            <Descriptions.Item label="登记日期">{v.since}</Descriptions.Item>
            <Descriptions.Item label="状态">{v.until ? `已于 ${v.until} 退出${v.closeReason ? `（${v.closeReason}）` : ''}` : v.memberLeft ? '已离开党员名册' : '在册'}</Descriptions.Item>
            <Descriptions.Item label={`${dayjs().year()}年服务时长`}>
              <b data-testid="volunteer-hours-year">{fmtHours(v.hoursThisYear)}</b>
            </Descriptions.Item>
            <Descriptions.Item label="累计服务时长">{fmtHours(v.hoursTotal)}</Descriptions.Item>
            {v.note && (
              <Descriptions.Item label="备注" span={2}>
                {v.note}
              </Descriptions.Item>
            )}
          </Descriptions>
          <div className="section-title">各年度服务时长</div>
          <Table size="small" rowKey="year" pagination={false} dataSource={v.byYear} locale={{ emptyText: '还没有服务记录' }} columns={[{ title: '年度', dataIndex: 'year', key: 'y', render: (y: number) => `${y}年` }, { title: '服务次数', dataIndex: 'services', key: 's' }, { title: '时长', dataIndex: 'hours', key: 'h', render: (h: number) => fmtHours(h) }]} />
          <div className="section-title">服务记录</div>
          <Table
            size="small"
            rowKey="serviceId"
            pagination={{ pageSize: 8, showSizeChanger: false }}
            dataSource={v.services}
            locale={{ emptyText: '还没有服务记录' }}
            columns={[
              { title: '日期', dataIndex: 'heldOn', key: 'd', width: 100 },
              { title: '服务队', dataIndex: 'teamName', key: 't', width: 120, render: (x: string | null) => x ?? EMPTY },
              { title: '服务内容', dataIndex: 'content', key: 'c', ellipsis: true },
              { title: '时长', dataIndex: 'hours', key: 'h', width: 80, render: (h: number) => fmtHours(h) },
            ]}
          />
          <div className="section-title">操作日志</div>
          <AuditList entries={audit.value} labels={FILE_LABELS} />
          <VolunteerModal open={editing} file={v} onClose={() => setEditing(false)} onDone={(x) => (setEditing(false), file.set(x), props.onChanged())} />
          <CloseModal open={closing} file={v} onClose={() => setClosing(false)} onDone={(x) => (setClosing(false), file.set(x), props.onChanged())} />
        </>
      )}
    </Drawer>
  );
}

function CloseModal(props: { open: boolean; file: VolunteerFile; onClose: () => void; onDone: (v: VolunteerFile) => void }) {
  const [form] = Form.useForm<{ until?: Dayjs | null; reason?: string }>();
  const { saving, error, submit } = useFormSubmit(form, ['until', 'reason']);
  useEffect(() => {
    if (props.open) form.setFieldsValue({ until: dayjs(), reason: '' });
  }, [props.open, form]);
  const send = () => submit(async (v) => props.onDone(await api['volunteers.close']({ memberId: props.file.memberId, until: toIso(v.until)!, reason: v.reason ?? '' })));
  return (
    <Modal open={props.open} title={`${props.file.name} 退出志愿者队伍`} okText="确认退出" cancelText="取消" confirmLoading={saving} onOk={send} onCancel={props.onClose} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="until" label="退出日期" rules={[{ required: true, message: '请填写退出日期' }]}>
          <DatePicker format={DATE_FORMATS} disabledDate={notFuture} />
        </Form.Item>
        <Form.Item name="reason" label="原因">
          <Input maxLength={200} placeholder="如 搬离本社区、年老体弱" />
        </Form.Item>
      </Form>
      {error && <div className="text-error">{error}</div>}
    </Modal>
  );
}

// ─── 志愿服务队 ──────────────────────────────────────────────────────────────────────────────────────

function TeamsTab() {
  const list = useRecord(() => api['volunteerTeams.list']({}), []);
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const { message } = App.useApp();
  const open = async (id: number) => {
    try {
      setEditing(await api['volunteerTeams.get']({ id }));
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <div>
      <ListToolbar add={{ label: '成立服务队', onClick: () => setEditing('new') }}>
        <span className="muted">按特长组建的志愿服务队；队长须是本队队员。</span>
      </ListToolbar>
      <RecordTable<TeamRow>
        testId="teams-table"
        rows={list.value}
        error={list.error}
        pageSize={false}
        empty="还没有志愿服务队。点击右上角“成立服务队”。"
        columns={[
          {
            title: '服务队',
            dataIndex: 'name',
            key: 'name',
            render: (v: string, r) => (
              <ActionLink onClick={() => void open(r.id)}>
                {v}
              </ActionLink>
            ),
          },
          { title: '服务特长', dataIndex: 'specialty', key: 'sp', width: 110, render: (v: string) => <Tag>{v}</Tag> },
          { title: '所属社区', dataIndex: 'communityName', key: 'c', width: 150, render: (v: string | null) => v ?? '街道' },
          { title: '队长', dataIndex: 'leaderName', key: 'l', width: 100, render: (v: string | null) => v ?? EMPTY },
          { title: '队员', dataIndex: 'members', key: 'm', width: 70, align: 'center' as const },
          { title: `${dayjs().year()}年服务`, key: 's', width: 120, render: (_: unknown, r) => `${r.servicesThisYear} 次` },
          { title: `${dayjs().year()}年时长`, dataIndex: 'hoursThisYear', key: 'h', width: 110, align: 'right' as const, render: (v: number) => fmtHours(v) },
          { title: '状态', key: 'st', width: 120, render: (_: unknown, r) => (r.disbandedOn ? <Tag>已于 {r.disbandedOn} 解散</Tag> : <Tag color="green">服务中</Tag>) },
        ]}
      />
      <TeamModal team={editing} onClose={() => setEditing(null)} onDone={() => (setEditing(null), void list.reload())} />
    </div>
  );
}

interface TeamValues {
  name?: string;
  specialty?: string;
  communityId?: number | null;
  memberIds?: number[];
  leaderMemberId?: number | null;
  foundedOn?: Dayjs | null;
  disbandedOn?: Dayjs | null;
  note?: string;
}
const TEAM_FIELDS = ['name', 'specialty', 'communityId', 'memberIds', 'leaderMemberId', 'foundedOn', 'disbandedOn', 'note'] as const;

function TeamModal(props: { team: Team | 'new' | null; onClose: () => void; onDone: (t: Team) => void }) {
  const [form] = Form.useForm<TeamValues>();
  const { saving, error, submit } = useFormSubmit(form, TEAM_FIELDS);
  const { message } = App.useApp();
  const open = props.team != null;
  const t = props.team === 'new' ? null : props.team;
  const volunteers = useVolunteers(open);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      t
        ? { name: t.name, specialty: t.specialty, communityId: t.communityId, memberIds: t.memberList.map((m) => m.memberId), leaderMemberId: t.leaderMemberId, foundedOn: fromIso(t.foundedOn), disbandedOn: fromIso(t.disbandedOn), note: t.note ?? '' }
        : { memberIds: [] },
    );
  }, [open, t, form]);
  const memberIds = Form.useWatch('memberIds', form) ?? [];
  const chosen = useMemo(() => {
    const byId = new Map(volunteers.map((v) => [v.memberId, v.name]));
    for (const m of t?.memberList ?? []) if (!byId.has(m.memberId)) byId.set(m.memberId, m.name);
    return memberIds.map((id) => ({ value: id, label: byId.get(id) ?? String(id) }));
  }, [memberIds, volunteers, t]);
  const send = () =>
    submit(async (v) => {
      const saved = await api['volunteerTeams.save']({
        id: t?.id,
        team: {
          name: (v.name ?? '').trim(),
          specialty: (v.specialty ?? '').trim(),
          communityId: v.communityId ?? null,
          leaderMemberId: v.leaderMemberId ?? null,
          memberIds: v.memberIds ?? [],
          foundedOn: toIso(v.foundedOn),
          disbandedOn: toIso(v.disbandedOn),
          note: v.note ?? '',
        },
      });
      message.success(t ? '服务队已保存' : `已成立：${saved.name}`);
      props.onDone(saved);
    });
  return (
    <Modal open={open} title={t ? `志愿服务队：${t.name}` : '成立志愿服务队'} okText="保存" cancelText="取消" confirmLoading={saving} onOk={send} onCancel={props.onClose} destroyOnHidden width={700}>
      <Form form={form} name="teamForm" layout="vertical" requiredMark>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="name" label="服务队名称" rules={[{ required: true, whitespace: true, message: '请填写服务队名称' }]} style={{ flex: 2 }}>
            <Input maxLength={60} placeholder="如 阳光社区义诊服务队" />
          </Form.Item>
          <Form.Item name="specialty" label="服务特长" rules={[{ required: true, whitespace: true, message: '请填写服务特长' }]} style={{ flex: 1 }}>
            <AutoComplete options={specialtyOptions} filterOption={(input, o) => !input || String(o?.value ?? '').includes(input)} placeholder="如 义诊" />
          </Form.Item>
          <Form.Item name="communityId" label="所属社区" style={{ flex: 1 }}>
            <CommunitySelect street allowClear placeholder="街道" />
          </Form.Item>
        </div>
        <Form.Item name="memberIds" label={`队员（${memberIds.length} 人）`} extra="从已登记的志愿者中选择；名册中的党员先在“志愿者”中登记。">
          <VolunteerSelect multiple volunteers={volunteers} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="leaderMemberId" label="队长" style={{ flex: 1 }}>
            <Select allowClear placeholder="从队员中选择" options={chosen} />
          </Form.Item>
          <Form.Item name="foundedOn" label="成立日期" style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="disbandedOn" label="解散日期" style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
        </div>
        <Form.Item name="note" label="备注">
          <Input maxLength={500} />
        </Form.Item>
      </Form>
      {t && (
        <Table
          size="small"
          rowKey="memberId"
          pagination={false}
          title={() => `队员今年的服务时长`}
          dataSource={t.memberList}
          columns={[
            { title: '姓名', dataIndex: 'name', key: 'n' },
            { title: '党支部', dataIndex: 'branchName', key: 'b', render: (x: string | null) => x ?? EMPTY },
            { title: '特长', key: 's', render: (_: unknown, m) => m.specialties.join('、') || EMPTY },
            { title: '时长', dataIndex: 'hoursThisYear', key: 'h', render: (h: number) => fmtHours(h) },
          ]}
        />
      )}
      <FormError error={error} />
    </Modal>
  );
}

// ─── 服务记录 ────────────────────────────────────────────────────────────────────────────────────────

function ServicesTab() {
  const thisYear = dayjs().year();
  const [year, setYear] = useState<number | undefined>(thisYear);
  const [teamId, setTeamId] = useState<number | undefined>();
  const teams = useRecord(() => api['volunteerTeams.list']({}), []);
  const list = useRecord(() => api['volunteerServices.list']({ year, teamId }), [year, teamId]);
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  const { message } = App.useApp();
  const open = async (id: number) => {
    try {
      setEditing(await api['volunteerServices.get']({ id }));
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const rows = list.value ?? [];
  const total = rows.reduce((a, r) => a + Math.round(r.hours * 10), 0) / 10;
  return (
    <div>
      <ListToolbar add={{ label: '记录服务', onClick: () => setEditing('new') }}>
        <Select aria-label="年度" allowClear placeholder="全部年度" value={year} onChange={setYear} style={{ width: 110 }} options={[0, 1, 2, 3, 4].map((k) => ({ value: thisYear - k, label: `${thisYear - k}年` }))} />
        <Select aria-label="服务队" allowClear placeholder="全部服务队" value={teamId} onChange={setTeamId} style={{ width: 180 }} options={(teams.value ?? []).map((t) => ({ value: t.id, label: t.name }))} />
        <span className="muted" data-testid="services-total">
          共 {rows.length} 次服务，{rows.reduce((a, r) => a + r.participants, 0)} 人次，{fmtHours(total)}
        </span>
      </ListToolbar>
      <RecordTable<ServiceRow>
        testId="services-table"
        rows={list.value}
        error={list.error}
        pageSize={15}
        empty="还没有服务记录。点击右上角“记录服务”。"
        columns={[
          { title: '日期', dataIndex: 'heldOn', key: 'd', width: 105 },
          {
            title: '服务内容',
            dataIndex: 'content',
            key: 'c',
            ellipsis: true,
            render: (v: string, r) => (
              <ActionLink onClick={() => void open(r.id)}>
                {v}
              </ActionLink>
            ),
          },
          { title: '服务队', dataIndex: 'teamName', key: 't', width: 160, ellipsis: true, render: (v: string | null) => v ?? EMPTY },
          { title: '服务社区', dataIndex: 'communityName', key: 'cm', width: 140, render: (v: string | null) => v ?? EMPTY },
          { title: '地点', dataIndex: 'place', key: 'p', width: 140, ellipsis: true, render: (v: string | null) => v ?? EMPTY },
          { title: '参加', dataIndex: 'participants', key: 'n', width: 70, render: (n: number) => `${n} 人` },
          { title: '合计时长', dataIndex: 'hours', key: 'h', width: 100, align: 'right' as const, render: (h: number) => fmtHours(h) },
        ]}
      />
      <ServiceModal service={editing} teams={teams.value ?? []} onClose={() => setEditing(null)} onDone={() => (setEditing(null), void list.reload())} />
    </div>
  );
}

interface ServiceValues {
  heldOn?: Dayjs | null;
  teamId?: number | null;
  communityId?: number | null;
  place?: string;
  content?: string;
  hours?: number;
  memberIds?: number[];
  note?: string;
}
const SERVICE_FIELDS = ['heldOn', 'teamId', 'communityId', 'place', 'content', 'hours', 'participants', 'note'] as const;

function ServiceModal(props: { service: Service | 'new' | null; teams: TeamRow[]; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<ServiceValues>();
  const { saving, error, submit } = useFormSubmit(form, SERVICE_FIELDS);
  const { message } = App.useApp();
  const open = props.service != null;
  const s = props.service === 'new' ? null : props.service;
  const volunteers = useVolunteers(open);
  const [own, setOwn] = useState<Record<number, number>>({});
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setOwn(s ? Object.fromEntries(s.participantList.map((p) => [p.memberId, p.hours])) : {});
    const common = s?.participantList[0]?.hours ?? 2;
    form.setFieldsValue(
      s
        ? { heldOn: fromIso(s.heldOn), teamId: s.teamId, communityId: s.communityId, place: s.place ?? '', content: s.content, hours: common, memberIds: s.participantList.map((p) => p.memberId), note: s.note ?? '' }
        : { heldOn: dayjs(), hours: 2, memberIds: [] },
    );
  }, [open, s, form]);
  const memberIds = Form.useWatch('memberIds', form) ?? [];
  const hours = Form.useWatch('hours', form) ?? 0;
  const names = useMemo(() => new Map([...volunteers.map((v) => [v.memberId, v.name] as const), ...(s?.participantList.map((p) => [p.memberId, p.name] as const) ?? [])]), [volunteers, s]);
  // Choosing a team fills its members (the clerk then removes whoever did not come).
  const pickTeam = async (teamId: number | null) => {
    if (teamId == null || (form.getFieldValue('memberIds') ?? []).length) return;
    try {
      const team = await api['volunteerTeams.get']({ id: teamId });
      form.setFieldValue('memberIds', team.memberList.map((m) => m.memberId));
    } catch {
      /* leave the list as it is */
    }
  };
  const remove = async () => {
    if (!s) return;
    try {
      await api['volunteerServices.remove']({ id: s.id });
      message.success('服务记录已删除');
      props.onDone();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const send = () =>
    submit(async (v) => {
      await api['volunteerServices.save']({
        id: s?.id,
        service: {
          heldOn: toIso(v.heldOn)!,
          teamId: v.teamId ?? null,
          communityId: v.communityId ?? null,
          place: v.place ?? '',
          content: (v.content ?? '').trim(),
          participants: (v.memberIds ?? []).map((memberId) => ({ memberId, hours: own[memberId] ?? v.hours ?? 0 })),
          note: v.note ?? '',
        },
      });
      message.success(s ? '服务记录已保存' : '已记录志愿服务');
      props.onDone();
    });
  return (
    <Modal
      open={open}
      title={s ? `服务记录：${s.heldOn}` : '记录志愿服务'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={send}
      onCancel={props.onClose}
      destroyOnHidden
      width={760}
      footer={(buttons) => (
        <>
          {s && (
            <Popconfirm title="删除这条服务记录？" description="参加人员的时长一并减去，记入操作日志。" okText="删除" cancelText="不删除" onConfirm={remove}>
              <Button danger icon={<DeleteOutlined />} style={{ float: 'left' }}>
                删除
              </Button>
            </Popconfirm>
          )}
          {buttons}
        </>
      )}
    >
      <Form form={form} name="serviceForm" layout="vertical" requiredMark>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="heldOn" label="服务日期" rules={[{ required: true, message: '请填写服务日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="teamId" label="服务队" style={{ flex: 2 }}>
            <Select allowClear placeholder="不属于某个服务队可不选" onChange={(v: number | undefined) => void pickTeam(v ?? null)} options={props.teams.filter((t) => !t.disbandedOn || t.id === s?.teamId).map((t) => ({ value: t.id, label: t.name }))} />
          </Form.Item>
          <Form.Item name="communityId" label="服务社区" style={{ flex: 2 }}>
            <CommunitySelect street allowClear placeholder="默认为服务队所属社区" />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="content" label="服务内容" rules={[{ required: true, whitespace: true, message: '请填写服务内容' }]} style={{ flex: 3 }}>
            <Input maxLength={500} placeholder="如 为社区老人义诊、测血压" />
          </Form.Item>
          <Form.Item name="place" label="服务地点" style={{ flex: 2 }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="hours" label="每人时长（小时）" rules={[{ required: true, message: '请填写时长' }]} style={{ width: 140 }}>
            <InputNumber min={0.1} max={24} step={0.5} precision={1} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="memberIds" label={`参加的志愿者（${memberIds.length} 人）`} rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一名志愿者' }]}>
          <VolunteerSelect multiple volunteers={volunteers} />
        </Form.Item>
        {memberIds.length > 0 && (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }} data-testid="participant-hours">
            {memberIds.map((id) => (
              <span key={id} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
                {names.get(id) ?? id}
                <InputNumber
                  size="small"
                  aria-label={`${names.get(id) ?? id}的时长`}
                  min={0.1}
                  max={24}
                  step={0.5}
                  precision={1}
                  value={own[id] ?? hours}
                  onChange={(x) => setOwn((o) => ({ ...o, [id]: x ?? hours }))}
                  style={{ width: 72 }}
                />
                小时
              </span>
            ))}
          </div>
        )}
        <Form.Item name="note" label="备注">
          <Input maxLength={500} />
        </Form.Item>
      </Form>
      <FormError error={error} />
    </Modal>
  );
}

// ─── 时长统计 ────────────────────────────────────────────────────────────────────────────────────────

function HoursTab() {
  const thisYear = dayjs().year();
  const [year, setYear] = useState<number | undefined>(thisYear);
  const report = useRecord(() => api['volunteers.hours']({ year }), [year]);
  const r = report.value;
  return (
    <div>
      <ListToolbar>
        <Select aria-label="年度" allowClear placeholder="全部年度" value={year} onChange={setYear} style={{ width: 110 }} options={[0, 1, 2, 3, 4].map((k) => ({ value: thisYear - k, label: `${thisYear - k}年` }))} />
      </ListToolbar>
      {report.error && <Alert type="error" showIcon title={report.error} />}
      {r && (
        <>
          <div className="figure-cards" data-testid="hours-cards">
            <Figure label="服务时长" value={fmtHours(r.total.hours)} />
            <Figure label="服务次数" value={`${r.total.services} 次`} />
            <Figure label="参加人次" value={`${r.total.personTimes} 人次`} sub={`${r.total.people} 名志愿者参加`} />
            <Figure label="在册志愿者" value={`${r.volunteers} 人`} sub={`服务队 ${r.teams} 支`} plain />
          </div>
          <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
            <Table
              style={{ flex: 3, minWidth: 0 }}
              data-testid="hours-by-member"
              size="small"
              rowKey="memberId"
              title={() => '按志愿者'}
              dataSource={r.byMember}
              pagination={{ pageSize: 10, showSizeChanger: false }}
              locale={{ emptyText: '没有服务记录' }}
              columns={[
                { title: '名次', key: 'i', width: 56, render: (_: unknown, _r, i) => i + 1 },
                { title: '姓名', dataIndex: 'memberName', key: 'n' },
                { title: '服务次数', dataIndex: 'services', key: 's', width: 90 },
                { title: '时长', dataIndex: 'hours', key: 'h', width: 100, render: (h: number) => fmtHours(h) },
              ]}
            />
            <div style={{ flex: 2, minWidth: 0, display: 'flex', flexDirection: 'column', gap: 16 }}>
              <Table
                data-testid="hours-by-team"
                size="small"
                rowKey="teamId"
                title={() => '按服务队'}
                dataSource={r.byTeam}
                pagination={false}
                locale={{ emptyText: '没有服务队的服务记录' }}
                columns={[
                  { title: '服务队', dataIndex: 'teamName', key: 'n', ellipsis: true },
                  { title: '人数', dataIndex: 'people', key: 'p', width: 60 },
                  { title: '时长', dataIndex: 'hours', key: 'h', width: 100, render: (h: number) => fmtHours(h) },
                ]}
              />
              <Table
                data-testid="hours-by-community"
                size="small"
                rowKey="communityId"
                title={() => '按社区'}
                dataSource={r.byCommunity}
                pagination={false}
                locale={{ emptyText: '没有服务记录' }}
                columns={[
                  { title: '社区', dataIndex: 'communityName', key: 'n', ellipsis: true },
                  { title: '人数', dataIndex: 'people', key: 'p', width: 60 },
                  { title: '时长', dataIndex: 'hours', key: 'h', width: 100, render: (h: number) => fmtHours(h) },
                ]}
              />
            </div>
          </div>
        </>
      )}
    </div>
  );
}

export function Figure(props: { label: string; value: string; sub?: string; plain?: boolean }) {
  return (
    <div className="figure-card">
      <div className="label">{props.label}</div>
      <div className={`value${props.plain ? ' plain' : ''}`}>{props.value}</div>
      {props.sub && <div className="sub">{props.sub}</div>}
    </div>
  );
}
