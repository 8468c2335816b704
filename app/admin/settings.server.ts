import prisma from "../db.server";
import { measureWidgetWeight } from "./extension-files.server";
import { settingsFromRow, type ShopSettings } from "./settings";
import { appearanceFromStored, type WidgetAppearance } from "./settings-appearance";
import { dataSettingsFromRow, type DataSettings } from "./settings-data";

const columns = { attributionWindowDays: true, attributionModel: true, holdoutPercent: true, consentMode: true } as const;

export async function readSettings(shopDomain: string): Promise<ShopSettings> {
  return settingsFromRow(await prisma.shop.findUnique({ where: { domain: shopDomain }, select: columns }));
}

/** Everything the settings page shows: the three forms' stored values and the widget's measured weight. */
export async function readSettingsPage(shopDomain: string) {
  const [row, weight] = await Promise.all([
    prisma.shop.findUnique({ where: { domain: shopDomain }, select: { ...columns, retentionDays: true, timeZone: true, widgetAppearance: true } }),
    measureWidgetWeight(),
  ]);
  return { settings: settingsFromRow(row), data: dataSettingsFromRow(row), appearance: appearanceFromStored(row?.widgetAppearance ?? null), weight };
}

/** Creates the shop row when the install hook has not yet (e.g. sessions restored from backup). */
export async function saveSettings(shopDomain: string, settings: ShopSettings): Promise<ShopSettings> {
  const row = await prisma.shop.upsert({ where: { domain: shopDomain }, create: { domain: shopDomain, ...settings }, update: settings, select: columns });
  return settingsFromRow(row);
}

export async function saveDataSettings(shopDomain: string, settings: DataSettings): Promise<DataSettings> {
  const row = await prisma.shop.upsert({ where: { domain: shopDomain }, create: { domain: shopDomain, ...settings }, update: settings, select: { retentionDays: true, timeZone: true } });
  return dataSettingsFromRow(row);
}

/**
 * Stored for the next widget publish, which carries it to the storefront (the config's
 * `appearance`); the theme editor's block settings apply until then.
 */
export async function saveAppearance(shopDomain: string, appearance: WidgetAppearance): Promise<WidgetAppearance> {
  const widgetAppearance = JSON.stringify(appearance);
  const row = await prisma.shop.upsert({ where: { domain: shopDomain }, create: { domain: shopDomain, widgetAppearance }, update: { widgetAppearance }, select: { widgetAppearance: true } });
  return appearanceFromStored(row.widgetAppearance);
}
