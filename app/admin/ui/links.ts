/** Links from ChatLift's pages into Shopify admin, built from the shop's myshopify domain. */

/** "harbor-supply.myshopify.com" → "harbor-supply": the store handle admin.shopify.com uses. */
export function storeHandle(shopDomain: string): string {
  return shopDomain.replace(/\.myshopify\.com$/i, "");
}

/** The numeric part of a gid ("gid://shopify/Order/5001" → "5001"); null when it has none. */
export function numericId(gid: string): string | null {
  const match = /\/(\d+)$/.exec(gid) ?? /^(\d+)$/.exec(gid);
  return match ? (match[1] as string) : null;
}

export function orderAdminUrl(shopDomain: string, orderGid: string): string | null {
  const id = numericId(orderGid);
  return id ? `https://admin.shopify.com/store/${encodeURIComponent(storeHandle(shopDomain))}/orders/${id}` : null;
}

/**
 * Opens the theme editor with the app embed switched on, ready to save. App embeds are off
 * after install, so without this the widget never shows.
 */
export function appEmbedDeepLink(shopDomain: string, apiKey: string, blockHandle: string): string {
  return `https://${shopDomain}/admin/themes/current/editor?context=apps&activateAppId=${encodeURIComponent(apiKey)}/${encodeURIComponent(blockHandle)}`;
}
