/**
 * The Conversations page's CSAT filter over real HTTP: ratings arrive through the signed events route (a second
 * tap is dropped, as ingest keeps the first), questions through the signed answers route; the merchant filters by
 * "Rated good" (4–5 or 👍), "Rated poorly" or "Not rated", alone and with the outcome, search and flow filters,
 * and the CSV export lists the same conversations. Another shop's ratings never count.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import prisma from "../../app/db.server";
import { loader as listLoader } from "../../app/routes/app.conversations._index";
import { loader as exportLoader } from "../../app/routes/app.conversations.export";
import { resetAnswerLimits } from "../../app/answers/answer.server";
import { forgetLoadedIndexes } from "../../app/answers/loaded-indexes.server";
import type { SourceDocument } from "../../app/answers/sync/source-rows";
import type { EventOf } from "../../contract/events";
import { anEvent } from "../support/builders/events";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";
import { storeKnowledge } from "../support/builders/shop-knowledge";
import { daysAgo } from "../support/builders/stored-orders";
import { freezeClock, MINUTE, NOW } from "../support/clock";
import { adminFetchHeaders } from "../support/http/signed-requests";
import { serveRoutes, type RouteServer } from "../support/http/route-server";
import { aQuestion, askQuestion, chatOf, sendEvents } from "../support/http/shopper-requests";

const RUN = randomUUID().slice(0, 8);
const STORE = `rated-${RUN}`;
const OTHER = `rated-other-${RUN}`;
const FLOW = "gift-finder";
const THUMBS_UP = `sess_${RUN}_up`;
const FIVE = `sess_${RUN}_five`;
const THREE = `sess_${RUN}_three`;
const THUMBS_DOWN = `sess_${RUN}_down`;
const UNRATED = `sess_${RUN}_unrated`;
const ELSEWHERE = `sess_${RUN}_elsewhere`;

const returnsPolicy: SourceDocument = {
  type: "policy",
  id: "gid://shopify/ShopPolicy/91",
  locale: "en",
  policyType: "REFUND_POLICY",
  title: "Refund policy",
  body: "<h2>Returns</h2><p>Return any item within 30 days for a full refund.</p>",
  url: "https://rated.example/policies/refund-policy",
};

const thumbs = (value: 0 | 1): Partial<EventOf<"csat_given">> => ({ scale: "thumbs", thumbs: value });
const five = (score: number): Partial<EventOf<"csat_given">> => ({ scale: "five", score });

const ask = (store: string, sessionId: string, text: string) => askQuestion(store, aQuestion(chatOf(sessionId), text));

/**
 * A conversation: the chat opened (in the gift finder when `inFlow`, with an add to cart when `bought`), then its
 * CSAT taps, a minute apart.
 */
async function converse(
  store: string,
  sessionId: string,
  at: Date,
  taps: Partial<EventOf<"csat_given">>[],
  { inFlow = false, bought = false } = {},
) {
  freezeClock(at);
  const flow = inFlow ? [anEvent("flow_started", { flowId: FLOW })] : [];
  const cart = bought ? [anEvent("micro_conversion")] : [];
  await sendEvents(store, chatOf(sessionId), [anEvent("session_started"), anEvent("chat_opened"), ...flow, ...cart]);
  for (const [i, tap] of taps.entries()) {
    vi.setSystemTime(at.getTime() + (i + 1) * MINUTE);
    await sendEvents(store, chatOf(sessionId), [anEvent("csat_given", tap)]);
  }
}

describe("conversations filtered by CSAT", () => {
  let server: RouteServer;

  beforeAll(async () => {
    forgetLoadedIndexes();
    resetAnswerLimits();
    for (const store of [STORE, OTHER]) {
      await storeOfflineSession(prisma, store);
      await storeKnowledge(domainOf(store), [returnsPolicy], daysAgo(10), store);
    }
    // GIVEN five conversations over five days, newest last: 👍 (in the gift finder), 5/5, 3/5 (then a second
    // tap of 5/5 the ingest drops), 👎 (in the gift finder), and one never rated; three added to cart and asked
    await converse(STORE, THUMBS_UP, daysAgo(5), [thumbs(1)], { inFlow: true });
    await converse(STORE, FIVE, daysAgo(4), [five(5)], { bought: true });
    await ask(STORE, FIVE, "Can I return a gift?");
    await converse(STORE, THREE, daysAgo(3), [five(3), five(5)], { bought: true });
    await ask(STORE, THREE, "How do I return shoes?");
    await converse(STORE, THUMBS_DOWN, daysAgo(2), [thumbs(0)], { inFlow: true });
    await converse(STORE, UNRATED, daysAgo(1), [], { bought: true });
    await ask(STORE, UNRATED, "Do you take returns?");
    // …and another shop's shopper rated 👍
    await converse(OTHER, ELSEWHERE, daysAgo(1), [thumbs(1)]);
    freezeClock(NOW);

    server = await serveRoutes({
      "/app/conversations": (args) => listLoader(args).then((data) => Response.json(data)),
      "/app/conversations/export": exportLoader,
    });
  });
  afterAll(async () => {
    await server?.close();
    vi.useRealTimers();
  });

  const get = async (path: string) =>
    fetch(`${server.origin}${path}`, { headers: await adminFetchHeaders(STORE, path.split("?")[0]!) });
  const listed = async (query: string) => {
    const response = await get(`/app/conversations${query}`);
    expect(response.status).toBe(200);
    const { errors, list } = (await response.json()) as {
      errors: string[];
      list: { rows: { sessionId: string; csat: string | null }[] };
    };
    expect(errors).toEqual([]);
    return list.rows.map((row) => row.sessionId);
  };

  it("GIVEN five conversations WHEN the list opens THEN each shows its first rating only", async () => {
    const response = await get("/app/conversations");
    const { list } = (await response.json()) as { list: { rows: { sessionId: string; csat: string | null }[] } };
    expect(list.rows.map((row) => [row.sessionId, row.csat])).toEqual([
      [UNRATED, null],
      [THUMBS_DOWN, "👎"],
      [THREE, "3/5"],
      [FIVE, "5/5"],
      [THUMBS_UP, "👍"],
    ]);
  });

  it.each([
    ["?csat=good", [FIVE, THUMBS_UP]],
    ["?csat=poor", [THUMBS_DOWN, THREE]],
    ["?csat=unrated", [UNRATED]],
    ["?csat=good&outcome=converted", [FIVE]],
    ["?csat=poor&outcome=converted", [THREE]],
    ["?csat=unrated&outcome=converted", [UNRATED]],
    ["?csat=good&q=return", [FIVE]],
    ["?csat=poor&q=RETURN", [THREE]],
    ["?csat=unrated&q=gift", []],
    [`?csat=good&flow=${FLOW}`, [THUMBS_UP]],
    [`?csat=poor&flow=${FLOW}`, [THUMBS_DOWN]],
    [`?csat=unrated&flow=${FLOW}`, []],
    [`?csat=good&to=${daysAgo(5).toISOString().slice(0, 10)}`, [THUMBS_UP]],
  ])("WHEN filtered by %s THEN only those conversations are listed", async (query, sessions) => {
    expect(await listed(query)).toEqual(sessions);
  });

  it("GIVEN a CSAT filter it cannot apply THEN it names the allowed values and lists nothing", async () => {
    const response = await get("/app/conversations?csat=happy");
    const { errors, list } = (await response.json()) as { errors: string[]; list: { rows: unknown[] } };
    expect(list.rows).toEqual([]);
    expect(errors.join(" ")).toContain("one of good, poor, unrated");
  });

  it("WHEN the merchant exports rated-poorly conversations THEN the CSV holds exactly them with their ratings", async () => {
    const response = await get("/app/conversations/export?csat=poor");
    expect(response.status).toBe(200);
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual([THUMBS_DOWN, THREE]);
    expect(lines[2]).toContain(",3/5,");
  });
});
