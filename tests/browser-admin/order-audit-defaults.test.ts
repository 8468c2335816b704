/**
 * Every order is credited under every model and window, so an audit opened on all of them listed one order up
 * to 24 times. It opens on the shop's own model and window (its settings) now, the others a choice away.
 * Through the built app over HTTP behind the admin harness, as the merchant's browser loads the page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { saveSettings } from "../../app/admin/settings/settings.server";
import { MODELS, WINDOWS } from "../../app/attribution/types";
import { DESKTOP_CHROME, startAdminHarness, type RunningHarness } from "../support/browser/admin-harness";
import { aCreditedOrder, daysAgo } from "../support/builders/stored-orders";

const STORE = "audit-defaults";
const SHOP = `${STORE}.myshopify.com`;

let harness: RunningHarness;
let everywhere: string;

beforeAll(async () => {
  harness = await startAdminHarness(STORE);
  // GIVEN a shop on first touch, 14 days, whose order was credited under every model and window (12 credits)
  await saveSettings(SHOP, {
    attributionModel: "first_touch",
    attributionWindowDays: 14,
    holdoutPercent: 10,
    consentMode: "explicit",
  });
  everywhere = await aCreditedOrder(
    prisma,
    SHOP,
    daysAgo(1),
    MODELS.flatMap((model) => WINDOWS.map((windowDays) => ({ model, windowDays, role: "direct" }))),
  );
}, 180_000);

afterAll(async () => {
  await harness?.stop();
});

/** The audit page as the browser loads it (a document, through the harness's Shopify admin framing). */
async function auditPage(query = ""): Promise<{ status: number; rows: number; selected: string[] }> {
  const path = encodeURIComponent(`/app/orders${query}`);
  const response = await fetch(`${harness.origin}/__harness/open?path=${path}`, {
    headers: { "User-Agent": DESKTOP_CHROME, Accept: "text/html" },
  });
  const html = await response.text();
  return {
    status: response.status,
    rows: html.split('data-testid="order-link"').length - 1,
    selected: [...html.matchAll(/<option value="([^"]*)" selected="">/g)].map((match) => match[1] as string),
  };
}

describe("the order audit's model and window", () => {
  it("GIVEN a shop on first touch, 14 days WHEN the audit opens THEN it lists that credit alone, with those filters shown", async () => {
    const page = await auditPage();

    expect(page.status).toBe(200);
    expect(page.rows).toBe(1);
    expect(page.selected).toEqual(["", "first_touch", "14"]);
    const credit = await prisma.credit.findFirst({
      where: { orderId: everywhere, model: "first_touch", windowDays: 14 },
    });
    expect(credit).not.toBeNull();
  }, 60_000);

  it("GIVEN the same shop WHEN the merchant chooses Any for the window THEN every window of its model is listed", async () => {
    const page = await auditPage("?window=any");

    expect(page.rows).toBe(WINDOWS.length);
    expect(page.selected).toEqual(["", "first_touch", "any"]);
  }, 60_000);

  it("GIVEN the same shop WHEN the merchant chooses Any for both THEN all twelve credits are listed", async () => {
    const page = await auditPage("?model=any&window=any");

    expect(page.rows).toBe(MODELS.length * WINDOWS.length);
    expect(page.selected).toEqual(["", "any", "any"]);
  }, 60_000);

  it("GIVEN the same shop WHEN the merchant picks another model and window THEN only those are listed", async () => {
    const page = await auditPage("?model=linear&window=30");

    expect(page.rows).toBe(1);
    expect(page.selected).toEqual(["", "linear", "30"]);
  }, 60_000);
});
