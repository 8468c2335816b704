/**
 * What a merchant meets when a rule is saved, previewed or added twice, through the built app
 * behind the admin harness (real HTTP, a real browser for the pages) with HubSpot's sandbox as the
 * account: a rule naming an owner or pipeline HubSpot does not have is warned about when saved,
 * before it is live; the dry run names owners by their HubSpot names and fills `{{email}}` as the
 * real routing does; "use template" a second time says the rule exists and adds a distinct one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import prisma from "../../app/db.server";
import { connectWithStaticToken } from "../../app/sync/connection.server";
import { evaluateLead } from "../../app/routing/decisions.server";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../sandbox/hubspot";
import { launchChromium, screenshotPath } from "../support/browser/chromium";
import { storeLead } from "../support/builders/routing-leads";
import { useTestEncryptionKey } from "../support/builders/lead-rows";
import { adminPage, DESKTOP_CHROME, startAdminHarness, type RunningHarness } from "../support/browser/admin-harness";
import { HOUR } from "../support/clock";

const STORE = "routing-checks";
const SHOP = `${STORE}.myshopify.com`;
/** The sandbox account's owners: 501 Ada Lovelace, 502 Grace Hopper. */
const ADA = "501";

/** A rule that names an owner and a pipeline the account does not have. */
const aRuleNamingStrangers = () => ({
  id: "demo-call",
  name: "Demo booked → call",
  conditions: { fact: "micro_conversion", kind: "demo_booked" },
  actions: [
    { type: "assign_owner", mode: "fixed", ownerId: "999" },
    { type: "create_deal", pipelineId: "enterprise", stageId: "appointmentscheduled", name: "Demo: {{email}}" },
  ],
});

/** The same rule, naming Ada and the default pipeline, with a task that names the lead by email. */
const aRuleNamingAda = () => ({
  ...aRuleNamingStrangers(),
  actions: [
    { type: "assign_owner", mode: "fixed", ownerId: ADA },
    { type: "create_task", subject: "Call {{email}} about the demo", dueInHours: 4 },
  ],
});

describe("routing rules checked on save, previewed with names, templates used twice", () => {
  let sandbox: HubSpotSandbox;
  let harness: RunningHarness;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let token: string;

  const open = (path: string) => page.goto(`${harness.origin}/__harness/open?path=${encodeURIComponent(path)}`);
  const call = async (path: string, body?: unknown) => {
    const response = await fetch(`${harness.origin}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "User-Agent": DESKTOP_CHROME },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const latestVersion = async () =>
    (await prisma.routingRuleSet.findFirst({ where: { shopDomain: SHOP }, orderBy: { version: "desc" } }))?.version ??
    0;

  beforeAll(async () => {
    useTestEncryptionKey();
    sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, portalId: 8181 });
    process.env.HUBSPOT_API_BASE = sandbox.url;
    process.env.HUBSPOT_CLIENT_ID = "sandbox-client-id";
    process.env.HUBSPOT_CLIENT_SECRET = "sandbox-client-secret";
    harness = await startAdminHarness(STORE);
    await prisma.shop.upsert({ where: { domain: SHOP }, create: { domain: SHOP, currency: "USD" }, update: {} });
    await connectWithStaticToken(SHOP, "pat-sandbox");
    token = await (await fetch(`${harness.origin}/__harness/token`)).text();
    browser = await launchChromium();
    ({ page, errors } = await adminPage(browser, harness.origin));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    await sandbox?.close();
  });

  it("GIVEN a rule naming owner 999 and pipeline enterprise WHEN saved THEN the answer warns beside the rule, before it is live", async () => {
    // WHEN saved through the routing API
    const saved = await call("/app/routing/rules", {
      intent: "save",
      baseVersion: await latestVersion(),
      ruleSet: { version: 1, rules: [aRuleNamingStrangers()] },
    });
    // THEN it is saved, not live, and each stranger is named with the rule and field
    expect(saved).toMatchObject({ status: 200, body: { version: 1, notChecked: [] } });
    expect(saved.body.warnings).toEqual([
      {
        ruleId: "demo-call",
        ruleName: "Demo booked → call",
        path: "rules[0].actions[0].ownerId",
        message: "owner 999 does not exist in HubSpot",
      },
      {
        ruleId: "demo-call",
        ruleName: "Demo booked → call",
        path: "rules[0].actions[1].pipelineId",
        message: "deal pipeline enterprise does not exist in HubSpot",
      },
    ]);
    expect(await prisma.routingRuleSet.count({ where: { shopDomain: SHOP, active: true } })).toBe(0);

    // AND the rules page says so beside the rule and above "make it live"
    await open("/app/routing");
    await page.getByText("owner 999 does not exist in HubSpot").waitFor();
    await page
      .getByText("Before making version 1 live: 1 of its rules name owners, pipelines or stages HubSpot does not have")
      .waitFor();
    await page.screenshot({ path: screenshotPath("admin-routing-save-warnings"), fullPage: true });

    // WHEN it is made live anyway THEN the answer still names the problems
    const activated = await call("/app/routing/rules", { intent: "activate", version: 1 });
    expect(activated).toMatchObject({ status: 200, body: { activeVersion: 1 } });
    expect((activated.body.warnings as Array<{ message: string }>).map((warning) => warning.message)).toEqual([
      "owner 999 does not exist in HubSpot",
      "deal pipeline enterprise does not exist in HubSpot",
    ]);
  }, 60_000);

  it("GIVEN a fixed rule WHEN saved THEN no warning comes back", async () => {
    const saved = await call("/app/routing/rules", {
      intent: "save",
      baseVersion: await latestVersion(),
      ruleSet: { version: 1, rules: [aRuleNamingAda()] },
    });
    expect(saved).toMatchObject({ status: 200, body: { warnings: [], notChecked: [] } });
  }, 30_000);

  it("GIVEN a lead who booked a demo WHEN the rules are dry-run THEN the reasons name Ada and fill the lead's email", async () => {
    // GIVEN the rule naming Ada is live, and a lead who booked a demo
    const version = await latestVersion();
    expect((await call("/app/routing/rules", { intent: "activate", version })).status).toBe(200);
    const now = Date.now();
    await storeLead(SHOP, 1, [{ kind: "demo_booked", at: new Date(now - HOUR) }], new Date(now - 2 * HOUR));
    // WHEN dry-run through the API
    const preview = await call("/app/routing/dry-run", { days: 7 });
    // THEN the sample's reason reads as HubSpot will receive it: Ada by name, the task with the email filled
    expect(preview.status).toBe(200);
    const [rule] = (preview.body.report as { rules: Array<{ samples: Array<{ reason: string }> }> }).rules;
    const reason = rule?.samples[0]?.reason ?? "";
    expect(reason).toContain("assign Ada Lovelace (501)");
    expect(reason).toContain('create a task "Call shopper1@example.com about the demo"');
    expect(reason).not.toContain("{{");
    expect(reason).not.toContain("owner 501");

    // AND the rules page's dry run shows the same
    await open("/app/routing");
    await page.getByRole("button", { name: `Run version ${version}` }).click();
    await page.getByTestId("dry-run-summary").waitFor();
    await page
      .getByText('create a task "Call shopper1@example.com about the demo"', { exact: false })
      .first()
      .waitFor();
    await page.getByText("Ada Lovelace", { exact: false }).first().waitFor();
    await page.screenshot({ path: screenshotPath("admin-routing-dry-run-names"), fullPage: true });
  }, 60_000);

  it("GIVEN the lead routed for real WHEN its decision log is opened THEN the reasons name Ada, with her id", async () => {
    // GIVEN the lead routed by the worker's routing, which stores reasons naming owners by id
    const lead = await prisma.lead.findFirstOrThrow({ where: { shopDomain: SHOP, email: "shopper1@example.com" } });
    expect((await evaluateLead(SHOP, lead.id)).kind).toBe("routed");
    const stored = await prisma.routingDecision.findFirstOrThrow({
      where: { shopDomain: SHOP, leadId: lead.id, status: "matched" },
    });
    expect(stored.reason).toContain("→ owner 501");
    // WHEN the decision log is opened THEN the reason and the actions name her as HubSpot does, with the id
    await open(`/app/routing/decisions?lead=${encodeURIComponent(lead.id)}`);
    await page
      .getByText("assign Ada Lovelace (501) (unless the contact has one) → Ada Lovelace (501)")
      .first()
      .waitFor();
    expect(await page.locator("body").innerText()).not.toMatch(/owner 501\b/);
    await page.screenshot({ path: screenshotPath("admin-routing-decision-log-names"), fullPage: true });
  }, 60_000);

  it("GIVEN a template already used WHEN used again THEN the page says the rule exists and saving adds a distinct one", async () => {
    // GIVEN the demo template saved once
    await open("/app/routing/edit/new?template=demo-deal");
    await page.getByRole("button", { name: "Save as a new version" }).click();
    await page.waitForURL(/\/app\/routing\?saved=\d+/);
    await page.getByTestId("rule-demo-deal").waitFor();

    // WHEN "use template" again
    await open("/app/routing/edit/new?template=demo-deal");
    // THEN it says the rule is already there, and the new one has its own id and name
    await page
      .getByText("This template is already in your rules as “Email captured + demo booked → deal and task”")
      .waitFor();
    await page
      .getByText(
        "Saving adds a second rule, “Email captured + demo booked → deal and task (2)” (demo-deal-2), beside it.",
      )
      .waitFor();
    expect(await page.getByLabel("Rule name").inputValue()).toBe("Email captured + demo booked → deal and task (2)");
    expect(await page.getByLabel("Rule id").inputValue()).toBe("demo-deal-2");
    await page.screenshot({ path: screenshotPath("admin-routing-template-twice"), fullPage: true });

    // AND saved, the list tells the two apart
    await page.getByRole("button", { name: "Save as a new version" }).click();
    await page.waitForURL(/\/app\/routing\?saved=\d+/);
    await page.getByTestId("rule-demo-deal-2").waitFor();
    const stored = await prisma.routingRuleSet.findFirstOrThrow({
      where: { shopDomain: SHOP },
      orderBy: { version: "desc" },
    });
    const names = (JSON.parse(stored.definition) as { rules: Array<{ id: string; name: string }> }).rules.map(
      (rule) => `${rule.id}: ${rule.name}`,
    );
    expect(names).toEqual([
      "demo-call: Demo booked → call",
      "demo-deal: Email captured + demo booked → deal and task",
      "demo-deal-2: Email captured + demo booked → deal and task (2)",
    ]);
    expect(errors).toEqual([]);
  }, 60_000);
});
