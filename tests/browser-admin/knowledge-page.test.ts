/**
 * The Knowledge page in a real browser behind the admin harness: reached from the nav, a FAQ refused with the
 * error beside its field and the merchant's text kept, then saved and listed; "Sync now" confirmed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, screenshotPath } from "../support/browser/chromium";
import { adminPage, startAdminHarness, type RunningHarness } from "../support/browser/admin-harness";

describe("the Knowledge page in a browser", () => {
  let harness: RunningHarness;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    harness = await startAdminHarness("knowledge-browser");
    browser = await launchChromium();
    ({ page, errors } = await adminPage(browser, harness.origin));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it("GIVEN a bad link WHEN a FAQ is added THEN the link's error shows, the text stays, and the fixed FAQ is listed", async () => {
    await page.locator("ui-nav-menu").getByRole("link", { name: "Knowledge" }).click();
    await page.getByRole("heading", { name: "Your FAQs" }).waitFor();

    // WHEN the merchant adds a FAQ whose link is not an address
    const faqForm = page.locator("form", { has: page.getByRole("button", { name: "Add FAQ" }) });
    await faqForm.getByLabel("Question", { exact: true }).fill("Do you gift wrap?");
    await faqForm.getByLabel("Answer", { exact: true }).fill("Yes, for free at checkout.");
    await faqForm.getByLabel("Link (optional)").fill("ftp://gifts");
    await page.getByRole("button", { name: "Add FAQ" }).click();

    // THEN the error is beside the field and what was typed is still there
    await page.getByText("Enter a full address (https://…) or a path on your store (/pages/…)").waitFor();
    expect(await faqForm.getByLabel("Question", { exact: true }).inputValue()).toBe("Do you gift wrap?");
    expect(await faqForm.getByLabel("Answer", { exact: true }).inputValue()).toBe("Yes, for free at checkout.");

    // WHEN the link is fixed THEN the FAQ is listed and the form is empty again
    await faqForm.getByLabel("Link (optional)").fill("/pages/gifts");
    await page.getByRole("button", { name: "Add FAQ" }).click();
    await page.getByRole("heading", { name: "Do you gift wrap?" }).waitFor();
    expect(await faqForm.getByLabel("Answer", { exact: true }).inputValue()).toBe("");

    await page.getByRole("button", { name: "Sync now" }).click();
    await page.getByText("Sync queued").waitFor();
    await page.screenshot({ path: screenshotPath("admin-knowledge"), fullPage: true });
    expect(errors).toEqual([]);
  }, 60_000);
});
