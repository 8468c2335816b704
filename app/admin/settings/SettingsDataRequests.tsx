/**
 * Customers' data requests (customers/data_request) for the merchant to answer: Shopify expects the
 * data handed over within 30 days, so each pending request says by when, and the download is the
 * package to send the customer. Downloading marks the request exported, and the list says when.
 */
import { useState } from "react";
import { useRevalidator } from "@remix-run/react";
import { Badge, BlockStack, Button, DataTable, Text } from "@shopify/polaris";
import type { DataRequestView } from "../../privacy/data-request";
import { downloadFile } from "../ui/download";

const day = (iso: string) => iso.slice(0, 10);
const minute = (iso: string) => iso.slice(0, 16).replace("T", " ") + " UTC";

export function SettingsDataRequests({ requests }: { requests: DataRequestView[] }) {
  const revalidator = useRevalidator();
  const [downloading, setDownloading] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const download = async (id: string) => {
    setDownloading(id);
    setFailed(null);
    try {
      const refused = await downloadFile(
        `/app/data-requests/download?id=${encodeURIComponent(id)}`,
        "chatlift-data.json",
      );
      if (refused) setFailed(refused);
      else revalidator.revalidate();
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error));
    } finally {
      setDownloading(null);
    }
  };
  return (
    <BlockStack gap="300">
      <Text as="p">
        Send each customer the downloaded file within 30 days. Requests are deleted 90 days after they arrive; the file
        is built when you download it and is not kept by ChatLift.
      </Text>
      {failed ? (
        <Text as="p" tone="critical">
          Nothing was downloaded: {failed}
        </Text>
      ) : null}
      <DataTable
        columnContentTypes={["text", "text", "numeric", "text", "text"]}
        headings={["Received", "Customer", "Orders asked about", "Status", ""]}
        rows={requests.map((request) => [
          minute(request.receivedAt),
          request.customer,
          request.ordersRequested,
          request.status === "pending" ? (
            <Badge key="status" tone="attention">{`Pending: answer by ${day(request.answerBy)}`}</Badge>
          ) : (
            <Badge key="status" tone="success">{`Exported ${minute(request.exportedAt ?? request.receivedAt)}`}</Badge>
          ),
          <Button
            key="download"
            onClick={() => void download(request.id)}
            loading={downloading === request.id}
            accessibilityLabel={`Download the data of ${request.customer}`}
          >
            Download
          </Button>,
        ])}
      />
    </BlockStack>
  );
}
