/**
 * Routes (actions, and loaders for GETs) served over real HTTP, for what only shows on the wire (a 413 that arrives before the body
 * is sent in full, a connection reset instead of an answer). The request reaches the action as
 * `remix-serve` hands it over (@remix-run/node's stream adapter over Node's IncomingMessage, as
 * @remix-run/express's createRemixRequest does), and the answer goes back the same way; a thrown
 * Response is answered as Remix answers it, anything else thrown is a 500. An action may also answer with
 * single fetch's `data()` (a 422 beside a form's fields) or plain data: it goes out as JSON with its status and
 * headers (Remix encodes it with turbo-stream; the status and payload are what a test reads). Faster than
 * building the app for the admin harness, and the same body handling.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createReadableStreamFromReadable, writeReadableStreamToWritable } from "@remix-run/node";
import { responseOf, routeArgs, unwrap } from "./responses";

/** A route's action or loader: a Response, single fetch's `data()` or plain data, returned or thrown. */
type Action = (args: ReturnType<typeof routeArgs>) => Promise<unknown>;

export interface RouteServer {
  origin: string;
  close: () => Promise<void>;
}

function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((item) => headers.append(name, item));
    else if (value !== undefined) headers.set(name, value);
  }
  // A GET or HEAD carries no body (fetch's Request refuses one): downloads are served too.
  const bodyless = req.method === "GET" || req.method === "HEAD";
  return new Request(new URL(req.url ?? "/", origin), {
    method: req.method,
    headers,
    ...(bodyless ? {} : { body: createReadableStreamFromReadable(req), duplex: "half" }),
  } as RequestInit);
}

/** `data(payload, init)` and plain data as the JSON Response a client receives; a Response as it is. */
function onTheWire(answer: unknown): Response {
  if (answer instanceof Response) return answer;
  const { status, body } = unwrap(answer);
  const withInit = answer as { type?: unknown; init?: ResponseInit | null } | null;
  const headers = withInit?.type === "DataWithResponseInit" ? withInit.init?.headers : undefined;
  return Response.json(body ?? null, { status, headers });
}

/** Serves each path's action on 127.0.0.1 (any free port). */
export async function serveRoutes(routes: Record<string, Action>): Promise<RouteServer> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on("request", async (req, res) => {
    const action = routes[new URL(req.url ?? "/", origin).pathname];
    if (!action) return void res.writeHead(404).end();
    let response: Response;
    try {
      response = onTheWire(await responseOf(action(routeArgs(toRequest(req, origin)))));
    } catch (error) {
      response = new Response(String(error), { status: 500 });
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body) await writeReadableStreamToWritable(response.body, res);
    else res.end();
  });
  return {
    origin,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface WireAnswer {
  status: number;
  body: string;
  /** Bytes of the body the client had written when the answer's headers arrived. */
  sentWhenAnswered: number;
  /** The socket error the client saw (ECONNRESET, EPIPE), if any. */
  error?: string;
}

export interface StreamedPost {
  url: string;
  headers: Record<string, string>;
  /** The body, written in chunks of `chunkBytes`; without a Content-Length header it goes chunked. */
  body: Buffer;
  chunkBytes?: number;
  /** After this many bytes, wait for the answer (at most holdMs) before sending the rest. */
  holdAfter?: number;
  holdMs?: number;
}

/**
 * POSTs a body chunk by chunk and reports what came back and when. Like curl, the client stops
 * sending once an answer arrives before its body is done; a server that cuts the connection instead
 * of answering shows as `error` (ECONNRESET, EPIPE) and no status.
 */
export function streamedPost({
  url,
  headers,
  body,
  chunkBytes = 64 * 1024,
  holdAfter = Infinity,
  holdMs = 2_000,
}: StreamedPost): Promise<WireAnswer> {
  return new Promise((resolve) => {
    let sent = 0;
    let held = false;
    let answeredAt: number | undefined;
    let answered: () => void = () => undefined;
    const answerArrived = new Promise<void>((resolveAnswer) => (answered = resolveAnswer));
    let settled = false;
    const settle = (answer: WireAnswer) => {
      if (settled) return;
      settled = true;
      resolve(answer);
      // What curl does with a body the server no longer wants.
      if (!request.writableFinished) request.destroy();
    };
    const request = httpRequest(url, { method: "POST", headers });
    request.on("response", (response) => {
      answeredAt = sent;
      answered();
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () =>
        settle({ status: response.statusCode ?? 0, body: text, sentWhenAnswered: answeredAt ?? sent }),
      );
    });
    request.on("error", (error: NodeJS.ErrnoException) =>
      settle({ status: 0, body: "", sentWhenAnswered: answeredAt ?? sent, error: error.code ?? error.message }),
    );
    const writeNext = () => {
      while (sent < body.length) {
        if (answeredAt !== undefined || settled) return;
        if (!held && sent >= holdAfter) {
          held = true;
          const timer = new Promise((wake) => setTimeout(wake, holdMs));
          return void Promise.race([answerArrived, timer]).then(writeNext);
        }
        const chunk = body.subarray(sent, sent + chunkBytes);
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", writeNext);
      }
      request.end();
    };
    writeNext();
  });
}
