/**
 * The rules page's dry run, and what follows it once the previewed version is live: "apply to
 * existing leads" queues the very leads the preview covered for routing by it (a live version
 * otherwise acts on new events only), paced for HubSpot's limits.
 */
import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import type { DryRunResult } from "../../routing/dry-run.server";
import type { ApplyResult } from "../../routing/apply-existing.server";
import { RoutingDryRun } from "./RoutingDryRun";

type Props = {
  latestVersion: number;
  liveVersion: number | null;
  busy: boolean;
  preview?: DryRunResult;
  applied?: ApplyResult;
};

const utcTime = (at: string | Date) => new Date(at).toISOString().slice(0, 16).replace("T", " ");

function AppliedBanner({ applied }: { applied: ApplyResult }) {
  if (applied.kind === "not_connected")
    return <Banner tone="warning" title="Connect HubSpot first: routing decides what HubSpot receives" />;
  if (applied.kind === "not_live")
    return (
      <Banner
        tone="warning"
        title={`Version ${applied.version} is not live${applied.liveVersion ? ` (version ${applied.liveVersion} is)` : ""}: run the dry run of the live version, then apply it`}
      />
    );
  if (applied.queued === 0)
    return (
      <Banner
        tone="info"
        title={`None of the ${applied.leads} leads of the last ${applied.days} days may be sent to HubSpot (no consent): nothing was queued`}
      />
    );
  const waiting = applied.alreadyWaiting ? ` (${applied.alreadyWaiting} were already waiting for routing)` : "";
  return (
    <Banner
      tone="success"
      title={`Queued ${applied.queued} existing leads for routing by version ${applied.version}${waiting}`}
    >
      <p>
        {`They are routed ${applied.pace.perWindow} every ${applied.pace.windowMs / 1000} seconds, to stay inside HubSpot's request limits: the last by about ${applied.lastRunAt ? utcTime(applied.lastRunAt) : "now"} UTC. The decision log shows each one.`}
      </p>
    </Banner>
  );
}

export function DryRunCard({ latestVersion, liveVersion, busy, preview, applied }: Props) {
  const [days, setDays] = useState("30");
  const report = preview?.kind === "report" ? preview : null;
  const canApply = report !== null && report.version === liveVersion && report.report.leads > 0;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Dry run
        </Text>
        <Text as="p" tone="subdued">
          What these rules would do to the leads of the last days. Nothing is sent to HubSpot and nothing is stored.
        </Text>
        {applied ? <AppliedBanner applied={applied} /> : null}
        {latestVersion > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="preview" />
            <input type="hidden" name="version" value={latestVersion} />
            <InlineStack gap="200" blockAlign="end">
              <Select
                label="Leads of the last"
                name="days"
                options={["7", "14", "30", "60", "90"].map((value) => ({ value, label: `${value} days` }))}
                value={days}
                onChange={setDays}
              />
              <Button submit disabled={busy}>{`Run version ${latestVersion}`}</Button>
            </InlineStack>
          </Form>
        ) : (
          <Text as="p">Save a rule first.</Text>
        )}
        {report ? <RoutingDryRun report={report.report} version={report.version} days={report.days} /> : null}
        {preview?.kind === "no_version" ? (
          <Banner tone="critical" title={`There is no version ${preview.version}`} />
        ) : null}
        {canApply ? (
          <Form method="post">
            <input type="hidden" name="intent" value="apply" />
            <input type="hidden" name="version" value={report.version} />
            <input type="hidden" name="days" value={report.days} />
            <BlockStack gap="200">
              <Text as="p">
                {`Version ${report.version} is live, and a live version acts on new events only: these ${report.report.leads} leads keep their routing until they change. Apply it to them now?`}
              </Text>
              <InlineStack>
                <Button submit variant="primary" disabled={busy}>
                  {`Apply version ${report.version} to these ${report.report.leads} leads`}
                </Button>
              </InlineStack>
            </BlockStack>
          </Form>
        ) : null}
      </BlockStack>
    </Card>
  );
}
