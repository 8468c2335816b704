/**
 * The merchant's rules for offering a person, end to end over real HTTP: the merchant saves them from the
 * Conversations page (a session-token form post; mistakes come back in the merchant's words, nothing saved),
 * the shopper's widget sends its events and opens a handoff with really signed app-proxy requests, and a
 * handoff started while a rule matches records reason `rule` and which rule; one that matches none stays
 * "asked". Another shop's rules never apply.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { action as handoffRoute } from "../../../app/routes/apps.chatlift.handoff";
import { action as answersRoute } from "../../../app/routes/apps.chatlift.answers";
import { action as eventsRoute } from "../../../app/routes/apps.chatlift.events";
import { action as conversationsAction } from "../../../app/routes/app.conversations._index";
import { loader as conversationLoader } from "../../../app/routes/app.conversations.$sessionId";
import type { ChatEvent } from "../../../contract/events";
import { aBatch, anEvent } from "../../support/builders/events";
import { aHandoffOpen, aHandoffScene, recordAbstentions, type Chat } from "../../support/builders/handoff-scene";
import { domainOf } from "../../support/builders/sessions";
import { aShippingPolicy, storeKnowledge } from "../../support/builders/shop-knowledge";
import { MINUTE, NOW_MS } from "../../support/clock";
import { documentRequest } from "../../support/http/signed-requests";
import { routeArgs } from "../../support/http/responses";
import { serveRoutes, type RouteServer } from "../../support/http/route-server";
import { aQuestion } from "../../support/http/shopper-requests";
import { postAdminForm, postThroughProxy } from "../../support/http/wire-posts";

const scene = aHandoffScene("offers");
const { store: STORE, other: OTHER, aChat } = scene;

let server: RouteServer;

/** A POST the way the storefront's app proxy delivers it: signed by "Shopify" for the chat's shop. */
const proxy = (store: string, path: string, body: unknown) =>
  postThroughProxy(server.origin, path, body, { shop: domainOf(store) });

async function send(chat: Chat, events: ChatEvent[]) {
  const batch = aBatch({
    visitorId: chat.visitorId,
    events: [anEvent("session_started"), anEvent("chat_opened"), ...events].map((e) => ({
      ...e,
      sessionId: chat.sessionId,
    })),
  });
  expect((await proxy(chat.store, "/apps/chatlift/events", batch)).status).toBe(200);
}

/** The widget's handoff bundle asking for a person: it only ever says "asked". */
async function askForPerson(chat: Chat) {
  const page = { type: "product", path: "/products/standing-desk" };
  const { status } = await proxy(chat.store, "/apps/chatlift/handoff", aHandoffOpen(chat, page));
  expect(status).toBe(200);
  const handoff = await prisma.handoff.findFirst({
    where: { shopDomain: domainOf(chat.store), sessionId: chat.sessionId },
  });
  const requested = await prisma.chatEvent.findFirst({
    where: { shopDomain: domainOf(chat.store), sessionId: chat.sessionId, type: "handoff_requested" },
  });
  return { reason: handoff?.reason, rule: handoff?.offerRuleId, event: JSON.parse(requested?.data ?? "{}").reason };
}

/** The merchant's "When to offer" form on the Conversations page, posted with the embedded admin's token. */
const saveOffers = (store: string, fields: Record<string, string>) =>
  postAdminForm(server.origin, store, "/app/conversations", { intent: "offers", ...fields });

/** The widget's question box: a really signed question; the answer as the shopper's widget reads it. */
async function askQuestion(chat: Chat, question: string) {
  const { status, body } = await proxy(
    chat.store,
    "/apps/chatlift/answers",
    aQuestion(chat, question, { page: { type: "product", handle: "standing-desk" } }),
  );
  expect(status).toBe(200);
  return body as { kind: string; handoff?: boolean };
}

const OFFERS = { afterAbstentions: "2", cartAtLeast: "200", qualifierQuestion: "team_size", qualifierAtLeast: "50" };

describe("handoff offered by the merchant's rules", () => {
  beforeAll(async () => {
    await scene.setUp();
    await prisma.shop.updateMany({ where: { domain: domainOf(STORE) }, data: { currency: "USD" } });
    server = await serveRoutes({
      "/apps/chatlift/handoff": handoffRoute,
      "/apps/chatlift/events": eventsRoute,
      "/apps/chatlift/answers": answersRoute,
      "/app/conversations": conversationsAction,
    });
    expect(await saveOffers(STORE, OFFERS)).toEqual({ status: 200, body: { ok: true, intent: "offers" } });
    const shippingPolicy = aShippingPolicy({
      body: "<p>We ship to Canada, the United States and the European Union within two business days.</p>",
      url: "https://desk.example/policies/shipping-policy",
    });
    await storeKnowledge(domainOf(STORE), [shippingPolicy], new Date(NOW_MS), "Desk Co");
  });
  afterAll(async () => {
    await server?.close();
    vi.useRealTimers();
  });

  it("GIVEN offers the merchant mistyped WHEN saved THEN 400 in the merchant's words, and the saved offers stand", async () => {
    const bad = await saveOffers(STORE, { ...OFFERS, afterAbstentions: "0", cartAtLeast: "lots" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.join(" ")).toContain("at least 1 question");
    expect(bad.body.errors?.join(" ")).toContain("an amount");
    const half = await saveOffers(STORE, { ...OFFERS, qualifierAtLeast: "" });
    expect(half.body.errors).toEqual(["Qualifier: name the question and the least answer, or leave both blank"]);
    const misspelt = await saveOffers(STORE, { ...OFFERS, qualifierQuestion: "team size!" });
    expect(misspelt.status).toBe(400);
    expect(misspelt.body.errors?.join(" ")).toContain("Qualifier question: letters, digits, _ or -");

    const stored = await prisma.handoffSettings.findUnique({ where: { shopDomain: domainOf(STORE) } });
    expect(JSON.parse(stored?.offerRules ?? "[]").map((rule: { id: string }) => rule.id)).toEqual([
      "unanswered",
      "big-cart",
      "qualifier",
    ]);
  });

  it("GIVEN a $240 cart added from chat WHEN the shopper asks for a person THEN reason rule, the cart rule", async () => {
    const chat = aChat();
    await send(chat, [anEvent("micro_conversion", { value: 240, currency: "USD" })]);
    expect(await askForPerson(chat)).toEqual({ reason: "rule", rule: "big-cart", event: "rule" });

    // The conversation's page names the rule as the merchant saved it.
    const { handoff } = await conversationLoader({
      ...routeArgs(await documentRequest(STORE, `/app/conversations/${chat.sessionId}`)),
      params: { sessionId: chat.sessionId },
    });
    expect(handoff).toMatchObject({ reason: "rule", offerRule: "Cart from chat worth at least 200 USD" });
  });

  it("GIVEN a $240 cart WHEN the shopper types a question the shop answers THEN the answer also offers a person", async () => {
    const big = aChat();
    await send(big, [anEvent("micro_conversion", { value: 240, currency: "USD" })]);
    const small = aChat();
    await send(small, [anEvent("micro_conversion", { value: 40, currency: "USD" })]);

    expect(await askQuestion(big, "do you ship to canada?")).toMatchObject({ kind: "answer", handoff: true });
    const answered = await askQuestion(small, "do you ship to canada?");
    expect(answered.kind).toBe("answer");
    expect(answered).not.toHaveProperty("handoff");
  });

  it("GIVEN a $40 cart and nothing else WHEN the shopper asks THEN reason asked, no rule", async () => {
    const chat = aChat();
    await send(chat, [anEvent("micro_conversion", { value: 40, currency: "USD" })]);
    expect(await askForPerson(chat)).toEqual({ reason: "asked", rule: null, event: "asked" });
  });

  it("GIVEN a team of 80 in the qualifier WHEN the shopper asks THEN reason rule, the qualifier rule", async () => {
    const chat = aChat();
    await send(chat, [
      anEvent("step_answered", { flowId: "b2b", stepId: "team_size", answer: { kind: "number", value: 80 } }),
    ]);
    expect(await askForPerson(chat)).toEqual({ reason: "rule", rule: "qualifier", event: "rule" });
  });

  it("GIVEN two questions the shop could not answer WHEN the shopper then asks THEN the rule's, not the abstention's", async () => {
    const chat = aChat();
    await send(chat, []);
    // The answers route recorded two abstentions, a minute apart.
    await recordAbstentions(chat, [NOW_MS - 2 * MINUTE, NOW_MS - MINUTE]);
    expect(await askForPerson(chat)).toEqual({ reason: "rule", rule: "unanswered", event: "rule" });
  });

  it("GIVEN the same $240 cart in a shop without offers WHEN its shopper asks THEN reason asked", async () => {
    const chat = aChat(OTHER);
    await send(chat, [anEvent("micro_conversion", { value: 240, currency: "USD" })]);
    expect(await askForPerson(chat)).toEqual({ reason: "asked", rule: null, event: "asked" });
  });

  it("GIVEN the merchant clears every field WHEN saved THEN no rule offers a person any more", async () => {
    const cleared = { afterAbstentions: "", cartAtLeast: "", qualifierQuestion: "", qualifierAtLeast: "" };
    expect((await saveOffers(STORE, cleared)).status).toBe(200);
    const chat = aChat();
    await send(chat, [anEvent("micro_conversion", { value: 240, currency: "USD" })]);
    expect(await askForPerson(chat)).toEqual({ reason: "asked", rule: null, event: "asked" });
    await saveOffers(STORE, OFFERS);
  });
});
