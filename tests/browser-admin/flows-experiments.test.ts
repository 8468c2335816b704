/**
 * Flows and experiments in a real browser, outside Shopify admin: the built app behind the
 * admin harness, publishing through its Admin API stand-in (GET /__harness/admin-api shows what
 * reached it). Creates a flow from a template, watches the live preview (the real widget) follow
 * an edit, publishes, rolls back, and starts an experiment.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import prisma from "../../app/db.server";
import { widgetConfigSchema, type WidgetConfig } from "../../contract/widget-config";
import { refreshShopRollups } from "../../app/analytics/rollups/refresh.server";
import { aVariantSession } from "../support/builders/flows";
import { launchChromium, screenshotPath } from "../support/browser/chromium";
import { adminPage, startAdminHarness, type RunningHarness } from "../support/browser/admin-harness";

const STORE = "harbor-supply";
const SHOP = `${STORE}.myshopify.com`;

interface AdminApiLog {
  received: { operationName: string | null }[];
  metafields: { namespace: string; key: string; value: string }[];
}

describe("flows and experiments in a browser", () => {
  let harness: RunningHarness;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  /** What the storefront would render now: the widget config metafield at the Admin API stand-in. */
  async function published(): Promise<{ log: AdminApiLog; config: WidgetConfig | null }> {
    const log = (await (await fetch(`${harness.origin}/__harness/admin-api`)).json()) as AdminApiLog;
    const metafield = log.metafields.find((entry) => entry.namespace === "chatlift" && entry.key === "widget_config");
    return { log, config: metafield ? widgetConfigSchema.parse(JSON.parse(metafield.value)) : null };
  }

  beforeAll(async () => {
    harness = await startAdminHarness(STORE);
    browser = await launchChromium();
    ({ page, errors } = await adminPage(browser, harness.origin));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it("creates a flow from a template, previews an edit with the real widget, and publishes it", async () => {
    // GIVEN no flows yet
    await page.locator("ui-nav-menu").getByRole("link", { name: "Flows" }).click();
    await page.waitForURL(/\/app\/flows/);
    await page.getByText("No flows yet").waitFor();
    await page.screenshot({ path: screenshotPath("admin-flows-empty"), fullPage: true });

    // WHEN the merchant starts from the coupon template
    await page.getByRole("button", { name: "Use the Coupon offer template" }).click();
    await page.waitForURL(/\/app\/flows\/cart-coupon/);
    // THEN the preview runs the storefront widget on the draft: its prompt shows
    const preview = page.frameLocator('[data-testid="flow-preview"]');
    await preview.getByText("Your cart qualifies for 10% off.").waitFor({ timeout: 15_000 });

    // WHEN the code is cleared, the error shows at the field at once and publishing is off
    const code = page.getByLabel("Discount code");
    await code.fill("");
    await page.getByText("a discount code of letters, digits, _ or -").first().waitFor();
    expect(await page.getByRole("button", { name: "Publish" }).isDisabled()).toBe(true);
    await code.fill("CHAT15");

    // AND the prompt is reworded: the preview follows
    await page.getByLabel("Prompt (en)").fill("Spend a little more? Here is 15% off.");
    await preview.getByText("Spend a little more? Here is 15% off.").waitFor({ timeout: 15_000 });
    await page.screenshot({ path: screenshotPath("admin-flow-editor"), fullPage: true });

    // WHEN published with a note
    await page.getByLabel("Note for this version").fill("15% launch");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByText("Published version 1: the storefront runs it now").waitFor();

    // THEN the Admin API got the whole widget config with the edited flow
    const { log, config } = await published();
    expect(log.received.map((entry) => entry.operationName)).toEqual([
      "ChatLiftCurrentAppInstallation",
      "ChatLiftPublishWidgetConfig",
    ]);
    expect(config!.flows).toMatchObject([
      {
        id: "cart-coupon",
        prompt: { en: "Spend a little more? Here is 15% off." },
        steps: [{ kind: "coupon", code: "CHAT15" }],
        variants: [],
      },
    ]);
    await page.getByRole("cell", { name: "15% launch" }).waitFor();
    expect(errors).toEqual([]);
  }, 90_000);

  it("rolls back to the first version", async () => {
    // GIVEN a second version with other words
    await page.getByLabel("Prompt (en)").fill("Last chance: 15% off today.");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByText("Published version 2: the storefront runs it now").waitFor();
    expect((await published()).config!.flows[0]!.prompt).toMatchObject({ en: "Last chance: 15% off today." });

    // WHEN version 1 is rolled back to
    await page.getByRole("button", { name: "Roll back to version 1" }).click();
    await page.getByText("Rolled back: published as version 3").waitFor();

    // THEN the storefront config and the editor hold version 1's words again
    expect((await published()).config!.flows[0]!.prompt).toMatchObject({ en: "Spend a little more? Here is 15% off." });
    // The editor takes the rolled-back draft when the page's data revalidates, just after the banner.
    await expect
      .poll(() => page.getByLabel("Prompt (en)").inputValue(), { timeout: 10_000 })
      .toBe("Spend a little more? Here is 15% off.");
    await page.getByRole("cell", { name: "Rolled back to version 1" }).waitFor();
    await page
      .frameLocator('[data-testid="flow-preview"]')
      .getByText("Spend a little more? Here is 15% off.")
      .waitFor({ timeout: 15_000 });
    await page.screenshot({ path: screenshotPath("admin-flow-rollback"), fullPage: true });
    expect(errors).toEqual([]);
  }, 60_000);

  it("creates and starts an experiment: the storefront splits the flow's visitors", async () => {
    await page.locator("ui-nav-menu").getByRole("link", { name: "Experiments" }).click();
    await page.waitForURL(/\/app\/experiments/);
    await page.getByText("No experiments yet").waitFor();
    await page.getByLabel("Name").fill("Urgent wording");
    await page.getByLabel("Traffic share of ten-off-urgent").fill("70");
    await page.getByLabel("Traffic share of ten-off", { exact: true }).fill("30");
    await page.getByRole("button", { name: "Create experiment" }).click();
    await page.waitForURL(/\/app\/experiments\/[A-Za-z0-9_-]+$/);
    await page.getByText("Results appear once the experiment starts.").waitFor();

    await page.getByRole("button", { name: "Start experiment" }).click();
    await page.getByText("Started: the storefront now splits the flow's visitors").waitFor();

    expect((await published()).config!.flows[0]!.variants.map((variant) => [variant.id, variant.weight])).toEqual([
      ["ten-off", 30],
      ["ten-off-urgent", 70],
    ]);
    await page.getByText(/Collecting data/).waitFor();
    await page.getByRole("button", { name: "Stop experiment" }).waitFor();
    await page.screenshot({ path: screenshotPath("admin-experiment-running"), fullPage: true });
    expect(errors).toEqual([]);
  }, 60_000);

  it("shows each variant's results once visitors arrive", async () => {
    // GIVEN 30 control sessions (6 converting) and 70 urgent ones (21 converting), rolled up as the job does
    const at = new Date();
    for (let i = 0; i < 100; i += 1) {
      const urgent = i >= 30;
      const converted = urgent ? (i - 30) % 10 < 3 : i % 5 === 0;
      await aVariantSession(prisma, SHOP, {
        id: `s${i}`,
        flowId: "cart-coupon",
        variantId: urgent ? "ten-off-urgent" : "ten-off",
        at,
        converted,
        revenueMinor: converted ? 2500 : 0,
      });
    }
    await refreshShopRollups(SHOP, new Date(at.getTime() + 1000));
    // WHEN the page is opened again (as admin opens it: a fresh session token in the URL)
    await page.goto(`${harness.origin}/__harness/open?path=${new URL(page.url()).pathname}`);
    // THEN the table shows 20.0% vs 30.0%, revenue per session and how many sessions are still needed
    const urgentRow = page.getByRole("row", { name: /ten-off-urgent/ });
    await urgentRow.getByText("30.0% (").waitFor();
    await page
      .getByRole("row", { name: /Control/ })
      .getByText("20.0% (")
      .waitFor();
    // (the variant's name is the row header; cells: share, sessions, rate, revenue / session, chance, p …)
    expect(await urgentRow.getByRole("cell").nth(3).innerText()).toBe("$7.50");
    // P(Beta(22, 50) > Beta(7, 25)) = 0.8335 (Evan Miller's sum, Python reference)
    expect(await urgentRow.getByRole("cell").nth(4).innerText()).toBe("83%");
    await page.getByText(/more sessions per variant to detect a 10% change/).waitFor();
    await page.screenshot({ path: screenshotPath("admin-experiment-results"), fullPage: true });
    expect(errors).toEqual([]);
  }, 60_000);

  it("offers no winner while the sample is short: an 83% chance is not a result", async () => {
    // (a winner backed by a complete sample is declared in dashboard-experiments-readings.test.ts)
    await page.getByText(/^No winner to declare yet/).waitFor();
    expect(await page.getByRole("button", { name: "Declare winner" }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
