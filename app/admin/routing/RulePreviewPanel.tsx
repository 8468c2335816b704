/**
 * "Who would this rule match?" while the rule is edited: a moment after each change the form is
 * sent to the editor's preview (the dry run over the recent leads, with the rule in its place
 * among the others), and the count and sample leads with their reasons are shown. Nothing is saved.
 */
import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Card, InlineStack, List, Spinner, Text } from "@shopify/polaris";
import { useEffect } from "react";
import type { RuleForm } from "./editor";
import type { RulePreview } from "./rule-preview.server";
import { Samples } from "./RoutingDryRun";

const WAIT_MS = 500;

type Props = { form: RuleForm; baseVersion: number; originalId: string | null };

export function RulePreviewPanel({ form, baseVersion, originalId }: Props) {
  const fetcher = useFetcher<RulePreview>();
  const { submit } = fetcher;
  const sent = JSON.stringify({
    intent: "preview",
    baseVersion: String(baseVersion),
    originalId: originalId ?? "",
    id: form.id,
    name: form.name,
    ...(form.enabled ? { enabled: "on" } : {}),
    then: form.then,
    conditions: form.conditions,
    actions: form.actions,
  });
  useEffect(() => {
    const timer = setTimeout(() => submit(JSON.parse(sent) as Record<string, string>, { method: "post" }), WAIT_MS);
    return () => clearTimeout(timer);
  }, [sent, submit]);
  const answer = fetcher.data;
  return (
    <Card>
      <div data-testid="rule-preview">
        <BlockStack gap="300">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h2" variant="headingMd">
              Who would match
            </Text>
            {fetcher.state !== "idle" ? <Spinner size="small" accessibilityLabel="Updating the preview" /> : null}
          </InlineStack>
          {!answer ? (
            <Text as="p" tone="subdued">
              Reading your recent leads…
            </Text>
          ) : answer.kind === "invalid" ? (
            <BlockStack gap="100">
              <Text as="p" tone="subdued">
                The preview waits for a complete rule:
              </Text>
              <List type="bullet">
                {Object.entries(answer.fieldErrors).flatMap(([field, messages]) =>
                  (messages ?? []).map((message) => (
                    <List.Item key={`${field}${message}`}>{`${field}: ${message}`}</List.Item>
                  )),
                )}
              </List>
            </BlockStack>
          ) : (
            <BlockStack gap="200">
              <Text as="p">
                {answer.rule.counts.disabled
                  ? `The rule is turned off: it matches none of the ${answer.leads} leads of the last ${answer.days} days.`
                  : `${answer.rule.counts.matched} of the ${answer.leads} leads of the last ${answer.days} days would match this rule.`}
              </Text>
              <InlineStack gap="200">
                {answer.rule.counts.not_reached ? (
                  <Badge tone="info">{`${answer.rule.counts.not_reached} stopped by an earlier rule`}</Badge>
                ) : null}
                {answer.rule.withheld ? (
                  <Badge tone="attention">{`${answer.rule.withheld} held back (no email or consent)`}</Badge>
                ) : null}
              </InlineStack>
              <Samples title="Leads it would catch" samples={answer.rule.samples} />
              <Samples title="Leads it would not catch" samples={answer.rule.missed} />
              <Text as="p" tone="subdued">
                Nothing is saved or sent to HubSpot by the preview.
              </Text>
            </BlockStack>
          )}
        </BlockStack>
      </div>
    </Card>
  );
}
