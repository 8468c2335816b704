import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import type { FlowFunnel } from "../../analytics/funnel";

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

export function FlowFunnels({ funnels }: { funnels: FlowFunnel[] }) {
  return (
    <BlockStack gap="400">
      {funnels.map((funnel) => (
        <Card key={funnel.flowId}>
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              {funnel.flowId}: {funnel.started} started, {funnel.completed} completed ({percent(funnel.completionRate)})
            </Text>
            <DataTable
              columnContentTypes={["text", "numeric", "numeric"]}
              headings={["Step", "Reached", "Dropped off"]}
              rows={funnel.steps.map((step) => [step.stepId, step.reached, percent(step.dropOff)])}
            />
          </BlockStack>
        </Card>
      ))}
    </BlockStack>
  );
}
