/**
 * docs/benchmarks.md as `npm run bench` writes it, from a given list of results (the suite
 * itself takes long and is run by hand): measures, same-run baselines, ratios, goals met or not.
 */
import { describe, expect, it } from "vitest";
import {
  KEPT_SECTION,
  lastJsonLine,
  renderBenchmarkReport,
  withKeptSection,
  type BenchResult,
  type MachineFacts,
} from "../../../scripts/bench/run";

const MACHINE: MachineFacts = {
  cpu: "AMD EPYC",
  cores: 2,
  memoryGiB: 23.5,
  node: "v22.23.3",
  date: "2026-11-21T10:00:00.000Z",
  loadBefore: [1.5, 1.2, 1],
  loadAfter: [2, 1.4, 1.1],
};

const RESULTS: BenchResult[] = [
  {
    name: "widget",
    seconds: 31,
    values: {
      loader_bytes: 3948,
      total_bytes: 18424,
      loader_gzip_bytes: 2163,
      ui_gzip_bytes: 6000,
      lighthouse_without: 100,
      lighthouse_with: 98,
    },
  },
  {
    name: "ingest",
    seconds: 60,
    values: { events_per_s: 4881, p50_ms: 15.4, p99_ms: 43.6, baseline_events_per_s: 13401, ratio: 0.364 },
  },
  { name: "hubspot", seconds: 40, values: { contacts_per_s: 1055, ceiling_per_s: 1100, ratio: 0.959, http_429: 0 } },
  { name: "dashboard", seconds: 500, error: "exit 1" },
  { name: "newcomer", seconds: 2, values: { widgets_per_s: 12, label: "x" } },
];

const rowOf = (report: string, label: string) => report.split("\n").find((line) => line.includes(`| ${label} |`)) ?? "";

describe("the benchmark report", () => {
  const report = renderBenchmarkReport(RESULTS, MACHINE);

  it("states the machine and the load around the run", () => {
    expect(report).toContain("| CPU | AMD EPYC |");
    expect(report).toContain("| Cores | 2 |");
    expect(report).toContain("| Memory | 23.5 GiB |");
    expect(report).toContain("| Node | v22.23.3 |");
    expect(report).toContain("| Date | 2026-11-21T10:00:00.000Z |");
    expect(report).toContain("before 1.50 / 1.20 / 1.00; after 2.00 / 1.40 / 1.10");
  });

  it.each([
    ["loader (chatlift.js)", "| 3,948 B | — | — | ≤ 4,000 B | met |"],
    ["loader + chat UI", "| 18,424 B | — | — | ≤ 24,000 B | met |"],
    ["Lighthouse performance with the embed", "| 98 | 100 (page without the embed) | 0.98 | — |  |"],
    [
      "events stored per second",
      "| 4,881 /s | 13,401 /s (bare node:http + prepared inserts) | 0.364 | ≥ 5,000 /s | not met |",
    ],
    ["request p99", "| 43.6 ms | — | — | ≤ 50 ms | met |"],
    ["contacts synced per second", "| 1,055 /s | 1,100 /s (rate-limit ceiling) | 0.959 | ≥ 0.9 (ratio) | met |"],
  ])("%s: value, same-run baseline, ratio and goal", (label, cells) => {
    expect(rowOf(report, label)).toContain(cells);
  });

  it("names a benchmark that failed instead of leaving it out", () => {
    expect(report).toContain("| `dashboard` | exit 1 | | | | | failed |");
  });

  it("lists a benchmark it has no goals for with its numeric measures", () => {
    expect(rowOf(report, "widgets_per_s")).toContain("| 12 | — | — | — |  |");
  });

  it("GIVEN a report with a hand-kept section WHEN a run rewrites it THEN the section follows the new report", () => {
    const kept = `${KEPT_SECTION}\n\n| ingest | SQLite | PostgreSQL |\n`;
    const rewritten = withKeptSection(report, `# Benchmarks\n\nold run\n\n${kept}`);
    expect(rewritten).toBe(`${report}\n${kept}`);
    expect(rewritten).not.toContain("old run");
    expect(withKeptSection(report, "# Benchmarks\n\nno section\n")).toBe(report);
    expect(withKeptSection(report, undefined)).toBe(report);
  });

  it("reads a benchmark's result from its last line only", () => {
    expect(lastJsonLine('progress {"not": "this"}\n{"p95_ms": 180}\n')).toEqual({ p95_ms: 180 });
    expect(lastJsonLine('{"p95_ms": 180}\ndone\n')).toBeUndefined();
  });
});
