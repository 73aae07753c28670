/** The meeting record's form: new or edit. Attendees come from the register (or are named by hand), absentees with reasons. */
import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Radio, Select, TimePicker, TreeSelect } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined, TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { errorText } from '../../lib/format';
import { navigate } from '../../lib/router';
import { orgTreeOptions, useOrgs } from '../../lib/orgs';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { MemberPicker } from '../../components/MemberPicker';
import { MEETING_TYPES, MEETING_TYPE_LABELS, type Meeting, type MeetingType } from '../../../../shared/minutes';
import { DATE_FORMATS, fromIso, toIso } from '../members/dates';

interface AttendeeValue {
  memberId: number | null;
  name: string;
  present: boolean;
  reason?: string;
}
interface FollowUpValue {
  item?: string;
  owner?: string;
  dueOn?: Dayjs | null;
  doneOn?: Dayjs | null;
}
interface Values {
  type?: MeetingType;
  title?: string;
  heldOn?: Dayjs | null;
  startTime?: Dayjs | null;
  endTime?: Dayjs | null;
  place?: string;
  orgId?: number | null;
  bodyName?: string;
  host?: string;
  recorder?: string;
  attendees?: AttendeeValue[];
  agenda?: string;
  minutes?: string;
  decisions?: string;
  followUps?: FollowUpValue[];
  note?: string;
}
/** Fields the server may report on beside the field; a list's problem (attendees, follow-ups) shows as one sentence. */
const FIELDS = ['type', 'title', 'heldOn', 'startTime', 'endTime', 'place', 'orgId', 'bodyName', 'host', 'recorder', 'agenda', 'minutes', 'decisions', 'note'] as const;

const clock = (d: Dayjs | null | undefined) => (d && d.isValid() ? d.format('HH:mm') : null);
const fromClock = (s: string | null) => (s ? dayjs(s, 'HH:mm') : null);

function toValues(m: Meeting): Values {
  return {
    type: m.type,
    title: m.title,
    heldOn: fromIso(m.heldOn),
    startTime: fromClock(m.startTime),
    endTime: fromClock(m.endTime),
    place: m.place ?? '',
    orgId: m.orgId,
    bodyName: m.bodyName ?? '',
    host: m.host ?? '',
    recorder: m.recorder ?? '',
    attendees: m.attendees.map((a) => ({ memberId: a.memberId, name: a.name, present: a.present, reason: a.reason ?? '' })),
    agenda: m.agenda ?? '',
    minutes: m.minutes ?? '',
    decisions: m.decisions ?? '',
    followUps: m.followUps.map((f) => ({ item: f.item, owner: f.owner ?? '', dueOn: fromIso(f.dueOn), doneOn: fromIso(f.doneOn) })),
    note: m.note ?? '',
  };
}

export function MeetingFormPage({ meetingId }: { meetingId: number | null }) {
  const { message } = App.useApp();
  const { orgs } = useOrgs();
  const [form] = Form.useForm<Values>();
  const { saving, error: top, submit: send } = useFormSubmit(form, FIELDS);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(meetingId == null);
  /** Remounts the register picker after each pick, so it is empty for the next name. */
  const [pickKey, setPickKey] = useState(0);
  const orgId = Form.useWatch('orgId', form);
  const type = Form.useWatch('type', form);

  useEffect(() => {
    if (meetingId == null) return;
    api['minutes.get']({ id: meetingId })
      .then((m) => {
        form.setFieldsValue(toValues(m));
        setLoaded(true);
      })
      .catch((e) => setLoadError(errorText(e)));
  }, [meetingId, form]);

  const attendees = (): AttendeeValue[] => form.getFieldValue('attendees') ?? [];
  const addMember = async (id: number) => {
    setPickKey((k) => k + 1);
    if (attendees().some((a) => a.memberId === id)) return void message.info('这名党员已在参会人员中');
    const m = await api['members.get']({ id });
    form.setFieldValue('attendees', [...attendees(), { memberId: m.id, name: m.name, present: true, reason: '' }]);
  };
  const addOrgMembers = async () => {
    if (!orgId) return;
    try {
      const r = await api['members.list']({ orgId, pageSize: 200 });
      const have = new Set(attendees().map((a) => a.memberId));
      const add = r.rows.filter((m) => !have.has(m.id)).map((m) => ({ memberId: m.id, name: m.name, present: true, reason: '' }));
      form.setFieldValue('attendees', [...attendees(), ...add]);
      message.success(add.length ? `已添加 ${add.length} 名党员为出席，缺席的请改为“缺席”并写明原因` : '本组织的党员都已在参会人员中');
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const submit = () =>
    send(async (v) => {
      const meeting = {
        type: v.type!,
        title: (v.title ?? '').trim(),
        heldOn: toIso(v.heldOn)!,
        startTime: clock(v.startTime),
        endTime: clock(v.endTime),
        place: v.place ?? '',
        orgId: v.orgId ?? null,
        bodyName: v.bodyName ?? '',
        host: v.host ?? '',
        recorder: v.recorder ?? '',
        attendees: (v.attendees ?? []).map((a) => ({ memberId: a.memberId ?? null, name: (a.name ?? '').trim(), present: a.present, reason: a.present ? '' : (a.reason ?? '') })),
        agenda: v.agenda ?? '',
        minutes: v.minutes ?? '',
        decisions: v.decisions ?? '',
        followUps: (v.followUps ?? []).map((f) => ({ item: (f.item ?? '').trim(), owner: f.owner ?? '', dueOn: toIso(f.dueOn), doneOn: toIso(f.doneOn) })),
        note: v.note ?? '',
      };
      const saved = meetingId == null ? await api['minutes.create']({ meeting }) : await api['minutes.update']({ id: meetingId, meeting });
      message.success(meetingId == null ? '会议记录已保存' : '修改已保存');
      navigate(`/minutes/${saved.id}`);
    });

  if (loadError) return <div className="page"><Alert type="error" showIcon title={loadError} /></div>;
  const joint = type === 'jointMeeting' || type === 'coordinationCommittee';
  return (
    <div className="page form-page meeting-form">
      <div className="page-title">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(meetingId == null ? '/minutes' : `/minutes/${meetingId}`)}>
          {meetingId == null ? '返回列表' : '返回'}
        </Button>
        <h1 style={{ marginLeft: 12 }}>{meetingId == null ? '新建会议记录' : '编辑会议记录'}</h1>
      </div>
      {!loaded ? (
        <div className="muted">正在读取…</div>
      ) : (
        <Form form={form} name="meetingForm" layout="vertical" requiredMark initialValues={{ type: 'committee', heldOn: dayjs(), attendees: [], followUps: [] }}>
          <div className="panel form-panel">
            <div className="form-section-title">会议信息</div>
            <div className="form-row">
              <Form.Item name="type" label="会议类型" rules={[{ required: true, message: '请选择会议类型' }]} style={{ width: 170 }}>
                <Select options={MEETING_TYPES.map((t) => ({ value: t, label: MEETING_TYPE_LABELS[t] }))} />
              </Form.Item>
              <Form.Item name="title" label="会议名称" rules={[{ required: true, whitespace: true, message: '请填写会议名称' }]} style={{ flex: 1 }}>
                <Input maxLength={100} placeholder="例如：第一党支部 2024 年 3 月支委会" />
              </Form.Item>
            </div>
            <div className="form-row">
              <Form.Item name="heldOn" label="会议日期" rules={[{ required: true, message: '请填写会议日期' }]} style={{ width: 170 }}>
                <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
              <Form.Item name="startTime" label="开始时间" style={{ width: 120 }}>
                <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} needConfirm={false} />
              </Form.Item>
              <Form.Item name="endTime" label="结束时间" style={{ width: 120 }}>
                <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} needConfirm={false} />
              </Form.Item>
              <Form.Item name="place" label="会议地点" style={{ flex: 1 }}>
                <Input maxLength={100} placeholder="例如：社区党群服务中心二楼会议室" />
              </Form.Item>
            </div>
            <div className="form-row">
              <Form.Item name="orgId" label="所属组织" style={{ width: 300 }} extra={joint ? '联席会议可不选组织，在右边填写会议机构' : undefined}>
                <TreeSelect<number>
                  allowClear
                  showSearch={{ treeNodeFilterProp: 'title' }}
                  placeholder="召开会议的党组织"
                  treeData={orgTreeOptions(orgs)}
                  treeDefaultExpandAll
                  popupMatchSelectWidth={360}
                />
              </Form.Item>
              <Form.Item name="bodyName" label="会议机构" style={{ flex: 1 }} extra={joint ? undefined : '不属于组织树的机构，例如“阳光社区党建联席会”'}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="host" label="主持人" style={{ width: 140 }}>
                <Input maxLength={40} />
              </Form.Item>
              <Form.Item name="recorder" label="记录人" style={{ width: 140 }}>
                <Input maxLength={40} />
              </Form.Item>
            </div>
          </div>

          <div className="panel form-panel">
            <div className="form-section-title">参会人员</div>
            <div className="form-row attendee-tools">
              <span className="attendee-picker">
                <label htmlFor="attendee-pick">从名册添加</label>
                <span style={{ width: 360, display: 'inline-block' }}>
                  <MemberPicker key={pickKey} id="attendee-pick" onChange={(id) => void addMember(id)} />
                </span>
              </span>
              <Button icon={<TeamOutlined />} disabled={!orgId} onClick={() => void addOrgMembers()}>
                添加所属组织的全部党员
              </Button>
              <Button
                icon={<UserAddOutlined />}
                onClick={() => form.setFieldValue('attendees', [...attendees(), { memberId: null, name: '', present: true, reason: '' }])}
              >
                添加其他人员
              </Button>
            </div>
            <Form.List name="attendees">
              {(fields, { remove }) =>
                fields.length === 0 ? (
                  <div className="muted" style={{ padding: '8px 0' }}>
                    还没有参会人员。
                  </div>
                ) : (
                  <div className="attendee-list" data-testid="attendee-list">
                    {fields.map((f) => (
                      <AttendeeRow key={f.key} name={f.name} onRemove={() => remove(f.name)} />
                    ))}
                  </div>
                )
              }
            </Form.List>
          </div>

          <div className="panel form-panel">
            <div className="form-section-title">议题、内容和决定</div>
            <Form.Item name="agenda" label="会议议题">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
            </Form.Item>
            <Form.Item name="minutes" label="会议内容">
              <Input.TextArea autoSize={{ minRows: 6, maxRows: 24 }} placeholder="发言、讨论的经过。一段一行；列举可用“1.”“2.”开头。" />
            </Form.Item>
            <Form.Item name="decisions" label="决定事项">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
            </Form.Item>
            <div className="form-section-title" style={{ marginTop: 8 }}>
              后续事项
            </div>
            <Form.List name="followUps">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <div className="form-row follow-up-row" key={f.key}>
                      <Form.Item name={[f.name, 'item']} rules={[{ required: true, whitespace: true, message: '请填写事项' }]} style={{ flex: 1 }}>
                        <Input placeholder="事项" maxLength={500} aria-label="后续事项" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'owner']} style={{ width: 140 }}>
                        <Input placeholder="责任人" maxLength={40} aria-label="责任人" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'dueOn']} style={{ width: 160 }}>
                        <DatePicker placeholder="完成期限" format={DATE_FORMATS} aria-label="完成期限" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'doneOn']} style={{ width: 160 }}>
                        <DatePicker placeholder="完成日期" format={DATE_FORMATS} aria-label="完成日期" />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} aria-label="删除这项" onClick={() => remove(f.name)} />
                    </div>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ item: '', owner: '' })}>
                    添加后续事项
                  </Button>
                </>
              )}
            </Form.List>
            <Form.Item name="note" label="备注" style={{ marginTop: 16 }}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
            </Form.Item>
          </div>
          <div className="form-footer">
            <Button type="primary" loading={saving} onClick={submit}>
              保存
            </Button>
            <Button onClick={() => navigate(meetingId == null ? '/minutes' : `/minutes/${meetingId}`)}>取消</Button>
            {top && (
              <span className="text-error" role="alert">
                {top}
              </span>
            )}
          </div>
        </Form>
      )}
    </div>
  );
}

function AttendeeRow({ name, onRemove }: { name: number; onRemove: () => void }) {
  const form = Form.useFormInstance<Values>();
  const row = Form.useWatch(['attendees', name], { form, preserve: true }) as AttendeeValue | undefined;
  return (
    <div className="form-row attendee-row">
      <Form.Item name={[name, 'memberId']} hidden>
        <Input />
      </Form.Item>
      <Form.Item name={[name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写姓名' }]} style={{ width: 150 }}>
        <Input aria-label="参会人员姓名" readOnly={row?.memberId != null} variant={row?.memberId != null ? "filled" : "outlined"} placeholder="姓名（可写单位）" maxLength={40} />
      </Form.Item>
      <span className="muted attendee-source">{row?.memberId != null ? '名册' : '其他'}</span>
      <Form.Item name={[name, 'present']} style={{ width: 110 }}>
        <Radio.Group
          optionType="button"
          size="small"
          options={[
            { value: true, label: '出席' },
            { value: false, label: '缺席' },
          ]}
        />
      </Form.Item>
      {row && !row.present && (
        <Form.Item name={[name, 'reason']} style={{ flex: 1 }}>
          <Input placeholder="缺席原因，例如：外出务工、生病请假" maxLength={100} aria-label={`${row.name}的缺席原因`} />
        </Form.Item>
      )}
      <Button icon={<DeleteOutlined />} aria-label={`删除${row?.name ?? ''}`} onClick={onRemove} style={{ marginLeft: 'auto' }} />
    </div>
  );
}
