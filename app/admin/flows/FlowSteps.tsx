import { Badge, BlockStack, Button, Card, FormLayout, InlineStack, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import { addStep, getAt, removeAt, setGoal, STEP_KINDS, type Draft, type Path } from "../../flows/draft-edits";
import type { StepKind } from "../../../contract/widget-config";
import { ChoiceField, errorAt, LocalizedField, PlainField, type FieldContext } from "./FlowFields";

const KIND_LABEL: Record<StepKind, string> = {
  message: "Message with quick replies",
  recommendations: "Product recommendations",
  add_to_cart: "Add to cart",
  email_capture: "Email capture with consent",
  coupon: "Coupon",
  qualifier: "Qualifier question",
  link: "Link (e.g. book a demo)",
};

function KindFields({ ctx, base, index, step }: { ctx: FieldContext; base: Path; index: number; step: Draft }) {
  const at = (...rest: (string | number)[]) => [...base, index, ...rest];
  switch (step.kind) {
    case "message": {
      const replies = (step.replies as Draft[] | undefined) ?? [];
      return (
        <>
          {replies.map((_, reply) => (
            <FormLayout.Group key={reply}>
              <LocalizedField ctx={ctx} path={at("replies", reply, "label")} label={`Reply ${reply + 1}`} />
              <LocalizedField
                ctx={ctx}
                path={at("replies", reply, "answer")}
                label={`Answer to reply ${reply + 1}`}
                helpText="Optional"
              />
            </FormLayout.Group>
          ))}
        </>
      );
    }
    case "recommendations":
      return (
        <FormLayout.Group>
          <ChoiceField
            ctx={ctx}
            path={at("intent")}
            label="Which products"
            options={[
              { label: "Related", value: "related" },
              { label: "Complementary", value: "complementary" },
            ]}
          />
          <PlainField ctx={ctx} path={at("limit")} label="How many (1–4)" type="number" />
        </FormLayout.Group>
      );
    case "add_to_cart":
      return <PlainField ctx={ctx} path={at("quantity")} label="Quantity" type="number" />;
    case "email_capture":
      return (
        <LocalizedField
          ctx={ctx}
          path={at("consentText")}
          label="Consent checkbox text"
          multiline
          helpText="Shown beside an unticked checkbox; kept with the email as proof of consent."
        />
      );
    case "coupon":
      return (
        <PlainField
          ctx={ctx}
          path={at("code")}
          label="Discount code"
          helpText="Create the code in Shopify's Discounts first."
        />
      );
    case "qualifier":
      return <PlainField ctx={ctx} path={at("field")} label="Lead field it answers (e.g. team_size)" />;
    case "link":
      return (
        <FormLayout.Group>
          <PlainField
            ctx={ctx}
            path={at("url")}
            label="Link"
            helpText="A store path (/pages/demo) or an https:// address."
          />
          <LocalizedField ctx={ctx} path={at("label")} label="Button label" />
        </FormLayout.Group>
      );
    default:
      return null;
  }
}

/** The flow's steps (base ["steps"]) or a variant's own steps (["variants", i, "steps"]). */
export function FlowSteps({
  ctx,
  base = ["steps"],
  title = "Steps",
}: {
  ctx: FieldContext;
  base?: Path;
  title?: string;
}) {
  const steps = (getAt(ctx.draft, base) as Draft[] | undefined) ?? [];
  const [kind, setKind] = useState<StepKind>("message");
  const goal = steps.find((step) => step.goal === true);
  const prefix = base.join(".");
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        {errorAt(ctx.errors, base) && !Object.keys(ctx.errors).some((path) => path.startsWith(`${prefix}.`)) ? (
          <Text as="p" tone="critical">
            {errorAt(ctx.errors, base)}
          </Text>
        ) : null}
        {steps.map((step, index) => (
          <BlockStack gap="200" key={index}>
            <InlineStack gap="200" align="space-between">
              <InlineStack gap="200">
                <Text as="h3" variant="headingSm">{`Step ${index + 1}`}</Text>
                <Badge>{KIND_LABEL[step.kind as StepKind] ?? String(step.kind)}</Badge>
                {step.goal === true ? <Badge tone="success">Goal</Badge> : null}
              </InlineStack>
              <Button
                variant="plain"
                tone="critical"
                disabled={steps.length <= 1}
                onClick={() => ctx.change(removeAt(ctx.draft, base, index))}
              >
                Remove step
              </Button>
            </InlineStack>
            <FormLayout>
              <PlainField ctx={ctx} path={[...base, index, "id"]} label="Step id" />
              <LocalizedField ctx={ctx} path={[...base, index, "text"]} label="What the chat says" multiline />
              <KindFields ctx={ctx} base={base} index={index} step={step} />
            </FormLayout>
          </BlockStack>
        ))}
        <Select
          label="Goal step"
          helpText="Reaching this step's action is the flow's micro-conversion."
          options={[
            { label: "No goal", value: "" },
            ...steps.map((step, index) => ({ label: `Step ${index + 1}: ${String(step.id)}`, value: String(step.id) })),
          ]}
          value={goal ? String(goal.id) : ""}
          onChange={(value) => ctx.change(setGoal(ctx.draft, value || null, base))}
        />
        <InlineStack gap="200" blockAlign="end">
          <Select
            label="New step"
            options={STEP_KINDS.map((value) => ({ value, label: KIND_LABEL[value] }))}
            value={kind}
            onChange={(value) => setKind(value as StepKind)}
          />
          <Button onClick={() => ctx.change(addStep(ctx.draft, kind, base))} disabled={steps.length >= 3}>
            Add step
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
