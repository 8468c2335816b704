/**
 * Admin GraphQL documents of the orders reconciliation and zod shapes of their answers
 * (tests/unit/integrations/shopify/document-costs.test.ts checks every document against the 2026-10 schema and
 * the single-query limit). Shopify refuses any query whose requested cost passes 1,000 points, and a full order
 * (100 lines, 20 refunds of 100 lines) costs over 1,300 alone: so a page carries the order-level fields and a
 * small first page of lines, and what did not fit (more lines, the lines of each refund) is read with its own
 * cursor-paged query. Costs below are Shopify's calculated cost (object 1, connection 2 + first × node).
 */
import { z } from "zod";
import type { GraphQLDocument } from "./widget-config.graphql";

/** 2 + 15 × (12 + 5 × 9) = 857 points: an order costs 12 plus 9 per line asked for. */
export const ORDERS_PAGE_SIZE = 15;
export const ORDER_LINES_FIRST = 5;
/** 3 + 100 × 9 = 903 points. */
export const MORE_LINES_PAGE_SIZE = 100;
/** 3 + 200 × 4 = 803 points. */
export const REFUND_LINES_PAGE_SIZE = 200;

const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
const money = z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }) });
const attribute = z.object({ key: z.string(), value: z.string().nullish() });
const ref = z.object({ id: z.string() }).nullish();

export const reconciledLineSchema = z.object({
  id: z.string(),
  title: z.string(),
  quantity: z.number().int(),
  product: ref,
  variant: ref,
  customAttributes: z.array(attribute),
  originalUnitPriceSet: money,
  discountAllocations: z.array(z.object({ allocatedAmountSet: money })),
});

export const reconciledRefundLineSchema = z.object({
  quantity: z.number().int(),
  lineItem: z.object({ id: z.string() }),
  subtotalSet: money,
});

/** An order as a page carries it: every order-level field, the first lines, the refunds without their lines. */
export const reconcileOrderNodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullish(),
  test: z.boolean(),
  email: z.string().nullish(),
  presentmentCurrencyCode: z.string().nullish(),
  customer: ref,
  customAttributes: z.array(attribute),
  discountCodes: z.array(z.string()),
  totalPriceSet: money,
  subtotalPriceSet: money.nullish(),
  lineItems: z.object({ pageInfo, nodes: z.array(reconciledLineSchema) }),
  /** Absent from older answers: the stored fulfillment is then kept as it is. */
  displayFulfillmentStatus: z.string().nullish(),
  fulfillments: z
    .array(
      z.object({
        status: z.string(),
        displayStatus: z.string().nullish(),
        trackingInfo: z.array(
          z.object({ company: z.string().nullish(), number: z.string().nullish(), url: z.string().nullish() }),
        ),
      }),
    )
    .nullish(),
  refunds: z.array(z.object({ id: z.string(), createdAt: z.string().nullish() })),
});

const LINE_FIELDS = `#graphql
  fragment ChatLiftReconciledLine on LineItem {
    id
    title
    quantity
    product {
      id
    }
    variant {
      id
    }
    customAttributes {
      key
      value
    }
    originalUnitPriceSet {
      shopMoney {
        amount
        currencyCode
      }
    }
    discountAllocations {
      allocatedAmountSet {
        shopMoney {
          amount
          currencyCode
        }
      }
    }
  }
`;

export const reconcileOrdersPageSchema = z.object({
  orders: z.object({ pageInfo, nodes: z.array(reconcileOrderNodeSchema) }),
});

/**
 * Orders by update time. Fulfillments, tracking and refunds are lists Shopify returns whole (asked without
 * `first`, nothing is cut off); refunds come without their lines, which RECONCILE_REFUND_LINES reads.
 */
export const RECONCILE_ORDERS = `#graphql
  query ChatLiftReconcileOrders($first: Int!, $after: String, $query: String) {
    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        createdAt
        updatedAt
        cancelledAt
        test
        email
        presentmentCurrencyCode
        customer {
          id
        }
        customAttributes {
          key
          value
        }
        discountCodes
        totalPriceSet {
          shopMoney {
            amount
            currencyCode
          }
        }
        subtotalPriceSet {
          shopMoney {
            amount
            currencyCode
          }
        }
        lineItems(first: ${ORDER_LINES_FIRST}) {
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            ...ChatLiftReconciledLine
          }
        }
        displayFulfillmentStatus
        fulfillments {
          status
          displayStatus
          trackingInfo {
            company
            number
            url
          }
        }
        refunds {
          id
          createdAt
        }
      }
    }
  }
  ${LINE_FIELDS}
` as GraphQLDocument<z.infer<typeof reconcileOrdersPageSchema>, { first: number; after: string | null; query: string }>;

export const orderLinesSchema = z.object({
  order: z
    .object({ id: z.string(), lineItems: z.object({ pageInfo, nodes: z.array(reconciledLineSchema) }) })
    .nullable(),
});

/** The lines of one order after the first page's. */
export const RECONCILE_ORDER_LINES = `#graphql
  query ChatLiftReconcileOrderLines($id: ID!, $first: Int!, $after: String) {
    order(id: $id) {
      id
      lineItems(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...ChatLiftReconciledLine
        }
      }
    }
  }
  ${LINE_FIELDS}
` as GraphQLDocument<z.infer<typeof orderLinesSchema>, { id: string; first: number; after: string | null }>;

export const refundLinesSchema = z.object({
  refund: z
    .object({
      id: z.string(),
      refundLineItems: z.object({ pageInfo, nodes: z.array(reconciledRefundLineSchema) }),
    })
    .nullable(),
});

/** The lines of one refund, a page at a time. */
export const RECONCILE_REFUND_LINES = `#graphql
  query ChatLiftReconcileRefundLines($id: ID!, $first: Int!, $after: String) {
    refund(id: $id) {
      id
      refundLineItems(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          quantity
          lineItem {
            id
          }
          subtotalSet {
            shopMoney {
              amount
              currencyCode
            }
          }
        }
      }
    }
  }
` as GraphQLDocument<z.infer<typeof refundLinesSchema>, { id: string; first: number; after: string | null }>;
