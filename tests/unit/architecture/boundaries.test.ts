/**
 * The architecture's never-rules (eslint.config.js) and its no-cycle rule (.dependency-cruiser.cjs) are proven alive:
 * for each rule, a file planted where the rule holds imports something forbidden and something permitted, and only
 * the forbidden lines are reported, by that rule. A rule that silently stopped matching (a moved folder, a resolver
 * that no longer finds `../db.server`) fails here instead of letting violations through.
 */
import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { cruise } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { ESLint } from "eslint";
import { importX } from "eslint-plugin-import-x";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { BOUNDARIES, LAYERS, STAGES } from "../../../eslint.config.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");
/** Any file under tests/: the forbidden target for the rules that keep test code out. */
const A_TEST_FILE = "tests/unit/architecture/boundaries.test";

// Planted files match eslint.config.js's and .dependency-cruiser.cjs's `__planted__` ignores, so a lint someone runs
// meanwhile never sees them; this test lints them with ignores off.
const planted: string[] = [];
const createdDirs: string[] = [];
let serial = 0;

/** A file name no other planted file (of this run or a concurrent one) has. */
const plantedName = () => `__planted__${process.pid}_${++serial}`;

/** Writes `lines` to a new file at `where` ("app/capture/*.ts": the * becomes a planted name). */
function plant(where: string, lines: string[]): string {
  const file = path.join(ROOT, where.replace("*", plantedName()));
  const missing: string[] = [];
  for (let dir = path.dirname(file); !existsSync(dir); dir = path.dirname(dir)) missing.unshift(dir);
  for (const dir of missing) mkdirSync(dir);
  createdDirs.push(...missing.reverse());
  writeFileSync(file, lines.join("\n") + "\n");
  planted.push(file);
  return file;
}

afterEach(() => {
  for (const file of planted.splice(0)) rmSync(file, { force: true });
  for (const dir of createdDirs.splice(0)) rmdirSync(dir);
});

let eslint: ESLint;
beforeAll(() => {
  // ignore: false lifts the global ignores (the __planted__ one); each rule's own files/ignores still apply.
  // no-unresolved: the boundary rules skip what they cannot resolve, so every planted import must resolve, or a
  // "permitted" import would pass only because its file moved.
  eslint = new ESLint({
    cwd: ROOT,
    ignore: false,
    overrideConfig: { plugins: { "import-x": importX }, rules: { "import-x/no-unresolved": "error" } },
  });
});

/** The 1-based lines of `file` that `rule` reports. */
async function linesReported(file: string, rule: string): Promise<number[]> {
  const [result] = await eslint.lintFiles([file]);
  const { messages } = result!;
  const unreadable = messages.filter((message) => message.fatal || message.ruleId === "import-x/no-unresolved");
  expect(unreadable.map((message) => message.message)).toEqual([]);
  return messages.filter((message) => message.ruleId === `architecture/${rule}`).map((message) => message.line);
}

type Case = {
  rule: string;
  /** Where the file is planted: a path from the repo root with * for its name. */
  at: string;
  forbidden: string[];
  permitted: string[];
};

/** Plants `forbidden` then `permitted` imports in one file: exactly the forbidden lines must be reported. */
async function expectOnlyForbiddenReported({ rule, at, forbidden, permitted }: Case) {
  const file = plant(at, [...forbidden, ...permitted]);
  const forbiddenLines = forbidden.map((_, index) => index + 1);
  expect(await linesReported(file, rule)).toEqual(forbiddenLines);
}

const CASES: Case[] = [
  {
    rule: "pure-modules",
    at: "app/capture/*.ts",
    forbidden: [
      'import "../db.server";',
      'import type { Prisma } from "../db.server";',
      'import "@prisma/client";',
      'import "@remix-run/node";',
      'import "../shopify.server";',
      'import "@hubspot/api-client";',
      'import "@shopify/shopify-api";',
      'export { unauthenticated } from "../shopify.server";',
      'const later = () => import("@remix-run/node");',
      'import type { FlowDetail } from "../flows/flows.server";',
    ],
    permitted: [
      'import "./ingest-plan";',
      'import "zod";',
      'import "../attribution/money";',
      'import "../../contract/events";',
    ],
  },
  {
    rule: "pure-modules",
    at: "contract/*.ts",
    forbidden: ['import "@remix-run/node";'],
    permitted: ['import "zod";', 'import "./events";'],
  },
  {
    rule: "pure-modules",
    at: "app/admin/dashboard/*.ts",
    forbidden: ['import "@remix-run/react";'],
    permitted: ['import "./dashboard";'],
  },
  // The I/O half and the Remix layer are outside the rule.
  { rule: "pure-modules", at: "app/capture/*.server.ts", forbidden: [], permitted: ['import "../db.server";'] },
  { rule: "pure-modules", at: "app/admin/flows/*.tsx", forbidden: [], permitted: ['import "@remix-run/react";'] },
  {
    rule: "pure-modules",
    at: "app/routes/*.ts",
    forbidden: [],
    permitted: ['import "@remix-run/node";', 'import "../db.server";'],
  },
  {
    rule: "stages-below-admin",
    at: "app/capture/*.ts",
    forbidden: [
      'import "../admin/ui/links";',
      'import "../routes/healthz";',
      'import type { ExperimentActionResult } from "../admin/experiments/action-result";',
    ],
    permitted: [
      'import "../attribution/money";',
      'import "../platform/jobs/backoff";',
      'import "../integrations/hubspot/crm-port";',
    ],
  },
  {
    rule: "stages-below-admin",
    at: "app/analytics/rollups/*.server.ts",
    forbidden: ['import "../../admin/dashboard/dashboard";'],
    permitted: ['import "../metrics";'],
  },
  {
    rule: "admin-below-routes",
    at: "app/admin/flows/*.tsx",
    forbidden: ['import "../../routes/healthz";'],
    permitted: ['import "./FlowList";', 'import "../../flows/editor";', 'import "../ui/links";'],
  },
  {
    rule: "hubspot-sdk-in-adapter",
    at: "app/sync/*.server.ts",
    forbidden: ['import "@hubspot/api-client";'],
    permitted: ['import "../integrations/hubspot/crm-port";'],
  },
  {
    rule: "hubspot-sdk-in-adapter",
    at: "app/integrations/hubspot/*.server.ts",
    forbidden: [],
    permitted: ['import "@hubspot/api-client";'],
  },
  {
    rule: "shopify-libraries-in-remix-layer",
    at: "app/admin/settings/*.server.ts",
    forbidden: [
      'import "@shopify/shopify-api";',
      'import "@shopify/shopify-app-remix/server";',
      'import "@shopify/admin-api-client";',
    ],
    permitted: ['import "../../shopify.server";', 'import "@shopify/polaris";'],
  },
  {
    rule: "shopify-libraries-in-remix-layer",
    at: "app/routes/*.ts",
    forbidden: [],
    permitted: ['import "@shopify/shopify-app-remix/server";'],
  },
  {
    rule: "shopify-libraries-in-remix-layer",
    at: "app/integrations/shopify/*.server.ts",
    forbidden: [],
    permitted: ['import "@shopify/shopify-api";'],
  },
  {
    rule: "widget-imports-only-contract",
    at: "widget/*.ts",
    forbidden: ['import "../app/capture/ingest-plan";', 'import "zod";', 'import "../sandbox/hubspot/page";'],
    permitted: ['import "../contract/events";', 'import "./core/queue";'],
  },
  {
    rule: "contract-stands-alone",
    at: "contract/*.ts",
    forbidden: ['import "../app/attribution/money";', 'import "../widget/core/queue";'],
    permitted: ['import "./events";', 'import "zod";'],
  },
  {
    rule: "production-imports-no-test-code",
    at: "app/capture/*.server.ts",
    forbidden: [
      `import "../../${A_TEST_FILE}";`,
      'import "../../sandbox/hubspot/page";',
      'import "../../scripts/bench/run";',
    ],
    permitted: ['import "./ingest-plan";'],
  },
  {
    rule: "scripts-import-no-tests",
    at: "scripts/*.ts",
    forbidden: [`import "../${A_TEST_FILE}";`],
    permitted: ['import "../sandbox/hubspot/page";', 'import "../app/attribution/money";'],
  },
  {
    rule: "scripts-import-no-tests",
    at: "scripts/prisma/*.mjs",
    forbidden: [`import "../../${A_TEST_FILE}";`],
    permitted: ['import "./engine/log.mjs";'],
  },
  {
    rule: "sandbox-imports-no-tests",
    at: "sandbox/hubspot/*.ts",
    forbidden: [`import "../../${A_TEST_FILE}";`],
    permitted: ['import "./page";', 'import "../../app/attribution/money";'],
  },
  {
    rule: "adapters-import-no-stage",
    at: "app/integrations/hubspot/*.ts",
    forbidden: [
      'import "../../sync/chatlift-properties";',
      'import "../../attribution/money";',
      'import "../../admin/ui/links";',
    ],
    permitted: ['import "./crm-port";', 'import "../../platform/jobs/backoff";', 'import "../../../contract/events";'],
  },
  {
    rule: "platform-imports-no-user",
    at: "app/platform/jobs/*.server.ts",
    forbidden: [
      'import "../../jobs.server";',
      'import "../../sync/outbox.server";',
      'import "../../integrations/hubspot/crm-port";',
      'import "../../admin/ui/links";',
      'import "../../shopify.server";',
    ],
    permitted: ['import "./backoff";', 'import "../db/database-url";', 'import "../../db.server";'],
  },
  {
    rule: "prisma-types-from-db-server",
    at: "app/sync/*.server.ts",
    forbidden: ['import "../generated/prisma/sqlite/client";'],
    permitted: ['import "../db.server";'],
  },
  {
    rule: "prisma-types-from-db-server",
    at: "tests/*.ts",
    forbidden: ['import "../app/generated/prisma/postgresql/client";'],
    permitted: ['import "../app/db.server";'],
  },
];

describe("GIVEN the never-rules of eslint.config.js", () => {
  it.each(CASES)(
    "WHEN a file at $at imports forbidden and permitted paths THEN $rule reports the forbidden ones only",
    (c) => expectOnlyForbiddenReported(c),
  );

  it("WHEN the cases above are listed THEN every rule has a planted forbidden import", () => {
    const proven = new Set(CASES.filter((c) => c.forbidden.length > 0).map((c) => c.rule));
    const unproven = BOUNDARIES.map((rule) => rule.name).filter((name) => !proven.has(name));
    // The LLM SDKs are not installed, so nothing can import them yet; the rule's own test below reads its settings.
    expect(unproven).toEqual(["llm-sdks-in-adapter"]);
  });

  it("WHEN no LLM SDK is installed THEN the rule still forbids them outside app/integrations/llm", async () => {
    const inStage = await eslint.calculateConfigForFile(path.join(ROOT, "app/answers/x.ts"));
    const [, options] = inStage.rules["architecture/llm-sdks-in-adapter"];
    expect(options.zones[0].from).toEqual(["node_modules/openai", "node_modules/@anthropic-ai/sdk"]);
    const inAdapter = await eslint.calculateConfigForFile(path.join(ROOT, "app/integrations/llm/x.ts"));
    expect(inAdapter.rules["architecture/llm-sdks-in-adapter"]).toBeUndefined();
  });

  it("WHEN an LLM SDK is installed THEN importing it from a stage is reported", async (context) => {
    if (!existsSync(path.join(ROOT, "node_modules/openai"))) context.skip("openai is not installed");
    await expectOnlyForbiddenReported({
      rule: "llm-sdks-in-adapter",
      at: "app/answers/*.server.ts",
      forbidden: ['import "openai";'],
      permitted: ['import "zod";'],
    });
  });

  it("WHEN app/ is listed THEN every folder in it is a known stage or layer", () => {
    const folders = readdirSync(path.join(ROOT, "app")).filter((name) =>
      statSync(path.join(ROOT, "app", name)).isDirectory(),
    );
    expect(folders.filter((name) => !STAGES.includes(name) && !LAYERS.includes(name))).toEqual([]);
  });
});

describe("GIVEN the no-cycle rule of .dependency-cruiser.cjs", () => {
  /** The modules of each cycle dependency-cruiser reports among `files`. */
  async function cyclesAmong(files: string[]): Promise<string[][]> {
    const options = await extractDepcruiseOptions(path.join(ROOT, ".dependency-cruiser.cjs"));
    // The config excludes planted files so a concurrent `npm run lint` never sees them; here they are the subject.
    const { exclude: _planted, ...rest } = options;
    const tsConfig = extractTSConfig(path.join(ROOT, "tsconfig.json"));
    const relative = files.map((file) => path.relative(ROOT, file));
    const { output } = await cruise(relative, { ...rest, baseDir: ROOT }, {}, { tsConfig });
    if (typeof output === "string") throw new Error(output);
    return output.summary.violations
      .filter((violation) => violation.rule.name === "no-cycles")
      .map((violation) => [violation.from, ...(violation.cycle ?? []).map((step) => step.name)])
      .map((names) => names.map((name) => path.join(ROOT, name)));
  }

  /** Two planted files in `dir` with extension `ext`: the first gets `first(second's name)`, the second `second(first's)`. */
  function plantPair(
    dir: string,
    ext: string,
    first: (other: string) => string[],
    second: (other: string) => string[],
  ) {
    const [a, b] = [plantedName(), plantedName()];
    return [plant(`${dir}/${a}${ext}`, first(b)), plant(`${dir}/${b}${ext}`, second(a))];
  }

  it("WHEN two planted modules import each other's types THEN the cycle is reported", async () => {
    const pair = plantPair(
      "app/capture",
      ".ts",
      (b) => [`import type { B } from "./${b}";`, "export type A = { b?: B };"],
      (a) => [`import type { A } from "./${a}";`, "export type B = { a?: A };"],
    );
    const cycles = await cyclesAmong(pair);
    expect(cycles.length).toBeGreaterThan(0);
    for (const cycle of cycles) expect(new Set(cycle)).toEqual(new Set(pair));
  });

  it("WHEN a JSDoc type closes the cycle of two scripts THEN it is reported", async () => {
    const pair = plantPair(
      "scripts",
      ".mjs",
      (b) => [`import { b } from "./${b}.mjs";`, "/** @typedef {{ n: number }} Shape */", "export const a = () => b;"],
      (a) => [`/** @typedef {import("./${a}.mjs").Shape} Shape */`, "export const b = 1;"],
    );
    const cycles = await cyclesAmong(pair);
    expect(cycles.length).toBeGreaterThan(0);
    for (const cycle of cycles) expect(new Set(cycle)).toEqual(new Set(pair));
  });

  it("WHEN one planted module imports the other one way THEN nothing is reported", async () => {
    const pair = plantPair(
      "app/capture",
      ".ts",
      (b) => [`import type { B } from "./${b}";`, "export type A = { b?: B };"],
      () => ["export type B = { n: number };"],
    );
    expect(await cyclesAmong(pair)).toEqual([]);
  });
});
