/**
 * Traffic for the demo: visitors in both arms through the real widget endpoints (the
 * storefront's app proxy, which signs and forwards to the app), some of them in headless
 * Chromium running the real widget, the rest as the widget's own batches over HTTP; then their
 * orders as signed orders/create webhooks carrying the widget's order links (`_chatlift` line
 * property, `__chatlift` cart attribute). Who is in which arm, who converts, leaves an email or
 * buys is the same for a given visitor count (a seeded generator); session ids are fresh.
 */
import { randomUUID } from "node:crypto";
import type { ChatEvent, EventBatch } from "../../contract/events";
import { anOrderPayload, withCartAttribute, withChatLine } from "../../sandbox/shopify/order-payloads";
import { signedWebhookRequest } from "../../sandbox/shopify/signing";
import type { WidgetConfig } from "../../contract/widget-config";
import { assignArm, pickWeighted } from "../../widget/core/arm";
import { launchDemoChromium, runBrowserVisitor } from "./browser-visitor";
import { DESKTOP_CHROME } from "./config";
import type { DemoStack } from "./stack";

const CONSENT_TEXT = "Yes, email me fit tips and offers. I can unsubscribe at any time.";

export interface SimulationReport {
  visitors: number;
  browserVisitors: number;
  /** Events sent over HTTP (the browser visitors' own go by the widget, uncounted here). */
  events: number;
  orders: number;
  /** Orders whose chat session earned a micro-conversion in the treatment arm: the ones credit can go to. */
  creditableOrders: number;
  emails: number;
}

interface Visit {
  visitorId: string;
  /** The experiment variant of the fit-help flow this visitor sees (the widget's own pick). */
  variantId?: string;
  sessionId: string;
  arm: "treatment" | "holdout";
  converted: boolean;
  email?: string;
  startedAt: number;
  /** How the order names the session: the line added from chat, or only the cart attribute. */
  order?: "line" | "attribute";
}

function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A visitor id the published config puts in the treatment arm (browser visitors must see prompts). */
export function treatmentVisitorId(config: WidgetConfig, index: number): string {
  for (let attempt = 0; ; attempt += 1) {
    const id = `demo-visitor-${index}-${attempt}`;
    if (assignArm(id, config.salt, config.holdoutPercent) === "treatment") return id;
  }
}

/** One visitor's events, as the widget would record them on a product page. */
function visitEvents(visit: Visit, startedAt: number): ChatEvent[] {
  let clock = startedAt;
  const event = (fields: Record<string, unknown>) =>
    ({ id: randomUUID(), sessionId: visit.sessionId, occurredAt: (clock += 7_000), ...fields }) as ChatEvent;
  const events = [event({ type: "session_started", landingPath: "/products/linen-shirt", returning: false })];
  if (visit.arm === "holdout") return events;
  const flow = { flowId: "fit-help", ...(visit.variantId ? { variantId: visit.variantId } : {}) };
  events.push(event({ type: "prompt_shown", trigger: "dwell", ...flow }));
  if (!visit.converted) return [...events, event({ type: "prompt_dismissed", trigger: "dwell", ...flow })];
  events.push(
    event({ type: "chat_opened", by: "prompt", ...flow }),
    event({ type: "flow_started", trigger: "dwell", ...flow }),
    event({ type: "step_viewed", ...flow, stepId: "ask" }),
    event({ type: "step_answered", ...flow, stepId: "ask", answer: { kind: "choice", value: "runs-small" } }),
    event({ type: "step_viewed", ...flow, stepId: "picks" }),
    event({
      type: "micro_conversion",
      kind: "add_to_cart",
      ...flow,
      stepId: "picks",
      productId: "8011002",
      productVariantId: "44002002",
      quantity: 1,
      value: 65,
      currency: "EUR",
    }),
  );
  if (visit.email) {
    events.push(
      event({ type: "step_viewed", ...flow, stepId: "email" }),
      event({
        type: "micro_conversion",
        kind: "email_capture",
        ...flow,
        stepId: "email",
        email: visit.email,
        consent: { granted: true, text: CONSENT_TEXT },
      }),
    );
  }
  return [...events, event({ type: "flow_completed", ...flow })];
}

async function postBatch(stack: DemoStack, batch: EventBatch): Promise<void> {
  const answer = await fetch(`${stack.storefront.url}/apps/chatlift/events`, {
    method: "POST",
    headers: { "content-type": "text/plain;charset=UTF-8", "user-agent": DESKTOP_CHROME },
    body: JSON.stringify(batch),
  });
  if (!answer.ok) throw new Error(`the app refused a visitor's batch (${answer.status}): ${await answer.text()}`);
}

/** orders/create, signed with this demo's app secret, straight to the app as Shopify sends it. */
export async function placeOrder(stack: DemoStack, payload: Record<string, unknown>): Promise<void> {
  const signed = signedWebhookRequest("/webhooks/orders/create", {
    topic: "orders/create",
    payload,
    shop: stack.shop,
    secret: stack.secrets.apiSecret,
  });
  const answer = await fetch(`${stack.appUrl}/webhooks/orders/create`, {
    method: "POST",
    headers: signed.headers,
    body: await signed.text(),
  });
  if (!answer.ok)
    throw new Error(`the app refused an orders/create webhook (${answer.status}): ${await answer.text()}`);
}

function orderFor(visit: Visit, placedAt: Date): Record<string, unknown> {
  const order = withCartAttribute(
    anOrderPayload(placedAt, visit.email ? { email: visit.email, contact_email: visit.email } : {}),
    visit.sessionId,
    visit.arm === "treatment" ? "t" : "h",
  );
  return visit.order === "line" ? withChatLine(order, 0, visit.sessionId) : order;
}

async function inParallel<T>(items: T[], width: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await run(items[next++] as T);
    }),
  );
}

export async function simulate(
  stack: DemoStack,
  options: { visitors: number; browserVisitors: number; log: (line: string) => void },
): Promise<SimulationReport> {
  const random = generator(20261121 + options.visitors);
  const config = stack.widgetConfig();
  const fitHelp = config.flows.find((flow) => flow.id === "fit-help");
  const report: SimulationReport = {
    visitors: 0,
    browserVisitors: 0,
    events: 0,
    orders: 0,
    creditableOrders: 0,
    emails: 0,
  };
  const startedAt = Date.now() - 30 * 60_000;
  const orders: Array<Record<string, unknown>> = [];

  if (options.browserVisitors > 0) {
    options.log(`${options.browserVisitors} visitor(s) in headless Chromium…`);
    const browser = await launchDemoChromium();
    try {
      for (let index = 0; index < options.browserVisitors; index += 1) {
        const visit = await runBrowserVisitor(
          stack,
          { visitorId: treatmentVisitorId(config, index), email: `shopper${index}@harbor-demo.example` },
          browser,
        );
        report.visitors += 1;
        report.browserVisitors += 1;
        report.emails += 1;
        orders.push(visit.order);
        report.creditableOrders += 1;
      }
    } finally {
      await browser.close();
    }
  }

  const visits: Visit[] = [];
  for (let index = options.browserVisitors; index < options.visitors; index += 1) {
    const visitorId = `demo-visitor-${index}-http`;
    const arm = assignArm(visitorId, config.salt, config.holdoutPercent);
    const variantId = fitHelp?.variants.length ? pickWeighted(fitHelp.variants, visitorId, config.salt)?.id : undefined;
    const converted = arm === "treatment" && random() < 0.55;
    const email =
      converted && random() < 0.6
        ? `shopper${index}@${random() < 0.5 ? "harbor-demo.example" : "gmail.com"}`
        : undefined;
    const buys = converted ? random() < 0.5 : random() < 0.15;
    const visitStart = startedAt + Math.floor(random() * 10 * 60_000);
    visits.push({
      visitorId,
      variantId,
      sessionId: randomUUID(),
      arm,
      converted,
      email,
      startedAt: visitStart,
      order: buys ? (converted && random() < 0.6 ? "line" : "attribute") : undefined,
    });
  }
  await inParallel(visits, 6, async (visit) => {
    const events = visitEvents(visit, visit.startedAt);
    await postBatch(stack, {
      v: 1,
      visitorId: visit.visitorId,
      arm: visit.arm,
      page: { type: "product", path: "/products/linen-shirt", handle: "linen-shirt", productId: "8011001" },
      sentAt: Date.now(),
      events,
    });
    report.visitors += 1;
    report.events += events.length;
    if (visit.email) report.emails += 1;
  });
  const placedAt = new Date();
  for (const visit of visits.filter((candidate) => candidate.order)) {
    orders.push(orderFor(visit, placedAt));
    if (visit.arm === "treatment" && visit.converted) report.creditableOrders += 1;
  }
  await inParallel(orders, 4, async (order) => {
    await placeOrder(stack, order);
    report.orders += 1;
  });
  return report;
}
