/**
 * A conversation is rated once even when two first taps race (#16): on PostgreSQL several app instances store
 * batches at once, and both could pass a "rated before?" look-up before either commits. Ingest now claims the
 * rating in the database (ChatSession.ratedAt set where still null, app/capture/ingest.server.ts ratedSessions),
 * which serializes the two: the loser finds it set and answers its tap as a duplicate. Taps sent at once through
 * the real events route, signed as Shopify's app proxy signs; on SQLite one transaction writes at a time.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { sessionStorage } from "../../../app/shopify.server";
import { action } from "../../../app/routes/apps.chatlift.events";
import { resetIngestLimits } from "../../../app/capture/ingest.server";
import type { ChatEvent } from "../../../contract/events";
import { signedProxyRequest } from "../../support/http/signed-requests";
import { aBatch, anEvent } from "../../support/builders/events";
import { anOfflineSession } from "../../support/builders/sessions";
import { responseOf, routeArgs } from "../../support/http/responses";
import { freezeClock, NOW_MS } from "../../support/clock";

const SESSIONS = 12;

async function anInstalledShop(): Promise<string> {
  const shop = `csat-race-${randomUUID().slice(0, 8)}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop } });
  await sessionStorage().storeSession(anOfflineSession(shop));
  return shop;
}

const post = async (shop: string, events: ChatEvent[]) => {
  const response = await responseOf(action(routeArgs(signedProxyRequest({ shop, body: aBatch({ events }) }))));
  expect(response.status).toBe(200);
  return (await response.json()) as { accepted: number; duplicates: number };
};
const aTap = (sessionId: string, score: number) =>
  anEvent("csat_given", { scale: "five", score, sessionId, occurredAt: NOW_MS - 1_000 });

beforeEach(() => {
  freezeClock();
  vi.spyOn(console, "info").mockImplementation(() => undefined);
  resetIngestLimits();
});
afterAll(async () => {
  vi.useRealTimers();
  await prisma.$disconnect();
});

describe("two first CSAT taps at once", () => {
  it(`GIVEN ${SESSIONS} conversations WHEN each gets two first taps at the same moment THEN each keeps exactly one, and the other tap is answered as a duplicate`, async () => {
    const shop = await anInstalledShop();
    const sessions = Array.from({ length: SESSIONS }, (_, n) => `sess_race_${n}_${randomUUID().slice(0, 8)}`);
    await Promise.all(sessions.map((sessionId) => post(shop, [anEvent("session_started", { sessionId })])));

    // WHEN both taps of every conversation are sent together (two tabs, or a retry racing its original)
    const answers = await Promise.all(
      sessions.flatMap((sessionId) => [post(shop, [aTap(sessionId, 2)]), post(shop, [aTap(sessionId, 5)])]),
    );

    // THEN one rating per conversation is stored, and the two answers say one accepted, one duplicate
    const rows = await prisma.chatEvent.groupBy({
      by: ["sessionId"],
      where: { shopDomain: shop, type: "csat_given" },
      _count: { _all: true },
    });
    expect(rows.map((row) => row._count._all)).toEqual(sessions.map(() => 1));
    for (let n = 0; n < SESSIONS; n++)
      expect([answers[2 * n]!, answers[2 * n + 1]!].map((answer) => answer.accepted).sort()).toEqual([0, 1]);
    const counted = await prisma.chatSession.findMany({ where: { shopDomain: shop }, select: { eventCount: true } });
    expect(counted.map((session) => session.eventCount)).toEqual(sessions.map(() => 2));
  });

  it("GIVEN a conversation not stored yet WHEN two batches each open it with a first tap at once THEN one tap stays", async () => {
    const shop = await anInstalledShop();
    const sessionId = `sess_new_${randomUUID().slice(0, 8)}`;
    const opening = (score: number) => [anEvent("session_started", { sessionId }), aTap(sessionId, score)];

    const answers = await Promise.all([post(shop, opening(1)), post(shop, opening(4))]);

    const ratings = await prisma.chatEvent.count({ where: { shopDomain: shop, sessionId, type: "csat_given" } });
    expect(ratings).toBe(1);
    expect(answers.map((answer) => answer.duplicates).sort()).toEqual([0, 1]);
    const session = await prisma.chatSession.findUniqueOrThrow({
      where: { shopDomain_id: { shopDomain: shop, id: sessionId } },
    });
    expect(session.ratedAt).not.toBeNull();
  });
});
