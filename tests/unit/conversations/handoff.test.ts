/**
 * The handoff's moves: who may write in which state, what each move changes, and when the widget polls.
 */
import { describe, expect, it } from "vitest";
import {
  AFTER_ABSTENTION_MS,
  keepsPolling,
  move,
  reasonFor,
  startHandoff,
  viewOf,
  type HandoffState,
} from "../../../app/conversations/handoff";
import { NOW_MS } from "../../support/clock";

const live = () => startHandoff(true, NOW_MS, 120);
const offline = () => startHandoff(false, NOW_MS, 120);
const after = (state: HandoffState, ...moves: Parameters<typeof move>[1][]) =>
  moves.reduce((current, change) => {
    const result = move(current, change);
    if (!result.ok) throw new Error(result.refusal);
    return result.state;
  }, state);

describe("handoff state machine", () => {
  it("GIVEN someone can answer WHEN it starts THEN it waits for a person, polls, and offers the email after the merchant's wait", () => {
    const state = live();
    expect(state).toEqual({
      status: "waiting",
      mode: "live",
      offerOfflineAt: NOW_MS + 120_000,
      firstStaffReplyAt: null,
    });
    expect(keepsPolling(state)).toBe(true);
  });

  it("GIVEN a waiting handoff WHEN staff reply twice THEN it is live and the first reply's time is kept", () => {
    const state = after(
      live(),
      { kind: "staff_replies", at: NOW_MS + 5_000 },
      { kind: "staff_replies", at: NOW_MS + 9_000 },
    );
    expect(state.status).toBe("live");
    expect(state.firstStaffReplyAt).toBe(NOW_MS + 5_000);
    expect(keepsPolling(state)).toBe(true);
  });

  it("GIVEN nobody can answer WHEN it starts THEN no polling, the shopper may not chat, staff may not reply into it", () => {
    const state = offline();
    expect(keepsPolling(state)).toBe(false);
    expect(move(state, { kind: "shopper_says" })).toEqual({
      ok: false,
      refusal: "nobody can answer live now: leave an email and your question",
    });
    expect(move(state, { kind: "staff_replies", at: NOW_MS }).ok).toBe(false);
  });

  it("GIVEN an email left WHEN anyone tries to chat or leave another THEN refused; closing still works", () => {
    const left = after(live(), { kind: "leave_email" });
    expect(left.status).toBe("offline");
    expect(keepsPolling(left)).toBe(false);
    expect(move(left, { kind: "leave_email" }).ok).toBe(false);
    expect(move(left, { kind: "shopper_says" }).ok).toBe(false);
    expect(move(left, { kind: "staff_replies", at: NOW_MS })).toMatchObject({
      ok: false,
      refusal: expect.stringMatching(/answer by email/),
    });
    expect(after(left, { kind: "close" }).status).toBe("closed");
  });

  it("GIVEN a closed handoff THEN every move but close is refused, and close again changes nothing", () => {
    const closed = after(live(), { kind: "close" });
    for (const change of [
      { kind: "shopper_says" },
      { kind: "leave_email" },
      { kind: "staff_replies", at: NOW_MS },
    ] as const)
      expect(move(closed, change)).toEqual({ ok: false, refusal: "this conversation with the team has ended" });
    expect(after(closed, { kind: "close" })).toEqual(closed);
    expect(keepsPolling(closed)).toBe(false);
  });

  it("GIVEN a waiting live handoff WHEN shown to the widget THEN it names when the email is offered and asks to keep polling", () => {
    const view = viewOf({ ...live(), id: "h1", answerBy: null }, []);
    expect(view).toEqual({
      handoffId: "h1",
      status: "waiting",
      mode: "live",
      messages: [],
      offerOfflineAt: new Date(NOW_MS + 120_000).toISOString(),
      poll: true,
    });
  });
});

describe("why a shopper asked for a person", () => {
  const abstained = (msAgo: number) => ({ type: "answer_abstained", occurredAt: NOW_MS - msAgo });

  it("GIVEN the latest answer was an abstention minutes ago THEN the request came from it", () => {
    expect(reasonFor("asked", abstained(60_000), NOW_MS)).toBe("abstained");
    expect(reasonFor("asked", abstained(AFTER_ABSTENTION_MS), NOW_MS)).toBe("abstained");
  });

  it("GIVEN an answer given since, an old abstention, no answer, or a rule's offer THEN the reason stays as sent", () => {
    expect(reasonFor("asked", { type: "answer_shown", occurredAt: NOW_MS - 1_000 }, NOW_MS)).toBe("asked");
    expect(reasonFor("asked", abstained(AFTER_ABSTENTION_MS + 1), NOW_MS)).toBe("asked");
    expect(reasonFor("asked", null, NOW_MS)).toBe("asked");
    expect(reasonFor("rule", abstained(1_000), NOW_MS)).toBe("rule");
  });
});
