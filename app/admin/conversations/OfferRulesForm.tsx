/**
 * Why: the merchant says when the chat offers "Talk to a person" before the shopper asks, in three plain
 * fields (after unanswered questions, a big cart, a B2B qualifier answer); a blank field offers nothing. The
 * fields become offer rules in routing's condition language (app/conversations/handoff-offers.ts).
 */
import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Button, FormLayout, Text, TextField } from "@shopify/polaris";
import type { OfferForm } from "../../conversations/handoff-offers";
import type { HandoffFormResult } from "./handoff-admin.server";
import { SaveResult } from "./SaveResult";

const shown = (value: number | undefined) => (value === undefined ? "" : String(value));

export function OfferRulesForm({ offers, currency }: { offers: OfferForm; currency: string }) {
  const fetcher = useFetcher<HandoffFormResult>();
  const [fields, setFields] = useState({
    afterAbstentions: shown(offers.afterAbstentions),
    cartAtLeast: shown(offers.cartAtLeast),
    qualifierQuestion: offers.qualifier?.question ?? "",
    qualifierAtLeast: shown(offers.qualifier?.atLeast),
  });
  const field = (name: keyof typeof fields) => ({
    name,
    autoComplete: "off",
    value: fields[name],
    onChange: (value: string) => setFields({ ...fields, [name]: value }),
  });
  const result = fetcher.data;
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="offers" />
      <FormLayout>
        <Text as="h3" variant="headingSm">
          Offer a person before the shopper asks
        </Text>
        <SaveResult result={result} what="Offers" />
        <FormLayout.Group>
          <TextField
            label="After this many unanswered questions"
            type="number"
            placeholder="never"
            {...field("afterAbstentions")}
          />
          <TextField
            label={`When the cart from chat is worth at least (${currency})`}
            type="number"
            placeholder="never"
            {...field("cartAtLeast")}
          />
        </FormLayout.Group>
        <FormLayout.Group>
          <TextField
            label="When the qualifier"
            placeholder="e.g. team_size"
            helpText="The field a flow's qualifier step answers"
            {...field("qualifierQuestion")}
          />
          <TextField label="is at least" type="number" placeholder="never" {...field("qualifierAtLeast")} />
        </FormLayout.Group>
        <Button submit loading={fetcher.state !== "idle"}>
          Save offers
        </Button>
      </FormLayout>
    </fetcher.Form>
  );
}
