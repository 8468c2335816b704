/**
 * Admin GraphQL document of the orders reconciliation (tests/integration/attribution/orders/reconciliation
 * .test.ts validates it against the 2025-01 schema). Pages orders by update time, with what
 * attribution needs: lines and their `_chatlift` property, the `__chatlift` attribute, codes,
 * refunds, money in shop currency.
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
        lineItems(first: 100) {
          nodes {
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
        }
        displayFulfillmentStatus
        fulfillments(first: 10) {
          status
          displayStatus
          trackingInfo(first: 5) {
            company
            number
            url
          }
        }
        refunds(first: 20) {
          id
          createdAt
          refundLineItems(first: 100) {
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
    }
  }
`;

/** Orders per page: a page of 50 orders with 100 lines each stays under the 1,000-point query cap. */
export const ORDERS_PAGE_SIZE = 50;
