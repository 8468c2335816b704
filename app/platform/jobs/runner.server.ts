/**
 * Runs due jobs with the handler registered for their kind. `runDueJobs` is one pass, its jobs one
 * by one (tests use it); `startJobRunner` polls until stopped, each kind in a lane of its own (the
 * app starts one in process; `npm run worker` runs one on its own).
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

/**
 * Polls every `pollMs`. Each kind runs in a lane of its own: the jobs of a claim run one after another
 * within their kind, while the next poll (or a wake) claims the due jobs of the kinds whose lane is free.
 * So a long job (a knowledge-sync step paced by Shopify's throttle) holds back only its own kind, never a
 * lead waiting for HubSpot; and one job of a kind at a time per runner, as before. Errors are logged, never thrown.
 */
export function startJobRunner(options: RunOptions & { pollMs?: number } = {}): JobRunner {
  const pollMs = options.pollMs ?? 1_000;
  const batchSize = options.batchSize ?? 10;
  const workerId = options.workerId ?? defaultWorkerId();
  const now = options.now ?? (() => new Date());
  let stopped = false;
  let claiming = false;
  let wokenWhileClaiming = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  /** The kinds whose jobs are running now, each with its lane. */
  const lanes = new Map<string, Promise<void>>();

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, ms);
  };
  const startLane = (kind: string, jobs: ClaimedJob[]) => {
    const lane = (async () => {
      for (const job of jobs) await runOne(job, workerId, now);
    })()
      .catch((error: unknown) => console.error(`[jobs] ${kind} lane failed:`, error))
      .finally(() => {
        lanes.delete(kind);
        wake(); // its kind may have more jobs due
      });
    lanes.set(kind, lane);
  };
  const tick = () => {
    claiming = true;
    wokenWhileClaiming = false;
    current = (async () => {
      let claimed = 0;
      try {
        const kinds = registeredKinds().filter((kind) => !lanes.has(kind));
        const jobs = kinds.length ? await claimJobs({ workerId, kinds, limit: batchSize, now: now() }) : [];
        claimed = jobs.length;
        const byKind = new Map<string, ClaimedJob[]>();
        for (const job of jobs) byKind.set(job.kind, [...(byKind.get(job.kind) ?? []), job]);
        if (!stopped) for (const [kind, ofKind] of byKind) startLane(kind, ofKind);
        else for (const job of jobs) await runOne(job, workerId, now); // claimed as stop came: finish, as before
      } catch (error) {
        console.error("[jobs] runner pass failed:", error);
      }
      claiming = false;
      schedule(claimed >= batchSize || wokenWhileClaiming ? 0 : pollMs);
    })();
  };
  function wake() {
    if (stopped) return;
    if (claiming)
      wokenWhileClaiming = true; // the claim may have run before the job existed
    else schedule(0);
  }
  wakeables.add(wake);
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      wakeables.delete(wake);
      clearTimeout(timer);
      await current;
      await Promise.all(lanes.values());
    },
  };
}
