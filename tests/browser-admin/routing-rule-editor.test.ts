/**
 * The routing rule editor without JSON, as a merchant uses it in Chromium (the built app behind
 * the admin harness, HubSpot's sandbox as the account): conditions built as rows (a fact, its
 * operator and value, a nested "any of" group, a negated row), actions as rows with the owner
 * picked from HubSpot's list, a live preview of who would match, the JSON view editing the same
 * rule, then saved and reopened. Then the version made live is applied to the existing leads:
 * queued as paced, deduplicated routing jobs, which route them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import prisma from "../../app/db.server";
import { connectWithStaticToken } from "../../app/sync/connection.server";
import { registerHubSpotJobs } from "../../app/sync/jobs.server";
import { enqueueRoutingOfExistingLeads, ROUTE_LEAD_JOB } from "../../app/sync/outbox.server";
import { drainJobs } from "../../app/platform/jobs/runner.server";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../sandbox/hubspot";
import { launchChromium, screenshotPath } from "../support/browser/chromium";
import { storeLead } from "../support/builders/routing-leads";
import { useTestEncryptionKey } from "../support/builders/lead-rows";
import { adminPage, startAdminHarness, type RunningHarness } from "../support/browser/admin-harness";
import { HOUR } from "../support/clock";

const STORE = "routing-editor";
const SHOP = `${STORE}.myshopify.com`;

/** What the rows below build: demo bookers with a business email or a score under 90, to Ada, lead status OPEN. */
const CONDITIONS = {
  all: [
    { fact: "micro_conversion", kind: "demo_booked" },
    { any: [{ fact: "email", is: "business" }, { not: { fact: "intent_score", op: "gte", value: 90 } }] },
  ],
};
const ACTIONS = [
  { type: "assign_owner", mode: "fixed", ownerId: "501" },
  { type: "set_lead_status", status: "OPEN" },
];

describe("the rule editor, in rows", () => {
  let sandbox: HubSpotSandbox;
  let harness: RunningHarness;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const leadIds: string[] = [];

  const open = (path: string) => page.goto(`${harness.origin}/__harness/open?path=${encodeURIComponent(path)}`);
  const condition = (place: string) => page.getByTestId(`condition-${place}`);
  const action = (place: number) => page.getByTestId(`action-${place}`);
  const routingJobs = () =>
    prisma.job.findMany({ where: { shopDomain: SHOP, kind: ROUTE_LEAD_JOB }, orderBy: { id: "asc" } });

  beforeAll(async () => {
    useTestEncryptionKey();
    sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, portalId: 8282 });
    process.env.HUBSPOT_API_BASE = sandbox.url;
    harness = await startAdminHarness(STORE);
    await prisma.shop.upsert({ where: { domain: SHOP }, create: { domain: SHOP, currency: "USD" }, update: {} });
    await connectWithStaticToken(SHOP, "pat-sandbox");
    // GIVEN three leads of the last hours: two booked a demo, one did not
    const now = Date.now();
    for (const [index, micros] of [
      [1, [{ kind: "demo_booked", at: new Date(now - HOUR) }]],
      [2, []],
      [3, [{ kind: "demo_booked", at: new Date(now - HOUR) }]],
    ] as const)
      leadIds.push((await storeLead(SHOP, index, [...micros], new Date(now - 2 * HOUR))).id);
    browser = await launchChromium();
    ({ page, errors } = await adminPage(browser, harness.origin));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    await sandbox?.close();
  });

  it("GIVEN a new rule WHEN built with rows THEN the preview names who would match, and the JSON view edits the same rule", async () => {
    await open("/app/routing/edit/new");
    await page.getByLabel("Rule name").fill("Demo bookers to Ada");
    await page.getByLabel("Rule id").fill("demo-to-ada");

    // WHEN the conditions are built as rows: a fact, then a group of two, the second negated
    await page.getByRole("button", { name: "Add condition", exact: true }).click();
    await condition("1").getByLabel("Fact", { exact: true }).selectOption("micro_conversion");
    await condition("1").getByLabel("Kind", { exact: true }).selectOption("demo_booked");
    await page.getByRole("button", { name: "Add group", exact: true }).click();
    await condition("2.1").getByLabel("Is", { exact: true }).selectOption("business");
    await page.getByRole("button", { name: "Add condition to group 2" }).click();
    await condition("2.2").getByLabel("Fact", { exact: true }).selectOption("intent_score");
    await condition("2.2").getByLabel("Operator", { exact: true }).selectOption("gte");
    await condition("2.2").getByLabel("Value", { exact: true }).fill("90");
    await condition("2.2").getByLabel("Not", { exact: true }).check();
    await page.getByLabel("Group 2 matches when").selectOption("any");
    // AND the actions as rows, the owner picked from HubSpot's owners by name
    await page.getByRole("button", { name: "Add action" }).click();
    await action(1).getByLabel("Mode", { exact: true }).selectOption("fixed");
    await action(1).getByLabel("Owner id", { exact: true }).selectOption({ label: "Ada Lovelace (501)" });
    await page.getByRole("button", { name: "Add action" }).click();
    await action(2).getByLabel("Action", { exact: true }).selectOption("set_lead_status");
    await action(2).getByLabel("Status", { exact: true }).selectOption("OPEN");

    // THEN the live preview says who would match, naming Ada with her id
    const preview = page.getByTestId("rule-preview");
    await preview.getByText("2 of the 3 leads of the last 30 days would match this rule.").waitFor();
    await preview.getByText("shopper1@example.com").waitFor();
    await preview.getByText("Ada Lovelace (501)", { exact: false }).first().waitFor();
    await page.screenshot({ path: screenshotPath("admin-routing-editor-rows"), fullPage: true });

    // WHEN switched to the JSON view THEN it holds what the rows built
    await page.getByRole("button", { name: "JSON (advanced)" }).click();
    const conditionsJson = page.getByLabel("Conditions (JSON)");
    const actionsJson = page.getByLabel("Actions (JSON)");
    expect(JSON.parse(await conditionsJson.inputValue())).toEqual(CONDITIONS);
    expect(JSON.parse(await actionsJson.inputValue())).toEqual(ACTIONS);
    // AND an edit there shows in the rows
    await actionsJson.fill(JSON.stringify([ACTIONS[0], { type: "set_lead_status", status: "IN_PROGRESS" }]));
    await page.getByRole("button", { name: "Rows" }).click();
    expect(await action(2).getByLabel("Status", { exact: true }).inputValue()).toBe("IN_PROGRESS");
    await action(2).getByLabel("Status", { exact: true }).selectOption("OPEN");
    // AND JSON that does not parse keeps the JSON view, saying why, and loses nothing
    await page.getByRole("button", { name: "JSON (advanced)" }).click();
    const typed = await conditionsJson.inputValue();
    await conditionsJson.fill(`${typed.slice(0, -1)}`);
    await page.getByRole("button", { name: "Rows" }).click();
    await page.getByText("The conditions are not valid JSON", { exact: false }).waitFor();
    expect(await conditionsJson.inputValue()).toBe(typed.slice(0, -1));
    await conditionsJson.fill(typed);
    await page.getByRole("button", { name: "Rows" }).click();
    await condition("2.2").waitFor();
    expect(await condition("2.2").getByLabel("Not", { exact: true }).isChecked()).toBe(true);
    expect(errors).toEqual([]);
  }, 90_000);

  it("GIVEN the rule built in rows WHEN saved and reopened THEN the rows and the JSON view show the same rule", async () => {
    await page.getByRole("button", { name: "Save as a new version" }).click();
    await page.waitForURL(/\/app\/routing\?saved=1/);
    await page.getByTestId("rule-demo-to-ada").waitFor();
    const stored = await prisma.routingRuleSet.findFirstOrThrow({ where: { shopDomain: SHOP, version: 1 } });
    expect(JSON.parse(stored.definition).rules).toMatchObject([
      { id: "demo-to-ada", name: "Demo bookers to Ada", conditions: CONDITIONS, actions: ACTIONS },
    ]);

    // WHEN reopened (a fresh page load)
    await open("/app/routing/edit/demo-to-ada");
    expect(await condition("1").getByLabel("Kind", { exact: true }).inputValue()).toBe("demo_booked");
    expect(await action(1).getByLabel("Owner id", { exact: true }).inputValue()).toBe("501");
    // THEN the JSON view shows the rule as stored (the schema's defaults written out: count 1, op gte, overwrite false)
    await page.getByRole("button", { name: "JSON (advanced)" }).click();
    const [rule] = JSON.parse(stored.definition).rules;
    const reopened = {
      conditions: JSON.parse(await page.getByLabel("Conditions (JSON)").inputValue()),
      actions: JSON.parse(await page.getByLabel("Actions (JSON)").inputValue()),
    };
    expect(reopened).toEqual({ conditions: rule.conditions, actions: rule.actions });
    expect(reopened).toMatchObject({ conditions: CONDITIONS, actions: ACTIONS });
    await page.screenshot({ path: screenshotPath("admin-routing-editor-json"), fullPage: true });
    expect(errors).toEqual([]);
  }, 60_000);

  it("GIVEN the version made live WHEN applied to the existing leads the dry run covered THEN they are queued once each and routed", async () => {
    await open("/app/routing");
    await page.getByRole("button", { name: "Make version 1 live" }).click();
    await page.getByText("Existing leads keep their routing until they change", { exact: false }).waitFor();
    expect(await prisma.routingDecision.count({ where: { shopDomain: SHOP } })).toBe(0);

    // WHEN the live version's dry run is applied to its leads
    await page.getByRole("button", { name: "Run version 1" }).click();
    await page.getByRole("button", { name: "Apply version 1 to these 3 leads" }).click();
    await page.getByText("Queued 3 existing leads for routing by version 1").waitFor();
    await page.screenshot({ path: screenshotPath("admin-routing-apply-existing"), fullPage: true });
    // THEN one routing job per lead waits; applying again adds none
    expect((await routingJobs()).map((job) => job.status)).toEqual(["queued", "queued", "queued"]);
    await page.getByRole("button", { name: "Run version 1" }).click();
    await page.getByRole("button", { name: "Apply version 1 to these 3 leads" }).click();
    await page.getByText("(3 were already waiting for routing)", { exact: false }).waitFor();
    expect(await routingJobs()).toHaveLength(3);

    // WHEN the worker runs THEN the two demo bookers go to Ada with lead status OPEN, the third matched nothing
    registerHubSpotJobs();
    await drainJobs();
    const leads = await prisma.lead.findMany({ where: { id: { in: leadIds } }, orderBy: { email: "asc" } });
    expect(leads.map((lead) => [lead.email, lead.hubspotOwnerId, lead.routedLeadStatus])).toEqual([
      ["shopper1@example.com", "501", "OPEN"],
      ["shopper2@example.com", null, null],
      ["shopper3@example.com", "501", "OPEN"],
    ]);
    const decisions = await prisma.routingDecision.findMany({
      where: { shopDomain: SHOP },
      orderBy: { leadId: "asc" },
    });
    expect(decisions.map((decision) => [decision.ruleSetVersion, decision.status]).sort()).toEqual([
      [1, "matched"],
      [1, "matched"],
      [1, "not_matched"],
    ]);
    expect(errors).toEqual([]);
  }, 90_000);

  it("GIVEN more leads than a window's pace WHEN queued THEN later windows start later, and a waiting lead is merged", async () => {
    const leads = await prisma.lead.findMany({ where: { shopDomain: SHOP }, orderBy: { email: "asc" } });
    const now = new Date(Date.now() + 60_000);
    const pace = { perWindow: 2, windowMs: 10_000 };
    const first = await enqueueRoutingOfExistingLeads(prisma, SHOP, leads, "opt_in", now, pace);
    expect(first).toMatchObject({ queued: 3, alreadyWaiting: 0, lastRunAt: new Date(now.getTime() + 10_000) });
    const waiting = (await routingJobs()).filter((job) => job.status === "queued");
    expect(waiting.map((job) => job.runAt.getTime() - now.getTime())).toEqual([0, 0, 10_000]);
    const again = await enqueueRoutingOfExistingLeads(prisma, SHOP, leads, "opt_in", now, pace);
    expect(again).toMatchObject({ queued: 3, alreadyWaiting: 3 });
    expect((await routingJobs()).filter((job) => job.status === "queued")).toHaveLength(3);
  });
});
