// The production server's request log without secrets. remix-serve logs every request with
// morgan's "tiny" format (method, URL, status, size, time) and offers no option to change it;
// loaded first into its process (`node --import`, set by requestLogEnvironment() in scripts/start.mjs),
// this module makes morgan's `:url` token print the URL through app/privacy/request-log.js, so the
// log keeps the path and harmless parameters but never a customer id, session token or OAuth code.
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { scrubUrl } from "../app/privacy/request-log.js";

// The very morgan remix-serve requires (resolved from its package), so the token is replaced on its instance.
const fromServe = createRequire(createRequire(import.meta.url).resolve("@remix-run/serve/package.json"));
const morgan = fromServe("morgan");
morgan.token("url", (req) => scrubUrl(req.originalUrl || req.url || ""));

/** The environment for a server process whose request log goes through this module. */
export function requestLogEnvironment(env = process.env) {
  const preload = `--import=${pathToFileURL(fileURLToPath(import.meta.url)).href}`;
  const options = env.NODE_OPTIONS ?? "";
  return { ...env, NODE_OPTIONS: options.includes(preload) ? options : `${options} ${preload}`.trim() };
}
