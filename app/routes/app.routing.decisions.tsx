import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Layout, List, Page, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useState } from "react";
import { z } from "zod";
import { requireAdmin } from "../admin/ui/session.server";
import { readDecisionPage } from "../admin/routing/decisions.server";
import { RoutingDecisionLog } from "../admin/routing/RoutingDecisionLog";

const query = z.object({ lead: z.string().trim().max(320).optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { lead } = query.parse({ lead: new URL(request.url).searchParams.get("lead") ?? undefined });
  return readDecisionPage(shop, lead || null);
}

/** Keyed by the lead asked for, so the search field shows it after following a link. */
export default function DecisionLogPage() {
  const page = useLoaderData<typeof loader>();
  return <DecisionLog key={page.query ?? ""} />;
}

function DecisionLog() {
  const page = useLoaderData<typeof loader>();
  const [lead, setLead] = useState(page.query ?? "");
  return (
    <Page title="Decision log" backAction={{ content: "Routing rules", url: "/app/routing" }}>
      <TitleBar title="Decision log" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <Form method="get">
                <InlineStack gap="200" blockAlign="end">
                  <TextField label="Lead email or id" name="lead" autoComplete="off" value={lead} onChange={setLead} />
                  <Button submit>Show decisions</Button>
                </InlineStack>
              </Form>
            </Card>
            {page.log?.kind === "no_lead" ? (
              <Banner tone="warning" title={`No lead “${page.log.query}” in this shop`} />
            ) : null}
            {page.log?.kind === "found" ? (
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {`${page.log.lead.email} · intent score ${page.log.lead.intentScore}${page.log.lead.qualifiedAt ? " · qualified" : ""}`}
                </Text>
                <RoutingDecisionLog decisions={page.log.decisions} />
              </BlockStack>
            ) : null}
            {!page.log ? (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    Recently routed leads
                  </Text>
                  {page.recent.length === 0 ? (
                    <Text as="p" tone="subdued">
                      No lead has been routed yet.
                    </Text>
                  ) : (
                    <List type="bullet">
                      {page.recent.map((recent) => (
                        <List.Item key={recent.leadId}>
                          <Link to={`/app/routing/decisions?lead=${encodeURIComponent(recent.leadId)}`}>
                            {recent.email}
                          </Link>
                        </List.Item>
                      ))}
                    </List>
                  )}
                </BlockStack>
              </Card>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
