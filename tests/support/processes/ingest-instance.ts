/**
 * One app instance's ingest, as a load balancer would hand it half of a shop's storefront traffic:
 * `tsx ingest-instance.ts <shop> <tag> <batches> <events-per-batch>`, each batch from a visitor of
 * its own (so only the shop's limit can refuse it). Prints one JSON line: events stored and refused.
 */
import { ingestBatch } from "../../../app/capture/ingest.server";
import { closeSharedRedis } from "../../../app/platform/db/redis.server";
import prisma from "../../../app/db.server";
import { aBatch, anEvent } from "../builders/events";

const [shop, tag, batchesText, sizeText] = process.argv.slice(2) as [string, string, string, string];
let stored = 0;
let refused = 0;
for (let index = 0; index < Number(batchesText); index += 1) {
  const sessionId = `sess_${tag}_${index}`;
  const result = await ingestBatch({
    shopDomain: shop,
    batch: aBatch({
      visitorId: `visitor_${tag}_${index}`,
      events: Array.from({ length: Number(sizeText) }, () => anEvent("step_viewed", { sessionId })),
    }),
  });
  if (result.status === "stored") stored += result.accepted;
  else if (result.status === "rate_limited" && result.scope === "shop") refused += Number(sizeText);
  else throw new Error(`unexpected ingest result ${JSON.stringify(result)}`);
}
await closeSharedRedis();
await prisma.$disconnect();
console.log(JSON.stringify({ stored, refused }));
