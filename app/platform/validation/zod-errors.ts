/**
 * zod's errors in the three shapes ChatLift answers with, so routes, admin forms and stages all
 * say "what is wrong, and where" the same way instead of each mapping `error.issues` by hand:
 * every problem with its path (APIs, the proxy, the rules and flow editors), the first message
 * per field (forms that show one error beside each field), and one sentence (a banner, a 400's
 * reason). Paths are dotted as the inputs name their fields ("events.3.occurredAt"); "" is the
 * input as a whole.
 */
import { z } from "zod";

export type Problem = { path: string; message: string };

type Wording = {
  /** How to write a path, e.g. the rules editor's `rules[2].name`. */
  path?: (path: readonly PropertyKey[]) => string;
  /** The merchant's wording for an issue where zod's is for developers. */
  message?: (issue: z.core.$ZodIssue) => string;
};

/** `["events", 3, "occurredAt"]` → `events.3.occurredAt`. */
export function dottedPath(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** Every problem, in zod's order. */
export function problemsOf(error: z.ZodError, wording: Wording = {}): Problem[] {
  const pathOf = wording.path ?? dottedPath;
  return error.issues.map((issue) => ({
    path: pathOf(issue.path),
    message: wording.message?.(issue) ?? issue.message,
  }));
}

/**
 * The first message of each top-level field (zod's own z.flattenError groups them), keyed by
 * field name; problems with the input as a whole under "form".
 */
export function fieldErrorsOf<Field extends string = string>(
  error: z.ZodError,
): Partial<Record<Field | "form", string>> {
  const { formErrors, fieldErrors } = z.flattenError(error);
  const first: Partial<Record<string, string>> = {};
  for (const [field, messages] of Object.entries(fieldErrors as Record<string, string[] | undefined>))
    if (messages?.[0]) first[field] = messages[0];
  if (formErrors[0] !== undefined) first.form ??= formErrors[0];
  return first;
}

/**
 * Every problem in one sentence: `days: at most 90 days; version: …` (no path for the input as a
 * whole). `paths: false` where the schema's messages already name their field in the merchant's
 * words ("Choose one of the templates").
 */
export function describeProblems(error: z.ZodError, options: { paths?: boolean } = {}): string {
  const withPaths = options.paths ?? true;
  return problemsOf(error)
    .map((problem) => (withPaths && problem.path ? `${problem.path}: ${problem.message}` : problem.message))
    .join("; ");
}
