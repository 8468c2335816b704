/**
 * The shop's orders as the Admin API stand-in serves them: `orders` (searched by update time, cursor paged),
 * `order(id)` and `refund(id)`, with Shopify's paging rules on every connection (first or last required, at most
 * 250, cursors) and lists cut to their `first`. Orders are kept whole, in the reconciliation's GraphQL shape
 * (sandbox/shopify/order-payloads.ts `aGraphqlOrder`), so a test states an order once and the stand-in pages it.
 */
type Json = Record<string, unknown>;

const MAX_PAGE = 250;

interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

const cursorOf = (index: number) => Buffer.from(JSON.stringify({ index }), "utf8").toString("base64");

function indexOf(cursor: string): number {
  try {
    const index = (JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { index?: unknown }).index;
    if (typeof index === "number" && Number.isInteger(index)) return index;
  } catch {
    // falls through to Shopify's refusal
  }
  throw new Error(`Invalid cursor: ${cursor}`);
}

/** A connection over `items` as Shopify pages it. */
export function connectionOf<T>(items: T[], args: PageArgs, node: (item: T) => unknown = (item) => item) {
  const { first, last } = args;
  if (first == null && last == null) throw new Error("you must provide one of first or last");
  for (const [name, size] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (size != null && (size < 0 || size > MAX_PAGE))
      throw new Error(`The '${name}' argument must be between 0 and ${MAX_PAGE}.`);
  }
  let start = args.after ? indexOf(args.after) + 1 : 0;
  let end = args.before ? indexOf(args.before) : items.length;
  if (first != null) end = Math.min(end, start + first);
  if (last != null) start = Math.max(start, end - last);
  const indexes = Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
  const nodes = indexes.map((index) => node(items[index]!));
  return {
    nodes,
    edges: indexes.map((index, i) => ({ cursor: cursorOf(index), node: nodes[i] })),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: indexes.length ? cursorOf(indexes[0]!) : null,
      endCursor: indexes.length ? cursorOf(indexes[indexes.length - 1]!) : null,
    },
  };
}

const upTo = <T>(items: T[], first: number | null | undefined) => (first == null ? items : items.slice(0, first));

function refundObject(refund: Json) {
  const lines = ((refund.refundLineItems as { nodes?: Json[] } | undefined)?.nodes ?? []) as Json[];
  return { ...refund, refundLineItems: (args: PageArgs) => connectionOf(lines, args) };
}

function orderObject(order: Json) {
  const lines = ((order.lineItems as { nodes?: Json[] } | undefined)?.nodes ?? []) as Json[];
  const fulfillments = (order.fulfillments ?? []) as Json[];
  return {
    ...order,
    lineItems: (args: PageArgs) => connectionOf(lines, args),
    refunds: ({ first }: { first?: number | null }) => upTo((order.refunds ?? []) as Json[], first).map(refundObject),
    fulfillments: ({ first }: { first?: number | null }) =>
      upTo(fulfillments, first).map((fulfillment) => ({
        ...fulfillment,
        trackingInfo: ({ first: size }: { first?: number | null }) =>
          upTo((fulfillment.trackingInfo ?? []) as Json[], size),
      })),
  };
}

const COMPARISONS: Record<string, (a: number, b: number) => boolean> = {
  ">=": (a, b) => a >= b,
  ">": (a, b) => a > b,
  "<=": (a, b) => a <= b,
  "<": (a, b) => a < b,
};

/** The search terms the stand-in understands: `updated_at` comparisons joined by spaces (AND). */
function matches(query: string | null | undefined): (order: Json) => boolean {
  const tests = (query ?? "")
    .split(/\s+(?:AND\s+)?/)
    .filter(Boolean)
    .map((term) => {
      const match = /^updated_at:(>=|<=|>|<)'?([^']+)'?$/.exec(term);
      const at = match ? Date.parse(match[2]!) : NaN;
      if (!match || Number.isNaN(at)) throw new Error(`the Admin API stand-in cannot search orders by "${term}"`);
      return (order: Json) => COMPARISONS[match[1]!]!(Date.parse(String(order.updatedAt)), at);
    });
  return (order) => tests.every((test) => test(order));
}

const SORT_FIELDS: Record<string, string> = {
  UPDATED_AT: "updatedAt",
  CREATED_AT: "createdAt",
  PROCESSED_AT: "createdAt",
  ID: "id",
};

/** Root fields over `orders` (none: the shop has no orders). */
export function orderResolvers(orders: Json[]) {
  return {
    orders: (args: PageArgs & { query?: string | null; sortKey?: string; reverse?: boolean }) => {
      const field = SORT_FIELDS[args.sortKey ?? "PROCESSED_AT"];
      if (!field) throw new Error(`the Admin API stand-in cannot sort orders by ${args.sortKey}`);
      const sorted = orders
        .filter(matches(args.query))
        .sort((a, b) => String(a[field]).localeCompare(String(b[field])) || String(a.id).localeCompare(String(b.id)));
      return connectionOf(args.reverse ? sorted.reverse() : sorted, args, orderObject);
    },
    order: ({ id }: { id: string }) => {
      const order = orders.find((candidate) => candidate.id === id);
      return order ? orderObject(order) : null;
    },
    refund: ({ id }: { id: string }) => {
      const refund = orders
        .flatMap((order) => (order.refunds ?? []) as Json[])
        .find((candidate) => candidate.id === id);
      return refund ? refundObject(refund) : null;
    },
  };
}
