/** 转移党支部: one member (from the drawer) or the register's selection, to one branch, with date and reason. */
import { useMemo, useState } from 'react';
import { App, DatePicker, Form, Input, Modal, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { errorText, fieldErrorsOf } from '../../lib/format';
import { orgTreeOptions, useOrgs } from '../../lib/orgs';
import { DATE_FORMATS } from './dates';

interface MoveValues {
  toBranchId?: number;
  date?: Dayjs | null;
  reason?: string;
}

export interface MoveTarget {
  id: number;
  name: string;
}

export function MoveModal(props: { members: MoveTarget[]; open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const { orgs } = useOrgs();
  const [form] = Form.useForm<MoveValues>();
  const [saving, setSaving] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const branchOptions = useMemo(() => orgTreeOptions(orgs, { branchesOnly: true }), [orgs]);
  const n = props.members.length;
  const who =
    n === 1 ? props.members[0]!.name : `${props.members.slice(0, 3).map((m) => m.name).join('、')}${n > 3 ? ` 等 ${n} 人` : `（${n} 人）`}`;

  const submit = async () => {
    setTopError(null);
    let v: MoveValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const r = await api['members.move']({
        ids: props.members.map((m) => m.id),
        toBranchId: v.toBranchId!,
        date: v.date!.format('YYYY-MM-DD'),
        reason: (v.reason ?? '').trim(),
      });
      const target = orgs.find((o) => o.id === v.toBranchId)?.name ?? '所选党支部';
      message.success(
        r.moved
          ? `已将 ${r.moved} 名党员转入${target}${r.unchanged ? `（另有 ${r.unchanged} 人原已在该支部）` : ''}`
          : `所选党员原已在${target}，没有变动`,
      );
      form.resetFields();
      props.onDone();
    } catch (e) {
      const fe = fieldErrorsOf(e);
      const known = (['toBranchId', 'date', 'reason'] as const).filter((f) => fe[f]);
      if (known.length) form.setFields(known.map((f) => ({ name: f, errors: [fe[f]!] })));
      if (!known.length || (fe['date'] && errorText(e) !== fe['date'])) setTopError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={`转移党支部：${who}`}
      okText="确认转移"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={props.onClose}
      destroyOnHidden
      width={540}
    >
      <p className="muted" style={{ marginTop: 0 }}>
        转移记入每位党员的“所在党支部历史”和操作日志。组织关系转出本街道请用“办理离开”。
      </p>
      <Form form={form} name="moveForm" layout="vertical" initialValues={{ date: dayjs() }} requiredMark>
        <Form.Item name="toBranchId" label="转入党支部" rules={[{ required: true, message: '请选择转入的党支部' }]}>
          <TreeSelect<number>
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll
            placeholder="请选择党支部"
            treeData={branchOptions}
            popupMatchSelectWidth={380}
          />
        </Form.Item>
        <Form.Item name="date" label="转移日期" rules={[{ required: true, message: '请填写转移日期' }]}>
          <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="转移原因"
          rules={[
            { required: true, whitespace: true, message: '请写明转移原因' },
            { max: 200, message: '转移原因不能超过 200 个字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder="例如：居住地变动，转入所在网格党支部" />
        </Form.Item>
      </Form>
      {topError && <div style={{ color: '#b8312a' }}>{topError}</div>}
    </Modal>
  );
}
