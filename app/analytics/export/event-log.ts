/**
 * Why: merchants ask chat tools for the raw event log, row by row, for their own warehouse or spreadsheet. The
 * log leaves under the same event specification as GA4 and Mixpanel get it (contract/event-spec.ts): the same
 * names, only the specified properties, never an email, a phone number, typed text or a customer id. Pure: the
 * range and format are parsed here and each event becomes one CSV or NDJSON line; the service pages and streams.
 */
import { z } from "zod";
import { problemsOf } from "../../platform/validation/zod-errors";
import { daysBetween, shiftDay } from "../days";
import { csvCell } from "../../conversations/conversation-csv";
import { COMMON_PROPERTIES, EVENT_SPECS, type ExportedEvent } from "./event-spec";

export const LOG_FORMATS = ["csv", "ndjson"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
/** A year of events is the most one download holds; a longer history is several. */
export const MAX_LOG_DAYS = 366;

export interface LogRange {
  from: string;
  to: string;
  format: LogFormat;
}

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "dates are YYYY-MM-DD" })
  .refine(
    (day) =>
      !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day),
    {
      error: "not a calendar date",
    },
  );

const rangeSchema = z
  .object({
    from: isoDay.optional(),
    to: isoDay.optional(),
    format: z.enum(LOG_FORMATS, { error: `format must be one of ${LOG_FORMATS.join(", ")}` }).optional(),
  })
  .refine((value) => !value.from || !value.to || value.from <= value.to, {
    error: "the start date must not be after the end date",
  });

/** Query string → range; without dates, the last 30 days of the shop's calendar; CSV unless NDJSON is asked for. */
export function parseLogRange(
  search: URLSearchParams,
  today: string,
): { ok: true; range: LogRange } | { ok: false; errors: string[] } {
  const raw = Object.fromEntries([...search].filter(([, value]) => value !== ""));
  const result = rangeSchema.safeParse(raw);
  if (!result.success)
    return {
      ok: false,
      errors: problemsOf(result.error).map(({ path, message }) => (path ? `${path}: ${message}` : message)),
    };
  const to = result.data.to ?? today;
  const from = result.data.from ?? shiftDay(to, -29);
  if (from > to) return { ok: false, errors: [`the start date must not be after the end date (${to})`] };
  if (daysBetween(from, to) + 1 > MAX_LOG_DAYS) return { ok: false, errors: [`choose at most ${MAX_LOG_DAYS} days`] };
  return { ok: true, range: { from, to, format: result.data.format ?? "csv" } };
}

/** Every property the specification can export, in a stable order: one CSV column each. */
export const PROPERTY_COLUMNS: readonly string[] = [
  ...new Set([
    ...Object.keys(COMMON_PROPERTIES),
    ...EVENT_SPECS.flatMap((spec) => Object.keys(spec.properties)),
    "promotion_id",
  ]),
];

export const LOG_COLUMNS = [
  "event_id",
  "session_id",
  "occurred_at",
  "event",
  "ga4_event",
  ...PROPERTY_COLUMNS,
  "items",
];

export function csvHeader(): string {
  return `${LOG_COLUMNS.join(",")}\r\n`;
}

export function csvLine(event: ExportedEvent): string {
  const cells = [
    event.id,
    event.sessionId,
    event.occurredAt.toISOString(),
    event.name,
    event.ga4,
    ...PROPERTY_COLUMNS.map((name) => {
      const value = event.properties[name];
      return value === undefined ? null : typeof value === "boolean" ? String(value) : value;
    }),
    event.items ? JSON.stringify(event.items) : null,
  ];
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export function ndjsonLine(event: ExportedEvent): string {
  return `${JSON.stringify({
    event_id: event.id,
    session_id: event.sessionId,
    occurred_at: event.occurredAt.toISOString(),
    event: event.name,
    ga4_event: event.ga4,
    properties: event.properties,
    ...(event.items ? { items: event.items } : {}),
  })}\n`;
}

export function logFilename(range: LogRange): string {
  return `chatlift-events-${range.from}-to-${range.to}.${range.format === "csv" ? "csv" : "ndjson"}`;
}
