/**
 * A portal connected before ChatLift learnt `question_answered`: ensuring ChatLift's footprint (what
 * connecting again and the HubSpot page's "Check properties" both run) adds the new option to the
 * contact property and to the event definition's `kind`, through the real SDK against the sandbox,
 * keeping every option the portal had; then records carrying the new kind are accepted.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MICRO_CONVERSION_KINDS } from "../../../../contract/events";
import {
  CONTACT_PROPERTIES,
  CONTACT_PROPERTY,
  MICRO_CONVERSION_EVENT_DEFINITION,
} from "../../../../app/sync/chatlift-properties";
import { ensureChatLiftProperties } from "../../../../app/sync/connection.server";
import { contactUpdateFor } from "../../../../app/sync/contact-properties";
import { syncContacts } from "../../../../app/sync/contact-sync";
import { intentEventsFor } from "../../../../app/sync/intent-events";
import { createHubSpotCrm } from "../../../../app/integrations/hubspot/hubspot-adapter.server";
import type { CrmPort } from "../../../../app/integrations/hubspot/crm-port";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../../sandbox/hubspot";
import { aLead } from "../../../support/builders/leads";
import { aPortalConnectedBefore, MERCHANT_OPTION, RELABELLED } from "../../../support/builders/stale-portal";
import { NOW } from "../../../support/clock";

const NEW_KIND = "question_answered";
const PORTAL = 4242;
const CONTACT_PATCH = `/crm/properties/2026-03/contacts/${CONTACT_PROPERTY.lastMicroConversion}`;
const KIND_PATCH = `/events/2026-03/event-definitions/${MICRO_CONVERSION_EVENT_DEFINITION.name}/property/kind`;

let sandbox: HubSpotSandbox;
let crm: CrmPort;

async function aSandbox(customEvents: boolean) {
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, customEvents, portalId: PORTAL });
  crm = createHubSpotCrm({
    accessToken: "pat-sandbox",
    basePath: sandbox.url,
    tenSecondLimit: 100,
    windowMs: 1000,
    timeoutMs: 2000,
    attempts: 1,
  });
}
afterEach(() => sandbox.close());

/** ChatLift's own label for a kind, as the older release created it. */
const chatLiftLabel = (kind: string) =>
  CONTACT_PROPERTIES.find((definition) => definition.name === CONTACT_PROPERTY.lastMicroConversion)?.options?.find(
    (option) => option.value === kind,
  )?.label;

/** What the update must carry: the portal's options as they were (order, merchant's label and option), then the new kind. */
const EXPECTED_OPTIONS = [
  ...MICRO_CONVERSION_KINDS.filter((kind) => kind !== NEW_KIND).map((kind, index) => ({
    label: kind === RELABELLED.value ? RELABELLED.label : chatLiftLabel(kind),
    value: kind,
    displayOrder: index,
    hidden: false,
  })),
  MERCHANT_OPTION,
  { label: "Question answered", value: NEW_KIND, displayOrder: MERCHANT_OPTION.displayOrder + 1, hidden: false },
];

const aShopperWhoseQuestionWasAnswered = () =>
  contactUpdateFor(
    aLead({ email: "asker@example.com", microConversions: { count: 1, lastKind: NEW_KIND, lastAt: NOW } }),
  );

describe("GIVEN a portal whose contact property lacks question_answered", () => {
  beforeEach(async () => {
    await aSandbox(false);
    await aPortalConnectedBefore(NEW_KIND, crm, sandbox, { customEvents: false });
  });

  it("WHEN ChatLift's properties are ensured THEN the option is added keeping the portal's, once; and the contact is accepted", async () => {
    // GIVEN HubSpot refuses the new kind, failing the whole batch it rides in
    await expect(crm.upsertContacts([aShopperWhoseQuestionWasAnswered()])).rejects.toMatchObject({
      kind: "validation",
      message: expect.stringContaining("INVALID_OPTION"),
    });

    // WHEN the footprint is ensured (connect again, or "Check properties")
    const ensured = await ensureChatLiftProperties(crm, false);

    // THEN nothing is created, and exactly one update reached HubSpot: every old option as it was, plus the new one
    expect(ensured).toMatchObject({ propertiesCreated: [], eventDefinitionCreated: false });
    const updates = sandbox.requests.filter((request) => request.method === "PATCH");
    expect(updates.map((request) => [request.path, request.body, request.status])).toEqual([
      [CONTACT_PATCH, { options: EXPECTED_OPTIONS }, 200],
    ]);
    const stored = await crm.listPropertyOptions("contacts", CONTACT_PROPERTY.lastMicroConversion);
    expect(stored).toEqual(EXPECTED_OPTIONS.map(({ label, value }) => ({ label, value })));

    // AND a second run finds every option there and sends no update
    await ensureChatLiftProperties(crm, false);
    expect(sandbox.requests.filter((request) => request.method === "PATCH")).toHaveLength(1);

    // AND the contact carrying the new kind now syncs
    const result = await syncContacts(crm, [aShopperWhoseQuestionWasAnswered()]);
    expect(result.rejected).toEqual([]);
    expect(result.delivered).toHaveLength(1);
    expect(sandbox.state.contacts.get("asker@example.com")?.properties[CONTACT_PROPERTY.lastMicroConversion]).toBe(
      NEW_KIND,
    );
  });
});

describe("GIVEN a custom-events portal whose micro-conversion event's kind lacks question_answered", () => {
  beforeEach(async () => {
    await aSandbox(true);
    await aPortalConnectedBefore(NEW_KIND, crm, sandbox, { customEvents: true });
  });

  const anAnsweredQuestionEvent = () =>
    intentEventsFor([{ email: "asker@example.com", kind: NEW_KIND, occurredAt: NOW }], {
      portalId: PORTAL,
      customEventsAvailable: true,
    });

  it("WHEN ChatLift's properties are ensured THEN kind gains the option keeping the portal's, once; and the event is accepted", async () => {
    // GIVEN HubSpot refuses an occurrence with the new kind
    await expect(crm.sendEvents(anAnsweredQuestionEvent())).rejects.toMatchObject({
      kind: "validation",
      message: expect.stringContaining("was not one of the allowed options for kind"),
    });

    // WHEN the footprint is ensured
    const ensured = await ensureChatLiftProperties(crm, true);

    // THEN the definition is not re-created; the contact property and the event's kind each got one update
    expect(ensured).toMatchObject({ propertiesCreated: [], eventDefinitionCreated: false });
    const updates = sandbox.requests.filter((request) => request.method === "PATCH");
    expect(updates.map((request) => [request.path, request.body, request.status])).toEqual([
      [CONTACT_PATCH, { options: EXPECTED_OPTIONS }, 200],
      [KIND_PATCH, { options: EXPECTED_OPTIONS }, 201],
    ]);
    const kind = sandbox.state.eventDefinitions
      .get(MICRO_CONVERSION_EVENT_DEFINITION.name)
      ?.properties.find((property) => property.name === "kind");
    expect(kind?.options).toEqual(EXPECTED_OPTIONS);

    // AND a second run sends no update
    await ensureChatLiftProperties(crm, true);
    expect(sandbox.requests.filter((request) => request.method === "PATCH")).toHaveLength(2);

    // AND the occurrence is accepted
    await crm.sendEvents(anAnsweredQuestionEvent());
    expect(sandbox.state.events).toEqual([
      expect.objectContaining({
        eventName: `pe${PORTAL}_${MICRO_CONVERSION_EVENT_DEFINITION.name}`,
        properties: { kind: NEW_KIND },
      }),
    ]);
  });
});
