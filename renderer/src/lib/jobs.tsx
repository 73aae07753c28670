/** Long jobs (import preview and commit, export): start, poll jobs.status every 300 ms, show progress, cancel. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Progress } from 'antd';
import { api, ApiCallError } from '../api/client';
import type { JobStatus } from '../../../shared/contract';

const POLL_MS = 300;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface JobRunner {
  /** The running job's last status; null before the first answer (or when idle). */
  status: JobStatus | null;
  running: boolean;
  /**
   * Starts a job and polls it to the end. Resolves with the final status (done, failed or cancelled), or
   * null when another run replaced this one or the page went away. Throws ApiCallError when it could not start.
   */
  run: (start: () => Promise<{ jobId: string }>) => Promise<JobStatus | null>;
  /** Asks the job to stop; the run then resolves with state 'cancelled' (unless it had just finished). */
  cancel: () => Promise<void>;
}

export function useJob(): JobRunner {
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [running, setRunning] = useState(false);
  const token = useRef(0);
  const jobId = useRef<string | null>(null);
  useEffect(
    () => () => {
      token.current++;
    },
    [],
  );

  const run = useCallback(async (start: () => Promise<{ jobId: string }>) => {
    const mine = ++token.current;
    jobId.current = null;
    setStatus(null);
    setRunning(true);
    try {
      const { jobId: id } = await start();
      if (mine !== token.current) return null;
      jobId.current = id;
      let misses = 0;
      for (;;) {
        let s: JobStatus;
        try {
          s = await api['jobs.status']({ id });
          misses = 0;
        } catch (e) {
          // One dropped poll is no reason to give up on a job that is still running.
          if (!(e instanceof ApiCallError) || e.code !== 'internal' || ++misses > 10) throw e;
          await sleep(POLL_MS * 3);
          continue;
        }
        if (mine !== token.current) return null;
        setStatus(s);
        if (s.state !== 'running') return s;
        await sleep(POLL_MS);
        if (mine !== token.current) return null;
      }
    } finally {
      if (mine === token.current) {
        setRunning(false);
        jobId.current = null;
      }
    }
  }, []);

  const cancel = useCallback(async () => {
    const id = jobId.current;
    if (!id) return;
    const s = await api['jobs.cancel']({ id });
    setStatus(s);
  }, []);

  return { status, running, run, cancel };
}

/** The progress of a running job: its stage in words, a bar with done/total, and 取消. */
export function JobProgress({
  title,
  status,
  onCancel,
  cancelLabel = '取消',
}: {
  title: string;
  status: JobStatus | null;
  onCancel?: () => void;
  cancelLabel?: string;
}) {
  // A stage of one step (reading the file) has no useful count: show it as under way, not as 1 / 1.
  const total = (status?.total ?? 0) > 1 ? status!.total : 0;
  const done = status?.done ?? 0;
  const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
  const cancelling = status?.state === 'cancelled';
  return (
    <div className="job-progress" role="status" aria-live="polite" data-testid="job-progress">
      <div className="job-progress-title">{title}</div>
      <Progress
        percent={percent}
        status={total > 0 ? 'active' : 'normal'}
        showInfo={total > 0}
        aria-label={`${title}进度`}
      />
      <div className="job-progress-stage">
        <span>{cancelling ? '正在取消…' : (status?.stage ?? '准备') + '…'}</span>
        {total > 0 && (
          <span className="muted">
            {done.toLocaleString('zh-CN')} / {total.toLocaleString('zh-CN')}
          </span>
        )}
        {onCancel && (
          <Button onClick={onCancel} disabled={cancelling} style={{ marginLeft: 'auto' }}>
            {cancelLabel}
          </Button>
        )}
      </div>
    </div>
  );
}
