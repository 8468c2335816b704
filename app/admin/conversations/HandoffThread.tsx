/**
 * Why: a conversation whose shopper asked for a person shows the thread with the team beside the transcript,
 * and the reply box; while the handoff is open the page refreshes every few seconds, so the shopper's next
 * message shows up without a reload (the shopper's widget polls the same way).
 */
import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import type { handoffOfSession } from "../../conversations/handoff-staff.server";
import { shopTime } from "../ui/time";
import type { HandoffFormResult } from "./handoff-admin.server";
import { useRefresh } from "./HandoffPanel";

type Handoff = NonNullable<Awaited<ReturnType<typeof handoffOfSession>>>;

const WHO = { shopper: "Shopper", staff: "Team", bot: "ChatLift" } as const;

export function HandoffThread({ handoff, timeZone }: { handoff: Handoff; timeZone: string }) {
  const reply = useFetcher<HandoffFormResult>();
  const close = useFetcher<HandoffFormResult>();
  const [text, setText] = useState("");
  useRefresh(handoff.open);
  // A sent reply empties the box once (React's "adjust state when a result arrives"); a refused one keeps the text.
  const [cleared, setCleared] = useState<unknown>(undefined);
  if (reply.state === "idle" && reply.data?.ok && reply.data !== cleared) {
    setCleared(reply.data);
    setText("");
  }
  const failed = [reply.data, close.data].find((result) => result && !result.ok);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingSm">
            Talk to a person
          </Text>
          <Badge tone={handoff.open ? "attention" : undefined}>{handoff.label}</Badge>
        </InlineStack>
        {handoff.offerRule ? (
          <Text as="p" tone="subdued">
            Offered by your rule “{handoff.offerRule}”
          </Text>
        ) : null}
        {handoff.email ? (
          <Text as="p">
            Answer by email to {handoff.email}
            {handoff.answerBy ? ` by ${shopTime(handoff.answerBy, timeZone)}` : ""} (given with consent for this
            answer).
          </Text>
        ) : null}
        {failed && !failed.ok ? <Banner tone="critical" title={failed.errors.join("; ")} /> : null}
        <BlockStack gap="200" data-testid="handoff-thread">
          {handoff.messages.map((message) => (
            <Box
              key={message.seq}
              padding="200"
              borderRadius="200"
              background={message.from === "shopper" ? "bg-surface-secondary" : "bg-surface-success"}
            >
              <Text as="p" variant="bodySm" tone="subdued">
                {WHO[message.from]} · {shopTime(message.at, timeZone, true).slice(11)}
              </Text>
              <Text as="p">{message.text}</Text>
            </Box>
          ))}
          {handoff.messages.length ? null : (
            <Text as="p" tone="subdued">
              The shopper asked for a person and has not written yet.
            </Text>
          )}
        </BlockStack>
        {handoff.canReply ? (
          <reply.Form method="post">
            <input type="hidden" name="intent" value="reply" />
            <input type="hidden" name="handoffId" value={handoff.id} />
            <BlockStack gap="200">
              <TextField
                label="Reply to the shopper"
                name="text"
                autoComplete="off"
                multiline={2}
                maxLength={1000}
                value={text}
                onChange={setText}
              />
              <InlineStack gap="200">
                <Button submit variant="primary" loading={reply.state !== "idle"} disabled={!text.trim()}>
                  Send reply
                </Button>
              </InlineStack>
            </BlockStack>
          </reply.Form>
        ) : null}
        {handoff.open ? (
          <close.Form method="post">
            <input type="hidden" name="intent" value="close" />
            <input type="hidden" name="handoffId" value={handoff.id} />
            <Button submit tone="critical" variant="plain" loading={close.state !== "idle"}>
              End the conversation
            </Button>
          </close.Form>
        ) : null}
      </BlockStack>
    </Card>
  );
}
