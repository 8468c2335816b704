import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BlockStack, Layout, Page } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { z } from "zod";
import { requireAdmin } from "../admin/ui/session.server";
import { createExperiment, listExperiments } from "../flows/experiments/experiments.server";
import { ExperimentCreateForm, ExperimentList } from "../admin/experiments/ExperimentList";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  return listExperiments(shop);
}

// The variant weights are named after the flow's variants (weight.<id>): the service checks them.
const formSchema = z.record(z.string(), z.string().max(200));

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const parsed = formSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return data({ fieldErrors: { form: "Send the form's fields as text" }, values: {} }, { status: 400 });
  const result = await createExperiment(shop, parsed.data);
  if (!result.ok) return data({ fieldErrors: result.fieldErrors, values: parsed.data }, { status: 422 });
  return redirect(`/app/experiments/${result.id}`);
}

export default function ExperimentsPage() {
  const { experiments, flows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <Page title="Experiments">
      <TitleBar title="Experiments" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <ExperimentList experiments={experiments} />
            <ExperimentCreateForm flows={flows} fieldErrors={result?.fieldErrors ?? {}} values={result?.values ?? {}} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
