/**
 * Contacts written the way HubSpot's batch upsert takes them (by email, at most 100, one 400 for a bad
 * batch unless every input carries an objectWriteTraceId, then a 207; an email finds its contact as
 * contact-emails.ts says), and GDPR deletion with HubSpot's blocklist.
 */
import { blocklist, contactByEmail, secondaryEmailsOf } from "./contact-emails";
import { errorReply, type SandboxReply } from "./errors";
import { sortInputs } from "./multi-status";
import { batchResult, contactById, iso, tooMany, traceOf } from "./object-batch";
import type { Route, RouteContext } from "./routing";
import { nextId, publicRecord, type CrmRecord } from "./store";
import { checkProperties, isValidEmail, withoutBackwardLifecycle } from "./values";

function upsertContacts(context: RouteContext): SandboxReply {
  const { inputs } = context.body as {
    inputs: Array<{ id: string; idProperty?: string; properties: Record<string, string>; objectWriteTraceId?: string }>;
  };
  const limit = tooMany(inputs.length);
  if (limit) return limit;
  const wrongId = inputs.find((input) => input.idProperty !== "email");
  if (wrongId)
    return errorReply(
      400,
      "VALIDATION_ERROR",
      `Unable to perform upsert by idProperty ${JSON.stringify(wrongId.idProperty ?? null)}: contacts upsert here takes idProperty "email"`,
    );
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const input of inputs) {
    const key = input.id.toLowerCase();
    if (seen.has(key)) duplicates.add(input.id);
    seen.add(key);
  }
  if (duplicates.size) {
    return errorReply(
      400,
      "VALIDATION_ERROR",
      `Duplicate IDs found in batch input: [${[...duplicates].join(", ")}]. IDs must be unique`,
      {
        context: { ids: [...duplicates] },
      },
    );
  }
  const sorted = sortInputs(inputs, (input) => [
    ...(isValidEmail(input.id)
      ? []
      : [
          {
            isValid: false as const,
            name: "email",
            error: "INVALID_EMAIL",
            message: `Email address ${input.id} is invalid`,
          },
        ]),
    ...checkProperties(context.store, "contacts", input.properties),
  ]);
  if (sorted.reply) return sorted.reply;
  const results = sorted.accepted.map((input) => {
    const key = input.id.toLowerCase();
    // A secondary email finds its contact too; the contact keeps (and answers with) its primary email.
    const existing = contactByEmail(context.store, key);
    const primary = existing?.properties.email ?? key;
    const record: CrmRecord = existing ?? {
      id: nextId(context.store),
      properties: {},
      createdAt: iso(context.now),
      updatedAt: iso(context.now),
      archived: false,
    };
    record.properties = {
      ...record.properties,
      ...(context.store.acceptsBackwardLifecycle
        ? input.properties
        : withoutBackwardLifecycle(record.properties, input.properties)),
      email: primary,
    };
    record.updatedAt = iso(context.now);
    context.store.contacts.set(primary, record);
    return { ...publicRecord(record), new: !existing, ...traceOf(input) };
  });
  return batchResult(context, results, 200, sorted.refusals);
}

/**
 * GDPR delete by id or by email (primary or secondary). Every email of a deleted contact is blocklisted; by
 * email, an email HubSpot holds no contact for is blocklisted all the same (204), as HubSpot's spec says.
 */
function gdprDelete(context: RouteContext): SandboxReply {
  const { objectId, idProperty } = context.body as { objectId: string; idProperty?: string };
  const at = iso(context.now);
  const byEmail = idProperty === "email";
  const contact = byEmail ? contactByEmail(context.store, objectId) : contactById(context.store, objectId);
  if (!contact) {
    if (!byEmail) return errorReply(404, "OBJECT_NOT_FOUND", `resource not found: contact ${objectId}`);
    blocklist(context.store, [objectId], at);
    return { status: 204 };
  }
  const email = contact.properties.email ?? "";
  context.store.contacts.delete(email);
  context.store.associations = context.store.associations.filter(
    (association) => association.toId !== contact.id && association.fromId !== contact.id,
  );
  context.store.gdprDeleted.push({ email, contactId: contact.id, at });
  blocklist(context.store, [email, ...secondaryEmailsOf(contact)], at);
  return { status: 204 };
}

export const contactRoutes: Route[] = [
  {
    method: "POST",
    path: "/crm/v3/objects/contacts/batch/upsert",
    model: ["crm/contacts", "BatchInputSimplePublicObjectBatchInputUpsert"],
    handle: upsertContacts,
  },
  {
    method: "POST",
    path: "/crm/v3/objects/contacts/gdpr-delete",
    model: ["crm/contacts", "PublicGdprDeleteInput"],
    handle: gdprDelete,
  },
];
