/**
 * The optional language model: off by default; when on, it only rephrases a quoted answer and anything it adds
 * that the sources do not say sends the shopper the quoted answer instead. The key field is write-only: the page
 * says whether a key is saved and never shows it.
 */
import { Form, useNavigation } from "@remix-run/react";
import { Banner, Button, Card, Checkbox, FormLayout, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { DEFAULT_BASE_URLS, type LlmProvider, type LlmSettings } from "../../answers/llm-settings";
import type { FormResult } from "./knowledge";

type Props = { settings: LlmSettings & { rephrasedToday: number }; result?: FormResult };

const PROVIDERS = [
  { label: "OpenAI-compatible (OpenAI, Ollama, vLLM, OpenRouter…)", value: "openai-compatible" },
  { label: "Anthropic", value: "anthropic" },
];

export function LlmSettingsForm({ settings, result }: Props) {
  const refused = result && !result.ok ? result : undefined;
  const typed = refused?.values;
  const [enabled, setEnabled] = useState(typed ? typed.llmEnabled === "true" : settings.enabled);
  const [provider, setProvider] = useState<LlmProvider>((typed?.provider as LlmProvider) ?? settings.provider);
  const [baseUrl, setBaseUrl] = useState(typed?.baseUrl ?? settings.baseUrl);
  const [model, setModel] = useState(typed?.model ?? settings.model);
  const [apiKey, setApiKey] = useState("");
  const [clearKey, setClearKey] = useState(false);
  const [dailyCap, setDailyCap] = useState(typed?.dailyCap ?? String(settings.dailyCap));
  const saving = useNavigation().formData?.get("intent") === "llm";
  // A saved key leaves the page: the field empties (and "forget" unticks) once a save is confirmed, adjusted while
  // rendering the new result (React's pattern for state that follows a prop).
  const [shownResult, setShownResult] = useState(result);
  if (result !== shownResult) {
    setShownResult(result);
    if (result?.ok) {
      setApiKey("");
      setClearKey(false);
    }
  }
  const errors = refused?.fieldErrors ?? {};
  const chooseProvider = (value: string) => {
    const next = value as LlmProvider;
    // A base URL left at the other provider's default follows the choice.
    if (baseUrl === DEFAULT_BASE_URLS[provider]) setBaseUrl(DEFAULT_BASE_URLS[next]);
    setProvider(next);
  };
  return (
    <Card>
      <Form method="post" autoComplete="off">
        <input type="hidden" name="intent" value="llm" />
        <input type="hidden" name="llmEnabled" value={String(enabled)} />
        <input type="hidden" name="clearKey" value={String(clearKey)} />
        <FormLayout>
          <Text as="h2" variant="headingMd">
            Language model (optional)
          </Text>
          {result?.ok ? <Banner tone="success" title="Language model settings saved" /> : null}
          {refused ? <Banner tone="critical" title="Nothing was saved: fix the fields below" /> : null}
          <Checkbox
            label="Rephrase quoted answers with a language model"
            checked={enabled}
            onChange={setEnabled}
            helpText="Off by default. The model gets the question, the quoted answer and its sources, and only rephrases them in the shopper's language. A reply with any number, price, date, code, link, email or product name the sources do not state is dropped, and the shopper reads the quoted answer."
          />
          <Select label="Provider" name="provider" options={PROVIDERS} value={provider} onChange={chooseProvider} />
          <TextField
            label="Base URL"
            name="baseUrl"
            autoComplete="off"
            value={baseUrl}
            onChange={setBaseUrl}
            error={errors.baseUrl}
            helpText="OpenAI: https://api.openai.com/v1 · Ollama: http://localhost:11434/v1 · Anthropic: https://api.anthropic.com"
          />
          <TextField
            label="Model"
            name="model"
            autoComplete="off"
            value={model}
            onChange={setModel}
            error={errors.model}
          />
          <TextField
            label="API key"
            name="apiKey"
            type="password"
            autoComplete="new-password"
            value={apiKey}
            onChange={setApiKey}
            error={errors.apiKey}
            helpText={
              settings.hasKey
                ? "A key is saved (encrypted). Leave empty to keep it, or type a new one."
                : "No key saved. A local model (Ollama, vLLM) needs none."
            }
          />
          {settings.hasKey ? <Checkbox label="Forget the saved key" checked={clearKey} onChange={setClearKey} /> : null}
          <TextField
            label="Most rephrasings a day"
            name="dailyCap"
            type="number"
            autoComplete="off"
            value={dailyCap}
            onChange={setDailyCap}
            error={errors.dailyCap}
            helpText={`${settings.rephrasedToday} today (UTC). Past the cap, answers stay quoted until the next day.`}
          />
          <Button submit variant="primary" loading={saving}>
            Save language model settings
          </Button>
        </FormLayout>
      </Form>
    </Card>
  );
}
