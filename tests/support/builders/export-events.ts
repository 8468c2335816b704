/** Stored events as the export reads them (a ChatEvent row with its data parsed), for the export's tests. */
import { randomUUID } from "node:crypto";
import type { StoredEvent } from "../../../app/analytics/export/event-spec";
import { NOW } from "../clock";

export function aStoredEvent(overrides: Partial<StoredEvent> = {}): StoredEvent {
  return {
    id: randomUUID(),
    sessionId: "sess_export_1",
    type: "flow_started",
    flowId: "size-help",
    stepId: null,
    variantId: null,
    microKind: null,
    occurredAt: NOW,
    data: { trigger: "dwell" },
    emailConsented: false,
    ...overrides,
  };
}

/** A micro-conversion as stored: the kind in its own column, the rest in data. */
export function aStoredMicro(kind: string, data: Record<string, unknown> = {}, overrides: Partial<StoredEvent> = {}) {
  return aStoredEvent({ type: "micro_conversion", microKind: kind, data, ...overrides });
}
