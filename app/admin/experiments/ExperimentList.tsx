/**
 * The experiments list and the form that creates one; only flows with variants to split are offered.
 */
import { Form, Link, useNavigation } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Button,
  Card,
  FormLayout,
  IndexTable,
  InlineStack,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import type { ExperimentSummary } from "../../flows/experiments/experiments.server";
import { TeachingEmptyState } from "../ui/EmptyState";

export const STATUS_BADGE: Record<string, { label: string; tone?: "success" | "info" | "attention" }> = {
  draft: { label: "Draft", tone: "info" },
  running: { label: "Running", tone: "success" },
  stopped: { label: "Stopped" },
};

export function ExperimentList({ experiments }: { experiments: ExperimentSummary[] }) {
  if (!experiments.length) {
    return (
      <TeachingEmptyState heading="No experiments yet">
        An experiment shows each visitor of a flow one of its variants and tells you which one earns more
        micro-conversions and revenue. Give a flow at least two variants in the flow editor, publish it, then create an
        experiment below.
      </TeachingEmptyState>
    );
  }
  return (
    <Card padding="0">
      <IndexTable
        resourceName={{ singular: "experiment", plural: "experiments" }}
        itemCount={experiments.length}
        selectable={false}
        headings={[{ title: "Experiment" }, { title: "Flow" }, { title: "Status" }, { title: "Variants" }]}
      >
        {experiments.map((experiment, index) => (
          <IndexTable.Row id={experiment.id} key={experiment.id} position={index}>
            <IndexTable.Cell>
              <Link to={`/app/experiments/${experiment.id}`}>{experiment.name}</Link>
            </IndexTable.Cell>
            <IndexTable.Cell>{experiment.flowId}</IndexTable.Cell>
            <IndexTable.Cell>
              <Badge tone={STATUS_BADGE[experiment.status]?.tone}>
                {STATUS_BADGE[experiment.status]?.label ?? experiment.status}
              </Badge>
              {experiment.winnerVariantId ? (
                <Badge tone="success">{`Winner: ${experiment.winnerVariantId}`}</Badge>
              ) : null}
            </IndexTable.Cell>
            <IndexTable.Cell>
              {experiment.split.map((entry) => `${entry.variantId} (${entry.weight})`).join(", ")}
            </IndexTable.Cell>
          </IndexTable.Row>
        ))}
      </IndexTable>
    </Card>
  );
}

interface FlowChoice {
  id: string;
  name: string;
  published: boolean;
  variantIds: string[];
}

/** A test needs two variants to split between: a flow with fewer is not offered (the editor adds them). */
export const testableFlows = <T extends { variantIds: string[] }>(flows: readonly T[]): T[] =>
  flows.filter((flow) => flow.variantIds.length >= 2);

export function ExperimentCreateForm({
  flows: allFlows,
  fieldErrors,
  values,
}: {
  flows: FlowChoice[];
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
}) {
  const flows = testableFlows(allFlows);
  const untestable = allFlows.filter((flow) => !flows.includes(flow)).map((flow) => flow.name);
  const [flowId, setFlowId] = useState(
    values.flowId && flows.some((flow) => flow.id === values.flowId) ? values.flowId : (flows[0]?.id ?? ""),
  );
  const flow = flows.find((candidate) => candidate.id === flowId);
  const variantIds = flow?.variantIds ?? [];
  const [name, setName] = useState(values.name ?? "");
  const [mde, setMde] = useState(values.minimumDetectableEffect ?? "10");
  const [control, setControl] = useState(values.controlVariantId ?? variantIds[0] ?? "");
  const [weights, setWeights] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(values).filter(([key]) => key.startsWith("weight."))),
  );
  const creating = useNavigation().state === "submitting";
  if (!allFlows.length) return null;
  const leftOut = untestable.length
    ? `Not offered, fewer than two variants: ${untestable.join(", ")}. Add variants in the flow editor and publish the flow to test it.`
    : undefined;
  if (!flows.length) {
    return (
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            New experiment
          </Text>
          <Text as="p">No flow has two variants to test yet.</Text>
          {leftOut ? (
            <Text as="p" tone="subdued">
              {leftOut}
            </Text>
          ) : null}
        </BlockStack>
      </Card>
    );
  }
  const weightOf = (id: string) => weights[`weight.${id}`] ?? "50";
  return (
    <Card>
      <Form method="post">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            New experiment
          </Text>
          <FormLayout>
            <TextField
              label="Name"
              name="name"
              value={name}
              onChange={setName}
              autoComplete="off"
              error={fieldErrors.name}
            />
            <Select
              label="Flow"
              name="flowId"
              options={flows.map((candidate) => ({
                value: candidate.id,
                label: `${candidate.name} (${candidate.variantIds.length} variants${candidate.published ? "" : ", not published"})`,
              }))}
              value={flowId}
              onChange={(value) => {
                setFlowId(value);
                setControl(flows.find((candidate) => candidate.id === value)?.variantIds[0] ?? "");
              }}
              error={fieldErrors.flowId}
              helpText={leftOut}
            />
            {variantIds.length ? (
              <Select
                label="Control"
                name="controlVariantId"
                options={variantIds.map((id) => ({ value: id, label: id }))}
                value={control}
                onChange={setControl}
                error={fieldErrors.controlVariantId}
              />
            ) : null}
            {variantIds.map((id) => (
              <TextField
                key={id}
                label={`Traffic share of ${id}`}
                name={`weight.${id}`}
                type="number"
                value={weightOf(id)}
                onChange={(value) => setWeights((current) => ({ ...current, [`weight.${id}`]: value }))}
                autoComplete="off"
                helpText="Relative share, 0 leaves the variant out."
                error={fieldErrors[`weight.${id}`]}
              />
            ))}
            {fieldErrors.split ? (
              <Text as="p" tone="critical">
                {fieldErrors.split}
              </Text>
            ) : null}
            <TextField
              label="Smallest change worth detecting"
              name="minimumDetectableEffect"
              type="number"
              suffix="%"
              value={mde}
              onChange={setMde}
              autoComplete="off"
              helpText="Relative change in micro-conversion rate; smaller changes need more visitors."
              error={fieldErrors.minimumDetectableEffect}
            />
          </FormLayout>
          <InlineStack>
            <Button submit variant="primary" loading={creating}>
              Create experiment
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}
