/**
 * POST /apps/chatlift/answers through really signed app-proxy requests: a shop whose knowledge was
 * stored by the sync's own services answers with its sources and records the question (redacted);
 * every refusal (signature, size, length, bots, unknown shop, limits) answers its 4xx; order status
 * reveals an order only to the number + email (or the logged-in owner) and nothing on a mismatch.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { sessionStorage } from "../../../app/shopify.server";
import { action } from "../../../app/routes/apps.chatlift.answers";
import { action as eventsRoute } from "../../../app/routes/apps.chatlift.events";
import { resetAnswerLimits } from "../../../app/answers/answer.server";
import { forgetLoadedIndexes, RECHECK_MS } from "../../../app/answers/loaded-indexes.server";
import { resetIngestLimits } from "../../../app/capture/ingest.server";
import { updateKnowledgeIndex } from "../../../app/answers/sync/index-store.server";
import { writeSources } from "../../../app/answers/sync/knowledge-store.server";
import type { SourceDocument } from "../../../app/answers/sync/source-rows";
import { saveOrder } from "../../../app/attribution/orders/orders.server";
import { orderFromPayload, orderPayloadSchema } from "../../../app/attribution/orders/order-payload";
import type { Answer, Question } from "../../../contract/answers";
import { anOrderPayload } from "../../../sandbox/shopify/order-payloads";
import { aBatch, anEvent } from "../../support/builders/events";
import { anOfflineSession } from "../../support/builders/sessions";
import { aShippingPolicy, storeKnowledge } from "../../support/builders/shop-knowledge";
import { freezeClock, NOW } from "../../support/clock";
import { responseOf, routeArgs } from "../../support/http/responses";
import { signedProxyRequest, type SignedProxyOptions } from "../../support/http/signed-requests";

const RUN = randomUUID().slice(0, 8);
const PATH = "/apps/chatlift/answers";

const ask = (options: SignedProxyOptions): Promise<Response> =>
  responseOf(action(routeArgs(signedProxyRequest({ path: PATH, ...options }))));

let visitors = 0;
function aQuestion(question: string, overrides: Partial<Question> = {}): Question {
  visitors += 1;
  return {
    sessionId: `sess_${RUN}_${visitors}`,
    visitorId: `visitor_${RUN}_${visitors}`,
    question,
    locale: "en",
    page: { type: "product", handle: "linen-shirt", productId: "7001" },
    arm: "treatment",
    ...overrides,
  };
}

const linenShirt: SourceDocument = {
  type: "product",
  id: "gid://shopify/Product/7001",
  locale: "en",
  handle: "linen-shirt",
  title: "Linen Shirt",
  descriptionHtml: "<p>Made of washed European linen. Machine wash cold and hang to dry.</p>",
  productType: "Shirts",
  vendor: "Harbor Supply",
  tags: ["linen", "summer"],
  options: [{ name: "Size", values: ["S", "M", "L"] }],
  variants: ["S", "M", "L"].map((size, i) => ({
    id: `gid://shopify/ProductVariant/${8001 + i}`,
    title: size,
    price: "59.00",
    compareAtPrice: null,
    availableForSale: size !== "L",
    selectedOptions: [{ name: "Size", value: size }],
  })),
  metafields: [],
  collections: [{ id: "gid://shopify/Collection/1", handle: "shirts", title: "Shirts" }],
  onlineStoreUrl: "https://harbor.example/products/linen-shirt",
  featuredImage: {
    url: "https://cdn.shopify.com/s/files/1/0700/4242/files/linen-shirt.jpg?v=1730451600",
    altText: "Linen Shirt in sand, folded",
    width: 1600,
    height: 2000,
  },
};
const shippingPolicy = aShippingPolicy();

let shopCounter = 0;
/** An installed shop whose knowledge went through the sync's services: settings, sources, the index. */
async function aShopWithKnowledge(): Promise<string> {
  shopCounter += 1;
  const shop = `answers-${shopCounter}-${RUN}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop } });
  await sessionStorage().storeSession(anOfflineSession(shop));
  await storeKnowledge(shop, [linenShirt, shippingPolicy], NOW);
  return shop;
}

const TRACKING_URL = "https://www.ups.com/track?tracknum=1Z999AA10123456784";
/** An order stored the way the order webhook job stores it, shipped with UPS. */
async function aShippedOrder(shop: string, name: string, customer: { email: string; id?: number }) {
  const payload = anOrderPayload(new Date("2026-11-18T09:00:00.000Z"), {
    name,
    email: customer.email,
    ...(customer.id
      ? { customer: { id: customer.id, admin_graphql_api_id: `gid://shopify/Customer/${customer.id}` } }
      : {}),
    fulfillment_status: "fulfilled",
    fulfillments: [
      {
        status: "cancelled",
        tracking_company: "DHL",
        tracking_number: "VOID1",
        tracking_url: "https://dhl.example/VOID1",
      },
      {
        status: "success",
        shipment_status: "in_transit",
        tracking_company: "UPS",
        tracking_number: "1Z999AA10123456784",
        tracking_url: TRACKING_URL,
      },
    ],
  });
  await saveOrder(shop, orderFromPayload(orderPayloadSchema.parse(payload)), "webhook");
}

const eventsOf = (shop: string) => prisma.chatEvent.findMany({ where: { shopDomain: shop }, orderBy: { type: "asc" } });

beforeEach(() => {
  freezeClock();
  vi.spyOn(console, "info").mockImplementation(() => undefined);
  resetAnswerLimits();
  resetIngestLimits();
  forgetLoadedIndexes();
});

afterAll(async () => {
  vi.useRealTimers();
  await prisma.$disconnect();
});

describe("POST /apps/chatlift/answers, questions the shop's content answers", () => {
  it("GIVEN a question the shipping policy covers THEN it answers with the policy's own sentence and the policy as its source", async () => {
    const shop = await aShopWithKnowledge();
    const question = aQuestion("Do you ship to Canada?", { page: { type: "home" } });

    const response = await ask({ shop, body: question });

    expect(response.status).toBe(200);
    const answer = (await response.json()) as Answer;
    expect(answer).toMatchObject({
      kind: "answer",
      locale: "en",
      sources: [{ type: "policy", id: shippingPolicy.id, title: "Shipping policy", url: shippingPolicy.url }],
    });
    expect(answer.text).toContain("We ship to Canada");
    expect(answer.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer).not.toHaveProperty("candidates");
  });

  it("GIVEN a question and its answer THEN the session records the question, what was shown, and a question_answered micro-conversion", async () => {
    const shop = await aShopWithKnowledge();
    const question = aQuestion("Do you ship to Canada?", { page: { type: "home" } });

    const answer = (await (await ask({ shop, body: question, loggedInCustomerId: "207119551" })).json()) as Answer;

    const events = await eventsOf(shop);
    expect(events.map((event) => [event.type, event.microKind])).toEqual([
      ["answer_shown", null],
      ["micro_conversion", "question_answered"],
      ["question_asked", null],
    ]);
    expect(events.find((event) => event.type === "answer_shown")).toMatchObject({
      id: answer.id,
      sessionId: question.sessionId,
    });
    expect(JSON.parse(events.find((event) => event.type === "answer_shown")!.data!)).toEqual({
      kind: "answer",
      sourceIds: [shippingPolicy.id],
      text: answer.text,
      sourceTitles: ["Shipping policy"],
      locale: "en",
    });
    expect(
      await prisma.microConversion.findMany({ where: { shopDomain: shop }, select: { kind: true, sessionId: true } }),
    ).toEqual([{ kind: "question_answered", sessionId: question.sessionId }]);
    expect(
      await prisma.chatSession.findUniqueOrThrow({
        where: { shopDomain_id: { shopDomain: shop, id: question.sessionId } },
      }),
    ).toMatchObject({
      visitorId: question.visitorId,
      arm: "treatment",
      customerId: "gid://shopify/Customer/207119551",
      eventCount: 3,
      microConversionCount: 1,
    });
  });

  it("GIVEN 'not what I meant' on the shipping policy's answer THEN the route answers without it and records the repair", async () => {
    const shop = await aShopWithKnowledge();
    const first = aQuestion("Do you ship to Canada?", { page: { type: "home" } });
    const shown = (await (await ask({ shop, body: first })).json()) as Answer;
    expect(shown.sources.map((source) => source.id)).toEqual([shippingPolicy.id]);

    const again = { ...first, excludeSourceIds: [shippingPolicy.id] };
    const repaired = (await (await ask({ shop, body: again })).json()) as Answer;

    expect(repaired.sources.map((source) => source.id)).not.toContain(shippingPolicy.id);
    const asked = (await eventsOf(shop)).filter((event) => event.type === "question_asked");
    expect(asked.map((event) => JSON.parse(event.data!).repair ?? false).sort()).toEqual([false, true]);
  });

  it("GIVEN a question with the shopper's email and phone number THEN both are gone from what is stored", async () => {
    const shop = await aShopWithKnowledge();
    const question = aQuestion("Do you ship to Canada? I'm ann.lee@example.com, +1 (415) 555-0132, about order #1001");

    await ask({ shop, body: question });

    const asked = (await eventsOf(shop)).find((event) => event.type === "question_asked")!;
    expect(JSON.parse(asked.data!)).toMatchObject({
      question: "Do you ship to Canada? I'm [email], [phone], about order #1001",
      locale: "en",
      pageType: "product",
    });
    expect(JSON.stringify(await eventsOf(shop))).not.toMatch(/ann\.lee|415|555/);
  });

  it("GIVEN a question the shop does not cover THEN it abstains honestly and records an abstention, no micro-conversion", async () => {
    const shop = await aShopWithKnowledge();
    const response = await ask({
      shop,
      body: aQuestion("Can I pay with cryptocurrency at your Tokyo boutique?", { page: { type: "home" } }),
    });
    const answer = (await response.json()) as Answer;
    expect(answer).toMatchObject({ kind: "abstain", sources: [] });
    expect((await eventsOf(shop)).map((event) => event.type)).toEqual(["answer_abstained", "question_asked"]);
    expect(await prisma.microConversion.count({ where: { shopDomain: shop } })).toBe(0);
  });

  it("GIVEN a product page's numeric product id and a question about 'it' THEN the answer is about that product, from its data, its card showing its image sized down by Shopify's CDN", async () => {
    const shop = await aShopWithKnowledge();
    const answer = (await (await ask({ shop, body: aQuestion("How much is it?") })).json()) as Answer;
    expect(answer.sources).toEqual([
      { type: "product", id: linenShirt.id, title: "Linen Shirt", url: linenShirt.onlineStoreUrl },
    ]);
    expect(answer.text).toContain("$59.00");
    expect(answer.products?.[0]).toMatchObject({
      id: linenShirt.id,
      price: "59.00",
      currencyCode: "USD",
      imageUrl:
        "https://cdn.shopify.com/s/files/1/0700/4242/files/linen-shirt.jpg?v=1730451600&width=160&height=160&crop=center",
      imageAlt: "Linen Shirt in sand, folded",
    });
  });
});

describe("POST /apps/chatlift/answers, the loaded index follows the sync", () => {
  it("GIVEN a page the sync adds after the index was loaded THEN questions are answered from it once the stored version is checked again", async () => {
    const shop = await aShopWithKnowledge();
    const giftWrap = aQuestion("Do you offer gift wrapping?", { page: { type: "home" } });
    expect(((await (await ask({ shop, body: giftWrap })).json()) as Answer).kind).toBe("abstain");

    const page: SourceDocument = {
      type: "page",
      id: "gid://shopify/Page/77",
      locale: "en",
      handle: "gift-wrapping",
      title: "Gift wrapping",
      body: "<p>We offer gift wrapping on every order for $5, with a handwritten card.</p>",
      url: "https://harbor.example/pages/gift-wrapping",
    };
    vi.setSystemTime(NOW.getTime() + 1_000);
    await writeSources(shop, [{ document: page, sourceUpdatedAt: new Date() }], new Date());
    expect((await updateKnowledgeIndex(shop, new Date())).mode).toBe("updated");

    // Still within the re-check interval: the loaded copy answers.
    expect(
      ((await (await ask({ shop, body: { ...giftWrap, visitorId: `${giftWrap.visitorId}_2` } })).json()) as Answer)
        .kind,
    ).toBe("abstain");
    vi.setSystemTime(NOW.getTime() + RECHECK_MS + 1_000);
    const answer = (await (
      await ask({ shop, body: { ...giftWrap, visitorId: `${giftWrap.visitorId}_3` } })
    ).json()) as Answer;
    expect(answer).toMatchObject({ kind: "answer", sources: [{ type: "page", id: page.id }] });
  });
});

describe("POST /apps/chatlift/answers, refused requests answer nothing and store nothing", () => {
  it.each([
    ["signed with another secret", { secret: "not-the-app-secret" }],
    ["with a forged signature", { signature: "0".repeat(64) }],
  ])("GIVEN a request %s THEN it answers 400", async (_label, options) => {
    const shop = await aShopWithKnowledge();
    const response = await ask({ shop, body: aQuestion("Do you ship to Canada?"), ...options });
    expect(response.status).toBe(400);
    expect(await eventsOf(shop)).toEqual([]);
  });

  it("GIVEN a body over 2 KB THEN it answers 413", async () => {
    const shop = await aShopWithKnowledge();
    const body = JSON.stringify({ ...aQuestion("Do you ship to Canada?"), padding: "p".repeat(2100) });
    const response = await ask({ shop, body });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "a question's request is at most 2048 bytes" });
  });

  it("GIVEN a question of 501 characters THEN it answers 400 naming the field", async () => {
    const shop = await aShopWithKnowledge();
    const response = await ask({ shop, body: aQuestion("a".repeat(501)) });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "invalid question: question",
      issues: [{ field: "question", message: "at most 500 characters" }],
    });
  });

  it("GIVEN a body that is not JSON THEN it answers 400", async () => {
    const shop = await aShopWithKnowledge();
    const response = await ask({ shop, body: "{question:" });
    expect([response.status, await response.json()]).toEqual([400, { error: "body is not JSON" }]);
  });

  it("GIVEN a bot's user agent THEN it answers 403 and stores nothing", async () => {
    const shop = await aShopWithKnowledge();
    const response = await ask({
      shop,
      body: aQuestion("Do you ship to Canada?"),
      userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    });
    expect(response.status).toBe(403);
    expect(await eventsOf(shop)).toEqual([]);
  });

  it("GIVEN a shop with no offline session THEN it answers 404", async () => {
    const shop = `never-installed-${RUN}.myshopify.com`;
    const response = await ask({ shop, body: aQuestion("Do you ship to Canada?") });
    expect([response.status, await response.json()]).toEqual([
      404,
      { error: `ChatLift is not installed on ${shop}: nothing answered` },
    ]);
  });

  it("GIVEN a shop marked uninstalled THEN it answers 404", async () => {
    const shop = await aShopWithKnowledge();
    await prisma.shop.update({ where: { domain: shop }, data: { uninstalledAt: NOW } });
    expect((await ask({ shop, body: aQuestion("Do you ship to Canada?") })).status).toBe(404);
  });

  it("GIVEN a GET THEN it answers 405", async () => {
    const shop = await aShopWithKnowledge();
    expect((await ask({ shop, method: "GET" })).status).toBe(405);
  });

  it("GIVEN one visitor asking 21 questions at once THEN the 21st answers 429 with Retry-After, and the visitor is answered again once it passed", async () => {
    const shop = await aShopWithKnowledge();
    const first = aQuestion("Do you ship to Canada?");
    const again = () => ask({ shop, body: { ...first, question: "Do you ship to Canada?" } });
    const statuses = [];
    for (let i = 0; i < 20; i += 1) statuses.push((await again()).status);
    expect(new Set(statuses)).toEqual(new Set([200]));

    const refused = await again();
    expect([refused.status, refused.headers.get("Retry-After")]).toEqual([429, "5"]);
    expect(await refused.json()).toEqual({ error: "too many questions from this visitor; retry in 5 s" });

    vi.setSystemTime(NOW.getTime() + 5_000);
    expect((await again()).status).toBe(200);
  });
});

describe("POST /apps/chatlift/answers, where is my order", () => {
  it("GIVEN 'where is my order?' with no details THEN it asks for the order number and email, revealing nothing", async () => {
    const shop = await aShopWithKnowledge();
    const answer = (await (await ask({ shop, body: aQuestion("Where is my order?") })).json()) as Answer;
    expect(answer).toMatchObject({ kind: "order_status", sources: [] });
    expect(answer.text).toMatch(/order number/i);
  });

  it("GIVEN the right number and the email on the order THEN it answers the status and the live tracking, and stores neither email", async () => {
    const shop = await aShopWithKnowledge();
    await aShippedOrder(shop, "#1001", { email: "ann.lee@example.com" });

    const response = await ask({
      shop,
      body: aQuestion("Where is my order?", { order: { number: "1001", email: " Ann.Lee@Example.com" } }),
    });

    const answer = (await response.json()) as Answer;
    expect(answer).toMatchObject({
      kind: "order_status",
      locale: "en",
      sources: [{ type: "order", title: "#1001", url: TRACKING_URL }],
    });
    expect(answer.text).toBe(
      `Order #1001 (placed 2026-11-18) has shipped. Tracking: UPS 1Z999AA10123456784 (${TRACKING_URL}).`,
    );
    const stored = JSON.stringify(await eventsOf(shop));
    expect(stored).not.toMatch(/ann\.lee/i);
    expect(await prisma.microConversion.count({ where: { shopDomain: shop, kind: "question_answered" } })).toBe(1);
  });

  it("GIVEN the number and email typed in the question itself THEN the status is answered, and the stored question keeps the number but not the email", async () => {
    const shop = await aShopWithKnowledge();
    await aShippedOrder(shop, "#1001", { email: "ann.lee@example.com" });

    const answer = (await (
      await ask({ shop, body: aQuestion("Where is my order #1001? My email is ann.lee@example.com") })
    ).json()) as Answer;

    expect(answer).toMatchObject({ kind: "order_status", sources: [{ type: "order", title: "#1001" }] });
    const asked = (await eventsOf(shop)).find((event) => event.type === "question_asked")!;
    expect(JSON.parse(asked.data!).question).toBe("Where is my order #1001? My email is [email]");
  });

  it("GIVEN a wrong email, or a number no order has THEN both answer exactly the same, revealing nothing", async () => {
    const shop = await aShopWithKnowledge();
    await aShippedOrder(shop, "#1001", { email: "ann.lee@example.com" });

    const wrongEmail = await (
      await ask({
        shop,
        body: aQuestion("Where is my order?", { order: { number: "#1001", email: "eve@example.com" } }),
      })
    ).json();
    const unknown = await (
      await ask({
        shop,
        body: aQuestion("Where is my order?", { order: { number: "#9999", email: "eve@example.com" } }),
      })
    ).json();

    const { id: _a, ...mismatch } = wrongEmail as Answer;
    const { id: _b, ...noOrder } = unknown as Answer;
    expect(mismatch).toEqual(noOrder);
    expect(mismatch).toMatchObject({ kind: "order_status", sources: [] });
    expect(JSON.stringify(mismatch)).not.toMatch(/UPS|1Z999|shipped|2026/);
    expect(await prisma.microConversion.count({ where: { shopDomain: shop } })).toBe(0);
  });

  it("GIVEN the logged-in customer who owns the order asks without details THEN their latest order's status is answered", async () => {
    const shop = await aShopWithKnowledge();
    await aShippedOrder(shop, "#1001", { email: "ann.lee@example.com", id: 207119551 });

    const answer = (await (
      await ask({ shop, body: aQuestion("Where is my order?"), loggedInCustomerId: "207119551" })
    ).json()) as Answer;
    expect(answer).toMatchObject({ kind: "order_status", sources: [{ type: "order", title: "#1001" }] });

    const someoneElse = (await (
      await ask({
        shop,
        body: aQuestion("Where is my order?", { order: { number: "1001", email: "" } }),
        loggedInCustomerId: "1",
      })
    ).json()) as Answer;
    expect(someoneElse.sources).toEqual([]);
  });

  it("GIVEN one visitor trying order numbers THEN the sixth attempt in ten minutes answers 429 with Retry-After", async () => {
    const shop = await aShopWithKnowledge();
    await aShippedOrder(shop, "#1001", { email: "ann.lee@example.com" });
    const attacker = aQuestion("Where is my order?");
    const attempt = (n: number) =>
      ask({ shop, body: { ...attacker, order: { number: String(1000 + n), email: "guess@example.com" } } });

    const statuses = [];
    for (let n = 0; n < 5; n += 1) statuses.push((await attempt(n)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    const refused = await attempt(1);
    expect([refused.status, refused.headers.get("Retry-After")]).toEqual([429, "120"]);
    expect(await refused.json()).toEqual({ error: "too many order look-ups from this visitor; retry in 120 s" });
  });

  it("GIVEN many visitors of one shop trying order numbers THEN the shop's look-up limit refuses them too", async () => {
    const shop = await aShopWithKnowledge();
    const statuses: number[] = [];
    for (let n = 0; n < 101; n += 1) {
      statuses.push(
        (
          await ask({
            shop,
            body: aQuestion("Where is my order?", { order: { number: String(2000 + n), email: "guess@example.com" } }),
          })
        ).status,
      );
    }
    expect(statuses.slice(0, 100).every((status) => status === 200)).toBe(true);
    expect(statuses[100]).toBe(429);
  });
});

describe("the widget's feedback on an answer, through the events route", () => {
  const postEvents = (shop: string, body: unknown) =>
    responseOf(eventsRoute(routeArgs(signedProxyRequest({ shop, body }))));

  it("GIVEN a thumbs down on an answer THEN it is stored beside the question, naming the answer", async () => {
    const shop = await aShopWithKnowledge();
    const question = aQuestion("Do you ship to Canada?", { page: { type: "home" } });
    const answer = (await (await ask({ shop, body: question })).json()) as Answer;

    const feedback = anEvent("answer_feedback", {
      sessionId: question.sessionId,
      answerId: answer.id,
      helpful: false,
      kind: "answer",
      sourceIds: [shippingPolicy.id],
    });
    const response = await postEvents(shop, aBatch({ visitorId: question.visitorId, events: [feedback] }));

    expect(await response.json()).toEqual({ accepted: 1, duplicates: 0 });
    const stored = await prisma.chatEvent.findFirstOrThrow({ where: { shopDomain: shop, type: "answer_feedback" } });
    expect(JSON.parse(stored.data!)).toEqual({
      answerId: answer.id,
      helpful: false,
      kind: "answer",
      sourceIds: [shippingPolicy.id],
    });
  });

  it("GIVEN a widget batch claiming a question_asked event THEN it answers 400: only the answers route records questions", async () => {
    const shop = await aShopWithKnowledge();
    const forged = {
      ...anEvent("chat_opened"),
      type: "question_asked",
      question: "call me on +44 20 7946 0958",
      locale: "en",
      pageType: "home",
    };
    const response = await postEvents(shop, aBatch({ events: [forged as never] }));
    expect(response.status).toBe(400);
    expect(await eventsOf(shop)).toEqual([]);
  });
});
