/**
 * Contacts to HubSpot: updates coalesced per email, batches of at most 100 distinct emails, bad
 * records isolated. No database here: the worker hands in what it claimed and records the
 * outcome (delivered → done with the HubSpot id, rejected → parked with HubSpot's message,
 * deferred → retried per retry-policy.ts).
 */
import { CrmPartialBatch, type CrmError, type CrmPort, type UpsertedContact } from "../integrations/hubspot/crm-port";
import { coalesceByEmail, toBatches, type CoalescedContact } from "./coalesce";
import type { ContactUpdate } from "./contact-properties";
import { deliverIsolating } from "./isolate";

export const MAX_CONTACTS_PER_BATCH = 100;

export type ContactSyncResult<Source> = {
  delivered: Array<{ contact: CoalescedContact<Source>; hubspot: UpsertedContact }>;
  rejected: Array<{ contact: CoalescedContact<Source>; error: CrmError }>;
  deferred: Array<{ contacts: CoalescedContact<Source>[]; error: CrmError }>;
  calls: number;
};

export async function syncContacts<Source extends ContactUpdate>(
  crm: Pick<CrmPort, "upsertContacts">,
  updates: Source[],
  options: { concurrency?: number; batchSize?: number } = {},
): Promise<ContactSyncResult<Source>> {
  const batches = toBatches(
    coalesceByEmail(updates),
    (contact) => contact.email,
    options.batchSize ?? MAX_CONTACTS_PER_BATCH,
  );
  const result: ContactSyncResult<Source> = { delivered: [], rejected: [], deferred: [], calls: 0 };
  let next = 0;
  // Several batches in flight: the adapter's limiter, not this loop, decides the pace.
  async function lane(): Promise<void> {
    while (next < batches.length) {
      const batch = batches[next++] as CoalescedContact<Source>[];
      const outcome = await deliverIsolating(batch, async (part) => {
        const paired = (hubspot: UpsertedContact, index: number) => ({
          contact: part[index] as CoalescedContact<Source>,
          hubspot,
        });
        try {
          const answers = await crm.upsertContacts(part.map(({ email, properties }) => ({ email, properties })));
          return answers.map(paired);
        } catch (error) {
          if (!(error instanceof CrmPartialBatch)) throw error;
          const delivered = (error as CrmPartialBatch<UpsertedContact>).delivered.map(({ index, result }) => ({
            index,
            result: paired(result, index),
          }));
          throw new CrmPartialBatch(delivered, error.refused);
        }
      });
      result.calls += outcome.calls;
      result.delivered.push(...outcome.delivered);
      result.rejected.push(...outcome.rejected.map(({ item, error }) => ({ contact: item, error })));
      if (outcome.deferred) result.deferred.push({ contacts: outcome.deferred.items, error: outcome.deferred.error });
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, lane));
  return result;
}
