/**
 * Why: the top of the Conversations page is where staff take over: the "I'm online" switch, who is waiting
 * for a person (newest activity first, refreshed every few seconds while someone can answer), and the
 * business hours in the shop's time zone that decide when shoppers are offered a person at all.
 */
import { useEffect, useState } from "react";
import { Link as RemixLink, useFetcher, useRevalidator } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import type { waitingHandoffs } from "../../conversations/handoff-staff.server";
import { formatDayHours, WEEKDAYS } from "../../conversations/availability";
import { shopTime } from "../ui/time";
import type { HandoffFormResult } from "./handoff-admin.server";
import { SaveResult } from "./SaveResult";
import { OfferRulesForm } from "./OfferRulesForm";

type Handoffs = Awaited<ReturnType<typeof waitingHandoffs>>;

const DAY_LABEL = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};
const LIVE_LABEL = {
  online: "You are online: shoppers can talk to a person",
  hours: "Within business hours: shoppers can talk to a person",
  closed: "Nobody is online: shoppers leave an email and a question",
};
/** Often enough that a waiting shopper is seen within seconds, rarely enough to cost nothing. */
export const ADMIN_REFRESH_MS = 3000;

/** Reloads the page's data every ADMIN_REFRESH_MS while `on`. */
export function useRefresh(on: boolean) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => state === "idle" && revalidate(), ADMIN_REFRESH_MS);
    return () => clearInterval(timer);
  }, [on, revalidate, state]);
}

function HoursForm({ handoffs }: { handoffs: Handoffs }) {
  const fetcher = useFetcher<HandoffFormResult>();
  const { availability } = handoffs;
  const [days, setDays] = useState<Record<string, string>>(() =>
    Object.fromEntries(WEEKDAYS.map((day) => [day, formatDayHours(availability.hours?.[day])])),
  );
  const [wait, setWait] = useState(String(availability.waitSeconds));
  const [within, setWithin] = useState(String(availability.replyWithinHours));
  const result = fetcher.data;
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="hours" />
      <FormLayout>
        <Text as="h3" variant="headingSm">
          Business hours ({handoffs.timeZone})
        </Text>
        <SaveResult result={result} what="Hours" />
        <FormLayout.Group condensed>
          {WEEKDAYS.map((day) => (
            <TextField
              key={day}
              label={DAY_LABEL[day]}
              name={day}
              autoComplete="off"
              placeholder="closed"
              helpText={day === "mon" ? "e.g. 09:00-12:30, 13:30-17:00" : undefined}
              value={days[day] ?? ""}
              onChange={(value) => setDays({ ...days, [day]: value })}
            />
          ))}
        </FormLayout.Group>
        <FormLayout.Group>
          <TextField
            label="Seconds a shopper waits for a person before leaving an email"
            name="waitSeconds"
            type="number"
            autoComplete="off"
            value={wait}
            onChange={setWait}
          />
          <TextField
            label="Without business hours: answer by email within (hours)"
            name="replyWithinHours"
            type="number"
            autoComplete="off"
            value={within}
            onChange={setWithin}
          />
        </FormLayout.Group>
        <Button submit loading={fetcher.state !== "idle"}>
          Save hours
        </Button>
      </FormLayout>
    </fetcher.Form>
  );
}

export function HandoffPanel({ handoffs }: { handoffs: Handoffs }) {
  const online = useFetcher<HandoffFormResult>();
  const [editing, setEditing] = useState(false);
  const [offering, setOffering] = useState(false);
  useRefresh(handoffs.live !== "closed" || handoffs.waiting.length > 0);
  const isOnline = handoffs.onlineUntil !== null;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              Talk to a person
            </Text>
            <Text as="p" tone="subdued" data-testid="handoff-availability">
              {LIVE_LABEL[handoffs.live]}
              {isOnline ? ` (until ${shopTime(new Date(handoffs.onlineUntil!).toISOString(), handoffs.timeZone)})` : ""}
            </Text>
          </BlockStack>
          <InlineStack gap="200">
            <online.Form method="post">
              <input type="hidden" name="intent" value="online" />
              <input type="hidden" name="online" value={isOnline ? "off" : "on"} />
              <Button submit variant={isOnline ? "secondary" : "primary"} loading={online.state !== "idle"}>
                {isOnline ? "Go offline" : "I'm online"}
              </Button>
            </online.Form>
            <Button onClick={() => setEditing(!editing)}>{editing ? "Hide hours" : "Business hours"}</Button>
            <Button onClick={() => setOffering(!offering)}>{offering ? "Hide offers" : "When to offer"}</Button>
          </InlineStack>
        </InlineStack>
        {editing ? <HoursForm handoffs={handoffs} /> : null}
        {offering ? <OfferRulesForm offers={handoffs.offers} currency={handoffs.currency} /> : null}
        {handoffs.waiting.length ? (
          <BlockStack gap="200" data-testid="handoff-waiting">
            {handoffs.waiting.map((handoff) => (
              <InlineStack key={handoff.id} gap="300" blockAlign="center">
                <Badge
                  tone={handoff.status === "waiting" ? "attention" : handoff.status === "live" ? "success" : "info"}
                >
                  {handoff.label}
                </Badge>
                <RemixLink to={`/app/conversations/${handoff.sessionId}`}>
                  Since {shopTime(handoff.requestedAt, handoffs.timeZone)}
                </RemixLink>
                {handoff.email ? <Text as="span">{handoff.email}</Text> : null}
                {handoff.answerBy ? (
                  <Text as="span" tone="subdued">
                    promised by {shopTime(handoff.answerBy, handoffs.timeZone)}
                  </Text>
                ) : null}
              </InlineStack>
            ))}
          </BlockStack>
        ) : (
          <Text as="p" tone="subdued">
            Nobody is waiting for a person.
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
