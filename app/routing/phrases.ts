/** Words the merchant reads in reasons and previews: micro-conversions, comparisons, money. */
import { formatMoney } from "../attribution/money";
import type { NumberOp } from "./condition-schema";
import type { MicroConversionKind, Minor } from "./facts";

export const KIND_PHRASES: Record<MicroConversionKind | "any", string> = {
  fit_help: "used fit help",
  recommendation_click: "clicked a recommendation",
  add_to_cart: "added to cart from chat",
  email_capture: "left their email",
  coupon_applied: "applied a chat coupon",
  qualifier: "answered a qualifier",
  demo_booked: "booked a demo",
  link_click: "clicked a link in chat",
  question_answered: "got a question answered in chat",
  any: "made a micro-conversion",
};

const OP_WORDS: Record<NumberOp, string> = {
  eq: "exactly",
  neq: "not",
  gt: "more than",
  gte: "at least",
  lt: "less than",
  lte: "at most",
};
export const OP_SYMBOLS: Record<NumberOp, string> = { eq: "=", neq: "≠", gt: ">", gte: "≥", lt: "<", lte: "≤" };

export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** "at least 2 times", "exactly 0 times". */
export function comparison(op: NumberOp, value: number, unit?: string): string {
  return `${OP_WORDS[op]} ${unit ? plural(value, unit) : String(value)}`;
}

export function money(minor: Minor, currency: string): string {
  return formatMoney(minor, currency);
}

export function withinDays(days: number | undefined): string {
  if (days === undefined) return "";
  return days === 1 ? " in the last day" : ` in the last ${days} days`;
}

export function orList(values: readonly string[], quote = false): string {
  const shown = values.map((value) => (quote ? `"${value}"` : value));
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} or ${shown.at(-1)}`;
}

export function compare(actual: number, op: NumberOp, expected: number): boolean {
  switch (op) {
    case "eq":
      return actual === expected;
    case "neq":
      return actual !== expected;
    case "gt":
      return actual > expected;
    case "gte":
      return actual >= expected;
    case "lt":
      return actual < expected;
    case "lte":
      return actual <= expected;
  }
}
