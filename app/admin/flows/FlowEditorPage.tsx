import { Form, useNavigation, useSubmit } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  FormLayout,
  InlineStack,
  Layout,
  List,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useMemo, useState } from "react";
import { validateFlowDraft } from "../../flows/editor";
import { addVariant, localesOf, removeAt, type Draft } from "../../flows/draft-edits";
import type { FlowDetail } from "../../flows/flows.server";
import type { PreviewAssets } from "../../flows/preview";
import type { FlowActionResult } from "./action-result";
import { EnabledField, LocalizedField, TriggerFields, VariantFields, type FieldContext } from "./FlowFields";
import { FlowPreview } from "./FlowPreview";
import { FlowSteps } from "./FlowSteps";

function ResultBanner({ result }: { result: FlowActionResult | undefined }) {
  if (!result) return null;
  if (result.kind === "saved") return <Banner tone="success" title="Draft saved" />;
  if (result.kind === "published")
    return <Banner tone="success" title={`Published version ${result.version}: the storefront runs it now`} />;
  if (result.kind === "rolled_back")
    return <Banner tone="success" title={`Rolled back: published as version ${result.version}`} />;
  if (result.kind === "refused") return <Banner tone="critical" title={result.message} />;
  return null;
}

function FlowHistory({ flow }: { flow: FlowDetail }) {
  const busy = useNavigation().formData?.get("intent") === "rollback";
  if (!flow.versions.length)
    return (
      <Text as="p" tone="subdued">
        Not published yet. Publishing makes version 1.
      </Text>
    );
  return (
    <DataTable
      columnContentTypes={["text", "text", "text", "text"]}
      headings={["Version", "Published", "Note", ""]}
      rows={flow.versions.map((version) => [
        version.number === flow.publishedVersion ? `${version.number} (live)` : String(version.number),
        version.publishedAt.slice(0, 16).replace("T", " "),
        version.note ?? "",
        version.number === flow.publishedVersion ? (
          ""
        ) : (
          <Form method="post" key={version.number}>
            <input type="hidden" name="intent" value="rollback" />
            <input type="hidden" name="version" value={version.number} />
            <Button submit size="slim" loading={busy} accessibilityLabel={`Roll back to version ${version.number}`}>
              Roll back
            </Button>
          </Form>
        ),
      ])}
    />
  );
}

/** Editor state lives here; the route remounts it (by key) whenever the stored draft changes. */
function Editor({
  flow,
  preview,
  result,
}: {
  flow: FlowDetail;
  preview: PreviewAssets | null;
  result: FlowActionResult | undefined;
}) {
  const [draft, setDraft] = useState<Draft>(flow.draft as unknown as Draft);
  const [name, setName] = useState(flow.name);
  const [note, setNote] = useState("");
  const [locales, setLocales] = useState(() => localesOf(flow.draft as unknown as Draft));
  const [locale, setLocale] = useState(locales[0] ?? "en");
  const [newLocale, setNewLocale] = useState("");
  const submit = useSubmit();
  const navigation = useNavigation();
  const validation = useMemo(() => validateFlowDraft(draft), [draft]);
  // Errors are inline as the merchant types; the server's answer to a submit is shown until the next edit.
  const [editedAfter, setEditedAfter] = useState<FlowActionResult | undefined>(undefined);
  const serverErrors = result?.kind === "invalid" && editedAfter !== result ? result.fieldErrors : {};
  const errors = validation.ok ? serverErrors : { ...serverErrors, ...validation.fieldErrors };
  const change = (next: Draft) => {
    setDraft(next);
    setEditedAfter(result);
  };
  const ctx: FieldContext = { draft, change, locale, errors };
  const send = (intent: "save" | "publish") =>
    submit({ intent, name, draft: JSON.stringify(draft), note }, { method: "post" });
  const sending = navigation.formData?.get("intent");
  const summary = validation.ok ? (result?.kind === "invalid" ? result.errors : []) : validation.errors;

  return (
    <Page
      title={name || flow.id}
      subtitle={`Flow id ${flow.id}${flow.publishedVersion ? ` · version ${flow.publishedVersion} live` : " · never published"}`}
      backAction={{ content: "Flows", url: "/app/flows" }}
      primaryAction={{
        content: "Publish",
        onAction: () => send("publish"),
        disabled: !validation.ok,
        loading: sending === "publish",
      }}
      secondaryActions={[{ content: "Save draft", onAction: () => send("save"), loading: sending === "save" }]}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <ResultBanner result={result} />
            {flow.runningExperiment ? (
              <Banner tone="info" title={`Experiment "${flow.runningExperiment.name}" is running on this flow`}>
                Keep variants {flow.runningExperiment.variantIds.join(", ")} while it runs.
              </Banner>
            ) : null}
            {summary.length ? (
              <Banner
                tone="critical"
                title={`${summary.length} ${summary.length === 1 ? "problem" : "problems"} to fix before publishing`}
              >
                <List>
                  {summary.map((error, index) => (
                    <List.Item key={index}>{`${error.where}: ${error.message}`}</List.Item>
                  ))}
                </List>
              </Banner>
            ) : null}
            <Card>
              <FormLayout>
                <TextField
                  label="Name (only you see it)"
                  value={name}
                  onChange={setName}
                  autoComplete="off"
                  error={errors.name}
                />
                <EnabledField ctx={ctx} />
                <InlineStack gap="300" blockAlign="end">
                  <Select
                    label="Editing language"
                    options={locales.map((value) => ({ value, label: value }))}
                    value={locale}
                    onChange={setLocale}
                  />
                  <TextField
                    label="Add a language"
                    labelHidden
                    placeholder="e.g. de"
                    value={newLocale}
                    onChange={setNewLocale}
                    autoComplete="off"
                  />
                  <Button
                    disabled={!/^[a-z]{2}(-[A-Za-z]{2,4})?$/.test(newLocale)}
                    onClick={() => {
                      setLocales((current) => (current.includes(newLocale) ? current : [...current, newLocale]));
                      setLocale(newLocale);
                      setNewLocale("");
                    }}
                  >
                    Add language
                  </Button>
                </InlineStack>
                <LocalizedField
                  ctx={ctx}
                  path={["label"]}
                  label="Menu label"
                  helpText="What visitors see in the chat's menu."
                />
                <LocalizedField
                  ctx={ctx}
                  path={["prompt"]}
                  label="Prompt"
                  multiline
                  helpText="The proactive message that starts the flow."
                />
              </FormLayout>
            </Card>
            <FlowSteps ctx={ctx} />
            <TriggerFields ctx={ctx} />
            <VariantFields
              ctx={ctx}
              onAdd={() => change(addVariant(draft))}
              onRemove={(index) => change(removeAt(draft, ["variants"], index))}
              ownSteps={(index) => (
                <FlowSteps ctx={ctx} base={["variants", index, "steps"]} title={`Steps of variant ${index + 1}`} />
              )}
            />
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Publish and history
                </Text>
                <TextField
                  label="Note for this version"
                  value={note}
                  onChange={setNote}
                  autoComplete="off"
                  placeholder="e.g. shorter prompt"
                />
                <FlowHistory flow={flow} />
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <FlowPreview flow={validation.ok ? validation.flow : null} assets={preview} locale={locale} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function FlowEditorPage(props: {
  flow: FlowDetail;
  preview: PreviewAssets | null;
  result: FlowActionResult | undefined;
}) {
  return <Editor key={JSON.stringify(props.flow.draft) + String(props.flow.publishedVersion)} {...props} />;
}
