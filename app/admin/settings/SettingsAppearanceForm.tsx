/** The launcher's accent colour, corner and label per storefront language, with a preview of the button. */
import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, FormLayout, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { LAUNCHER_LOCALES, type AppearanceField, type AppearanceForm } from "../../flows/appearance";
import type { StorefrontUpdate } from "./settings-storefront";
import { SettingsStorefrontBanner } from "./SettingsStorefrontBanner";

const LANGUAGE: Record<(typeof LAUNCHER_LOCALES)[number], string> = {
  en: "English",
  de: "German",
  es: "Spanish",
  fr: "French",
};

type Props = {
  initial: AppearanceForm;
  errors: Partial<Record<AppearanceField, string>>;
  saved: boolean;
  /** What the save did to the storefront (after a successful save). */
  storefront?: StorefrontUpdate;
  failed: boolean;
  saving: boolean;
};

export function SettingsAppearanceForm({ initial, errors, saved, storefront, failed, saving }: Props) {
  const [form, setForm] = useState(initial);
  const set = (key: AppearanceField) => (value: string) => setForm((current) => ({ ...current, [key]: value }));
  const previewColour = /^#[0-9a-fA-F]{6}$/.test(form.accentColor) ? form.accentColor : "#1a1a1a";
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="appearance" />
      <FormLayout>
        {saved ? (
          <SettingsStorefrontBanner
            subject="Appearance"
            storefront={storefront}
            beforeFirstPublish="it reaches your storefront with your first published flow"
          />
        ) : null}
        {failed ? <Banner tone="critical" title="Appearance not saved: fix the fields below" /> : null}
        <InlineStack gap="300" blockAlign="end">
          <TextField
            label="Accent colour"
            name="accentColor"
            autoComplete="off"
            value={form.accentColor}
            onChange={set("accentColor")}
            error={errors.accentColor}
            helpText="#rrggbb; the chat icon on it is white."
          />
          <div
            aria-hidden
            style={{
              width: 40,
              height: 40,
              borderRadius: "50%",
              background: previewColour,
              display: "grid",
              placeItems: "center",
            }}
            data-testid="launcher-preview"
          >
            <div style={{ width: 18, height: 14, background: "#fff", borderRadius: "4px 4px 4px 0" }} />
          </div>
        </InlineStack>
        <Select
          label="Launcher position"
          name="position"
          options={[
            { label: "Bottom right", value: "right" },
            { label: "Bottom left", value: "left" },
          ]}
          value={form.position}
          onChange={set("position")}
          error={errors.position}
        />
        <Select
          label="Satisfaction question (CSAT)"
          name="csat"
          options={[
            { label: "Thumbs down / up", value: "thumbs" },
            { label: "A score from 1 to 5", value: "five" },
            { label: "Don't ask", value: "off" },
          ]}
          value={form.csat}
          onChange={set("csat")}
          error={errors.csat}
          helpText="Asked once, at the end of a conversation that answered, converted or went to a person."
        />
        <BlockStack gap="200">
          <Text as="p">
            Launcher label, read by screen readers; leave a language empty to keep ChatLift's wording (“Open chat”).
          </Text>
          <FormLayout.Group>
            {LAUNCHER_LOCALES.map((locale) => (
              <TextField
                key={locale}
                label={`Label (${LANGUAGE[locale]})`}
                name={`label_${locale}`}
                autoComplete="off"
                value={form[`label_${locale}`]}
                onChange={set(`label_${locale}`)}
                error={errors[`label_${locale}`]}
              />
            ))}
          </FormLayout.Group>
        </BlockStack>
        <Button submit loading={saving}>
          Save appearance
        </Button>
      </FormLayout>
    </Form>
  );
}
