/**
 * POST /pixel/link: the ChatLift web pixel's link between a chat session and a checkout (or the
 * visitor's consent). Not signed by Shopify (pixels cannot be): the service accepts only a token the
 * app issued through the signed app proxy. sendBeacon posts text/plain, so no CORS preflight; every
 * answer allows any origin, because the pixel runs in Shopify's sandbox on the shop's domains.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { MAX_PIXEL_LINK_BYTES, PIXEL_LINK_VERSION } from "../../contract/pixel-link";
import { readBodyWithin } from "../platform/storefront/body.server";
import { problemsOf } from "../platform/validation/zod-errors";
import { receivePixelLink } from "../analytics/export/pixel-link.server";

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST",
  "Access-Control-Allow-Headers": "Content-Type",
};

const linkSchema = z.object({
  v: z.literal(PIXEL_LINK_VERSION),
  shop: z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "a myshopify.com domain"),
  token: z.string().min(1).max(600),
  kind: z.enum(["checkout_completed", "consent"]),
  eventId: z.string().min(1).max(128),
  consent: z.object({ analytics: z.boolean(), marketing: z.boolean() }),
  ga: z.string().max(100).optional(),
  orderId: z.string().max(64).optional(),
  checkoutToken: z.string().max(128).optional(),
});

const answer = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { ...CORS, ...headers } });

export async function loader() {
  return answer({ error: "POST a pixel link here" }, 405, { Allow: "POST, OPTIONS" });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS });
  if (request.method !== "POST") return loader();
  const body = await readBodyWithin(request, MAX_PIXEL_LINK_BYTES);
  if (body === null) return answer({ error: `a pixel link is at most ${MAX_PIXEL_LINK_BYTES} bytes` }, 413);
  let json: unknown;
  try {
    json = JSON.parse(body) as unknown;
  } catch {
    return answer({ error: "body is not JSON" }, 400);
  }
  const parsed = linkSchema.safeParse(json);
  if (!parsed.success) {
    const issues = problemsOf(parsed.error).map(({ path, message }) => ({ field: path || "(link)", message }));
    return answer({ error: `invalid link: ${issues.map((issue) => issue.field).join(", ")}`, issues }, 400);
  }
  const outcome = await receivePixelLink(parsed.data);
  if (outcome.status !== "refused") return answer({ status: outcome.status }, 200);
  const retry = outcome.retryAfterS ? { "Retry-After": String(outcome.retryAfterS) } : undefined;
  return answer({ error: outcome.reason }, outcome.code, retry);
}
