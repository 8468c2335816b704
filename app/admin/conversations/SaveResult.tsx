/**
 * Why: the handoff forms on the Conversations page (business hours, when to offer a person) answer a save the
 * same way: every problem listed in the merchant's words with nothing saved, or one line that it was saved.
 */
import { Banner } from "@shopify/polaris";
import type { HandoffFormResult } from "./handoff-admin.server";

export function SaveResult({ result, what }: { result: HandoffFormResult | undefined; what: string }) {
  if (!result) return null;
  if (result.ok) return <Banner tone="success" title={`${what} saved`} />;
  return (
    <Banner tone="critical" title={`The ${what.toLowerCase()} were not saved`}>
      <ul>
        {result.errors.map((error) => (
          <li key={error}>{error}</li>
        ))}
      </ul>
    </Banner>
  );
}
