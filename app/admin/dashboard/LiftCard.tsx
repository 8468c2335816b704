import { Badge, BlockStack, Card, Text } from "@shopify/polaris";
import type { LiftReport } from "../../analytics/lift";
import { formatMoney } from "../../attribution/money";

const points = (share: number) => `${share >= 0 ? "+" : ""}${(share * 100).toFixed(1)} pts`;

const VERDICT: Record<LiftReport["verdict"], { tone: "success" | "critical" | "info" | "attention"; label: string }> = {
  lift: { tone: "success", label: "Chat lifts conversion" },
  drop: { tone: "critical", label: "Chat lowers conversion" },
  no_clear_difference: { tone: "info", label: "No clear difference yet" },
  too_small_to_say: { tone: "attention", label: "Too small to say" },
};

/**
 * The causal number: treatment vs holdout, with its 95% interval and an honest sample warning.
 * Cohorts, as in an experiment: the visitors assigned in the period and what they bought since.
 */
export function LiftCard({ lift, currency }: { lift: LiftReport; currency: string }) {
  const verdict = VERDICT[lift.verdict];
  const rpv = lift.revenuePerVisitor;
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm" tone="subdued">
          Incremental lift vs holdout
        </Text>
        <Text as="p" variant="headingLg" numeric>
          {points(lift.conversionRate.difference)}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {Number.isFinite(lift.conversionRate.interval.lower) && Number.isFinite(lift.conversionRate.interval.upper)
            ? `95% interval ${points(lift.conversionRate.interval.lower)} to ${points(lift.conversionRate.interval.upper)} · `
            : ""}
          revenue per visitor {formatMoney(Math.round(rpv.difference), currency)}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          Visitors first seen in these days ({lift.treatment.visitors} treatment, {lift.holdout.visitors} holdout) and
          every order they placed since.
        </Text>
        <Badge tone={verdict.tone}>{verdict.label}</Badge>
        {lift.tooSmallToSay ? (
          <Text as="p" variant="bodySm" tone="caution">
            Sample too small: {lift.reasons.join("; ")}.
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}
