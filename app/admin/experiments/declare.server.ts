/**
 * "Declare winner" as the server decides it: the experiment's result read fresh, and a
 * declaration it does not back (mid-test luck, no difference, the control) refused before
 * anything is published, whatever the page showed when the form was sent.
 */
import {
  declareWinner,
  experimentResults,
  ExperimentRefused,
  type ExperimentSummary,
} from "../../flows/experiments/experiments.server";
import { refusedDeclaration } from "./declare";

export async function declareBackedWinner(
  graphql: Parameters<typeof declareWinner>[0],
  shopDomain: string,
  id: string,
  variantId: string,
  now = new Date(),
): Promise<ExperimentSummary> {
  const { experiment, report } = await experimentResults(shopDomain, id, now);
  const refused = refusedDeclaration(report, experiment, variantId);
  if (refused) throw new ExperimentRefused(refused);
  return declareWinner(graphql, shopDomain, id, variantId, now);
}
