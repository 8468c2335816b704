/**
 * A rule's conditions as rows: each row a fact with its operator and value (fields from the
 * schema, rule-fields.ts), rows grouped under "all of" or "any of", groups nested, any row
 * negated with "not". Everything is written straight back to the conditions' JSON.
 */
import { BlockStack, Box, Button, Checkbox, InlineStack, Select, Text } from "@shopify/polaris";
import { LEAF_FACTS, MAX_CONDITION_DEPTH, type LeafFact } from "../../routing/condition-schema";
import type { HubSpotChoices } from "./references.server";
import { blankOf, FACT_FIELDS, FACT_LABELS, fieldLabel } from "./rule-fields";
import { RuleFieldInput } from "./RuleFieldInput";
import {
  asGroup,
  groupJson,
  isRecord,
  negated,
  negationOf,
  removed,
  replaced,
  rootGroup,
  withField,
  type Group,
} from "./rule-rows";

type Change = (next: unknown) => void;

const newCondition = () => blankOf("fact", "email", FACT_FIELDS.email);
const isFact = (fact: unknown): fact is LeafFact => typeof fact === "string" && Object.hasOwn(FACT_FIELDS, fact);

function LeafRow({ leaf, onChange, choices }: { leaf: unknown; onChange: Change; choices: HubSpotChoices }) {
  if (!isRecord(leaf))
    return (
      <Text as="p" tone="caution">
        This condition is not one the rows can show: edit it in the JSON view.
      </Text>
    );
  const fact = leaf.fact;
  const options = LEAF_FACTS.map((value) => ({ label: FACT_LABELS[value], value }));
  if (!isFact(fact))
    options.unshift({ label: `${String(fact)} (unknown: pick a fact)`, value: String(fact) as LeafFact });
  return (
    <InlineStack gap="200" blockAlign="start" wrap>
      <Select
        label="Fact"
        options={options}
        value={String(fact)}
        onChange={(next) => onChange(blankOf("fact", next, FACT_FIELDS[next as LeafFact]))}
      />
      {isFact(fact)
        ? FACT_FIELDS[fact].map((spec) => (
            <Box key={spec.key} minWidth="140px">
              <RuleFieldInput
                spec={spec}
                label={fieldLabel(spec.key)}
                value={leaf[spec.key]}
                row={leaf}
                choices={choices}
                onChange={(value) => onChange(withField(leaf, spec.key, value))}
              />
            </Box>
          ))
        : null}
    </InlineStack>
  );
}

function ConditionRow(props: {
  node: unknown;
  place: string;
  depth: number;
  onChange: Change;
  onRemove: () => void;
  choices: HubSpotChoices;
}) {
  const { negated: isNegated, inner } = negationOf(props.node);
  const group = asGroup(inner);
  const set = (next: unknown) => props.onChange(negated(next, isNegated));
  return (
    <div data-testid={`condition-${props.place}`}>
      <Box padding="200" borderWidth="025" borderColor="border" borderRadius="200">
        <BlockStack gap="200">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="span" variant="headingXs">{`Condition ${props.place}${group ? " (group)" : ""}`}</Text>
            <InlineStack gap="200" blockAlign="center">
              <Checkbox
                label="Not"
                helpText="Matches when this does not"
                checked={isNegated}
                onChange={(on) => props.onChange(negated(inner, on))}
              />
              <Button variant="plain" tone="critical" onClick={props.onRemove}>
                Remove
              </Button>
            </InlineStack>
          </InlineStack>
          {group ? (
            <ConditionGroup
              group={group}
              place={props.place}
              depth={props.depth + 1}
              onChange={(next) => set(groupJson(next))}
              choices={props.choices}
            />
          ) : (
            <LeafRow leaf={inner} onChange={set} choices={props.choices} />
          )}
        </BlockStack>
      </Box>
    </div>
  );
}

function ConditionGroup(props: {
  group: Group;
  place: string;
  depth: number;
  onChange: (next: Group) => void;
  choices: HubSpotChoices;
}) {
  const { group, place, depth } = props;
  const setChildren = (children: unknown[]) => props.onChange({ mode: group.mode, children });
  const prefix = place ? `${place}.` : "";
  return (
    <BlockStack gap="200">
      <Select
        label={place ? `Group ${place} matches when` : "The rule matches when"}
        options={[
          { label: "all of these hold", value: "all" },
          { label: "any of these holds", value: "any" },
        ]}
        value={group.mode}
        onChange={(mode) => props.onChange({ mode: mode as Group["mode"], children: group.children })}
      />
      {group.children.length === 0 ? (
        <Text as="p" tone="subdued">
          {group.mode === "all" ? "No conditions: every lead matches." : "Add at least one condition."}
        </Text>
      ) : null}
      {group.children.map((child, index) => (
        <ConditionRow
          key={`${prefix}${index}`}
          node={child}
          place={`${prefix}${index + 1}`}
          depth={depth}
          choices={props.choices}
          onChange={(next) => setChildren(replaced(group.children, index, next))}
          onRemove={() => setChildren(removed(group.children, index))}
        />
      ))}
      <InlineStack gap="200">
        <Button onClick={() => setChildren([...group.children, newCondition()])}>
          {place ? `Add condition to group ${place}` : "Add condition"}
        </Button>
        {/* The root and each group take a level; a negated row is one more. */}
        {depth + 2 < MAX_CONDITION_DEPTH ? (
          <Button onClick={() => setChildren([...group.children, { any: [newCondition()] }])}>
            {place ? `Add group to group ${place}` : "Add group"}
          </Button>
        ) : null}
      </InlineStack>
    </BlockStack>
  );
}

export function ConditionRows({
  value,
  onChange,
  choices,
}: {
  value: unknown;
  onChange: Change;
  choices: HubSpotChoices;
}) {
  return (
    <ConditionGroup
      group={rootGroup(value)}
      place=""
      depth={0}
      onChange={(next) => onChange(groupJson(next))}
      choices={choices}
    />
  );
}
