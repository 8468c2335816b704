import prisma from "../db.server";
import { settingsFromRow, type ShopSettings } from "./settings";

const columns = { attributionWindowDays: true, attributionModel: true, holdoutPercent: true, consentMode: true } as const;

export async function readSettings(shopDomain: string): Promise<ShopSettings> {
  return settingsFromRow(await prisma.shop.findUnique({ where: { domain: shopDomain }, select: columns }));
}

/** Creates the shop row when the install hook has not yet (e.g. sessions restored from backup). */
export async function saveSettings(shopDomain: string, settings: ShopSettings): Promise<ShopSettings> {
  const row = await prisma.shop.upsert({ where: { domain: shopDomain }, create: { domain: shopDomain, ...settings }, update: settings, select: columns });
  return settingsFromRow(row);
}
