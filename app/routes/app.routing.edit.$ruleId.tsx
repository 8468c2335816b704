/**
 * One rule's editor: opened on a saved rule, a template or a blank rule; saves the rule as a new
 * version of the rule set, and answers the editor's live preview (the dry run of the rule as it
 * stands in the form, nothing saved).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { Box, Button, Layout, Page } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { z } from "zod";
import { requireAdmin } from "../admin/ui/session.server";
import { openRuleEditor, saveRuleForm } from "../admin/routing/rules.server";
import { previewRuleForm } from "../admin/routing/rule-preview.server";
import { RuleEditorForm } from "../admin/routing/RuleEditorForm";

const params = z.object({ ruleId: z.string().min(1).max(64) });
const query = z.object({ template: z.string().max(64).nullable() });
const intent = z.enum(["save", "preview"]).catch("save");

export async function loader({ request, params: routeParams }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { ruleId } = params.parse(routeParams);
  const { template } = query.parse({ template: new URL(request.url).searchParams.get("template") });
  const editor = await openRuleEditor(shop, ruleId, template);
  if (!editor)
    throw new Response(template ? `There is no template "${template}"` : `There is no rule "${ruleId}"`, {
      status: 404,
    });
  return editor;
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const fields = Object.fromEntries(await request.formData());
  if (intent.parse(fields.intent) === "preview") {
    const preview = await previewRuleForm(shop, fields);
    return data(preview, { status: preview.kind === "preview" ? 200 : 422 });
  }
  const outcome = await saveRuleForm(shop, fields);
  if (outcome.kind === "saved") return redirect(`/app/routing?saved=${outcome.version}`);
  return data(outcome, { status: outcome.kind === "invalid" ? 422 : 409 });
}

/** A preview changes nothing the page shows: HubSpot's lists are not read again for it. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "preview" ? false : defaultShouldRevalidate;

/** Keyed by what is edited: going from one rule (or template) to another starts a fresh form. */
export default function EditRulePage() {
  const editor = useLoaderData<typeof loader>();
  return <EditRule key={`${editor.originalId ?? "new"}:${editor.form.id}:${editor.baseVersion}`} />;
}

function EditRule() {
  const editor = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") !== "preview";
  const title = editor.originalId
    ? `Edit rule: ${editor.form.name}`
    : editor.templateTitle
      ? `New rule from template`
      : "New rule";
  return (
    <Page title={title} backAction={{ content: "Routing rules", url: "/app/routing" }} fullWidth>
      <TitleBar title={title} />
      <Layout>
        <Layout.Section>
          <RuleEditorForm editor={editor} result={result && "form" in result ? result : undefined} saving={saving} />
          {editor.originalId ? (
            <Box paddingBlockStart="400">
              <Form method="post" action="/app/routing">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="ruleId" value={editor.originalId} />
                <input type="hidden" name="baseVersion" value={editor.baseVersion} />
                <Button submit tone="critical" disabled={saving}>
                  Delete this rule (as a new version)
                </Button>
              </Form>
            </Box>
          ) : null}
        </Layout.Section>
      </Layout>
    </Page>
  );
}
