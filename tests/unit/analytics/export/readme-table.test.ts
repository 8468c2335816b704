/**
 * The README's event table is written from the export specification: every exported name, its
 * GA4 event and its properties appear in one row, so the documentation cannot drift from the code.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EVENT_SPECS } from "../../../../app/analytics/export/event-spec";

const README = readFileSync(path.resolve(__dirname, "../../../../README.md"), "utf8");

describe("the README's event table", () => {
  it("GIVEN the specification WHEN the README is read THEN each event has its row with its GA4 name and properties", () => {
    for (const spec of EVENT_SPECS) {
      const row = README.split("\n").find(
        (line) => line.startsWith(`| \`${spec.name}\` |`) && line.includes(`| \`${spec.ga4}\` |`),
      );
      expect(row, spec.name).toBeDefined();
      const properties = Object.keys(spec.properties).join(", ") || "—";
      expect(row, spec.name).toContain(`| ${properties} |`);
      expect(row, spec.name).toContain(spec.microKind ?? spec.source);
    }
  });
});
