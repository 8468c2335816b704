/**
 * Turns a proxy request body into an EventBatch, or into the one clear refusal the widget (and
 * a developer reading its network tab) needs: which limit was exceeded, or every bad field.
 * Everything that would fail later, inside the ingest transaction (a 500), is refused here: text
 * is cleaned of what PostgreSQL refuses, and every amount must convert to exact minor units.
 */
import { eventBatchSchema, MAX_BATCH_BYTES, MAX_EVENTS_PER_BATCH, type EventBatch } from "../../contract/events";
import { problemsOf, type Problem } from "../platform/validation/zod-errors";
import { cleanStrings } from "../platform/validation/clean-text";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "../platform/validation/json-depth";
import { MoneyError, toMinorUnits } from "../attribution/money";

export type BatchParseResult =
  /** `issues`: every bad field, its path dotted into the batch ("events.3.occurredAt"; "" for the batch itself). */
  { ok: true; batch: EventBatch } | { ok: false; status: 400 | 413; error: string; issues?: Problem[] };

export function parseBatchBody(body: string): BatchParseResult {
  if (Buffer.byteLength(body, "utf8") > MAX_BATCH_BYTES) return tooLarge();
  if (nestsDeeperThan(body))
    return { ok: false, status: 400, error: `body nests deeper than ${MAX_JSON_DEPTH} levels` };
  let json: unknown;
  try {
    json = cleanStrings(JSON.parse(body) as unknown);
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
  const moneyIssues = unconvertibleAmounts(parsed.data);
  if (moneyIssues.length)
    return {
      ok: false,
      status: 400,
      error: `invalid event batch: ${moneyIssues.map((issue) => issue.path).join(", ")}`,
      issues: moneyIssues,
    };
  return { ok: true, batch: parsed.data };
}

/** The schema bounds amounts and shapes currency codes; this asks the very conversion ingest will make. */
function unconvertibleAmounts(batch: EventBatch): Problem[] {
  const issues: Problem[] = [];
  batch.events.forEach((event, index) => {
    if (event.type !== "micro_conversion" || event.value === undefined || !event.currency) return;
    try {
      toMinorUnits(event.value, event.currency);
    } catch (error) {
      if (!(error instanceof MoneyError)) throw error;
      issues.push({ path: `events.${index}.value`, message: error.message });
    }
  });
  return issues;
}

export function tooLarge(): BatchParseResult & { ok: false } {
  return { ok: false, status: 413, error: `a batch is at most ${MAX_BATCH_BYTES} bytes` };
}
