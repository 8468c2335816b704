import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, Layout, Page, ProgressBar, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useState } from "react";
import { requireAdmin } from "../admin/session.server";
import { parseSettingsForm, type SettingsForm } from "../admin/settings";
import { readSettings, saveSettings } from "../admin/settings.server";
import { measureWidgetWeight } from "../admin/extension-files.server";
import { WINDOWS } from "../attribution/types";
import { MODEL_LABEL } from "../admin/order-audit";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const [settings, weight] = await Promise.all([readSettings(shop), measureWidgetWeight()]);
  return { settings, weight };
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const parsed = parseSettingsForm(Object.fromEntries(await request.formData()));
  if (!parsed.ok) return data({ saved: false as const, fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 422 });
  return { saved: true as const, settings: await saveSettings(shop, parsed.settings) };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

export default function Settings() {
  const { settings, weight } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const initial: SettingsForm =
    result && !result.saved
      ? result.values
      : {
          attributionWindowDays: String(settings.attributionWindowDays),
          attributionModel: settings.attributionModel,
          holdoutPercent: String(settings.holdoutPercent),
          consentMode: settings.consentMode,
        };
  const [form, setForm] = useState<SettingsForm>(initial);
  const errors = result && !result.saved ? result.fieldErrors : {};
  const set = (key: keyof SettingsForm) => (value: string) => setForm((current) => ({ ...current, [key]: value }));
  return (
    <Page title="Settings">
      <TitleBar title="Settings" />
      <Layout>
        <Layout.AnnotatedSection title="Attribution" description="Which orders count as earned by chat, and how credit is shared between sessions.">
          <Card>
            <Form method="post">
              <FormLayout>
                {result?.saved ? <Banner tone="success" title="Settings saved" /> : null}
                {result && !result.saved ? <Banner tone="critical" title="Nothing was saved: fix the fields below" /> : null}
                <Select
                  label="Attribution window"
                  name="attributionWindowDays"
                  options={WINDOWS.map((days) => ({ label: `${days} ${days === 1 ? "day" : "days"}`, value: String(days) }))}
                  value={form.attributionWindowDays}
                  onChange={set("attributionWindowDays")}
                  error={errors.attributionWindowDays}
                  helpText="How long after a chat an order can still be credited to it."
                />
                <Select
                  label="Attribution model"
                  name="attributionModel"
                  options={Object.entries(MODEL_LABEL).map(([value, label]) => ({ value, label }))}
                  value={form.attributionModel}
                  onChange={set("attributionModel")}
                  error={errors.attributionModel}
                  helpText="Which of several chat sessions gets the assisted credit. The dashboard opens on this model."
                />
                <TextField
                  label="Holdout"
                  name="holdoutPercent"
                  type="number"
                  suffix="%"
                  autoComplete="off"
                  value={form.holdoutPercent}
                  onChange={set("holdoutPercent")}
                  error={errors.holdoutPercent}
                  helpText="Share of visitors who never get a prompt, so the lift chat causes can be measured. 10% is a good start."
                />
                <Select
                  label="Consent"
                  name="consentMode"
                  options={[{ label: "Explicit: emails only with the shopper's consent", value: "explicit" }]}
                  value={form.consentMode}
                  onChange={set("consentMode")}
                  error={errors.consentMode}
                />
                <Button submit variant="primary" loading={saving}>
                  Save
                </Button>
              </FormLayout>
            </Form>
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title="Widget weight" description="What the widget adds to your storefront pages, measured on the built files.">
          <Card>
            {weight ? (
              <BlockStack gap="300">
                <Text as="p">
                  Loader on every page: <b>{kb(weight.loaderBytes)}</b> of {kb(weight.loaderBudget)}
                </Text>
                <ProgressBar animated={false} progress={Math.min(100, (100 * weight.loaderBytes) / weight.loaderBudget)} tone={weight.loaderBytes <= weight.loaderBudget ? "success" : "critical"} size="small" />
                <Text as="p">
                  With the chat UI (loaded only when needed): <b>{kb(weight.totalBytes)}</b> of {kb(weight.totalBudget)}
                </Text>
                <ProgressBar animated={false} progress={Math.min(100, (100 * weight.totalBytes) / weight.totalBudget)} tone={weight.totalBytes <= weight.totalBudget ? "success" : "critical"} size="small" />
                {!weight.withinBudget ? <Banner tone="warning" title="The widget is over its weight budget" /> : null}
              </BlockStack>
            ) : (
              <Text as="p" tone="subdued">
                The widget files are not on this server, so their weight cannot be measured here.
              </Text>
            )}
          </Card>
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}
