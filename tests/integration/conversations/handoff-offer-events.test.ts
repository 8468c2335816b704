/**
 * A merchant's rule offers a person to a shopper who never types (#16): the answer to the widget's event batches
 * (really signed app-proxy posts, over HTTP) carries `handoff: true` when a rule matches the conversation now. Not
 * for a batch that changes nothing a rule reads, not while the shopper has a handoff open, never in the holdout's
 * proactive path, and never from another shop's rules.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { saveOfferRules } from "../../../app/conversations/handoff-offers.server";
import { resetIngestLimits } from "../../../app/capture/ingest.server";
import { action as eventsRoute } from "../../../app/routes/apps.chatlift.events";
import { action as handoffRoute } from "../../../app/routes/apps.chatlift.handoff";
import type { OfferRule } from "../../../app/conversations/handoff-offers";
import type { ChatEvent, EventBatch } from "../../../contract/events";
import { aBatch, anEvent } from "../../support/builders/events";
import { aHandoffOpen, aHandoffScene, type Chat } from "../../support/builders/handoff-scene";
import { domainOf } from "../../support/builders/sessions";
import { serveRoutes, type RouteServer } from "../../support/http/route-server";
import { postThroughProxy } from "../../support/http/wire-posts";

const scene = aHandoffScene("offer-events");
const { store: STORE, other: OTHER, aChat } = scene;

const RULES: OfferRule[] = [
  {
    id: "big-cart",
    name: "Cart from chat worth at least 200 USD",
    enabled: true,
    when: { fact: "cart_value", op: "gte", value: 200 },
  },
  { id: "on-cart", name: "On the cart page", enabled: true, when: { fact: "page_visited", pageTypes: ["cart"] } },
];

let server: RouteServer;

/** The widget's batch for `chat`, on a product page unless told, as the proxy delivers it; the route's answer. */
async function send(chat: Chat, events: ChatEvent[], batch: Partial<EventBatch> = {}) {
  const body = aBatch({
    visitorId: chat.visitorId,
    page: { type: "product", path: "/products/standing-desk", handle: "standing-desk" },
    ...batch,
    events: events.map((event) => ({ ...event, sessionId: chat.sessionId })),
  });
  const { status, body: answer } = await postThroughProxy(server.origin, "/apps/chatlift/events", body, {
    shop: domainOf(chat.store),
  });
  expect(status).toBe(200);
  return answer;
}

const started = () => anEvent("session_started", { landingPath: "/products/standing-desk" });
const openedByHand = () => anEvent("chat_opened", { by: "launcher" });
const cartAdd = (value: number) => anEvent("micro_conversion", { value, currency: "USD" });

describe("the offer of a person, with the events' answer", () => {
  beforeAll(async () => {
    await scene.setUp();
    await prisma.shop.updateMany({ where: { domain: domainOf(STORE) }, data: { currency: "USD" } });
    await saveOfferRules(domainOf(STORE), RULES);
    server = await serveRoutes({ "/apps/chatlift/events": eventsRoute, "/apps/chatlift/handoff": handoffRoute });
  });
  beforeEach(() => resetIngestLimits());
  afterAll(async () => {
    await server?.close();
    vi.useRealTimers();
  });

  it("GIVEN a flow's $240 cart add WHEN its batch is stored THEN the answer offers a person; a $40 one does not", async () => {
    const big = aChat();
    expect(await send(big, [started(), openedByHand()])).toEqual({ accepted: 2, duplicates: 0 });
    expect(await send(big, [cartAdd(240)])).toEqual({ accepted: 1, duplicates: 0, handoff: true });

    const small = aChat();
    await send(small, [started(), openedByHand()]);
    expect(await send(small, [cartAdd(40)])).toEqual({ accepted: 1, duplicates: 0 });
  });

  it("GIVEN a rule for the cart page WHEN the shopper opens the chat there, never typing THEN the opening's answer offers it", async () => {
    const chat = aChat();
    await send(chat, [started()]);
    expect(await send(chat, [openedByHand()], { page: { type: "cart", path: "/cart" } })).toMatchObject({
      handoff: true,
    });
    // The same opening on a product page matches no rule.
    const elsewhere = aChat();
    expect(await send(elsewhere, [started(), openedByHand()])).not.toHaveProperty("handoff");
  });

  it("GIVEN a matching cart WHEN a batch holds only views and a rating THEN no look-up and no offer", async () => {
    const chat = aChat();
    await send(chat, [started(), openedByHand(), cartAdd(240)]);
    const quiet = [anEvent("step_viewed"), anEvent("csat_given", { scale: "thumbs", thumbs: 1 })];
    expect(await send(chat, quiet)).toEqual({ accepted: 2, duplicates: 0 });
  });

  it("GIVEN a handoff the shopper already opened WHEN the next batch matches THEN no second offer", async () => {
    const chat = aChat();
    await send(chat, [started(), openedByHand()]);
    const { status } = await postThroughProxy(server.origin, "/apps/chatlift/handoff", aHandoffOpen(chat), {
      shop: domainOf(STORE),
    });
    expect(status).toBe(200);
    expect(await send(chat, [cartAdd(240)])).not.toHaveProperty("handoff");
  });

  it("GIVEN a holdout shopper WHEN a prompt started the conversation (this batch or an earlier one) THEN never offered; by hand THEN offered", async () => {
    // The loader never prompts the holdout; should a prompt's events arrive anyway, they get no offer.
    const prompted = aChat();
    const holdout = { arm: "holdout" as const };
    expect(
      await send(
        prompted,
        [started(), anEvent("prompt_shown"), anEvent("chat_opened", { by: "prompt" }), cartAdd(240)],
        holdout,
      ),
    ).not.toHaveProperty("handoff");
    expect(await send(prompted, [anEvent("step_answered"), cartAdd(300)], holdout)).not.toHaveProperty("handoff");

    const byHand = aChat();
    await send(byHand, [started(), openedByHand()], holdout);
    expect(await send(byHand, [cartAdd(240)], holdout)).toMatchObject({ handoff: true });
  });

  it("GIVEN the same $240 cart in a shop without rules WHEN stored THEN no offer", async () => {
    const chat = aChat(OTHER);
    expect(await send(chat, [started(), openedByHand(), cartAdd(240)])).toEqual({ accepted: 3, duplicates: 0 });
  });
});
