/**
 * Which contact an email names, the way HubSpot decides it: a contact is found by its primary email
 * or by any of its secondary ones (`hs_additional_emails`, `;`-separated, filled when two contacts are
 * merged), and answers with its primary email. And the blocklist a GDPR delete leaves behind: every
 * email of the deleted contact, or the email asked for when HubSpot held no contact with it (HubSpot's
 * spec for POST /crm/v3/objects/contacts/gdpr-delete). HubSpot keeps a blocklisted email out of its UI
 * and imports; a form, a connected inbox or an API request may still bring the contact back.
 */
import type { CrmRecord, SandboxStore } from "./store";

export const ADDITIONAL_EMAILS = "hs_additional_emails";

export function secondaryEmailsOf(contact: CrmRecord): string[] {
  return (contact.properties[ADDITIONAL_EMAILS] ?? "")
    .split(";")
    .map((email) => email.trim().toLowerCase())
    .filter(Boolean);
}

/** The contact whose primary or secondary email this is. */
export function contactByEmail(store: SandboxStore, email: string): CrmRecord | undefined {
  const key = email.toLowerCase();
  const primary = store.contacts.get(key);
  if (primary) return primary;
  // Every new email of a batch upsert walks every contact: the ones without secondary emails (nearly all) are
  // passed over without splitting anything, or a 40,000-contact portal made the sandbox, not the rate limit,
  // the pace of a sync (2.7 ms per new email).
  for (const contact of store.contacts.values()) {
    const secondary = contact.properties[ADDITIONAL_EMAILS];
    if (secondary?.toLowerCase().includes(key) && secondaryEmailsOf(contact).includes(key)) return contact;
  }
  return undefined;
}

/**
 * Merges `mergedEmail`'s contact into `primaryEmail`'s, as HubSpot's merge does: one contact stays, with the
 * primary's email and values (the merged one's fill the gaps), the merged contact's emails as secondary ones,
 * and the merged contact's associations.
 */
export function mergeContacts(store: SandboxStore, primaryEmail: string, mergedEmail: string, at: string): CrmRecord {
  const primary = store.contacts.get(primaryEmail.toLowerCase());
  const merged = store.contacts.get(mergedEmail.toLowerCase());
  if (!primary || !merged || primary === merged)
    throw new Error(`sandbox: cannot merge ${mergedEmail} into ${primaryEmail}: two distinct contacts are needed`);
  const secondary = [
    ...new Set([...secondaryEmailsOf(primary), merged.properties.email ?? "", ...secondaryEmailsOf(merged)]),
  ].filter(Boolean);
  primary.properties = {
    ...merged.properties,
    ...primary.properties,
    email: primary.properties.email ?? primaryEmail.toLowerCase(),
    [ADDITIONAL_EMAILS]: secondary.join(";"),
  };
  primary.updatedAt = at;
  store.contacts.delete(mergedEmail.toLowerCase());
  for (const association of store.associations) {
    if (association.fromType === "contacts" && association.fromId === merged.id) association.fromId = primary.id;
    if (association.toType === "contacts" && association.toId === merged.id) association.toId = primary.id;
  }
  return primary;
}

/** Puts emails on the portal's GDPR blocklist (kept once each, with when they were first put there). */
export function blocklist(store: SandboxStore, emails: string[], at: string): void {
  for (const email of emails) {
    const key = email.toLowerCase();
    if (key && !store.gdprBlocklist.some((entry) => entry.email === key)) store.gdprBlocklist.push({ email: key, at });
  }
}
