import { Badge, IndexTable, InlineStack, Link, Text } from "@shopify/polaris";
import { Link as RemixLink } from "@remix-run/react";
import { MODEL_LABEL, RULE_LABEL, type AuditRow } from "./order-audit";

/** Credited orders with the sentence that explains each credit. */
export function CreditTable({ rows, linkOrders = true }: { rows: AuditRow[]; linkOrders?: boolean }) {
  return (
    <IndexTable
      resourceName={{ singular: "credit", plural: "credits" }}
      itemCount={rows.length}
      selectable={false}
      headings={[
        { title: "Order" },
        { title: "Credited" },
        { title: "Rule" },
        { title: "Model and window" },
        { title: "Why" },
      ]}
    >
      {rows.map((row, index) => (
        <IndexTable.Row id={row.creditId} key={row.creditId} position={index}>
          <IndexTable.Cell>
            {linkOrders ? (
              <RemixLink to={`/app/orders/${row.orderId.split("/").pop()}`} data-testid="order-link">
                {row.orderName}
              </RemixLink>
            ) : (
              row.orderName
            )}
            <Text as="p" variant="bodySm" tone="subdued">
              {row.placedAt.slice(0, 10)}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" numeric fontWeight="semibold">
              {row.amount}
            </Text>
            {row.grossAmount ? (
              <Text as="p" variant="bodySm" tone="subdued">
                of {row.grossAmount}
              </Text>
            ) : null}
            <Badge tone={row.role === "direct" ? "success" : "info"}>
              {row.role === "direct" ? "Direct" : "Assisted"}
            </Badge>
          </IndexTable.Cell>
          <IndexTable.Cell>{RULE_LABEL[row.rule] ?? row.rule}</IndexTable.Cell>
          <IndexTable.Cell>
            {MODEL_LABEL[row.model] ?? row.model}, {row.windowDays}-day
          </IndexTable.Cell>
          <IndexTable.Cell>
            <div style={{ whiteSpace: "normal", maxWidth: 420 }}>
              <Text as="p" variant="bodySm">
                {row.explanation}
              </Text>
              <InlineStack gap="300">
                <RemixLink to={`/app/conversations/${row.chatSessionId}`} data-testid="conversation-link">
                  Read the conversation
                </RemixLink>
                {row.adminUrl ? (
                  <Link url={row.adminUrl} target="_top">
                    Open in Shopify admin
                  </Link>
                ) : null}
              </InlineStack>
            </div>
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
