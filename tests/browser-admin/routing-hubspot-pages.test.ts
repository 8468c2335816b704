/**
 * The HubSpot, routing rules and settings pages in a real browser, outside Shopify admin: the
 * built app behind the admin harness, HubSpot's sandbox (started here, reached by the harness
 * over HTTP) standing in for HubSpot. Connect, write a rule with a mistake and fix it, reorder,
 * disable, dry run, a lead's decision log, retry of a parked job, data and appearance settings.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import prisma from "../../app/db.server";
import { CONTACT_JOB } from "../../app/sync/outbox.server";
import { evaluateLead } from "../../app/routing/decisions.server";
import { activateRuleSet } from "../../app/routing/rule-sets.server";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../sandbox/hubspot";
import { launchChromium, screenshotPath } from "../support/browser/chromium";
import { aRuleSet, storeLead } from "../support/builders/routing-leads";
import { useTestEncryptionKey } from "../support/builders/lead-rows";
import { adminPage, DESKTOP_CHROME, startAdminHarness, type RunningHarness } from "../support/browser/admin-harness";
import { HOUR } from "../support/clock";

const STORE = "routing-harbor";
const SHOP = `${STORE}.myshopify.com`;

describe("routing, HubSpot and settings pages in a browser", () => {
  let sandbox: HubSpotSandbox;
  let harness: RunningHarness;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  const open = async (path: string) => {
    await page.goto(`${harness.origin}/__harness/open?path=${encodeURIComponent(path)}`);
  };

  beforeAll(async () => {
    // The harness is a child process: it inherits these, so its app talks to this sandbox.
    useTestEncryptionKey();
    sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, portalId: 8080 });
    process.env.HUBSPOT_API_BASE = sandbox.url;
    process.env.HUBSPOT_AUTHORIZE_URL = `${sandbox.url}/oauth/authorize`;
    process.env.HUBSPOT_CLIENT_ID = "sandbox-client-id";
    process.env.HUBSPOT_CLIENT_SECRET = "sandbox-client-secret";
    harness = await startAdminHarness(STORE);
    browser = await launchChromium();
    ({ page, errors } = await adminPage(browser, harness.origin));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    await sandbox?.close();
  });

  it("connects HubSpot with a private app token", async () => {
    await page.locator("ui-nav-menu").getByRole("link", { name: "HubSpot" }).click();
    await page.waitForURL(/\/app\/hubspot/);
    await page.getByRole("heading", { name: "Connect HubSpot" }).waitFor();
    await page.screenshot({ path: screenshotPath("admin-hubspot-connect"), fullPage: true });

    await page.getByLabel("Private app token or service key").fill("pat-wrong");
    await page.getByRole("button", { name: "Connect with token" }).click();
    await page.getByText(/^HubSpot refused the token \(401\)/).waitFor();

    await page.getByLabel("Private app token or service key").fill("pat-sandbox");
    await page.getByRole("button", { name: "Connect with token" }).click();
    await page.getByRole("heading", { name: "Connected to HubSpot account 8080" }).first().waitFor();
    await page.getByText("Mode: private app token or service key", { exact: false }).waitFor();
    expect(sandbox.requestsTo("POST", "/crm/properties/2026-03/contacts/batch/create").length).toBeGreaterThan(0);
    expect((await prisma.hubSpotConnection.findUniqueOrThrow({ where: { shopDomain: SHOP } })).portalId).toBe(8080);
    await page.screenshot({ path: screenshotPath("admin-hubspot-connected"), fullPage: true });
  }, 60_000);

  it("creates a rule from a template, shows the mistake beside its field, then saves the fix", async () => {
    await page.locator("ui-nav-menu").getByRole("link", { name: "Routing rules" }).click();
    await page.waitForURL(/\/app\/routing/);
    await page.getByText("No rules yet.", { exact: false }).waitFor();

    await page.getByRole("link", { name: /Use template: Pricing page/ }).click();
    await page.waitForURL(/\/app\/routing\/edit\/new\?template=pricing-team-mql/);
    await page.getByRole("button", { name: "Save as a new version" }).click();
    await page.getByText("action 2, ownerIds: must have at least 1 item", { exact: true }).waitFor();
    await page.getByText("Not saved: fix the fields marked below").waitFor();
    await page.screenshot({ path: screenshotPath("admin-routing-rule-error"), fullPage: true });
    expect(await prisma.routingRuleSet.count({ where: { shopDomain: SHOP } })).toBe(0);

    // The JSON view (advanced) edits the same rule as the rows.
    await page.getByRole("button", { name: "JSON (advanced)" }).click();
    const actions = page.getByLabel("Actions (JSON)");
    await actions.fill(
      JSON.stringify(
        [
          { type: "set_lifecycle_stage", stage: "marketingqualifiedlead" },
          { type: "assign_owner", mode: "round_robin", ownerIds: ["501", "999"] },
        ],
        null,
        2,
      ),
    );
    await page.getByRole("button", { name: "Save as a new version" }).click();
    await page.waitForURL(/\/app\/routing\?saved=1/);
    await page.getByTestId("rule-pricing-team-mql").waitFor();
    // Owner 999 is not in the HubSpot account: the row says so.
    await page.getByText("owner 999 does not exist in HubSpot").waitFor();
    await page.getByText("Needs attention: 1").waitFor();
    await page.screenshot({ path: screenshotPath("admin-routing-rules-flagged"), fullPage: true });
  }, 60_000);

  it("adds a second rule, moves it first, disables and re-enables it, and makes the version live", async () => {
    await page.getByRole("link", { name: /Use template: Demo booked/ }).click();
    await page.waitForURL(/template=demo-deal/);
    await page.getByRole("button", { name: "Save as a new version" }).click();
    await page.waitForURL(/\/app\/routing\?saved=2/);

    await page.getByRole("button", { name: /^Up: move Email captured \+ demo booked/ }).click();
    await page.getByText("Saved as version 3").waitFor();
    // The banner comes with the action's answer; the list follows once the page's data is reloaded.
    const order = () =>
      page.locator('[data-testid^="rule-"]').evaluateAll((rows) => rows.map((row) => row.getAttribute("data-testid")));
    await expect.poll(order, { timeout: 15_000 }).toEqual(["rule-demo-deal", "rule-pricing-team-mql"]);

    await page.getByRole("button", { name: /^Disable Email captured/ }).click();
    await page.getByText("Saved as version 4").waitFor();
    await page.getByTestId("rule-demo-deal").getByText("Disabled", { exact: true }).waitFor();
    await page.getByRole("button", { name: /^Enable Email captured/ }).click();
    await page.getByText("Saved as version 5").waitFor();

    await page.getByRole("button", { name: "Make version 5 live" }).click();
    await page.getByText("Version 5 is live: new leads are routed by it").waitFor();
    expect((await prisma.routingRuleSet.findFirstOrThrow({ where: { shopDomain: SHOP, active: true } })).version).toBe(
      5,
    );
    await page.screenshot({ path: screenshotPath("admin-routing-rules"), fullPage: true });
  }, 60_000);

  it("dry-runs the rules over recent leads without sending anything, then shows a routed lead's decision log", async () => {
    const now = Date.now();
    const demo = await storeLead(
      SHOP,
      1,
      [
        { kind: "email_capture", at: new Date(now - 2 * HOUR) },
        { kind: "demo_booked", at: new Date(now - HOUR) },
      ],
      new Date(now - 2 * HOUR),
    );
    const other = await storeLead(SHOP, 2, [], new Date(now - 3 * HOUR));
    const hubspotCalls = sandbox.requests.length;

    await page.getByRole("button", { name: "Run version 5" }).click();
    await page.getByTestId("dry-run-summary").waitFor();
    expect(await page.getByTestId("dry-run-summary").textContent()).toBe(
      "Version 5 over the last 30 days: 2 leads, 1 routed, 1 matched no rule, 1 qualified. Nothing was sent to HubSpot.",
    );
    await page.getByText("1 would match").first().waitFor();
    await page.getByRole("link", { name: "shopper1@example.com" }).first().waitFor();
    await page.screenshot({ path: screenshotPath("admin-routing-dry-run"), fullPage: true });
    expect(sandbox.requests.slice(hubspotCalls).filter((request) => request.method !== "GET")).toEqual([]);
    expect(await prisma.routingDecision.count({ where: { shopDomain: SHOP } })).toBe(0);

    // WHEN the version is live and both leads are routed for real
    await activateRuleSet(SHOP, 5);
    await evaluateLead(SHOP, demo.id);
    await evaluateLead(SHOP, other.id);

    // THEN the log of the lead who booked a demo shows the rule, version, conditions and actions
    await open("/app/routing/decisions");
    await page.getByRole("link", { name: "shopper1@example.com" }).click();
    await page.getByRole("heading", { name: /^shopper1@example.com · intent score \d+ · qualified/ }).waitFor();
    await page.getByText("rule demo-deal, version 5", { exact: false }).waitFor();
    await page.getByText("Matched", { exact: true }).waitFor();
    await page.getByText("✓ booked a demo at least 1 time — found: 1 time").waitFor();
    await page.getByText(/^create a deal in pipeline default, stage appointmentscheduled/).waitFor();
    await page.getByText("Not reached (an earlier rule stopped)").waitFor();
    await page.screenshot({ path: screenshotPath("admin-routing-decision-log"), fullPage: true });
  }, 60_000);

  it("retries a parked HubSpot job from sync health", async () => {
    const parked = await prisma.job.create({
      data: {
        kind: CONTACT_JOB,
        shopDomain: SHOP,
        payload: JSON.stringify({ shopDomain: SHOP, leadId: "lead-x" }),
        status: "parked",
        attempts: 8,
        lastError: "validation: Property values were not valid: shopper@@example is invalid",
      },
    });
    await open("/app/hubspot");
    await page.getByTestId("health-parked").waitFor();
    expect(await page.getByTestId("health-parked").textContent()).toBe("1");
    await page.getByText("validation: Property values were not valid: shopper@@example is invalid").waitFor();
    await page.screenshot({ path: screenshotPath("admin-hubspot-health"), fullPage: true });

    await page.getByRole("button", { name: `Retry job ${parked.id}` }).click();
    await page.getByText("1 parked job queued again").waitFor();
    expect((await prisma.job.findUniqueOrThrow({ where: { id: parked.id } })).status).toBe("queued");
    await expect.poll(() => page.getByTestId("health-parked").textContent(), { timeout: 15_000 }).toBe("0");
  }, 60_000);

  it("refuses a bad retention and time zone beside their fields, then saves them and the launcher's appearance", async () => {
    await open("/app/settings");
    await page.getByLabel("Keep storefront data for").fill("30");
    await page.getByLabel("Shop time zone").fill("Mars/Olympus");
    await page.getByRole("button", { name: "Save data settings" }).click();
    await page.getByText("At least 60 days", { exact: false }).waitFor();
    await page.getByText("Enter an IANA time zone such as Europe/Berlin or America/New_York").waitFor();
    await page.screenshot({ path: screenshotPath("admin-settings-data-error"), fullPage: true });

    await page.getByLabel("Keep storefront data for").fill("180");
    await page.getByLabel("Shop time zone").fill("Europe/Berlin");
    await page.getByRole("button", { name: "Save data settings" }).click();
    await page.getByText("Data settings saved").waitFor();

    await page.getByLabel("Accent colour").fill("#0b5fff");
    await page.getByLabel("Launcher position").selectOption("left");
    await page.getByLabel("Label (German)").fill("Frag uns");
    await page.getByRole("button", { name: "Save appearance" }).click();
    await page.getByText("Appearance saved", { exact: false }).waitFor();
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    expect({
      retentionDays: shop.retentionDays,
      timeZone: shop.timeZone,
      appearance: JSON.parse(shop.widgetAppearance ?? "null"),
    }).toEqual({
      retentionDays: 180,
      timeZone: "Europe/Berlin",
      appearance: { accentColor: "#0b5fff", position: "left", launcherLabels: { de: "Frag uns" }, csat: "thumbs" },
    });
    await page.screenshot({ path: screenshotPath("admin-settings-data-appearance"), fullPage: true });
    expect(errors).toEqual([]);
  }, 60_000);

  it("answers the routing API's refusals over HTTP with their own statuses (400, 422, 409, 404), not 200", async () => {
    // Through the built app's request handler, as a caller meets it: a status right in action() can be lost on the wire.
    const token = await (await fetch(`${harness.origin}/__harness/token`)).text();
    const call = async (path: string, body?: unknown) => {
      const response = await fetch(`${harness.origin}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "User-Agent": DESKTOP_CHROME },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const listed = await call("/app/routing/rules");
    const latest = Math.max(...(listed.body.versions as { version: number }[]).map((v) => v.version));

    const unknownIntent = await call("/app/routing/rules", { intent: "publish" });
    const invalid = await call("/app/routing/rules", {
      intent: "save",
      baseVersion: latest,
      ruleSet: { rules: "all" },
    });
    const stale = await call("/app/routing/rules", { intent: "save", baseVersion: latest - 1, ruleSet: aRuleSet() });
    const missing = await call("/app/routing/rules", { intent: "activate", version: latest + 100 });
    const badDays = await call("/app/routing/dry-run", { days: 0 });
    const dryRun = await call("/app/routing/dry-run", { days: 7 });

    expect(listed.status).toBe(200);
    expect(unknownIntent).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ path: "intent" })] },
    });
    expect(invalid).toMatchObject({ status: 422, body: { errors: expect.any(Array) } });
    expect(stale).toMatchObject({ status: 409, body: { latestVersion: latest } });
    expect(missing).toMatchObject({ status: 404, body: { errors: [expect.objectContaining({ path: "version" })] } });
    expect(badDays).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ path: "days" })] } });
    expect(dryRun).toMatchObject({ status: 200, body: { ruleSetVersion: expect.any(Number) } });
  }, 60_000);

  it("disconnects, then connects again through HubSpot's OAuth consent", async () => {
    await open("/app/hubspot");
    await page.getByRole("button", { name: "Disconnect" }).click();
    await page.getByRole("heading", { name: "Connect HubSpot" }).waitFor();
    expect(await prisma.hubSpotConnection.findUnique({ where: { shopDomain: SHOP } })).toBeNull();

    await page.getByRole("button", { name: "Connect with HubSpot" }).click();
    await page.getByText("Continue in HubSpot").waitFor();
    // HubSpot (the sandbox) approves at once and sends the browser to the app's OAuth callback,
    // which connects the shop and sends the merchant back into Shopify admin (not reachable here).
    await page.getByRole("link", { name: "Open HubSpot" }).click();
    await expect
      .poll(async () => (await prisma.hubSpotConnection.findUnique({ where: { shopDomain: SHOP } }))?.mode, {
        timeout: 20_000,
      })
      .toBe("oauth");

    await open("/app/hubspot");
    await page.getByText("Mode: OAuth app.", { exact: false }).waitFor();
    await page.screenshot({ path: screenshotPath("admin-hubspot-oauth-connected"), fullPage: true });
  }, 60_000);
});
