/** The answers numbers for the selected days: questions asked, how many were answered, and what shoppers asked. */
import { BlockStack, Card, DataTable, InlineGrid, Text } from "@shopify/polaris";
import type { Dashboard } from "./dashboard";

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function QuestionList({
  title,
  rows,
  empty,
}: {
  title: string;
  rows: { question: string; count: number }[];
  empty: string;
}) {
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        {title}
      </Text>
      {rows.length ? (
        <DataTable
          columnContentTypes={["text", "numeric"]}
          headings={["Question", "Times"]}
          rows={rows.map((row) => [row.question, row.count])}
        />
      ) : (
        <Text as="p" tone="subdued">
          {empty}
        </Text>
      )}
    </BlockStack>
  );
}

export function AnswersCard({ answers }: { answers: Dashboard["answers"] }) {
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Shoppers&apos; questions
        </Text>
        <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm" tone="subdued">
              Questions asked
            </Text>
            <Text as="p" variant="headingLg" numeric>
              {answers.asked}
            </Text>
          </BlockStack>
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm" tone="subdued">
              Answer rate
            </Text>
            <Text as="p" variant="headingLg" numeric>
              {percent(answers.answerRate)}
            </Text>
          </BlockStack>
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm" tone="subdued">
              Not covered (abstained)
            </Text>
            <Text as="p" variant="headingLg" numeric>
              {percent(answers.abstentionRate)}
            </Text>
          </BlockStack>
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm" tone="subdued">
              Rated helpful
            </Text>
            <Text as="p" variant="headingLg" numeric>
              {answers.helpfulRate === null ? "—" : percent(answers.helpfulRate)}
            </Text>
            <Text as="p" variant="bodySm" tone="subdued">
              of {answers.rated} rated answers
            </Text>
          </BlockStack>
        </InlineGrid>
        <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
          <QuestionList title="Most asked" rows={answers.mostAsked} empty="No questions in these days." />
          <QuestionList
            title="Most often not covered"
            rows={answers.mostUnanswered}
            empty="Every question was answered or clarified."
          />
        </InlineGrid>
        {answers.capped ? (
          <Text as="p" variant="bodySm" tone="subdued">
            The lists count the newest 5,000 questions of these days.
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}
