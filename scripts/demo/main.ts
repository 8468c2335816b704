/**
 * `npm run demo`: the whole loop on this machine, offline (see README, Quick start).
 *   npm run demo                      start, print the URLs, run until Ctrl-C
 *   npm run demo -- --simulate 200    …and send 200 visitors (both arms) and their orders
 *   npm run demo -- --smoke           start, simulate 60, wait for credit, HubSpot and the first
 *                                     knowledge sync, ask the demo questions, print ONE JSON line,
 *                                     stop; exit 0 only if every stage produced output
 * Options: --db FILE (default data/demo.sqlite, made fresh at every start), --browser-visitors N,
 * --no-build (serve the existing build even when sources are newer; by default it is rebuilt),
 * --ports any (let the system choose free ports instead of 4300 admin, 4100 storefront, 4010 HubSpot).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_DATABASE, DEFAULT_PORTS, DEMO_QUESTIONS, EPHEMERAL_PORTS } from "./config";
import { DemoNotStarted, SECOND_DEMO_HINT } from "./guards";
import { startDemoStack, type DemoStack } from "./stack";

const { values } = parseArgs({
  options: {
    simulate: { type: "string" },
    smoke: { type: "boolean", default: false },
    db: { type: "string" },
    "browser-visitors": { type: "string" },
    "no-build": { type: "boolean", default: false },
    ports: { type: "string", default: "fixed" },
  },
});

const smoke = values.smoke;
const visitors = Number(values.simulate ?? (smoke ? 60 : 0));
if (!Number.isInteger(visitors) || visitors < 0) {
  console.error(`--simulate needs a whole number of visitors, got "${values.simulate}"`);
  process.exit(2);
}
const browserVisitors = Math.min(visitors, Number(values["browser-visitors"] ?? (smoke ? 1 : 3)));

// A smoke run never touches the interactive demo's database or its ports.
const scratch = smoke ? mkdtempSync(path.join(tmpdir(), "chatlift-demo-smoke-")) : undefined;
const database = {
  freshFile: values.db ? path.resolve(values.db) : scratch ? path.join(scratch, "demo.sqlite") : DEFAULT_DATABASE,
};
const log = (line: string) => process.stderr.write(`[demo] ${line}\n`);

let stack: DemoStack | undefined;
let stopping = false;
async function shutdown(code: number): Promise<void> {
  // A Ctrl-C reaches us twice (from the terminal, and relayed by tsx): stop once, to the end.
  if (stopping) return;
  stopping = true;
  log("stopping…");
  await stack?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(0));

try {
  log(`starting (database ${database.freshFile}, made fresh)…`);
  stack = await startDemoStack({
    ports: smoke || values.ports === "any" ? EPHEMERAL_PORTS : DEFAULT_PORTS,
    database,
    echoApp: !smoke,
    log,
    reuseBuild: values["no-build"],
  });
  if (!smoke) {
    console.log(
      [
        "",
        "ChatLift demo is running (offline, nothing leaves this machine):",
        `  admin (dashboard, orders, settings):  ${stack.urls.admin}`,
        `  storefront with the widget:           ${stack.urls.storefront}`,
        `  HubSpot sandbox records:              ${stack.urls.hubspotRecords}`,
        `  demo shop ${stack.shop}, HubSpot portal ${stack.seed.hubspotPortalId}, routing rules v${stack.seed.ruleSetVersion}`,
        `  ask the widget, once the first knowledge sync is done (a minute or so):`,
        `    ${DEMO_QUESTIONS.map((entry) => `"${entry.question}"`).join(", ")}`,
        "",
      ].join("\n"),
    );
  }
  if (visitors > 0) {
    const { simulate } = await import("./simulate");
    const report = await simulate(stack, { visitors, browserVisitors, log });
    log(
      `simulated ${report.visitors} visitors (${report.browserVisitors} in Chromium), ${report.events} events, ${report.orders} orders`,
    );
    if (smoke) {
      const { awaitLoop } = await import("./smoke");
      const result = await awaitLoop(stack, report, log);
      console.log(JSON.stringify(result.counts));
      await shutdown(result.ok ? 0 : 1);
    }
  }
  if (!smoke) log("Ctrl-C stops everything.");
} catch (error) {
  if (error instanceof DemoNotStarted) console.error(error.message);
  else if ((error as NodeJS.ErrnoException).code === "EADDRINUSE")
    console.error(`${(error as Error).message}: another program uses that port; run \`${SECOND_DEMO_HINT}\`.`);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  await shutdown(1);
}
