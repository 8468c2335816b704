/** The dry run's answer: per rule, how many leads it would catch, what it would do, and sample leads with reasons. */
import { Link } from "@remix-run/react";
import { Badge, BlockStack, Card, DataTable, InlineStack, List, Text } from "@shopify/polaris";
import type { DryRunReport, RuleDryRun } from "../../routing/dry-run";
import type { IntentKind } from "../../routing/intents";

/** [one, many] */
const INTENT_WORDS: Record<IntentKind, [string, string]> = {
  upsert_contact: ["contact sync", "contact syncs"],
  set_lifecycle_stage: ["lifecycle stage change", "lifecycle stage changes"],
  set_lead_status: ["lead status change", "lead status changes"],
  assign_owner: ["owner assignment", "owner assignments"],
  create_task: ["task", "tasks"],
  create_deal: ["deal", "deals"],
  create_ticket: ["ticket", "tickets"],
  send_event: ["custom event", "custom events"],
};

export function Samples({ title, samples }: { title: string; samples: RuleDryRun["samples"] }) {
  if (samples.length === 0) return null;
  return (
    <BlockStack gap="100">
      <Text as="h4" variant="headingXs">
        {title}
      </Text>
      <List type="bullet">
        {samples.map((sample) => (
          <List.Item key={sample.leadId}>
            <Link to={`/app/routing/decisions?lead=${encodeURIComponent(sample.leadId)}`}>
              {sample.email ?? sample.leadId}
            </Link>
            : {sample.reason}
          </List.Item>
        ))}
      </List>
    </BlockStack>
  );
}

export function RoutingDryRun({ report, version, days }: { report: DryRunReport; version: number; days: number }) {
  return (
    <BlockStack gap="300">
      <div data-testid="dry-run-summary">
        <Text as="p">
          {`Version ${version} over the last ${days} days: ${report.leads} leads, ${report.leads - report.unrouted} routed, ${report.unrouted} matched no rule, ${report.qualified} qualified. Nothing was sent to HubSpot.`}
        </Text>
      </div>
      <DataTable
        columnContentTypes={["text", "numeric", "numeric", "numeric", "text"]}
        headings={["Rule", "Would match", "Not matched", "Not reached", "Would do"]}
        rows={report.rules.map((rule) => [
          rule.enabled ? rule.ruleName : `${rule.ruleName} (disabled)`,
          rule.counts.matched,
          rule.counts.not_matched,
          rule.counts.not_reached,
          Object.entries(rule.intents)
            .map(([kind, count]) => `${count} ${INTENT_WORDS[kind as IntentKind]?.[count === 1 ? 0 : 1] ?? kind}`)
            .join(", ") || "—",
        ])}
      />
      {report.rules.map((rule) => (
        <Card key={rule.ruleId}>
          <BlockStack gap="200">
            <InlineStack gap="200">
              <Text as="h3" variant="headingSm">
                {rule.ruleName}
              </Text>
              <Badge>{`${rule.counts.matched} would match`}</Badge>
              {rule.withheld > 0 ? (
                <Badge tone="attention">{`${rule.withheld} held back (no email or consent)`}</Badge>
              ) : null}
            </InlineStack>
            <Samples title="Sample leads it would catch" samples={rule.samples} />
            <Samples title="Sample leads it would not catch" samples={rule.missed} />
          </BlockStack>
        </Card>
      ))}
    </BlockStack>
  );
}
