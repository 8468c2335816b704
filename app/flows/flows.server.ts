/**
 * The merchant's flows: created from templates, edited as drafts (saved only when valid, with
 * every error at its field), published as numbered versions, rolled back by re-publishing an
 * older version as a new one. Every query is scoped to the shop the session token named.
 */
import prisma from "../db.server";
import { isUniqueViolation } from "../platform/db/errors";
import type { AdminGraphql } from "../integrations/shopify/widget-config.server";
import { validateFlowDraftText, type DraftResult } from "./editor";
import { experimentBlocks } from "./publish-config";
import {
  FlowConflict,
  FlowNotFound,
  parseStoredFlow,
  publicationHistory,
  publishShop,
  runningExperiments,
  type Publication,
} from "./publish.server";
import type { PreviewAssets } from "./preview";
import { readPreviewAssets } from "./preview.server";
import { findTemplate, flowFromTemplate, FLOW_TEMPLATES } from "./templates";
import type { Flow } from "../../contract/widget-config";

export { FlowConflict, FlowNotFound };

export interface FlowSummary {
  id: string;
  name: string;
  template: string | null;
  enabled: boolean;
  publishedVersion: number | null;
  /** The draft differs from what the storefront runs. */
  unpublishedChanges: boolean;
  updatedAt: string;
}

export interface PublicationEntry {
  reason: string;
  publishedAt: string;
}

export async function listFlows(shopDomain: string): Promise<{
  flows: FlowSummary[];
  templates: { key: string; title: string; description: string }[];
  publications: PublicationEntry[];
}> {
  const [rows, publications] = await Promise.all([
    prisma.flow.findMany({ where: { shopDomain }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    publicationHistory(shopDomain, 10),
  ]);
  const published = await prisma.flowVersion.findMany({
    where: {
      shopDomain,
      OR: rows
        .filter((row) => row.publishedVersion !== null)
        .map((row) => ({ flowId: row.id, number: row.publishedVersion! })),
    },
    select: { flowId: true, definition: true },
  });
  const publishedById = new Map(published.map((version) => [version.flowId, version.definition]));
  return {
    flows: rows.map((row) => ({
      id: row.id,
      name: row.name,
      template: row.template,
      enabled: parseStoredFlow(row.draft).enabled,
      publishedVersion: row.publishedVersion,
      unpublishedChanges: publishedById.get(row.id) !== row.draft,
      updatedAt: row.updatedAt.toISOString(),
    })),
    templates: FLOW_TEMPLATES.map(({ key, title, description }) => ({ key, title, description })),
    publications: publications.map((entry) => ({ reason: entry.reason, publishedAt: entry.publishedAt.toISOString() })),
  };
}

export class UnknownTemplate extends Error {
  override name = "UnknownTemplate";
}

/** A new draft flow from a template, under the first free id (fit-help, fit-help-2 …). */
export async function createFlowFromTemplate(shopDomain: string, templateKey: string): Promise<{ id: string }> {
  const template = findTemplate(templateKey);
  if (!template) throw new UnknownTemplate(`There is no template "${templateKey}".`);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const taken = new Set(
      (await prisma.flow.findMany({ where: { shopDomain }, select: { id: true } })).map((row) => row.id),
    );
    const flow = parseStoredFlow(JSON.stringify(flowFromTemplate(template, taken)));
    try {
      await prisma.flow.create({
        data: { shopDomain, id: flow.id, name: template.title, template: template.key, draft: JSON.stringify(flow) },
      });
      return { id: flow.id };
    } catch (error) {
      // Two tabs creating the same template at once: take the next id.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new FlowConflict("Could not find a free id for the new flow: try again.");
}

export interface FlowDetail {
  id: string;
  name: string;
  draft: Flow;
  publishedVersion: number | null;
  versions: { number: number; note: string | null; publishedAt: string }[];
  runningExperiment: { id: string; name: string; variantIds: string[] } | null;
}

async function flowRow(shopDomain: string, flowId: string) {
  const row = await prisma.flow.findUnique({ where: { shopDomain_id: { shopDomain, id: flowId } } });
  if (!row) throw new FlowNotFound(`There is no flow "${flowId}" in this shop.`);
  return row;
}

export async function readFlow(shopDomain: string, flowId: string): Promise<FlowDetail> {
  const row = await flowRow(shopDomain, flowId);
  const [versions, experiment] = await Promise.all([
    prisma.flowVersion.findMany({
      where: { shopDomain, flowId },
      orderBy: { number: "desc" },
      select: { number: true, note: true, publishedAt: true },
    }),
    prisma.experiment.findFirst({
      where: { shopDomain, flowId, status: "running" },
      select: { id: true, name: true, variants: true },
    }),
  ]);
  return {
    id: row.id,
    name: row.name,
    draft: parseStoredFlow(row.draft),
    publishedVersion: row.publishedVersion,
    versions: versions.map((version) => ({
      number: version.number,
      note: version.note,
      publishedAt: version.publishedAt.toISOString(),
    })),
    runningExperiment: experiment
      ? {
          id: experiment.id,
          name: experiment.name,
          variantIds: (JSON.parse(experiment.variants) as { variantId: string }[]).map((entry) => entry.variantId),
        }
      : null,
  };
}

/** Everything the editor page shows: the flow, its history and what the live preview runs. */
export async function loadFlowEditor(
  shopDomain: string,
  flowId: string,
): Promise<{ flow: FlowDetail; preview: PreviewAssets | null }> {
  const [flow, preview] = await Promise.all([readFlow(shopDomain, flowId), readPreviewAssets()]);
  return { flow, preview };
}

export type SaveResult = DraftResult & { name: string };

/** Saves the draft only when it is valid; the flow keeps its id whatever the editor sent. */
export async function saveDraft(
  shopDomain: string,
  flowId: string,
  input: { name: string; draft: string },
): Promise<SaveResult> {
  await flowRow(shopDomain, flowId);
  const name = input.name.trim();
  let text = input.draft;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      text = JSON.stringify({ ...parsed, id: flowId });
  } catch {
    // validateFlowDraftText reports it
  }
  const result = validateFlowDraftText(text);
  if (!name) {
    const error = { path: "name", message: "Name the flow", where: "Name" };
    return result.ok
      ? { ok: false, errors: [error], fieldErrors: { name: error.message }, name }
      : {
          ...result,
          errors: [error, ...result.errors],
          fieldErrors: { name: error.message, ...result.fieldErrors },
          name,
        };
  }
  if (!result.ok) return { ...result, name };
  await prisma.flow.update({
    where: { shopDomain_id: { shopDomain, id: flowId } },
    data: { name, draft: JSON.stringify(result.flow) },
  });
  return { ...result, name };
}

async function refuseIfExperimentBreaks(shopDomain: string, definition: Flow): Promise<void> {
  const experiment = (await runningExperiments(shopDomain)).find((entry) => entry.flowId === definition.id);
  const problem = experimentBlocks(definition, experiment);
  if (problem) throw new FlowConflict(problem);
}

/** Saves the editor's draft and, when it is valid, publishes it as the next version. */
export async function publishFlow(
  graphql: AdminGraphql,
  shopDomain: string,
  flowId: string,
  input: { name: string; draft: string; note: string },
  now = new Date(),
): Promise<{ saved: SaveResult; publication: Publication | null }> {
  const saved = await saveDraft(shopDomain, flowId, input);
  if (!saved.ok) return { saved, publication: null };
  await refuseIfExperimentBreaks(shopDomain, saved.flow);
  const publication = await publishShop(graphql, {
    shopDomain,
    now,
    reason: `Published ${flowId}`,
    flow: { flowId, definition: saved.flow, note: input.note.trim() || "Published" },
  });
  return { saved, publication };
}

/** Publishes an older version again, as a new version, and makes it the draft. */
export async function rollbackFlow(
  graphql: AdminGraphql,
  shopDomain: string,
  flowId: string,
  number: number,
  now = new Date(),
): Promise<Publication> {
  await flowRow(shopDomain, flowId);
  const version = await prisma.flowVersion.findUnique({
    where: { shopDomain_flowId_number: { shopDomain, flowId, number } },
  });
  if (!version) throw new FlowNotFound(`Flow "${flowId}" has no version ${number}.`);
  const definition = parseStoredFlow(version.definition);
  await refuseIfExperimentBreaks(shopDomain, definition);
  return publishShop(graphql, {
    shopDomain,
    now,
    reason: `Rolled ${flowId} back to version ${number}`,
    flow: { flowId, definition, note: `Rolled back to version ${number}`, replaceDraft: true },
  });
}
