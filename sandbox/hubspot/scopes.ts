/**
 * Per-endpoint scopes, as HubSpot enforces them: a token without one of an endpoint's scopes gets
 * 403 MISSING_SCOPES with HubSpot's body (the scopes it would take in
 * `errors[].context.requiredGranularScopes`). The scopes are the ones HubSpot's OpenAPI files name
 * in each operation's `security` (HubSpot/HubSpot-public-api-spec-collection); the generic CRM
 * endpoints there accept any object's scope, HubSpot itself the scopes of the object in the path,
 * which is what is checked here.
 */
import { randomUUID } from "node:crypto";
import type { SandboxReply } from "./errors";

/** Any one of these scopes lets the call through. */
type ScopeRule = (params: Record<string, string>) => string[];

/** Ticket properties also take the `tickets` scope (the Properties spec lists it beside crm.schemas.tickets.*). */
const ticketsToo = (objectType: string | undefined) => (objectType === "tickets" ? ["tickets"] : []);
const schemaRead: ScopeRule = ({ objectType }) => [
  `crm.schemas.${objectType}.read`,
  `crm.schemas.${objectType}.write`,
  ...ticketsToo(objectType),
];
const schemaWrite: ScopeRule = ({ objectType }) => [`crm.schemas.${objectType}.write`, ...ticketsToo(objectType)];
const DEFINITIONS = "behavioral_events.event_definitions.read_write";
export const EVENTS_SEND = "analytics.behavioral_events.send";
/** HubSpot orders and their properties (withheld to play a portal or token without them). */
export const ORDER_SCOPES = [
  "crm.objects.orders.read",
  "crm.objects.orders.write",
  "crm.schemas.orders.read",
  "crm.schemas.orders.write",
];
/** The scopes only Enterprise accounts can grant. */
export const CUSTOM_EVENT_SCOPES = [DEFINITIONS, EVENTS_SEND];

/** `METHOD path` as the route declares it → its scopes. Routes left out (OAuth, token info, account details) take none. */
const RULES: Record<string, ScopeRule> = {
  "GET /crm/v3/properties/{objectType}/groups/{groupName}": schemaRead,
  "POST /crm/v3/properties/{objectType}/groups": schemaWrite,
  "GET /crm/v3/properties/{objectType}/{propertyName}": schemaRead,
  "PATCH /crm/v3/properties/{objectType}/{propertyName}": schemaWrite,
  "GET /crm/v3/properties/{objectType}": schemaRead,
  "POST /crm/v3/properties/{objectType}": schemaWrite,
  "POST /crm/v3/properties/{objectType}/batch/read": schemaRead,
  "POST /crm/v3/properties/{objectType}/batch/create": schemaWrite,
  "POST /crm/v3/objects/contacts/batch/upsert": () => ["crm.objects.contacts.write"],
  "POST /crm/v3/objects/contacts/batch/read": () => ["crm.objects.contacts.read"],
  "POST /crm/v3/objects/deals/batch/create": () => ["crm.objects.deals.write"],
  "POST /crm/v3/objects/deals/batch/read": () => ["crm.objects.deals.read"],
  "POST /crm/v3/objects/deals/batch/update": () => ["crm.objects.deals.write"],
  // Tasks are engagements: HubSpot's tasks spec asks for the contacts write scope.
  "POST /crm/v3/objects/tasks/batch/create": () => ["crm.objects.contacts.write"],
  // Either side's write scope (the spec lists both): a task is associated with the contacts scope.
  "POST /crm/v4/associations/{fromObjectType}/{toObjectType}/batch/associate/default": ({
    fromObjectType,
    toObjectType,
  }) => [`crm.objects.${fromObjectType}.write`, `crm.objects.${toObjectType}.write`],
  "GET /crm/v3/pipelines/{objectType}": ({ objectType }) => [`crm.objects.${objectType}.read`],
  "GET /crm/v3/owners": () => ["crm.objects.owners.read"],
  // Tickets and their pipelines: the `tickets` scope (Tickets spec). Notes are engagements: the contacts scopes (Notes spec).
  "POST /crm/v3/objects/tickets": () => ["tickets"],
  "POST /crm/v3/objects/tickets/batch/read": () => ["tickets"],
  "GET /crm/v3/pipelines/tickets": () => ["tickets"],
  "POST /crm/v3/objects/notes": () => ["crm.objects.contacts.write"],
  "PATCH /crm/v3/objects/notes/{noteId}": () => ["crm.objects.contacts.write"],
  "POST /crm/v3/objects/contacts/gdpr-delete": () => ["crm.objects.contacts.write"],
  "GET /events/v3/event-definitions": () => [DEFINITIONS],
  "GET /events/v3/event-definitions/{eventName}": () => [DEFINITIONS],
  "POST /events/v3/event-definitions": () => [DEFINITIONS],
  "POST /events/v3/event-definitions/{eventName}/property": () => [DEFINITIONS],
  "PATCH /events/v3/event-definitions/{eventName}/property/{propertyName}": () => [DEFINITIONS],
  "POST /events/v3/send": () => [EVENTS_SEND],
  "POST /events/v3/send/batch": () => [EVENTS_SEND],
  // HubSpot orders (the Orders spec, 2026-03): reads and writes each take their own scope.
  "POST /crm/objects/2026-03/orders/search": () => ["crm.objects.orders.read"],
  "POST /crm/objects/2026-03/orders/batch/update": () => ["crm.objects.orders.write"],
};

/** Bearer routes that need no scope: any valid token reads its own account's details. */
const UNSCOPED = new Set(["GET /account-info/v3/details"]);

/**
 * What the default portal can grant: every scope the endpoints above take for contacts and deals,
 * and `oauth` (every OAuth install holds it); the custom-event ones only on Enterprise portals.
 */
export const PORTAL_SCOPES = [
  "oauth",
  "crm.objects.contacts.read",
  "crm.objects.contacts.write",
  "crm.objects.deals.read",
  "crm.objects.deals.write",
  "crm.schemas.contacts.read",
  "crm.schemas.contacts.write",
  "crm.schemas.deals.read",
  "crm.schemas.deals.write",
  "crm.objects.owners.read",
  "tickets",
  ...ORDER_SCOPES,
  ...CUSTOM_EVENT_SCOPES,
];

/** The scopes a route takes (any one of them), or null for a route without a rule (a sandbox bug for bearer routes). */
export function scopesFor(method: string, path: string, params: Record<string, string>): string[] | null {
  if (UNSCOPED.has(`${method} ${path}`)) return [];
  const rule = RULES[`${method} ${path}`];
  return rule ? rule(params) : null;
}

export function missingScopesReply(requiredGranularScopes: string[]): SandboxReply {
  return {
    status: 403,
    body: {
      status: "error",
      message:
        "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
      correlationId: randomUUID(),
      errors: [{ message: "One or more of the following scopes are required.", context: { requiredGranularScopes } }],
      links: { scopes: "https://developers.hubspot.com/scopes" },
      category: "MISSING_SCOPES",
    },
  };
}

/** null when the token may make the call; HubSpot's 403 otherwise. */
export function scopeProblem(
  route: { method: string; path: string; public?: boolean; scopePath?: string },
  params: Record<string, string>,
  granted: readonly string[],
): SandboxReply | null {
  if (route.public) return null;
  const required = scopesFor(route.method, route.scopePath ?? route.path, params);
  if (required === null) throw new Error(`sandbox route ${route.method} ${route.path} names no scopes`);
  if (required.length === 0 || required.some((scope) => granted.includes(scope))) return null;
  return missingScopesReply(required);
}
