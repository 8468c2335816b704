/**
 * JSON.parse that keeps integers beyond 2^53 exact, as strings. Shopify's REST ids
 * (order_id, line_item_id …) are numbers in the JSON and can exceed what a double holds;
 * JSON.parse would round them silently and a refund would then name the wrong order.
 * Uses the reviver's source text (Node ≥ 21).
 */
type SourceContext = { source?: string };

export function parseJsonLosslessly(text: string): unknown {
  return JSON.parse(text, function (_key, value: unknown, context?: SourceContext) {
    if (
      typeof value === "number" &&
      !Number.isSafeInteger(value) &&
      context?.source &&
      /^-?\d+$/.test(context.source)
    ) {
      return context.source;
    }
    return value;
  } as (this: unknown, key: string, value: unknown) => unknown);
}
