/**
 * /app/knowledge: what ChatLift answers shoppers from. Thin: the shop comes from the session token, each form
 * posts its `intent`, is parsed by the page's schemas (400 with the field's error, nothing saved) and handed to
 * one service call.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { requireAdmin } from "../admin/ui/session.server";
import {
  answerSettingsSchema,
  faqSchema,
  parseForm,
  synonymSchema,
  tryQuestionSchema,
} from "../admin/knowledge/knowledge";
import {
  deleteFaq,
  deleteSynonyms,
  readKnowledgePage,
  saveFaq,
  saveKnowledgeSettings,
  saveLlm,
  saveSynonyms,
  syncNow,
  tryQuestion,
  type Saved,
} from "../admin/knowledge/knowledge.server";
import { KnowledgeStatus } from "../admin/knowledge/KnowledgeStatus";
import { FaqEditor } from "../admin/knowledge/FaqEditor";
import { SynonymEditor } from "../admin/knowledge/SynonymEditor";
import { TryQuestion } from "../admin/knowledge/TryQuestion";
import { AnswerSettingsForm } from "../admin/knowledge/AnswerSettingsForm";
import { LlmSettingsForm } from "../admin/knowledge/LlmSettingsForm";
import { llmSettingsSchema } from "../admin/knowledge/llm-settings-form";
import { KnowledgeGaps, type FaqDraft } from "../admin/knowledge/KnowledgeGaps";
import { formatMoney } from "../attribution/money";
import { useState } from "react";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  return readKnowledgePage(shop);
}

const INTENTS = ["faq.save", "faq.delete", "synonym.save", "synonym.delete", "settings", "llm", "sync", "try"] as const;
type Intent = (typeof INTENTS)[number];

export async function action({ request }: ActionFunctionArgs) {
  const { shop, graphql } = await requireAdmin(request);
  const form = Object.fromEntries(await request.formData());
  const intent = INTENTS.find((known) => known === form.intent);
  if (!intent) return data({ intent: null, ok: false as const, error: "Unknown form" }, { status: 400 });
  const refused = (fieldErrors: Partial<Record<string, string>>, values: Record<string, string>) =>
    data({ intent, ok: false as const, fieldErrors, values }, { status: 400 });
  const outcome = (saved: Saved, id?: string) =>
    saved.ok
      ? { intent, ok: true as const, id }
      : data({ intent, ok: false as const, id, error: saved.error }, { status: saved.status });
  const id = typeof form.id === "string" ? form.id : "";

  switch (intent as Intent) {
    case "faq.save": {
      const parsed = parseForm(faqSchema, form);
      return parsed.ok ? outcome(await saveFaq(shop, parsed.value), id) : refused(parsed.fieldErrors, parsed.values);
    }
    case "synonym.save": {
      const parsed = parseForm(synonymSchema, form);
      return parsed.ok
        ? outcome(await saveSynonyms(shop, parsed.value), id)
        : refused(parsed.fieldErrors, parsed.values);
    }
    case "faq.delete":
      return outcome(await deleteFaq(shop, id), id);
    case "synonym.delete":
      return outcome(await deleteSynonyms(shop, id), id);
    case "settings": {
      const parsed = parseForm(answerSettingsSchema, form);
      if (!parsed.ok) return refused(parsed.fieldErrors, parsed.values);
      return { intent, ok: true as const, storefront: await saveKnowledgeSettings(graphql, shop, parsed.value) };
    }
    case "llm": {
      // The key never goes back to the browser, not even in a refused form's values.
      const { apiKey: _typed, ...typed } = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, String(v)]));
      const parsed = parseForm(llmSettingsSchema, form);
      if (!parsed.ok) return refused(parsed.fieldErrors, { ...parsed.values, apiKey: "" });
      const saved = await saveLlm(shop, parsed.value);
      return saved.ok ? { intent, ok: true as const } : refused(saved.fieldErrors, { ...typed, apiKey: "" });
    }
    case "sync":
      await syncNow(shop);
      return { intent, ok: true as const };
    case "try": {
      const parsed = parseForm(tryQuestionSchema, form);
      if (!parsed.ok) return refused(parsed.fieldErrors, parsed.values);
      return { intent, ok: true as const, tried: await tryQuestion(shop, parsed.value) };
    }
  }
}

export default function Knowledge() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const of = (intent: Intent) => (result && result.intent === intent ? result : undefined);
  const [draft, setDraft] = useState<FaqDraft | undefined>();
  return (
    <Page title="Knowledge">
      <TitleBar title="Knowledge" />
      <Layout>
        <Layout.Section>
          <KnowledgeStatus status={page.status} sources={page.sources} queued={of("sync")?.ok === true} />
        </Layout.Section>
        <Layout.Section>
          <TryQuestion locales={page.locales} primaryLocale={page.primaryLocale} result={of("try")} />
        </Layout.Section>
        <Layout.Section>
          <KnowledgeGaps
            gaps={page.gaps.gaps}
            from={page.gaps.from}
            money={(minor) => formatMoney(minor, page.gaps.currency)}
            onDraft={setDraft}
          />
        </Layout.Section>
        <Layout.Section>
          <FaqEditor
            faqs={page.faqs}
            locales={page.locales}
            primaryLocale={page.primaryLocale}
            result={of("faq.save") ?? of("faq.delete")}
            draft={draft}
          />
        </Layout.Section>
        <Layout.Section>
          <SynonymEditor
            synonyms={page.synonyms}
            locales={page.locales}
            primaryLocale={page.primaryLocale}
            result={of("synonym.save") ?? of("synonym.delete")}
          />
        </Layout.Section>
        <Layout.Section>
          <AnswerSettingsForm
            settings={page.settings}
            defaultThreshold={page.defaultThreshold}
            result={of("settings")}
          />
        </Layout.Section>
        <Layout.Section>
          <LlmSettingsForm settings={page.llm} result={of("llm")} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
