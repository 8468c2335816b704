import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Banner, BlockStack, Card, InlineStack, Layout, Page, Pagination, Select, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { requireAdmin } from "../admin/ui/session.server";
import { ANY, MODEL_LABEL, RULE_LABEL } from "../admin/orders/order-audit";
import { loadOrderAudit } from "../admin/orders/order-audit.server";
import { CreditTable } from "../admin/orders/CreditTable";
import { TeachingEmptyState } from "../admin/ui/EmptyState";
import { WINDOWS } from "../attribution/types";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  return loadOrderAudit(shop, new URL(request.url).searchParams);
}

const anyRule = { label: "Any", value: "" };
const anyOption = { label: "Any", value: ANY };

export default function OrderAudit() {
  const { errors, rows, page, hasNext, shopHasCredits, filters } = useLoaderData<typeof loader>();
  const [search, setSearch] = useSearchParams();
  const setFilter = (name: string) => (value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete("page");
    setSearch(next);
  };
  const goTo = (target: number) => {
    const next = new URLSearchParams(search);
    next.set("page", String(target));
    setSearch(next);
  };
  return (
    <Page title="Order audit" subtitle="Every order ChatLift credited, and why">
      <TitleBar title="Order audit" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
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
              <BlockStack gap="200">
                <InlineStack gap="400">
                  <Select
                    label="Rule"
                    options={[anyRule, ...Object.entries(RULE_LABEL).map(([value, label]) => ({ value, label }))]}
                    value={filters.rule}
                    onChange={setFilter("rule")}
                  />
                  <Select
                    label="Model"
                    options={[anyOption, ...Object.entries(MODEL_LABEL).map(([value, label]) => ({ value, label }))]}
                    value={filters.model}
                    onChange={setFilter("model")}
                  />
                  <Select
                    label="Window"
                    options={[anyOption, ...WINDOWS.map((days) => ({ value: String(days), label: `${days} days` }))]}
                    value={filters.window}
                    onChange={setFilter("window")}
                  />
                </InlineStack>
                <Text as="p" tone="subdued">
                  Opens on your attribution model and window (Settings); choose “Any” to compare every one.
                </Text>
              </BlockStack>
            </Card>
            {!shopHasCredits ? (
              <TeachingEmptyState
                heading="No credited orders yet"
                action={{ content: "Back to the checklist", url: "/app" }}
              >
                An order is credited when a shopper who used chat buys within the attribution window. Turn on the app
                embed and publish a flow; credited orders appear here with the rule and the reason.
              </TeachingEmptyState>
            ) : rows.length === 0 && !errors.length ? (
              <TeachingEmptyState heading="No credits match these filters">
                Choose “Any” in a filter to widen the list.
              </TeachingEmptyState>
            ) : rows.length ? (
              <Card padding="0">
                <CreditTable rows={rows} />
              </Card>
            ) : null}
            {page > 1 || hasNext ? (
              <InlineStack align="center">
                <Pagination
                  hasPrevious={page > 1}
                  onPrevious={() => goTo(page - 1)}
                  hasNext={hasNext}
                  onNext={() => goTo(page + 1)}
                />
              </InlineStack>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
