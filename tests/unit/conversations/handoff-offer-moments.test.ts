/**
 * Which widget batches are asked whether a rule offers a person (#16): only those that opened the chat or moved
 * it on, so the store's other batches cost nothing more; and never the holdout's proactive path.
 */
import { describe, expect, it } from "vitest";
import { isProactive, sessionToOffer } from "../../../app/conversations/handoff-offers";
import { aBatch, anEvent } from "../../support/builders/events";

describe("sessionToOffer", () => {
  it("GIVEN a page's session start and a prompt shown WHEN asked THEN no session: nothing a rule reads changed", () => {
    expect(sessionToOffer(aBatch({ events: [anEvent("session_started"), anEvent("prompt_shown")] }))).toBeNull();
    expect(
      sessionToOffer(
        aBatch({ events: [anEvent("step_viewed"), anEvent("csat_given", { scale: "thumbs", thumbs: 1 })] }),
      ),
    ).toBeNull();
  });

  it("GIVEN the chat opened by hand, a flow's answer or a cart add WHEN asked THEN the session of the latest of them", () => {
    expect(
      sessionToOffer(aBatch({ events: [anEvent("chat_opened", { by: "launcher", sessionId: "sess_opened_1" })] })),
    ).toBe("sess_opened_1");
    const moved = aBatch({
      events: [
        anEvent("step_answered", { sessionId: "sess_first_tab" }),
        anEvent("micro_conversion", { sessionId: "sess_this_tab" }),
        anEvent("step_viewed", { sessionId: "sess_later_view" }),
      ],
    });
    expect(sessionToOffer(moved)).toBe("sess_this_tab");
  });

  it("GIVEN a holdout batch from a prompt WHEN asked THEN none: the holdout's proactive path is never offered", () => {
    const fromPrompt = [anEvent("prompt_shown"), anEvent("chat_opened", { by: "prompt" }), anEvent("step_answered")];
    expect(sessionToOffer(aBatch({ arm: "holdout", events: fromPrompt }))).toBeNull();
    // The same events in the treatment arm are offered; a holdout shopper who opened the chat by hand is too.
    expect(sessionToOffer(aBatch({ arm: "treatment", events: fromPrompt }))).not.toBeNull();
    const byHand = [anEvent("chat_opened", { by: "launcher" }), anEvent("flow_started", { trigger: "manual" })];
    expect(sessionToOffer(aBatch({ arm: "holdout", events: byHand }))).not.toBeNull();
  });

  it("GIVEN each way a conversation starts WHEN told apart THEN prompts and proactive flows are the chat's own doing", () => {
    expect(isProactive(anEvent("prompt_shown", { trigger: "exit_intent" }))).toBe(true);
    expect(isProactive(anEvent("chat_opened", { by: "prompt" }))).toBe(true);
    expect(isProactive(anEvent("flow_started", { trigger: "scroll_depth" }))).toBe(true);
    expect(isProactive(anEvent("chat_opened", { by: "launcher" }))).toBe(false);
    expect(isProactive(anEvent("flow_started", { trigger: "manual" }))).toBe(false);
    expect(isProactive(anEvent("step_answered"))).toBe(false);
  });
});
