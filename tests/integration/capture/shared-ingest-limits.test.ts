/**
 * Two app instances (two processes on one database) taking one shop's storefront traffic: with
 * REDIS_URL both spend the same per-shop bucket (app/platform/storefront/shared-buckets.server.ts),
 * so together they admit what one instance would, not twice it. Needs TEST_REDIS_URL (`npm run
 * db:redis`; .ci/run and `npm run test:pg` start it).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import prisma from "../../../app/db.server";
import { projectRoot } from "../../support/database";
import { testRedisUrl, pointAtTestRedis } from "../../support/redis";

const SHOP = "shared-limits.myshopify.com";
const BURST = 100;
/** Slow enough that refill during the test adds at most a few events. */
const PER_SECOND = 0.1;
const BATCHES = 20;
const EVENTS_PER_BATCH = 5;
const INSTANCE = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../support/processes/ingest-instance.ts");

function instance(tag: string): Promise<{ stored: number; refused: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", INSTANCE, SHOP, tag, String(BATCHES), String(EVENTS_PER_BATCH)],
      {
        cwd: projectRoot,
        env: {
          ...process.env,
          CHATLIFT_INGEST_SHOP_BURST: String(BURST),
          CHATLIFT_INGEST_SHOP_EVENTS_PER_S: String(PER_SECOND),
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("exit", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !last.startsWith("{")) reject(new Error(`instance ${tag} exited ${code}: ${err.slice(-1500)}`));
      else resolve(JSON.parse(last) as { stored: number; refused: number });
    });
  });
}

describe.skipIf(!testRedisUrl)("one shop's ingest limit held by two instances sharing Redis", () => {
  it(
    `GIVEN a shop limit of ${BURST} events and REDIS_URL on both instances WHEN each sends ${BATCHES * EVENTS_PER_BATCH} events at once THEN together they store about ${BURST} and refuse the rest with 429`,
    { timeout: 90_000 },
    async () => {
      pointAtTestRedis();
      await prisma.shop.create({ data: { domain: SHOP } });
      const startedAt = Date.now();
      const [a, b] = await Promise.all([instance("a"), instance("b")]);
      const refill = Math.ceil(((Date.now() - startedAt) / 1000) * PER_SECOND);

      // THEN the two instances' stores add up to one shop bucket (plus what refilled meanwhile)
      const stored = a.stored + b.stored;
      expect(stored).toBeGreaterThanOrEqual(BURST);
      expect(stored).toBeLessThanOrEqual(BURST + refill * EVENTS_PER_BATCH);
      expect(a.refused + b.refused).toBe(2 * BATCHES * EVENTS_PER_BATCH - stored);
      // AND the database holds exactly what was admitted
      expect(await prisma.chatEvent.count({ where: { shopDomain: SHOP } })).toBe(stored);
    },
  );
});
