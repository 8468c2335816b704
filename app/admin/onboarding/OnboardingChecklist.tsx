import { Badge, BlockStack, Box, Button, Card, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import type { OnboardingStep } from "./onboarding";

const BADGE = {
  done: <Badge tone="success">Done</Badge>,
  todo: <Badge tone="attention">To do</Badge>,
  unknown: <Badge>Coming soon</Badge>,
};

export function OnboardingChecklist({ steps, waiting }: { steps: OnboardingStep[]; waiting: boolean }) {
  const done = steps.filter((step) => step.status === "done").length;
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Set up ChatLift
          </Text>
          <Text as="p" tone="subdued">
            {done} of {steps.length} steps done{waiting ? " · watching for your first storefront event…" : ""}
          </Text>
          <ProgressBar progress={(100 * done) / steps.length} size="small" tone="success" />
        </BlockStack>
        {steps.map((step) => (
          <Box key={step.id} paddingBlockStart="200" borderBlockStartWidth="025" borderColor="border">
            <InlineStack align="space-between" blockAlign="start" wrap={false} gap="400">
              <BlockStack gap="100">
                <InlineStack gap="200" blockAlign="center">
                  <Text as="h3" variant="headingSm">
                    {step.title}
                  </Text>
                  <span data-testid={`step-${step.id}`} data-status={step.status}>
                    {BADGE[step.status]}
                  </span>
                </InlineStack>
                <Text as="p" tone="subdued">
                  {step.description}
                </Text>
              </BlockStack>
              {/* A done step keeps its link inside the app (e.g. to the flows), not the ones out of it. */}
              {step.action && (step.status !== "done" || !step.action.external) ? (
                <Button url={step.action.url} target={step.action.external ? "_blank" : undefined}>
                  {step.action.content}
                </Button>
              ) : null}
            </InlineStack>
          </Box>
        ))}
      </BlockStack>
    </Card>
  );
}
