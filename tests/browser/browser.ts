/**
 * Debian's Chromium driven by playwright-core (`npx playwright install` cannot download here).
 * A missing browser fails the test run with the command that installs it.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { projectRoot } from "../support/database";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS = path.join(projectRoot, "artifacts/browser");

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install it with \`apt-get update && apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  // playwright gives every launch a fresh temporary profile (its own --user-data-dir).
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export const screenshotPath = (name: string) => path.join(ARTIFACTS, `${name}.png`);
