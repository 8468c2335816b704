/** Data retention and time zone, with what the retention job deletes and keeps in the merchant's words. */
import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, FormLayout, List, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { DataSettingsForm } from "./settings-data";

type Props = {
  initial: DataSettingsForm;
  errors: Partial<Record<keyof DataSettingsForm, string>>;
  saved: boolean;
  failed: boolean;
  saving: boolean;
};

export function SettingsDataForm({ initial, errors, saved, failed, saving }: Props) {
  const [form, setForm] = useState(initial);
  const set = (key: keyof DataSettingsForm) => (value: string) => setForm((current) => ({ ...current, [key]: value }));
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="data" />
      <FormLayout>
        {saved ? <Banner tone="success" title="Data settings saved" /> : null}
        {failed ? <Banner tone="critical" title="Data settings not saved: fix the fields below" /> : null}
        <TextField
          label="Keep storefront data for"
          name="retentionDays"
          type="number"
          suffix="days"
          autoComplete="off"
          value={form.retentionDays}
          onChange={set("retentionDays")}
          error={errors.retentionDays}
          helpText="Checked every day. 395 days (13 months) lets you compare a month with the same month last year."
        />
        <BlockStack gap="100">
          <Text as="p">Deleted once older than this (by their last activity):</Text>
          <List type="bullet">
            <List.Item>storefront events, chat sessions and micro-conversions;</List.Item>
            <List.Item>
              leads and their routing decisions, unless a HubSpot sync for them is still waiting or parked (kept until
              it is delivered or you retry it).
            </List.Item>
          </List>
          <Text as="p">
            Kept: orders, their credits and explanations (they follow your Shopify orders and are removed by Shopify's
            privacy requests), and contacts already in HubSpot, which are yours to manage there.
          </Text>
        </BlockStack>
        <TextField
          label="Shop time zone"
          name="timeZone"
          autoComplete="off"
          value={form.timeZone}
          onChange={set("timeZone")}
          error={errors.timeZone}
          helpText="IANA name, e.g. Europe/Berlin. Days in the dashboard and daily totals start at midnight here."
        />
        <Button submit loading={saving}>
          Save data settings
        </Button>
      </FormLayout>
    </Form>
  );
}
