/**
 * customers/data_request, pure: what Shopify's request says (read from the raw body with ids kept
 * exact, as the orders path reads its bodies), how long a request is kept, and where it stands for
 * the merchant. Shopify expects the merchant to hand the customer their data within 30 days; the
 * admin lists each request until it is answered and a while after.
 */
import { z } from "zod";
import { normalizeEmail } from "../attribution/links";
import { gid } from "../attribution/orders/order-payload";
import { customerGid } from "../capture/ingest-plan";
import type { Problem } from "../platform/validation/zod-errors";
import { readPrivacyBody, restId } from "./customer-subject";

/**
 * A request and its record are deleted this long after it arrived: GDPR gives one month to answer,
 * extendable by two more (Art. 12(3)), so three months covers every answer and the proof of it.
 */
export const DATA_REQUEST_KEPT_DAYS = 90;
/** Shopify's deadline for the merchant to provide the data. */
export const DATA_REQUEST_ANSWER_DAYS = 30;
const DAY_MS = 86_400_000;

const payloadSchema = z.object({
  customer: z.object({
    id: restId.nullish(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
  }),
  orders_requested: z.array(restId).nullish(),
  data_request: z.object({ id: restId.nullish() }).nullish(),
});

/** What ChatLift keeps of one request: the customer as ChatLift stores customers everywhere else. */
export interface DataRequestInput {
  shopifyRequestId: string | null;
  /** gid://shopify/Customer/… */
  customerId: string | null;
  email: string | null;
  phone: string | null;
  /** gid://shopify/Order/…, each once, in Shopify's order. */
  ordersRequested: string[];
}

export type ParsedDataRequest = { ok: true; request: DataRequestInput } | { ok: false; problems: Problem[] };

export function parseDataRequestBody(rawBody: string): ParsedDataRequest {
  const parsed = readPrivacyBody(rawBody, payloadSchema);
  if (!parsed.ok) return parsed;
  const { customer, orders_requested, data_request } = parsed.data;
  const request: DataRequestInput = {
    shopifyRequestId: data_request?.id == null ? null : String(data_request.id),
    customerId: customer.id == null ? null : customerGid(String(customer.id)),
    email: normalizeEmail(customer.email),
    phone: customer.phone?.trim() || null,
    ordersRequested: [...new Set((orders_requested ?? []).map((id) => gid("Order", String(id)) as string))],
  };
  if (!request.customerId && !request.email && !request.phone && !request.ordersRequested.length)
    return { ok: false, problems: [{ path: "customer", message: "names no customer id, email, phone or order" }] };
  return { ok: true, request };
}

/** Requests that arrived before this are deleted. */
export function dataRequestCutoff(now: Date): Date {
  return new Date(now.getTime() - DATA_REQUEST_KEPT_DAYS * DAY_MS);
}

export interface DataRequestRow {
  id: string;
  customerId: string | null;
  email: string | null;
  phone: string | null;
  ordersRequested: string;
  receivedAt: Date;
  exportedAt: Date | null;
}

/** One line of the admin's list; dates as ISO text (loader data arrives serialized). */
export interface DataRequestView {
  id: string;
  customer: string;
  ordersRequested: number;
  receivedAt: string;
  /** pending until the merchant downloads the package once. */
  status: "pending" | "exported";
  exportedAt: string | null;
  /** Shopify's 30 days, counted from arrival. */
  answerBy: string;
  /** When ChatLift deletes the request. */
  deletedAt: string;
}

export function dataRequestView(row: DataRequestRow): DataRequestView {
  const at = row.receivedAt.getTime();
  return {
    id: row.id,
    customer: [row.email, row.phone, row.customerId].filter(Boolean).join(" · ") || "(no customer named)",
    ordersRequested: (JSON.parse(row.ordersRequested) as unknown[]).length,
    receivedAt: row.receivedAt.toISOString(),
    status: row.exportedAt ? "exported" : "pending",
    exportedAt: row.exportedAt?.toISOString() ?? null,
    answerBy: new Date(at + DATA_REQUEST_ANSWER_DAYS * DAY_MS).toISOString(),
    deletedAt: new Date(at + DATA_REQUEST_KEPT_DAYS * DAY_MS).toISOString(),
  };
}

/** The downloaded file's name: the shop and the request, nothing personal. */
export function dataPackageFilename(shopDomain: string, requestId: string): string {
  return `chatlift-data-request-${shopDomain.replace(/\.myshopify\.com$/, "")}-${requestId}.json`;
}
