/**
 * Why: the merchant's availability (business hours, the "I'm online" switch, the wait before the email
 * offer, the promised answer time) is read on every handoff request and written from the Conversations
 * page; a shop that never set it has no hours and the switch off, so every handoff starts offline.
 */
import prisma from "../db.server";
import { businessHoursSchema, ONLINE_FOR_MS, type Availability, type BusinessHours } from "./availability";

export const DEFAULT_AVAILABILITY: Availability = {
  onlineUntil: null,
  hours: null,
  waitSeconds: 120,
  replyWithinHours: 24,
};

/** Stored hours that no longer parse (hand-edited) count as none: the switch still works. */
function hoursOf(stored: string | null): BusinessHours | null {
  if (!stored) return null;
  try {
    const parsed = businessHoursSchema.safeParse(JSON.parse(stored));
    return parsed.success ? (parsed.data as BusinessHours) : null;
  } catch {
    return null;
  }
}

export async function readAvailability(
  shopDomain: string,
): Promise<{ availability: Availability; timeZone: string; currency: string }> {
  const [settings, shop] = await Promise.all([
    prisma.handoffSettings.findUnique({ where: { shopDomain } }),
    prisma.shop.findUnique({ where: { domain: shopDomain }, select: { timeZone: true, currency: true } }),
  ]);
  return {
    timeZone: shop?.timeZone ?? "UTC",
    // The offers' amounts are typed in it.
    currency: shop?.currency ?? "USD",
    availability: settings
      ? {
          onlineUntil: settings.onlineUntil?.getTime() ?? null,
          hours: hoursOf(settings.businessHours),
          waitSeconds: settings.waitSeconds,
          replyWithinHours: settings.replyWithinHours,
        }
      : DEFAULT_AVAILABILITY,
  };
}

/** The switch: on for ONLINE_FOR_MS from `now`, or off. */
export async function setOnline(shopDomain: string, online: boolean, now: number): Promise<void> {
  const onlineUntil = online ? new Date(now + ONLINE_FOR_MS) : null;
  await prisma.handoffSettings.upsert({
    where: { shopDomain },
    create: { shopDomain, onlineUntil },
    update: { onlineUntil },
  });
}

export interface AvailabilityForm {
  hours: BusinessHours;
  waitSeconds: number;
  replyWithinHours: number;
}

export async function saveAvailability(shopDomain: string, form: AvailabilityForm): Promise<void> {
  const businessHours = Object.values(form.hours).some((spans) => spans?.length) ? JSON.stringify(form.hours) : null;
  const fields = { businessHours, waitSeconds: form.waitSeconds, replyWithinHours: form.replyWithinHours };
  await prisma.handoffSettings.upsert({ where: { shopDomain }, create: { shopDomain, ...fields }, update: fields });
}
