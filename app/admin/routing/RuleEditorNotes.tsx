/** What the rule editor says around the form: where the rule came from, why it was not saved, and HubSpot's ids. */
import { Banner, BlockStack, List, Text } from "@shopify/polaris";
import type { RuleFieldErrors } from "./editor";
import type { HubSpotChoices } from "./references.server";
import type { RuleEditor, RuleSaveOutcome } from "./rules.server";

export function RuleEditorBanners({
  editor,
  result,
  errors,
}: {
  editor: Pick<RuleEditor, "templateTitle" | "alreadyUsed" | "form">;
  result: RuleSaveOutcome | undefined;
  errors: RuleFieldErrors;
}) {
  return (
    <>
      {editor.templateTitle && !editor.alreadyUsed ? (
        <Banner tone="info" title={`From the template “${editor.templateTitle}”: adjust it, then save`} />
      ) : null}
      {editor.alreadyUsed ? (
        <Banner
          tone="warning"
          title={`This template is already in your rules as “${editor.alreadyUsed.name}”`}
          action={{
            content: `Edit “${editor.alreadyUsed.name}” instead`,
            url: `/app/routing/edit/${editor.alreadyUsed.ruleId}`,
          }}
        >
          <p>{`Saving adds a second rule, “${editor.form.name}” (${editor.form.id}), beside it.`}</p>
        </Banner>
      ) : null}
      {result?.kind === "invalid" ? <Banner tone="critical" title="Not saved: fix the fields marked below" /> : null}
      {result?.kind === "conflict" ? (
        <Banner
          tone="warning"
          title={`Someone saved version ${result.latestVersion} since you opened this rule: reload the page, then make your change again`}
        />
      ) : null}
      {errors.form ? <ErrorList messages={errors.form} /> : null}
    </>
  );
}

export function ErrorList({ messages }: { messages: string[] }) {
  return (
    <Banner tone="critical">
      <List type="bullet">
        {messages.map((message) => (
          <List.Item key={message}>{message}</List.Item>
        ))}
      </List>
    </Banner>
  );
}

/** The ids a rule may name, from the connected HubSpot account, for the JSON view. */
export function HubSpotChoicesNote({ choices }: { choices: HubSpotChoices }) {
  if (choices.kind === "not_connected")
    return (
      <Text as="p" tone="subdued">
        Connect HubSpot to pick owners and pipelines from your account.
      </Text>
    );
  if (choices.kind === "unavailable")
    return <Text as="p" tone="caution">{`HubSpot's owners and pipelines could not be read: ${choices.message}`}</Text>;
  return (
    <BlockStack gap="100">
      <Text
        as="p"
        tone="subdued"
      >{`Owners in HubSpot: ${choices.owners.map((owner) => `${owner.id} (${owner.name})`).join(", ") || "none"}`}</Text>
      {choices.pipelines.map((pipeline) => (
        <Text
          as="p"
          tone="subdued"
          key={pipeline.id}
        >{`Deal pipeline ${pipeline.id} (${pipeline.label}), stages: ${pipeline.stages.map((stage) => stage.id).join(", ")}`}</Text>
      ))}
      {(choices.ticketPipelines ?? []).map((pipeline) => (
        <Text
          as="p"
          tone="subdued"
          key={`ticket-${pipeline.id}`}
        >{`Ticket pipeline ${pipeline.id} (${pipeline.label}), stages: ${pipeline.stages.map((stage) => stage.id).join(", ")}`}</Text>
      ))}
    </BlockStack>
  );
}
