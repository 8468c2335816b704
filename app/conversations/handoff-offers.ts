/**
 * Why: the merchant's rules for offering "Talk to a person" before the shopper asks, e.g. after two questions
 * the shop's content could not answer, when the cart from chat is worth at least $200, or when a B2B qualifier
 * (team size) is at least 50. The conditions are routing's own (app/routing: cart value, qualifier answers,
 * pages, UTM, country), evaluated by routing's engine on the conversation's facts, so there is one rule
 * language; only the count of unanswered questions in this conversation is the handoff's own. Pure: the
 * facts are read by handoff-offers.server.ts, and a handoff started while a rule matches records which.
 */
import { z } from "zod";
import { conditionSchema, type Condition, type LeafFact } from "../routing/condition-schema";
import { evaluateCondition, explainOutcome } from "../routing/conditions";
import type { LeadFacts } from "../routing/facts";
import type { ChatEvent, EventBatch } from "../../contract/events";

export const MAX_OFFER_RULES = 20;
/** Routing's facts a conversation has before any lead exists; the others (orders, email …) are a lead's. */
export const OFFER_FACTS = ["cart_value", "qualifier", "page_visited", "utm", "country"] as const satisfies LeafFact[];

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "lower case letters, digits or -, at most 64");

/** Every fact a condition tree names, to keep offers to the ones a conversation has. */
function factsOf(condition: Condition): string[] {
  if ("all" in condition) return condition.all.flatMap(factsOf);
  if ("any" in condition) return condition.any.flatMap(factsOf);
  if ("not" in condition) return factsOf(condition.not);
  return [condition.fact];
}

export const offerRuleSchema = z
  .strictObject({
    id,
    /** The merchant's name for it, shown beside each handoff it started. */
    name: z.string().trim().min(1).max(120),
    enabled: z.boolean().default(true),
    /** After this many questions in this conversation the shop's content could not answer. */
    afterAbstentions: z.number().int().min(1).max(20).optional(),
    /** Routing's conditions, over OFFER_FACTS. */
    when: conditionSchema.optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.afterAbstentions === undefined && !rule.when)
      ctx.addIssue({ code: "custom", path: ["when"], message: "needs afterAbstentions, when or both" });
    const others = rule.when
      ? factsOf(rule.when).filter((fact) => !(OFFER_FACTS as readonly string[]).includes(fact))
      : [];
    if (others.length)
      ctx.addIssue({
        code: "custom",
        path: ["when"],
        message: `a conversation has no ${[...new Set(others)].join(", ")} before a lead; use ${OFFER_FACTS.join(", ")}`,
      });
  });

export const offerRulesSchema = z
  .array(offerRuleSchema)
  .max(MAX_OFFER_RULES)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: "custom", path: [index, "id"], message: `"${rule.id}" twice` });
      seen.add(rule.id);
    });
  });

export type OfferRule = z.output<typeof offerRuleSchema>;

/** What the rules read about one conversation. */
export interface ConversationFacts {
  /** Questions in this conversation the shop's content could not answer. */
  abstentions: number;
  /** Routing's facts of the shopper so far (no lead needed: email, orders and scores stay empty). */
  facts: LeadFacts;
}

export interface Offer {
  ruleId: string;
  name: string;
  /** Why, in words: "2 questions not answered (at least 2)", "cart value ≥ $200.00 ($240.00)". */
  because: string[];
}

/** The first enabled rule that matches, in the merchant's order; null when none does. */
export function offerFor(rules: readonly OfferRule[], conversation: ConversationFacts, now: number): Offer | null {
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const because: string[] = [];
    if (rule.afterAbstentions !== undefined) {
      if (conversation.abstentions < rule.afterAbstentions) continue;
      because.push(`${conversation.abstentions} questions not answered (at least ${rule.afterAbstentions})`);
    }
    if (rule.when) {
      const result = evaluateCondition(rule.when, {
        facts: conversation.facts,
        now,
        score: 0,
        qualifiedThreshold: Infinity,
        freeMailDomains: [],
      });
      if (!result.matched) continue;
      because.push(...explainOutcome(result));
    }
    return { ruleId: rule.id, name: rule.name, because };
  }
  return null;
}

/** What a widget batch's events say that a rule may read anew: the chat opened here, a flow's answer, a cart add. */
const OFFER_MOMENTS: ReadonlySet<ChatEvent["type"]> = new Set([
  "chat_opened",
  "flow_started",
  "step_answered",
  "micro_conversion",
]);

/**
 * The chat session a stored batch may be offered a person in, or null. Only a batch that opened the chat or
 * moved it on is worth the look-up, so the other batches (prompts shown, steps viewed, a page's session start)
 * cost nothing more. A holdout batch from a prompt is the holdout's proactive path (the loader never prompts the
 * holdout): it is never offered anything, so the control group stays as it is measured.
 */
export function sessionToOffer(batch: EventBatch): string | null {
  const moments = batch.events.filter((event) => OFFER_MOMENTS.has(event.type));
  if (!moments.length) return null;
  if (batch.arm === "holdout" && batch.events.some(isProactive)) return null;
  return moments[moments.length - 1]!.sessionId;
}

/** An event of a conversation the chat started by itself (a prompt), not the shopper. */
export function isProactive(event: ChatEvent): boolean {
  return (
    event.type === "prompt_shown" ||
    (event.type === "chat_opened" && event.by === "prompt") ||
    (event.type === "flow_started" && event.trigger !== "manual")
  );
}

/** Stored rules that no longer parse (hand-edited, or written by a newer version) offer nothing. */
export function readOfferRules(stored: string | null): OfferRule[] {
  if (!stored) return [];
  try {
    const parsed = offerRulesSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/**
 * The Conversations page's three offers in the merchant's words, each one rule under a fixed id: "after N
 * unanswered questions", "a cart from chat worth at least X", "a qualifier answer of at least V". A blank
 * field is no rule. Rules under other ids (written by hand or a later editor) are kept as they are.
 */
export const FORM_RULE_IDS = { unanswered: "unanswered", cart: "big-cart", qualifier: "qualifier" } as const;

export interface OfferForm {
  afterAbstentions?: number;
  cartAtLeast?: number;
  qualifier?: { question: string; atLeast: number };
}

export function offerFormOf(rules: readonly OfferRule[]): OfferForm {
  const byId = (id: string) => rules.find((rule) => rule.id === id && rule.enabled);
  const cart = byId(FORM_RULE_IDS.cart)?.when;
  const qualifier = byId(FORM_RULE_IDS.qualifier)?.when;
  return {
    afterAbstentions: byId(FORM_RULE_IDS.unanswered)?.afterAbstentions,
    cartAtLeast: cart && "fact" in cart && cart.fact === "cart_value" ? cart.value : undefined,
    qualifier:
      qualifier && "fact" in qualifier && qualifier.fact === "qualifier" && qualifier.value !== undefined
        ? { question: qualifier.question, atLeast: qualifier.value }
        : undefined,
  };
}

/** The form's offers as rules (before offerRulesSchema checks them), with the shop's other rules after them. */
export function rulesOfOfferForm(form: OfferForm, others: readonly OfferRule[], currency: string): unknown[] {
  const mine = new Set<string>(Object.values(FORM_RULE_IDS));
  return [
    ...(form.afterAbstentions !== undefined
      ? [
          {
            id: FORM_RULE_IDS.unanswered,
            name: `After ${form.afterAbstentions} unanswered questions`,
            afterAbstentions: form.afterAbstentions,
          },
        ]
      : []),
    ...(form.cartAtLeast !== undefined
      ? [
          {
            id: FORM_RULE_IDS.cart,
            name: `Cart from chat worth at least ${form.cartAtLeast} ${currency}`,
            when: { fact: "cart_value", op: "gte", value: form.cartAtLeast },
          },
        ]
      : []),
    ...(form.qualifier
      ? [
          {
            id: FORM_RULE_IDS.qualifier,
            name: `${form.qualifier.question} at least ${form.qualifier.atLeast}`,
            when: { fact: "qualifier", question: form.qualifier.question, op: "gte", value: form.qualifier.atLeast },
          },
        ]
      : []),
    ...others.filter((rule) => !mine.has(rule.id)),
  ];
}
