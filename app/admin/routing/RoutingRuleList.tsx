/**
 * The ordered rule list: each rule's place, state, what it does after a match, and the HubSpot
 * things it points at that are gone (flagged in the row, never hidden), with reorder,
 * enable/disable and edit. Every button posts one change on top of the version shown.
 */
import { Form, Link } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, InlineStack, List, Text } from "@shopify/polaris";
import type { Rule } from "../../routing/rule-schema";

type Props = {
  rules: Rule[];
  version: number;
  flags: Record<string, string[]>;
  busy: boolean;
};

function ChangeButton({
  fields,
  text,
  label,
  disabled,
  busy,
}: {
  fields: Record<string, string>;
  text: string;
  label: string;
  disabled?: boolean;
  busy: boolean;
}) {
  return (
    <Form method="post">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button submit size="slim" disabled={disabled || busy} accessibilityLabel={label}>
        {text}
      </Button>
    </Form>
  );
}

export function RoutingRuleList({ rules, version, flags, busy }: Props) {
  if (rules.length === 0) {
    return (
      <Card>
        <Text as="p" tone="subdued">
          No rules yet. Start from a template below: each one is an ordinary rule you can then adjust.
        </Text>
      </Card>
    );
  }
  const base = String(version);
  return (
    <BlockStack gap="300">
      {rules.map((rule, index) => {
        const problems = flags[rule.id] ?? [];
        return (
          <Card key={rule.id}>
            <div data-testid={`rule-${rule.id}`}>
              <BlockStack gap="200">
                <InlineStack align="space-between" blockAlign="center" gap="300">
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="span" tone="subdued">
                      {index + 1}.
                    </Text>
                    <Text as="h3" variant="headingSm">
                      {rule.name}
                    </Text>
                    <Badge tone={rule.enabled ? "success" : undefined}>{rule.enabled ? "Enabled" : "Disabled"}</Badge>
                    <Badge>{rule.then === "stop" ? "Stops after a match" : "Continues after a match"}</Badge>
                    {problems.length > 0 ? (
                      <Badge tone="critical">{`Needs attention: ${problems.length}`}</Badge>
                    ) : null}
                  </InlineStack>
                  <InlineStack gap="100">
                    <ChangeButton
                      busy={busy}
                      text="Up"
                      label={`Up: move ${rule.name} earlier`}
                      disabled={index === 0}
                      fields={{ intent: "move", direction: "up", ruleId: rule.id, baseVersion: base }}
                    />
                    <ChangeButton
                      busy={busy}
                      text="Down"
                      label={`Down: move ${rule.name} later`}
                      disabled={index === rules.length - 1}
                      fields={{ intent: "move", direction: "down", ruleId: rule.id, baseVersion: base }}
                    />
                    <ChangeButton
                      busy={busy}
                      text={rule.enabled ? "Disable" : "Enable"}
                      label={`${rule.enabled ? "Disable" : "Enable"} ${rule.name}`}
                      fields={{
                        intent: "enable",
                        enabled: rule.enabled ? "false" : "true",
                        ruleId: rule.id,
                        baseVersion: base,
                      }}
                    />
                    <Link to={`/app/routing/edit/${encodeURIComponent(rule.id)}`}>Edit</Link>
                  </InlineStack>
                </InlineStack>
                <Text as="p" tone="subdued">
                  {`${rule.id} · ${rule.actions.length} ${rule.actions.length === 1 ? "action" : "actions"}: ${rule.actions.map((action) => action.type.replaceAll("_", " ")).join(", ")}`}
                </Text>
                {problems.length > 0 ? (
                  <Box background="bg-surface-critical" padding="200" borderRadius="200">
                    <List type="bullet">
                      {problems.map((problem) => (
                        <List.Item key={problem}>{problem}</List.Item>
                      ))}
                    </List>
                  </Box>
                ) : null}
              </BlockStack>
            </div>
          </Card>
        );
      })}
    </BlockStack>
  );
}
