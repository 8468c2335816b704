import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { sessionStorage } from "../../../app/shopify.server";
import { action } from "../../../app/routes/apps.chatlift.events";
import { resetIngestLimits } from "../../../app/capture/ingest.server";
import { recordUninstall } from "../../../app/platform/shops/shop-lifecycle.server";
import { signedProxyRequest, type SignedProxyOptions } from "../../support/http/signed-requests";
import { aBatch, anEmailCapture, anEvent, SESSION_ID } from "../../support/builders/events";
import { anOfflineSession } from "../../support/builders/sessions";
import { responseOf, routeArgs } from "../../support/http/responses";
import { freezeClock, NOW } from "../../support/clock";

const post = (options: SignedProxyOptions): Promise<Response> =>
  responseOf(action(routeArgs(signedProxyRequest(options))));

let shopCounter = 0;
/** Per run: PostgreSQL test runs share one database. */
const RUN = randomUUID().slice(0, 8);
async function anInstalledShop(): Promise<string> {
  shopCounter += 1;
  const shop = `ingest-${shopCounter}-${RUN}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop } });
  await sessionStorage().storeSession(anOfflineSession(shop));
  return shop;
}

const stored = (shop: string) => prisma.chatEvent.count({ where: { shopDomain: shop } });

beforeEach(() => {
  freezeClock();
  vi.spyOn(console, "info").mockImplementation(() => undefined);
  resetIngestLimits();
});

afterAll(async () => {
  vi.useRealTimers();
  await prisma.$disconnect();
});

describe("POST /apps/chatlift/events, a valid batch", () => {
  it("GIVEN a signed batch from an installed shop THEN it stores every event and the session once", async () => {
    const shop = await anInstalledShop();
    const batch = aBatch({
      page: { type: "product", path: "/products/linen-shirt", country: "DE" },
      events: [
        anEvent("session_started", {
          landingPath: "/collections/summer?utm_source=news",
          referrer: "https://news.example/",
          utm: { source: "news", medium: "email", campaign: "summer" },
          returning: true,
        }),
        anEvent("micro_conversion", { kind: "add_to_cart", value: 39.9, currency: "USD" }),
        anEmailCapture("Bob.Norman@Mail.Example.COM"),
      ],
    });

    const response = await post({ shop, body: batch, loggedInCustomerId: "207119551" });

    expect(await response.json()).toEqual({ accepted: 3, duplicates: 0 });
    expect(response.status).toBe(200);
    expect(await stored(shop)).toBe(3);
    const session = await prisma.chatSession.findUniqueOrThrow({
      where: { shopDomain_id: { shopDomain: shop, id: SESSION_ID } },
    });
    expect(session).toMatchObject({
      arm: "treatment",
      visitorId: batch.visitorId,
      landingPath: "/collections/summer?utm_source=news",
      pageType: "product",
      referrer: "https://news.example/",
      utmSource: "news",
      utmMedium: "email",
      utmCampaign: "summer",
      returning: true,
      country: "DE",
      customerId: "gid://shopify/Customer/207119551",
      email: "bob.norman@mail.example.com",
      eventCount: 3,
      microConversionCount: 2,
    });
    expect(
      await prisma.microConversion.findMany({
        where: { shopDomain: shop },
        select: { kind: true, valueMinor: true },
        orderBy: { kind: "asc" },
      }),
    ).toEqual([
      { kind: "add_to_cart", valueMinor: 3990n },
      { kind: "email_capture", valueMinor: null },
    ]);
    const lead = await prisma.lead.findUniqueOrThrow({
      where: { shopDomain_email: { shopDomain: shop, email: "bob.norman@mail.example.com" } },
    });
    expect(lead).toMatchObject({
      consentText: "Email me my size guide and offers",
      customerId: "gid://shopify/Customer/207119551",
      microConversionCount: 2,
    });
    // The event log never keeps the address itself.
    const events = await prisma.chatEvent.findMany({ where: { shopDomain: shop } });
    expect(events.map((event) => event.data ?? "").join()).not.toMatch(/mail\.example/i);
  });

  it("GIVEN the same batch delivered three times THEN its events are stored once and counted once", async () => {
    const shop = await anInstalledShop();
    const batch = aBatch();

    const answers = [];
    for (let attempt = 0; attempt < 3; attempt += 1) answers.push(await (await post({ shop, body: batch })).json());

    expect(answers).toEqual([
      { accepted: 2, duplicates: 0 },
      { accepted: 0, duplicates: 2 },
      { accepted: 0, duplicates: 2 },
    ]);
    expect(await stored(shop)).toBe(2);
    expect((await prisma.chatSession.findFirstOrThrow({ where: { shopDomain: shop } })).eventCount).toBe(2);
  });

  it("GIVEN a session's later batch arrives before the batch that starts it THEN the session keeps both batches and the landing page", async () => {
    const shop = await anInstalledShop();
    const later = aBatch({ events: [anEvent("chat_opened"), anEvent("micro_conversion", { kind: "add_to_cart" })] });
    const first = aBatch({
      events: [anEvent("session_started", { landingPath: "/collections/summer" }), anEvent("prompt_shown")],
    });

    const answers = [
      await (await post({ shop, body: later })).json(),
      await (await post({ shop, body: first })).json(),
    ];

    expect(answers).toEqual([
      { accepted: 2, duplicates: 0 },
      { accepted: 2, duplicates: 0 },
    ]);
    expect(await stored(shop)).toBe(4);
    expect(
      await prisma.chatSession.findMany({
        where: { shopDomain: shop },
        select: { id: true, landingPath: true, eventCount: true, microConversionCount: true },
      }),
    ).toEqual([{ id: SESSION_ID, landingPath: "/collections/summer", eventCount: 4, microConversionCount: 1 }]);
  });

  it("GIVEN a client clock a year off THEN the event is stamped within the day before receipt, skew corrected", async () => {
    const shop = await anInstalledShop();
    const skewed = NOW.getTime() + 3_600_000; // the phone runs an hour fast
    const batch = aBatch({
      sentAt: skewed,
      events: [
        anEvent("prompt_shown", { occurredAt: skewed - 5_000 }),
        anEvent("chat_opened", { occurredAt: Date.UTC(2000, 0, 1) }),
      ],
    });

    await post({ shop, body: batch });

    const times = await prisma.chatEvent.findMany({
      where: { shopDomain: shop },
      orderBy: { occurredAt: "asc" },
      select: { type: true, occurredAt: true },
    });
    expect(times).toEqual([
      { type: "chat_opened", occurredAt: new Date(NOW.getTime() - 24 * 3_600_000) },
      { type: "prompt_shown", occurredAt: new Date(NOW.getTime() - 5_000) },
    ]);
  });

  it("GIVEN a bot's user agent THEN it answers 202 and stores nothing", async () => {
    const shop = await anInstalledShop();
    const response = await post({
      shop,
      body: aBatch(),
      userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    });
    expect(response.status).toBe(202);
    expect(await stored(shop)).toBe(0);
  });
});

describe("POST /apps/chatlift/events, refused requests store nothing", () => {
  it.each([
    ["signed with another secret", { secret: "not-the-app-secret" }],
    ["with a forged signature", { signature: "0".repeat(64) }],
    ["signed ten minutes ago (a replay)", { timestamp: Math.floor(NOW.getTime() / 1000) - 600 }],
  ])("GIVEN a request %s THEN it answers 400", async (_label, options) => {
    const shop = await anInstalledShop();
    const response = await post({ shop, body: aBatch(), ...options });
    expect(response.status).toBe(400);
    expect(await stored(shop)).toBe(0);
  });

  it("GIVEN a body over 64 KB THEN it answers 413", async () => {
    const shop = await anInstalledShop();
    const big = aBatch({ events: [anEvent("session_started", { landingPath: "/" + "x".repeat(2000) })] });
    const body = JSON.stringify(big).replace("{", `{"padding":"${"p".repeat(65 * 1024)}",`);
    const response = await post({ shop, body });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "a batch is at most 65536 bytes" });
    expect(await stored(shop)).toBe(0);
  });

  it("GIVEN 51 events THEN it answers 413 saying the limit", async () => {
    const shop = await anInstalledShop();
    const events = Array.from({ length: 51 }, () => anEvent("step_viewed"));
    const response = await post({ shop, body: aBatch({ events }) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "a batch holds at most 50 events (got 51)" });
    expect(await stored(shop)).toBe(0);
  });

  it("GIVEN a body that is not JSON THEN it answers 400", async () => {
    const shop = await anInstalledShop();
    const response = await post({ shop, body: "{events: [" });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "body is not JSON" });
  });

  it("GIVEN several bad fields THEN it answers 400 naming every one, and stores none of the batch", async () => {
    const shop = await anInstalledShop();
    const batch = {
      ...aBatch(),
      page: { type: "product", path: "/products/linen-shirt", country: "germany" },
      visitorId: "no spaces allowed",
      events: [
        anEvent("prompt_shown"),
        { ...anEvent("chat_opened"), id: "not-a-uuid" },
        { ...anEvent("step_viewed"), occurredAt: -5 },
      ],
    };
    const response = await post({ shop, body: batch });
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { issues: Array<{ path: string }> };
    expect(answer.issues.map((issue) => issue.path).sort()).toEqual([
      "events.1.id",
      "events.2.occurredAt",
      "page.country",
      "visitorId",
    ]);
    expect(await stored(shop)).toBe(0);
  });

  it("GIVEN a shop with no offline session (unknown or uninstalled) THEN it answers 404 and stores nothing", async () => {
    const shop = `never-installed-${process.pid}.myshopify.com`;
    const response = await post({ shop, body: aBatch() });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: `ChatLift is not installed on ${shop}: nothing stored` });
    expect(await stored(shop)).toBe(0);
  });

  it("GIVEN a shop that just posted a batch WHEN app/uninstalled is recorded THEN its next batch answers 404 and stores nothing", async () => {
    const shop = await anInstalledShop();
    expect((await post({ shop, body: aBatch() })).status).toBe(200);

    await recordUninstall(shop);

    expect((await post({ shop, body: aBatch() })).status).toBe(404);
    expect(await stored(shop)).toBe(2);
  });

  it("GIVEN a session but a shop marked uninstalled THEN it answers 404 and stores nothing", async () => {
    const shop = await anInstalledShop();
    await prisma.shop.update({ where: { domain: shop }, data: { uninstalledAt: NOW } });
    expect((await post({ shop, body: aBatch() })).status).toBe(404);
    expect(await stored(shop)).toBe(0);
  });

  it("GIVEN a GET THEN it answers 405", async () => {
    const shop = await anInstalledShop();
    expect((await post({ shop, method: "GET" })).status).toBe(405);
  });
});

describe("POST /apps/chatlift/events, rate limits", () => {
  it("GIVEN one visitor flooding THEN it answers 429 with Retry-After, and accepts again once the bucket refills", async () => {
    const shop = await anInstalledShop();
    const batchOf50 = () => aBatch({ events: Array.from({ length: 50 }, () => anEvent("step_viewed")) });
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await post({ shop, body: batchOf50() })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);

    const refused = await post({ shop, body: batchOf50() });
    expect(refused.headers.get("Retry-After")).toBe("25");
    expect(await stored(shop)).toBe(200);

    vi.setSystemTime(NOW.getTime() + 25_000);
    expect((await post({ shop, body: batchOf50() })).status).toBe(200);
  });
});
