/**
 * What the app embed's Liquid renders into the page (one JSON script element), and what the
 * loader hands to the chat UI. Types only: nothing here reaches the bundles.
 */
import type { ChatEvent, PageContext, TriggerKind } from "../../contract/events";
import type { Arm } from "../../contract/order-link";
import type { Flow, WidgetConfig } from "../../contract/widget-config";

export interface CartSnapshot {
  /** Lines in the cart. */
  count: number;
  /** Cart total in shop currency, major units. */
  value: number;
  currency: string;
  /** The `__chatlift` cart attribute as the page was rendered, if any. */
  link?: string | null;
}

export interface PageData {
  /** The published config (without one, the Liquid renders no widget at all). */
  config: WidgetConfig;
  page: PageContext;
  cart: CartSnapshot;
  /** The product page's selected (or first available) variant. */
  variantId?: string;
  /** The UI chunk's URL (`'chatlift-ui.js' | asset_url`). */
  ui: string;
  /** The handoff bundle's URL (`'chatlift-handoff.js' | asset_url`), loaded when a shopper asks for a person. */
  ho?: string;
  /** The analytics bundle's URL (`'chatlift-analytics.js' | asset_url`): the pixel's link and chatlift:* events. */
  px?: string;
  /** Shopify's locale-aware root (`routes.root_url`), ending in "/". */
  root: string;
  /**
   * The launcher's settings as the Liquid resolved them: the published config's appearance, else
   * the app embed block's (the accent colour and the launcher's corner are in the Liquid's CSS).
   */
  s: { greeting: string; side: "left" | "right" };
  /** The storefront locale's widget texts (extension locales), keyed as in locales/en.default.json. */
  t: Record<string, string>;
}

/** An event before the tracker stamps it with id, session and clock. */
export type EventInput = ChatEvent extends infer E
  ? E extends ChatEvent
    ? Omit<E, "id" | "sessionId" | "occurredAt">
    : never
  : never;

/** What the loader gives the chat UI. */
export interface WidgetContext {
  data: PageData;
  sessionId: string;
  visitorId: string;
  arm: Arm;
  track(event: EventInput): void;
  /** The batch envelope (visitor, arm, page) around these events, as JSON. */
  batch(events: ChatEvent[]): string;
  /** The UI's queue takes over: the loader forwards every event, starting with those waiting. */
  adopt(push: (event: ChatEvent) => void): void;
  /** Analytics consent (Customer Privacy API): false means no events, no attribute, no line property. */
  allowed(): boolean;
  /** Links the cart to the session (once); the UI calls it after updating data.cart. */
  linkCart(): void;
  /** Re-runs the page and cart triggers (after the UI changed the cart). */
  check(): void;
  /** The visitor dismissed this flow's prompt: it is not shown again for 30 days. */
  dismiss(flowId: string): void;
  /** Whether the chat panel or a prompt is on screen (no second prompt over it). */
  busy(open: boolean): void;
  /** Loads a lazily loaded bundle, which finds `c` on its script element; bundles run in the order asked. */
  inject(src: string, c: unknown): void;
}

export interface ChatUi {
  prompt(flow: Flow, trigger: TriggerKind): void;
  /** The launcher was clicked; `back`: the chat open on the last page of this visit reopens (carry.ts). */
  open(back?: 1): void;
  /** pagehide: record a flow left half-way, before the loader drains the queue. */
  hide(): void;
}

export type UiFactory = (ctx: WidgetContext) => ChatUi;
