/**
 * The event queue: batches of at most 50, flushed when the page is idle and on pagehide (with
 * sendBeacon), retried with exponential backoff. Events keep their order: one batch is in
 * flight at a time, and a failed batch goes back to the head of the queue (once the page runs
 * again: never an event twice).
 */
import type { ChatEvent, MAX_EVENTS_PER_BATCH } from "../../contract/events";

/** The contract's batch limit, as a literal: the widget imports no value from the contract (it would bundle zod). */
export const BATCH_SIZE: typeof MAX_EVENTS_PER_BATCH = 50;
/** The app proxy path: Shopify signs the request and forwards it to the app. */
export const EVENTS_URL = "/apps/chatlift/events";
export const JSON_TYPE = "application/json";

export const RETRY_BASE_MS = 1000;
/** The longest a flush waits for an idle moment: a page that is never idle still sends its events. */
export const IDLE_TIMEOUT_MS = 2000;

/**
 * Runs `run` after `ms`, at the next idle moment but no later than IDLE_TIMEOUT_MS after that (without
 * requestIdleCallback: at once). Without the timeout, a busy page kept events until it was hidden, and then
 * only the beacon was left.
 */
export function afterThenIdle(win: Pick<Window, "requestIdleCallback">, run: () => void, ms: number): void {
  setTimeout(() => {
    if (win.requestIdleCallback) win.requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
    else run();
  }, ms);
}
export const MAX_RETRIES = 6;

export interface QueueDeps {
  /** POSTs the events; resolves to the HTTP status (0 for a network error). */
  post(events: ChatEvent[]): Promise<number>;
  /** Hands the events to sendBeacon; false when the browser refused them. */
  beacon(events: ChatEvent[]): boolean;
  /** Whether events may leave the browser now (analytics consent). */
  allowed(): boolean;
  /** setTimeout, or a test clock. */
  later(run: () => void, ms: number): void;
  /** How long to wait for the page to be idle before a flush. */
  idleMs: number;
}

export interface EventQueue {
  push(event: ChatEvent): void;
  /** Flushing starts only once the visitor interacted or a trigger fired (no request before). */
  activate(): void;
  /** pagehide: everything not already in flight goes by beacon. */
  drain(): void;
  flush(): void;
}

/** Retry network errors (0), timeouts, rate limits and 5xx; any other answer is final (a 400 stays a 400). */
const retryable = (status: number) => !status || status == 408 || status == 429 || status > 499;

export function createQueue(deps: QueueDeps): EventQueue {
  let queue: ChatEvent[] = [];
  let inFlight = 0;
  let retries = 0;
  let active = false;
  let scheduled = false;

  const schedule = (ms: number) => {
    if (scheduled) return;
    scheduled = true;
    deps.later(() => {
      scheduled = false;
      flush();
    }, ms);
  };

  function flush() {
    if (inFlight || !queue.length || !active || !deps.allowed()) return;
    const batch = queue.slice(0, BATCH_SIZE);
    inFlight = batch.length;
    deps.post(batch).then((status) => {
      if (!retryable(status)) {
        inFlight = 0;
        queue = queue.slice(batch.length);
        retries = 0;
        if (queue.length) schedule(0);
        return;
      }
      // A failed batch stays in flight until the page runs again: on pagehide Chromium rejects the
      // keepalive fetch still in flight (status 0) yet delivers it, and drain() must not beacon it a
      // second time. An unloaded page never runs this timer.
      deps.later(() => {
        inFlight = 0;
        if (retries < MAX_RETRIES) schedule(RETRY_BASE_MS * 2 ** retries++);
      }, 0);
    });
  }

  return {
    push(event) {
      queue.push(event);
      if (active) schedule(deps.idleMs);
    },
    activate() {
      active = true;
      schedule(deps.idleMs);
    },
    drain() {
      if (!deps.allowed()) return;
      let rest = queue.slice(inFlight);
      while (rest.length && deps.beacon(rest.slice(0, BATCH_SIZE))) rest = rest.slice(BATCH_SIZE);
      queue = queue.slice(0, inFlight).concat(rest);
    },
    flush,
  };
}
