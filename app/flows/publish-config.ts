/**
 * The whole widget config the storefront gets, built from what the shop has published: each
 * enabled flow's published version, the holdout settings, the launcher's look from Settings,
 * and, for a flow with a running experiment, that experiment's variants and traffic split. Only
 * a running experiment puts variants into the config: without one, every treatment visitor sees
 * the flow as published. The answers switch rides along, so the widget shows no question box
 * while the merchant has answers off.
 */
import {
  widgetConfigSchema,
  WIDGET_CONFIG_VERSION,
  type Flow,
  type WidgetAppearanceConfig,
  type WidgetConfig,
} from "../../contract/widget-config";
import { describeProblems } from "../platform/validation/zod-errors";

export interface TrafficSplit {
  variantId: string;
  weight: number;
}

export interface RunningExperiment {
  flowId: string;
  variants: readonly TrafficSplit[];
}

export interface PublishInput {
  salt: string;
  holdoutPercent: number;
  /** Published versions, in the order the merchant's list shows them. */
  flows: readonly Flow[];
  experiments: readonly RunningExperiment[];
  /** The launcher's look from Settings; without it the theme editor's block settings apply. */
  appearance?: WidgetAppearanceConfig;
  /** The Knowledge page's answers switch; absent: on, as a new shop's answers are. */
  answersEnabled?: boolean;
}

export class PublishConflict extends Error {
  override name = "PublishConflict";
}

/** The variants the storefront should split a flow's visitors between. */
function variantsFor(flow: Flow, experiment: RunningExperiment | undefined): Flow["variants"] {
  if (!experiment) return [];
  return experiment.variants.map(({ variantId, weight }) => {
    const content = flow.variants.find((variant) => variant.id === variantId);
    // Publishing or rolling back refuses this earlier; here it would silently change the test.
    if (!content)
      throw new PublishConflict(`flow "${flow.id}" has no variant "${variantId}", which its running experiment tests`);
    return { ...content, weight };
  });
}

/** The largest config the app publishes (Shopify allows more; past this the page weighs too much). */
export const MAX_PUBLISHED_FLOWS = 20;

export function buildWidgetConfig(input: PublishInput): WidgetConfig {
  const running = new Map(input.experiments.map((experiment) => [experiment.flowId, experiment]));
  const flows = input.flows.filter((flow) => flow.enabled);
  if (flows.length > MAX_PUBLISHED_FLOWS)
    throw new PublishConflict(
      `At most ${MAX_PUBLISHED_FLOWS} flows can be on the storefront at once: turn one off first.`,
    );
  const result = widgetConfigSchema.safeParse({
    v: WIDGET_CONFIG_VERSION,
    salt: input.salt,
    holdoutPercent: input.holdoutPercent,
    flows: flows.map((flow) => ({ ...flow, variants: variantsFor(flow, running.get(flow.id)) })),
    ...(input.appearance ? { appearance: input.appearance } : {}),
    answers: { enabled: input.answersEnabled ?? true },
  });
  if (!result.success)
    throw new PublishConflict(`The storefront config would be invalid (${describeProblems(result.error)}).`);
  return result.data;
}

/** Why a flow definition cannot replace the published one while an experiment runs on it. */
export function experimentBlocks(flow: Flow, experiment: RunningExperiment | undefined): string | null {
  if (!experiment) return null;
  const missing = experiment.variants
    .filter(({ variantId }) => !flow.variants.some((variant) => variant.id === variantId))
    .map(({ variantId }) => variantId);
  if (missing.length)
    return `A running experiment tests variant${missing.length > 1 ? "s" : ""} ${missing.join(", ")}: keep ${missing.length > 1 ? "them" : "it"} in the flow, or stop the experiment first.`;
  if (!flow.enabled) return "A running experiment tests this flow: stop the experiment before turning the flow off.";
  return null;
}
