/**
 * Traffic for the demo: visitors in both arms through the real widget endpoints (the
 * storefront's app proxy, which signs and forwards to the app), some of them in headless
 * Chromium running the real widget, the rest as the widget's own batches over HTTP; then their
 * orders as signed orders/create webhooks carrying the widget's order links (`_chatlift` line
 * property, `__chatlift` cart attribute). An order holds what the visitor's cart held (the demo
 * storefront's products, in the shop's currency): the `_chatlift` line is the very product the
 * visit's add-to-cart event says chat added, and only a visit with that event has one. Who is in
 * which arm, who converts, leaves an email or buys is the same for a given visitor count (a seeded
 * generator); session ids are fresh.
 */
import { randomUUID } from "node:crypto";
import type { ChatEvent, EventBatch } from "../../contract/events";
import { signedWebhookRequest } from "../../sandbox/shopify/signing";
import { byHandle, type HarnessProduct } from "../../sandbox/storefront/catalog";
import type { WidgetConfig } from "../../contract/widget-config";
import { DEMO_CURRENCY, demoOrder, type CartLine, type DemoOrder } from "./orders";
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
  /** What the cart holds at checkout, if the visitor buys. */
  cart?: CartLine[];
}

/** A planned visit: its events as the widget sends them, and its order if it buys. */
export interface PlannedVisit extends Visit {
  events: ChatEvent[];
  order?: DemoOrder;
}

/** The storefront's product a size M of which a visitor takes (the shirts the demo's flows are about). */
function sizeM(handle: string): { product: HarnessProduct; variantId: number; price: number } {
  const product = byHandle(handle);
  const variant = product?.variants.find((candidate) => candidate.title === "M" && candidate.available);
  if (!product || !variant) throw new Error(`the demo storefront sells no ${handle} in M`);
  return { product, variantId: variant.id, price: variant.price };
}
/** Where every visit lands, and what a visitor buys without chat's help. */
const LANDING = sizeM("linen-shirt");
/** The fit-help recommendation a converted visitor adds to the cart from chat. */
const CHAT_PICK = sizeM("oxford-shirt");

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
  const events = [
    event({ type: "session_started", landingPath: `/products/${LANDING.product.handle}`, returning: false }),
  ];
  if (visit.arm === "holdout") return events;
  const flow = { flowId: "fit-help", ...(visit.variantId ? { variantId: visit.variantId } : {}) };
  events.push(event({ type: "prompt_shown", trigger: "dwell", ...flow }));
  if (!visit.converted) return [...events, event({ type: "prompt_dismissed", trigger: "dwell", ...flow })];
  events.push(
    event({ type: "chat_opened", by: "prompt", ...flow }),
    event({ type: "flow_started", trigger: "dwell", ...flow }),
    event({ type: "step_viewed", ...flow, stepId: "ask" }),
    event({ type: "step_answered", ...flow, stepId: "ask", answer: { kind: "choice", value: "runs-small" } }),
    // The size answer is the flow's goal: fit help, as the widget records it.
    event({
      type: "micro_conversion",
      kind: "fit_help",
      ...flow,
      stepId: "ask",
      answer: { kind: "choice", value: "runs-small" },
    }),
    event({ type: "flow_completed", ...flow }),
    event({ type: "step_viewed", ...flow, stepId: "picks" }),
    event({
      type: "micro_conversion",
      kind: "add_to_cart",
      ...flow,
      stepId: "picks",
      productId: String(CHAT_PICK.product.id),
      productVariantId: String(CHAT_PICK.variantId),
      quantity: 1,
      value: CHAT_PICK.price / 100,
      currency: DEMO_CURRENCY,
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
  return events;
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

/** The cart attribute the widget wrote for the visit (both arms link their carts). */
const cartAttributeOf = (visit: Visit) => `${visit.sessionId}.${visit.arm === "treatment" ? "t" : "h"}`;

/**
 * Who the HTTP visitors are, what they do and buy, for `visitors` in all (the first `browserVisitors` go to
 * Chromium). The same arms, conversions and carts for the same count; session ids and times are fresh.
 */
export function planVisits(
  arms: { salt: string; holdoutPercent: number; fitHelpVariants: WidgetConfig["flows"][number]["variants"] },
  options: { visitors: number; browserVisitors: number; startedAt: number; placedAt: Date },
): PlannedVisit[] {
  const random = generator(20261121 + options.visitors);
  const planned: PlannedVisit[] = [];
  for (let index = options.browserVisitors; index < options.visitors; index += 1) {
    const visitorId = `demo-visitor-${index}-http`;
    const arm = assignArm(visitorId, arms.salt, arms.holdoutPercent);
    const variantId = arms.fitHelpVariants.length
      ? pickWeighted(arms.fitHelpVariants, visitorId, arms.salt)?.id
      : undefined;
    const converted = arm === "treatment" && random() < 0.55;
    const email =
      converted && random() < 0.6
        ? `shopper${index}@${random() < 0.5 ? "harbor-demo.example" : "gmail.com"}`
        : undefined;
    const buys = converted ? random() < 0.5 : random() < 0.15;
    const startedAt = options.startedAt + Math.floor(random() * 10 * 60_000);
    const sessionId = randomUUID();
    // A buyer chat helped checks out with the pick chat added (often beside the shirt they came for); the
    // others buy the shirt alone, and a converted visitor who took the pick out of the cart does so too.
    const keepsPick = buys && converted && random() < 0.6;
    const cart: CartLine[] | undefined = !buys
      ? undefined
      : keepsPick
        ? [
            { variantId: CHAT_PICK.variantId, quantity: 1, properties: { _chatlift: sessionId } },
            ...(random() < 0.5 ? [{ variantId: LANDING.variantId, quantity: 1 }] : []),
          ]
        : [{ variantId: LANDING.variantId, quantity: 1 }];
    const visit: Visit = { visitorId, variantId, sessionId, arm, converted, email, startedAt, cart };
    planned.push({
      ...visit,
      events: visitEvents(visit, startedAt),
      order: cart
        ? demoOrder({ lines: cart, placedAt: options.placedAt, email, cartAttribute: cartAttributeOf(visit) })
        : undefined,
    });
  }
  return planned;
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

  const visits = planVisits(
    { salt: config.salt, holdoutPercent: config.holdoutPercent, fitHelpVariants: fitHelp?.variants ?? [] },
    { visitors: options.visitors, browserVisitors: options.browserVisitors, startedAt, placedAt: new Date() },
  );
  await inParallel(visits, 6, async (visit) => {
    await postBatch(stack, {
      v: 1,
      visitorId: visit.visitorId,
      arm: visit.arm,
      page: {
        type: "product",
        path: `/products/${LANDING.product.handle}`,
        handle: LANDING.product.handle,
        productId: String(LANDING.product.id),
      },
      sentAt: Date.now(),
      events: visit.events,
    });
    report.visitors += 1;
    report.events += visit.events.length;
    if (visit.email) report.emails += 1;
  });
  for (const visit of visits) {
    if (!visit.order) continue;
    orders.push(visit.order);
    if (visit.arm === "treatment" && visit.converted) report.creditableOrders += 1;
  }
  await inParallel(orders, 4, async (order) => {
    await placeOrder(stack, order);
    report.orders += 1;
  });
  return report;
}
