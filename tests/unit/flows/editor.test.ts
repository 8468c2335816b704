import { describe, expect, it } from "vitest";
import { describePath, validateFlowDraft, validateFlowDraftText } from "../../../app/flows/editor";
import { FLOW_TEMPLATES, findTemplate, flowFromTemplate } from "../../../app/flows/templates";
import { flowSchema } from "../../../contract/widget-config";

const aDraft = () =>
  structuredClone(findTemplate("fit_help")!.flow) as Record<string, unknown> & { steps: Record<string, unknown>[] };

describe("flow editor validation", () => {
  it("accepts a valid draft and fills the defaults the widget reads", () => {
    const result = validateFlowDraft(aDraft());
    expect(result.ok && result.flow.enabled).toBe(true);
    expect(result.ok && result.flow.variants).toEqual([]);
  });

  it("puts every error at the path of its field, with a readable place", () => {
    // GIVEN a draft with an empty French step text, a bad coupon-less trigger and a step id reused
    const draft = aDraft();
    (draft.steps[1]!.text as Record<string, string>).fr = "";
    draft.trigger = { kind: "dwell", seconds: 0, pageTypes: ["product"] };
    draft.steps[2]!.id = "ask";
    // WHEN it is validated
    const result = validateFlowDraft(draft);
    // THEN each field gets its message
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors["steps.1.text.fr"]).toBe("Required");
    expect(result.fieldErrors["trigger.seconds"]).toBe("At least 1");
    expect(result.fieldErrors.steps).toBe('step id "ask" is used twice');
    expect(result.errors.find((error) => error.path === "steps.1.text.fr")?.where).toBe("Step 2 › Text (fr)");
  });

  it("names a missing required field", () => {
    const draft = aDraft();
    delete draft.prompt;
    const result = validateFlowDraft(draft);
    expect(!result.ok && result.fieldErrors.prompt).toBe("Required");
  });

  it("reports text that is not JSON as a flow-level error", () => {
    expect(validateFlowDraftText("{not json")).toEqual({
      ok: false,
      errors: [{ path: "", message: "The draft is not valid JSON", where: "The flow" }],
      fieldErrors: { "": "The draft is not valid JSON" },
    });
  });

  it.each([
    [["variants", 0, "prompt", "en"], "Variant 1 › Prompt (en)"],
    [["steps", 0, "replies", 1, "label", "pt-BR"], "Step 1 › Reply 2 › Label (pt-BR)"],
    [[], "The flow"],
  ])("describes %o as %s", (path, expected) => {
    expect(describePath(path)).toBe(expected);
  });
});

describe("flow templates", () => {
  it("covers the six kinds of flow merchants start from, each valid", () => {
    expect(FLOW_TEMPLATES.map((template) => template.key)).toEqual([
      "fit_help",
      "product_recommendations",
      "add_to_cart",
      "email_capture",
      "coupon_offer",
      "b2b_qualifier",
    ]);
    for (const template of FLOW_TEMPLATES) expect(flowSchema.safeParse(template.flow).success, template.key).toBe(true);
  });

  it("the email capture template asks for consent and the B2B one books a demo", () => {
    const kinds = (key: string) => findTemplate(key)!.flow.steps.map((step) => step.kind);
    expect(kinds("email_capture")).toEqual(["email_capture"]);
    expect(kinds("b2b_qualifier")).toEqual(["qualifier", "link"]);
  });

  it("gives a second flow from the same template the next free id", () => {
    const template = findTemplate("coupon_offer")!;
    expect(flowFromTemplate(template, new Set()).id).toBe("cart-coupon");
    expect(flowFromTemplate(template, new Set(["cart-coupon", "cart-coupon-2"])).id).toBe("cart-coupon-3");
  });
});
