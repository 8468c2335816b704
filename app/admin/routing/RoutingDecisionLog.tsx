/** One lead's routing decisions: per rule, the version, the outcome, the conditions with what they found, the actions and the reason. */
import { Badge, BlockStack, Box, Card, InlineStack, List, Text } from "@shopify/polaris";
import type { LoggedCondition, LoggedDecision } from "./decisions.server";

const STATUS_WORDS: Record<string, { label: string; tone?: "success" | "info" | "attention" }> = {
  matched: { label: "Matched", tone: "success" },
  not_matched: { label: "Not matched" },
  disabled: { label: "Disabled", tone: "attention" },
  not_reached: { label: "Not reached (an earlier rule stopped)", tone: "info" },
};

function ConditionTree({ condition }: { condition: LoggedCondition }) {
  return (
    <List.Item>
      {`${condition.matched ? "✓" : "✗"} ${condition.text}${condition.observed ? ` — found: ${condition.observed}` : ""}`}
      {condition.children?.length ? (
        <List type="bullet">
          {condition.children.map((child) => (
            <ConditionTree key={child.path} condition={child} />
          ))}
        </List>
      ) : null}
    </List.Item>
  );
}

type Serialized<T> = { [K in keyof T]: T[K] extends Date ? string | Date : T[K] };

export function RoutingDecisionLog({ decisions }: { decisions: Array<Serialized<LoggedDecision>> }) {
  if (decisions.length === 0) {
    return (
      <Card>
        <Text as="p" tone="subdued">
          This lead has not been routed yet: it is routed when it next shows activity while a rule set is live.
        </Text>
      </Card>
    );
  }
  return (
    <BlockStack gap="300">
      {decisions.map((decision, index) => {
        const status = STATUS_WORDS[decision.status] ?? { label: decision.status };
        return (
          <Card key={`${decision.ruleId}-${String(decision.decidedAt)}-${index}`}>
            <BlockStack gap="200">
              <InlineStack gap="200" blockAlign="center">
                <Text as="h3" variant="headingSm">
                  {decision.ruleName}
                </Text>
                <Badge tone={status.tone}>{status.label}</Badge>
                <Text
                  as="span"
                  tone="subdued"
                >{`rule ${decision.ruleId}, version ${decision.ruleSetVersion}, ${new Date(decision.decidedAt).toISOString().slice(0, 19).replace("T", " ")} UTC`}</Text>
              </InlineStack>
              <Text as="p">{decision.reason}</Text>
              {decision.conditions ? (
                <Box>
                  <Text as="h4" variant="headingXs">
                    Conditions
                  </Text>
                  <List type="bullet">
                    <ConditionTree condition={decision.conditions} />
                  </List>
                </Box>
              ) : null}
              {decision.actions.length ? (
                <Box>
                  <Text as="h4" variant="headingXs">
                    Actions
                  </Text>
                  <List type="bullet">
                    {decision.actions.map((action, actionIndex) => (
                      <List.Item
                        key={`${action.type}-${actionIndex}`}
                      >{`${action.summary}: ${action.result}`}</List.Item>
                    ))}
                  </List>
                </Box>
              ) : null}
            </BlockStack>
          </Card>
        );
      })}
    </BlockStack>
  );
}
