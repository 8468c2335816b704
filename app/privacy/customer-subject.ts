/**
 * Who a customers/redact request is about, read from Shopify's raw body with ids kept exact (a
 * 19-digit customer id through JSON.parse becomes another customer's id, and that customer's
 * sessions would be missed): the customer's id and email, their phone (only ever found inside
 * stored webhook bodies) and the orders Shopify lists in `orders_to_redact`. The emails of those
 * orders join the subject later (compliance.server.ts): an order placed under an older email is
 * the same customer's.
 */
import { z } from "zod";
import { parseJsonLosslessly } from "../platform/jobs/lossless-json";
import { cleanStrings } from "../platform/validation/clean-text";
import { problemsOf, type Problem } from "../platform/validation/zod-errors";
import { normalizeEmail } from "../attribution/links";
import { gid } from "../attribution/orders/order-payload";
import { customerGid } from "../capture/ingest-plan";

/** Shopify's REST ids: numbers, or digit strings once past 2^53 (the lossless parse keeps them so). */
export const restId = z.union([
  z.number().int().nonnegative(),
  z.string().regex(/^\d+$/, "not a numeric id"),
  z.string().startsWith("gid://shopify/"),
]);

const payloadSchema = z.object({
  customer: z.object({
    id: restId.nullish(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
  }),
  orders_to_redact: z.array(restId).nullish(),
});

export interface CustomerSubject {
  /** gid://shopify/Customer/… */
  customerIds: string[];
  /** Lower-cased and trimmed, as every table stores them. */
  emails: string[];
  /** As Shopify sent it: only matched inside stored webhook bodies. */
  phones: string[];
  /** gid://shopify/Order/… */
  orderIds: string[];
}

export type ParsedRedaction = { ok: true; subject: CustomerSubject } | { ok: false; problems: Problem[] };

/**
 * A privacy webhook's raw body read as its schema says: ids kept exact (lossless parse), text cleaned of
 * what PostgreSQL refuses (NUL, unpaired surrogates) as every other stored body is.
 */
export function readPrivacyBody<T extends z.ZodType>(
  rawBody: string,
  schema: T,
): { ok: true; data: z.output<T> } | { ok: false; problems: Problem[] } {
  let body: unknown;
  try {
    body = cleanStrings(parseJsonLosslessly(rawBody));
  } catch (error) {
    return { ok: false, problems: [{ path: "", message: `not JSON: ${(error as Error).message}` }] };
  }
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, problems: problemsOf(parsed.error) };
}

/** customers/redact's raw body → its subject, or the problems with it (the route answers 422). */
export function parseCustomersRedactBody(rawBody: string): ParsedRedaction {
  const parsed = readPrivacyBody(rawBody, payloadSchema);
  if (!parsed.ok) return parsed;
  const { customer, orders_to_redact: orders } = parsed.data;
  return {
    ok: true,
    subject: subjectOf({ id: customer.id, email: customer.email, phone: customer.phone, ordersToRedact: orders }),
  };
}

export interface CustomerRef {
  id?: string | number | null;
  email?: string | null;
  phone?: string | null;
  ordersToRedact?: ReadonlyArray<string | number> | null;
}

export function subjectOf(customer: CustomerRef): CustomerSubject {
  const customerId = customerGid(exactId(customer.id, "customer.id"));
  const email = normalizeEmail(customer.email);
  const phone = customer.phone?.trim();
  return {
    customerIds: customerId ? [customerId] : [],
    emails: email ? [email] : [],
    phones: phone ? [phone] : [],
    orderIds: unique(
      (customer.ordersToRedact ?? []).map((id) => gid("Order", exactId(id, "orders_to_redact")) as string),
    ),
  };
}

/** Nothing to look for: no id, no email, no order. */
export function isEmptySubject(subject: CustomerSubject): boolean {
  return !subject.customerIds.length && !subject.emails.length && !subject.orderIds.length;
}

export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** A number past 2^53 was already rounded by whoever parsed it: refuse it rather than redact someone else. */
function exactId(id: string | number | null | undefined, field: string): string | null {
  if (id == null || id === "") return null;
  if (typeof id === "number" && !Number.isSafeInteger(id)) {
    throw new RangeError(`${field} ${id} is past 2^53 and was rounded: parse the body with parseJsonLosslessly`);
  }
  return String(id);
}
