/**
 * A matched rule's actions → intents for the HubSpot worker, and the words for each. The owner
 * is threaded through: an owner assigned by a rule is the one its task and deal name, and the
 * one later rules see.
 */
import { currencyDigits } from "../attribution/money";
import type { Action } from "./action-schema";
import { HOUR_MS, type Instant, type LeadFacts } from "./facts";
import { dedupeKeyFor, ONCE_ONLY, type Intent, type IntentBody, type IntentSource } from "./intents";
import { assignOwner, type RoundRobinState } from "./owners";
import { orList } from "./phrases";
import type { Rule } from "./rule-schema";

export type ActionContext = {
  facts: LeadFacts & { email: string };
  now: Instant;
  score: number;
  ruleSetVersion: number;
  ownerId: string | undefined;
  ownerState: RoundRobinState;
  ownerNames: Readonly<Record<string, string>>;
};

export type ActionOutcome = {
  type: Action["type"];
  /** e.g. "create a deal in pipeline default, stage appointmentscheduled". */
  summary: string;
  /** What happened for this lead, e.g. "owner Ann (2 of 3 in rotation)"; or why nothing did. */
  result: string;
  intent?: Intent;
};

/** "Ada Lovelace (501)" when HubSpot named the owner, else "owner 501": the merchant knows the name, HubSpot's search the id. */
const ownerName = (id: string, names: Readonly<Record<string, string>>) =>
  names[id] ? `${names[id]} (${id})` : `owner ${id}`;

/**
 * A reason written without owner names (routing in the worker does not ask HubSpot for them) with
 * each "owner 501" named as ownerName would have, for the decision log, which reads the names later.
 */
export function nameOwners(text: string, names: Readonly<Record<string, string>>): string {
  return text.replace(/\bowner (\d{1,20})\b/g, (found, id: string) => (names[id] ? ownerName(id, names) : found));
}

/** Whether a text names an owner by id only, i.e. whether nameOwners has anything to do. */
export const namesOwnerIds = (text: string) => /\bowner \d{1,20}\b/.test(text);

/** The static description of an action, as the rule list and previews show it. */
export function describeAction(action: Action, names: Readonly<Record<string, string>> = {}): string {
  switch (action.type) {
    case "sync_contact": {
      const parts = [
        ...action.properties,
        ...Object.entries(action.set).map(([name, value]) => `${name} = "${value}"`),
      ];
      return `sync the contact with ${parts.join(", ")}`;
    }
    case "set_lifecycle_stage":
      return `set lifecycle stage to ${action.stage}`;
    case "set_lead_status":
      return `set lead status to ${action.status}`;
    case "assign_owner": {
      const how =
        action.mode === "fixed"
          ? ownerName(action.ownerId as string, names)
          : `round-robin over ${orList((action.ownerIds ?? []).map((id) => ownerName(id, names)))}`;
      return `assign ${how}${action.overwrite ? " (replacing any owner)" : " (unless the contact has one)"}`;
    }
    case "create_task":
      return `create a task "${action.subject}" due in ${action.dueInHours} h${action.ownerId ? ` for ${ownerName(action.ownerId, names)}` : " for the lead's owner"}`;
    case "create_deal":
      return `create a deal in pipeline ${action.pipelineId}, stage ${action.stageId}${action.amount === "cart_value" ? ", amount = cart value" : ""}`;
    case "create_ticket":
      return `create a ticket "${action.subject}" in ticket pipeline ${action.ticketPipelineId}, stage ${action.ticketStageId}, for the lead's owner`;
    case "send_event":
      return `send the custom event ${action.name}`;
  }
}

/** What `{{email}}`, `{{score}}` and `{{rule}}` stand for in a lead's texts; a word without a value stays as typed. */
export type TemplateValues = Readonly<Record<string, string | undefined>>;

export function templateValues(email: string | undefined, score: number, rule: Rule): TemplateValues {
  return { email, score: String(score), rule: rule.name };
}

function fillText(template: string, values: TemplateValues): string {
  return template.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (whole, word: string) => values[word] ?? whole);
}

const fill = (template: string, context: ActionContext, rule: Rule) =>
  fillText(template, templateValues(context.facts.email, context.score, rule));

/**
 * The action with its texts filled for one lead, so a decision (and the dry run) says
 * "create a task "Call ann@acme.com"" as HubSpot will receive it, not the template.
 */
export function fillAction(action: Action, values: TemplateValues): Action {
  switch (action.type) {
    case "create_task":
      return {
        ...action,
        subject: fillText(action.subject, values),
        ...(action.body === undefined ? {} : { body: fillText(action.body, values) }),
      };
    case "create_deal":
      return { ...action, name: fillText(action.name, values) };
    case "create_ticket":
      return { ...action, subject: fillText(action.subject, values) };
    case "send_event":
      return {
        ...action,
        properties: Object.fromEntries(
          Object.entries(action.properties).map(([name, value]) => [name, fillText(value, values)]),
        ),
      };
    default:
      return action;
  }
}

function decimalAmount(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

function bodyFor(action: Exclude<Action, { type: "assign_owner" }>, context: ActionContext, rule: Rule): IntentBody {
  switch (action.type) {
    case "sync_contact":
      return { kind: "upsert_contact", chatliftProperties: [...action.properties], properties: { ...action.set } };
    case "set_lifecycle_stage":
      return { kind: "set_lifecycle_stage", stage: action.stage };
    case "set_lead_status":
      return { kind: "set_lead_status", status: action.status };
    case "create_task": {
      const ownerId = action.ownerId ?? context.ownerId;
      const dueAt = new Date(context.now + action.dueInHours * HOUR_MS).toISOString();
      const body = action.body === undefined ? undefined : fill(action.body, context, rule);
      return {
        kind: "create_task",
        subject: fill(action.subject, context, rule),
        dueAt,
        priority: action.priority,
        taskType: action.taskType,
        ...(body ? { body } : {}),
        ...(ownerId ? { ownerId } : {}),
      };
    }
    case "create_deal": {
      const { cartValue, currency } = context.facts;
      const amount =
        action.amount === "cart_value" && cartValue !== undefined ? decimalAmount(cartValue, currency) : undefined;
      return {
        kind: "create_deal",
        pipelineId: action.pipelineId,
        stageId: action.stageId,
        name: fill(action.name, context, rule),
        currency,
        ...(amount ? { amount } : {}),
        ...(context.ownerId ? { ownerId: context.ownerId } : {}),
      };
    }
    case "create_ticket":
      return {
        kind: "create_ticket",
        pipelineId: action.ticketPipelineId,
        stageId: action.ticketStageId,
        subject: fill(action.subject, context, rule),
        ...(action.priority ? { priority: action.priority } : {}),
        ...(context.ownerId ? { ownerId: context.ownerId } : {}),
      };
    case "send_event": {
      const properties = Object.fromEntries(
        Object.entries(action.properties).map(([name, value]) => [name, fill(value, context, rule)]),
      );
      return { kind: "send_event", name: action.name, properties, occurredAt: new Date(context.now).toISOString() };
    }
  }
}

function resultOf(body: IntentBody, names: Readonly<Record<string, string>>): string {
  if (body.kind === "create_task")
    return `due ${body.dueAt}${body.ownerId ? `, for ${ownerName(body.ownerId, names)}` : ", unassigned (no owner yet)"}`;
  // ownerName already says "owner 501" for an owner without a known name.
  if (body.kind === "create_deal")
    return `"${body.name}"${body.amount ? `, ${body.amount} ${body.currency}` : ""}${body.ownerId ? `, ${names[body.ownerId] ? "owner " : ""}${ownerName(body.ownerId, names)}` : ""}`;
  if (body.kind === "create_ticket")
    return `"${body.subject}"${body.ownerId ? `, for ${ownerName(body.ownerId, names)}` : ", unassigned (no owner yet)"}`;
  return "queued";
}

/** Runs one matched rule's actions in order; returns the outcomes and the owner / state after them. */
export function runActions(
  rule: Rule,
  context: ActionContext,
): { outcomes: ActionOutcome[]; ownerId: string | undefined; ownerState: RoundRobinState } {
  let { ownerId, ownerState } = context;
  const nth = new Map<string, number>();
  const emitted = new Set(context.facts.emittedOnce ?? []);
  const source: IntentSource = {
    leadId: context.facts.leadId,
    email: context.facts.email,
    ruleId: rule.id,
    ruleSetVersion: context.ruleSetVersion,
  };
  const outcomes = rule.actions.map((action): ActionOutcome => {
    const summary = describeAction(
      fillAction(action, templateValues(context.facts.email, context.score, rule)),
      context.ownerNames,
    );
    if (action.type === "assign_owner") {
      const assigned = assignOwner(action, rule.id, ownerId, ownerState);
      ownerState = assigned.state;
      const { outcome } = assigned;
      ownerId = outcome.ownerId;
      if (outcome.kind === "kept")
        return {
          type: action.type,
          summary,
          result: `kept ${ownerName(outcome.ownerId, context.ownerNames)}, who already owns the contact`,
        };
      const turn = outcome.turn ? ` (${outcome.turn.position} of ${outcome.turn.of} in rotation)` : "";
      return {
        type: action.type,
        summary,
        result: `${ownerName(outcome.ownerId, context.ownerNames)}${turn}`,
        intent: { ...source, kind: "assign_owner", ownerId: outcome.ownerId, how: outcome.how },
      };
    }
    const body = bodyFor(action, { ...context, ownerId }, rule);
    if (!ONCE_ONLY.has(body.kind))
      return { type: action.type, summary, result: resultOf(body, context.ownerNames), intent: { ...source, ...body } };
    const count = (nth.get(body.kind) ?? 0) + 1;
    nth.set(body.kind, count);
    const dedupeKey = dedupeKeyFor(source.leadId, rule.id, body.kind, count);
    if (emitted.has(dedupeKey))
      return { type: action.type, summary, result: "already done for this lead earlier: not repeated" };
    return {
      type: action.type,
      summary,
      result: resultOf(body, context.ownerNames),
      intent: { ...source, ...body, dedupeKey },
    };
  });
  return { outcomes, ownerId, ownerState };
}
