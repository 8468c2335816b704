import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineStack,
  Layout,
  List,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useState } from "react";
import { z } from "zod";
import { requireAdmin } from "../admin/ui/session.server";
import { openRuleEditor, saveRuleForm } from "../admin/routing/rules.server";
import type { RuleFieldErrors, RuleForm } from "../admin/routing/editor";
import type { HubSpotChoices } from "../admin/routing/references.server";

const params = z.object({ ruleId: z.string().min(1).max(64) });
const query = z.object({ template: z.string().max(64).nullable() });

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
  const outcome = await saveRuleForm(shop, Object.fromEntries(await request.formData()));
  if (outcome.kind === "saved") return redirect(`/app/routing?saved=${outcome.version}`);
  return data(outcome, { status: outcome.kind === "invalid" ? 422 : 409 });
}

/** The ids a rule may name, from the connected HubSpot account. */
function HubSpotChoicesNote({ choices }: { choices: HubSpotChoices }) {
  if (choices.kind === "not_connected")
    return (
      <Text as="p" tone="subdued">
        Connect HubSpot to see the owner and pipeline ids your rules can use.
      </Text>
    );
  if (choices.kind === "unavailable")
    return <Text as="p" tone="caution">{`HubSpot's owners and pipelines could not be read: ${choices.message}`}</Text>;
  return (
    <BlockStack gap="100">
      <Text
        as="p"
        tone="subdued"
      >{`Owners in HubSpot: ${choices.owners.map((owner) => `${owner.id} (${owner.name})`).join(", ") || "none"}`}</Text>
      {choices.pipelines.map((pipeline) => (
        <Text
          as="p"
          tone="subdued"
          key={pipeline.id}
        >{`Deal pipeline ${pipeline.id} (${pipeline.label}), stages: ${pipeline.stages.map((stage) => stage.id).join(", ")}`}</Text>
      ))}
    </BlockStack>
  );
}

const joined = (messages: string[] | undefined) => (messages?.length ? messages.join(" · ") : undefined);

/** Keyed by what is edited: going from one rule (or template) to another starts a fresh form. */
export default function EditRulePage() {
  const editor = useLoaderData<typeof loader>();
  return <EditRule key={`${editor.originalId ?? "new"}:${editor.form.id}:${editor.baseVersion}`} />;
}

function EditRule() {
  const editor = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const [form, setForm] = useState<RuleForm>(result?.form ?? editor.form);
  const errors: RuleFieldErrors = result?.kind === "invalid" ? result.fieldErrors : {};
  const set = (key: keyof RuleForm) => (value: string | boolean) =>
    setForm((current) => ({ ...current, [key]: value }));
  const title = editor.originalId
    ? `Edit rule: ${editor.form.name}`
    : editor.templateTitle
      ? `New rule from template`
      : "New rule";
  return (
    <Page title={title} backAction={{ content: "Routing rules", url: "/app/routing" }}>
      <TitleBar title={title} />
      <Layout>
        <Layout.Section>
          <Card>
            <Form method="post">
              <input type="hidden" name="baseVersion" value={editor.baseVersion} />
              <input type="hidden" name="originalId" value={editor.originalId ?? ""} />
              <FormLayout>
                {editor.templateTitle && !editor.alreadyUsed ? (
                  <Banner tone="info" title={`From the template “${editor.templateTitle}”: adjust it, then save`} />
                ) : null}
                {editor.alreadyUsed ? (
                  <Banner
                    tone="warning"
                    title={`This template is already in your rules as “${editor.alreadyUsed.name}”`}
                    action={{
                      content: `Edit “${editor.alreadyUsed.name}” instead`,
                      url: `/app/routing/edit/${editor.alreadyUsed.ruleId}`,
                    }}
                  >
                    <p>{`Saving adds a second rule, “${editor.form.name}” (${editor.form.id}), beside it.`}</p>
                  </Banner>
                ) : null}
                {result?.kind === "invalid" ? (
                  <Banner tone="critical" title="Not saved: fix the fields marked below" />
                ) : null}
                {result?.kind === "conflict" ? (
                  <Banner
                    tone="warning"
                    title={`Someone saved version ${result.latestVersion} since you opened this rule: reload the page, then make your change again`}
                  />
                ) : null}
                {errors.form ? (
                  <Banner tone="critical">
                    <List type="bullet">
                      {errors.form.map((message) => (
                        <List.Item key={message}>{message}</List.Item>
                      ))}
                    </List>
                  </Banner>
                ) : null}
                <TextField
                  label="Name"
                  name="name"
                  autoComplete="off"
                  value={form.name}
                  onChange={set("name")}
                  error={joined(errors.name)}
                  helpText="What the rule list and the decision log call this rule."
                />
                <TextField
                  label="Rule id"
                  name="id"
                  autoComplete="off"
                  value={form.id}
                  onChange={set("id")}
                  error={joined(errors.id)}
                  helpText="Lower case letters, digits or -. Decisions name the rule by it, so keep it once leads are routed."
                />
                <Checkbox
                  label="Enabled"
                  name="enabled"
                  value="on"
                  checked={form.enabled}
                  onChange={set("enabled")}
                  error={joined(errors.enabled)}
                />
                <Select
                  label="After a match"
                  name="then"
                  options={[
                    { label: "Continue to the next rules", value: "continue" },
                    { label: "Stop: later rules do not act on the lead", value: "stop" },
                  ]}
                  value={form.then}
                  onChange={set("then")}
                  error={joined(errors.then)}
                />
                <TextField
                  label="Conditions"
                  name="conditions"
                  multiline={8}
                  monospaced
                  autoComplete="off"
                  value={form.conditions}
                  onChange={set("conditions")}
                  error={joined(errors.conditions)}
                  helpText='Combine facts with all / any / not, e.g. { "all": [{ "fact": "micro_conversion", "kind": "demo_booked" }] }.'
                />
                <TextField
                  label="Actions"
                  name="actions"
                  multiline={8}
                  monospaced
                  autoComplete="off"
                  value={form.actions}
                  onChange={set("actions")}
                  error={joined(errors.actions)}
                  helpText="What happens in HubSpot when the conditions match, in order."
                />
                <HubSpotChoicesNote choices={editor.choices} />
                <InlineStack gap="200">
                  <Button submit variant="primary" loading={saving}>
                    Save as a new version
                  </Button>
                </InlineStack>
                <Text as="p" tone="subdued">
                  Saving creates a new version of your rules; it goes live when you make it live on the rules page.
                </Text>
              </FormLayout>
            </Form>
          </Card>
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
