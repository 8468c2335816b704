/**
 * The rule editor: name, id and switches, then the conditions and actions as rows or, in the
 * advanced view, as their JSON. Both views edit one state, the JSON the form posts, so switching
 * keeps every edit; rows cannot show JSON that does not parse, so the view stays on the JSON
 * until it does, and says why. The live preview beside it reads the same state.
 */
import { Form } from "@remix-run/react";
import {
  BlockStack,
  Button,
  ButtonGroup,
  Card,
  Checkbox,
  FormLayout,
  InlineStack,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import type { RuleFieldErrors, RuleForm } from "./editor";
import type { RuleEditor, RuleSaveOutcome } from "./rules.server";
import { ActionRows } from "./ActionRows";
import { ConditionRows } from "./ConditionRows";
import { ErrorList, HubSpotChoicesNote, RuleEditorBanners } from "./RuleEditorNotes";
import { RulePreviewPanel } from "./RulePreviewPanel";
import { jsonText, parseJsonText } from "./rule-rows";

const joined = (messages: string[] | undefined) => (messages?.length ? messages.join(" · ") : undefined);

type View = "rows" | "json";

/** Why the rows cannot show the JSON as it stands, or null when they can. */
function unreadable(form: RuleForm): string | null {
  const conditions = parseJsonText(form.conditions);
  if (!conditions.ok) return `The conditions are not valid JSON (${conditions.message}): fix them here first.`;
  const actions = parseJsonText(form.actions);
  if (!actions.ok) return `The actions are not valid JSON (${actions.message}): fix them here first.`;
  if (!Array.isArray(actions.value)) return "The actions must be a list ([ … ]) for the rows to show them.";
  return null;
}

export function RuleEditorForm({
  editor,
  result,
  saving,
}: {
  editor: RuleEditor;
  result: Exclude<RuleSaveOutcome, { kind: "saved" }> | undefined;
  saving: boolean;
}) {
  const [form, setForm] = useState<RuleForm>(result?.form ?? editor.form);
  const [view, setView] = useState<View>(() => (unreadable(result?.form ?? editor.form) ? "json" : "rows"));
  const [stuck, setStuck] = useState<string | null>(null);
  const errors: RuleFieldErrors = result?.kind === "invalid" ? result.fieldErrors : {};
  const set = (key: keyof RuleForm) => (value: string | boolean) =>
    setForm((current) => ({ ...current, [key]: value }));
  const problem = unreadable(form);
  const rows = view === "rows" && !problem;
  const show = (next: View) => {
    if (next === "rows" && problem) return setStuck(problem);
    setStuck(null);
    setView(next);
  };
  const conditions = rows ? parseJsonText(form.conditions) : null;
  const actions = rows ? parseJsonText(form.actions) : null;
  return (
    <InlineStack gap="400" align="start" blockAlign="start" wrap>
      <div style={{ flex: "2 1 560px", minWidth: 0 }}>
        <Card>
          <Form method="post">
            <input type="hidden" name="baseVersion" value={editor.baseVersion} />
            <input type="hidden" name="originalId" value={editor.originalId ?? ""} />
            {rows ? (
              <>
                <input type="hidden" name="conditions" value={form.conditions} />
                <input type="hidden" name="actions" value={form.actions} />
              </>
            ) : null}
            <FormLayout>
              <RuleEditorBanners editor={editor} result={result} errors={errors} />
              <TextField
                label="Rule name"
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
              <InlineStack gap="200" blockAlign="center">
                <Text as="span" tone="subdued">
                  Edit conditions and actions as
                </Text>
                <ButtonGroup variant="segmented">
                  <Button pressed={view === "rows"} onClick={() => show("rows")}>
                    Rows
                  </Button>
                  <Button pressed={view === "json"} onClick={() => show("json")}>
                    JSON (advanced)
                  </Button>
                </ButtonGroup>
              </InlineStack>
              {stuck ? <ErrorList messages={[stuck]} /> : null}
              <BlockStack gap="200">
                <Text as="h2" variant="headingSm">
                  Conditions
                </Text>
                {rows && errors.conditions ? <ErrorList messages={errors.conditions} /> : null}
                {conditions?.ok ? (
                  <ConditionRows
                    value={conditions.value}
                    choices={editor.choices}
                    onChange={(next) => set("conditions")(jsonText(next))}
                  />
                ) : (
                  <TextField
                    label="Conditions (JSON)"
                    name="conditions"
                    multiline={8}
                    monospaced
                    autoComplete="off"
                    value={form.conditions}
                    onChange={set("conditions")}
                    error={joined(errors.conditions)}
                    helpText='Combine facts with all / any / not, e.g. { "all": [{ "fact": "micro_conversion", "kind": "demo_booked" }] }.'
                  />
                )}
              </BlockStack>
              <BlockStack gap="200">
                <Text as="h2" variant="headingSm">
                  Actions
                </Text>
                {rows && errors.actions ? <ErrorList messages={errors.actions} /> : null}
                {actions?.ok && Array.isArray(actions.value) ? (
                  <ActionRows
                    value={actions.value}
                    choices={editor.choices}
                    onChange={(next) => set("actions")(jsonText(next))}
                  />
                ) : (
                  <TextField
                    label="Actions (JSON)"
                    name="actions"
                    multiline={8}
                    monospaced
                    autoComplete="off"
                    value={form.actions}
                    onChange={set("actions")}
                    error={joined(errors.actions)}
                    helpText="What happens in HubSpot when the conditions match, in order."
                  />
                )}
              </BlockStack>
              {rows ? null : <HubSpotChoicesNote choices={editor.choices} />}
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
      </div>
      <div style={{ flex: "1 1 300px", minWidth: 0 }}>
        <RulePreviewPanel form={form} baseVersion={editor.baseVersion} originalId={editor.originalId} />
      </div>
    </InlineStack>
  );
}
