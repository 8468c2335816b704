/**
 * The demo shop, made the way the app makes a shop: through its own services, never raw SQL,
 * so the demo shows what a merchant's install would hold (its products, pages and policies come
 * from the Admin API stand-in through the knowledge sync; its FAQs are typed in here). Call only after DATABASE_URL,
 * HUBSPOT_API_BASE and ENCRYPTION_KEY are set (app modules read them at import).
 */
import { createAdminApiClient } from "@shopify/admin-api-client";
import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "../../app/db.server";
import { saveSettings } from "../../app/admin/settings/settings.server";
import { saveFaq, saveSynonyms } from "../../app/admin/knowledge/knowledge.server";
import { faqSchema, synonymSchema } from "../../app/admin/knowledge/knowledge";
import { DEFAULT_SCOPES } from "../../app/platform/config/app-config";
import { demoAccessToken } from "../../app/platform/shops/demo-session";
import { createExperiment, startExperiment } from "../../app/flows/experiments/experiments.server";
import { createFlowFromTemplate, publishFlow, readFlow } from "../../app/flows/flows.server";
import type { Flow } from "../../contract/widget-config";
import { connectWithStaticToken } from "../../app/sync/connection.server";
import { activateRuleSet, saveRuleSet } from "../../app/routing/rule-sets.server";
import { RULE_TEMPLATES } from "../../app/routing/templates";
import { recordInstall } from "../../app/platform/shops/shop-lifecycle.server";
import { scheduleOrderReconciliation } from "../../app/attribution/orders/reconciliation.server";
import { scheduleKnowledgeSync } from "../../app/answers/sync/sync-state.server";
import { faqs } from "../../sandbox/shop-content/faqs";
import { MERCHANT_SYNONYMS } from "../../sandbox/shop-content/index";
import { SANDBOX_TOKEN } from "./config";

/** A third of visitors in the holdout: enough of both arms for a lift in a short simulation. */
export const DEMO_HOLDOUT_PERCENT = 30;
/** The fit-help flow runs an experiment between its own prompt and a friendlier one. */
const FRIENDLIER_PROMPT = { en: "Not sure about the size? Tell me how you like it to fit and I'll pick for you." };
/** The sandbox's owners (sandbox/hubspot), for the round-robin template. */
const SANDBOX_OWNERS = ["501", "502"];

export interface SeedOptions {
  shop: string;
  demoSecret: string;
  /** The Admin API stand-in's origin. */
  adminApi: string;
}

export interface SeedReport {
  ruleSetVersion: number;
  flows: string[];
  experimentId: string;
  hubspotPortalId: number;
  hubspotPropertiesCreated: number;
}

/** `admin.graphql` as authenticate.admin builds it, pointed at the Admin API stand-in. */
function adminGraphql(shop: string, accessToken: string, standIn: string) {
  const client = createAdminApiClient({
    storeDomain: shop,
    apiVersion: "2026-10",
    accessToken,
    // The stand-in serves every shop at one address: the shop rides in a header.
    customFetchApi: (url, init) =>
      fetch(String(url).replace(`https://${shop}`, standIn), {
        ...init,
        headers: { ...(init?.headers as Record<string, string>), "x-chatlift-shop": shop },
      }),
  });
  return (query: string, options?: { variables?: Record<string, unknown> }) =>
    client.fetch(query, { variables: options?.variables });
}

export async function seedDemoShop(options: SeedOptions): Promise<SeedReport> {
  const { shop } = options;
  const accessToken = demoAccessToken(options.demoSecret, shop);
  // What the install's OAuth would store: the offline session, then the shop row.
  const sessions = new PrismaSessionStorage(prisma as never);
  await sessions.storeSession(
    new Session({
      id: `offline_${shop}`,
      shop,
      state: "installed",
      isOnline: false,
      scope: DEFAULT_SCOPES,
      accessToken,
    }),
  );
  await recordInstall(shop);
  // As afterAuth does on a real install: the 60-day order back-fill, against the stand-in.
  await scheduleOrderReconciliation(prisma, shop);
  // …and the first pass over the shop's products, pages and policies for answers.
  await scheduleKnowledgeSync(prisma, shop);
  await saveSettings(shop, {
    attributionWindowDays: 7,
    attributionModel: "last_touch",
    holdoutPercent: DEMO_HOLDOUT_PERCENT,
    consentMode: "explicit",
  });

  // Flows and an experiment, as the merchant makes them in the admin: each publish goes through
  // the Admin API stand-in into the metafield the storefront renders.
  const graphql = adminGraphql(shop, accessToken, options.adminApi);
  const flows: string[] = [];
  for (const template of ["fit_help", "coupon_offer"]) {
    const { id } = await createFlowFromTemplate(shop, template);
    const { draft, name } = await readFlow(shop, id);
    const withVariants: Flow =
      template === "fit_help"
        ? {
            ...draft,
            variants: [
              { id: "control", weight: 50 },
              { id: "friendlier", weight: 50, prompt: FRIENDLIER_PROMPT },
            ],
          }
        : draft;
    const { saved } = await publishFlow(graphql, shop, id, {
      name,
      draft: JSON.stringify(withVariants),
      note: "Published by the demo",
    });
    if (!saved.ok) throw new Error(`the demo's ${template} flow was refused: ${JSON.stringify(saved.errors)}`);
    flows.push(id);
  }
  const experiment = await createExperiment(shop, {
    name: "Friendlier fit-help prompt",
    flowId: flows[0],
    controlVariantId: "control",
    minimumDetectableEffect: "10",
    "weight.control": "50",
    "weight.friendlier": "50",
  });
  if (!experiment.ok || !experiment.id)
    throw new Error(`the demo's experiment was refused: ${JSON.stringify(experiment)}`);
  await startExperiment(graphql, shop, experiment.id);

  // The merchant's FAQs and synonyms (English and German), typed into the Knowledge page's forms.
  for (const faq of faqs()) {
    const form = {
      locale: faq.locale,
      question: faq.question,
      variants: faq.variants.join("\n"),
      answer: faq.answer,
      linkTitle: faq.link?.title,
      linkUrl: faq.link?.url,
    };
    await saveFaq(shop, faqSchema.parse(form));
  }
  for (const group of MERCHANT_SYNONYMS)
    await saveSynonyms(shop, synonymSchema.parse({ locale: group.locale, terms: group.terms.join(", ") }));

  const rules = RULE_TEMPLATES.map((template) => template.build({ ownerIds: SANDBOX_OWNERS, bigCartValue: 150 }));
  const saved = await saveRuleSet(shop, { version: 1, rules }, 0);
  if (saved.kind !== "saved") throw new Error(`the demo's routing rules were refused: ${JSON.stringify(saved)}`);
  await activateRuleSet(shop, saved.version);

  const hubspot = await connectWithStaticToken(shop, SANDBOX_TOKEN, 110);
  return {
    ruleSetVersion: saved.version,
    flows,
    experimentId: experiment.id,
    hubspotPortalId: hubspot.portalId,
    hubspotPropertiesCreated: hubspot.propertiesCreated.length,
  };
}
