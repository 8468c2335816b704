/**
 * A shop exporting to the GA4 and Mixpanel stand-ins, consented sessions and stored events for the
 * export's integration tests: one copy of the set-up the export tests share. Saving a destination
 * needs ENCRYPTION_KEY (the test file sets it).
 */
import { randomUUID } from "node:crypto";
import prisma from "../../../app/db.server";
import { sessionStorage } from "../../../app/shopify.server";
import { saveDestination } from "../../../app/analytics/export/destinations.server";
import { recordAnalyticsConsent } from "../../../app/analytics/export/consent.server";
import { registerExportJobs } from "../../../app/analytics/export/export-job.server";
import { drainJobs } from "../../../app/platform/jobs/runner.server";
import { anOfflineSession } from "./sessions";

/** A new installed shop with both destinations enabled against the given stand-ins. */
export async function aShopExportingTo(
  shop: string,
  urls: { ga4: string; mixpanel: string },
  token = "sandbox-project-token",
): Promise<string> {
  await sessionStorage().storeSession(anOfflineSession(shop));
  await prisma.shop.create({ data: { domain: shop } });
  await saveDestination(shop, "ga4", {
    enabled: true,
    measurementId: "G-CHATLIFT1",
    secret: "sandbox-secret",
    baseUrl: urls.ga4,
  });
  await saveDestination(shop, "mixpanel", { enabled: true, secret: token, baseUrl: urls.mixpanel });
  return shop;
}

/** Runs the export jobs as the runner would at `at`. */
export async function runExportsAt(at: Date): Promise<void> {
  registerExportJobs(() => at);
  await drainJobs({ now: () => at });
}

/** A chat session whose visitor gave analytics consent (as the pixel reports it). */
export async function aConsentedSession(shop: string, sessionId: string, at: Date): Promise<void> {
  await prisma.chatSession.create({
    data: {
      shopDomain: shop,
      id: sessionId,
      visitorId: `visitor_${sessionId}`,
      arm: "treatment",
      startedAt: at,
      lastSeenAt: at,
    },
  });
  await recordAnalyticsConsent(shop, sessionId, { analytics: true, marketing: false, gaClientId: null });
}

/** A stored step view, as ingest writes it: when it happened and when the app received it. */
export function aStepViewed(shop: string, sessionId: string, at: { occurredAt: Date; receivedAt: Date }) {
  return {
    shopDomain: shop,
    id: randomUUID(),
    sessionId,
    type: "step_viewed",
    flowId: "size-help",
    stepId: "size",
    occurredAt: at.occurredAt,
    receivedAt: at.receivedAt,
  };
}
