/**
 * The chat summary note on the contact: written once a short while after the contact sync (a chat's burst of
 * changes makes one write), with the exact text the sandbox received, then rewritten in place (PATCH) when the
 * conversation goes on — one note, never a second.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { drainJobs } from "../../../app/platform/jobs/runner.server";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../sandbox/hubspot";
import { ticketsAndNotesOf } from "../../../sandbox/hubspot/ticket-note-store";
import { anEvent } from "../../support/builders/events";
import { aQuestionAnswered } from "../../support/builders/handoff-rows";
import {
  aDemoChat,
  aDemoRuleSet,
  aRoutedShop,
  postChat,
  thawTheScene,
  useFrozenRoutingScene,
} from "../../support/builders/routing-scene";
import { MINUTE, NOW } from "../../support/clock";

const NOTES = "/crm/objects/2026-03/notes";
const SESSION = "sess_summary_eve_01";

let sandbox: HubSpotSandbox;
let shop: string;

beforeEach(async () => {
  useFrozenRoutingScene();
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000 });
  process.env.HUBSPOT_API_BASE = sandbox.url;
  shop = await aRoutedShop(sandbox, aDemoRuleSet());
});
afterEach(async () => {
  thawTheScene();
  await sandbox.close();
});
afterAll(() => prisma.$disconnect());

/** Past the note's coalescing delay, then the jobs run. */
async function later(minutes: number) {
  vi.setSystemTime(new Date(NOW.getTime() + minutes * MINUTE));
  await drainJobs();
}

const SUMMARY_HEAD = "<p><strong>ChatLift chat summary (1 conversation)</strong></p>";
const FLOWS = "<p><strong>Flows</strong></p><p>No flow started.</p>";
const QUALIFIERS = "<p><strong>Qualifier answers</strong></p><ul><li>team_size: 12</li></ul>";
const PAGES = "<p><strong>Pages and UTM</strong></p><ul><li>2026-11-20 11:59 UTC landed on /pages/pricing</li></ul>";
const CREDIT = "<p><strong>Credit</strong></p><p>No order credited to chat yet.</p>";

describe("the chat summary note on the contact", () => {
  it("GIVEN a lead synced to HubSpot WHEN the conversation goes on THEN its one note is created with the exact summary and then PATCHed, never duplicated", async () => {
    expect((await postChat(shop, aDemoChat("eve@acme.io", SESSION))).status).toBe(200);
    await drainJobs();
    // Coalescing: nothing yet right after the contact sync.
    expect(sandbox.requestsTo("POST", NOTES)).toEqual([]);
    await later(3);

    const lead = await prisma.lead.findFirstOrThrow({ where: { shopDomain: shop, email: "eve@acme.io" } });
    const [created] = sandbox.requestsTo("POST", NOTES);
    expect(created?.body).toEqual({
      properties: {
        hs_timestamp: lead.createdAt.toISOString(),
        hs_note_body:
          SUMMARY_HEAD +
          FLOWS +
          "<p><strong>Questions and answers</strong></p><p>No question typed.</p>" +
          QUALIFIERS +
          "<p><strong>Products</strong></p><ul><li>632910392</li></ul>" +
          PAGES +
          CREDIT,
        hubspot_owner_id: lead.hubspotOwnerId,
      },
      associations: [
        {
          to: { id: lead.hubspotContactId },
          types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 202 }],
        },
      ],
    });
    expect(created?.status).toBe(201);

    // The shopper asks a question and adds another product from chat.
    await aQuestionAnswered(shop, SESSION, new Date(NOW.getTime() + 4 * MINUTE));
    vi.setSystemTime(new Date(NOW.getTime() + 5 * MINUTE));
    const more = aDemoChat("eve@acme.io", SESSION);
    const added = anEvent("micro_conversion", {
      sessionId: SESSION,
      occurredAt: Date.now() - 1_000,
      kind: "add_to_cart",
      productId: "8001",
      value: 25,
      currency: "USD",
    });
    expect((await postChat(shop, { ...more, sentAt: Date.now(), events: [added] })).status).toBe(200);
    await drainJobs();
    await later(9);

    const noteId = (await prisma.routingAction.findFirstOrThrow({ where: { shopDomain: shop, kind: "chat_note" } }))
      .hubspotObjectId;
    expect(sandbox.requestsTo("POST", NOTES)).toHaveLength(1);
    const patches = sandbox.requestsTo("PATCH", `${NOTES}/${noteId}`);
    expect(patches.map((request) => request.status)).toEqual([200]);
    expect(patches[0]?.body).toEqual({
      properties: {
        hs_timestamp: lead.createdAt.toISOString(),
        hs_note_body:
          SUMMARY_HEAD +
          FLOWS +
          "<p><strong>Questions and answers</strong></p><ul><li>Q: Is the linen shirt &lt;b&gt;machine&lt;/b&gt; washable?<br>A: Yes, at 30 °C. (sources: Care guide)</li></ul>" +
          QUALIFIERS +
          "<p><strong>Products</strong></p><ul><li>632910392</li><li>8001</li></ul>" +
          PAGES +
          CREDIT,
        hubspot_owner_id: lead.hubspotOwnerId,
      },
    });
    const { notes } = ticketsAndNotesOf(sandbox.state);
    expect([...notes.keys()]).toEqual([noteId]);
    expect(sandbox.state.associations.filter((a) => a.fromType === "notes")).toHaveLength(1);
  });

  it("GIVEN the note was deleted in HubSpot WHEN the summary is written again THEN a new note is made and its id kept", async () => {
    expect((await postChat(shop, aDemoChat("joe@acme.io", "sess_summary_joe_01"))).status).toBe(200);
    await drainJobs();
    await later(3);
    const first = await prisma.routingAction.findFirstOrThrow({ where: { shopDomain: shop, kind: "chat_note" } });
    ticketsAndNotesOf(sandbox.state).notes.clear();

    vi.setSystemTime(new Date(NOW.getTime() + 5 * MINUTE));
    const again = aDemoChat("joe@acme.io", "sess_summary_joe_01");
    expect((await postChat(shop, { ...again, sentAt: Date.now() })).status).toBe(200);
    await drainJobs();
    await later(9);

    expect(sandbox.requestsTo("PATCH", `${NOTES}/${first.hubspotObjectId}`).map((request) => request.status)).toEqual([
      404,
    ]);
    const second = await prisma.routingAction.findFirstOrThrow({ where: { shopDomain: shop, kind: "chat_note" } });
    expect(second.hubspotObjectId).not.toBe(first.hubspotObjectId);
    expect([...ticketsAndNotesOf(sandbox.state).notes.keys()]).toEqual([second.hubspotObjectId]);
  });
});
