import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import prisma from "../../../app/db.server";
import { isUniqueViolation } from "../../../app/platform/db/errors";
import { isRawUniqueViolation, jsonInserts, jsonTimestamp } from "../../../app/capture/bulk-insert.server";
import { MICRO_COLUMNS } from "../../../app/capture/ingest.server";

// The micro-conversion columns ingest writes: the test exercises the real column list.
const COLUMNS = MICRO_COLUMNS;

afterAll(async () => {
  await prisma.$disconnect();
});

describe("jsonInserts", () => {
  it("GIVEN rows with nulls, big amounts, times and quotes THEN Prisma reads back exactly what was written", async () => {
    const shopDomain = `bulk-${randomUUID().slice(0, 8)}.myshopify.com`;
    const at = new Date("2026-11-21T10:00:00.123Z");
    const rows = [
      {
        shopDomain,
        id: "a",
        sessionId: "s1",
        kind: "add_to_cart",
        at: jsonTimestamp(at),
        productId: 'it\'s "quoted"',
        productVariantId: null,
        discountCode: null,
        valueMinor: 9_007_199_254_740_991,
        email: null,
      },
      {
        shopDomain,
        id: "b",
        sessionId: "s1",
        kind: "email_capture",
        at: jsonTimestamp(at),
        productId: null,
        productVariantId: null,
        discountCode: "CHAT10",
        valueMinor: null,
        email: "é@example.com",
      },
    ];
    for (const insert of jsonInserts(prisma, "MicroConversion", COLUMNS, rows)) await insert;

    expect(await prisma.microConversion.findMany({ where: { shopDomain }, orderBy: { id: "asc" } })).toEqual([
      {
        shopDomain,
        id: "a",
        sessionId: "s1",
        kind: "add_to_cart",
        at,
        productId: 'it\'s "quoted"',
        productVariantId: null,
        discountCode: null,
        valueMinor: 9_007_199_254_740_991n,
        email: null,
      },
      {
        shopDomain,
        id: "b",
        sessionId: "s1",
        kind: "email_capture",
        at,
        productId: null,
        productVariantId: null,
        discountCode: "CHAT10",
        valueMinor: null,
        email: "é@example.com",
      },
    ]);
  });

  it("GIVEN a row already stored THEN the insert fails as a unique violation, recognised as one", async () => {
    const shopDomain = `bulk-${randomUUID().slice(0, 8)}.myshopify.com`;
    const row = {
      shopDomain,
      id: "dup",
      sessionId: "s",
      kind: "add_to_cart",
      at: jsonTimestamp(new Date()),
      productId: null,
      productVariantId: null,
      discountCode: null,
      valueMinor: null,
      email: null,
    };
    for (const insert of jsonInserts(prisma, "MicroConversion", COLUMNS, [row])) await insert;
    const error = await Promise.all(jsonInserts(prisma, "MicroConversion", COLUMNS, [row])).catch(
      (thrown: unknown) => thrown,
    );
    expect(isRawUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(error)).toBe(false); // which is why ingest checks both
  });
});
