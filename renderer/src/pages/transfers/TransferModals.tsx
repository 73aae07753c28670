/** 开具介绍信 (转出) and 登记转入: the two forms that create a letter record. */
import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { ETHNICITIES } from '../../../../shared/domain/labels';
import { MemberPicker } from '../../components/MemberPicker';
import type { Transfer } from '../../../../shared/transfers';
import { DATE_FORMATS } from '../members/dates';
import { FormError } from '../../components/FormError';

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');


interface IssueValues {
  memberId?: number;
  to?: string;
  duesPaidUntil?: Dayjs | null;
  validDays?: number | null;
  date?: Dayjs | null;
  phone?: string;
  senderAddress?: string;
  note?: string;
}

const ISSUE_FIELDS = ['memberId', 'to', 'duesPaidUntil', 'validDays', 'date', 'phone', 'senderAddress', 'note'] as const;
const REGISTER_FIELDS = ['letterNo', 'from', 'date', 'name', 'sex', 'ethnicity', 'membershipKind', 'idNumber', 'phone', 'duesPaidUntil', 'note'] as const;

export function IssueModal(props: { open: boolean; onClose: () => void; onDone: (t: Transfer) => void }) {
  const [form] = Form.useForm<IssueValues>();
  const { saving, error: top, submit: send } = useFormSubmit(form, ISSUE_FIELDS);
  const { message } = App.useApp();

  const submit = () =>
    send(async (v) => {
      const t = await api['transfers.issueOut']({
        memberId: v.memberId!,
        to: (v.to ?? '').trim(),
        duesPaidUntil: v.duesPaidUntil!.format('YYYY-MM'),
        validDays: v.validDays ?? 30,
        date: v.date!.format('YYYY-MM-DD'),
        ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
        ...(v.senderAddress?.trim() ? { senderAddress: v.senderAddress.trim() } : {}),
        note: v.note ?? '',
      });
      message.success(`已开具介绍信 ${t.letterNo}`);
      form.resetFields();
      props.onDone(t);
    });

  return (
    <Modal open={props.open} title="开具组织关系介绍信" okText="开具并预览" cancelText="取消" confirmLoading={saving} onOk={submit} onCancel={props.onClose} destroyOnHidden width={600}>
      <p className="muted" style={{ marginTop: 0 }}>
        党员信息从名册带入；编号按年度顺序自动生成。开具后可打印三联介绍信，确认转出时该党员才离开名册。
      </p>
      <Form form={form} name="issueForm" layout="vertical" initialValues={{ date: dayjs(), validDays: 30, duesPaidUntil: dayjs().subtract(1, 'month') }} requiredMark>
        <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请从名册中选择党员' }]}>
          <MemberPicker active={props.open} />
        </Form.Item>
        <Form.Item name="to" label="转往的党组织" rules={[{ required: true, whitespace: true, message: '请填写转往的党组织' }, { max: 100, message: '不能超过 100 个字' }]}>
          <Input placeholder="例如：朝阳区和平里街道党工委" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="duesPaidUntil" label="党费交至" rules={[{ required: true, message: '请填写党费交至的年月' }]} style={{ flex: 1 }}>
            <DatePicker picker="month" format="YYYY-MM" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="validDays" label="有效期（天）" rules={[{ required: true, message: '请填写有效期' }]} style={{ flex: 1 }}>
            <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="date" label="开具日期" rules={[{ required: true, message: '请填写开具日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="phone" label="党员联系电话" style={{ flex: 1 }} extra="不填则用名册中的电话">
            <Input />
          </Form.Item>
          <Form.Item name="senderAddress" label="党委通讯地址" style={{ flex: 2 }} extra="不填则用街道党工委的办公地址（组织管理中填写）">
            <Input placeholder="印在介绍信上" maxLength={100} />
          </Form.Item>
        </div>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      <FormError error={top} />
    </Modal>
  );
}

interface RegisterValues {
  letterNo?: string;
  from?: string;
  date?: Dayjs | null;
  name?: string;
  sex?: 'male' | 'female' | null;
  ethnicity?: string | null;
  membershipKind?: 'full' | 'probationary';
  idNumber?: string;
  phone?: string;
  duesPaidUntil?: Dayjs | null;
  note?: string;
}

export function RegisterModal(props: { open: boolean; onClose: () => void; onDone: (t: Transfer) => void }) {
  const [form] = Form.useForm<RegisterValues>();
  const { saving, error: top, submit: send } = useFormSubmit(form, REGISTER_FIELDS);
  const { message } = App.useApp();
  const submit = () =>
    send(async (v) => {
      const t = await api['transfers.registerIn']({
        letterNo: (v.letterNo ?? '').trim(),
        from: (v.from ?? '').trim(),
        date: v.date!.format('YYYY-MM-DD'),
        name: (v.name ?? '').trim(),
        sex: v.sex ?? null,
        ethnicity: (v.ethnicity ?? null) as never,
        membershipKind: v.membershipKind ?? 'full',
        idNumber: (v.idNumber ?? '').trim(),
        phone: v.phone ?? '',
        duesPaidUntil: v.duesPaidUntil ? v.duesPaidUntil.format('YYYY-MM') : null,
        note: v.note ?? '',
      });
      message.success(`已登记转入介绍信 ${t.letterNo}`);
      form.resetFields();
      props.onDone(t);
    });
  return (
    <Modal open={props.open} title="登记转入的组织关系介绍信" okText="登记" cancelText="取消" confirmLoading={saving} onOk={submit} onCancel={props.onClose} destroyOnHidden width={640}>
      <p className="muted" style={{ marginTop: 0 }}>
        按介绍信填写。登记后再安排到党支部：名册中已有此身份证号的离开人员会恢复在册，否则新建党员记录。
      </p>
      <Form form={form} name="registerForm" layout="vertical" initialValues={{ date: dayjs(), membershipKind: 'full' }} requiredMark>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="letterNo" label="介绍信编号" rules={[{ required: true, whitespace: true, message: '请填写介绍信编号' }]} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
          <Form.Item name="from" label="转出的党组织" rules={[{ required: true, whitespace: true, message: '请填写转出的党组织' }]} style={{ flex: 2 }}>
            <Input placeholder="介绍信上开具的党组织" />
          </Form.Item>
          <Form.Item name="date" label="收到日期" rules={[{ required: true, message: '请填写收到日期' }]} style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
          <Form.Item name="idNumber" label="公民身份号码" rules={[{ required: true, whitespace: true, message: '请填写公民身份号码' }]} style={{ flex: 2 }}>
            <Input maxLength={18} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="sex" label="性别" style={{ flex: 1 }} extra="不填则按身份证号">
            <Select allowClear options={[{ value: 'male', label: '男' }, { value: 'female', label: '女' }]} />
          </Form.Item>
          <Form.Item name="ethnicity" label="民族" style={{ flex: 1 }}>
            <Select allowClear showSearch options={ETHNICITIES.map((e) => ({ value: e, label: e }))} />
          </Form.Item>
          <Form.Item name="membershipKind" label="人员类别" style={{ flex: 2 }}>
            <Radio.Group options={[{ value: 'full', label: '正式党员' }, { value: 'probationary', label: '预备党员' }]} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="phone" label="联系电话" style={{ flex: 1 }}>
            <Input />
          </Form.Item>
          <Form.Item name="duesPaidUntil" label="党费交至" style={{ flex: 1 }}>
            <DatePicker picker="month" format="YYYY-MM" style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      <FormError error={top} />
    </Modal>
  );
}
