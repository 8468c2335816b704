/**
 * The shop's data settings: how long ChatLift keeps storefront data, and the time zone its days
 * are counted in. What the form may send and the message beside each field when it is wrong.
 */
import { z } from "zod";
import { fieldErrorsOf } from "../../platform/validation/zod-errors";

/**
 * At least 60 days: an order can be credited to a chat up to 30 days old, and the reconciliation
 * looks 60 days back for orders whose webhooks were missed; deleting sooner would lose credit.
 */
export const MIN_RETENTION_DAYS = 60;
export const MAX_RETENTION_DAYS = 1825;
export const DEFAULT_RETENTION_DAYS = 395;

export interface DataSettings {
  retentionDays: number;
  timeZone: string;
}

/** The IANA name as the runtime spells it ("europe/berlin" → "Europe/Berlin"), or null for anything else (offsets, abbreviations it does not know). */
export function ianaTimeZone(name: string): string | null {
  const trimmed = name.trim();
  // Offsets ("+01:00") are accepted by newer runtimes but are not IANA zones: no daylight saving.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(trimmed)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const dataSettingsSchema = z.object({
  retentionDays: z
    .string({ error: "Enter a number of days" })
    .trim()
    .regex(/^\d+$/, { error: `Enter whole days, from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}` })
    .transform(Number)
    .refine((days) => days >= MIN_RETENTION_DAYS, {
      error: `At least ${MIN_RETENTION_DAYS} days: orders can still be credited to chats up to 30 days old and missed orders are looked up 60 days back`,
    })
    .refine((days) => days <= MAX_RETENTION_DAYS, { error: `At most ${MAX_RETENTION_DAYS} days (5 years)` }),
  timeZone: z.string({ error: "Choose a time zone" }).transform((name, ctx) => {
    const zone = ianaTimeZone(name);
    if (zone) return zone;
    ctx.addIssue({ code: "custom", message: "Enter an IANA time zone such as Europe/Berlin or America/New_York" });
    return z.NEVER;
  }),
});

export type DataSettingsForm = Record<keyof DataSettings, string>;
export type DataSettingsResult =
  | { ok: true; settings: DataSettings }
  | { ok: false; fieldErrors: Partial<Record<keyof DataSettings, string>>; values: DataSettingsForm };

const text = (form: Record<string, unknown>, key: string) =>
  typeof form[key] === "string" ? (form[key] as string) : "";

export function parseDataSettingsForm(form: Record<string, unknown>): DataSettingsResult {
  const result = dataSettingsSchema.safeParse(form);
  if (result.success) return { ok: true, settings: result.data };
  return {
    ok: false,
    fieldErrors: fieldErrorsOf<keyof DataSettings>(result.error),
    values: { retentionDays: text(form, "retentionDays"), timeZone: text(form, "timeZone") },
  };
}

/** Stored values that no longer fit fall back to the defaults. */
export function dataSettingsFromRow(row: { retentionDays: number; timeZone: string } | null): DataSettings {
  const parsed = parseDataSettingsForm({
    retentionDays: String(row?.retentionDays ?? DEFAULT_RETENTION_DAYS),
    timeZone: row?.timeZone ?? "UTC",
  });
  return parsed.ok ? parsed.settings : { retentionDays: DEFAULT_RETENTION_DAYS, timeZone: "UTC" };
}
