/** 联席会 / 协调委员会: each body with its member units (since when, representative) and its meetings (linked to 会议纪要). */
import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Empty, Form, Input, Modal, Popconfirm, Select, Table, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { EMPTY, errorText } from '../../lib/format';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { CADENCE_LABELS, CADENCES, type Cadence, type JointBody, type JointMeeting, type JointMembership } from '../../../../shared/cobuilding';
import { JOINT_BODY_KIND_LABELS, JOINT_BODY_KINDS, type JointBodyKind } from '../../../../shared/domain/labels';
import { DATE_FORMATS, fromIso, toIso } from '../members/dates';
import { CommunitySelect, UnitSelect, useRecord, useUnits } from './shared';
import { FormError } from '../../components/FormError';
import { RecordLink } from '../../components/RecordLink';
import { ListToolbar } from '../../components/RecordList';

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

export function BodiesTab() {
  const list = useRecord(() => api['jointBodies.list']({}), []);
  const { units } = useUnits('all');
  const [dialog, setDialog] = useState<{ kind: 'body'; body: JointBody | null } | { kind: 'member'; body: JointBody; membership: JointMembership | null } | { kind: 'meeting'; body: JointBody; meeting: JointMeeting | null } | null>(null);
  const close = () => setDialog(null);
  const done = () => (setDialog(null), void list.reload());
  return (
    <div>
      <ListToolbar add={{ label: '成立联席会', onClick: () => setDialog({ kind: 'body', body: null }) }}>
        <span className="muted">驻区单位加入社区党建工作联席会（协调委员会），按季度或半年召开会议，会议内容可关联到“会议纪要”。</span>
      </ListToolbar>
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      {list.value?.length === 0 && <Empty description="还没有成立联席会或协调委员会" />}
      {list.value?.map((b) => (
        <section key={b.id} className="panel" aria-label={b.name} data-testid="joint-body">
          <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 8 }}>
            <h3 style={{ margin: 0, fontSize: 16 }}>{b.name}</h3>
            <Tag>{JOINT_BODY_KIND_LABELS[b.kind]}</Tag>
            <span className="muted">{b.communityName ?? '街道'}{b.foundedOn ? ` · ${b.foundedOn} 成立` : ''}{b.cadence ? ` · ${CADENCE_LABELS[b.cadence]}召开` : ''}</span>
            {b.meetingDue && <Tag color="gold">{b.lastMeetingOn ? `上次会议 ${b.lastMeetingOn}，应召开会议` : '尚未召开会议'}</Tag>}
            <span style={{ flex: 1 }} />
            <Button size="small" onClick={() => setDialog({ kind: 'body', body: b })}>
              修改
            </Button>
            <Button size="small" onClick={() => setDialog({ kind: 'member', body: b, membership: null })}>
              添加成员单位
            </Button>
            <Button size="small" type="primary" onClick={() => setDialog({ kind: 'meeting', body: b, meeting: null })}>
              记录会议
            </Button>
          </div>
          <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
            <Table<JointMembership>
              style={{ flex: '1 1 540px' }}
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={b.members}
              locale={{ emptyText: '还没有成员单位' }}
              title={() => `成员单位（现有 ${b.members.filter((m) => m.current).length} 个）`}
              columns={[
                {
                  title: '单位',
                  dataIndex: 'unitName',
                  key: 'unit',
                  render: (v: string, r) => (
                    <RecordLink to={`/cobuilding/units/${r.unitId}`}>
                      {v}
                    </RecordLink>
                  ),
                },
                { title: '职务', dataIndex: 'position', key: 'position', width: 96, render: (v: string | null) => v ?? EMPTY },
                { title: '单位代表', dataIndex: 'representative', key: 'rep', width: 90, render: (v: string | null) => v ?? EMPTY },
                { title: '期间', key: 'period', width: 120, render: (_: unknown, r) => (r.until ? `${r.since} 至 ${r.until}` : `${r.since} 起`) },
                { title: '', key: 'edit', width: 56, render: (_: unknown, r) => <Button size="small" type="link" onClick={() => setDialog({ kind: 'member', body: b, membership: r })}>修改</Button> },
              ]}
            />
            <Table<JointMeeting>
              style={{ flex: '1 1 420px' }}
              rowKey="id"
              size="small"
              pagination={b.meetings.length > 5 ? { pageSize: 5, size: 'small' } : false}
              dataSource={b.meetings}
              locale={{ emptyText: '还没有会议记录' }}
              title={() => `会议（共 ${b.meetings.length} 次）`}
              columns={[
                { title: '日期', dataIndex: 'heldOn', key: 'date', width: 100 },
                { title: '议题', dataIndex: 'topics', key: 'topics', ellipsis: true },
                { title: '到会单位', dataIndex: 'unitsPresent', key: 'units', width: 80, align: 'center' as const },
                {
                  title: '会议纪要',
                  key: 'minutes',
                  width: 90,
                  render: (_: unknown, r) =>
                    r.minutesId == null ? (
                      <span className="muted">未关联</span>
                    ) : r.minutesTitle ? (
                      <RecordLink to={`/minutes/${r.minutesId}`}>
                        查看
                      </RecordLink>
                    ) : (
                      <span className="muted">已删除</span>
                    ),
                },
                { title: '', key: 'edit', width: 56, render: (_: unknown, r) => <Button size="small" type="link" onClick={() => setDialog({ kind: 'meeting', body: b, meeting: r })}>修改</Button> },
              ]}
            />
          </div>
        </section>
      ))}
      <BodyModal open={dialog?.kind === 'body'} body={dialog?.kind === 'body' ? dialog.body : null} onClose={close} onDone={done} />
      {dialog?.kind === 'member' && <MembershipModal body={dialog.body} membership={dialog.membership} units={units} onClose={close} onDone={done} />}
      {dialog?.kind === 'meeting' && <MeetingModal body={dialog.body} meeting={dialog.meeting} units={units} onClose={close} onDone={done} />}
    </div>
  );
}

interface BodyValues {
  kind?: JointBodyKind;
  name?: string;
  communityId?: number | null;
  foundedOn?: Dayjs | null;
  cadence?: Cadence | null;
  note?: string;
}

function BodyModal(props: { open: boolean; body: JointBody | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<BodyValues>();
  const { saving, error, submit } = useFormSubmit(form, ['kind', 'name', 'communityId', 'foundedOn', 'cadence', 'note']);
  const b = props.body;
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    form.setFieldsValue(
      b ? { kind: b.kind, name: b.name, communityId: b.communityId, foundedOn: fromIso(b.foundedOn), cadence: b.cadence, note: b.note ?? '' } : { kind: 'jointMeeting', cadence: 'quarter' },
    );
  }, [props.open, b, form]);
  const send = () =>
    submit(async (v) => {
      await api['jointBodies.save']({ id: b?.id, body: { kind: v.kind!, name: (v.name ?? '').trim(), communityId: v.communityId ?? null, foundedOn: toIso(v.foundedOn), cadence: v.cadence ?? null, note: v.note ?? '' } });
      props.onDone();
    });
  return (
    <Modal open={props.open} title={b ? `修改：${b.name}` : '成立联席会 / 协调委员会'} okText="保存" cancelText="取消" confirmLoading={saving} onOk={send} onCancel={props.onClose} destroyOnHidden width={560}>
      <Form form={form} name="bodyForm" layout="vertical" requiredMark>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]} style={{ flex: 1 }}>
            <Select options={JOINT_BODY_KINDS.map((k) => ({ value: k, label: JOINT_BODY_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]} style={{ flex: 2 }}>
            <Input maxLength={100} placeholder="例如：阳光社区党建工作联席会" />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="communityId" label="所属社区" extra="空着表示街道层面" style={{ flex: 1 }}>
            <CommunitySelect allowClear placeholder="街道" />
          </Form.Item>
          <Form.Item name="foundedOn" label="成立日期" style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="cadence" label="会议频次" style={{ flex: 1 }}>
            <Select allowClear options={CADENCES.map((c) => ({ value: c, label: CADENCE_LABELS[c] }))} />
          </Form.Item>
        </div>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
      <FormError error={error} />
    </Modal>
  );
}

interface MembershipValues {
  unitId?: number;
  since?: Dayjs | null;
  until?: Dayjs | null;
  representative?: string;
  position?: string;
}

function MembershipModal(props: { body: JointBody; membership: JointMembership | null; units: Parameters<typeof UnitSelect>[0]['units']; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<MembershipValues>();
  const { saving, error, submit } = useFormSubmit(form, ['unitId', 'since', 'until', 'representative', 'position']);
  const m = props.membership;
  const send = () =>
    submit(async (v) => {
      await api['jointBodies.saveMembership']({
        id: m?.id,
        bodyId: props.body.id,
        unitId: v.unitId!,
        since: toIso(v.since)!,
        until: toIso(v.until),
        representative: v.representative ?? '',
        position: v.position ?? '',
      });
      props.onDone();
    });
  return (
    <Modal open title={m ? `成员单位：${m.unitName}` : `添加成员单位：${props.body.name}`} okText="保存" cancelText="取消" confirmLoading={saving} onOk={send} onCancel={props.onClose} destroyOnHidden width={560}>
      <Form
        form={form}
        name="membershipForm"
        layout="vertical"
        requiredMark
        initialValues={m ? { unitId: m.unitId, since: fromIso(m.since), until: fromIso(m.until), representative: m.representative ?? '', position: m.position ?? '' } : { since: dayjs(), position: '成员单位' }}
      >
        <Form.Item name="unitId" label="驻区单位" rules={[{ required: true, message: '请选择单位' }]}>
          {m ? <Input value={m.unitName} disabled /> : <UnitSelect units={props.units} />}
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="position" label="职务" style={{ flex: 1 }}>
            <Select options={['主任单位', '副主任单位', '成员单位'].map((x) => ({ value: x, label: x }))} />
          </Form.Item>
          <Form.Item name="representative" label="单位代表" style={{ flex: 1 }}>
            <Input maxLength={40} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="since" label="加入日期" rules={[{ required: true, message: '请填写加入日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="until" label="退出日期" extra="仍是成员单位的，空着" style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
        </div>
      </Form>
      <FormError error={error} />
    </Modal>
  );
}

interface MeetingValues {
  heldOn?: Dayjs | null;
  place?: string;
  topics?: string;
  decisions?: string;
  attendees?: { unitId?: number | null; name?: string }[];
  minutesId?: number | null;
  note?: string;
}

function MeetingModal(props: { body: JointBody; meeting: JointMeeting | null; units: Parameters<typeof UnitSelect>[0]['units']; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<MeetingValues>();
  const { saving, error, submit, setError } = useFormSubmit(form, ['heldOn', 'place', 'topics', 'decisions', 'attendees', 'minutesId', 'note']);
  const { message } = App.useApp();
  const m = props.meeting;
  const [minutes, setMinutes] = useState<{ value: number; label: string }[]>([]);
  useEffect(() => {
    const type = props.body.kind === 'jointMeeting' ? 'jointMeeting' : 'coordinationCommittee';
    api['minutes.list']({ type, pageSize: 100 })
      .then((r) => setMinutes(r.rows.map((x) => ({ value: x.id, label: `${x.heldOn} ${x.title}` }))))
      .catch(() => setMinutes([]));
  }, [props.body.kind]);
  const current = props.body.members.filter((x) => x.current);
  const send = () =>
    submit(async (v) => {
      await api['jointMeetings.save']({
        id: m?.id,
        bodyId: props.body.id,
        heldOn: toIso(v.heldOn)!,
        place: v.place ?? '',
        topics: (v.topics ?? '').trim(),
        decisions: v.decisions ?? '',
        attendees: (v.attendees ?? []).filter((a) => (a.name ?? '').trim()).map((a) => ({ unitId: a.unitId ?? null, name: (a.name ?? '').trim() })),
        minutesId: v.minutesId ?? null,
        note: v.note ?? '',
      });
      message.success('会议记录已保存');
      props.onDone();
    });
  const remove = async () => {
    try {
      await api['jointMeetings.remove']({ id: m!.id });
      props.onDone();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal
      open
      title={m ? `会议记录：${m.heldOn}` : `记录会议：${props.body.name}`}
      onCancel={props.onClose}
      destroyOnHidden
      width={720}
      footer={[
        m && (
          <Popconfirm key="del" title="删除这次会议的记录？" description="删除记入操作日志；关联的会议纪要不受影响。" okText="删除" cancelText="不删除" onConfirm={remove}>
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
      <Form
        form={form}
        name="jointMeetingForm"
        layout="vertical"
        requiredMark
        initialValues={
          m
            ? { heldOn: fromIso(m.heldOn), place: m.place ?? '', topics: m.topics, decisions: m.decisions ?? '', attendees: m.attendees, minutesId: m.minutesId, note: m.note ?? '' }
            : { heldOn: dayjs(), attendees: current.map((x) => ({ unitId: x.unitId, name: x.representative ?? '' })) }
        }
      >
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="heldOn" label="会议日期" rules={[{ required: true, message: '请填写会议日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="place" label="会议地点" style={{ flex: 2 }}>
            <Input maxLength={100} />
          </Form.Item>
        </div>
        <Form.Item name="topics" label="会议议题" rules={[{ required: true, whitespace: true, message: '请填写会议议题' }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="decisions" label="议定事项">
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <div className="form-section-title">参会人员（按单位）</div>
        <Form.List name="attendees">
          {(fields, { add, remove: drop }) => (
            <>
              {fields.map((f) => (
                <div key={f.key} style={{ display: 'flex', gap: 8, marginBottom: 6 }}>
                  <Form.Item name={[f.name, 'unitId']} noStyle>
                    <UnitSelect units={props.units} allowClear placeholder="所代表的单位（社区人员空着）" style={{ flex: 2 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} noStyle>
                    <Input placeholder="姓名" maxLength={40} style={{ flex: 1 }} />
                  </Form.Item>
                  <Button type="text" aria-label="删去这一行" icon={<MinusCircleOutlined />} onClick={() => drop(f.name)} />
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ unitId: null, name: '' })} style={{ marginBottom: 12 }}>
                添加参会人员
              </Button>
            </>
          )}
        </Form.List>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="minutesId" label="关联会议纪要" extra="在“会议纪要”中记录的联席会议" style={{ flex: 2 }}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={minutes} placeholder="选择会议纪要" notFoundContent="会议纪要中还没有这类会议" />
          </Form.Item>
          <Form.Item name="note" label="备注" style={{ flex: 1 }}>
            <Input maxLength={1000} />
          </Form.Item>
        </div>
      </Form>
      <FormError error={error} />
    </Modal>
  );
}
