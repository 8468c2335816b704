/**
 * Why: nothing is exported for a visitor without analytics consent, and ChatLift does not ask for
 * consent itself: Shopify's pixel manager loads the ChatLift pixel only when the visitor allowed
 * analytics, and the pixel's verified link reports the choice (and the GA client id it could read)
 * for the chat session. A later link with consent withdrawn stops the export for that session.
 */
import prisma from "../../db.server";

export interface ConsentReport {
  analytics: boolean;
  marketing: boolean;
  /** From the storefront's `_ga` cookie ("GA1.1.123.456" → "123.456"), when the pixel could read it. */
  gaClientId: string | null;
}

/** GA's cookie holds the client id after its version and domain-depth fields. */
export function gaClientIdFromCookie(cookie: string | null | undefined): string | null {
  const match = /^GA\d\.\d+\.(\d{1,20}\.\d{1,20})$/.exec(cookie?.trim() ?? "");
  return match?.[1] ?? null;
}

export async function recordAnalyticsConsent(
  shopDomain: string,
  sessionId: string,
  report: ConsentReport,
  now = new Date(),
): Promise<void> {
  const fields = {
    analytics: report.analytics,
    marketing: report.marketing,
    gaClientId: report.gaClientId,
    recordedAt: now,
  };
  await prisma.analyticsConsent.upsert({
    where: { shopDomain_sessionId: { shopDomain, sessionId } },
    create: { shopDomain, sessionId, ...fields },
    update: fields,
  });
}
