/**
 * HubSpot names the bad records of a batch itself when it can (207 multi-status, CrmPartialBatch):
 * those are rejected with their own reasons and the rest taken as delivered, nothing sent twice.
 * When it fails the whole batch for one bad record without saying which, the batch is split in
 * halves, and each half sent again, until the bad records stand alone: those are rejected with
 * HubSpot's message, the rest delivered. A failure that is not about the data (outage, rate limit)
 * stops the split: the untried items are deferred together, to be retried as they are.
 */
import { CrmError, CrmPartialBatch } from "../integrations/hubspot/crm-port";

export type Isolated<T, R> = {
  delivered: R[];
  rejected: Array<{ item: T; error: CrmError }>;
  /** Items not delivered because of a failure that is not theirs; retry them later. */
  deferred: { items: T[]; error: CrmError } | null;
  calls: number;
};

/** Any failure as the CrmError the retry policy reads: what is not HubSpot's answer counts as a server fault, retried. */
export function asCrmError(error: unknown): CrmError {
  return error instanceof CrmError
    ? error
    : new CrmError("server", error instanceof Error ? error.message : String(error));
}

/** A refusal that names the data: splitting can find the record responsible. */
export function isRecordFault(error: CrmError): boolean {
  return error.kind === "validation" || error.kind === "conflict";
}

/**
 * `send` delivers one part; when HubSpot answers it in part it throws a CrmPartialBatch whose `delivered`
 * results are already R (positions in the part it was given).
 */
export async function deliverIsolating<T, R>(items: T[], send: (items: T[]) => Promise<R[]>): Promise<Isolated<T, R>> {
  const result: Isolated<T, R> = { delivered: [], rejected: [], deferred: null, calls: 0 };
  const pending: T[][] = items.length ? [items] : [];
  while (pending.length) {
    const part = pending.shift() as T[];
    result.calls += 1;
    try {
      result.delivered.push(...(await send(part)));
    } catch (caught) {
      const error = asCrmError(caught);
      if (error instanceof CrmPartialBatch) {
        const settled = new Set<number>();
        for (const entry of error.delivered) {
          settled.add(entry.index);
          result.delivered.push(entry.result as R);
        }
        for (const refusal of error.refused) {
          settled.add(refusal.index);
          result.rejected.push({ item: part[refusal.index] as T, error: refusal.error });
        }
        // Inputs HubSpot answered neither way are tried again (the part shrinks each time: at least one was refused).
        const rest = part.filter((_, index) => !settled.has(index));
        if (rest.length) pending.unshift(rest);
        continue;
      }
      if (!isRecordFault(error)) {
        result.deferred = { items: [part, ...pending].flat(), error };
        return result;
      }
      if (part.length === 1) {
        result.rejected.push({ item: part[0] as T, error });
        continue;
      }
      const middle = Math.ceil(part.length / 2);
      pending.unshift(part.slice(0, middle), part.slice(middle));
    }
  }
  return result;
}
