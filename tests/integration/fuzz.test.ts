/**
 * A few thousand hostile bodies (seeded: the same every run, a failure names its seed and case)
 * against the app-proxy routes and the order webhooks, really signed, over real HTTP: not one 5xx,
 * not one connection reset, and nothing stored from a body the app refused, nor under a shop a
 * signed body was replayed to. `npm run bench -- fuzz` sends 10,000 to the production start.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import prisma from "../../app/db.server";
import { sessionStorage } from "../../app/shopify.server";
import { action as events } from "../../app/routes/apps.chatlift.events";
import { action as answers } from "../../app/routes/apps.chatlift.answers";
import { action as ordersCreate } from "../../app/routes/webhooks.orders.create";
import { action as ordersUpdated } from "../../app/routes/webhooks.orders.updated";
import { action as ordersCancelled } from "../../app/routes/webhooks.orders.cancelled";
import { action as refundsCreate } from "../../app/routes/webhooks.refunds.create";
import { resetIngestLimits } from "../../app/capture/ingest.server";
import { registerAppJobs } from "../../app/jobs.server";
import { drainJobs } from "../../app/platform/jobs/runner.server";
import { fuzzCases } from "../../scripts/bench/fuzz/bodies";
import { sendAll, storedFromRejected, type FuzzTarget } from "../../scripts/bench/fuzz/send";
import { serveRoutes, type RouteServer } from "../support/http/route-server";
import { anOfflineSession } from "../support/builders/sessions";
import { freezeClock } from "../support/clock";

const SEED = 20261204;
const BODIES = 2_000;
const RUN = randomUUID().slice(0, 8);

let server: RouteServer;
let target: FuzzTarget;

beforeAll(async () => {
  freezeClock();
  for (const method of ["log", "info", "warn", "error"] as const)
    vi.spyOn(console, method).mockImplementation(() => undefined);
  server = await serveRoutes({
    "/apps/chatlift/events": events,
    "/apps/chatlift/answers": answers,
    "/webhooks/orders/create": ordersCreate,
    "/webhooks/orders/updated": ordersUpdated,
    "/webhooks/orders/cancelled": ordersCancelled,
    "/webhooks/refunds/create": refundsCreate,
  });
  target = {
    origin: server.origin,
    shop: `fuzz-${RUN}.myshopify.com`,
    otherShop: `fuzz-other-${RUN}.myshopify.com`,
    secret: API_SECRET_KEY,
  };
  for (const shop of [target.shop, target.otherShop]) {
    await prisma.shop.create({ data: { domain: shop, currency: "USD" } });
    await sessionStorage().storeSession(anOfflineSession(shop));
  }
  resetIngestLimits();
  registerAppJobs();
});

afterAll(async () => {
  vi.useRealTimers();
  await server.close();
  await prisma.$disconnect();
});

it(`GIVEN ${BODIES} hostile bodies (seed ${SEED}) to the proxy and order webhook routes WHEN sent signed over HTTP THEN no 5xx, no reset, nothing stored from a refused body`, async () => {
  const cases = fuzzCases(SEED, BODIES);

  const tally = await sendAll(target, cases, { beforeReplays: () => drainJobs().then(() => undefined) });
  await drainJobs();

  expect(tally.failures).toEqual([]);
  expect({
    requests: tally.requests,
    status_5xx: tally.status_5xx,
    resets: tally.resets,
    stored_from_rejected: await storedFromRejected(prisma, target, tally),
  }).toEqual({ requests: BODIES, status_5xx: 0, resets: 0, stored_from_rejected: 0 });
  // The bodies bent little still arrive: the fuzz is not all refusals.
  expect(await prisma.chatEvent.count({ where: { shopDomain: target.shop } })).toBeGreaterThan(100);
  expect(await prisma.order.count({ where: { shopDomain: target.shop } })).toBeGreaterThan(50);
}, 120_000);
