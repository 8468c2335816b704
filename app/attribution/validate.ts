/**
 * The engine refuses inconsistent input by name instead of crediting nonsense: the caller
 * (webhook, reconciliation) keeps the raw payload and can report exactly what was wrong.
 */
import { currencyDigits } from "./money";
import type { AttributionOrder, ChatTouchpoint } from "./types";

export class AttributionInputError extends Error {
  override name = "AttributionInputError";
  constructor(
    readonly subject: string,
    message: string,
  ) {
    super(`${subject}: ${message}`);
  }
}

function isMinor(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function isInstant(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

export function assertValidOrder(order: AttributionOrder): void {
  const fail = (message: string) => {
    throw new AttributionInputError(`order ${order.id || "(no id)"}`, message);
  };
  if (!order.id) fail("has no id");
  if (!isInstant(order.createdAt)) fail("createdAt is not a time");
  currencyDigits(order.currency);
  if (!isMinor(order.netRevenue))
    fail(`netRevenue ${order.netRevenue} is not a whole, non-negative amount of minor units`);
  if (order.cancelledAt !== null && !isInstant(order.cancelledAt)) fail("cancelledAt is not a time");
  const lineIds = new Set<string>();
  for (const line of order.lines) {
    if (lineIds.has(line.id)) fail(`line ${line.id} appears twice`);
    lineIds.add(line.id);
    if (!isMinor(line.net)) fail(`line ${line.id} net ${line.net} is not a whole, non-negative amount of minor units`);
  }
  for (const refund of order.refunds) {
    if (!isMinor(refund.orderLevelAmount))
      fail(`refund ${refund.id} orderLevelAmount ${refund.orderLevelAmount} is not a whole, non-negative amount`);
    for (const line of refund.lines) {
      if (!isMinor(line.amount))
        fail(`refund ${refund.id} line ${line.lineId} amount ${line.amount} is not a whole, non-negative amount`);
    }
  }
}

export function assertValidCandidates(candidates: readonly ChatTouchpoint[]): void {
  for (const session of candidates) {
    if (!session.sessionId) throw new AttributionInputError("chat session (no id)", "has no id");
    for (const micro of session.microConversions) {
      if (!isInstant(micro.at))
        throw new AttributionInputError(
          `chat session ${session.sessionId}`,
          `micro-conversion ${micro.kind} has no valid time`,
        );
    }
  }
}
