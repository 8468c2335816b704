/**
 * A rule that names an owner HubSpot does not have parks the contact's sync with HubSpot's words.
 * The merchant fixes the rule and presses "retry" on the HubSpot page: the lead must be routed
 * again with the live rules, so the fixed owner reaches HubSpot, not the refused one replayed.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import prisma from "../../../app/db.server";
import { CHAT_NOTE_JOB, CONTACT_JOB, ROUTE_LEAD_JOB } from "../../../app/sync/outbox.server";
import { drainJobs } from "../../../app/platform/jobs/runner.server";
import { activateRuleSet, saveRuleSet } from "../../../app/routing/rule-sets.server";
import type { RuleSetInput } from "../../../app/routing";
import { action } from "../../../app/routes/app.hubspot";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../sandbox/hubspot";
import {
  ADA,
  aDemoChat,
  aRoutedShop,
  postChat,
  thawTheScene,
  useFrozenRoutingScene,
} from "../../support/builders/routing-scene";
import { formPost } from "../../support/http/signed-requests";
import { routeArgs, unwrap } from "../../support/http/responses";
import { NOW } from "../../support/clock";

const UPSERT = "/crm/objects/2026-03/contacts/batch/upsert";
const UNKNOWN_OWNER = "999";
let sandbox: HubSpotSandbox;

/** "Booked a demo → owner …": one rule, one fixed owner (kept if the contact has one, the default). */
function demoBookersTo(ownerId: string): RuleSetInput {
  return {
    version: 1,
    scoring: { weights: { demo_booked: 40 }, halfLifeDays: 14, qualifiedThreshold: 50 },
    rules: [
      {
        id: "demo-owner",
        name: "Demo bookers to their rep",
        conditions: { all: [{ fact: "micro_conversion", kind: "demo_booked" }] },
        actions: [{ type: "assign_owner", mode: "fixed", ownerId }],
        then: "stop",
      },
    ],
  };
}

const storeOf = (shopDomain: string) => shopDomain.replace(/\.myshopify\.com$/, "");

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

describe("retrying a contact parked by a rule's owner", () => {
  it("GIVEN a rule assigned owner 999 and the contact parked WHEN the merchant fixes the rule and retries THEN the lead is routed again and the contact reaches HubSpot with the fixed owner", async () => {
    const shop = await aRoutedShop(sandbox, demoBookersTo(UNKNOWN_OWNER));
    expect((await postChat(shop, aDemoChat("lin@acme.io", "sess_owner_lin_01"))).status).toBe(200);
    await drainJobs();

    const parked = await prisma.job.findFirstOrThrow({ where: { shopDomain: shop, kind: CONTACT_JOB } });
    expect(parked.status).toBe("parked");
    expect(parked.lastError).toContain(`${UNKNOWN_OWNER} is not a valid owner id`);
    expect(sandbox.state.contacts.size).toBe(0);

    // The merchant fixes the rule: a new live version with an owner HubSpot has.
    expect(await saveRuleSet(shop, demoBookersTo(ADA), 1)).toEqual({ kind: "saved", version: 2 });
    expect(await activateRuleSet(shop, 2, NOW)).toBe(true);

    const retried = unwrap(await action(routeArgs(await formPost(storeOf(shop), "/app/hubspot", { intent: "retry" }))));
    expect(retried).toEqual({ status: 200, body: { kind: "retried", count: 1 } });
    // Routed again first, through the outbox: the contact sync follows with what the rules chose now.
    expect(await prisma.job.findUniqueOrThrow({ where: { id: parked.id } })).toMatchObject({
      kind: ROUTE_LEAD_JOB,
      status: "queued",
      attempts: 0,
    });

    await drainJobs();

    const lead = await prisma.lead.findUniqueOrThrow({
      where: { shopDomain_email: { shopDomain: shop, email: "lin@acme.io" } },
    });
    expect(lead.hubspotOwnerId).toBe(ADA);
    const decisions = await prisma.routingDecision.findMany({
      where: { shopDomain: shop, leadId: lead.id, status: "matched" },
      orderBy: { id: "asc" },
      select: { ruleSetVersion: true },
    });
    expect(decisions.map((decision) => decision.ruleSetVersion)).toEqual([1, 2]);
    const accepted = sandbox.requestsTo("POST", UPSERT).filter((request) => request.status === 200);
    expect(accepted).toHaveLength(1);
    const [input] = (accepted[0]?.body as { inputs: Array<{ id: string; properties: Record<string, string> }> }).inputs;
    expect(input?.id).toBe("lin@acme.io");
    expect(input?.properties.hubspot_owner_id).toBe(ADA);
    const [contact] = [...sandbox.state.contacts.values()];
    expect(contact?.properties.hubspot_owner_id).toBe(ADA);
    expect(lead.hubspotContactId).toBe(contact?.id);
    expect(
      // The chat summary note waits its coalescing delay (CHAT_NOTE_DELAY_MS): nothing stuck.
      await prisma.job.count({
        where: { shopDomain: shop, kind: { not: CHAT_NOTE_JOB }, status: { in: ["parked", "queued", "running"] } },
      }),
    ).toBe(0);
  });

  it("GIVEN the rule was not fixed WHEN the merchant retries THEN the contact parks again with HubSpot's words and nothing reaches HubSpot", async () => {
    const shop = await aRoutedShop(sandbox, demoBookersTo(UNKNOWN_OWNER));
    expect((await postChat(shop, aDemoChat("kim@acme.io", "sess_owner_kim_01"))).status).toBe(200);
    await drainJobs();

    const retried = unwrap(await action(routeArgs(await formPost(storeOf(shop), "/app/hubspot", { intent: "retry" }))));
    expect(retried).toEqual({ status: 200, body: { kind: "retried", count: 1 } });
    await drainJobs();

    const jobs = await prisma.job.findMany({ where: { shopDomain: shop, status: "parked" } });
    expect(jobs.map((job) => [job.kind, job.lastError?.includes(`${UNKNOWN_OWNER} is not a valid owner id`)])).toEqual([
      [CONTACT_JOB, true],
    ]);
    expect(sandbox.state.contacts.size).toBe(0);
  });
});
