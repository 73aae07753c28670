import crypto from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { FileDownload, JobStatus } from '../../shared/contract';
import { ServiceError } from '../errors';
import type { Services } from '../services';
import { CancelledError, runJob, toApiError, type JobOutput, type JobPayload } from './work';

interface Job {
  status: JobStatus;
  cancel: () => void;
  annotated?: FileDownload;
  finishedAt?: number;
}

/** The job worker's heap limit (the bench runs its import child with the same). */
export const WORKER_HEAP_MB = 320;

/** Finished jobs are kept this long for the page to collect their result. */
const KEEP_MS = 30 * 60 * 1000;

/**
 * Long jobs (imports, exports) off the main thread. The page starts one, polls its status (progress, then the
 * result) and may cancel it; the same over Electron IPC and browser mode's HTTP, since both only ask and answer.
 * With no worker script (tests), the job runs in this thread after the call returns.
 */
export class JobRunner {
  private jobs = new Map<string, Job>();

  constructor(
    private readonly services: Services,
    private readonly worker: { url: URL; backupDir: string | null; actor: string } | null,
    private readonly onWritten: () => void = () => {},
  ) {}

  start(job: JobPayload): { jobId: string } {
    this.sweep();
    const id = crypto.randomBytes(9).toString('base64url');
    const status: JobStatus = { id, kind: job.kind, state: 'running', stage: '准备', done: 0, total: 0 };
    const entry: Job = { status, cancel: () => {} };
    this.jobs.set(id, entry);
    const finish = (patch: Partial<JobStatus>, out?: JobOutput) => {
      if (entry.status.state !== 'running') return;
      entry.status = { ...entry.status, ...patch };
      if (out) {
        entry.status.result = out.result;
        entry.annotated = out.annotated;
      }
      entry.finishedAt = Date.now();
      if (job.kind === 'import.commit' || job.kind === 'orgs.importCommit') this.onWritten();
    };
    const progress = (stage: string, done: number, total: number) => {
      entry.status = { ...entry.status, stage, done, total };
    };

    if (this.worker) {
      const cancel = new SharedArrayBuffer(4);
      const w = new Worker(this.worker.url, {
        workerData: { dbPath: this.services.dbPath, actor: this.worker.actor, backupDir: this.worker.backupDir, job, cancel },
        // A bounded heap makes the collector keep up: a 100,000-row import stays near 200 MB instead of
        // letting garbage grow to 600 MB on an office PC that may have 4 GB in all.
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      });
      entry.cancel = () => Atomics.store(new Int32Array(cancel), 0, 1);
      w.on('message', (m: { type: string; stage: string; done: number; total: number } & JobOutput & { error: JobStatus['error'] }) => {
        if (m.type === 'progress') progress(m.stage, m.done, m.total);
        else if (m.type === 'done') finish({ state: 'done', stage: '完成' }, m);
        else if (m.type === 'cancelled') finish({ state: 'cancelled', stage: '已取消' });
        else if (m.type === 'failed') finish({ state: 'failed', stage: '失败', error: m.error });
      });
      w.on('error', (e) => {
        console.error(e);
        finish({ state: 'failed', stage: '失败', error: toApiError(e) });
      });
      w.on('exit', () => finish({ state: 'failed', stage: '失败', error: { code: 'internal', message: '后台处理意外中止，数据没有改动。请重试。' } }));
    } else {
      let cancelled = false;
      entry.cancel = () => (cancelled = true);
      setImmediate(() => {
        runJob(this.services, job, (stage, done, total) => {
          if (cancelled) throw new CancelledError();
          progress(stage, done, total);
        }).then(
          (out) => finish({ state: 'done', stage: '完成' }, out),
          (e) => finish(e instanceof CancelledError ? { state: 'cancelled', stage: '已取消' } : { state: 'failed', stage: '失败', error: toApiError(e) }),
        );
      });
    }
    return { jobId: id };
  }

  status(id: string): JobStatus {
    return this.get(id).status;
  }

  /** The kinds of the jobs still running (the app waits for them before closing or restoring). */
  running(): JobStatus['kind'][] {
    return [...this.jobs.values()].filter((j) => j.status.state === 'running').map((j) => j.status.kind);
  }

  cancel(id: string): JobStatus {
    const j = this.get(id);
    if (j.status.state === 'running') j.cancel();
    return j.status;
  }

  annotated(id: string): FileDownload {
    const j = this.get(id);
    if (!j.annotated) throw new ServiceError('not_found', '这次检查没有出错的行，或结果已过期。请重新选择文件检查。');
    return j.annotated;
  }

  private get(id: string): Job {
    const j = this.jobs.get(id);
    if (!j) throw new ServiceError('not_found', '找不到这项后台任务，可能已过期。请重新操作。');
    return j;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, j] of this.jobs) if (j.finishedAt && now - j.finishedAt > KEEP_MS) this.jobs.delete(id);
  }
}
