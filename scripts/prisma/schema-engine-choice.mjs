/**
 * Which schema engine the Prisma CLI runs, decided in one place (prisma.config.ts calls it on every
 * CLI run): Prisma's own binary where this machine has it, else the offline stand-in
 * (schema-engine.mjs), so a fresh offline `npm ci` still migrates. README.md in this folder says
 * when the stand-in can go.
 *
 * CHATLIFT_SCHEMA_ENGINE overrides the choice: `stand-in` always uses the stand-in; `prisma` never
 * does (the CLI then finds its binary, or downloads it when online). A PRISMA_SCHEMA_ENGINE_BINARY
 * set by hand is Prisma's own override and wins over both.
 */
import { accessSync, constants, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const STAND_IN = fileURLToPath(new URL("./schema-engine.mjs", import.meta.url));

const MODES = ["auto", "stand-in", "prisma"];

/**
 * @typedef {{ engine: "prisma" | "stand-in", path: string | undefined, reason: string }} SchemaEngineChoice
 *   `path` undefined: PRISMA_SCHEMA_ENGINE_BINARY stays unset and the CLI looks for its binary itself.
 * @typedef {Record<string, string | undefined>} Env
 */

export class SchemaEngineChoiceError extends Error {
  name = "SchemaEngineChoiceError";
}

/**
 * Where Prisma 7.10's CLI looks for its schema engine when PRISMA_SCHEMA_ENGINE_BINARY is unset,
 * in its order (prisma/build/index.js, `resolveBinary`), then the download cache its
 * @prisma/fetch-engine fills (`<cache>/master/<engines hash>/<target>/schema-engine`, from which
 * it copies the binary into @prisma/engines).
 *
 * @param {{ binaryTarget: string, enginesVersion: string, enginesDir: string, prismaDir: string,
 *   cacheRoot: string | null }} where binaryTarget as @prisma/get-platform names it (e.g. debian-openssl-3.0.x); enginesDir and
 *   prismaDir: the installed @prisma/engines and prisma packages; cacheRoot: prismaCacheRoot().
 * @returns {string[]}
 */
export function prismaEngineCandidates({ binaryTarget, enginesVersion, enginesDir, prismaDir, cacheRoot }) {
  const exe = binaryTarget === "windows" ? ".exe" : "";
  const installed = `schema-engine-${binaryTarget}${exe}`;
  const candidates = [enginesDir, prismaDir, path.dirname(prismaDir), path.join(prismaDir, "runtime")].map((dir) =>
    path.join(dir, installed),
  );
  if (cacheRoot) candidates.push(path.join(cacheRoot, "master", enginesVersion, binaryTarget, `schema-engine${exe}`));
  return candidates;
}

/**
 * The folder @prisma/fetch-engine downloads engines to (its getRootCacheDir).
 *
 * @param {Env} env
 * @param {NodeJS.Platform} [platform]
 * @param {string} [home]
 * @returns {string | null}
 */
export function prismaCacheRoot(env, platform = process.platform, home = os.homedir()) {
  if (platform === "win32") return env.APPDATA ? path.join(env.APPDATA, "Prisma") : null;
  if (env.AWS_LAMBDA_FUNCTION_VERSION) return "/tmp/prisma-download";
  return env.XDG_CACHE_HOME ? path.join(env.XDG_CACHE_HOME, "prisma") : path.join(home, ".cache/prisma");
}

/**
 * The choice itself: pure but for looking at the candidate files.
 *
 * @param {Env} env
 * @param {string[]} candidates from prismaEngineCandidates (empty when the platform is unknown)
 * @returns {SchemaEngineChoice}
 */
export function chooseSchemaEngine(env, candidates) {
  if (env.PRISMA_SCHEMA_ENGINE_BINARY) {
    const chosen = env.PRISMA_SCHEMA_ENGINE_BINARY;
    const engine = path.resolve(chosen) === STAND_IN ? "stand-in" : "prisma";
    return { engine, path: chosen, reason: "PRISMA_SCHEMA_ENGINE_BINARY is set" };
  }
  const mode = env.CHATLIFT_SCHEMA_ENGINE?.trim() || "auto";
  if (!MODES.includes(mode)) {
    throw new SchemaEngineChoiceError(`CHATLIFT_SCHEMA_ENGINE must be one of ${MODES.join(", ")}; got "${mode}"`);
  }
  if (mode === "stand-in") return { engine: "stand-in", path: STAND_IN, reason: "CHATLIFT_SCHEMA_ENGINE=stand-in" };
  const found = candidates.find(isRealEngine);
  if (found) return { engine: "prisma", path: found, reason: `Prisma's engine is at ${found}` };
  if (mode === "prisma") {
    return { engine: "prisma", path: undefined, reason: "CHATLIFT_SCHEMA_ENGINE=prisma: the CLI finds or downloads its engine" };
  }
  return {
    engine: "stand-in",
    path: STAND_IN,
    reason: `no Prisma schema engine on this machine (looked at ${candidates.join(", ") || "nothing: unknown platform"})`,
  };
}

/**
 * An executable file (the CLI makes a download executable only once it is complete).
 *
 * @param {string} file
 */
function isRealEngine(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Decides for this machine and sets PRISMA_SCHEMA_ENGINE_BINARY in `env` accordingly.
 *
 * @param {Env} [env]
 * @returns {Promise<SchemaEngineChoice>}
 */
export async function configureSchemaEngine(env = process.env) {
  const choice = chooseSchemaEngine(env, env.PRISMA_SCHEMA_ENGINE_BINARY ? [] : await installedEngineCandidates(env));
  if (choice.path) env.PRISMA_SCHEMA_ENGINE_BINARY = choice.path;
  return choice;
}

/**
 * The installed Prisma CLI and its engines package, with the platform detection they use (the
 * @prisma/get-platform that @prisma/engines depends on). Throws when Prisma is not installed.
 */
export function prismaInstall() {
  const prismaDir = path.dirname(createRequire(import.meta.url).resolve("prisma/package.json"));
  const enginesEntry = createRequire(path.join(prismaDir, "package.json")).resolve("@prisma/engines");
  const fromEngines = createRequire(enginesEntry);
  return {
    prismaDir,
    enginesDir: path.dirname(path.dirname(enginesEntry)),
    /** @type {string} */
    enginesVersion: fromEngines("@prisma/engines-version").enginesVersion,
    /** @returns {Promise<string>} e.g. debian-openssl-3.0.x */
    binaryTarget: () => fromEngines("@prisma/get-platform").getBinaryTargetForCurrentPlatform(),
  };
}

/**
 * The CLI's own search paths on this machine; empty when Prisma is not installed.
 *
 * @param {Env} env
 * @returns {Promise<string[]>}
 */
export async function installedEngineCandidates(env) {
  let install;
  try {
    install = prismaInstall();
  } catch {
    return [];
  }
  const where = { ...install, cacheRoot: prismaCacheRoot(env) };
  // Detecting the platform runs `openssl version` and more (a quarter second on a busy machine),
  // on every CLI run: only worth it when there is some engine file to match.
  const binaryTarget = anyEngineFile(where) ? await install.binaryTarget() : "<this platform>";
  return prismaEngineCandidates({ ...where, binaryTarget });
}

/**
 * Whether any schema-engine binary, for any platform, is where the CLI or its cache keep them.
 *
 * @param {{ enginesVersion: string, enginesDir: string, prismaDir: string, cacheRoot: string | null }} where
 */
function anyEngineFile({ enginesVersion, enginesDir, prismaDir, cacheRoot }) {
  const installed = [enginesDir, prismaDir, path.dirname(prismaDir), path.join(prismaDir, "runtime")];
  if (installed.some((dir) => namesIn(dir).some((name) => name.startsWith("schema-engine-")))) return true;
  if (!cacheRoot) return false;
  const cached = path.join(cacheRoot, "master", enginesVersion);
  return namesIn(cached).some((target) => namesIn(path.join(cached, target)).some((name) => name.startsWith("schema-engine")));
}

/** @param {string} dir */
function namesIn(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
