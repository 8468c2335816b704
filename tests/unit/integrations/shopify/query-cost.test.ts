/**
 * The Admin API stand-in's calculated query cost against the rules shopify.dev publishes ("GraphQL Admin API rate
 * limits"): scalar and enum 0, object 1, interface and union the maximum of possible selections, connection sized
 * by first/last (2 + first × node), mutation 10; the actual cost from what was returned, never above the requested.
 * The stand-in refuses what Shopify refuses by this number, so it must not price anything below the docs.
 */
import { buildClientSchema, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { queryCost } from "../../../../sandbox/admin-harness/query-cost";
import { adminSchemaIntrospection } from "../../../../sandbox/shopify/fixture-files";

const schema = buildClientSchema(adminSchemaIntrospection("2026-10"));

function cost(text: string, variables: Record<string, unknown> = {}, data?: unknown): number {
  const document = parse(text);
  const operation = document.definitions.find(
    (definition) => definition.kind === "OperationDefinition",
  ) as OperationDefinitionNode;
  const fragments = document.definitions.filter(
    (definition) => definition.kind === "FragmentDefinition",
  ) as FragmentDefinitionNode[];
  return queryCost(schema, operation, fragments, variables, data);
}

describe("the stand-in's calculated query cost", () => {
  it("GIVEN scalars on an object THEN only the object costs: 1", () => {
    expect(cost(`{ shop { name currencyCode } }`)).toBe(1);
  });

  it("GIVEN a connection THEN it costs 2 plus first × its node (an object and what is selected on it)", () => {
    expect(
      cost(`query($n: Int!) { orders(first: $n) { nodes { id customer { id } } pageInfo { hasNextPage } } }`, {
        n: 10,
      }),
    ).toBe(2 + 10 * 2);
    expect(cost(`{ orders(first: 3) { edges { cursor node { id } } } }`)).toBe(2 + 3);
  });

  it("GIVEN a list asked with first THEN it is sized by it like a connection; without, it is one object", () => {
    const order = (refunds: string) =>
      `{ order(id: "gid://shopify/Order/1") { ${refunds} { id refundLineItems(first: 10) { nodes { quantity } } } } }`;
    expect(cost(order("refunds(first: 20)"))).toBe(1 + 20 * (1 + 2 + 10));
    expect(cost(order("refunds"))).toBe(1 + (1 + 2 + 10));
  });

  it("GIVEN an interface THEN it costs its most expensive possible selection, fragments applied by type", () => {
    const text = `{ node(id: "gid://shopify/Refund/1") { id ... on Refund { refundLineItems(first: 10) { nodes { quantity } } } ... on Order { customer { id } } } }`;
    expect(cost(text)).toBe(1 + 2 + 10);
  });

  it("GIVEN a mutation THEN it costs 10 plus what it selects", () => {
    expect(cost(`mutation { metafieldsSet(metafields: []) { metafields { id } userErrors { message } } }`)).toBe(
      10 + 1 + 1 + 1,
    );
  });

  it("GIVEN an answer THEN the actual cost counts what came back: a null object is 1, a short page its nodes", () => {
    const text = `{ order(id: "gid://shopify/Order/1") { customer { id } lineItems(first: 100) { nodes { id } } } }`;
    expect(cost(text)).toBe(1 + 1 + 2 + 100);
    expect(cost(text, {}, { order: { customer: null, lineItems: { nodes: [{ id: "a" }, { id: "b" }] } } })).toBe(
      1 + 1 + 2 + 2,
    );
    expect(cost(text, {}, { order: null })).toBe(1);
  });
});
