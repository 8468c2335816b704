/**
 * Webhooks Shopify signed that ChatLift could not read: they were acknowledged (so Shopify stopped
 * retrying) and nothing was done with them, which the merchant should know and can raise with support.
 */
import { BlockStack, DataTable, Text } from "@shopify/polaris";

export interface DeadLetterView {
  webhookId: string;
  topic: string;
  reason: string;
  bodyBytes: number;
  bodySha256: string;
  /** ISO time; loader data arrives serialized. */
  receivedAt: string | Date;
}

export function SettingsDeadLetters({ letters }: { letters: DeadLetterView[] }) {
  return (
    <BlockStack gap="300">
      <Text as="p">
        Shopify sent these, signed, but they could not be read, so nothing was recorded from them. Shopify&apos;s
        delivery log shows each one under its webhook id.
      </Text>
      <DataTable
        columnContentTypes={["text", "text", "text", "text"]}
        headings={["Received", "Topic", "Why", "Webhook id"]}
        rows={letters.map((letter) => [
          new Date(letter.receivedAt).toISOString().slice(0, 16).replace("T", " ") + " UTC",
          letter.topic,
          `${letter.reason} (${letter.bodyBytes} bytes)`,
          letter.webhookId,
        ])}
      />
    </BlockStack>
  );
}
