/**
 * A local stand-in for Mixpanel's /import, as its published reference describes it: the project
 * token as the basic-auth user (401 "Invalid credentials" otherwise), at most 2,000 records and
 * 10 MB per request (413), every record checked (event name, time within range, distinct_id not a
 * placeholder, $insert_id of at most 36 letters, digits or dashes), with strict=1 the refused ones
 * named in `failed_records` beside the count imported (a 400 that is a partial success), and a
 * record whose $insert_id the project already holds kept once. `outage()` plays Mixpanel down (503).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import {
  MIXPANEL_EARLIEST_MS,
  MIXPANEL_INVALID_DISTINCT_IDS,
  MIXPANEL_MAX_EVENT_BYTES,
  MIXPANEL_MAX_EVENTS_PER_REQUEST,
  MIXPANEL_MAX_FUTURE_MS,
  MIXPANEL_MAX_INSERT_ID_CHARS,
  MIXPANEL_MAX_REQUEST_BYTES,
  type MixpanelEvent,
  type MixpanelFailedRecord,
} from "../../app/integrations/mixpanel/import-api";

export interface MixpanelRequest {
  strict: boolean;
  authorized: boolean;
  status: number;
  body: unknown;
}

export interface MixpanelSandbox {
  url: string;
  requests: MixpanelRequest[];
  /** Records the project holds, one per $insert_id, in arrival order. */
  events: MixpanelEvent[];
  /** Records that arrived again under an $insert_id already held (not kept again). */
  duplicates: number;
  outage(ms: number): void;
  close(): Promise<void>;
}

export interface MixpanelSandboxOptions {
  port?: number;
  projectTokens?: string[];
  now?: () => number;
}

function recordProblem(record: unknown, nowMs: number): Omit<MixpanelFailedRecord, "index" | "insert_id"> | null {
  const { event, properties } = (record ?? {}) as { event?: unknown; properties?: Record<string, unknown> };
  if (typeof event !== "string" || event === "") return { field: "event", message: "'event' must not be empty" };
  if (typeof properties !== "object" || properties === null)
    return { field: "properties", message: "'properties' must be an object" };
  const insertId = properties.$insert_id;
  if (typeof insertId !== "string" || insertId === "")
    return { field: "properties.$insert_id", message: "'properties.$insert_id' is required" };
  if (insertId.length > MIXPANEL_MAX_INSERT_ID_CHARS || !/^[A-Za-z0-9-]+$/.test(insertId))
    return {
      field: "properties.$insert_id",
      message: `'properties.$insert_id' is invalid: must be at most ${MIXPANEL_MAX_INSERT_ID_CHARS} alphanumeric characters or '-'`,
    };
  const time = properties.time;
  if (typeof time !== "number" || !Number.isFinite(time))
    return { field: "properties.time", message: "'properties.time' is required" };
  const ms = time < 1e11 ? time * 1000 : time;
  if (ms < MIXPANEL_EARLIEST_MS || ms > nowMs + MIXPANEL_MAX_FUTURE_MS)
    return {
      field: "properties.time",
      message: "'properties.time' is invalid: must be specified as seconds since epoch",
    };
  const distinctId = properties.distinct_id;
  if (typeof distinctId !== "string")
    return { field: "properties.distinct_id", message: "'properties.distinct_id' must be a string" };
  if (MIXPANEL_INVALID_DISTINCT_IDS.includes(distinctId.toLowerCase()))
    return { field: "properties.distinct_id", message: `'properties.distinct_id' is invalid: ${distinctId}` };
  if (Buffer.byteLength(JSON.stringify(record)) > MIXPANEL_MAX_EVENT_BYTES)
    return { field: "properties", message: "event exceeds max size of 1MB" };
  return null;
}

function parseRecords(raw: string, contentType: string): unknown[] | null {
  try {
    if (contentType.startsWith("application/x-ndjson"))
      return raw
        .split("\n")
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as unknown);
    const parsed = JSON.parse(raw) as unknown;
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    return null;
  }
}

export async function startMixpanelSandbox(options: MixpanelSandboxOptions = {}): Promise<MixpanelSandbox> {
  const tokens = options.projectTokens ?? ["sandbox-project-token"];
  const now = options.now ?? (() => Date.now());
  const held = new Set<string>();
  const sandbox = { requests: [] as MixpanelRequest[], events: [] as MixpanelEvent[], duplicates: 0 };
  let downUntil = 0;
  const sockets = new Set<Socket>();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://sandbox");
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size <= MIXPANEL_MAX_REQUEST_BYTES) chunks.push(chunk as Buffer);
    }
    const strict = url.searchParams.get("strict") === "1";
    const auth = request.headers.authorization ?? "";
    const [user, password] = Buffer.from(auth.replace(/^Basic /, ""), "base64")
      .toString("utf8")
      .split(":");
    const authorized = auth.startsWith("Basic ") && tokens.includes(user ?? "") && password === "";
    const answer = (status: number, body: unknown, recorded: unknown = undefined) => {
      sandbox.requests.push({ strict, authorized, status, body: recorded });
      response.writeHead(status, { "Content-Type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (performance.now() < downUntil)
      return answer(503, { code: 503, error: "service unavailable", status: "Service Unavailable" });
    if (url.pathname !== "/import" || request.method !== "POST")
      return answer(404, { code: 404, error: "not found", status: "Not Found" });
    if (!authorized) return answer(401, { code: 401, error: "Invalid credentials", status: "Unauthorized" });
    if (size > MIXPANEL_MAX_REQUEST_BYTES)
      return answer(413, {
        code: 413,
        error: `request exceeds max limit of ${MIXPANEL_MAX_REQUEST_BYTES} bytes`,
        status: "Request Entity Too Large",
      });
    const records = parseRecords(Buffer.concat(chunks).toString("utf8"), request.headers["content-type"] ?? "");
    if (!records) return answer(400, { code: 400, error: "unable to parse request body", status: "Bad Request" });
    if (records.length > MIXPANEL_MAX_EVENTS_PER_REQUEST)
      return answer(
        400,
        {
          code: 400,
          error: `request exceeds max limit of ${MIXPANEL_MAX_EVENTS_PER_REQUEST} records`,
          status: "Bad Request",
        },
        records,
      );
    const failed: MixpanelFailedRecord[] = [];
    let imported = 0;
    records.forEach((record, index) => {
      const problem = recordProblem(record, now());
      const insertId = String((record as MixpanelEvent)?.properties?.$insert_id ?? "");
      if (problem) return void failed.push({ index, insert_id: insertId, ...problem });
      imported += 1;
      if (held.has(insertId)) return void (sandbox.duplicates += 1);
      held.add(insertId);
      sandbox.events.push(record as MixpanelEvent);
    });
    if (failed.length && strict)
      return answer(
        400,
        {
          code: 400,
          error: "some data points in the request failed validation",
          status: "Bad Request",
          num_records_imported: imported,
          failed_records: failed,
        },
        records,
      );
    answer(200, { code: 200, num_records_imported: imported, status: "OK" }, records);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(sandbox, {
    url: `http://127.0.0.1:${port}`,
    outage: (ms: number) => void (downUntil = performance.now() + ms),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  });
}
