import { describe, expect, it } from "vitest";
import {
  addStep,
  addVariant,
  getAt,
  localesOf,
  numberOrText,
  removeAt,
  setAt,
  setGoal,
  setOwnSteps,
  setText,
} from "../../../app/flows/draft-edits";

describe("editing a draft", () => {
  const draft = {
    id: "f",
    prompt: { en: "Hi", fr: "Salut" },
    steps: [{ id: "a", kind: "message", goal: true, text: { en: "A" } }],
  };

  it("sets a nested field without touching the original", () => {
    const next = setAt(draft, ["steps", 0, "text", "de"], "Hallo");
    expect(next.steps[0]!.text).toEqual({ en: "A", de: "Hallo" });
    expect(draft.steps[0]!.text).toEqual({ en: "A" });
  });

  it("clearing one language removes only that language", () => {
    expect(setText(draft, ["prompt"], "fr", "").prompt).toEqual({ en: "Hi" });
  });

  it("lists the draft's languages, the default first", () => {
    expect(localesOf({ ...draft, steps: [{ text: { de: "x" }, replies: [{ label: { es: "y" } }] }] })).toEqual([
      "en",
      "fr",
      "de",
      "es",
    ]);
  });

  it("adds steps up to three, with a free id, and moves the goal", () => {
    const two = addStep(draft, "coupon");
    expect(two.steps).toMatchObject([{ id: "a" }, { id: "step-2", kind: "coupon", code: "", goal: false }]);
    const three = addStep(two, "link");
    expect(addStep(three, "message")).toBe(three);
    expect((setGoal(three, "step-2").steps as { goal: boolean }[]).map((step) => step.goal)).toEqual([
      false,
      true,
      false,
    ]);
  });

  it("adds variants with free ids and keeps unreadable numbers as typed", () => {
    expect(addVariant(addVariant({})).variants).toEqual([
      { id: "variant-1", weight: 1 },
      { id: "variant-2", weight: 1 },
    ]);
    expect([numberOrText("12"), numberOrText(""), numberOrText("1x")]).toEqual([12, undefined, "1x"]);
  });

  it("gives a variant its own copy of the steps to edit, and takes it back", () => {
    const withVariant = { ...draft, variants: [{ id: "v", weight: 1 }] };
    const own = setOwnSteps(withVariant, 0, true);
    expect(getAt(own, ["variants", 0])).toEqual({ id: "v", weight: 1, steps: draft.steps });
    const more = addStep(own, "coupon", ["variants", 0, "steps"]);
    expect(getAt(more, ["variants", 0, "steps"])).toHaveLength(2);
    expect(more.steps).toEqual(draft.steps);
    expect(getAt(removeAt(more, ["variants", 0, "steps"], 0), ["variants", 0])).toMatchObject({
      steps: [{ id: "step-2" }],
    });
    expect(getAt(setOwnSteps(more, 0, false), ["variants", 0])).toEqual({ id: "v", weight: 1 });
  });
});
