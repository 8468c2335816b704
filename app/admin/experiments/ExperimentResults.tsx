/**
 * An experiment's page: its state, the moves it allows, and each variant against the control,
 * with "declare winner" only beside a challenger the numbers back.
 */
import { Form, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, DataTable, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import type { VariantResult } from "../../flows/experiments/report";
import { formatMoney } from "../../attribution/money";
import type { ExperimentPageData } from "./experiment-page.server";
import { declarableWinner, whyNoWinner } from "./declare";
import type { ExperimentActionResult } from "./action-result";
import { STATUS_BADGE } from "./ExperimentList";

const percent = (value: number, digits = 1) => `${(100 * value).toFixed(digits)}%`;
const DONE: Record<string, string> = {
  start: "Started: the storefront now splits the flow's visitors",
  stop: "Stopped: every visitor sees the published flow again",
  declare_winner: "Winner declared and published as the flow's new version",
};

function Move({
  intent,
  label,
  variantId,
  tone,
}: {
  intent: string;
  label: string;
  variantId?: string;
  tone?: "critical";
}) {
  const busy = useNavigation().formData?.get("intent") === intent;
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {variantId ? <input type="hidden" name="variantId" value={variantId} /> : null}
      <Button submit loading={busy} tone={tone} variant={intent === "start" ? "primary" : undefined}>
        {label}
      </Button>
    </Form>
  );
}

function row(variant: VariantResult, declarable: boolean, currency: string) {
  // Without sessions there is nothing to compare: no "50%" that reads like a result.
  const against = variant.sessions ? variant.vsControl : null;
  return [
    <InlineStack gap="100" key="id">
      <Text as="span">{variant.variantId}</Text>
      {variant.isControl ? <Badge>Control</Badge> : null}
    </InlineStack>,
    String(variant.weight),
    variant.sessions.toLocaleString("en-US"),
    `${percent(variant.microConversionRate)} (${percent(variant.rateInterval.lower)}–${percent(variant.rateInterval.upper)})`,
    formatMoney(Math.round(variant.revenuePerSessionMinor), currency),
    against ? `${percent(against.probabilityToBeatControl, 0)}` : "—",
    against ? `${against.pValue.toFixed(4)}${against.significant ? " ✓" : ""}` : "—",
    variant.sessionsStillNeeded === null ? "needs data" : variant.sessionsStillNeeded.toLocaleString("en-US"),
    declarable ? <Move key="win" intent="declare_winner" label="Declare winner" variantId={variant.variantId} /> : "",
  ];
}

export function ExperimentPage({
  results,
  outcome,
}: {
  results: ExperimentPageData;
  outcome: ExperimentActionResult | undefined;
}) {
  const { experiment, report, currency } = results;
  const winner = declarableWinner(report, experiment);
  const noWinner = whyNoWinner(report, experiment);
  return (
    <Page
      title={experiment.name}
      subtitle={`Flow ${experiment.flowId}`}
      backAction={{ content: "Experiments", url: "/app/experiments" }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {outcome?.ok ? <Banner tone="success" title={DONE[outcome.done]} /> : null}
            {outcome && !outcome.ok ? <Banner tone="critical" title={outcome.message} /> : null}
            <Card>
              <BlockStack gap="200">
                <InlineStack gap="200">
                  <Badge tone={STATUS_BADGE[experiment.status]?.tone}>
                    {STATUS_BADGE[experiment.status]?.label ?? experiment.status}
                  </Badge>
                  {experiment.winnerVariantId ? (
                    <Badge tone="success">{`Winner: ${experiment.winnerVariantId}`}</Badge>
                  ) : null}
                </InlineStack>
                <Text as="p">
                  {`Control: ${experiment.controlVariantId}. Split: ${experiment.split.map((entry) => `${entry.variantId} ${entry.weight}`).join(" / ")}. Smallest change worth detecting: ${percent(experiment.minimumDetectableEffect, 0)}.`}
                </Text>
                {experiment.startedAt ? (
                  <Text
                    as="p"
                    tone="subdued"
                  >{`Running since ${experiment.startedAt.slice(0, 10)}${experiment.stoppedAt ? `, stopped ${experiment.stoppedAt.slice(0, 10)}` : ""}.`}</Text>
                ) : null}
                <InlineStack gap="200">
                  {experiment.status === "draft" ? <Move intent="start" label="Start experiment" /> : null}
                  {experiment.status === "running" ? (
                    <Move intent="stop" label="Stop experiment" tone="critical" />
                  ) : null}
                </InlineStack>
              </BlockStack>
            </Card>
            {report ? (
              <Card padding="0">
                <BlockStack gap="200">
                  <div style={{ padding: "16px 16px 0" }}>
                    <Text as="p" variant="headingSm">
                      {report.summary}
                    </Text>
                  </div>
                  <DataTable
                    columnContentTypes={[
                      "text",
                      "numeric",
                      "numeric",
                      "text",
                      "numeric",
                      "numeric",
                      "numeric",
                      "numeric",
                      "text",
                    ]}
                    headings={[
                      "Variant",
                      "Share",
                      "Sessions",
                      "Micro-conversion rate (95%)",
                      `Revenue / session (${currency})`,
                      "Chance it beats control",
                      `p (α ${report.alpha.toFixed(3)})`,
                      "Sessions still needed",
                      "",
                    ]}
                    rows={report.variants.map((variant) => row(variant, variant.variantId === winner, currency))}
                  />
                  {noWinner ? (
                    <div style={{ padding: "0 16px 16px" }}>
                      <Text as="p" tone="subdued">
                        {noWinner}
                      </Text>
                    </div>
                  ) : null}
                </BlockStack>
              </Card>
            ) : (
              <Text as="p" tone="subdued">
                Results appear once the experiment starts.
              </Text>
            )}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
