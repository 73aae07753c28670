// Runs the backup worker from its TypeScript source (browser mode and development, under tsx): worker threads
// do not inherit tsx's loader on Node 20, so this registers it for the thread, then loads the worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
