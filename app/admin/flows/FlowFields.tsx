import { BlockStack, Button, Card, Checkbox, FormLayout, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import type { ReactNode } from "react";
import { getAt, numberOrText, setAt, setOwnSteps, setText, type Draft, type Path } from "../../flows/draft-edits";

/** What every field needs: the draft, how to change it, the editing language and the errors. */
export interface FieldContext {
  draft: Draft;
  change: (next: Draft) => void;
  locale: string;
  errors: Record<string, string>;
}

const key = (path: Path) => path.join(".");

/** A field's own error, or the first error under it (e.g. a missing language of a text). */
export function errorAt(errors: Record<string, string>, path: Path): string | undefined {
  const at = key(path);
  if (errors[at]) return errors[at];
  const nested = Object.keys(errors).find((candidate) => candidate.startsWith(`${at}.`));
  return nested ? errors[nested] : undefined;
}

export function LocalizedField({
  ctx,
  path,
  label,
  multiline,
  helpText,
}: {
  ctx: FieldContext;
  path: Path;
  label: string;
  multiline?: boolean;
  helpText?: string;
}) {
  const value = (getAt(ctx.draft, [...path, ctx.locale]) as string | undefined) ?? "";
  return (
    <TextField
      label={`${label} (${ctx.locale})`}
      value={value}
      multiline={multiline ? 2 : undefined}
      autoComplete="off"
      helpText={helpText}
      error={errorAt(ctx.errors, path)}
      onChange={(text) => ctx.change(setText(ctx.draft, path, ctx.locale, text))}
    />
  );
}

export function PlainField({
  ctx,
  path,
  label,
  type,
  helpText,
}: {
  ctx: FieldContext;
  path: Path;
  label: string;
  type?: "number";
  helpText?: string;
}) {
  const raw = getAt(ctx.draft, path);
  return (
    <TextField
      label={label}
      type={type}
      value={raw === undefined ? "" : String(raw)}
      autoComplete="off"
      helpText={helpText}
      error={errorAt(ctx.errors, path)}
      onChange={(text) => ctx.change(setAt(ctx.draft, path, type === "number" ? numberOrText(text) : text))}
    />
  );
}

export function ChoiceField({
  ctx,
  path,
  label,
  options,
}: {
  ctx: FieldContext;
  path: Path;
  label: string;
  options: { label: string; value: string }[];
}) {
  return (
    <Select
      label={label}
      options={options}
      value={String(getAt(ctx.draft, path) ?? "")}
      error={errorAt(ctx.errors, path)}
      onChange={(value) => ctx.change(setAt(ctx.draft, path, value))}
    />
  );
}

/** A list of page types or handles typed as "product, cart". */
export function ListField({
  ctx,
  path,
  label,
  helpText,
}: {
  ctx: FieldContext;
  path: Path;
  label: string;
  helpText?: string;
}) {
  const list = (getAt(ctx.draft, path) as string[] | undefined) ?? [];
  return (
    <TextField
      label={label}
      value={list.join(", ")}
      autoComplete="off"
      helpText={helpText}
      error={errorAt(ctx.errors, path)}
      onChange={(text) =>
        ctx.change(
          setAt(
            ctx.draft,
            path,
            text
              .split(",")
              .map((item) => item.trim())
              .filter(Boolean),
          ),
        )
      }
    />
  );
}

const TRIGGERS = [
  { label: "Page type (as soon as the page shows)", value: "page_type" },
  { label: "Time on page", value: "dwell" },
  { label: "Scroll depth", value: "scroll_depth" },
  { label: "Exit intent (desktop)", value: "exit_intent" },
  { label: "Cart value at least", value: "cart_value" },
  { label: "Returning visitor", value: "returning_visitor" },
];

const TRIGGER_PARAMETER: Record<string, { field: string; label: string; fallback: number }> = {
  dwell: { field: "seconds", label: "Seconds on the page", fallback: 10 },
  scroll_depth: { field: "percent", label: "Percent of the page scrolled", fallback: 50 },
  cart_value: { field: "atLeast", label: "Cart value at least (shop currency)", fallback: 50 },
};

export function TriggerFields({ ctx }: { ctx: FieldContext }) {
  const kind = String(getAt(ctx.draft, ["trigger", "kind"]) ?? "page_type");
  const parameter = TRIGGER_PARAMETER[kind];
  const changeKind = (next: string) => {
    const trigger = (ctx.draft.trigger as Draft | undefined) ?? {};
    const nextParameter = TRIGGER_PARAMETER[next];
    ctx.change({
      ...ctx.draft,
      trigger: {
        kind: next,
        pageTypes: trigger.pageTypes ?? [],
        pageHandles: trigger.pageHandles ?? [],
        ...(nextParameter ? { [nextParameter.field]: nextParameter.fallback } : {}),
      },
    });
  };
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          When it starts
        </Text>
        <FormLayout>
          <Select
            label="Trigger"
            options={TRIGGERS}
            value={kind}
            onChange={changeKind}
            error={errorAt(ctx.errors, ["trigger", "kind"])}
          />
          {parameter ? (
            <PlainField ctx={ctx} path={["trigger", parameter.field]} label={parameter.label} type="number" />
          ) : null}
          <ListField
            ctx={ctx}
            path={["trigger", "pageTypes"]}
            label="Page types"
            helpText="home, product, collection, cart, search, page, blog, article, other; empty means every page."
          />
          <ListField
            ctx={ctx}
            path={["trigger", "pageHandles"]}
            label="Page handles"
            helpText="Only on these pages, e.g. pricing."
          />
        </FormLayout>
      </BlockStack>
    </Card>
  );
}

export function VariantFields({
  ctx,
  onAdd,
  onRemove,
  ownSteps,
}: {
  ctx: FieldContext;
  onAdd: () => void;
  onRemove: (index: number) => void;
  ownSteps: (index: number) => ReactNode;
}) {
  const variants = (ctx.draft.variants as Draft[] | undefined) ?? [];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Variants for experiments
        </Text>
        <Text as="p" tone="subdued">
          An experiment shows each visitor one variant. A variant without its own prompt is the flow as written (a good
          control).
        </Text>
        {variants.map((variant, index) => (
          <BlockStack gap="200" key={index}>
            <InlineStack gap="300" blockAlign="end">
              <PlainField ctx={ctx} path={["variants", index, "id"]} label="Variant id" />
              <PlainField ctx={ctx} path={["variants", index, "weight"]} label="Default weight" type="number" />
              <Button onClick={() => onRemove(index)} tone="critical" variant="plain">
                Remove
              </Button>
            </InlineStack>
            <LocalizedField
              ctx={ctx}
              path={["variants", index, "prompt"]}
              label="Prompt in this variant"
              helpText="Leave empty to use the flow's prompt."
            />
            <Checkbox
              label="Different steps in this variant"
              helpText="Starts from a copy of the flow's steps."
              checked={Array.isArray(variant.steps)}
              onChange={(checked) => ctx.change(setOwnSteps(ctx.draft, index, checked))}
            />
            {Array.isArray(variant.steps) ? ownSteps(index) : null}
          </BlockStack>
        ))}
        {errorAt(ctx.errors, ["variants"]) && !variants.length ? (
          <Text as="p" tone="critical">
            {errorAt(ctx.errors, ["variants"])}
          </Text>
        ) : null}
        <InlineStack>
          <Button onClick={onAdd} disabled={variants.length >= 4}>
            Add variant
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

export function EnabledField({ ctx }: { ctx: FieldContext }) {
  return (
    <Checkbox
      label="On: include this flow when publishing"
      checked={ctx.draft.enabled !== false}
      onChange={(checked) => ctx.change({ ...ctx.draft, enabled: checked })}
    />
  );
}
