/**
 * `npm run check:hubspot-spec -- SPEC_DIR [--requests FILE]`: every kind of request ChatLift sends
 * HubSpot, checked against HubSpot's published OpenAPI files in SPEC_DIR (a checkout of
 * HubSpot/HubSpot-public-api-spec-collection, fetched by whoever runs this: its licence allows
 * reading and checking only, so no part of it is ever committed here). Without --requests the
 * requests are made by the app's adapter against a fresh sandbox (scripts/hubspot-spec/drive.ts);
 * with it, they are read from the JSON lines a sandbox wrote during a test run or the demo
 * (HUBSPOT_SANDBOX_RECORD_FILE). A recorded run also holds the bad requests tests send on purpose to
 * prove the sandbox refuses them: so only requests the sandbox accepted are checked, unless --all.
 * For each kind: the spec operation, the body's problems, and the scopes the spec asks for against
 * those ChatLift requests. Only the spec files of the version api-versions.ts names are read, and a
 * request on a numbered path (other than the exceptions named there) is invalid. Exit 1 when any kind is invalid.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  HUBSPOT_API_VERSION,
  HUBSPOT_NUMBERED_EXCEPTIONS,
  isDateBasedPath,
} from "../app/integrations/hubspot/api-versions";
import { HUBSPOT_OPTIONAL_SCOPES, HUBSPOT_SCOPES } from "../app/integrations/hubspot/oauth";
import type { RecordedRequest } from "../sandbox/hubspot/page";
import { driveAdapter } from "./hubspot-spec/drive";
import { checkBody, loadOperations, operationsFor, scopeSets } from "./hubspot-spec/openapi";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { requests: { type: "string" }, all: { type: "boolean", default: false } },
});
const specDir = positionals[0];
if (!specDir) {
  console.error("usage: npm run check:hubspot-spec -- SPEC_DIR [--requests FILE [--all]]");
  process.exit(2);
}

// Only the rollout of the version ChatLift calls: a request valid against v3 only would not be checked at all.
const operations = loadOperations(specDir, HUBSPOT_API_VERSION);
if (!operations.length) {
  console.error(`no OpenAPI files of version ${HUBSPOT_API_VERSION} under ${specDir}`);
  process.exit(2);
}
const recorded: Array<Pick<RecordedRequest, "method" | "path" | "body" | "status">> = values.requests
  ? readFileSync(values.requests, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as RecordedRequest)
  : await driveAdapter();
const requests = values.all ? recorded : recorded.filter((request) => request.status < 400);
if (requests.length < recorded.length)
  console.log(`${recorded.length - requests.length} requests the sandbox refused are left out (--all checks them too)`);

const asked = new Set([...HUBSPOT_SCOPES, ...HUBSPOT_OPTIONAL_SCOPES]);
type Kind = { kind: string; count: number; problems: Set<string>; scopes: string; file: string; unlisted?: boolean };
const exceptions = new Set(HUBSPOT_NUMBERED_EXCEPTIONS.map((exception) => exception.path));
const kinds = new Map<string, Kind>();
for (const request of requests) {
  // The consent screen is a browser page, not an API call.
  if (request.path === "/oauth/authorize" || request.path.startsWith("/__sandbox")) continue;
  const candidates = operationsFor(operations, request.method, request.path);
  const key = `${request.method} ${candidates[0]?.template ?? request.path}`;
  const kind = kinds.get(key) ?? { kind: key, count: 0, problems: new Set<string>(), scopes: "", file: "" };
  kinds.set(key, kind);
  kind.count += 1;
  if (!isDateBasedPath(request.path) && !exceptions.has(request.path)) {
    kind.problems.add(`a numbered path: ChatLift calls ${HUBSPOT_API_VERSION} (api-versions.ts)`);
    continue;
  }
  if (!candidates.length) {
    // Documented elsewhere (e.g. the private apps guide's token info), but in no published OpenAPI file.
    kind.unlisted = true;
    continue;
  }
  // Valid when one of the spec files that define this path (HubSpot publishes some in more than one) takes it.
  const checked = candidates.map((candidate) => ({ candidate, problems: checkBody(candidate, request.body) }));
  const best = checked.find((entry) => entry.problems.length === 0) ?? (checked[0] as (typeof checked)[number]);
  for (const problem of best.problems) kind.problems.add(problem);
  kind.file = best.candidate.file;
  const sets = scopeSets(best.candidate);
  const held = sets.find((set) => set.every((scope) => asked.has(scope)));
  kind.scopes = sets.length === 0 ? "(none)" : held ? `${held.join("+")} (one of ${sets.length})` : "";
  if (sets.length && !held)
    kind.problems.add(
      `ChatLift asks for none of the spec's scope sets: ${sets.map((set) => set.join("+")).join(" | ")}`,
    );
}

let invalid = 0;
let unlisted = 0;
for (const kind of [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind))) {
  if (kind.unlisted) {
    unlisted += 1;
    console.log(`unlisted ${kind.kind} ×${kind.count}  (in no ${HUBSPOT_API_VERSION} OpenAPI file of ${specDir})`);
    continue;
  }
  const ok = kind.problems.size === 0;
  if (!ok) invalid += 1;
  console.log(`${ok ? "valid   " : "INVALID "} ${kind.kind} ×${kind.count}  scopes: ${kind.scopes}  (${kind.file})`);
  for (const problem of kind.problems) console.log(`         ${problem}`);
}
console.log(
  `${kinds.size} request kinds, ${requests.length} requests: ${kinds.size - invalid - unlisted} valid, ${invalid} invalid, ${unlisted} in no published spec`,
);
process.exit(invalid ? 1 : 0);
