/**
 * A rule's actions as rows, in the order HubSpot gets them: each row an action type and its
 * fields (from the schema, rule-fields.ts), owners and pipelines picked from HubSpot's lists.
 * Everything is written straight back to the actions' JSON.
 */
import { BlockStack, Box, Button, InlineStack, Select, Text } from "@shopify/polaris";
import { ACTION_TYPES, type ActionType } from "../../routing/action-schema";
import type { HubSpotChoices } from "./references.server";
import { ACTION_FIELDS, ACTION_LABELS, blankOf, fieldLabel } from "./rule-fields";
import { RuleFieldInput } from "./RuleFieldInput";
import { isRecord, moved, removed, replaced, withField } from "./rule-rows";

const isType = (type: unknown): type is ActionType => typeof type === "string" && Object.hasOwn(ACTION_FIELDS, type);

function ActionFields({
  action,
  onChange,
  choices,
}: {
  action: unknown;
  onChange: (next: unknown) => void;
  choices: HubSpotChoices;
}) {
  if (!isRecord(action))
    return (
      <Text as="p" tone="caution">
        This action is not one the rows can show: edit it in the JSON view.
      </Text>
    );
  const type = action.type;
  const options = ACTION_TYPES.map((value) => ({ label: ACTION_LABELS[value], value }));
  if (!isType(type))
    options.unshift({ label: `${String(type)} (unknown: pick an action)`, value: String(type) as ActionType });
  return (
    <InlineStack gap="200" blockAlign="start" wrap>
      <Select
        label="Action"
        options={options}
        value={String(type)}
        onChange={(next) => onChange(blankOf("type", next, ACTION_FIELDS[next as ActionType]))}
      />
      {isType(type)
        ? ACTION_FIELDS[type].map((spec) => (
            <Box key={spec.key} minWidth="160px">
              <RuleFieldInput
                spec={spec}
                label={fieldLabel(spec.key)}
                value={action[spec.key]}
                row={action}
                choices={choices}
                onChange={(value) => onChange(withField(action, spec.key, value))}
              />
            </Box>
          ))
        : null}
    </InlineStack>
  );
}

export function ActionRows({
  value,
  onChange,
  choices,
}: {
  value: unknown[];
  onChange: (next: unknown[]) => void;
  choices: HubSpotChoices;
}) {
  return (
    <BlockStack gap="200">
      {value.length === 0 ? (
        <Text as="p" tone="subdued">
          No actions yet: a rule needs at least one.
        </Text>
      ) : null}
      {value.map((action, index) => (
        <div data-testid={`action-${index + 1}`} key={index}>
          <Box padding="200" borderWidth="025" borderColor="border" borderRadius="200">
            <BlockStack gap="200">
              <InlineStack align="space-between" blockAlign="center">
                <Text as="span" variant="headingXs">{`Action ${index + 1}`}</Text>
                <InlineStack gap="200">
                  <Button variant="plain" disabled={index === 0} onClick={() => onChange(moved(value, index, -1))}>
                    Move up
                  </Button>
                  <Button
                    variant="plain"
                    disabled={index === value.length - 1}
                    onClick={() => onChange(moved(value, index, 1))}
                  >
                    Move down
                  </Button>
                  <Button variant="plain" tone="critical" onClick={() => onChange(removed(value, index))}>
                    Remove
                  </Button>
                </InlineStack>
              </InlineStack>
              <ActionFields
                action={action}
                choices={choices}
                onChange={(next) => onChange(replaced(value, index, next))}
              />
            </BlockStack>
          </Box>
        </div>
      ))}
      <InlineStack>
        <Button onClick={() => onChange([...value, blankOf("type", "assign_owner", ACTION_FIELDS.assign_owner)])}>
          Add action
        </Button>
      </InlineStack>
    </BlockStack>
  );
}
