/** How conversations went over the selected days, each number with its one-line definition. */
import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import type { Dashboard } from "./dashboard";

function Figure({ label, value, help }: { label: string; value: string; help: string }) {
  return (
    <BlockStack gap="100">
      <Text as="h3" variant="headingSm" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="headingLg" numeric>
        {value}
      </Text>
      <Text as="p" variant="bodySm" tone="subdued">
        {help}
      </Text>
    </BlockStack>
  );
}

const orDash = (value: number | null, format: (value: number) => string) => (value === null ? "—" : format(value));

export function QualityCard({ quality }: { quality: Dashboard["quality"] }) {
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Conversation quality
        </Text>
        <InlineGrid columns={{ xs: 2, md: 5 }} gap="400">
          <Figure
            label="Conversations"
            value={String(quality.conversations)}
            help="Sessions in which the shopper opened the chat, started a flow or asked."
          />
          <Figure
            label="Depth"
            value={orDash(quality.depth, (value) => value.toFixed(1))}
            help="The shopper's turns (choices, questions, ratings) before the goal, per conversation."
          />
          <Figure
            label="Affirmation"
            value={orDash(quality.affirmation, (value) => value.toFixed(2))}
            help="Steps the shopper answered and went on from, plus answers rated helpful, per conversation."
          />
          <Figure
            label="Repair success"
            value={orDash(quality.repairSuccess, (value) => `${(value * 100).toFixed(0)}% of ${quality.repairs}`)}
            help="Clarifying questions and “not what I meant” followed by an answer or a goal."
          />
          <Figure
            label="Conversation → lead"
            value={orDash(quality.leadRate, (value) => `${(value * 100).toFixed(1)}%`)}
            help="Conversations in which the shopper left their email with consent."
          />
        </InlineGrid>
      </BlockStack>
    </Card>
  );
}
