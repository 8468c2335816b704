/** The three shapes every route, form and stage answers zod's errors with. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeProblems, fieldErrorsOf, problemsOf } from "../../../app/platform/validation/zod-errors";

const form = z.strictObject({
  days: z.coerce.number().int().min(1, "at least 1 day").max(90, "at most 90 days"),
  name: z.string().min(1, "Name the rule").max(3, "At most 3 characters"),
  steps: z.array(z.object({ text: z.string({ error: "Write the step's text" }) })),
});

function errorOf(input: unknown): z.ZodError {
  const result = form.safeParse(input);
  if (result.success) throw new Error("expected the input to be refused");
  return result.error;
}

describe("zod errors", () => {
  it("GIVEN problems in nested fields WHEN listed THEN each has its dotted path, in zod's order", () => {
    expect(problemsOf(errorOf({ days: "0", name: "x", steps: [{ text: "a" }, {}] }))).toEqual([
      { path: "days", message: "at least 1 day" },
      { path: "steps.1.text", message: "Write the step's text" },
    ]);
  });

  it("GIVEN a path format and merchant wording WHEN listed THEN both are used", () => {
    const problems = problemsOf(errorOf({ days: 5, name: "x", steps: [{}] }), {
      path: (path) => path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join(""),
      message: (issue) => (issue.code === "invalid_type" ? "Required" : issue.message),
    });
    expect(problems).toEqual([{ path: ".steps[0].text", message: "Required" }]);
  });

  it("GIVEN two problems in one field and one with the whole form WHEN shown beside fields THEN the first message of each field, the form's under `form`", () => {
    const error = errorOf({ days: 1, name: "", steps: [], extra: true });
    expect(error.issues.map((issue) => issue.message)).toContain("Name the rule");
    expect(fieldErrorsOf(error)).toEqual({ name: "Name the rule", form: expect.stringMatching(/extra/) });
    expect(fieldErrorsOf(errorOf({ days: "x", name: "abcdef", steps: [] }))).toEqual({
      days: expect.any(String),
      name: "At most 3 characters",
    });
  });

  it("GIVEN several problems WHEN said in one sentence THEN paths lead unless the messages name their fields", () => {
    const error = errorOf({ days: 91, name: "", steps: [] });
    expect(describeProblems(error)).toBe("days: at most 90 days; name: Name the rule");
    expect(describeProblems(error, { paths: false })).toBe("at most 90 days; Name the rule");
  });
});
