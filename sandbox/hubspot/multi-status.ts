/**
 * HubSpot's 207 multi-status for batch writes. Its error-handling guide: a caller opts in by giving
 * every input a unique objectWriteTraceId; then inputs refused for their values get one error each
 * (BatchResponse…WithErrors: a StandardError whose context names the input's trace id) and the other
 * inputs are written. Without trace ids one bad input still fails the whole batch with one 400.
 */
import { invalidPropertiesReply, type PropertyProblem, type SandboxReply } from "./errors";

/** One refused input, as HubSpot's StandardError (category, context, errors, links, message, status required). */
export type InputRefusal = {
  status: "error";
  category: string;
  message: string;
  context: Record<string, string[]>;
  errors: Array<{ message: string; code: string; context: Record<string, string[]> }>;
  links: Record<string, string>;
};

type Traced = { objectWriteTraceId?: string };

/** Every input carries a trace id, and no two the same: the batch may be answered in part. */
export function multiStatusOptedIn(inputs: Traced[]): boolean {
  const ids = inputs.map((input) => input.objectWriteTraceId);
  return ids.every((id) => typeof id === "string" && id !== "") && new Set(ids).size === ids.length;
}

export function refusalOf(traceId: string, problems: PropertyProblem[]): InputRefusal {
  return {
    status: "error",
    category: "VALIDATION_ERROR",
    message: `Property values were not valid: ${JSON.stringify(problems)}`,
    context: { objectWriteTraceId: [traceId] },
    errors: problems.map((problem) => ({
      message: problem.message,
      code: problem.error,
      context: { propertyName: [problem.name] },
    })),
    links: {},
  };
}

/**
 * The inputs to write and the refusals to answer with; `reply` when the batch fails whole (a problem and
 * no multi-status opt-in).
 */
export function sortInputs<I extends Traced>(
  inputs: I[],
  problemsOf: (input: I) => PropertyProblem[],
): { accepted: I[]; refusals: InputRefusal[]; reply?: SandboxReply } {
  const problems = inputs.map(problemsOf);
  if (!problems.some((list) => list.length)) return { accepted: inputs, refusals: [] };
  if (!multiStatusOptedIn(inputs))
    return { accepted: [], refusals: [], reply: invalidPropertiesReply(problems.flat()) };
  return {
    accepted: inputs.filter((_, index) => !problems[index]?.length),
    refusals: inputs.flatMap((input, index) =>
      problems[index]?.length ? [refusalOf(input.objectWriteTraceId as string, problems[index])] : [],
    ),
  };
}
