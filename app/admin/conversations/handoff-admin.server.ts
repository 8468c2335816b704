/**
 * Why: what the staff do about handoffs from the Conversations pages (the "I'm online" switch, business hours,
 * a reply, a close) arrives as form posts; each is parsed here, and a bad one comes back as the merchant's own
 * words (which day's hours, which field) with nothing saved, never as a half-applied change.
 */
import { z } from "zod";
import { businessHoursSchema, parseDayHours, WEEKDAYS, type BusinessHours } from "../../conversations/availability";
import { saveAvailability, setOnline } from "../../conversations/availability.server";
import { staffClose, staffReply } from "../../conversations/handoff-staff.server";
import { MAX_HANDOFF_TEXT } from "../../../contract/handoff";
import { describeProblems, problemsOf } from "../../platform/validation/zod-errors";
import { offerRulesSchema, rulesOfOfferForm } from "../../conversations/handoff-offers";
import { offerRulesOf, saveOfferRules } from "../../conversations/handoff-offers.server";
import { shopFrame } from "../../conversations/conversation-reads.server";

const DAY_NAMES: Record<(typeof WEEKDAYS)[number], string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

const handoffId = z.uuid({ error: "the handoff to answer (reload the page)" });
const day = z.string().max(200).default("");
/** A blank field is no offer. */
const optionalNumber = (error: string, min: number, max: number, tooSmall: string, tooLarge: string) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce.number({ error }).min(min, tooSmall).max(max, tooLarge).optional(),
  );

export const handoffFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("online"), online: z.enum(["on", "off"], { error: "on or off" }) }),
  z.object({
    intent: z.literal("hours"),
    ...Object.fromEntries(WEEKDAYS.map((name) => [name, day])),
    waitSeconds: z.coerce
      .number({ error: "seconds to wait for a person" })
      .int()
      .min(15, "wait at least 15 seconds")
      .max(3600, "wait at most an hour"),
    replyWithinHours: z.coerce
      .number({ error: "hours until an email answer" })
      .int()
      .min(1, "at least 1 hour")
      .max(168, "at most a week (168 hours)"),
  }),
  z.object({
    intent: z.literal("reply"),
    handoffId,
    text: z.string().trim().min(1, "write a reply").max(MAX_HANDOFF_TEXT, `at most ${MAX_HANDOFF_TEXT} characters`),
  }),
  z.object({ intent: z.literal("close"), handoffId }),
  z.object({
    intent: z.literal("offers"),
    afterAbstentions: optionalNumber(
      "a number of questions",
      1,
      20,
      "at least 1 question",
      "at most 20 questions",
    ).pipe(z.number().int("a whole number of questions").optional()),
    cartAtLeast: optionalNumber("an amount", 0.01, 1e9, "more than 0", "at most 1,000,000,000"),
    qualifierQuestion: z.string().trim().max(64).default(""),
    qualifierAtLeast: optionalNumber("a number", -1e9, 1e9, "at least -1,000,000,000", "at most 1,000,000,000"),
  }),
]);

export type HandoffFormResult = { ok: true; intent: string } | { ok: false; status: 400 | 404 | 409; errors: string[] };

/** The seven day fields as business hours, or the days that do not read as hours. */
function hoursFrom(fields: Record<string, unknown>): { hours: BusinessHours } | { errors: string[] } {
  const hours = Object.fromEntries(
    WEEKDAYS.map((name) => [name, parseDayHours(String(fields[name] ?? ""))]).filter(([, spans]) => spans?.length),
  );
  const parsed = businessHoursSchema.safeParse(hours);
  if (parsed.success) return { hours: parsed.data as BusinessHours };
  return {
    errors: parsed.error.issues.map((issue) => {
      const name = issue.path[0] as (typeof WEEKDAYS)[number];
      return `${DAY_NAMES[name] ?? "Hours"}: ${issue.message} (write e.g. 09:00-12:30, 13:30-17:00)`;
    }),
  };
}

export async function handoffAdminAction(
  shopDomain: string,
  form: FormData,
  allowed: readonly string[],
  now: number,
): Promise<HandoffFormResult> {
  const parsed = handoffFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success || !allowed.includes(parsed.data.intent))
    return {
      ok: false,
      status: 400,
      errors: parsed.success
        ? [`nothing to do for "${parsed.data.intent}" here`]
        : describeProblems(parsed.error).split("; "),
    };
  const input = parsed.data;
  switch (input.intent) {
    case "online":
      await setOnline(shopDomain, input.online === "on", now);
      return { ok: true, intent: input.intent };
    case "hours": {
      const read = hoursFrom(input);
      if ("errors" in read) return { ok: false, status: 400, errors: read.errors };
      await saveAvailability(shopDomain, {
        hours: read.hours,
        waitSeconds: input.waitSeconds,
        replyWithinHours: input.replyWithinHours,
      });
      return { ok: true, intent: input.intent };
    }
    case "reply": {
      // The embedded admin's session is the shop's, not a person's: replies are signed by the team.
      const sent = await staffReply(shopDomain, input.handoffId, input.text, null, now);
      return sent.ok ? { ok: true, intent: input.intent } : { ok: false, status: sent.status, errors: [sent.error] };
    }
    case "offers":
      return saveOffers(shopDomain, input);
    case "close": {
      const closed = await staffClose(shopDomain, input.handoffId, now);
      return closed.ok
        ? { ok: true, intent: input.intent }
        : { ok: false, status: closed.status, errors: [closed.error] };
    }
  }
}

type OffersInput = Extract<z.output<typeof handoffFormSchema>, { intent: "offers" }>;

/** The three offers as rules, checked as every offer rule is (the qualifier's name as routing spells fields). */
async function saveOffers(shopDomain: string, input: OffersInput): Promise<HandoffFormResult> {
  const question = input.qualifierQuestion;
  if (!question !== (input.qualifierAtLeast === undefined))
    return {
      ok: false,
      status: 400,
      errors: ["Qualifier: name the question and the least answer, or leave both blank"],
    };
  const { currency } = await shopFrame(shopDomain);
  const form = {
    afterAbstentions: input.afterAbstentions,
    cartAtLeast: input.cartAtLeast,
    qualifier:
      question && input.qualifierAtLeast !== undefined ? { question, atLeast: input.qualifierAtLeast } : undefined,
  };
  const parsed = offerRulesSchema.safeParse(rulesOfOfferForm(form, await offerRulesOf(shopDomain), currency));
  if (!parsed.success)
    return {
      ok: false,
      status: 400,
      errors: problemsOf(parsed.error).map(({ path, message }) =>
        path.endsWith("question") ? `Qualifier question: ${message}` : `${path}: ${message}`,
      ),
    };
  await saveOfferRules(shopDomain, parsed.data);
  return { ok: true, intent: input.intent };
}
