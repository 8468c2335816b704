/**
 * One field of a condition or action row, drawn from its schema-derived spec (rule-fields.ts):
 * a select for a choice, checkboxes for a list of choices, HubSpot's owners and pipelines to pick
 * from when the account could list them. Typed text keeps what the merchant typed ("1." on its
 * way to "1.5"); the rule gets the value as soon as it reads as one, and an emptied field is left
 * out of the rule so validation can say it is required.
 */
import { Checkbox, ChoiceList, Select, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { HubSpotChoices } from "./references.server";
import { valueLabel, type FieldSpec } from "./rule-fields";

type Props = {
  spec: FieldSpec;
  value: unknown;
  /** undefined leaves the field out of the rule. */
  onChange: (value: unknown) => void;
  choices: HubSpotChoices;
  /** The row's other fields: a deal stage is picked within the row's pipeline. */
  row: Record<string, unknown>;
  /** Names the field for tests and screen readers, e.g. "Condition 2 value". */
  label: string;
};

const NONE = "";

/** A text field whose text is the merchant's until it parses to something else than the rule holds. */
function DraftField({
  label,
  value,
  format,
  parse,
  onChange,
  multiline,
  helpText,
  placeholder,
}: {
  label: string;
  value: unknown;
  format: (value: unknown) => string;
  parse: (text: string) => unknown;
  onChange: (value: unknown) => void;
  multiline?: boolean;
  helpText?: string;
  placeholder?: string;
}) {
  // The merchant's text while it still reads as what the rule holds; a change from outside (the
  // JSON view, a row removed above) shows the rule's value instead.
  const [draft, setDraft] = useState(() => format(value));
  const text = JSON.stringify(parse(draft)) === JSON.stringify(value) ? draft : format(value);
  return (
    <TextField
      label={label}
      value={text}
      autoComplete="off"
      multiline={multiline ? 3 : undefined}
      helpText={helpText}
      placeholder={placeholder}
      onChange={(next) => {
        setDraft(next);
        onChange(parse(next));
      }}
    />
  );
}

const listText = (value: unknown) => (Array.isArray(value) ? value.join(", ") : "");
const parseList = (text: string) => {
  const items = text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
};
const pairsText = (value: unknown) =>
  value && typeof value === "object"
    ? Object.entries(value as Record<string, unknown>)
        .map(([name, text]) => `${name} = ${String(text)}`)
        .join("\n")
    : "";
const parsePairs = (text: string) => {
  const lines = text.split("\n").filter((line) => line.trim());
  if (!lines.length) return undefined;
  return Object.fromEntries(
    lines.map((line) => {
      const at = line.indexOf("=");
      return at < 0 ? [line.trim(), ""] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    }),
  );
};
const numberText = (value: unknown) => (value === undefined || value === null ? "" : String(value));
/** Not a number yet stays text, so the save says "must be a number" beside it rather than dropping it. */
const parseNumber = (text: string) => {
  if (!text.trim()) return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : text;
};

/** Options with the current value kept even when the list lacks it (an owner who left HubSpot). */
function withCurrent(options: Array<{ label: string; value: string }>, current: unknown, missing: string) {
  const known = typeof current !== "string" || current === NONE || options.some((option) => option.value === current);
  return known ? options : [...options, { label: `${current} (${missing})`, value: current as string }];
}

export function RuleFieldInput({ spec, value, onChange, choices, row, label }: Props) {
  const optional = !spec.required;
  const listed = choices.kind === "listed" ? choices : null;
  // Left out, an optional field takes the schema's default: the empty choice says which.
  const noneLabel = typeof spec.defaultValue === "string" ? `— (default: ${valueLabel(spec.defaultValue)})` : "—";
  const orNone = (options: Array<{ label: string; value: string }>) =>
    optional || value === undefined ? [{ label: noneLabel, value: NONE }, ...options] : options;
  const select = (options: Array<{ label: string; value: string }>) => (
    <Select
      label={label}
      options={orNone(options)}
      value={typeof value === "string" ? value : NONE}
      onChange={(next) => onChange(next === NONE ? undefined : next)}
    />
  );
  switch (spec.kind) {
    case "choice":
      return select(
        withCurrent(
          spec.options.map((option) => ({ label: valueLabel(option), value: option })),
          value,
          "unknown",
        ),
      );
    case "flag":
      return (
        <Checkbox
          label={label}
          checked={typeof value === "boolean" ? value : spec.defaultValue === true}
          onChange={(checked) => onChange(checked)}
        />
      );
    case "choices":
    case "owners": {
      const options =
        spec.kind === "choices"
          ? spec.options.map((option) => ({ label: valueLabel(option), value: option }))
          : listed?.owners.map((owner) => ({ label: `${owner.name} (${owner.id})`, value: owner.id }));
      if (!options)
        return <DraftField label={label} value={value} format={listText} parse={parseList} onChange={onChange} />;
      const selected = Array.isArray(value) ? (value as string[]) : [];
      const all = selected.reduce(
        (list, id) => withCurrent(list, id, spec.kind === "owners" ? "not in HubSpot" : "unknown"),
        options,
      );
      return (
        <ChoiceList
          title={label}
          allowMultiple
          choices={all}
          selected={selected}
          onChange={(next) => onChange(next.length ? next : undefined)}
        />
      );
    }
    case "owner":
      return listed
        ? select(
            withCurrent(
              listed.owners.map((owner) => ({ label: `${owner.name} (${owner.id})`, value: owner.id })),
              value,
              "not in HubSpot",
            ),
          )
        : textInput();
    case "pipeline":
      return listed
        ? select(
            withCurrent(
              listed.pipelines.map((pipeline) => ({ label: `${pipeline.label} (${pipeline.id})`, value: pipeline.id })),
              value,
              "not in HubSpot",
            ),
          )
        : textInput();
    case "stage": {
      const pipeline = listed?.pipelines.find((candidate) => candidate.id === row.pipelineId);
      return pipeline
        ? select(
            withCurrent(
              pipeline.stages.map((stage) => ({ label: `${stage.label} (${stage.id})`, value: stage.id })),
              value,
              "not in this pipeline",
            ),
          )
        : textInput();
    }
    // Ticket pipelines are their own list (HubSpot keeps them apart from deals'); unreadable (no `tickets` scope): typed.
    case "ticket_pipeline":
      return listed?.ticketPipelines
        ? select(
            withCurrent(
              listed.ticketPipelines.map((pipeline) => ({
                label: `${pipeline.label} (${pipeline.id})`,
                value: pipeline.id,
              })),
              value,
              "not in HubSpot",
            ),
          )
        : textInput();
    case "ticket_stage": {
      const pipeline = listed?.ticketPipelines?.find((candidate) => candidate.id === row.ticketPipelineId);
      return pipeline
        ? select(
            withCurrent(
              pipeline.stages.map((stage) => ({ label: `${stage.label} (${stage.id})`, value: stage.id })),
              value,
              "not in this pipeline",
            ),
          )
        : textInput();
    }
    case "hubspot_value":
      return select(
        withCurrent(
          spec.suggestions.map((option) => ({ label: option, value: option })),
          value,
          "your own",
        ),
      );
    case "number":
      return (
        <DraftField
          label={label}
          value={value}
          format={numberText}
          parse={parseNumber}
          onChange={onChange}
          placeholder={typeof spec.defaultValue === "number" ? `${spec.defaultValue} (default)` : undefined}
          helpText={
            spec.min !== undefined && spec.max !== undefined
              ? `${spec.integer ? "A whole number, " : ""}${spec.min} to ${spec.max}`
              : undefined
          }
        />
      );
    case "texts":
      return (
        <DraftField
          label={label}
          value={value}
          format={listText}
          parse={parseList}
          onChange={onChange}
          helpText="Separate values with commas"
        />
      );
    case "pairs":
      return (
        <DraftField
          label={label}
          value={value}
          format={pairsText}
          parse={parsePairs}
          onChange={onChange}
          multiline
          helpText="One per line: name = value"
        />
      );
    case "text":
      return textInput();
  }

  function textInput() {
    return (
      <DraftField
        label={label}
        value={value}
        format={(current) => (typeof current === "string" ? current : "")}
        parse={(text) => (text === "" ? undefined : text)}
        onChange={onChange}
      />
    );
  }
}
