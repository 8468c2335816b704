/**
 * Which leads may leave the shop for HubSpot, per the shop's consent setting. A withdrawn
 * consent always stays home, whatever the mode.
 *
 * - `opt_in`: only leads that gave marketing consent in chat (the default; what GDPR asks for
 *   marketing use).
 * - `notice`: every lead that left an email after being shown the privacy notice, unless they
 *   withdrew (for shops whose legal basis is legitimate interest).
 */
import type { ContactFacts } from "./contact-facts";

export const CONSENT_MODES = ["opt_in", "notice"] as const;
export type ConsentMode = (typeof CONSENT_MODES)[number];

export function mayLeaveShop(lead: Pick<ContactFacts, "consent">, mode: ConsentMode): boolean {
  if (lead.consent.state === "withdrawn") return false;
  return mode === "notice" || lead.consent.state === "granted";
}

export function splitByConsent<T extends Pick<ContactFacts, "consent">>(
  leads: T[],
  mode: ConsentMode,
): { allowed: T[]; withheld: T[] } {
  const allowed: T[] = [];
  const withheld: T[] = [];
  for (const lead of leads) (mayLeaveShop(lead, mode) ? allowed : withheld).push(lead);
  return { allowed, withheld };
}
