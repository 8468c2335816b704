/**
 * Conversations end to end: a shopper's flow events arrive through the signed events route, their questions
 * through the signed answers route, an order is credited to the session; the merchant lists conversations with
 * filters and search, reads one as a transcript (the flow's text as it was when shown, the answer with its
 * source), follows a credit from the order audit, and exports CSV over real HTTP. Another shop sees none of it.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import prisma from "../../app/db.server";
import { loader as listLoader } from "../../app/routes/app.conversations._index";
import { loader as conversationLoader } from "../../app/routes/app.conversations.$sessionId";
import { loader as exportLoader } from "../../app/routes/app.conversations.export";
import { loader as auditLoader } from "../../app/routes/app.orders._index";
import { action as handoffRoute } from "../../app/routes/apps.chatlift.handoff";
import { resetAnswerLimits } from "../../app/answers/answer.server";
import { forgetLoadedIndexes } from "../../app/answers/loaded-indexes.server";
import type { ChatEvent } from "../../contract/events";
import { anEvent } from "../support/builders/events";
import { aHandoffOpen } from "../support/builders/handoff-scene";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";
import { aShippingPolicy, storeKnowledge } from "../support/builders/shop-knowledge";
import { aCreditedOrder, daysAgo } from "../support/builders/stored-orders";
import { freezeClock, HOUR, NOW } from "../support/clock";
import { responseOf, routeArgs, thrown } from "../support/http/responses";
import { adminFetchHeaders, documentRequest, signedProxyRequest } from "../support/http/signed-requests";
import { serveRoutes, type RouteServer } from "../support/http/route-server";
import { aQuestion, askQuestion, chatOf, sendEvents } from "../support/http/shopper-requests";

const RUN = randomUUID().slice(0, 8);
const STORE = `talks-${RUN}`;
const OTHER = `talks-other-${RUN}`;
const FLOW = "fit-help";
const FIRST = `sess_${RUN}_first`;
const IGNORED = `sess_${RUN}_ignored`;
const LATER = `sess_${RUN}_later`;
const ELSEWHERE = `sess_${RUN}_elsewhere`;

const shippingPolicy = aShippingPolicy({ url: "https://talks.example/policies/shipping-policy" });

/** The fit-help flow as published in version `n`: its texts name the version, so the transcript shows which. */
const fitHelp = (n: number) => ({
  id: FLOW,
  label: { en: "Help with sizing" },
  trigger: { kind: "dwell", seconds: 10 },
  prompt: { en: `Not sure about your size? (v${n})` },
  steps: [
    {
      id: "ask",
      kind: "message",
      text: { en: `Do you usually size up or down? (v${n})` },
      replies: [
        { id: "up", label: { en: "I size up" } },
        { id: "down", label: { en: "I size down" } },
      ],
      goal: true,
    },
  ],
});

async function publishVersion(shop: string, n: number, publishedAt: Date) {
  await prisma.flow.upsert({
    where: { shopDomain_id: { shopDomain: shop, id: FLOW } },
    create: { shopDomain: shop, id: FLOW, name: "Help with sizing", draft: JSON.stringify(fitHelp(n)) },
    update: { publishedVersion: n },
  });
  await prisma.flowVersion.create({
    data: { shopDomain: shop, flowId: FLOW, number: n, definition: JSON.stringify(fitHelp(n)), publishedAt },
  });
}

const send = (store: string, sessionId: string, events: ChatEvent[]) => sendEvents(store, chatOf(sessionId), events);
const ask = async (store: string, sessionId: string, text: string) =>
  (await askQuestion(store, aQuestion(chatOf(sessionId), text))).kind;

const listOf = async (query = "") => {
  const result = await listLoader(routeArgs(await documentRequest(STORE, `/app/conversations${query}`)));
  return result;
};

describe("conversations", () => {
  let server: RouteServer;
  let orderId: string;

  beforeAll(async () => {
    forgetLoadedIndexes();
    resetAnswerLimits();
    for (const store of [STORE, OTHER]) {
      await storeOfflineSession(prisma, store);
      await storeKnowledge(domainOf(store), [shippingPolicy], daysAgo(10), store);
    }
    // GIVEN fit-help version 1 live five days ago, and version 2 (new texts) since yesterday
    await publishVersion(domainOf(STORE), 1, daysAgo(5));
    await publishVersion(domainOf(STORE), 2, daysAgo(1));

    // …three days ago a shopper took the fit-help flow, then asked two questions (one the shop covers)
    freezeClock(daysAgo(3));
    const flowEvent = { flowId: FLOW, occurredAt: Date.now() - 1_000 };
    await send(STORE, FIRST, [
      anEvent("session_started", { utm: { source: "newsletter", campaign: "autumn" }, occurredAt: Date.now() - 2_000 }),
      anEvent("prompt_shown", flowEvent),
      anEvent("chat_opened", flowEvent),
      anEvent("flow_started", flowEvent),
      anEvent("step_viewed", { ...flowEvent, stepId: "ask" }),
      anEvent("step_answered", { ...flowEvent, stepId: "ask", answer: { kind: "choice", value: "up" } }),
      anEvent("micro_conversion", { ...flowEvent, stepId: "ask", kind: "fit_help", productId: undefined }),
    ]);
    vi.setSystemTime(daysAgo(3).getTime() + HOUR);
    expect(await ask(STORE, FIRST, "Do you ship to Canada?")).toBe("answer");
    vi.setSystemTime(daysAgo(3).getTime() + HOUR + 60_000);
    expect(await ask(STORE, FIRST, "Do you sell saddles for horses?")).toBe("abstain");
    orderId = await aCreditedOrder(prisma, domainOf(STORE), daysAgo(2), [{ chatSessionId: FIRST }]);

    // …two days ago a visitor only saw a prompt (not a conversation)
    freezeClock(daysAgo(2));
    await send(STORE, IGNORED, [anEvent("session_started"), anEvent("prompt_shown", { flowId: FLOW })]);
    // …yesterday another shopper asked about saddles
    freezeClock(daysAgo(1));
    // (typed with a leading "=", which a spreadsheet would run as a formula)
    expect(await ask(STORE, LATER, "=saddles for horses?")).toBe("abstain");
    // …then asked for a person (nobody online: by email)
    const handoff = await responseOf(
      handoffRoute(
        routeArgs(
          signedProxyRequest({
            path: "/apps/chatlift/handoff",
            shop: domainOf(STORE),
            body: aHandoffOpen(chatOf(LATER), { type: "home", path: "/" }),
          }),
        ),
      ),
    );
    expect(handoff.status).toBe(200);
    // …and another shop's shopper asked about Canada
    await ask(OTHER, ELSEWHERE, "secret of the other shop: canada saddles?");
    freezeClock(NOW);

    server = await serveRoutes({
      "/app/conversations/export": exportLoader,
      [`/app/conversations/${ELSEWHERE}`]: (args) =>
        conversationLoader({ ...args, params: { sessionId: ELSEWHERE } }).then((data) => Response.json(data)),
    });
  });
  afterAll(async () => {
    await server?.close();
    vi.useRealTimers();
  });

  it("GIVEN three sessions, one only prompted WHEN the list opens THEN it shows the two conversations, newest first, with their numbers", async () => {
    const { errors, list } = await listOf();

    expect(errors).toEqual([]);
    expect(list.rows.map((row) => row.sessionId)).toEqual([LATER, FIRST]);
    expect(list.rows[1]).toMatchObject({
      landingPath: "/products/linen-shirt",
      utm: { source: "newsletter", campaign: "autumn" },
      flows: [FLOW],
      questions: 2,
      answered: 1,
      abstained: 1,
      microConversions: ["fit_help", "question_answered"],
      shopperTurns: 3,
      handoffs: 0,
      csat: null,
      firstShopperWords: "Do you ship to Canada?",
      creditedOrders: 1,
      credited: "$42.00",
    });
  });

  it.each([
    ["?outcome=credited", [FIRST]],
    ["?outcome=abstained", [LATER, FIRST]],
    ["?outcome=converted", [FIRST]],
    ["?outcome=handed_off", [LATER]],
    ["?q=saddles&outcome=handed_off", [LATER]],
    [`?flow=${FLOW}&outcome=handed_off`, []],
    ["?q=SADDLES", [LATER, FIRST]],
    ["?q=canada", [FIRST]],
    ["?q=saddles&outcome=credited", [FIRST]],
    ["?q=saddles&outcome=answered", [FIRST]],
    ["?q=canada&outcome=abstained", [FIRST]],
    ["?q=canada&outcome=converted", [FIRST]],
    ["?outcome=answered&page=2", []],
    [`?flow=${FLOW}`, [FIRST]],
    [`?flow=${FLOW}&q=saddles&outcome=credited`, [FIRST]],
    [`?to=${daysAgo(2).toISOString().slice(0, 10)}`, [FIRST]],
  ])("filters by %s", async (query, sessions) => {
    const { list } = await listOf(query);
    expect(list.rows.map((row) => row.sessionId)).toEqual(sessions);
  });

  it("GIVEN filters it cannot apply THEN it says why and lists nothing, keeping the flows to pick from", async () => {
    const { errors, list } = await listOf("?outcome=happy&from=yesterday");
    expect(list.rows).toEqual([]);
    expect(list.considered).toBe(0);
    expect(list.flows.length).toBeGreaterThan(0);
    expect(errors.join(" ")).toContain("one of answered, abstained, handed_off, converted, credited");
    expect(errors.join(" ")).toContain("YYYY-MM-DD");
  });

  it("WHEN the merchant opens a conversation THEN the transcript reads as it happened, with the flow's text of that day and the answer's source", async () => {
    const { conversation } = await conversationLoader({
      ...routeArgs(await documentRequest(STORE, `/app/conversations/${FIRST}`)),
      params: { sessionId: FIRST },
    });

    const said = conversation.transcript.map((line) => [line.speaker, line.text]);
    expect(said).toEqual([
      ["event", "Arrived on /products/linen-shirt"],
      ["bot", "Not sure about your size? (v1)"],
      ["event", "Opened the chat from the prompt"],
      ["event", "Started “Help with sizing”"],
      ["bot", "Do you usually size up or down? (v1)"],
      ["shopper", "I size up"],
      ["event", "Micro-conversion: got fit help"],
      ["shopper", "Do you ship to Canada?"],
      ["bot", expect.stringContaining("We ship to Canada")],
      ["event", "Micro-conversion: got an answer"],
      ["shopper", "Do you sell saddles for horses?"],
      ["bot", "Said honestly that the shop's information does not cover this"],
    ]);
    const answer = conversation.transcript.find((line) => line.type === "answer_shown");
    expect(answer?.sources).toEqual([{ id: shippingPolicy.id, title: "Shipping policy" }]);
    expect(conversation.credits).toEqual([
      expect.objectContaining({ orderId, amount: "$42.00", rule: "cart_attribute" }),
    ]);
  });

  it("GIVEN a credited order WHEN the order audit lists it THEN its credit links to the conversation", async () => {
    const data = await auditLoader(routeArgs(await documentRequest(STORE, "/app/orders")));
    expect(data.rows.find((row) => row.orderId === orderId)?.chatSessionId).toBe(FIRST);
  });

  it("GIVEN another shop's conversation WHEN its address is opened THEN 404, nothing of it shown", async () => {
    const response = await fetch(`${server.origin}/app/conversations/${ELSEWHERE}`, {
      headers: await adminFetchHeaders(STORE, `/app/conversations/${ELSEWHERE}`),
    });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("secret");
    const mine = await thrown(
      conversationLoader({
        ...routeArgs(await documentRequest(STORE, "/app/conversations/nope")),
        params: { sessionId: "nope" },
      }),
    );
    expect(mine.status).toBe(400);
  });

  it("WHEN the merchant exports THEN one CSV row per conversation over HTTP, formulas defused; a bad filter is a 400", async () => {
    const headers = await adminFetchHeaders(STORE, "/app/conversations/export");
    const response = await fetch(`${server.origin}/app/conversations/export?outcome=abstained`, { headers });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toContain("session_id,started_at");
    expect(lines[0]).toContain("credited_usd_last_touch_7d");
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual([LATER, FIRST]);
    expect(lines[0]).toContain(",not_helpful,handoffs,csat,first_words,");
    expect(lines[1]).toContain(",0,0,1,,'=saddles for horses?,0,0.00");
    expect(lines[2]).toContain(",Do you ship to Canada?,1,42.00");

    const refused = await fetch(`${server.origin}/app/conversations/export?outcome=happy`, { headers });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("one of answered");
  });
});
