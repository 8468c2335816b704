/** The merchant's own questions and answers, per language: add, edit, delete, with the error beside each field. */
import { Form, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { FormResult } from "./knowledge";
import type { FaqDraft } from "./KnowledgeGaps";

export interface FaqView {
  id: string;
  locale: string;
  question: string;
  variants: string[];
  answer: string;
  linkTitle: string | null;
  linkUrl: string | null;
}

type Props = {
  faqs: FaqView[];
  locales: string[];
  primaryLocale: string;
  result?: FormResult;
  /** A knowledge gap to write up: fills the form (the merchant writes the answer and saves). */
  draft?: FaqDraft;
};
type Fields = {
  id: string;
  locale: string;
  question: string;
  variants: string;
  answer: string;
  linkTitle: string;
  linkUrl: string;
};

const blank = (locale: string): Fields => ({
  id: "",
  locale,
  question: "",
  variants: "",
  answer: "",
  linkTitle: "",
  linkUrl: "",
});
const fieldsOf = (faq: FaqView): Fields => ({
  id: faq.id,
  locale: faq.locale,
  question: faq.question,
  variants: faq.variants.join("\n"),
  answer: faq.answer,
  linkTitle: faq.linkTitle ?? "",
  linkUrl: faq.linkUrl ?? "",
});

export function FaqEditor({ faqs, locales, primaryLocale, result, draft }: Props) {
  const refused = result && !result.ok && result.values ? result : undefined;
  const [locale, setLocale] = useState(refused?.values?.locale ?? primaryLocale);
  const [form, setForm] = useState<Fields>(refused?.values ? { ...blank(locale), ...refused.values } : blank(locale));
  const saving = useNavigation().formData?.get("intent") === "faq.save";
  const errors = refused?.fieldErrors ?? {};
  const set = (key: keyof Fields) => (value: string) => setForm((current) => ({ ...current, [key]: value }));
  // A saved or deleted FAQ empties the form, so the next one starts blank (adjusted while rendering, as React advises).
  const [answered, setAnswered] = useState(result);
  if (result !== answered) {
    setAnswered(result);
    if (result?.ok) setForm(blank(locale));
  }
  const [drafted, setDrafted] = useState(draft);
  if (draft !== drafted) {
    setDrafted(draft);
    if (draft) {
      setLocale(draft.locale);
      setForm({ ...blank(draft.locale), question: draft.question, variants: draft.variants.join("\n") });
    }
  }
  const shown = faqs.filter((faq) => faq.locale === locale);
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Your FAQs
          </Text>
          <Select
            label="Language"
            labelInline
            options={locales}
            value={locale}
            onChange={(value) => {
              setLocale(value);
              setForm(blank(value));
            }}
          />
        </InlineStack>
        {result?.ok ? <Banner tone="success" title="FAQs saved: answers use them within a minute" /> : null}
        {result && !result.ok && result.error ? <Banner tone="critical" title={result.error} /> : null}
        {shown.length === 0 ? (
          <Text as="p" tone="subdued">
            No FAQs in this language yet.
          </Text>
        ) : null}
        {shown.map((faq) => (
          <BlockStack key={faq.id} gap="100">
            <Text as="h3" variant="headingSm">
              {faq.question}
            </Text>
            {faq.variants.length ? (
              <Text as="p" tone="subdued">
                Also asked as: {faq.variants.join(" · ")}
              </Text>
            ) : null}
            <Text as="p">{faq.answer}</Text>
            {faq.linkUrl ? (
              <Text as="p">Link: {faq.linkTitle ? `${faq.linkTitle} (${faq.linkUrl})` : faq.linkUrl}</Text>
            ) : null}
            <InlineStack gap="200">
              <Button onClick={() => setForm(fieldsOf(faq))}>Edit</Button>
              <Form method="post">
                <input type="hidden" name="intent" value="faq.delete" />
                <input type="hidden" name="id" value={faq.id} />
                <Button submit tone="critical" variant="plain">
                  Delete
                </Button>
              </Form>
            </InlineStack>
          </BlockStack>
        ))}
        <Form method="post">
          <input type="hidden" name="intent" value="faq.save" />
          <input type="hidden" name="id" value={form.id} />
          <input type="hidden" name="locale" value={form.locale} />
          <FormLayout>
            <Text as="h3" variant="headingSm">
              {form.id ? "Edit this FAQ" : `Add a FAQ (${form.locale})`}
            </Text>
            {errors.locale ? <Banner tone="critical" title={errors.locale} /> : null}
            <TextField
              label="Question"
              name="question"
              autoComplete="off"
              value={form.question}
              onChange={set("question")}
              error={errors.question}
            />
            <TextField
              label="Other ways shoppers ask it"
              name="variants"
              autoComplete="off"
              multiline={3}
              value={form.variants}
              onChange={set("variants")}
              error={errors.variants}
              helpText="One per line."
            />
            <TextField
              label="Answer"
              name="answer"
              autoComplete="off"
              multiline={4}
              value={form.answer}
              onChange={set("answer")}
              error={errors.answer}
              helpText="Shown to shoppers as you write it."
            />
            <FormLayout.Group>
              <TextField
                label="Link title (optional)"
                name="linkTitle"
                autoComplete="off"
                value={form.linkTitle}
                onChange={set("linkTitle")}
                error={errors.linkTitle}
              />
              <TextField
                label="Link (optional)"
                name="linkUrl"
                autoComplete="off"
                value={form.linkUrl}
                onChange={set("linkUrl")}
                error={errors.linkUrl}
                placeholder="/pages/shipping"
              />
            </FormLayout.Group>
            <InlineStack gap="200">
              <Button submit variant="primary" loading={saving}>
                {form.id ? "Save FAQ" : "Add FAQ"}
              </Button>
              {form.id ? <Button onClick={() => setForm(blank(locale))}>Cancel</Button> : null}
            </InlineStack>
          </FormLayout>
        </Form>
      </BlockStack>
    </Card>
  );
}
