/**
 * Chromium for the browser tests (sandbox/browser/chromium.ts, shared with the demo), with a
 * folder for the screenshots each test leaves as evidence.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { projectRoot } from "../database";
import { launchChromium as launch } from "../../../sandbox/browser/chromium";

export const ARTIFACTS = path.join(projectRoot, "artifacts/browser");

export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return launch();
}

export const screenshotPath = (name: string) => path.join(ARTIFACTS, `${name}.png`);
