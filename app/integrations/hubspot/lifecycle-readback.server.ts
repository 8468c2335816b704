/**
 * Before an upsert that names a lifecycle stage, the contacts' current stages are read back from
 * HubSpot (one batch read by email) and a stage that would not move its contact forward, in the
 * portal's own stage order (read once per client), is left out (lifecycle.ts says why). HubSpot
 * finds a contact by a secondary email too, and then answers with its primary one.
 */
import type { ContactUpsert } from "./crm-port";
import { objectsPath, propertyDefinition, type HubSpotApis, type ObjectResult } from "./hubspot-apis.server";
import { LIFECYCLE_PROPERTY, movesForward } from "./lifecycle";

/** HubSpot's read-only list of a contact's secondary emails, `;`-separated. */
const ADDITIONAL_EMAILS = "hs_additional_emails";

export function createLifecycleReadback(
  apis: HubSpotApis,
  call: <T>(work: () => Promise<T>) => Promise<T>,
): (contacts: ContactUpsert[]) => Promise<ContactUpsert[]> {
  let lifecycleOrder: Promise<string[]> | undefined;
  /** The portal's lifecycle stages in its display order, read once per client. */
  function stageOrder(): Promise<string[]> {
    lifecycleOrder ??= call(() => propertyDefinition(apis, "contacts", LIFECYCLE_PROPERTY)).then(
      (property) =>
        [...property.options].sort((a, b) => (a.displayOrder ?? 0) - (b.displayOrder ?? 0)).map((o) => o.value),
      (error: unknown) => {
        lifecycleOrder = undefined;
        throw error;
      },
    );
    return lifecycleOrder;
  }

  /** Drops each lifecycle stage that would not move its contact forward from what HubSpot holds now (read back). */
  async function forwardLifecycleOnly(contacts: ContactUpsert[]): Promise<ContactUpsert[]> {
    const staged = contacts.filter((contact) => contact.properties[LIFECYCLE_PROPERTY]);
    if (!staged.length) return contacts;
    const [order, answer] = await Promise.all([
      stageOrder(),
      call(() =>
        apis.request("POST", objectsPath("contacts", "batch/read"), {
          idProperty: "email",
          inputs: staged.map((contact) => ({ id: contact.email })),
          properties: [LIFECYCLE_PROPERTY, "email", ADDITIONAL_EMAILS],
          propertiesWithHistory: [],
        }),
      ),
    ]);
    // A contact HubSpot does not hold yet is simply absent from the results (207): it has no stage. One found by a
    // secondary email (a merged contact) answers with its primary email: it is known by each of its emails.
    const current = new Map(
      (answer.json as { results: ObjectResult[] }).results.flatMap((contact) =>
        [contact.properties.email, ...(contact.properties[ADDITIONAL_EMAILS] ?? "").split(";")]
          .map((email) => (email ?? "").trim().toLowerCase())
          .filter(Boolean)
          .map((email) => [email, contact.properties] as const),
      ),
    );
    return contacts.map((contact) => {
      const wantedStage = contact.properties[LIFECYCLE_PROPERTY];
      if (!wantedStage) return contact;
      const held = current.get(contact.email.toLowerCase())?.[LIFECYCLE_PROPERTY] ?? undefined;
      if (movesForward(wantedStage, held, order)) return contact;
      const properties = { ...contact.properties };
      delete properties[LIFECYCLE_PROPERTY];
      return { ...contact, properties };
    });
  }

  return forwardLifecycleOnly;
}
