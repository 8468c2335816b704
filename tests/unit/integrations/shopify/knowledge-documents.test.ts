/**
 * The knowledge sync's Admin GraphQL documents against the schema of the version the app calls (2026-10, as
 * @shopify/dev-mcp ships it): each is valid, fits Shopify's single-query cost limit, and needs only scopes
 * shopify.app.toml declares (the schema names the scopes of each type and field).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  buildClientSchema,
  getNamedType,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from "graphql";
import { describe, expect, it } from "vitest";
import {
  KNOWLEDGE_DOCUMENTS,
  PAGES_PAGE_SIZE,
  PRODUCT_TRANSLATIONS_PAGE_SIZE,
  PRODUCTS_PAGE_SIZE,
  TRANSLATIONS_PAGE_SIZE,
} from "../../../../app/integrations/shopify/knowledge.graphql";
import { SHOPIFY_API_VERSION } from "../../../../app/shopify.server";
import { queryCost, SINGLE_QUERY_MAX_COST } from "../../../../sandbox/admin-harness/query-cost";
import { adminSchemaFile } from "../../../../sandbox/shopify/fixture-files";

const file = adminSchemaFile("2026-10");
const schema = buildClientSchema(file.data);
const documents = Object.entries(KNOWLEDGE_DOCUMENTS);

/** The variables each document is sent with at its largest. */
const LARGEST: Record<string, Record<string, unknown>> = {
  KNOWLEDGE_PRODUCTS: { first: PRODUCTS_PAGE_SIZE, after: null },
  KNOWLEDGE_PRODUCT: { id: "gid://shopify/Product/1" },
  KNOWLEDGE_MORE_VARIANTS: { id: "gid://shopify/Product/1", first: 250, after: null },
  KNOWLEDGE_PAGES: { first: PAGES_PAGE_SIZE, after: null },
  KNOWLEDGE_TRANSLATIONS: { resourceType: "PRODUCT", locale: "de", first: TRANSLATIONS_PAGE_SIZE, after: null },
  KNOWLEDGE_PRODUCT_TRANSLATIONS: { locale: "de", first: PRODUCT_TRANSLATIONS_PAGE_SIZE, after: null },
  KNOWLEDGE_TRANSLATIONS_BY_IDS: { resourceIds: [], locale: "de", first: PRODUCT_TRANSLATIONS_PAGE_SIZE },
  KNOWLEDGE_SHOP: {},
};

function declaredScopes(): Set<string> {
  const toml = readFileSync(path.resolve(__dirname, "../../../../shopify.app.toml"), "utf8");
  const scopes = /^scopes\s*=\s*"([^"]*)"/m.exec(toml)?.[1] ?? "";
  return new Set(scopes.split(",").map((scope) => scope.trim()));
}

/** Every type and field a document touches, with the scopes the schema says each needs (any one of them). */
function requirements(document: string): { what: string; anyOf: string[] }[] {
  const needs = new Map<string, string[]>();
  for (const item of file.offline_scopes?.items ?? []) {
    needs.set(item.type === "type" ? item.typeName : `${item.typeName}.${item.fieldName}`, item.offlineScopes);
  }
  const found: { what: string; anyOf: string[] }[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    parse(document),
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const returned = typeInfo.getType();
        const field = parent ? `${parent.name}.${node.name.value}` : node.name.value;
        for (const what of [field, returned ? getNamedType(returned).name : ""]) {
          const anyOf = needs.get(what);
          if (anyOf?.length) found.push({ what, anyOf });
        }
      },
    }),
  );
  return found;
}

describe("knowledge sync documents", () => {
  it("GIVEN the app's API version THEN it is the version of the schema the documents are checked against", () => {
    expect(String(SHOPIFY_API_VERSION)).toBe("2026-10");
  });

  it.each(documents)("GIVEN %s THEN it validates against the Admin GraphQL schema 2026-10", (_, document) => {
    expect(validate(schema, parse(document)).map((error) => error.message)).toEqual([]);
  });

  it.each(documents)(
    "GIVEN %s at its largest page THEN its requested cost stays within the single-query limit",
    (name, document) => {
      const parsed = parse(document);
      const operation = parsed.definitions.find(
        (definition): definition is OperationDefinitionNode => definition.kind === "OperationDefinition",
      )!;
      const fragments = parsed.definitions.filter(
        (definition): definition is FragmentDefinitionNode => definition.kind === "FragmentDefinition",
      );
      expect(queryCost(schema, operation, fragments, LARGEST[name] ?? {})).toBeLessThanOrEqual(SINGLE_QUERY_MAX_COST);
    },
  );

  it.each(documents)("GIVEN %s THEN every scope it needs is declared in shopify.app.toml", (_, document) => {
    const declared = declaredScopes();
    const missing = requirements(document).filter((need) => !need.anyOf.some((scope) => declared.has(scope)));
    expect(missing).toEqual([]);
  });

  it("GIVEN the scope check WHEN a document reads pages, policies, locales and translations THEN it does find their scopes", () => {
    // Guards the check itself: were the schema's scope list not read, every document would pass.
    const needed = new Set(documents.flatMap(([, document]) => requirements(document).flatMap((need) => need.anyOf)));
    expect([...needed]).toEqual(
      expect.arrayContaining([
        "read_products",
        "read_online_store_pages",
        "read_legal_policies",
        "read_locales",
        "read_translations",
      ]),
    );
  });
});
