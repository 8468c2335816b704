import { BlockStack, Card, Text } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { previewDocument, type PreviewAssets } from "../../flows/preview";
import type { Flow } from "../../../contract/widget-config";

/**
 * The real storefront widget running the draft, in an iframe. It re-renders shortly after the
 * merchant stops typing, and only valid drafts are shown (the last valid one stays otherwise).
 */
export function FlowPreview({
  flow,
  assets,
  locale,
}: {
  flow: Flow | null;
  assets: PreviewAssets | null;
  locale: string;
}) {
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    if (!flow || !assets) return;
    const timer = setTimeout(() => setHtml(previewDocument(flow, assets, locale)), 400);
    return () => clearTimeout(timer);
  }, [flow, assets, locale]);
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Live preview
        </Text>
        {!assets ? (
          <Text as="p" tone="subdued">
            The widget files are not on this server, so the preview cannot run here.
          </Text>
        ) : (
          <>
            {flow ? null : (
              <Text as="p" tone="caution">
                Fix the errors to update the preview.
              </Text>
            )}
            {html ? (
              <iframe
                title="Widget preview"
                data-testid="flow-preview"
                srcDoc={html}
                style={{ width: "100%", height: 560, border: "1px solid #e3e3e3", borderRadius: 8 }}
              />
            ) : null}
          </>
        )}
      </BlockStack>
    </Card>
  );
}
