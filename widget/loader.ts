/**
 * The app embed's script (the one the block schema names): at most 4,000 bytes minified.
 * It reads the config the Liquid rendered, assigns visitor, session and arm, evaluates the
 * triggers, links the cart to the chat session, and sends events. It makes no request before
 * the visitor interacts or a trigger fires; the chat UI (chatlift-ui.js) loads on first need.
 * The embed's inline starter loads it after the load event (so it adds nothing to the page's
 * LCP) and keeps what the shopper did before: timers count from navigation, and the deepest
 * scroll and the pointer's exits seen early fire their triggers once the loader runs.
 */
import type { ChatEvent, TriggerKind } from "../contract/events";
import { CART_ATTRIBUTE, encodeCartAttribute } from "../contract/order-link";
import type { Flow } from "../contract/widget-config";
import { assignArm } from "./core/arm";
import { CARRY_KEY, type Carried } from "./core/carry";
import { BATCH_SIZE, EVENTS_URL, JSON_TYPE } from "./core/queue";
import {
  candidateFlows,
  capsAllow,
  dayKey,
  holdsNow,
  isExitIntent,
  mayPrompt,
  scrollDepth,
  type EarlySignals,
  type SessionRecord,
  type VisitorRecord,
} from "./core/triggers";
import type { ChatUi, PageData, UiFactory, WidgetContext } from "./core/types";

/** 30 minutes. */
const SESSION_IDLE_MS = 1_800_000;
/** Page-context triggers wait this long after navigation, so the prompt never lands during page load. */
const SETTLE_MS = 1500;
const VISITOR_KEY = "chatlift";
const SESSION_KEY = "chatlift_s";

interface ShopifyPrivacy {
  analytics?: object;
  customerPrivacy?: { analyticsProcessingAllowed(): boolean };
  loadFeatures?(features: { name: string; version: string }[], done: () => void): void;
}

try {
  boot();
} catch {
  // A browser missing an API (or refusing storage) gets no widget rather than an error.
}

function boot() {
  const d = document;
  const w = window as Window & { Shopify?: ShopifyPrivacy };
  // The Liquid rendered the launcher in a declarative shadow root: a browser without one has no
  // root here and gets no widget. (Every browser with one has crypto.randomUUID on an https page;
  // elsewhere the first uuid() below throws before the launcher shows.)
  // Only the embed's starter (once per page) and the admin's flow preview run this script: the root is there.
  const host = d.getElementById("chatlift-root") as HTMLElement & { e?: EarlySignals };
  const launcher = host.shadowRoot?.querySelector("button");
  if (!launcher) return;
  const parse = JSON.parse;
  const data = parse(d.getElementById("chatlift-data")!.textContent!) as PageData;
  const config = data.config;
  const ls = localStorage;
  const ss = sessionStorage;
  const json = JSON.stringify;
  const clock = Date.now;
  // JSON.parse(null) is null: a missing record.
  const read = (store: Storage, key: string) => parse(store.getItem(key)!);
  // Timers count from navigation: the loader starts late, the shopper's time on the page does not.
  const sinceNavigation = (run: () => void, ms: number) => setTimeout(run, ms - performance.now());
  const now = clock();
  const uuid = () => crypto.randomUUID();

  // Where analytics consent is required and not (yet) given: no events, no cart attribute,
  // and the visitor id lives in sessionStorage only.
  let consentLoading = 0;
  const allowed = () => {
    const shopify = w.Shopify;
    if (shopify?.customerPrivacy) return shopify.customerPrivacy.analyticsProcessingAllowed();
    if (!shopify?.loadFeatures) return true;
    if (!consentLoading++) shopify.loadFeatures([{ name: "consent-tracking-api", version: "0.1" }], () => 0);
    return false;
  };
  const persist = w.Shopify?.customerPrivacy ? allowed() : !w.Shopify?.loadFeatures;

  const visitor: VisitorRecord = read(ls, VISITOR_KEY) || read(ss, VISITOR_KEY) || { id: uuid(), seen: 0, n: 0, x: {} };
  let session: SessionRecord = read(ss, SESSION_KEY);
  const fresh = !session || now - session.t! > SESSION_IDLE_MS;
  if (fresh) session = { id: uuid(), n: 0, f: [], a: 0, r: visitor.seen > 0 };
  const today = dayKey(now);
  if (visitor.day != today) {
    visitor.day = today;
    visitor.n = 0;
  }
  const save = () => {
    session.t = visitor.seen = clock();
    ss.setItem(SESSION_KEY, json(session));
    (persist ? ls : ss).setItem(VISITOR_KEY, json(visitor));
  };
  save();
  const arm = assignArm(visitor.id, config.salt, config.holdoutPercent);

  // Until the chat UI loads (and brings the batching, retrying queue), events wait here and
  // leave by sendBeacon when the page is hidden: no request before the visitor interacts.
  let outbox: ChatEvent[] = [];
  let forward: ((event: ChatEvent) => void) | undefined;
  const track: WidgetContext["track"] = (event) => {
    const stamped = { ...event, id: uuid(), sessionId: session.id, occurredAt: clock() } as ChatEvent;
    if (forward) forward(stamped);
    else outbox.push(stamped);
  };
  const batch: WidgetContext["batch"] = (events) =>
    json({ v: 1, visitorId: visitor.id, arm, page: data.page, sentAt: clock(), events });
  const beaconOutbox = () => {
    while (
      outbox.length &&
      allowed() &&
      navigator.sendBeacon(EVENTS_URL, new Blob([batch(outbox.slice(0, BATCH_SIZE))], { type: JSON_TYPE }))
    )
      outbox = outbox.slice(BATCH_SIZE);
  };

  if (fresh)
    track({
      type: "session_started",
      landingPath: location.pathname,
      referrer: d.referrer,
      // utm_source=x → { source: "x" }; the ingest schema drops keys it does not know.
      utm: Object.fromEntries(
        [...new URLSearchParams(location.search)]
          .filter(([key]) => /^utm_/.test(key))
          .map(([key, value]) => [key.slice(4), value.slice(0, 256)]),
      ),
      returning: session.r,
    });

  // The order link: both arms, once the visitor has a cart, once per session.
  const link = encodeCartAttribute({ sessionId: session.id, arm });
  const linked = (done: 0 | 1) => {
    session.a = done;
    save();
  };
  const linkCart = () => {
    if (session.a || !data.cart.count || !allowed()) return;
    linked(1);
    // update.js with only our attribute leaves the cart's other attributes as they are.
    if (data.cart.link != link)
      fetch(data.root + "cart/update.js", {
        method: "POST",
        headers: { "content-type": JSON_TYPE },
        body: json({ attributes: { [CART_ATTRIBUTE]: link } }),
      }).then(
        (response) => response.ok || linked(0),
        () => linked(0),
      );
  };
  // The theme's own add-to-cart (either arm), also one made before the loader ran: now there is a cart.
  new PerformanceObserver((list) => {
    if (list.getEntries().some((entry) => /\/cart\/add/.test(entry.name))) {
      data.cart.count ||= 1;
      linkCart();
    }
  }).observe({ type: "resource", buffered: true });

  let ui: ChatUi | undefined;
  addEventListener("pagehide", () => (ui ? ui.hide() : beaconOutbox()));
  d.addEventListener("visibilitychange", () => d.hidden && !ui && beaconOutbox());

  launcher.hidden = false;

  // A bundle finds what it needs on its own script element (`c`): no global name is needed. Not async:
  // the analytics bundle (widget/analytics/) runs before the UI, to see every event from the first.
  const inject: WidgetContext["inject"] = (src, c) =>
    d.head.append(Object.assign(d.createElement("script"), { src, c, async: false }));
  let busy = false;
  // The order link waits for the page to settle too (and runs again whenever the UI asks for a check).
  const checks: (() => void)[] = [linkCart];
  const ctx: WidgetContext = {
    data,
    sessionId: session.id,
    visitorId: visitor.id,
    arm,
    track,
    allowed,
    batch,
    adopt(push) {
      outbox.forEach((forward = push));
      outbox = [];
    },
    linkCart,
    check: () => checks.forEach((run) => run()),
    dismiss(flowId) {
      visitor.x[flowId] = clock();
      save();
    },
    busy: (open) => (busy = open),
    inject,
  };
  let loading: Promise<ChatUi> | undefined;
  const loadUi = () =>
    (loading ||= new Promise((resolve) => {
      // Only where a theme runs Shopify's analytics: the checkout link and chatlift:* events, active with consent
      // (given now or later on this page, in the shop's banner: the bundle listens for it).
      if (w.Shopify?.analytics) inject(data.px!, ctx);
      inject(data.ui, (factory: UiFactory) => resolve((ui = factory(ctx))));
    }));
  launcher.onpointerenter = launcher.onfocus = loadUi;
  launcher.onclick = () => loadUi().then((chat) => chat.open());
  // The chat the shopper had open on the last page of this visit opens again, with its lines (carry.ts).
  const carried: Carried | null = read(ss, CARRY_KEY);
  if (carried?.o && carried.s == session.id) {
    busy = true;
    loadUi().then((chat) => chat.open(1));
  }

  let retry: ReturnType<typeof setTimeout>;
  const fire = (flow: Flow, kind: TriggerKind) => {
    if (busy || !capsAllow(config, visitor, session) || !mayPrompt(flow, visitor, session, clock())) return;
    // Never over the theme's own dialogs (cart drawer, newsletter popup): try again later.
    if (d.querySelector("dialog[open],[aria-modal=true]"))
      return (clearTimeout(retry), (retry = setTimeout(() => fire(flow, kind), 3000)));
    busy = true;
    session.n++;
    visitor.n++;
    session.f.push(flow.id);
    save();
    loadUi().then((chat) => chat.prompt(flow, kind));
  };

  // Holdout visitors get no proactive prompt (they can still open the chat by hand).
  // Listeners stay attached: once a flow has prompted, mayPrompt turns its later firings away.
  if (arm == "treatment")
    for (const flow of candidateFlows(config, data.page)) {
      const trigger = flow.trigger;
      const go = () => fire(flow, trigger.kind);
      if (trigger.kind == "dwell") sinceNavigation(go, trigger.seconds * 1000);
      else if (trigger.kind == "scroll_depth") {
        const deep = (y: number) =>
          scrollDepth(y, innerHeight, d.documentElement.scrollHeight) >= trigger.percent && go();
        if (host.e?.s) deep(host.e.s);
        addEventListener("scroll", () => deep(scrollY));
      } else if (trigger.kind == "exit_intent") {
        if (matchMedia("(pointer:fine)").matches) {
          if (host.e?.x.some(isExitIntent)) go();
          d.addEventListener("mouseout", (event) => isExitIntent(event) && go());
        }
      } else checks.push(() => holdsNow(trigger, { returning: session.r, cartValue: data.cart.value }) && go());
    }
  sinceNavigation(ctx.check, SETTLE_MS);
}
