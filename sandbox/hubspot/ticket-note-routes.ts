/**
 * Tickets and notes the way HubSpot's v3 object endpoints take them (HubSpot's OpenAPI files for Tickets, Notes
 * and Pipelines; bodies are checked against the SDK's models before these handlers run): a ticket needs
 * `subject`, `hs_pipeline` and a `hs_pipeline_stage` of that pipeline; a note needs `hs_timestamp`; values
 * are checked like every object's (unknown property, owner, enumeration option); associations must be
 * HubSpot-defined with the type id of their pair (ticket → contact 16, note → contact 202, note → ticket 228)
 * and point at a record that exists; a unique property's value is refused a second time (409). Scopes are in
 * scopes.ts: `tickets` for tickets and their pipelines, the contacts scopes for notes, as the specs name them.
 */
import {
  errorReply,
  invalidInputReply,
  invalidPropertiesReply,
  type PropertyProblem,
  type SandboxReply,
} from "./errors";
import { ok, type Route, type RouteContext } from "./routing";
import { inHubSpotOrder, nextId, propertiesOf, publicRecord, type CrmRecord, type SandboxStore } from "./store";
import { ticketsAndNotesOf, type TicketNoteState } from "./ticket-note-store";
import { checkProperties } from "./values";

type Association = { to: { id: string }; types: Array<{ associationCategory: string; associationTypeId: number }> };
type CreateInput = { properties: Record<string, string>; associations?: Association[] };

/** HubSpot-defined type ids by "from→to" object type, for the pairs these endpoints write. */
const ASSOCIATION_TYPES: Record<string, number> = {
  "tickets→contacts": 16,
  "notes→contacts": 202,
  "notes→tickets": 228,
};

const iso = (now: number) => new Date(now).toISOString();
const required = (name: string): PropertyProblem => ({
  isValid: false,
  name,
  error: "REQUIRED_PROPERTY",
  message: `${name} is required`,
});

function exists(store: SandboxStore, objectType: string, id: string): boolean {
  if (objectType === "contacts") return [...store.contacts.values()].some((contact) => contact.id === id);
  const state = ticketsAndNotesOf(store);
  if (objectType === "tickets") return state.tickets.has(id);
  return false;
}

/** The object type an association's target is, from its type id (HubSpot names the target by its type). */
function associationProblem(store: SandboxStore, fromType: string, association: Association): string | null {
  if (!association.types.length) return "association types must not be empty";
  for (const type of association.types) {
    const toType = Object.entries(ASSOCIATION_TYPES).find(
      ([pair, id]) => pair.startsWith(`${fromType}→`) && id === type.associationTypeId,
    )?.[0];
    if (type.associationCategory !== "HUBSPOT_DEFINED" || !toType)
      return `association type ${type.associationCategory}/${type.associationTypeId} is not valid from ${fromType}`;
    const target = toType.split("→")[1] as string;
    if (!exists(store, target, association.to.id))
      return `association target ${target.replace(/s$/, "")} ${association.to.id} does not exist`;
  }
  return null;
}

function associate(store: SandboxStore, fromType: string, fromId: string, associations: Association[]): void {
  for (const association of associations) {
    for (const type of association.types) {
      const pair = Object.entries(ASSOCIATION_TYPES).find(
        ([key, id]) => key.startsWith(`${fromType}→`) && id === type.associationTypeId,
      )?.[0];
      store.associations.push({
        fromType,
        fromId,
        toType: (pair as string).split("→")[1] as string,
        toId: association.to.id,
        typeId: type.associationTypeId,
      });
    }
  }
}

function pipelineProblems(state: TicketNoteState, values: Record<string, string>): PropertyProblem[] {
  const live = state.ticketPipelines.filter((pipeline) => !pipeline.archived);
  const pipeline = live.find((candidate) => candidate.id === values.hs_pipeline);
  if (values.hs_pipeline && !pipeline)
    return [
      {
        isValid: false,
        name: "hs_pipeline",
        error: "INVALID_OPTION",
        message: `${JSON.stringify(values.hs_pipeline)} was not one of the allowed options: [${live.map((p) => p.id).join(", ")}]`,
      },
    ];
  const stages = pipeline?.stages.filter((stage) => !stage.archived).map((stage) => stage.id) ?? [];
  if (pipeline && values.hs_pipeline_stage && !stages.includes(values.hs_pipeline_stage))
    return [
      {
        isValid: false,
        name: "hs_pipeline_stage",
        error: "INVALID_OPTION",
        message: `${JSON.stringify(values.hs_pipeline_stage)} was not one of the allowed options: [${stages.join(", ")}]`,
      },
    ];
  return [];
}

function uniqueConflict(
  store: SandboxStore,
  values: Record<string, string>,
  records: Map<string, CrmRecord>,
): string | null {
  for (const definition of propertiesOf(store, "tickets").values()) {
    const value = values[definition.name];
    if (!definition.hasUniqueValue || !value) continue;
    if ([...records.values()].some((record) => record.properties[definition.name] === value))
      return `${definition.name} "${value}" is already used by another ticket`;
  }
  return null;
}

function createOne(
  context: RouteContext,
  objectType: "tickets" | "notes",
  records: Map<string, CrmRecord>,
  problems: PropertyProblem[],
): SandboxReply {
  const input = context.body as CreateInput;
  // The spec requires the list (empty for none); the SDK's model leaves it optional.
  if (!Array.isArray(input.associations))
    return invalidInputReply(["associations is required (an empty list for none)"]);
  if (problems.length) return invalidPropertiesReply(problems);
  for (const association of input.associations ?? []) {
    const problem = associationProblem(context.store, objectType, association);
    if (problem) return errorReply(400, "VALIDATION_ERROR", problem);
  }
  if (objectType === "tickets") {
    const conflict = uniqueConflict(context.store, input.properties, records);
    if (conflict) return errorReply(409, "CONFLICT", conflict);
  }
  const id = nextId(context.store);
  const record: CrmRecord = {
    id,
    properties: { ...input.properties, hs_object_id: id, createdate: iso(context.now) },
    createdAt: iso(context.now),
    updatedAt: iso(context.now),
    archived: false,
  };
  records.set(id, record);
  associate(context.store, objectType, id, input.associations ?? []);
  return ok(publicRecord(record), 201);
}

function createTicket(context: RouteContext): SandboxReply {
  const state = ticketsAndNotesOf(context.store);
  const { properties } = context.body as CreateInput;
  const problems = [
    ...checkProperties(context.store, "tickets", properties),
    ...["subject", "hs_pipeline", "hs_pipeline_stage"].filter((name) => !properties[name]).map(required),
    ...pipelineProblems(state, properties),
  ];
  return createOne(context, "tickets", state.tickets, problems);
}

function readTickets(context: RouteContext): SandboxReply {
  const body = context.body as { idProperty?: string; inputs: Array<{ id: string }>; properties: string[] };
  if (body.inputs.length > 100)
    return errorReply(
      400,
      "VALIDATION_ERROR",
      `Batch input limit exceeded: at most 100 inputs, received ${body.inputs.length}`,
    );
  const idProperty = body.idProperty ?? "hs_object_id";
  if (idProperty !== "hs_object_id" && !propertiesOf(context.store, "tickets").get(idProperty)?.hasUniqueValue)
    return errorReply(400, "VALIDATION_ERROR", `Unable to read by non-unique property ${idProperty}`);
  const byKey = new Map<string, CrmRecord>();
  for (const ticket of ticketsAndNotesOf(context.store).tickets.values()) {
    const key = idProperty === "hs_object_id" ? ticket.id : ticket.properties[idProperty];
    if (key) byKey.set(key, ticket);
  }
  const results = body.inputs.flatMap((input) => {
    const ticket = byKey.get(input.id);
    if (!ticket) return [];
    const properties: Record<string, string> = { hs_object_id: ticket.id };
    for (const name of body.properties)
      if (ticket.properties[name] !== undefined) properties[name] = ticket.properties[name] as string;
    return [{ ...publicRecord(ticket), properties }];
  });
  const missing = body.inputs.map((input) => input.id).filter((id) => !byKey.has(id));
  const at = iso(context.now);
  const answer = {
    status: "COMPLETE",
    results: inHubSpotOrder(context.store, results),
    startedAt: at,
    completedAt: at,
  };
  if (!missing.length) return ok(answer);
  return ok(
    {
      ...answer,
      numErrors: 1,
      errors: [
        {
          status: "error",
          category: "OBJECT_NOT_FOUND",
          message: "Could not get some TICKET objects, they may be deleted or not exist.",
          context: { ids: missing },
          errors: [],
          links: {},
        },
      ],
    },
    207,
  );
}

function createNote(context: RouteContext): SandboxReply {
  const { properties } = context.body as CreateInput;
  const problems = [
    ...checkProperties(context.store, "notes", properties),
    ...(properties.hs_timestamp ? [] : [required("hs_timestamp")]),
  ];
  return createOne(context, "notes", ticketsAndNotesOf(context.store).notes, problems);
}

function updateNote(context: RouteContext): SandboxReply {
  if (context.query.has("idProperty"))
    return errorReply(400, "VALIDATION_ERROR", "notes have no unique property to update by in this sandbox");
  const note = ticketsAndNotesOf(context.store).notes.get(context.params.noteId ?? "");
  if (!note) return errorReply(404, "OBJECT_NOT_FOUND", `resource not found: note ${context.params.noteId}`);
  const { properties } = context.body as { properties: Record<string, string> };
  const problems = checkProperties(context.store, "notes", properties);
  if (properties.hs_timestamp === "") problems.push(required("hs_timestamp"));
  if (problems.length) return invalidPropertiesReply(problems);
  note.properties = { ...note.properties, ...properties };
  note.updatedAt = iso(context.now);
  return ok(publicRecord(note));
}

function ticketPipelines(context: RouteContext): SandboxReply {
  const at = iso(context.now);
  return ok({
    results: ticketsAndNotesOf(context.store).ticketPipelines.map((pipeline) => ({
      ...pipeline,
      createdAt: at,
      updatedAt: at,
      stages: pipeline.stages.map((stage) => ({
        ...stage,
        metadata: { ticketState: stage.id === "4" ? "CLOSED" : "OPEN" },
        writePermissions: "CRM_PERMISSIONS_ENFORCEMENT",
        createdAt: at,
        updatedAt: at,
      })),
    })),
  });
}

/** Listed before the object routes: GET /crm/v3/pipelines/tickets is answered here, other object types there. */
export const ticketNoteRoutes: Route[] = [
  {
    method: "POST",
    path: "/crm/v3/objects/tickets",
    model: ["crm/tickets", "SimplePublicObjectInputForCreate"],
    handle: createTicket,
  },
  {
    method: "POST",
    path: "/crm/v3/objects/tickets/batch/read",
    model: ["crm/tickets", "BatchReadInputSimplePublicObjectId"],
    handle: readTickets,
  },
  { method: "GET", path: "/crm/v3/pipelines/tickets", handle: ticketPipelines },
  {
    method: "POST",
    path: "/crm/v3/objects/notes",
    model: ["crm/objects/notes", "SimplePublicObjectInputForCreate"],
    handle: createNote,
  },
  {
    method: "PATCH",
    path: "/crm/v3/objects/notes/{noteId}",
    model: ["crm/objects/notes", "SimplePublicObjectInput"],
    handle: updateNote,
  },
];
