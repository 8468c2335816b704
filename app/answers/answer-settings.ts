/**
 * Why: the merchant's say over answers — on or off, and how sure ChatLift must be before it answers instead of
 * abstaining — kept within bounds the calibration supports, so a slip in the admin cannot make ChatLift answer
 * from anything (too low) or from nothing (too high).
 */
import type { Thresholds } from "./answer-types";
import { DEFAULT_THRESHOLDS } from "./decide";

/** Below this, a page sharing one word with the question would be quoted as the answer. */
export const MIN_ANSWER_THRESHOLD = 0.3;
/** Above this, only questions repeating a source word for word would be answered. */
export const MAX_ANSWER_THRESHOLD = 0.9;

export interface AnswerSettings {
  enabled: boolean;
  /** Null: the calibrated default (DEFAULT_THRESHOLDS.answer). */
  threshold: number | null;
}

export const DEFAULT_ANSWER_SETTINGS: AnswerSettings = { enabled: true, threshold: null };

/** The thresholds the decision uses for this shop; a stored value out of bounds falls back to the default. */
export function thresholdsOf(settings: AnswerSettings): Thresholds {
  const { threshold } = settings;
  const usable = threshold !== null && threshold >= MIN_ANSWER_THRESHOLD && threshold <= MAX_ANSWER_THRESHOLD;
  return usable ? { ...DEFAULT_THRESHOLDS, answer: threshold } : DEFAULT_THRESHOLDS;
}
