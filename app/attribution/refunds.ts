/**
 * What is left of an order's revenue after refunds, line by line where the refund names the
 * line, pro rata where it does not.
 */
import type { AttributionOrder, Minor } from "./types";

export interface NetOfRefunds {
  /** Each line's net after the refunds that name it (never below zero). */
  lineNet: Map<string, Minor>;
  /** Order revenue after line refunds, before order-level refunds. */
  afterLineRefunds: Minor;
  /** Order revenue after every refund (never below zero). */
  afterAllRefunds: Minor;
  /** Everything refunded from merchandise, for the merchant's sentence. */
  refunded: Minor;
}

export function netOfRefunds(order: AttributionOrder): NetOfRefunds {
  const lineNet = new Map<string, Minor>();
  for (const line of order.lines) lineNet.set(line.id, line.net);
  let lineRefunds = 0;
  let orderLevel = 0;
  for (const refund of order.refunds) {
    orderLevel += refund.orderLevelAmount;
    for (const refunded of refund.lines) {
      const before = lineNet.get(refunded.lineId);
      if (before === undefined) {
        // A refund naming a line the order does not list (an edit added it later): the money
        // still left the order, so it reduces everything pro rata.
        orderLevel += refunded.amount;
        continue;
      }
      // A line cannot lose more than it brought in; the excess (usually tax or duties the
      // mapper folded in) is not merchandise and reduces nothing else.
      const taken = Math.min(before, refunded.amount);
      lineNet.set(refunded.lineId, before - taken);
      lineRefunds += taken;
    }
  }
  const afterLineRefunds = Math.max(0, order.netRevenue - lineRefunds);
  const afterAllRefunds = Math.max(0, afterLineRefunds - orderLevel);
  return { lineNet, afterLineRefunds, afterAllRefunds, refunded: order.netRevenue - afterAllRefunds };
}
