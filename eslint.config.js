// Lint config, and the architecture's never-rules: the parts of the tree (below) and which part may not import which.
// The rules live here, not in a separate parts file, so the linter reads exactly what a reader reads, and each rule's
// one-line `why` is also the message printed when the rule is broken. tests/unit/architecture/ plants a forbidden
// import for every rule to prove it still fires. Import cycles (type-only ones included) are checked by
// dependency-cruiser, see .dependency-cruiser.cjs: import-x/no-cycle skips type-only imports by design.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import { rules as importXRules } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

const ROOT = import.meta.dirname;

// ── The parts ───────────────────────────────────────────────────────────────────────────────────────────────────────
/** The pipeline's stages, one folder each under app/. A new stage is one line here (a test fails on an unlisted one). */
export const STAGES = [
  "capture",
  "attribution",
  "routing",
  "sync",
  "analytics",
  "flows",
  "privacy",
  "answers",
  "conversations",
];
/** Every other folder directly under app/: the layers around the stages. */
export const LAYERS = ["admin", "routes", "platform", "integrations", "generated"];

const STAGE_DIRS = STAGES.map((stage) => `app/${stage}`);
const PRISMA = ["node_modules/@prisma", "node_modules/prisma", "app/generated"];
const REMIX = ["node_modules/@remix-run"];
const HUBSPOT_SDK = ["node_modules/@hubspot/api-client"];
const SHOPIFY_LIBRARIES = [
  "node_modules/@shopify/shopify-api",
  "node_modules/@shopify/shopify-app-remix",
  "node_modules/@shopify/shopify-app-session-storage-prisma",
  "node_modules/@shopify/admin-api-client",
];
const LLM_SDKS = ["node_modules/openai", "node_modules/@anthropic-ai/sdk"];
const PRODUCTION = ["app/**", "contract/**"];
const TEST_CODE = ["sandbox", "scripts", "tests"];

// ── The never-rules ─────────────────────────────────────────────────────────────────────────────────────────────────
// Each rule: the files it holds for (`files` minus `ignores`, ESLint globs from the repo root), the paths they may not
// import (`forbid`: folders, files or globs from the repo root, npm packages as node_modules/<name>; `except` carves
// out sub-paths of a forbidden folder), and why. Imports are resolved like TypeScript does (so `../db.server` is
// app/db.server.ts); static, dynamic and type-only imports and re-exports all count. An npm package counts only once
// installed: a package that is not installed cannot be imported at all.
export const BOUNDARIES = [
  {
    name: "pure-modules",
    why: "Pure logic (no .server in its name) imports no Prisma, Remix, SDK or .server module: it is tested without I/O.",
    files: PRODUCTION,
    // The Remix layer: routes, the admin's React parts, the document root. Type-only imports count too: the pure half
    // declares the fields it reads instead of naming a storage row or a framework type.
    ignores: ["**/*.server.*", "app/routes/**", "app/admin/**/*.tsx", "app/root.tsx", "app/generated/**"],
    // .server modules too (app/db.server.ts and app/shopify.server.ts among them): they may do I/O, and Remix keeps
    // them out of the browser bundle that admin view models end up in.
    forbid: [...PRISMA, ...REMIX, ...HUBSPOT_SDK, ...SHOPIFY_LIBRARIES, ...LLM_SDKS, "app/**/*.server.*"],
  },
  {
    name: "stages-below-admin",
    why: "Stages are the pipeline that admin pages and routes are built on; a stage reaching up makes a cycle of layers.",
    files: STAGE_DIRS.map((dir) => `${dir}/**`),
    forbid: ["app/admin", "app/routes"],
  },
  {
    name: "admin-below-routes",
    why: "A route composes its page from the page's parts; a part that imports its route closes a cycle.",
    files: ["app/admin/**"],
    forbid: ["app/routes"],
  },
  {
    name: "hubspot-sdk-in-adapter",
    why: "Only the HubSpot adapter speaks @hubspot/api-client; the rest talks to the CrmPort, so the sandbox can stand in.",
    files: [...PRODUCTION, "widget/**"],
    ignores: ["app/integrations/hubspot/**"],
    forbid: HUBSPOT_SDK,
  },
  {
    name: "shopify-libraries-in-remix-layer",
    why: "Only the Remix layer and the Shopify adapter use Shopify's libraries: they authenticate requests and hold sessions.",
    files: [...PRODUCTION, "widget/**"],
    ignores: [
      "app/shopify.server.ts",
      "app/routes/**",
      "app/admin/ui/session.server.ts",
      "app/integrations/shopify/**",
    ],
    forbid: SHOPIFY_LIBRARIES,
  },
  {
    name: "llm-sdks-in-adapter",
    why: "A language model is the merchant's option behind one adapter (app/integrations/llm), never a stage's dependency.",
    files: [...PRODUCTION, "widget/**"],
    ignores: ["app/integrations/llm/**"],
    forbid: LLM_SDKS,
  },
  {
    name: "widget-imports-only-contract",
    why: "The widget ships to every storefront within a 10 KB budget; it shares only contract/ with the server.",
    files: ["widget/**"],
    forbid: ["."],
    except: ["widget", "contract"],
  },
  {
    name: "contract-stands-alone",
    why: "contract/ is bundled into the widget: anything it imported from the app or the widget would ship or loop.",
    files: ["contract/**"],
    forbid: ["app", "widget", ...TEST_CODE],
  },
  {
    name: "production-imports-no-test-code",
    why: "sandbox/, scripts/ and tests/ are not deployed: production code importing them breaks, or fakes a platform.",
    files: PRODUCTION,
    forbid: TEST_CODE,
  },
  {
    name: "scripts-import-no-tests",
    why: "Scripts (demo, benches, database tools) run without the test tree; what they share with tests lives in sandbox/.",
    files: ["scripts/**"],
    forbid: ["tests"],
  },
  {
    name: "sandbox-imports-no-tests",
    why: "The sandbox's stand-ins serve the demo and benches too, so they cannot depend on the test tree.",
    files: ["sandbox/**"],
    forbid: ["tests"],
  },
  {
    name: "adapters-import-no-stage",
    why: "An adapter serves a port to the stages; calling back into a stage ties the outside system to the pipeline.",
    files: ["app/integrations/**"],
    forbid: [...STAGE_DIRS, "app/admin", "app/routes"],
  },
  {
    name: "platform-imports-no-user",
    why: "The platform (db, jobs, config, shops, health) sits below everything: the job queue never imports its users.",
    files: ["app/platform/**"],
    forbid: [
      ...STAGE_DIRS,
      "app/admin",
      "app/routes",
      "app/integrations",
      "app/jobs.server.ts",
      "app/shopify.server.ts",
    ],
  },
  {
    name: "prisma-types-from-db-server",
    why: "app/db.server.ts is the one module naming a generated Prisma path, so a provider switch touches one file.",
    files: ["**/*.{ts,tsx,js,mjs,cjs}"],
    ignores: ["app/db.server.ts", "app/generated/**"],
    forbid: ["app/generated"],
  },
];

// Every rule is import-x's no-restricted-paths under its own name, so each one is scoped by files/ignores
// (no-restricted-paths itself can only narrow the importer by glob) and a report names the rule that was broken.
const architecture = {
  meta: { name: "chatlift-architecture" },
  rules: Object.fromEntries(BOUNDARIES.map((rule) => [rule.name, importXRules["no-restricted-paths"]])),
};

// A zone takes either plain paths or globs, so a rule's globs get a zone of their own.
const zonesOf = (rule) => {
  const isGlob = (entry) => entry.includes("*");
  const paths = rule.forbid.filter((entry) => !isGlob(entry));
  const globs = rule.forbid.filter(isGlob);
  return [
    ...(paths.length ? [{ target: ".", from: paths, except: rule.except ?? [], message: rule.why }] : []),
    ...(globs.length ? [{ target: ".", from: globs, message: rule.why }] : []),
  ];
};

const boundaryConfigs = BOUNDARIES.map((rule) => ({
  name: `architecture/${rule.name}`,
  files: rule.files,
  ignores: rule.ignores ?? [],
  rules: { [`architecture/${rule.name}`]: ["error", { basePath: ROOT, zones: zonesOf(rule) }] },
}));

export default tseslint.config(
  {
    ignores: ["build/", "app/generated/", "node_modules/", ".cache/", "extensions/*/assets/", "artifacts/"],
  },
  // tests/unit/architecture lints these files on purpose for a moment; a lint running meanwhile must not see them.
  { ignores: ["**/__planted__*"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["**/*.{ts,tsx,js,mjs,cjs}"],
    plugins: { architecture },
    settings: {
      "import-x/resolver-next": [
        createTypeScriptImportResolver({ alwaysTryTypes: true, project: `${ROOT}/tsconfig.json` }),
      ],
    },
  },
  ...boundaryConfigs,
);
