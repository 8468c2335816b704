/**
 * Request bodies are limited before they are read in full, over real HTTP (a refusal that resets the
 * connection only shows on the wire): Shopify's webhooks at 5 MiB, the storefront's app-proxy routes at
 * their own limits, with a Content-Length or chunked, and the client always gets its 413.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../app/db.server";
import { sessionStorage } from "../../app/shopify.server";
import { action as ordersCreate } from "../../app/routes/webhooks.orders.create";
import { action as customersRedact } from "../../app/routes/webhooks.customers.redact";
import { action as events } from "../../app/routes/apps.chatlift.events";
import { action as answers } from "../../app/routes/apps.chatlift.answers";
import { MAX_WEBHOOK_BYTES } from "../../app/webhooks.server";
import { MAX_BATCH_BYTES } from "../../contract/events";
import { MAX_QUESTION_BYTES } from "../../contract/answers";
import { signedProxyQuery, signedWebhookRequest } from "../support/http/signed-requests";
import { serveRoutes, streamedPost, type RouteServer } from "../support/http/route-server";
import { anOfflineSession } from "../support/builders/sessions";
import { freezeClock } from "../support/clock";

const MiB = 1024 * 1024;
const RUN = randomUUID().slice(0, 8);
const SHOP = `body-limits-${RUN}.myshopify.com`;
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

let server: RouteServer;

beforeAll(async () => {
  server = await serveRoutes({
    "/webhooks/orders/create": ordersCreate,
    "/webhooks/customers/redact": customersRedact,
    "/apps/chatlift/events": events,
    "/apps/chatlift/answers": answers,
  });
  await prisma.shop.create({ data: { domain: SHOP } });
  await sessionStorage().storeSession(anOfflineSession(SHOP));
});

beforeEach(() => {
  freezeClock();
  vi.spyOn(console, "info").mockImplementation(() => undefined);
});

afterAll(async () => {
  vi.useRealTimers();
  await server.close();
  await prisma.$disconnect();
});

/** The headers Shopify sends with a webhook; the HMAC is over `signedBody`. */
function webhookHeaders(topic: string, signedBody: string): Record<string, string> {
  const request = signedWebhookRequest(`/webhooks/${topic}`, { topic, payload: null, rawBody: signedBody, shop: SHOP });
  return Object.fromEntries(request.headers);
}

const proxyUrl = (path: string) => `${server.origin}${path}?${signedProxyQuery({ shop: SHOP }).toString()}`;

describe("webhook bodies", () => {
  it("GIVEN an unsigned 64 MiB body with its Content-Length WHEN posted THEN 413 naming the limit comes before the body is sent", async () => {
    const body = Buffer.alloc(64 * MiB, "a");

    const answer = await streamedPost({
      url: `${server.origin}/webhooks/orders/create`,
      headers: { ...webhookHeaders("orders/create", "{}"), "Content-Length": String(body.length) },
      body,
      holdAfter: MiB,
    });

    expect(answer.error).toBeUndefined();
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error).toContain("5 MiB");
    expect(answer.sentWhenAnswered).toBeLessThanOrEqual(MiB);
  });

  it("GIVEN a chunked body past the limit (no Content-Length) WHEN posted THEN 413 once the limit is passed, and no reset", async () => {
    const body = Buffer.alloc(MAX_WEBHOOK_BYTES + 3 * MiB, "a");

    const answer = await streamedPost({
      url: `${server.origin}/webhooks/customers/redact`,
      headers: webhookHeaders("customers/redact", "{}"),
      body,
      holdAfter: MAX_WEBHOOK_BYTES + MiB,
    });

    expect(answer.error).toBeUndefined();
    expect(answer.status).toBe(413);
    expect(answer.sentWhenAnswered).toBeLessThan(body.length);
  });

  it("GIVEN a signed 3 MB order sent chunked WHEN posted THEN it is received (200) and queued", async () => {
    const order = JSON.stringify({ id: 820982911946154500, note: "n".repeat(3_000_000), line_items: [] });

    const answer = await streamedPost({
      url: `${server.origin}/webhooks/orders/create`,
      headers: webhookHeaders("orders/create", order),
      body: Buffer.from(order),
    });

    expect(answer).toMatchObject({ status: 200 });
    expect(answer.error).toBeUndefined();
    expect(await prisma.webhookDelivery.count({ where: { shopDomain: SHOP, topic: "orders/create" } })).toBe(1);
  });
});

describe("app-proxy bodies", () => {
  it.each([
    { path: "/apps/chatlift/events", limit: MAX_BATCH_BYTES },
    { path: "/apps/chatlift/answers", limit: MAX_QUESTION_BYTES },
  ])(
    "GIVEN a chunked body of 1 MiB to $path WHEN posted THEN 413 naming the limit, no connection reset",
    async ({ path, limit }) => {
      const answer = await streamedPost({
        url: proxyUrl(path),
        headers: { "Content-Type": "application/json", "User-Agent": BROWSER },
        body: Buffer.alloc(MiB, " "),
        holdAfter: 256 * 1024,
      });

      expect(answer.error).toBeUndefined();
      expect(answer.status).toBe(413);
      expect(answer.body).toContain(String(limit));
      expect(await prisma.chatEvent.count({ where: { shopDomain: SHOP } })).toBe(0);
    },
  );
});
