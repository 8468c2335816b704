/**
 * HubSpot's JSON error bodies, shaped as the public API answers them: `status: "error"`, a
 * message, a correlation id and a category; 429s add `errorType: "RATE_LIMIT"` and the
 * `policyName` of the limit that was hit (there is no Retry-After header).
 */
import { randomUUID } from "node:crypto";

export type HubSpotErrorBody = {
  status: "error";
  message: string;
  correlationId: string;
  category?: string;
  subCategory?: string;
  context?: Record<string, string[]>;
  errors?: Array<{ message: string; code?: string; context?: Record<string, string[]> }>;
  links?: Record<string, string>;
  errorType?: "RATE_LIMIT";
  policyName?: RateLimitPolicy;
  requestId?: string;
};

export type RateLimitPolicy = "TEN_SECONDLY_ROLLING" | "DAILY";

export type SandboxReply = { status: number; body?: unknown; headers?: Record<string, string> };

export function errorReply(
  status: number,
  category: string,
  message: string,
  extra: Partial<Omit<HubSpotErrorBody, "status" | "message" | "category">> = {},
): SandboxReply {
  const body: HubSpotErrorBody = { status: "error", message, correlationId: randomUUID(), category, ...extra };
  return { status, body };
}

/**
 * 477 Migration in Progress: the account is moving between data hosting locations; HubSpot's error-handling
 * guide promises a Retry-After header in seconds (up to 24 hours). The guide gives no body: this one has the
 * shape of HubSpot's other errors.
 */
export function migrationReply(retryAfterSeconds: number): SandboxReply {
  const reply = errorReply(
    477,
    "MIGRATION_IN_PROGRESS",
    "This account is being migrated between data hosting locations.",
  );
  return { ...reply, headers: { "Retry-After": String(retryAfterSeconds) } };
}

export function rateLimitReply(policy: RateLimitPolicy): SandboxReply {
  const correlationId = randomUUID();
  const body: HubSpotErrorBody = {
    status: "error",
    message:
      policy === "DAILY" ? "You have reached your daily limit." : "You have reached your ten_secondly_rolling limit.",
    errorType: "RATE_LIMIT",
    correlationId,
    policyName: policy,
    requestId: randomUUID(),
  };
  return { status: 429, body };
}

/** One rejected property value, as listed inside HubSpot's "Property values were not valid" message. */
export type PropertyProblem = { isValid: false; message: string; error: string; name: string };

export function invalidPropertiesReply(problems: PropertyProblem[]): SandboxReply {
  return errorReply(400, "VALIDATION_ERROR", `Property values were not valid: ${JSON.stringify(problems)}`, {
    errors: problems.map((problem) => ({
      message: problem.message,
      code: problem.error,
      context: { propertyName: [problem.name] },
    })),
  });
}

export function invalidInputReply(problems: string[]): SandboxReply {
  return errorReply(400, "VALIDATION_ERROR", `Invalid input JSON: ${problems.join("; ")}`, {
    errors: problems.map((message) => ({ message, code: "INVALID_INPUT" })),
  });
}
