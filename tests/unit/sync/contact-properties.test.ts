import { describe, expect, it } from "vitest";
import { splitByConsent } from "../../../app/sync/consent";
import { contactPropertiesFor, contactUpdateFor } from "../../../app/sync/contact-properties";
import { coalesceByEmail, toBatches } from "../../../app/sync/coalesce";
import { aLead } from "../../support/builders/leads";
import { NOW } from "../../support/clock";

describe("contact properties from lead facts", () => {
  it("GIVEN a lead with every fact THEN each ChatLift property is written as HubSpot takes it", () => {
    expect(contactPropertiesFor(aLead())).toEqual({
      chatlift_intent_score: "72",
      chatlift_micro_conversion_count: "3",
      chatlift_last_micro_conversion: "add_to_cart",
      chatlift_last_micro_conversion_at: "2026-11-20T11:55:00.000Z",
      chatlift_first_chat_at: "2026-11-16T09:00:00.000Z",
      chatlift_last_chat_at: "2026-11-20T11:55:00.000Z",
      chatlift_last_page: "/products/linen-shirt",
      chatlift_product_interest: "linen-shirt; canvas-tote",
      chatlift_attributed_revenue: "89.50",
      chatlift_consent: "granted",
      chatlift_consent_at: "2026-11-20T11:50:00.000Z",
    });
  });

  it("GIVEN unknown facts THEN they are left out, never sent empty", () => {
    const properties = contactPropertiesFor({ email: "a@b.co", consent: { state: "none" }, observedAt: NOW });
    expect(properties).toEqual({});
  });

  it("GIVEN an out-of-range score THEN it is clamped to 0–100", () => {
    expect(contactPropertiesFor(aLead({ intentScore: 140 })).chatlift_intent_score).toBe("100");
  });

  it("GIVEN a mixed-case email THEN the update uses it lowercased and trimmed", () => {
    expect(contactUpdateFor(aLead({ email: "  Ada@Example.COM " })).email).toBe("ada@example.com");
  });
});

describe("consent filtering", () => {
  const granted = aLead({ email: "g@x.co" });
  const none = aLead({ email: "n@x.co", consent: { state: "none" } });
  const withdrawn = aLead({ email: "w@x.co", consent: { state: "withdrawn", at: NOW } });

  it.each([
    ["opt_in", ["g@x.co"]],
    ["notice", ["g@x.co", "n@x.co"]],
  ] as const)("GIVEN mode %s THEN only %j leave the shop, never a withdrawn consent", (mode, emails) => {
    const { allowed, withheld } = splitByConsent([granted, none, withdrawn], mode);
    expect(allowed.map((lead) => lead.email)).toEqual(emails);
    expect(withheld.map((lead) => lead.email)).toContain("w@x.co");
  });
});

describe("coalescing and batches", () => {
  it("GIVEN three updates to one email THEN one upsert holds the latest value of each property", () => {
    const early = {
      email: "A@x.co",
      properties: { chatlift_intent_score: "10", chatlift_last_page: "/a" },
      observedAt: new Date(1000),
    };
    const late = { email: "a@x.co", properties: { chatlift_intent_score: "90" }, observedAt: new Date(3000) };
    const middle = { email: "a@x.co", properties: { chatlift_last_page: "/b" }, observedAt: new Date(2000) };
    const [only, ...rest] = coalesceByEmail([late, early, middle]);
    expect(rest).toEqual([]);
    expect(only?.email).toBe("a@x.co");
    expect(only?.properties).toEqual({ chatlift_intent_score: "90", chatlift_last_page: "/b" });
    expect(only?.sources).toEqual([early, middle, late]);
  });

  it("GIVEN 250 items THEN batches of 100, 100, 50", () => {
    const batches = toBatches(
      Array.from({ length: 250 }, (_, index) => `k${index}`),
      (key) => key,
    );
    expect(batches.map((batch) => batch.length)).toEqual([100, 100, 50]);
  });

  it("GIVEN a repeated key THEN it moves to another batch, so no batch names an email twice", () => {
    const batches = toBatches(["a", "b", "a", "c", "a"], (key) => key, 3);
    expect(batches).toEqual([["a", "b", "c"], ["a"], ["a"]]);
  });
});
