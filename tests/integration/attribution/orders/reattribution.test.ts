import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../../app/db.server";
import { ingestBatch, resetIngestLimits } from "../../../../app/capture/ingest.server";
import { reattributeShop } from "../../../../app/attribution/attribute-order.server";
import { orderFromPayload, orderPayloadSchema } from "../../../../app/attribution/orders/order-payload";
import { saveOrder } from "../../../../app/attribution/orders/orders.server";
import { aBatch, anEvent } from "../../../support/builders/events";
import { anOrderPayload, withCartAttribute, withChatLine } from "../../../../sandbox/shopify/order-payloads";
import { freezeClock, HOUR, NOW } from "../../../support/clock";

const ORDERS = 600;

beforeEach(() => {
  freezeClock();
  resetIngestLimits();
});

afterAll(async () => {
  vi.useRealTimers();
  await prisma.$disconnect();
});

describe("reattributeShop", () => {
  it("GIVEN more orders and named sessions than one query may list THEN every order is credited, and again identically on a second run", async () => {
    // GIVEN 600 orders, each carrying one session in its cart attribute and one on each of two lines (1,800 sessions)
    const shop = `reattribute-${randomUUID().slice(0, 8)}.myshopify.com`;
    await prisma.shop.create({ data: { domain: shop } });
    const session = (n: number) => `sess_bulk_${n.toString().padStart(5, "0")}`;
    const touchAt = NOW.getTime() - 2 * HOUR;
    for (let start = 0; start < 3 * ORDERS; start += 50) {
      const events = Array.from({ length: 50 }, (_, i) =>
        anEvent("micro_conversion", { sessionId: session(start + i), occurredAt: touchAt }),
      );
      const stored = await ingestBatch({
        shopDomain: shop,
        receivedAt: new Date(touchAt),
        batch: aBatch({ visitorId: `visitor_bulk_${start}`, sentAt: touchAt, events }),
      });
      expect(stored).toMatchObject({ status: "stored", accepted: 50 });
    }
    for (let n = 0; n < ORDERS; n += 1) {
      const payload = withChatLine(
        withChatLine(
          withCartAttribute(anOrderPayload(new Date(NOW.getTime() - HOUR)), session(3 * n)),
          0,
          session(3 * n + 1),
        ),
        1,
        session(3 * n + 2),
      );
      await saveOrder(shop, orderFromPayload(orderPayloadSchema.parse(payload)), "webhook");
    }

    // WHEN the shop's orders are re-attributed, twice
    const first = await reattributeShop(shop, new Date(NOW.getTime() - 24 * HOUR), NOW);
    const creditsAfterFirst = await prisma.credit.count({ where: { shopDomain: shop } });
    const second = await reattributeShop(shop, new Date(NOW.getTime() - 24 * HOUR), NOW);

    // THEN per window each order credits its two line sessions directly in 3 models, and the rest
    // to one session under last and first touch and to all three under linear: 11 credits × 4 windows
    expect(first.orders).toBe(ORDERS);
    expect(first.credits).toBe(ORDERS * 11 * 4);
    expect(second).toEqual(first);
    expect(await prisma.credit.count({ where: { shopDomain: shop } })).toBe(creditsAfterFirst);
    const perOrder = await prisma.credit.groupBy({
      by: ["orderId"],
      where: { shopDomain: shop, model: "last_touch", windowDays: 7 },
      _sum: { amountMinor: true },
    });
    expect(perOrder).toHaveLength(ORDERS);
    expect(perOrder.every((order) => order._sum.amountMinor === 25592n)).toBe(true);
  });
});
