/** Why: the merchant reads times in the shop's time zone, the zone its report days are counted in. */

/** "2026-12-03 23:40" (with seconds: "23:40:05") in `timeZone`. */
export function shopTime(iso: string, timeZone: string, seconds = false): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    ...(seconds ? { second: "2-digit" } : {}),
  }).format(new Date(iso));
}
