/**
 * Runs the project's Prisma CLI as a child process, on the Node that runs this script (Node 22
 * under `npm run`), offline.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { PROJECT_ROOT } from "./postgresql-schema.mjs";

const require = createRequire(import.meta.url);

/** @returns {string} the Prisma CLI's entry point (throws when the devDependency is absent) */
export function prismaCliPath() {
  return require.resolve("prisma/build/index.js");
}

/**
 * The environment every Prisma run gets: no update check (checkpoint.prisma.io is unreachable
 * here and the check would only add a DNS lookup) and no engine download.
 *
 * @param {Record<string, string | undefined>} [overrides]
 */
export function prismaEnv(overrides = {}) {
  return {
    ...process.env,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    ...overrides,
  };
}

/**
 * @param {string[]} args
 * @param {{ env?: Record<string, string | undefined>, quiet?: boolean }} [options]
 *   `quiet` captures the output (returned) instead of showing it.
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
export function runPrisma(args, { env, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCliPath(), ...args], {
      cwd: PROJECT_ROOT,
      env: prismaEnv(env),
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk) => (stdout += chunk));
    child.stderr?.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), stdout, stderr }));
  });
}
