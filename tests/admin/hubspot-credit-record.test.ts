/**
 * The HubSpot page's "Deals or HubSpot orders" choice, posted over real HTTP with the embedded admin's session
 * token (the page read through its loader): saved where the token holds the order scopes, refused with the reason
 * where it does not, and a value that is no choice refused as malformed.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { action, loader } from "../../app/routes/app.hubspot";
import { startHubSpotSandbox, type HubSpotSandbox, type SandboxOptions } from "../../sandbox/hubspot";
import { ORDER_SCOPES } from "../../sandbox/hubspot/scopes";
import { useTestEncryptionKey } from "../support/builders/lead-rows";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";
import { routeArgs } from "../support/http/responses";
import { serveRoutes, type RouteServer } from "../support/http/route-server";
import { documentRequest } from "../support/http/signed-requests";
import { postAdminForm } from "../support/http/wire-posts";

let sandbox: HubSpotSandbox;
let counter = 0;
let store: string;

let server: RouteServer;

/** The page's form, posted over real HTTP: the status and body as the embedded admin receives them. */
async function post(fields: Record<string, string>) {
  server ??= await serveRoutes({ "/app/hubspot": action });
  return postAdminForm<unknown>(server.origin, store, "/app/hubspot", fields);
}
const page = async () => loader(routeArgs(await documentRequest(store, "/app/hubspot")));

async function aConnectedStore(options: SandboxOptions = {}) {
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, ...options });
  process.env.HUBSPOT_API_BASE = sandbox.url;
  counter += 1;
  store = `hubspot-credit-record-${process.pid}-${counter}`;
  await storeOfflineSession(prisma, store);
  await post({ intent: "connect_static", token: "pat-sandbox", tenSecondLimit: "100" });
}

beforeEach(() => useTestEncryptionKey());
afterEach(() => sandbox.close());
afterAll(async () => {
  await server?.close();
  await prisma.$disconnect();
});

describe("Deals or HubSpot orders on the HubSpot page", () => {
  it("GIVEN a fresh connection THEN deals are chosen and the page says what orders would do instead", async () => {
    await aConnectedStore();

    expect((await page()).connection?.creditRecord).toEqual({
      record: "deals",
      ordersAvailable: true,
      note: expect.stringMatching(/^Credited orders become ChatLift deals.*choose HubSpot orders/),
    });
  });

  it("WHEN the merchant saves HubSpot orders THEN it is stored and the page says no deal is made", async () => {
    await aConnectedStore();

    const saved = await post({ intent: "credit_record", record: "orders" });

    expect(saved).toEqual({ status: 200, body: { kind: "saved", message: expect.stringMatching(/not a deal/) } });
    const stored = await prisma.hubSpotConnection.findUniqueOrThrow({ where: { shopDomain: domainOf(store) } });
    expect(stored.creditRecord).toBe("orders");
    expect((await page()).connection?.creditRecord.note).toMatch(/onto HubSpot's order.*no deal.*24 hours/);
  });

  it("GIVEN a token without the order scopes WHEN orders are saved THEN 422 with the missing scopes and deals stay", async () => {
    await aConnectedStore({ withheldScopes: ORDER_SCOPES });

    const refused = await post({ intent: "credit_record", record: "both" });

    expect(refused).toEqual({
      status: 422,
      body: { kind: "failed", message: expect.stringMatching(/lacks crm\.objects\.orders\.read/) },
    });
    expect((await page()).connection?.creditRecord).toMatchObject({ record: "deals", ordersAvailable: false });
  });

  it("GIVEN a value that is no choice THEN 400 and nothing changes", async () => {
    await aConnectedStore();

    const refused = await post({ intent: "credit_record", record: "carts" });

    expect(refused.status).toBe(400);
    expect((await page()).connection?.creditRecord.record).toBe("deals");
  });
});
