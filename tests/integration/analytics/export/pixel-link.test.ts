/**
 * The pixel's link over real HTTP: a token issued through a really signed app-proxy request, then
 * POST /pixel/link as the pixel's sendBeacon sends it (text/plain JSON). A valid link stores the
 * checkout's order and the visitor's consent and credits the order by "checkout linked by the
 * pixel" when its cart attribute was lost; the same link again changes nothing; a forged token, a
 * replayed one (another order), a token for a shop that is not installed and a flood are refused
 * with nothing stored.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import prisma from "../../../../app/db.server";
import { sessionStorage } from "../../../../app/shopify.server";
import { action as pixelLinkRoute } from "../../../../app/routes/pixel.link";
import { action as linkTokenRoute } from "../../../../app/routes/apps.chatlift.link-token";
import { action as eventsRoute } from "../../../../app/routes/apps.chatlift.events";
import { resetIngestLimits } from "../../../../app/capture/ingest.server";
import { resetPixelLinkLimits } from "../../../../app/analytics/export/pixel-link.server";
import { pixelTokenKey, signPixelToken } from "../../../../app/analytics/export/pixel-token";
import { saveOrder } from "../../../../app/attribution/orders/orders.server";
import { orderFromPayload, orderPayloadSchema } from "../../../../app/attribution/orders/order-payload";
import { attributeStoredOrder } from "../../../../app/attribution/attribute-order.server";
import { anOrderPayload } from "../../../../sandbox/shopify/order-payloads";
import { PIXEL_LINK_PATH, PIXEL_TOKEN_PATH } from "../../../../contract/pixel-link";
import { aBatch, anEvent } from "../../../support/builders/events";
import { anOfflineSession } from "../../../support/builders/sessions";
import { aPixelLink } from "../../../support/builders/pixel-links";
import { freezeClock, HOUR, NOW } from "../../../support/clock";
import { serveRoutes, type RouteServer } from "../../../support/http/route-server";
import { responseOf, routeArgs } from "../../../support/http/responses";
import { BROWSER_USER_AGENT, signedProxyQuery, signedProxyRequest } from "../../../support/http/signed-requests";

const RUN = randomUUID().slice(0, 8);
let server: RouteServer;
let shops = 0;

beforeAll(async () => {
  server = await serveRoutes({ [PIXEL_LINK_PATH]: pixelLinkRoute, [PIXEL_TOKEN_PATH]: linkTokenRoute });
});
afterAll(() => server.close());
beforeEach(() => {
  freezeClock(NOW);
  resetIngestLimits();
  resetPixelLinkLimits();
});

async function anInstalledShop(): Promise<string> {
  shops += 1;
  const shop = `pixel-${RUN}-${shops}.myshopify.com`;
  await sessionStorage().storeSession(anOfflineSession(shop));
  await prisma.shop.create({ data: { domain: shop } });
  return shop;
}

async function issueToken(shop: string, sessionId: string): Promise<Response> {
  const query = signedProxyQuery({ shop });
  return fetch(`${server.origin}${PIXEL_TOKEN_PATH}?${query.toString()}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "User-Agent": BROWSER_USER_AGENT },
    body: JSON.stringify({ sessionId, visitorId: `visitor_${RUN}` }),
  });
}

/** As navigator.sendBeacon posts a string: text/plain, no preflight. */
function beacon(link: unknown): Promise<Response> {
  return fetch(`${server.origin}${PIXEL_LINK_PATH}`, {
    method: "POST",
    headers: { "Content-Type": "text/plain;charset=UTF-8" },
    body: JSON.stringify(link),
  });
}

/** A chat whose shopper added to cart an hour before the order; the order lost its cart attribute. */
async function aChatAndItsOrderWithoutCartAttribute(shop: string) {
  const sessionId = `sess_${RUN}_${shops}`;
  const add = anEvent("micro_conversion", {
    sessionId,
    occurredAt: NOW.getTime() - 2 * HOUR,
    value: 59,
    currency: "EUR",
  });
  const events = await responseOf(
    eventsRoute(routeArgs(signedProxyRequest({ shop, body: aBatch({ sentAt: NOW.getTime(), events: [add] }) }))),
  );
  expect(events.status).toBe(200);
  const payload = anOrderPayload(new Date(NOW.getTime() - HOUR), { email: `guest-${RUN}@example.com` });
  await saveOrder(shop, orderFromPayload(orderPayloadSchema.parse(payload)), "webhook");
  await attributeStoredOrder(payload.admin_graphql_api_id, NOW);
  return { sessionId, orderId: payload.admin_graphql_api_id, numericId: String(payload.id) };
}

describe("POST /pixel/link", () => {
  it("GIVEN a token issued through the signed proxy WHEN the pixel links the checkout THEN the order is credited by the pixel rule and the consent kept", async () => {
    const shop = await anInstalledShop();
    const chat = await aChatAndItsOrderWithoutCartAttribute(shop);
    expect(await prisma.credit.count({ where: { orderId: chat.orderId } })).toBe(0);
    const issued = await issueToken(shop, chat.sessionId);
    expect(issued.status).toBe(200);
    const { token } = (await issued.json()) as { token: string };

    const response = await beacon(aPixelLink(shop, token, { orderId: chat.numericId }));

    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(await response.json()).toEqual({ status: "linked" });
    expect(await prisma.pixelLink.findMany({ where: { shopDomain: shop } })).toMatchObject([
      { orderId: chat.orderId, sessionId: chat.sessionId, checkoutToken: "c1-abc" },
    ]);
    const credit = await prisma.credit.findFirst({
      where: { orderId: chat.orderId, model: "last_touch", windowDays: 7 },
    });
    expect(credit).toMatchObject({ chatSessionId: chat.sessionId, rule: "pixel_checkout", confidence: 0.85 });
    expect(credit?.explanation).toContain(
      `the ChatLift pixel saw this checkout complete in the browser of chat session ${chat.sessionId}`,
    );
    expect(
      await prisma.analyticsConsent.findUnique({
        where: { shopDomain_sessionId: { shopDomain: shop, sessionId: chat.sessionId } },
      }),
    ).toMatchObject({ analytics: true, marketing: false, gaClientId: "1234567890.1700000000" });

    const again = await beacon(aPixelLink(shop, token, { orderId: chat.numericId }));
    expect(await again.json()).toEqual({ status: "already_linked" });
    expect(await prisma.pixelLink.count({ where: { shopDomain: shop } })).toBe(1);
  });

  it("GIVEN a token with one changed character WHEN linked THEN 401 and nothing stored", async () => {
    const shop = await anInstalledShop();
    const { token } = (await (await issueToken(shop, `sess_${RUN}_forged`)).json()) as { token: string };
    const forged = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;

    const response = await beacon(aPixelLink(shop, forged));

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "token forged" });
    expect(await prisma.pixelLink.count({ where: { shopDomain: shop } })).toBe(0);
    expect(await prisma.analyticsConsent.count({ where: { shopDomain: shop } })).toBe(0);
  });

  it("GIVEN a token that linked one order WHEN it is sent again for another order THEN 409 replayed and nothing stored", async () => {
    const shop = await anInstalledShop();
    const { token } = (await (await issueToken(shop, `sess_${RUN}_replay`)).json()) as { token: string };
    expect((await beacon(aPixelLink(shop, token, { orderId: "5000000101" }))).status).toBe(200);

    const replay = await beacon(aPixelLink(shop, token, { orderId: "5000000102" }));

    expect(replay.status).toBe(409);
    expect(await replay.json()).toEqual({ error: "token already linked another order (replayed)" });
    expect((await prisma.pixelLink.findMany({ where: { shopDomain: shop } })).map((link) => link.orderId)).toEqual([
      "gid://shopify/Order/5000000101",
    ]);
  });

  it("GIVEN another shop's token or a shop that is not installed WHEN linked THEN refused and nothing stored", async () => {
    const shop = await anInstalledShop();
    const { token } = (await (await issueToken(shop, `sess_${RUN}_other`)).json()) as { token: string };
    const stranger = `stranger-${RUN}.myshopify.com`;
    expect((await beacon(aPixelLink(stranger, token))).status).toBe(401);

    // A genuine token for a shop that never installed (or uninstalled): no proxy would issue one, but it must not store.
    const key = pixelTokenKey(process.env.SHOPIFY_API_SECRET ?? "");
    const strangerToken = signPixelToken(
      { shop: stranger, sessionId: `sess_${RUN}_x`, visitorId: "visitor_x1234567", issuedAt: NOW.getTime() },
      key,
    );
    const response = await beacon(aPixelLink(stranger, strangerToken));
    expect(response.status).toBe(404);
    expect(await prisma.pixelLink.count({ where: { shopDomain: stranger } })).toBe(0);
    expect(await prisma.analyticsConsent.count({ where: { shopDomain: stranger } })).toBe(0);
    expect((await issueToken(stranger, `sess_${RUN}_y`)).status).toBe(404);
  });

  it("GIVEN a token older than 30 days WHEN linked THEN 401 expired", async () => {
    const shop = await anInstalledShop();
    const old = signPixelToken(
      { shop, sessionId: `sess_${RUN}_old`, visitorId: "visitor_x1234567", issuedAt: NOW.getTime() - 31 * 24 * HOUR },
      pixelTokenKey(process.env.SHOPIFY_API_SECRET ?? ""),
    );
    const response = await beacon(aPixelLink(shop, old));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "token expired" });
  });

  it("GIVEN one token sending links in a loop WHEN past its burst THEN 429 with Retry-After", async () => {
    const shop = await anInstalledShop();
    const { token } = (await (await issueToken(shop, `sess_${RUN}_flood`)).json()) as { token: string };
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) statuses.push((await beacon(aPixelLink(shop, token, { kind: "consent" }))).status);
    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it("GIVEN a body that is not a link WHEN posted THEN 400 naming the fields", async () => {
    const response = await beacon({ v: 1, shop: "not a shop", kind: "checkout_completed" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe("invalid link: shop, token, eventId, consent");
  });
});
