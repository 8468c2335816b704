/** The checklist's evidence, read for one shop: first event, published flow, HubSpot connection. */
import prisma from "../../db.server";
import { isHubSpotConnected } from "../../sync/connection.server";
import { appEmbedHandle } from "../settings/extension-files.server";
import { demoStorefrontOf, onboardingSteps, type OnboardingStep } from "./onboarding";

/** Polled every few seconds: ordered by occurredAt, which the (shopDomain, occurredAt) index serves. */
export async function firstEvent(shopDomain: string): Promise<{ type: string; at: string } | null> {
  const event = await prisma.chatEvent.findFirst({
    where: { shopDomain },
    orderBy: { occurredAt: "asc" },
    select: { type: true, occurredAt: true },
  });
  return event ? { type: event.type, at: event.occurredAt.toISOString() } : null;
}

/** A flow version exists only once a publish reached Shopify (it is written after metafieldsSet). */
async function flowPublished(shopDomain: string): Promise<boolean> {
  return (await prisma.flowVersion.findFirst({ where: { shopDomain }, select: { number: true } })) !== null;
}

export async function loadOnboarding(
  shopDomain: string,
  apiKey: string,
  env: Record<string, string | undefined> = process.env,
): Promise<OnboardingStep[]> {
  const [event, embedHandle, published, connected] = await Promise.all([
    firstEvent(shopDomain),
    appEmbedHandle(),
    flowPublished(shopDomain),
    isHubSpotConnected(shopDomain),
  ]);
  return onboardingSteps({
    shopDomain,
    apiKey,
    embedHandle,
    firstEvent: event,
    hubspotConnected: connected,
    flowPublished: published,
    demoStorefront: demoStorefrontOf(env),
  });
}
