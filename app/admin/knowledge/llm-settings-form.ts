/**
 * The Knowledge page's language-model form: which provider, its base URL, the model, a new key (write-only: an
 * empty field keeps the saved one) and the daily cap. A refused form names the field and saves nothing.
 */
import { z } from "zod";
import { LLM_PROVIDERS, MAX_DAILY_CAP } from "../../answers/llm-settings";

const checked = z
  .string()
  .optional()
  .transform((value) => value === "on" || value === "true");

export const llmSettingsSchema = z
  .object({
    llmEnabled: checked,
    provider: z.enum(LLM_PROVIDERS, { error: "Choose OpenAI-compatible or Anthropic" }),
    baseUrl: z
      .string({ error: "Enter the endpoint's base URL" })
      .trim()
      .max(2048, { error: "At most 2,048 characters" })
      .refine((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol), {
        error: "Enter a full http:// or https:// address, e.g. https://api.openai.com/v1",
      })
      .transform((url) => url.replace(/\/+$/, "")),
    model: z.string().trim().max(200, { error: "At most 200 characters" }).default(""),
    apiKey: z
      .string()
      .trim()
      .max(1000, { error: "At most 1,000 characters" })
      .optional()
      .transform((key) => key || null),
    clearKey: checked,
    dailyCap: z
      .string({ error: "Enter the most rephrasings a day" })
      .trim()
      .regex(/^\d+$/, { error: "Enter a whole number of rephrasings a day" })
      .transform(Number)
      .refine((cap) => cap <= MAX_DAILY_CAP, { error: `At most ${MAX_DAILY_CAP.toLocaleString("en")} a day` }),
  })
  .refine((form) => !form.llmEnabled || form.model.length > 0, {
    error: "Enter the model's name, e.g. gpt-4o-mini, llama3.1 or claude-haiku-4-5",
    path: ["model"],
  });

export type LlmSettingsForm = z.output<typeof llmSettingsSchema>;
