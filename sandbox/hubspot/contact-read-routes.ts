/**
 * Reading contacts back by email (batch read), as HubSpot answers it: the contacts it holds, with
 * the properties asked for, and a 207 naming the emails it does not hold. ChatLift reads a
 * contact's lifecycle stage back before it sends one, so it never moves a contact backwards. A
 * secondary email finds its contact, which answers with its primary email (contact-emails.ts).
 */
import { contactByEmail } from "./contact-emails";
import { errorReply, type SandboxReply } from "./errors";
import { ok, type Route, type RouteContext } from "./routing";
import { inHubSpotOrder, publicRecord } from "./store";

const MAX_READ_INPUTS = 100;

function readContacts(context: RouteContext): SandboxReply {
  const body = context.body as { idProperty?: string; inputs: Array<{ id: string }>; properties?: string[] };
  if (body.inputs.length > MAX_READ_INPUTS)
    return errorReply(400, "VALIDATION_ERROR", `Batch input limit exceeded: at most ${MAX_READ_INPUTS} inputs`);
  if (body.idProperty !== "email")
    return errorReply(400, "VALIDATION_ERROR", "this sandbox reads contacts back by idProperty email only");
  const at = new Date(context.now).toISOString();
  const found = body.inputs.flatMap((input) => {
    const contact = contactByEmail(context.store, input.id);
    if (!contact) return [];
    const properties: Record<string, string> = { hs_object_id: contact.id };
    for (const name of body.properties ?? [])
      if (contact.properties[name] !== undefined) properties[name] = contact.properties[name] as string;
    return [{ ...publicRecord(contact), properties }];
  });
  const missing = body.inputs.map((input) => input.id).filter((id) => !contactByEmail(context.store, id));
  const results = inHubSpotOrder(context.store, found);
  if (!missing.length) return ok({ status: "COMPLETE", results, startedAt: at, completedAt: at });
  return ok(
    {
      status: "COMPLETE",
      results,
      numErrors: 1,
      errors: [
        {
          status: "error",
          category: "OBJECT_NOT_FOUND",
          message: "Could not get some CONTACT objects, they may be deleted or not exist.",
          context: { ids: missing },
          errors: [],
          links: {},
        },
      ],
      startedAt: at,
      completedAt: at,
    },
    207,
  );
}

export const contactReadRoutes: Route[] = [
  {
    method: "POST",
    path: "/crm/v3/objects/contacts/batch/read",
    model: ["crm/contacts", "BatchReadInputSimplePublicObjectId"],
    handle: readContacts,
  },
];
