/**
 * A conversation is rated once (#16): the first csat_given stored for a chat session stays, and a later tap,
 * in the same batch or in another one, changes nothing: no event row, no session count, no second rating for
 * the metrics to read. Batches go through the real events route, signed as Shopify's app proxy signs.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { sessionStorage } from "../../../app/shopify.server";
import { action } from "../../../app/routes/apps.chatlift.events";
import { resetIngestLimits } from "../../../app/capture/ingest.server";
import type { ChatEvent } from "../../../contract/events";
import { signedProxyRequest } from "../../support/http/signed-requests";
import { aBatch, anEvent, SESSION_ID } from "../../support/builders/events";
import { anOfflineSession } from "../../support/builders/sessions";
import { responseOf, routeArgs } from "../../support/http/responses";
import { freezeClock, NOW_MS } from "../../support/clock";

const RUN = randomUUID().slice(0, 8);
let shopCounter = 0;
async function anInstalledShop(): Promise<string> {
  shopCounter += 1;
  const shop = `csat-once-${shopCounter}-${RUN}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop } });
  await sessionStorage().storeSession(anOfflineSession(shop));
  return shop;
}

const post = async (shop: string, events: ChatEvent[]) => {
  const response = await responseOf(action(routeArgs(signedProxyRequest({ shop, body: aBatch({ events }) }))));
  expect(response.status).toBe(200);
  return response.json();
};
const aTap = (score: number, sessionId = SESSION_ID) =>
  anEvent("csat_given", { scale: "five", score, sessionId, occurredAt: NOW_MS - 1_000 });
const ratings = async (shop: string) =>
  (
    await prisma.chatEvent.findMany({
      where: { shopDomain: shop, type: "csat_given" },
      orderBy: { sessionId: "asc" },
      select: { sessionId: true, data: true },
    })
  ).map((row) => [row.sessionId, row.data]);
const sessionEvents = async (shop: string) =>
  (await prisma.chatSession.findUniqueOrThrow({ where: { shopDomain_id: { shopDomain: shop, id: SESSION_ID } } }))
    .eventCount;

beforeEach(() => {
  freezeClock();
  vi.spyOn(console, "info").mockImplementation(() => undefined);
  resetIngestLimits();
});
afterAll(async () => {
  vi.useRealTimers();
  await prisma.$disconnect();
});

describe("a conversation's CSAT, stored once", () => {
  it("GIVEN a session rated 2 WHEN a later batch taps 5 THEN the 5 is answered as a duplicate and only the 2 is stored", async () => {
    const shop = await anInstalledShop();
    expect(await post(shop, [anEvent("session_started"), aTap(2)])).toEqual({ accepted: 2, duplicates: 0 });

    expect(await post(shop, [aTap(5)])).toEqual({ accepted: 0, duplicates: 1 });

    expect(await ratings(shop)).toEqual([[SESSION_ID, '{"scale":"five","score":2}']]);
    expect(await sessionEvents(shop)).toBe(2);
  });

  it("GIVEN a rated session WHEN a batch carries another tap beside other events and another session's tap THEN those are stored and the second tap is not", async () => {
    const shop = await anInstalledShop();
    await post(shop, [anEvent("session_started"), aTap(4)]);

    const opened = anEvent("chat_opened");
    expect(await post(shop, [opened, aTap(1), aTap(3, "sess_second_tab_1")])).toEqual({
      accepted: 2,
      duplicates: 1,
    });

    expect(await ratings(shop)).toEqual([
      [SESSION_ID, '{"scale":"five","score":4}'],
      ["sess_second_tab_1", '{"scale":"five","score":3}'],
    ]);
    expect(await sessionEvents(shop)).toBe(3);
    expect(await prisma.chatEvent.count({ where: { shopDomain: shop, id: opened.id } })).toBe(1);
  });

  it("GIVEN two taps in one batch, then that batch again (a retry) THEN the first tap alone is stored, once", async () => {
    const shop = await anInstalledShop();
    const events = [anEvent("session_started"), aTap(5), aTap(1)];
    expect(await post(shop, events)).toEqual({ accepted: 2, duplicates: 1 });
    expect(await post(shop, events)).toEqual({ accepted: 0, duplicates: 3 });
    expect(await ratings(shop)).toEqual([[SESSION_ID, '{"scale":"five","score":5}']]);
  });
});
