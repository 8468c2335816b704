/**
 * The analytics bundle (chatlift-analytics.js): loaded with the chat UI where the theme runs Shopify's analytics
 * (`Shopify.analytics`), and active only while the visitor allows analytics (Customer Privacy API). Consent given
 * mid-visit, in the shop's banner after the chat loaded, takes effect at once (Shopify's `visitorConsentCollected`
 * event on document); withdrawn, nothing more is published and the token is gone. With consent it asks the app,
 * through the signed app proxy, for the token that ties this chat session to a checkout, keeps it where the
 * ChatLift web pixel reads it (contract/pixel-link.ts), then publishes the chat's events as `chatlift:<name>`
 * custom events, mapped by the one event specification (contract/event-spec.ts). The storefront has no redactor,
 * so no free-form value (a path, a label) is published, only ids, enums, numbers and flags; what the shopper
 * typed, an email or a phone number never leaves here.
 */
import type { ChatEvent } from "../../contract/events";
import { toExportedEvent } from "../../contract/event-spec";
import { PIXEL_TOKEN_KEY, PIXEL_TOKEN_PATH } from "../../contract/pixel-link";
import type { WidgetContext } from "../core/types";
import { TOKEN_SESSION_KEY, type ShopifyAnalytics } from "./publish";

const script = document.currentScript as (HTMLScriptElement & { c?: WidgetContext }) | null;
const ctx = script?.c;
const analytics = (window as { Shopify?: { analytics?: ShopifyAnalytics } }).Shopify?.analytics;
if (ctx && analytics) start(ctx, analytics);

function start(ctx: WidgetContext, analytics: ShopifyAnalytics) {
  // While the token is asked for, events wait: the pixel reads it on the first chatlift:* event it sees.
  let waiting: ChatEvent[] | undefined;
  // Whether this page asked for (or found) the token since consent was last given.
  let linked = false;
  // Consent withdrawn on this page: nothing more is published, and the pixel finds no token.
  const withdraw = () => {
    linked = false;
    localStorage.removeItem(PIXEL_TOKEN_KEY);
  };
  const publish = (event: ChatEvent) => {
    if (!ctx.allowed()) return withdraw();
    const { id, sessionId, type, occurredAt, flowId, stepId, variantId, ...data } = event as ChatEvent & {
      flowId?: string;
      stepId?: string;
      variantId?: string;
      kind?: string;
      email?: string;
    };
    const exported = toExportedEvent(
      {
        id,
        sessionId,
        type,
        flowId: flowId ?? null,
        stepId: stepId ?? null,
        variantId: variantId ?? null,
        microKind: type == "micro_conversion" ? (data.kind ?? null) : null,
        occurredAt: new Date(occurredAt),
        data,
        // The widget sends an email only with the shopper's consent to it (contract/events.ts).
        emailConsented: !!data.email,
      },
      () => true,
    );
    if (exported)
      analytics.publish(`chatlift:${exported.name}`, {
        event_id: id,
        ga4_event: exported.ga4,
        ...exported.properties,
        ...(exported.items ? { items: exported.items } : {}),
      });
  };
  // Events from before consent are not published later: the shopper had not allowed them.
  const see = (event: ChatEvent) => {
    if (!ctx.allowed()) return withdraw();
    link();
    if (waiting) waiting.push(event);
    else publish(event);
  };

  // Every event the loader forwards passes here first, starting with those it held (the session's start).
  const adopt = ctx.adopt;
  ctx.adopt = (push) =>
    adopt((event) => {
      see(event);
      push(event);
    });

  // One token per chat session: a later session's chat gets its own, which links the checkout from then on.
  const link = () => {
    if (linked) return;
    linked = true;
    if (sessionStorage.getItem(TOKEN_SESSION_KEY) == ctx.sessionId && localStorage.getItem(PIXEL_TOKEN_KEY)) return;
    waiting ||= [];
    fetch(PIXEL_TOKEN_PATH, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sessionId: ctx.sessionId, visitorId: ctx.visitorId }),
    })
      .then((response) => (response.ok ? (response.json() as Promise<{ token: string }>) : undefined))
      .then((answer) => {
        if (answer?.token && ctx.allowed()) {
          localStorage.setItem(PIXEL_TOKEN_KEY, answer.token);
          sessionStorage.setItem(TOKEN_SESSION_KEY, ctx.sessionId);
        }
      })
      // Without a token (offline, the shop uninstalling) the events still go to the theme's other pixels.
      .catch(() => undefined)
      .finally(() => {
        const held = waiting;
        waiting = undefined;
        held?.forEach(publish);
      });
  };
  // The shop's consent banner answered on this page (Shopify's Customer Privacy API dispatches this on document).
  document.addEventListener("visitorConsentCollected", () => (ctx.allowed() ? link() : withdraw()));
  if (ctx.allowed()) link();
}
