import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useState } from "react";
import { requireAdmin } from "../admin/ui/session.server";
import { loadDashboard } from "../admin/dashboard/dashboard.server";
import { MODEL_LABEL } from "../admin/orders/order-audit";
import { WINDOWS } from "../attribution/types";
import { formatMoney } from "../attribution/money";
import { TeachingEmptyState } from "../admin/ui/EmptyState";
import { SeriesChart } from "../admin/dashboard/SeriesChart";
import { FlowFunnels } from "../admin/flows/FlowFunnels";
import { LiftCard } from "../admin/dashboard/LiftCard";
import { LiftChart } from "../admin/dashboard/LiftChart";
import { RevenueChart } from "../admin/dashboard/RevenueChart";
import { AnswersCard } from "../admin/dashboard/AnswersCard";
import { QualityCard } from "../admin/dashboard/QualityCard";
import { downloadFile } from "../admin/ui/download";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  return loadDashboard(shop, new URL(request.url).searchParams, Date.now());
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Rollups trail the storefront by up to a minute; say so, in a form that renders the same on server and browser. */
function freshness(refreshedAt: string | null): string {
  if (!refreshedAt)
    return "Being prepared: the shop's history (or a new time zone) takes a few minutes to sum up. Reload shortly.";
  return `Numbers as of ${refreshedAt.slice(0, 16).replace("T", " ")} UTC; they refresh about a minute after new activity.`;
}

function Metric({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="headingLg" numeric>
          {value}
        </Text>
        {detail ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {detail}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

export default function DashboardPage() {
  const result = useLoaderData<typeof loader>();
  const [search, setSearch] = useSearchParams();
  const [exporting, setExporting] = useState(false);
  const select = (name: string) => (value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next);
  };
  const exportCsv = async () => {
    setExporting(true);
    try {
      await downloadFile(`/app/dashboard/export?${search.toString()}`, "chatlift.csv");
    } finally {
      setExporting(false);
    }
  };
  if (!result.ok) {
    return (
      <Page title="Dashboard" backAction={{ content: "Dashboard", url: "/app/dashboard" }}>
        <Banner tone="critical" title="This selection cannot be shown">
          <ul>
            {result.errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </Banner>
      </Page>
    );
  }
  const { dashboard } = result;
  const { cards, selection } = dashboard;
  const money = (minor: number) => formatMoney(Math.round(minor), dashboard.currency);
  // A window counts only days it has fully passed: "0% of 0" would read as a failure, so open windows are left out and named.
  const closed = cards.conversionToMacro.filter((entry) => entry.microConverters > 0);
  const open = cards.conversionToMacro.filter((entry) => entry.microConverters === 0).map((entry) => `${entry.days} d`);
  const macro = closed
    .map((entry) => `${entry.days} d: ${percent(entry.share)} of ${entry.microConverters}`)
    .join(" · ");
  const macroDetail = `micro-converters who bought within 7, 14 and 30 days${open.length ? `; ${open.join(", ")}: no window has closed in this range yet` : ""}`;
  return (
    <Page
      title="Dashboard"
      subtitle="Is chat making money, and which flow works"
      primaryAction={{ content: "Export CSV", onAction: exportCsv, loading: exporting }}
    >
      <TitleBar title="Dashboard" />
      <BlockStack gap="400">
        <Card>
          <InlineStack gap="400" blockAlign="end">
            <TextField label="From" type="date" autoComplete="off" value={selection.from} onChange={select("from")} />
            <TextField label="To" type="date" autoComplete="off" value={selection.to} onChange={select("to")} />
            <Select
              label="Attribution window"
              options={WINDOWS.map((days) => ({
                label: `${days} ${days === 1 ? "day" : "days"}`,
                value: String(days),
              }))}
              value={String(selection.window)}
              onChange={select("window")}
            />
            <Select
              label="Model"
              options={Object.entries(MODEL_LABEL).map(([value, label]) => ({ value, label }))}
              value={selection.model}
              onChange={select("model")}
            />
          </InlineStack>
        </Card>
        <Text as="p" variant="bodySm" tone="subdued">
          {freshness(dashboard.refreshedAt)}
        </Text>
        {dashboard.empty && !dashboard.refreshedAt ? (
          <Banner tone="info" title="Your numbers are being prepared">
            ChatLift is summing this shop&apos;s history into daily totals. Large shops take a few minutes; reload the
            page then.
          </Banner>
        ) : dashboard.empty ? (
          <TeachingEmptyState
            heading="No chat sessions in these days yet"
            action={{ content: "Open the setup checklist", url: "/app" }}
          >
            Sessions appear once the ChatLift app embed is on in your theme and shoppers visit your store. Turn the
            embed on, publish a flow, then open your storefront in another tab: the first event shows up here within a
            minute.
          </TeachingEmptyState>
        ) : (
          <Layout>
            <Layout.Section>
              <InlineGrid columns={{ xs: 1, sm: 2, md: 3 }} gap="400">
                <Metric
                  label="Engaged sessions"
                  value={String(cards.engagedSessions)}
                  detail={`of ${cards.sessions} chat sessions`}
                />
                <Metric
                  label="Micro-conversion rate"
                  value={percent(cards.microConversionRate)}
                  detail={`${cards.microConversions} micro-conversions`}
                />
                <Metric label="Conversion to purchase" value={macro || "—"} detail={macroDetail} />
                <Metric
                  label="Credited revenue"
                  value={money(cards.creditedDirect + cards.creditedAssisted)}
                  detail={`${money(cards.creditedDirect)} direct · ${money(cards.creditedAssisted)} assisted · ${cards.creditedOrders} orders`}
                />
                <Metric
                  label="Revenue per engaged session"
                  value={money(cards.revenuePerEngagedSession)}
                  detail={`${MODEL_LABEL[selection.model]}, ${selection.window}-day window`}
                />
                <LiftCard lift={cards.lift} currency={dashboard.currency} />
              </InlineGrid>
            </Layout.Section>
            <Layout.Section>
              <BlockStack gap="400">
                <AnswersCard answers={dashboard.answers} />
                <QualityCard quality={dashboard.quality} />
              </BlockStack>
            </Layout.Section>
            <Layout.Section>
              <Card>
                <SeriesChart series={dashboard.series} />
              </Card>
            </Layout.Section>
            <Layout.Section variant="oneHalf">
              <Card>
                <RevenueChart series={dashboard.series} currency={dashboard.currency} />
              </Card>
            </Layout.Section>
            <Layout.Section variant="oneHalf">
              <Card>
                <LiftChart lift={cards.lift} currency={dashboard.currency} />
              </Card>
            </Layout.Section>
            <Layout.Section variant="oneHalf">
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Flow funnels
                </Text>
                {dashboard.funnels.length ? (
                  <FlowFunnels funnels={dashboard.funnels} />
                ) : (
                  <TeachingEmptyState heading="No flow has started yet">
                    Publish a flow: its steps and drop-off appear here.
                  </TeachingEmptyState>
                )}
              </BlockStack>
            </Layout.Section>
            <Layout.Section variant="oneHalf">
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    Top micro-conversions
                  </Text>
                  <DataTable
                    columnContentTypes={["text", "numeric", "numeric"]}
                    headings={["Kind", "Count", "Share"]}
                    rows={dashboard.topMicroConversions.map((row) => [
                      row.kind.replace(/_/g, " "),
                      row.count,
                      percent(row.share),
                    ])}
                  />
                </BlockStack>
              </Card>
            </Layout.Section>
          </Layout>
        )}
        <InlineStack align="end">
          <Button url="/app/orders">See every credited order</Button>
        </InlineStack>
      </BlockStack>
    </Page>
  );
}
