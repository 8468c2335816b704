/**
 * The shop's widget configuration: what the admin publishes into the app-data metafield and the
 * app embed renders into the storefront page. The admin's flow editor validates with these
 * schemas; the widget imports the types only (it trusts what the admin validated).
 *
 * Money is in the shop's currency, major units (the merchant's words: "cart of at least 50").
 * Texts are per locale ("en", "fr", "pt-BR"); the widget picks the storefront's locale, then its
 * language, then the config's default locale.
 */
import { z } from "zod";
import { CSAT_SCALES, MICRO_CONVERSION_KINDS, PAGE_TYPES } from "./events";

export const WIDGET_CONFIG_VERSION = 1;
export const MAX_FLOW_STEPS = 3;

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, _ or -, at most 64");
const locale = z.string().regex(/^[a-z]{2}(-[A-Za-z]{2,4})?$/, "a locale such as en or pt-BR");
export const localizedTextSchema = z
  .record(locale, z.string().trim().min(1).max(500))
  .refine((texts) => Object.keys(texts).length > 0, "give the text in at least one language");

const sameOriginOrHttps = z
  .string()
  .max(2048)
  .refine(
    (url) => /^\/(?!\/)/.test(url) || /^https:\/\//.test(url),
    "a path on the store (/pages/demo) or an https:// link",
  );

const stepBase = {
  id,
  /** Reaching this step's action is the flow's micro-conversion: the flow then counts as completed. */
  goal: z.boolean().default(false),
  text: localizedTextSchema,
};

const quickReply = z.object({
  id,
  label: localizedTextSchema,
  /** The step this reply leads to; without it, the next step in order. "end" closes the flow. */
  next: z.union([id, z.literal("end")]).optional(),
  /** The bot's answer to this reply, shown before the next step. */
  answer: localizedTextSchema.optional(),
});

const choiceOption = z.object({ id, label: localizedTextSchema });

export const stepSchema = z.discriminatedUnion("kind", [
  z.object({
    ...stepBase,
    kind: z.literal("message"),
    replies: z.array(quickReply).max(4).default([]),
    /** What answering this message counts as, when it is the goal (fit help by default). */
    conversion: z.enum(MICRO_CONVERSION_KINDS).default("fit_help"),
  }),
  z.object({
    ...stepBase,
    kind: z.literal("recommendations"),
    intent: z.enum(["related", "complementary"]).default("related"),
    limit: z.number().int().min(1).max(4).default(3),
  }),
  z.object({
    ...stepBase,
    kind: z.literal("add_to_cart"),
    /** A fixed variant (numeric id); without it, the variant selected on the product page. */
    variantId: z
      .string()
      .regex(/^\d{1,20}$/)
      .optional(),
    quantity: z.number().int().min(1).max(100).default(1),
  }),
  z.object({
    ...stepBase,
    kind: z.literal("email_capture"),
    /** Shown beside the unticked consent checkbox; sent with the email as proof of consent. */
    consentText: localizedTextSchema,
  }),
  z.object({
    ...stepBase,
    kind: z.literal("coupon"),
    code: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "a discount code of letters, digits, _ or -"),
  }),
  z.object({
    ...stepBase,
    kind: z.literal("qualifier"),
    /** The lead fact this answers, e.g. team_size. */
    field: id,
    input: z.discriminatedUnion("type", [
      z.object({ type: z.literal("choice"), options: z.array(choiceOption).min(2).max(6) }),
      z.object({
        type: z.literal("number"),
        min: z.number().finite().default(0),
        max: z.number().finite().default(1_000_000),
      }),
    ]),
  }),
  z.object({
    ...stepBase,
    kind: z.literal("link"),
    url: sameOriginOrHttps,
    label: localizedTextSchema,
    conversion: z.enum(["demo_booked", "link_click"]).default("link_click"),
  }),
]);

const steps = z
  .array(stepSchema)
  .min(1)
  .max(MAX_FLOW_STEPS)
  .superRefine((list, ctx) => {
    const ids = new Set<string>();
    for (const step of list) {
      if (ids.has(step.id)) ctx.addIssue({ code: "custom", message: `step id "${step.id}" is used twice` });
      ids.add(step.id);
    }
    for (const step of list) {
      if (step.kind !== "message") continue;
      for (const reply of step.replies) {
        if (reply.next && reply.next !== "end" && !ids.has(reply.next)) {
          ctx.addIssue({ code: "custom", message: `reply "${reply.id}" leads to unknown step "${reply.next}"` });
        }
      }
    }
    if (list.filter((step) => step.goal).length > 1)
      ctx.addIssue({ code: "custom", message: "mark at most one step as the goal" });
  });

const pageFilter = {
  /** Page types where the trigger may fire; empty means every page type. */
  pageTypes: z.array(z.enum(PAGE_TYPES)).default([]),
  /** Page handles (e.g. "pricing"), for page types page, product and collection. */
  pageHandles: z.array(z.string().regex(/^[a-z0-9-]{1,128}$/)).default([]),
};

export const triggerSchema = z.discriminatedUnion("kind", [
  z.object({ ...pageFilter, kind: z.literal("page_type") }),
  z.object({ ...pageFilter, kind: z.literal("dwell"), seconds: z.number().int().min(1).max(600) }),
  z.object({ ...pageFilter, kind: z.literal("scroll_depth"), percent: z.number().int().min(1).max(100) }),
  /** Desktop only: the pointer leaves through the top of the window. */
  z.object({ ...pageFilter, kind: z.literal("exit_intent") }),
  z.object({ ...pageFilter, kind: z.literal("cart_value"), atLeast: z.number().finite().positive() }),
  z.object({ ...pageFilter, kind: z.literal("returning_visitor") }),
]);

export const variantSchema = z.object({
  id,
  /** Relative share of the flow's treatment visitors. */
  weight: z.number().int().min(1).max(100),
  prompt: localizedTextSchema.optional(),
  steps: steps.optional(),
});

export const flowSchema = z
  .object({
    id,
    /** What the visitor sees in the chat menu, e.g. "Help with sizing". */
    label: localizedTextSchema,
    enabled: z.boolean().default(true),
    trigger: triggerSchema,
    /** The proactive prompt's text. */
    prompt: localizedTextSchema,
    steps,
    /** An experiment: each treatment visitor sees one variant, chosen by hash, for good. */
    variants: z.array(variantSchema).max(4).default([]),
  })
  .superRefine((flow, ctx) => {
    const ids = new Set(flow.variants.map((variant) => variant.id));
    if (ids.size !== flow.variants.length) ctx.addIssue({ code: "custom", message: "variant ids must differ" });
  });

/**
 * The launcher's look as the merchant set it in Settings; the app embed prefers it over the theme
 * editor's block settings. Optional: a config published before it existed still renders.
 */
export const appearanceSchema = z.object({
  accent: z.string().regex(/^#[0-9a-f]{6}$/, "a colour as #rrggbb"),
  side: z.enum(["left", "right"]),
  /** The launcher's label per storefront locale; a locale left out keeps the extension's text. */
  launcher: z.record(locale, z.string().trim().min(1).max(40)),
  /**
   * The one-tap satisfaction question at a conversation's end: a 1–5 score, a thumbs down / up, or none.
   * Optional: without it (or without any appearance saved) the chat asks with thumbs.
   */
  csat: z.enum([...CSAT_SCALES, "off"]).optional(),
});

/**
 * The merchant's answers switch (Knowledge page): off, the chat shows no question box and no
 * suggested questions. Optional: a config published before it existed means on, as answers were.
 */
export const answersConfigSchema = z.object({ enabled: z.boolean() });

export const widgetConfigSchema = z
  .object({
    v: z.literal(WIDGET_CONFIG_VERSION),
    /** Per-shop salt of the holdout hash: changing it reshuffles every visitor's arm. */
    salt: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    /** Share of visitors (0–100) who get no proactive prompts, to measure lift. */
    holdoutPercent: z.number().min(0).max(100),
    caps: z
      .object({
        /** Proactive prompts per chat session (a browser tab's visit). */
        perSession: z.number().int().min(0).max(20).default(2),
        /** Proactive prompts per visitor per calendar day. */
        perDay: z.number().int().min(0).max(50).default(4),
      })
      .default({ perSession: 2, perDay: 4 }),
    defaultLocale: locale.default("en"),
    flows: z.array(flowSchema).max(20),
    appearance: appearanceSchema.optional(),
    answers: answersConfigSchema.optional(),
  })
  .superRefine((config, ctx) => {
    const ids = new Set(config.flows.map((flow) => flow.id));
    if (ids.size !== config.flows.length) ctx.addIssue({ code: "custom", message: "flow ids must differ" });
  });

/** What the admin editor produces (defaults may be left out). */
export type WidgetConfigInput = z.input<typeof widgetConfigSchema>;
/** What the widget reads: every default filled in. */
export type WidgetConfig = z.output<typeof widgetConfigSchema>;
export type Flow = WidgetConfig["flows"][number];
export type Step = Flow["steps"][number];
export type StepKind = Step["kind"];
export type StepOf<K extends StepKind> = Extract<Step, { kind: K }>;
export type Trigger = Flow["trigger"];
export type Variant = Flow["variants"][number];
export type LocalizedText = z.output<typeof localizedTextSchema>;
export type WidgetAppearanceConfig = z.output<typeof appearanceSchema>;

/** Parses an editor's input; throws a ZodError naming every bad field. */
export function parseWidgetConfig(input: unknown): WidgetConfig {
  return widgetConfigSchema.parse(input);
}
