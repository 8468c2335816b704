/**
 * HubSpot answers a batch whose inputs each carry an objectWriteTraceId with 207 multi-status when
 * only some inputs fail: it writes the rest, and names each refused input by the trace id in its
 * error's context. So the refused records are known without splitting the batch, and the others
 * are not sent twice. Trace ids are the inputs' positions; results are paired by them, never by
 * their order (HubSpot promises none).
 */
import { CrmError, CrmPartialBatch } from "./crm-port";

/** The part of a batch answer this reads (BatchResponse…WithErrors in HubSpot's specs). */
export type BatchAnswer<T> = {
  results: T[];
  errors?: Array<{ category?: string; message?: string; context?: { [key: string]: string[] } }>;
};

/** The trace id that names input `index`: its position, as a string. */
export const traceIdOf = (index: number): string => String(index);

/**
 * Each input's result, by the trace id it echoes (or `fallbackKey` when HubSpot echoed none).
 * Throws CrmPartialBatch when HubSpot refused some inputs by name (with the results of the others), and a
 * whole-batch validation error when it refused some without naming them (the caller then splits the batch).
 */
export function settleBatch<T extends { objectWriteTraceId?: string }, R>(
  answer: BatchAnswer<T>,
  inputCount: number,
  toResult: (result: T, index: number) => R,
  fallbackIndex: (result: T) => number | undefined = () => undefined,
): R[] {
  const byIndex = new Map<number, T>();
  for (const result of answer.results) {
    const traced = result.objectWriteTraceId === undefined ? undefined : Number(result.objectWriteTraceId);
    const index = traced !== undefined && Number.isInteger(traced) ? traced : fallbackIndex(result);
    if (index !== undefined && index >= 0 && index < inputCount) byIndex.set(index, result);
  }
  const refused: Array<{ index: number; error: CrmError }> = [];
  const unnamed: string[] = [];
  for (const error of answer.errors ?? []) {
    const message = error.message ?? "HubSpot refused this record";
    const indexes = (error.context?.objectWriteTraceId ?? [])
      .map(Number)
      .filter((index) => Number.isInteger(index) && index >= 0 && index < inputCount && !byIndex.has(index));
    if (!indexes.length) unnamed.push(message);
    for (const index of indexes)
      refused.push({ index, error: new CrmError("validation", message, 207, error.category ?? "VALIDATION_ERROR") });
  }
  if (unnamed.length) throw new CrmError("validation", unnamed.join(" | "), 207, "VALIDATION_ERROR");
  const delivered: Array<{ index: number; result: R }> = [];
  for (const [index, result] of byIndex) delivered.push({ index, result: toResult(result, index) });
  if (refused.length) throw new CrmPartialBatch(delivered, refused);
  const missing = Array.from({ length: inputCount }, (_, index) => index).filter((index) => !byIndex.has(index));
  if (missing.length)
    throw new CrmError("server", `HubSpot's batch answer names neither a result nor an error for input ${missing[0]}`);
  return delivered.sort((a, b) => a.index - b.index).map((entry) => entry.result);
}
