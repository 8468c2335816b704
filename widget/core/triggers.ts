/**
 * Which proactive prompt may show, decided without a request. Pure: the loader feeds it the
 * page, the visitor's counters and the clock.
 */
import type { PageContext } from "../../contract/events";
import type { Flow, Trigger, WidgetConfig } from "../../contract/widget-config";

export const DISMISS_DAYS = 30;
const DAY_MS = 86_400_000;

/** The visitor's record in first-party storage (short keys: it is written on every page). */
export interface VisitorRecord {
  id: string;
  /** Last activity (ms); 0 for a new visitor. */
  seen: number;
  /** The day `n` counts prompts for. */
  day?: string;
  /** Prompts shown on that day. */
  n: number;
  /** flow id → when its prompt was dismissed (ms). */
  x: Record<string, number>;
}

/** The chat session (one browser tab's visit, ended by 30 minutes without activity). */
export interface SessionRecord {
  id: string;
  /** Last activity (ms). */
  t?: number;
  /** Prompts shown in this session. */
  n: number;
  /** Flows already prompted: each prompts at most once per session. */
  f: string[];
  /** 1 once the cart carries this session's attribute. */
  a: 0 | 1;
  /** A returning visitor: seen before this session began. */
  r: boolean;
}

export function pageMatches(trigger: Trigger, page: PageContext): boolean {
  return (
    (!trigger.pageTypes.length || trigger.pageTypes.includes(page.type)) &&
    (!trigger.pageHandles.length || trigger.pageHandles.includes(page.handle ?? ""))
  );
}

export function capsAllow(config: WidgetConfig, visitor: VisitorRecord, session: SessionRecord): boolean {
  return session.n < config.caps.perSession && visitor.n < config.caps.perDay;
}

export function mayPrompt(flow: Flow, visitor: VisitorRecord, session: SessionRecord, now: number): boolean {
  // Never dismissed: now - undefined is NaN, and NaN < anything is false (the loader counts every byte).
  return flow.enabled && !session.f.includes(flow.id) && !(now - visitor.x[flow.id]! < DISMISS_DAYS * DAY_MS);
}

/** Flows whose trigger may fire on this page, in the merchant's order (mayPrompt decides when one does). */
export function candidateFlows(config: WidgetConfig, page: PageContext): Flow[] {
  return config.flows.filter((flow) => pageMatches(flow.trigger, page));
}

/** Triggers that need no visitor behaviour: they hold (or not) as soon as the page is known. */
export function holdsNow(trigger: Trigger, facts: { returning: boolean; cartValue: number }): boolean {
  return trigger.kind == "cart_value"
    ? facts.cartValue >= trigger.atLeast
    : trigger.kind == "returning_visitor"
      ? facts.returning
      : trigger.kind == "page_type";
}

/** How far down the page the visitor has seen, in percent (100 or more once the bottom is in view). */
export function scrollDepth(scrollY: number, viewportHeight: number, pageHeight: number): number {
  return ((scrollY + viewportHeight) / pageHeight) * 100;
}

/**
 * What the app embed's inline starter saw before the loader ran (the loader starts after the load
 * event, so it stays out of the page's LCP): the deepest scrollY and every exit of the pointer
 * from the document. Short keys: the starter is inline.
 */
export interface EarlySignals {
  s?: number;
  x: { clientY: number; relatedTarget: unknown }[];
}

/** Desktop exit intent: the pointer leaves the document through its top edge. */
export function isExitIntent(event: { clientY: number; relatedTarget: unknown }): boolean {
  return event.clientY <= 0 && !event.relatedTarget;
}

export function dayKey(now: number): string {
  return new Date(now).toDateString();
}
