/** "Try a question": the answer as a shopper would read it, then every source weighed, its score and why. */
import { Form, useNavigation } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  FormLayout,
  List,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import type { Answer } from "../../../contract/answers";
import type { ExplainedCandidate } from "../../answers/explain";
import type { RephrasingOutcome } from "../../../contract/events";
import type { FormResult } from "./knowledge";

type Tried =
  | { indexed: false }
  | {
      indexed: true;
      answersEnabled: boolean;
      answer: Answer;
      /** The extractive answer, when the language model was asked to rephrase it. */
      quoted?: string;
      rephrasing?: RephrasingOutcome;
      candidates: ExplainedCandidate[];
    };
type Props = { locales: string[]; primaryLocale: string; result?: FormResult & { tried?: Tried } };

const REPHRASING_LABEL: Record<RephrasingOutcome, string> = {
  rephrased: "Rephrased by your language model; every fact checked against the sources",
  verifier_rejected: "Your language model's reply stated something the sources do not: shoppers read the quote",
  timeout: "Your language model did not answer in time: shoppers read the quote",
  provider_error: "Your language model failed: shoppers read the quote",
  cap_reached: "Today's rephrasings are used up: shoppers read the quote until tomorrow (UTC)",
  empty: "Your language model answered nothing: shoppers read the quote",
};

const KIND_LABEL: Record<Answer["kind"], string> = {
  answer: "Answer",
  products: "Products",
  clarify: "Asks which one",
  order_status: "Order status",
  abstain: "Says the shop's information does not cover it",
};

export function TryQuestion({ locales, primaryLocale, result }: Props) {
  const [question, setQuestion] = useState(result?.values?.question ?? "");
  const [locale, setLocale] = useState(result?.values?.locale ?? primaryLocale);
  const asking = useNavigation().formData?.get("intent") === "try";
  const tried = result?.tried;
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Try a question
        </Text>
        <Form method="post">
          <input type="hidden" name="intent" value="try" />
          <input type="hidden" name="locale" value={locale} />
          <FormLayout>
            <FormLayout.Group>
              <TextField
                label="Question"
                name="question"
                autoComplete="off"
                value={question}
                onChange={setQuestion}
                error={result?.fieldErrors?.question}
                placeholder="Do you ship to Canada?"
              />
              <Select label="Shopper's language" options={locales} value={locale} onChange={setLocale} />
            </FormLayout.Group>
            <Button submit loading={asking}>
              Ask
            </Button>
          </FormLayout>
        </Form>
        {tried && !tried.indexed ? (
          <Banner
            tone="warning"
            title="Your store's content is not indexed yet: shoppers get an honest “not covered” until the first sync ends"
          />
        ) : null}
        {tried?.indexed ? (
          <BlockStack gap="300">
            {!tried.answersEnabled ? (
              <Banner tone="warning" title="Answers are off: shoppers do not see the question box" />
            ) : null}
            <Text as="h3" variant="headingSm">
              What the shopper reads — {KIND_LABEL[tried.answer.kind]}
            </Text>
            <Text as="p">{tried.answer.text}</Text>
            {tried.rephrasing ? (
              <Text as="p" tone="subdued">
                {REPHRASING_LABEL[tried.rephrasing]}
                {tried.rephrasing === "rephrased" ? ` — quoted: “${tried.quoted}”` : ""}
              </Text>
            ) : null}
            {tried.answer.sources.length ? (
              <List type="bullet">
                {tried.answer.sources.map((source) => (
                  <List.Item key={source.id}>
                    Source: {source.title} {source.url ? `(${source.url})` : ""}
                  </List.Item>
                ))}
              </List>
            ) : null}
            {tried.answer.products?.length ? (
              <Text as="p">Product cards: {tried.answer.products.map((p) => p.title).join(", ")}</Text>
            ) : null}
            {tried.answer.suggestions?.length ? (
              <Text as="p">Suggested questions: {tried.answer.suggestions.join(" · ")}</Text>
            ) : null}
            <Text as="h3" variant="headingSm">
              Sources considered
            </Text>
            {tried.candidates.length ? (
              <DataTable
                columnContentTypes={["text", "text", "numeric", "numeric", "text"]}
                headings={["Source", "Type", "Covers", "Score", "Why"]}
                rows={tried.candidates.map((c) => [
                  c.title,
                  c.type,
                  `${Math.round(c.coverage * 100)}%`,
                  c.score.toFixed(2),
                  c.reason,
                ])}
              />
            ) : (
              <Text as="p" tone="subdued">
                No source shares a word with this question.
              </Text>
            )}
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
