/**
 * Why: the SDK API objects the CrmPort's operations call, named once, beside neither the adapter
 * that builds them (hubspot-adapter.server.ts) nor the operations split over several files, so
 * none of those files has to import another's types in a circle.
 */
import type { Client } from "@hubspot/api-client";

/** The SDK's API objects the operations call, as the adapter builds them (all on one client and limiter). */
export type HubSpotApis = {
  contacts: Client["crm"]["contacts"]["batchApi"];
  deals: Client["crm"]["deals"]["batchApi"];
  tasks: Client["crm"]["objects"]["tasks"]["batchApi"];
  tickets: Pick<Client["crm"]["tickets"], "basicApi" | "batchApi">;
  notes: Client["crm"]["objects"]["notes"]["basicApi"];
  associations: Client["crm"]["associations"]["v4"]["batchApi"];
  propertyGroups: Client["crm"]["properties"]["groupsApi"];
  properties: Client["crm"]["properties"]["batchApi"];
  owners: Client["crm"]["owners"]["ownersApi"];
  pipelines: Client["crm"]["pipelines"]["pipelinesApi"];
  propertyDefinitions: Client["crm"]["properties"]["coreApi"];
  events: Client["events"]["send"]["batchApi"];
  /** Endpoints the SDK has no class for (account details, event definitions, GDPR delete); same limiter. */
  request(method: "GET" | "POST" | "PATCH", path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
};
