import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ChatEvent } from "../../contract/events";
import {
  afterThenIdle,
  createQueue,
  IDLE_TIMEOUT_MS,
  MAX_RETRIES,
  RETRY_BASE_MS,
  type QueueDeps,
} from "../../widget/core/queue";
import { anEvent } from "../support/builders/widget";

/** A frozen clock: timers run only when the test advances time. */
function harness(answers: number[] = []) {
  let now = 0;
  const timers: { at: number; run: () => void }[] = [];
  const posted: ChatEvent[][] = [];
  const beaconed: ChatEvent[][] = [];
  const state = { allowed: true, beaconOk: true };
  const deps: QueueDeps = {
    post: async (events) => {
      posted.push(events);
      return answers.shift() ?? 200;
    },
    beacon: (events) => (state.beaconOk ? (beaconed.push(events), true) : false),
    allowed: () => state.allowed,
    later: (run, ms) => void timers.push({ at: now + ms, run }),
    idleMs: 1000,
  };
  const advance = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > until) break;
      timers.shift();
      now = next.at;
      next.run();
      await Promise.resolve();
      await Promise.resolve();
    }
    now = until;
  };
  return { queue: createQueue(deps), posted, beaconed, state, advance, timers };
}

describe("event queue", () => {
  let h: ReturnType<typeof harness>;
  beforeEach(() => {
    h = harness();
  });

  it("sends nothing before activation (no request before the visitor interacts)", async () => {
    h.queue.push(anEvent(1));
    await h.advance(60_000);
    expect(h.posted).toEqual([]);
  });

  it("flushes when idle, in batches of at most 50, in order", async () => {
    // GIVEN 120 events and an active queue
    const events = Array.from({ length: 120 }, (_, n) => anEvent(n));
    events.forEach((event) => h.queue.push(event));
    h.queue.activate();
    // WHEN the page is idle
    await h.advance(1000);
    // THEN 50 + 50 + 20, in order
    expect(h.posted.map((batch) => batch.length)).toEqual([50, 50, 20]);
    expect(h.posted.flat()).toEqual(events);
  });

  it("retries a failed batch with exponential backoff, then delivers it once", async () => {
    h = harness([503, 0, 429]);
    h.queue.push(anEvent(1));
    h.queue.activate();
    await h.advance(1000); // first try: 503
    await h.advance(RETRY_BASE_MS - 1);
    expect(h.posted).toHaveLength(1);
    await h.advance(1); // after 1 s: network error
    await h.advance(2 * RETRY_BASE_MS); // after 2 s more: 429
    await h.advance(4 * RETRY_BASE_MS); // after 4 s more: 200
    expect(h.posted).toHaveLength(4);
    await h.advance(60_000);
    expect(h.posted).toHaveLength(4);
  });

  it("gives up retrying after the last backoff, and hands the events to the beacon on pagehide", async () => {
    h = harness(Array(MAX_RETRIES + 1).fill(500));
    h.queue.push(anEvent(1));
    h.queue.activate();
    await h.advance(10 * 60_000);
    expect(h.posted).toHaveLength(MAX_RETRIES + 1);
    h.queue.drain();
    expect(h.beaconed.flat()).toHaveLength(1);
  });

  it("drops a batch the server rejects as invalid (a 400 stays a 400)", async () => {
    h = harness([400]);
    h.queue.push(anEvent(1));
    h.queue.activate();
    await h.advance(60_000);
    expect(h.posted).toHaveLength(1);
    h.queue.drain();
    expect(h.beaconed).toEqual([]);
  });

  it("on pagehide, beacons what is not in flight, without duplicates", async () => {
    // GIVEN one batch in flight (its answer never comes) and more events waiting
    const pending: ChatEvent[][] = [];
    const deps = harness();
    const queue = createQueue({
      ...depsOf(deps),
      post: (events) => (pending.push(events), new Promise<number>(() => undefined)),
    });
    Array.from({ length: 60 }, (_, n) => anEvent(n)).forEach((event) => queue.push(event));
    queue.activate();
    await deps.advance(1000);
    // WHEN the page is hidden
    queue.drain();
    // THEN the beacon carries only the 10 not yet sent
    expect(pending[0]).toHaveLength(50);
    expect(deps.beaconed.flat()).toHaveLength(10);
    expect(new Set([...pending.flat(), ...deps.beaconed.flat()].map((event) => event.id)).size).toBe(60);
  });

  it("GIVEN a batch in flight WHEN the page unloads and the browser fails its keepalive fetch THEN the beacon does not send it again", async () => {
    // GIVEN a batch in flight, and one more event waiting
    let answer!: (status: number) => void;
    const pending: ChatEvent[][] = [];
    const deps = harness();
    const queue = createQueue({
      ...depsOf(deps),
      post: (events) => (pending.push(events), new Promise<number>((resolve) => (answer = resolve))),
    });
    queue.push(anEvent(1));
    queue.activate();
    await deps.advance(1000);
    queue.push(anEvent(2));
    // WHEN pagehide rejects the in-flight keepalive fetch (Chromium still delivers it) and, in the same task, drains the queue
    answer(0);
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    queue.drain();
    // THEN the beacon carries only the event that was never sent: every event leaves once
    expect(deps.beaconed).toEqual([[expect.objectContaining({ stepId: "s2" })]]);
    expect([...pending.flat(), ...deps.beaconed.flat()].map((event) => event.stepId)).toEqual(["s1", "s2"]);
  });

  it("GIVEN a network error while the page stays open WHEN the visitor leaves before the retry THEN the beacon carries the failed batch", async () => {
    // GIVEN a batch whose fetch failed in a page that keeps running
    h = harness([0]);
    h.queue.push(anEvent(1));
    h.queue.activate();
    await h.advance(1000);
    await h.advance(0);
    expect(h.posted).toHaveLength(1);
    // WHEN the page is hidden before the retry
    h.queue.drain();
    // THEN nothing is lost: the beacon takes the failed batch
    expect(h.beaconed.flat().map((event) => event.stepId)).toEqual(["s1"]);
  });

  it("sends nothing without analytics consent", async () => {
    h.state.allowed = false;
    h.queue.push(anEvent(1));
    h.queue.activate();
    await h.advance(60_000);
    h.queue.drain();
    expect(h.posted).toEqual([]);
    expect(h.beaconed).toEqual([]);
  });
});

function depsOf(h: ReturnType<typeof harness>): QueueDeps {
  return {
    post: async () => 200,
    beacon: (events) => (h.beaconed.push(events), true),
    allowed: () => h.state.allowed,
    later: (run, ms) => void h.timers.push({ at: ms, run }),
    idleMs: 1000,
  };
}

describe("waiting for an idle moment", () => {
  it("GIVEN a page that is never idle WHEN a flush waits for idle THEN it runs anyway once the idle timeout passes", () => {
    vi.useFakeTimers();
    try {
      // A browser that is never idle runs an idle callback only when its timeout (if any) passes.
      const neverIdle = {
        requestIdleCallback: (run: () => void, options?: { timeout?: number }) => {
          if (options?.timeout !== undefined) setTimeout(run, options.timeout);
          return 1;
        },
      } as unknown as Pick<Window, "requestIdleCallback">;
      let ran = 0;

      afterThenIdle(neverIdle, () => ran++, 1000);
      vi.advanceTimersByTime(1000 + IDLE_TIMEOUT_MS - 1);
      const before = ran;
      vi.advanceTimersByTime(1);

      expect(before).toBe(0);
      expect(ran).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("GIVEN no requestIdleCallback (Safari) WHEN a flush is due THEN it runs when its time comes", () => {
    vi.useFakeTimers();
    try {
      let ran = 0;
      afterThenIdle({} as Pick<Window, "requestIdleCallback">, () => ran++, 1000);
      vi.advanceTimersByTime(1000);
      expect(ran).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
