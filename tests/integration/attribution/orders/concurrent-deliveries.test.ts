/**
 * Two workers holding deliveries of the same order at once (PostgreSQL, where several workers
 * run): the older payload must never overwrite the newer one, whichever commits first. On SQLite
 * one transaction writes at a time, so the case cannot arise there.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import prisma from "../../../../app/db.server";
import { orderFromPayload, orderPayloadSchema } from "../../../../app/attribution/orders/order-payload";
import { saveOrderIn } from "../../../../app/attribution/orders/orders.server";
import { anOrderPayload } from "../../../../sandbox/shopify/order-payloads";
import { MINUTE, NOW } from "../../../support/clock";

const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
const PLACED = NOW;
const NEWER = new Date(NOW.getTime() + 30 * MINUTE);

afterAll(async () => {
  await prisma.$disconnect();
});

describe.skipIf(!onPostgres)("deliveries of one order on two workers", () => {
  it("GIVEN a newer payload being stored WHEN an older one arrives on another worker before it commits THEN the older one finds the newer stored and changes nothing", async () => {
    const shop = `concurrent-${randomUUID().slice(0, 8)}.myshopify.com`;
    await prisma.shop.create({ data: { domain: shop, currency: "USD" } });
    const payload = anOrderPayload(PLACED);
    const older = orderFromPayload(
      orderPayloadSchema.parse({ ...payload, updated_at: PLACED.toISOString(), email: "older@example.com" }),
    );
    const newer = orderFromPayload(
      orderPayloadSchema.parse({ ...payload, updated_at: NEWER.toISOString(), email: "newer@example.com" }),
    );
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let stored = () => undefined as void;
    const newerStored = new Promise<void>((resolve) => (stored = resolve));

    // GIVEN worker 1 has stored the newer payload and not committed yet
    const first = prisma.$transaction(async (tx) => {
      const outcome = await saveOrderIn(tx, shop, newer, "webhook");
      stored();
      await held;
      return outcome;
    });
    await newerStored;
    // WHEN worker 2 stores the older payload meanwhile
    const second = prisma.$transaction((tx) => saveOrderIn(tx, shop, older, "webhook"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();

    // THEN the newer data stays and the older delivery is reported stale
    expect(await first).toMatchObject({ order: "created" });
    expect(await second).toMatchObject({ order: "stale" });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: newer.id } })).toMatchObject({
      email: "newer@example.com",
      shopifyUpdatedAt: NEWER,
    });
  });
});
