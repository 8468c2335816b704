/**
 * Every `chatlift_*` contact property the README lists reaches HubSpot, computed from what the
 * shop stored: micro-conversions of all the lead's batches (not only the one that carried the
 * email), first and last chat, the last micro-conversion, and the revenue credited to the lead's
 * chats under the shop's own model and window, net of refunds.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { connectWithStaticToken } from "../../../app/sync/connection.server";
import { CONTACT_PROPERTIES, CONTACT_PROPERTY } from "../../../app/sync/chatlift-properties";
import { enqueueRoutingForFacts } from "../../../app/sync/outbox.server";
import { drainJobs } from "../../../app/platform/jobs/runner.server";
import { sessionStorage } from "../../../app/shopify.server";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../sandbox/hubspot";
import { postChat, thawTheScene, useFrozenRoutingScene } from "../../support/builders/routing-scene";
import { aBatch, anEmailCapture, anEvent } from "../../support/builders/events";
import { anOfflineSession } from "../../support/builders/sessions";
import { aCreditedOrder } from "../../support/builders/stored-orders";
import { MINUTE, NOW } from "../../support/clock";

const UPSERT = "/crm/objects/2026-03/contacts/batch/upsert";
const SESSION = "sess_facts_noor_01";
const EMAIL = "noor@acme.io";
let sandbox: HubSpotSandbox;
let shopCounter = 0;
let shop: string;

const at = (minutesBeforeNow: number) => new Date(NOW.getTime() - minutesBeforeNow * MINUTE);

/** A batch the widget sends at `sentAt`, on the linen shirt's page. */
async function sendBatch(sentAt: Date, events: ReturnType<typeof anEvent>[]) {
  vi.setSystemTime(sentAt);
  const batch = aBatch({ visitorId: "visitor_facts_noor", sentAt: sentAt.getTime(), events });
  expect((await postChat(shop, batch)).status).toBe(200);
}

const event = <T extends Parameters<typeof anEvent>[0]>(
  type: T,
  occurred: Date,
  overrides: Parameters<typeof anEvent<T>>[1] = {},
) => anEvent(type, { sessionId: SESSION, occurredAt: occurred.getTime(), ...overrides });

const acceptedUpserts = () => sandbox.requestsTo("POST", UPSERT).filter((request) => request.status === 200);

beforeEach(async () => {
  useFrozenRoutingScene();
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000 });
  process.env.HUBSPOT_API_BASE = sandbox.url;
  shopCounter += 1;
  shop = `contact-facts-${process.pid}-${shopCounter}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop, currency: "USD" } });
  await sessionStorage().storeSession(anOfflineSession(shop));
  await connectWithStaticToken(shop, "pat-sandbox");
});
afterEach(async () => {
  thawTheScene();
  await sandbox.close();
});
afterAll(() => prisma.$disconnect());

describe("ChatLift's contact properties", () => {
  it("GIVEN the connect THEN HubSpot holds all eleven contact properties, with the types the README describes", () => {
    const created = new Map(
      sandbox
        .requestsTo("POST", "/crm/properties/2026-03/contacts/batch/create")
        .filter((request) => request.status === 201)
        .flatMap(
          (request) => (request.body as { inputs: Array<{ name: string; type: string; fieldType: string }> }).inputs,
        )
        .map((input) => [input.name, `${input.type}/${input.fieldType}`]),
    );
    expect(Object.fromEntries(created)).toEqual({
      chatlift_intent_score: "number/number",
      chatlift_last_micro_conversion: "enumeration/select",
      chatlift_last_micro_conversion_at: "datetime/date",
      chatlift_micro_conversion_count: "number/number",
      chatlift_first_chat_at: "datetime/date",
      chatlift_last_chat_at: "datetime/date",
      chatlift_last_page: "string/text",
      chatlift_product_interest: "string/textarea",
      chatlift_attributed_revenue: "number/number",
      chatlift_consent: "enumeration/select",
      chatlift_consent_at: "datetime/date",
    });
    expect([...created.keys()]).toEqual(CONTACT_PROPERTIES.map((property) => property.name));
  });

  it("GIVEN a definition whose fieldType does not fit its type (a date-time shown as text) THEN HubSpot's sandbox refuses it, as HubSpot's v3 endpoints do", async () => {
    const response = await fetch(`${sandbox.url}/crm/properties/2026-03/contacts`, {
      method: "POST",
      headers: { authorization: "Bearer pat-sandbox", "content-type": "application/json" },
      body: JSON.stringify({
        name: "chatlift_test_seen_at",
        label: "Seen at",
        type: "datetime",
        fieldType: "text",
        groupName: "chatlift",
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      category: "VALIDATION_ERROR",
      message: "Property 'chatlift_test_seen_at' of type datetime cannot have fieldType text: use one of date",
    });
  });

  it("GIVEN a shopper who chats over three batches and whose order is credited to the chat WHEN the contact syncs THEN every chatlift property is sent, counted over all the lead's micro-conversions", async () => {
    // A prompt seen, the chat opened and fit help given, before any email.
    await sendBatch(at(120), [
      event("session_started", at(121), { landingPath: "/products/linen-shirt" }),
      event("prompt_shown", at(121)),
      event("chat_opened", at(120)),
      event("micro_conversion", at(119), {
        kind: "fit_help",
        productId: undefined,
        productVariantId: undefined,
        quantity: undefined,
      }),
    ]);
    // The email with consent, then the shirt added from chat.
    await sendBatch(at(60), [
      anEmailCapture(EMAIL, { sessionId: SESSION, occurredAt: at(61).getTime() }),
      event("micro_conversion", at(60), { kind: "add_to_cart", value: 39.9, currency: "USD" }),
    ]);
    // Later, a recommendation clicked: the lead's facts changed, so its contact syncs again.
    await sendBatch(at(30), [
      event("micro_conversion", at(30), {
        kind: "recommendation_click",
        productId: "632910999",
        productVariantId: undefined,
        quantity: undefined,
      }),
    ]);
    // The order: $39.90 of it direct, $10.00 assisted (last touch, 7 days, the shop's own),
    // and a first-touch 30-day credit the shop does not count.
    vi.setSystemTime(at(10));
    await aCreditedOrder(
      prisma,
      shop,
      at(10),
      [
        { chatSessionId: SESSION, role: "direct", amountMinor: 3990 },
        { chatSessionId: SESSION, role: "assisted", amountMinor: 1000, grossAmountMinor: 2000 },
        { chatSessionId: SESSION, model: "first_touch", windowDays: 30, amountMinor: 4990 },
      ],
      4990,
    );
    expect(await enqueueRoutingForFacts(prisma, shop, [EMAIL])).toBe(1);
    vi.setSystemTime(NOW);
    await drainJobs();

    const last = acceptedUpserts().at(-1);
    expect(last?.body).toEqual({
      inputs: [
        {
          idProperty: "email",
          objectWriteTraceId: "0",
          id: EMAIL,
          properties: {
            [CONTACT_PROPERTY.intentScore]: "0",
            [CONTACT_PROPERTY.microConversionCount]: "4",
            [CONTACT_PROPERTY.lastMicroConversion]: "recommendation_click",
            [CONTACT_PROPERTY.lastMicroConversionAt]: at(30).toISOString(),
            [CONTACT_PROPERTY.firstChatAt]: at(120).toISOString(),
            [CONTACT_PROPERTY.lastChatAt]: at(30).toISOString(),
            [CONTACT_PROPERTY.lastPage]: "/products/linen-shirt",
            [CONTACT_PROPERTY.productInterest]: "632910392",
            [CONTACT_PROPERTY.attributedRevenue]: "49.90",
            [CONTACT_PROPERTY.consent]: "granted",
            [CONTACT_PROPERTY.consentAt]: at(61).toISOString(),
          },
        },
      ],
    });
    const [contact] = [...sandbox.state.contacts.values()];
    expect(contact?.properties).toMatchObject({
      [CONTACT_PROPERTY.microConversionCount]: "4",
      [CONTACT_PROPERTY.attributedRevenue]: "49.90",
    });
  });

  it("GIVEN a lead whose chat earned no credit THEN attributed revenue is left out rather than sent as 0, and the rest still arrives", async () => {
    await sendBatch(at(5), [
      event("session_started", at(6), { landingPath: "/products/linen-shirt" }),
      anEmailCapture(EMAIL, { sessionId: SESSION, occurredAt: at(5).getTime() }),
    ]);
    vi.setSystemTime(NOW);
    await drainJobs();

    const properties = (acceptedUpserts().at(-1)?.body as { inputs: Array<{ properties: Record<string, string> }> })
      .inputs[0]?.properties;
    expect(properties).toEqual({
      [CONTACT_PROPERTY.intentScore]: "0",
      [CONTACT_PROPERTY.microConversionCount]: "1",
      [CONTACT_PROPERTY.lastMicroConversion]: "email_capture",
      [CONTACT_PROPERTY.lastMicroConversionAt]: at(5).toISOString(),
      [CONTACT_PROPERTY.firstChatAt]: at(5).toISOString(),
      [CONTACT_PROPERTY.lastChatAt]: at(5).toISOString(),
      [CONTACT_PROPERTY.lastPage]: "/products/linen-shirt",
      [CONTACT_PROPERTY.productInterest]: "632910392",
      [CONTACT_PROPERTY.consent]: "granted",
      [CONTACT_PROPERTY.consentAt]: at(5).toISOString(),
    });
  });
});
