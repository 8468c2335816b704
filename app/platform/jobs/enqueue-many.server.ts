/**
 * Many jobs enqueued at once, with enqueueJob's dedupe (one waiting job per kind and key: a new
 * payload replaces the waiting one's, the earlier runAt stays). A contact batch enqueues a chat
 * note (and maybe the rules' actions) for each of its 100 leads inside its commit: one job at a
 * time cost three round trips each, 300 statements holding the batch's transaction open, which
 * made the database, not HubSpot's limit, the pace of the sync. Here: one read of the waiting
 * jobs, one insert of the new ones, and an update only for a waiting job whose payload or time
 * really changes.
 */
import { shopOf, type JobWriter, type NewJob } from "./queue.server";

type Wanted = { kind: string; dedupeKey: string | null; payload: string; runAt: Date; job: NewJob };

/** The same (kind, key) twice in one call is one job: the later payload, the earlier time. */
function collapse(jobs: readonly NewJob[], now: Date): Wanted[] {
  const keyed = new Map<string, Wanted>();
  const unkeyed: Wanted[] = [];
  for (const job of jobs) {
    const wanted = {
      kind: job.kind,
      dedupeKey: job.dedupeKey ?? null,
      payload: JSON.stringify(job.payload),
      runAt: job.runAt ?? now,
      job,
    };
    if (wanted.dedupeKey === null) {
      unkeyed.push(wanted);
      continue;
    }
    const id = `${wanted.kind}\u001f${wanted.dedupeKey}`;
    const earlier = keyed.get(id);
    keyed.set(id, earlier && earlier.runAt < wanted.runAt ? { ...wanted, runAt: earlier.runAt } : wanted);
  }
  return [...keyed.values(), ...unkeyed];
}

export async function enqueueJobs(
  db: JobWriter,
  jobs: readonly NewJob[],
  now = new Date(),
): Promise<{ created: number; merged: number }> {
  const wanted = collapse(jobs, now);
  if (!wanted.length) return { created: 0, merged: 0 };
  const keysByKind = new Map<string, string[]>();
  for (const { kind, dedupeKey } of wanted)
    if (dedupeKey !== null) keysByKind.set(kind, [...(keysByKind.get(kind) ?? []), dedupeKey]);
  const waiting = new Map<string, { id: number; payload: string; runAt: Date }>();
  for (const [kind, keys] of keysByKind) {
    const rows = await db.job.findMany({
      where: { kind, dedupeKey: { in: keys } },
      select: { id: true, dedupeKey: true, payload: true, runAt: true },
    });
    for (const row of rows) waiting.set(`${kind}\u001f${row.dedupeKey}`, row);
  }
  const fresh: Wanted[] = [];
  let merged = 0;
  for (const one of wanted) {
    const held = one.dedupeKey === null ? undefined : waiting.get(`${one.kind}\u001f${one.dedupeKey}`);
    if (!held) {
      fresh.push(one);
      continue;
    }
    merged += 1;
    const runAt = held.runAt < one.runAt ? held.runAt : one.runAt;
    if (held.payload !== one.payload || runAt.getTime() !== held.runAt.getTime())
      await db.job.update({ where: { id: held.id }, data: { payload: one.payload, runAt } });
  }
  if (fresh.length)
    await db.job.createMany({
      data: fresh.map(({ kind, dedupeKey, payload, runAt, job }) => ({
        kind,
        dedupeKey,
        payload,
        runAt,
        maxAttempts: job.maxAttempts ?? 8,
        shopDomain: shopOf(job),
      })),
    });
  return { created: fresh.length, merged };
}
