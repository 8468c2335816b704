/** Reads credited orders for the audit page; every query is bounded by the shop it serves. */
import prisma from "../../db.server";
import { readSettings } from "../settings/settings.server";
import {
  AUDIT_PAGE_SIZE,
  auditRow,
  parseAuditFilters,
  resolveAuditFilters,
  shownFilters,
  type AuditFilters,
  type AuditRow,
  type StoredCredit,
} from "./order-audit";

export interface AuditPage {
  rows: AuditRow[];
  page: number;
  hasNext: boolean;
  /** Whether the shop has any credit at all (tells "no match for these filters" from "nothing yet"). */
  shopHasCredits: boolean;
}

const creditSelect = {
  id: true,
  orderId: true,
  chatSessionId: true,
  rule: true,
  model: true,
  windowDays: true,
  role: true,
  confidence: true,
  amountMinor: true,
  grossAmountMinor: true,
  currency: true,
  explanation: true,
  order: { select: { name: true, placedAt: true, cancelledAt: true } },
} as const;

type CreditWithOrder = {
  id: string;
  orderId: string;
  chatSessionId: string;
  rule: string;
  model: string;
  windowDays: number;
  role: string;
  confidence: number;
  amountMinor: bigint;
  grossAmountMinor: bigint;
  currency: string;
  explanation: string;
  order: { name: string; placedAt: Date; cancelledAt: Date | null };
};

function toStored(credit: CreditWithOrder): StoredCredit {
  return {
    id: credit.id,
    orderId: credit.orderId,
    chatSessionId: credit.chatSessionId,
    orderName: credit.order.name,
    placedAt: credit.order.placedAt,
    cancelled: credit.order.cancelledAt !== null,
    rule: credit.rule,
    model: credit.model,
    windowDays: credit.windowDays,
    role: credit.role,
    confidence: credit.confidence,
    amountMinor: Number(credit.amountMinor),
    grossAmountMinor: Number(credit.grossAmountMinor),
    currency: credit.currency,
    explanation: credit.explanation,
  };
}

export async function listCreditedOrders(shopDomain: string, filters: AuditFilters): Promise<AuditPage> {
  const page = filters.page ?? 1;
  const credits = await prisma.credit.findMany({
    where: {
      shopDomain,
      ...(filters.rule ? { rule: filters.rule } : {}),
      ...(filters.model ? { model: filters.model } : {}),
      ...(filters.window ? { windowDays: filters.window } : {}),
    },
    select: creditSelect,
    orderBy: [
      { order: { placedAt: "desc" } },
      { orderId: "asc" },
      { model: "asc" },
      { windowDays: "asc" },
      { role: "desc" },
    ],
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    // One more than shown tells whether a next page exists without counting the whole table.
    take: AUDIT_PAGE_SIZE + 1,
  });
  const shown = credits.slice(0, AUDIT_PAGE_SIZE);
  const shopHasCredits =
    shown.length > 0 || (await prisma.credit.findFirst({ where: { shopDomain }, select: { id: true } })) !== null;
  return {
    rows: shown.map((credit) => auditRow(shopDomain, toStored(credit))),
    page,
    hasNext: credits.length > AUDIT_PAGE_SIZE,
    shopHasCredits,
  };
}

export type OrderAudit = AuditPage & {
  errors: string[];
  /** The filters applied, for the page's selects (the shop's model and window unless the query names others). */
  filters: { rule: string; model: string; window: string };
};

/** The audit page for a query string: refused filters come back as messages, never as a silently wider list. */
export async function loadOrderAudit(shopDomain: string, search: URLSearchParams): Promise<OrderAudit> {
  const parsed = parseAuditFilters(search);
  if (!parsed.ok)
    return {
      errors: parsed.errors,
      rows: [],
      page: 1,
      hasNext: false,
      shopHasCredits: true,
      filters: { rule: search.get("rule") ?? "", model: search.get("model") ?? "", window: search.get("window") ?? "" },
    };
  const filters = resolveAuditFilters(parsed.query, await readSettings(shopDomain));
  return { errors: [], filters: shownFilters(filters), ...(await listCreditedOrders(shopDomain, filters)) };
}

export interface OrderExplanation {
  orderId: string;
  orderName: string;
  placedAt: string;
  cancelled: boolean;
  credits: AuditRow[];
}

/** One order's credits; null when the order is not this shop's (callers answer 404, not 403). */
export async function explainOrder(shopDomain: string, orderId: string): Promise<OrderExplanation | null> {
  const order = await prisma.order.findFirst({
    where: { id: orderId, shopDomain },
    select: { id: true, name: true, placedAt: true, cancelledAt: true },
  });
  if (!order) return null;
  const credits = await prisma.credit.findMany({
    where: { shopDomain, orderId },
    select: creditSelect,
    orderBy: [{ model: "asc" }, { windowDays: "asc" }, { role: "desc" }, { amountMinor: "desc" }],
  });
  return {
    orderId: order.id,
    orderName: order.name,
    placedAt: order.placedAt.toISOString(),
    cancelled: order.cancelledAt !== null,
    credits: credits.map((credit) => auditRow(shopDomain, toStored(credit))),
  };
}
