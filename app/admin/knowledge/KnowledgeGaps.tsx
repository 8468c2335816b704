/** Questions the shop's content did not answer, grouped; "Write an FAQ" starts a draft in the FAQ editor below. */
import { Badge, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import type { KnowledgeGap, RateWindow } from "../../conversations/knowledge-gaps";

export interface FaqDraft {
  locale: string;
  question: string;
  variants: string[];
}

const rate = (window: RateWindow) =>
  window.asked ? `${Math.round((window.answered / window.asked) * 100)}% of ${window.asked}` : "not asked";

export function KnowledgeGaps({
  gaps,
  from,
  money,
  onDraft,
}: {
  gaps: KnowledgeGap[];
  from: string;
  money: (minor: number) => string;
  onDraft: (draft: FaqDraft) => void;
}) {
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            Knowledge gaps
          </Text>
          <Text as="p" tone="subdued">
            Questions since {from} that your content did not answer (or whose answer a shopper marked not helpful),
            grouped by the words they share; the most often unanswered first.
          </Text>
        </BlockStack>
        {gaps.length === 0 ? (
          <Text as="p" tone="subdued">
            No gaps: every question of the last 30 days was answered.
          </Text>
        ) : null}
        {gaps.map((gap) => (
          <BlockStack key={`${gap.locale}|${gap.question}`} gap="100">
            <InlineStack gap="200" blockAlign="center">
              <Text as="h3" variant="headingSm">
                {gap.question}
              </Text>
              <Badge>{gap.locale}</Badge>
              {gap.faq ? <Badge tone="success">Covered by an FAQ</Badge> : null}
            </InlineStack>
            {gap.wordings.length ? (
              <Text as="p" tone="subdued">
                Also asked as: {gap.wordings.join(" · ")}
              </Text>
            ) : null}
            <Text as="p">
              Asked {gap.asked} times, not answered {gap.unanswered}
              {gap.revenueMinor ? `; sessions that asked were credited ${money(gap.revenueMinor)}` : ""}
            </Text>
            {gap.faq ? (
              <Text as="p" tone="subdued">
                “{gap.faq.question}” since {gap.faq.since.slice(0, 10)}: answered {rate(gap.faq.before)} before,{" "}
                {rate(gap.faq.after)} after.
              </Text>
            ) : (
              <InlineStack>
                <Button onClick={() => onDraft({ locale: gap.locale, question: gap.question, variants: gap.wordings })}>
                  Write an FAQ
                </Button>
              </InlineStack>
            )}
          </BlockStack>
        ))}
      </BlockStack>
    </Card>
  );
}
