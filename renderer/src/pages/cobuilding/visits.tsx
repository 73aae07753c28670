/** 走访征询: visits to units across the area (unsolved problems first to look at), and the visit form. */
import { useEffect, useState } from 'react';
import { App, Button, Checkbox, DatePicker, Form, Input, Modal, Popconfirm, Select, Switch, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { EMPTY, errorText } from '../../lib/format';
import { useFormSubmit } from '../../lib/useFormSubmit';
import type { UnitVisit } from '../../../../shared/cobuilding';
import { DATE_FORMATS, fromIso, toIso } from '../members/dates';
import { UnitSelect, useRecord, useUnits } from './shared';
import { FormError } from '../../components/FormError';
import { RecordLink } from '../../components/RecordLink';
import { ListToolbar, RecordTable } from '../../components/RecordList';

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

export function VisitsTab() {
  const [unsolved, setUnsolved] = useState(false);
  const [year, setYear] = useState<number | undefined>();
  const [editing, setEditing] = useState<UnitVisit | 'new' | null>(null);
  const list = useRecord(() => api['visits.list']({ unsolved: unsolved || undefined, year }), [unsolved, year]);
  const thisYear = dayjs().year();
  return (
    <div>
      <ListToolbar add={{ label: '登记走访', onClick: () => setEditing('new') }}>
        <Select aria-label="年度" allowClear placeholder="全部年度" value={year} onChange={setYear} style={{ width: 120 }} options={[0, 1, 2, 3, 4].map((k) => ({ value: thisYear - k, label: `${thisYear - k}年` }))} />
        <Checkbox checked={unsolved} onChange={(e) => setUnsolved(e.target.checked)}>
          只看未解决的问题
        </Checkbox>
      </ListToolbar>
      <RecordTable<UnitVisit>
        testId="visits-table"
        rows={list.value}
        error={list.error}
        total={(n) => `共 ${n} 次走访`}
        empty={unsolved ? '没有未解决的问题' : '还没有走访记录'}
        onOpen={(r) => setEditing(r)}
        columns={[
          { title: '走访日期', dataIndex: 'visitedOn', key: 'date', width: 110 },
          {
            title: '单位',
            dataIndex: 'unitName',
            key: 'unit',
            width: 180,
            render: (v: string, r) => (
              <RecordLink to={`/cobuilding/units/${r.unitId}`}>
                {v}
              </RecordLink>
            ),
          },
          { title: '走访人员', dataIndex: 'visitors', key: 'who', width: 130 },
          { title: '单位意见建议', dataIndex: 'views', key: 'views', ellipsis: true, render: (v: string | null) => v ?? EMPTY },
          { title: '反映的困难问题', dataIndex: 'problems', key: 'problems', ellipsis: true, render: (v: string | null) => v ?? EMPTY },
          { title: '跟进办理情况', dataIndex: 'followUp', key: 'followUp', ellipsis: true, render: (v: string | null) => v ?? EMPTY },
          { title: '是否解决', key: 'solved', width: 140, render: (_: unknown, r) => (r.solved ? <Tag color="green">已解决 {r.solvedOn ?? ''}</Tag> : r.problems ? <Tag color="gold">跟进中</Tag> : EMPTY) },
          { title: '', key: 'edit', width: 60, render: (_: unknown, r) => <Button size="small" type="link" onClick={() => setEditing(r)}>修改</Button> },
        ]}
      />
      <VisitModal open={editing != null} unitId={null} visit={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onDone={() => (setEditing(null), void list.reload())} />
    </div>
  );
}

interface VisitValues {
  unitId?: number;
  visitedOn?: Dayjs | null;
  visitors?: string;
  views?: string;
  problems?: string;
  followUp?: string;
  solved?: boolean;
  solvedOn?: Dayjs | null;
  note?: string;
}
const VISIT_FIELDS = ['unitId', 'visitedOn', 'visitors', 'views', 'problems', 'followUp', 'solved', 'solvedOn', 'note'] as const;

/** Records a visit (to the given unit, or one picked here) or changes one; a visit entered by mistake can be deleted. */
export function VisitModal(props: { open: boolean; unitId: number | null; visit: UnitVisit | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<VisitValues>();
  const { saving, error, submit, setError } = useFormSubmit(form, VISIT_FIELDS);
  const { units } = useUnits('all');
  const { message } = App.useApp();
  const solved = Form.useWatch('solved', form);
  const v = props.visit;
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    form.setFieldsValue(
      v
        ? { unitId: v.unitId, visitedOn: fromIso(v.visitedOn), visitors: v.visitors, views: v.views ?? '', problems: v.problems ?? '', followUp: v.followUp ?? '', solved: v.solved, solvedOn: fromIso(v.solvedOn), note: v.note ?? '' }
        : { unitId: props.unitId ?? undefined, visitedOn: dayjs(), solved: false },
    );
  }, [props.open, v, props.unitId, form]);
  const send = () =>
    submit(async (x) => {
      await api['visits.save']({
        id: v?.id,
        unitId: x.unitId!,
        visitedOn: toIso(x.visitedOn)!,
        visitors: (x.visitors ?? '').trim(),
        views: x.views ?? '',
        problems: x.problems ?? '',
        followUp: x.followUp ?? '',
        solved: !!x.solved,
        solvedOn: x.solved ? toIso(x.solvedOn) : null,
        note: x.note ?? '',
      });
      message.success('走访记录已保存');
      props.onDone();
    });
  const remove = async () => {
    try {
      await api['visits.remove']({ id: v!.id });
      message.success('走访记录已删除');
      props.onDone();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal
      open={props.open}
      title={v ? `走访记录：${v.unitName} ${v.visitedOn}` : '登记走访'}
      onCancel={props.onClose}
      destroyOnHidden
      width={640}
      footer={[
        v && (
          <Popconfirm key="del" title="删除这条走访记录？" description="删除记入操作日志。" okText="删除" cancelText="不删除" onConfirm={remove}>
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
      <Form form={form} name="visitForm" layout="vertical" requiredMark>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="unitId" label="走访单位" rules={[{ required: true, message: '请选择走访的单位' }]} style={{ flex: 2 }}>
            <UnitSelect units={units} />
          </Form.Item>
          <Form.Item name="visitedOn" label="走访日期" rules={[{ required: true, message: '请填写走访日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
        </div>
        <Form.Item name="visitors" label="走访人员" rules={[{ required: true, whitespace: true, message: '请填写走访人员' }]}>
          <Input maxLength={100} placeholder="例如：李红、王芳" />
        </Form.Item>
        <Form.Item name="views" label="单位意见建议">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="problems" label="反映的困难问题">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="followUp" label="跟进办理情况">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
          <Form.Item name="solved" label="问题是否解决" valuePropName="checked" style={{ flex: 1 }}>
            <Switch checkedChildren="已解决" unCheckedChildren="未解决" />
          </Form.Item>
          {solved && (
            <Form.Item name="solvedOn" label="解决日期" style={{ flex: 1 }}>
              <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
          )}
          <Form.Item name="note" label="备注" style={{ flex: 2 }}>
            <Input maxLength={1000} />
          </Form.Item>
        </div>
      </Form>
      <FormError error={error} />
    </Modal>
  );
}
