/**
 * Why: ChatLift's footprint in a portal (its property group, properties and event definitions)
 * must be whole before any record is written, and must follow ChatLift as it learns new options:
 * a portal connected before a new micro-conversion kind still holds the old options, and HubSpot
 * refuses (INVALID_OPTION) every record carrying the new value, failing whole batches. So the
 * ensure operations create what is missing AND add options an existing enumeration lacks, keeping
 * every option the portal has (enumeration-options.ts decides the list; nothing is sent when the
 * portal already has them all).
 */
import { CrmError, type CrmObjectType, type CrmPort, type EventDefinition, type PropertyDefinition } from "./crm-port";
import { optionsWithMissing, type ExistingOption } from "./enumeration-options";
import { hubspotPath } from "./api-versions";
import { crmCalls, type HubSpotApis } from "./hubspot-apis.server";

type FootprintOperations = Pick<CrmPort, "ensurePropertyGroup" | "ensureProperties" | "ensureEventDefinition">;

/** An event definition as GET /events/{version}/event-definitions/{eventName} returns it (the fields read here). */
type StoredEventDefinition = {
  fullyQualifiedName: string;
  properties?: Array<{ name: string; type?: string; options?: ExistingOption[] }>;
};

const optionInputs = (options: Array<{ label: string; value: string }>) =>
  options.map((option, index) => ({ ...option, displayOrder: index, hidden: false }));

export function createFootprintOperations(
  apis: HubSpotApis,
  toCrmError: (error: unknown) => CrmError,
): FootprintOperations {
  const call = crmCalls(toCrmError);

  /** PATCH replaces the options list (the spec: provided fields are overwritten), so the list sent is whole. */
  async function addMissingOptions(
    objectType: CrmObjectType,
    existing: { name: string; type: string; options: ExistingOption[] },
    ours: PropertyDefinition,
  ) {
    if (existing.type !== "enumeration" || !ours.options) return; // a merchant's own non-enumeration property is left alone
    const options = optionsWithMissing(existing.options, ours.options);
    const path = hubspotPath("crm/properties", `${objectType}/${encodeURIComponent(existing.name)}`);
    if (options) await call(() => apis.request("PATCH", path, { options }));
  }

  async function createProperties(
    objectType: CrmObjectType,
    groupName: string,
    missing: PropertyDefinition[],
  ): Promise<string[]> {
    if (missing.length === 0) return [];
    try {
      await apis.request("POST", hubspotPath("crm/properties", `${objectType}/batch/create`), {
        inputs: missing.map((definition) => ({
          name: definition.name,
          label: definition.label,
          description: definition.description,
          groupName,
          type: definition.type,
          fieldType: definition.fieldType,
          ...(definition.options ? { options: optionInputs(definition.options) } : {}),
          ...(definition.hasUniqueValue ? { hasUniqueValue: true } : {}),
        })),
      });
    } catch (error) {
      const crmError = toCrmError(error);
      if (crmError.kind !== "conflict") throw crmError;
      return []; // another worker created them between our read and our create
    }
    return missing.map((definition) => definition.name);
  }

  const eventPropertyInput = (property: EventDefinition["properties"][number]) => ({
    name: property.name,
    label: property.label,
    type: property.type,
    ...(property.options ? { options: optionInputs(property.options) } : {}),
  });

  /** The definition's properties brought up to date: missing ones added, enumerations given the options they lack. */
  async function completeEventDefinition(path: string, existing: StoredEventDefinition, definition: EventDefinition) {
    const have = new Map((existing.properties ?? []).map((property) => [property.name, property]));
    for (const property of definition.properties) {
      const found = have.get(property.name);
      if (!found) {
        await apis.request("POST", `${path}/property`, eventPropertyInput(property));
        continue;
      }
      if (found.type !== "enumeration" || !property.options) continue;
      const options = optionsWithMissing(found.options ?? [], property.options);
      if (options) await apis.request("PATCH", `${path}/property/${encodeURIComponent(property.name)}`, { options });
    }
  }

  return {
    async ensurePropertyGroup(objectType, name, label) {
      try {
        await apis.request("GET", hubspotPath("crm/properties", `${objectType}/groups/${encodeURIComponent(name)}`));
        return false;
      } catch (error) {
        const crmError = toCrmError(error);
        if (crmError.kind !== "not_found") throw crmError;
      }
      try {
        await apis.request("POST", hubspotPath("crm/properties", `${objectType}/groups`), {
          name,
          label,
          displayOrder: -1,
        });
        return true;
      } catch (error) {
        const crmError = toCrmError(error);
        if (crmError.kind === "conflict") return false; // created meanwhile by another worker
        throw crmError;
      }
    },

    async ensureProperties(objectType, groupName, definitions) {
      // HubSpot's spec requires dataSensitivity (SDK 14's batch read model drops it).
      const { json } = await apis.request("POST", hubspotPath("crm/properties", `${objectType}/batch/read`), {
        archived: false,
        dataSensitivity: "non_sensitive",
        inputs: definitions.map(({ name }) => ({ name })),
      });
      const existing = json as { results: Array<{ name: string; type: string; options: ExistingOption[] }> };
      const byName = new Map(existing.results.map((property) => [property.name, property]));
      for (const definition of definitions) {
        const found = byName.get(definition.name);
        if (found) await addMissingOptions(objectType, found, definition);
      }
      return createProperties(
        objectType,
        groupName,
        definitions.filter((definition) => !byName.has(definition.name)),
      );
    },

    async ensureEventDefinition(definition) {
      const path = hubspotPath("events", `event-definitions/${encodeURIComponent(definition.name)}`);
      let existing: StoredEventDefinition | undefined;
      try {
        existing = (await apis.request("GET", path)).json as StoredEventDefinition;
      } catch (error) {
        if (!(error instanceof CrmError && error.kind === "not_found")) throw error;
      }
      if (existing) {
        await completeEventDefinition(path, existing, definition);
        return { fullyQualifiedName: existing.fullyQualifiedName, created: false };
      }
      try {
        const { json } = await apis.request("POST", hubspotPath("events", "event-definitions"), {
          name: definition.name,
          label: definition.label,
          description: definition.description,
          primaryObject: "CONTACT",
          // Required by the spec (ExternalBehavioralEventTypeDefinitionEgg). false: HubSpot's default
          // event properties (page URL, city, browser …) are filled by its tracking code, never by a
          // server-side send, so on ChatLift's events they would stay empty; the definition keeps to
          // the properties ChatLift sends.
          includeDefaultProperties: false,
          propertyDefinitions: definition.properties.map(eventPropertyInput),
        });
        return { fullyQualifiedName: (json as { fullyQualifiedName: string }).fullyQualifiedName, created: true };
      } catch (error) {
        if (!(error instanceof CrmError && error.kind === "conflict")) throw error;
        const raced = (await apis.request("GET", path)).json as { fullyQualifiedName: string };
        return { fullyQualifiedName: raced.fullyQualifiedName, created: false };
      }
    },
  };
}
