/**
 * A HubSpot portal connected before ChatLift learnt a micro-conversion kind: ChatLift's properties
 * and event definition exist, created through the SDK as the older ChatLift created them (without
 * that kind), then edited by the merchant in HubSpot (an option of their own, one relabelled).
 */
import {
  CONTACT_PROPERTIES,
  CONTACT_PROPERTY,
  DEAL_PROPERTIES,
  MICRO_CONVERSION_EVENT_DEFINITION,
  PROPERTY_GROUP,
} from "../../../app/sync/chatlift-properties";
import type { CrmPort, EventDefinition, PropertyDefinition } from "../../../app/integrations/hubspot/crm-port";
import type { HubSpotSandbox } from "../../../sandbox/hubspot";

/** The merchant's own option, placed far after ChatLift's in HubSpot's settings. */
export const MERCHANT_OPTION = {
  label: "Store visit",
  value: "store_visit",
  displayOrder: 20,
  hidden: false,
  description: "Came to the shop after chatting",
};
/** The merchant renamed this option of ChatLift's in HubSpot; it must stay renamed. */
export const RELABELLED = { value: "fit_help", label: "Sizing help" };

const without = (kind: string, options: PropertyDefinition["options"]) =>
  options?.filter((option) => option.value !== kind);

/** ChatLift's definitions as an older release had them: `kind` not yet among the options. */
export function olderDefinitions(kind: string): { contacts: PropertyDefinition[]; event: EventDefinition } {
  return {
    contacts: CONTACT_PROPERTIES.map((definition) =>
      definition.options ? { ...definition, options: without(kind, definition.options) } : definition,
    ),
    event: {
      ...MICRO_CONVERSION_EVENT_DEFINITION,
      properties: MICRO_CONVERSION_EVENT_DEFINITION.properties.map((property) =>
        property.options ? { ...property, options: without(kind, property.options) } : property,
      ),
    },
  };
}

/** Connects the portal as the older release did, then plays the merchant's edits in HubSpot's settings. */
export async function aPortalConnectedBefore(
  kind: string,
  crm: CrmPort,
  sandbox: HubSpotSandbox,
  options: { customEvents: boolean },
): Promise<void> {
  const older = olderDefinitions(kind);
  for (const objectType of ["contacts", "deals"] as const)
    await crm.ensurePropertyGroup(objectType, PROPERTY_GROUP.name, PROPERTY_GROUP.label);
  await crm.ensureProperties("contacts", PROPERTY_GROUP.name, older.contacts);
  await crm.ensureProperties("deals", PROPERTY_GROUP.name, DEAL_PROPERTIES);
  if (options.customEvents) await crm.ensureEventDefinition(older.event);

  const merchantEdits = (stored: Array<{ label: string; value: string }> | undefined) => {
    const relabelled = stored?.find((option) => option.value === RELABELLED.value);
    if (!stored || !relabelled) throw new Error("the older release's options were not created in the sandbox");
    relabelled.label = RELABELLED.label;
    stored.push({ ...MERCHANT_OPTION });
  };
  merchantEdits(sandbox.state.properties.get("contacts")?.get(CONTACT_PROPERTY.lastMicroConversion)?.options);
  if (options.customEvents) {
    const kindProperty = sandbox.state.eventDefinitions
      .get(MICRO_CONVERSION_EVENT_DEFINITION.name)
      ?.properties.find((property) => property.name === "kind");
    merchantEdits(kindProperty?.options);
  }
}
