/**
 * Why: the ChatLift pixel sees checkouts complete (and knows the visitor's consent) where the cart
 * attribute may have been lost, but its requests are unsigned. A link is accepted only with a token
 * the app issued to the chat session through the signed app proxy; one token links one order (the
 * same link again is answered as done, another order with it is a replay and is refused); nothing
 * is stored for a shop that is not installed; each token and shop is rate-limited. The order is
 * credited by attribution's "checkout linked by the pixel" rule once its webhook has arrived.
 */
import prisma from "../../db.server";
import { attributeStoredOrder } from "../../attribution/attribute-order.server";
import { isInstalled } from "../../platform/shops/installed-shops.server";
import { bucketPair } from "../../platform/storefront/shared-buckets.server";
import { PIXEL_TOKEN_TTL_MS, type PixelLinkRequest, type PixelTokenRequest } from "../../../contract/pixel-link";
import { pixelTokenKey, signPixelToken, tokenHash, verifyPixelToken } from "./pixel-token";
import { gaClientIdFromCookie, recordAnalyticsConsent } from "./consent.server";

export type LinkOutcome =
  | { status: "linked" | "already_linked" | "consent_recorded" }
  | { status: "refused"; code: 401 | 404 | 409 | 429; reason: string; retryAfterS?: number };

/** A browser sends a consent link per page and one checkout link: a token past this is a script. */
const limits = bucketPair("pixel-links", { burst: 30, perSecond: 0.5 }, { burst: 3000, perSecond: 300 });

function key(): Buffer {
  const secret = process.env.SHOPIFY_API_SECRET;
  if (!secret) throw new Error("SHOPIFY_API_SECRET is not set: pixel links cannot be signed or checked");
  return pixelTokenKey(secret);
}

/** Shopify's pixel gives the order's numeric id (or its gid); orders are stored by gid. */
export function orderGid(id: string): string | null {
  const digits = /^(?:gid:\/\/shopify\/Order\/)?(\d{1,20})$/.exec(id.trim());
  return digits ? `gid://shopify/Order/${digits[1]}` : null;
}

/** A token for the chat session, issued to a request the app proxy signed for `shopDomain`. */
export function issuePixelToken(shopDomain: string, request: PixelTokenRequest, now = new Date()) {
  const token = signPixelToken({ shop: shopDomain, ...request, issuedAt: now.getTime() }, key());
  return { token, expiresAt: new Date(now.getTime() + PIXEL_TOKEN_TTL_MS).toISOString() };
}

export async function receivePixelLink(link: PixelLinkRequest, now = new Date()): Promise<LinkOutcome> {
  const hash = tokenHash(link.token);
  const admission = await limits.admit(link.shop, hash, 1, now.getTime());
  if (!admission.ok)
    return { status: "refused", code: 429, reason: "too many links", retryAfterS: admission.retryAfterS };
  const check = verifyPixelToken(link.token, link.shop, key(), now.getTime());
  if (!check.ok) return { status: "refused", code: 401, reason: `token ${check.reason.replace("_", " ")}` };
  if (!(await isInstalled(link.shop))) return { status: "refused", code: 404, reason: "shop not installed" };
  const { sessionId } = check.claims;

  await recordAnalyticsConsent(link.shop, sessionId, {
    analytics: link.consent.analytics,
    marketing: link.consent.marketing,
    gaClientId: gaClientIdFromCookie(link.ga),
  });
  if (link.kind === "consent") return { status: "consent_recorded" };

  const orderId = link.orderId ? orderGid(link.orderId) : null;
  if (!orderId) return { status: "refused", code: 409, reason: "checkout_completed without an order id" };
  const [byToken, byOrder] = await Promise.all([
    prisma.pixelLink.findUnique({ where: { shopDomain_tokenHash: { shopDomain: link.shop, tokenHash: hash } } }),
    prisma.pixelLink.findUnique({ where: { shopDomain_orderId: { shopDomain: link.shop, orderId } } }),
  ]);
  if (byToken?.orderId === orderId) return { status: "already_linked" };
  if (byToken) return { status: "refused", code: 409, reason: "token already linked another order (replayed)" };
  if (byOrder) return { status: "refused", code: 409, reason: "order already linked to another chat" };
  try {
    await prisma.pixelLink.create({
      data: {
        shopDomain: link.shop,
        orderId,
        sessionId,
        tokenHash: hash,
        checkoutToken: link.checkoutToken ?? null,
        linkedAt: now,
      },
    });
  } catch (error) {
    // Two deliveries of one link at once: the other one stored it.
    if ((error as { code?: string }).code === "P2002") return { status: "already_linked" };
    throw error;
  }
  // The order's webhook may have come first: credit it again now that the pixel names its chat.
  await attributeStoredOrder(orderId, now);
  return { status: "linked" };
}

/** Tests: forget this process's rate-limit buckets. */
export function resetPixelLinkLimits(): void {
  limits.forgetLocal();
}
