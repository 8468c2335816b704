import { BlockStack, Button, Card, Text } from "@shopify/polaris";

/** An empty page section that says what to do next, not just that there is nothing. */
export function TeachingEmptyState({
  heading,
  children,
  action,
}: {
  heading: string;
  children: React.ReactNode;
  action?: { content: string; url: string; external?: boolean };
}) {
  return (
    <Card>
      <BlockStack gap="200" inlineAlign="start">
        <Text as="h2" variant="headingMd">
          {heading}
        </Text>
        <Text as="p" tone="subdued">
          {children}
        </Text>
        {action ? (
          <Button url={action.url} target={action.external ? "_top" : undefined}>
            {action.content}
          </Button>
        ) : null}
      </BlockStack>
    </Card>
  );
}
