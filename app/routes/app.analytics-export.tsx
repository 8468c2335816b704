/**
 * /app/analytics-export: where chat events go (GA4, Mixpanel), with each destination's health
 * line. Only visitors with analytics consent (reported by the ChatLift pixel) are exported.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Card, Layout, Page } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { requireAdmin } from "../admin/ui/session.server";
import { parseExportForm } from "../admin/settings/analytics-export";
import { AnalyticsExportCard } from "../admin/settings/AnalyticsExportCard";
import { EventLogCard } from "../admin/settings/EventLogCard";
import { destinationHealth, saveDestination } from "../analytics/export/destinations.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const lines = await destinationHealth(shop);
  return {
    ga4: lines.find((line) => line.kind === "ga4") ?? null,
    mixpanel: lines.find((line) => line.kind === "mixpanel") ?? null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const form = Object.fromEntries(await request.formData());
  const saved = (await destinationHealth(shop)).some((line) => line.kind === form.kind);
  const parsed = parseExportForm(form, saved);
  if (!parsed.ok)
    return data({ ok: false as const, fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 422 });
  await saveDestination(shop, parsed.kind, parsed.input);
  return { ok: true as const, kind: parsed.kind };
}

export default function AnalyticsExport() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const errorsFor = (kind: "ga4" | "mixpanel") =>
    result && !result.ok && result.values.kind === kind ? result.fieldErrors : {};
  const savedFor = (kind: "ga4" | "mixpanel") => Boolean(result?.ok && result.kind === kind);
  return (
    <Page>
      <TitleBar title="Analytics export" />
      <Layout>
        <Layout.AnnotatedSection
          title="Google Analytics 4"
          description="Chat events through the Measurement Protocol: generate_lead, add_to_cart, select_promotion and chat_* events. Never emails, phone numbers or what shoppers typed."
        >
          <Card>
            <AnalyticsExportCard
              kind="ga4"
              line={page.ga4}
              errors={errorsFor("ga4")}
              saved={savedFor("ga4")}
              saving={saving}
            />
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          title="Mixpanel"
          description="The same events under their ChatLift names through /import; each is sent once, whatever the retries."
        >
          <Card>
            <AnalyticsExportCard
              kind="mixpanel"
              line={page.mixpanel}
              errors={errorsFor("mixpanel")}
              saved={savedFor("mixpanel")}
              saving={saving}
            />
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          title="Event log"
          description="The raw chat events of a date range as CSV or NDJSON, for your own spreadsheet or warehouse."
        >
          <Card>
            <EventLogCard />
          </Card>
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}
