/** Builders for widget configs and flows: the parsed shape the widget reads. */
import { randomUUID } from "node:crypto";
import type { ChatEvent } from "../../../contract/events";
import { starterConfig } from "../../../app/flows/starter-config";
import {
  parseWidgetConfig,
  type Flow,
  type WidgetConfig,
  type WidgetConfigInput,
} from "../../../contract/widget-config";
import type { SessionRecord, VisitorRecord } from "../../../widget/core/triggers";
import { NOW_MS } from "../clock";

export const aConfig = (overrides: Partial<WidgetConfigInput> = {}): WidgetConfig =>
  parseWidgetConfig(starterConfig(overrides));
export const aFlow = (id: string, config = aConfig()): Flow => config.flows.find((flow) => flow.id === id)!;
export const aVisitor = (overrides: Partial<VisitorRecord> = {}): VisitorRecord => ({
  id: randomUUID(),
  seen: 0,
  n: 0,
  x: {},
  ...overrides,
});
export const aSession = (overrides: Partial<SessionRecord> = {}): SessionRecord => ({
  id: randomUUID(),
  n: 0,
  f: [],
  a: 0,
  r: false,
  ...overrides,
});
export const anEvent = (n: number): ChatEvent => ({
  id: randomUUID(),
  sessionId: "session-0001",
  occurredAt: NOW_MS + n,
  type: "step_viewed",
  flowId: "fit-help",
  stepId: `s${n}`,
});
