/**
 * Deterministic assignment: the same visitor id and shop salt always land in the same arm and
 * variant, on any page, with no request. 32-bit FNV-1a over "<visitor id>:<salt>": on random
 * ids its buckets are even (tests/widget/arm.test.ts measures 100,000 ids), and it costs the
 * loader a few dozen bytes.
 */
import type { Arm } from "../../contract/order-link";

export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A bucket in [0, 10000): holdout percentages work to two decimals. */
export function bucket(visitorId: string, salt: string): number {
  return hash32(`${visitorId}:${salt}`) % 10000;
}

export function assignArm(visitorId: string, salt: string, holdoutPercent: number): Arm {
  return bucket(visitorId, salt) < holdoutPercent * 100 ? "holdout" : "treatment";
}

/** Picks one of the weighted options for this visitor, independently of the arm. */
export function pickWeighted<T extends { id: string; weight: number }>(
  options: readonly T[],
  visitorId: string,
  salt: string,
): T | undefined {
  const total = options.reduce((sum, option) => sum + option.weight, 0);
  let point = hash32(`${visitorId}:${salt}:${options.map((option) => option.id).join(",")}`) % Math.max(total, 1);
  for (const option of options) {
    if (point < option.weight) return option;
    point -= option.weight;
  }
  return undefined;
}
