/**
 * What an experiment is, in the merchant's words: a test of some of a flow's variants, each
 * shown to a share of the flow's treatment visitors (the traffic split), compared against one
 * of them, the control. This module checks the form that creates one and the moves between
 * draft, running and stopped.
 */
import { z } from "zod";
import { describeProblems, fieldErrorsOf } from "../../platform/validation/zod-errors";
import type { TrafficSplit } from "../publish-config";

export const EXPERIMENT_STATUSES = ["draft", "running", "stopped"] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

export interface ExperimentPlan {
  name: string;
  flowId: string;
  controlVariantId: string;
  minimumDetectableEffect: number;
  split: TrafficSplit[];
}

export type ExperimentFormResult =
  { ok: true; plan: ExperimentPlan } | { ok: false; fieldErrors: Record<string, string> };

const baseSchema = z.object({
  name: z
    .string({ error: "Name the experiment" })
    .trim()
    .min(1, { error: "Name the experiment" })
    .max(80, { error: "At most 80 characters" }),
  flowId: z.string({ error: "Choose a flow" }).min(1, { error: "Choose a flow" }),
  controlVariantId: z.string({ error: "Choose the control" }).min(1, { error: "Choose the control" }),
  minimumDetectableEffect: z
    .string({ error: "Enter the smallest change worth detecting" })
    .trim()
    .regex(/^\d+(\.\d+)?$/, { error: "Enter a percentage, e.g. 10" })
    .transform(Number)
    .refine((value) => value >= 1 && value <= 200, { error: "Between 1% and 200%" }),
});

const weightSchema = z
  .string()
  .trim()
  .regex(/^\d+$/, { error: "A whole number from 0 to 100" })
  .transform(Number)
  .refine((weight) => weight <= 100, { error: "A whole number from 0 to 100" });

/**
 * The form: name, flowId, controlVariantId, minimumDetectableEffect (percent) and one
 * `weight.<variantId>` per variant of the flow (0 or empty leaves the variant out).
 */
export function parseExperimentForm(
  form: Record<string, unknown>,
  flowVariantIds: readonly string[],
): ExperimentFormResult {
  const base = baseSchema.safeParse(form);
  const fieldErrors: Record<string, string> = {};
  if (!base.success) Object.assign(fieldErrors, fieldErrorsOf(base.error));
  const split: TrafficSplit[] = [];
  for (const variantId of flowVariantIds) {
    const raw = form[`weight.${variantId}`];
    if (raw === undefined || raw === "") continue;
    const weight = weightSchema.safeParse(raw);
    if (!weight.success) fieldErrors[`weight.${variantId}`] = describeProblems(weight.error);
    else if (weight.data > 0) split.push({ variantId, weight: weight.data });
  }
  if (!flowVariantIds.length)
    fieldErrors.flowId ??= "This flow has no variants: add at least two in the flow editor first";
  else if (split.length < 2 && !Object.keys(fieldErrors).some((key) => key.startsWith("weight.")))
    fieldErrors.split = "Give at least two variants a share of the traffic";
  if (base.success && !fieldErrors.split && !split.some((entry) => entry.variantId === base.data.controlVariantId)) {
    fieldErrors.controlVariantId = "The control must be one of the variants in the test";
  }
  if (!base.success || Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return {
    ok: true,
    plan: {
      name: base.data.name,
      flowId: base.data.flowId,
      controlVariantId: base.data.controlVariantId,
      minimumDetectableEffect: base.data.minimumDetectableEffect / 100,
      split,
    },
  };
}

const MOVES: Record<"start" | "stop" | "declare_winner", readonly ExperimentStatus[]> = {
  start: ["draft"],
  stop: ["running"],
  declare_winner: ["running", "stopped"],
};

/** Null when the move is allowed; otherwise why not, for the merchant. */
export function refuseMove(move: keyof typeof MOVES, status: ExperimentStatus, hasWinner: boolean): string | null {
  if (hasWinner) return "This experiment already has a winner.";
  if (MOVES[move].includes(status)) return null;
  if (move === "start")
    return status === "running"
      ? "The experiment is already running."
      : "A stopped experiment cannot restart: create a new one.";
  if (move === "stop")
    return status === "draft" ? "The experiment has not started." : "The experiment is already stopped.";
  return "Start the experiment before declaring a winner.";
}

export const splitSchema = z
  .array(z.object({ variantId: z.string(), weight: z.number().int().min(1).max(100) }))
  .min(2);
