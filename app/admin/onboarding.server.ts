import prisma from "../db.server";
import { appEmbedHandle } from "./extension-files.server";
import { onboardingSteps, type OnboardingStep } from "./onboarding";

/** Polled every few seconds: ordered by occurredAt, which the (shopDomain, occurredAt) index serves. */
export async function firstEvent(shopDomain: string): Promise<{ type: string; at: string } | null> {
  const event = await prisma.chatEvent.findFirst({ where: { shopDomain }, orderBy: { occurredAt: "asc" }, select: { type: true, occurredAt: true } });
  return event ? { type: event.type, at: event.occurredAt.toISOString() } : null;
}

/**
 * Flows and HubSpot connections have no table yet (their steps are on the way): until then
 * those steps say "unknown" instead of pretending either way.
 */
export async function loadOnboarding(shopDomain: string, apiKey: string): Promise<OnboardingStep[]> {
  const [event, embedHandle] = await Promise.all([firstEvent(shopDomain), appEmbedHandle()]);
  return onboardingSteps({ shopDomain, apiKey, embedHandle, firstEvent: event, hubspotConnected: null, flowPublished: null });
}
