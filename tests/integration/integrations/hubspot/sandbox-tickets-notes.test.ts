/**
 * The sandbox's tickets and notes as strict as HubSpot's specs (Tickets, Notes, Pipelines): required
 * properties, pipeline and stage, association type ids and their targets, scopes, the request shape, and
 * HubSpot's error bodies — spoken to through the real @hubspot/api-client, as ChatLift's adapter does.
 */
import { Client } from "@hubspot/api-client";
import { AssociationSpecAssociationCategoryEnum } from "@hubspot/api-client/lib/codegen/crm/tickets";
import { afterEach, describe, expect, it } from "vitest";
import { createHubSpotCrm } from "../../../../app/integrations/hubspot/hubspot-adapter.server";
import { startHubSpotSandbox, type HubSpotSandbox, type SandboxOptions } from "../../../../sandbox/hubspot";
import { scopesFor } from "../../../../sandbox/hubspot/scopes";
import { ticketNoteRoutes } from "../../../../sandbox/hubspot/ticket-note-routes";
import { ticketsAndNotesOf } from "../../../../sandbox/hubspot/ticket-note-store";

let sandbox: HubSpotSandbox;
afterEach(() => sandbox.close());

async function aPortal(options: SandboxOptions = {}) {
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, ...options });
  return {
    crm: createHubSpotCrm({ accessToken: "pat-sandbox", basePath: sandbox.url, attempts: 1 }),
    sdk: new Client({ accessToken: "pat-sandbox", basePath: sandbox.url, numberOfApiCallRetries: 0 }),
  };
}

async function aContactId(crm: ReturnType<typeof createHubSpotCrm>, email = "lin@acme.io") {
  const [contact] = await crm.upsertContacts([{ email, properties: {} }]);
  return contact?.contactId as string;
}

const TO_CONTACT = (id: string, typeId = 16) => ({
  to: { id },
  types: [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: typeId }],
});

/** The SDK's error for a refused call: HubSpot's status and body. */
async function refusal(call: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  const error = (await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )) as { code: number; body: Record<string, unknown> } | undefined;
  if (!error) throw new Error("HubSpot accepted the call");
  return { code: error.code, body: error.body };
}

describe("tickets", () => {
  it("GIVEN a ticket without subject or stage WHEN created THEN 400 names each required property and nothing is created", async () => {
    const { crm, sdk } = await aPortal();
    const contactId = await aContactId(crm);

    const { code, body } = await refusal(
      sdk.crm.tickets.basicApi.create({ properties: { hs_pipeline: "0" }, associations: [TO_CONTACT(contactId)] }),
    );

    expect(code).toBe(400);
    expect(body).toMatchObject({ status: "error", category: "VALIDATION_ERROR" });
    expect(body.message).toContain('{"isValid":false,"name":"subject","error":"REQUIRED_PROPERTY"');
    expect(body.message).toContain('{"isValid":false,"name":"hs_pipeline_stage","error":"REQUIRED_PROPERTY"');
    expect(ticketsAndNotesOf(sandbox.state).tickets.size).toBe(0);
  });

  it("GIVEN a deal's association type id, or a contact that does not exist WHEN a ticket is created THEN 400 and nothing is created", async () => {
    const { crm, sdk } = await aPortal();
    const contactId = await aContactId(crm);
    const properties = { subject: "Help", hs_pipeline: "0", hs_pipeline_stage: "1" };

    const wrongType = await refusal(
      sdk.crm.tickets.basicApi.create({ properties, associations: [TO_CONTACT(contactId, 3)] }),
    );
    const noContact = await refusal(sdk.crm.tickets.basicApi.create({ properties, associations: [TO_CONTACT("999")] }));

    expect(wrongType.code).toBe(400);
    expect(wrongType.body.message).toBe("association type HUBSPOT_DEFINED/3 is not valid from tickets");
    expect(noContact.body.message).toBe("association target contact 999 does not exist");
    expect(ticketsAndNotesOf(sandbox.state).tickets.size).toBe(0);
  });

  it("GIVEN a body with a field the spec does not have, or without associations WHEN posted THEN 400 invalid input", async () => {
    await aPortal();
    const post = (body: unknown) =>
      fetch(`${sandbox.url}/crm/objects/2026-03/tickets`, {
        method: "POST",
        headers: { authorization: "Bearer pat-sandbox", "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const properties = { subject: "Help", hs_pipeline: "0", hs_pipeline_stage: "1" };

    expect((await post({ properties, associations: [], priority: "HIGH" })).status).toBe(400);
    expect((await post({ properties })).status).toBe(400);
  });

  it("GIVEN a ticket created by the port WHEN it is looked up by its routing key, or created again THEN it is found, and the second create is a 409 conflict", async () => {
    const { crm } = await aPortal();
    const contactId = await aContactId(crm);
    await crm.ensurePropertyGroup("tickets", "chatlift", "ChatLift");
    await crm.ensureProperties("tickets", "chatlift", [
      {
        name: "chatlift_routing_key",
        label: "Key",
        description: "",
        type: "string",
        fieldType: "text",
        hasUniqueValue: true,
      },
    ]);
    const ticket = {
      routingKey: "lead-1:r:create_ticket:1",
      contactId,
      subject: "Help",
      pipelineId: "0",
      stageId: "1",
    };

    const created = await crm.createRoutedTicket(ticket);

    expect(await crm.findRoutedTickets([ticket.routingKey, "other"])).toEqual([created]);
    await expect(crm.createRoutedTicket(ticket)).rejects.toMatchObject({ kind: "conflict", status: 409 });
    expect(ticketsAndNotesOf(sandbox.state).tickets.size).toBe(1);
  });

  it("GIVEN a portal whose tokens lack the tickets scope WHEN a ticket is created THEN 403 MISSING_SCOPES names it", async () => {
    const { crm } = await aPortal({ withheldScopes: ["tickets"] });
    const contactId = await aContactId(crm);

    await expect(
      crm.createRoutedTicket({ routingKey: "k", contactId, subject: "Help", pipelineId: "0", stageId: "1" }),
    ).rejects.toMatchObject({ kind: "forbidden", status: 403, category: "MISSING_SCOPES" });
    await expect(crm.listTicketPipelines()).rejects.toMatchObject({ kind: "forbidden" });
  });

  it("GIVEN the default portal WHEN ticket pipelines are listed THEN HubSpot's Support Pipeline and its stages come in order", async () => {
    const { crm } = await aPortal();
    expect(await crm.listTicketPipelines()).toEqual([
      {
        id: "0",
        label: "Support Pipeline",
        stages: [
          { id: "1", label: "New" },
          { id: "2", label: "Waiting on contact" },
          { id: "3", label: "Waiting on us" },
          { id: "4", label: "Closed" },
        ],
      },
    ]);
  });
});

describe("notes", () => {
  it("GIVEN a note without hs_timestamp WHEN created THEN 400 REQUIRED_PROPERTY", async () => {
    const { crm, sdk } = await aPortal();
    const contactId = await aContactId(crm);
    const { code, body } = await refusal(
      sdk.crm.objects.notes.basicApi.create({
        properties: { hs_note_body: "hi" },
        associations: [TO_CONTACT(contactId, 202)],
      }),
    );
    expect(code).toBe(400);
    expect(body.message).toContain('{"isValid":false,"name":"hs_timestamp","error":"REQUIRED_PROPERTY"');
  });

  it("GIVEN a note on a contact WHEN updated, and an unknown note updated THEN the one note changes, and the unknown one is a 404 the port reads as gone", async () => {
    const { crm } = await aPortal();
    const contactId = await aContactId(crm);
    const noteId = await crm.createNote({ body: "<p>one</p>", timestamp: "2026-11-20T12:00:00.000Z" }, [
      { objectType: "contacts", id: contactId },
    ]);

    expect(await crm.updateNote(noteId, { body: "<p>two</p>", timestamp: "2026-11-20T12:00:00.000Z" })).toBe(true);
    expect(await crm.updateNote("424242", { body: "<p>x</p>", timestamp: "2026-11-20T12:00:00.000Z" })).toBe(false);

    const { notes } = ticketsAndNotesOf(sandbox.state);
    expect([...notes.values()].map((note) => note.properties.hs_note_body)).toEqual(["<p>two</p>"]);
    expect(sandbox.state.associations).toEqual([
      { fromType: "notes", fromId: noteId, toType: "contacts", toId: contactId, typeId: 202 },
    ]);
    expect(sandbox.requestsTo("PATCH", "/crm/objects/2026-03/notes/424242")[0]?.status).toBe(404);
  });

  it("GIVEN every ticket and note route THEN each names the scopes HubSpot's spec gives it", async () => {
    await aPortal();
    expect(ticketNoteRoutes.map((route) => [route.path, scopesFor(route.method, route.path, {})])).toEqual([
      ["/crm/v3/objects/tickets", ["tickets"]],
      ["/crm/v3/objects/tickets/batch/read", ["tickets"]],
      ["/crm/v3/pipelines/tickets", ["tickets"]],
      ["/crm/v3/objects/notes", ["crm.objects.contacts.write"]],
      ["/crm/v3/objects/notes/{noteId}", ["crm.objects.contacts.write"]],
    ]);
  });
});
