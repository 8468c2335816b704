/**
 * Why: where the merchant chooses deals, HubSpot orders or both for credited orders, with what each does on
 * this connection said beside it (order-credits.ts creditRecordNote), so the choice is never a guess.
 */
import { Form } from "@remix-run/react";
import { BlockStack, Button, InlineStack, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import type { CreditRecordView } from "./credit-record.server";

export function CreditRecordForm({ view, busy }: { view: CreditRecordView; busy: boolean }) {
  const [record, setRecord] = useState<string>(view.record);
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="credit_record" />
      <BlockStack gap="200">
        <InlineStack gap="200" blockAlign="end">
          <Select
            label="Credited orders in HubSpot"
            name="record"
            options={[
              { label: "ChatLift deals", value: "deals" },
              {
                label: "HubSpot orders (from HubSpot's Shopify sync)",
                value: "orders",
                disabled: !view.ordersAvailable,
              },
              { label: "Both", value: "both", disabled: !view.ordersAvailable },
            ]}
            value={record}
            onChange={setRecord}
          />
          <Button submit disabled={busy}>
            Save
          </Button>
        </InlineStack>
        <Text as="p" variant="bodySm" tone="subdued">
          <span data-testid="hubspot-credit-record-note">{view.note}</span>
        </Text>
      </BlockStack>
    </Form>
  );
}
