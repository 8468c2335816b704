/**
 * Taking one customer out of a stored webhook body or job payload (JSON) while the job can still
 * run. A job not yet done (queued, running, or parked for a person to retry) keeps its body because
 * processing reads it; customers/redact then removes what the body holds about the customer
 * (addresses, names, phone, email, customer, tracking, client details) and keeps what ChatLift
 * stores of an order anyway (ids, name "#1001", money, lines, discount codes, the `__chatlift`
 * attribute), so a retried job stores the order already stripped, as customers/redact leaves
 * stored orders. Any other string that quotes the customer's email or phone goes too.
 */
import type { CustomerSubject } from "./customer-subject";

export const REDACTED = "[redacted]";

/** Objects about a person or their device: removed whole. */
const PERSONAL_OBJECTS = new Set([
  "customer",
  "billing_address",
  "shipping_address",
  "default_address",
  "addresses",
  "destination",
  "destination_location",
  "client_details",
  "payment_details",
  "receipt",
]);

/**
 * Single values about the person, wherever they appear. Tracking numbers lead to the delivery
 * address at the carrier (customers/redact clears them from stored orders too).
 */
const PERSONAL_VALUES = new Set([
  "email",
  "contact_email",
  "phone",
  "first_name",
  "last_name",
  "company",
  "address1",
  "address2",
  "city",
  "zip",
  "province",
  "latitude",
  "longitude",
  "browser_ip",
  "customer_id",
  "customer_locale",
  "note",
  "order_status_url",
  "token",
  "cart_token",
  "checkout_token",
  "device_id",
  "landing_site",
  "referring_site",
  "tracking_number",
  "tracking_numbers",
  "tracking_url",
  "tracking_urls",
]);

/** Whether this JSON names the subject: its customer id, one of its emails or phones, or one of its orders. */
export function concernsSubject(value: unknown, subject: CustomerSubject): boolean {
  const ids = new Set(subject.customerIds.map(restIdOf));
  const orders = new Set(subject.orderIds.map(restIdOf));
  const quotes = quotedValues(subject);
  let found = false;
  walk(value, (key, item, parent) => {
    if (found) return;
    if (typeof item === "string" && quotes.some((quote) => item.toLowerCase().includes(quote))) found = true;
    else if (key === "id" && parent.within === "customer" && ids.has(String(item))) found = true;
    else if (key === "customer_id" && ids.has(String(item))) found = true;
    else if (key === "admin_graphql_api_id" && (subject.customerIds.includes(String(item)) || orderGid(item, orders)))
      found = true;
    // An order body names its order by `id` (top level, or under a queued delivery's `body`), a refund by `order_id`.
    else if (key === "order_id" && orders.has(String(item))) found = true;
    else if (key === "id" && (parent.depth === 1 || parent.within === "body") && orders.has(String(item))) found = true;
  });
  return found;
}

/** The value without the personal data it holds (a new value; the argument is left as it was). */
export function redactPersonalData(value: unknown, subject: CustomerSubject): unknown {
  const quotes = quotedValues(subject);
  const clean = (item: unknown): unknown => {
    if (typeof item === "string") return quotes.some((quote) => item.toLowerCase().includes(quote)) ? REDACTED : item;
    if (Array.isArray(item)) return item.map(clean);
    if (item && typeof item === "object") {
      const kept: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(item)) {
        if (PERSONAL_OBJECTS.has(key) || PERSONAL_VALUES.has(key)) continue;
        kept[key] = clean(child);
      }
      return kept;
    }
    return item;
  };
  return clean(value);
}

/** Free text (an error message) with the subject's email and phone taken out. */
export function redactText(text: string, subject: CustomerSubject): string {
  let result = text;
  for (const quote of quotedValues(subject)) {
    result = result.replace(new RegExp(escapeRegExp(quote), "gi"), REDACTED);
  }
  return result;
}

/** What a stored text must contain to possibly concern the subject: a cheap first filter in SQL. */
export function searchTermsOf(subject: CustomerSubject): string[] {
  return [...quotedValues(subject), ...subject.customerIds.map(restIdOf), ...subject.orderIds.map(restIdOf)].filter(
    (term) => term.length >= 3,
  );
}

function quotedValues(subject: CustomerSubject): string[] {
  return [...subject.emails, ...subject.phones].map((value) => value.toLowerCase()).filter(Boolean);
}

/** gid://shopify/Customer/123 → 123: REST bodies name ids by their number. */
function restIdOf(gid: string): string {
  return gid.slice(gid.lastIndexOf("/") + 1);
}

function orderGid(item: unknown, orders: Set<string>): boolean {
  return typeof item === "string" && item.startsWith("gid://shopify/Order/") && orders.has(restIdOf(item));
}

type Visit = (key: string, value: unknown, parent: { within: string; depth: number }) => void;

/** Calls `visit` for every value below the root; an array's items are visited under the array's key. */
function walk(value: unknown, visit: Visit, within = "", depth = 0): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item === null || typeof item !== "object") visit(within, item, { within, depth });
      walk(item, visit, within, depth);
    }
    return;
  }
  if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      visit(key, child, { within, depth: depth + 1 });
      walk(child, visit, key, depth + 1);
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
