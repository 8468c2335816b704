/**
 * Turns a proxy request body into an EventBatch, or into the one clear refusal the widget (and
 * a developer reading its network tab) needs: which limit was exceeded, or every bad field.
 */
import { eventBatchSchema, MAX_BATCH_BYTES, MAX_EVENTS_PER_BATCH, type EventBatch } from "../../contract/events";
import { problemsOf, type Problem } from "../platform/validation/zod-errors";

export type BatchParseResult =
  /** `issues`: every bad field, its path dotted into the batch ("events.3.occurredAt"; "" for the batch itself). */
  { ok: true; batch: EventBatch } | { ok: false; status: 400 | 413; error: string; issues?: Problem[] };

export function parseBatchBody(body: string): BatchParseResult {
  if (Buffer.byteLength(body, "utf8") > MAX_BATCH_BYTES) return tooLarge();
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, status: 400, error: "body is not JSON" };
  }
  const events = (json as { events?: unknown } | null)?.events;
  if (Array.isArray(events) && events.length > MAX_EVENTS_PER_BATCH) {
    return {
      ok: false,
      status: 413,
      error: `a batch holds at most ${MAX_EVENTS_PER_BATCH} events (got ${events.length})`,
    };
  }
  const parsed = eventBatchSchema.safeParse(json);
  if (!parsed.success) {
    const issues = problemsOf(parsed.error);
    return {
      ok: false,
      status: 400,
      error: `invalid event batch: ${issues.map((issue) => issue.path || "(batch)").join(", ")}`,
      issues,
    };
  }
  return { ok: true, batch: parsed.data };
}

export function tooLarge(): BatchParseResult & { ok: false } {
  return { ok: false, status: 413, error: `a batch is at most ${MAX_BATCH_BYTES} bytes` };
}
