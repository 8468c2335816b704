/**
 * How the flow and experiment services' refusals reach the merchant: a status and a sentence.
 * Matched by name, so this module needs none of the services that throw them.
 */
import { z } from "zod";

const STATUS_BY_NAME: Record<string, number> = {
  FlowNotFound: 404,
  ExperimentNotFound: 404,
  UnknownTemplate: 400,
  FlowConflict: 409,
  PublishConflict: 409,
  ExperimentRefused: 409,
  // Shopify (the Admin API) refused or failed: nothing was recorded, the draft is kept.
  WidgetConfigPublishError: 502,
};

export interface Refusal {
  status: number;
  message: string;
}

export function refusalOf(error: unknown): Refusal | null {
  if (!(error instanceof Error)) return null;
  const status = STATUS_BY_NAME[error.name];
  if (!status) return null;
  const message =
    status === 502
      ? `Shopify did not accept the publish, so nothing changed on the storefront: ${error.message}${shopifySaid(error)}.`
      : error.message;
  return { status, message };
}

/** Shopify's own words (its errors' messages) when the refusal carries them: " (…; …)", or "". */
function shopifySaid(error: Error): string {
  const details = "details" in error && Array.isArray(error.details) ? (error.details as unknown[]) : [];
  const messages = details.flatMap((detail) =>
    detail && typeof detail === "object" && "message" in detail ? [String(detail.message)] : [],
  );
  return messages.length ? ` (${messages.join("; ")})` : "";
}

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** A route's id parameter (a flow's or an experiment's); anything else is a 400 answer. */
export function idParam(params: Readonly<Record<string, string | undefined>>, key: string): string {
  const parsed = idSchema.safeParse(params[key]);
  if (!parsed.success)
    throw new Response(`The ${key} in the address is not an id (letters, digits, _ or -).`, { status: 400 });
  return parsed.data;
}

/** A page's read, with a refusal answered as HTTP: another shop's record is a 404, like a missing one. */
export async function readOrRefuse<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) throw new Response(refusal.message, { status: refusal.status });
    throw error;
  }
}
