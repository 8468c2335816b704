import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, Layout, List, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return { shop: session.shop };
}

export default function Index() {
  const { shop } = useLoaderData<typeof loader>();
  return (
    <Page>
      <TitleBar title="ChatLift" />
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Welcome to ChatLift, {shop}
              </Text>
              <Text as="p">
                ChatLift turns short storefront conversations into measurable micro-conversions, credits the orders
                they lead to (net of refunds, against a holdout), and sends qualified leads to HubSpot.
              </Text>
              <List type="number">
                <List.Item>Turn on the ChatLift app embed in your theme.</List.Item>
                <List.Item>Connect HubSpot.</List.Item>
                <List.Item>Publish a first flow.</List.Item>
              </List>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
