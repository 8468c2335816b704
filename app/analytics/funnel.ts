/**
 * Each flow's step funnel: how many sessions reached each step and what share dropped off
 * before the next one (the last step's drop-off is measured against completion). Counts are
 * plain sums, so funnels from daily rollups merge by addition.
 */
import type { FlowProgress } from "./session-facts";

export interface FlowCounts {
  started: number;
  completed: number;
  steps: Record<string, number>;
}

export interface FunnelStep {
  stepId: string;
  reached: number;
  /** Share of the sessions that reached this step and did not reach the next (or complete). */
  dropOff: number;
}

export interface FlowFunnel {
  flowId: string;
  started: number;
  completed: number;
  completionRate: number;
  steps: FunnelStep[];
}

export function addFlowProgress(
  counts: Record<string, FlowCounts>,
  flows: readonly FlowProgress[],
  sign: 1 | -1 = 1,
): void {
  for (const flow of flows) {
    const target = (counts[flow.flowId] ??= { started: 0, completed: 0, steps: {} });
    target.started += sign;
    if (flow.completed) target.completed += sign;
    for (const stepId of flow.stepsViewed) target.steps[stepId] = (target.steps[stepId] ?? 0) + sign;
  }
}

export function mergeFlowCounts(into: Record<string, FlowCounts>, from: Readonly<Record<string, FlowCounts>>): void {
  for (const [flowId, counts] of Object.entries(from)) {
    const target = (into[flowId] ??= { started: 0, completed: 0, steps: {} });
    target.started += counts.started;
    target.completed += counts.completed;
    for (const [stepId, reached] of Object.entries(counts.steps))
      target.steps[stepId] = (target.steps[stepId] ?? 0) + reached;
  }
}

/**
 * `stepOrder` gives each flow's steps as defined; without it (a flow deleted since), steps are
 * ordered by how many sessions reached them, ties by step id.
 */
export function funnels(
  counts: Readonly<Record<string, FlowCounts>>,
  stepOrder: Readonly<Record<string, readonly string[]>> = {},
): FlowFunnel[] {
  return Object.entries(counts)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([flowId, flow]) => {
      const defined = stepOrder[flowId];
      const byCount = (a: string, b: string) => (flow.steps[b] ?? 0) - (flow.steps[a] ?? 0) || (a < b ? -1 : 1);
      // Steps a flow no longer defines (an older version had them) keep their history, after the defined ones.
      const ids = defined
        ? [
            ...defined,
            ...Object.keys(flow.steps)
              .filter((id) => !defined.includes(id))
              .sort(byCount),
          ]
        : Object.keys(flow.steps).sort(byCount);
      const steps = ids.map((stepId, i) => {
        const reached = flow.steps[stepId] ?? 0;
        const next = i + 1 < ids.length ? (flow.steps[ids[i + 1] as string] ?? 0) : flow.completed;
        return { stepId, reached, dropOff: reached ? Math.max(0, 1 - next / reached) : 0 };
      });
      return {
        flowId,
        started: flow.started,
        completed: flow.completed,
        completionRate: flow.started ? flow.completed / flow.started : 0,
        steps,
      };
    });
}
