/**
 * The production server's request log (remix-serve's morgan "tiny" line, loaded through
 * scripts/request-log.mjs by scripts/start.mjs) never carries a logged-in customer's id, a
 * session token or an OAuth code: a real server process logs real requests, once without the
 * preload (what `npm start` did before: the values are there) and once with it.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { scrubUrl } from "../../../app/privacy/request-log.js";
import { requestLogEnvironment } from "../../../scripts/request-log.mjs";

const CUSTOMER_ID = "7301234567890123456";
const ID_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJkZXN0IjoiaHR0cHM6Ly9zaG9wIn0.c2lnbmF0dXJl";
const OAUTH_CODE = "0907a61c0c8d55e99db179b68161bc00";

const REQUESTS = [
  `/apps/chatlift/events?shop=peak.myshopify.com&logged_in_customer_id=${CUSTOMER_ID}&path_prefix=%2Fapps%2Fchatlift&timestamp=1764000000&signature=ab12`,
  `/app/dashboard?embedded=1&hmac=ff00&host=YWRtaW4&id_token=${ID_TOKEN}&locale=en&session=s3cr3t&shop=peak.myshopify.com`,
  `/auth/callback?code=${OAUTH_CODE}&hmac=ff00&host=YWRtaW4&shop=peak.myshopify.com&state=nonce123&timestamp=1764000000`,
  `/hubspot/oauth/callback?code=${OAUTH_CODE}&state=nonce456`,
];

/** Log lines of a server process that logs as remix-serve does (its own morgan, format "tiny") for REQUESTS. */
function serverLogFor(env: NodeJS.ProcessEnv): string {
  const script = `
    const { createRequire } = require("node:module");
    const http = require("node:http");
    const morgan = createRequire(require.resolve("@remix-run/serve/package.json"))("morgan");
    const logger = morgan("tiny");
    const paths = ${JSON.stringify(REQUESTS)};
    const server = http.createServer((req, res) => logger(req, res, () => res.end("ok")));
    server.listen(0, "127.0.0.1", async () => {
      for (const path of paths) await (await fetch("http://127.0.0.1:" + server.address().port + path)).text();
      setTimeout(() => server.close(), 50);
    });`;
  const result = spawnSync(process.execPath, ["-e", script], { env, encoding: "utf8", timeout: 20_000 });
  expect(result.stderr).toBe("");
  return result.stdout;
}

describe("request log", () => {
  it("GIVEN the URLs Shopify and HubSpot send THEN the logged form keeps the path and shop but no secret value", () => {
    const logged = REQUESTS.map(scrubUrl);
    for (const secret of [CUSTOMER_ID, ID_TOKEN, OAUTH_CODE, "s3cr3t", "nonce123", "ab12"]) {
      expect(logged.filter((url) => url.includes(secret))).toEqual([]);
    }
    expect(logged[0]).toBe(
      "/apps/chatlift/events?shop=peak.myshopify.com&logged_in_customer_id=[redacted]&path_prefix=%2Fapps%2Fchatlift&timestamp=1764000000&signature=[redacted]",
    );
    expect(scrubUrl("/healthz")).toBe("/healthz");
  });

  it("GIVEN the production server's logger WHEN requests carrying a customer id, a session token and an OAuth code arrive THEN no log line holds them", () => {
    const { NODE_OPTIONS: _ignored, ...plain } = process.env;
    // Without the preload the line is the raw URL: the test would see the secrets.
    expect(serverLogFor(plain)).toContain(CUSTOMER_ID);

    const log = serverLogFor(requestLogEnvironment(plain));

    expect(log.trim().split("\n")).toHaveLength(REQUESTS.length);
    for (const secret of [CUSTOMER_ID, ID_TOKEN, OAUTH_CODE]) expect(log).not.toContain(secret);
    expect(log).toContain("GET /auth/callback?code=[redacted]");
  });
});
