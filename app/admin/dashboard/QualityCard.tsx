/**
 * How conversations went over the selected days, each number with its one-line definition (the README's), the
 * rates over time as a chart, and a row per flow and per language so the weak one stands out.
 */
import { BlockStack, Card, DataTable, InlineGrid, Text } from "@shopify/polaris";
import type { Dashboard } from "./dashboard";
import { QualityChart } from "./QualityChart";
import type { QualityRow } from "./quality-view";

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
const percent = (digits: number) => (value: number | null) =>
  orDash(value, (share) => `${(share * 100).toFixed(digits)}%`);
/** 75 s → "1 min 15 s": a reply time a merchant reads at a glance. */
export function duration(ms: number | null): string {
  if (ms === null) return "—";
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function BreakdownTable({ title, rows }: { title: string; rows: QualityRow[] }) {
  if (!rows.length) return null;
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        {title}
      </Text>
      <DataTable
        columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric"]}
        headings={[
          title.replace("By ", "").replace(/^./, (first) => first.toUpperCase()),
          "Conversations",
          "Containment",
          "Handoff rate",
          "CSAT",
          "Answer rate",
          "Time to micro-conversion",
          "Conversation → sale",
        ]}
        rows={rows.map((row) => [
          row.label,
          row.conversations,
          percent(0)(row.containment),
          percent(0)(row.handoffRate),
          row.csat === null ? "—" : `${percent(0)(row.csat)} of ${row.csatRated}`,
          percent(0)(row.answerRate),
          duration(row.timeToMicroMs),
          percent(1)(row.saleRate),
        ])}
      />
    </BlockStack>
  );
}

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
            help="Sessions in which the shopper opened the chat, started a flow, asked or asked for a person."
          />
          <Figure
            label="Containment"
            value={percent(1)(quality.containment)}
            help="Conversations that never went to a person."
          />
          <Figure
            label="Handoff rate"
            value={percent(1)(quality.handoffRate)}
            help="Conversations that went to a person (asked for, after an abstention, or by a rule)."
          />
          <Figure
            label="First human reply"
            value={duration(quality.firstHumanReplyMs)}
            help="Median time from the handoff to a staff member's first reply."
          />
          <Figure
            label="CSAT"
            value={orDash(quality.csat, (share) => `${(share * 100).toFixed(0)}% of ${quality.csatRated}`)}
            help={`Rated conversations rated 4–5 or 👍 (each conversation's first tap).${
              quality.csatAverage === null ? "" : ` Average on 1–5: ${quality.csatAverage.toFixed(1)}.`
            }`}
          />
          <Figure
            label="Answer rate"
            value={percent(1)(quality.answerRate)}
            help={`Questions asked in conversations that were answered; ${percent(1)(quality.abstentionRate)} honestly not.`}
          />
          <Figure
            label="Time to micro-conversion"
            value={duration(quality.timeToMicroMs)}
            help="Median time from opening the chat to the conversation's first micro-conversion."
          />
          <Figure
            label="Conversation → sale"
            value={percent(1)(quality.saleRate)}
            help="Conversations whose session an order was credited to (any model, any window)."
          />
          <Figure
            label="Conversation → lead"
            value={percent(1)(quality.leadRate)}
            help="Conversations in which the shopper left their email with consent."
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
        </InlineGrid>
        <QualityChart series={quality.series} />
        <BreakdownTable title="By flow" rows={quality.byFlow} />
        <BreakdownTable title="By language" rows={quality.byLanguage} />
      </BlockStack>
    </Card>
  );
}
