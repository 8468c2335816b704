import { Badge, IndexTable, InlineStack, Text } from "@shopify/polaris";
import { Link as RemixLink } from "@remix-run/react";
import type { ConversationRow } from "../../conversations/conversation-csv";
import { shopTime } from "../ui/time";

/** Conversations, newest first: what the shopper said first, what came of it. */
export function ConversationTable({
  rows,
  timeZone,
  flowNames,
}: {
  rows: ConversationRow[];
  timeZone: string;
  flowNames: Record<string, string>;
}) {
  return (
    <IndexTable
      resourceName={{ singular: "conversation", plural: "conversations" }}
      itemCount={rows.length}
      selectable={false}
      headings={[{ title: "Started" }, { title: "Shopper" }, { title: "Outcome" }, { title: "Credited" }]}
    >
      {rows.map((row, index) => (
        <IndexTable.Row id={row.sessionId} key={row.sessionId} position={index}>
          <IndexTable.Cell>
            <RemixLink to={`/app/conversations/${row.sessionId}`} data-testid="conversation-link">
              {shopTime(row.startedAt, timeZone)}
            </RemixLink>
            <Text as="p" variant="bodySm" tone="subdued">
              {row.landingPath ?? ""}
              {row.utm.source ? ` · ${row.utm.source}` : ""}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span">
              {row.firstShopperWords ??
                (row.flows.length ? `Flow: ${row.flows.map((id) => flowNames[id] ?? id).join(", ")}` : "—")}
            </Text>
            <Text as="p" variant="bodySm" tone="subdued">
              {row.shopperTurns} shopper turn{row.shopperTurns === 1 ? "" : "s"}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <InlineStack gap="100">
              {row.answered ? <Badge tone="success">{`${row.answered} answered`}</Badge> : null}
              {row.abstained ? <Badge tone="attention">{`${row.abstained} not covered`}</Badge> : null}
              {row.microConversions
                .filter((kind) => kind !== "question_answered")
                .map((kind, i) => (
                  <Badge key={`${kind}-${i}`} tone="info">
                    {kind.replace(/_/g, " ")}
                  </Badge>
                ))}
            </InlineStack>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" numeric>
              {row.credited
                ? `${row.credited} (${row.creditedOrders} order${row.creditedOrders === 1 ? "" : "s"})`
                : "—"}
            </Text>
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
