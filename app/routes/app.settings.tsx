import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, Button, Card, FormLayout, Layout, Page, Select, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useState } from "react";
import { requireAdmin } from "../admin/ui/session.server";
import { parseSettingsForm, type SettingsForm } from "../admin/settings/settings";
import { appearanceToForm, parseAppearanceForm } from "../flows/appearance";
import { parseDataSettingsForm } from "../admin/settings/settings-data";
import {
  readSettingsPage,
  saveAppearanceAndRepublish,
  saveDataSettings,
  saveSettingsAndRepublish,
} from "../admin/settings/settings.server";
import { WINDOWS } from "../attribution/types";
import { MODEL_LABEL } from "../admin/orders/order-audit";
import { SettingsAppearanceForm } from "../admin/settings/SettingsAppearanceForm";
import { SettingsDataForm } from "../admin/settings/SettingsDataForm";
import { SettingsStorefrontBanner } from "../admin/settings/SettingsStorefrontBanner";
import { SettingsWidgetWeight } from "../admin/settings/SettingsWidgetWeight";
import { SettingsDeadLetters } from "../admin/settings/SettingsDeadLetters";
import { SettingsDataRequests } from "../admin/settings/SettingsDataRequests";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  return readSettingsPage(shop);
}

/**
 * Three forms on one page; each posts its `intent` (attribution when absent) and saves only its
 * own fields. Attribution (for the holdout %) and appearance then bring the storefront up to date.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { shop, graphql } = await requireAdmin(request);
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "data") {
    const parsed = parseDataSettingsForm(form);
    if (!parsed.ok)
      return data(
        { form: "data" as const, saved: false as const, fieldErrors: parsed.fieldErrors, values: parsed.values },
        { status: 422 },
      );
    return { form: "data" as const, saved: true as const, data: await saveDataSettings(shop, parsed.settings) };
  }
  if (form.intent === "appearance") {
    const parsed = parseAppearanceForm(form);
    if (!parsed.ok)
      return data(
        { form: "appearance" as const, saved: false as const, fieldErrors: parsed.fieldErrors, values: parsed.values },
        { status: 422 },
      );
    return {
      form: "appearance" as const,
      saved: true as const,
      ...(await saveAppearanceAndRepublish(graphql, shop, parsed.appearance)),
    };
  }
  const parsed = parseSettingsForm(form);
  if (!parsed.ok)
    return data({ saved: false as const, fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 422 });
  return { saved: true as const, ...(await saveSettingsAndRepublish(graphql, shop, parsed.settings)) };
}

export default function Settings() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const attribution = result && !("form" in result) ? result : undefined;
  const dataResult = result && "form" in result && result.form === "data" ? result : undefined;
  const appearanceResult = result && "form" in result && result.form === "appearance" ? result : undefined;
  const initial: SettingsForm =
    attribution && !attribution.saved
      ? attribution.values
      : {
          attributionWindowDays: String(page.settings.attributionWindowDays),
          attributionModel: page.settings.attributionModel,
          holdoutPercent: String(page.settings.holdoutPercent),
          consentMode: page.settings.consentMode,
        };
  const [form, setForm] = useState<SettingsForm>(initial);
  const errors = attribution && !attribution.saved ? attribution.fieldErrors : {};
  const set = (key: keyof SettingsForm) => (value: string) => setForm((current) => ({ ...current, [key]: value }));
  return (
    <Page title="Settings">
      <TitleBar title="Settings" />
      <Layout>
        <Layout.AnnotatedSection
          title="Attribution"
          description="Which orders count as earned by chat, and how credit is shared between sessions."
        >
          <Card>
            <Form method="post">
              <input type="hidden" name="intent" value="attribution" />
              <FormLayout>
                {attribution?.saved ? (
                  <SettingsStorefrontBanner subject="Settings" storefront={attribution.storefront} />
                ) : null}
                {attribution && !attribution.saved ? (
                  <Banner tone="critical" title="Nothing was saved: fix the fields below" />
                ) : null}
                <Select
                  label="Attribution window"
                  name="attributionWindowDays"
                  options={WINDOWS.map((days) => ({
                    label: `${days} ${days === 1 ? "day" : "days"}`,
                    value: String(days),
                  }))}
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
        <Layout.AnnotatedSection
          title="Data"
          description="How long ChatLift keeps what it records on your storefront, and the time zone your days are counted in."
        >
          <Card>
            <SettingsDataForm
              initial={
                dataResult && !dataResult.saved
                  ? dataResult.values
                  : { retentionDays: String(page.data.retentionDays), timeZone: page.data.timeZone }
              }
              errors={dataResult && !dataResult.saved ? dataResult.fieldErrors : {}}
              saved={dataResult?.saved === true}
              failed={dataResult?.saved === false}
              saving={saving}
            />
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          title="Widget appearance"
          description="How the chat launcher looks on your storefront. Once saved, it replaces the colour and position set in the theme editor's app embed settings."
        >
          <Card>
            <SettingsAppearanceForm
              initial={
                appearanceResult && !appearanceResult.saved
                  ? appearanceResult.values
                  : appearanceToForm(page.appearance)
              }
              errors={appearanceResult && !appearanceResult.saved ? appearanceResult.fieldErrors : {}}
              saved={appearanceResult?.saved === true}
              storefront={appearanceResult?.saved ? appearanceResult.storefront : undefined}
              failed={appearanceResult?.saved === false}
              saving={saving}
            />
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          title="Widget weight"
          description="What the widget adds to your storefront pages, measured on the built files."
        >
          <Card>
            <SettingsWidgetWeight weight={page.weight} />
          </Card>
        </Layout.AnnotatedSection>
        {page.dataRequests.length > 0 ? (
          <Layout.AnnotatedSection
            title="Customer data requests"
            description="Customers who asked for their data: Shopify passed the request on, and the download holds everything ChatLift keeps about them."
          >
            <Card>
              <SettingsDataRequests requests={page.dataRequests} />
            </Card>
          </Layout.AnnotatedSection>
        ) : null}
        {page.deadLetters.length > 0 ? (
          <Layout.AnnotatedSection
            title="Unreadable webhooks"
            description="Deliveries from Shopify that were not valid JSON: acknowledged so Shopify stops retrying, kept here with the reason."
          >
            <Card>
              <SettingsDeadLetters letters={page.deadLetters} />
            </Card>
          </Layout.AnnotatedSection>
        ) : null}
      </Layout>
    </Page>
  );
}
