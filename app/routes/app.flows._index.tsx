import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { z } from "zod";
import { requireAdmin } from "../admin/ui/session.server";
import { describeProblems } from "../platform/validation/zod-errors";
import { createFlowFromTemplate, listFlows } from "../flows/flows.server";
import { refusalOf } from "../flows/refusals";
import { TEMPLATE_KEYS } from "../flows/templates";
import { FlowList, FlowPublications, FlowTemplatePicker } from "../admin/flows/FlowList";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  return listFlows(shop);
}

const formSchema = z.object({
  intent: z.literal("create"),
  template: z.enum(TEMPLATE_KEYS, { error: "Choose one of the templates" }),
});

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const parsed = formSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: describeProblems(parsed.error, { paths: false }) }, { status: 400 });
  try {
    const { id } = await createFlowFromTemplate(shop, parsed.data.template);
    return redirect(`/app/flows/${id}`);
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    return data({ error: refusal.message }, { status: refusal.status });
  }
}

export default function FlowsPage() {
  const { flows, templates, publications } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <Page title="Flows">
      <TitleBar title="Flows" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result?.error ? <Banner tone="critical" title={result.error} /> : null}
            <FlowList flows={flows} />
            <FlowTemplatePicker templates={templates} />
            <FlowPublications publications={publications} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
