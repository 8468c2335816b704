/**
 * A shop's knowledge as the sync leaves it (app/answers/sync): its settings (an English-only USD shop), its
 * sources, and the answers index built from them. Tests of anything the answers route feeds (conversations,
 * dashboards, knowledge gaps, handoff offers) start from here instead of driving a whole sync.
 */
import { expect } from "vitest";
import { rebuildKnowledgeIndex } from "../../../app/answers/sync/index-store.server";
import { writeSources } from "../../../app/answers/sync/knowledge-store.server";
import type { SourceDocument } from "../../../app/answers/sync/source-rows";
import { saveShopSettings } from "../../../app/answers/sync/sync-state.server";

type Policy = Extract<SourceDocument, { type: "policy" }>;

/** The shop's shipping policy: a question about shipping to Canada is answered from it. */
export const aShippingPolicy = (overrides: Partial<Policy> = {}): Policy => ({
  type: "policy",
  id: "gid://shopify/ShopPolicy/42",
  locale: "en",
  policyType: "SHIPPING_POLICY",
  title: "Shipping policy",
  body: "<h2>Where we ship</h2><p>We ship to Canada, the United States and the whole European Union. Orders leave our warehouse within two business days.</p>",
  url: "https://harbor.example/policies/shipping-policy",
  ...overrides,
});

/** The shop's settings and `documents` stored as of `at`, and its index rebuilt from them. */
export async function storeKnowledge(
  shopDomain: string,
  documents: SourceDocument[],
  at: Date,
  name = "Harbor Supply",
): Promise<void> {
  await saveShopSettings(shopDomain, {
    name,
    currencyCode: "USD",
    primaryLocale: "en",
    locales: ["en"],
    roots: { en: "" },
  });
  await writeSources(
    shopDomain,
    documents.map((document) => ({ document, sourceUpdatedAt: at })),
    at,
  );
  expect((await rebuildKnowledgeIndex(shopDomain, at)).mode).toBe("rebuilt");
}
