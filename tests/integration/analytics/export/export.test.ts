/**
 * Chat events exported to GA4 and Mixpanel through the job queue, against the local stand-ins:
 * events stored by the real events route (really signed proxy requests), consent as the pixel
 * reports it, the exact payloads asserted at both stand-ins; no email or typed question ever in
 * a recorded request; nothing for a visitor without consent; an outage of both platforms delays
 * and then delivers everything once; a refused Mixpanel token parks the job with Mixpanel's error.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

process.env.ENCRYPTION_KEY = randomBytes(32).toString("base64");

import prisma from "../../../../app/db.server";
import { action as eventsRoute } from "../../../../app/routes/apps.chatlift.events";
import { resetIngestLimits } from "../../../../app/capture/ingest.server";
import { destinationHealth } from "../../../../app/analytics/export/destinations.server";
import { recordAnalyticsConsent } from "../../../../app/analytics/export/consent.server";
import { EXPORT_JOB } from "../../../../app/analytics/export/destination";
import { startGa4Sandbox, type Ga4Sandbox } from "../../../../sandbox/ga4/server";
import { startMixpanelSandbox, type MixpanelSandbox } from "../../../../sandbox/mixpanel/server";
import { aBatch, anEmailCapture, anEvent } from "../../../support/builders/events";
import { aShopExportingTo, runExportsAt } from "../../../support/builders/export-scene";
import { freezeClock, MINUTE, NOW } from "../../../support/clock";
import { responseOf, routeArgs } from "../../../support/http/responses";
import { signedProxyRequest } from "../../../support/http/signed-requests";

const RUN = randomUUID().slice(0, 8);
const LATER = new Date(NOW.getTime() + 5 * MINUTE);
let ga4: Ga4Sandbox;
let mixpanel: MixpanelSandbox;
let shops = 0;

beforeAll(async () => {
  [ga4, mixpanel] = await Promise.all([startGa4Sandbox({ now: () => LATER.getTime() }), startMixpanelSandbox()]);
});
afterAll(async () => {
  await Promise.all([ga4.close(), mixpanel.close()]);
});
beforeEach(() => {
  freezeClock(NOW);
  resetIngestLimits();
  ga4.requests.length = 0;
  mixpanel.requests.length = 0;
  mixpanel.events.length = 0;
});

async function aShop(token?: string): Promise<string> {
  shops += 1;
  return aShopExportingTo(`export-${RUN}-${shops}.myshopify.com`, { ga4: ga4.url, mixpanel: mixpanel.url }, token);
}

async function send(shop: string, body: unknown): Promise<void> {
  const response = await responseOf(eventsRoute(routeArgs(signedProxyRequest({ shop, body }))));
  expect(response.status).toBe(200);
}

/** Runs the export jobs as the runner would, five minutes later (past the consent lag). */
const runExports = (at: Date = LATER) => runExportsAt(at);

const sessionOf = (visitor: string) => `sess_${RUN}_${visitor}`;

async function aConsentedChat(shop: string, visitor: string) {
  const sessionId = sessionOf(visitor);
  const at = NOW.getTime() - 60_000;
  const addId = randomUUID();
  const leadId = randomUUID();
  await send(
    shop,
    aBatch({
      visitorId: `visitor_${RUN}_${visitor}`,
      sentAt: NOW.getTime(),
      events: [
        anEvent("micro_conversion", {
          id: addId,
          sessionId,
          occurredAt: at,
          flowId: "size-help",
          productId: "632910392",
          productVariantId: "39072856",
          quantity: 2,
          value: 118,
          currency: "EUR",
        }),
        anEmailCapture("ann.shopper@example.com", {
          id: leadId,
          sessionId,
          occurredAt: at + 1000,
          flowId: "size-help",
        }),
      ],
    }),
  );
  // What the answers route stores for a typed question (already redacted, still the shopper's words).
  await prisma.chatEvent.create({
    data: {
      shopDomain: shop,
      id: randomUUID(),
      sessionId,
      type: "question_asked",
      occurredAt: new Date(at + 2000),
      receivedAt: NOW,
      data: JSON.stringify({
        question: "Does the linen shirt run small for my son Oskar?",
        locale: "en",
        pageType: "product",
      }),
    },
  });
  return { sessionId, addId, leadId, at };
}

describe("export to GA4 and Mixpanel", () => {
  it("GIVEN a consented chat and one without consent WHEN the export runs THEN both stand-ins hold exactly the consented events, no email, no question", async () => {
    const shop = await aShop();
    const chat = await aConsentedChat(shop, "a");
    await recordAnalyticsConsent(shop, chat.sessionId, {
      analytics: true,
      marketing: false,
      gaClientId: "1234567890.1700000000",
    });
    const other = await aConsentedChat(shop, "b"); // no consent recorded: never exported

    await runExports();

    expect(ga4.requests.map((request) => ({ path: request.path, kept: request.kept, body: request.body }))).toEqual([
      {
        path: "/mp/collect",
        kept: true,
        body: {
          client_id: "1234567890.1700000000",
          timestamp_micros: chat.at * 1000,
          consent: { ad_user_data: "DENIED", ad_personalization: "DENIED" },
          events: [
            {
              name: "add_to_cart",
              params: {
                flow_id: "size-help",
                currency: "EUR",
                value: 118,
                items: [{ item_id: "632910392", item_variant: "39072856", quantity: 2, price: 59 }],
                chat_session_id: chat.sessionId,
                chat_event_id: chat.addId,
                engagement_time_msec: 1,
              },
            },
            {
              name: "generate_lead",
              params: {
                flow_id: "size-help",
                chat_session_id: chat.sessionId,
                chat_event_id: chat.leadId,
                engagement_time_msec: 1,
              },
            },
            {
              name: "chat_question_asked",
              params: {
                locale: "en",
                page_type: "product",
                chat_session_id: chat.sessionId,
                chat_event_id: expect.any(String),
                engagement_time_msec: 1,
              },
            },
          ],
        },
      },
    ]);
    expect(ga4.requests.at(0)?.measurementId).toBe("G-CHATLIFT1");
    expect(ga4.requests.at(0)?.apiSecret).toBe("sandbox-secret");

    expect(mixpanel.requests).toHaveLength(1);
    expect(mixpanel.requests[0]).toMatchObject({ strict: true, authorized: true, status: 200 });
    const distinct = `visitor_${RUN}_a`;
    expect(mixpanel.events).toEqual([
      {
        event: "chat_add_to_cart",
        properties: {
          time: chat.at,
          distinct_id: distinct,
          $insert_id: chat.addId,
          chat_session_id: chat.sessionId,
          flow_id: "size-help",
          currency: "EUR",
          value: 118,
          items: [{ item_id: "632910392", item_variant: "39072856", quantity: 2, price: 59 }],
        },
      },
      {
        event: "chat_lead",
        properties: {
          time: chat.at + 1000,
          distinct_id: distinct,
          $insert_id: chat.leadId,
          chat_session_id: chat.sessionId,
          flow_id: "size-help",
        },
      },
      {
        event: "chat_question_asked",
        properties: {
          time: chat.at + 2000,
          distinct_id: distinct,
          $insert_id: expect.any(String),
          chat_session_id: chat.sessionId,
          locale: "en",
          page_type: "product",
        },
      },
    ]);

    const wire = JSON.stringify([ga4.requests, mixpanel.requests]);
    expect(wire).not.toContain("ann.shopper");
    expect(wire).not.toContain("Oskar");
    expect(wire).not.toContain("run small");
    expect(wire).not.toContain(other.sessionId);

    const health = await destinationHealth(shop);
    expect(
      health.map(({ kind, delivered, rejected, withheld, parked }) => ({
        kind,
        delivered,
        rejected,
        withheld,
        parked,
      })),
    ).toEqual(
      expect.arrayContaining([
        { kind: "ga4", delivered: 3, rejected: 0, withheld: 3, parked: false },
        { kind: "mixpanel", delivered: 3, rejected: 0, withheld: 3, parked: false },
      ]),
    );
  });

  it("GIVEN thirty events of one visitor WHEN exported to GA4 THEN two requests of 25 and 5", async () => {
    const shop = await aShop();
    const sessionId = sessionOf("many");
    const events = Array.from({ length: 30 }, (_, i) =>
      anEvent("step_viewed", {
        id: randomUUID(),
        sessionId,
        occurredAt: NOW.getTime() - 120_000 + i,
        flowId: "size-help",
        stepId: `s${i}`,
      }),
    );
    await send(shop, aBatch({ visitorId: `visitor_${RUN}_many`, sentAt: NOW.getTime(), events }));
    await recordAnalyticsConsent(shop, sessionId, { analytics: true, marketing: true, gaClientId: null });

    await runExports();

    const bodies = ga4.requests.map(
      (request) => request.body as { client_id: string; consent: unknown; events: unknown[] },
    );
    // Requests go out a few at a time: their order on the wire is not fixed.
    expect(bodies.map((body) => body.events.length).sort((a, b) => b - a)).toEqual([25, 5]);
    expect(bodies.at(0)?.client_id).toBe(`visitor_${RUN}_many`);
    expect(bodies.at(0)?.consent).toEqual({ ad_user_data: "GRANTED", ad_personalization: "GRANTED" });
    expect(ga4.requests.every((request) => request.kept)).toBe(true);
  });

  it("GIVEN both platforms down WHEN the export runs, fails and runs again after the outage THEN every event arrives once", async () => {
    const shop = await aShop();
    const chat = await aConsentedChat(shop, "outage");
    await recordAnalyticsConsent(shop, chat.sessionId, { analytics: true, marketing: false, gaClientId: null });
    ga4.outage(60_000);
    mixpanel.outage(60_000);

    await runExports();
    const failing = await prisma.job.findMany({ where: { kind: EXPORT_JOB, shopDomain: shop, status: "queued" } });
    expect(failing).toHaveLength(2);
    expect(failing.every((job) => /503/.test(job.lastError ?? ""))).toBe(true);
    expect(ga4.keptEvents()).toHaveLength(0);

    ga4.outage(0);
    mixpanel.outage(0);
    await runExports(new Date(LATER.getTime() + 10 * MINUTE));

    const kept = ga4.keptEvents().filter((event) => event.params.chat_session_id === chat.sessionId);
    expect(kept.map((event) => event.name)).toEqual(["add_to_cart", "generate_lead", "chat_question_asked"]);
    const records = mixpanel.events.filter((event) => event.properties.chat_session_id === chat.sessionId);
    expect(records).toHaveLength(3);
    expect(new Set(records.map((event) => event.properties.$insert_id)).size).toBe(3);
  });

  it("GIVEN a Mixpanel token the project refuses WHEN the export runs THEN the job is parked with Mixpanel's error and the health line says so", async () => {
    const shop = await aShop("not-the-token");
    const chat = await aConsentedChat(shop, "badtoken");
    await recordAnalyticsConsent(shop, chat.sessionId, { analytics: true, marketing: false, gaClientId: null });

    await runExports();

    expect(mixpanel.requests.at(-1)).toMatchObject({ status: 401, authorized: false });
    const parked = await prisma.job.findFirst({ where: { kind: EXPORT_JOB, shopDomain: shop, status: "parked" } });
    expect(parked?.lastError).toBe("Mixpanel answered 401: Invalid credentials");
    const health = await destinationHealth(shop);
    expect(health.find((line) => line.kind === "mixpanel")).toMatchObject({ parked: true, delivered: 0 });
    expect(health.find((line) => line.kind === "ga4")).toMatchObject({ parked: false, delivered: 3 });
  });
});
