/** Builders for stored leads and the shop's connection, shared by the HubSpot sync tests. */
import { randomBytes } from "node:crypto";
import prisma from "../../../app/db.server";
import { enqueueContactSyncs } from "../../../app/sync/outbox.server";

export const CONSENT_AT = new Date("2026-11-20T09:30:00.000Z");

/** A fresh 32-byte key per run: nothing here may depend on a known key. */
export function useTestEncryptionKey(): string {
  const key = randomBytes(32).toString("base64");
  process.env.ENCRYPTION_KEY = key;
  return key;
}

type LeadOverrides = Partial<{
  email: string;
  intentScore: number;
  productInterest: string | null;
  lastPagePath: string | null;
  microConversionCount: number;
}>;

export function aLeadRow(shopDomain: string, index: number, overrides: LeadOverrides = {}) {
  return {
    id: `lead-${shopDomain}-${index}`,
    shopDomain,
    email: `shopper${index}@example.com`,
    consentText: "Email me about my order and offers",
    consentAt: CONSENT_AT,
    firstSessionId: `session-${index}`,
    lastSessionId: `session-${index}`,
    microConversionCount: 2,
    lastPagePath: "/products/linen-shirt",
    productInterest: "linen-shirt",
    intentScore: 64,
    ...overrides,
  };
}

/** Stores leads and their sync jobs in one transaction, as capture does. */
export async function storeLeadsWithJobs(
  shopDomain: string,
  rows: Array<ReturnType<typeof aLeadRow>>,
): Promise<number> {
  return prisma.$transaction(
    async (tx) => {
      await tx.lead.createMany({ data: rows });
      return enqueueContactSyncs(tx, shopDomain, rows);
    },
    { timeout: 120_000 },
  );
}
