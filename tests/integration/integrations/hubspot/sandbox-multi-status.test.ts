/**
 * The sandbox answers a batch in part only as HubSpot does: when every input carries its own
 * objectWriteTraceId (207, BatchResponse…WithErrors, each refusal naming its trace id); without
 * them one bad input still fails the whole batch with one 400.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../../sandbox/hubspot";

let sandbox: HubSpotSandbox;
beforeEach(async () => {
  sandbox = await startHubSpotSandbox();
});
afterEach(() => sandbox.close());

async function upsert(inputs: unknown[]): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sandbox.url}/crm/objects/2026-03/contacts/batch/upsert`, {
    method: "POST",
    headers: { authorization: "Bearer pat-sandbox", "content-type": "application/json" },
    body: JSON.stringify({ inputs }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const contact = (email: string, properties: Record<string, string>, trace?: string) => ({
  idProperty: "email",
  id: email,
  properties,
  ...(trace === undefined ? {} : { objectWriteTraceId: trace }),
});

describe("multi-status", () => {
  it("GIVEN every input traced and one bad value THEN 207 with the good result and one StandardError naming its trace id", async () => {
    const { status, body } = await upsert([
      contact("a@x.co", { firstname: "Ada" }, "t-a"),
      contact("b@x.co", { lifecyclestage: "teleported" }, "t-b"),
    ]);

    expect(status).toBe(207);
    expect(body.status).toBe("COMPLETE");
    expect(body.numErrors).toBe(1);
    const results = body.results as Array<{ objectWriteTraceId?: string; properties: Record<string, string> }>;
    expect(results.map((result) => [result.objectWriteTraceId, result.properties.email])).toEqual([["t-a", "a@x.co"]]);
    const [refusal] = body.errors as Array<Record<string, unknown>>;
    expect(refusal?.message).toMatch(
      /^Property values were not valid: .*teleported.* was not one of the allowed options/,
    );
    expect({ ...refusal, message: "…" }).toEqual({
      status: "error",
      category: "VALIDATION_ERROR",
      message: "…",
      context: { objectWriteTraceId: ["t-b"] },
      errors: [
        {
          message: expect.stringMatching(/teleported/),
          code: "INVALID_OPTION",
          context: { propertyName: ["lifecyclestage"] },
        },
      ],
      links: {},
    });
    expect([...sandbox.state.contacts.keys()]).toEqual(["a@x.co"]);
  });

  it("GIVEN an input without a trace id THEN one bad value fails the whole batch with one 400", async () => {
    const { status, body } = await upsert([
      contact("a@x.co", { firstname: "Ada" }, "t-a"),
      contact("b@x.co", { lifecyclestage: "teleported" }),
    ]);

    expect(status).toBe(400);
    expect(body).toMatchObject({ status: "error", category: "VALIDATION_ERROR" });
    expect(sandbox.state.contacts.size).toBe(0);
  });

  it("GIVEN two inputs with the same trace id THEN there is no multi-status: the whole batch fails", async () => {
    const { status } = await upsert([
      contact("a@x.co", { firstname: "Ada" }, "same"),
      contact("b@x.co", { lifecyclestage: "teleported" }, "same"),
    ]);

    expect(status).toBe(400);
  });
});
