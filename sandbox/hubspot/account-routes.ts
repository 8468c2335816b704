/** OAuth (authorize page, code exchange, refresh), account details, and custom behavioral events. */
import { randomBytes } from "node:crypto";
import { errorReply, type SandboxReply } from "./errors";
import { ok, type Route, type RouteContext } from "./routing";
import { isValidEmail, type EventDefinitionRecord, type SentEvent } from "./store";

const MAX_EVENTS_PER_BATCH = 500;

function oauthError(status: string, message: string): SandboxReply {
  // OAuth errors use their own status values (BAD_AUTH_CODE, BAD_REFRESH_TOKEN …), not "error".
  return { status: 400, body: { status, message, correlationId: randomBytes(16).toString("hex") } };
}

function issueTokens(context: RouteContext): SandboxReply {
  const accessToken = `sandbox-access-${randomBytes(12).toString("hex")}`;
  const refreshToken = `sandbox-refresh-${randomBytes(12).toString("hex")}`;
  context.oauth.accessTokens.set(accessToken, context.now + context.account.tokenTtlSeconds * 1000);
  context.oauth.refreshTokens.add(refreshToken);
  return ok({ token_type: "bearer", access_token: accessToken, refresh_token: refreshToken, expires_in: context.account.tokenTtlSeconds });
}

function exchangeToken(context: RouteContext): SandboxReply {
  const form = new URLSearchParams(context.rawBody);
  if (form.get("client_id") !== context.account.clientId || form.get("client_secret") !== context.account.clientSecret) {
    return oauthError("BAD_CLIENT_ID", "missing or invalid client_id / client_secret");
  }
  const grant = form.get("grant_type");
  if (grant === "authorization_code") {
    const code = context.oauth.codes.get(form.get("code") ?? "");
    if (!code) return oauthError("BAD_AUTH_CODE", "missing or unknown auth code");
    if (code.redirectUri !== form.get("redirect_uri")) return oauthError("BAD_REDIRECT_URI", "redirect_uri does not match the one used to authorize");
    context.oauth.codes.delete(form.get("code") ?? "");
    return issueTokens(context);
  }
  if (grant === "refresh_token") {
    const refreshToken = form.get("refresh_token") ?? "";
    if (!context.oauth.refreshTokens.has(refreshToken)) return oauthError("BAD_REFRESH_TOKEN", "missing or invalid refresh token");
    // HubSpot keeps the refresh token valid; only the access token changes.
    const reply = issueTokens(context);
    context.oauth.refreshTokens.delete((reply.body as { refresh_token: string }).refresh_token);
    (reply.body as { refresh_token: string }).refresh_token = refreshToken;
    return reply;
  }
  return oauthError("BAD_GRANT_TYPE", `unsupported grant_type ${JSON.stringify(grant)}`);
}

function noCustomEvents(): SandboxReply {
  return errorReply(403, "MISSING_SCOPES", "This account does not have access to custom behavioral events (Marketing Hub Enterprise).", {
    subCategory: "FEATURE_NOT_AVAILABLE",
  });
}

function eventProblem(context: RouteContext, event: SentEvent): string | null {
  const prefix = `pe${context.store.portalId}_`;
  if (!event.eventName.startsWith(prefix)) return `eventName ${event.eventName} is not an event of portal ${context.store.portalId}`;
  // Occurrences need a definition, and only its properties may be sent.
  const definition = context.store.eventDefinitions.get(event.eventName.slice(prefix.length));
  if (!definition) return `Event definition ${event.eventName} was not found`;
  const unknown = Object.keys(event.properties ?? {}).filter((name) => !definition.properties.some((property) => property.name === name));
  if (unknown.length) return `Properties [${unknown.join(", ")}] are not defined on event ${event.eventName}`;
  if (!event.email && !event.objectId && !event.utk) return "one of email, objectId or utk is required";
  if (event.email && !isValidEmail(event.email)) return `Email address ${event.email} is invalid`;
  return null;
}

const DEFINITION_NAME = /^[a-z][a-z0-9_]{0,49}$/;
const PROPERTY_TYPES = ["string", "number", "enumeration", "datetime", "bool"];

function propertyProblem(property: Partial<EventDefinitionRecord["properties"][number]> | undefined): string | null {
  if (!property?.name || !/^[a-z][a-z0-9_]*$/.test(property.name)) return `property name ${JSON.stringify(property?.name)} must be lower case letters, digits and _`;
  if (!property.label) return `property ${property.name} needs a label`;
  if (!PROPERTY_TYPES.includes(property.type ?? "")) return `property ${property.name} has an unknown type ${JSON.stringify(property.type)}`;
  if (property.type === "enumeration" && !property.options?.length) return `enumeration property ${property.name} needs options`;
  return null;
}

function definitionProblem(input: Partial<EventDefinitionRecord> & { propertyDefinitions?: EventDefinitionRecord["properties"] }): string | null {
  if (!input.name || !DEFINITION_NAME.test(input.name)) return `name ${JSON.stringify(input.name)} must be lower case letters, digits and _ (at most 50)`;
  if (!input.label) return "label is required";
  if (!["CONTACT", "COMPANY", "DEAL", "TICKET"].includes(input.primaryObject ?? "")) return `primaryObject ${JSON.stringify(input.primaryObject)} is not an object events can be tied to`;
  for (const property of input.propertyDefinitions ?? []) {
    const problem = propertyProblem(property);
    if (problem) return problem;
  }
  return null;
}

function publicDefinition(definition: EventDefinitionRecord) {
  return {
    id: `${definition.fullyQualifiedName}-id`,
    name: definition.name,
    labels: { singular: definition.label, plural: null },
    description: definition.description ?? "",
    fullyQualifiedName: definition.fullyQualifiedName,
    primaryObject: definition.primaryObject,
    trackingType: "MANUAL",
    archived: false,
    createdAt: definition.createdAt,
    properties: definition.properties.map((property) => ({ ...property, options: property.options ?? [], hidden: false })),
    associations: [],
  };
}

export const accountRoutes: Route[] = [
  {
    method: "GET",
    path: "/oauth/authorize",
    public: true,
    handle(context) {
      // Stands in for the consent screen: approves at once and sends the browser back.
      const redirectUri = context.query.get("redirect_uri");
      if (context.query.get("client_id") !== context.account.clientId || !redirectUri) {
        return errorReply(400, "VALIDATION_ERROR", "unknown client_id or missing redirect_uri");
      }
      const code = `sandbox-code-${randomBytes(12).toString("hex")}`;
      context.oauth.codes.set(code, { redirectUri });
      const back = new URL(redirectUri);
      back.searchParams.set("code", code);
      const state = context.query.get("state");
      if (state !== null) back.searchParams.set("state", state);
      return { status: 302, headers: { location: back.toString() } };
    },
  },
  { method: "POST", path: "/oauth/v1/token", public: true, handle: exchangeToken },
  {
    method: "GET",
    path: "/account-info/v3/details",
    handle(context) {
      return ok({
        portalId: context.store.portalId,
        accountType: "STANDARD",
        timeZone: context.account.timeZone,
        companyCurrency: context.account.currency,
        additionalCurrencies: [],
        utcOffset: "+00:00",
        utcOffsetMilliseconds: 0,
        uiDomain: "app.hubspot.com",
        dataHostingLocation: "na1",
      });
    },
  },
  {
    method: "GET",
    path: "/events/v3/event-definitions",
    handle(context) {
      if (!context.account.customEvents) return noCustomEvents();
      const results = [...context.store.eventDefinitions.values()].map(publicDefinition);
      return ok({ results, total: results.length });
    },
  },
  {
    method: "GET",
    path: "/events/v3/event-definitions/{eventName}",
    handle(context) {
      if (!context.account.customEvents) return noCustomEvents();
      const definition = context.store.eventDefinitions.get(context.params.eventName as string);
      return definition ? ok(publicDefinition(definition)) : errorReply(404, "OBJECT_NOT_FOUND", `Event definition ${context.params.eventName} was not found`);
    },
  },
  {
    method: "POST",
    path: "/events/v3/event-definitions",
    handle(context) {
      if (!context.account.customEvents) return noCustomEvents();
      const input = context.body as Partial<EventDefinitionRecord> & { propertyDefinitions?: EventDefinitionRecord["properties"] };
      const problem = definitionProblem(input);
      if (problem) return errorReply(400, "VALIDATION_ERROR", problem);
      const name = input.name as string;
      if (context.store.eventDefinitions.has(name)) return errorReply(409, "CONFLICT", `An event definition named ${name} already exists`);
      const definition: EventDefinitionRecord = {
        name,
        label: input.label as string,
        description: input.description,
        fullyQualifiedName: `pe${context.store.portalId}_${name}`,
        primaryObject: input.primaryObject as string,
        properties: (input.propertyDefinitions ?? []).map(({ name: propertyName, label, type, options }) => ({ name: propertyName, label, type, ...(options ? { options } : {}) })),
        createdAt: new Date(context.now).toISOString(),
      };
      context.store.eventDefinitions.set(name, definition);
      return ok(publicDefinition(definition), 201);
    },
  },
  {
    method: "POST",
    path: "/events/v3/event-definitions/{eventName}/property",
    handle(context) {
      if (!context.account.customEvents) return noCustomEvents();
      const definition = context.store.eventDefinitions.get(context.params.eventName as string);
      if (!definition) return errorReply(404, "OBJECT_NOT_FOUND", `Event definition ${context.params.eventName} was not found`);
      const property = context.body as EventDefinitionRecord["properties"][number];
      const problem = propertyProblem(property);
      if (problem) return errorReply(400, "VALIDATION_ERROR", problem);
      if (definition.properties.some((existing) => existing.name === property.name)) return errorReply(409, "CONFLICT", `Property ${property.name} already exists on ${definition.name}`);
      definition.properties.push({ name: property.name, label: property.label, type: property.type, ...(property.options ? { options: property.options } : {}) });
      return ok({ ...property, createdAt: new Date(context.now).toISOString() }, 201);
    },
  },
  {
    method: "POST",
    path: "/events/v3/send",
    model: ["events/send", "BehavioralEventHttpCompletionRequest"],
    handle(context) {
      if (!context.account.customEvents) return noCustomEvents();
      const event = context.body as SentEvent;
      const problem = eventProblem(context, event);
      if (problem) return errorReply(400, "VALIDATION_ERROR", problem);
      context.store.events.push(event);
      return { status: 204 };
    },
  },
  {
    method: "POST",
    path: "/events/v3/send/batch",
    model: ["events/send", "BatchedBehavioralEventHttpCompletionRequest"],
    handle(context) {
      if (!context.account.customEvents) return noCustomEvents();
      const { inputs } = context.body as { inputs: SentEvent[] };
      if (inputs.length > MAX_EVENTS_PER_BATCH) return errorReply(400, "VALIDATION_ERROR", `at most ${MAX_EVENTS_PER_BATCH} events per batch`);
      for (const event of inputs) {
        const problem = eventProblem(context, event);
        if (problem) return errorReply(400, "VALIDATION_ERROR", problem);
      }
      context.store.events.push(...inputs);
      return { status: 204 };
    },
  },
];
