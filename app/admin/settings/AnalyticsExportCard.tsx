/** One analytics destination (GA4 or Mixpanel): its keys, on or off, and its health line. */
import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Checkbox, FormLayout, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { ExportForm } from "./analytics-export";

export type DestinationLine = {
  kind: "ga4" | "mixpanel";
  enabled: boolean;
  measurementId: string | null;
  delivered: number;
  pending: number;
  rejected: number;
  withheld: number;
  lastError: string | null;
  parked: boolean;
} | null;

type Props = {
  kind: "ga4" | "mixpanel";
  line: DestinationLine;
  errors: Partial<Record<keyof ExportForm, string>>;
  saved: boolean;
  saving: boolean;
};

export function AnalyticsExportCard({ kind, line, errors, saved, saving }: Props) {
  const [enabled, setEnabled] = useState(line?.enabled ?? false);
  const [measurementId, setMeasurementId] = useState(line?.measurementId ?? "");
  const [secret, setSecret] = useState("");
  const [region, setRegion] = useState("us");
  const ga4 = kind === "ga4";
  return (
    <Form method="post">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="enabled" value={String(enabled)} />
      <FormLayout>
        {saved ? <Banner tone="success" title={`${ga4 ? "GA4" : "Mixpanel"} settings saved`} /> : null}
        {line ? (
          <BlockStack gap="100">
            <Text as="p">
              Delivered {line.delivered}, pending {line.pending}, rejected {line.rejected}, withheld without consent{" "}
              {line.withheld}.
            </Text>
            {line.parked ? (
              <Banner tone="critical" title="Export stopped: the platform refused the key. Fix it and save." />
            ) : null}
            {line.lastError ? <Text as="p" tone="subdued">{`Last error: ${line.lastError}`}</Text> : null}
          </BlockStack>
        ) : null}
        <Checkbox label={`Send chat events to ${ga4 ? "GA4" : "Mixpanel"}`} checked={enabled} onChange={setEnabled} />
        {ga4 ? (
          <TextField
            label="Measurement id"
            name="measurementId"
            autoComplete="off"
            value={measurementId}
            onChange={setMeasurementId}
            error={errors.measurementId}
          />
        ) : (
          <Select
            label="Data residency"
            name="region"
            options={[
              { label: "United States", value: "us" },
              { label: "European Union", value: "eu" },
              { label: "India", value: "in" },
            ]}
            value={region}
            onChange={setRegion}
            error={errors.region}
          />
        )}
        <TextField
          label={ga4 ? "Measurement Protocol API secret" : "Project token"}
          name="secret"
          type="password"
          autoComplete="off"
          value={secret}
          onChange={setSecret}
          error={errors.secret}
          helpText={line ? "A key is saved; leave empty to keep it." : "Stored encrypted; never shown again."}
        />
        <Button submit loading={saving}>
          Save
        </Button>
      </FormLayout>
    </Form>
  );
}
