import { Badge, BlockStack, Box, Card, InlineStack, Layout, Link, Page, Text } from "@shopify/polaris";
import { Link as RemixLink } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import type { ConversationDetail } from "../../conversations/conversation-detail.server";
import type { TranscriptLine } from "../../conversations/transcript";
import { RULE_LABEL } from "../orders/order-audit";
import { shopTime } from "../ui/time";
import type { handoffOfSession } from "../../conversations/handoff-staff.server";
import { HandoffThread } from "./HandoffThread";

const SPEAKER: Record<TranscriptLine["speaker"], string> = { bot: "ChatLift", shopper: "Shopper", event: "" };

function Line({ line, timeZone }: { line: TranscriptLine; timeZone: string }) {
  const time = shopTime(line.at, timeZone, true).slice(11);
  if (line.speaker === "event")
    return (
      <Text as="p" variant="bodySm" tone="subdued">
        {time} · {line.text}
      </Text>
    );
  return (
    <Box
      padding="300"
      borderRadius="200"
      background={line.speaker === "shopper" ? "bg-surface-secondary" : "bg-surface-info"}
    >
      <BlockStack gap="100">
        <Text as="p" variant="bodySm" tone="subdued">
          {SPEAKER[line.speaker]} · {time}
        </Text>
        <Text as="p">{line.text}</Text>
        {line.sources?.length ? (
          <Text as="p" variant="bodySm" tone="subdued">
            Source: {line.sources.map((source) => source.title).join(", ")}
          </Text>
        ) : null}
      </BlockStack>
    </Box>
  );
}

export function ConversationPage({
  conversation,
  handoff,
}: {
  conversation: ConversationDetail;
  handoff: Awaited<ReturnType<typeof handoffOfSession>>;
}) {
  const { row, transcript, lead, credits } = conversation;
  const title = `Conversation of ${shopTime(row.startedAt, conversation.timeZone)}`;
  return (
    <Page title={title} backAction={{ content: "Conversations", url: "/app/conversations" }}>
      <TitleBar title={title} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {handoff ? <HandoffThread handoff={handoff} timeZone={conversation.timeZone} /> : null}
            <Card>
              <BlockStack gap="200" data-testid="transcript">
                {transcript.length ? (
                  transcript.map((line) => <Line key={line.id} line={line} timeZone={conversation.timeZone} />)
                ) : (
                  <Text as="p">Nothing was said in this session.</Text>
                )}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="100">
                <Text as="h2" variant="headingSm">
                  Visit
                </Text>
                <Text as="p">Landed on {row.landingPath ?? "an unknown page"}</Text>
                {conversation.referrer ? <Text as="p">From {conversation.referrer}</Text> : null}
                {row.utm.source || row.utm.campaign ? (
                  <Text as="p">
                    UTM: {[row.utm.source, row.utm.medium, row.utm.campaign].filter(Boolean).join(" / ")}
                  </Text>
                ) : null}
                {conversation.country ? <Text as="p">Market: {conversation.country}</Text> : null}
                <Text as="p" tone="subdued">
                  {row.shopperTurns} shopper turns · {row.questions} questions · {row.answered} answered ·{" "}
                  {row.abstained} not covered
                </Text>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="100">
                <Text as="h2" variant="headingSm">
                  Lead
                </Text>
                {lead ? (
                  <InlineStack gap="200">
                    <Text as="span">{lead.email}</Text>
                    {lead.qualified ? <Badge tone="success">Qualified</Badge> : null}
                    {lead.hubspotContactId ? <Badge>In HubSpot</Badge> : null}
                  </InlineStack>
                ) : (
                  <Text as="p" tone="subdued">
                    The shopper left no email with consent.
                  </Text>
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="100">
                <Text as="h2" variant="headingSm">
                  Credited orders
                </Text>
                {credits.length ? (
                  credits.map((credit) => (
                    <Text as="p" key={`${credit.orderId}-${credit.role}`}>
                      <RemixLink to={`/app/orders/${credit.orderId.split("/").pop()}`}>{credit.orderName}</RemixLink>:{" "}
                      {credit.amount} ({RULE_LABEL[credit.rule] ?? credit.rule}, {credit.role})
                    </Text>
                  ))
                ) : (
                  <Text as="p" tone="subdued">
                    No order was credited to this conversation under your model and window.{" "}
                    <Link url="/app/orders">Order audit</Link>
                  </Text>
                )}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
