/**
 * Orders belong to the shop that sent them first. X-Shopify-Shop-Domain is outside the webhook's HMAC,
 * so a captured signed body replayed with another shop's header must not move, change or refund the
 * first shop's order: such a delivery is refused (logged, its job done) and nothing of it is stored.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../../app/db.server";
import { action as ordersUpdated } from "../../../../app/routes/webhooks.orders.updated";
import { action as refundsCreate } from "../../../../app/routes/webhooks.refunds.create";
import { registerAppJobs } from "../../../../app/jobs.server";
import { drainJobs } from "../../../../app/platform/jobs/runner.server";
import { signedWebhookRequest } from "../../../support/http/signed-requests";
import { aRefundPayload, anOrderPayload } from "../../../../sandbox/shopify/order-payloads";
import { responseOf, routeArgs } from "../../../support/http/responses";
import { freezeClock, HOUR, NOW } from "../../../support/clock";

const RUN = randomUUID().slice(0, 8);
let shopCounter = 0;
async function anInstalledShop(): Promise<string> {
  shopCounter += 1;
  const shop = `per-shop-${shopCounter}-${RUN}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop, currency: "USD" } });
  return shop;
}

async function deliver(topic: "orders/updated" | "refunds/create", payload: unknown, shop: string): Promise<number> {
  const action = topic === "orders/updated" ? ordersUpdated : refundsCreate;
  const request = signedWebhookRequest(`/webhooks/${topic}`, { topic, payload, shop });
  return (await responseOf(action(routeArgs(request)))).status;
}

let warnings: string[];

beforeEach(() => {
  freezeClock();
  vi.spyOn(console, "info").mockImplementation(() => undefined);
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  warnings = [];
  vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(" ")));
  registerAppJobs();
});

afterAll(async () => {
  vi.useRealTimers();
  await prisma.$disconnect();
});

describe("an order id that already belongs to another shop", () => {
  it("GIVEN shop A's order WHEN a newer body of it arrives under shop B's header THEN A's order is untouched, B stores nothing, and the refusal is logged", async () => {
    const [shopA, shopB] = [await anInstalledShop(), await anInstalledShop()];
    const placed = new Date(NOW.getTime() - 2 * HOUR);
    const order = anOrderPayload(placed, { email: "buyer@example.com" });
    await deliver("orders/updated", order, shopA);
    await drainJobs();

    const replayed = { ...order, updated_at: NOW.toISOString(), email: "attacker@example.com" };
    const status = await deliver("orders/updated", replayed, shopB);
    await drainJobs();

    expect(status).toBe(200);
    const stored = await prisma.order.findUniqueOrThrow({ where: { id: order.admin_graphql_api_id } });
    expect(stored).toMatchObject({ shopDomain: shopA, email: "buyer@example.com", shopifyUpdatedAt: placed });
    expect(await prisma.order.count({ where: { shopDomain: shopB } })).toBe(0);
    expect(await prisma.job.count({ where: { payload: { contains: shopB }, status: { not: "done" } } })).toBe(0);
    expect(warnings.join("\n")).toContain(`${order.admin_graphql_api_id} belongs to ${shopA}`);
  });

  it("GIVEN shop A's order WHEN a refund of it arrives under shop B's header THEN nothing is refunded and the refusal is logged", async () => {
    const [shopA, shopB] = [await anInstalledShop(), await anInstalledShop()];
    const order = anOrderPayload(new Date(NOW.getTime() - 2 * HOUR));
    await deliver("orders/updated", order, shopA);
    await drainJobs();

    const status = await deliver("refunds/create", aRefundPayload(order, 0, NOW, "129.99"), shopB);
    await drainJobs();

    expect(status).toBe(200);
    const stored = await prisma.order.findUniqueOrThrow({ where: { id: order.admin_graphql_api_id } });
    expect(stored).toMatchObject({ shopDomain: shopA, refundedMinor: 0n, netMinor: 25592n });
    expect(await prisma.refund.count({ where: { orderId: order.admin_graphql_api_id } })).toBe(0);
    expect(warnings.join("\n")).toContain(`${order.admin_graphql_api_id} belongs to ${shopA}`);
  });
});
