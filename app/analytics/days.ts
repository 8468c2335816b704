/**
 * The one time-zone module: shop-local calendar days and midnights. Reports cut time at the
 * shop's midnight (Shop.timeZone), not at UTC's: a New York shop's "Monday" ends at 05:00 UTC on
 * Tuesday; HubSpot's daily limits reset at midnight in the account's zone. Days are "YYYY-MM-DD".
 */
const DAY_MS = 86_400_000;

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The local calendar day of an instant, e.g. dayKey(t, "America/New_York"). */
export function dayKey(at: number, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
}

/** The calendar day `days` after `day` (negative: before); no time zone involved. */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Every day from `from` to `to`, both included. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = shiftDay(day, 1)) days.push(day);
  return days;
}

/**
 * The instant the shop-local `day` begins. Found by correcting a UTC guess with the zone's
 * offset twice (the second pass settles DST changes); where midnight does not exist (a few
 * zones spring forward at 00:00) the day begins at the first instant that belongs to it.
 */
export function dayStart(day: string, timeZone: string): number {
  const guess = Date.parse(`${day}T00:00:00Z`);
  let start = guess - offsetAt(guess, timeZone);
  start = guess - offsetAt(start, timeZone);
  // Step back over any instants before `start` that still belong to `day` (offset changed).
  while (dayKey(start - 1, timeZone) === day) start -= 15 * 60_000;
  while (dayKey(start, timeZone) < day) start += 15 * 60_000;
  return start;
}

/** The instant the shop-local `day` ends (the next day's start, exclusive). */
export function dayEnd(day: string, timeZone: string): number {
  return dayStart(shiftDay(day, 1), timeZone);
}

/** The first local midnight after `at` (the start of the next local day). */
export function nextMidnight(at: number, timeZone: string): number {
  return dayEnd(dayKey(at, timeZone), timeZone);
}

/** [start of `from`, end of `to`) as instants. */
export function dayRange(from: string, to: string, timeZone: string): { gte: Date; lt: Date } {
  return { gte: new Date(dayStart(from, timeZone)), lt: new Date(dayEnd(to, timeZone)) };
}

const partFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `at`, in ms (positive east of Greenwich). */
function offsetAt(at: number, timeZone: string): number {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partFormats.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(at)) if (part.type !== "literal") parts[part.type] = Number(part.value);
  const local = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return local - (at - (at % 1000));
}
