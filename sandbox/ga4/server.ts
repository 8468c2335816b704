/**
 * A local stand-in for GA4's Measurement Protocol, as strict as GA4 and as quiet: /mp/collect
 * answers 204 to everything it can read (GA4 does, even to a wrong api_secret or a malformed event)
 * and keeps only what GA4 would keep; /debug/mp/collect answers the validation server's
 * `validationMessages`. Every request is recorded, so tests assert the exact payloads and see what
 * was dropped and why. `outage()` plays GA4 down (503) for a while.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { validateGa4Payload, type Ga4Payload } from "../../app/integrations/ga4/measurement-protocol";

/** GA4 refuses Measurement Protocol bodies of 130 kB or more. */
export const GA4_MAX_BODY_BYTES = 130 * 1024;

export interface Ga4Property {
  measurementId: string;
  apiSecrets: string[];
}

export interface Ga4Request {
  path: string;
  measurementId: string | null;
  apiSecret: string | null;
  body: unknown;
  /** What GA4 kept: the payload's events, or nothing with the reason. */
  kept: boolean;
  dropped?: string;
}

export interface Ga4Sandbox {
  url: string;
  requests: Ga4Request[];
  /** Events kept (collect only), with the request's client id and consent. */
  keptEvents(): Array<{ client_id: string; timestamp_micros?: number; name: string; params: Record<string, unknown> }>;
  /** Answer 503 to every request for `ms` milliseconds from now. */
  outage(ms: number): void;
  close(): Promise<void>;
}

export interface Ga4SandboxOptions {
  port?: number;
  properties?: Ga4Property[];
  now?: () => number;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startGa4Sandbox(options: Ga4SandboxOptions = {}): Promise<Ga4Sandbox> {
  const properties = options.properties ?? [{ measurementId: "G-CHATLIFT1", apiSecrets: ["sandbox-secret"] }];
  const now = options.now ?? (() => Date.now());
  const requests: Ga4Request[] = [];
  let downUntil = 0;
  const sockets = new Set<Socket>();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://sandbox");
    const answer = (status: number, body?: unknown) => {
      response.writeHead(status, body === undefined ? {} : { "Content-Type": "application/json" });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const raw = await readBody(request);
    if (performance.now() < downUntil)
      return answer(503, { error: { code: 503, message: "The service is unavailable." } });
    const debug = url.pathname === "/debug/mp/collect";
    if (url.pathname !== "/mp/collect" && !debug) return answer(404);
    if (request.method !== "POST") return answer(405);
    const measurementId = url.searchParams.get("measurement_id");
    const apiSecret = url.searchParams.get("api_secret");
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      body = undefined;
    }
    const messages =
      raw.length >= GA4_MAX_BODY_BYTES
        ? [
            {
              fieldPath: "",
              description: `The payload is ${raw.length} bytes; it must be smaller than 130kB.`,
              validationCode: "VALUE_OUT_OF_BOUNDS",
            },
          ]
        : validateGa4Payload(body, now());
    if (debug) {
      // The validation server checks the payload, not the measurement id or api_secret.
      requests.push({ path: url.pathname, measurementId, apiSecret, body, kept: false, dropped: "validation only" });
      return answer(200, { validationMessages: messages });
    }
    const property = properties.find((candidate) => candidate.measurementId === measurementId);
    let dropped: string | undefined;
    if (!property) dropped = `unknown measurement_id ${measurementId ?? "(none)"}`;
    else if (!apiSecret || !property.apiSecrets.includes(apiSecret)) dropped = "api_secret not valid for the stream";
    else if (messages.length) dropped = messages.map((message) => message.description).join(" ");
    requests.push({ path: url.pathname, measurementId, apiSecret, body, kept: !dropped, dropped });
    answer(204);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    keptEvents: () =>
      requests
        .filter((request) => request.kept)
        .flatMap((request) => {
          const payload = request.body as Ga4Payload;
          return payload.events.map((event) => ({
            client_id: payload.client_id,
            timestamp_micros: payload.timestamp_micros,
            name: event.name,
            params: event.params,
          }));
        }),
    outage: (ms) => (downUntil = performance.now() + ms),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
