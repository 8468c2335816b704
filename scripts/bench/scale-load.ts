/**
 * The load of `npm run bench -- scale`: widget batches and signed orders/create webhooks sent to
 * several app instances round-robin over keep-alive HTTP, each request's latency kept.
 */
import { randomUUID } from "node:crypto";
import { request as httpRequest, Agent } from "node:http";
import { signedProxyQuery, shopifyHmac } from "../../sandbox/shopify/signing";
import { anOrderPayload, withCartAttribute } from "../../sandbox/shopify/order-payloads";

export const EVENTS_PER_BATCH = 20;

/** A new visitor's widget batch: session_started, step views and an add-to-cart every fifth event. */
export function batchBody(sessionId: string): string {
  const now = Date.now();
  const events: unknown[] = [
    {
      id: randomUUID(),
      sessionId,
      occurredAt: now - 5_000,
      type: "session_started",
      landingPath: "/products/linen-shirt",
      returning: false,
    },
  ];
  for (let i = 1; i < EVENTS_PER_BATCH; i += 1)
    events.push(
      i % 5 === 0
        ? {
            id: randomUUID(),
            sessionId,
            occurredAt: now - 1_000,
            type: "micro_conversion",
            kind: "add_to_cart",
            productId: "632910392",
            value: 39.9,
            currency: "USD",
          }
        : {
            id: randomUUID(),
            sessionId,
            occurredAt: now - 2_000,
            type: "step_viewed",
            flowId: "size-help",
            stepId: `s${i}`,
          },
    );
  return JSON.stringify({
    v: 1,
    visitorId: `visitor_${sessionId}`,
    arm: "treatment",
    page: { type: "product", path: "/products/linen-shirt" },
    sentAt: now,
    events,
  });
}

export type Outgoing = { path: string; body: string; headers: Record<string, string> };

export function eventsRequest(shop: string, sessionId: string): Outgoing {
  return {
    path: `/apps/chatlift/events?${signedProxyQuery({ shop }).toString()}`,
    body: batchBody(sessionId),
    headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0" },
  };
}

/** A credited order: its cart attribute names a chat session stored earlier. */
export function orderWebhook(shop: string, sessionId: string): Outgoing & { orderId: string } {
  const payload = withCartAttribute(anOrderPayload(new Date()), sessionId);
  const body = JSON.stringify(payload);
  return {
    orderId: payload.admin_graphql_api_id,
    path: "/webhooks/orders/create",
    body,
    headers: {
      "X-Shopify-Topic": "orders/create",
      "X-Shopify-Hmac-Sha256": shopifyHmac(body),
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
    },
  };
}

/** Sends every request, `concurrency` at a time, the n-th to ports[n % ports.length]. */
export async function send(ports: number[], requests: Outgoing[], concurrency: number) {
  const agents = ports.map(() => new Agent({ keepAlive: true, maxSockets: concurrency }));
  const latencies: number[] = [];
  const failures: number[] = [];
  let next = 0;
  const one = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const { path, body, headers } = requests[n]!;
      const started = performance.now();
      const req = httpRequest(
        {
          host: "127.0.0.1",
          port: ports[n % ports.length],
          method: "POST",
          path,
          agent: agents[n % ports.length],
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - started);
            if (res.statusCode !== 200) failures.push(res.statusCode ?? 0);
            resolve();
          });
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length) await one(next++);
    }),
  );
  const wallMs = performance.now() - started;
  for (const agent of agents) agent.destroy();
  return { wallMs, latencies: latencies.sort((a, b) => a - b), failures };
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
