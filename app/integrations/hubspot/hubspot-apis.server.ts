/**
 * Why: the one call the CrmPort's operations make (and the reads several share), named once, beside neither the adapter that
 * builds it (hubspot-adapter.server.ts) nor the operations split over several files, so none of
 * those files has to import another's types in a circle. Every path comes from api-versions.ts.
 */
import { hubspotPath } from "./api-versions";
import type { CrmError } from "./crm-port";
import type { HubSpotMethod } from "./sdk-request.server";

/** HubSpot through the SDK, paced and retried by the shop's client (sdk-request.server.ts says how). */
export type HubSpotApis = {
  /** A refused answer throws (the operations turn it into a CrmError); `query` goes on the URL. */
  request(
    method: HubSpotMethod,
    path: string,
    body?: unknown,
    query?: Record<string, string>,
  ): Promise<{ status: number; json: unknown }>;
};

/** A batch answer's part the operations read (BatchResponse…WithErrors in HubSpot's specs). */
export type ObjectResult = {
  id: string;
  properties: Record<string, string | null>;
  objectWriteTraceId?: string;
};

/** A pipeline as GET /crm/pipelines/{version}/{objectType} answers it (the fields read). */
export type PipelineResult = {
  id: string;
  label: string;
  displayOrder: number;
  archived: boolean;
  stages: Array<{ id: string; label: string; displayOrder: number; archived: boolean }>;
};

type PropertyResult = { options: Array<{ value: string; label: string; hidden: boolean; displayOrder?: number }> };

/** A CRM object endpoint on the version api-versions.ts names, e.g. objects("deals", "batch/read"). */
export const objectsPath = (objectType: string, rest = ""): string =>
  hubspotPath("crm/objects", rest ? `${objectType}/${rest}` : objectType);

/** The pipelines of an object type, the live ones in HubSpot's display order. */
export async function livePipelines(apis: HubSpotApis, objectType: string) {
  const { json } = await apis.request("GET", hubspotPath("crm/pipelines", objectType));
  return (json as { results: PipelineResult[] }).results
    .filter((pipeline) => !pipeline.archived)
    .sort((a, b) => a.displayOrder - b.displayOrder)
    .map((pipeline) => ({
      id: pipeline.id,
      label: pipeline.label,
      stages: pipeline.stages
        .filter((stage) => !stage.archived)
        .sort((a, b) => a.displayOrder - b.displayOrder)
        .map((stage) => ({ id: stage.id, label: stage.label })),
    }));
}

/** A property's definition (its options) as HubSpot holds it. */
export async function propertyDefinition(apis: HubSpotApis, objectType: string, propertyName: string) {
  const path = hubspotPath("crm/properties", `${objectType}/${encodeURIComponent(propertyName)}`);
  return (await apis.request("GET", path)).json as PropertyResult;
}

/** One HubSpot call whose refusal comes out as the port's CrmError, however the request failed. */
export function crmCalls(toCrmError: (error: unknown) => CrmError) {
  return async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw toCrmError(error);
    }
  };
}
