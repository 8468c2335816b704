/**
 * stderr in the native engine's format: one JSON object per line. The Prisma CLI parses these
 * lines (it reports the last ERROR line's message and, for `cli` sub-commands, its
 * `error_code`), so nothing else may be written to stderr.
 */

const TRACE = Boolean(process.env.SCHEMA_ENGINE_TRACE);

/**
 * @param {"INFO" | "WARN" | "ERROR" | "DEBUG"} level
 * @param {Record<string, unknown>} fields must include `message`
 * @param {string} [target]
 */
export function log(level, fields, target = "schema_engine::stand_in") {
  process.stderr.write(`${JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target })}\n`);
}

/**
 * The error line the CLI looks for after a failed `cli …` sub-command.
 *
 * @param {string} message
 * @param {string} [errorCode] a Prisma error code such as P1003
 */
export function logUserFacingError(message, errorCode) {
  log("ERROR", { is_panic: false, error_code: errorCode, message }, "schema_engine::logger");
}

/**
 * Adapter calls, for debugging the engine (`SCHEMA_ENGINE_TRACE=1 npx prisma … ` shows them with
 * `DEBUG=prisma:schemaEngine:stderr`).
 *
 * @param {string} kind
 * @param {string} sql
 */
export function trace(kind, sql) {
  if (TRACE) log("DEBUG", { message: `${kind}: ${sql}` }, "schema_engine::stand_in::trace");
}

/** Node's own warnings would otherwise go to stderr as plain text and break the CLI's parsing. */
export function routeNodeWarningsToLog() {
  process.removeAllListeners("warning");
  process.on("warning", (warning) => log("WARN", { message: `${warning.name}: ${warning.message}` }));
}
