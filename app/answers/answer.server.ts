/**
 * Why: the serving half of answers. The route has checked the proxy's signature and parsed the
 * question; here the shop's limits are applied, its index found (loaded once, kept within a memory
 * budget), the page's product resolved, the core's decision taken, "where is my order?" verified
 * against ChatLift's stored orders, and the question with its answer recorded in the chat session.
 */
import { randomUUID } from "node:crypto";
import type { Answer, AnswerSource, ProductCard, Question } from "../../contract/answers";
import { recordServerEvents } from "../capture/ingest.server";
import { customerGid } from "../capture/ingest-plan";
import { offeredHandoff } from "../conversations/handoff-offers.server";
import { isInstalled } from "../platform/shops/installed-shops.server";
import { RateLimiter, type BucketLimit } from "../platform/storefront/rate-limit";
import type { Answer as Decision, PageContext } from "./answer-types";
import { answerEvents, pagePathOf } from "./answer-events";
import { cardImageUrl } from "../../contract/card-image";
import { thresholdsOf } from "./answer-settings";
import { readAnswerSettings } from "./answer-settings.server";
import { answerQuestion } from "./decide";
import { languageOf } from "./documents";
import { KnowledgeIndex } from "./knowledge-index";
import { indexOf } from "./loaded-indexes.server";
import { latestOrderOf, ordersNamed } from "./order-lookup.server";
import { orderNotFoundText, orderStatusText, orderStatusView, verifyOrderClaim } from "./order-status";
import { rephraseAnswer, type RephrasingOutcome } from "./rephrase.server";

/** A shopper asks a few questions a minute; a script asking for ever is refused early. */
export const QUESTION_VISITOR_LIMIT: BucketLimit = { burst: 20, perSecond: 0.2 };
export const QUESTION_SHOP_LIMIT: BucketLimit = { burst: 600, perSecond: 20 };
/**
 * Order-status attempts (a number tried) are scarcer still: 5 per visitor per 10 minutes, and per shop
 * a burst of 100 then one every 30 s, because a script can make up visitor ids but not shops.
 */
export const ORDER_VISITOR_LIMIT: BucketLimit = { burst: 5, perSecond: 5 / 600 };
export const ORDER_SHOP_LIMIT: BucketLimit = { burst: 100, perSecond: 1 / 30 };

const limiters = {
  visitor: new RateLimiter(QUESTION_VISITOR_LIMIT),
  shop: new RateLimiter(QUESTION_SHOP_LIMIT),
  orderVisitor: new RateLimiter(ORDER_VISITOR_LIMIT),
  orderShop: new RateLimiter(ORDER_SHOP_LIMIT),
};

export interface AskRequest {
  shopDomain: string;
  /** The proxy's logged_in_customer_id ("" when the shopper is not logged in). */
  loggedInCustomerId?: string | null;
  question: Question;
  receivedAt?: Date;
}

export type AskResult =
  | { status: "answered"; answer: Answer }
  | { status: "unknown_shop" }
  /** The merchant switched answers off: nothing is answered or recorded. */
  | { status: "answers_off" }
  | { status: "rate_limited"; scope: "visitor" | "shop"; retryAfterS: number; what: "questions" | "order look-ups" };

export async function askQuestion(request: AskRequest): Promise<AskResult> {
  const { shopDomain, question } = request;
  const receivedAt = request.receivedAt ?? new Date();
  const now = receivedAt.getTime();
  if (!(await isInstalled(shopDomain))) return { status: "unknown_shop" };
  const settings = await readAnswerSettings(shopDomain);
  if (!settings.enabled) return { status: "answers_off" };
  const refused = admit(limiters.visitor, limiters.shop, shopDomain, question.visitorId, now);
  if (refused) return { ...refused, what: "questions" };

  const index = (await indexOf(shopDomain, now)) ?? notSyncedYet(shopDomain, question.locale);
  const decision = answerQuestion(
    index,
    {
      question: question.question,
      locale: question.locale,
      page: pageOf(question.page),
      exclude: question.excludeSourceIds,
    },
    thresholdsOf(settings),
  );
  const customerId = customerGid(request.loggedInCustomerId);
  let answer: Answer;
  let rephrasing: RephrasingOutcome | undefined;
  if (question.order || decision.kind === "order_status") {
    const outcome = await orderStatus(shopDomain, question, decision, customerId, now);
    if (outcome.status === "rate_limited") return outcome;
    answer = outcome.answer;
  } else {
    const extractive = shopperAnswer(decision, question, index.shop.currencyCode);
    ({ answer, rephrasing } = await rephraseAnswer(shopDomain, extractive, question, index, { now }));
  }
  answer.id = randomUUID();

  const ids = { question: randomUUID(), answer: answer.id, micro: randomUUID() };
  const events = answerEvents(question, answer, ids, now, rephrasing);
  const page = {
    type: question.page.type,
    path: pagePathOf(question.page),
    handle: question.page.handle,
    productId: question.page.productId,
    locale: question.locale,
  };
  const batch = {
    v: 1 as const,
    visitorId: question.visitorId,
    arm: question.arm ?? "treatment",
    page,
    sentAt: now,
    events,
  };
  await recordServerEvents({ shopDomain, loggedInCustomerId: request.loggedInCustomerId, batch, receivedAt });
  // After the events: this answer's abstention counts towards an "after N unanswered questions" rule.
  if (await offeredHandoff(shopDomain, question.sessionId, now, { type: page.type, path: page.path }))
    answer.handoff = true;
  return { status: "answered", answer };
}

/** Visitor first, then shop; a shop refusal gives the visitor's token back (nothing was served). */
function admit(visitors: RateLimiter, shops: RateLimiter, shopDomain: string, visitorId: string, now: number) {
  const visitorKey = `${shopDomain}/${visitorId}`;
  const visitor = visitors.take(visitorKey, 1, now);
  if (!visitor.ok)
    return { status: "rate_limited" as const, scope: "visitor" as const, retryAfterS: visitor.retryAfterS };
  const shop = shops.take(shopDomain, 1, now);
  if (!shop.ok) {
    visitors.refund(visitorKey, 1, now);
    return { status: "rate_limited" as const, scope: "shop" as const, retryAfterS: shop.retryAfterS };
  }
  return null;
}

/** The page's product as the index names it: the widget may send Shopify's numeric id or its gid. */
export function pageOf(page: Question["page"]): PageContext {
  const productId = page.productId
    ? /^\d+$/.test(page.productId)
      ? `gid://shopify/Product/${page.productId}`
      : page.productId
    : undefined;
  return { type: page.type, ...(page.handle ? { handle: page.handle } : {}), ...(productId ? { productId } : {}) };
}

/** A shop whose content has not been synced yet still answers honestly (an abstention) and still finds orders. */
function notSyncedYet(shopDomain: string, locale: string): KnowledgeIndex {
  return new KnowledgeIndex({
    name: shopDomain.replace(/\.myshopify\.com$/, ""),
    primaryLocale: locale,
    currencyCode: "",
  });
}

type OrderOutcome = { status: "answered"; answer: Answer } | Extract<AskResult, { status: "rate_limited" }>;

/**
 * "Where is my order?": with a number, the email on the order or the logged-in owner proves access;
 * a logged-in customer without a number gets their latest order. Anything else asks for the details.
 * Every attempt with a number counts against the visitor's and the shop's look-up limits.
 */
async function orderStatus(
  shopDomain: string,
  question: Question,
  decision: Decision,
  customerId: string | null,
  now: number,
): Promise<OrderOutcome> {
  const number = question.order?.number ?? decision.order?.number;
  const email = question.order?.email ?? decision.order?.email;
  const askForDetails = (): OrderOutcome => ({
    status: "answered",
    answer: { kind: "order_status", text: decision.text, sources: [], locale: decision.locale },
  });
  // Only the core's order-status hand-off gets here without question.order: it asks for what is missing.
  if (!number && !customerId) return askForDetails();
  if (number && !question.order && !email && !customerId) return askForDetails();

  if (number) {
    const refused = admit(limiters.orderVisitor, limiters.orderShop, shopDomain, question.visitorId, now);
    if (refused) return { ...refused, what: "order look-ups" };
  }
  const candidates = number ? await ordersNamed(shopDomain, number) : await latestOrderOf(shopDomain, customerId!);
  const proven = verifyOrderClaim(candidates, { email, customerId });
  if (!proven) {
    const { text, locale } = orderNotFoundText(question.locale);
    return { status: "answered", answer: { kind: "order_status", text, sources: [], locale } };
  }
  const view = orderStatusView(proven);
  const { text, locale } = orderStatusText(view, question.locale);
  const source: AnswerSource = {
    type: "order",
    id: view.id,
    title: view.name,
    url: view.tracking.find((parcel) => parcel.url)?.url ?? null,
  };
  return { status: "answered", answer: { kind: "order_status", text, sources: [source], locale } };
}

/** The core's decision in the contract's shape: no scores or candidates leave the server. */
export function shopperAnswer(decision: Decision, question: Question, currencyCode: string): Answer {
  const answer: Answer = {
    kind: decision.kind,
    text: decision.text,
    sources: decision.sources.map(({ type, id, title, url }) => ({ type, id, title, url })),
    locale: decision.locale,
  };
  if (decision.products?.length) {
    answer.products = decision.products.map((card): ProductCard => ({
      id: card.id,
      title: card.title,
      url: card.url,
      price: card.price,
      compareAtPrice: card.compareAtPrice,
      currencyCode,
      imageUrl: card.image ? cardImageUrl(card.image.url) : null,
      ...(card.image?.altText ? { imageAlt: card.image.altText } : {}),
      variants: card.variants.map((variant) => ({
        id: variant.id,
        title: variant.title,
        available: variant.available,
      })),
    }));
  }
  if (decision.suggestions?.length) answer.suggestions = decision.suggestions;
  if (languageOf(decision.locale) !== languageOf(question.locale)) answer.fallbackFromLocale = question.locale;
  return answer;
}

/** For tests that replay traffic: every bucket full again. */
export function resetAnswerLimits(): void {
  for (const limiter of Object.values(limiters)) limiter.clear();
}
