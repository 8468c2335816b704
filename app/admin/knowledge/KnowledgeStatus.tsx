/** What the sync stored per source type and language, how the last pass went, and "Sync now". */
import { Form, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DataTable, InlineStack, Text } from "@shopify/polaris";
import type { SyncStatusView } from "./knowledge";

const TYPE_LABEL: Record<string, string> = { product: "Products", page: "Pages", policy: "Policies", faq: "Your FAQs" };
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

type Props = {
  status: SyncStatusView;
  sources: { type: string; locale: string; count: number }[];
  queued: boolean;
};

export function KnowledgeStatus({ status, sources, queued }: Props) {
  const syncing = useNavigation().formData?.get("intent") === "sync";
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            What ChatLift answers from
          </Text>
          <Form method="post">
            <input type="hidden" name="intent" value="sync" />
            <Button submit loading={syncing}>
              Sync now
            </Button>
          </Form>
        </InlineStack>
        {queued ? <Banner tone="info" title="Sync queued: your store's content is read again in a moment" /> : null}
        {status.state === "failed" ? (
          <Banner tone="critical" title={`The last sync failed (${when(status.errorAt)}); it is retried`}>
            <p>{status.error}</p>
          </Banner>
        ) : null}
        <Text as="p">
          {status.state === "running"
            ? `Syncing since ${when(status.runStartedAt)} (${status.phase ?? "starting"}). `
            : ""}
          Last complete sync: {when(status.lastSyncedAt)}.
        </Text>
        {sources.length ? (
          <DataTable
            columnContentTypes={["text", "text", "numeric"]}
            headings={["Source", "Language", "Count"]}
            rows={sources.map((row) => [TYPE_LABEL[row.type] ?? row.type, row.locale, row.count])}
          />
        ) : (
          <Text as="p" tone="subdued">
            Nothing synced yet: products, pages and policies are read after install and every day.
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
