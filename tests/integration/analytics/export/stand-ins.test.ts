/**
 * The GA4 and Mixpanel stand-ins are as strict as the platforms: GA4's validation server answers
 * its validationMessages (names, reserved names, 25 events, client_id) while /mp/collect answers
 * 204 and keeps nothing invalid; Mixpanel's /import refuses a wrong token (401), names each bad
 * record in failed_records (strict=1) while importing the rest, and keeps one record per $insert_id.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ga4Collect, ga4Validate, Ga4Rejected } from "../../../../app/integrations/ga4/ga4-client.server";
import { mixpanelImport, MixpanelRefused } from "../../../../app/integrations/mixpanel/mixpanel-client.server";
import type { MixpanelEvent } from "../../../../app/integrations/mixpanel/import-api";
import { startGa4Sandbox, type Ga4Sandbox } from "../../../../sandbox/ga4/server";
import { startMixpanelSandbox, type MixpanelSandbox } from "../../../../sandbox/mixpanel/server";
import { NOW_MS } from "../../../support/clock";

let ga4: Ga4Sandbox;
let mixpanel: MixpanelSandbox;
beforeAll(async () => {
  [ga4, mixpanel] = await Promise.all([
    startGa4Sandbox({ now: () => NOW_MS }),
    startMixpanelSandbox({ now: () => NOW_MS }),
  ]);
});
afterAll(() => Promise.all([ga4.close(), mixpanel.close()]));

const credentials = () => ({ measurementId: "G-CHATLIFT1", apiSecret: "sandbox-secret", baseUrl: ga4.url });
const aRecord = (insertId: string, overrides: Partial<MixpanelEvent["properties"]> = {}): MixpanelEvent => ({
  event: "chat_opened",
  properties: { time: NOW_MS - 1000, distinct_id: "visitor_1", $insert_id: insertId, ...overrides },
});

describe("GA4 stand-in", () => {
  it("GIVEN a payload breaking GA4's rules WHEN sent to /debug/mp/collect THEN the validation messages name each problem", async () => {
    const messages = await ga4Validate(credentials(), {
      client_id: "",
      events: [
        { name: "_badEventName", params: {} },
        { name: "session_start", params: { ga_thing: 1, long: "x".repeat(101) } },
        ...Array.from({ length: 24 }, () => ({ name: "chat_opened", params: {} })),
      ],
    });
    expect(messages).toEqual([
      { fieldPath: "client_id", validationCode: "VALUE_REQUIRED", description: "Measurement requires a client_id." },
      {
        fieldPath: "events",
        validationCode: "EXCEEDED_MAX_ENTITIES",
        description: "A request can have a maximum of 25 events.",
      },
      {
        fieldPath: "events",
        validationCode: "NAME_INVALID",
        description:
          "Event at index: [0] has invalid name [_badEventName]. Names must start with an alphabetic character.",
      },
      {
        fieldPath: "events",
        validationCode: "NAME_RESERVED",
        description: "Event at index: [1] has name [session_start] which is reserved.",
      },
      {
        fieldPath: "events[1].params.ga_thing",
        validationCode: "NAME_RESERVED",
        description: "Param at event index: [1] has name [ga_thing] which is reserved.",
      },
      {
        fieldPath: "events[1].params.long",
        validationCode: "VALUE_OUT_OF_BOUNDS",
        description: "Param value is longer than 100 characters.",
      },
    ]);
  });

  it("GIVEN a wrong api_secret WHEN events are collected THEN GA4 answers 204 and keeps nothing", async () => {
    await ga4Collect(
      { ...credentials(), apiSecret: "wrong" },
      { client_id: "1.2", events: [{ name: "chat_opened", params: {} }] },
      NOW_MS,
    );
    expect(ga4.requests.at(-1)).toMatchObject({ kept: false, dropped: "api_secret not valid for the stream" });
  });

  it("GIVEN an invalid payload WHEN ChatLift collects it THEN it is refused before sending (GA4 would answer 204 and drop it)", async () => {
    const before = ga4.requests.length;
    await expect(
      ga4Collect(credentials(), { client_id: "1.2", events: [{ name: "9lives", params: {} }] }, NOW_MS),
    ).rejects.toBeInstanceOf(Ga4Rejected);
    expect(ga4.requests.length).toBe(before);
  });
});

describe("Mixpanel stand-in", () => {
  it("GIVEN a token the project does not know WHEN importing THEN 401 Invalid credentials", async () => {
    await expect(mixpanelImport({ projectToken: "nope", baseUrl: mixpanel.url }, [aRecord("a-1")])).rejects.toThrow(
      new MixpanelRefused("Mixpanel answered 401: Invalid credentials"),
    );
  });

  it("GIVEN a batch with bad records WHEN imported with strict=1 THEN the good ones are kept and each bad one is named", async () => {
    const result = await mixpanelImport({ projectToken: "sandbox-project-token", baseUrl: mixpanel.url }, [
      aRecord("b-1"),
      aRecord("b-2", { distinct_id: "null" }),
      aRecord("b-3", { time: NOW_MS + 2 * 3_600_000 }),
      aRecord("an-insert-id-that-is-far-longer-than-thirty-six"),
      aRecord("b-1"),
    ]);
    expect(result.imported).toBe(2);
    expect(result.failed.map(({ index, insert_id, field }) => ({ index, insert_id, field }))).toEqual([
      { index: 1, insert_id: "b-2", field: "properties.distinct_id" },
      { index: 2, insert_id: "b-3", field: "properties.time" },
      { index: 3, insert_id: "an-insert-id-that-is-far-longer-than-thirty-six", field: "properties.$insert_id" },
    ]);
    expect(mixpanel.requests.at(-1)?.status).toBe(400);
    expect(mixpanel.events.filter((event) => event.properties.$insert_id === "b-1")).toHaveLength(1);
    expect(mixpanel.duplicates).toBe(1);
  });
});
