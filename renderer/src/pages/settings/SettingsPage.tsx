/**
 * 设置 · 个人信息保护: the 开机密码 (set, change, remove), 自动锁定 after an idle time, 立即锁定, and the record
 * of what was done with personal data (full-data exports, password and lock changes) — read only.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { KeyOutlined, LockOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { AuditEntry } from '../../../../shared/contract';
import { PRIVACY_ACTION_LABELS } from '../../../../shared/domain/labels';
import { AUTO_LOCK_MINUTES, PASSWORD_MAX, PASSWORD_MIN } from '../../../../shared/security';
import { EMPTY, errorText, fmtDateTime } from '../../lib/format';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { useLock } from './lock';

const minutesLabel = (m: number) => (m === 0 ? '不自动锁定' : m === 60 ? '1 小时不操作后' : `${m} 分钟不操作后`);

export function SettingsPage() {
  const { status, update, lockNow } = useLock();
  const { message } = App.useApp();
  const [modal, setModal] = useState<'set' | 'change' | 'remove' | null>(null);
  const [log, setLog] = useState<AuditEntry[] | null>(null);
  const [logError, setLogError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const loadLog = useCallback(async () => {
    try {
      setLog(await api['security.log']({}));
      setLogError(null);
    } catch (e) {
      setLogError(errorText(e));
    }
  }, []);
  useEffect(() => {
    void loadLog();
  }, [loadLog]);

  if (!status) return <Alert type="warning" showIcon title="现在不能修改设置" description="数据服务没有提供开机密码设置，请关闭软件后重新打开。" />;

  const changeAutoLock = async (minutes: number) => {
    setSaving(true);
    try {
      await update(await api['security.setAutoLock']({ minutes }));
      void message.success(minutes === 0 ? '已设为不自动锁定' : `已设为${minutesLabel(minutes)}自动锁定`);
      void loadLog();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="page settings-page">
      <div className="page-title">
        <h1>设置</h1>
      </div>

      <section className="panel" aria-labelledby="settings-password">
        <h2 id="settings-password" className="panel-title">
          <KeyOutlined /> 开机密码
        </h2>
        <p className="muted">
          设置后，每次打开软件都要输入密码；离开电脑一段时间后软件会自动锁定。密码只保存为加密后的校验值，任何人（包括技术支持）都无法从数据文件中读出。
        </p>
        <Descriptions column={1} size="small" style={{ maxWidth: 640 }}>
          <Descriptions.Item label="状态">{status.passwordSet ? <Tag color="green">已设置</Tag> : <Tag>未设置</Tag>}</Descriptions.Item>
          {status.failedAttempts > 0 && (
            <Descriptions.Item label="输错次数">
              连续输错 {status.failedAttempts} 次{status.retryAfterSeconds > 0 ? `，${status.retryAfterSeconds} 秒后才能再试` : ''}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Space style={{ marginTop: 8 }}>
          {status.passwordSet ? (
            <>
              <Button onClick={() => setModal('change')}>修改密码</Button>
              <Button danger onClick={() => setModal('remove')}>
                取消开机密码
              </Button>
            </>
          ) : (
            <Button type="primary" onClick={() => setModal('set')}>
              设置开机密码
            </Button>
          )}
        </Space>
      </section>

      <section className="panel" aria-labelledby="settings-lock">
        <h2 id="settings-lock" className="panel-title">
          <LockOutlined /> 自动锁定
        </h2>
        <p className="muted">在设定的时间内没有操作键盘和鼠标，软件自动锁定，要输入开机密码才能继续使用。锁定前打开的页面和没保存的内容都还在。</p>
        <Space wrap>
          <label htmlFor="auto-lock">自动锁定时间</label>
          <Select
            id="auto-lock"
            style={{ width: 200 }}
            value={status.autoLockMinutes}
            disabled={!status.passwordSet || saving}
            options={AUTO_LOCK_MINUTES.map((m) => ({ value: m, label: minutesLabel(m) }))}
            onChange={(m: number) => void changeAutoLock(m)}
          />
          <Button icon={<LockOutlined />} disabled={!status.passwordSet} onClick={() => void lockNow().catch((e) => message.error(errorText(e)))}>
            立即锁定
          </Button>
        </Space>
        {!status.passwordSet && <p className="muted" style={{ marginTop: 8, marginBottom: 0 }}>先设置开机密码，才能自动锁定或立即锁定。</p>}
      </section>

      <section className="panel" aria-labelledby="settings-log">
        <h2 id="settings-log" className="panel-title">
          <SafetyCertificateOutlined /> 个人信息保护记录
        </h2>
        <p className="muted">
          名册、组织关系转接等列表中的身份证号和电话只显示部分号码；导出名册默认也隐藏。选择导出完整数据、设置或修改开机密码、修改自动锁定时间，都记录在这里。记录只能查看，不能修改或删除。
        </p>
        {logError ? (
          <Alert type="error" showIcon title="记录没有加载出来" description={logError} action={<Button onClick={() => void loadLog()}>重试</Button>} />
        ) : (
          <Table<AuditEntry>
            size="small"
            rowKey="id"
            loading={log === null}
            dataSource={log ?? []}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: '还没有记录' }}
            columns={[
              { title: '时间', dataIndex: 'at', key: 'at', width: 150, render: (v: string) => fmtDateTime(v) },
              { title: '操作', dataIndex: 'action', key: 'action', width: 150, render: (v: string) => PRIVACY_ACTION_LABELS[v] ?? v },
              { title: '操作人', dataIndex: 'actor', key: 'actor', width: 120, render: (v: string | null) => v ?? EMPTY },
              { title: '说明', dataIndex: 'note', key: 'note', render: (v: string | null, r) => v ?? describe(r) },
            ]}
          />
        )}
      </section>

      <PasswordModal
        mode={modal}
        onClose={() => setModal(null)}
        onDone={(s, text) => {
          setModal(null);
          void update(s);
          void message.success(text);
          void loadLog();
        }}
      />
    </div>
  );
}

function describe(e: AuditEntry): string {
  return e.changes.map((c) => `${String(c.old ?? '')} → ${String(c.new ?? '')}`).join('；') || EMPTY;
}

type PasswordValues = { current?: string; password?: string; confirm?: string };

function PasswordModal({ mode, onClose, onDone }: { mode: 'set' | 'change' | 'remove' | null; onClose: () => void; onDone: (s: import('../../../../shared/security').SecurityStatus, text: string) => void }) {
  const [form] = Form.useForm<PasswordValues>();
  const { saving, error, setError, submit } = useFormSubmit(form, ['current', 'password']);
  useEffect(() => {
    if (mode) {
      form.resetFields();
      setError(null);
    }
  }, [mode, form, setError]);
  const title = mode === 'set' ? '设置开机密码' : mode === 'change' ? '修改开机密码' : '取消开机密码';
  const ok = () =>
    void submit(async (v) => {
      if (mode === 'remove') onDone(await api['security.removePassword']({ current: v.current ?? '' }), '已取消开机密码');
      else if (mode === 'change') onDone(await api['security.setPassword']({ current: v.current ?? '', password: v.password ?? '' }), '开机密码已修改');
      else onDone(await api['security.setPassword']({ password: v.password ?? '' }), '开机密码已设置，下次打开软件时需要输入');
    });
  return (
    <Modal open={mode !== null} title={title} onCancel={onClose} onOk={ok} okText={mode === 'remove' ? '取消密码' : '保存'} cancelText="关闭" okButtonProps={{ loading: saving, danger: mode === 'remove' }} destroyOnHidden>
      {mode === 'set' && <p className="muted">请记住这个密码。忘记密码时只能请技术支持在这台电脑上取消它。</p>}
      {mode === 'remove' && <p className="muted">取消后，打开软件不再需要密码，也不会自动锁定。</p>}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={ok}>
        {mode !== 'set' && (
          <Form.Item name="current" label="当前密码" rules={[{ required: true, message: '请输入当前的开机密码' }]}>
            <Input.Password autoFocus autoComplete="current-password" />
          </Form.Item>
        )}
        {mode !== 'remove' && (
          <>
            <Form.Item
              name="password"
              label="新密码"
              extra={`${PASSWORD_MIN} 到 ${PASSWORD_MAX} 位，字母、数字、符号都可以`}
              rules={[
                { required: true, message: '请输入新密码' },
                { min: PASSWORD_MIN, message: `密码至少 ${PASSWORD_MIN} 位` },
                { max: PASSWORD_MAX, message: `密码不能超过 ${PASSWORD_MAX} 位` },
              ]}
            >
              <Input.Password autoFocus={mode === 'set'} autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label="再输入一次新密码"
              dependencies={['password']}
              rules={[
                { required: true, message: '请再输入一次新密码' },
                ({ getFieldValue }) => ({
                  validator: (_r, v: string) => (!v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一样'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
        <button type="submit" hidden />
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
