#!/usr/bin/env node
// `npm start`: serve the production build. It applies pending migrations first (idempotent,
// and the only way a fresh DATABASE_URL gets its tables) and builds once if no build exists,
// so `npm ci && npm start` works on a fresh clone. Rebuild after changes with `npm run build`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { requestLogEnvironment } from "./request-log.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules/.bin", name);

function run(label, command, args) {
  console.log(`[start] ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`[start] ${label} failed (exit ${result.status ?? result.signal}); not starting.`);
    process.exit(result.status ?? 1);
  }
}

run("applying database migrations", bin("prisma"), ["migrate", "deploy"]);
if (!existsSync(path.join(root, "build/server/index.js"))) {
  run("no production build yet: building", bin("remix"), ["vite:build"]);
}

process.env.NODE_ENV = "production";
// Its request log goes through scripts/request-log.mjs: no customer id, session token or OAuth code in it.
const server = spawn(bin("remix-serve"), ["./build/server/index.js"], {
  cwd: root,
  stdio: "inherit",
  env: requestLogEnvironment(),
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
