/** A stored lead's facts as the rules see them: pages and collections from paths, cart value, qualifier answers under their fields, owner. */
import { afterAll, describe, expect, it } from "vitest";
import prisma from "../../../app/db.server";
import { loadLeadFacts } from "../../../app/routing/lead-facts.server";
import { MINUTE, NOW } from "../../support/clock";

const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * MINUTE);
let shopCounter = 0;

afterAll(() => prisma.$disconnect());

/** A shopper in two sessions: a collection page last week, the pricing page today (answering the B2B flow's size question), then the cart. */
async function aReturningB2bLead(countries: [string | null, string | null] = [null, null]) {
  shopCounter += 1;
  const shopDomain = `lead-facts-${process.pid}-${shopCounter}.myshopify.com`;
  const email = "lin@acme.io";
  const session = (id: string, minutesAgo: number, landingPath: string, pageType: string) => ({
    shopDomain,
    id,
    visitorId: "visitor-lin",
    arm: "treatment",
    startedAt: at(minutesAgo),
    lastSeenAt: at(minutesAgo),
    landingPath,
    pageType,
    email,
  });
  await prisma.chatSession.createMany({
    data: [
      { ...session("s-old", 7 * 24 * 60, "/collections/linen/products/shirt", "product"), country: countries[0] },
      { ...session("s-new", 30, "/pages/pricing", "page"), country: countries[1] },
    ],
  });
  await prisma.microConversion.createMany({
    data: [
      { shopDomain, id: "m1", sessionId: "s-old", kind: "add_to_cart", at: at(7 * 24 * 60), valueMinor: 9_900n },
      {
        shopDomain,
        id: "m2",
        sessionId: "s-new",
        kind: "add_to_cart",
        at: at(20),
        valueMinor: 3_990n,
        productId: "632910392",
      },
      { shopDomain, id: "m3", sessionId: "s-new", kind: "add_to_cart", at: at(19), valueMinor: 1_500n },
    ],
  });
  await prisma.chatEvent.create({
    data: {
      shopDomain,
      id: "e1",
      sessionId: "s-new",
      type: "step_answered",
      flowId: "b2b",
      stepId: "seats",
      occurredAt: at(25),
      receivedAt: at(25),
      data: JSON.stringify({ answer: { kind: "number", value: 40 } }),
    },
  });
  const config = { flows: [{ id: "b2b", steps: [{ id: "seats", kind: "qualifier", field: "team_size" }] }] };
  await prisma.widgetPublication.create({
    data: {
      shopDomain,
      config: JSON.stringify(config),
      metafieldId: "gid://shopify/Metafield/1",
      reason: "published b2b version 1",
      publishedAt: at(60),
    },
  });
  const lead = await prisma.lead.create({
    data: {
      shopDomain,
      email,
      consentText: "Email me",
      consentAt: at(25),
      firstSessionId: "s-old",
      lastSessionId: "s-new",
      lastPagePath: "/cart",
      hubspotOwnerId: "502",
      updatedAt: at(10),
    },
  });
  return lead;
}

describe("loadLeadFacts", () => {
  it("GIVEN a returning B2B shopper THEN the rules see every page with its type and handle, the collection, the latest cart, the answer under its field and the owner", async () => {
    const lead = await aReturningB2bLead();

    const facts = await loadLeadFacts(prisma, lead, "USD");

    expect(facts.pages).toEqual([
      { type: "product", path: "/collections/linen/products/shirt", handle: "shirt", at: at(7 * 24 * 60).getTime() },
      { type: "page", path: "/pages/pricing", handle: "pricing", at: at(30).getTime() },
      { type: "cart", path: "/cart", at: lead.updatedAt.getTime() },
    ]);
    expect(facts.collections).toEqual(["linen"]);
    expect(facts.cartValue).toBe(5_490);
    expect(facts.qualifierAnswers).toEqual({ team_size: { kind: "number", value: 40 } });
    expect(facts.ownerId).toBe("502");
    expect(facts.productIds).toEqual(["632910392"]);
    expect(facts.country).toBeUndefined();
  });

  it("GIVEN sessions from two storefront countries THEN the rules see the latest session's country", async () => {
    const lead = await aReturningB2bLead(["FR", "DE"]);

    const facts = await loadLeadFacts(prisma, lead, "USD");

    expect(facts.country).toBe("DE");
  });
});
