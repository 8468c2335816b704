/**
 * Answers on or off, the abstention threshold (empty: the calibrated default), and the metafield namespaces read.
 * The switch also reaches the storefront's widget: the banner after a save says whether it did.
 */
import { Form, useNavigation } from "@remix-run/react";
import { Banner, Button, Card, Checkbox, FormLayout, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { SettingsStorefrontBanner } from "../settings/SettingsStorefrontBanner";
import type { StorefrontUpdate } from "../settings/settings-storefront";
import { MAX_THRESHOLD_PERCENT, MIN_THRESHOLD_PERCENT, type FormResult } from "./knowledge";

type Props = {
  settings: { enabled: boolean; threshold: number | null; namespaces: string[] };
  defaultThreshold: number;
  result?: FormResult & { storefront?: StorefrontUpdate };
};

export function AnswerSettingsForm({ settings, defaultThreshold, result }: Props) {
  const refused = result && !result.ok ? result : undefined;
  const [enabled, setEnabled] = useState(refused?.values ? refused.values.answersEnabled === "true" : settings.enabled);
  const [threshold, setThreshold] = useState(
    refused?.values?.answerThreshold ??
      (settings.threshold === null ? "" : String(Math.round(settings.threshold * 100))),
  );
  const [namespaces, setNamespaces] = useState(refused?.values?.namespaces ?? settings.namespaces.join(", "));
  const saving = useNavigation().formData?.get("intent") === "settings";
  const errors = refused?.fieldErrors ?? {};
  const calibrated = Math.round(defaultThreshold * 100);
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="settings" />
        <input type="hidden" name="answersEnabled" value={String(enabled)} />
        <FormLayout>
          <Text as="h2" variant="headingMd">
            Answer settings
          </Text>
          {result?.ok ? <SettingsStorefrontBanner subject="Answer settings" storefront={result.storefront} /> : null}
          {refused ? <Banner tone="critical" title="Nothing was saved: fix the fields below" /> : null}
          <Checkbox
            label="Answer shoppers' typed questions"
            checked={enabled}
            onChange={setEnabled}
            helpText="Off: the chat shows no question box and ChatLift answers no questions."
          />
          <TextField
            label="Least share of a question a source must cover to answer"
            name="answerThreshold"
            type="number"
            suffix="%"
            autoComplete="off"
            value={threshold}
            onChange={setThreshold}
            error={errors.answerThreshold}
            placeholder={String(calibrated)}
            helpText={`${MIN_THRESHOLD_PERCENT}–${MAX_THRESHOLD_PERCENT}%. Empty uses the calibrated ${calibrated}%. Higher: fewer answers, more “not covered”; lower: more answers, more risk of a wrong one.`}
          />
          <TextField
            label="Product metafield namespaces"
            name="namespaces"
            autoComplete="off"
            value={namespaces}
            onChange={setNamespaces}
            error={errors.namespaces}
            helpText="Metafields in these namespaces (material, care, fit…) count as product knowledge, from the next sync. Separate with commas."
          />
          <Button submit variant="primary" loading={saving}>
            Save answer settings
          </Button>
        </FormLayout>
      </Form>
    </Card>
  );
}
