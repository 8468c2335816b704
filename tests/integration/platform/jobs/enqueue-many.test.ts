/**
 * Many jobs enqueued in one go (a contact batch's chat notes and rule actions) keep enqueueJob's
 * dedupe exactly: one waiting job per kind and key, the latest payload, the earliest time, and a
 * running job's key free for a new run. Both providers (`npm run test:pg` for PostgreSQL).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import prisma from "../../../../app/db.server";
import { enqueueJobs } from "../../../../app/platform/jobs/enqueue-many.server";
import { claimJobs, enqueueJob } from "../../../../app/platform/jobs/queue.server";
import { freezeClock, NOW } from "../../../support/clock";

const at = (ms: number) => new Date(NOW.getTime() + ms);
const RUN = randomUUID().slice(0, 8);
let kindCounter = 0;
/** A kind of each test's own: PostgreSQL keeps one database for the file. */
function aKind(): string {
  kindCounter += 1;
  return `test.many-${RUN}-${kindCounter}`;
}

const jobsOf = (kind: string) =>
  prisma.job.findMany({
    where: { kind },
    orderBy: { id: "asc" },
    select: { dedupeKey: true, payload: true, runAt: true, shopDomain: true, status: true },
  });

beforeEach(() => freezeClock());
afterAll(() => prisma.$disconnect());

describe("enqueueJobs", () => {
  it("GIVEN three new keys THEN three waiting jobs, each with its shop, in one call", async () => {
    const kind = aKind();
    const result = await enqueueJobs(
      prisma,
      ["a", "b", "c"].map((key) => ({
        kind,
        dedupeKey: key,
        payload: { shopDomain: "one.myshopify.com", key },
        runAt: at(5_000),
      })),
    );
    expect(result).toEqual({ created: 3, merged: 0 });
    expect(await jobsOf(kind)).toEqual(
      ["a", "b", "c"].map((key) => ({
        dedupeKey: key,
        payload: JSON.stringify({ shopDomain: "one.myshopify.com", key }),
        runAt: at(5_000),
        shopDomain: "one.myshopify.com",
        status: "queued",
      })),
    );
  });

  it("GIVEN a job waiting under a key WHEN the key comes again, later THEN one job with the new payload and the earlier time", async () => {
    const kind = aKind();
    await enqueueJob(prisma, { kind, dedupeKey: "k", payload: { v: 1 }, runAt: at(1_000) });
    const result = await enqueueJobs(prisma, [{ kind, dedupeKey: "k", payload: { v: 2 }, runAt: at(9_000) }]);
    expect(result).toEqual({ created: 0, merged: 1 });
    expect(await jobsOf(kind)).toEqual([
      { dedupeKey: "k", payload: '{"v":2}', runAt: at(1_000), shopDomain: null, status: "queued" },
    ]);
  });

  it("GIVEN a job waiting under a key WHEN the key comes again, sooner THEN the job moves to the sooner time", async () => {
    const kind = aKind();
    await enqueueJob(prisma, { kind, dedupeKey: "k", payload: { v: 1 }, runAt: at(9_000) });
    await enqueueJobs(prisma, [{ kind, dedupeKey: "k", payload: { v: 1 }, runAt: at(1_000) }]);
    expect((await jobsOf(kind)).map((job) => job.runAt)).toEqual([at(1_000)]);
  });

  it("GIVEN one key twice in one call THEN one job: the later payload, the earlier time", async () => {
    const kind = aKind();
    const result = await enqueueJobs(prisma, [
      { kind, dedupeKey: "k", payload: { v: 1 }, runAt: at(1_000) },
      { kind, dedupeKey: "k", payload: { v: 2 }, runAt: at(9_000) },
    ]);
    expect(result).toEqual({ created: 1, merged: 0 });
    expect(await jobsOf(kind)).toEqual([
      { dedupeKey: "k", payload: '{"v":2}', runAt: at(1_000), shopDomain: null, status: "queued" },
    ]);
  });

  it("GIVEN the key's job already running THEN the change gets a run of its own", async () => {
    const kind = aKind();
    await enqueueJob(prisma, { kind, dedupeKey: "k", payload: { v: 1 } });
    await claimJobs({ workerId: "w1", kinds: [kind] });
    const result = await enqueueJobs(prisma, [{ kind, dedupeKey: "k", payload: { v: 2 } }]);
    expect(result).toEqual({ created: 1, merged: 0 });
    expect((await jobsOf(kind)).map((job) => job.status)).toEqual(["running", "queued"]);
  });

  it("GIVEN a transaction that rolls back THEN none of its jobs was enqueued", async () => {
    const kind = aKind();
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueueJobs(tx, [
          { kind, dedupeKey: "a", payload: {} },
          { kind, payload: {} },
        ]);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await jobsOf(kind)).toEqual([]);
  });
});
