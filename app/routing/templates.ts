/**
 * Ready-made rules the editor inserts and the merchant then adjusts. HubSpot ids (owners,
 * pipeline, stage) come from the account, so each template is built from the choices the
 * editor offers; what it builds is an ordinary rule (RuleInput) that must pass validation.
 */
import { CONTACT_PROPERTY } from "../sync/chatlift-properties";
import type { RuleSetInput } from "./rule-schema";

export type RuleInput = RuleSetInput["rules"][number];

export type TemplateChoices = {
  /** Deal pipeline and stage; HubSpot's default sales pipeline unless chosen. */
  pipelineId?: string;
  stageId?: string;
  /** Owners for round-robin. */
  ownerIds?: string[];
  /** Cart value (shop currency) above which a cart counts as big. */
  bigCartValue?: number;
};

export type RuleTemplate = {
  id: string;
  title: string;
  description: string;
  /** Choices the editor must ask for before inserting. */
  needs: Array<keyof TemplateChoices>;
  build(choices: TemplateChoices): RuleInput;
};

const required = <T>(value: T | undefined, name: string): T => {
  if (value === undefined) throw new Error(`template needs ${name}`);
  return value;
};

export const RULE_TEMPLATES: readonly RuleTemplate[] = [
  {
    id: "demo-deal",
    title: "Demo booked → deal and follow-up task",
    description:
      "A lead who left an email and booked a demo becomes a deal in your pipeline, with a task for the owner due tomorrow.",
    needs: [],
    build: ({ pipelineId = "default", stageId = "appointmentscheduled" }) => ({
      id: "demo-deal",
      name: "Email captured + demo booked → deal and task",
      conditions: {
        all: [
          { fact: "micro_conversion", kind: "email_capture" },
          { fact: "micro_conversion", kind: "demo_booked" },
        ],
      },
      actions: [
        {
          type: "sync_contact",
          properties: [
            CONTACT_PROPERTY.lastMicroConversion,
            CONTACT_PROPERTY.lastMicroConversionAt,
            CONTACT_PROPERTY.lastPage,
          ],
        },
        { type: "create_deal", pipelineId, stageId, name: "Demo: {{email}}" },
        {
          type: "create_task",
          subject: "Prepare the demo with {{email}}",
          body: "Booked through ChatLift ({{rule}}). Intent score {{score}}.",
          dueInHours: 24,
          priority: "HIGH",
          taskType: "CALL",
        },
      ],
      then: "stop",
    }),
  },
  {
    id: "fit-help-cart",
    title: "Fit help + add to cart → lead with product interest",
    description: "A shopper who used fit help and then added to cart becomes a lead, with the products they looked at.",
    needs: [],
    build: () => ({
      id: "fit-help-cart",
      name: "Fit help used + added to cart → lead, product interest",
      conditions: {
        all: [
          { fact: "micro_conversion", kind: "fit_help" },
          { fact: "micro_conversion", kind: "add_to_cart" },
        ],
      },
      actions: [
        { type: "set_lifecycle_stage", stage: "lead" },
        { type: "sync_contact", properties: [CONTACT_PROPERTY.productInterest, CONTACT_PROPERTY.intentScore] },
      ],
      then: "continue",
    }),
  },
  {
    id: "pricing-team-mql",
    title: "Pricing page + team of 10 or more → marketing-qualified, round-robin owner",
    description:
      "A visitor of the pricing page whose team has 10 people or more is marketing-qualified and shared fairly among your reps.",
    needs: ["ownerIds"],
    build: ({ ownerIds }) => ({
      id: "pricing-team-mql",
      name: "Pricing page + team size ≥ 10 → MQL, round-robin owner",
      conditions: {
        all: [
          { fact: "page_visited", handles: ["pricing"] },
          { fact: "qualifier", question: "team_size", op: "gte", value: 10 },
        ],
      },
      actions: [
        { type: "set_lifecycle_stage", stage: "marketingqualifiedlead" },
        { type: "assign_owner", mode: "round_robin", ownerIds: required(ownerIds, "ownerIds") },
      ],
      then: "continue",
    }),
  },
  {
    id: "qualified-score",
    title: "Intent score reaches the threshold → marketing-qualified",
    description:
      "Any lead whose chat behaviour adds up to your qualified threshold becomes marketing-qualified, with its score and last micro-conversion.",
    needs: [],
    build: () => ({
      id: "qualified-score",
      name: "Qualified by intent score → MQL",
      conditions: { all: [{ fact: "qualified", is: true }] },
      actions: [
        { type: "set_lifecycle_stage", stage: "marketingqualifiedlead" },
        {
          type: "sync_contact",
          properties: [
            CONTACT_PROPERTY.intentScore,
            CONTACT_PROPERTY.lastMicroConversion,
            CONTACT_PROPERTY.lastMicroConversionAt,
          ],
        },
      ],
      then: "continue",
    }),
  },
  {
    id: "business-big-cart",
    title: "Business email + big cart → new lead status and a call",
    description:
      "A shopper with a company email and a large cart gets lead status New and a call task within 4 hours; free-mail addresses are left out.",
    needs: ["bigCartValue"],
    build: ({ bigCartValue }) => ({
      id: "business-big-cart",
      name: "Business email + big cart → call",
      conditions: {
        all: [
          { fact: "email", is: "business" },
          { fact: "cart_value", op: "gte", value: required(bigCartValue, "bigCartValue") },
          { not: { fact: "order_count", op: "gt", value: 0 } },
        ],
      },
      actions: [
        { type: "set_lead_status", status: "NEW" },
        {
          type: "create_task",
          subject: "Call {{email}}: big cart from a business email",
          dueInHours: 4,
          priority: "HIGH",
          taskType: "CALL",
        },
      ],
      then: "continue",
    }),
  },
];

export function findTemplate(id: string): RuleTemplate | undefined {
  return RULE_TEMPLATES.find((template) => template.id === id);
}
