/**
 * The HubSpot page says what happens to deals when the shop's currency is not one the portal has
 * (read from HubSpot's account info on connect), and the merchant chooses: deals without a
 * currency, or no deals. Through the page's loader and action with real session tokens, against
 * the HubSpot sandbox over HTTP.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { action, loader } from "../../app/routes/app.hubspot";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../sandbox/hubspot";
import { routeArgs, unwrap } from "../support/http/responses";
import { useTestEncryptionKey } from "../support/builders/lead-rows";
import { documentRequest, formPost } from "../support/http/signed-requests";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";

const PEAK = "north-peak";
let sandbox: HubSpotSandbox;
let counter = 0;
let store: string;

const post = async (fields: Record<string, string>) =>
  unwrap(await action(routeArgs(await formPost(store, "/app/hubspot", fields))));
const page = async () => loader(routeArgs(await documentRequest(store, "/app/hubspot")));

beforeAll(() => storeOfflineSession(prisma, PEAK));
beforeEach(async () => {
  useTestEncryptionKey();
  sandbox = await startHubSpotSandbox({ currency: "USD", additionalCurrencies: ["GBP"] });
  process.env.HUBSPOT_API_BASE = sandbox.url;
  counter += 1;
  store = `hubspot-currency-${process.pid}-${counter}`;
  await storeOfflineSession(prisma, store);
  const domain = domainOf(store);
  await prisma.shop.upsert({ where: { domain }, create: { domain, currency: "EUR" }, update: { currency: "EUR" } });
});
afterEach(() => sandbox.close());
afterAll(() => prisma.$disconnect());

describe("deal currency on the HubSpot page", () => {
  it("GIVEN an EUR shop connected to a USD + GBP portal THEN the page says deals go without a currency, nothing converted", async () => {
    expect((await post({ intent: "connect_static", token: "pat-sandbox", tenSecondLimit: "100" })).status).toBe(200);

    const { connection } = await page();

    expect(connection?.deal.otherCurrency).toBe("omit");
    expect(connection?.deal.currencyNote).toBe(
      "This portal takes USD, GBP, not EUR: deals go without a currency, so HubSpot reads their amounts as USD; each deal's name keeps the order's amount in EUR. Nothing is converted.",
    );
  });

  it("WHEN the merchant chooses no deals THEN it is stored and the page says so; a bad choice is refused with 400", async () => {
    await post({ intent: "connect_static", token: "pat-sandbox", tenSecondLimit: "100" });

    const saved = await post({ intent: "deal_currency", otherCurrency: "skip" });
    const refused = await post({ intent: "deal_currency", otherCurrency: "convert" });

    expect(saved).toMatchObject({ status: 200, body: { kind: "saved" } });
    expect(refused.status).toBe(400);
    const row = await prisma.hubSpotConnection.findUniqueOrThrow({ where: { shopDomain: domainOf(store) } });
    expect(row.dealOtherCurrency).toBe("skip");
    expect((await page()).connection?.deal.currencyNote).toBe(
      "This portal takes USD, GBP, not EUR: orders in EUR make no deal (your choice below).",
    );
  });

  it("GIVEN a shop not connected WHEN a choice is posted THEN it fails and nothing is stored", async () => {
    const result = await post({ intent: "deal_currency", otherCurrency: "skip" });

    expect(result).toMatchObject({ status: 422, body: { kind: "failed", message: "HubSpot is not connected" } });
  });
});
