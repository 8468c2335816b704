/**
 * Each flow's funnel on the dashboard, under the merchant's name for the flow and with its steps
 * in the flow's order (numbered, with what each step does), so drop-off reads step by step.
 */
import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import type { NamedFunnel } from "../dashboard/flow-funnels";

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

export function FlowFunnels({ funnels }: { funnels: NamedFunnel[] }) {
  return (
    <BlockStack gap="400">
      {funnels.map((funnel) => (
        <Card key={funnel.flowId}>
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              {funnel.name}: {funnel.started} started, {funnel.completed} completed ({percent(funnel.completionRate)})
            </Text>
            <DataTable
              columnContentTypes={["text", "numeric", "numeric"]}
              headings={["Step", "Reached", "Dropped off"]}
              rows={funnel.steps.map((step, index) => [
                `${index + 1}. ${step.stepId}${step.kind ? ` (${step.kind.replace(/_/g, " ")})` : ""}`,
                step.reached,
                percent(step.dropOff),
              ])}
            />
          </BlockStack>
        </Card>
      ))}
    </BlockStack>
  );
}
