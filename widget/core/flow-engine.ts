/**
 * One run of a flow: which variant, which step comes next, when the flow counts as completed.
 * Pure (no DOM): the chat UI drives it and turns its answers into events.
 */
import type { MicroConversionKind } from "../../contract/events";
import type { Flow, LocalizedText, Step, StepOf } from "../../contract/widget-config";
import { pickWeighted } from "./arm";

export interface FlowRun {
  flow: Flow;
  variantId?: string;
  steps: Step[];
  /** Index of the step on screen. */
  at: number;
  /** The goal step (or, without one, the last step) was reached. */
  completed: boolean;
  ended: boolean;
}

export type QuickReply = StepOf<"message">["replies"][number];

export function startRun(flow: Flow, visitorId: string, salt: string): FlowRun {
  const variant = flow.variants.length ? pickWeighted(flow.variants, visitorId, salt) : undefined;
  return { flow, variantId: variant?.id, steps: variant?.steps ?? flow.steps, at: 0, completed: false, ended: false };
}

export function currentStep(run: FlowRun): Step | undefined {
  return run.ended ? undefined : run.steps[run.at];
}

export function promptText(run: FlowRun): LocalizedText {
  return run.flow.variants.find((variant) => variant.id === run.variantId)?.prompt ?? run.flow.prompt;
}

/**
 * Moves past the current step: to the reply's target, or the next step in order; "end" or
 * the last step ends the run. Returns the new step, or undefined when the run ended.
 */
export function advance(run: FlowRun, reply?: QuickReply): Step | undefined {
  const target = reply?.next;
  const index = target === "end" ? -1 : target ? run.steps.findIndex((step) => step.id === target) : run.at + 1;
  if (index < 0 || index >= run.steps.length) {
    run.ended = true;
    if (!run.steps.some((step) => step.goal)) run.completed = true;
    return undefined;
  }
  run.at = index;
  return run.steps[index];
}

/**
 * The step's action happened (an answer, an add to cart, an email, a coupon, a click).
 * Returns the micro-conversion to record, if this action is one, and whether it completes
 * the flow (the goal step converted for the first time).
 */
export function convert(run: FlowRun | undefined, step: Step): { kind?: MicroConversionKind; completes: boolean } {
  const kind = conversionKind(step);
  // Outside a flow (recommendations offered after one ended) nothing completes.
  const completes = !!kind && step.goal && !!run && !run.completed;
  if (completes) run!.completed = true;
  return { kind, completes };
}

/** Every step kind's action is a micro-conversion, except a plain message that is not the goal. */
const CONVERSION_OF: Partial<Record<Step["kind"], MicroConversionKind>> = {
  recommendations: "add_to_cart",
  add_to_cart: "add_to_cart",
  email_capture: "email_capture",
  coupon: "coupon_applied",
  qualifier: "qualifier",
};

export function conversionKind(step: Step): MicroConversionKind | undefined {
  return step.kind == "link" || (step.kind == "message" && step.goal) ? step.conversion : CONVERSION_OF[step.kind];
}

/** A step that answers with something fetched or computed deserves an acknowledgement first. */
export function isHardAnswer(step: Step | undefined): boolean {
  return !!step && ["recommendations", "coupon", "add_to_cart"].includes(step.kind);
}
