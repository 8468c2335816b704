/**
 * Runs due jobs with the handler registered for their kind. `runDueJobs` is one pass (tests and
 * the worker script use it); `startJobRunner` polls until stopped (the app starts one in
 * process; `npm run worker` runs one on its own).
 */
import { hostname } from "node:os";
import { JobDeferral } from "./backoff";
import { claimJobs, completeJob, deferJob, failJob, pauseKind, type ClaimedJob, type JobWriter } from "./queue.server";

export interface JobContext {
  jobId: number;
  attempt: number;
  /**
   * Marks the job done inside the handler's last transaction, as its last statement: the work
   * and the job's end commit together (one commit instead of two), and the runner then writes
   * nothing more. If that transaction rolls back, the handler throws and the attempt fails as usual.
   */
  completeIn?: (tx: JobWriter) => Promise<void>;
}

export type JobHandler = (payload: unknown, context: JobContext) => Promise<void>;

const handlers = new Map<string, JobHandler>();

/** One handler per kind; registering again replaces it (Remix's dev server re-imports modules). */
export function registerJobHandler(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

export function registeredKinds(): string[] {
  return [...handlers.keys()];
}

export interface RunOptions {
  workerId?: string;
  /** Jobs claimed per pass. */
  batchSize?: number;
  now?: () => Date;
}

export const defaultWorkerId = () => `${hostname()}:${process.pid}`;

/** Claims due jobs of the registered kinds and runs them one by one. Returns how many ran. */
export async function runDueJobs(options: RunOptions = {}): Promise<number> {
  const workerId = options.workerId ?? defaultWorkerId();
  const now = options.now ?? (() => new Date());
  const kinds = registeredKinds();
  if (!kinds.length) return 0;
  const jobs = await claimJobs({ workerId, kinds, limit: options.batchSize ?? 10, now: now() });
  for (const job of jobs) await runOne(job, workerId, now);
  return jobs.length;
}

async function runOne(job: ClaimedJob, workerId: string, now: () => Date): Promise<void> {
  const handler = handlers.get(job.kind);
  try {
    if (!handler) throw new Error(`no handler registered for job kind "${job.kind}"`);
    let completed = false;
    const completeIn = async (tx: JobWriter) => {
      await completeJob(job, workerId, now(), tx);
      completed = true;
    };
    await handler(JSON.parse(job.payload), { jobId: job.id, attempt: job.attempts, completeIn });
    if (!completed) await completeJob(job, workerId, now());
  } catch (error) {
    if (error instanceof JobDeferral) {
      if (error.pauseKind) await pauseKind(job.kind, error.until, error.reason);
      await deferJob(job, workerId, error.until, error.reason);
      return;
    }
    const status = await failJob(job, workerId, error, now());
    console.error(`[jobs] ${job.kind} #${job.id} attempt ${job.attempts} failed (${status}):`, error);
  }
}

/** Runs passes until none is due. For tests and scripts; the runner below never drains. */
export async function drainJobs(options: RunOptions = {}, maxPasses = 100): Promise<number> {
  let total = 0;
  for (let pass = 0; pass < maxPasses; pass += 1) {
    const ran = await runDueJobs(options);
    total += ran;
    if (!ran) break;
  }
  return total;
}

export interface JobRunner {
  stop(): Promise<void>;
}

/** Runners of this process, woken by wakeJobRunners(). */
const wakeables = new Set<() => void>();

/**
 * A job was just enqueued in this process that someone is waiting on (an order webhook's
 * credit): the runners of this process start a pass now instead of at their next poll. Does
 * nothing where no runner runs in process (`npm run worker` then finds the job at its poll).
 */
export function wakeJobRunners(): void {
  for (const wake of wakeables) wake();
}

/** Polls every `pollMs` (at once again after a full batch). Errors of a pass are logged, never thrown. */
export function startJobRunner(options: RunOptions & { pollMs?: number } = {}): JobRunner {
  const pollMs = options.pollMs ?? 1_000;
  let stopped = false;
  let running = false;
  let wokenWhileRunning = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const tick = () => {
    running = true;
    wokenWhileRunning = false;
    current = (async () => {
      let ran = 0;
      try {
        ran = await runDueJobs(options);
      } catch (error) {
        console.error("[jobs] runner pass failed:", error);
      }
      running = false;
      const again = ran >= (options.batchSize ?? 10) || wokenWhileRunning;
      if (!stopped) timer = setTimeout(tick, again ? 0 : pollMs);
    })();
  };
  const wake = () => {
    if (stopped) return;
    if (running) wokenWhileRunning = true; // the pass may have claimed before the job existed
    else {
      clearTimeout(timer);
      timer = setTimeout(tick, 0);
    }
  };
  wakeables.add(wake);
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      wakeables.delete(wake);
      clearTimeout(timer);
      await current;
    },
  };
}
