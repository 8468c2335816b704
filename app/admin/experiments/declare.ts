/**
 * When the experiments page offers "declare winner": only for a challenger the report found
 * better than the control, at its corrected significance and with the planned sample in. A 98%
 * chance to beat the control mid-test, or the control itself, is no winner to publish (the
 * control winning means keeping the flow as published: stop the experiment).
 */
import type { ExperimentReport } from "../../flows/experiments/report";

export interface DeclareState {
  status: string;
  winnerVariantId: string | null;
}

export function declarableWinner(report: ExperimentReport | null, experiment: DeclareState): string | null {
  if (!report || experiment.status === "draft" || experiment.winnerVariantId) return null;
  if (report.verdict !== "winner" || !report.leader) return null;
  const leader = report.variants.find((variant) => variant.variantId === report.leader);
  if (!leader || leader.isControl || !leader.vsControl?.significant || leader.vsControl.rateDifference <= 0)
    return null;
  return leader.variantId;
}

/** Why no variant can be declared yet, in the merchant's words; null when one can, or nothing is left to decide. */
export function whyNoWinner(report: ExperimentReport | null, experiment: DeclareState): string | null {
  if (!report || experiment.status === "draft" || experiment.winnerVariantId) return null;
  if (declarableWinner(report, experiment)) return null;
  if (report.verdict === "collecting")
    return "No winner to declare yet: a high chance to beat the control before the planned sample is in is often luck.";
  if (report.verdict === "winner")
    return "The control beats every challenger: keep the flow as published and stop the experiment.";
  return "No variant differs clearly from the control: stop the experiment and keep the published flow.";
}

/**
 * Why declaring `variantId` is not backed by the result, or null when it is. The page offers the
 * button only where it is backed; this is the same rule for a form posted anyway (an old tab, a
 * script). Moves the experiment's state forbids (a draft, a winner already) are left to the
 * experiment service, which refuses them in its own words.
 */
export function refusedDeclaration(
  report: ExperimentReport | null,
  experiment: DeclareState & { controlVariantId: string },
  variantId: string,
): string | null {
  if (experiment.status === "draft" || experiment.winnerVariantId) return null;
  if (variantId === experiment.controlVariantId)
    return `${variantId} is the control: it is the flow as published already. Stop the experiment to keep it.`;
  const backed = declarableWinner(report, experiment);
  if (backed === variantId) return null;
  if (backed) return `The result backs ${backed}, not ${variantId}: only ${backed} can be declared the winner.`;
  return whyNoWinner(report, experiment) ?? "The result does not back a winner yet.";
}
