/**
 * Many updates to one email become one upsert: HubSpot refuses a batch that names an email
 * twice, and sending each change separately would waste calls. Property by property, the later
 * observation wins; every source update is kept so each can be marked done.
 */
import { normalizeEmail, type ContactUpdate } from "./contact-properties";

export type CoalescedContact<Source> = ContactUpdate & { sources: Source[] };

export function coalesceByEmail<Source extends ContactUpdate>(updates: Source[]): CoalescedContact<Source>[] {
  const ordered = [...updates].sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());
  const byEmail = new Map<string, CoalescedContact<Source>>();
  for (const update of ordered) {
    const email = normalizeEmail(update.email);
    const current = byEmail.get(email);
    if (!current) {
      byEmail.set(email, {
        email,
        properties: { ...update.properties },
        observedAt: update.observedAt,
        sources: [update],
      });
      continue;
    }
    current.properties = { ...current.properties, ...update.properties };
    current.observedAt = update.observedAt;
    current.sources.push(update);
  }
  return [...byEmail.values()];
}

/**
 * Batches of at most `size`, never holding the same key twice (a repeated key moves to a later
 * batch), in input order otherwise.
 */
export function toBatches<T>(items: T[], keyOf: (item: T) => string, size = 100): T[][] {
  if (size < 1) throw new Error(`batch size must be at least 1, got ${size}`);
  const batches: Array<{ items: T[]; keys: Set<string> }> = [];
  let firstOpen = 0; // batches before it are full
  for (const item of items) {
    const key = keyOf(item);
    while (firstOpen < batches.length && (batches[firstOpen] as { items: T[] }).items.length >= size) firstOpen += 1;
    let target = batches.slice(firstOpen).find((batch) => batch.items.length < size && !batch.keys.has(key));
    if (!target) {
      target = { items: [], keys: new Set() };
      batches.push(target);
    }
    target.items.push(item);
    target.keys.add(key);
  }
  return batches.map((batch) => batch.items);
}
