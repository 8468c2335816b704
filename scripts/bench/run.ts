/**
 * `npm run bench -- NAME [args]` runs scripts/bench/NAME.bench.ts; `npm run bench` runs them
 * all, one after another, and writes docs/benchmarks.md: the machine, each measure beside its
 * baseline from the same run, the ratio, and the goal, met or not. Each benchmark prints, as
 * its last line, one JSON object with its measures. `--only a,b --out FILE` writes the report
 * for a subset elsewhere (a quick check of the report itself). The report's hand-kept section
 * (KEPT_SECTION: both databases' figures side by side) survives the rewrite.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

type Values = Record<string, unknown>;

/** One reported measure: where it is in the benchmark's JSON, its baseline and its goal. */
export interface MeasureSpec {
  label: string;
  key: string;
  unit: string;
  /** The same run's baseline for this measure, and the ratio key when the benchmark reports it. */
  baselineKey?: string;
  baselineLabel?: string;
  ratioKey?: string;
  goal?: { at: "most" | "least"; value: number; of?: "value" | "ratio" };
}

export const MEASURES: Record<string, { what: string; measures: MeasureSpec[] }> = {
  widget: {
    what: "storefront widget weight and the product page's Lighthouse performance score",
    measures: [
      { label: "loader (chatlift.js)", key: "loader_bytes", unit: "B", goal: { at: "most", value: 4000 } },
      { label: "loader gzipped", key: "loader_gzip_bytes", unit: "B" },
      { label: "loader + chat UI", key: "total_bytes", unit: "B", goal: { at: "most", value: 24000 } },
      { label: "LCP added by the embed (simulated)", key: "lcp_delta_ms", unit: "ms", goal: { at: "most", value: 20 } },
      { label: "TBT added by the embed", key: "tbt_delta_ms", unit: "ms" },
      {
        label: "Lighthouse performance with the embed",
        key: "lighthouse_with",
        unit: "",
        baselineKey: "lighthouse_without",
        baselineLabel: "page without the embed",
      },
    ],
  },
  ingest: {
    what: "event batches through the app proxy route into the database",
    measures: [
      {
        label: "events stored per second",
        key: "events_per_s",
        unit: "/s",
        baselineKey: "baseline_events_per_s",
        baselineLabel: "bare node:http + prepared inserts",
        ratioKey: "ratio",
        goal: { at: "least", value: 5000 },
      },
      { label: "ratio to the baseline", key: "ratio", unit: "", goal: { at: "least", value: 0.5 } },
      { label: "request p50", key: "p50_ms", unit: "ms" },
      { label: "request p99", key: "p99_ms", unit: "ms", goal: { at: "most", value: 50 } },
    ],
  },
  attribution: {
    what: "order webhooks credited against 1M sessions / 5M events, and re-attribution",
    measures: [
      { label: "webhook route answer p99", key: "answer_p99_ms", unit: "ms", goal: { at: "most", value: 10 } },
      { label: "route + job p50", key: "p50_ms", unit: "ms" },
      { label: "route + job p99", key: "p99_ms", unit: "ms", goal: { at: "most", value: 10 } },
      { label: "re-attribute 100,000 orders", key: "reattribute_s", unit: "s", goal: { at: "most", value: 30 } },
    ],
  },
  scale: {
    what: "2 app instances + 3 workers on PostgreSQL + Redis: HubSpot sync, order webhooks, ingest",
    measures: [
      {
        label: "HubSpot contacts per second",
        key: "contacts_per_s",
        unit: "/s",
        baselineKey: "ceiling_per_s",
        baselineLabel: "ceiling at 110 requests / 10 s",
        ratioKey: "ratio",
      },
      { label: "ratio to the ceiling", key: "ratio", unit: "", goal: { at: "least", value: 0.9 } },
      { label: "HubSpot 429 answers", key: "http_429", unit: "", goal: { at: "most", value: 0 } },
      { label: "workers", key: "workers", unit: "" },
      { label: "orders stored", key: "orders", unit: "" },
      { label: "orders credited once", key: "credited_once", unit: "" },
      { label: "orders credited twice", key: "duplicates", unit: "", goal: { at: "most", value: 0 } },
      { label: "order webhook answer p99", key: "webhook_p99_ms", unit: "ms" },
      {
        label: "events per second, two instances",
        key: "events_per_s",
        unit: "/s",
        baselineKey: "events_per_s_single",
        baselineLabel: "one instance, same run",
      },
      { label: "ingest request p99, two instances", key: "p99_ms", unit: "ms" },
    ],
  },
  "attribution-engine": {
    what: "the pure attribution engine in memory",
    measures: [
      { label: "re-attribute all orders", key: "reattribute_s", unit: "s" },
      { label: "one order p99", key: "p99_us", unit: "µs" },
    ],
  },
  hubspot: {
    what: "consented leads through the database outbox and job runner to the sandbox",
    measures: [
      {
        label: "contacts synced per second",
        key: "contacts_per_s",
        unit: "/s",
        baselineKey: "ceiling_per_s",
        baselineLabel: "rate-limit ceiling",
        ratioKey: "ratio",
        goal: { at: "least", value: 0.9, of: "ratio" },
      },
      { label: "HTTP 429 answers", key: "http_429", unit: "" },
    ],
  },
  answers: {
    what: "grounded answers: quality on the labelled questions (600-product shop), speed at 10,000 products + 200 pages",
    measures: [
      { label: "recall@3", key: "recall_at_3", unit: "", goal: { at: "least", value: 0.95 } },
      { label: "answer accuracy (right source)", key: "answer_accuracy", unit: "", goal: { at: "least", value: 0.9 } },
      { label: "abstention precision", key: "abstention_precision", unit: "", goal: { at: "least", value: 0.95 } },
      { label: "abstention recall", key: "abstention_recall", unit: "", goal: { at: "least", value: 0.9 } },
      { label: "clarify rate on ambiguous", key: "clarify_rate_on_ambiguous", unit: "" },
      { label: "question p50", key: "p50_ms", unit: "ms" },
      { label: "question p95", key: "p95_ms", unit: "ms", goal: { at: "most", value: 30 } },
      { label: "cold load to first answer", key: "cold_load_ms", unit: "ms", goal: { at: "most", value: 200 } },
      { label: "persisted index", key: "index_bytes", unit: "B" },
    ],
  },
  fuzz: {
    what: "10,000 hostile bodies to the app-proxy and order webhook routes (production start, SQLite + PostgreSQL)",
    measures: [
      { label: "requests sent", key: "requests", unit: "" },
      { label: "5xx answers", key: "status_5xx", unit: "", goal: { at: "most", value: 0 } },
      { label: "connections reset", key: "resets", unit: "", goal: { at: "most", value: 0 } },
      {
        label: "rows stored from refused bodies",
        key: "stored_from_rejected",
        unit: "",
        goal: { at: "most", value: 0 },
      },
    ],
  },
  conversations: {
    what: "Conversations page over 1M sessions in 30 days",
    measures: [
      { label: "list p95", key: "list_p95_ms", unit: "ms", goal: { at: "most", value: 200 } },
      { label: "list of credited p95", key: "list_credited_p95_ms", unit: "ms", goal: { at: "most", value: 200 } },
      { label: "search p95", key: "list_search_p95_ms", unit: "ms", goal: { at: "most", value: 200 } },
      { label: "list by rating (CSAT) p95", key: "list_csat_p95_ms", unit: "ms", goal: { at: "most", value: 200 } },
      { label: "list by flow p95", key: "list_flow_p95_ms", unit: "ms", goal: { at: "most", value: 200 } },
      { label: "conversation page p95", key: "detail_p95_ms", unit: "ms", goal: { at: "most", value: 200 } },
    ],
  },
  dashboard: {
    what: "dashboard data over 1M sessions in 30 days",
    measures: [
      { label: "p50", key: "p50_ms", unit: "ms" },
      { label: "p95", key: "p95_ms", unit: "ms", goal: { at: "most", value: 200 } },
    ],
  },
};

export interface BenchResult {
  name: string;
  seconds: number;
  /** The last line's JSON, or why there is none. */
  values?: Values;
  error?: string;
}

export interface MachineFacts {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  date: string;
  loadBefore: number[];
  loadAfter: number[];
}

export function machineFacts(loadBefore: number[], now = new Date()): MachineFacts {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    date: now.toISOString(),
    loadBefore,
    loadAfter: os.loadavg(),
  };
}

const num = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;
const show = (value: number | undefined, unit = "") =>
  value === undefined ? "—" : `${value.toLocaleString("en-US", { maximumFractionDigits: 3 })}${unit ? ` ${unit}` : ""}`;

function row(spec: MeasureSpec, values: Values): string[] {
  const value = num(values[spec.key]);
  const baseline = spec.baselineKey ? num(values[spec.baselineKey]) : undefined;
  const ratio = spec.ratioKey
    ? num(values[spec.ratioKey])
    : value !== undefined && baseline
      ? value / baseline
      : undefined;
  let goal = "—";
  let met = "";
  if (spec.goal) {
    const judged = spec.goal.of === "ratio" ? ratio : value;
    goal = `${spec.goal.at === "most" ? "≤" : "≥"} ${show(spec.goal.value, spec.goal.of === "ratio" ? "" : spec.unit)}${spec.goal.of === "ratio" ? " (ratio)" : ""}`;
    met =
      judged === undefined
        ? "not measured"
        : (spec.goal.at === "most" ? judged <= spec.goal.value : judged >= spec.goal.value)
          ? "met"
          : "not met";
  }
  const baselineCell =
    baseline === undefined
      ? "—"
      : `${show(baseline, spec.unit)}${spec.baselineLabel ? ` (${spec.baselineLabel})` : ""}`;
  return [
    spec.label,
    show(value, spec.unit),
    baselineCell,
    ratio === undefined || !spec.baselineKey ? "—" : show(Math.round(ratio * 1000) / 1000),
    goal,
    met,
  ];
}

/** docs/benchmarks.md for one run of the suite. */
export function renderBenchmarkReport(results: BenchResult[], machine: MachineFacts): string {
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(" / ");
  const lines = [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (every `scripts/bench/*.bench.ts`, one after another); do not edit by hand.",
    "Baselines come from the same run. Numbers vary from run to run on a shared machine: the load",
    "average is given before and after.",
    "",
    "| Machine | |",
    "|---|---|",
    `| CPU | ${machine.cpu} |`,
    `| Cores | ${machine.cores} |`,
    `| Memory | ${machine.memoryGiB} GiB |`,
    `| Node | ${machine.node} |`,
    `| Date | ${machine.date} |`,
    `| Load average (1 / 5 / 15 min) | before ${load(machine.loadBefore)}; after ${load(machine.loadAfter)} |`,
    "",
    "| Benchmark | Measure | Value | Baseline (same run) | Ratio | Goal | Status |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const result of results) {
    const known = MEASURES[result.name];
    if (!result.values) {
      lines.push(`| \`${result.name}\` | ${result.error ?? "no result"} | | | | | failed |`);
      continue;
    }
    const values = result.values;
    const specs =
      known?.measures ??
      Object.keys(values)
        .filter((key) => num(values[key]) !== undefined)
        .map((key) => ({ label: key, key, unit: "" }));
    specs.forEach((spec, index) =>
      lines.push(
        `| ${index === 0 ? `\`${result.name}\` (${Math.round(result.seconds)} s)` : ""} | ${row(spec, values).join(" | ")} |`,
      ),
    );
  }
  lines.push("", "## What each benchmark measures", "");
  for (const result of results)
    lines.push(
      `- \`${result.name}\`: ${MEASURES[result.name]?.what ?? "see scripts/bench"}; raw: \`${JSON.stringify(result.values ?? null)}\``,
    );
  return `${lines.join("\n")}\n`;
}

/** Where docs/benchmarks.md's hand-kept part begins: a run rewrites what is above it, never it. */
export const KEPT_SECTION = "## SQLite and PostgreSQL";

/** The new report with the previous file's kept section (if any) after it. */
export function withKeptSection(report: string, previous: string | undefined): string {
  const at = previous?.indexOf(`\n${KEPT_SECTION}\n`) ?? -1;
  return at < 0 || !previous ? report : `${report}${previous.slice(at)}`;
}

/** The last non-empty line of a benchmark's output, as its JSON result. */
export function lastJsonLine(output: string): Values | undefined {
  const last = output.trim().split("\n").at(-1)?.trim();
  if (!last?.startsWith("{")) return undefined;
  try {
    return JSON.parse(last) as Values;
  } catch {
    return undefined;
  }
}

function runBench(bench: string, args: string[]): Promise<BenchResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(here, `${bench}.bench.ts`), ...args], {
      stdio: ["inherit", "pipe", "inherit"],
      env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? "production" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      process.stdout.write(chunk);
    });
    child.on("exit", (code, signal) => {
      const seconds = (Date.now() - started) / 1000;
      const values = lastJsonLine(output);
      if (code !== 0) resolve({ name: bench, seconds, error: `exit ${code ?? signal}` });
      else
        resolve(
          values
            ? { name: bench, seconds, values }
            : { name: bench, seconds, error: "its last line is not one JSON object" },
        );
    });
  });
}

async function main(argv: string[]): Promise<number> {
  const available = readdirSync(here)
    .filter((file) => file.endsWith(".bench.ts"))
    .map((file) => file.slice(0, -".bench.ts".length))
    .sort();
  const only = argv.indexOf("--only");
  const out = argv.indexOf("--out");
  const name = argv[0] && !argv[0].startsWith("--") ? argv[0] : undefined;
  if (name && !available.includes(name)) {
    console.error(`unknown benchmark "${name}"; available: ${available.join(", ") || "none yet"}`);
    return 2;
  }
  if (name) {
    console.log(`\n=== bench ${name}`);
    const result = await runBench(name, argv.slice(1));
    if (result.error) console.error(`bench ${name} failed (${result.error})`);
    return result.error ? 1 : 0;
  }
  const chosen = only >= 0 ? (argv[only + 1] ?? "").split(",").filter(Boolean) : available;
  const unknown = chosen.filter((bench) => !available.includes(bench));
  if (unknown.length) {
    console.error(`unknown benchmark(s) ${unknown.join(", ")}; available: ${available.join(", ")}`);
    return 2;
  }
  const loadBefore = os.loadavg();
  const results: BenchResult[] = [];
  for (const bench of chosen) {
    console.log(`\n=== bench ${bench}`);
    results.push(await runBench(bench, []));
  }
  const file = out >= 0 ? path.resolve(argv[out + 1] ?? "") : path.resolve(here, "../../docs/benchmarks.md");
  const previous = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  writeFileSync(file, withKeptSection(renderBenchmarkReport(results, machineFacts(loadBefore)), previous));
  console.log(`\nwrote ${file}`);
  const failed = results.filter((result) => result.error);
  for (const result of failed) console.error(`bench ${result.name} failed (${result.error})`);
  return failed.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(await main(process.argv.slice(2)));
}
