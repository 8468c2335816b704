/**
 * One build of the app for every test file that starts the admin harness. Each file used to build its own (about
 * 40 s of two cores each, seven files); now the first file to need it builds into one shared folder while holding
 * a lock, and the others wait for it and reuse it. A build is reused while it is newer than every source it was
 * built from; a lock left by a process that died is taken over.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { projectRoot } from "../database";

export const SHARED_HARNESS_BUILD = ".cache/admin-harness/build-shared";
const LOCK = path.join(projectRoot, ".cache/admin-harness/build-shared.lock");
const STAMP = path.join(projectRoot, SHARED_HARNESS_BUILD, ".built-at");
/** What a build is made of: a change to any of these makes the shared build stale. */
const SOURCES = ["app", "contract", "vite.config.ts", "package-lock.json"];

function newestSource(entry = ""): number {
  let newest = 0;
  for (const name of entry ? [entry] : SOURCES) {
    const full = path.join(projectRoot, name);
    if (!existsSync(full)) continue;
    const stat = statSync(full);
    if (!stat.isDirectory()) newest = Math.max(newest, stat.mtimeMs);
    else for (const child of readdirSync(full)) newest = Math.max(newest, newestSource(path.join(name, child)));
  }
  return newest;
}

function isFresh(): boolean {
  if (!existsSync(STAMP) || !existsSync(path.join(projectRoot, SHARED_HARNESS_BUILD, "server/index.js"))) return false;
  return Number(readFileSync(STAMP, "utf8")) > newestSource();
}

function holderAlive(): boolean {
  try {
    process.kill(Number(readFileSync(path.join(LOCK, "pid"), "utf8")), 0);
    return true;
  } catch {
    return false;
  }
}

async function lock(): Promise<void> {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(path.join(LOCK, "pid"), String(process.pid));
      return;
    } catch {
      // Another file builds; a lock whose process is gone (or not yet written) is checked again after a wait.
      await sleep(500);
      if (existsSync(path.join(LOCK, "pid")) && !holderAlive()) rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

/** The shared build, fresh; built here when it is missing or older than the sources. */
export async function sharedHarnessBuild(): Promise<string> {
  await lock();
  try {
    if (!isFresh()) {
      const startedAt = Date.now();
      const result = spawnSync(
        process.execPath,
        [path.join(projectRoot, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"],
        {
          cwd: projectRoot,
          env: { ...process.env, NODE_ENV: "production", CHATLIFT_BUILD_DIR: SHARED_HARNESS_BUILD },
          stdio: ["ignore", "pipe", "pipe"],
          encoding: "utf8",
        },
      );
      if (result.status !== 0) throw new Error(`the admin harness build failed:\n${result.stdout}\n${result.stderr}`);
      // Stamped with the start: a source saved during the build makes the next file build again.
      writeFileSync(STAMP, String(startedAt));
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
  return SHARED_HARNESS_BUILD;
}
