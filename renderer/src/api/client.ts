/**
 * The typed client of the contract. It finds the bridge on window (put there by Electron's preload, or by
 * browser mode's bridge script — the page cannot tell which) and unwraps the result envelope.
 */
import { BRIDGE_GLOBAL, CHANNELS, type ApiError, type Bridge, type Channel, type Input, type Output } from '../../../shared/contract';

export class ApiCallError extends Error {
  readonly code: ApiError['code'];
  readonly fieldErrors: Record<string, string>;
  constructor(e: ApiError) {
    super(e.message);
    this.name = 'ApiCallError';
    this.code = e.code;
    this.fieldErrors = e.fieldErrors ?? {};
  }
}

/** Raised on window when a call was refused because the app is locked. */
export const LOCKED_EVENT = 'dj:locked';

export type Api = { [C in Channel]: (input: Input<C>) => Promise<Output<C>> };

function bridge(): Bridge {
  const b = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] as Bridge | undefined;
  if (!b) throw new ApiCallError({ code: 'internal', message: '软件未能连接到数据服务，请关闭后重新打开。' });
  return b;
}

export const api = Object.fromEntries(
  CHANNELS.map((c) => [
    c,
    async (input: unknown) => {
      let env;
      try {
        env = await bridge()[c](input ?? {});
      } catch (e) {
        if (e instanceof ApiCallError) throw e;
        throw new ApiCallError({ code: 'internal', message: '与数据服务的连接中断了，这次操作可能没有完成。请刷新后核对。' });
      }
      if (env.ok) return env.value;
      // The main process is locked (开机密码): the lock screen shows itself (pages/settings/lock.tsx).
      if (env.error.code === 'locked') window.dispatchEvent(new Event(LOCKED_EVENT));
      throw new ApiCallError(env.error);
    },
  ]),
) as unknown as Api;
