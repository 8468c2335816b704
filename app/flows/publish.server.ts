/**
 * Publishing: the one path by which anything reaches the storefront. Every change that alters
 * what visitors see (a flow published or rolled back, an experiment started, stopped or won)
 * rebuilds the WHOLE widget config from the shop's state with that change applied, writes it to
 * the metafield through the Admin API, and only then records the change, so the database never
 * claims a publish Shopify refused.
 */
import { randomBytes } from "node:crypto";
import { appearanceForWidgetConfig } from "./appearance";
import prisma from "../db.server";
import { isUniqueViolation } from "../platform/db/errors";
import { withShopLock } from "../platform/db/shop-lock.server";
import { MAX_CONFIG_BYTES, publishWidgetConfig, type AdminGraphql } from "../integrations/shopify/widget-config.server";
import { buildWidgetConfig, PublishConflict, type RunningExperiment } from "./publish-config";
import { flowSchema, type Flow, type WidgetConfig } from "../../contract/widget-config";
import type { Tx } from "../db.server";

type Transaction = Tx;

export class FlowNotFound extends Error {
  override name = "FlowNotFound";
}

/** Someone else changed the same thing first, or the change would break a running experiment. */
export class FlowConflict extends Error {
  override name = "FlowConflict";
}

export interface FlowChange {
  flowId: string;
  definition: Flow;
  note: string;
  /** Rollback and a declared winner also replace the draft; a plain publish has just saved it. */
  replaceDraft?: boolean;
}

export interface PublishPlan {
  shopDomain: string;
  reason: string;
  flow?: FlowChange;
  /** The running experiments after the change. */
  experiments?: (running: RunningExperiment[]) => RunningExperiment[];
  /** More rows to write in the same transaction as the publication. */
  alsoWrite?: (tx: Transaction) => Promise<unknown>;
  now?: Date;
}

export interface Publication {
  id: string;
  config: WidgetConfig;
  version: number | null;
}

export const parseStoredFlow = (text: string): Flow => flowSchema.parse(JSON.parse(text));

export async function runningExperiments(shopDomain: string): Promise<RunningExperiment[]> {
  const rows = await prisma.experiment.findMany({
    where: { shopDomain, status: "running" },
    select: { flowId: true, variants: true },
  });
  return rows.map((row) => ({
    flowId: row.flowId,
    variants: JSON.parse(row.variants) as RunningExperiment["variants"],
  }));
}

/** Each published flow's published definition, in the order the flows were created. */
async function publishedFlows(shopDomain: string): Promise<Flow[]> {
  const flows = await prisma.flow.findMany({
    where: { shopDomain, publishedVersion: { not: null } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, publishedVersion: true },
  });
  const versions = await prisma.flowVersion.findMany({
    where: { shopDomain, OR: flows.map((flow) => ({ flowId: flow.id, number: flow.publishedVersion! })) },
    select: { flowId: true, definition: true },
  });
  const byFlow = new Map(versions.map((version) => [version.flowId, version.definition]));
  return flows.flatMap((flow) => (byFlow.has(flow.id) ? [parseStoredFlow(byFlow.get(flow.id)!)] : []));
}

/**
 * One publish at a time per shop, across app instances (platform/db/shop-lock.server.ts): each
 * builds the config from what the last one recorded, so two quick clicks (an experiment started
 * while a flow is published, perhaps on another instance) can never leave the storefront without
 * one of the two changes, and versions are recorded in the order Shopify received the configs.
 */
export function publishShop(graphql: AdminGraphql, plan: PublishPlan): Promise<Publication> {
  return withShopLock("widget-publish", plan.shopDomain, () => publishNow(graphql, plan));
}

async function publishNow(graphql: AdminGraphql, plan: PublishPlan): Promise<Publication> {
  const { shopDomain } = plan;
  const now = plan.now ?? new Date();
  const shop = await prisma.shop.findUnique({
    where: { domain: shopDomain },
    select: { holdoutPercent: true, armSalt: true, widgetAppearance: true, answersEnabled: true },
  });
  // The arm hash's salt is made once, on the first publish, and kept: a new one would reshuffle arms.
  const salt = shop?.armSalt ?? randomBytes(12).toString("base64url");
  let flows = await publishedFlows(shopDomain);
  let version: number | null = null;
  if (plan.flow) {
    const change = plan.flow;
    const flow = await prisma.flow.findUnique({
      where: { shopDomain_id: { shopDomain, id: change.flowId } },
      select: { id: true },
    });
    if (!flow) throw new FlowNotFound(`no flow "${change.flowId}"`);
    const last = await prisma.flowVersion.findFirst({
      where: { shopDomain, flowId: change.flowId },
      orderBy: { number: "desc" },
      select: { number: true },
    });
    version = (last?.number ?? 0) + 1;
    flows = flows.some((entry) => entry.id === change.flowId)
      ? flows.map((entry) => (entry.id === change.flowId ? change.definition : entry))
      : [...flows, change.definition];
  }
  const running = await runningExperiments(shopDomain);
  const config = buildWidgetConfig({
    salt,
    holdoutPercent: shop?.holdoutPercent ?? 10,
    flows,
    experiments: plan.experiments ? plan.experiments(running) : running,
    appearance: appearanceForWidgetConfig(shop?.widgetAppearance ?? null) ?? undefined,
    answersEnabled: shop?.answersEnabled,
  });

  const bytes = Buffer.byteLength(JSON.stringify(config));
  if (bytes > MAX_CONFIG_BYTES)
    throw new PublishConflict(
      `The storefront config would be ${Math.ceil(bytes / 1024)} KB, over its ${MAX_CONFIG_BYTES / 1024} KB limit: shorten texts or turn a flow off.`,
    );
  const { metafieldId } = await publishWidgetConfig(graphql, config);

  try {
    const publication = await prisma.$transaction(async (tx) => {
      const row = await tx.widgetPublication.create({
        data: { shopDomain, config: JSON.stringify(config), metafieldId, reason: plan.reason, publishedAt: now },
      });
      // Only ever set once: a salt another publish stored first is never overwritten.
      if (!shop) await tx.shop.create({ data: { domain: shopDomain, armSalt: salt } });
      else if (!shop.armSalt)
        await tx.shop.updateMany({ where: { domain: shopDomain, armSalt: null }, data: { armSalt: salt } });
      if (plan.flow && version !== null) {
        const definition = JSON.stringify(plan.flow.definition);
        await tx.flowVersion.create({
          data: {
            shopDomain,
            flowId: plan.flow.flowId,
            number: version,
            definition,
            note: plan.flow.note,
            publishedAt: now,
            publicationId: row.id,
          },
        });
        await tx.flow.update({
          where: { shopDomain_id: { shopDomain, id: plan.flow.flowId } },
          data: { publishedVersion: version, ...(plan.flow.replaceDraft ? { draft: definition } : {}) },
        });
      }
      await plan.alsoWrite?.(tx);
      return row;
    });
    return { id: publication.id, config, version };
  } catch (error) {
    if (isUniqueViolation(error))
      throw new FlowConflict("Someone else published this flow at the same moment: reload the page and try again.");
    throw error;
  }
}

/** The latest configs written to the storefront, newest first: the audit trail of publishing. */
export async function publicationHistory(shopDomain: string, take = 20) {
  return prisma.widgetPublication.findMany({
    where: { shopDomain },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, reason: true, publishedAt: true, metafieldId: true },
  });
}
