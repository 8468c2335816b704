/** The widget's measured weight against its budget: the loader runs on every storefront page, the chat UI only when needed. */
import { Banner, BlockStack, ProgressBar, Text } from "@shopify/polaris";
import type { WidgetWeight } from "./widget-weight";

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

export function SettingsWidgetWeight({ weight }: { weight: WidgetWeight | null }) {
  if (!weight) {
    return (
      <Text as="p" tone="subdued">
        The widget files are not on this server, so their weight cannot be measured here.
      </Text>
    );
  }
  return (
    <BlockStack gap="300">
      <Text as="p">
        Loader on every page: <b>{kb(weight.loaderBytes)}</b> of {kb(weight.loaderBudget)}
      </Text>
      <ProgressBar
        animated={false}
        progress={Math.min(100, (100 * weight.loaderBytes) / weight.loaderBudget)}
        tone={weight.loaderBytes <= weight.loaderBudget ? "success" : "critical"}
        size="small"
      />
      <Text as="p">
        With the chat UI (loaded only when needed): <b>{kb(weight.totalBytes)}</b> of {kb(weight.totalBudget)}
      </Text>
      <ProgressBar
        animated={false}
        progress={Math.min(100, (100 * weight.totalBytes) / weight.totalBudget)}
        tone={weight.totalBytes <= weight.totalBudget ? "success" : "critical"}
        size="small"
      />
      {!weight.withinBudget ? <Banner tone="warning" title="The widget is over its weight budget" /> : null}
    </BlockStack>
  );
}
