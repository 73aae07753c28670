/** 办理离开 (转出、去世、停止党籍 …) and 恢复在册: the record stays, the reason and date are kept. */
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import type { Member } from '../../../../shared/contract';
import { EXIT_REASONS, EXIT_REASON_LABELS, type ExitReason } from '../../../../shared/domain/labels';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { DATE_FORMATS } from './dates';

interface ExitValues {
  reason?: ExitReason;
  date?: Dayjs | null;
  note?: string;
}

const EXIT_FIELDS = ['reason', 'date', 'note'] as const;
const REINSTATE_FIELDS = ['note'] as const;

export function ExitModal(props: { member: Member; open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ExitValues>();
  const { saving, error: topError, submit: send } = useFormSubmit(form, EXIT_FIELDS);

  const submit = () =>
    send(async (v) => {
      await api['members.exit']({
        id: props.member.id,
        reason: v.reason!,
        date: v.date!.format('YYYY-MM-DD'),
        note: v.note?.trim() ? v.note.trim() : null,
      });
      message.success(`已办理离开：${props.member.name}`);
      form.resetFields();
      props.onDone();
    });

  return (
    <Modal
      open={props.open}
      title={`办理离开：${props.member.name}`}
      okText="确认办理"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={props.onClose}
      destroyOnHidden
      width={520}
    >
      <p className="muted" style={{ marginTop: 0 }}>
        办理后该党员不再计入在册名册，记录和操作日志会保留，可在“已离开”中查看。
      </p>
      <Form form={form} name="exitForm" layout="vertical" initialValues={{ date: dayjs() }} requiredMark>
        <Form.Item name="reason" label="离开原因" rules={[{ required: true, message: '请选择离开原因' }]}>
          <Select
            placeholder="请选择"
            options={EXIT_REASONS.map((r) => ({ value: r, label: EXIT_REASON_LABELS[r] }))}
          />
        </Form.Item>
        <Form.Item name="date" label="离开日期" rules={[{ required: true, message: '请填写离开日期' }]}>
          <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label="说明" rules={[{ max: 500, message: '说明不能超过 500 个字' }]}>
          <Input.TextArea rows={3} placeholder="例如：转往某某街道党工委，介绍信编号……" />
        </Form.Item>
      </Form>
      {topError && <div style={{ color: '#b8312a' }}>{topError}</div>}
    </Modal>
  );
}

export function ReinstateModal(props: { member: Member; open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const { saving, error: topError, submit: send } = useFormSubmit(form, REINSTATE_FIELDS);

  const submit = () =>
    send(async (v) => {
      await api['members.reinstate']({ id: props.member.id, note: (v.note ?? '').trim() });
      message.success(`已恢复在册：${props.member.name}`);
      form.resetFields();
      props.onDone();
    });

  return (
    <Modal
      open={props.open}
      title={`恢复在册：${props.member.name}`}
      okText="确认恢复"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={props.onClose}
      destroyOnHidden
      width={520}
    >
      <p className="muted" style={{ marginTop: 0 }}>
        用于离开登记有误，或党员重新回到本组织。恢复原因会记入操作日志。
      </p>
      <Form form={form} name="reinstateForm" layout="vertical">
        <Form.Item
          name="note"
          label="恢复原因"
          rules={[
            { required: true, whitespace: true, message: '请写明恢复原因' },
            { max: 500, message: '恢复原因不能超过 500 个字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder="例如：转出登记有误，实际未转出" />
        </Form.Item>
      </Form>
      {topError && <div style={{ color: '#b8312a' }}>{topError}</div>}
    </Modal>
  );
}
