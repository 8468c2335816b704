/**
 * Why: whether a person can answer a shopper now, decided from the merchant's own words: business hours in
 * the shop's time zone (a Berlin shop's "9 to 5" follows Berlin's clock through daylight-saving changes) and
 * the Conversations page's "I'm online" switch. When nobody can, it says by when the shopper may expect an
 * answer. days.ts keeps the shop's calendar days; this module adds the clock time within them.
 */
import { z } from "zod";
import { dayKey, shiftDay } from "../analytics/days";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** Per weekday, opening intervals as ["09:00", "17:00"] (end exclusive; "24:00" runs to midnight). */
export type BusinessHours = Partial<Record<Weekday, [string, string][]>>;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
/** How long one "I'm online" lasts: a switch left on when the team goes home runs out by itself. */
export const ONLINE_FOR_MS = 8 * HOUR_MS;
export const MAX_INTERVALS_PER_DAY = 3;

export interface Availability {
  /** The "I'm online" switch: on until this instant (ms), null when off. */
  onlineUntil: number | null;
  hours: BusinessHours | null;
  /** A live request waits this long for a person before the shopper may leave an email instead. */
  waitSeconds: number;
  /** Without business hours: the promised time to an email answer. */
  replyWithinHours: number;
}

const clock = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const interval = z
  .tuple([
    z.string().regex(clock, "a time such as 09:00 (24-hour clock)"),
    z.string().regex(clock, "a time such as 17:30 (24-hour clock; 24:00 for midnight)"),
  ])
  .refine(([from, to]) => minutesOf(from) < minutesOf(to), "opens before it closes");

export const businessHoursSchema = z.partialRecord(
  z.enum(WEEKDAYS),
  z
    .array(interval)
    .max(MAX_INTERVALS_PER_DAY, `at most ${MAX_INTERVALS_PER_DAY} opening times a day`)
    .refine((day) => {
      const sorted = [...day].sort((a, b) => minutesOf(a[0]) - minutesOf(b[0]));
      return sorted.every((span, i) => i === 0 || minutesOf(sorted[i - 1]![1]) <= minutesOf(span[0]));
    }, "opening times overlap"),
);

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** The shop-local day ("YYYY-MM-DD") and minute of the day (0–1439) of an instant. */
export function localClock(at: number, timeZone: string): { day: string; minute: number } {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", hour: "2-digit", minute: "2-digit" });
    clockFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return { day: dayKey(at, timeZone), minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** Monday-first weekday of a calendar day (no time zone: the day is already the shop's). */
export function weekdayOf(day: string): Weekday {
  return WEEKDAYS[(new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7]!;
}

/** What the shop's clock shows at `at`, read as if it were UTC (ms): its difference to `at` is the zone's offset. */
function shownAt(at: number, timeZone: string): number {
  const local = localClock(at, timeZone);
  return Date.parse(`${local.day}T00:00:00Z`) + local.minute * MINUTE_MS;
}

/**
 * The instant the shop's clock shows `minute` on `day`. A time shown twice (fall back) is the first of the
 * two; a time the clock skips (spring forward) moves forward by the gap, as calendars move such meetings.
 */
export function wallInstant(day: string, minute: number, timeZone: string): number {
  const target = Date.parse(`${day}T00:00:00Z`) + minute * MINUTE_MS;
  const offsetBefore = shownAt(target - 24 * HOUR_MS, timeZone) - (target - 24 * HOUR_MS);
  const offsetAfter = shownAt(target + 24 * HOUR_MS, timeZone) - (target + 24 * HOUR_MS);
  const candidates = [target - offsetBefore, target - offsetAfter].sort((a, b) => a - b);
  return candidates.find((at) => shownAt(at, timeZone) === target) ?? target - offsetBefore;
}

/** The day's intervals in minutes, earliest first. */
function spansOf(hours: BusinessHours, day: string): [number, number][] {
  return (hours[weekdayOf(day)] ?? [])
    .map(([from, to]) => [minutesOf(from), minutesOf(to)] as [number, number])
    .sort((a, b) => a[0] - b[0]);
}

export function withinHours(hours: BusinessHours, at: number, timeZone: string): boolean {
  const { day, minute } = localClock(at, timeZone);
  return spansOf(hours, day).some(([from, to]) => minute >= from && minute < to);
}

/** Within the next week, the first opening interval that is under way or still to come at `at`. */
function nextSpan(hours: BusinessHours, at: number, timeZone: string): { opens: number; closes: number } | null {
  const today = localClock(at, timeZone).day;
  for (let offset = 0; offset <= 7; offset += 1) {
    const day = shiftDay(today, offset);
    for (const [from, to] of spansOf(hours, day)) {
      const closes = to === 1440 ? wallInstant(shiftDay(day, 1), 0, timeZone) : wallInstant(day, to, timeZone);
      if (closes > at) return { opens: wallInstant(day, from, timeZone), closes };
    }
  }
  return null;
}

/** When the team is next there (now, when within hours); null without business hours. */
export function nextOpening(hours: BusinessHours, at: number, timeZone: string): number | null {
  const span = nextSpan(hours, at, timeZone);
  return span ? Math.max(span.opens, at) : null;
}

export type LiveReason = "online" | "hours" | "closed";

/** Whether a person can take a handoff now, and why: the switch, or the business hours. */
export function liveNow(availability: Availability, at: number, timeZone: string): LiveReason {
  if (availability.onlineUntil !== null && availability.onlineUntil > at) return "online";
  if (availability.hours && withinHours(availability.hours, at, timeZone)) return "hours";
  return "closed";
}

/**
 * By when the chat promises an email answer: the end of the opening interval under way or next to come (the
 * team answers before it leaves), or, without business hours, the merchant's own promise in hours.
 */
export function answerBy(availability: Availability, at: number, timeZone: string): number {
  const span = availability.hours ? nextSpan(availability.hours, at, timeZone) : null;
  return span ? span.closes : at + availability.replyWithinHours * HOUR_MS;
}

/** "09:00-12:30, 14:00-18:00" as the merchant types a day's hours; "" is closed. */
export function parseDayHours(text: string): [string, string][] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [from = "", to = ""] = part.split(/\s*[-–]\s*/);
      const pad = (time: string) => (/^\d:/.test(time) ? `0${time}` : time);
      return [pad(from), pad(to)] as [string, string];
    });
}

export function formatDayHours(spans: [string, string][] | undefined): string {
  return (spans ?? []).map(([from, to]) => `${from}-${to}`).join(", ");
}
