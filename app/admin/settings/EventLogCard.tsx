/**
 * The event log download on the Analytics export page: a date range, then CSV or NDJSON. It goes through
 * fetch (downloadFile: App Bridge's session token rides only on fetches); a refused range shows its reasons.
 */
import { Banner, BlockStack, Button, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { downloadFile } from "../ui/download";

export function EventLogCard() {
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [busy, setBusy] = useState<"csv" | "ndjson" | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const download = async (format: "csv" | "ndjson") => {
    setBusy(format);
    setRefused(null);
    try {
      const search = new URLSearchParams({ from, to, format });
      setRefused(await downloadFile(`/app/analytics-export/events?${search.toString()}`, `chatlift-events.${format}`));
    } finally {
      setBusy(null);
    }
  };
  return (
    <BlockStack gap="300">
      <Text as="p" tone="subdued">
        Every chat event of the range, one row each, under the same names and properties as GA4 and Mixpanel receive.
        Emails, phone numbers, what shoppers typed and customer ids are never in it. Without dates: the last 30 days.
      </Text>
      {refused ? (
        <Banner tone="critical" title="Nothing was downloaded">
          {refused}
        </Banner>
      ) : null}
      <InlineStack gap="300" blockAlign="end">
        <TextField label="From" type="date" autoComplete="off" value={from} onChange={setFrom} />
        <TextField label="To" type="date" autoComplete="off" value={to} onChange={setTo} />
        <Button onClick={() => void download("csv")} loading={busy === "csv"} disabled={busy !== null}>
          Download CSV
        </Button>
        <Button onClick={() => void download("ndjson")} loading={busy === "ndjson"} disabled={busy !== null}>
          Download NDJSON
        </Button>
      </InlineStack>
    </BlockStack>
  );
}
