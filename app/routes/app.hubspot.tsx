import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  FormLayout,
  InlineStack,
  Layout,
  List,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useState } from "react";
import { z } from "zod";
import { requireAdmin } from "../admin/ui/session.server";
import { describeProblems, fieldErrorsOf } from "../platform/validation/zod-errors";
import { readHubSpotPage, runHubSpotRequest, type HubSpotOutcome } from "../admin/hubspot/hubspot-page.server";
import { HubSpotHealth } from "../admin/hubspot/HubSpotHealth";
import { TokenScopes } from "../admin/hubspot/TokenScopes";
import { CreditRecordForm } from "../admin/hubspot/CreditRecordForm";
import { CREDIT_RECORDS } from "../sync/order-credits";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  return readHubSpotPage(shop);
}

const formSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("connect_static"),
    token: z.string().trim().min(1, "Paste the private app token or service key"),
    tenSecondLimit: z
      .enum(["100", "190"], { error: "Choose your HubSpot tier" })
      .transform((value) => (value === "190" ? 190 : 100)),
  }),
  z.object({ intent: z.literal("connect_oauth") }),
  z.object({ intent: z.literal("disconnect") }),
  z.object({ intent: z.literal("check_properties") }),
  z.object({ intent: z.literal("retry"), jobId: z.coerce.number().int().min(1).optional() }),
  z.object({ intent: z.literal("deal_currency"), otherCurrency: z.enum(["omit", "skip"]) }),
  z.object({ intent: z.literal("credit_record"), record: z.enum(CREDIT_RECORDS) }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const parsed = formSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    // The token's error goes beside the token field; anything else is a malformed post.
    const token = fieldErrorsOf(parsed.error).token;
    const outcome: HubSpotOutcome = token
      ? { kind: "failed", field: "token", message: token }
      : { kind: "failed", message: describeProblems(parsed.error, { paths: false }) };
    return data(outcome, { status: 400 });
  }
  const outcome = await runHubSpotRequest(
    shop,
    parsed.data,
    process.env.SHOPIFY_APP_URL || new URL(request.url).origin,
  );
  return data(outcome, { status: outcome.kind === "failed" ? 422 : 200 });
}

function OutcomeBanner({ outcome }: { outcome: HubSpotOutcome }) {
  switch (outcome.kind) {
    case "connected":
      return (
        <Banner tone="success" title={`Connected to HubSpot account ${outcome.portalId}`}>
          <p>
            {outcome.propertiesCreated.length
              ? `Created ${outcome.propertiesCreated.length} ChatLift properties.`
              : "The ChatLift properties were already there."}
          </p>
        </Banner>
      );
    case "authorize":
      return (
        <Banner tone="info" title="Continue in HubSpot">
          <p>Choose the HubSpot account to connect and approve ChatLift; HubSpot then brings you back here.</p>
          <Button url={outcome.url} target="_top" variant="primary">
            Open HubSpot
          </Button>
        </Banner>
      );
    case "disconnected":
      return (
        <Banner
          tone="success"
          title={outcome.wasConnected ? "Disconnected: the HubSpot token was deleted" : "HubSpot was not connected"}
        />
      );
    case "properties":
      return (
        <Banner
          tone="success"
          title={
            outcome.created.length
              ? `Re-created ${outcome.created.length} missing properties: ${outcome.created.join(", ")}`
              : `All ${outcome.total} ChatLift properties are in HubSpot`
          }
        >
          {outcome.eventDefinitionCreated ? (
            <p>The micro-conversion event definition was missing: it is created again.</p>
          ) : null}
        </Banner>
      );
    case "retried":
      return (
        <Banner
          tone="success"
          title={`${outcome.count} parked ${outcome.count === 1 ? "job" : "jobs"} queued again (contacts are routed again with the live rules first)`}
        />
      );
    case "saved":
      return <Banner tone="success" title={outcome.message} />;
    case "failed":
      return outcome.field ? null : <Banner tone="critical" title={outcome.message} />;
  }
}

export default function HubSpotSettings() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [token, setToken] = useState("");
  const [limit, setLimit] = useState("100");
  const tokenError = result?.kind === "failed" && result.field === "token" ? result.message : undefined;
  const connection = page.connection;
  const [otherCurrency, setOtherCurrency] = useState<"omit" | "skip">(connection?.deal.otherCurrency ?? "omit");
  return (
    <Page title="HubSpot">
      <TitleBar title="HubSpot" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result ? <OutcomeBanner outcome={result} /> : null}
            <Card>
              {connection ? (
                <BlockStack gap="300">
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="h2" variant="headingMd">{`Connected to HubSpot account ${connection.portalId}`}</Text>
                    <Badge tone="success">Connected</Badge>
                  </InlineStack>
                  <List type="bullet">
                    <List.Item>
                      {connection.mode === "oauth"
                        ? "Mode: OAuth app. The access token is refreshed automatically before it expires."
                        : "Mode: private app token or service key. It never expires; replace it here if you rotate it."}
                    </List.Item>
                    <List.Item>{`Rate limit: ${connection.tenSecondLimit} requests per 10 seconds; ChatLift uses at most 97% of it.`}</List.Item>
                    <List.Item>
                      {connection.customEventsAvailable
                        ? "Custom behavioral events: sent (the token holds their scopes)."
                        : `Custom behavioral events: skipped, not sent: ${connection.customEventsSkipped ?? "not available on this account"}. Intent signals still go to contact properties.`}
                    </List.Item>
                    <List.Item>{`Deals for credited orders: pipeline ${connection.deal.pipeline}, stage ${connection.deal.stage}.`}</List.Item>
                    <List.Item>{connection.deal.currencyNote}</List.Item>
                    <List.Item>{`Connected ${new Date(connection.connectedAt).toISOString().slice(0, 10)}; daily limits reset at midnight ${connection.timeZone}.`}</List.Item>
                  </List>
                  <Form method="post">
                    <input type="hidden" name="intent" value="deal_currency" />
                    <InlineStack gap="200" blockAlign="end">
                      <Select
                        label="Orders in a currency the portal does not have"
                        name="otherCurrency"
                        options={[
                          { label: "Send the deal without a currency (nothing converted)", value: "omit" },
                          { label: "Make no deal", value: "skip" },
                        ]}
                        value={otherCurrency}
                        onChange={(value) => setOtherCurrency(value === "skip" ? "skip" : "omit")}
                      />
                      <Button submit disabled={busy}>
                        Save
                      </Button>
                    </InlineStack>
                  </Form>
                  <CreditRecordForm view={connection.creditRecord} busy={busy} />
                  <InlineStack gap="200">
                    <Form method="post">
                      <input type="hidden" name="intent" value="check_properties" />
                      <Button submit disabled={busy}>
                        Check properties
                      </Button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="intent" value="disconnect" />
                      <Button submit tone="critical" disabled={busy}>
                        Disconnect
                      </Button>
                    </Form>
                  </InlineStack>
                </BlockStack>
              ) : (
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Connect HubSpot
                  </Text>
                  <Text as="p">
                    Qualified leads and intent signals from chat go to HubSpot contacts; credited orders become deals.
                  </Text>
                  {page.oauthAvailable ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="connect_oauth" />
                      <Button submit variant="primary" disabled={busy}>
                        Connect with HubSpot
                      </Button>
                    </Form>
                  ) : null}
                  <Form method="post">
                    <input type="hidden" name="intent" value="connect_static" />
                    <FormLayout>
                      <TextField
                        label="Private app token or service key"
                        name="token"
                        type="password"
                        autoComplete="off"
                        value={token}
                        onChange={setToken}
                        error={tokenError}
                        helpText="Stored encrypted, never shown again."
                      />
                      <TokenScopes scopes={page.tokenScopes} />
                      <Select
                        label="HubSpot tier"
                        name="tenSecondLimit"
                        options={[
                          { label: "Free or Starter (100 requests per 10 s)", value: "100" },
                          { label: "Professional or Enterprise (190 requests per 10 s)", value: "190" },
                        ]}
                        value={limit}
                        onChange={setLimit}
                      />
                      <Button submit disabled={busy}>
                        Connect with token
                      </Button>
                    </FormLayout>
                  </Form>
                </BlockStack>
              )}
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              Sync health
            </Text>
            <HubSpotHealth health={page.health} busy={busy} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Properties ChatLift writes
              </Text>
              <Text as="p" tone="subdued">
                In the “ChatLift” group. Created on connect; “Check properties” re-creates any that were deleted.
              </Text>
              <Text as="p">{`Contacts: ${page.properties.contacts.join(", ")}`}</Text>
              <Text as="p">{`Deals: ${page.properties.deals.join(", ")}`}</Text>
              <Text as="p">{`HubSpot orders (when chosen above): ${page.properties.orders.join(", ")}`}</Text>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
