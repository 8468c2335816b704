/**
 * A lead's facts as HubSpot contact properties (all strings, as HubSpot takes them). Facts ChatLift
 * does not know are left out rather than sent empty: an empty string would erase what the merchant
 * or another integration wrote.
 */
import { CONTACT_PROPERTY } from "./chatlift-properties";
import type { ContactUpsert, CrmProperties } from "../integrations/hubspot/crm-port";
import type { ContactFacts } from "./contact-facts";

const MAX_TEXT = 1000;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function number(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

export function contactPropertiesFor(lead: ContactFacts): CrmProperties {
  const properties: CrmProperties = {};
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== "") properties[name] = value;
  };
  // The rules' fixed values first: ChatLift's own properties below are never theirs to overwrite.
  for (const [name, value] of Object.entries(lead.routed?.properties ?? {})) set(name, value);
  set("lifecyclestage", lead.routed?.lifecycleStage);
  set("hs_lead_status", lead.routed?.leadStatus);
  set("hubspot_owner_id", lead.routed?.ownerId);
  if (lead.intentScore !== undefined)
    set(CONTACT_PROPERTY.intentScore, String(Math.round(Math.min(100, Math.max(0, lead.intentScore)))));
  if (lead.microConversions) {
    set(CONTACT_PROPERTY.microConversionCount, String(lead.microConversions.count));
    set(CONTACT_PROPERTY.lastMicroConversion, lead.microConversions.lastKind);
    set(CONTACT_PROPERTY.lastMicroConversionAt, lead.microConversions.lastAt?.toISOString());
  }
  set(CONTACT_PROPERTY.firstChatAt, lead.firstChatAt?.toISOString());
  set(CONTACT_PROPERTY.lastChatAt, lead.lastChatAt?.toISOString());
  set(CONTACT_PROPERTY.lastPage, lead.lastPage?.slice(0, MAX_TEXT));
  if (lead.productInterest?.length)
    set(CONTACT_PROPERTY.productInterest, lead.productInterest.join("; ").slice(0, MAX_TEXT));
  if (lead.attributedRevenue !== undefined) set(CONTACT_PROPERTY.attributedRevenue, number(lead.attributedRevenue));
  if (lead.consent.state !== "none") {
    set(CONTACT_PROPERTY.consent, lead.consent.state);
    set(CONTACT_PROPERTY.consentAt, lead.consent.at?.toISOString());
  }
  return properties;
}

export type ContactUpdate = ContactUpsert & { observedAt: Date };

export function contactUpdateFor(lead: ContactFacts): ContactUpdate {
  return { email: normalizeEmail(lead.email), properties: contactPropertiesFor(lead), observedAt: lead.observedAt };
}
