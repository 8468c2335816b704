/**
 * What a matching rule does in HubSpot, as the merchant configures it. Ids of owners,
 * pipelines and stages are HubSpot's; whether they still exist is checked against the account
 * (references.ts), not here, so a rule set stays valid while HubSpot is unreachable.
 */
import { z } from "zod";
import { CONTACT_PROPERTY } from "../sync/chatlift-properties";
import { handParsed, parseTagged, type Issue } from "./schema-tools";

export const CHATLIFT_CONTACT_PROPERTIES = Object.values(CONTACT_PROPERTY) as [string, ...string[]];
/** HubSpot's default lifecycle stages and lead statuses (internal values); accounts may add their own. */
export const LIFECYCLE_STAGES = [
  "subscriber",
  "lead",
  "marketingqualifiedlead",
  "salesqualifiedlead",
  "opportunity",
  "customer",
  "evangelist",
  "other",
] as const;
export const LEAD_STATUSES = [
  "NEW",
  "OPEN",
  "IN_PROGRESS",
  "OPEN_DEAL",
  "UNQUALIFIED",
  "ATTEMPTED_TO_CONTACT",
  "CONNECTED",
  "BAD_TIMING",
] as const;
export const TASK_PRIORITIES = ["LOW", "MEDIUM", "HIGH"] as const;
export const TASK_TYPES = ["TODO", "CALL", "EMAIL"] as const;
/** Words a task subject, deal name or event property may contain, filled in per lead. */
export const PLACEHOLDERS = ["email", "score", "rule"] as const;
/** Written by their own actions (or by ChatLift), so `set` may not touch them. */
const RESERVED_PROPERTIES = ["email", "lifecyclestage", "hs_lead_status", "hubspot_owner_id"];
export const MAX_TASK_DELAY_HOURS = 24 * 90;

const hubspotId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a HubSpot id (letters, digits, _ or -)");
const ownerId = z.string().regex(/^\d{1,20}$/, "must be a HubSpot owner id (digits)");
const propertyName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,99}$/, "must be a HubSpot property's internal name (lower case, digits, _)");

const template = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((value, ctx) => {
      for (const [, word] of value.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
        if (!(PLACEHOLDERS as readonly string[]).includes(word ?? "")) {
          ctx.addIssue({
            code: "custom",
            message: `unknown placeholder {{${word}}}; use ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")}`,
          });
        }
      }
    });

const propertyValues = z.record(propertyName, z.string().max(1000)).superRefine((values, ctx) => {
  for (const name of Object.keys(values)) {
    if (RESERVED_PROPERTIES.includes(name))
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: "is set by its own action (lifecycle stage, lead status, owner), not here",
      });
    else if (name.startsWith("chatlift_"))
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: "is computed by ChatLift: list it under properties instead",
      });
  }
});

export const ACTION_SCHEMAS = {
  sync_contact: z
    .strictObject({
      type: z.literal("sync_contact"),
      /** ChatLift properties whose current values are sent. */
      properties: z.array(z.enum(CHATLIFT_CONTACT_PROPERTIES)).max(CHATLIFT_CONTACT_PROPERTIES.length).default([]),
      /** Fixed values, e.g. { "interest_source": "chat" }. */
      set: propertyValues.default({}),
    })
    .refine((action) => action.properties.length > 0 || Object.keys(action.set).length > 0, {
      message: "name at least one property or set one value",
      path: ["properties"],
    }),
  set_lifecycle_stage: z.strictObject({ type: z.literal("set_lifecycle_stage"), stage: hubspotId }),
  set_lead_status: z.strictObject({ type: z.literal("set_lead_status"), status: hubspotId }),
  assign_owner: z
    .strictObject({
      type: z.literal("assign_owner"),
      mode: z.enum(["fixed", "round_robin"]),
      ownerId: ownerId.optional(),
      ownerIds: z.array(ownerId).min(1).max(100).optional(),
      /** Replace an owner the contact already has; off by default, so a rep's contact stays theirs. */
      overwrite: z.boolean().default(false),
    })
    .superRefine((action, ctx) => {
      const fixed = action.mode === "fixed";
      if (fixed && !action.ownerId)
        ctx.addIssue({ code: "custom", path: ["ownerId"], message: 'is required for "fixed"' });
      if (fixed && action.ownerIds)
        ctx.addIssue({ code: "custom", path: ["ownerIds"], message: 'must be left out for "fixed" (use ownerId)' });
      if (!fixed && !action.ownerIds)
        ctx.addIssue({ code: "custom", path: ["ownerIds"], message: 'is required for "round_robin"' });
      if (!fixed && action.ownerId)
        ctx.addIssue({
          code: "custom",
          path: ["ownerId"],
          message: 'must be left out for "round_robin" (use ownerIds)',
        });
      action.ownerIds?.forEach((id, index) => {
        if (action.ownerIds?.indexOf(id) !== index)
          ctx.addIssue({ code: "custom", path: ["ownerIds", index], message: `owner ${id} is listed twice` });
      });
    }),
  create_task: z.strictObject({
    type: z.literal("create_task"),
    subject: template(200),
    body: template(2000).optional(),
    dueInHours: z.number().int().min(0).max(MAX_TASK_DELAY_HOURS),
    priority: z.enum(TASK_PRIORITIES).default("MEDIUM"),
    taskType: z.enum(TASK_TYPES).default("TODO"),
    /** A fixed owner; otherwise the lead's owner (assigned by this or an earlier rule, or already on the contact). */
    ownerId: ownerId.optional(),
  }),
  create_deal: z.strictObject({
    type: z.literal("create_deal"),
    pipelineId: hubspotId,
    stageId: hubspotId,
    name: template(200).default("Chat lead {{email}}"),
    /** The deal amount: the lead's current cart value, or none. */
    amount: z.enum(["cart_value", "none"]).default("none"),
  }),
  /**
   * A HubSpot ticket for a shopper who asked for a person, associated with their contact, with the
   * conversation's transcript as a note. Its owner is the lead's owner (an assign_owner action in this or an
   * earlier rule): a ticket, like a deal, is the rules' owner's to answer.
   */
  create_ticket: z.strictObject({
    type: z.literal("create_ticket"),
    /** A ticket pipeline and one of its stages (not a deal's: HubSpot keeps them apart). */
    ticketPipelineId: hubspotId,
    ticketStageId: hubspotId,
    subject: template(200).default("Chat handoff: {{email}}"),
    priority: z.enum(TASK_PRIORITIES).optional(),
  }),
  send_event: z.strictObject({
    type: z.literal("send_event"),
    /** Without HubSpot's `pe{portalId}_` prefix, which the worker adds. */
    name: z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, "must be lower case letters, digits or _, starting with a letter"),
    properties: z.record(propertyName, template(1000)).default({}),
  }),
} as const;

export type ActionType = keyof typeof ACTION_SCHEMAS;
export const ACTION_TYPES = Object.keys(ACTION_SCHEMAS) as ActionType[];
export type Action = { [T in ActionType]: z.output<(typeof ACTION_SCHEMAS)[T]> }[ActionType];
export type ActionOf<T extends ActionType> = z.output<(typeof ACTION_SCHEMAS)[T]>;

export const actionSchema: z.ZodType<Action> = handParsed(
  (input: unknown, issues: Issue[]) => parseTagged(input, "type", ACTION_SCHEMAS, [], issues) as Action | undefined,
);
