import prisma from "../../db.server";
import { publishShop } from "../../flows/publish.server";
import { refusalOf } from "../../flows/refusals";
import type { AdminGraphql } from "../../integrations/shopify/widget-config.server";
import { measureWidgetWeight } from "./extension-files.server";
import { settingsFromRow, type ShopSettings } from "./settings";
import { appearanceForWidgetConfig, appearanceFromStored, type WidgetAppearance } from "../../flows/appearance";
import {
  republishFailure,
  SETTINGS_PUBLISH_REASON,
  storefrontIsBehind,
  type StorefrontUpdate,
} from "./settings-storefront";
import { dataSettingsFromRow, type DataSettings } from "./settings-data";
import { recentDeadLetters } from "../../platform/jobs/dead-letters.server";
import { listDataRequests } from "../../privacy/data-request.server";

const columns = {
  attributionWindowDays: true,
  attributionModel: true,
  holdoutPercent: true,
  consentMode: true,
} as const;

export async function readSettings(shopDomain: string): Promise<ShopSettings> {
  return settingsFromRow(await prisma.shop.findUnique({ where: { domain: shopDomain }, select: columns }));
}

/**
 * Everything the settings page shows: the three forms' stored values, the widget's measured weight,
 * the webhooks Shopify sent that could not be read and the customers' data requests to answer.
 */
export async function readSettingsPage(shopDomain: string) {
  const [row, weight, deadLetters, dataRequests] = await Promise.all([
    prisma.shop.findUnique({
      where: { domain: shopDomain },
      select: { ...columns, retentionDays: true, timeZone: true, widgetAppearance: true },
    }),
    measureWidgetWeight(),
    recentDeadLetters(shopDomain),
    listDataRequests(shopDomain),
  ]);
  return {
    settings: settingsFromRow(row),
    data: dataSettingsFromRow(row),
    appearance: appearanceFromStored(row?.widgetAppearance ?? null),
    weight,
    deadLetters,
    dataRequests,
  };
}

/** Creates the shop row when the install hook has not yet (e.g. sessions restored from backup). */
export async function saveSettings(shopDomain: string, settings: ShopSettings): Promise<ShopSettings> {
  const row = await prisma.shop.upsert({
    where: { domain: shopDomain },
    create: { domain: shopDomain, ...settings },
    update: settings,
    select: columns,
  });
  return settingsFromRow(row);
}

export async function saveDataSettings(shopDomain: string, settings: DataSettings): Promise<DataSettings> {
  const row = await prisma.shop.upsert({
    where: { domain: shopDomain },
    create: { domain: shopDomain, ...settings },
    update: settings,
    select: { retentionDays: true, timeZone: true },
  });
  return dataSettingsFromRow(row);
}

/**
 * Stored for the widget publish, which carries it to the storefront (the config's
 * `appearance`); the theme editor's block settings apply until the first one.
 */
export async function saveAppearance(shopDomain: string, appearance: WidgetAppearance): Promise<WidgetAppearance> {
  const widgetAppearance = JSON.stringify(appearance);
  const row = await prisma.shop.upsert({
    where: { domain: shopDomain },
    create: { domain: shopDomain, widgetAppearance },
    update: { widgetAppearance },
    select: { widgetAppearance: true },
  });
  return appearanceFromStored(row.widgetAppearance);
}

/**
 * Republishes the widget config when the storefront's copy (the shop's last publication) lacks
 * the holdout %, appearance or answers switch now stored. A shop that never published has nothing
 * on its storefront to update: its first published flow carries the settings. The Knowledge page's
 * answers switch comes through here too, with its own reason.
 */
export async function republishForSettings(
  graphql: AdminGraphql,
  shopDomain: string,
  reason = SETTINGS_PUBLISH_REASON,
): Promise<StorefrontUpdate> {
  const [last, shop] = await Promise.all([
    prisma.widgetPublication.findFirst({
      where: { shopDomain },
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      select: { config: true },
    }),
    prisma.shop.findUnique({
      where: { domain: shopDomain },
      select: { holdoutPercent: true, widgetAppearance: true, answersEnabled: true },
    }),
  ]);
  if (!last || !shop) return { status: "not_published" };
  const wanted = {
    holdoutPercent: shop.holdoutPercent,
    appearance: appearanceForWidgetConfig(shop.widgetAppearance),
    answersEnabled: shop.answersEnabled,
  };
  if (!storefrontIsBehind(JSON.parse(last.config), wanted)) return { status: "unchanged" };
  try {
    await publishShop(graphql, { shopDomain, reason });
    return { status: "updated" };
  } catch (error) {
    // The settings stay saved either way: saving them again retries the publish.
    if (!refusalOf(error)) console.error(`[settings] republish for ${shopDomain} failed`, error);
    return republishFailure(error);
  }
}

export async function saveSettingsAndRepublish(graphql: AdminGraphql, shopDomain: string, settings: ShopSettings) {
  const saved = await saveSettings(shopDomain, settings);
  return { settings: saved, storefront: await republishForSettings(graphql, shopDomain) };
}

export async function saveAppearanceAndRepublish(
  graphql: AdminGraphql,
  shopDomain: string,
  appearance: WidgetAppearance,
) {
  const saved = await saveAppearance(shopDomain, appearance);
  return { appearance: saved, storefront: await republishForSettings(graphql, shopDomain) };
}
