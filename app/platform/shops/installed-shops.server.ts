/**
 * Whether a shop is installed, for the storefront's app-proxy routes (events, answers). The
 * proxy's offline session already proves the install (uninstalling deletes it), so this look-up
 * only guards against a shop row marked uninstalled while a session lingers, and is remembered
 * for a few seconds rather than costing a query on every request.
 */
import prisma from "../../db.server";

const INSTALLED_TTL_MS = 10_000;
const installed = new Map<string, number>();

export async function isInstalled(shopDomain: string): Promise<boolean> {
  const now = Date.now();
  if ((installed.get(shopDomain) ?? 0) > now) return true;
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { uninstalledAt: true } });
  const ok = shop !== null && shop.uninstalledAt === null;
  if (ok) {
    if (installed.size > 10_000) installed.clear();
    installed.set(shopDomain, now + INSTALLED_TTL_MS);
  } else installed.delete(shopDomain);
  return ok;
}

/** For tests and benchmarks that replay traffic across installs and uninstalls. */
export function forgetInstalledShops(): void {
  installed.clear();
}
