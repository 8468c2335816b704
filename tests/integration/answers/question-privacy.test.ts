/**
 * Shoppers' questions are free text kept in their chat sessions: customers/redact, shop/redact and
 * data retention must take them with everything else. Questions are asked through the real, signed
 * answers route (a shop whose content is not synced yet still answers, and still records them).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { sessionStorage } from "../../../app/shopify.server";
import { action } from "../../../app/routes/apps.chatlift.answers";
import { resetAnswerLimits } from "../../../app/answers/answer.server";
import { resetIngestLimits } from "../../../app/capture/ingest.server";
import { saveOrder } from "../../../app/attribution/orders/orders.server";
import { orderFromPayload, orderPayloadSchema } from "../../../app/attribution/orders/order-payload";
import { redactCustomer, redactShop } from "../../../app/privacy/compliance.server";
import { enforceRetention } from "../../../app/privacy/retention.server";
import type { Question } from "../../../contract/answers";
import { anOrderPayload } from "../../../sandbox/shopify/order-payloads";
import { anOfflineSession } from "../../support/builders/sessions";
import { DAY, freezeClock, NOW } from "../../support/clock";
import { responseOf, routeArgs } from "../../support/http/responses";
import { signedProxyRequest } from "../../support/http/signed-requests";

const RUN = randomUUID().slice(0, 8);
const CUSTOMER = 207119551;

let shops = 0;
async function anInstalledShop(): Promise<string> {
  shops += 1;
  const shop = `questions-${shops}-${RUN}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop } });
  await sessionStorage().storeSession(anOfflineSession(shop));
  return shop;
}

async function asks(
  shop: string,
  who: { visitor: string; session: string; customer?: number },
  question: string,
): Promise<void> {
  const body: Question = {
    sessionId: who.session,
    visitorId: who.visitor,
    question,
    locale: "en",
    page: { type: "home" },
    arm: "treatment",
  };
  const request = signedProxyRequest({
    path: "/apps/chatlift/answers",
    shop,
    body,
    ...(who.customer ? { loggedInCustomerId: String(who.customer) } : {}),
  });
  expect((await responseOf(action(routeArgs(request)))).status).toBe(200);
}

const questionsOf = async (shop: string) =>
  (
    await prisma.chatEvent.findMany({
      where: { shopDomain: shop, type: "question_asked" },
      select: { sessionId: true },
      orderBy: { sessionId: "asc" },
    })
  ).map((event) => event.sessionId);

const ann = { visitor: `visitor_ann_${RUN}`, session: `sess_ann_in_${RUN}`, customer: CUSTOMER };
const annLater = { visitor: ann.visitor, session: `sess_ann_out_${RUN}` };
const bob = { visitor: `visitor_bob_${RUN}`, session: `sess_bob_${RUN}` };

beforeEach(() => {
  freezeClock();
  vi.spyOn(console, "info").mockImplementation(() => undefined);
  resetAnswerLimits();
  resetIngestLimits();
});

afterAll(async () => {
  vi.useRealTimers();
  await prisma.$disconnect();
});

describe("stored questions and the privacy webhooks", () => {
  it("GIVEN a customer's questions, logged in and later logged out in the same browser WHEN customers/redact comes THEN both go, another shopper's stay, and their order loses its tracking", async () => {
    const shop = await anInstalledShop();
    await asks(shop, ann, "Do you gift wrap? I'm Ann from Leeds");
    await asks(shop, annLater, "Where is my order?");
    await asks(shop, bob, "Do you gift wrap?");
    const payload = anOrderPayload(NOW, {
      email: "ann@example.com",
      customer: { id: CUSTOMER, admin_graphql_api_id: `gid://shopify/Customer/${CUSTOMER}` },
      fulfillment_status: "fulfilled",
      fulfillments: [
        {
          status: "success",
          tracking_company: "UPS",
          tracking_number: "1Z999AA10123456784",
          tracking_url: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
        },
      ],
    });
    await saveOrder(shop, orderFromPayload(orderPayloadSchema.parse(payload)), "webhook");
    expect(await questionsOf(shop)).toEqual([ann.session, annLater.session, bob.session].sort());

    await redactCustomer(shop, { id: CUSTOMER, email: "ann@example.com" });

    expect(await questionsOf(shop)).toEqual([bob.session]);
    expect(await prisma.order.findFirstOrThrow({ where: { shopDomain: shop } })).toMatchObject({
      email: null,
      customerId: null,
      tracking: "[]",
      fulfillmentStatus: "fulfilled",
    });
  });

  it("GIVEN questions of two shops WHEN shop/redact comes for one THEN every question of it goes and none of the other", async () => {
    const [shop, other] = [await anInstalledShop(), await anInstalledShop()];
    await asks(shop, bob, "Do you gift wrap?");
    await asks(other, bob, "Do you gift wrap?");

    await redactShop(shop);

    expect(await prisma.chatEvent.count({ where: { shopDomain: shop } })).toBe(0);
    expect(await questionsOf(other)).toEqual([bob.session]);
  });

  it("GIVEN a question older than the shop's retention and a recent one WHEN retention runs THEN only the old one goes", async () => {
    const shop = await anInstalledShop();
    freezeClock(NOW.getTime() - 100 * DAY);
    await asks(shop, ann, "Do you gift wrap?");
    freezeClock();
    await asks(shop, bob, "Do you gift wrap?");

    await enforceRetention(shop, 90, NOW);

    expect(await questionsOf(shop)).toEqual([bob.session]);
  });
});
