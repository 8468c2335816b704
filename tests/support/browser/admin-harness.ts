/**
 * Starts sandbox/admin-harness/server.ts as a child process on the test file's own database
 * and gives the page helpers the browser tests need.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { projectRoot } from "../database";
import { sharedHarnessBuild } from "./harness-build";

export interface RunningHarness {
  origin: string;
  /** Everything the harness (and the app inside it) printed so far. */
  output: () => string;
  stop: () => Promise<void>;
}

export async function startAdminHarness(store: string): Promise<RunningHarness> {
  // One build for every file (harness-build.ts), unless a file asks for a folder of its own.
  const ownBuild = process.env.CHATLIFT_HARNESS_BUILD_DIR;
  const buildDir = ownBuild ?? (await sharedHarnessBuild());
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(projectRoot, "sandbox/admin-harness/server.ts"),
      "--port",
      "0",
      "--store",
      store,
      "--seed",
      "none",
      ...(ownBuild ? [] : ["--no-build"]),
    ],
    {
      cwd: projectRoot,
      env: { ...process.env, NODE_ENV: "production", CHATLIFT_HARNESS_BUILD_DIR: buildDir },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`admin harness did not start:\n${output}`)), 90_000);
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.stdout?.on("data", (chunk) => {
      output += chunk;
      const line = output.split("\n").find((text) => text.startsWith('{"harness"'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { harness: string }).harness);
      }
    });
    child.on("exit", (code) => reject(new Error(`admin harness exited (${code}):\n${output}`)));
  });
  return {
    origin,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Headless Chromium announces itself as a bot, and the Shopify library answers bots 410. */
export const DESKTOP_CHROME =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

export async function adminPage(browser: Browser, origin: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    userAgent: DESKTOP_CHROME,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  // Nothing leaves the machine: Shopify's CDN (fonts) is refused, the harness serves App Bridge.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await page.goto(`${origin}/__harness/open?path=/app`);
  return { page, errors };
}
