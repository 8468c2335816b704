import prisma from "../../db.server";
import { forgetShopSessions } from "./offline-session-cache.server";

/**
 * The merchant removed the app. Its offline token is now revoked, so the shop's sessions are
 * deleted; the shop's data stays until shop/redact (48 hours later) because a reinstall in
 * between must find its settings again.
 */
export async function recordUninstall(shopDomain: string, at: Date = new Date()): Promise<{ sessionsDeleted: number }> {
  // Before and after: a proxy request loading the session meanwhile must not keep it cached.
  forgetShopSessions(shopDomain);
  const [sessions] = await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop: shopDomain } }),
    prisma.shop.updateMany({ where: { domain: shopDomain }, data: { uninstalledAt: at } }),
  ]);
  forgetShopSessions(shopDomain);
  return { sessionsDeleted: sessions.count };
}

/** Called after OAuth: (re)install clears a previous uninstall mark. */
export async function recordInstall(shopDomain: string, at: Date = new Date()): Promise<void> {
  await prisma.shop.upsert({
    where: { domain: shopDomain },
    create: { domain: shopDomain, installedAt: at },
    update: { installedAt: at, uninstalledAt: null },
  });
}
