/**
 * The exact scopes a pasted private app token or service key needs, so the merchant ticks them in
 * HubSpot before pasting instead of learning from a 403 later. The optional ones turn on behavioral
 * events (Enterprise only; without them ChatLift skips events and says so), tickets and HubSpot orders.
 */
import { BlockStack, Text } from "@shopify/polaris";

export function TokenScopes({ scopes }: { scopes: { required: string[]; optional: string[] } }) {
  return (
    <BlockStack gap="100">
      <Text as="p" variant="bodySm" tone="subdued">
        Scopes the token needs:
      </Text>
      <Text as="p" variant="bodySm">
        <span data-testid="hubspot-required-scopes">{scopes.required.join(" ")}</span>
      </Text>
      <Text as="p" variant="bodySm" tone="subdued">
        Optional: custom behavioral events (Enterprise accounts only; without them events are skipped), tickets (for
        routing rules that create tickets), and orders (to write credit onto HubSpot&apos;s orders instead of deals):
      </Text>
      <Text as="p" variant="bodySm">
        <span data-testid="hubspot-optional-scopes">{scopes.optional.join(" ")}</span>
      </Text>
    </BlockStack>
  );
}
