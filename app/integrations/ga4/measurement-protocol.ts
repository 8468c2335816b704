/**
 * Why: GA4's collect endpoint answers 2xx even to a payload it then drops, so ChatLift checks its
 * own requests against the Measurement Protocol's published rules before sending (and the local
 * stand-in applies the same rules with the validation server's messages). One module holds those
 * rules for both: the wire types, the limits, and the check.
 */

export const GA4_MAX_EVENTS_PER_REQUEST = 25;
export const GA4_MAX_PARAMS_PER_EVENT = 25;
export const GA4_MAX_NAME_CHARS = 40;
export const GA4_MAX_PARAM_VALUE_CHARS = 100;
export const GA4_MAX_ITEMS = 200;
/** GA4 accepts events up to 72 hours old (timestamp_micros); older ones are refused. */
export const GA4_MAX_AGE_MS = 72 * 3_600_000;

/** Event names GA4 reserves (Measurement Protocol reference, "Reserved names"). */
export const GA4_RESERVED_EVENT_NAMES = [
  "ad_activeview",
  "ad_click",
  "ad_exposure",
  "ad_impression",
  "ad_query",
  "ad_reward",
  "adunit_exposure",
  "app_background",
  "app_clear_data",
  "app_exception",
  "app_remove",
  "app_store_refund",
  "app_store_subscription_cancel",
  "app_store_subscription_convert",
  "app_store_subscription_renew",
  "app_uninstall",
  "app_update",
  "app_upgrade",
  "dynamic_link_app_open",
  "dynamic_link_app_update",
  "dynamic_link_first_open",
  "error",
  "first_open",
  "first_visit",
  "in_app_purchase",
  "notification_dismiss",
  "notification_foreground",
  "notification_open",
  "notification_receive",
  "os_update",
  "session_start",
  "session_start_with_rollout",
  "user_engagement",
];
export const GA4_RESERVED_PREFIXES = ["_", "firebase_", "ga_", "google_", "gtag."];

export type Ga4ConsentValue = "GRANTED" | "DENIED";
export type Ga4ParamValue = string | number | boolean | Ga4Item[];
export interface Ga4Item {
  item_id: string;
  item_variant?: string;
  quantity?: number;
  price?: number;
}
export interface Ga4Event {
  name: string;
  params: Record<string, Ga4ParamValue>;
}
/** The JSON body of POST /mp/collect. */
export interface Ga4Payload {
  client_id: string;
  timestamp_micros?: number;
  consent?: { ad_user_data: Ga4ConsentValue; ad_personalization: Ga4ConsentValue };
  events: Ga4Event[];
}

/** The validation server's answer (POST /debug/mp/collect). */
export type Ga4ValidationCode =
  | "VALUE_INVALID"
  | "VALUE_REQUIRED"
  | "NAME_INVALID"
  | "NAME_RESERVED"
  | "VALUE_OUT_OF_BOUNDS"
  | "EXCEEDED_MAX_ENTITIES"
  | "NAME_DUPLICATED";
export interface Ga4ValidationMessage {
  fieldPath: string;
  description: string;
  validationCode: Ga4ValidationCode;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function nameProblem(kind: "event" | "param", name: string): [Ga4ValidationCode, string] | null {
  if (!NAME.test(name)) {
    return ["NAME_INVALID", `has invalid name [${name}]. Names must start with an alphabetic character.`];
  }
  if (name.length > GA4_MAX_NAME_CHARS) {
    return ["VALUE_OUT_OF_BOUNDS", `name [${name}] is longer than ${GA4_MAX_NAME_CHARS} characters.`];
  }
  if (
    (kind === "event" && GA4_RESERVED_EVENT_NAMES.includes(name)) ||
    GA4_RESERVED_PREFIXES.some((p) => name.startsWith(p))
  )
    return ["NAME_RESERVED", `has name [${name}] which is reserved.`];
  return null;
}

/**
 * Every problem GA4's validation server would report for this body, in its format; empty when GA4
 * would take it. `nowMs` judges timestamp_micros.
 */
export function validateGa4Payload(body: unknown, nowMs: number): Ga4ValidationMessage[] {
  const problems: Ga4ValidationMessage[] = [];
  const add = (fieldPath: string, validationCode: Ga4ValidationCode, description: string) =>
    problems.push({ fieldPath, validationCode, description });
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    add("", "VALUE_INVALID", "Unable to parse Measurement Protocol JSON payload.");
    return problems;
  }
  const payload = body as Partial<Record<keyof Ga4Payload, unknown>>;
  if (typeof payload.client_id !== "string" || payload.client_id === "")
    add("client_id", "VALUE_REQUIRED", "Measurement requires a client_id.");
  if (payload.timestamp_micros !== undefined) {
    const micros = payload.timestamp_micros;
    if (typeof micros !== "number" || !Number.isInteger(micros))
      add("timestamp_micros", "VALUE_INVALID", "timestamp_micros must be an integer number of microseconds.");
    else if (micros / 1000 < nowMs - GA4_MAX_AGE_MS || micros / 1000 > nowMs + 60_000)
      add("timestamp_micros", "VALUE_OUT_OF_BOUNDS", "timestamp_micros must be within the last 72 hours.");
  }
  if (payload.consent !== undefined) {
    const consent = payload.consent as Record<string, unknown>;
    for (const [key, value] of Object.entries(consent ?? {})) {
      if (!["ad_user_data", "ad_personalization"].includes(key) || !["GRANTED", "DENIED"].includes(value as string))
        add(`consent.${key}`, "VALUE_INVALID", `consent.${key} must be GRANTED or DENIED.`);
    }
  }
  const events = payload.events;
  if (!Array.isArray(events) || events.length === 0) {
    add("events", "VALUE_REQUIRED", "Measurement requires at least one event.");
    return problems;
  }
  if (events.length > GA4_MAX_EVENTS_PER_REQUEST)
    add("events", "EXCEEDED_MAX_ENTITIES", `A request can have a maximum of ${GA4_MAX_EVENTS_PER_REQUEST} events.`);
  events.forEach((event: unknown, index) => {
    const { name, params } = (event ?? {}) as { name?: unknown; params?: unknown };
    if (typeof name !== "string") return add("events", "VALUE_REQUIRED", `Event at index: [${index}] has no name.`);
    const problem = nameProblem("event", name);
    if (problem) add("events", problem[0], `Event at index: [${index}] ${problem[1]}`);
    if (params === undefined) return;
    if (typeof params !== "object" || params === null || Array.isArray(params))
      return add(
        `events[${index}].params`,
        "VALUE_INVALID",
        `Event at index: [${index}] has params that are not an object.`,
      );
    const entries = Object.entries(params);
    if (entries.length > GA4_MAX_PARAMS_PER_EVENT)
      add(
        `events[${index}].params`,
        "EXCEEDED_MAX_ENTITIES",
        `Event at index: [${index}] can have a maximum of ${GA4_MAX_PARAMS_PER_EVENT} params.`,
      );
    for (const [key, value] of entries) {
      const path = `events[${index}].params.${key}`;
      const paramProblem = nameProblem("param", key);
      if (paramProblem) add(path, paramProblem[0], `Param at event index: [${index}] ${paramProblem[1]}`);
      if (key === "items") {
        if (!Array.isArray(value)) add(path, "VALUE_INVALID", "items must be an array.");
        else if (value.length > GA4_MAX_ITEMS)
          add(path, "EXCEEDED_MAX_ENTITIES", `items can have a maximum of ${GA4_MAX_ITEMS} entries.`);
        else
          value.forEach((item: Record<string, unknown>, at) => {
            if (typeof item?.item_id !== "string" && typeof item?.item_name !== "string")
              add(`${path}[${at}]`, "VALUE_REQUIRED", "Item requires an item_id or item_name.");
          });
      } else if (typeof value === "string" && value.length > GA4_MAX_PARAM_VALUE_CHARS) {
        add(path, "VALUE_OUT_OF_BOUNDS", `Param value is longer than ${GA4_MAX_PARAM_VALUE_CHARS} characters.`);
      } else if (!["string", "number", "boolean"].includes(typeof value)) {
        add(path, "VALUE_INVALID", "Param values must be strings, numbers or booleans.");
      }
    }
  });
  return problems;
}
