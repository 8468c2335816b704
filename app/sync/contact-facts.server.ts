/** A stored lead as the facts its HubSpot contact is written from, the routing rules' choices included. */
import type { Lead } from "../db.server";
import { readRoutedProperties } from "../routing/routed-fields";
import type { ContactFacts } from "./contact-facts";
import { consentOf } from "./outbox.server";

export function factsOf(lead: Lead): ContactFacts {
  const properties = readRoutedProperties(lead.routedProperties);
  const routed = {
    ...(lead.routedLifecycleStage ? { lifecycleStage: lead.routedLifecycleStage } : {}),
    ...(lead.routedLeadStatus ? { leadStatus: lead.routedLeadStatus } : {}),
    ...(lead.hubspotOwnerId ? { ownerId: lead.hubspotOwnerId } : {}),
    ...(Object.keys(properties).length ? { properties } : {}),
  };
  return {
    email: lead.email,
    consent: { state: consentOf(lead), at: lead.consentAt },
    intentScore: lead.intentScore,
    microConversions: { count: lead.microConversionCount },
    lastPage: lead.lastPagePath ?? undefined,
    productInterest: lead.productInterest ? [lead.productInterest] : undefined,
    ...(Object.keys(routed).length ? { routed } : {}),
    observedAt: lead.updatedAt,
  };
}
