/**
 * Why: Mixpanel's /import takes a batch, keeps what is valid and (with strict=1) names each record
 * it refused, and drops a record whose $insert_id it has seen — what makes a retried batch safe.
 * The wire types and the published limits live here, for the client and the local stand-in alike.
 */

export const MIXPANEL_MAX_EVENTS_PER_REQUEST = 2000;
export const MIXPANEL_MAX_REQUEST_BYTES = 10 * 1024 * 1024;
export const MIXPANEL_MAX_EVENT_BYTES = 1024 * 1024;
export const MIXPANEL_MAX_INSERT_ID_CHARS = 36;
/** Mixpanel refuses times before 1971-01-01 and more than an hour ahead of its clock. */
export const MIXPANEL_EARLIEST_MS = Date.UTC(1971, 0, 1);
export const MIXPANEL_MAX_FUTURE_MS = 3_600_000;
/** distinct_id values Mixpanel refuses as placeholders. */
export const MIXPANEL_INVALID_DISTINCT_IDS = [
  "anon",
  "anonymous",
  "nil",
  "none",
  "null",
  "n/a",
  "na",
  "undefined",
  "unknown",
  "<nil>",
  "0",
  "-1",
  "00000000-0000-0000-0000-000000000000",
];

export interface MixpanelEvent {
  event: string;
  properties: {
    /** Milliseconds since the epoch. */
    time: number;
    distinct_id: string;
    $insert_id: string;
    [property: string]: unknown;
  };
}

export interface MixpanelFailedRecord {
  index: number;
  insert_id: string;
  field: string;
  message: string;
}

/** The body of an /import answer (200, 400 with failed_records, 401, 413, 429). */
export interface MixpanelImportAnswer {
  code: number;
  status: string;
  num_records_imported?: number;
  error?: string;
  failed_records?: MixpanelFailedRecord[];
}
