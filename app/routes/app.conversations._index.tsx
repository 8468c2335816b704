import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  InlineStack,
  Layout,
  Page,
  Pagination,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useState } from "react";
import { requireAdmin } from "../admin/ui/session.server";
import { loadConversations } from "../admin/conversations/load-conversations.server";
import { ConversationTable } from "../admin/conversations/ConversationTable";
import { HandoffPanel } from "../admin/conversations/HandoffPanel";
import { handoffAdminAction } from "../admin/conversations/handoff-admin.server";
import { TeachingEmptyState } from "../admin/ui/EmptyState";
import { CSAT_FILTER_LABEL, OUTCOME_LABEL } from "../conversations/conversation-list";
import { downloadFile } from "../admin/ui/download";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  return loadConversations(shop, new URL(request.url).searchParams, Date.now());
}

/** The "I'm online" switch, the business hours and when to offer a person. */
export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const result = await handoffAdminAction(shop, await request.formData(), ["online", "hours", "offers"], Date.now());
  return Response.json(result, { status: result.ok ? 200 : result.status });
}

export default function Conversations() {
  const { errors, shown, list, handoffs } = useLoaderData<typeof loader>();
  const [search, setSearch] = useSearchParams();
  const [words, setWords] = useState(shown.q ?? "");
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete("page");
    setSearch(next);
  };
  const goTo = (page: number) => {
    const next = new URLSearchParams(search);
    next.set("page", String(page));
    setSearch(next);
  };
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const exportCsv = async () => {
    const query = new URLSearchParams(search);
    query.delete("page");
    setExporting(true);
    try {
      setExportError(await downloadFile(`/app/conversations/export?${query}`, "chatlift-conversations.csv"));
    } finally {
      setExporting(false);
    }
  };
  return (
    <Page
      title="Conversations"
      subtitle={`What shoppers said and what ChatLift answered, ${list.range.from} to ${list.range.to}`}
      primaryAction={{ content: "Export CSV", onAction: exportCsv, loading: exporting }}
    >
      <TitleBar title="Conversations" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <HandoffPanel handoffs={handoffs} />
            {exportError ? (
              <Banner tone="critical" title="The export failed" onDismiss={() => setExportError(null)}>
                {exportError}
              </Banner>
            ) : null}
            {errors.length ? (
              <Banner tone="critical" title="These filters cannot be applied">
                <ul>
                  {errors.map((error) => (
                    <li key={error}>{error}</li>
                  ))}
                </ul>
              </Banner>
            ) : null}
            <Card>
              <InlineStack gap="400" blockAlign="end">
                <TextField
                  label="From"
                  type="date"
                  autoComplete="off"
                  value={shown.from}
                  onChange={(v) => set("from", v)}
                />
                <TextField label="To" type="date" autoComplete="off" value={shown.to} onChange={(v) => set("to", v)} />
                <Select
                  label="Flow"
                  options={[
                    { label: "Any", value: "" },
                    ...list.flows.map((flow) => ({ label: flow.name, value: flow.id })),
                  ]}
                  value={shown.flow}
                  onChange={(v) => set("flow", v)}
                />
                <Select
                  label="Outcome"
                  options={[
                    { label: "Any", value: "" },
                    ...Object.entries(OUTCOME_LABEL).map(([value, label]) => ({ value, label })),
                  ]}
                  value={shown.outcome}
                  onChange={(v) => set("outcome", v)}
                />
                <Select
                  label="CSAT"
                  options={[
                    { label: "Any", value: "" },
                    ...Object.entries(CSAT_FILTER_LABEL).map(([value, label]) => ({ value, label })),
                  ]}
                  value={shown.csat}
                  onChange={(v) => set("csat", v)}
                />
                <TextField
                  label="Shopper's words"
                  autoComplete="off"
                  value={words}
                  onChange={setWords}
                  connectedRight={<Button onClick={() => set("q", words.trim())}>Search</Button>}
                />
              </InlineStack>
            </Card>
            {list.rows.length ? (
              <Card padding="0">
                <ConversationTable
                  rows={list.rows}
                  timeZone={list.timeZone}
                  flowNames={Object.fromEntries(list.flows.map((flow) => [flow.id, flow.name]))}
                />
              </Card>
            ) : errors.length ? null : (
              <TeachingEmptyState heading="No conversations match">
                A conversation starts when a shopper opens the chat, starts a flow or types a question. Widen the dates
                or clear a filter.
              </TeachingEmptyState>
            )}
            {list.capped ? (
              <Text as="p" tone="subdued">
                Showing the newest {list.considered} conversations of this range; narrow the dates to see older ones.
              </Text>
            ) : null}
            {list.page > 1 || list.hasNext ? (
              <InlineStack align="center">
                <Pagination
                  hasPrevious={list.page > 1}
                  onPrevious={() => goTo(list.page - 1)}
                  hasNext={list.hasNext}
                  onNext={() => goTo(list.page + 1)}
                />
              </InlineStack>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
