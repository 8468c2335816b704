/**
 * The order audit: every credited order with the rule, model and window that credited it and
 * the sentence explaining why. Filters come from the page's query string; anything unknown is
 * refused with a message naming the allowed values (never silently ignored).
 */
import { z } from "zod";
import { problemsOf } from "../../platform/validation/zod-errors";
import { MODELS, RULES, WINDOWS, type Model, type Rule, type WindowDays } from "../../attribution/types";
import { formatMoney } from "../../attribution/money";
import { orderAdminUrl } from "../ui/links";

export const AUDIT_PAGE_SIZE = 50;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

/** The filter value that widens model or window to every one ChatLift computes. */
export const ANY = "any";

/**
 * Model and window default to the shop's own (its settings): every order is credited under every model and
 * window, so an open audit would list one order up to 24 times. "any" still shows them all.
 */
export const auditFiltersSchema = z.object({
  rule: optional(z.enum(RULES, { error: `rule must be one of ${RULES.join(", ")}` })),
  model: optional(z.enum([...MODELS, ANY] as const, { error: `model must be one of ${MODELS.join(", ")} or ${ANY}` })),
  window: optional(
    z
      .string()
      .refine((value) => value === ANY || (WINDOWS as readonly number[]).includes(Number(value)), {
        error: `window must be one of ${WINDOWS.join(", ")} days or ${ANY}`,
      })
      .transform((value) => (value === ANY ? ANY : (Number(value) as WindowDays))),
  ),
  page: optional(z.coerce.number().int().min(1, { error: "page starts at 1" })),
});

export type AuditQuery = z.output<typeof auditFiltersSchema>;

/** What the credits are filtered by; an absent model or window means every one. */
export interface AuditFilters {
  rule?: Rule;
  model?: Model;
  window?: WindowDays;
  page?: number;
}

/** The page's query with the shop's model and window filled in where it names none. */
export function resolveAuditFilters(
  query: AuditQuery,
  shop: { attributionModel: Model; attributionWindowDays: WindowDays },
): AuditFilters {
  const model = query.model ?? shop.attributionModel;
  const window = query.window ?? shop.attributionWindowDays;
  return {
    ...(query.rule ? { rule: query.rule } : {}),
    ...(model !== ANY ? { model } : {}),
    ...(window !== ANY ? { window } : {}),
    ...(query.page ? { page: query.page } : {}),
  };
}

/** The selects' values: the filter applied, "any" where it is off. */
export function shownFilters(filters: AuditFilters): { rule: string; model: string; window: string } {
  return {
    rule: filters.rule ?? "",
    model: filters.model ?? ANY,
    window: filters.window ? String(filters.window) : ANY,
  };
}

export function parseAuditFilters(
  search: URLSearchParams,
): { ok: true; query: AuditQuery } | { ok: false; errors: string[] } {
  const result = auditFiltersSchema.safeParse(Object.fromEntries(search));
  if (result.success) return { ok: true, query: result.data };
  return { ok: false, errors: problemsOf(result.error).map((problem) => problem.message) };
}

/** A stored credit with the order it belongs to, as the audit service reads it. */
export interface StoredCredit {
  id: string;
  orderId: string;
  /** The chat session credited: its conversation is one click away. */
  chatSessionId: string;
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
  chatSessionId: string;
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
  pixel_checkout: "Checkout linked by the pixel",
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
    chatSessionId: credit.chatSessionId,
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
