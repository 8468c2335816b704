/**
 * The one frozen instant of the test suite. Every tier reads time from here, so the dates that
 * builders write and tests assert line up, and a reader can check them by hand. A test that needs
 * another instant (a daylight-saving switch, a night-time job) keeps it local and says why.
 */
import { vi } from "vitest";

/** Friday 20 November 2026, 12:00 UTC: 13:00 in Berlin (CET), 07:00 in New York (EST), 21:00 in Tokyo. */
export const NOW = new Date("2026-11-20T12:00:00.000Z");
/** The same instant in epoch milliseconds, as the pure engines (attribution, routing, widget) take time. */
export const NOW_MS = NOW.getTime();

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Freezes Date at `at` (NOW unless given); timers and promises keep running. */
export function freezeClock(at: Date | number = NOW): void {
  vi.useFakeTimers({ toFake: ["Date"], now: at });
}
