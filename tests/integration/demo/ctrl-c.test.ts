/**
 * Ctrl-C on `npm run demo` stops everything it started: the terminal sends SIGINT to the whole
 * foreground process group (tsx and the demo), and afterwards no process of that demo is left,
 * in particular not the app (scripts/start.mjs and remix-serve, which run in a group of their own).
 * Processes are recognised by a marker in their environment, which every child inherits.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../support/database";

const MARK = `CHATLIFT_DEMO_TEST_MARK=${randomUUID()}`;

/** Processes (pid → command) whose environment carries this test's marker. */
function markedProcesses(): Map<number, string> {
  const found = new Map<number, string>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(MARK)) {
        found.set(Number(entry), readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ").trim());
      }
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

describe("Ctrl-C on the demo", () => {
  it("stops the app, the stand-ins and itself, leaving no process behind", async () => {
    // GIVEN a running demo, started the way `npm run demo` starts it (tsx), in its own group
    const db = path.join(mkdtempSync(path.join(tmpdir(), "chatlift-demo-ctrl-c-")), "demo.sqlite");
    const args = [
      "scripts/demo/main.ts",
      "--ports",
      "any",
      "--db",
      db,
      ...(process.env.CHATLIFT_DEMO_NO_BUILD === "1" ? ["--no-build"] : []),
    ];
    const [key, value] = MARK.split("=") as [string, string];
    const demo = spawn(path.join(projectRoot, "node_modules/.bin/tsx"), args, {
      cwd: projectRoot,
      env: { ...process.env, NODE_ENV: "production", [key]: value },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    demo.stdout.on("data", (chunk: Buffer) => (output += chunk));
    demo.stderr.on("data", (chunk: Buffer) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => demo.once("exit", (code) => resolve(code)));
    await expect.poll(() => output, { timeout: 240_000, interval: 500 }).toContain("Ctrl-C stops everything");
    const running = [...markedProcesses().values()];
    expect(running.some((command) => command.includes("scripts/start.mjs"))).toBe(true);
    expect(running.some((command) => command.includes("remix-serve"))).toBe(true);
    const admin = /admin \(dashboard, orders, settings\):\s+(\S+)/.exec(output)?.[1] as string;
    expect((await fetch(admin, { redirect: "manual" })).status).toBe(302);

    // WHEN the person presses Ctrl-C (SIGINT to the foreground group)
    process.kill(-(demo.pid as number), "SIGINT");

    // THEN the demo exits 0 and nothing it started is left
    expect(await exited).toBe(0);
    await expect.poll(() => [...markedProcesses().values()], { timeout: 10_000 }).toEqual([]);
    await expect(fetch(admin)).rejects.toThrow();
  }, 300_000);
});
