/**
 * 个人信息保护: the optional 开机密码, the lock and 自动锁定, and the log of what was done with personal data.
 *
 * - The password is kept as a scrypt hash with its own random salt and parameters (settings 'password');
 *   never the password itself. Checking it is constant-time.
 * - While a password is set the app starts locked; the page locks it after the idle time the clerk chose
 *   (security.lock). While locked, the dispatcher refuses every channel but security.status and
 *   security.unlock (refusal()), whichever transport the call came by.
 * - Wrong passwords are counted in the database (so a restart does not reset them): after five in a row each
 *   further try must wait, twice as long each time (30 s, 1 min, 2 min … at most 15 min). Tries are answered
 *   one at a time, so parallel guesses do not get around the wait.
 * - Setting, changing and removing the password, the auto-lock time, and reaching five wrong tries are written
 *   to the append-only audit log (entity 'settings'); full-data exports are too (entity 'register', by the
 *   export). log() lists those entries; nothing can change them.
 */
import crypto from 'node:crypto';
import type { ApiError, AuditEntry, Channel } from '../../shared/contract';
import { AUTO_LOCK_MINUTES, DEFAULT_AUTO_LOCK_MINUTES, FREE_ATTEMPTS, type SecurityStatus } from '../../shared/security';
import { auditEntry, type AuditLogRow, type AuditService } from '../audit/service';
import type { Sqlite } from '../db/connection';
import { ServiceError } from '../errors';

/** Answered while locked: the lock screen's own calls. */
export const OPEN_WHILE_LOCKED: ReadonlySet<Channel> = new Set<Channel>(['security.status', 'security.unlock']);

/** How the password is kept. The parameters are stored with each hash, so they can be raised later. */
interface PasswordRecord {
  algorithm: 'scrypt';
  N: number;
  r: number;
  p: number;
  keyLength: number;
  salt: string;
  hash: string;
}

/** 2^15 × 8 × 128 bytes = 32 MB and about 0.1 s per check on an office PC: slow for guessing, fine for a clerk. */
export const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;

interface Failures {
  count: number;
  at: string | null;
}

/** The wait before the next try after `count` wrong passwords in a row, in seconds. */
export function retryDelaySeconds(count: number): number {
  if (count < FREE_ATTEMPTS) return 0;
  return Math.min(30 * 2 ** (count - FREE_ATTEMPTS), 15 * 60);
}

export function hashPassword(password: string, params: { N: number; r: number; p: number; keyLength: number } = SCRYPT, salt = crypto.randomBytes(16)): Promise<PasswordRecord> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(password.normalize('NFC'), salt, params.keyLength, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 }, (err, key) => {
      if (err) reject(err);
      else resolve({ algorithm: 'scrypt', ...params, salt: salt.toString('base64'), hash: key.toString('base64') });
    });
  });
}

async function verifyPassword(password: string, rec: PasswordRecord): Promise<boolean> {
  const expected = Buffer.from(rec.hash, 'base64');
  const got = await hashPassword(password, { N: rec.N, r: rec.r, p: rec.p, keyLength: rec.keyLength }, Buffer.from(rec.salt, 'base64'));
  const actual = Buffer.from(got.hash, 'base64');
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`;
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s ? `${m} 分 ${s} 秒` : `${m} 分钟`;
}

export class SecurityService {
  private locked: boolean;
  /** Password checks one after another: a wait cannot be got around by asking in parallel. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Sqlite,
    private readonly audit: AuditService,
    private readonly now: () => Date,
  ) {
    this.locked = this.password() !== null;
  }

  status(): SecurityStatus {
    const passwordSet = this.password() !== null;
    const f = this.failures();
    return {
      passwordSet,
      locked: this.locked,
      autoLockMinutes: this.autoLockMinutes(),
      failedAttempts: f.count,
      retryAfterSeconds: this.retryAfter(f),
    };
  }

  /** The dispatcher's check before any channel runs: while locked, only the lock screen's calls are answered. */
  refusal(channel: Channel): ApiError | null {
    if (!this.locked || OPEN_WHILE_LOCKED.has(channel)) return null;
    return { code: 'locked', message: '软件已锁定，请输入开机密码解锁后再操作。' };
  }

  lock(): SecurityStatus {
    if (this.password() === null) throw new ServiceError('validation', '还没有设置开机密码，无法锁定。请先在“设置”中设置开机密码。');
    this.locked = true;
    return this.status();
  }

  unlock(password: string): Promise<SecurityStatus> {
    return this.serial(async () => {
      const rec = this.password();
      if (rec === null) {
        this.locked = false;
        return this.status();
      }
      if (!this.locked) return this.status();
      await this.check(password, rec, 'password');
      this.locked = false;
      return this.status();
    });
  }

  /** 设置 or 修改 the password; changing needs the current one. */
  setPassword(input: { current?: string | undefined; password: string }): Promise<SecurityStatus> {
    return this.serial(async () => {
      const rec = this.password();
      if (rec !== null) {
        if (input.current === undefined || input.current === '')
          throw new ServiceError('validation', '请输入当前的开机密码。', { current: '请输入当前的开机密码' });
        await this.check(input.current, rec, 'current');
      }
      const next = await hashPassword(input.password);
      this.db.transaction(() => {
        this.put('password', next);
        this.put('unlockFailures', { count: 0, at: null } satisfies Failures);
        this.audit.write({
          action: rec ? 'changePassword' : 'setPassword',
          entity: 'settings',
          entityId: 0,
          changes: rec ? [] : [{ field: 'password', old: '未设置', new: '已设置' }],
          note: rec ? '修改了开机密码' : '设置了开机密码',
        });
      })();
      return this.status();
    });
  }

  removePassword(current: string): Promise<SecurityStatus> {
    return this.serial(async () => {
      const rec = this.password();
      if (rec === null) throw new ServiceError('validation', '还没有设置开机密码。');
      await this.check(current, rec, 'current');
      this.db.transaction(() => {
        this.db.prepare('DELETE FROM settings WHERE key = ?').run('password');
        this.audit.write({ action: 'removePassword', entity: 'settings', entityId: 0, changes: [{ field: 'password', old: '已设置', new: '未设置' }], note: '取消了开机密码' });
      })();
      this.locked = false;
      return this.status();
    });
  }

  /**
   * For a forgotten password: the command line (an administrator at the PC, with the data file) removes it
   * without the current one. Recorded in the audit log. false: none was set.
   */
  clearPassword(note: string): boolean {
    if (this.password() === null) return false;
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM settings WHERE key IN (?, ?)').run('password', 'unlockFailures');
      this.audit.write({ action: 'removePassword', entity: 'settings', entityId: 0, changes: [{ field: 'password', old: '已设置', new: '未设置' }], note });
    })();
    this.locked = false;
    return true;
  }

  setAutoLock(minutes: number): SecurityStatus {
    const old = this.autoLockMinutes();
    if (old !== minutes) {
      this.db.transaction(() => {
        this.put('autoLockMinutes', minutes);
        this.audit.write({ action: 'autoLock', entity: 'settings', entityId: 0, changes: [{ field: 'autoLockMinutes', old, new: minutes }], note: null });
      })();
    }
    return this.status();
  }

  /** 个人信息保护 entries of the audit log, newest first: full-data exports and the password and lock settings. */
  log(limit = 500): AuditEntry[] {
    return (this.db.prepare(`SELECT * FROM audit_log WHERE entity IN ('settings', 'register') ORDER BY id DESC LIMIT ?`).all(limit) as AuditLogRow[]).map(auditEntry);
  }

  // ─── inside ───────────────────────────────────────────────────────────────────────────────────────────

  /** Checks a password against the stored one, counting wrong ones and refusing while the wait runs. */
  private async check(password: string, rec: PasswordRecord, field: 'password' | 'current'): Promise<void> {
    const before = this.failures();
    const wait = this.retryAfter(before);
    if (wait > 0) {
      const message = `密码输错次数太多，请在 ${waitText(wait)}后再试。`;
      throw new ServiceError('validation', message, { [field]: message });
    }
    if (await verifyPassword(password, rec)) {
      if (before.count > 0) this.put('unlockFailures', { count: 0, at: null } satisfies Failures);
      return;
    }
    const count = before.count + 1;
    this.db.transaction(() => {
      this.put('unlockFailures', { count, at: this.now().toISOString() } satisfies Failures);
      if (count === FREE_ATTEMPTS)
        this.audit.write({ action: 'lockout', entity: 'settings', entityId: 0, changes: [], note: `连续 ${FREE_ATTEMPTS} 次输错开机密码，此后每次再试都要等待` });
    })();
    const next = retryDelaySeconds(count);
    const message =
      count < FREE_ATTEMPTS
        ? `密码不对，请重新输入。再输错 ${FREE_ATTEMPTS - count} 次后，每次再试都要等待。`
        : `密码不对。已连续输错 ${count} 次，请在 ${waitText(next)}后再试。`;
    throw new ServiceError('validation', message, { [field]: message });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private retryAfter(f: Failures): number {
    const delay = retryDelaySeconds(f.count);
    if (delay === 0 || f.at === null) return 0;
    const elapsed = (this.now().getTime() - Date.parse(f.at)) / 1000;
    // A clock set back (elapsed < 0) does not shorten the wait, nor make it longer than the full delay.
    if (elapsed < 0) return delay;
    return Math.max(0, Math.ceil(delay - elapsed));
  }

  private password(): PasswordRecord | null {
    const v = this.get('password');
    if (!v || typeof v !== 'object') return null;
    const r = v as Partial<PasswordRecord>;
    if (r.algorithm !== 'scrypt' || typeof r.salt !== 'string' || typeof r.hash !== 'string') return null;
    return r as PasswordRecord;
  }

  private failures(): Failures {
    const v = this.get('unlockFailures') as Partial<Failures> | null;
    return { count: typeof v?.count === 'number' ? v.count : 0, at: typeof v?.at === 'string' ? v.at : null };
  }

  private autoLockMinutes(): number {
    const v = this.get('autoLockMinutes');
    return typeof v === 'number' && (AUTO_LOCK_MINUTES as readonly number[]).includes(v) ? v : DEFAULT_AUTO_LOCK_MINUTES;
  }

  private get(key: string): unknown {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? JSON.parse(row.value) : null;
  }

  private put(key: string, value: unknown): void {
    this.db
      .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
      .run(key, JSON.stringify(value), this.now().toISOString());
  }
}
