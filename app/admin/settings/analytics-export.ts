/**
 * Why: the merchant's GA4 and Mixpanel settings arrive as a form; a wrong measurement id or an
 * empty key must come back beside its field with nothing saved, and a saved secret is never sent
 * back (an empty secret field keeps it).
 */
import { z } from "zod";

export const MIXPANEL_REGIONS = {
  us: "https://api.mixpanel.com",
  eu: "https://api-eu.mixpanel.com",
  in: "https://api-in.mixpanel.com",
} as const;
export type MixpanelRegion = keyof typeof MIXPANEL_REGIONS;

export type ExportForm = Record<"kind" | "enabled" | "measurementId" | "secret" | "region", string>;

export type ParsedExportForm =
  | {
      ok: true;
      kind: "ga4" | "mixpanel";
      input: { enabled: boolean; measurementId?: string; secret: string | null; baseUrl?: string };
    }
  | { ok: false; fieldErrors: Partial<Record<keyof ExportForm, string>>; values: ExportForm };

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

/** `hasSecret`: a secret is already saved for this destination, so an empty field keeps it. */
export function parseExportForm(form: Record<string, unknown>, hasSecret: boolean): ParsedExportForm {
  const values: ExportForm = {
    kind: text(form.kind),
    enabled: text(form.enabled),
    measurementId: text(form.measurementId).toUpperCase(),
    secret: text(form.secret),
    region: text(form.region) || "us",
  };
  const fieldErrors: Partial<Record<keyof ExportForm, string>> = {};
  const kind = z.enum(["ga4", "mixpanel"]).safeParse(values.kind);
  if (!kind.success) fieldErrors.kind = "Choose GA4 or Mixpanel";
  if (kind.data === "ga4" && !/^G-[A-Z0-9]{4,20}$/.test(values.measurementId))
    fieldErrors.measurementId = "A GA4 measurement id looks like G-XXXXXXXXXX (Admin → Data streams)";
  if (!values.secret && !hasSecret)
    fieldErrors.secret =
      kind.data === "ga4"
        ? "Paste a Measurement Protocol API secret (Admin → Data streams → your stream)"
        : "Paste the project token (Project settings → Access keys)";
  if (/\s/.test(values.secret)) fieldErrors.secret = "A key has no spaces";
  if (kind.data === "mixpanel" && !(values.region in MIXPANEL_REGIONS))
    fieldErrors.region = "Choose the region your project's data lives in";
  if (!kind.success || Object.keys(fieldErrors).length)
    return { ok: false, fieldErrors, values: { ...values, secret: "" } };
  const enabled = values.enabled === "true" || values.enabled === "on";
  return kind.data === "ga4"
    ? { ok: true, kind: "ga4", input: { enabled, measurementId: values.measurementId, secret: values.secret || null } }
    : {
        ok: true,
        kind: "mixpanel",
        input: { enabled, secret: values.secret || null, baseUrl: MIXPANEL_REGIONS[values.region as MixpanelRegion] },
      };
}
