/**
 * Every Admin GraphQL document the app sends, priced as Shopify prices it (the stand-in's query-cost.ts, on the
 * 2026-10 schema the app calls) at the largest variables the app sends it with, stays within Shopify's
 * single-query limit: a query over 1,000 points is refused on every shop, whatever its bucket holds. Documents
 * are found, not listed: every `#graphql` string under app/ must live in app/integrations/shopify/*.graphql.ts,
 * and every operation exported there must have its variables below, so a new document cannot skip the check.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildClientSchema, parse, validate, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import {
  MORE_VARIANTS_PAGE_SIZE,
  PAGES_PAGE_SIZE,
  PRODUCT_TRANSLATIONS_PAGE_SIZE,
  PRODUCTS_PAGE_SIZE,
  TRANSLATIONS_PAGE_SIZE,
} from "../../../../app/integrations/shopify/knowledge.graphql";
import {
  MORE_LINES_PAGE_SIZE,
  ORDERS_PAGE_SIZE,
  REFUND_LINES_PAGE_SIZE,
} from "../../../../app/integrations/shopify/orders.graphql";
import { queryCost, SINGLE_QUERY_MAX_COST } from "../../../../sandbox/admin-harness/query-cost";
import { adminSchemaIntrospection } from "../../../../sandbox/shopify/fixture-files";

const APP = path.resolve(__dirname, "../../../../app");
const SHOPIFY = path.join(APP, "integrations/shopify");
const schema = buildClientSchema(adminSchemaIntrospection("2026-10"));

/** The largest variables the app sends each operation with (by operation name). */
const SENT_WITH: Record<string, Record<string, unknown>> = {
  ChatLiftReconcileOrders: { first: ORDERS_PAGE_SIZE, after: null, query: "updated_at:>='2026-11-01T00:00:00.000Z'" },
  ChatLiftReconcileOrderLines: { id: "gid://shopify/Order/1", first: MORE_LINES_PAGE_SIZE, after: null },
  ChatLiftReconcileRefundLines: { id: "gid://shopify/Refund/1", first: REFUND_LINES_PAGE_SIZE, after: null },
  ChatLiftCurrentAppInstallation: {},
  ChatLiftPublishWidgetConfig: { metafields: [] },
  ChatLiftKnowledgeShop: {},
  ChatLiftKnowledgeProducts: { first: PRODUCTS_PAGE_SIZE, after: null },
  ChatLiftKnowledgeProduct: { id: "gid://shopify/Product/1" },
  ChatLiftKnowledgeMoreVariants: { id: "gid://shopify/Product/1", first: MORE_VARIANTS_PAGE_SIZE, after: null },
  ChatLiftKnowledgePages: { first: PAGES_PAGE_SIZE, after: null },
  ChatLiftKnowledgeTranslations: { resourceType: "PRODUCT", locale: "de", first: TRANSLATIONS_PAGE_SIZE, after: null },
  ChatLiftKnowledgeProductTranslations: { locale: "de", first: PRODUCT_TRANSLATIONS_PAGE_SIZE, after: null },
  ChatLiftKnowledgeTranslationsByIds: { resourceIds: [], locale: "de", first: PRODUCT_TRANSLATIONS_PAGE_SIZE },
  ChatLiftCreateWebPixel: { settings: '{"linkUrl":"https://app.example/pixel/link"}' },
  ChatLiftCurrentWebPixel: {},
  ChatLiftUpdateWebPixel: { id: "gid://shopify/WebPixel/1", settings: '{"linkUrl":"https://app.example/pixel/link"}' },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js)$/.test(entry.name) ? [full] : [];
  });
}

interface Operation {
  name: string;
  module: string;
  operation: OperationDefinitionNode;
  fragments: FragmentDefinitionNode[];
  errors: string[];
}

async function operations(): Promise<Operation[]> {
  const found: Operation[] = [];
  for (const file of readdirSync(SHOPIFY).filter((name) => name.endsWith(".graphql.ts"))) {
    const module = (await import(path.join(SHOPIFY, file))) as Record<string, unknown>;
    for (const [exported, value] of Object.entries(module)) {
      if (typeof value !== "string" || !value.includes("#graphql")) continue;
      const document = parse(value);
      const fragments = document.definitions.filter(
        (definition): definition is FragmentDefinitionNode => definition.kind === "FragmentDefinition",
      );
      for (const operation of document.definitions) {
        if (operation.kind !== "OperationDefinition") continue;
        found.push({
          name: operation.name?.value ?? `${file} ${exported}`,
          module: `${file} ${exported}`,
          operation,
          fragments,
          errors: validate(schema, document).map((error) => error.message),
        });
      }
    }
  }
  return found;
}

describe("the Admin GraphQL documents the app sends", () => {
  it("GIVEN the app's sources THEN every GraphQL document lives in app/integrations/shopify/*.graphql.ts", () => {
    const elsewhere = sourceFiles(APP)
      .filter((file) => !(path.dirname(file) === SHOPIFY && file.endsWith(".graphql.ts")))
      .filter((file) => /#graphql|\b(query|mutation)\s+ChatLift\w*\s*[({]/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(APP, file));
    expect(elsewhere).toEqual([]);
  });

  it("GIVEN every document THEN it validates against the schema 2026-10 and the app's variables for it are known", async () => {
    const found = await operations();
    expect(found.map((operation) => operation.name)).toEqual(expect.arrayContaining(["ChatLiftReconcileOrders"]));
    expect(
      found.filter((operation) => operation.errors.length).map((operation) => [operation.name, operation.errors]),
    ).toEqual([]);
    expect(found.filter((operation) => !SENT_WITH[operation.name]).map((operation) => operation.module)).toEqual([]);
  });

  it("GIVEN every document at the largest variables the app sends THEN its requested cost is at most 1,000 points", async () => {
    const costs = (await operations()).map((operation) => ({
      name: operation.name,
      cost: queryCost(schema, operation.operation, operation.fragments, SENT_WITH[operation.name] ?? {}),
    }));
    expect(costs.filter((entry) => entry.cost > SINGLE_QUERY_MAX_COST)).toEqual([]);
    // The check prices what it should: the orders page is most of the limit, not a handful of points.
    expect(costs.find((entry) => entry.name === "ChatLiftReconcileOrders")!.cost).toBeGreaterThan(
      SINGLE_QUERY_MAX_COST / 2,
    );
  });
});
