/**
 * The HubSpot page on a portal connected before ChatLift learnt `question_answered`: connecting
 * again through the page brings the contact property and the event definition's `kind` up to date
 * (the merchant's options kept), and "Check properties" afterwards sends no update.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { CONTACT_PROPERTY, MICRO_CONVERSION_EVENT_DEFINITION } from "../../app/sync/chatlift-properties";
import { ORDER_PROPERTIES } from "../../app/sync/order-credits";
import { createHubSpotCrm } from "../../app/integrations/hubspot/hubspot-adapter.server";
import { action } from "../../app/routes/app.hubspot";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../sandbox/hubspot";
import { useTestEncryptionKey } from "../support/builders/lead-rows";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";
import { aPortalConnectedBefore, MERCHANT_OPTION, RELABELLED } from "../support/builders/stale-portal";
import { routeArgs, unwrap } from "../support/http/responses";
import { formPost } from "../support/http/signed-requests";

const NEW_KIND = "question_answered";
let sandbox: HubSpotSandbox;
let counter = 0;
let store: string;

const post = async (fields: Record<string, string>) =>
  unwrap(await action(routeArgs(await formPost(store, "/app/hubspot", fields))));
const patches = () => sandbox.requests.filter((request) => request.method === "PATCH").map((request) => request.path);
const optionsOf = (options: Array<{ value: string; label: string }> | undefined) =>
  options?.map(({ value, label }) => [value, label]);

beforeEach(async () => {
  useTestEncryptionKey();
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, portalId: 777, customEvents: true });
  process.env.HUBSPOT_API_BASE = sandbox.url;
  counter += 1;
  store = `hubspot-options-${process.pid}-${counter}`;
  await storeOfflineSession(prisma, store);
  const crm = createHubSpotCrm({
    accessToken: "pat-sandbox",
    basePath: sandbox.url,
    tenSecondLimit: 100,
    windowMs: 1000,
  });
  await aPortalConnectedBefore(NEW_KIND, crm, sandbox, { customEvents: true });
});
afterEach(() => sandbox.close());
afterAll(() => prisma.$disconnect());

describe("HubSpot page on a portal that lacks a new micro-conversion kind", () => {
  it("WHEN the merchant connects again THEN both enumerations gain the kind, the merchant's options kept; Check properties then sends nothing", async () => {
    const connected = await post({ intent: "connect_static", token: "pat-sandbox", tenSecondLimit: "100" });

    // Connected before HubSpot orders: only ChatLift's order properties are new (the portal grants their scopes).
    expect(connected.body).toMatchObject({
      kind: "connected",
      portalId: 777,
      propertiesCreated: ORDER_PROPERTIES.map((property) => property.name),
    });
    expect(patches()).toEqual([
      `/crm/properties/2026-03/contacts/${CONTACT_PROPERTY.lastMicroConversion}`,
      `/events/2026-03/event-definitions/${MICRO_CONVERSION_EVENT_DEFINITION.name}/property/kind`,
    ]);
    const contactOptions = sandbox.state.properties.get("contacts")?.get(CONTACT_PROPERTY.lastMicroConversion)?.options;
    const kindOptions = sandbox.state.eventDefinitions
      .get(MICRO_CONVERSION_EVENT_DEFINITION.name)
      ?.properties.find((property) => property.name === "kind")?.options;
    for (const options of [contactOptions, kindOptions]) {
      expect(optionsOf(options)).toContainEqual([RELABELLED.value, RELABELLED.label]);
      expect(options?.slice(-2)).toEqual([
        MERCHANT_OPTION,
        { label: "Question answered", value: NEW_KIND, displayOrder: MERCHANT_OPTION.displayOrder + 1, hidden: false },
      ]);
    }

    const checked = await post({ intent: "check_properties" });

    expect(checked.body).toMatchObject({ kind: "properties", created: [], eventDefinitionCreated: false });
    expect(patches()).toHaveLength(2);
    expect(await prisma.hubSpotConnection.findUnique({ where: { shopDomain: domainOf(store) } })).not.toBeNull();
  });
});
