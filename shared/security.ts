/**
 * 个人信息保护: the 开机密码 and 自动锁定 settings, the lock, and the export's choice of data — the inputs the
 * main process parses and the records it returns (listed in contract.ts with the other channels).
 */
import { z } from 'zod';

/** 自动锁定 choices in minutes; 0 = never. Only in force while a 开机密码 is set. */
export const AUTO_LOCK_MINUTES = [0, 1, 3, 5, 10, 15, 30, 60] as const;
export const DEFAULT_AUTO_LOCK_MINUTES = 10;

export const PASSWORD_MIN = 6;
export const PASSWORD_MAX = 64;
/** Wrong passwords in a row before each further try has to wait. */
export const FREE_ATTEMPTS = 5;

/** What the password given to unlock or to confirm a change may be: anything short enough to hash. */
const given = z.string('请输入密码').max(200, '密码太长');
const newPassword = z
  .string('请输入新密码')
  .min(PASSWORD_MIN, `密码至少 ${PASSWORD_MIN} 位`)
  .max(PASSWORD_MAX, `密码不能超过 ${PASSWORD_MAX} 位`)
  .refine((s) => s.trim() === s, '密码的开头和结尾不能是空格');

export const unlockInput = z.object({ password: given }).strict();
/** 设置 / 修改开机密码: the current one is needed when one is set. */
export const setPasswordInput = z.object({ current: given.optional(), password: newPassword }).strict();
export const removePasswordInput = z.object({ current: given }).strict();
export const autoLockInput = z
  .object({
    minutes: z
      .number('请选择自动锁定时间')
      .int('请选择自动锁定时间')
      .refine((n) => (AUTO_LOCK_MINUTES as readonly number[]).includes(n), '请从列表中选择自动锁定时间'),
  })
  .strict();

export interface SecurityStatus {
  passwordSet: boolean;
  /** The app is locked: every channel but security.status and security.unlock is refused. */
  locked: boolean;
  /** 0 = never; only in force while a password is set. */
  autoLockMinutes: number;
  /** Wrong passwords in a row (reset by the right one). */
  failedAttempts: number;
  /** Seconds before the next try is accepted (0: now). */
  retryAfterSeconds: number;
}
