/**
 * The causal number: treatment vs holdout, with its 95% interval and an honest sample warning.
 * Cohorts, as in an experiment: the visitors assigned in the period and what they bought since.
 */
import { Badge, BlockStack, Card, Text } from "@shopify/polaris";
import type { LiftReport } from "../../analytics/lift";
import { formatMoney } from "../../attribution/money";
import { liftStatement } from "./lift-wording";

export function LiftCard({ lift, currency }: { lift: LiftReport; currency: string }) {
  const statement = liftStatement(lift);
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm" tone="subdued">
          Incremental lift vs holdout
        </Text>
        <Text as="p" variant="headingLg" numeric>
          {statement.headline}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {statement.rates}
        </Text>
        {statement.interval ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {statement.interval}
          </Text>
        ) : null}
        <Text as="p" variant="bodySm" tone="subdued">
          Revenue per visitor {formatMoney(Math.round(lift.revenuePerVisitor.difference), currency)} vs holdout.
          Visitors first seen in these days ({lift.treatment.visitors} treatment, {lift.holdout.visitors} holdout) and
          every order they placed since.
        </Text>
        <Badge tone={statement.badge.tone}>{statement.badge.label}</Badge>
        {statement.caution ? (
          <Text as="p" variant="bodySm" tone="caution">
            {statement.caution}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}
