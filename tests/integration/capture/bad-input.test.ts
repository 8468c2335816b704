/**
 * Every bad input a clear 4xx, never a 5xx, never a silent loss, the same on SQLite and PostgreSQL:
 * money fields a widget batch carries are bounded at the edge, and text holding a NUL or an
 * unpaired surrogate is cleaned before it is stored (PostgreSQL refuses both; SQLite cut text at
 * the NUL), whether it came through the app proxy or in an order webhook. Over real HTTP.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { sessionStorage } from "../../../app/shopify.server";
import { action as events } from "../../../app/routes/apps.chatlift.events";
import { action as ordersCreate } from "../../../app/routes/webhooks.orders.create";
import { resetIngestLimits } from "../../../app/capture/ingest.server";
import { registerAppJobs } from "../../../app/jobs.server";
import { drainJobs } from "../../../app/platform/jobs/runner.server";
import { MAX_MONEY_VALUE } from "../../../contract/events";
import { signedProxyQuery, signedWebhookRequest } from "../../support/http/signed-requests";
import { serveRoutes, type RouteServer } from "../../support/http/route-server";
import { aBatch, anEvent } from "../../support/builders/events";
import { anOfflineSession } from "../../support/builders/sessions";
import { anOrderPayload } from "../../../sandbox/shopify/order-payloads";
import { freezeClock, HOUR, NOW } from "../../support/clock";

const RUN = randomUUID().slice(0, 8);
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const NUL = "\u0000";
const LONE_HIGH = "\uD83D";

let server: RouteServer;
let shopCounter = 0;

async function anInstalledShop(): Promise<string> {
  shopCounter += 1;
  const shop = `bad-input-${shopCounter}-${RUN}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop, currency: "USD" } });
  await sessionStorage().storeSession(anOfflineSession(shop));
  return shop;
}

async function postBatch(shop: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${server.origin}/apps/chatlift/events?${signedProxyQuery({ shop }).toString()}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "User-Agent": BROWSER },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function deliverOrder(shop: string, payload: unknown, rawBody?: string): Promise<number> {
  const signed = signedWebhookRequest("/webhooks/orders/create", { topic: "orders/create", payload, shop, rawBody });
  const response = await fetch(`${server.origin}/webhooks/orders/create`, {
    method: "POST",
    headers: Object.fromEntries(signed.headers),
    body: await signed.text(),
  });
  await response.arrayBuffer();
  return response.status;
}

const anAddToCart = (value: number, currency: string) => anEvent("micro_conversion", { value, currency });

beforeAll(async () => {
  server = await serveRoutes({ "/apps/chatlift/events": events, "/webhooks/orders/create": ordersCreate });
});

beforeEach(() => {
  freezeClock();
  vi.spyOn(console, "info").mockImplementation(() => undefined);
  resetIngestLimits();
  registerAppJobs();
});

afterAll(async () => {
  vi.useRealTimers();
  await server.close();
  await prisma.$disconnect();
});

describe("money in a widget batch", () => {
  it.each([
    ["a value past any cart", 1e20, "USD"],
    ["a value too large to print as a decimal", 1e21, "USD"],
    ["a currency that is not three capitals", 12, "us$"],
    ["a lower-case currency", 12, "usd"],
  ])("GIVEN %s WHEN posted THEN 400 names the field and nothing is stored", async (_what, value, currency) => {
    const shop = await anInstalledShop();

    const answer = await postBatch(
      shop,
      aBatch({ events: [anEvent("session_started"), anAddToCart(value, currency)] }),
    );

    expect(answer.status).toBe(400);
    const field = currency === "USD" ? "events.1.value" : "events.1.currency";
    expect(answer.json.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    expect(await prisma.chatEvent.count({ where: { shopDomain: shop } })).toBe(0);
  });

  it("GIVEN the largest value allowed, in a three-decimal currency WHEN posted THEN it is stored to the minor unit", async () => {
    const shop = await anInstalledShop();

    const answer = await postBatch(
      shop,
      aBatch({ events: [anEvent("session_started"), anAddToCart(MAX_MONEY_VALUE, "KWD")] }),
    );

    expect(answer.status).toBe(200);
    const micro = await prisma.microConversion.findFirstOrThrow({ where: { shopDomain: shop } });
    expect(micro.valueMinor).toBe(BigInt(MAX_MONEY_VALUE) * 1000n);
  });
});

describe("text holding a NUL or an unpaired surrogate", () => {
  it("GIVEN a batch whose landing path and referrer hold them WHEN posted THEN 200 and both are stored cleaned", async () => {
    const shop = await anInstalledShop();
    const started = anEvent("session_started", {
      landingPath: `/products/linen${NUL}-shirt`,
      referrer: `https://example.com/${LONE_HIGH}x`,
    });

    const answer = await postBatch(shop, aBatch({ events: [started] }));

    expect(answer.status).toBe(200);
    const session = await prisma.chatSession.findFirstOrThrow({ where: { shopDomain: shop } });
    expect(session.landingPath).toBe("/products/linen-shirt");
    expect(session.referrer).toBe("https://example.com/\uFFFDx");
  });

  it("GIVEN an order whose line title holds a NUL and an unpaired surrogate WHEN delivered THEN 200 and the order is stored, its title cleaned", async () => {
    const shop = await anInstalledShop();
    const order = anOrderPayload(new Date(NOW.getTime() - HOUR));
    order.line_items[0] = { ...order.line_items[0]!, title: `Linen${NUL} shirt ${LONE_HIGH}(M)` };

    const status = await deliverOrder(shop, order);
    await drainJobs();

    expect(status).toBe(200);
    const stored = await prisma.order.findUniqueOrThrow({
      where: { id: order.admin_graphql_api_id },
      include: { lines: true },
    });
    expect(stored.shopDomain).toBe(shop);
    expect(stored.lines.map((line) => line.title)).toContain("Linen shirt \uFFFD(M)");
  });
});

describe("a signed webhook nested deeper than any Shopify payload", () => {
  it("GIVEN an order body nested 50,000 levels deep, signed WHEN delivered THEN 200, kept as a dead letter with its reason, nothing queued", async () => {
    const shop = await anInstalledShop();
    vi.spyOn(console, "warn").mockImplementation(() => undefined);

    const status = await deliverOrder(shop, null, `{"id":1,"x":${"[".repeat(50_000)}${"]".repeat(50_000)}}`);

    expect(status).toBe(200);
    const letter = await prisma.webhookDeadLetter.findFirstOrThrow({ where: { shopDomain: shop } });
    expect(letter.reason).toBe("JSON nested deeper than 64 levels");
    expect(await prisma.webhookDelivery.count({ where: { shopDomain: shop } })).toBe(0);
  });
});
