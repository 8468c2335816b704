/**
 * Job leases: short, and renewed while the worker that holds them lives. A claim locks a job for
 * one lease (30 s by default); the worker's heartbeat extends it every third of a lease, so a
 * long job is never taken by a second worker while its own is alive, and a killed worker's jobs
 * are claimed again about one lease after its last beat, not minutes later.
 */
import prisma from "../../db.server";

const DEFAULT_LEASE_MS = 30_000;

/** CHATLIFT_JOB_LEASE_MS, or 30 s; a value that is not a positive number falls back to the default. */
export function jobLeaseMs(): number {
  const configured = Number(process.env.CHATLIFT_JOB_LEASE_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_LEASE_MS;
}

/**
 * Extends the lease of the jobs `workerId` still holds (running, locked by it) to `now + leaseMs`.
 * Returns the ids it still holds: a job missing from the answer was settled, or taken by another
 * worker after this one stalled past its lease, and must not be started or finished by it.
 */
export async function renewLeases(
  workerId: string,
  ids: readonly number[],
  leaseMs: number,
  now: Date,
): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const where = { id: { in: [...ids] }, lockedBy: workerId, status: "running" };
  const { count } = await prisma.job.updateMany({
    where,
    data: { lockedUntil: new Date(now.getTime() + leaseMs) },
  });
  if (count === ids.length) return new Set(ids);
  const held = await prisma.job.findMany({ where, select: { id: true } });
  return new Set(held.map((job) => job.id));
}

export interface LeaseKeeper {
  /** Jobs this worker claimed: renewed from now on until released. */
  hold(ids: readonly number[]): void;
  /** Finished (or given up): no longer renewed. */
  release(id: number): void;
  /** True once a renewal found the job no longer this worker's. */
  lost(id: number): boolean;
  /** Renews now rather than at the next beat (tests; a worker about to start a job it waited on). */
  beat(): Promise<void>;
  stop(): void;
}

export interface LeaseKeeperOptions {
  workerId: string;
  leaseMs?: number;
  /** A third of the lease unless given: two beats may be missed before the lease runs out. */
  everyMs?: number;
  now?: () => Date;
}

/** The heartbeat of one worker: one UPDATE per beat for every job it holds. */
export function keepLeases(options: LeaseKeeperOptions): LeaseKeeper {
  const leaseMs = options.leaseMs ?? jobLeaseMs();
  const everyMs = options.everyMs ?? Math.max(10, Math.floor(leaseMs / 3));
  const now = options.now ?? (() => new Date());
  const held = new Set<number>();
  const lostIds = new Set<number>();
  let beating: Promise<void> | undefined;

  const beat = (): Promise<void> => {
    if (beating) return beating;
    const ids = [...held];
    if (!ids.length) return Promise.resolve();
    beating = renewLeases(options.workerId, ids, leaseMs, now())
      .then((kept) => {
        for (const id of ids) {
          if (kept.has(id) || !held.has(id)) continue;
          held.delete(id);
          lostIds.add(id);
        }
      })
      // A busy database this beat: the lease has two more beats' worth of time left.
      .catch((error: unknown) => console.error(`[jobs] ${options.workerId} could not renew its leases:`, error))
      .finally(() => (beating = undefined));
    return beating;
  };
  const timer = setInterval(() => void beat(), everyMs);
  timer.unref();

  return {
    hold(ids) {
      for (const id of ids) held.add(id);
    },
    release(id) {
      held.delete(id);
      lostIds.delete(id);
    },
    lost: (id) => lostIds.has(id),
    beat,
    stop() {
      clearInterval(timer);
      held.clear();
    },
  };
}
