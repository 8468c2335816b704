import { describe, expect, it } from "vitest";
import { clampOccurredAt, customerGid, eventKey, mergeSession, planIngest } from "../../../app/capture/ingest-plan";
import type { ChatEvent } from "../../../contract/events";
import { aBatch, anEmailCapture, anEvent, anEventId, SESSION_ID } from "../../support/builders/events";
import { HOUR, NOW_MS } from "../../support/clock";

const context = { shopDomain: "shop.myshopify.com", receivedAt: new Date(NOW_MS) };

describe("clampOccurredAt", () => {
  it.each([
    ["a correct clock", NOW_MS - 5_000, NOW_MS, NOW_MS - 5_000],
    ["a clock an hour fast (skew corrected)", NOW_MS + HOUR - 5_000, NOW_MS + HOUR, NOW_MS - 5_000],
    ["an event from the future", NOW_MS + 60_000, NOW_MS, NOW_MS],
    ["an event from 1970", 0, NOW_MS, NOW_MS - 24 * HOUR],
  ])("GIVEN %s THEN the event is stamped in range", (_label, occurredAt, sentAt, expected) => {
    expect(clampOccurredAt(occurredAt, sentAt, NOW_MS).getTime()).toBe(expected);
  });
});

describe("planIngest", () => {
  it("GIVEN the same event twice in a batch, and one stored already THEN each is planned once, the stored one not at all", () => {
    const started = anEvent("session_started", { occurredAt: NOW_MS - 3_000 });
    const shown = anEvent("prompt_shown", { occurredAt: NOW_MS - 2_000 });
    const stored = anEvent("chat_opened", { occurredAt: NOW_MS - 1_000 });
    const plan = planIngest(
      aBatch({ sentAt: NOW_MS, events: [started, shown, shown, stored] }),
      context,
      new Set([eventKey(stored)]),
    );
    expect(plan.events.map((event) => event.id)).toEqual([started.id, shown.id]);
    expect(plan.sessions).toMatchObject([
      { id: SESSION_ID, events: 2, firstAt: new Date(NOW_MS - 3_000), lastAt: new Date(NOW_MS - 2_000) },
    ]);
  });

  it("GIVEN an id stored under another session THEN the event is new: an event id is unique within its session (ChatEvent's key)", () => {
    const shown = anEvent("prompt_shown", { occurredAt: NOW_MS - 2_000 });
    const plan = planIngest(
      aBatch({ sentAt: NOW_MS, events: [shown] }),
      context,
      new Set([eventKey({ sessionId: "other_session_1", id: shown.id })]),
    );
    expect(plan.events.map((event) => event.id)).toEqual([shown.id]);
  });

  it("GIVEN an email capture THEN the email is normalized onto the session and lead, and kept out of the event data", () => {
    const plan = planIngest(
      aBatch({ sentAt: NOW_MS, events: [anEmailCapture("Ann@Example.COM", { occurredAt: NOW_MS - 1_000 })] }),
      { ...context, loggedInCustomerId: "42" },
    );
    expect(plan.sessions[0]).toMatchObject({
      email: "ann@example.com",
      emailConsentAt: new Date(NOW_MS - 1_000),
      customerId: "gid://shopify/Customer/42",
      micros: 1,
    });
    expect(plan.leads).toMatchObject([
      { email: "ann@example.com", consentText: "Email me my size guide and offers", micros: 1 },
    ]);
    expect(plan.events[0]?.data ?? "").not.toContain("example");
    expect(plan.micros[0]).toMatchObject({ kind: "email_capture", email: "ann@example.com" });
  });

  it("GIVEN a coupon offered in chat THEN its code is kept upper-cased for the discount-code rule", () => {
    const plan = planIngest(
      aBatch({ sentAt: NOW_MS, events: [anEvent("micro_conversion", { kind: "coupon_applied", code: " chat10 " })] }),
      context,
    );
    expect(plan.micros[0]?.discountCode).toBe("CHAT10");
  });
});

describe("mergeSession", () => {
  it("GIVEN a late batch of an older part of the session THEN times widen and a known email stays", () => {
    const first = planIngest(
      aBatch({ sentAt: NOW_MS, events: [anEmailCapture("a@b.co", { occurredAt: NOW_MS - 1_000 })] }),
      context,
    ).sessions[0];
    const late = planIngest(
      aBatch({
        sentAt: NOW_MS,
        events: [anEvent("session_started", { occurredAt: NOW_MS - 10 * 60_000, landingPath: "/pages/fit" })],
      }),
      context,
    ).sessions[0];
    const stored = mergeSession(null, first!);
    const merged = mergeSession(stored, late!);
    expect(merged).toMatchObject({
      startedAt: new Date(NOW_MS - 10 * 60_000),
      lastSeenAt: new Date(NOW_MS - 1_000),
      landingPath: "/pages/fit",
      email: "a@b.co",
      eventCount: 2,
      microConversionCount: 1,
    });
  });
});

describe("conversation columns", () => {
  const recorded = (type: string, occurredAt: number, extra: Record<string, unknown> = {}) =>
    ({ id: anEventId(), sessionId: SESSION_ID, occurredAt, type, ...extra }) as unknown as ChatEvent;

  it("GIVEN a prompt shown and ignored THEN the session is no conversation", () => {
    const [session] = planIngest(aBatch({ sentAt: NOW_MS, events: [anEvent("prompt_shown")] }), context).sessions;
    expect(mergeSession(null, session!)).toMatchObject({ lastChatAt: null, answerCount: 0, abstainCount: 0 });
  });

  it("GIVEN turns, an answer and an abstention over two batches, the later one first THEN the last turn and both counts hold", () => {
    const later = planIngest(
      aBatch({
        sentAt: NOW_MS,
        events: [
          recorded("question_asked", NOW_MS - 2_000, { question: "do you ship to Canada?", locale: "en" }),
          recorded("answer_abstained", NOW_MS - 2_000, { locale: "en" }),
          // Not a turn of the shopper's: it must not move the conversation's time.
          recorded("answer_shown", NOW_MS - 1_000, { kind: "answer", sourceIds: [] }),
        ],
      }),
      context,
    ).sessions[0]!;
    const earlier = planIngest(
      aBatch({
        sentAt: NOW_MS,
        events: [
          anEvent("chat_opened", { occurredAt: NOW_MS - 60_000 }),
          recorded("micro_conversion", NOW_MS - 50_000, { kind: "question_answered" }),
          anEvent("micro_conversion", { occurredAt: NOW_MS - 40_000 }),
        ],
      }),
      context,
    ).sessions[0]!;

    const merged = mergeSession(mergeSession(null, later), earlier);

    expect(merged).toMatchObject({
      lastChatAt: new Date(NOW_MS - 2_000),
      answerCount: 1,
      abstainCount: 1,
      microConversionCount: 2,
    });
  });
});

describe("planIngest, a conversation's CSAT tap", () => {
  const aTap = (thumbs: 0 | 1, sessionId = SESSION_ID) =>
    anEvent("csat_given", { scale: "thumbs", thumbs, sessionId, occurredAt: NOW_MS - 1_000 });

  it("GIVEN two taps of one session in a batch THEN the first is planned and the second changes nothing", () => {
    const first = aTap(0);
    const plan = planIngest(aBatch({ sentAt: NOW_MS, events: [first, aTap(1)] }), context);
    expect(plan.events.map((event) => [event.id, event.data])).toEqual([[first.id, '{"scale":"thumbs","thumbs":0}']]);
    expect(plan.sessions).toMatchObject([{ id: SESSION_ID, events: 1 }]);
  });

  it("GIVEN a session rated in an earlier batch THEN a new tap is not planned, the batch's other events are, and another session's tap is", () => {
    const opened = anEvent("chat_opened", { occurredAt: NOW_MS - 2_000 });
    const other = aTap(1, "sess_other_session_9");
    const plan = planIngest(
      aBatch({ sentAt: NOW_MS, events: [opened, aTap(1), other] }),
      context,
      new Set(),
      new Set([SESSION_ID]),
    );
    expect(plan.events.map((event) => event.id)).toEqual([opened.id, other.id]);
    expect(plan.sessions).toMatchObject([
      { id: SESSION_ID, events: 1, lastAt: new Date(NOW_MS - 2_000) },
      { id: "sess_other_session_9", events: 1 },
    ]);
  });
});

describe("customerGid", () => {
  it.each([
    ["207119551", "gid://shopify/Customer/207119551"],
    ["gid://shopify/Customer/1", "gid://shopify/Customer/1"],
    ["", null],
    ["not-a-number", null],
  ])("%s → %s", (input, expected) => {
    expect(customerGid(input)).toBe(expected);
  });
});
