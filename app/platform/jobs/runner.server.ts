/**
 * Runs due jobs with the handler registered for their kind. `runDueJobs` is one pass, its jobs one
 * by one (tests use it); `startJobRunner` polls until stopped, each kind and shop in a lane of its
 * own (the app starts one in process; `npm run worker` runs one on its own). Both keep the leases
 * of the jobs they hold alive with a heartbeat (leases.server.ts) and never start a job whose lease
 * another worker has taken meanwhile.
 */
import { hostname } from "node:os";
import { JobDeferral } from "./backoff";
import { keepLeases, type LeaseKeeper } from "./leases.server";
import {
  claimJobs,
  completeJob,
  deferJob,
  failJob,
  laneOf,
  pauseKind,
  type ClaimedJob,
  type JobWriter,
} from "./queue.server";

export interface JobContext {
  jobId: number;
  attempt: number;
  /**
   * Marks the job done inside the handler's last transaction, as its last statement: the work
   * and the job's end commit together (one commit instead of two), and the runner then writes
   * nothing more. If that transaction rolls back, the handler throws and the attempt fails as usual.
   */
  completeIn?: (tx: JobWriter) => Promise<void>;
  /**
   * Other jobs of this runner's claim that the handler settled itself (a contact batch takes its
   * lane's waiting siblings along): the runner passes over them instead of starting each one only
   * for its handler to find it settled, two statements per job on the batch's critical path.
   */
  settled?: (ids: readonly number[]) => void;
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
  /** How long a claim holds a job without a heartbeat (CHATLIFT_JOB_LEASE_MS, 30 s). */
  leaseMs?: number;
  /** How often held leases are renewed; a third of the lease by default. */
  heartbeatMs?: number;
}

export const defaultWorkerId = () => `${hostname()}:${process.pid}`;

/** Claims due jobs of the registered kinds and runs them one by one. Returns how many ran. */
export async function runDueJobs(options: RunOptions = {}): Promise<number> {
  const workerId = options.workerId ?? defaultWorkerId();
  const now = options.now ?? (() => new Date());
  const kinds = registeredKinds();
  if (!kinds.length) return 0;
  const leases = keepLeases({ workerId, leaseMs: options.leaseMs, everyMs: options.heartbeatMs, now });
  try {
    const jobs = await claimJobs({
      workerId,
      kinds,
      limit: options.batchSize ?? 10,
      leaseMs: options.leaseMs,
      now: now(),
    });
    leases.hold(jobs.map((job) => job.id));
    const settled = new Set<number>();
    for (const job of jobs) await runOne(job, workerId, now, leases, settled);
    return jobs.length;
  } finally {
    leases.stop();
  }
}

async function runOne(
  job: ClaimedJob,
  workerId: string,
  now: () => Date,
  leases: LeaseKeeper,
  settled: Set<number>,
): Promise<void> {
  // Waited behind its lane's earlier jobs past a lost lease (another worker has it now), or
  // settled by an earlier job's handler.
  if (leases.lost(job.id) || settled.delete(job.id)) return leases.release(job.id);
  const handler = handlers.get(job.kind);
  try {
    if (!handler) throw new Error(`no handler registered for job kind "${job.kind}"`);
    let completed = false;
    const completeIn = async (tx: JobWriter) => {
      await completeJob(job, workerId, now(), tx);
      completed = true;
    };
    const settles = (ids: readonly number[]) => {
      for (const id of ids) if (id !== job.id) settled.add(id);
    };
    await handler(JSON.parse(job.payload), { jobId: job.id, attempt: job.attempts, completeIn, settled: settles });
    if (!completed) await completeJob(job, workerId, now());
  } catch (error) {
    if (error instanceof JobDeferral) {
      if (error.pauseKind) await pauseKind(job.kind, error.until, error.reason);
      await deferJob(job, workerId, error.until, error.reason);
      return;
    }
    const status = await failJob(job, workerId, error, now());
    console.error(`[jobs] ${job.kind} #${job.id} attempt ${job.attempts} failed (${status}):`, error);
  } finally {
    leases.release(job.id);
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
 * Polls every `pollMs`. Each kind runs in lanes of its own, one per shop (laneOf): the jobs of a claim
 * run one after another within their kind and shop, while the next poll (or a wake) claims the due jobs
 * of the lanes that are free. So a long job (a knowledge-sync step paced by Shopify's throttle) holds back
 * only its own kind, never a lead waiting for HubSpot; a shop whose HubSpot account hangs or fails holds
 * back only its own jobs, never another shop's; and one job per kind and shop at a time per runner.
 * At most `maxLanes` lanes run at once. Errors are logged, never thrown.
 */
export function startJobRunner(options: RunOptions & { pollMs?: number; maxLanes?: number } = {}): JobRunner {
  const pollMs = options.pollMs ?? 1_000;
  const batchSize = options.batchSize ?? 10;
  const maxLanes = options.maxLanes ?? 16;
  const workerId = options.workerId ?? defaultWorkerId();
  const now = options.now ?? (() => new Date());
  const leases = keepLeases({ workerId, leaseMs: options.leaseMs, everyMs: options.heartbeatMs, now });
  let stopped = false;
  let claiming = false;
  let wokenWhileClaiming = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  /** The lanes whose jobs are running now. */
  const lanes = new Map<string, Promise<void>>();

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, ms);
  };
  const startLane = (lane: string, jobs: ClaimedJob[]) => {
    const running = (async () => {
      const settled = new Set<number>();
      for (const job of jobs) await runOne(job, workerId, now, leases, settled);
    })()
      .catch((error: unknown) => console.error(`[jobs] ${jobs[0]?.kind} lane failed:`, error))
      .finally(() => {
        lanes.delete(lane);
        wake(); // its kind and shop may have more jobs due
      });
    lanes.set(lane, running);
  };
  const tick = () => {
    claiming = true;
    wokenWhileClaiming = false;
    current = (async () => {
      let claimed = 0;
      const room = maxLanes - lanes.size;
      const limit = Math.min(batchSize, room);
      try {
        const kinds = registeredKinds();
        const jobs =
          kinds.length && limit > 0
            ? await claimJobs({
                workerId,
                kinds,
                busyLanes: [...lanes.keys()],
                limit,
                leaseMs: options.leaseMs,
                now: now(),
              })
            : [];
        claimed = jobs.length;
        leases.hold(jobs.map((job) => job.id));
        const byLane = new Map<string, ClaimedJob[]>();
        for (const job of jobs) byLane.set(laneOf(job), [...(byLane.get(laneOf(job)) ?? []), job]);
        if (!stopped) for (const [lane, ofLane] of byLane) startLane(lane, ofLane);
        else {
          const settled = new Set<number>(); // claimed as stop came: finish, as before
          for (const job of jobs) await runOne(job, workerId, now, leases, settled);
        }
      } catch (error) {
        console.error("[jobs] runner pass failed:", error);
      }
      claiming = false;
      // A full claim may have left more due; with no lane free, a finishing lane wakes the runner.
      schedule((limit > 0 && claimed >= limit) || wokenWhileClaiming ? 0 : pollMs);
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
      leases.stop();
    },
  };
}
