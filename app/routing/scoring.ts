/**
 * Lead scoring: each micro-conversion adds its kind's weight, halved every `halfLifeDays`, so a
 * demo booked yesterday outweighs one booked two months ago. Only the most recent `maxPerKind`
 * of a kind count. The score is 0–100 (the HubSpot property's range), rounded to a whole number
 * as stored on the lead; the contributions say where every point came from.
 */
import { DAY_MS, type Instant, type LeadFacts, type MicroConversionKind } from "./facts";
import { DEFAULT_WEIGHTS, scoringSchema, type ScoringConfig } from "./rule-schema";

export const MAX_SCORE = 100;
export const DEFAULT_SCORING: ScoringConfig = scoringSchema.parse({});

export type ScoreContribution = {
  kind: MicroConversionKind;
  at: Instant;
  weight: number;
  ageDays: number;
  /** 0.5 ** (ageDays / halfLifeDays). */
  decay: number;
  points: number;
};

export type LeadScore = {
  score: number;
  qualified: boolean;
  threshold: number;
  /** Counted micro-conversions, most recent first. */
  contributions: ScoreContribution[];
  /** Micro-conversions beyond maxPerKind, or of a kind weighted 0. */
  ignored: number;
};

export function weightOf(kind: MicroConversionKind, config: ScoringConfig): number {
  return config.weights[kind] ?? DEFAULT_WEIGHTS[kind];
}

export function scoreLead(facts: Pick<LeadFacts, "microConversions">, config: ScoringConfig, now: Instant): LeadScore {
  const recentFirst = [...facts.microConversions].sort((a, b) => b.at - a.at);
  const counted = new Map<MicroConversionKind, number>();
  const contributions: ScoreContribution[] = [];
  let ignored = 0;
  for (const conversion of recentFirst) {
    const weight = weightOf(conversion.kind, config);
    const seen = counted.get(conversion.kind) ?? 0;
    if (weight === 0 || seen >= config.maxPerKind) {
      ignored += 1;
      continue;
    }
    counted.set(conversion.kind, seen + 1);
    // A client clock ahead of ours must not make a conversion worth more than its weight.
    const ageDays = Math.max(0, now - conversion.at) / DAY_MS;
    const decay = 0.5 ** (ageDays / config.halfLifeDays);
    contributions.push({ kind: conversion.kind, at: conversion.at, weight, ageDays, decay, points: weight * decay });
  }
  const total = contributions.reduce((sum, contribution) => sum + contribution.points, 0);
  const score = Math.min(MAX_SCORE, Math.round(total));
  return {
    score,
    qualified: score >= config.qualifiedThreshold,
    threshold: config.qualifiedThreshold,
    contributions,
    ignored,
  };
}
