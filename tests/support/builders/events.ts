/** Storefront event batches as the widget sends them, valid unless a test says otherwise. */
import type { ChatEvent, EventBatch, EventOf } from "../../../contract/events";

let counter = 0;

/** A fresh, valid RFC 4122 uuid, deterministic within a run. */
export function anEventId(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, "0")}`;
}

export const SESSION_ID = "sess_ABCDEFGH1234";
export const VISITOR_ID = "visitor_12345678";

type Overrides<T extends ChatEvent["type"]> = Partial<Omit<EventOf<T>, "type">>;

export function anEvent<T extends ChatEvent["type"]>(type: T, overrides: Overrides<T> = {}): EventOf<T> {
  const defaults: Record<string, Record<string, unknown>> = {
    session_started: { landingPath: "/products/linen-shirt", returning: false },
    prompt_shown: { trigger: "dwell" },
    chat_opened: { by: "prompt" },
    flow_started: { trigger: "dwell" },
    step_answered: { answer: { kind: "choice", value: "m" } },
    micro_conversion: { kind: "add_to_cart", productId: "632910392", productVariantId: "39072856", quantity: 1 },
    flow_abandoned: { reason: "dismissed" },
  };
  return {
    id: anEventId(),
    sessionId: SESSION_ID,
    occurredAt: Date.now() - 1_000,
    type,
    ...defaults[type],
    ...overrides,
  } as EventOf<T>;
}

export function aBatch(overrides: Partial<EventBatch> = {}): EventBatch {
  return {
    v: 1,
    visitorId: VISITOR_ID,
    arm: "treatment",
    page: { type: "product", path: "/products/linen-shirt", handle: "linen-shirt", productId: "632910392" },
    sentAt: Date.now(),
    events: [anEvent("session_started"), anEvent("prompt_shown")],
    ...overrides,
  };
}

export function anEmailCapture(
  email: string,
  overrides: Overrides<"micro_conversion"> = {},
): EventOf<"micro_conversion"> {
  return anEvent("micro_conversion", {
    kind: "email_capture",
    email,
    consent: { granted: true, text: "Email me my size guide and offers" },
    productId: undefined,
    productVariantId: undefined,
    quantity: undefined,
    ...overrides,
  });
}
