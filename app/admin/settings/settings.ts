/**
 * The merchant's attribution and privacy settings: what the form may send, and the messages
 * shown beside each field when it is wrong. A refused form keeps what the merchant typed.
 */
import { z } from "zod";
import { fieldErrorsOf } from "../../platform/validation/zod-errors";
import { MODELS, WINDOWS, type Model, type WindowDays } from "../../attribution/types";

export const CONSENT_MODES = ["explicit"] as const;
/**
 * Above half, most visitors would never see a prompt: the holdout would cost more sales than
 * the measurement is worth. 0 switches the lift measurement off.
 */
export const MAX_HOLDOUT_PERCENT = 50;

export interface ShopSettings {
  attributionWindowDays: WindowDays;
  attributionModel: Model;
  holdoutPercent: number;
  consentMode: (typeof CONSENT_MODES)[number];
}

export const settingsFormSchema = z.object({
  attributionWindowDays: z.coerce
    .number({ error: "Choose an attribution window" })
    .refine((days): days is WindowDays => (WINDOWS as readonly number[]).includes(days), {
      error: `Choose ${WINDOWS.join(", ")} days`,
    }),
  attributionModel: z.enum(MODELS, { error: "Choose last touch, first touch or linear" }),
  holdoutPercent: z
    .string({ error: "Enter a holdout percentage" })
    .trim()
    .regex(/^\d+$/, { error: "Enter a whole number from 0 to 50" })
    .transform(Number)
    .refine((percent) => percent <= MAX_HOLDOUT_PERCENT, {
      error: `At most ${MAX_HOLDOUT_PERCENT}%: above that most visitors never see a prompt`,
    }),
  consentMode: z.enum(CONSENT_MODES, { error: "Only explicit consent is supported" }),
});

export type SettingsForm = Record<keyof ShopSettings, string>;
export type SettingsResult =
  | { ok: true; settings: ShopSettings }
  | { ok: false; fieldErrors: Partial<Record<keyof ShopSettings, string>>; values: SettingsForm };

export function parseSettingsForm(form: Record<string, unknown>): SettingsResult {
  const result = settingsFormSchema.safeParse(form);
  if (result.success) return { ok: true, settings: result.data as ShopSettings };
  const fieldErrors = fieldErrorsOf<keyof ShopSettings>(result.error);
  const text = (key: keyof ShopSettings) => (typeof form[key] === "string" ? (form[key] as string) : "");
  return {
    ok: false,
    fieldErrors,
    values: {
      attributionWindowDays: text("attributionWindowDays"),
      attributionModel: text("attributionModel"),
      holdoutPercent: text("holdoutPercent"),
      consentMode: text("consentMode"),
    },
  };
}

export const DEFAULT_SETTINGS: ShopSettings = {
  attributionWindowDays: 7,
  attributionModel: "last_touch",
  holdoutPercent: 10,
  consentMode: "explicit",
};

/** Stored values that no longer fit (edited by hand, older versions) fall back to the defaults. */
export function settingsFromRow(
  row: { attributionWindowDays: number; attributionModel: string; holdoutPercent: number; consentMode: string } | null,
): ShopSettings {
  if (!row) return DEFAULT_SETTINGS;
  const parsed = parseSettingsForm({
    attributionWindowDays: String(row.attributionWindowDays),
    attributionModel: row.attributionModel,
    holdoutPercent: String(row.holdoutPercent),
    consentMode: row.consentMode,
  });
  return parsed.ok ? parsed.settings : DEFAULT_SETTINGS;
}
