/**
 * `npm run bench -- NAME [args]` runs scripts/bench/NAME.bench.ts; `npm run bench` runs them
 * all. Each benchmark prints, as its last line, one JSON object with its measures.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((file) => file.endsWith(".bench.ts"))
  .map((file) => file.slice(0, -".bench.ts".length))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (name && !available.includes(name)) {
  console.error(`unknown benchmark "${name}"; available: ${available.join(", ") || "none yet"}`);
  process.exit(2);
}

let failed = 0;
for (const bench of name ? [name] : available) {
  console.log(`\n=== bench ${bench}`);
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(here, `${bench}.bench.ts`), ...args], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? "production" },
  });
  if (result.status !== 0) {
    failed += 1;
    console.error(`bench ${bench} failed (exit ${result.status ?? result.signal})`);
  }
}
process.exit(failed ? 1 : 0);
