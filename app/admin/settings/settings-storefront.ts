/**
 * Settings the storefront reads (the holdout %, the launcher's look, and the Knowledge page's
 * answers switch) travel in the published widget config. After a save, the widget config is republished when the storefront's copy is
 * behind; a refused publish never undoes the save, it only tells the merchant why the storefront
 * still shows the old settings.
 */
import { refusalOf } from "../../flows/refusals";
import type { WidgetAppearanceConfig } from "../../../contract/widget-config";

export const SETTINGS_PUBLISH_REASON = "Settings changed";
export const ANSWERS_PUBLISH_REASON = "Answer settings changed";

/** What happened to the storefront after a settings save. */
export type StorefrontUpdate =
  /** The widget config was republished with the new settings. */
  | { status: "updated" }
  /** Nothing published yet: the first published flow carries the settings. */
  | { status: "not_published" }
  /** The storefront already has these settings (e.g. only the attribution window changed). */
  | { status: "unchanged" }
  | { status: "failed"; reason: string };

export interface StorefrontSettings {
  holdoutPercent: number;
  appearance: WidgetAppearanceConfig | null;
  answersEnabled: boolean;
}

function sameAppearance(published: unknown, wanted: WidgetAppearanceConfig | null): boolean {
  if (!published || typeof published !== "object") return wanted === null;
  if (!wanted) return false;
  const { accent, side, launcher } = published as Partial<WidgetAppearanceConfig>;
  const labels = (texts: Record<string, string> | undefined) =>
    JSON.stringify(Object.entries(texts ?? {}).sort(([a], [b]) => a.localeCompare(b)));
  return accent === wanted.accent && side === wanted.side && labels(launcher) === labels(wanted.launcher);
}

/** Whether the last published config (parsed JSON) lacks the settings the shop has now. */
export function storefrontIsBehind(published: unknown, wanted: StorefrontSettings): boolean {
  if (!published || typeof published !== "object") return true;
  const config = published as { holdoutPercent?: unknown; appearance?: unknown; answers?: { enabled?: unknown } };
  // A config published before the answers switch existed shows the question box: it counts as on.
  const answersEnabled = config.answers?.enabled ?? true;
  return (
    config.holdoutPercent !== wanted.holdoutPercent ||
    !sameAppearance(config.appearance, wanted.appearance) ||
    answersEnabled !== wanted.answersEnabled
  );
}

/** The merchant's sentence for a failed republish (a refusal quotes Shopify's own words). */
export function republishFailure(error: unknown): StorefrontUpdate {
  const refusal = refusalOf(error);
  return {
    status: "failed",
    reason: refusal
      ? refusal.message
      : `The storefront was not updated: ${error instanceof Error ? error.message : String(error)}.`,
  };
}
