/**
 * Hostile request bodies for the storefront's app-proxy routes and the order webhooks, drawn from a
 * seed (the same seed makes the same choices; only clocks and fresh ids differ): valid bodies bent the ways clients and attackers bend
 * them (money past any cart, odd currencies, NULs and unpaired surrogates, wrong types, missing
 * fields, deep nesting, broken JSON, forged signatures, another shop's header). One generator for the
 * suite's fuzz test and `npm run bench -- fuzz`, so both judge the same inputs.
 */
import { anOrderPayload, aRefundPayload } from "../../../sandbox/shopify/order-payloads";

export type FuzzRoute =
  | "/apps/chatlift/events"
  | "/apps/chatlift/answers"
  | "/webhooks/orders/create"
  | "/webhooks/orders/updated"
  | "/webhooks/orders/cancelled"
  | "/webhooks/refunds/create";

export interface FuzzCase {
  route: FuzzRoute;
  /** The raw body, exactly as sent. */
  body: string;
  /** Webhooks: the X-Shopify-Topic sent. */
  topic?: string;
  /** Signed for the installed shop, or forged (a bad signature: must be refused, nothing stored). */
  signature: "valid" | "forged";
  /**
   * A replay: an earlier case's signed body sent again under the second shop's header (outside the
   * HMAC). Replays come last, once the first deliveries' jobs have run; nothing may be stored for that shop.
   */
  otherShop?: boolean;
  /** Ids that rows stored from this body would carry (event ids, order gids): none may exist if it was refused. */
  eventIds: string[];
  orderIds: string[];
  what: string;
}

import {
  HOSTILE_AMOUNTS,
  HOSTILE_CURRENCIES,
  HOSTILE_TEXT,
  mutateAnywhere,
  opaque,
  parentOf,
  paths,
  pick,
  seededRandom,
  uuid,
  WEBHOOK_AMOUNTS,
  type Json,
  type Random,
} from "./mutations";

/** Bodies that are not the route's JSON at all. */
function structural(random: Random, valid: string): { body: string; what: string } {
  const options: Array<() => { body: string; what: string }> = [
    () => ({ body: valid.slice(0, Math.floor(random() * valid.length)), what: "truncated JSON" }),
    () => ({ body: pick(random, ["null", "[]", "42", '"x"', "true", "{}", ""]), what: "another JSON value" }),
    () => ({ body: `${"[".repeat(50_000)}${"]".repeat(50_000)}`, what: "nested 50,000 deep" }),
    () => ({ body: `{"a":${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}}`, what: "objects nested 5,000 deep" }),
    () => ({ body: valid.replace(/"/, "'"), what: "a quote broken" }),
    () => ({ body: `${valid}\u0000`, what: "a raw NUL after the JSON" }),
    () => ({ body: valid.replace(/:"/, ':"\\ud800'), what: "an escaped lone surrogate" }),
    () => ({ body: valid.replace(/:"/, ':"\\u0000'), what: "an escaped NUL" }),
  ];
  return pick(random, options)();
}

function aValidBatch(random: Random): { batch: Record<string, Json>; eventIds: string[] } {
  const sessionId = opaque(random, "sess");
  const now = Date.now();
  const event = (type: string, extra: Record<string, Json>): Record<string, Json> => ({
    id: uuid(random),
    sessionId,
    occurredAt: now - Math.floor(random() * 60_000),
    type,
    ...extra,
  });
  const events: Record<string, Json>[] = [
    event("session_started", {
      landingPath: "/products/linen-shirt",
      referrer: "https://example.com/",
      returning: false,
    }),
  ];
  const more = 1 + Math.floor(random() * 4);
  for (let i = 0; i < more; i += 1) {
    events.push(
      pick(random, [
        () => event("prompt_shown", { trigger: "dwell" }),
        () => event("chat_opened", { by: "prompt" }),
        () => event("step_answered", { flowId: "fit", stepId: "size", answer: { kind: "number", value: 42 } }),
        () =>
          event("micro_conversion", {
            kind: "add_to_cart",
            productId: "632910392",
            productVariantId: "39072856",
            quantity: 1,
            value: 129.99,
            currency: "USD",
          }),
        () =>
          event("micro_conversion", {
            kind: "email_capture",
            email: `shopper${Math.floor(random() * 1e6)}@example.com`,
            consent: { granted: true, text: "Email me my size guide" },
          }),
      ])(),
    );
  }
  return {
    batch: {
      v: 1,
      visitorId: opaque(random, "visitor"),
      arm: "treatment",
      page: { type: "product", path: "/products/linen-shirt", handle: "linen-shirt", productId: "632910392" },
      sentAt: now,
      events,
    },
    eventIds: events.map((item) => item.id as string),
  };
}

function eventsCase(random: Random): FuzzCase {
  const { batch, eventIds } = aValidBatch(random);
  const changes: string[] = [];
  const events = batch.events as Record<string, Json>[];
  const roll = random();
  if (roll < 0.1) {
    const valid = JSON.stringify(batch);
    const bent = structural(random, valid);
    return {
      route: "/apps/chatlift/events",
      body: bent.body,
      signature: "valid",
      eventIds,
      orderIds: [],
      what: bent.what,
    };
  }
  if (roll < 0.45) {
    const micro = event_(events, random);
    micro.type = "micro_conversion";
    micro.kind = "add_to_cart";
    micro.value = pick(random, HOSTILE_AMOUNTS);
    micro.currency = pick(random, HOSTILE_CURRENCIES);
    changes.push(`money ${String(micro.value)} ${String(micro.currency)}`);
  }
  if (roll >= 0.3) {
    const count = 1 + Math.floor(random() * 3);
    for (let i = 0; i < count; i += 1) changes.push(mutateAnywhere(random, batch));
  }
  if (random() < 0.03) batch.events = Array.from({ length: 60 }, () => events[0] as Json);
  return {
    route: "/apps/chatlift/events",
    body: JSON.stringify(batch),
    signature: random() < 0.03 ? "forged" : "valid",
    eventIds,
    orderIds: [],
    what: changes.join("; ") || "valid",
  };
}

const event_ = (events: Record<string, Json>[], random: Random) =>
  pick(random, events.slice(1).length ? events.slice(1) : events);

function answersCase(random: Random): FuzzCase {
  const question: Record<string, Json> = {
    sessionId: opaque(random, "sess"),
    visitorId: opaque(random, "visitor"),
    question: "Does the linen shirt run small?",
    locale: "en",
    page: { type: "product", handle: "linen-shirt", productId: "632910392" },
  };
  const changes = [mutateAnywhere(random, question)];
  if (random() < 0.5) changes.push(mutateAnywhere(random, question));
  const body = random() < 0.1 ? structural(random, JSON.stringify(question)).body : JSON.stringify(question);
  return {
    route: "/apps/chatlift/answers",
    body,
    signature: "valid",
    eventIds: [],
    orderIds: [],
    what: changes.join("; "),
  };
}

const ORDER_ROUTES = ["orders/create", "orders/updated", "orders/cancelled"] as const;

function webhookCase(random: Random): FuzzCase {
  const order = anOrderPayload(new Date(Date.now() - 3_600_000)) as unknown as Record<string, Json> & {
    admin_graphql_api_id: string;
  };
  const orderIds = [order.admin_graphql_api_id];
  const changes: string[] = [];
  const refund = random() < 0.15;
  const topic = refund ? "refunds/create" : pick(random, ORDER_ROUTES);
  const payload: Record<string, Json> = refund
    ? (aRefundPayload(order as never, 0, new Date(), "10.00") as Record<string, Json>)
    : order;
  const roll = random();
  if (roll < 0.3) {
    const moneyPaths = paths(payload).filter(
      (path) => path[path.length - 1] === "amount" || path[path.length - 1] === "currency_code",
    );
    for (let i = 0; i < 1 + Math.floor(random() * 3) && moneyPaths.length; i += 1) {
      const path = pick(random, moneyPaths);
      const { parent, key } = parentOf(payload, path);
      const value = key === "amount" ? pick(random, WEBHOOK_AMOUNTS) : pick(random, HOSTILE_CURRENCIES);
      (parent as Record<string, Json>)[key as string] = value;
      changes.push(`${path.join(".")} = ${JSON.stringify(value)}`);
    }
  } else if (roll < 0.55 && !refund) {
    const lines = order.line_items as Record<string, Json>[];
    const line = pick(random, lines);
    line.title = `${String(line.title)}${pick(random, HOSTILE_TEXT)}`;
    changes.push("line title poisoned");
  } else {
    const count = 1 + Math.floor(random() * 3);
    for (let i = 0; i < count; i += 1) changes.push(mutateAnywhere(random, payload));
  }
  let body = JSON.stringify(payload);
  if (random() < 0.05) {
    const bent = structural(random, body);
    body = bent.body;
    changes.push(bent.what);
  }
  return {
    route: `/webhooks/${topic}` as FuzzRoute,
    topic,
    body,
    signature: random() < 0.04 ? "forged" : "valid",
    eventIds: [],
    orderIds,
    what: changes.join("; "),
  };
}

/**
 * `count` cases from `seed`: about half event batches, a tenth questions, the rest order webhooks,
 * the last 2% replays of earlier signed webhooks under the second shop's header.
 */
export function fuzzCases(seed: number, count: number): FuzzCase[] {
  const random = seededRandom(seed);
  const replays = Math.floor(count * 0.02);
  const cases: FuzzCase[] = [];
  for (let i = 0; i < count - replays; i += 1) {
    const roll = random();
    cases.push(roll < 0.5 ? eventsCase(random) : roll < 0.6 ? answersCase(random) : webhookCase(random));
  }
  const signedWebhooks = cases.filter((item) => item.topic && item.signature === "valid");
  for (let i = 0; i < replays && signedWebhooks.length; i += 1)
    cases.push({ ...pick(random, signedWebhooks), otherShop: true, what: "replayed under another shop" });
  return cases;
}
