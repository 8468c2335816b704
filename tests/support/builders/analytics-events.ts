/** Four chat sessions of three visitors, as stored events: shared by the metrics and rollup tests. */
import type { AnalyticsEvent } from "../../../app/analytics/session-facts";
import { DAY } from "../clock";

/** When the first session starts: a morning of its own, not the clock (the tests read day keys like 2026-11-01). */
export const T0 = Date.UTC(2026, 10, 1, 9);
export const S = 1000;

function ev(
  sessionId: string,
  visitorId: string,
  type: AnalyticsEvent["type"],
  at: number,
  extra: Partial<AnalyticsEvent> = {},
): AnalyticsEvent {
  return { sessionId, visitorId, arm: "treatment", type, at, ...extra };
}

// GIVEN four sessions of three visitors:
//  s1 (v1): opens chat, fit flow steps size → fit, adds to cart 30 s after opening, completes
//  s2 (v1): opens chat, captures email after 90 s
//  s3 (v2): opens chat, views the size step, leaves (micro bounce)
//  s4 (v3): never opens chat
export const EVENTS: AnalyticsEvent[] = [
  ev("s1", "v1", "session_started", T0),
  ev("s1", "v1", "chat_opened", T0 + 10 * S),
  ev("s1", "v1", "flow_started", T0 + 11 * S, { flowId: "fit" }),
  ev("s1", "v1", "step_viewed", T0 + 12 * S, { flowId: "fit", stepId: "size" }),
  ev("s1", "v1", "step_viewed", T0 + 20 * S, { flowId: "fit", stepId: "fit" }),
  ev("s1", "v1", "micro_conversion", T0 + 40 * S, { kind: "add_to_cart", flowId: "fit" }),
  ev("s1", "v1", "flow_completed", T0 + 41 * S, { flowId: "fit" }),
  ev("s2", "v1", "session_started", T0 + DAY),
  ev("s2", "v1", "chat_opened", T0 + DAY + 5 * S),
  ev("s2", "v1", "micro_conversion", T0 + DAY + 95 * S, { kind: "email_capture" }),
  ev("s3", "v2", "session_started", T0),
  ev("s3", "v2", "chat_opened", T0 + 3 * S),
  ev("s3", "v2", "flow_started", T0 + 4 * S, { flowId: "fit" }),
  ev("s3", "v2", "step_viewed", T0 + 5 * S, { flowId: "fit", stepId: "size" }),
  ev("s4", "v3", "session_started", T0),
];
