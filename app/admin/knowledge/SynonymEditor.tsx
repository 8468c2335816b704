/** Words that mean the same in this shop ("jumper, sweater"), per language: add, edit, delete. */
import { Form, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { FormResult } from "./knowledge";

type Group = { id: string; locale: string; terms: string[] };
type Props = { synonyms: Group[]; locales: string[]; primaryLocale: string; result?: FormResult };

export function SynonymEditor({ synonyms, locales, primaryLocale, result }: Props) {
  const refused = result && !result.ok && result.values ? result : undefined;
  const [locale, setLocale] = useState(refused?.values?.locale ?? primaryLocale);
  const [editing, setEditing] = useState(refused?.values?.id ?? "");
  const [terms, setTerms] = useState(refused?.values?.terms ?? "");
  const saving = useNavigation().formData?.get("intent") === "synonym.save";
  const [answered, setAnswered] = useState(result);
  if (result !== answered) {
    setAnswered(result);
    if (result?.ok) {
      setEditing("");
      setTerms("");
    }
  }
  const shown = synonyms.filter((group) => group.locale === locale);
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Synonyms
          </Text>
          <Select
            label="Language"
            labelInline
            options={locales}
            value={locale}
            onChange={(value) => {
              setLocale(value);
              setEditing("");
              setTerms("");
            }}
          />
        </InlineStack>
        {result?.ok ? <Banner tone="success" title="Synonyms saved: answers use them within a minute" /> : null}
        {result && !result.ok && result.error ? <Banner tone="critical" title={result.error} /> : null}
        {shown.map((group) => (
          <InlineStack key={group.id} gap="200" blockAlign="center">
            <Text as="span">{group.terms.join(", ")}</Text>
            <Button
              variant="plain"
              onClick={() => {
                setEditing(group.id);
                setTerms(group.terms.join(", "));
              }}
            >
              Edit
            </Button>
            <Form method="post">
              <input type="hidden" name="intent" value="synonym.delete" />
              <input type="hidden" name="id" value={group.id} />
              <Button submit variant="plain" tone="critical">
                Delete
              </Button>
            </Form>
          </InlineStack>
        ))}
        <Form method="post">
          <input type="hidden" name="intent" value="synonym.save" />
          <input type="hidden" name="id" value={editing} />
          <input type="hidden" name="locale" value={locale} />
          <FormLayout>
            <TextField
              label={editing ? "Edit this group" : `Add a group (${locale})`}
              name="terms"
              autoComplete="off"
              value={terms}
              onChange={setTerms}
              error={refused?.fieldErrors?.terms ?? refused?.fieldErrors?.locale}
              helpText="Words shoppers use for the same thing, separated by commas: jumper, sweater, pullover."
            />
            <Button submit loading={saving}>
              {editing ? "Save group" : "Add group"}
            </Button>
          </FormLayout>
        </Form>
      </BlockStack>
    </Card>
  );
}
