/**
 * An experiment's page: its results and the shop's currency, so revenue per session is shown
 * as money ("€7.50"), never as a bare number in an unknown currency.
 */
import { experimentResults, type ExperimentResults } from "../../flows/experiments/experiments.server";
import { reportingCurrency } from "../dashboard/dashboard.server";

export interface ExperimentPageData extends ExperimentResults {
  currency: string;
}

export async function loadExperimentPage(shopDomain: string, id: string): Promise<ExperimentPageData> {
  const [results, currency] = await Promise.all([experimentResults(shopDomain, id), reportingCurrency(shopDomain)]);
  return { ...results, currency };
}
