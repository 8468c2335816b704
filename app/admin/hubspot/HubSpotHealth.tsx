/** Sync health: in sync / pending / failing / parked, the daily-limit pause, the last errors and retry of parked jobs. */
import { Form } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, DataTable, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import type { SyncHealth } from "../../sync/health.server";

type Serialized<T> = {
  [K in keyof T]: T[K] extends Date ? string | Date : T[K] extends Date | null ? string | Date | null : T[K];
};
type Health = Omit<Serialized<SyncHealth>, "lastErrors"> & {
  lastErrors: Array<Serialized<SyncHealth["lastErrors"][number]>>;
};

const at = (value: string | Date) => `${new Date(value).toISOString().slice(0, 16).replace("T", " ")} UTC`;

function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm">
          {label}
        </Text>
        <div data-testid={testId}>
          <Text as="p" variant="headingLg">
            {value.toLocaleString("en-US")}
          </Text>
        </div>
      </BlockStack>
    </Card>
  );
}

export function HubSpotHealth({ health, busy }: { health: Health; busy: boolean }) {
  return (
    <BlockStack gap="300">
      <InlineGrid columns={4} gap="300">
        <Count label="In sync" value={health.inSync} testId="health-in-sync" />
        <Count label="Pending" value={health.pending} testId="health-pending" />
        <Count label="Failing (retrying)" value={health.failing} testId="health-failing" />
        <Count label="Parked" value={health.parked} testId="health-parked" />
      </InlineGrid>
      {health.pausedUntil ? (
        <Banner
          tone="warning"
          title={`HubSpot's daily API limit was reached: syncing resumes at ${at(health.pausedUntil)}`}
        />
      ) : null}
      {health.parked > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="retry" />
          <InlineStack gap="200" blockAlign="center">
            <Text as="p">
              Parked jobs wait for you: fix the data in HubSpot or the routing rule (or reconnect), then retry them;
              contacts are routed again with the live rules.
            </Text>
            <Button submit disabled={busy}>
              {health.parked === 1 ? "Retry the parked job" : `Retry all ${health.parked} parked jobs`}
            </Button>
          </InlineStack>
        </Form>
      ) : null}
      <Card>
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            Last errors
          </Text>
          {health.lastErrors.length === 0 ? (
            <Text as="p" tone="subdued">
              No errors.
            </Text>
          ) : (
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "text"]}
              headings={["When", "Job", "State", "HubSpot said", ""]}
              rows={health.lastErrors.map((job) => [
                at(job.at),
                `${job.kind} #${job.jobId}`,
                <Badge key="state" tone={job.status === "parked" ? "critical" : "attention"}>
                  {job.status === "parked" ? "Parked" : "Retrying"}
                </Badge>,
                job.error,
                job.status === "parked" ? (
                  <Form method="post" key="retry">
                    <input type="hidden" name="intent" value="retry" />
                    <input type="hidden" name="jobId" value={job.jobId} />
                    <Button submit size="slim" disabled={busy} accessibilityLabel={`Retry job ${job.jobId}`}>
                      Retry
                    </Button>
                  </Form>
                ) : (
                  ""
                ),
              ])}
            />
          )}
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
