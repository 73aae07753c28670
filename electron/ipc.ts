import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, IPC_PREFIX } from '../shared/channels';
import type { Envelope } from '../shared/contract';
import type { Dispatch } from './handlers';

/**
 * Binds each contract channel to the dispatcher. A call is answered only when it comes from the app's own
 * page (the main frame of our window, loaded from our files or the dev server); anything else is refused.
 */
export function registerIpc(dispatch: Dispatch, isTrustedUrl: (url: string) => boolean): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(IPC_PREFIX + channel, (event: IpcMainInvokeEvent, input: unknown): Promise<Envelope<unknown>> | Envelope<unknown> => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isTrustedUrl(frame.url)) {
        return { ok: false, error: { code: 'forbidden', message: '拒绝访问：请求不是来自本软件的页面。' } };
      }
      return dispatch(channel, input);
    });
  }
}
