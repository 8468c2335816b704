/**
 * How the storefront launcher looks: accent colour, which corner, and its label per storefront
 * language. Stored as JSON on the shop (null = the theme editor's settings and the extension's
 * own texts) and published with the widget config, where the app embed's Liquid prefers it over
 * the block settings.
 */
import { z } from "zod";
import { fieldErrorsOf } from "../platform/validation/zod-errors";

/** The storefront languages the extension ships texts for (extensions/chatlift/locales). */
export const LAUNCHER_LOCALES = ["en", "de", "es", "fr"] as const;
export type LauncherLocale = (typeof LAUNCHER_LOCALES)[number];
export const MAX_LABEL_LENGTH = 40;
/** WCAG 2.1 non-text contrast: the white chat icon must stand out from the accent colour. */
export const MIN_ICON_CONTRAST = 3;

export interface WidgetAppearance {
  accentColor: string;
  position: "left" | "right";
  /** Only the languages the merchant worded; the others keep the extension's text. */
  launcherLabels: Partial<Record<LauncherLocale, string>>;
  /** The CSAT tap at a conversation's end: 1–5, thumbs, or none; absent in JSON saved before it: thumbs. */
  csat?: CsatChoice;
}

export const CSAT_CHOICES = ["thumbs", "five", "off"] as const;
export type CsatChoice = (typeof CSAT_CHOICES)[number];

export const DEFAULT_APPEARANCE: WidgetAppearance = {
  accentColor: "#1a1a1a",
  position: "right",
  launcherLabels: {},
  csat: "thumbs",
};

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Contrast of white on `hex` (#rrggbb), 1 to 21. */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

const label = z
  .string()
  .trim()
  .max(MAX_LABEL_LENGTH, { error: `At most ${MAX_LABEL_LENGTH} characters` });

export const appearanceFormSchema = z.object({
  accentColor: z
    .string({ error: "Enter a colour" })
    .trim()
    .toLowerCase()
    .regex(/^#[0-9a-f]{6}$/, { error: "Enter a colour as #rrggbb, e.g. #1a1a1a" })
    .refine((hex) => contrastWithWhite(hex) >= MIN_ICON_CONTRAST, {
      error: `Too light: the white chat icon needs a contrast of at least ${MIN_ICON_CONTRAST}:1 on it`,
    }),
  position: z.enum(["left", "right"], { error: "Choose bottom left or bottom right" }),
  csat: z.enum(CSAT_CHOICES, { error: "Choose 1 to 5, thumbs, or no question" }).default("thumbs"),
  ...Object.fromEntries(LAUNCHER_LOCALES.map((locale) => [`label_${locale}`, label.optional()])),
});

export type AppearanceForm = { accentColor: string; position: string; csat: string } & Record<
  `label_${LauncherLocale}`,
  string
>;
export type AppearanceField = keyof AppearanceForm;
export type AppearanceResult =
  | { ok: true; appearance: WidgetAppearance }
  | { ok: false; fieldErrors: Partial<Record<AppearanceField, string>>; values: AppearanceForm };

const text = (form: Record<string, unknown>, key: string) =>
  typeof form[key] === "string" ? (form[key] as string) : "";

export function appearanceToForm(appearance: WidgetAppearance): AppearanceForm {
  const labels = Object.fromEntries(
    LAUNCHER_LOCALES.map((locale) => [`label_${locale}`, appearance.launcherLabels[locale] ?? ""]),
  );
  return {
    accentColor: appearance.accentColor,
    position: appearance.position,
    csat: appearance.csat ?? "thumbs",
    ...labels,
  } as AppearanceForm;
}

export function parseAppearanceForm(form: Record<string, unknown>): AppearanceResult {
  const result = appearanceFormSchema.safeParse(form);
  if (!result.success) {
    const fieldErrors = fieldErrorsOf<AppearanceField>(result.error);
    const values = Object.fromEntries(
      ["accentColor", "position", "csat", ...LAUNCHER_LOCALES.map((locale) => `label_${locale}`)].map((key) => [
        key,
        text(form, key),
      ]),
    );
    return { ok: false, fieldErrors, values: values as AppearanceForm };
  }
  const parsed = result.data as { accentColor: string; position: "left" | "right"; csat: CsatChoice } & Record<
    string,
    string | undefined
  >;
  const launcherLabels: WidgetAppearance["launcherLabels"] = {};
  for (const locale of LAUNCHER_LOCALES) {
    const value = parsed[`label_${locale}`];
    if (value) launcherLabels[locale] = value;
  }
  return {
    ok: true,
    appearance: { accentColor: parsed.accentColor, position: parsed.position, launcherLabels, csat: parsed.csat },
  };
}

/** The stored JSON; anything unreadable or no longer valid falls back to the defaults, never breaks the page. */
export function appearanceFromStored(stored: string | null): WidgetAppearance {
  if (!stored) return DEFAULT_APPEARANCE;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return DEFAULT_APPEARANCE;
  }
  if (!value || typeof value !== "object") return DEFAULT_APPEARANCE;
  const parsed = parseAppearanceForm(
    appearanceToForm({
      ...DEFAULT_APPEARANCE,
      ...(value as Partial<WidgetAppearance>),
      launcherLabels: { ...(value as Partial<WidgetAppearance>).launcherLabels },
    }),
  );
  return parsed.ok ? parsed.appearance : DEFAULT_APPEARANCE;
}

/**
 * What goes into the published widget config as `appearance` (the Liquid reads
 * config.appearance.accent, .side and .launcher[locale]); null until the merchant saved one,
 * so the theme editor's block settings keep applying.
 */
export function appearanceForWidgetConfig(stored: string | null): {
  accent: string;
  side: "left" | "right";
  launcher: Partial<Record<LauncherLocale, string>>;
  csat: CsatChoice;
} | null {
  if (!stored) return null;
  const appearance = appearanceFromStored(stored);
  return {
    accent: appearance.accentColor,
    side: appearance.position,
    launcher: appearance.launcherLabels,
    csat: appearance.csat ?? "thumbs",
  };
}
