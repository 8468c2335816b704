/**
 * Sends fuzz cases to a running app over real HTTP, signed as Shopify signs them (the app proxy's
 * query signature, the webhook HMAC), and tallies what the goal is judged on: 5xx answers, connections
 * reset instead of answered, and rows stored from bodies the app refused. Shared by the suite's fuzz
 * test (routes served in process) and `npm run bench -- fuzz` (the production start).
 */
import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { shopifyHmac, signedProxyQuery } from "../../../sandbox/shopify/signing";
import type Database from "../../../app/db.server";
import type { FuzzCase } from "./bodies";

export interface FuzzTarget {
  origin: string;
  /** The installed shop every case is signed for. */
  shop: string;
  /** The shop replays are sent under (installed too). */
  otherShop: string;
  secret: string;
}

export interface Answer {
  status: number;
  body: string;
  /** The socket error seen instead of an answer (ECONNRESET, EPIPE …). */
  error?: string;
}

export interface Tally {
  requests: number;
  status_5xx: number;
  resets: number;
  /** Cases answered 4xx (their rows must not exist). */
  rejected: FuzzCase[];
  /** The first few 5xx and resets, to say what broke. */
  failures: Array<{ what: string; route: string; status: number; body: string }>;
}

const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

function post(url: string, headers: Record<string, string>, body: Buffer): Promise<Answer> {
  return new Promise((resolve) => {
    const request = httpRequest(
      url, // A connection per request: a kept-alive socket the server closed while idle would show as a reset it never made.
      { method: "POST", headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8").slice(0, 500) }),
        );
        response.on("error", (error: NodeJS.ErrnoException) =>
          resolve({ status: 0, body: "", error: error.code ?? error.message }),
        );
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ status: 0, body: "", error: error.code ?? error.message }),
    );
    request.end(body);
  });
}

export function sendCase(target: FuzzTarget, fuzz: FuzzCase): Promise<Answer> {
  const body = Buffer.from(fuzz.body, "utf8");
  const headers: Record<string, string> = { "Content-Type": "application/json", "Content-Length": String(body.length) };
  if (!fuzz.topic) {
    const query = signedProxyQuery({
      shop: target.shop,
      secret: target.secret,
      ...(fuzz.signature === "forged" ? { signature: "0".repeat(64) } : {}),
    });
    return post(`${target.origin}${fuzz.route}?${query.toString()}`, { ...headers, "User-Agent": BROWSER }, body);
  }
  const hmac =
    fuzz.signature === "forged" ? shopifyHmac(`${fuzz.body} `, target.secret) : shopifyHmac(fuzz.body, target.secret);
  return post(
    `${target.origin}${fuzz.route}`,
    {
      ...headers,
      "X-Shopify-Topic": fuzz.topic,
      "X-Shopify-Hmac-Sha256": hmac,
      "X-Shopify-Shop-Domain": fuzz.otherShop ? target.otherShop : target.shop,
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
    },
    body,
  );
}

/**
 * Sends every case, `concurrency` at a time. Replays (which need their first delivery's job done)
 * wait for `beforeReplays`.
 */
export async function sendAll(
  target: FuzzTarget,
  cases: readonly FuzzCase[],
  options: { concurrency?: number; beforeReplays?: () => Promise<void> } = {},
): Promise<Tally> {
  const tally: Tally = { requests: 0, status_5xx: 0, resets: 0, rejected: [], failures: [] };
  const run = async (batch: readonly FuzzCase[]) => {
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const fuzz = batch[next++] as FuzzCase;
        const answer = await sendCase(target, fuzz);
        tally.requests += 1;
        if (answer.error) tally.resets += 1;
        else if (answer.status >= 500) tally.status_5xx += 1;
        else if (answer.status >= 400) tally.rejected.push(fuzz);
        if ((answer.error || answer.status >= 500) && tally.failures.length < 10)
          tally.failures.push({
            what: fuzz.what,
            route: fuzz.route,
            status: answer.status,
            body: answer.error ?? answer.body,
          });
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  };
  await run(cases.filter((fuzz) => !fuzz.otherShop));
  await options.beforeReplays?.();
  await run(cases.filter((fuzz) => fuzz.otherShop));
  return tally;
}

/** Rows stored from refused bodies: their event ids, their order ids, and anything under the replays' shop. */
export async function storedFromRejected(db: typeof Database, target: FuzzTarget, tally: Tally): Promise<number> {
  const eventIds = tally.rejected.flatMap((fuzz) => fuzz.eventIds);
  const orderIds = tally.rejected.filter((fuzz) => !fuzz.otherShop).flatMap((fuzz) => fuzz.orderIds);
  let stored = 0;
  for (let i = 0; i < eventIds.length; i += 500)
    stored += await db.chatEvent.count({ where: { shopDomain: target.shop, id: { in: eventIds.slice(i, i + 500) } } });
  for (let i = 0; i < orderIds.length; i += 500)
    stored += await db.order.count({ where: { id: { in: orderIds.slice(i, i + 500) } } });
  stored += await db.order.count({ where: { shopDomain: target.otherShop } });
  stored += await db.refund.count({ where: { shopDomain: target.otherShop } });
  return stored;
}
