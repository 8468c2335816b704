/**
 * The handoff contract between the widget's handoff bundle (widget/handoff/) and the handoff route
 * (POST /apps/chatlift/handoff): a shopper asks for a person, says things, polls for the staff's
 * replies while the handoff is open, leaves an email and a question when nobody can answer live, and
 * closes it. The widget imports these types only (never zod); the route validates every field here.
 *
 * Change it only additively: widgets cached in shoppers' browsers keep the old shape for days.
 */
import { z } from "zod";
import { ARMS, HANDOFF_MODES, HANDOFF_REASONS, PAGE_TYPES } from "./events";

export { HANDOFF_MODES, HANDOFF_REASONS };
/** waiting: nobody has answered yet; live: staff answered; offline: the shopper left an email; closed. */
export const HANDOFF_STATUSES = ["waiting", "live", "offline", "closed"] as const;
export const HANDOFF_SPEAKERS = ["shopper", "staff", "bot"] as const;

/** A request body: a message, an email and a question fit well inside. */
export const MAX_HANDOFF_BYTES = 4 * 1024;
export const MAX_HANDOFF_TEXT = 1000;
const opaqueId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "8 to 64 letters, digits, _ or -");
const text = z.string().trim().min(1, "say something").max(MAX_HANDOFF_TEXT, `at most ${MAX_HANDOFF_TEXT} characters`);
const handoffId = z.uuid({ error: "the handoff id this chat was given" });
const open = { sessionId: opaqueId, visitorId: opaqueId, handoffId };
/** The page the shopper is on: a session the handoff opens lands there, a lead it makes last saw it. */
const page = z.object({ type: z.enum(PAGE_TYPES), path: z.string().max(2048) }).optional();

export const handoffRequestSchema = z.discriminatedUnion("op", [
  z.object({
    op: z.literal("open"),
    sessionId: opaqueId,
    visitorId: opaqueId,
    reason: z.enum(HANDOFF_REASONS),
    locale: z.string().regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/, "a language tag such as en or de-CH"),
    arm: z.enum(ARMS).optional(),
    page,
  }),
  z.object({ op: z.literal("say"), ...open, text }),
  /** `after`: the last message number the widget shows; only newer ones come back. */
  z.object({ op: z.literal("poll"), ...open, after: z.number().int().nonnegative().max(100_000) }),
  z.object({
    op: z.literal("leave"),
    ...open,
    email: z.email({ error: "an email address we can answer to" }).max(254),
    consent: z.object({ granted: z.literal(true), text: z.string().trim().min(1).max(1000) }),
    question: text,
    page,
  }),
  z.object({ op: z.literal("close"), ...open }),
]);
export type HandoffRequest = z.infer<typeof handoffRequestSchema>;

export interface HandoffMessageView {
  seq: number;
  from: (typeof HANDOFF_SPEAKERS)[number];
  text: string;
  /** ISO time. */
  at: string;
  /** The staff member's first name, when they answered. */
  name?: string;
}

/** What every operation answers: the handoff as the shopper may see it. */
export interface HandoffView {
  handoffId: string;
  status: (typeof HANDOFF_STATUSES)[number];
  mode: (typeof HANDOFF_MODES)[number];
  messages: HandoffMessageView[];
  /** Waiting live: when the shopper is offered to leave an email instead (ISO). */
  offerOfflineAt?: string;
  /** Offline: when the shopper may expect an answer by email (ISO), from the shop's hours. */
  answerBy?: string;
  /** Keep polling (open and live or waiting): the widget stops when false. */
  poll: boolean;
}
