/**
 * Condition trees against a lead's facts. Every leaf is evaluated (no short-circuit: it is
 * cheap and pure), so a decision can say both what matched and what did not, in words.
 */
import { toMinorUnits } from "../attribution/money";
import type { Condition, LeafCondition, LeafOf, TextOp } from "./condition-schema";
import { DAY_MS, emailDomain, shopifyIdKey, type Instant, type LeadFacts } from "./facts";
import { emailKind } from "./free-mail";
import { comparison, compare, KIND_PHRASES, money, OP_SYMBOLS, orList, plural, withinDays } from "./phrases";

export type ConditionContext = {
  facts: LeadFacts;
  now: Instant;
  /** The score recomputed for this evaluation (scoring.ts), not the stored one. */
  score: number;
  qualifiedThreshold: number;
  freeMailDomains: readonly string[];
};

export type ConditionResult = {
  matched: boolean;
  /** Where in the rule's tree, e.g. `all[1]`; "" for the root. */
  path: string;
  /** What the condition asks, e.g. "booked a demo at least 1 time in the last 30 days". */
  text: string;
  /** What the lead has, for leaves, e.g. "0 times". */
  observed?: string;
  children?: ConditionResult[];
};

type LeafOutcome = { matched: boolean; text: string; observed: string };
type LeafEvaluators = { [F in LeafCondition["fact"]]: (leaf: LeafOf<F>, context: ConditionContext) => LeafOutcome };

function matchText(actual: string | undefined, op: TextOp, values: readonly string[] = []): boolean {
  if (op === "present") return Boolean(actual);
  if (op === "absent") return !actual;
  if (!actual) return false;
  const subject = actual.trim().toLowerCase();
  return values.some((raw) => {
    const value = raw.trim().toLowerCase();
    if (op === "equals") return subject === value;
    if (op === "contains") return subject.includes(value);
    if (op === "starts_with") return subject.startsWith(value);
    return subject.endsWith(value);
  });
}

function textCondition(label: string, op: TextOp, values: readonly string[] | undefined): string {
  if (op === "present") return `${label} is known`;
  if (op === "absent") return `${label} is unknown`;
  return `${label} ${op.replace("_", " ")} ${orList(values ?? [], true)}`;
}

const since = (context: ConditionContext, days: number | undefined) =>
  days === undefined ? -Infinity : context.now - days * DAY_MS;

const LEAVES: LeafEvaluators = {
  micro_conversion(leaf, context) {
    const from = since(context, leaf.withinDays);
    const count = context.facts.microConversions.filter(
      (c) => (leaf.kind === "any" || c.kind === leaf.kind) && c.at >= from,
    ).length;
    const text = `${KIND_PHRASES[leaf.kind]} ${comparison(leaf.op, leaf.count, "time")}${withinDays(leaf.withinDays)}`;
    return { matched: compare(count, leaf.op, leaf.count), text, observed: plural(count, "time") };
  },
  intent_score: (leaf, context) => ({
    matched: compare(context.score, leaf.op, leaf.value),
    text: `intent score ${OP_SYMBOLS[leaf.op]} ${leaf.value}`,
    observed: `score ${context.score}`,
  }),
  qualified: (leaf, context) => ({
    matched: context.score >= context.qualifiedThreshold === leaf.is,
    text: `${leaf.is ? "is" : "is not"} qualified (score ≥ ${context.qualifiedThreshold})`,
    observed: `score ${context.score}`,
  }),
  page_visited(leaf, context) {
    const from = since(context, leaf.withinDays);
    const handles = leaf.handles?.map((handle) => handle.toLowerCase());
    const visits = context.facts.pages.filter(
      (page) =>
        page.at >= from &&
        (!leaf.pageTypes || leaf.pageTypes.includes(page.type)) &&
        (!handles || handles.includes((page.handle ?? "").toLowerCase())),
    ).length;
    const kinds = leaf.pageTypes ? `${orList(leaf.pageTypes)} page` : "page";
    const named = leaf.handles ? ` ${orList(leaf.handles, true)}` : "";
    return {
      matched: visits > 0,
      text: `visited a ${kinds}${named}${withinDays(leaf.withinDays)}`,
      observed: visits ? plural(visits, "visit") : "no such visit",
    };
  },
  product(leaf, context) {
    const seen = new Set(context.facts.productIds.map(shopifyIdKey));
    const hits = leaf.productIds.filter((id) => seen.has(shopifyIdKey(id)));
    return {
      matched: hits.length > 0,
      text: `showed interest in product ${orList(leaf.productIds)}`,
      observed: hits.length ? `product ${hits.join(", ")}` : "none of them",
    };
  },
  collection(leaf, context) {
    const seen = new Set(context.facts.collections.map(shopifyIdKey));
    const hits = leaf.collections.filter((id) => seen.has(shopifyIdKey(id)));
    return {
      matched: hits.length > 0,
      text: `browsed collection ${orList(leaf.collections, true)}`,
      observed: hits.length ? `collection ${hits.join(", ")}` : "none of them",
    };
  },
  cart_value(leaf, { facts }) {
    const cart = facts.cartValue ?? 0;
    const threshold = toMinorUnits(leaf.value, facts.currency);
    return {
      matched: compare(cart, leaf.op, threshold),
      text: `cart value ${OP_SYMBOLS[leaf.op]} ${money(threshold, facts.currency)}`,
      observed: facts.cartValue === undefined ? "no cart" : money(cart, facts.currency),
    };
  },
  order_count: (leaf, { facts }) => ({
    matched: compare(facts.orders.count, leaf.op, leaf.value),
    text: `placed ${comparison(leaf.op, leaf.value, "order")}`,
    observed: plural(facts.orders.count, "order"),
  }),
  order_revenue(leaf, { facts }) {
    const threshold = toMinorUnits(leaf.value, facts.currency);
    return {
      matched: compare(facts.orders.revenue, leaf.op, threshold),
      text: `order revenue ${OP_SYMBOLS[leaf.op]} ${money(threshold, facts.currency)}`,
      observed: money(facts.orders.revenue, facts.currency),
    };
  },
  country(leaf, { facts }) {
    const country = facts.country?.toUpperCase();
    // An unknown country matches neither "in" nor "not in": a rule about countries needs one.
    const matched = country !== undefined && leaf.countries.includes(country) === (leaf.op === "in");
    return {
      matched,
      text: `country ${leaf.op === "in" ? "is" : "is not"} ${orList(leaf.countries)}`,
      observed: country ?? "country unknown",
    };
  },
  utm(leaf, { facts }) {
    const actual = facts.utm?.[leaf.field];
    return {
      matched: matchText(actual, leaf.op, leaf.values),
      text: textCondition(`UTM ${leaf.field}`, leaf.op, leaf.values),
      observed: actual ? `"${actual}"` : `no UTM ${leaf.field}`,
    };
  },
  consent: (leaf, { facts }) => ({
    matched: facts.consent === leaf.state,
    text: `consent is ${leaf.state}`,
    observed: `consent ${facts.consent}`,
  }),
  email(leaf, context) {
    const kind = emailKind(context.facts.email, context.freeMailDomains);
    const matched = leaf.is === "captured" ? kind !== "none" : kind === leaf.is;
    const text = { captured: "left an email", business: "left a business email", free_mail: "left a free-mail email" }[
      leaf.is
    ];
    return {
      matched,
      text,
      observed: kind === "none" ? "no email" : `${emailDomain(context.facts.email)} (${kind.replace("_", "-")})`,
    };
  },
  // Yes or no only: the shopper's question never reaches a condition's words (see LeadFacts.handoffRequested).
  handoff_requested: (leaf, { facts }) => ({
    matched: (facts.handoffRequested === true) === leaf.is,
    text: leaf.is ? "asked for a person (handoff)" : "did not ask for a person",
    observed: facts.handoffRequested ? "handoff requested" : "no handoff",
  }),
  email_domain(leaf, { facts }) {
    const domain = emailDomain(facts.email);
    return {
      matched: matchText(domain, leaf.op, leaf.values),
      text: textCondition("email domain", leaf.op, leaf.values),
      observed: domain ?? "no email",
    };
  },
  qualifier(leaf, { facts }) {
    const answer = facts.qualifierAnswers[leaf.question];
    const observed = answer
      ? `answered ${answer.kind === "choice" ? `"${answer.value}"` : answer.value}`
      : "not answered";
    if (leaf.op === "answered") return { matched: answer !== undefined, text: `answered ${leaf.question}`, observed };
    if (leaf.op === "is_any_of") {
      return {
        matched: answer?.kind === "choice" && (leaf.choices ?? []).includes(answer.value),
        text: `answered ${leaf.question} with ${orList(leaf.choices ?? [], true)}`,
        observed,
      };
    }
    const value = leaf.value as number;
    return {
      matched: answer?.kind === "number" && compare(answer.value, leaf.op, value),
      text: `${leaf.question} ${OP_SYMBOLS[leaf.op]} ${value}`,
      observed,
    };
  },
};

function evaluateLeaf<F extends LeafCondition["fact"]>(leaf: LeafOf<F>, context: ConditionContext): LeafOutcome {
  return (LEAVES[leaf.fact as F] as (leaf: LeafOf<F>, context: ConditionContext) => LeafOutcome)(leaf, context);
}

export function evaluateCondition(condition: Condition, context: ConditionContext, path = ""): ConditionResult {
  const at = (key: string, index?: number) =>
    `${path ? `${path}.` : ""}${key}${index === undefined ? "" : `[${index}]`}`;
  if ("all" in condition) {
    const children = condition.all.map((child, index) => evaluateCondition(child, context, at("all", index)));
    return {
      matched: children.every((child) => child.matched),
      path,
      text: children.length ? "all of" : "every lead",
      children,
    };
  }
  if ("any" in condition) {
    const children = condition.any.map((child, index) => evaluateCondition(child, context, at("any", index)));
    return { matched: children.some((child) => child.matched), path, text: "any of", children };
  }
  if ("not" in condition) {
    const child = evaluateCondition(condition.not, context, at("not"));
    return { matched: !child.matched, path, text: "not", children: [child] };
  }
  return { path, ...evaluateLeaf(condition, context) };
}

/**
 * The leaves that decided the outcome, as sentences: for a match, the leaves that matched
 * along the way; otherwise, the ones that failed. Under a `not` the sense flips.
 */
export function explainOutcome(result: ConditionResult, negated = false): string[] {
  if (!result.children) return [`${negated ? "not " : ""}${result.text} (${result.observed})`];
  const outcome = result.matched;
  if (result.text === "not") return explainOutcome(result.children[0] as ConditionResult, !negated);
  const deciding = result.children.filter((child) => child.matched === outcome);
  // "any of" failed or "all of" matched: every child agrees. "every lead" has none.
  return (deciding.length ? deciding : result.children).flatMap((child) => explainOutcome(child, negated));
}

/** Every leaf with its outcome, for the decision log. */
export function flattenLeaves(result: ConditionResult): ConditionResult[] {
  return result.children ? result.children.flatMap(flattenLeaves) : [result];
}
