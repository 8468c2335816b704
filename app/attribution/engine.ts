/**
 * The attribution engine: one order and its candidate chat sessions in, every credit for every
 * model and window out. Pure and synchronous, so the webhook, the reconciliation pass and the
 * benchmark all run the very same arithmetic.
 *
 * Semantics (the merchant-facing promises):
 * - A session counts only if it is in the treatment arm and has a micro-conversion strictly
 *   before the order, at most `windowDays` days before it. Holdout sessions never earn credit:
 *   they are the control group, and whatever they buy (even after opening chat by hand, which
 *   treatment visitors can do too) is the baseline the lift is measured against.
 * - Direct credit: a line carrying `_chatlift` is credited, for its own net revenue, to the
 *   session that added it, whatever the model (there is nothing to compete for).
 * - Assisted credit: the rest of the order goes to the linked qualifying sessions by the model:
 *   last touch (latest micro-conversion), first touch (earliest micro-conversion inside the
 *   window) or linear (equal shares). Only line-level evidence says which revenue chat
 *   produced; order-level links (cart attribute, code, customer, email) prove engagement, not
 *   causation, so they are "assisted" and the holdout lift says how much of it is real.
 * - Ties between sessions are broken by the more certain rule, then by session id.
 * - Per model and window the credits of an order never add up to more than its net revenue:
 *   the order is split once into disjoint parts (direct lines, rest) with whole cents.
 * - Refunds reduce the refunded lines' credit; order-level refunds reduce every part pro rata;
 *   a cancelled order keeps its credits at zero, with the reason, for the audit trail.
 */
import { firstTouchWithin, linkSessions, rulePrecedence, type SessionLink } from "./links";
import { allocate, allocateEqually } from "./money";
import { netOfRefunds, type NetOfRefunds } from "./refunds";
import { assertValidCandidates, assertValidOrder } from "./validate";
import {
  DAY_MS,
  MODELS,
  RULE_CONFIDENCE,
  WINDOWS,
  type AttributionOrder,
  type AttributionResult,
  type ChatTouchpoint,
  type Credit,
  type CreditReduction,
  type CreditType,
  type Exclusion,
  type Minor,
  type Model,
  type WindowDays,
} from "./types";

export interface AttributionOptions {
  models?: readonly Model[];
  windows?: readonly WindowDays[];
}

interface Part {
  link: SessionLink;
  type: CreditType;
  gross: Minor;
  net: Minor;
}

export function attributeOrder(
  order: AttributionOrder,
  candidates: readonly ChatTouchpoint[],
  options: AttributionOptions = {},
): AttributionResult {
  assertValidOrder(order);
  assertValidCandidates(candidates);
  const models = options.models ?? MODELS;
  const windows = options.windows ?? WINDOWS;
  const longest = Math.max(0, ...windows) * DAY_MS;

  const { links, missingSessionIds } = linkSessions(order, candidates);
  const excluded: Exclusion[] = [];
  const eligible: SessionLink[] = [];
  for (const link of links) {
    const reason =
      link.session.arm === "holdout"
        ? "holdout"
        : !link.lastTouch
          ? "no_micro_conversion_before_order"
          : order.createdAt - link.lastTouch.at > longest
            ? "outside_every_window"
            : null;
    if (reason) excluded.push({ sessionId: link.session.sessionId, rule: link.rule, reason });
    else eligible.push(link);
  }

  const credits: Credit[] = [];
  if (eligible.length) {
    const net = netOfRefunds(order);
    const lineTotals = eligible.map((link) => linesTotal(order, net, link));
    for (const windowDays of windows) {
      const from = order.createdAt - windowDays * DAY_MS;
      const qualifying: SessionLink[] = [];
      const totals: LineTotals[] = [];
      eligible.forEach((link, i) => {
        if ((link.lastTouch?.at ?? -Infinity) < from) return;
        qualifying.push(link);
        totals.push(lineTotals[i] as LineTotals);
      });
      if (!qualifying.length) continue;
      const { direct, rest } = splitOrder(order, net, qualifying, totals);
      for (const model of models) {
        for (const part of direct) credits.push(toCredit(order, part, model, windowDays, 1, 1));
        if (rest.gross === 0) continue;
        const chosen = chooseSessions(model, qualifying, from, order.createdAt);
        if (chosen.length === 1) {
          const part: Part = { link: chosen[0] as SessionLink, type: "assisted", gross: rest.gross, net: rest.net };
          credits.push(toCredit(order, part, model, windowDays, 1, 1));
          continue;
        }
        const grossShares = allocateEqually(rest.gross, chosen.length);
        const netShares = allocateEqually(rest.net, chosen.length);
        chosen.forEach((link, i) => {
          const part: Part = { link, type: "assisted", gross: grossShares[i] as number, net: netShares[i] as number };
          credits.push(toCredit(order, part, model, windowDays, 1 / chosen.length, chosen.length));
        });
      }
    }
  }
  return { orderId: order.id, credits, excluded, missingSessionIds };
}

interface LineTotals {
  gross: Minor;
  net: Minor;
}

/** What the session's own lines brought in, before and after the refunds that name them. */
function linesTotal(order: AttributionOrder, net: NetOfRefunds, link: SessionLink): LineTotals {
  let gross = 0;
  let after = 0;
  for (const id of link.lineIds) {
    for (const line of order.lines) if (line.id === id) gross += line.net;
    after += net.lineNet.get(id) ?? 0;
  }
  return { gross, net: after };
}

/**
 * The order's revenue in disjoint parts: one per session that added lines, and the rest. The
 * same split is made twice, before refunds (gross) and after (net), each with whole cents
 * adding up to the order's revenue, so no model can credit more than the order.
 */
function splitOrder(
  order: AttributionOrder,
  net: NetOfRefunds,
  qualifying: readonly SessionLink[],
  totals: readonly LineTotals[],
) {
  const withLines: SessionLink[] = [];
  const grossWeights: Minor[] = [];
  const netWeights: Minor[] = [];
  qualifying.forEach((link, i) => {
    if (!link.lineIds.length) return;
    withLines.push(link);
    grossWeights.push((totals[i] as LineTotals).gross);
    netWeights.push((totals[i] as LineTotals).net);
  });
  const cancelled = order.cancelledAt !== null;
  if (!withLines.length) {
    return { direct: [] as Part[], rest: { gross: order.netRevenue, net: cancelled ? 0 : net.afterAllRefunds } };
  }
  grossWeights.push(Math.max(0, order.netRevenue - sum(grossWeights)));
  netWeights.push(Math.max(0, net.afterLineRefunds - sum(netWeights)));
  // Lines worth more than the order (inconsistent data) are scaled down to it; order-level
  // refunds shrink every part in proportion to what it still holds.
  const grossParts = allocate(order.netRevenue, grossWeights);
  const netParts = cancelled ? grossParts.map(() => 0) : allocate(net.afterAllRefunds, netWeights);
  const direct: Part[] = withLines.map((link, i) => ({
    link,
    type: "direct",
    gross: grossParts[i] as number,
    net: netParts[i] as number,
  }));
  const last = withLines.length;
  return { direct, rest: { gross: grossParts[last] as number, net: netParts[last] as number } };
}

function chooseSessions(
  model: Model,
  qualifying: readonly SessionLink[],
  from: number,
  orderAt: number,
): SessionLink[] {
  if (qualifying.length === 1) return [qualifying[0] as SessionLink];
  if (model === "linear") return [...qualifying].sort((a, b) => compareTouches(touchAt(a), touchAt(b), a, b));
  // One pass: the latest (last touch) or earliest in-window (first touch) micro-conversion,
  // equal times going to the more certain rule, then the smaller session id.
  let best = qualifying[0] as SessionLink;
  let bestAt = model === "first_touch" ? firstTouch(best, from, orderAt) : touchAt(best);
  for (let i = 1; i < qualifying.length; i++) {
    const link = qualifying[i] as SessionLink;
    const at = model === "first_touch" ? firstTouch(link, from, orderAt) : touchAt(link);
    const order = compareTouches(at, bestAt, link, best);
    if (model === "first_touch" ? order < 0 : at > bestAt || (at === bestAt && order < 0)) {
      best = link;
      bestAt = at;
    }
  }
  return [best];
}

function touchAt(link: SessionLink): number {
  return link.lastTouch?.at ?? -Infinity;
}

function firstTouch(link: SessionLink, from: number, orderAt: number): number {
  return firstTouchWithin(link.session, from, orderAt) ?? touchAt(link);
}

/** Earlier touch first; equal times: more certain rule, then session id (deterministic). */
function compareTouches(atA: number, atB: number, a: SessionLink, b: SessionLink): number {
  return (
    atA - atB ||
    rulePrecedence(a.rule) - rulePrecedence(b.rule) ||
    (a.session.sessionId < b.session.sessionId ? -1 : a.session.sessionId > b.session.sessionId ? 1 : 0)
  );
}

function toCredit(
  order: AttributionOrder,
  part: Part,
  model: Model,
  windowDays: WindowDays,
  share: number,
  sessionsSharing: number,
): Credit {
  const { link } = part;
  const reducedBy: CreditReduction =
    order.cancelledAt !== null ? "cancellation" : part.net < part.gross ? "refund" : null;
  const touch = link.lastTouch as NonNullable<SessionLink["lastTouch"]>;
  return {
    orderId: order.id,
    sessionId: link.session.sessionId,
    rule: link.rule,
    model,
    windowDays,
    type: part.type,
    confidence: RULE_CONFIDENCE[link.rule],
    amount: part.net,
    grossAmount: part.gross,
    reducedBy,
    share,
    currency: order.currency,
    basis: {
      touchAt: touch.at,
      touchKind: touch.kind,
      lineIds: part.type === "direct" ? link.lineIds : [],
      discountCode: link.discountCode,
      sessionsSharing,
    },
  };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
