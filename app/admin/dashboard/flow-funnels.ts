/**
 * The dashboard's funnels as the merchant built the flows: steps in the flow's own order (a
 * count order put "book" before "team" whenever both were reached as often) and each flow under
 * the name the merchant gave it, not its storefront id. Pure: the service hands in the flows.
 */
import type { FlowFunnel, FunnelStep } from "../../analytics/funnel";
import type { Flow } from "../../../contract/widget-config";

/** What the dashboard needs of a flow: its name and its steps in order, with what each one does. */
export interface FlowOutline {
  id: string;
  name: string;
  steps: { id: string; kind: string }[];
}

export interface NamedFunnel extends FlowFunnel {
  name: string;
  steps: (FunnelStep & { kind: string | null })[];
}

/** The flow's steps first, then the steps only its variants have (an experiment adds or swaps steps). */
export function flowOutline(id: string, name: string, flow: Pick<Flow, "steps" | "variants">): FlowOutline {
  const steps: FlowOutline["steps"] = [];
  const seen = new Set<string>();
  for (const list of [flow.steps, ...flow.variants.map((variant) => variant.steps ?? [])]) {
    for (const step of list) {
      if (seen.has(step.id)) continue;
      seen.add(step.id);
      steps.push({ id: step.id, kind: step.kind });
    }
  }
  return { id, name, steps };
}

export function stepOrderOf(outlines: readonly FlowOutline[]): Record<string, string[]> {
  return Object.fromEntries(outlines.map((outline) => [outline.id, outline.steps.map((step) => step.id)]));
}

/**
 * Funnels in the order the merchant's flows are listed, each named; a flow deleted since its
 * sessions keeps its id as its name (its history still counts) and comes last.
 */
export function namedFunnels(funnels: readonly FlowFunnel[], outlines: readonly FlowOutline[]): NamedFunnel[] {
  const position = new Map(outlines.map((outline, index) => [outline.id, index]));
  const byId = new Map(outlines.map((outline) => [outline.id, outline]));
  return [...funnels]
    .sort(
      (a, b) =>
        (position.get(a.flowId) ?? outlines.length) - (position.get(b.flowId) ?? outlines.length) ||
        (a.flowId < b.flowId ? -1 : a.flowId > b.flowId ? 1 : 0),
    )
    .map((funnel) => {
      const outline = byId.get(funnel.flowId);
      const kinds = new Map(outline?.steps.map((step) => [step.id, step.kind]));
      return {
        ...funnel,
        name: outline?.name ?? funnel.flowId,
        steps: funnel.steps.map((step) => ({ ...step, kind: kinds.get(step.stepId) ?? null })),
      };
    });
}
