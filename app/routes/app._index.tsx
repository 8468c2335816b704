import type { LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { BlockStack, Button, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useEffect } from "react";
import { requireAdmin } from "../admin/ui/session.server";
import { loadOnboarding } from "../admin/onboarding/onboarding.server";
import { OnboardingChecklist } from "../admin/onboarding/OnboardingChecklist";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  return { shop, steps: await loadOnboarding(shop, process.env.SHOPIFY_API_KEY ?? "") };
}

const POLL_MS = 5000;

export default function Index() {
  const { shop, steps } = useLoaderData<typeof loader>();
  const poll = useFetcher<{ firstEvent: { type: string; at: string } | null }>();
  const { load } = poll;
  const revalidator = useRevalidator();
  const waiting = steps.find((step) => step.id === "first_event")?.status !== "done";

  // Poll a tiny endpoint, not the whole page; reload the checklist once the event is in.
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => load("/app/onboarding/first-event"), POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, load]);
  useEffect(() => {
    if (waiting && poll.data?.firstEvent && revalidator.state === "idle") revalidator.revalidate();
  }, [waiting, poll.data, revalidator]);

  return (
    <Page>
      <TitleBar title="ChatLift" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Text as="h1" variant="headingLg">
              Welcome to ChatLift, {shop}
            </Text>
            <OnboardingChecklist steps={steps} waiting={waiting} />
            <InlineStack gap="300">
              <Button url="/app/dashboard" variant="primary">
                Open the dashboard
              </Button>
              <Button url="/app/orders">Order audit</Button>
              <Button url="/app/settings">Settings</Button>
            </InlineStack>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
