/**
 * The sandbox's property-update endpoints are as strict as HubSpot's OpenAPI specs: PATCH
 * /crm/properties/2026-03/{objectType}/{propertyName} (body PropertyUpdate) and PATCH
 * /events/2026-03/event-definitions/{eventName}/property/{propertyName} (body
 * ExternalBehavioralEventPropertyDefinitionPatch). Sent as raw HTTP, so bodies the SDK's types
 * would never let through can be tried.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../../sandbox/hubspot";

let sandbox: HubSpotSandbox;

async function send(method: "GET" | "POST" | "PATCH", path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: "Bearer pat-sandbox", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const anOption = (value: string, displayOrder: number) => ({
  label: value.toUpperCase(),
  value,
  displayOrder,
  hidden: false,
});
/** HubSpot's error body: status, message, correlationId (a uuid) and category. */
const anError = (category: string, message: RegExp) => ({
  status: "error",
  category,
  message: expect.stringMatching(message),
  correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
});

beforeEach(async () => {
  sandbox = await startHubSpotSandbox({ customEvents: true });
  await send("POST", "/crm/properties/2026-03/contacts", {
    name: "color",
    label: "Color",
    type: "enumeration",
    fieldType: "select",
    groupName: "contactinformation",
    options: [anOption("red", 0), anOption("blue", 1)],
  });
  await send("POST", "/events/2026-03/event-definitions", {
    name: "visit",
    label: "Visit",
    primaryObject: "CONTACT",
    includeDefaultProperties: false,
    propertyDefinitions: [
      { name: "room", label: "Room", type: "enumeration", options: [anOption("hall", 0), anOption("attic", 1)] },
      { name: "note", label: "Note", type: "string" },
    ],
  });
});
afterEach(() => sandbox.close());

describe("PATCH a CRM property", () => {
  it("WHEN options are given THEN they replace the list, as given (order and hidden kept)", async () => {
    const reply = await send("PATCH", "/crm/properties/2026-03/contacts/color", {
      options: [{ ...anOption("green", 7), hidden: true }, anOption("red", 3)],
    });

    expect(reply.status).toBe(200);
    expect(reply.body.options).toEqual([
      { label: "GREEN", value: "green", displayOrder: 7, hidden: true, description: "" },
      { label: "RED", value: "red", displayOrder: 3, hidden: false, description: "" },
    ]);
    expect((await send("GET", "/crm/properties/2026-03/contacts/color")).body.options).toEqual(reply.body.options);
  });

  it("WHEN only a label is given THEN the options stay as they were", async () => {
    const reply = await send("PATCH", "/crm/properties/2026-03/contacts/color", { label: "Favourite color" });

    expect(reply.body).toMatchObject({
      label: "Favourite color",
      options: [expect.objectContaining({ value: "red" }), expect.objectContaining({ value: "blue" })],
    });
  });

  it.each([
    [
      "an unknown property",
      "/crm/properties/2026-03/contacts/nope",
      { options: [anOption("a", 0)] },
      404,
      anError("OBJECT_NOT_FOUND", /Unable to find property nope/),
    ],
    [
      "an option without hidden",
      "/crm/properties/2026-03/contacts/color",
      { options: [{ label: "A", value: "a" }] },
      400,
      anError("VALIDATION_ERROR", /options\[0\]\.hidden: required field is missing/),
    ],
    [
      "a displayOrder as text",
      "/crm/properties/2026-03/contacts/color",
      { options: [{ ...anOption("a", 0), displayOrder: "1" }] },
      400,
      anError("VALIDATION_ERROR", /options\[0\]\.displayOrder: expected a number/),
    ],
    [
      "a field PropertyUpdate lacks",
      "/crm/properties/2026-03/contacts/color",
      { name: "colour" },
      400,
      anError("VALIDATION_ERROR", /Unrecognized field "name"/),
    ],
    [
      "a group the account lacks",
      "/crm/properties/2026-03/contacts/color",
      { groupName: "nowhere" },
      400,
      anError("VALIDATION_ERROR", /Property group 'nowhere' does not exist/),
    ],
    [
      "a HubSpot property's label",
      "/crm/properties/2026-03/contacts/lifecyclestage",
      { label: "Stage" },
      400,
      anError("VALIDATION_ERROR", /defined by HubSpot/),
    ],
  ])("GIVEN %s THEN HubSpot's error answers and nothing changes", async (_, path, body, status, error) => {
    const reply = await send("PATCH", path, body);

    expect(reply).toEqual({ status, body: expect.objectContaining(error) });
    expect(
      sandbox.state.properties
        .get("contacts")
        ?.get("color")
        ?.options?.map((option) => option.value),
    ).toEqual(["red", "blue"]);
  });
});

describe("PATCH an event definition's property", () => {
  it("WHEN options are given THEN they replace the list and the property answers 201", async () => {
    const reply = await send("PATCH", "/events/2026-03/event-definitions/visit/property/room", {
      options: [anOption("attic", 1), anOption("cellar", 5)],
      label: "Which room",
    });

    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      name: "room",
      label: "Which room",
      type: "enumeration",
      options: [expect.objectContaining(anOption("attic", 1)), expect.objectContaining(anOption("cellar", 5))],
    });
    const room = sandbox.state.eventDefinitions.get("visit")?.properties.find((property) => property.name === "room");
    expect(room?.options).toEqual([anOption("attic", 1), anOption("cellar", 5)]);
  });

  it.each([
    [
      "an unknown event",
      "/events/2026-03/event-definitions/nope/property/room",
      { options: [anOption("a", 0)] },
      404,
      anError("OBJECT_NOT_FOUND", /Event definition nope was not found/),
    ],
    [
      "an unknown property",
      "/events/2026-03/event-definitions/visit/property/nope",
      { options: [anOption("a", 0)] },
      404,
      anError("OBJECT_NOT_FOUND", /Property nope was not found on event visit/),
    ],
    [
      "an option without displayOrder",
      "/events/2026-03/event-definitions/visit/property/room",
      { options: [{ label: "A", value: "a", hidden: false }] },
      400,
      anError("VALIDATION_ERROR", /options\[0\]\.displayOrder: required field is missing/),
    ],
    [
      "a hidden flag as text",
      "/events/2026-03/event-definitions/visit/property/room",
      { options: [{ ...anOption("a", 0), hidden: "no" }] },
      400,
      anError("VALIDATION_ERROR", /options\[0\]\.hidden: expected a boolean/),
    ],
    [
      "a field the patch lacks",
      "/events/2026-03/event-definitions/visit/property/room",
      { type: "string" },
      400,
      anError("VALIDATION_ERROR", /Unrecognized field "type"/),
    ],
    [
      "options for a string property",
      "/events/2026-03/event-definitions/visit/property/note",
      { options: [anOption("a", 0)] },
      400,
      anError("VALIDATION_ERROR", /enumeration properties only/),
    ],
  ])("GIVEN %s THEN HubSpot's error answers and nothing changes", async (_, path, body, status, error) => {
    const reply = await send("PATCH", path, body);

    expect(reply).toEqual({ status, body: expect.objectContaining(error) });
    const room = sandbox.state.eventDefinitions.get("visit")?.properties.find((property) => property.name === "room");
    expect(room?.options?.map((option) => option.value)).toEqual(["hall", "attic"]);
  });

  it("GIVEN an account without custom events THEN the update is forbidden", async () => {
    sandbox.account.customEvents = false;

    expect(
      await send("PATCH", "/events/2026-03/event-definitions/visit/property/room", { options: [anOption("a", 0)] }),
    ).toEqual({
      status: 403,
      body: expect.objectContaining(anError("MISSING_SCOPES", /hasn't been granted all required scopes/)),
    });
  });
});
