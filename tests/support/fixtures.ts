import { readFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./database";

/** A Shopify webhook payload from tests/fixtures, parsed fresh for each caller. */
export function webhookFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(path.join(projectRoot, "tests/fixtures/shopify/webhooks", `${name}.json`), "utf8")) as T;
}
