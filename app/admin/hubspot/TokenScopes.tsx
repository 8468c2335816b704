/**
 * The exact scopes a pasted private app token or service key needs, so the merchant ticks them in
 * HubSpot before pasting instead of learning from a 403 later. The optional ones (Enterprise only)
 * turn on behavioral events; without them ChatLift skips events and says so.
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
        Optional, for custom behavioral events (Enterprise accounts only; without them events are skipped):
      </Text>
      <Text as="p" variant="bodySm">
        <span data-testid="hubspot-optional-scopes">{scopes.optional.join(" ")}</span>
      </Text>
    </BlockStack>
  );
}
