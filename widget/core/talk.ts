/**
 * Conversational micro-interactions, used by context, never on every turn:
 * - an acknowledgement before a hard answer (a fetched or computed one), not twice in a row;
 * - a clarifying question when a number answer is ambiguous ("10-20", "5 or 6");
 * - a repair path: "not what I meant" offers the alternatives;
 * - a procedural signal ("let me check…") held for 300–700 ms around a wait.
 * Templates come from the extension's locale files ("a|b|c" = rotate through a, b, c).
 */
import type { LocalizedText } from "../../contract/widget-config";

export const SIGNAL_MIN_MS = 300;
export const SIGNAL_MAX_MS = 700;

/** The merchant's text in the visitor's locale, else its language, else the shop's default. */
export function pick(text: LocalizedText | undefined, locale: string, fallback: string): string {
  if (!text) return "";
  return text[locale] ?? text[locale.split("-")[0]!] ?? text[fallback] ?? Object.values(text)[0] ?? "";
}

/** Fills {name} placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** One of the template's variants, rotating with the turn so the widget does not repeat itself. */
export function variantOf(template: string | undefined, turn: number): string {
  const options = (template ?? "").split("|").filter(Boolean);
  return options.length ? options[turn % options.length]! : "";
}

export class Talk {
  private lastAck = -2;
  constructor(private readonly templates: Record<string, string | undefined>) {}

  /** An acknowledgement before a hard answer, unless the previous turn already had one. */
  acknowledge(turn: number, hard: boolean): string | undefined {
    if (!hard || turn - this.lastAck < 2) return undefined;
    this.lastAck = turn;
    return variantOf(this.templates.ack, turn) || undefined;
  }

  signal(turn: number): string {
    return variantOf(this.templates.check, turn);
  }

  text(key: string, values: Record<string, string | number> = {}, turn = 0): string {
    return fill(variantOf(this.templates[key], turn), values);
  }
}

export type NumberAnswer =
  { kind: "number"; value: number } | { kind: "ambiguous"; options: number[] } | { kind: "invalid" };

/** Reads a typed number; two numbers ("10-20", "10 to 20", "5 or 6") are ambiguous. */
export function readNumber(input: string, min: number, max: number): NumberAnswer {
  const numbers = (input.replace(/(\d)[\s,.](?=\d{3}\b)/g, "$1").match(/\d+(?:[.,]\d+)?/g) ?? []).map((part) =>
    Number(part.replace(",", ".")),
  );
  const distinct = [...new Set(numbers)];
  const inRange = distinct.filter((value) => value >= min && value <= max);
  if (distinct.length === 1 && inRange.length === 1) return { kind: "number", value: inRange[0]! };
  if (inRange.length >= 2) return { kind: "ambiguous", options: inRange.slice(0, 3) };
  return { kind: "invalid" };
}

/** Keeps the procedural signal on screen for at least 300 ms, padding a fast wait to at most 700 ms. */
export async function paced<T>(
  work: Promise<T>,
  sleep: (ms: number) => Promise<void>,
  now: () => number,
  padTo = SIGNAL_MIN_MS,
): Promise<T> {
  const started = now();
  const result = await work;
  const waited = now() - started;
  const target = Math.min(Math.max(padTo, SIGNAL_MIN_MS), SIGNAL_MAX_MS);
  if (waited < target) await sleep(target - waited);
  return result;
}
