/**
 * Experiments: created as drafts, started (the storefront starts splitting the flow's visitors
 * between the variants), stopped (everyone sees the published flow again), and won (the
 * winner's prompt and steps become the flow's, published as a new version). Starting, stopping
 * and winning all go through the one publish path, so the storefront and the records agree.
 */
import prisma from "../../db.server";
import { dayKey } from "../../analytics/days";
import type { AdminGraphql } from "../../integrations/shopify/widget-config.server";
import { experimentBlocks, type RunningExperiment } from "../publish-config";
import { FlowConflict, FlowNotFound, parseStoredFlow, publishShop } from "../publish.server";
import type { Flow } from "../../../contract/widget-config";
import { readVariantStats } from "../../analytics/rollups/variant-stats.server";
import {
  parseExperimentForm,
  refuseMove,
  splitSchema,
  type ExperimentFormResult,
  type ExperimentStatus,
} from "./experiment";
import { experimentReport, type ExperimentReport } from "./report";

export class ExperimentNotFound extends Error {
  override name = "ExperimentNotFound";
}

/** The move is not allowed in the experiment's state, or would break the storefront. */
export class ExperimentRefused extends Error {
  override name = "ExperimentRefused";
}

export interface ExperimentSummary {
  id: string;
  name: string;
  flowId: string;
  status: ExperimentStatus;
  controlVariantId: string;
  split: { variantId: string; weight: number }[];
  minimumDetectableEffect: number;
  startedAt: string | null;
  stoppedAt: string | null;
  winnerVariantId: string | null;
}

type ExperimentRow = Awaited<ReturnType<typeof prisma.experiment.findFirstOrThrow>>;

function summaryOf(row: ExperimentRow): ExperimentSummary {
  return {
    id: row.id,
    name: row.name,
    flowId: row.flowId,
    status: row.status as ExperimentStatus,
    controlVariantId: row.controlVariantId,
    split: splitSchema.parse(JSON.parse(row.variants)),
    minimumDetectableEffect: row.minimumDetectableEffect,
    startedAt: row.startedAt?.toISOString() ?? null,
    stoppedAt: row.stoppedAt?.toISOString() ?? null,
    winnerVariantId: row.winnerVariantId,
  };
}

/** The flow as the storefront runs it, else its draft: where an experiment's variants come from. */
async function flowForExperiment(shopDomain: string, flowId: string): Promise<{ flow: Flow; published: boolean }> {
  const row = await prisma.flow.findUnique({ where: { shopDomain_id: { shopDomain, id: flowId } } });
  if (!row) throw new FlowNotFound(`There is no flow "${flowId}" in this shop.`);
  if (row.publishedVersion === null) return { flow: parseStoredFlow(row.draft), published: false };
  const version = await prisma.flowVersion.findUniqueOrThrow({
    where: { shopDomain_flowId_number: { shopDomain, flowId, number: row.publishedVersion } },
  });
  return { flow: parseStoredFlow(version.definition), published: true };
}

export async function listExperiments(shopDomain: string) {
  const [rows, flows] = await Promise.all([
    prisma.experiment.findMany({ where: { shopDomain }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    prisma.flow.findMany({
      where: { shopDomain },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, name: true, draft: true, publishedVersion: true },
    }),
  ]);
  const choices = await Promise.all(
    flows.map(async (row) => ({
      id: row.id,
      name: row.name,
      published: row.publishedVersion !== null,
      variantIds: (await flowForExperiment(shopDomain, row.id)).flow.variants.map((variant) => variant.id),
    })),
  );
  return { experiments: rows.map(summaryOf), flows: choices };
}

export async function createExperiment(
  shopDomain: string,
  form: Record<string, unknown>,
): Promise<ExperimentFormResult & { id?: string }> {
  const flowId = typeof form.flowId === "string" ? form.flowId : "";
  const exists = flowId
    ? await prisma.flow.findUnique({ where: { shopDomain_id: { shopDomain, id: flowId } }, select: { id: true } })
    : null;
  if (!exists) return { ok: false, fieldErrors: { flowId: "Choose one of your flows" } };
  const { flow } = await flowForExperiment(shopDomain, flowId);
  const result = parseExperimentForm(
    form,
    flow.variants.map((variant) => variant.id),
  );
  if (!result.ok) return result;
  const { plan } = result;
  const row = await prisma.experiment.create({
    data: {
      shopDomain,
      flowId: plan.flowId,
      name: plan.name,
      status: "draft",
      variants: JSON.stringify(plan.split),
      controlVariantId: plan.controlVariantId,
      minimumDetectableEffect: plan.minimumDetectableEffect,
    },
  });
  return { ...result, id: row.id };
}

async function experimentRow(shopDomain: string, id: string): Promise<ExperimentRow> {
  // findFirst with the shop in the filter: another shop's id is simply not found.
  const row = await prisma.experiment.findFirst({ where: { shopDomain, id } });
  if (!row) throw new ExperimentNotFound("There is no such experiment in this shop.");
  return row;
}

function refuse(move: Parameters<typeof refuseMove>[0], row: ExperimentRow): void {
  const problem = refuseMove(move, row.status as ExperimentStatus, row.winnerVariantId !== null);
  if (problem) throw new ExperimentRefused(problem);
}

export async function startExperiment(
  graphql: AdminGraphql,
  shopDomain: string,
  id: string,
  now = new Date(),
): Promise<ExperimentSummary> {
  const row = await experimentRow(shopDomain, id);
  refuse("start", row);
  const other = await prisma.experiment.findFirst({
    where: { shopDomain, flowId: row.flowId, status: "running" },
    select: { name: true },
  });
  if (other) throw new ExperimentRefused(`"${other.name}" is already running on this flow: stop it first.`);
  const { flow, published } = await flowForExperiment(shopDomain, row.flowId);
  const split = splitSchema.parse(JSON.parse(row.variants));
  if (!published)
    throw new ExperimentRefused("Publish the flow first: the experiment splits the visitors of the published flow.");
  const problem = experimentBlocks(flow, { flowId: row.flowId, variants: split });
  if (problem) throw new ExperimentRefused(`${problem} Publish the flow with these variants first.`);
  await publishShop(graphql, {
    shopDomain,
    now,
    reason: `Started experiment "${row.name}"`,
    experiments: (running) => [...running, { flowId: row.flowId, variants: split }],
    alsoWrite: (tx) => tx.experiment.update({ where: { id }, data: { status: "running", startedAt: now } }),
  });
  return summaryOf(await experimentRow(shopDomain, id));
}

const withoutFlow = (flowId: string) => (running: RunningExperiment[]) =>
  running.filter((entry) => entry.flowId !== flowId);

export async function stopExperiment(
  graphql: AdminGraphql,
  shopDomain: string,
  id: string,
  now = new Date(),
): Promise<ExperimentSummary> {
  const row = await experimentRow(shopDomain, id);
  refuse("stop", row);
  await publishShop(graphql, {
    shopDomain,
    now,
    reason: `Stopped experiment "${row.name}"`,
    experiments: withoutFlow(row.flowId),
    alsoWrite: (tx) => tx.experiment.update({ where: { id }, data: { status: "stopped", stoppedAt: now } }),
  });
  return summaryOf(await experimentRow(shopDomain, id));
}

/** The winner's prompt and steps become the flow's; its variants go (the test is over). */
export function adoptWinner(flow: Flow, variantId: string): Flow {
  const winner = flow.variants.find((variant) => variant.id === variantId);
  if (!winner) throw new ExperimentRefused(`The flow has no variant "${variantId}".`);
  return { ...flow, prompt: winner.prompt ?? flow.prompt, steps: winner.steps ?? flow.steps, variants: [] };
}

export async function declareWinner(
  graphql: AdminGraphql,
  shopDomain: string,
  id: string,
  variantId: string,
  now = new Date(),
): Promise<ExperimentSummary> {
  const row = await experimentRow(shopDomain, id);
  refuse("declare_winner", row);
  if (!splitSchema.parse(JSON.parse(row.variants)).some((entry) => entry.variantId === variantId))
    throw new ExperimentRefused(`"${variantId}" is not a variant of this experiment.`);
  const { flow } = await flowForExperiment(shopDomain, row.flowId);
  const definition = adoptWinner(flow, variantId);
  try {
    await publishShop(graphql, {
      shopDomain,
      now,
      reason: `Declared ${variantId} the winner of "${row.name}"`,
      flow: { flowId: row.flowId, definition, note: `Winner of "${row.name}": ${variantId}`, replaceDraft: true },
      experiments: withoutFlow(row.flowId),
      alsoWrite: (tx) =>
        tx.experiment.update({
          where: { id },
          data: { status: "stopped", stoppedAt: row.stoppedAt ?? now, winnerVariantId: variantId },
        }),
    });
  } catch (error) {
    if (error instanceof FlowConflict) throw new ExperimentRefused(error.message);
    throw error;
  }
  return summaryOf(await experimentRow(shopDomain, id));
}

export interface ExperimentResults {
  experiment: ExperimentSummary;
  report: ExperimentReport | null;
  fromDay: string | null;
  toDay: string | null;
}

export async function experimentResults(shopDomain: string, id: string, now = new Date()): Promise<ExperimentResults> {
  const experiment = summaryOf(await experimentRow(shopDomain, id));
  if (!experiment.startedAt) return { experiment, report: null, fromDay: null, toDay: null };
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { timeZone: true } });
  const timeZone = shop?.timeZone ?? "UTC";
  const fromDay = dayKey(Date.parse(experiment.startedAt), timeZone);
  const toDay = dayKey(experiment.stoppedAt ? Date.parse(experiment.stoppedAt) : now.getTime(), timeZone);
  const counts = await readVariantStats(shopDomain, experiment.flowId, fromDay, toDay);
  const report = experimentReport(counts, {
    controlVariantId: experiment.controlVariantId,
    split: experiment.split,
    minimumDetectableEffect: experiment.minimumDetectableEffect,
  });
  return { experiment, report, fromDay, toDay };
}
