/**
 * Exposes exactly the contract's channels to the page, one function each, and nothing else:
 * no ipcRenderer, no events, no Node. Runs sandboxed, with context isolation.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, CHANNELS, IPC_PREFIX } from '../shared/channels';
import type { Bridge } from '../shared/contract';

const bridge = Object.fromEntries(
  CHANNELS.map((c) => [c, (input: unknown) => ipcRenderer.invoke(IPC_PREFIX + c, input)]),
) as Bridge satisfies Bridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
