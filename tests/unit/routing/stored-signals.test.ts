/** Lead facts read back from stored paths and event JSON: page types and handles, qualifier answers, cart value. */
import { describe, expect, it } from "vitest";
import { starterConfig } from "../../../app/flows/starter-config";
import {
  cartValueOf,
  collectionOfPath,
  pageOfPath,
  qualifierAnswersOf,
  qualifierFieldsOf,
} from "../../../app/routing/stored-signals";
import { NOW_MS } from "../../support/clock";

describe("pageOfPath", () => {
  it.each([
    ["/", { type: "home" }],
    ["/pages/pricing", { type: "page", handle: "pricing" }],
    ["/pages/Pricing/?ref=nav#plans", { type: "page", handle: "pricing" }],
    ["/products/linen-shirt", { type: "product", handle: "linen-shirt" }],
    ["/collections/summer", { type: "collection", handle: "summer" }],
    ["/collections", { type: "collection" }],
    ["/collections/summer/products/linen-shirt", { type: "product", handle: "linen-shirt" }],
    ["/fr/pages/tarifs", { type: "page", handle: "tarifs" }],
    ["/en-ca/products/linen-shirt", { type: "product", handle: "linen-shirt" }],
    ["/cart", { type: "cart" }],
    ["/search?q=linen", { type: "search" }],
    ["/blogs/news", { type: "blog", handle: "news" }],
    ["/blogs/news/summer-lookbook", { type: "article", handle: "summer-lookbook" }],
    ["/account/login", { type: "other" }],
  ])("GIVEN %s THEN it is %o", (path, page) => {
    expect(pageOfPath(path)).toEqual(page);
  });

  it.each([
    ["/collections/summer", "summer"],
    ["/collections/Summer/products/linen-shirt", "summer"],
    ["/de/collections/sommer", "sommer"],
    ["/products/linen-shirt", undefined],
  ])("GIVEN %s THEN the collection is %s", (path, handle) => {
    expect(collectionOfPath(path)).toBe(handle);
  });
});

describe("qualifierAnswersOf", () => {
  it("GIVEN answers to two questions, one answered twice THEN each question keeps its latest answer", () => {
    const answers = qualifierAnswersOf([
      {
        flowId: "demo",
        stepId: "team_size",
        data: JSON.stringify({ answer: { kind: "number", value: 12 } }),
        at: NOW_MS - 2_000,
      },
      {
        flowId: "demo",
        stepId: "plan",
        data: JSON.stringify({ answer: { kind: "choice", value: "pro" } }),
        at: NOW_MS - 1_000,
      },
      {
        flowId: "demo",
        stepId: "team_size",
        data: JSON.stringify({ answer: { kind: "number", value: 40 } }),
        at: NOW_MS,
      },
    ]);
    expect(answers).toEqual({ team_size: { kind: "number", value: 40 }, plan: { kind: "choice", value: "pro" } });
  });

  it("GIVEN an event naming its qualifier field THEN the field is the question, not the step", () => {
    expect(
      qualifierAnswersOf([
        {
          flowId: "demo",
          stepId: "team",
          data: JSON.stringify({ field: "team_size", answer: { kind: "number", value: 8 } }),
          at: NOW_MS,
        },
      ]),
    ).toEqual({ team_size: { kind: "number", value: 8 } });
  });

  it("GIVEN the widget's step ids THEN each answer is filed under the field its flow's qualifier step answers", () => {
    const fields = qualifierFieldsOf([starterConfig()]);
    expect(fields.get("demo/team")).toBe("team_size");
    const answer = JSON.stringify({ answer: { kind: "number", value: 25 } });
    expect(qualifierAnswersOf([{ flowId: "demo", stepId: "team", data: answer, at: NOW_MS }], fields)).toEqual({
      team_size: { kind: "number", value: 25 },
    });
    // A step no config names keeps its own id as the question.
    expect(qualifierAnswersOf([{ flowId: "other", stepId: "team", data: answer, at: NOW_MS }], fields)).toEqual({
      team: { kind: "number", value: 25 },
    });
  });

  it("GIVEN configs published over time, with variants, and one unreadable THEN the latest publication decides and variants count too", () => {
    const flow = (field: string, variantField: string) => ({
      id: "b2b",
      steps: [{ id: "size", kind: "qualifier", field }],
      variants: [{ id: "v2", steps: [{ id: "seats", kind: "qualifier", field: variantField }] }],
    });
    const fields = qualifierFieldsOf([
      { flows: [flow("team_size", "seats")] },
      "not a config",
      { flows: [null, { id: 7 }] },
      { flows: [flow("company_size", "licences")] },
    ]);
    expect(Object.fromEntries(fields)).toEqual({ "b2b/size": "company_size", "b2b/seats": "licences" });
  });

  it.each([
    ["no data", null],
    ["JSON that is not an object", "[1,2]"],
    ["text that is not JSON", "{oops"],
    ["an answer of the wrong shape", JSON.stringify({ answer: { kind: "number", value: "12" } })],
    ["no answer", JSON.stringify({ trigger: "dwell" })],
  ])("GIVEN %s THEN no answer is read", (_label, data) => {
    expect(qualifierAnswersOf([{ flowId: "demo", stepId: "team_size", data, at: NOW_MS }])).toEqual({});
  });
});

describe("cartValueOf", () => {
  it("GIVEN adds in two sessions THEN the cart value is the sum of the latest session's lines", () => {
    expect(
      cartValueOf([
        { sessionId: "old", at: NOW_MS - 86_400_000, valueMinor: 9_900 },
        { sessionId: "new", at: NOW_MS - 2_000, valueMinor: 3_990 },
        { sessionId: "new", at: NOW_MS - 1_000, valueMinor: 1_500 },
        { sessionId: "new", at: NOW_MS, valueMinor: null },
      ]),
    ).toBe(5_490);
  });

  it("GIVEN no priced add THEN there is no cart value (a cart rule does not match)", () => {
    expect(cartValueOf([{ sessionId: "s", at: NOW_MS, valueMinor: null }])).toBeUndefined();
    expect(cartValueOf([])).toBeUndefined();
  });
});
