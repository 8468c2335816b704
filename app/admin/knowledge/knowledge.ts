/**
 * The Knowledge page's forms: what the FAQ, synonym, settings and "try a question" forms may send and the message
 * beside each field when it is wrong. A refused form keeps what the merchant typed and changes nothing.
 */
import { z } from "zod";
import { fieldErrorsOf } from "../../platform/validation/zod-errors";
import { MAX_ANSWER_THRESHOLD, MIN_ANSWER_THRESHOLD } from "../../answers/answer-settings";

export const MAX_FAQ_VARIANTS = 20;
export const MAX_SYNONYM_TERMS = 20;

/** Shopify's locale codes: "en", "de", "pt-BR", "zh-Hant-TW". */
const locale = z
  .string({ error: "Choose a language" })
  .trim()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { error: "Choose a language such as en, de or pt-BR" });

/** One entry per line (FAQ phrasings) or per comma (synonyms): blank entries and repeats (in any case) are dropped. */
const listOf = (separator: RegExp) => (text: string) => {
  const seen = new Set<string>();
  return text
    .split(separator)
    .map((entry) => entry.trim())
    .filter((entry) => entry && !seen.has(entry.toLowerCase()) && seen.add(entry.toLowerCase()));
};

const optionalText = (max: number, error: string) =>
  z
    .string()
    .trim()
    .max(max, { error })
    .optional()
    .transform((value) => value || null);

export const faqSchema = z
  .object({
    id: z.string().trim().optional(),
    locale,
    question: z
      .string({ error: "Enter the question" })
      .trim()
      .min(3, { error: "Enter the question shoppers ask" })
      .max(300, { error: "At most 300 characters" }),
    variants: z
      .string()
      .optional()
      .transform((text) => listOf(/\r?\n/)(text ?? ""))
      .refine((list) => list.length <= MAX_FAQ_VARIANTS, { error: `At most ${MAX_FAQ_VARIANTS} other phrasings` })
      .refine((list) => list.every((entry) => entry.length <= 300), {
        error: "Each phrasing is at most 300 characters",
      }),
    answer: z
      .string({ error: "Enter the answer" })
      .trim()
      .min(1, { error: "Enter the answer shoppers should read" })
      .max(2000, { error: "At most 2,000 characters" }),
    linkTitle: optionalText(120, "At most 120 characters"),
    linkUrl: optionalText(2048, "At most 2,048 characters").refine(
      (url) => url === null || url.startsWith("/") || /^https?:\/\/[^\s]+$/i.test(url),
      { error: "Enter a full address (https://…) or a path on your store (/pages/…)" },
    ),
  })
  .refine((faq) => faq.linkUrl || !faq.linkTitle, {
    error: "Add the link's address, or leave its title empty",
    path: ["linkUrl"],
  });

export const synonymSchema = z.object({
  id: z.string().trim().optional(),
  locale,
  terms: z
    .string({ error: "Enter at least two words" })
    .transform(listOf(/,/))
    .refine((terms) => terms.length >= 2, { error: "Enter at least two words that mean the same, separated by commas" })
    .refine((terms) => terms.length <= MAX_SYNONYM_TERMS, { error: `At most ${MAX_SYNONYM_TERMS} words in one group` })
    .refine((terms) => terms.every((term) => term.length <= 60), {
      error: "Each word or phrase is at most 60 characters",
    }),
});

/** The threshold is shown and typed as a percentage of the question a source must cover. */
export const MIN_THRESHOLD_PERCENT = Math.round(MIN_ANSWER_THRESHOLD * 100);
export const MAX_THRESHOLD_PERCENT = Math.round(MAX_ANSWER_THRESHOLD * 100);

export const answerSettingsSchema = z.object({
  answersEnabled: z
    .string()
    .optional()
    .transform((value) => value === "on" || value === "true"),
  answerThreshold: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || /^\d+$/.test(value), { error: "Enter a whole percentage, or leave it empty" })
    .transform((value) => (value === null ? null : Number(value)))
    .refine((value) => value === null || (value >= MIN_THRESHOLD_PERCENT && value <= MAX_THRESHOLD_PERCENT), {
      error: `From ${MIN_THRESHOLD_PERCENT}% to ${MAX_THRESHOLD_PERCENT}%`,
    })
    .transform((value) => (value === null ? null : value / 100)),
  namespaces: z
    .string()
    .optional()
    .transform((text) => listOf(/[,\s]+/)(text ?? ""))
    .refine((list) => list.length <= 20, { error: "At most 20 namespaces" })
    .refine((list) => list.every((namespace) => /^(\$app:)?[A-Za-z0-9_-]{2,255}$/.test(namespace)), {
      error: "Namespaces are letters, digits, - and _ (e.g. custom, care), separated by commas",
    }),
});

export const tryQuestionSchema = z.object({
  question: z
    .string({ error: "Type a question" })
    .trim()
    .min(1, { error: "Type a question" })
    .max(500, { error: "At most 500 characters, as in the storefront" }),
  locale,
});

export type FaqInput = z.output<typeof faqSchema>;
export type SynonymInput = z.output<typeof synonymSchema>;
export type AnswerSettingsInput = z.output<typeof answerSettingsSchema>;
export type TryQuestionInput = z.output<typeof tryQuestionSchema>;

export type Parsed<T> =
  { ok: true; value: T } | { ok: false; fieldErrors: Partial<Record<string, string>>; values: Record<string, string> };

/** Parses a form; on failure the fields' first errors and every typed value as it was typed. */
export function parseForm<S extends z.ZodType>(schema: S, form: Record<string, unknown>): Parsed<z.output<S>> {
  const result = schema.safeParse(form);
  if (result.success) return { ok: true, value: result.data };
  const values = Object.fromEntries(
    Object.entries(form).flatMap(([key, value]) => (typeof value === "string" ? [[key, value]] : [])),
  );
  return { ok: false, fieldErrors: fieldErrorsOf(result.error), values };
}

export interface SyncStatusView {
  state: "never" | "running" | "failed" | "synced";
  lastSyncedAt: string | null;
  runStartedAt: string | null;
  phase: string | null;
  error: string | null;
  errorAt: string | null;
}

/** A pass failed when its last error is newer than its last success; a failing pass is retried, so it may also be running. */
export function syncStatusOf(
  row: {
    runStartedAt: Date | null;
    phase: string | null;
    lastSyncedAt: Date | null;
    lastError: string | null;
    lastErrorAt: Date | null;
  } | null,
): SyncStatusView {
  const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;
  const failed = Boolean(row?.lastErrorAt && (!row.lastSyncedAt || row.lastErrorAt > row.lastSyncedAt));
  const state = failed ? "failed" : row?.runStartedAt ? "running" : row?.lastSyncedAt ? "synced" : "never";
  return {
    state,
    lastSyncedAt: iso(row?.lastSyncedAt),
    runStartedAt: iso(row?.runStartedAt),
    phase: row?.phase ?? null,
    error: failed ? (row?.lastError ?? null) : null,
    errorAt: failed ? iso(row?.lastErrorAt) : null,
  };
}

/** What a form's post answered, as the page's parts read it. */
export interface FormResult {
  ok: boolean;
  id?: string;
  error?: string;
  fieldErrors?: Partial<Record<string, string>>;
  values?: Record<string, string>;
}
