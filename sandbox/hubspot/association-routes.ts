/**
 * Default associations between records (v4 batch), and the deal pipelines and owners HubSpot lists:
 * what ChatLift reads to offer the merchant a pipeline, a stage and an owner.
 */
import { errorReply } from "./errors";
import { ASSOCIATION_TYPES, batchResult, contactById, iso, recordsOf } from "./object-batch";
import { ok, type Route } from "./routing";

export const associationRoutes: Route[] = [
  {
    method: "POST",
    path: "/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/associate/default",
    model: ["crm/associations/v4", "BatchInputPublicDefaultAssociationMultiPost"],
    handle(context) {
      const { fromObjectType, toObjectType } = context.params as { fromObjectType: string; toObjectType: string };
      const typeId = ASSOCIATION_TYPES[`${fromObjectType}→${toObjectType}`];
      if (typeId === undefined)
        return errorReply(400, "VALIDATION_ERROR", `No default association from ${fromObjectType} to ${toObjectType}`);
      const { inputs } = context.body as { inputs: Array<{ from: { id: string }; to: { id: string } }> };
      const exists = (type: string, id: string) =>
        type === "contacts" ? Boolean(contactById(context.store, id)) : recordsOf(context.store, type).has(id);
      const missing = inputs.find(
        (input) => !exists(fromObjectType, input.from.id) || !exists(toObjectType, input.to.id),
      );
      if (missing)
        return errorReply(400, "VALIDATION_ERROR", `Object ${missing.from.id} or ${missing.to.id} does not exist`);
      const results = inputs.map((input) => {
        // Associating a pair that is already associated changes nothing, as in HubSpot.
        const known = context.store.associations.some(
          (a) =>
            a.fromType === fromObjectType &&
            a.fromId === input.from.id &&
            a.toType === toObjectType &&
            a.toId === input.to.id &&
            a.typeId === typeId,
        );
        if (!known)
          context.store.associations.push({
            fromType: fromObjectType,
            fromId: input.from.id,
            toType: toObjectType,
            toId: input.to.id,
            typeId,
          });
        return {
          from: input.from,
          to: input.to,
          associationSpec: { associationCategory: "HUBSPOT_DEFINED", associationTypeId: typeId },
        };
      });
      return batchResult(context, results);
    },
  },
  {
    method: "GET",
    path: "/crm/v3/pipelines/{objectType}",
    handle(context) {
      if (context.params.objectType !== "deals")
        return errorReply(
          400,
          "VALIDATION_ERROR",
          `this sandbox keeps pipelines for deals only, not ${context.params.objectType}`,
        );
      const at = iso(context.now);
      return ok({
        results: context.store.pipelines.map((pipeline) => ({
          ...pipeline,
          createdAt: at,
          updatedAt: at,
          stages: pipeline.stages.map((stage) => ({
            ...stage,
            metadata: { isClosed: String(stage.id.startsWith("closed")), probability: "0.5" },
            writePermissions: "CRM_PERMISSIONS_ENFORCEMENT",
            createdAt: at,
            updatedAt: at,
          })),
        })),
      });
    },
  },
  {
    method: "GET",
    path: "/crm/v3/owners",
    handle(context) {
      const at = iso(context.now);
      return ok({
        results: context.store.owners.map((owner) => ({
          ...owner,
          type: "PERSON",
          archived: false,
          teams: [],
          createdAt: at,
          updatedAt: at,
        })),
      });
    },
  },
];
