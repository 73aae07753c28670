/**
 * 开机密码 and 自动锁定 on the page side. The main process holds the lock (it refuses every channel but
 * security.status and security.unlock while locked); this shows the lock screen over the app when it is locked,
 * and locks it after the idle time the clerk chose (no key, mouse or touch for that long).
 *
 * Locked at start: the app is not shown at all until unlocked. Locked later: the app stays as it was behind
 * the lock screen (inert), so a half-filled form is still there after unlocking.
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { api, ApiCallError, LOCKED_EVENT } from '../../api/client';
import type { SecurityStatus } from '../../../../shared/security';
import { errorText, fieldErrorsOf } from '../../lib/format';

interface LockContext {
  /** null before the first answer, or when the data service has no lock (recovery mode). */
  status: SecurityStatus | null;
  /** Takes a status the server returned (after a settings change), or asks for it again. */
  update: (s?: SecurityStatus) => Promise<void>;
  lockNow: () => Promise<void>;
}

const Ctx = createContext<LockContext>({ status: null, update: async () => {}, lockNow: async () => {} });
export const useLock = () => useContext(Ctx);

/** What counts as the clerk being there. */
const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

export function LockGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SecurityStatus | null>(null);
  const [ready, setReady] = useState(false);
  /** The app has been shown (unlocked) at least once: from then on it stays mounted behind the lock screen. */
  const [shown, setShown] = useState(false);

  const update = useCallback(async (s?: SecurityStatus) => {
    if (s) setStatus(s);
    else {
      try {
        setStatus(await api['security.status']({}));
      } catch (e) {
        // No lock to ask about (the recovery screen's mode, or an older data service): show the app.
        if (!(e instanceof ApiCallError) || e.code !== 'locked') setStatus(null);
      }
    }
    setReady(true);
  }, []);

  const lockNow = useCallback(async () => {
    setStatus(await api['security.lock']({}));
  }, []);

  useEffect(() => {
    void update();
    const onLocked = () => void update();
    window.addEventListener(LOCKED_EVENT, onLocked);
    return () => window.removeEventListener(LOCKED_EVENT, onLocked);
  }, [update]);

  const locked = status?.locked === true;
  useEffect(() => {
    if (ready && !locked) setShown(true);
  }, [ready, locked]);

  // 自动锁定: a timer to the moment the idle time runs out, pushed on by any activity.
  const minutes = status?.passwordSet && !locked ? status.autoLockMinutes : 0;
  const last = useRef(Date.now());
  useEffect(() => {
    if (!minutes) return;
    const limit = minutes * 60_000;
    last.current = Date.now();
    let timer: ReturnType<typeof setTimeout>;
    const check = () => {
      const idle = Date.now() - last.current;
      if (idle >= limit) void lockNow().catch(() => update());
      else timer = setTimeout(check, Math.min(limit - idle + 50, 60_000));
    };
    const seen = () => {
      last.current = Date.now();
    };
    for (const e of ACTIVITY) window.addEventListener(e, seen, { capture: true, passive: true });
    timer = setTimeout(check, Math.min(limit, 60_000));
    return () => {
      clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, seen, { capture: true });
    };
  }, [minutes, lockNow, update]);

  if (!ready) return null;
  return (
    <Ctx.Provider value={{ status, update, lockNow }}>
      {shown && (
        <div className="lock-app" inert={locked} aria-hidden={locked || undefined}>
          {children}
        </div>
      )}
      {locked && <LockScreen status={status!} onUnlocked={(s) => setStatus(s)} onStatus={setStatus} />}
    </Ctx.Provider>
  );
}

function LockScreen({ status, onUnlocked, onStatus }: { status: SecurityStatus; onUnlocked: (s: SecurityStatus) => void; onStatus: (s: SecurityStatus) => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [wait, setWait] = useState(status.retryAfterSeconds);

  useEffect(() => setWait(status.retryAfterSeconds), [status.retryAfterSeconds]);
  useEffect(() => {
    if (wait <= 0) return;
    const t = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(t);
  }, [wait]);

  const submit = async () => {
    const { password } = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      onUnlocked(await api['security.unlock']({ password }));
    } catch (e) {
      const fe = fieldErrorsOf(e);
      setError(errorText(e));
      form.setFields([{ name: 'password', value: '', errors: fe['password'] && fe['password'] !== errorText(e) ? [fe['password']] : [] }]);
      try {
        onStatus(await api['security.status']({}));
      } catch {
        /* the message above says enough */
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="lock-screen" role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <div className="lock-card">
        <span className="app-emblem lock-emblem" aria-hidden>
          党
        </span>
        <h1 id="lock-title">社区党建工作台已锁定</h1>
        <p className="muted">为保护党员个人信息，请输入开机密码后继续使用。</p>
        <Form form={form} layout="vertical" onFinish={() => void submit()} requiredMark={false}>
          <Form.Item name="password" label="开机密码" rules={[{ required: true, message: '请输入开机密码' }]}>
            <Input.Password autoFocus prefix={<LockOutlined />} placeholder="请输入开机密码" autoComplete="current-password" disabled={wait > 0} />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block size="large" loading={busy} disabled={wait > 0}>
            {wait > 0 ? `请等待 ${wait} 秒` : '解锁'}
          </Button>
        </Form>
        <p className="muted lock-help">忘记密码时请联系技术支持：可以在这台电脑上取消开机密码，党员数据不受影响。</p>
      </div>
    </div>
  );
}
