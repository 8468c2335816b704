/**
 * A shopper who asked for a person becomes a HubSpot ticket through the merchant's rule: the fact
 * handoff_requested matches, the rule's owner action picks the owner, and the lead_actions job creates the
 * ticket (associated with the contact) and its transcript note, as the sandbox received them. A retry after a
 * worker died past HubSpot's answer finds the ticket by its routing key instead of making a second one, and a
 * ticket HubSpot refuses (a stage not in the pipeline) parks the job with HubSpot's words.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { drainJobs } from "../../../app/platform/jobs/runner.server";
import { LEAD_ACTIONS_JOB } from "../../../app/sync/outbox.server";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../sandbox/hubspot";
import { ticketsAndNotesOf } from "../../../sandbox/hubspot/ticket-note-store";
import { aHandoffRequest } from "../../support/builders/handoff-rows";
import {
  GRACE,
  aDemoChat,
  aHandoffRuleSet,
  aRoutedShop,
  postChat,
  thawTheScene,
  useFrozenRoutingScene,
} from "../../support/builders/routing-scene";
import { HOUR, MINUTE, NOW } from "../../support/clock";

const TICKETS = "/crm/objects/2026-03/tickets";
const NOTES = "/crm/objects/2026-03/notes";

let sandbox: HubSpotSandbox;

beforeEach(async () => {
  useFrozenRoutingScene();
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000 });
  process.env.HUBSPOT_API_BASE = sandbox.url;
});
afterEach(async () => {
  thawTheScene();
  await sandbox.close();
});
afterAll(() => prisma.$disconnect());

/** The shopper chats (the demo chat), asks for a person, and the jobs run. */
async function aHandedOffChat(shop: string, email: string, sessionId: string) {
  await aHandoffRequest(shop, sessionId, new Date(NOW.getTime() - 30_000));
  expect((await postChat(shop, aDemoChat(email, sessionId))).status).toBe(200);
  await drainJobs();
  return prisma.lead.findFirstOrThrow({ where: { shopDomain: shop, email } });
}

const createdTickets = () => sandbox.requestsTo("POST", TICKETS).filter((request) => request.status === 201);

describe("a handoff routed to a HubSpot ticket", () => {
  it("GIVEN a rule on handoff_requested with an owner and create_ticket WHEN the shopper asked for a person THEN the sandbox holds the ticket, its contact association and the transcript note, exactly", async () => {
    const shop = await aRoutedShop(sandbox, aHandoffRuleSet());
    const lead = await aHandedOffChat(shop, "lin@acme.io", "sess_handoff_lin_01");

    const [ticketRequest] = createdTickets();
    expect(ticketRequest?.body).toEqual({
      properties: {
        subject: "Chat handoff: lin@acme.io",
        hs_pipeline: "0",
        hs_pipeline_stage: "1",
        chatlift_routing_key: `${lead.id}:handoff:create_ticket:1`,
        content: "Do you ship to Norway before Christmas?",
        hubspot_owner_id: GRACE,
        hs_ticket_priority: "HIGH",
      },
      associations: [
        {
          to: { id: lead.hubspotContactId },
          types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 16 }],
        },
      ],
    });
    const [ticket] = [...ticketsAndNotesOf(sandbox.state).tickets.values()];
    const [noteRequest] = sandbox.requestsTo("POST", NOTES).filter((request) => request.status === 201);
    expect(noteRequest?.body).toEqual({
      properties: {
        hs_timestamp: "2026-11-20T11:59:30.000Z",
        hs_note_body:
          "<p><strong>Chat transcript (session sess_handoff_lin_01)</strong></p>" +
          "<p><strong>Question for a person:</strong> Do you ship to Norway before Christmas?</p>" +
          "<ul><li>2026-11-20 11:59 UTC <strong>·</strong>: Arrived on /pages/pricing</li>" +
          "<li>2026-11-20 11:59 UTC <strong>Shopper</strong>: 12</li>" +
          "<li>2026-11-20 11:59 UTC <strong>·</strong>: Micro-conversion: left their email with consent</li>" +
          "<li>2026-11-20 11:59 UTC <strong>·</strong>: Micro-conversion: added to cart</li>" +
          "<li>2026-11-20 11:59 UTC <strong>·</strong>: Micro-conversion: booked a demo</li>" +
          "<li>2026-11-20 11:59 UTC <strong>·</strong>: Asked for a person: nobody was available, so by email</li></ul>",
        hubspot_owner_id: GRACE,
      },
      associations: [
        { to: { id: ticket?.id }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 228 }] },
      ],
    });
    expect(sandbox.state.associations.filter((a) => a.fromType === "tickets" || a.fromType === "notes")).toEqual([
      { fromType: "tickets", fromId: ticket?.id, toType: "contacts", toId: lead.hubspotContactId, typeId: 16 },
      { fromType: "notes", fromId: expect.any(String), toType: "tickets", toId: ticket?.id, typeId: 228 },
    ]);
    expect(
      await prisma.routingAction.findFirstOrThrow({ where: { shopDomain: shop, kind: "create_ticket" } }),
    ).toMatchObject({ hubspotObjectId: ticket?.id, doneAt: expect.any(Date) });
    // The decision log says what was done, never what the shopper asked.
    const decisions = await prisma.routingDecision.findMany({ where: { shopDomain: shop, status: "matched" } });
    expect(decisions.map((decision) => decision.reason)).toEqual([
      expect.stringContaining("asked for a person (handoff) (handoff requested)"),
    ]);
    expect(JSON.stringify(decisions)).not.toContain("Norway");
  });

  it("GIVEN HubSpot created the ticket but the worker died before storing its id WHEN the job runs again THEN the ticket is found by its routing key and not created twice", async () => {
    const shop = await aRoutedShop(sandbox, aHandoffRuleSet());
    // The transcript note fails: the job stops after the ticket, and is retried.
    sandbox.inject({ status: 503, path: NOTES, times: 1_000 });
    await aHandedOffChat(shop, "kim@acme.io", "sess_handoff_kim_01");
    sandbox.clearFaults();
    expect(await prisma.job.findFirstOrThrow({ where: { shopDomain: shop, kind: LEAD_ACTIONS_JOB } })).toMatchObject({
      status: "queued",
      attempts: 1,
    });
    // What a worker killed between HubSpot's answer and its own write leaves behind.
    await prisma.routingAction.updateMany({
      where: { shopDomain: shop, kind: "create_ticket" },
      data: { hubspotObjectId: null },
    });

    vi.setSystemTime(new Date(NOW.getTime() + HOUR));
    await drainJobs();

    expect(createdTickets()).toHaveLength(1);
    expect(sandbox.requestsTo("POST", TICKETS).filter((request) => request.status === 409)).toEqual([]);
    expect(ticketsAndNotesOf(sandbox.state).tickets.size).toBe(1);
    // One transcript note on the ticket (the contact's chat summary note is another note, on the contact).
    expect(sandbox.state.associations.filter((a) => a.fromType === "notes" && a.toType === "tickets")).toHaveLength(1);
    expect(await prisma.job.findFirstOrThrow({ where: { shopDomain: shop, kind: LEAD_ACTIONS_JOB } })).toMatchObject({
      status: "done",
      attempts: 2,
    });
  });

  it("GIVEN a rule naming a stage the ticket pipeline does not have WHEN the ticket is sent THEN HubSpot's 400 parks the job with its reason and nothing is created", async () => {
    const shop = await aRoutedShop(sandbox, aHandoffRuleSet("99"));
    await aHandedOffChat(shop, "ann@acme.io", "sess_handoff_ann_01");

    const job = await prisma.job.findFirstOrThrow({ where: { shopDomain: shop, kind: LEAD_ACTIONS_JOB } });
    expect(job.status).toBe("parked");
    expect(job.lastError).toContain("validation: Property values were not valid");
    expect(job.lastError).toContain('\\"99\\" was not one of the allowed options: [1, 2, 3, 4]');
    expect(ticketsAndNotesOf(sandbox.state).tickets.size).toBe(0);
    expect(sandbox.requestsTo("POST", TICKETS).map((request) => request.status)).toEqual([400]);
    // Nothing is retried later either.
    vi.setSystemTime(new Date(NOW.getTime() + 10 * MINUTE));
    await drainJobs();
    expect(sandbox.requestsTo("POST", TICKETS)).toHaveLength(1);
  });
});
