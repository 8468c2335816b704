/**
 * The sentence a merchant reads next to every credit: how much, which evidence, how long
 * before the order, under which model and window. Built from the order and the credit alone,
 * so the order audit page can explain stored credits without re-running the engine.
 */
import { formatMoney } from "./money";
import { DAY_MS, type AttributionOrder, type Credit, type MicroConversionKind, type Model } from "./types";

const KIND_LABEL: Record<MicroConversionKind, string> = {
  fit_help: "fit help",
  recommendation_click: "a recommendation click",
  add_to_cart: "an add to cart",
  email_capture: "an email capture",
  coupon_applied: "a coupon",
  qualifier: "a qualifier answer",
  demo_booked: "a demo booking",
  link_click: "a link click",
  question_answered: "an answered question",
};

const MODEL_LABEL: Record<Model, string> = {
  last_touch: "last-touch",
  first_touch: "first-touch",
  linear: "linear",
};

/** Built once: constructing an Intl formatter costs far more than formatting with it. */
const LINE_LIST = new Intl.ListFormat("en", { type: "conjunction" });

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export interface ExplainOptions {
  /** Locale for money formatting (the shop's admin locale). */
  locale?: string;
}

export function explain(order: AttributionOrder, credit: Credit, options: ExplainOptions = {}): string {
  const money = (minor: number) => formatMoney(minor, credit.currency, options.locale);
  const tag = credit.type === "assisted" ? " (assisted)" : "";
  const because = evidence(order, credit);
  const terms = modelTerms(credit);
  if (credit.reducedBy === "cancellation") {
    return `No credit: the order was cancelled. It had been credited ${money(credit.grossAmount)}${tag} because ${because}; ${terms}.`;
  }
  const amount =
    credit.reducedBy === "refund"
      ? `${money(credit.amount)} (${money(credit.grossAmount)} before refunds)`
      : money(credit.amount);
  const what = credit.type === "assisted" && credit.rule === "line_item" ? " for the rest of the order" : "";
  return `Credited ${amount}${what}${tag} because ${because}; ${terms}.`;
}

function evidence(order: AttributionOrder, credit: Credit): string {
  const session = `chat session ${credit.sessionId}`;
  const ago = `${relative(order.createdAt - credit.basis.touchAt)} before the order`;
  const touch = `, whose last micro-conversion (${KIND_LABEL[credit.basis.touchKind]}) was ${ago}`;
  switch (credit.rule) {
    case "line_item": {
      const { lines, count } = linesOf(order, credit);
      if (credit.type === "assisted") return `${session} added ${lines} to it${touch}`;
      const verb = count === 1 ? "was" : "were";
      // An add to cart as the last touch is the line itself being added: say it plainly.
      return credit.basis.touchKind === "add_to_cart"
        ? `${lines} ${verb} added from ${session} ${ago}`
        : `${lines} ${verb} added from ${session}${touch}`;
    }
    case "cart_attribute":
      return `the order's cart carried ${session}${touch}`;
    case "pixel_checkout":
      return `the ChatLift pixel saw this checkout complete in the browser of ${session}${touch}`;
    case "discount_code":
      return `the order used the code ${credit.basis.discountCode ?? "issued in chat"}, issued in ${session}${touch}`;
    case "customer":
      return `the logged-in customer had ${session}${touch}`;
    case "email":
      return `the order's email was captured in ${session}${touch}`;
  }
}

function linesOf(order: AttributionOrder, credit: Credit): { lines: string; count: number } {
  const wanted = credit.basis.lineIds.length ? new Set(credit.basis.lineIds) : null;
  const titles = order.lines
    .filter((line) => (wanted ? wanted.has(line.id) : line.chatSessionId === credit.sessionId))
    .map((line) => line.title);
  if (!titles.length) return { lines: "a line", count: 1 };
  const list = titles.length === 1 ? (titles[0] as string) : LINE_LIST.format(titles);
  return { lines: `the ${list} ${titles.length === 1 ? "line" : "lines"}`, count: titles.length };
}

function modelTerms(credit: Credit): string {
  const window = `${credit.windowDays}-day window`;
  if (credit.model === "linear" && credit.basis.sessionsSharing > 1) {
    return `linear, shared equally by ${credit.basis.sessionsSharing} chat sessions, ${window}`;
  }
  return `${MODEL_LABEL[credit.model]}, ${window}`;
}

/** Whole units, rounded down: "2 days" means at least two full days. */
export function relative(ms: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (ms < MINUTE_MS) return "less than a minute";
  if (ms < HOUR_MS) return plural(Math.floor(ms / MINUTE_MS), "minute");
  if (ms < DAY_MS) return plural(Math.floor(ms / HOUR_MS), "hour");
  return plural(Math.floor(ms / DAY_MS), "day");
}
