/**
 * The order audit: every credited order with the rule, model and window that credited it and
 * the sentence explaining why. Filters come from the page's query string; anything unknown is
 * refused with a message naming the allowed values (never silently ignored).
 */
import { z } from "zod";
import { problemsOf } from "../../platform/validation/zod-errors";
import { MODELS, RULES, WINDOWS } from "../../attribution/types";
import { formatMoney } from "../../attribution/money";
import { orderAdminUrl } from "../ui/links";

export const AUDIT_PAGE_SIZE = 50;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

export const auditFiltersSchema = z.object({
  rule: optional(z.enum(RULES, { error: `rule must be one of ${RULES.join(", ")}` })),
  model: optional(z.enum(MODELS, { error: `model must be one of ${MODELS.join(", ")}` })),
  window: optional(
    z.coerce
      .number({ error: "window must be a number of days" })
      .refine((days) => (WINDOWS as readonly number[]).includes(days), {
        error: `window must be one of ${WINDOWS.join(", ")} days`,
      }),
  ),
  page: optional(z.coerce.number().int().min(1, { error: "page starts at 1" })),
});

export type AuditFilters = z.output<typeof auditFiltersSchema>;

export function parseAuditFilters(
  search: URLSearchParams,
): { ok: true; filters: AuditFilters } | { ok: false; errors: string[] } {
  const result = auditFiltersSchema.safeParse(Object.fromEntries(search));
  if (result.success) return { ok: true, filters: result.data };
  return { ok: false, errors: problemsOf(result.error).map((problem) => problem.message) };
}

/** A stored credit with the order it belongs to, as the audit service reads it. */
export interface StoredCredit {
  id: string;
  orderId: string;
  orderName: string;
  placedAt: Date;
  cancelled: boolean;
  rule: string;
  model: string;
  windowDays: number;
  role: string;
  confidence: number;
  amountMinor: number;
  grossAmountMinor: number;
  currency: string;
  explanation: string;
}

export interface AuditRow {
  creditId: string;
  orderId: string;
  orderName: string;
  placedAt: string;
  amount: string;
  grossAmount: string | null;
  rule: string;
  model: string;
  windowDays: number;
  role: string;
  confidence: number;
  explanation: string;
  adminUrl: string | null;
}

export const RULE_LABEL: Record<string, string> = {
  line_item: "Line added from chat",
  cart_attribute: "Cart linked to chat",
  discount_code: "Code issued in chat",
  customer: "Logged-in customer",
  email: "Captured email",
};

export const MODEL_LABEL: Record<string, string> = {
  last_touch: "Last touch",
  first_touch: "First touch",
  linear: "Linear",
};

export function auditRow(shopDomain: string, credit: StoredCredit, locale?: string): AuditRow {
  const money = (minor: number) => formatMoney(minor, credit.currency, locale);
  return {
    creditId: credit.id,
    orderId: credit.orderId,
    orderName: credit.orderName,
    placedAt: credit.placedAt.toISOString(),
    amount: money(credit.amountMinor),
    grossAmount: credit.grossAmountMinor !== credit.amountMinor ? money(credit.grossAmountMinor) : null,
    rule: credit.rule,
    model: credit.model,
    windowDays: credit.windowDays,
    role: credit.role,
    confidence: credit.confidence,
    explanation: credit.explanation,
    adminUrl: orderAdminUrl(shopDomain, credit.orderId),
  };
}
