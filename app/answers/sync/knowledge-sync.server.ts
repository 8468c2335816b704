/**
 * The full pass over a shop's knowledge: the shop and its policies, its active products, its published pages,
 * then each published locale's translations, then what the pass did not reach is marked gone and the index is
 * rebuilt. A pass runs in steps of bounded time, each ending with its place (phase and cursor) saved and the
 * next step queued: a 10,000-product shop paced by Shopify's throttle takes many minutes, and other shops'
 * passes take their turns between its steps. A failed step is retried from the saved place; the next daily
 * pass is queued when one starts, so a pass that ends up parked does not end the daily passes.
 */
import prisma from "../../db.server";
import {
  KNOWLEDGE_PAGES,
  KNOWLEDGE_PRODUCT_TRANSLATIONS,
  KNOWLEDGE_PRODUCTS,
  KNOWLEDGE_TRANSLATIONS,
  PAGES_PAGE_SIZE,
  PRODUCT_TRANSLATIONS_PAGE_SIZE,
  PRODUCTS_PAGE_SIZE,
  TRANSLATIONS_PAGE_SIZE,
  pagesPageSchema,
  productsPageSchema,
  translationsPageSchema,
  type TranslatedType,
} from "../../integrations/shopify/knowledge.graphql";
import { AdminPacer, type AdminGraphql, type PacerOptions } from "../../integrations/shopify/paced-graphql.server";
import {
  countSources,
  liveRows,
  sweepUnseen,
  writeSources,
  type SourceCounts,
  type SourceWrite,
} from "./knowledge-store.server";
import { productWrite, readShop, translatedWrites } from "./shopify-reads.server";
import { isForSale, pageDocumentOf, policyDocumentOf, type ShopSettings } from "./shopify-documents";
import { documentOf, translationKeysOfRow } from "./source-rows";
import {
  DAY_MS,
  continueKnowledgeSync,
  loadSyncSettings,
  recordSyncError,
  requestIndexRebuild,
  saveShopSettings,
  scheduleKnowledgeSync,
} from "./sync-state.server";

/**
 * A step stops starting requests after this long (a throttle wait can add ~10 s). Short, because the runner
 * runs one job of a kind at a time: another shop's step waits behind this one (other kinds do not).
 */
const STEP_BUDGET_MS = 10_000;
/** A pass that started this long ago and has not finished is taken as dead: a new start begins again. */
const DEAD_PASS_MS = 6 * 60 * 60_000;
/** Tombstones are kept this long: Shopify retries a webhook for 4 hours at most. */
const TOMBSTONE_DAYS = 30;
const TRANSLATED_TYPES: TranslatedType[] = ["PRODUCT", "PAGE", "SHOP_POLICY"];

export interface StepOptions extends PacerOptions {
  now?: Date;
  budgetMs?: number;
}

export type StepOutcome =
  | { status: "not_installed" | "idle" | "already_running" }
  | { status: "continues"; phase: string; requests: number; waitedMs: number }
  | { status: "done"; counts: SourceCounts; gone: number; requests: number; waitedMs: number };

interface Place {
  phase: string;
  cursor: string | null;
}

/** One step of a shop's pass (`start`: begin a pass, unless one is running). */
export async function runKnowledgeSyncStep(
  shopDomain: string,
  graphql: AdminGraphql,
  start: boolean,
  options: StepOptions = {},
): Promise<StepOutcome> {
  const now = options.now ?? new Date();
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { uninstalledAt: true } });
  if (!shop || shop.uninstalledAt) return { status: "not_installed" }; // no token, and no next pass
  let state = await prisma.knowledgeSync.upsert({ where: { shopDomain }, create: { shopDomain }, update: {} });
  if (start) {
    if (state.runStartedAt && now.getTime() - state.runStartedAt.getTime() < DEAD_PASS_MS)
      return { status: "already_running" };
    state = await prisma.knowledgeSync.update({
      where: { shopDomain },
      data: { runStartedAt: now, phase: "shop", cursor: null },
    });
    await scheduleKnowledgeSync(prisma, shopDomain, new Date(now.getTime() + DAY_MS));
  }
  if (!state.runStartedAt || !state.phase) return { status: "idle" };
  const passStartedAt = state.runStartedAt;
  const pacer = new AdminPacer(graphql, options);
  const clock = options.now ? () => now.getTime() + pacer.waitedMs : Date.now;
  const deadline = clock() + (options.budgetMs ?? STEP_BUDGET_MS);
  let place: Place = { phase: state.phase, cursor: state.cursor };
  try {
    // Every step moves the pass on by at least one request, however little time it was given.
    while (place.phase !== "finish") {
      place = await runPhase(shopDomain, pacer, place, now);
      await prisma.knowledgeSync.update({ where: { shopDomain }, data: { phase: place.phase, cursor: place.cursor } });
      if (place.phase !== "finish" && clock() >= deadline) {
        await continueKnowledgeSync(prisma, shopDomain);
        return { status: "continues", phase: place.phase, requests: pacer.requests, waitedMs: pacer.waitedMs };
      }
    }
    return {
      ...(await finishPass(shopDomain, passStartedAt, now)),
      requests: pacer.requests,
      waitedMs: pacer.waitedMs,
    };
  } catch (error) {
    await recordSyncError(shopDomain, error, now);
    throw error;
  }
}

/** One request's worth of a phase; returns where the pass is next. */
async function runPhase(shopDomain: string, pacer: AdminPacer, place: Place, now: Date): Promise<Place> {
  if (place.phase === "shop") {
    const { answer, settings } = await readShop(pacer);
    await saveShopSettings(shopDomain, settings);
    const policies = answer.shop.shopPolicies.flatMap((node) => {
      const document = policyDocumentOf(node, settings.primaryLocale);
      return document ? [{ document, sourceUpdatedAt: new Date(node.updatedAt) }] : [];
    });
    await writeSources(shopDomain, policies, now);
    return { phase: "products", cursor: null };
  }
  const { namespaces, shop: settings } = await loadSyncSettings(shopDomain);
  if (!settings) return { phase: "shop", cursor: null };
  if (place.phase === "products") {
    const { products } = await pacer.run(
      KNOWLEDGE_PRODUCTS,
      { first: PRODUCTS_PAGE_SIZE, after: place.cursor },
      productsPageSchema,
    );
    const writes: SourceWrite[] = [];
    for (const node of products.nodes.filter(isForSale)) {
      writes.push(await productWrite(pacer, node, settings.primaryLocale, namespaces));
    }
    await writeSources(shopDomain, writes, now);
    return products.pageInfo.hasNextPage
      ? { phase: "products", cursor: products.pageInfo.endCursor }
      : { phase: "pages", cursor: null };
  }
  if (place.phase === "pages") {
    const { pages } = await pacer.run(
      KNOWLEDGE_PAGES,
      { first: PAGES_PAGE_SIZE, after: place.cursor },
      pagesPageSchema,
    );
    const writes = pages.nodes.flatMap((node) => {
      const document = pageDocumentOf(node, settings);
      return document ? [{ document, sourceUpdatedAt: new Date(node.updatedAt) }] : [];
    });
    await writeSources(shopDomain, writes, now);
    return pages.pageInfo.hasNextPage
      ? { phase: "pages", cursor: pages.pageInfo.endCursor }
      : { phase: firstTranslationPhase(settings), cursor: null };
  }
  const translation = /^translations:([^:]+):(\w+)$/.exec(place.phase);
  if (translation)
    return translationPage(
      shopDomain,
      pacer,
      settings,
      translation[1]!,
      translation[2] as TranslatedType,
      place.cursor,
      now,
    );
  throw new Error(`the knowledge sync of ${shopDomain} is at an unknown phase "${place.phase}"`);
}

const translationPhases = (settings: ShopSettings) =>
  settings.locales.slice(1).flatMap((locale) => TRANSLATED_TYPES.map((type) => `translations:${locale}:${type}`));

function firstTranslationPhase(settings: ShopSettings): string {
  return translationPhases(settings)[0] ?? "finish";
}

async function translationPage(
  shopDomain: string,
  pacer: AdminPacer,
  settings: ShopSettings,
  locale: string,
  resourceType: TranslatedType,
  cursor: string | null,
  now: Date,
): Promise<Place> {
  // Products bring their options' and metafields' translations along, so fewer come to a page.
  const { translatableResources: page } =
    resourceType === "PRODUCT"
      ? await pacer.run(
          KNOWLEDGE_PRODUCT_TRANSLATIONS,
          { locale, first: PRODUCT_TRANSLATIONS_PAGE_SIZE, after: cursor },
          translationsPageSchema,
        )
      : await pacer.run(
          KNOWLEDGE_TRANSLATIONS,
          { resourceType, locale, first: TRANSLATIONS_PAGE_SIZE, after: cursor },
          translationsPageSchema,
        );
  const hasValue = (translations: { value: string | null }[]) => translations.some((translation) => translation.value);
  const translated = page.nodes.filter(
    (node) =>
      hasValue(node.translations) ||
      node.nestedTranslatableResources?.nodes.some((nested) => hasValue(nested.translations)),
  );
  const rows = await liveRows(
    shopDomain,
    translated.map((node) => node.resourceId),
    settings.primaryLocale,
  );
  const primaries = new Map(
    rows.map((row) => [
      row.id,
      { document: documentOf(row), sourceUpdatedAt: row.sourceUpdatedAt, translationKeys: translationKeysOfRow(row) },
    ]),
  );
  await writeSources(shopDomain, translatedWrites(translated, primaries, locale, settings), now);
  if (page.pageInfo.hasNextPage)
    return { phase: `translations:${locale}:${resourceType}`, cursor: page.pageInfo.endCursor };
  const phases = translationPhases(settings);
  return { phase: phases[phases.indexOf(`translations:${locale}:${resourceType}`) + 1] ?? "finish", cursor: null };
}

async function finishPass(
  shopDomain: string,
  passStartedAt: Date,
  now: Date,
): Promise<{ status: "done"; counts: SourceCounts; gone: number }> {
  const { shop: settings } = await loadSyncSettings(shopDomain);
  const { deleted } = await sweepUnseen(
    shopDomain,
    passStartedAt,
    now,
    new Date(now.getTime() - TOMBSTONE_DAYS * DAY_MS),
  );
  const counts = await countSources(shopDomain, settings?.primaryLocale ?? "");
  await prisma.$transaction(async (tx) => {
    await tx.knowledgeSync.update({
      where: { shopDomain },
      data: {
        ...counts,
        lastSyncedAt: now,
        runStartedAt: null,
        phase: null,
        cursor: null,
        lastError: null,
        lastErrorAt: null,
      },
    });
    await requestIndexRebuild(tx, shopDomain, now);
  });
  return { status: "done", counts, gone: deleted };
}
